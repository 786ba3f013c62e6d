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
