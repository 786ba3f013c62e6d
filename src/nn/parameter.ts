// nn.Parameter: a leaf tensor that a Module lists among its parameters.
//
// JavaScript cannot subclass the tensors ops return, so a parameter is an
// ordinary Tensor remembered in a WeakSet; `t instanceof nn.Parameter` asks
// that set. Parameters are owned (they survive tidy) and require grad.

import { Tensor } from "../tensor.js";
import { checkTensor } from "../ops/launch.js";

const parameters = new WeakSet<Tensor>();

/** Whether `t` was made a parameter by nn.Parameter (or registerParameter). */
export function isParameter(t: unknown): t is Tensor {
  return t instanceof Tensor && parameters.has(t);
}

function makeParameter(data: Tensor, requiresGrad = true): Tensor {
  checkTensor(data, "Parameter", "data");
  // A fresh leaf becomes the parameter itself; anything with other owners or a history is detached first.
  const p = data.isLeaf && !data._owned && !parameters.has(data) ? data : data.detach();
  try {
    p.requiresGrad_(requiresGrad);
  } catch (e) {
    if (p !== data) p.dispose(); // the detached handle made here
    throw e;
  }
  p._own();
  parameters.add(p);
  // PyTorch prints a parameter as "Parameter containing:\ntensor(...)".
  const show = {
    value: (): string => `Parameter containing:\n${Tensor.prototype.toString.call(p)}`,
    enumerable: false,
    configurable: true,
  };
  Object.defineProperty(p, "toString", show);
  Object.defineProperty(p, Symbol.for("nodejs.util.inspect.custom"), show);
  return p;
}

/** The type of `nn.Parameter`, callable with or without `new`. */
export interface ParameterConstructor {
  /**
   * Makes `data` a parameter: `new nn.Parameter(torch.zeros(3))` or
   * `nn.Parameter(t)`. A leaf that nothing owns yet becomes the parameter
   * itself (owned from now on, so it survives tidy, requiring grad unless
   * `requiresGrad` is false); a tensor with a history, or one owned already,
   * is detached first (the parameter shares its storage, as in PyTorch).
   */
  new (data: Tensor, requiresGrad?: boolean): Tensor;
  (data: Tensor, requiresGrad?: boolean): Tensor;
}

/**
 * torch.nn.Parameter: a tensor that a Module registers as a parameter
 * (requiring grad by default). It is a Tensor, not a subclass: `p instanceof
 * nn.Parameter` still works.
 */
export const Parameter = function Parameter(data: Tensor, requiresGrad?: boolean): Tensor {
  return makeParameter(data, requiresGrad);
} as ParameterConstructor;

Object.defineProperty(Parameter, Symbol.hasInstance, { value: isParameter });
