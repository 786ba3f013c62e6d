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
export {
  scaledDotProductAttention,
  multiHeadAttentionForward,
  type ScaledDotProductAttentionOptions,
  type MultiHeadAttentionForwardOptions,
} from "./attention.js";
export {
  conv1d,
  conv2d,
  convTranspose1d,
  convTranspose2d,
  type ConvOptions,
  type ConvTransposeOptions,
  type IntOrList,
} from "./conv.js";
export {
  maxPool1d,
  maxPool2d,
  avgPool1d,
  avgPool2d,
  type IntOrPair,
  type MaxPoolOptions,
  type AvgPoolOptions,
} from "./pooling.js";
export {
  adaptiveAvgPool1d,
  adaptiveAvgPool2d,
  adaptiveMaxPool1d,
  adaptiveMaxPool2d,
  type OutputSize,
  type AdaptiveMaxPoolOptions,
} from "./adaptivePool.js";
export { pad, type PadMode, type PadOptions } from "./pad.js";
export { oneHot } from "../../ops/take.js";
export {
  klDiv,
  poissonNllLoss,
  gaussianNllLoss,
  multilabelSoftMarginLoss,
  type KlDivOptions,
  type PoissonNllOptions,
  type GaussianNllOptions,
  type MultilabelSoftMarginOptions,
} from "./probLoss.js";
export {
  cosineEmbeddingLoss,
  marginRankingLoss,
  hingeEmbeddingLoss,
  tripletMarginLoss,
  softMarginLoss,
  type MarginOptions,
  type TripletMarginOptions,
  type SoftMarginOptions,
} from "./marginLoss.js";
export { multiMarginLoss, type MultiMarginOptions } from "./multiMargin.js";
export {
  cosineSimilarity,
  pairwiseDistance,
  normalize,
  type CosineSimilarityOptions,
  type PairwiseDistanceOptions,
  type NormalizeOptions,
} from "./distance.js";
export { batchNorm, type BatchNormOptions } from "./batchNorm.js";
export { groupNorm, type GroupNormOptions } from "./groupNorm.js";
export {
  instanceNorm,
  localResponseNorm,
  type InstanceNormOptions,
  type LocalResponseNormOptions,
} from "./instanceNorm.js";
export { ctcLoss, type CtcLossOptions } from "./ctcLoss.js";
export {
  interpolate,
  pixelShuffle,
  pixelUnshuffle,
  unfold,
  fold,
  type InterpolateMode,
  type InterpolateOptions,
  type UnfoldOptions,
} from "./resample.js";
export { dropout1d, dropout2d, type ChannelDropoutOptions } from "./channelDropout.js";
export { lpPool2d, maxUnpool2d, type LpPoolOptions, type MaxUnpoolOptions } from "./unpool.js";
export {
  leakyRelu,
  leakyRelu_,
  elu,
  elu_,
  selu,
  selu_,
  celu,
  celu_,
  softplus,
  hardtanh,
  hardtanh_,
  relu6,
  hardsigmoid,
  hardswish,
  mish,
  logsigmoid,
  softshrink,
  hardshrink,
  threshold,
  threshold_,
  rrelu,
  rrelu_,
  type InplaceOption,
  type LeakyReluOptions,
  type EluOptions,
  type SoftplusOptions,
  type HardtanhOptions,
  type RreluOptions,
  type ShrinkOptions,
} from "./activation2.js";
export {
  glu,
  prelu,
  softsign,
  tanhshrink,
  softmin,
  gumbelSoftmax,
  type GluOptions,
  type SoftminOptions,
  type GumbelSoftmaxOptions,
} from "./activation3.js";
