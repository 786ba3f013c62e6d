// Gradient rules of the reductions (src/ops/reduce.ts, extrema.ts,
// variance.ts, softmax.ts, norm.ts). Formulas follow PyTorch 1.13's
// derivatives.yaml / FunctionsManual.cpp in the same order of operations,
// written with torchlet ops so that createGraph differentiates them again.

import type { Tensor } from "../../tensor.js";
import { register, type ReduceOp } from "../registry.js";
import { div, mul, sub } from "../../ops/binary.js";
import { eq, ne, where } from "../../ops/compare.js";
import { zerosLike } from "../../ops/creation.js";
import { arange } from "../../ops/ranges.js";
import { prodExclusive } from "../../ops/softmax.js";
import { expand, view } from "../../ops/views.js";
import { mean, prod, sum } from "../../ops/reduce.js";
import { softmaxRules } from "./softmax.js";
import { restoreDims, expandBack } from "./reduceShared.js";

interface Reduced {
  shape: readonly number[];
  dims: readonly number[];
  keepdim: boolean;
  n: number;
}

/**
 * d prod / d x, the product of the other elements of each slice. Without
 * zeros it is result / x (PyTorch's formula). With zeros, the fused backward
 * (first order) takes PyTorch's exclusive products (a kernel; a full product with two or
 * more zeros is all zeros, PyTorch's shortcut); under createGraph a
 * differentiable form: the product of the nonzero others at a lone zero, 0
 * elsewhere, exact in value and (away from NaN and inf) in its derivatives,
 * except across two zeros of one slice, whose second derivative it drops.
 */
function prodGrad(
  g: Tensor,
  self: Tensor,
  result: Tensor,
  dim: number | null,
  keepdim: boolean,
  fused: boolean,
): Tensor {
  if (self.shape.length === 0) return g;
  const dims = dim === null ? self.shape.map((_, i) => i) : [dim];
  const gU = restoreDims(g, dims, keepdim, self.shape.length);
  const rU = restoreDims(result, dims, keepdim, self.shape.length);
  const zeros = eq(self, 0);
  const nz = sum(zeros).item() as number;
  if (nz === 0) return mul(gU, div(rU, self));
  if (fused) {
    if (dim === null && nz > 1) return zerosLike(self);
    return mul(gU, prodExclusive(self, dim));
  }
  const safe = where(zeros, 1, self);
  const others = dim === null ? prod(safe) : prod(safe, dim, true);
  const lone = eq(sum(zeros, { dim: dims, keepdim: true }), 1);
  const atLoneZero = where(lone, zeros, false);
  const local = where(atLoneZero, others, div(rU, safe));
  return mul(gU, local);
}

/** Full max/min (MaxBackward1): the grad split evenly among the elements equal to the result (NaNs when it is NaN). */
function evenlyDistribute(g: Tensor, s: { self: Tensor; result: Tensor }): Tensor {
  const r = s.result.item() as number;
  const mask = Number.isNaN(r) ? ne(s.self, s.self) : eq(s.self, s.result);
  const count = sum(mask).item() as number;
  return where(mask, div(g, count), 0);
}

/** max/min along a dim (MaxBackward0): the grad goes to the selected index (a scatter, as a where over a one-hot mask). */
function selectedIndex(
  g: Tensor,
  s: { shape: readonly number[]; dim: number; keepdim: boolean; indices: Tensor },
): Tensor {
  const nd = s.shape.length;
  if (nd === 0) return g;
  const gU = restoreDims(g, [s.dim], s.keepdim, nd);
  const iU = restoreDims(s.indices, [s.dim], s.keepdim, nd);
  const n = s.shape[s.dim]!;
  const pos = view(arange(n, { dtype: "int32" }), [n, ...new Array<number>(nd - s.dim - 1).fill(1)]);
  return where(eq(pos, iU), gU, 0);
}

/** amax/amin (AmaxBackward0): (grad / count) * mask, the grad split evenly among ties; a NaN result gives NaN. */
function amaxGrad(g: Tensor, s: { self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }): Tensor {
  const nd = s.self.shape.length;
  const gU = restoreDims(g, s.dims, s.keepdim, nd);
  const rU = restoreDims(s.result, s.dims, s.keepdim, nd);
  const mask = eq(rU, s.self);
  const count = sum(mask, { dim: s.dims, keepdim: true });
  return mul(div(gU, count), mask);
}

interface ProdSaved {
  self: Tensor;
  result: Tensor;
  dim?: number;
  keepdim?: boolean;
}

interface VarSaved {
  self: Tensor;
  dims: number[];
  correction: number;
  keepdim: boolean;
}

/** (2 / (n - correction)) * grad * (self - mean(self, dims)) (var_backward). */
export function varGrad(g: Tensor, s: VarSaved): Tensor {
  // PyTorch 1.13 gives a 0-d input (2 / dof) * grad: inf * grad for the default correction.
  if (s.self.shape.length === 0) return mul(g, 2 / (1 - s.correction));
  const n = s.dims.reduce((a, d) => a * s.self.shape[d]!, 1);
  const gU = restoreDims(g, s.dims, s.keepdim, s.self.shape.length);
  const m = mean(s.self, { dim: s.dims, keepdim: true });
  const scaled = mul(gU, 2 / (n - s.correction));
  return mul(scaled, sub(s.self, m));
}

/** var_backward of (grad / (2 * std)), zero where std is 0 (std_backward). */
function stdGrad(g: Tensor, s: VarSaved & { result: Tensor }): Tensor {
  const q = div(g, mul(s.result, 2));
  const gv = where(eq(s.result, 0), 0, q);
  return varGrad(gv, s);
}

export const reduceRules = register<ReduceOp>({
  sum: { name: "SumBackward0", grads: [(g, s: Reduced) => expand(g, s.shape)] },
  sumDim: { name: "SumBackward1", grads: [(g, s: Reduced) => expandBack(g, s)] },
  mean: { name: "MeanBackward0", grads: [(g, s: Reduced) => div(expand(g, s.shape), s.n)] },
  meanDim: { name: "MeanBackward1", grads: [(g, s: Reduced) => div(expandBack(g, s), s.n)] },
  prod: {
    name: "ProdBackward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: ProdSaved) => prodGrad(g, s.self, s.result, null, false, false)],
    fused: [(g, s: ProdSaved) => prodGrad(g, s.self, s.result, null, false, true)],
  },
  prodDim: {
    name: "ProdBackward1",
    save: { self: 0, result: "result" },
    grads: [(g, s: ProdSaved) => prodGrad(g, s.self, s.result, s.dim!, s.keepdim!, false)],
    fused: [(g, s: ProdSaved) => prodGrad(g, s.self, s.result, s.dim!, s.keepdim!, true)],
  },
  maxAll: { name: "MaxBackward1", save: { self: 0, result: "result" }, grads: [evenlyDistribute] },
  minAll: { name: "MinBackward1", save: { self: 0, result: "result" }, grads: [evenlyDistribute] },
  maxDim: { name: "MaxBackward0", grads: [selectedIndex], nonDifferentiableOutputs: [1] },
  minDim: { name: "MinBackward0", grads: [selectedIndex], nonDifferentiableOutputs: [1] },
  amax: { name: "AmaxBackward0", save: { self: 0, result: "result" }, grads: [amaxGrad] },
  amin: { name: "AminBackward0", save: { self: 0, result: "result" }, grads: [amaxGrad] },
  var: { name: "VarBackward0", save: { self: 0 }, grads: [varGrad] },
  std: { name: "StdBackward0", save: { self: 0, result: "result" }, grads: [stdGrad] },
  ...softmaxRules,
});
