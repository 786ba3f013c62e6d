// The loss modules of the losses in nn.functional's probLoss.ts,
// marginLoss.ts, multiMargin.ts and distance.ts: thin wrappers that keep
// their options, printed as PyTorch prints them (`KLDivLoss()`); a class
// weight is the buffer "weight", as in PyTorch's _WeightedLoss.

import type { Tensor } from "../../tensor.js";
import { Module } from "../module.js";
import { checkOptionsObject } from "../../args.js";
import { checkNumber, checkReduction, type Reduction } from "../functional/common.js";
import { klDiv, poissonNllLoss, gaussianNllLoss, multilabelSoftMarginLoss } from "../functional/probLoss.js";
import {
  cosineEmbeddingLoss,
  marginRankingLoss,
  hingeEmbeddingLoss,
  tripletMarginLoss,
  softMarginLoss,
} from "../functional/marginLoss.js";
import { multiMarginLoss } from "../functional/multiMargin.js";
import { ctcLoss } from "../functional/ctcLoss.js";
import { Loss, lossModule, weightedLoss } from "./lossBase.js";
import { cosineSimilarity, pairwiseDistance } from "../functional/distance.js";

type Opts = Record<string, unknown>;

function options(opts: unknown, fn: string, keys: readonly string[]): Opts {
  return checkOptionsObject<Opts>(opts, fn, keys) as Opts;
}

const num = (v: unknown, dflt: number, fn: string, name: string): number =>
  v === undefined ? dflt : checkNumber(v, fn, name);

/** Kullback-Leibler divergence loss (`reduction` may also be "batchmean"). */
export class KLDivLoss extends Module<[Tensor, Tensor]> {
  protected static override readonly _pyName: string = "KLDivLoss";
  /** "mean" (default), "batchmean", "sum" or "none". */
  reduction: Reduction | "batchmean";
  /** The target is given as log-probabilities. */
  logTarget: boolean;
  constructor(opts: { reduction?: Reduction | "batchmean"; logTarget?: boolean } = {}) {
    super();
    const o = options(opts, "KLDivLoss", ["reduction", "logTarget"]);
    this.reduction = o.reduction === "batchmean" ? "batchmean" : checkReduction(o.reduction);
    this.logTarget = (o.logTarget as boolean | undefined) ?? false;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget });
  }
}

type Pair = [Tensor, Tensor];
type Triple = [Tensor, Tensor, Tensor];

/** The options of GaussianNLLLoss (and PoissonNLLLoss). */
interface GaussianNllOptions {
  /** Add the constant term (Stirling's approximation term, in PoissonNLLLoss). */
  full: boolean;
  /** The smallest variance used (added to the rate before its log, in PoissonNLLLoss). */
  eps: number;
}

/** The options of PoissonNLLLoss. */
interface PoissonNllOptions extends GaussianNllOptions {
  /** The input is the log of the rate. */
  logInput: boolean;
}

/** Poisson negative log likelihood loss. */
export const PoissonNLLLoss = lossModule<Pair, PoissonNllOptions>(
  "PoissonNLLLoss",
  ["logInput", "full", "eps", "reduction"],
  { logInput: true, full: false, eps: 1e-8 },
  poissonNllLoss,
);
export type PoissonNLLLoss = InstanceType<typeof PoissonNLLLoss>;

/** Gaussian negative log likelihood loss: forward(input, target, var). */
export const GaussianNLLLoss = lossModule<Triple, GaussianNllOptions>(
  "GaussianNLLLoss",
  ["full", "eps", "reduction"],
  { full: false, eps: 1e-6 },
  gaussianNllLoss,
);
export type GaussianNLLLoss = InstanceType<typeof GaussianNLLLoss>;

/** The option of the margin losses. */
interface MarginOptions {
  /** The margin. */
  margin: number;
}

/** A loss over `fn` whose options are `margin` (default `dflt`) and `reduction`. */
const marginLoss = <In extends Tensor[]>(
  name: string,
  dflt: number,
  fn: (...args: [...In, MarginOptions & { reduction: Reduction }]) => Tensor,
) => lossModule<In, MarginOptions>(name, ["margin", "reduction"], { margin: dflt }, fn);

/** Cosine embedding loss: forward(input1, input2, target). */
export const CosineEmbeddingLoss = marginLoss<Triple>("CosineEmbeddingLoss", 0, cosineEmbeddingLoss);
export type CosineEmbeddingLoss = InstanceType<typeof CosineEmbeddingLoss>;

/** Margin ranking loss: forward(input1, input2, target). */
export const MarginRankingLoss = marginLoss<Triple>("MarginRankingLoss", 0, marginRankingLoss);
export type MarginRankingLoss = InstanceType<typeof MarginRankingLoss>;

/** Hinge embedding loss (margin 1 by default). */
export const HingeEmbeddingLoss = marginLoss<Pair>("HingeEmbeddingLoss", 1, hingeEmbeddingLoss);
export type HingeEmbeddingLoss = InstanceType<typeof HingeEmbeddingLoss>;

/** The options of TripletMarginLoss. */
interface TripletMarginOptions extends MarginOptions {
  /** The norm of the distances. */
  p: number;
  /** Added to the differences before the norm. */
  eps: number;
  /** Use the smaller of the two negative distances. */
  swap: boolean;
}

/** Triplet margin loss: forward(anchor, positive, negative). */
export const TripletMarginLoss = lossModule<Triple, TripletMarginOptions>(
  "TripletMarginLoss",
  ["margin", "reduction", "p", "eps", "swap"],
  { margin: 1, p: 2, eps: 1e-6, swap: false },
  tripletMarginLoss,
);
export type TripletMarginLoss = InstanceType<typeof TripletMarginLoss>;

/** Multi-label one-versus-all logistic loss, with an optional class weight (buffer "weight"). */
export const MultiLabelSoftMarginLoss = weightedLoss<Pair>("MultiLabelSoftMarginLoss", multilabelSoftMarginLoss);
export type MultiLabelSoftMarginLoss = InstanceType<typeof MultiLabelSoftMarginLoss>;

/** Multi-class hinge loss, with p, margin and an optional class weight (buffer "weight"). */
export class MultiMarginLoss extends Loss {
  protected static override readonly _pyName: string = "MultiMarginLoss";
  /** 1 or 2. */
  p: number;
  /** The margin. */
  margin: number;
  /** The weight of each class, or null. */
  declare readonly weight: Tensor | null;
  constructor(opts: { p?: number; margin?: number; weight?: Tensor | null; reduction?: Reduction } = {}) {
    super(opts, ["p", "margin", "weight", "reduction"]);
    this.p = this._num(opts, "p", 1);
    if (this.p !== 1 && this.p !== 2) throw new RangeError("only p == 1 and p == 2 supported");
    this.margin = this._num(opts, "margin", 1);
    const w = this._opt<Tensor | null>(opts, "weight", null);
    if (w !== null && w.ndim !== 1) throw new RangeError("weight must be one-dimensional");
    this.registerBuffer("weight", w);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, {
      p: this.p,
      margin: this.margin,
      weight: this.weight,
      reduction: this.reduction,
    });
  }
}

/** Two-class logistic loss. */
export const SoftMarginLoss = lossModule<Pair, {}>("SoftMarginLoss", ["reduction"], {}, softMarginLoss);
export type SoftMarginLoss = InstanceType<typeof SoftMarginLoss>;

/** The cosine similarity of two inputs along `dim`. */
export class CosineSimilarity extends Module<[Tensor, Tensor]> {
  protected static override readonly _pyName: string = "CosineSimilarity";
  /** The dim the vectors lie along. */
  dim: number;
  /** The smallest norm divided by. */
  eps: number;
  constructor(opts: { dim?: number; eps?: number } = {}) {
    super();
    const o = options(opts, "CosineSimilarity", ["dim", "eps"]);
    this.dim = num(o.dim, 1, "CosineSimilarity", "dim");
    this.eps = num(o.eps, 1e-8, "CosineSimilarity", "eps");
  }
  override forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, { dim: this.dim, eps: this.eps });
  }
}

/** The p-norm distance between two inputs along their last dim. */
export class PairwiseDistance extends Module<[Tensor, Tensor]> {
  protected static override readonly _pyName: string = "PairwiseDistance";
  /** The norm's order. */
  norm: number;
  /** Added to the differences. */
  eps: number;
  /** Keep the reduced dim. */
  keepdim: boolean;
  constructor(opts: { p?: number; eps?: number; keepdim?: boolean } = {}) {
    super();
    const o = options(opts, "PairwiseDistance", ["p", "eps", "keepdim"]);
    this.norm = num(o.p, 2, "PairwiseDistance", "p");
    this.eps = num(o.eps, 1e-6, "PairwiseDistance", "eps");
    this.keepdim = (o.keepdim as boolean | undefined) ?? false;
  }
  override forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwiseDistance(x1, x2, { p: this.norm, eps: this.eps, keepdim: this.keepdim });
  }
}

/** The options of CTCLoss. */
interface CtcOptions {
  /** The blank label. */
  blank: number;
  /** Replace infinite losses and their grads by zeros. */
  zeroInfinity: boolean;
}

/** Connectionist temporal classification loss: forward(logProbs, targets, inputLengths, targetLengths). */
export const CTCLoss = lossModule<[Tensor, Tensor, Tensor | readonly number[], Tensor | readonly number[]], CtcOptions>(
  "CTCLoss",
  ["blank", "reduction", "zeroInfinity"],
  { blank: 0, zeroInfinity: false },
  ctcLoss,
);
export type CTCLoss = InstanceType<typeof CTCLoss>;
