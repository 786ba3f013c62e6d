// Unary elementwise ops. Math functions of integer and bool tensors give
// float32, as in PyTorch; neg/abs/sign/square/relu and rounding keep the dtype
// (square of bool gives an integer) and refuse bools where PyTorch does.

import { Tensor } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { isFloating, type DType } from "../dtype.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import type { OpName } from "../autograd/registry.js";
import { checkTensor, filledBy, launch, toDType } from "./launch.js";
import { checkNarrowSupport, isNarrow, throughWide, widened } from "./wide.js";

/** Runs unary kernel `kernel` over `input` (cast to `dtype` first if needed) into a new tensor. */
export function unaryForward(kernel: string, input: Tensor, dtype: DType, p = 0, q = 0, torchOp = kernel): Tensor {
  if (isNarrow(dtype) && kernel !== "copy") {
    checkNarrowSupport(kernel, dtype);
    const x = toDType(input, dtype);
    const xw = widened(x.t);
    try {
      return filledBy(Tensor._empty(input.shape, dtype), (out) =>
        throughWide(out, (w) => {
          const far = launch(abi.kernel(kernel, w.dtype, torchOp), w, [xw.t], [p, q]);
          if (typeof far === "number" && far > 0) recomputeFarTrig(kernel, xw.t, w);
        }),
      );
    } finally {
      if (x.owned) x.t.dispose();
      if (xw.owned) xw.t.dispose();
    }
  }
  const fn = abi.kernel(kernel, dtype, torchOp);
  const x = toDType(input, dtype);
  try {
    return filledBy(Tensor._empty(input.shape, dtype), (out) => {
      const far = launch(fn, out, [x.t], [p, q]);
      if (typeof far === "number" && far > 0) recomputeFarTrig(kernel, x.t, out);
    });
  } finally {
    if (x.owned) x.t.dispose();
  }
}

/**
 * float64 sin/cos of |x| >= 2^20, which the wasm kernel reduces wrongly
 * (AssemblyScript's Math.sin/cos), recomputed with the engine's Math; the
 * same for tan (float32 and float64) and float64 sinc (of pi x).
 */
function recomputeFarTrig(kernel: string, input: Tensor, out: Tensor): void {
  const far = farTrig[kernel];
  if (far === undefined) return;
  const xs = input.toArray() as Float64Array | Float32Array;
  const ys = abi.view(out.dtype, out._addr(), out.numel()) as Float64Array | Float32Array;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    const a = far.arg(v);
    if (Math.abs(a) >= 1048576 && Number.isFinite(a)) ys[i] = far.f(v);
  }
}

const same = (v: number): number => v;
/** The kernels that count far trig arguments: the argument they reduce, and the value in the engine's Math. */
const farTrig: Readonly<Record<string, { arg: (v: number) => number; f: (v: number) => number }>> = {
  sin: { arg: same, f: Math.sin },
  cos: { arg: same, f: Math.cos },
  tan: { arg: same, f: Math.tan },
  sinc: { arg: (v) => Math.PI * v, f: (v) => Math.sin(Math.PI * v) / (Math.PI * v) },
};

/** Whether kernel `kernel` of `dtype` may leave far trig arguments to recompute (in place, go out of place first). */
export const recomputesFar = (kernel: string, dtype: DType): boolean =>
  (dtype === "float64" && kernel in farTrig) || (dtype === "float32" && kernel === "tan");

const floatOf = (d: DType): DType => (isFloating(d) ? d : "float32");

const NEG_BOOL =
  "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.";

/**
 * How a unary op treats dtypes (its rule says what it saves). `float`: integer and
 * bool inputs are promoted to float32. `boolError`: PyTorch's message for a
 * bool input ("" keeps bools as they are).
 */
export interface UnarySpec {
  name: string;
  op: OpName;
  float: boolean;
  boolError?: string;
  /** The name PyTorch's "not implemented for" message gives the kernel, when it is not `name`. */
  torchOp?: string;
  /** The rule of the in-place form, when PyTorch names its node differently (AsinhBackward1). */
  inplaceOp?: OpName;
}

/** PyTorch's message for a bool input to a kernel that has no bool form. */
const noBool = (kernel: string): string => `"${kernel}" not implemented for 'Bool'`;

/** The specs `floating` makes, by name. */
type FloatingSpecs<N extends OpName> = { readonly [K in N]: { name: K; op: K; float: true } };

/** Specs of ops that compute in floating point, each named `name` as function, kernel and rule. */
function floating<const N extends OpName>(names: readonly N[]): FloatingSpecs<N> {
  return Object.fromEntries(names.map((name) => [name, { name, op: name, float: true }])) as FloatingSpecs<N>;
}

/** Every unary op of the elementwise kernels, by name. */
export const unarySpecs = {
  neg: { name: "neg", op: "neg", float: false, boolError: NEG_BOOL },
  abs: { name: "abs", op: "abs", float: false, boolError: noBool("abs_cpu") },
  sign: { name: "sign", op: "sign", float: false, boolError: "" },
  relu: { name: "relu", op: "relu", float: false, boolError: "Boolean inputs not supported for relu" },
  floor: { name: "floor", op: "floor", float: false, boolError: noBool("floor_vml_cpu") },
  ceil: { name: "ceil", op: "ceil", float: false, boolError: noBool("ceil_vml_cpu") },
  trunc: { name: "trunc", op: "trunc", float: false, boolError: noBool("trunc_vml_cpu") },
  round: { name: "round", op: "round", float: false, boolError: noBool("round_vml_cpu") },
  frac: { name: "frac", op: "frac", float: false, boolError: noBool("frac_cpu"), torchOp: "frac_cpu" },
  asinh: { name: "asinh", op: "asinh", float: true, inplaceOp: "asinhInplace" },
  acosh: { name: "acosh", op: "acosh", float: true, inplaceOp: "acoshInplace" },
  atanh: { name: "atanh", op: "atanh", float: true, inplaceOp: "atanhInplace" },
  ...floating(["sqrt", "rsqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tanh", "sigmoid", "reciprocal"]),
  // From erfc on, the math ops of issue 17 (their functions and methods: src/ops/unaryMath.ts).
  ...floating(["erf", "erfc", "erfinv", "tan", "asin", "acos", "atan", "sinh", "cosh", "log2", "log10", "exp2"]),
  ...floating(["lgamma", "digamma", "sinc", "deg2rad", "rad2deg"]),
} as const satisfies Record<string, UnarySpec>;

/** The dtype `spec` computes in for an input of dtype `d` (throws PyTorch's error for refused bools). */
export function unaryDType(spec: UnarySpec, d: DType): DType {
  if (spec.float) return floatOf(d);
  if (d === "bool" && spec.boolError !== undefined && spec.boolError !== "") throw new TypeError(spec.boolError);
  return d;
}

/** The wasm kernel of `spec` for dtype `d` (sign of a bool is the bool itself). */
export const unaryKernel = (spec: UnarySpec, d: DType): string =>
  d === "bool" && spec.name === "sign" ? "copy" : spec.name;

/** The function of a unary op declared in `unarySpecs`. */
export function unaryOp(spec: UnarySpec) {
  return (input: Tensor): Tensor => {
    checkTensor(input, spec.name, "input");
    const dtype = unaryDType(spec, input.dtype);
    const kernel = unaryKernel(spec, dtype);
    const out = unaryForward(kernel, input, dtype, 0, 0, spec.torchOp ?? kernel);
    return record(spec.op, out, [input]);
  };
}

/** torch.neg: -input, elementwise. Bool tensors are refused, as in PyTorch. */
export const neg = unaryOp(unarySpecs.neg);
/** torch.abs: the absolute value of each element. */
export const abs = unaryOp(unarySpecs.abs);
/** torch.sign: -1, 0 or 1 for each element. */
export const sign = unaryOp(unarySpecs.sign);
/** torch.sqrt: the square root of each element; integer and bool inputs give float32. */
export const sqrt = unaryOp(unarySpecs.sqrt);
/** torch.rsqrt: 1 / sqrt(x) for each element; integer and bool inputs give float32. */
export const rsqrt = unaryOp(unarySpecs.rsqrt);
/** torch.exp: e to the power of each element; integer and bool inputs give float32. */
export const exp = unaryOp(unarySpecs.exp);
/** torch.log: the natural logarithm of each element; integer and bool inputs give float32. */
export const log = unaryOp(unarySpecs.log);
/** torch.log1p: log(1 + x), accurate for small x; integer and bool inputs give float32. */
export const log1p = unaryOp(unarySpecs.log1p);
/** torch.expm1: exp(x) - 1, accurate for small x; integer and bool inputs give float32. */
export const expm1 = unaryOp(unarySpecs.expm1);
/** torch.sin: the sine of each element (radians); integer and bool inputs give float32. */
export const sin = unaryOp(unarySpecs.sin);
/** torch.cos: the cosine of each element (radians); integer and bool inputs give float32. */
export const cos = unaryOp(unarySpecs.cos);
/** torch.tanh: the hyperbolic tangent of each element; integer and bool inputs give float32. */
export const tanh = unaryOp(unarySpecs.tanh);
/** torch.sigmoid: 1 / (1 + exp(-x)) for each element; integer and bool inputs give float32. */
export const sigmoid = unaryOp(unarySpecs.sigmoid);
/**
 * torch.relu (also nn.functional.relu): max(x, 0) for each element; keeps the
 * dtype. There is no `inplace` option: use `x.relu_()`.
 */
export const relu = unaryOp(unarySpecs.relu);
/** torch.reciprocal: 1 / x for each element; integer and bool inputs give float32. */
export const reciprocal = unaryOp(unarySpecs.reciprocal);
/** torch.floor: the largest integer not above each element; keeps the dtype. */
export const floor = unaryOp(unarySpecs.floor);
/** torch.ceil: the smallest integer not below each element; keeps the dtype. */
export const ceil = unaryOp(unarySpecs.ceil);
/** torch.trunc: each element rounded toward zero; keeps the dtype. */
export const trunc = unaryOp(unarySpecs.trunc);
/** torch.round: each element rounded to the nearest integer, halves to even. No `decimals` option. */
export const round = unaryOp(unarySpecs.round);
/** torch.erf: the error function of each element; integer and bool inputs give float32. */
export const erf = unaryOp(unarySpecs.erf);

/** x * x; PyTorch records it as pow(x, 2) (PowBackward0). Bools square to int64. */
export function square(input: Tensor): Tensor {
  checkTensor(input, "square", "input");
  const dtype = input.dtype === "bool" ? "int64" : input.dtype;
  const out = unaryForward("square", input, dtype);
  return record("pow", out, [input], { exponent: 2 });
}

/**
 * `input` converted to `dtype`, recorded as PyTorch's ToCopyBackward0 (the
 * engine casts the grad back to the input's dtype). The engine uses it to
 * cast grads, so that under createGraph the cast is part of the graph.
 */
export function toCopy(input: Tensor, dtype: DType): Tensor {
  checkTensor(input, "to", "input");
  const out = unaryForward("copy", input, dtype);
  return isFloating(dtype) ? record("toCopy", out, [input]) : out;
}

/** A copy with its own storage (CloneBackward0). */
export function clone(input: Tensor): Tensor {
  checkTensor(input, "clone", "input");
  const out = unaryForward("copy", input, input.dtype);
  return record("clone", out, [input]);
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.neg: -self, elementwise (see `torch.neg`). */
    neg(): Tensor;
    /** Tensor.abs: the absolute value of each element. */
    abs(): Tensor;
    /** Tensor.sign: -1, 0 or 1 for each element. */
    sign(): Tensor;
    /** Tensor.sqrt: the square root of each element; integer inputs give float32. */
    sqrt(): Tensor;
    /** Tensor.rsqrt: 1 / sqrt(x) for each element; integer inputs give float32. */
    rsqrt(): Tensor;
    /** Tensor.exp: e to the power of each element; integer inputs give float32. */
    exp(): Tensor;
    /** Tensor.log: the natural logarithm of each element; integer inputs give float32. */
    log(): Tensor;
    /** Tensor.log1p: log(1 + x); integer inputs give float32. */
    log1p(): Tensor;
    /** Tensor.expm1: exp(x) - 1; integer inputs give float32. */
    expm1(): Tensor;
    /** Tensor.sin: the sine of each element; integer inputs give float32. */
    sin(): Tensor;
    /** Tensor.cos: the cosine of each element; integer inputs give float32. */
    cos(): Tensor;
    /** Tensor.tanh: the hyperbolic tangent of each element; integer inputs give float32. */
    tanh(): Tensor;
    /** Tensor.sigmoid: 1 / (1 + exp(-x)) for each element; integer inputs give float32. */
    sigmoid(): Tensor;
    /** Tensor.relu: max(x, 0) for each element; keeps the dtype. */
    relu(): Tensor;
    /** Tensor.reciprocal: 1 / x for each element; integer inputs give float32. */
    reciprocal(): Tensor;
    /** Tensor.square: x * x for each element; bool gives int64. */
    square(): Tensor;
    /** Tensor.floor: each element rounded down; keeps the dtype. */
    floor(): Tensor;
    /** Tensor.ceil: each element rounded up; keeps the dtype. */
    ceil(): Tensor;
    /** Tensor.trunc: each element rounded toward zero; keeps the dtype. */
    trunc(): Tensor;
    /** Tensor.round: each element rounded to the nearest integer, halves to even. */
    round(): Tensor;
    /** Tensor.erf: the error function of each element; integer inputs give float32. */
    erf(): Tensor;
    /** Tensor.clone: a copy with its own storage, differentiable (CloneBackward0). No `memory_format` option. */
    clone(): Tensor;
  }
}

addMethodsOf({ neg, abs, sign, sqrt, rsqrt, exp, log, log1p, expm1, sin, cos, tanh, sigmoid });
addMethodsOf({ relu, reciprocal, square, floor, ceil, trunc, round, erf, clone });
