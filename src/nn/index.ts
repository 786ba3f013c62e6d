// torch.nn: the functional ops, Module and the layers, Parameter, init.
/**
 * torch.nn.functional: the losses, activations, linear, dropout, layerNorm and
 * embedding as functions (camelCase: `crossEntropy` for cross_entropy).
 */
export * as functional from "./functional/index.js";
/**
 * torch.nn.init: in-place initialisers with PyTorch's fan and gain arithmetic
 * (`kaimingUniform_` for kaiming_uniform_).
 */
export * as init from "./init.js";
export {
  Module,
  type AnyModule,
  type IncompatibleKeys,
  type StateDictOptions,
  type ForwardHook,
  type ForwardPreHook,
  type RemovableHandle,
} from "./module.js";
export { Parameter, isParameter, type ParameterConstructor } from "./parameter.js";
export { Linear, Embedding, LayerNorm, Dropout, Identity, Flatten, type FactoryOptions } from "./modules/layers.js";
export { ReLU, GELU, SiLU, Tanh, Sigmoid, Softmax, LogSoftmax } from "./modules/activation.js";
export {
  LeakyReLU,
  ELU,
  CELU,
  SELU,
  Softplus,
  Hardtanh,
  ReLU6,
  Hardsigmoid,
  Hardswish,
  Mish,
  LogSigmoid,
  Softsign,
  Tanhshrink,
  Softshrink,
  Hardshrink,
  Threshold,
  RReLU,
  GLU,
  Softmin,
  PReLU,
  type PReLUOptions,
} from "./modules/activation2.js";
export { Sequential } from "./modules/container.js";
/** torch.nn.utils: gradient clipping and parameter/vector conversion. */
export * as utils from "./utils/index.js";
export {
  MSELoss,
  L1Loss,
  SmoothL1Loss,
  HuberLoss,
  BCELoss,
  BCEWithLogitsLoss,
  NLLLoss,
  CrossEntropyLoss,
} from "./modules/loss.js";
export { ModuleList, ModuleDict, ParameterList, ParameterDict } from "./modules/containers.js";
export {
  MultiheadAttention,
  NonDynamicallyQuantizableLinear,
  TransformerEncoderLayer,
  TransformerEncoder,
  TransformerDecoderLayer,
  TransformerDecoder,
  type MultiheadAttentionOptions,
  type MultiheadAttentionForwardOptions,
  type TransformerLayerOptions,
  type TransformerActivation,
  type EncoderLayerForwardOptions,
  type DecoderForwardOptions,
} from "./modules/transformer.js";
export { RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, type RNNOptions, type RNNCellOptions } from "./modules/rnn.js";
export {
  Conv1d,
  Conv2d,
  ConvTranspose1d,
  ConvTranspose2d,
  type ConvModuleOptions,
  type ConvTransposeModuleOptions,
} from "./modules/conv.js";
export {
  MaxPool1d,
  MaxPool2d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool1d,
  AdaptiveAvgPool2d,
  AdaptiveMaxPool1d,
  AdaptiveMaxPool2d,
} from "./modules/pooling.js";
export {
  ZeroPad2d,
  ConstantPad1d,
  ConstantPad2d,
  ReflectionPad1d,
  ReflectionPad2d,
  ReplicationPad1d,
  ReplicationPad2d,
  type Padding,
} from "./modules/padding.js";
export {
  KLDivLoss,
  PoissonNLLLoss,
  GaussianNLLLoss,
  CosineEmbeddingLoss,
  MarginRankingLoss,
  HingeEmbeddingLoss,
  TripletMarginLoss,
  MultiLabelSoftMarginLoss,
  MultiMarginLoss,
  SoftMarginLoss,
  CosineSimilarity,
  PairwiseDistance,
  CTCLoss,
} from "./modules/loss2.js";
export {
  BatchNorm1d,
  BatchNorm2d,
  InstanceNorm1d,
  InstanceNorm2d,
  GroupNorm,
  LocalResponseNorm,
  type NormModuleOptions,
} from "./modules/normalization.js";
export {
  Upsample,
  PixelShuffle,
  PixelUnshuffle,
  Unfold,
  Fold,
  Dropout1d,
  Dropout2d,
  Unflatten,
  LPPool2d,
  MaxUnpool2d,
  type UpsampleOptions,
} from "./modules/resample.js";
