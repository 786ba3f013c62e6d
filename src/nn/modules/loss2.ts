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
import { cosineSimilarity, pairwiseDistance } from "../functional/distance.js";

type Opts = Record<string, unknown>;

function options(opts: unknown, fn: string, keys: readonly string[]): Opts {
  return checkOptionsObject<Opts>(opts, fn, keys) as Opts;
}

const num = (v: unknown, dflt: number, fn: string, name: string): number =>
  v === undefined ? dflt : checkNumber(v, fn, name);

/** Kullback-Leibler divergence loss (`reduction` may also be "batchmean"). */
export class KLDivLoss extends Module<[Tensor, Tensor]> {
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
  protected override _getName(): string {
    return "KLDivLoss";
  }
}

/** Poisson negative log likelihood loss. */
export class PoissonNLLLoss extends Module<[Tensor, Tensor]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** The input is the log of the rate. */
  logInput: boolean;
  /** Add Stirling's approximation term. */
  full: boolean;
  /** Added to the rate before its log when logInput is false. */
  eps: number;
  constructor(opts: { logInput?: boolean; full?: boolean; eps?: number; reduction?: Reduction } = {}) {
    super();
    const o = options(opts, "PoissonNLLLoss", ["logInput", "full", "eps", "reduction"]);
    this.reduction = checkReduction(o.reduction);
    this.logInput = (o.logInput as boolean | undefined) ?? true;
    this.full = (o.full as boolean | undefined) ?? false;
    this.eps = num(o.eps, 1e-8, "PoissonNLLLoss", "eps");
  }
  override forward(logInput: Tensor, target: Tensor): Tensor {
    return poissonNllLoss(logInput, target, {
      logInput: this.logInput,
      full: this.full,
      eps: this.eps,
      reduction: this.reduction,
    });
  }
  protected override _getName(): string {
    return "PoissonNLLLoss";
  }
}

/** Gaussian negative log likelihood loss: forward(input, target, var). */
export class GaussianNLLLoss extends Module<[Tensor, Tensor, Tensor]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** Add the constant term. */
  full: boolean;
  /** The smallest variance used. */
  eps: number;
  constructor(opts: { full?: boolean; eps?: number; reduction?: Reduction } = {}) {
    super();
    const o = options(opts, "GaussianNLLLoss", ["full", "eps", "reduction"]);
    this.reduction = checkReduction(o.reduction);
    this.full = (o.full as boolean | undefined) ?? false;
    this.eps = num(o.eps, 1e-6, "GaussianNLLLoss", "eps");
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "GaussianNLLLoss";
  }
}

/** A loss with a margin and a reduction. */
abstract class MarginLossModule<In extends Tensor[]> extends Module<In> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** The margin. */
  margin: number;
  constructor(opts: unknown, name: string, dflt: number, more: readonly string[] = []) {
    super();
    const o = options(opts, name, ["margin", "reduction", ...more]);
    this.reduction = checkReduction(o.reduction);
    this.margin = num(o.margin, dflt, name, "margin");
  }
}

/** Cosine embedding loss: forward(input1, input2, target). */
export class CosineEmbeddingLoss extends MarginLossModule<[Tensor, Tensor, Tensor]> {
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts, "CosineEmbeddingLoss", 0);
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "CosineEmbeddingLoss";
  }
}

/** Margin ranking loss: forward(input1, input2, target). */
export class MarginRankingLoss extends MarginLossModule<[Tensor, Tensor, Tensor]> {
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts, "MarginRankingLoss", 0);
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "MarginRankingLoss";
  }
}

/** Hinge embedding loss (margin 1 by default). */
export class HingeEmbeddingLoss extends MarginLossModule<[Tensor, Tensor]> {
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts, "HingeEmbeddingLoss", 1);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, { margin: this.margin, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "HingeEmbeddingLoss";
  }
}

/** Triplet margin loss: forward(anchor, positive, negative). */
export class TripletMarginLoss extends MarginLossModule<[Tensor, Tensor, Tensor]> {
  /** The norm of the distances. */
  p: number;
  /** Added to the differences before the norm. */
  eps: number;
  /** Use the smaller of the two negative distances. */
  swap: boolean;
  constructor(opts: { margin?: number; p?: number; eps?: number; swap?: boolean; reduction?: Reduction } = {}) {
    super(opts, "TripletMarginLoss", 1, ["p", "eps", "swap"]);
    const o = (opts ?? {}) as Opts;
    this.p = num(o.p, 2, "TripletMarginLoss", "p");
    this.eps = num(o.eps, 1e-6, "TripletMarginLoss", "eps");
    this.swap = (o.swap as boolean | undefined) ?? false;
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, {
      margin: this.margin,
      p: this.p,
      eps: this.eps,
      swap: this.swap,
      reduction: this.reduction,
    });
  }
  protected override _getName(): string {
    return "TripletMarginLoss";
  }
}

/** Multi-label one-versus-all logistic loss, with an optional class weight (buffer "weight"). */
export class MultiLabelSoftMarginLoss extends Module<[Tensor, Tensor]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** The weight of each class, or null. */
  declare readonly weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction } = {}) {
    super();
    const o = options(opts, "MultiLabelSoftMarginLoss", ["weight", "reduction"]);
    this.reduction = checkReduction(o.reduction);
    this.registerBuffer("weight", (o.weight as Tensor | null | undefined) ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return multilabelSoftMarginLoss(input, target, { weight: this.weight, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "MultiLabelSoftMarginLoss";
  }
}

/** Multi-class hinge loss, with p, margin and an optional class weight (buffer "weight"). */
export class MultiMarginLoss extends Module<[Tensor, Tensor]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** 1 or 2. */
  p: number;
  /** The margin. */
  margin: number;
  /** The weight of each class, or null. */
  declare readonly weight: Tensor | null;
  constructor(opts: { p?: number; margin?: number; weight?: Tensor | null; reduction?: Reduction } = {}) {
    super();
    const o = options(opts, "MultiMarginLoss", ["p", "margin", "weight", "reduction"]);
    this.reduction = checkReduction(o.reduction);
    this.p = num(o.p, 1, "MultiMarginLoss", "p");
    if (this.p !== 1 && this.p !== 2) throw new RangeError("only p == 1 and p == 2 supported");
    this.margin = num(o.margin, 1, "MultiMarginLoss", "margin");
    const w = (o.weight as Tensor | null | undefined) ?? null;
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
  protected override _getName(): string {
    return "MultiMarginLoss";
  }
}

/** Two-class logistic loss. */
export class SoftMarginLoss extends Module<[Tensor, Tensor]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  constructor(opts: { reduction?: Reduction } = {}) {
    super();
    this.reduction = checkReduction(options(opts, "SoftMarginLoss", ["reduction"]).reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return softMarginLoss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return "SoftMarginLoss";
  }
}

/** The cosine similarity of two inputs along `dim`. */
export class CosineSimilarity extends Module<[Tensor, Tensor]> {
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
  protected override _getName(): string {
    return "CosineSimilarity";
  }
}

/** The p-norm distance between two inputs along their last dim. */
export class PairwiseDistance extends Module<[Tensor, Tensor]> {
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
  protected override _getName(): string {
    return "PairwiseDistance";
  }
}

/** Connectionist temporal classification loss: forward(logProbs, targets, inputLengths, targetLengths). */
export class CTCLoss extends Module<[Tensor, Tensor, Tensor | readonly number[], Tensor | readonly number[]]> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** The blank label. */
  blank: number;
  /** Replace infinite losses and their grads by zeros. */
  zeroInfinity: boolean;
  constructor(opts: { blank?: number; reduction?: Reduction; zeroInfinity?: boolean } = {}) {
    super();
    const o = options(opts, "CTCLoss", ["blank", "reduction", "zeroInfinity"]);
    this.reduction = checkReduction(o.reduction);
    this.blank = num(o.blank, 0, "CTCLoss", "blank");
    this.zeroInfinity = (o.zeroInfinity as boolean | undefined) ?? false;
  }
  override forward(
    logProbs: Tensor,
    targets: Tensor,
    inputLengths: Tensor | readonly number[],
    targetLengths: Tensor | readonly number[],
  ): Tensor {
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, {
      blank: this.blank,
      reduction: this.reduction,
      zeroInfinity: this.zeroInfinity,
    });
  }
  protected override _getName(): string {
    return "CTCLoss";
  }
}
