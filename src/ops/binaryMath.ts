// Binary math: atan2 (arctan2), fmod, floor_divide, hypot, logaddexp,
// logaddexp2, xlogy, copysign, fmax, fmin, heaviside, and the ternary lerp
// and nan_to_num. Each binary op is declared once in `mathSpecs` (its
// kernel, which dtypes PyTorch 1.13's CPU kernel has, whether a number may
// stand for an operand); the in-place forms are in binaryMathInplace.ts.

import { Tensor, type TensorLike } from "../tensor.js";
import { scoped } from "../memory.js";
import { isFloating, scalarTypeName, type DType } from "../dtype.js";
import { broadcastShapes } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { noGrad } from "../autograd/gradMode.js";
import { pyType } from "../args.js";
import { castTo, checkTensorLike, copyInto, filledBy, launch, resultTypeOf } from "./launch.js";
import { add, sub, mul, binaryForward, type binaryInto } from "./binary.js";
import { abs, clone } from "./unary.js";
import { lt, where } from "./compare.js";
import { isNarrow, throughWide } from "./wide.js";

type Kernel = Parameters<typeof binaryInto>[0];

export interface MathSpec {
  /** PyTorch's name, used in messages. */
  name: string;
  /** The wasm kernel, `<kernel>_<suffix>`. */
  kernel: string;
  /** The name PyTorch's "not implemented for" message uses. */
  cpu: string;
  /** Integer and bool inputs: computed in float32, computed as they are, or refused. */
  ints: "promote" | "native" | "refuse";
  /** Whether PyTorch 1.13 has the op for float16 on the CPU. */
  half: boolean;
  /** Whether bool results are allowed (computed in int32, then cast). */
  bool: boolean;
  /** Whether `other` may be a number. */
  scalarOther: boolean;
  /** The second argument's name in PyTorch's signature. */
  otherName: string;
}

const spec = (name: string, ints: MathSpec["ints"], half: boolean, more: Partial<MathSpec> = {}): MathSpec => ({
  name,
  kernel: name,
  cpu: `${name}_cpu`,
  ints,
  half,
  bool: false,
  scalarOther: false,
  otherName: "other",
  ...more,
});

export const mathSpecs = {
  atan2: spec("atan2", "promote", false),
  fmod: spec("fmod", "native", true, { scalarOther: true }),
  hypot: spec("hypot", "refuse", false),
  logaddexp: spec("logaddexp", "refuse", false),
  logaddexp2: spec("logaddexp2", "refuse", false),
  xlogy: spec("xlogy", "promote", true, { scalarOther: true }),
  copysign: spec("copysign", "promote", true, { scalarOther: true }),
  fmax: spec("fmax", "native", true, { bool: true }),
  fmin: spec("fmin", "native", true, { bool: true }),
  heaviside: spec("heaviside", "native", true, { bool: true, otherName: "values" }),
  floorDivide: spec("floor_divide", "native", true, { kernel: "div_floor", cpu: "div_floor_cpu", scalarOther: true }),
} as const;

export type MathName = keyof typeof mathSpecs;

const notImplemented = (cpu: string, d: DType): TypeError =>
  new TypeError(`"${cpu}" not implemented for '${scalarTypeName[d]}'`);

/** PyTorch's message for an argument that must be a tensor. */
export function mustBeTensor(op: string, v: unknown, arg: string, position: number): TypeError {
  return new TypeError(`${op}(): argument '${arg}' (position ${position}) must be Tensor, not ${pyType(v)}`);
}

/** PyTorch's message for a number where only `other` may be one (the Python binding's overload list). */
function invalidCombination(op: string, a: TensorLike, b: TensorLike): TypeError {
  const kind = (v: TensorLike): string => (v instanceof Tensor ? "Tensor" : pyType(v));
  return new TypeError(
    `${op}() received an invalid combination of arguments - got (${kind(a)}, ${kind(b)}), but expected one of:\n` +
      ` * (Tensor input, Tensor other, *, Tensor out)\n * (Tensor input, Number other, *, Tensor out)\n`,
  );
}

/** Checks the operands of `s` and returns them. */
export function mathOperands(s: MathSpec, input: unknown, other: unknown): [Tensor, TensorLike] {
  if (s.scalarOther) {
    checkTensorLike(input, s.name, "input");
    checkTensorLike(other, s.name, s.otherName);
    if (!(input instanceof Tensor)) throw invalidCombination(s.name, input, other);
    return [input, other];
  }
  if (!(input instanceof Tensor)) throw mustBeTensor(s.name, input, "input", 1);
  if (!(other instanceof Tensor)) throw mustBeTensor(s.name, other, s.otherName, 2);
  input._check();
  other._check();
  if (s.kernel === "heaviside" && input.dtype !== other.dtype)
    throw new TypeError("heaviside is not yet implemented for tensors with different dtypes.");
  return [input, other];
}

/** The dtype `s` computes in for operands of result type `d`, or PyTorch's refusal. */
export function mathDType(s: MathSpec, d: DType): DType {
  if (!isFloating(d)) {
    if (s.ints === "promote") return "float32";
    if (s.ints === "refuse" || (d === "bool" && !s.bool)) throw notImplemented(s.cpu, d);
  }
  if (d === "float16" && !s.half) throw notImplemented(s.cpu, d);
  return d;
}

/** `s`'s values of (a, b) into a new tensor of the broadcast shape and dtype `d` (from mathDType). */
export function mathForward(s: MathSpec, a: TensorLike, b: TensorLike, d: DType): Tensor {
  const kernel = s.kernel as Kernel;
  if (d !== "bool") return binaryForward(kernel, a, b, d, 1, s.cpu);
  const t = binaryForward(kernel, a, b, "int32", 1, s.cpu);
  try {
    return castTo(t, "bool");
  } finally {
    t.dispose();
  }
}

/** The node each op records, by which operands are tensors. */
function recordMath(name: MathName, out: Tensor, a: Tensor, b: TensorLike): Tensor {
  const scalar = !(b instanceof Tensor);
  switch (name) {
    case "fmod":
      return scalar ? record("fmodScalar", out, [a, b]) : record("fmod", out, [a, b]);
    case "copysign":
      return record(scalar ? "copysignScalar" : "copysign", out, [a, b]);
    case "xlogy":
      return record(scalar ? "xlogyScalarOther" : "xlogy", out, [a, b]);
    case "floorDivide":
      return record("floorDivide", out, [a, b], { fn: "floor_divide" });
    case "heaviside":
      return record("heaviside", out, [a, b], { fn: "heaviside" });
    default:
      return record(name, out, [a, b]);
  }
}

function mathOp(name: MathName, input: unknown, other: unknown): Tensor {
  const s = mathSpecs[name];
  const [a, b] = mathOperands(s, input, other);
  const out = mathForward(s, a, b, mathDType(s, resultTypeOf([a, b])));
  return recordMath(name, out, a, b);
}

/** torch.atan2: the angle of (other, input), elementwise: atan(input / other) in the right quadrant. */
export const atan2 = (input: Tensor, other: Tensor): Tensor => mathOp("atan2", input, other);
/** torch.arctan2: an alias of atan2. */
export const arctan2 = (input: Tensor, other: Tensor): Tensor => mathOp("atan2", input, other);
/** torch.fmod: C's remainder, with the sign of the dividend; integer division by zero throws "ZeroDivisionError". */
export const fmod = (input: Tensor, other: TensorLike): Tensor => mathOp("fmod", input, other);
/** torch.hypot: sqrt(input^2 + other^2) without intermediate overflow. */
export const hypot = (input: Tensor, other: Tensor): Tensor => mathOp("hypot", input, other);
/** torch.logaddexp: log(exp(input) + exp(other)), without overflow. */
export const logaddexp = (input: Tensor, other: Tensor): Tensor => mathOp("logaddexp", input, other);
/** torch.logaddexp2: log2(2^input + 2^other), without overflow. */
export const logaddexp2 = (input: Tensor, other: Tensor): Tensor => mathOp("logaddexp2", input, other);
/** torch.copysign: the magnitude of input with the sign of other (a tensor or a number); integers give float32. */
export const copysign = (input: Tensor, other: TensorLike): Tensor => mathOp("copysign", input, other);
/** torch.fmax: the elementwise maximum, where a NaN loses to a number (C's fmax). */
export const fmax = (input: Tensor, other: Tensor): Tensor => mathOp("fmax", input, other);
/** torch.fmin: the elementwise minimum, where a NaN loses to a number (C's fmin). */
export const fmin = (input: Tensor, other: Tensor): Tensor => mathOp("fmin", input, other);
/** torch.heaviside: 0 where input < 0, `values` where input == 0, 1 where input > 0 (same dtypes only). */
export const heaviside = (input: Tensor, values: Tensor): Tensor => mathOp("heaviside", input, values);
/** torch.floor_divide: input / other rounded toward minus infinity (as div with roundingMode "floor"). */
export function floorDivide(input: TensorLike, other: TensorLike): Tensor {
  checkTensorLike(input, "floor_divide", "input");
  checkTensorLike(other, "floor_divide", "other");
  if (!(input instanceof Tensor) && !(other instanceof Tensor))
    throw new TypeError("floor_divide(): at least one of 'input' and 'other' must be a Tensor, but got two numbers");
  const s = mathSpecs.floorDivide;
  const out = mathForward(s, input, other, mathDType(s, resultTypeOf([input, other])));
  // A number dividend has no edge: the node takes the tensor only.
  if (!(input instanceof Tensor)) return record("floorDivide", out, [other], { fn: "floor_divide" });
  return recordMath("floorDivide", out, input, other);
}

/**
 * torch.xlogy (and torch.special.xlogy): input * log(other), 0 where input
 * is 0 unless other is NaN. Either operand may be a number; integers give
 * float32.
 */
export function xlogy(input: TensorLike, other: TensorLike): Tensor {
  const s = mathSpecs.xlogy;
  checkTensorLike(input, "xlogy", "self");
  checkTensorLike(other, "xlogy", "other");
  if (input instanceof Tensor) return mathOp("xlogy", input, other);
  if (!(other instanceof Tensor)) throw invalidCombination("xlogy", input, other);
  const out = mathForward(s, input, other, mathDType(s, resultTypeOf([input, other])));
  return record("xlogyScalarSelf", out, [other], { self: input });
}

// ---- lerp ------------------------------------------------------------------------

/** The names PyTorch's lerp messages give a dtype (c10's TypeMeta). */
const typeMetaName: Partial<Record<DType, string>> = {
  float32: "float",
  float64: "double",
  float16: "c10::Half",
  bfloat16: "c10::BFloat16",
  int64: "long int",
  int32: "int",
  bool: "bool",
};
const metaName = (d: DType): string => typeMetaName[d] ?? d;

/** Rounds a JS number as the dtype's opmath type holds it (float32 for every float but float64). */
const opmath = (v: number, d: DType): number => (d === "float64" ? v : Math.fround(v));

/**
 * PyTorch's lerp: self + weight * (end - self) where |weight| < 0.5, else
 * end - (end - self) * (1 - weight), so lerp(a, b, 1) is exactly b.
 */
function lerpValues(self: Tensor, end: Tensor, weight: TensorLike): Tensor {
  return noGrad(() =>
    scoped(() => {
      const diff = sub(end, self);
      if (!(weight instanceof Tensor)) {
        const w = opmath(weight as number, self.dtype);
        if (Math.abs(w) < 0.5) return add(self, mul(diff, w));
        return sub(end, mul(diff, opmath(1 - w, self.dtype)));
      }
      const low = add(self, mul(weight, diff));
      const high = sub(end, mul(diff, sub(1, weight)));
      return where(lt(abs(weight), 0.5), low, high);
    }),
  );
}

/** lerp's checks: tensors, one dtype, a floating dtype PyTorch has the kernel for. */
export function checkLerp(op: string, self: unknown, end: unknown, weight: unknown): void {
  if (!(self instanceof Tensor)) throw mustBeTensor(op, self, "input", 1);
  if (!(end instanceof Tensor)) throw mustBeTensor(op, end, "end", 2);
  checkTensorLike(weight, op, "weight");
  self._check();
  end._check();
  if (end.dtype !== self.dtype)
    throw new TypeError(`expected dtype ${metaName(self.dtype)} for \`end\` but got dtype ${metaName(end.dtype)}`);
  broadcastShapes(broadcastShapes(self.shape, end.shape), weight instanceof Tensor ? weight.shape : []);
  if (weight instanceof Tensor && weight.dtype !== self.dtype)
    throw new TypeError(
      `expected dtype ${metaName(self.dtype)} for \`weight\` but got dtype ${metaName(weight.dtype)}`,
    );
  const d = self.dtype;
  if (!isFloating(d) || d === "float16")
    throw notImplemented(weight instanceof Tensor ? "lerp_kernel_tensor" : "lerp_kernel_scalar", d);
}

/** The values of lerp(self, end, weight), in a tensor of the broadcast shape. */
export function lerpForward(self: Tensor, end: Tensor, weight: TensorLike): Tensor {
  if (isNarrow(self.dtype)) {
    // bfloat16 computes in float32 and rounds once, as PyTorch's opmath does.
    const shape = broadcastShapes(broadcastShapes(self.shape, end.shape), weight instanceof Tensor ? weight.shape : []);
    return filledBy(Tensor._empty(shape, self.dtype), (out) =>
      throughWide(out, (w) =>
        scoped(() => {
          const f = (t: Tensor): Tensor => castTo(t, "float32");
          copyInto(w, lerpValues(f(self), f(end), weight instanceof Tensor ? f(weight) : weight));
          return null;
        }),
      ),
    );
  }
  return lerpValues(self, end, weight);
}

/** torch.lerp: start + weight * (end - start), weight a number (LerpBackward0) or a tensor (LerpBackward1), all broadcast. */
export function lerp(input: Tensor, end: Tensor, weight: TensorLike): Tensor {
  checkLerp("lerp", input, end, weight);
  const out = lerpForward(input, end, weight);
  if (weight instanceof Tensor) return record("lerpTensor", out, [input, end, weight]);
  return record("lerpScalar", out, [input, end], { weight: Number(weight) });
}

// ---- nan_to_num ------------------------------------------------------------------

/** torch.nan_to_num's keyword arguments: what NaN, +inf and -inf become. */
export interface NanToNumOptions {
  /** The value NaN becomes (default 0). */
  nan?: number;
  /** The value +inf becomes (default: the dtype's largest finite value). */
  posinf?: number | null;
  /** The value -inf becomes (default: the dtype's lowest finite value). */
  neginf?: number | null;
}

/** The largest finite value of each floating dtype (torch.finfo(dtype).max). */
const finfoMax: Partial<Record<DType, number>> = {
  float32: 3.4028234663852886e38,
  float64: Number.MAX_VALUE,
  float16: 65504,
  bfloat16: 3.3895313892515355e38,
};

/** nan_to_num's options, with the dtype's defaults filled in. */
export function nanToNumArgs(op: string, opts: unknown, d: DType): [number, number, number] {
  if (opts !== undefined && (opts === null || typeof opts !== "object" || Array.isArray(opts)))
    throw new TypeError(`${op}(): options must be an object, but got ${pyType(opts)}`);
  const o = (opts ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== "nan" && k !== "posinf" && k !== "neginf")
      throw new TypeError(`${op}() got an unexpected keyword argument '${k}'`);
  const num = (k: string, dflt: number): number => {
    const v = o[k];
    if (v === undefined || (v === null && k !== "nan")) return dflt;
    if (typeof v !== "number") throw new TypeError(`${op}(): argument '${k}' must be float, not ${pyType(v)}`);
    return v;
  };
  const max = finfoMax[d] ?? 0;
  return [num("nan", 0), num("posinf", max), num("neginf", -max)];
}

/** Writes nan_to_num of `src` (a floating dtype) into `out` of the same shape and dtype. */
export function nanToNumInto(out: Tensor, src: Tensor, args: [number, number, number]): void {
  if (isNarrow(out.dtype)) {
    const wide = castTo(src, "float32");
    try {
      return throughWide(out, (w) => nanToNumInto(w, wide, args));
    } finally {
      wide.dispose();
    }
  }
  launch(abi.kernel("nan_to_num", out.dtype), out, [src], args);
}

/**
 * torch.nan_to_num: NaN, +inf and -inf replaced by `{ nan, posinf, neginf }`
 * (defaults 0 and the dtype's largest and lowest finite values); integer and
 * bool tensors come back as a copy.
 */
export function nanToNum(input: Tensor, opts?: NanToNumOptions): Tensor {
  if (!(input instanceof Tensor)) throw mustBeTensor("nan_to_num", input, "input", 1);
  input._check();
  const args = nanToNumArgs("nan_to_num", opts, input.dtype);
  if (!isFloating(input.dtype)) return noGrad(() => clone(input));
  const out = filledBy(Tensor._empty(input.shape, input.dtype), (o) => nanToNumInto(o, input, args));
  return record("nanToNum", out, [input]);
}
