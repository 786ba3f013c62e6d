// Unary elementwise ops. Math functions of integer tensors give float32, as in
// PyTorch; neg/abs/sign/square/relu/clamp and rounding keep the dtype.

import { Tensor } from "../tensor.js";
import { isFloating, type DType } from "../dtype.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import type { OpName } from "../autograd/derivatives.js";
import { checkTensor, launch, toDType } from "./launch.js";

/** Runs unary kernel `kernel` over `input` (cast to `dtype` first if needed) into a new tensor. */
export function unaryForward(kernel: string, input: Tensor, dtype: DType, p = 0, q = 0, torchOp = kernel): Tensor {
  const fn = abi.kernel(kernel, dtype, torchOp);
  const x = toDType(input, dtype);
  try {
    const out = Tensor._empty(input.shape, dtype);
    try {
      launch(fn, out, [x.t], [p, q]);
    } catch (e) {
      out.dispose();
      throw e;
    }
    return out;
  } finally {
    if (x.owned) x.t.dispose();
  }
}

const floatOf = (d: DType): DType => (isFloating(d) ? d : "float32");

/**
 * Defines a unary op: `kernel` is the wasm kernel, `op` the derivatives entry,
 * `float` whether integer inputs are promoted to float32, and `save` what the
 * rule needs ("self", "result", or both).
 */
function unaryOp(name: string, op: OpName, float: boolean, save: readonly ("self" | "result")[]) {
  return (input: Tensor): Tensor => {
    checkTensor(input, name, "input");
    if (input.dtype === "bool" && !float) throw new TypeError(`"${name}" not implemented for 'Bool'`);
    const out = unaryForward(name, input, float ? floatOf(input.dtype) : input.dtype);
    const saved: Record<string, Tensor> = {};
    for (const k of save) saved[k] = k === "self" ? input : out;
    return record(op, out, [input], saved);
  };
}

export const neg = unaryOp("neg", "neg", false, []);
export const abs = unaryOp("abs", "abs", false, ["self"]);
export const sign = unaryOp("sign", "sign", false, []);
export const sqrt = unaryOp("sqrt", "sqrt", true, ["result"]);
export const rsqrt = unaryOp("rsqrt", "rsqrt", true, ["result"]);
export const exp = unaryOp("exp", "exp", true, ["result"]);
export const log = unaryOp("log", "log", true, ["self"]);
export const log1p = unaryOp("log1p", "log1p", true, ["self"]);
export const expm1 = unaryOp("expm1", "expm1", true, ["result"]);
export const sin = unaryOp("sin", "sin", true, ["self"]);
export const cos = unaryOp("cos", "cos", true, ["self"]);
export const tanh = unaryOp("tanh", "tanh", true, ["result"]);
export const sigmoid = unaryOp("sigmoid", "sigmoid", true, ["result"]);
export const relu = unaryOp("relu", "relu", false, ["result"]);
export const reciprocal = unaryOp("reciprocal", "reciprocal", true, ["result"]);
export const floor = unaryOp("floor", "floor", false, []);
export const ceil = unaryOp("ceil", "ceil", false, []);
export const trunc = unaryOp("trunc", "trunc", false, []);
export const round = unaryOp("round", "round", false, []);

/** x * x; PyTorch records it as pow(x, 2) (PowBackward0). */
export function square(input: Tensor): Tensor {
  checkTensor(input, "square", "input");
  const dtype = input.dtype === "bool" ? "int32" : input.dtype;
  const out = unaryForward("square", input, dtype);
  return record("pow", out, [input], { self: input, exponent: 2 });
}

function checkBound(v: unknown, name: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number") throw new TypeError(`clamp(): argument '${name}' must be a number, but got ${typeof v}`);
  return v;
}

/** Limits values to [min, max]; either bound may be omitted (null/undefined), not both. */
export function clamp(input: Tensor, min?: number | null, max?: number | null): Tensor {
  checkTensor(input, "clamp", "input");
  const lo = checkBound(min, "min");
  const hi = checkBound(max, "max");
  if (lo === null && hi === null) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const isFloatBound = (lo !== null && !Number.isInteger(lo)) || (hi !== null && !Number.isInteger(hi));
  const dtype: DType = input.dtype === "bool" || (isFloatBound && !isFloating(input.dtype)) ? "float32" : input.dtype;
  const out = unaryForward("clamp", input, dtype, lo ?? -Infinity, hi ?? Infinity);
  return record("clamp", out, [input], { self: input, min: lo, max: hi });
}

/** A copy with its own storage (CloneBackward0). */
export function clone(input: Tensor): Tensor {
  checkTensor(input, "clone", "input");
  const out = unaryForward("copy", input, input.dtype);
  return record("clone", out, [input], {});
}

declare module "../tensor.js" {
  interface Tensor {
    neg(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    reciprocal(): Tensor;
    square(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    trunc(): Tensor;
    round(): Tensor;
    clamp(min?: number | null, max?: number | null): Tensor;
    clone(): Tensor;
  }
}

const methods: Record<string, (x: Tensor) => Tensor> = {
  neg, abs, sign, sqrt, rsqrt, exp, log, log1p, expm1, sin, cos, tanh, sigmoid, relu, reciprocal, square,
  floor, ceil, trunc, round, clone,
};
for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor) { return fn(this); },
    writable: true,
    configurable: true,
  });
}
Tensor.prototype.clamp = function (this: Tensor, min?: number | null, max?: number | null) { return clamp(this, min, max); };
