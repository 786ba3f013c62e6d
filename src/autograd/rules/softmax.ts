// Gradient rules of softmax, logSoftmax, logsumexp (src/ops/softmax.ts) and
// norm (src/ops/norm.ts), following PyTorch 1.13's FunctionsManual.cpp.

import type { Tensor } from "../../tensor.js";
import { register, type SoftmaxOp } from "../registry.js";
import { div, mul, pow, sub } from "../../ops/binary.js";
import { abs, exp, sign } from "../../ops/unary.js";
import { eq, ne, where } from "../../ops/compare.js";
import { sum } from "../../ops/reduce.js";
import { restoreDims } from "./reduceShared.js";

interface Along {
  result: Tensor;
  dim: number;
}

interface OverDims {
  self: Tensor;
  result: Tensor;
  dims: number[];
  keepdim: boolean;
}

/** _softmax_backward_data: y * (grad - sum(grad * y, dim)). */
function softmaxGrad(g: Tensor, s: Along): Tensor {
  const gy = mul(g, s.result);
  const dot = sum(gy, { dim: s.dim, keepdim: true });
  return mul(s.result, sub(g, dot));
}

/** _log_softmax_backward_data: grad - exp(y) * sum(grad, dim). */
function logSoftmaxGrad(g: Tensor, s: Along): Tensor {
  const total = sum(g, { dim: s.dim, keepdim: true });
  return sub(g, mul(exp(s.result), total));
}

/** logsumexp_backward: grad * exp(self - result). */
function logsumexpGrad(g: Tensor, s: OverDims): Tensor {
  const nd = s.self.shape.length;
  const gU = restoreDims(g, s.dims, s.keepdim, nd);
  const rU = restoreDims(s.result, s.dims, s.keepdim, nd);
  return mul(gU, exp(sub(s.self, rU)));
}

/**
 * norm_backward for each p. p = 0 has no gradient (PyTorch returns an
 * undefined tensor, so the input's grad stays unset); the infinity norms
 * split the grad evenly among the elements whose |x| attains the norm.
 */
function normGrad(g: Tensor, s: OverDims & { p: number }): Tensor | null {
  const { self: x, p } = s;
  if (p === 0) return null;
  const nd = x.shape.length;
  const gU = restoreDims(g, s.dims, s.keepdim, nd);
  const nU = restoreDims(s.result, s.dims, s.keepdim, nd);
  if (p === 1) return mul(sign(x), gU);
  if (p === 2) {
    // grad * (self / norm).masked_fill_(norm == 0, 0)
    const q = div(x, nU);
    return mul(gU, where(eq(nU, 0), 0, q));
  }
  if (!Number.isFinite(p)) {
    const a = abs(x);
    const mask = where(ne(a, a), true, eq(a, nU));
    const count = sum(mask, { dim: s.dims, keepdim: true });
    const shared = mul(div(gU, count), mask);
    return mul(sign(x), shared);
  }
  const zeroNorm = eq(nU, 0);
  if (p < 1) {
    const powered = pow(abs(x), p - 1);
    const scaled = mul(sign(x), where(eq(x, 0), 0, powered));
    return mul(mul(scaled, gU), pow(nU, 1 - p));
  }
  const scaled = p < 2 ? mul(sign(x), pow(abs(x), p - 1)) : mul(x, pow(abs(x), p - 2));
  const scale = where(zeroNorm, 0, div(gU, pow(nU, p - 1)));
  return mul(scaled, scale);
}

export const softmaxRules = register<SoftmaxOp>({
  softmax: { name: "SoftmaxBackward0", save: { result: "result" }, grads: [softmaxGrad] },
  logSoftmax: { name: "LogSoftmaxBackward0", save: { result: "result" }, grads: [logSoftmaxGrad] },
  logsumexp: { name: "LogsumexpBackward0", save: { self: 0, result: "result" }, grads: [logsumexpGrad] },
  norm: { name: "NormBackward1", save: { self: 0, result: "result" }, grads: [normGrad] },
  // torch.norm with a dtype is another overload in PyTorch, with its own node name.
  normDtype: { name: "NormBackward3", save: { self: 0, result: "result" }, grads: [normGrad] },
});
