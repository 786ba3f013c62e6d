// arange and linspace with PyTorch CPU's values, bit for bit.
//
// Their kernels (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp) write
// runs of 2 x Vec::size() elements with Vectorized::arange(base, step), each
// run restarting from a base computed like a single element, and the tail one
// element at a time; the AVX2 build of Debian's PyTorch 1.13 contracts some of
// that arithmetic into fmas. The models below were matched against PyTorch
// on test/golden/creation.json (gen_creation.py): arange adds each lane's
// k * step to the base with an fma, linspace with a separate multiply.
// int64 outputs are computed as JS numbers, so their values stay within
// +-2^53 (a RangeError past that).
// (PyTorch splits outputs above 32768 elements across threads, each chunk
// restarting the runs; torchlet computes them as one chunk.)

import { Tensor } from "../tensor.js";
import { isFloating, isHalf, isSmallInt, scalarTypeName, type AnyTypedArray, type DType } from "../dtype.js";
import { fromBFloat16Bits, fromHalfBits, toBFloat16Bits, toHalfBits, writeNumbers } from "../half.js";
import { checkNumel } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { checkCreationOptions, finish, type CreationOptions } from "./creation.js";
import { pyType } from "../args.js";
import { fma, fmaf } from "./fma.js";

/** Lanes of PyTorch's AVX2 Vectorized<T> for each dtype. */
const LANES: Record<DType, number> = {
  float32: 8,
  float64: 4,
  int64: 4,
  int32: 8,
  bool: 32,
  uint8: 32,
  int8: 32,
  int16: 16,
  float16: 16,
  bfloat16: 16,
};

function notImplemented(op: string, dtype: DType): TypeError {
  return new TypeError(`"${op}" not implemented for '${scalarTypeName[dtype]}'`);
}

/** How C++ streams print a double in these messages (integers without a point). */
const show = (x: number): string =>
  Number.isNaN(x) ? "nan" : !Number.isFinite(x) ? (x > 0 ? "inf" : "-inf") : String(x);

/**
 * Values in [start, end) with a step: arange(end), arange(start, end),
 * arange(start, end, step), each optionally followed by options. Integer
 * arguments give int64, any other number float32. A JS
 * number cannot say whether it was written `5` or `5.0`: pass a dtype to get
 * floats from integer bounds.
 */
export function arange(
  ...args:
    | [end: number, opts?: CreationOptions]
    | [start: number, end: number, opts?: CreationOptions]
    | [start: number, end: number, step: number, opts?: CreationOptions]
): Tensor {
  let opts: unknown;
  const last = args[args.length - 1];
  if (args.length > 0 && last !== null && typeof last === "object") opts = last;
  const nums: unknown[] = opts === undefined ? args : args.slice(0, -1);
  if (nums.length < 1 || nums.length > 3) {
    throw new TypeError(`arange() takes 1 to 3 numbers (end | start, end | start, end, step), but got ${nums.length}`);
  }
  nums.forEach((v, i) => {
    if (typeof v !== "number")
      throw new TypeError(
        `arange(): argument '${["start", "end", "step"][nums.length === 1 ? 1 : i]}' must be a number, not ${pyType(v)}`,
      );
  });
  const n3 = nums as number[];
  const [start, end, step] = n3.length === 1 ? [0, n3[0]!, 1] : [n3[0]!, n3[1]!, n3[2] ?? 1];
  const o = checkCreationOptions(opts, "arange");
  const dtype =
    o.dtype ?? (Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step) ? "int64" : "float32");
  if (dtype === "bool") throw notImplemented("arange_cpu", dtype);

  // The accumulate type is double for floating outputs and int64 for integer ones.
  const int = dtype === "int32" || dtype === "int64" || isSmallInt(dtype);
  const toAcc = (v: number): number => (int && Number.isFinite(v) ? Math.trunc(v) : v);
  const xstart = toAcc(start),
    xend = toAcc(end),
    xstep = toAcc(step);
  if (!(xstep > 0 || xstep < 0)) throw new RangeError("step must be nonzero");
  if (!Number.isFinite(xstart) || !Number.isFinite(xend))
    throw new RangeError(`unsupported range: ${show(xstart)} -> ${show(xend)}`);
  if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
    throw new RangeError("upper bound and larger bound inconsistent with step sign");
  }
  const n = Math.ceil((xend - xstart) / xstep);
  checkNumel([n]);
  if (
    int &&
    n > 0 &&
    !(
      Math.min(xstart, xstart + xstep * (n - 1)) >= (dtype !== "int64" ? -2147483648 : -Number.MAX_SAFE_INTEGER) &&
      Math.max(xstart, xstart + xstep * (n - 1)) <= (dtype !== "int64" ? 2147483647 : Number.MAX_SAFE_INTEGER)
    )
  ) {
    if (dtype !== "int64") throw new RangeError("value cannot be converted to type int without overflow");
    throw new RangeError(
      "arange(): int64 values beyond +-2^53 are not supported (JavaScript numbers are not exact there)",
    );
  }
  const t = Tensor._empty([n], dtype);
  const v = narrow(dtype) ? new Float64Array(n) : abi.view(dtype as Exclude<DType, "int64">, t._addr(), n);
  const V = LANES[dtype];
  const at = (i: number): number => (int ? xstart + xstep * i : fma(xstep, i, xstart));
  // Whole pairs of vectors first, then the tail one element at a time.
  const runs = Math.floor(n / (2 * V)) * 2 * V;
  let i = 0;
  for (; i < runs; i += V) {
    const base = dtype === "float32" ? Math.fround(at(i)) : at(i);
    for (let k = 0; k < V; k++) v[i + k] = int ? base + k * xstep : fma(k, xstep, base);
  }
  for (; i < n; i++) v[i] = at(i);
  if (narrow(dtype)) writeNumbers(dtype, abi.view(dtype, t._addr(), n), v);
  return finish(t, o);
}

/**
 * `steps` evenly spaced values from start to end inclusive, in the output
 * dtype (float32 by default): the first half counted up from start, the
 * second half down from end, as PyTorch does.
 */
export function linspace(start: number, end: number, steps: number, opts?: CreationOptions): Tensor {
  for (const [k, x] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (typeof x !== "number") throw new TypeError(`linspace(): argument '${k}' must be a number, not ${pyType(x)}`);
  }
  if (typeof steps !== "number" || !Number.isInteger(steps)) {
    throw new TypeError(`linspace(): argument 'steps' must be int, not ${pyType(steps)}`);
  }
  if (steps < 0) throw new RangeError("number of steps must be non-negative");
  const o = checkCreationOptions(opts, "linspace");
  const dtype = o.dtype ?? "float32";
  if (dtype === "bool") throw notImplemented("linspace_cpu", dtype);
  checkNumel([steps]);
  const t = Tensor._empty([steps], dtype);
  const v = narrow(dtype) ? new Float64Array(steps) : abi.view(dtype as Exclude<DType, "int64">, t._addr(), steps);
  if (steps === 1) v[0] = dtype === "int64" ? Math.trunc(start) : start;
  else if (steps > 1) fillLinspace(v, start, end, steps, dtype);
  if (narrow(dtype)) writeNumbers(dtype, abi.view(dtype, t._addr(), steps), v);
  return finish(t, o);
}

/**
 * Dtypes whose values are computed in a JS number array, then written
 * (float16 and bfloat16 as bits, small ints wrapped, int64 as BigInts).
 */
const narrow = (d: DType): boolean => isHalf(d) || isSmallInt(d) || d === "int64";

function fillLinspace(
  v: Exclude<AnyTypedArray, BigInt64Array>,
  start: number,
  end: number,
  steps: number,
  dtype: DType,
): void {
  const f32 = dtype === "float32";
  const half = isHalf(dtype);
  const int = !isFloating(dtype);
  // float16 and bfloat16 round every operation to themselves, as c10's Half and BFloat16 arithmetic does.
  const r = half ? roundTo(dtype) : (x: number) => x;
  // start and end in the output type; the step in that type too, except double for integer outputs.
  const s = f32 ? Math.fround(start) : int ? Math.trunc(start) : r(start);
  const e = f32 ? Math.fround(end) : int ? Math.trunc(end) : r(end);
  const step = f32
    ? Math.fround(Math.fround(e - s) / Math.fround(steps - 1))
    : half
      ? r(Math.fround(Math.fround(e - s) / (steps - 1)))
      : (e - s) / (steps - 1);
  const middle = Math.floor(steps / 2);
  const madd = f32 ? fmaf : fma;
  const at = (idx: number): number => {
    if (half)
      return idx < middle
        ? r(Math.fround(s + r(Math.fround(step * idx))))
        : r(Math.fround(e - r(Math.fround(step * (steps - idx - 1)))));
    const x = idx < middle ? madd(step, idx, s) : madd(-step, steps - idx - 1, e);
    return int ? Math.trunc(x) : x;
  };
  const V = LANES[dtype];
  const runs = Math.floor(steps / (2 * V)) * 2 * V; // whole pairs of vectors, then the tail
  let i = 0;
  for (; i < runs; i += V) {
    // A run takes its base from whichever half its first element is in.
    const base = at(i);
    for (let k = 0; k < V; k++) {
      const x = f32
        ? Math.fround(base + Math.fround(k * step))
        : half
          ? r(Math.fround(base + r(Math.fround(k * step))))
          : base + k * step;
      v[i + k] = int ? Math.trunc(x) : x;
    }
  }
  for (; i < steps; i++) v[i] = at(i);
}

/** Rounds a number to the nearest float16 or bfloat16 value (ties to even). */
function roundTo(dtype: DType): (x: number) => number {
  return dtype === "float16" ? (x) => fromHalfBits(toHalfBits(x)) : (x) => fromBFloat16Bits(toBFloat16Bits(x));
}
