// Binary arithmetic with broadcasting and PyTorch's type promotion:
// add, sub, mul, div, pow, remainder, maximum, minimum.

import { Tensor, type TensorLike } from "../tensor.js";
import { isFloating, type DType } from "../dtype.js";
import { broadcastShapes } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { checkTensorLike, launch, resultTypeOf, toDType } from "./launch.js";
import { reciprocal } from "./unary.js";

type BinaryKernel = "add" | "sub" | "mul" | "div" | "pow" | "remainder" | "maximum" | "minimum";

/**
 * Computes `kernel(a, b)` into a new tensor of the broadcast shape. `compute`
 * is the dtype the kernel runs in, `outDtype` the result's (they differ only
 * for true division of integers).
 */
export function binaryForward(kernel: BinaryKernel, a: TensorLike, b: TensorLike, compute: DType, s = 1, torchOp: string = kernel): Tensor {
  const fn = abi.kernel(kernel, compute, torchOp);
  const A = toDType(a, compute);
  const B = toDType(b, compute);
  try {
    const out = Tensor._empty(broadcastShapes(A.t.shape, B.t.shape), compute);
    try {
      launch(fn, out, [A.t, B.t], [s]);
    } catch (e) {
      out.dispose();
      throw e;
    }
    return out;
  } finally {
    if (A.owned) A.t.dispose();
    if (B.owned) B.t.dispose();
  }
}

/** The arguments of a binary op as tensors for saving (numbers stay numbers). */
function args(op: string, input: unknown, other: unknown): [TensorLike, TensorLike] {
  checkTensorLike(input, op, "input");
  checkTensorLike(other, op, "other");
  return [input, other];
}

const asTensor = (v: TensorLike): Tensor | null => (v instanceof Tensor ? v : null);

function checkAlpha(alpha: unknown, dtype: DType, op: string): number {
  if (alpha === undefined) return 1;
  if (typeof alpha !== "number" || Number.isNaN(alpha)) throw new TypeError(`${op}(): alpha must be a number, but got ${String(alpha)}`);
  if (!isFloating(dtype) && !Number.isInteger(alpha)) {
    throw new TypeError("For integral input tensors, argument alpha must not be a floating point number.");
  }
  return alpha;
}

/** input + alpha * other */
export function add(input: TensorLike, other: TensorLike, opts?: { alpha?: number }): Tensor {
  const [a, b] = args("add", input, other);
  const dtype = resultTypeOf([a, b]);
  const alpha = checkAlpha(opts?.alpha, dtype, "add");
  const out = binaryForward("add", a, b, dtype === "bool" ? "int32" : dtype, alpha);
  return record("add", out, [asTensor(a), asTensor(b)], { alpha });
}

/** input - alpha * other */
export function sub(input: TensorLike, other: TensorLike, opts?: { alpha?: number }): Tensor {
  const [a, b] = args("sub", input, other);
  const dtype = resultTypeOf([a, b]);
  if (dtype === "bool") {
    throw new TypeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
  }
  const alpha = checkAlpha(opts?.alpha, dtype, "sub");
  const out = binaryForward("sub", a, b, dtype, alpha);
  // `2 - x` is torch.rsub in PyTorch: its own node (RsubBackward1).
  if (!(a instanceof Tensor)) return record("rsub", out, [null, asTensor(b)], { alpha });
  return record("sub", out, [a, asTensor(b)], { alpha });
}

export function mul(input: TensorLike, other: TensorLike): Tensor {
  const [a, b] = args("mul", input, other);
  const dtype = resultTypeOf([a, b]);
  const out = binaryForward("mul", a, b, dtype === "bool" ? "int32" : dtype);
  return record("mul", out, [asTensor(a), asTensor(b)], { self: a, other: b });
}

export type RoundingMode = "trunc" | "floor";

/** True division (integers give float32), or rounded with { roundingMode: "trunc" | "floor" }. */
export function div(input: TensorLike, other: TensorLike, opts?: { roundingMode?: RoundingMode | null }): Tensor {
  const [a, b] = args("div", input, other);
  const mode = opts?.roundingMode ?? null;
  // `2 / x` is reciprocal(x) * 2 in PyTorch (MulBackward0 over ReciprocalBackward0), values included.
  if (mode === null && !(a instanceof Tensor) && b instanceof Tensor) {
    const r = reciprocal(b);
    const out = mul(r, a);
    r.dispose();
    return out;
  }
  if (mode !== null && mode !== "trunc" && mode !== "floor") {
    throw new RangeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  const dtype = resultTypeOf([a, b]);
  const compute = isFloating(dtype) ? dtype : "float32";
  const q = binaryForward("div", a, b, compute);
  if (mode === null) return record("div", q, [asTensor(a), asTensor(b)], { self: a, other: b });
  // Rounded division is piecewise constant: its gradient is zero (PyTorch's DivBackward2).
  let r = mode === "trunc" ? roundTowardZero(q) : floorOf(q);
  q.dispose();
  if (!isFloating(dtype)) {
    const cast = toDType(r, dtype).t;
    r.dispose();
    r = cast;
  }
  return record("divRounded", r, [asTensor(a), asTensor(b)], {});
}

function roundTowardZero(t: Tensor): Tensor {
  const out = Tensor._empty(t.shape, t.dtype);
  launch(abi.kernel("trunc", t.dtype), out, [t], [0, 0]);
  return out;
}

function floorOf(t: Tensor): Tensor {
  const out = Tensor._empty(t.shape, t.dtype);
  launch(abi.kernel("floor", t.dtype), out, [t], [0, 0]);
  return out;
}

/** input ** exponent: a number exponent (PowBackward0), a tensor (PowBackward1), or a number base (PowBackward2). */
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  const [a, b] = args("pow", input, exponent);
  const dtype = resultTypeOf([a, b]);
  if (a instanceof Tensor && !(b instanceof Tensor)) {
    const e = Number(b);
    if (!isFloating(dtype) && e < 0) throw new RangeError("Integers to negative integer powers are not allowed.");
    let out: Tensor;
    if (isFloating(dtype)) {
      const x = toDType(a, dtype);
      try {
        out = Tensor._empty(a.shape, dtype);
        launch(abi.kernel("pow_scalar", dtype, "pow"), out, [x.t], [e, 0]);
      } finally {
        if (x.owned) x.t.dispose();
      }
    } else out = binaryForward("pow", a, b, dtype);
    return record("pow", out, [a], { self: a, exponent: e });
  }
  const out = binaryForward("pow", a, b, dtype === "bool" ? "int32" : dtype);
  // A number base is a None edge of the same PowBackward1 node, as in PyTorch.
  return record("powTensor", out, [asTensor(a), b as Tensor], { self: a, exponent: b, result: out });
}

/** Python's modulo: the result has the sign of the divisor. */
export function remainder(input: TensorLike, other: TensorLike): Tensor {
  const [a, b] = args("remainder", input, other);
  const dtype = resultTypeOf([a, b]);
  if (dtype === "bool") throw new TypeError(`"remainder_cpu" not implemented for 'Bool'`);
  const out = binaryForward("remainder", a, b, dtype);
  if (a instanceof Tensor && !(b instanceof Tensor)) return record("remainderScalar", out, [a], {});
  return record("remainder", out, [asTensor(a), asTensor(b)], { self: a, other: b });
}

function extremum(kind: "maximum" | "minimum", input: unknown, other: unknown): Tensor {
  checkTensorLike(input, kind, "input");
  checkTensorLike(other, kind, "other");
  if (!(input instanceof Tensor) || !(other instanceof Tensor)) {
    throw new TypeError(`${kind}(): argument 'other' (position 2) must be Tensor, not number`);
  }
  const dtype = resultTypeOf([input, other]);
  const out = binaryForward(kind, input, other, dtype === "bool" ? "int32" : dtype);
  return record(kind, out, [input, other], { self: input, other });
}

/** Elementwise maximum; NaN propagates; at ties the gradient is split evenly. */
export const maximum = (input: Tensor, other: Tensor): Tensor => extremum("maximum", input, other);
/** Elementwise minimum; NaN propagates; at ties the gradient is split evenly. */
export const minimum = (input: Tensor, other: Tensor): Tensor => extremum("minimum", input, other);

declare module "../tensor.js" {
  interface Tensor {
    add(other: TensorLike, opts?: { alpha?: number }): Tensor;
    sub(other: TensorLike, opts?: { alpha?: number }): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike, opts?: { roundingMode?: RoundingMode | null }): Tensor;
    pow(exponent: TensorLike): Tensor;
    remainder(other: TensorLike): Tensor;
    maximum(other: Tensor): Tensor;
    minimum(other: Tensor): Tensor;
  }
}

Object.assign(Tensor.prototype, {
  add(this: Tensor, other: TensorLike, opts?: { alpha?: number }) { return add(this, other, opts); },
  sub(this: Tensor, other: TensorLike, opts?: { alpha?: number }) { return sub(this, other, opts); },
  mul(this: Tensor, other: TensorLike) { return mul(this, other); },
  div(this: Tensor, other: TensorLike, opts?: { roundingMode?: RoundingMode | null }) { return div(this, other, opts); },
  pow(this: Tensor, exponent: TensorLike) { return pow(this, exponent); },
  remainder(this: Tensor, other: TensorLike) { return remainder(this, other); },
  maximum(this: Tensor, other: Tensor) { return maximum(this, other); },
  minimum(this: Tensor, other: Tensor) { return minimum(this, other); },
});
