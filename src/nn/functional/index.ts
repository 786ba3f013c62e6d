// torch.nn.functional's public names.
export { type Reduction } from "./common.js";
export { binaryCrossEntropyWithLogits, type BceWithLogitsOptions } from "./bce.js";
export {
  binaryCrossEntropy,
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  type LossOptions,
  type BceOptions,
  type SmoothL1Options,
  type HuberOptions,
} from "./pointwiseLoss.js";
export { crossEntropy, nllLoss, type CrossEntropyOptions, type NllLossOptions } from "./crossEntropy.js";
export { gelu, silu, type GeluOptions } from "./activation.js";
export { relu } from "../../ops/unary.js";
export { softmax, logSoftmax } from "../../ops/softmax.js";
export { linear } from "./linear.js";
export { dropout, type DropoutOptions } from "./dropout.js";
export { layerNorm, type LayerNormOptions } from "./layerNorm.js";
export { embedding, type EmbeddingOptions } from "./embedding.js";
export { batchNorm, type BatchNormOptions } from "./batchNorm.js";
export { groupNorm, type GroupNormOptions } from "./groupNorm.js";
export {
  instanceNorm,
  localResponseNorm,
  type InstanceNormOptions,
  type LocalResponseNormOptions,
} from "./instanceNorm.js";
