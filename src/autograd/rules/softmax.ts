// Gradient rules of softmax, logSoftmax, logsumexp (src/ops/softmax.ts) and
// norm (src/ops/norm.ts), following PyTorch 1.13's FunctionsManual.cpp.

import type { Tensor } from "../../tensor.js";
import { register, type SoftmaxOp } from "../registry.js";
import { div, mul, pow, sub } from "../../ops/binary.js";
import { abs, exp, sign } from "../../ops/unary.js";
import { eq, ne, where } from "../../ops/compare.js";
import { sum } from "../../ops/reduce.js";
import { withTemps, restoreDims } from "./reduceShared.js";


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
  return withTemps((tmp) => {
    const gy = tmp.add(mul(g, s.result));
    const dot = tmp.add(sum(gy, { dim: s.dim, keepdim: true }));
    return mul(s.result, tmp.add(sub(g, dot)));
  });
}

/** _log_softmax_backward_data: grad - exp(y) * sum(grad, dim). */
function logSoftmaxGrad(g: Tensor, s: Along): Tensor {
  return withTemps((tmp) => {
    const total = tmp.add(sum(g, { dim: s.dim, keepdim: true }));
    return sub(g, tmp.add(mul(tmp.add(exp(s.result)), total)));
  });
}

/** logsumexp_backward: grad * exp(self - result). */
function logsumexpGrad(g: Tensor, s: OverDims): Tensor {
  return withTemps((tmp) => {
    const nd = s.self.shape.length;
    const gU = tmp.add(restoreDims(g, s.dims, s.keepdim, nd), g);
    const rU = tmp.add(restoreDims(s.result, s.dims, s.keepdim, nd), s.result);
    return mul(gU, tmp.add(exp(tmp.add(sub(s.self, rU)))));
  });
}

/**
 * norm_backward for each p. p = 0 has no gradient (PyTorch returns an
 * undefined tensor, so the input's grad stays unset); the infinity norms
 * split the grad evenly among the elements whose |x| attains the norm.
 */
function normGrad(g: Tensor, s: OverDims & { p: number }): Tensor | null {
  const { self: x, p } = s;
  if (p === 0) return null;
  return withTemps((tmp) => {
    const nd = x.shape.length;
    const gU = tmp.add(restoreDims(g, s.dims, s.keepdim, nd), g);
    const nU = tmp.add(restoreDims(s.result, s.dims, s.keepdim, nd), s.result);
    if (p === 1) return mul(tmp.add(sign(x)), gU);
    if (p === 2) {
      // grad * (self / norm).masked_fill_(norm == 0, 0)
      const q = tmp.add(div(x, nU));
      return mul(gU, tmp.add(where(tmp.add(eq(nU, 0)), 0, q)));
    }
    if (!Number.isFinite(p)) {
      const a = tmp.add(abs(x));
      const mask = tmp.add(where(tmp.add(ne(a, a)), true, tmp.add(eq(a, nU))));
      const count = tmp.add(sum(mask, { dim: s.dims, keepdim: true }));
      const shared = tmp.add(mul(tmp.add(div(gU, count)), mask));
      return mul(tmp.add(sign(x)), shared);
    }
    const zeroNorm = tmp.add(eq(nU, 0));
    if (p < 1) {
      const powered = tmp.add(pow(tmp.add(abs(x)), p - 1));
      const scaled = tmp.add(mul(tmp.add(sign(x)), tmp.add(where(tmp.add(eq(x, 0)), 0, powered))));
      return mul(tmp.add(mul(scaled, gU)), tmp.add(pow(nU, 1 - p)));
    }
    const scaled = p < 2
      ? tmp.add(mul(tmp.add(sign(x)), tmp.add(pow(tmp.add(abs(x)), p - 1))))
      : tmp.add(mul(x, tmp.add(pow(tmp.add(abs(x)), p - 2))));
    const scale = tmp.add(where(zeroNorm, 0, tmp.add(div(gU, tmp.add(pow(nU, p - 1))))));
    return mul(scaled, scale);
  });
}

export const softmaxRules = register<SoftmaxOp>({
  softmax: { name: "SoftmaxBackward0", save: { result: "result" }, grads: [softmaxGrad] },
  logSoftmax: { name: "LogSoftmaxBackward0", save: { result: "result" }, grads: [logSoftmaxGrad] },
  logsumexp: { name: "LogsumexpBackward0", save: { self: 0, result: "result" }, grads: [logsumexpGrad] },
  norm: { name: "NormBackward1", save: { self: 0, result: "result" }, grads: [normGrad] },
  // torch.norm with a dtype is another overload in PyTorch, with its own node name.
  normDtype: { name: "NormBackward3", save: { self: 0, result: "result" }, grads: [normGrad] },
});
