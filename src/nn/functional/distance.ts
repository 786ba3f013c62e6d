// F.cosine_similarity, F.pairwise_distance and F.normalize, composed as
// PyTorch 1.13 composes them (SumBackward1, NormBackward1, DivBackward0).

import type { Tensor } from "../../tensor.js";
import { isFloating, promoteTypes, scalarTypeName } from "../../dtype.js";
import { broadcastShapes, sameShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { noGrad } from "../../autograd/gradMode.js";
import { castTo } from "../../ops/launch.js";
import { add, sub, mul, div } from "../../ops/binary.js";
import { clone } from "../../ops/unary.js";
import { clamp_ } from "../../ops/inplace.js";
import { norm } from "../../ops/norm.js";
import { sum } from "../../ops/reduce.js";
import { expand, expandAs } from "../../ops/views.js";
import { checkNumber, checkArgs } from "./common.js";
import { clampMin } from "./lossOps.js";

/** The keyword arguments of F.cosine_similarity: `{ dim, eps }`. */
export interface CosineSimilarityOptions {
  /** The dim the vectors lie along (default 1; negative counts from the end). */
  dim?: number;
  /** The smallest norm divided by (default 1e-8). */
  eps?: number;
}

/**
 * The cosine of the angle between x1 and x2 along `dim` (broadcast first):
 * sum((x1 / max(|x1|, eps)) * (x2 / max(|x2|, eps)), dim). The clamp is not
 * differentiated, as in PyTorch.
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, opts: CosineSimilarityOptions = {}): Tensor {
  checkArgs("cosineSimilarity", { x1, x2 }, opts, ["dim", "eps"]);
  const dim = opts.dim === undefined ? 1 : checkNumber(opts.dim, "cosineSimilarity", "dim");
  const eps = opts.eps === undefined ? 1e-8 : checkNumber(opts.eps, "cosineSimilarity", "eps");
  const common = promoteTypes(x1.dtype, x2.dtype);
  if (!isFloating(common))
    throw new TypeError(`expected common dtype to be floating point, yet common dtype is ${scalarTypeName[common]}`);
  return scoped(() => {
    const shape = broadcastShapes(x1.shape, x2.shape);
    const a = x1.dtype === common ? x1 : castTo(x1, common);
    const b = x2.dtype === common ? x2 : castTo(x2, common);
    const ae = sameShape(a.shape, shape) ? a : expand(a, shape);
    const be = sameShape(b.shape, shape) ? b : expand(b, shape);
    const n1 = clone(norm(ae, 2, dim, true));
    const n2 = clone(norm(be, 2, dim, true));
    noGrad(() => {
      clamp_(n1, eps);
      clamp_(n2, eps);
    });
    return sum(mul(div(ae, n1), div(be, n2)), dim);
  });
}

/** The keyword arguments of F.pairwise_distance: `{ p, eps, keepdim }`. */
export interface PairwiseDistanceOptions {
  /** The norm's order (default 2). */
  p?: number;
  /** Added to the differences, to avoid division by zero (default 1e-6). */
  eps?: number;
  /** Keep the reduced last dim (default false). */
  keepdim?: boolean;
}

/** The p-norm of x1 - x2 + eps along the last dim (NormBackward1). */
export function pairwiseDistance(x1: Tensor, x2: Tensor, opts: PairwiseDistanceOptions = {}): Tensor {
  checkArgs("pairwiseDistance", { x1, x2 }, opts, ["p", "eps", "keepdim"]);
  const p = opts.p === undefined ? 2 : checkNumber(opts.p, "pairwiseDistance", "p");
  const eps = opts.eps === undefined ? 1e-6 : checkNumber(opts.eps, "pairwiseDistance", "eps");
  const keepdim = opts.keepdim ?? false;
  const innermost = Math.max(x1.ndim, x2.ndim) - 1;
  return scoped(() => norm(add(sub(x1, x2), eps), p, innermost, keepdim));
}

/** The keyword arguments of F.normalize: `{ p, dim, eps }`. */
export interface NormalizeOptions {
  /** The norm's order (default 2). */
  p?: number;
  /** The dim normalised (default 1). */
  dim?: number;
  /** The smallest norm divided by (default 1e-12). */
  eps?: number;
}

/** input / max(|input|_p, eps) along `dim` (DivBackward0). */
export function normalize(input: Tensor, opts: NormalizeOptions = {}): Tensor {
  checkArgs("normalize", { input }, opts, ["p", "dim", "eps"]);
  const p = opts.p === undefined ? 2 : checkNumber(opts.p, "normalize", "p");
  const dim = opts.dim === undefined ? 1 : checkNumber(opts.dim, "normalize", "dim");
  const eps = opts.eps === undefined ? 1e-12 : checkNumber(opts.eps, "normalize", "eps");
  return scoped(() => div(input, expandAs(clampMin(norm(input, p, dim, true), eps), input)));
}
