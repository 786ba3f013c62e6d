// The loss modules: thin wrappers over nn.functional's losses that keep
// their options. As in PyTorch, a class weight (and BCEWithLogitsLoss's
// pos_weight) is a buffer, so it appears in stateDict under PyTorch's key
// and moves with the module; the modules print as PyTorch's do
// (`CrossEntropyLoss()`: losses have no extra_repr).

import type { Tensor } from "../../tensor.js";
import { Module } from "../module.js";
import { checkOptionsObject } from "../../args.js";
import { checkNumber, checkReduction, type Reduction } from "../functional/common.js";
import { mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy } from "../functional/pointwiseLoss.js";
import { crossEntropy, nllLoss } from "../functional/crossEntropy.js";
import { binaryCrossEntropyWithLogits } from "../functional/bce.js";

/** The base of the losses: `reduction` ("mean" by default, "sum" or "none"). */
abstract class Loss extends Module {
  reduction: Reduction;
  constructor(reduction: unknown) {
    super();
    this.reduction = checkReduction(reduction);
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** A loss with an optional per-class weight, registered as the buffer "weight". */
abstract class WeightedLoss extends Loss {
  declare readonly weight: Tensor | null;
  constructor(weight: Tensor | null | undefined, reduction: unknown) {
    super(reduction);
    this.registerBuffer("weight", weight ?? null);
  }
}

function options<O extends object>(opts: unknown, fn: string, keys: readonly string[]): Partial<O> {
  return checkOptionsObject<O>(opts, fn, keys);
}

/** Mean squared error. */
export class MSELoss extends Loss {
  constructor(opts: { reduction?: Reduction } = {}) {
    super(options<{ reduction: Reduction }>(opts, "MSELoss", ["reduction"]).reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return "MSELoss";
  }
}

/** Mean absolute error. */
export class L1Loss extends Loss {
  constructor(opts: { reduction?: Reduction } = {}) {
    super(options<{ reduction: Reduction }>(opts, "L1Loss", ["reduction"]).reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return "L1Loss";
  }
}

/** Smooth L1: quadratic below beta, linear above. */
export class SmoothL1Loss extends Loss {
  /** Where the loss turns from quadratic to linear. */
  beta: number;
  constructor(opts: { reduction?: Reduction; beta?: number } = {}) {
    const o = options<{ reduction: Reduction; beta: number }>(opts, "SmoothL1Loss", ["reduction", "beta"]);
    super(o.reduction);
    this.beta = o.beta === undefined ? 1.0 : checkNumber(o.beta, "SmoothL1Loss", "beta");
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
  protected override _getName(): string {
    return "SmoothL1Loss";
  }
}

/** Huber: quadratic below delta, linear (scaled by delta) above. */
export class HuberLoss extends Loss {
  /** Where the loss turns from quadratic to linear. */
  delta: number;
  constructor(opts: { reduction?: Reduction; delta?: number } = {}) {
    const o = options<{ reduction: Reduction; delta: number }>(opts, "HuberLoss", ["reduction", "delta"]);
    super(o.reduction);
    this.delta = o.delta === undefined ? 1.0 : checkNumber(o.delta, "HuberLoss", "delta");
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
  protected override _getName(): string {
    return "HuberLoss";
  }
}

/** Binary cross entropy of probabilities, with an optional weight (buffer "weight"). */
export class BCELoss extends WeightedLoss {
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction } = {}) {
    const o = options<{ weight: Tensor | null; reduction: Reduction }>(opts, "BCELoss", ["weight", "reduction"]);
    super(o.weight, o.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "BCELoss";
  }
}

/** Binary cross entropy of logits, with optional weight and posWeight (buffers "weight" and "pos_weight"). */
export class BCEWithLogitsLoss extends Loss {
  /** The rescaling weight of each element's loss, or null. */
  declare readonly weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } = {}) {
    const o = options<{ weight: Tensor | null; reduction: Reduction; posWeight: Tensor | null }>(
      opts,
      "BCEWithLogitsLoss",
      ["weight", "reduction", "posWeight"],
    );
    super(o.reduction);
    this.registerBuffer("weight", o.weight ?? null);
    this.registerBuffer("pos_weight", o.posWeight ?? null);
  }
  /** The weight of positive examples (the buffer PyTorch names pos_weight). */
  get posWeight(): Tensor | null {
    return (this as unknown as { pos_weight: Tensor | null }).pos_weight;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, {
      weight: this.weight,
      posWeight: this.posWeight,
      reduction: this.reduction,
    });
  }
  protected override _getName(): string {
    return "BCEWithLogitsLoss";
  }
}

/** Negative log likelihood of log-probabilities, with weight (buffer), ignoreIndex. */
export class NLLLoss extends WeightedLoss {
  /** ignore_index: targets equal to this are skipped. */
  ignoreIndex: number;
  constructor(opts: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction } = {}) {
    const o = options<{ weight: Tensor | null; ignoreIndex: number; reduction: Reduction }>(opts, "NLLLoss", [
      "weight",
      "ignoreIndex",
      "reduction",
    ]);
    super(o.weight, o.reduction);
    this.ignoreIndex = o.ignoreIndex === undefined ? -100 : checkNumber(o.ignoreIndex, "NLLLoss", "ignoreIndex");
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
  protected override _getName(): string {
    return "NLLLoss";
  }
}

/** Cross entropy of logits against class indices or probabilities, with weight (buffer), ignoreIndex, labelSmoothing. */
export class CrossEntropyLoss extends WeightedLoss {
  /** ignore_index: targets equal to this are skipped. */
  ignoreIndex: number;
  /** label_smoothing: the weight of the uniform distribution mixed into the target. */
  labelSmoothing: number;
  constructor(
    opts: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction; labelSmoothing?: number } = {},
  ) {
    const o = options<{ weight: Tensor | null; ignoreIndex: number; reduction: Reduction; labelSmoothing: number }>(
      opts,
      "CrossEntropyLoss",
      ["weight", "ignoreIndex", "reduction", "labelSmoothing"],
    );
    super(o.weight, o.reduction);
    this.ignoreIndex =
      o.ignoreIndex === undefined ? -100 : checkNumber(o.ignoreIndex, "CrossEntropyLoss", "ignoreIndex");
    this.labelSmoothing =
      o.labelSmoothing === undefined ? 0.0 : checkNumber(o.labelSmoothing, "CrossEntropyLoss", "labelSmoothing");
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }
  protected override _getName(): string {
    return "CrossEntropyLoss";
  }
}
