// F.multi_margin_loss (MultiMarginLossBackward0): the multi-class hinge
// loss. Each sample's sum over the wrong classes runs in the input's dtype
// and the sum over samples in double, in PyTorch 1.13's CPU kernel's
// order; the loop runs on the values copied out of wasm memory, since its
// cost is one pass over an N x C input.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { showShape } from "../../shape.js";
import { record } from "../../autograd/function.js";
import { isGradEnabled } from "../../autograd/gradMode.js";
import { fromArray } from "../../ops/fromData.js";
import { mul } from "../../ops/binary.js";
import { unsqueeze } from "../../ops/views.js";
import { checkTensor } from "../../ops/launch.js";
import { checkArgs, checkNumber, checkReduction, type Reduction } from "./common.js";

/** The keyword arguments of F.multi_margin_loss: `{ p, margin, weight, reduction }`. */
export interface MultiMarginOptions {
  /** 1 (default) or 2: the power of each hinge term. */
  p?: number;
  /** The margin (default 1). */
  margin?: number;
  /** A weight per class (1-D, C elements), or null. */
  weight?: Tensor | null;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** What multi_margin_loss keeps for backward. */
export interface MultiMarginSaved {
  input: Tensor;
  target: Tensor;
  p: number;
  margin: number;
  weight: Float64Array | null;
  reduction: Reduction;
  nframe: number;
  dim: number;
}

/** The class indices of `target` as numbers, each checked against dim. */
function targetIndices(target: Tensor, nframe: number, dim: number): number[] {
  const raw = target.toArray() as ArrayLike<number | bigint>;
  const out = Array.from({ length: nframe }, (_, i) => Number(raw[i]!));
  for (const t of out) if (!(t >= 0 && t < dim)) throw new RangeError("target out of range");
  return out;
}

/**
 * Calls `each(t, y, d, z)` for each sample t (row of `x`, `dim` classes), in
 * order, and each class d other than its target y = idx[t] whose hinge
 * z = margin - x[y] + x[d] (rounded by `f`) is positive.
 */
function forEachHinge(
  x: ArrayLike<number>,
  idx: ArrayLike<number>,
  dim: number,
  margin: number,
  f: (v: number) => number,
  each: (t: number, y: number, d: number, z: number) => void,
): void {
  for (let t = 0; t < idx.length; t++) {
    const y = idx[t]!,
      o = t * dim,
      xt = x[o + y]!;
    for (let d = 0; d < dim; d++) {
      if (d === y) continue;
      const z = f(f(margin - xt) + x[o + d]!);
      if (z > 0) each(t, y, d, z);
    }
  }
}

/**
 * Multi-class hinge loss: for each sample, the sum over classes j != y of
 * max(0, margin - x[y] + x[j])^p (times weight[y]), divided by C.
 */
export function multiMarginLoss(input: Tensor, target: Tensor, opts: MultiMarginOptions = {}): Tensor {
  checkArgs("multiMarginLoss", { input, target }, opts, ["p", "margin", "weight", "reduction"]);
  const reduction = checkReduction(opts.reduction);
  const p = opts.p === undefined ? 1 : checkNumber(opts.p, "multiMarginLoss", "p");
  const margin = opts.margin === undefined ? 1 : checkNumber(opts.margin, "multiMarginLoss", "margin");
  if (p !== 1 && p !== 2) throw new RangeError("only p == 1 and p == 2 supported");
  const weight = opts.weight ?? null;
  if (weight !== null) {
    checkTensor(weight, "multiMarginLoss", "weight");
    if (weight.ndim !== 1) throw new RangeError("weight must be one-dimensional");
  }
  if (!isFloating(input.dtype))
    throw new TypeError(`"multi_margin_loss_cpu" not implemented for '${scalarTypeName[input.dtype]}'`);
  const nd = input.ndim;
  if (!((nd === 2 && input.shape[1] !== 0) || (nd === 1 && input.shape[0] !== 0) || nd === 0)) {
    throw new RangeError(
      `Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${showShape(input.shape)}`,
    );
  }
  const nframe = nd <= 1 ? 1 : input.shape[0]!;
  const dim = nd === 0 ? 1 : input.shape[nd - 1]!;
  if (!(target.ndim <= 1 && target.numel() === nframe))
    throw new RangeError(`inconsistent target size, expected ${nframe} but got ${showShape(target.shape)}`);
  if (weight !== null && weight.numel() !== dim)
    throw new RangeError(`inconsistent weight size, expected ${dim} but got ${showShape(weight.shape)}`);
  const idx = targetIndices(target, nframe, dim);
  const f = input.dtype === "float32" ? Math.fround : (v: number) => v;
  const x = Float64Array.from(input.toArray() as Float32Array | Float64Array);
  const w = weight === null ? null : Float64Array.from(weight.toArray() as Float32Array | Float64Array, f);
  const m = f(margin);
  const rows = new Float64Array(nframe);
  forEachHinge(x, idx, dim, m, f, (t, y, _d, z) => {
    let h = p === 1 ? z : f(z * z);
    if (w !== null) h = f(h * w[y]!);
    rows[t] = f(rows[t]! + h);
  });
  for (let t = 0; t < nframe; t++) rows[t] = f(rows[t]! / dim);
  let out: Tensor;
  if (reduction === "none" && target.ndim > 0) out = fromArray(rows, [nframe], { dtype: input.dtype });
  else {
    let s = 0;
    for (const v of rows) s += v;
    if (reduction === "mean") s /= nframe;
    out = fromArray([s], [], { dtype: input.dtype });
  }
  if (weight !== null && weight.requiresGrad && isGradEnabled()) {
    out.dispose();
    throw new Error(
      "The function 'multi_margin_loss' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.",
    );
  }
  return record("multiMarginLoss", out, [input, target, weight], { p, margin, weight: w, reduction, nframe, dim });
}

/** The grad of multi_margin_loss w.r.t. its input, PyTorch 1.13's CPU backward. */
export function multiMarginGradInput(g: Tensor, s: MultiMarginSaved): Tensor {
  const { input, p, weight, reduction, nframe, dim } = s;
  const f = input.dtype === "float32" ? Math.fround : (v: number) => v;
  const x = input.toArray() as Float32Array | Float64Array;
  const idx = targetIndices(s.target, nframe, dim);
  const gs = f(reduction === "mean" ? 1 / (nframe * dim) : 1 / dim);
  const m = f(s.margin);
  const gi = new Float64Array(nframe * dim);
  forEachHinge(x, idx, dim, m, f, (t, y, d, z) => {
    let h = p === 1 ? gs : f(f(2 * gs) * z);
    if (weight !== null) h = f(h * weight[y]!);
    // The target's own entry gathers minus the others' grads.
    gi[t * dim + y] = f(gi[t * dim + y]! - h);
    gi[t * dim + d] = h;
  });
  const local = fromArray(gi, input.shape as number[], { dtype: input.dtype });
  // One grad per sample (reduction "none" over a batch) scales its row.
  return mul(local, reduction === "none" && g.ndim > 0 && input.ndim === 2 ? unsqueeze(g, 1) : g);
}
