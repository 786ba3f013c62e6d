// Gradient rules of the ops of issue 17: masking and triangles
// (src/ops/masking.ts), scans (scans.ts), sorting and selection (sorting.ts)
// and the copying shape ops (reshaping.ts). PyTorch 1.13's formulas from
// derivatives.yaml / FunctionsManual.cpp, written with torchlet ops so
// createGraph differentiates them again.

import type { Tensor } from "../../tensor.js";
import { register, type Rule, type SeqOp } from "../registry.js";
import { add, div, mul, pow, sub } from "../../ops/binary.js";
import { eq, gt, lt, ne, where } from "../../ops/compare.js";
import { abs, exp, log, neg } from "../../ops/unary.js";
import { sum } from "../../ops/reduce.js";
import { reshape, view } from "../../ops/views.js";
import { scatterAddToZeros } from "../../ops/indexing.js";
import { maskedFill, tril, triu } from "../../ops/masking.js";
import { cumsum, cumprod, logcumsumexp } from "../../ops/scans.js";
import { flip, roll } from "../../ops/reshaping.js";
import { restoreDims } from "./reduceShared.js";
import { diagonal, diagonalBackward, rot90 } from "../../ops/rearrange.js";
import { bmm, mm, mv, outer } from "../../ops/linalg.js";
import { t, transpose } from "../../ops/views.js";
import { cross } from "../../ops/products.js";
import { sign } from "../../ops/unary.js";
import { unsqueeze } from "../../ops/views.js";

interface DiagSaved {
  offset: number;
  dim1: number;
  dim2: number;
  shape: readonly number[];
}
const plane = (s: DiagSaved): { offset: number; dim1: number; dim2: number } => ({
  offset: s.offset,
  dim1: s.dim1,
  dim2: s.dim2,
});
interface Scaled {
  beta: number;
  alpha: number;
}
/** PyTorch's maybe_multiply: the grad itself for a factor of 1. */
const scaled = (g: Tensor, k: number): Tensor => (k === 1 ? g : mul(g, k));
interface CdistSaved {
  x1: Tensor;
  x2: Tensor;
  result: Tensor;
  p: number;
}
/**
 * d dist_ij / d x1_i per column, as PyTorch's _cdist_backward: sign(diff)
 * |diff|^(p-1) / dist^(p-1) (0 where dist is 0); sign(diff) for p = 1; at the largest
 * |diff| for p = inf; 0 for p = 0.
 */
function cdistLocal(s: CdistSaved): Tensor {
  const diff = sub(unsqueeze(s.x1, -2), unsqueeze(s.x2, -3));
  const dist = unsqueeze(s.result, -1);
  const zero = eq(dist, 0);
  if (s.p === 0) return mul(diff, 0);
  if (s.p === 1) return sign(diff);
  if (s.p === Infinity) return where(eq(abs(diff), dist), sign(diff), 0);
  if (s.p === 2) return where(zero, 0, div(diff, where(zero, 1, dist)));
  const safe = where(zero, 1, dist);
  const local = div(mul(sign(diff), pow(abs(diff), s.p - 1)), pow(safe, s.p - 1));
  return where(zero, 0, s.p < 1 ? where(eq(diff, 0), 0, local) : local);
}
interface Masked {
  mask: Tensor;
}
interface Dim {
  dim: number;
}
interface Scanned extends Dim {
  self: Tensor;
  result: Tensor;
}

/**
 * addmm, addmv, baddbmm: beta * self + alpha * (a @ b), with the operands
 * saved under the names `[a, b]` and the product's grads `gradA(g, b)` and `gradB(a, g)`.
 */
function scaledProductRule(
  name: string,
  [a, b]: readonly [string, string],
  gradA: (g: Tensor, b: Tensor) => Tensor,
  gradB: (a: Tensor, g: Tensor) => Tensor,
): Rule<Scaled & { [operand: string]: Tensor | number }> {
  return {
    name,
    save: { [a]: { input: 1, neededBy: 2 }, [b]: { input: 2, neededBy: 1 } },
    grads: [
      (g, s) => scaled(g, s.beta),
      (g, s) => scaled(gradA(g, s[b] as Tensor), s.alpha),
      (g, s) => scaled(gradB(s[a] as Tensor, g), s.alpha),
    ],
  };
}

/** sum over i >= j of x_i, along dim: cumsum of the reversed tensor, reversed back (PyTorch's cumsum_backward). */
function reversedCumsum(x: Tensor, dim: number): Tensor {
  if (x.shape.length === 0) return x;
  return flip(cumsum(flip(x, dim), dim), dim);
}

/**
 * cumprod_backward, zero-safe: before a slice's first zero the grad is
 * reversed_cumsum(g * out) / x; at the first zero, the reversed cumsum of g
 * times the products with that zero taken as 1; after it, 0 (each later
 * output holds the zero as a factor).
 */
function cumprodGrad(g: Tensor, s: Scanned): Tensor {
  const { self: x, result: out, dim } = s;
  if (x.numel() <= 1) return g;
  const zeros = eq(x, 0);
  const seen = cumsum(zeros, dim);
  const before = eq(seen, 0);
  const first = where(zeros, eq(seen, 1), false);
  const safe = where(before, x, 1);
  const head = div(reversedCumsum(mul(g, out), dim), safe);
  const withOne = cumprod(where(first, 1, x), dim);
  const atZero = reversedCumsum(mul(g, withOne), dim);
  return where(before, head, where(first, atZero, 0));
}

/** logcumsumexp_backward: the positive and negative parts of grad in log space, reverse-scanned. */
function logcumsumexpGrad(g: Tensor, s: Scanned): Tensor {
  const { self, result, dim } = s;
  if (self.shape.length === 0) return g;
  const lowest = g.dtype === "float64" ? -Number.MAX_VALUE : -3.4028234663852886e38;
  const rev = (t: Tensor): Tensor => flip(logcumsumexp(flip(t, dim), dim), dim);
  const logAbs = log(abs(g));
  const pos = where(gt(g, 0), logAbs, lowest);
  const neg = where(lt(g, 0), logAbs, lowest);
  const outPos = exp(add(rev(sub(pos, result)), self));
  const outNeg = exp(add(rev(sub(neg, result)), self));
  return sub(outPos, outNeg);
}

/** cummaxmin_backward: the grad added at the indices the running extremum came from. */
const scatterBack = (g: Tensor, s: Dim & { indices: Tensor; shape: readonly number[] }): Tensor =>
  scatterAddToZeros(s.shape, s.dim, s.indices, g);

/** value_selecting_reduction_backward: the grad put back at the selected indices (dims restored first). */
function selectedBack(g: Tensor, s: Dim & { indices: Tensor; shape: readonly number[]; keepdim?: boolean }): Tensor {
  const nd = s.shape.length;
  const gU = restoreDims(g, [s.dim], s.keepdim ?? true, nd);
  const iU = restoreDims(s.indices, [s.dim], s.keepdim ?? true, nd);
  return scatterAddToZeros(s.shape, s.dim, iU, gU);
}

/** evenly_distribute_backward: the grad split among the elements equal to the result (the NaNs when it is NaN). */
function evenlyDistribute(g: Tensor, s: { self: Tensor; result: Tensor }): Tensor {
  const r = s.result.item() as number;
  const mask = Number.isNaN(r) ? ne(s.self, s.self) : eq(s.self, s.result);
  const count = sum(mask).item() as number;
  return where(mask, div(g, count), 0);
}

/** repeat's grad: the grad viewed as [r0, s0, r1, s1, ...] summed over the r's. */
function repeatGrad(g: Tensor, s: { repeats: readonly number[]; shape: readonly number[] }): Tensor {
  const lead = s.repeats.length - s.shape.length;
  const sizes = [...new Array<number>(lead).fill(1), ...s.shape];
  const split: number[] = [];
  sizes.forEach((n, d) => split.push(s.repeats[d]!, n));
  const summed = sum(reshape(g, split), { dim: sizes.map((_, d) => 2 * d) });
  return view(summed, [...s.shape]);
}

export const seqRules = register<SeqOp>({
  maskedFill: { name: "MaskedFillBackward0", grads: [(g, s: Masked) => maskedFill(g, s.mask, 0)] },
  maskedFillTensor: {
    name: "MaskedFillBackward1",
    grads: [(g, s: Masked) => maskedFill(g, s.mask, 0), (g, s: Masked) => sum(where(s.mask, g, 0))],
  },
  tril: { name: "TrilBackward0", grads: [(g, s: { diagonal: number }) => tril(g, s.diagonal)] },
  triu: { name: "TriuBackward0", grads: [(g, s: { diagonal: number }) => triu(g, s.diagonal)] },
  cumsum: { name: "CumsumBackward0", grads: [(g, s: Dim) => reversedCumsum(g, s.dim)] },
  cumprod: { name: "CumprodBackward0", save: { self: 0, result: "result" }, grads: [cumprodGrad] },
  logcumsumexp: { name: "LogcumsumexpBackward0", save: { self: 0, result: "result" }, grads: [logcumsumexpGrad] },
  cummax: { name: "CummaxBackward0", grads: [scatterBack], nonDifferentiableOutputs: [1] },
  cummin: { name: "CumminBackward0", grads: [scatterBack], nonDifferentiableOutputs: [1] },
  flip: { name: "FlipBackward0", grads: [(g, s: { dims: number[] }) => flip(g, s.dims)] },
  roll: {
    name: "RollBackward0",
    grads: [
      (g, s: { shifts: number[]; dims: number[] }) =>
        roll(
          g,
          s.shifts.map((k) => -k),
          s.dims,
        ),
    ],
  },
  repeat: { name: "RepeatBackward0", grads: [repeatGrad] },
  sort: { name: "SortBackward0", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  sortStable: { name: "SortBackward1", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  topk: { name: "TopkBackward0", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  kthvalue: { name: "KthvalueBackward0", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  medianDim: { name: "MedianBackward1", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  mode: { name: "ModeBackward0", grads: [selectedBack], nonDifferentiableOutputs: [1] },
  rot90: {
    name: "Rot90Backward0",
    grads: [(g, s: { k: number; dims: number[] }) => rot90(g, -s.k, s.dims)],
  },
  diagonal: { name: "DiagonalBackward0", grads: [(g, s: DiagSaved) => diagonalBackward(g, s.shape, s)] },
  diagonalBackward: { name: "DiagonalBackwardBackward0", grads: [(g, s: DiagSaved) => diagonal(g, plane(s))] },
  diagEmbed: { name: "DiagEmbedBackward0", grads: [(g, s: DiagSaved) => diagonal(g, plane(s))] },
  diag: {
    name: "DiagBackward0",
    grads: [(g, s: DiagSaved) => (s.shape.length === 1 ? diagonal(g, plane(s)) : diagonalBackward(g, s.shape, s))],
  },
  addmmScaled: scaledProductRule(
    "AddmmBackward0",
    ["mat1", "mat2"],
    (g, b) => mm(g, t(b)),
    (a, g) => mm(t(a), g),
  ),
  addmv: scaledProductRule(
    "AddmvBackward0",
    ["mat", "vec"],
    (g, b) => outer(g, b),
    (a, g) => mv(t(a), g),
  ),
  baddbmm: scaledProductRule(
    "BaddbmmBackward0",
    ["batch1", "batch2"],
    (g, b) => bmm(g, transpose(b, 1, 2)),
    (a, g) => bmm(transpose(a, 1, 2), g),
  ),

  cross: {
    name: "LinalgCrossBackward0",
    save: { self: { input: 0, neededBy: 1 }, other: { input: 1, neededBy: 0 } },
    grads: [
      (g, s: Dim & { other: Tensor }) => cross(s.other, g, { dim: s.dim }),
      (g, s: Dim & { self: Tensor }) => cross(g, s.self, { dim: s.dim }),
    ],
  },
  cdist: {
    name: "CdistBackward0",
    save: { x1: 0, x2: 1, result: "result" },
    grads: (g, s: CdistSaved, _grads, i) => {
      const t = cdistLocal(s);
      const gt3 = mul(unsqueeze(g, -1), t);
      return i === 0 ? sum(gt3, { dim: -2 }) : neg(sum(gt3, { dim: -3 }));
    },
  },
  medianAll: { name: "MedianBackward0", save: { self: 0, result: "result" }, grads: [evenlyDistribute] },
});
