// Random creation and in-place sampling with PyTorch CPU's numbers for the
// same seed: rand, randn, randint, randperm, the *Like variants, and the
// Tensor methods uniform_ and normal_ (what torch.nn.init draws with).
//
// Each op follows ATen's route, because the route decides the numbers:
// rand = empty().uniform_(0, 1), randn = empty().normal_(0, 1),
// randint = empty(int64).random_(low, high). normal_ picks its algorithm from
// the size and contiguity (assembly/kernels/normal.ts), and every draw visits
// elements in TensorIterator's order: memory order, innermost stride first.

import { Tensor } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { cppTypeName, scalarTypeName, type DType } from "../dtype.js";
import * as abi from "../wasm/abi.js";
import { inPlaceFill } from "./inplace.js";
import { filledBy, launch } from "./launch.js";
import {
  checkCreationOptions,
  emptyLikeOf,
  finish,
  isDense,
  iterationOrder,
  sizeAndOptions,
  type CreationOptions,
  type SizeArgs,
} from "./creation.js";
import { Generator, pickGenerator } from "./generator.js";
import { checkNumber, optionalArgs } from "../args.js";

/** The keyword arguments of the random creation functions (rand, randn, ...): dtype, requiresGrad and generator. */
export interface RandomOptions extends CreationOptions {
  /** Draw from this generator instead of the default one. */
  generator?: Generator | null;
}

/** The keyword argument of the in-place samplers: `{ generator }`. */
export interface SampleOptions {
  /** Draw from this generator instead of the default one. */
  generator?: Generator | null;
}

const RANDOM_KEYS = ["generator"] as const;

type Fill = (g: number, out: number, n: number) => void;

// ---- plumbing ------------------------------------------------------------------

/** Splits `{ generator, ...creation options }`. */
function splitOptions(opts: unknown, fn: string): { opts: CreationOptions; gen: Generator } {
  const o = checkCreationOptions(opts, fn, RANDOM_KEYS);
  const gen = pickGenerator((opts as RandomOptions | undefined)?.generator, fn);
  return { opts: o, gen };
}

function sizeArgs(args: readonly unknown[], fn: string): { shape: number[]; opts: CreationOptions; gen: Generator } {
  const { shape, opts } = sizeAndOptions(args, fn, RANDOM_KEYS);
  const last = args[args.length - 1] as RandomOptions | undefined;
  const gen = pickGenerator(
    last !== null && typeof last === "object" && !Array.isArray(last) ? last.generator : undefined,
    fn,
  );
  return { shape, opts, gen };
}

/**
 * Writes t's n values with `fill`, in the order PyTorch's TensorIterator
 * visits them. A dense tensor (contiguous or permuted) is filled in memory
 * order directly; other layouts through a contiguous buffer in iteration order.
 */
function fillInOrder(t: Tensor, gen: Generator, fill: Fill): void {
  const n = t.numel();
  if (n === 0) return;
  if (isDense(t.shape, t._strides)) {
    const out = t._addr();
    fill(gen._acquire(), out, n);
    return;
  }
  const perm = iterationOrder(t.shape, t._strides).reverse(); // outermost first
  const shape = perm.map((d) => t.shape[d]!);
  const strides = perm.map((d) => t._strides[d]!);
  const tmp = Tensor._empty(shape, t.dtype);
  try {
    fill(gen._acquire(), tmp._addr(), n);
    const view = t._view(shape, strides, t._offset);
    try {
      launch(abi.kernel("copy", t.dtype), view, [tmp], [0, 0]);
    } finally {
      view.dispose();
    }
  } finally {
    tmp.dispose();
  }
}

/** The checks PyTorch makes before writing in place into `t`. */
export function checkInPlace(t: Tensor, fn: string): void {
  if (!(t instanceof Tensor)) throw new TypeError(`${fn}(): self must be a Tensor`);
  t._check();
  for (let d = 0; d < t.shape.length; d++) {
    if (t._strides[d] === 0 && t.shape[d]! > 1) {
      throw new Error(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. " +
          "Please clone() the tensor before performing the operation.",
      );
    }
  }
}

/** How C++'s ostream prints a double (6 significant digits, %g), as PyTorch's messages show numbers. */
function cppNumber(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential(5).split("e") as [string, string];
    const mant = m.includes(".") ? m.replace(/\.?0+$/, "") : m;
    const sign = e[0] === "-" ? "-" : "+";
    const digits = e.replace(/^[+-]/, "");
    return `${mant}e${sign}${digits.length < 2 ? "0" + digits : digits}`;
  }
  const s = x.toPrecision(6);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

const limits: Record<DType, [number, number]> = {
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  int64: [-9223372036854775808, 9223372036854775807],
  int32: [-2147483648, 2147483647],
  bool: [0, 1],
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  float16: [-65504, 65504],
  bfloat16: [-3.3895313892515355e38, 3.3895313892515355e38],
};

// ---- in place: uniform_, normal_ --------------------------------------------------

/** uniform_'s call forms after the tensor: `(from?, to?, opts?)`, `(from, { to })`, `({ from, to, generator })`. */
export type UniformArgs =
  | [from?: number, to?: number, opts?: SampleOptions]
  | [from: number, opts: SampleOptions & { to?: number }]
  | [opts: SampleOptions & { from?: number; to?: number }];

/** normal_'s call forms after the tensor: `(mean?, std?, opts?)`, `(mean, { std })`, `({ mean, std, generator })`. */
export type NormalArgs =
  | [mean?: number, std?: number, opts?: SampleOptions]
  | [mean: number, opts: SampleOptions & { std?: number }]
  | [opts: SampleOptions & { mean?: number; std?: number }];

/**
 * The arguments of uniform_ and normal_ after the tensor (checked for an
 * in-place fill): two numbers, positional or named, with their defaults,
 * and the generator.
 */
function twoNumbers(
  t: Tensor,
  fn: string,
  args: readonly unknown[],
  [a, aDefault]: [string, number],
  [b, bDefault]: [string, number],
): [number, number, Generator] {
  checkInPlace(t, fn);
  const o = optionalArgs(args, fn, [a, b], ["generator"], { [a]: aDefault, [b]: bDefault });
  return [checkNumber(o[a], fn, a), checkNumber(o[b], fn, b), pickGenerator(o.generator, fn)];
}

/** Fills `t` with draws from U[from, to) (Tensor.uniform_). */
export function uniform_(t: Tensor, ...args: UniformArgs): Tensor {
  const [from, to, gen] = twoNumbers(t, "uniform_", args, ["from", 0], ["to", 1]);
  const kernel = abi.kernel("uniform", t.dtype, "check_uniform_bounds");
  checkUniformBounds(from, to, t.dtype);
  return inPlaceFill(t, "uniform", () => fillInOrder(t, gen, (g, out, n) => kernel(g, out, n, from, to)));
}

/** check_uniform_bounds in ATen's words. */
function checkUniformBounds(from: number, to: number, dtype: DType): void {
  const [min, max] = limits[dtype];
  if (!(from >= min && from <= max)) throw new RangeError(`from is out of bounds for ${cppTypeName[dtype]}`);
  if (!(to >= min && to <= max)) throw new RangeError(`to is out of bounds for ${cppTypeName[dtype]}`);
  if (!(from <= to))
    throw new RangeError(
      `uniform_ expects to return a [from, to) range, but found from=${cppNumber(from)} > to=${cppNumber(to)}`,
    );
  if (!(to - from <= max)) {
    throw new RangeError(
      `uniform_ expects to-from <= std::numeric_limits<${scalarTypeName[dtype]}>::max(), but found to=${cppNumber(to)} ` +
        `and from=${cppNumber(from)} which result in to-from to exceed the limit`,
    );
  }
}

/** Fills `t` with draws from N(mean, std^2) (Tensor.normal_). */
export function normal_(t: Tensor, ...args: NormalArgs): Tensor {
  const [mean, std, gen] = twoNumbers(t, "normal_", args, ["mean", 0], ["std", 1]);
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${cppNumber(std)}`);
  const n = t.numel();
  // normal_kernel: the blocked Box-Muller fill for 16+ contiguous elements, else one draw at a time.
  const op = n >= 16 && t.isContiguous() ? "normal_fill" : "normal_serial";
  const kernel = abi.kernel(op, t.dtype, "normal_kernel_cpu");
  return inPlaceFill(t, "normal", () => fillInOrder(t, gen, (g, out, count) => kernel(g, out, count, mean, std)));
}

declare module "../tensor.js" {
  interface Tensor {
    /** Fills this tensor with draws from U[from, to) in place (defaults 0, 1), positional or as options. */
    uniform_(...args: UniformArgs): Tensor;
    /** Fills this tensor with draws from N(mean, std^2) in place (defaults 0, 1), positional or as options. */
    normal_(...args: NormalArgs): Tensor;
  }
}

addMethodsOf({ uniform_, normal_ });

// ---- creation ---------------------------------------------------------------------

/** A new leaf made by `sample` with autograd off (the sampling is not part of any graph). */
function made(t: Tensor, opts: CreationOptions, sample: (t: Tensor) => void): Tensor {
  return finish(filledBy(t, sample), opts);
}

/** Uniform samples in [0, 1): rand(2, 3), rand([2, 3], { dtype, requiresGrad, generator }). */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, opts, gen } = sizeArgs(args, "rand");
  const dtype = opts.dtype ?? "float32";
  abi.kernel("uniform", dtype, "check_uniform_bounds");
  return made(Tensor._empty(shape, dtype), opts, (t) => sampleUniform(t, gen));
}

/** Standard normal samples: randn(2, 3), randn([2, 3], { dtype, requiresGrad, generator }). */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, opts, gen } = sizeArgs(args, "randn");
  const dtype = opts.dtype ?? "float32";
  abi.kernel("normal_serial", dtype, "normal_kernel_cpu");
  return made(Tensor._empty(shape, dtype), opts, (t) => sampleNormal(t, gen));
}

// The samplers skip checkInPlace: a fresh tensor needs none of its checks.
function sampleUniform(t: Tensor, gen: Generator): void {
  const kernel = abi.kernel("uniform", t.dtype, "check_uniform_bounds");
  fillInOrder(t, gen, (g, out, n) => kernel(g, out, n, 0, 1));
}

function sampleNormal(t: Tensor, gen: Generator): void {
  const op = t.numel() >= 16 && t.isContiguous() ? "normal_fill" : "normal_serial";
  const kernel = abi.kernel(op, t.dtype, "normal_kernel_cpu");
  fillInOrder(t, gen, (g, out, n) => kernel(g, out, n, 0, 1));
}

/** rand with the shape (and layout) of `input`; dtype follows input unless given. */
export function randLike(input: Tensor, opts?: RandomOptions): Tensor {
  const { opts: o, gen } = splitOptions(opts, "randLike");
  const t = emptyLikeOf(input, o.dtype, "randLike");
  return made(t, o, (x) => sampleUniform(x, gen));
}

/** randn with the shape (and layout) of `input`; dtype follows input unless given. */
export function randnLike(input: Tensor, opts?: RandomOptions): Tensor {
  const { opts: o, gen } = splitOptions(opts, "randnLike");
  const t = emptyLikeOf(input, o.dtype, "randnLike");
  return made(t, o, (x) => sampleNormal(x, gen));
}

export { fillInOrder, made, cppNumber, limits, splitOptions };
