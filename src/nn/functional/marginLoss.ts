// The margin losses of nn.functional, composed as PyTorch 1.13's ATen
// composites are (so the grad_fn names match): cosine_embedding_loss,
// margin_ranking_loss, hinge_embedding_loss, triplet_margin_loss; and
// soft_margin_loss, which has its own node (SoftMarginLossBackward0).

import { Tensor } from "../../tensor.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { isGradEnabled, noGrad } from "../../autograd/gradMode.js";
import { add, sub, mul, div } from "../../ops/binary.js";
import { neg, exp, log, sqrt } from "../../ops/unary.js";
import { eq, ne, where } from "../../ops/compare.js";
import { minimum } from "../../ops/binary.js";
import { sum } from "../../ops/reduce.js";
import { zerosLike } from "../../ops/creation.js";
import { showShape } from "../../shape.js";
import { checkArgs, checkNumber, checkReduction, type Reduction } from "./common.js";
import { applyReduction, clampMin } from "./lossOps.js";
import { pairwiseDistance } from "./distance.js";

/** The keyword arguments of the losses with a margin: `{ margin, reduction }`. */
export interface MarginOptions {
  /** The margin (default 0 for cosineEmbeddingLoss and marginRankingLoss, 1 for hingeEmbeddingLoss). */
  margin?: number;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** The tensors (by name) and options of a margin loss, checked: its margin (default `dflt`) and reduction. */
function marginArgs(fn: string, opts: unknown, tensors: Record<string, unknown>, dflt: number): [number, Reduction] {
  checkArgs(fn, tensors, opts, ["margin", "reduction"]);
  const o = (opts ?? {}) as MarginOptions;
  const reduction = checkReduction(o.reduction);
  return [o.margin === undefined ? dflt : checkNumber(o.margin, fn, "margin"), reduction];
}

const EPSILON = 1e-12;

/**
 * 1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it
 * is -1; cosines along the last dim of 2-D inputs (1-D target), or of 1-D
 * inputs (0-d target).
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  const [margin, reduction] = marginArgs("cosineEmbeddingLoss", opts, { input1, input2, target }, 0);
  const td = target.ndim;
  if (td !== 1 && td !== 0) throw new RangeError("0D or 1D target tensor expected, multi-target not supported");
  if (td === 1 ? input1.ndim !== 2 || input2.ndim !== 2 : input1.ndim !== 1 || input2.ndim !== 1) {
    throw new RangeError(
      `${td}D target tensor expects ${td + 1}D input tensors, but found inputs with sizes ${showShape(input1.shape)} and ${showShape(input2.shape)}.`,
    );
  }
  return scoped(() => {
    const prodSum = sum(mul(input1, input2), td);
    const mag1 = add(sum(mul(input1, input1), td), EPSILON);
    const mag2 = add(sum(mul(input2, input2), td), EPSILON);
    const cos = div(prodSum, sqrt(mul(mag1, mag2)));
    const zeros = zerosLike(cos);
    const pos = sub(1, cos);
    const negPart = clampMin(sub(cos, margin), 0);
    const out = add(where(eq(target, 1), pos, zeros), where(eq(target, -1), negPart, zeros));
    return applyReduction(out, reduction);
  });
}

/** max(0, -target * (input1 - input2) + margin): input1 should rank above input2 where target is 1. */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  const [margin, reduction] = marginArgs("marginRankingLoss", opts, { input1, input2, target }, 0);
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim) {
    throw new RangeError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size(${showShape(input1.shape)}), input2: torch.Size(${showShape(input2.shape)}), target: torch.Size(${showShape(target.shape)}) `,
    );
  }
  return scoped(() => applyReduction(clampMin(add(mul(neg(target), sub(input1, input2)), margin), 0), reduction));
}

/** input where target is 1, max(0, margin - input) where it is -1 (default margin 1). */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  const [margin, reduction] = marginArgs("hingeEmbeddingLoss", opts, { input, target }, 1);
  return scoped(() => {
    const zeros = zerosLike(input);
    const marginClamp = clampMin(sub(margin, input), 0);
    const out = add(where(ne(target, 1), marginClamp, zeros), where(ne(target, -1), input, zeros));
    return applyReduction(out, reduction);
  });
}

/** The keyword arguments of F.triplet_margin_loss. */
export interface TripletMarginOptions extends MarginOptions {
  /** The norm of the distances (default 2). */
  p?: number;
  /** Added to the differences before the norm (default 1e-6). */
  eps?: number;
  /** Use the smaller of d(anchor, negative) and d(positive, negative) (default false). */
  swap?: boolean;
}

/** max(0, margin + d(anchor, positive) - d(anchor, negative)), d the pairwise p-distance (default margin 1). */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  opts: TripletMarginOptions = {},
): Tensor {
  checkArgs("tripletMarginLoss", { anchor, positive, negative }, opts, ["margin", "p", "eps", "swap", "reduction"]);
  const reduction = checkReduction(opts.reduction);
  const margin = opts.margin === undefined ? 1 : checkNumber(opts.margin, "tripletMarginLoss", "margin");
  const p = opts.p === undefined ? 2 : checkNumber(opts.p, "tripletMarginLoss", "p");
  const eps = opts.eps === undefined ? 1e-6 : checkNumber(opts.eps, "tripletMarginLoss", "eps");
  const [a, b, c] = [anchor.ndim, positive.ndim, negative.ndim];
  if (a !== b || b !== c)
    throw new RangeError(`All inputs should have same dimension but got ${a}D, ${b}D and ${c}D inputs.`);
  return scoped(() => {
    const distPos = pairwiseDistance(anchor, positive, { p, eps });
    let distNeg = pairwiseDistance(anchor, negative, { p, eps });
    if (opts.swap === true) distNeg = minimum(distNeg, pairwiseDistance(positive, negative, { p, eps }));
    return applyReduction(clampMin(sub(add(distPos, margin), distNeg), 0), reduction);
  });
}

/** The keyword argument of F.soft_margin_loss: `{ reduction }`. */
export interface SoftMarginOptions {
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** log(1 + exp(-target * input)), the two-class logistic loss (SoftMarginLossBackward0). */
export function softMarginLoss(input: Tensor, target: Tensor, opts: SoftMarginOptions = {}): Tensor {
  checkArgs("softMarginLoss", { input, target }, opts, ["reduction"]);
  const reduction = checkReduction(opts.reduction);
  if (target.requiresGrad && isGradEnabled()) {
    throw new Error(
      "The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. This input cannot have requires_grad True.",
    );
  }
  // log(1 + exp(-input * target)), not log1p: PyTorch 1.13's forward, whose values for large margins it rounds.
  const out = noGrad(() => scoped(() => applyReduction(log(add(exp(mul(neg(input), target)), 1)), reduction)));
  const norm = reduction === "mean" ? 1 / input.numel() : 1;
  return record("softMarginLoss", out, [input, target], { norm });
}
