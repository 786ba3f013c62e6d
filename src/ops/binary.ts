// Binary arithmetic with broadcasting and PyTorch's type promotion:
// add, sub, mul, div, pow, remainder, maximum, minimum.
//
// A JS number takes part as a wrapped scalar (torch.result_type's lowest
// priority). PyTorch's Python operators decide which node a number operand
// gives, and torchlet follows them: `2 + x` and `2 * x` put the tensor's edge
// first, `2 - x` is rsub (RsubBackward1), `2 / x` is reciprocal(x) * 2.

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { scoped } from "../memory.js";
import { isFloating, type DType } from "../dtype.js";
import { broadcastShapes } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { castTo, checkTensorLike, filledBy, launch, resultTypeOf, toDType } from "./launch.js";
import { filled } from "./creation.js";
import { checkOptionsObject, pyType } from "../args.js";
import { reciprocal, unaryForward } from "./unary.js";
import { checkNarrowSupport, isNarrow, throughWide } from "./wide.js";

type BinaryKernel =
  "add" | "sub" | "mul" | "div" | "pow" | "remainder" | "maximum" | "minimum" | "div_trunc" | "div_floor";

/** What a binary kernel takes after its operands: the scale of b (default 1), the kernel's name in PyTorch's messages. */
type BinaryTail = [s?: number, torchOp?: string];

/** Runs `kernel(a, b)` into `out` (any strides), with both operands brought to out's dtype. */
export function binaryInto(
  kernel: BinaryKernel,
  out: Tensor,
  a: TensorLike,
  b: TensorLike,
  ...[s = 1, torchOp = kernel]: BinaryTail
): void {
  if (isNarrow(out.dtype)) {
    checkNarrowSupport(kernel, out.dtype);
    // Operands in the narrow dtype first (a JS number rounds to float16), then widened exactly.
    const A = toDType(a, out.dtype);
    const B = toDType(b, out.dtype);
    try {
      return throughWide(out, (w) => binaryInto(kernel, w, A.t, B.t, s, torchOp));
    } finally {
      if (A.owned) A.t.dispose();
      if (B.owned) B.t.dispose();
    }
  }
  const fn = abi.kernel(kernel, out.dtype, torchOp);
  const A = toDType(a, out.dtype);
  const B = toDType(b, out.dtype);
  try {
    // Integer division and remainder report a zero divisor, as PyTorch's CPU kernels do.
    if (launch(fn, out, [A.t, B.t], [s]) === 1) throw new Error("ZeroDivisionError");
  } finally {
    if (A.owned) A.t.dispose();
    if (B.owned) B.t.dispose();
  }
}

export const shapeOf = (v: TensorLike): readonly number[] => (v instanceof Tensor ? v.shape : []);

/** `kernel(a, b)` into a new tensor of the broadcast shape, computed in `compute`. */
export function binaryForward(kernel: BinaryKernel, a: TensorLike, b: TensorLike, compute: DType, ...tail: BinaryTail) {
  return filledBy(Tensor._empty(broadcastShapes(shapeOf(a), shapeOf(b)), compute), (out) =>
    binaryInto(kernel, out, a, b, ...tail),
  );
}

/** The kernels have no bool form: bool results are computed in int32 and cast (True + True is True). */
function forward(kernel: BinaryKernel, a: TensorLike, b: TensorLike, dtype: DType, s = 1): Tensor {
  if (dtype !== "bool") return binaryForward(kernel, a, b, dtype, s);
  const t = binaryForward(kernel, a, b, "int32", s);
  try {
    return castTo(t, "bool");
  } finally {
    t.dispose();
  }
}

/** Checks a binary op's operands: tensors or numbers, at least one a tensor. */
function operands(op: string, input: unknown, other: unknown, otherName = "other"): [TensorLike, TensorLike] {
  checkTensorLike(input, op, "input");
  checkTensorLike(other, op, otherName);
  if (!(input instanceof Tensor) && !(other instanceof Tensor)) {
    throw new TypeError(`${op}(): at least one of 'input' and '${otherName}' must be a Tensor, but got two numbers`);
  }
  return [input, other];
}

const isBool = (v: TensorLike): boolean => (v instanceof Tensor ? v.dtype === "bool" : typeof v === "boolean");

/** PyTorch's alpha_check. */
export function checkAlpha(alpha: unknown, dtype: DType, op: string): number {
  if (alpha === undefined) return 1;
  if (typeof alpha === "boolean") {
    if (dtype !== "bool") throw new TypeError("Boolean alpha only supported for Boolean results.");
    return Number(alpha);
  }
  if (typeof alpha !== "number" || Number.isNaN(alpha))
    throw new TypeError(`${op}(): alpha must be a number, but got ${String(alpha)}`);
  if (!isFloating(dtype) && !Number.isInteger(alpha)) {
    throw new TypeError("For integral input tensors, argument alpha must not be a floating point number.");
  }
  return alpha;
}

/** PyTorch refuses `-` on bools, with one message for two bools and another for one. */
export function checkSubBool(a: TensorLike, b: TensorLike): void {
  if (isBool(a) && isBool(b)) {
    throw new TypeError(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
  if (isBool(a) || isBool(b)) {
    throw new TypeError(
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
}

export interface AlphaOptions {
  alpha?: number;
}

/** torch.add: input + alpha * other, broadcast, with PyTorch's type promotion. Keyword: `{ alpha }`. */
export function add(input: TensorLike, other: TensorLike, opts?: AlphaOptions): Tensor {
  const [a, b] = operands("add", input, other);
  const dtype = resultTypeOf([a, b]);
  const alpha = checkAlpha(checkOptionsObject<AlphaOptions>(opts, "add", ["alpha"]).alpha, dtype, "add");
  const out = forward("add", a, b, dtype, alpha);
  if (!(a instanceof Tensor)) return record("add", out, [b, a], { alpha, reflected: true });
  return record("add", out, [a, b], { alpha });
}

/** torch.sub: input - alpha * other; a number minus a tensor is PyTorch's rsub. Keyword: `{ alpha }`. */
export function sub(input: TensorLike, other: TensorLike, opts?: AlphaOptions): Tensor {
  const [a, b] = operands("sub", input, other);
  checkSubBool(a, b);
  const dtype = resultTypeOf([a, b]);
  const alpha = checkAlpha(checkOptionsObject<AlphaOptions>(opts, "sub", ["alpha"]).alpha, dtype, "sub");
  const out = forward("sub", a, b, dtype, alpha);
  if (!(a instanceof Tensor)) return record("rsub", out, [b], { alpha });
  return record("sub", out, [a, b], { alpha });
}

/** torch.mul: input * other, elementwise and broadcast, with PyTorch's type promotion. */
export function mul(input: TensorLike, other: TensorLike): Tensor {
  const [a, b] = operands("mul", input, other);
  const out = forward("mul", a, b, resultTypeOf([a, b]));
  // `2 * x` keeps x as the first edge.
  return record("mul", out, a instanceof Tensor ? [a, b] : [b, a]);
}

export type RoundingMode = "trunc" | "floor";

export interface DivOptions {
  roundingMode?: RoundingMode | null;
}

export function checkRoundingMode(opts: DivOptions | undefined, fn = "div"): RoundingMode | null {
  const mode = checkOptionsObject<DivOptions>(opts, fn, ["roundingMode"]).roundingMode ?? null;
  if (mode !== null && mode !== "trunc" && mode !== "floor") {
    throw new RangeError(
      `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`,
    );
  }
  return mode;
}

/**
 * torch.div: true division (integers give float32), or rounded with `{
 * roundingMode: "trunc" | "floor" }` (PyTorch's rounding_mode).
 */
export function div(input: TensorLike, other: TensorLike, opts?: DivOptions): Tensor {
  const [a, b] = operands("div", input, other);
  const mode = checkRoundingMode(opts);
  const dtype = resultTypeOf([a, b]);
  if (mode === null) {
    // `2 / x` is reciprocal(x) * 2 in PyTorch (MulBackward0 over ReciprocalBackward0), values included.
    if (!(a instanceof Tensor)) {
      return scoped(() => mul(reciprocal(b as Tensor), a));
    }
    const out = binaryForward("div", a, b, isFloating(dtype) ? dtype : "float32");
    return record("div", out, [a, b]);
  }
  const kernel = mode === "trunc" ? "div_trunc" : "div_floor";
  const out = binaryForward(kernel, a, b, dtype, 1, `div_${mode}_cpu`);
  // Rounded division is piecewise constant: its gradient is zero (DivBackward2).
  return record("divRounded", out, [a, b]);
}

/** The kernel PyTorch's pow_tensor_scalar uses for special exponents, with its exact arithmetic. */
export function powKernel(e: number): string {
  if (e === 2) return "square";
  if (e === 3) return "cube";
  if (e === 0.5) return "sqrt";
  if (e === -0.5) return "rsqrt";
  if (e === -1) return "reciprocal";
  if (e === -2) return "reciprocal_square";
  return "pow_scalar";
}

/** input ** exponent: a number exponent (PowBackward0), a tensor (PowBackward1), or a number base (PowBackward2). */
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  const [a, b] = operands("pow", input, exponent, "exponent");
  const dtype = resultTypeOf([a, b]);
  if (a instanceof Tensor && !(b instanceof Tensor)) {
    const e = Number(b);
    let out: Tensor;
    if (isFloating(dtype)) out = unaryForward(powKernel(e), a, dtype, e, 0, "pow");
    else {
      if (e < 0) throw new RangeError("Integers to negative integer powers are not allowed.");
      out = binaryForward("pow", a, e, dtype);
    }
    return record("pow", out, [a], { exponent: e });
  }
  if (!(a instanceof Tensor)) {
    const base = Number(a);
    // PyTorch fills ones for base 1 (so 1 ** nan is 1); otherwise a broadcast tensor ** tensor.
    const out =
      base === 1 && dtype !== "bool" ? filled((b as Tensor).shape, 1, dtype) : binaryForward("pow", base, b, dtype);
    return record("powScalarBase", out, [b], { base });
  }
  const out = binaryForward("pow", a, b, dtype);
  return record("powTensor", out, [a, b]);
}

/** Python's modulo: the result has the sign of the divisor. */
export function remainder(input: TensorLike, other: TensorLike): Tensor {
  const [a, b] = operands("remainder", input, other);
  const dtype = resultTypeOf([a, b]);
  const out = binaryForward("remainder", a, b, dtype, 1, "remainder_cpu");
  // PyTorch has no derivative for remainder(number, tensor): its node refuses backward.
  if (!(a instanceof Tensor)) return record("remainderScalarSelf", out, [b]);
  if (!(b instanceof Tensor)) return record("remainderScalar", out, [a]);
  return record("remainder", out, [a, b]);
}

function extremum(kind: "maximum" | "minimum", input: unknown, other: unknown): Tensor {
  checkTensorLike(input, kind, "input");
  checkTensorLike(other, kind, "other");
  if (!(input instanceof Tensor))
    throw new TypeError(`${kind}(): argument 'input' (position 1) must be Tensor, not ${pyType(input)}`);
  if (!(other instanceof Tensor))
    throw new TypeError(`${kind}(): argument 'other' (position 2) must be Tensor, not ${pyType(other)}`);
  const out = forward(kind, input, other, resultTypeOf([input, other]));
  return record(kind, out, [input, other]);
}

/** Elementwise maximum; NaN propagates; at ties the gradient is split evenly. */
export const maximum = (input: Tensor, other: Tensor): Tensor => extremum("maximum", input, other);
/** Elementwise minimum; NaN propagates; at ties the gradient is split evenly. */
export const minimum = (input: Tensor, other: Tensor): Tensor => extremum("minimum", input, other);

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.add: self + alpha * other (see `torch.add`). Keyword: `{ alpha }`. */
    add(other: TensorLike, opts?: AlphaOptions): Tensor;
    /** Tensor.sub: self - alpha * other. Keyword: `{ alpha }`. */
    sub(other: TensorLike, opts?: AlphaOptions): Tensor;
    /** Tensor.mul: self * other, elementwise and broadcast. */
    mul(other: TensorLike): Tensor;
    /** Tensor.div: self / other; `{ roundingMode: "trunc" | "floor" }` rounds (PyTorch's rounding_mode). */
    div(other: TensorLike, opts?: DivOptions): Tensor;
    /** Tensor.pow: self ** exponent, elementwise (the exponent a number or a tensor). */
    pow(exponent: TensorLike): Tensor;
    /** Tensor.remainder: Python's modulo, the result has the sign of the divisor. */
    remainder(other: TensorLike): Tensor;
    /** Tensor.maximum: the elementwise maximum of two tensors; NaN propagates. */
    maximum(other: Tensor): Tensor;
    /** Tensor.minimum: the elementwise minimum of two tensors; NaN propagates. */
    minimum(other: Tensor): Tensor;
  }
}

addMethodsOf({ add, sub, mul, div, pow, remainder, maximum, minimum });
