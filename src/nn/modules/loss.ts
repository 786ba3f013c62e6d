// The loss modules: thin wrappers over nn.functional's losses that keep
// their options. As in PyTorch, a class weight (and BCEWithLogitsLoss's
// pos_weight) is a buffer, so it appears in stateDict under PyTorch's key
// and moves with the module; the modules print as PyTorch's do
// (`CrossEntropyLoss()`: losses have no extra_repr).

import type { Tensor } from "../../tensor.js";
import type { Reduction } from "../functional/common.js";
import { mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy } from "../functional/pointwiseLoss.js";
import { crossEntropy, nllLoss } from "../functional/crossEntropy.js";
import { binaryCrossEntropyWithLogits } from "../functional/bce.js";
import { Loss, lossModule, weightedLoss, type Weight } from "./lossBase.js";

type Pair = [Tensor, Tensor];

/** Mean squared error. */
export const MSELoss = lossModule<Pair, {}>("MSELoss", ["reduction"], {}, mseLoss);
export type MSELoss = InstanceType<typeof MSELoss>;

/** Mean absolute error. */
export const L1Loss = lossModule<Pair, {}>("L1Loss", ["reduction"], {}, l1Loss);
export type L1Loss = InstanceType<typeof L1Loss>;

/** SmoothL1Loss's option. */
interface SmoothL1Options {
  /** Where the loss turns from quadratic to linear. */
  beta: number;
}

/** Smooth L1: quadratic below beta, linear above. */
export const SmoothL1Loss = lossModule<Pair, SmoothL1Options>(
  "SmoothL1Loss",
  ["reduction", "beta"],
  { beta: 1.0 },
  smoothL1Loss,
);
export type SmoothL1Loss = InstanceType<typeof SmoothL1Loss>;

/** HuberLoss's option. */
interface HuberOptions {
  /** Where the loss turns from quadratic to linear. */
  delta: number;
}

/** Huber: quadratic below delta, linear (scaled by delta) above. */
export const HuberLoss = lossModule<Pair, HuberOptions>("HuberLoss", ["reduction", "delta"], { delta: 1.0 }, huberLoss);
export type HuberLoss = InstanceType<typeof HuberLoss>;

/** Binary cross entropy of probabilities, with an optional weight (buffer "weight"). */
export const BCELoss = weightedLoss<Pair>("BCELoss", binaryCrossEntropy);
export type BCELoss = InstanceType<typeof BCELoss>;

/** Binary cross entropy of logits, with optional weight and posWeight (buffers "weight" and "pos_weight"). */
export class BCEWithLogitsLoss extends Loss {
  protected static override readonly _pyName: string = "BCEWithLogitsLoss";
  /** The rescaling weight of each element's loss, or null. */
  declare readonly weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } = {}) {
    super(opts, ["weight", "reduction", "posWeight"]);
    this.registerBuffer("weight", this._opt<Tensor | null>(opts, "weight", null));
    this.registerBuffer("pos_weight", this._opt<Tensor | null>(opts, "posWeight", null));
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
}

/** The options of NLLLoss and CrossEntropyLoss. */
interface NllOptions extends Weight {
  /** ignore_index: targets equal to this are skipped. */
  ignoreIndex: number;
}

/** Negative log likelihood of log-probabilities, with weight (buffer), ignoreIndex. */
export const NLLLoss = lossModule<Pair, NllOptions>(
  "NLLLoss",
  ["weight", "ignoreIndex", "reduction"],
  { weight: null, ignoreIndex: -100 },
  nllLoss,
);
export type NLLLoss = InstanceType<typeof NLLLoss>;

/** The options of CrossEntropyLoss. */
interface CrossEntropyOptions extends NllOptions {
  /** label_smoothing: the weight of the uniform distribution mixed into the target. */
  labelSmoothing: number;
}

/** Cross entropy of logits against class indices or probabilities, with weight (buffer), ignoreIndex, labelSmoothing. */
export const CrossEntropyLoss = lossModule<Pair, CrossEntropyOptions>(
  "CrossEntropyLoss",
  ["weight", "ignoreIndex", "reduction", "labelSmoothing"],
  { weight: null, ignoreIndex: -100, labelSmoothing: 0.0 },
  crossEntropy,
);
export type CrossEntropyLoss = InstanceType<typeof CrossEntropyLoss>;
