// nllLoss and crossEntropy, as PyTorch 1.13 builds them.
//
// nll_loss runs one fused kernel each way (assembly/kernels/loss.ts) over the
// input seen as [N, C, S]: NllLossBackward0 for 1-D and 2-D inputs,
// NllLoss2DBackward0 for more dims. Its forward sums with PyTorch's cascade,
// so float32 losses round as PyTorch's.
//
// cross_entropy with class indices is nll_loss(log_softmax(x)), the graph
// PyTorch leaves (NllLossBackward0 over LogSoftmaxBackward0); the
// log_softmax node here has a fused backward (g - exp(y) * sum(g)), one pass
// over [N, C] for the training hot path. Label smoothing and class
// probabilities are compositions, in PyTorch's order of operations.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { numelOf, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { checkTensor, toDType } from "../../ops/launch.js";
import { indexForKernel, isIndexTensor } from "../../ops/indexArg.js";
import { add, sub, mul, div } from "../../ops/binary.js";
import { neg, exp } from "../../ops/unary.js";
import { eq, where } from "../../ops/compare.js";
import { sum } from "../../ops/reduce.js";
import { logSoftmax } from "../../ops/softmax.js";
import { reshape, view } from "../../ops/views.js";
import { onesLike } from "../../ops/creation.js";
import { checkNumber, checkReduction, contiguousOf, reductionCode, type Reduction, checkArgs } from "./common.js";
import { inFloat32 } from "./bfloat16.js";

/** The keyword arguments of F.nll_loss: `{ weight, ignoreIndex, reduction }` (PyTorch's ignore_index). */
export interface NllLossOptions {
  /** A rescaling weight per class: a 1-D tensor of C values. */
  weight?: Tensor | null;
  /** Targets equal to this are skipped (and do not count in the mean). Default -100. */
  ignoreIndex?: number;
  /** "mean" (default, over the total weight of the targets not ignored), "sum" or "none". */
  reduction?: Reduction;
}

/**
 * The keyword arguments of F.cross_entropy: `{ weight, ignoreIndex, reduction,
 * labelSmoothing }` (PyTorch's label_smoothing).
 */
export interface CrossEntropyOptions extends NllLossOptions {
  /** Mixes the target with the uniform distribution: (1 - s) * target + s / C. Default 0. */
  labelSmoothing?: number;
}

/** What NllLossBackward0 keeps. */
export interface NllSaved {
  target: Tensor;
  weight: Tensor | null;
  totalWeight: Tensor;
  shape: readonly number[];
  N: number;
  C: number;
  S: number;
  ignoreIndex: number;
  reduction: Reduction;
}

const NLL_KEYS = ["weight", "ignoreIndex", "reduction"];

/** Checks in nll_loss_nd's order and words; returns the [N, C, S] view of the input. */
function nllGeometry(input: Tensor, target: Tensor, weight: Tensor | null): { N: number; C: number; S: number } {
  const nd = input.shape.length;
  if (nd < 1) throw new RangeError(`Expected 1 or more dimensions (got ${nd})`);
  if (nd !== 1 && input.shape[0] !== target.shape[0]) {
    throw new RangeError(
      `Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0] ?? 1}).`,
    );
  }
  const C = nd === 1 ? input.shape[0]! : input.shape[1]!;
  if (weight !== null && (weight.shape.length !== 1 || weight.numel() !== C)) {
    throw new RangeError(
      `weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${showShape(weight.shape)}`,
    );
  }
  if (nd <= 2) {
    if (target.shape.length > 1) throw new RangeError("0D or 1D target tensor expected, multi-target not supported");
    if (nd === 2 && target.shape.length !== 1)
      throw new RangeError(`size mismatch (got input: ${showShape(input.shape)}, target: ${showShape(target.shape)})`);
    if (nd === 1 && target.shape.length !== 0)
      throw new RangeError(`size mismatch (got input: ${showShape(input.shape)}, target: ${showShape(target.shape)})`);
    checkTargetType(target);
    return { N: nd === 1 ? 1 : input.shape[0]!, C, S: 1 };
  }
  const spatial = input.shape.slice(2);
  const same = target.shape.length === nd - 1 && spatial.every((s, i) => target.shape[i + 1] === s);
  if (!same) {
    if (nd === 4) {
      throw new RangeError(
        `input and target batch or spatial sizes don't match: target ${showShape(target.shape)}, input ${showShape(input.shape)}`,
      );
    }
    throw new RangeError(
      `Expected target size ${showShape([input.shape[0]!, ...spatial])}, got ${showShape(target.shape)}`,
    );
  }
  checkTargetType(target);
  return { N: input.shape[0]!, C, S: numelOf(spatial) };
}

const targetTypeMessage = (target: Tensor): string =>
  `expected scalar type Long but found ${scalarTypeName[target.dtype]}`;

/** Class indices are int64 (int32 is accepted too); checked after the shapes, as PyTorch does. */
function checkTargetType(target: Tensor): void {
  if (!isIndexTensor(target)) throw new TypeError(targetTypeMessage(target));
}

/**
 * Negative log likelihood of class indices: -input[n, target[n]] * weight[target[n]],
 * averaged over the total weight of the targets not ignored (NllLossBackward0;
 * NllLoss2DBackward0 for inputs [N, C, d1, ...]). Targets are int64 (or int32).
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NllLossOptions = {}): Tensor {
  checkArgs("nllLoss", { input, target }, opts, NLL_KEYS);
  const reduction = checkReduction(opts.reduction);
  const ignoreIndex = opts.ignoreIndex === undefined ? -100 : checkNumber(opts.ignoreIndex, "nllLoss", "ignore_index");
  const weight = opts.weight ?? null;
  if (weight !== null) checkTensor(weight, "nllLoss", "weight");
  if (!isFloating(input.dtype))
    throw new TypeError(`"nll_loss_out_frame" not implemented for '${scalarTypeName[input.dtype]}'`);
  const wide = inFloat32("nll_loss_out_frame", [input, target, opts], (x, t, o) =>
    nllLoss(x as Tensor, t as Tensor, o as NllLossOptions),
  );
  if (wide !== undefined) return wide;
  const { N, C, S } = nllGeometry(input, target, weight);
  const nd = input.shape.length;
  const dtype = input.dtype;
  // A 1-D input gives a 0-d loss even without reduction (its one term).
  const red: Reduction = nd === 1 && reduction === "none" ? "sum" : reduction;
  return scoped(() => {
    const x = contiguousOf(input);
    const t = indexForKernel(contiguousOf(target), targetTypeMessage(target));
    const w = weight === null ? null : contiguousOf(toDType(weight, dtype).t);
    // Without reduction: [N] for 2-D inputs, [N, d1, d2] for 4-D ones (nll_loss2d's own shape), else
    // [N, S], which nll_loss_nd views back to [N, d1, ...] (ViewBackward0).
    const outShape = red !== "none" ? [] : nd === 2 ? [N] : nd === 4 ? [N, ...input.shape.slice(2)] : [N, S];
    const out = Tensor._empty(outShape, dtype);
    const totalWeight = Tensor._empty([], dtype);
    const bad = abi.kernel("nll_loss", dtype, "nll_loss")(
      x._addr(),
      t._addr(),
      w === null ? 0 : w._addr(),
      out._addr(),
      totalWeight._addr(),
      N,
      C,
      S,
      ignoreIndex,
      reductionCode(red),
    ) as number;
    if (bad !== 0) {
      const value = abi.view("int32", t._addr(), N * S)[bad - 1]!;
      throw new RangeError(`Target ${value} is out of bounds.`);
    }
    const saved = {
      target,
      weight: w,
      totalWeight,
      shape: input.shape,
      N,
      C,
      S,
      ignoreIndex,
      reduction: red,
    } satisfies NllSaved;
    if (nd <= 2) return record("nllLoss", out, [input], saved);
    const recorded = record("nllLoss2d", out, [input], saved);
    if (red !== "none" || nd === 4) return recorded;
    return view(recorded, [N, ...input.shape.slice(2)]);
  });
}

/** The gradient of nll_loss w.r.t. its input in one kernel (the rules' fused backward). */
export function nllLossGradFused(g: Tensor, s: NllSaved): Tensor {
  const dtype = s.totalWeight.dtype;
  const gc = contiguousOf(toDType(g, dtype).t);
  const t = indexForKernel(contiguousOf(s.target), targetTypeMessage(s.target));
  const out = Tensor._empty(s.shape, dtype);
  abi.kernel("nll_loss_backward", dtype, "nll_loss_backward")(
    gc._addr(),
    t._addr(),
    s.weight === null ? 0 : s.weight._addr(),
    s.totalWeight._addr(),
    out._addr(),
    s.N,
    s.C,
    s.S,
    s.ignoreIndex,
    reductionCode(s.reduction),
  );
  return out;
}

/** The gradient of nll_loss w.r.t. its input, differentiable: a constant pattern times g. */
export function nllLossGrad(g: Tensor, s: NllSaved): Tensor {
  // Linear in g: the pattern for g = 1, times g broadcast over the class dim.
  const ones = onesLike(g);
  const k = noGrad(() => nllLossGradFused(ones, s));
  if (s.reduction !== "none") return mul(k, g);
  const gShape = s.shape.length === 2 ? [s.N, 1] : [s.N, 1, ...s.shape.slice(2)];
  return mul(k, reshape(g, gShape));
}

// ---- cross entropy ----------------------------------------------------------------

/** log_softmax over the class dim, recorded with a fused backward (LogSoftmaxBackward0). */
function logSoftmaxForLoss(input: Tensor, dim: number): Tensor {
  const out = noGrad(() => logSoftmax(input, dim));
  return record("crossEntropyLogSoftmax", out, [input], { dim });
}

/** _log_softmax_backward_data: g - exp(y) * sum(g, dim). */
export function logSoftmaxLossGrad(g: Tensor, s: { result: Tensor; dim: number }): Tensor {
  const total = sum(g, { dim: s.dim, keepdim: true });
  return sub(g, mul(exp(s.result), total));
}

/** The same in one pass over the rows (the rule's fused backward) when y and g are contiguous. */
export function logSoftmaxLossGradFused(g: Tensor, s: { result: Tensor; dim: number }): Tensor {
  const y = s.result;
  if (!(g.dtype === y.dtype && g.isContiguous() && y.isContiguous() && g.shape.length === y.shape.length))
    return logSoftmaxLossGrad(g, s);
  const D = y.shape[s.dim] ?? 1;
  const O = numelOf(y.shape.slice(0, s.dim));
  const I = numelOf(y.shape.slice(s.dim + 1));
  const out = Tensor._empty(y.shape, y.dtype);
  if (out.numel() > 0) abi.kernel("log_softmax_backward", y.dtype)(g._addr(), y._addr(), out._addr(), O, D, I);
  return out;
}

/** t / s for a number s, recorded as PyTorch's Tensor / Scalar (DivBackward1). */
export function divScalar(t: Tensor, s: number): Tensor {
  const out = noGrad(() => div(t, s));
  return record("divScalar", out, [t], { other: s });
}

/**
 * Cross entropy between logits `input` ([N, C], [C] or [N, C, d1, ...]) and
 * either class indices (int64, [N] or [N, d1, ...]) or class probabilities
 * (same shape as the input). Class indices give NllLossBackward0 over
 * LogSoftmaxBackward0, as PyTorch 1.13.
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  checkArgs("crossEntropy", { input, target }, opts, [...NLL_KEYS, "labelSmoothing"]);
  const reduction = checkReduction(opts.reduction);
  const ignoreIndex =
    opts.ignoreIndex === undefined ? -100 : checkNumber(opts.ignoreIndex, "crossEntropy", "ignore_index");
  const ls =
    opts.labelSmoothing === undefined ? 0 : checkNumber(opts.labelSmoothing, "crossEntropy", "label_smoothing");
  const weight = opts.weight ?? null;
  if (weight !== null) checkTensor(weight, "crossEntropy", "weight");
  if (input.shape.length < 1) throw new RangeError(`Expected 1 or more dimensions (got ${input.shape.length})`);
  const classDim = input.shape.length === 1 ? 0 : 1;
  const sameShape = input.shape.length === target.shape.length && input.shape.every((d, i) => target.shape[i] === d);
  if (sameShape) {
    if (!isFloating(target.dtype)) {
      throw new TypeError(
        `Expected floating point type for target with class probabilities, got ${scalarTypeName[target.dtype]}`,
      );
    }
    if (ignoreIndex >= 0) throw new RangeError("ignore_index is not supported for floating point target");
    return probabilityTarget(input, target, weight, reduction, ls, classDim);
  }
  if (ls > 0) {
    if (ls > 1) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
    return labelSmoothed(input, target, weight, reduction, ignoreIndex, ls, classDim);
  }
  return scoped(() => {
    const logp = logSoftmaxForLoss(input, classDim);
    return nllLoss(logp, target, { weight, ignoreIndex, reduction });
  });
}

/** cross_entropy_loss_prob_target. */
function probabilityTarget(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ls: number,
  classDim: number,
): Tensor {
  const C = input.shape[classDim]!;
  if (weight !== null && (weight.shape.length !== 1 || weight.numel() !== C)) {
    throw new RangeError(
      `cross_entropy: weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${showShape(weight.shape)}`,
    );
  }
  if (ls > 1) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  return scoped(() => {
    const logp = logSoftmaxForLoss(input, classDim);
    const t = ls > 0 ? add(mul(target, 1 - ls), ls / C) : target;
    let prod = mul(logp, t);
    if (weight !== null) {
      prod = mul(prod, classWeight(weight, input.shape, classDim));
    }
    if (reduction === "none") return neg(sum(prod, { dim: classDim }));
    const total = neg(sum(prod));
    if (reduction === "sum") return total;
    // input.numel() / n_classes is an integer division in PyTorch; an empty input gives nan.
    return divScalar(total, input.numel() === 0 ? 0 : Math.trunc(input.numel() / C));
  });
}

/** The class weight shaped to broadcast along the class dim of an input of `shape`. */
const classWeight = (weight: Tensor, shape: readonly number[], classDim: number): Tensor =>
  shape.length > 1
    ? reshape(
        weight,
        shape.map((d, i) => (i === classDim ? d : 1)),
      )
    : weight;

/** cross_entropy_loss_label_smoothing: (1 - s) * nll + s / C * (the loss against the uniform distribution). */
function labelSmoothed(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
  ls: number,
  classDim: number,
): Tensor {
  const C = input.shape[classDim]!;
  return scoped(() => {
    const logp = logSoftmaxForLoss(input, classDim);
    const nll = nllLoss(logp, target, { weight, ignoreIndex, reduction });
    const ignored = eq(target, ignoreIndex);
    let smooth: Tensor;
    if (weight !== null) {
      smooth = neg(sum(mul(logp, classWeight(weight, input.shape, classDim)), { dim: classDim }));
    } else {
      smooth = neg(sum(logp, { dim: classDim }));
    }
    smooth = where(ignored, 0, smooth);
    let ret: Tensor;
    if (reduction === "mean") {
      const kept = Array.from(target.toArray() as Int32Array | BigInt64Array, Number).filter((v) => v !== ignoreIndex);
      if (weight !== null) {
        // smooth_loss.sum() / weight.gather(0, target.masked_select(~ignore_mask)).sum()
        const wv = weight.toArray() as Float32Array | Float64Array;
        const f = weight.dtype === "float32" ? Math.fround : (v: number) => v;
        let denom = 0;
        for (const k of kept) denom = f(denom + wv[k]!);
        ret = div(sum(smooth), denom);
      } else {
        // smooth_loss.masked_select(~ignore_mask).mean()
        ret = div(sum(smooth), kept.length);
      }
    } else if (reduction === "sum") {
      ret = sum(smooth);
    } else {
      ret = smooth;
    }
    return add(mul(nll, 1 - ls), mul(ret, ls / C));
  });
}
