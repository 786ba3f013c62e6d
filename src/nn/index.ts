// torch.nn: the functional ops, Module and the layers, Parameter, init.
export * as functional from "./functional/index.js";
export * as init from "./init.js";
export {
  Module, type AnyModule, type IncompatibleKeys, type StateDictOptions, type ForwardHook, type ForwardPreHook, type RemovableHandle,
} from "./module.js";
export { Parameter, isParameter, type ParameterConstructor } from "./parameter.js";
export { Linear, Embedding, LayerNorm, Dropout, Identity, Flatten, type FactoryOptions } from "./modules/layers.js";
export { ReLU, GELU, SiLU, Tanh, Sigmoid, Softmax, LogSoftmax } from "./modules/activation.js";
export { Sequential } from "./modules/container.js";
export * as utils from "./utils/index.js";
export {
  MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss,
} from "./modules/loss.js";
export { ModuleList, ModuleDict, ParameterList, ParameterDict } from "./modules/containers.js";
