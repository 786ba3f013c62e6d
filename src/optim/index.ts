// torch.optim: the optimizers (SGD, Adam, AdamW; RMSprop, Adagrad, Adadelta,
// Adamax, NAdam, RAdam, ASGD; LBFGS) and their base class.
export { Optimizer, type ParamGroup, type Params, type ParamState, type OptimizerStateDict } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adam, AdamW, type AdamOptions } from "./adam.js";
/** torch.optim.lr_scheduler: StepLR, ExponentialLR, LambdaLR, CosineAnnealingLR, ... with PyTorch 1.13's formulas. */
export * as lrScheduler from "./lrScheduler.js";
export {
  RMSprop,
  Adagrad,
  Adadelta,
  type RMSpropOptions,
  type AdagradOptions,
  type AdadeltaOptions,
} from "./rmsprop.js";
export { Adamax, NAdam, RAdam, type AdamaxOptions, type NAdamOptions, type RAdamOptions } from "./adamax.js";
export { ASGD, type ASGDOptions } from "./asgd.js";
export { LBFGS, type LBFGSOptions } from "./lbfgs.js";
