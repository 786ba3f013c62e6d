// Float16 and bfloat16 bit patterns in JavaScript, for values that cross the
// JS boundary (creation from numbers, item(), tolist(), printing). Tensors'
// own conversions run in wasm (assembly/kernels/convert.ts) with the same
// rules: a number goes to float32 first (PyTorch converts a double through
// float), then to 16 bits, rounding to nearest even.

import type { AnyTypedArray, DType } from "./dtype.js";

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 bits of `x` (rounded to float32). */
function bitsOf(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/** IEEE binary16 bits of `x`: round to nearest even, overflow to infinity, NaN as 0x7e00 with its sign. */
export function toHalfBits(x: number): number {
  const b = bitsOf(x);
  const sign = (b >>> 16) & 0x8000;
  const a = b & 0x7fffffff;
  if (a > 0x7f800000) return sign | 0x7e00;
  if (a >= 0x477ff000) return sign | 0x7c00; // 65520 and up round to infinity
  if (a >= 0x38800000) {
    // Normal: rebias the exponent (127 -> 15), then round away the low 13 bits.
    const m = a - 0x38000000;
    return sign | ((m + 0xfff + ((m >>> 13) & 1)) >>> 13);
  }
  if (a <= 0x33000000) return sign; // at most 2^-25: ties to even zero
  // Subnormal: the significand in units of 2^-24.
  const e = a >>> 23;
  const mant = (a & 0x7fffff) | 0x800000;
  const shift = 126 - e;
  let q = mant >>> shift;
  const rem = mant & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  if (rem > half || (rem === half && (q & 1) === 1)) q++;
  return sign | q;
}

/** The value of binary16 bits. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Infinity : NaN;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1024 + m) * 2 ** (e - 25);
}

/** Bfloat16 bits of `x`: the top half of its float32 bits, rounded to nearest even; NaN as 0x7fc0. */
export function toBFloat16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7fc0;
  const b = bitsOf(x);
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The value of bfloat16 bits. */
export function fromBFloat16Bits(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0]!;
}

/** Writes numbers into a view of `dtype` (raw bits for float16 and bfloat16), converting as PyTorch does. */
export function writeNumbers(dtype: DType, view: AnyTypedArray, values: ArrayLike<number>, at = 0): void {
  const n = values.length;
  if (dtype === "float16") for (let i = 0; i < n; i++) (view as Uint16Array)[at + i] = toHalfBits(values[i]!);
  else if (dtype === "bfloat16") for (let i = 0; i < n; i++) (view as Uint16Array)[at + i] = toBFloat16Bits(values[i]!);
  else if (dtype === "bool") for (let i = 0; i < n; i++) (view as Uint8Array)[at + i] = values[i] !== 0 ? 1 : 0;
  else if (dtype === "float32" || dtype === "float64") (view as Float32Array | Float64Array).set(values, at);
  else if (dtype === "int64") {
    const w = view as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const x = Math.trunc(values[i]!);
      if (!Number.isSafeInteger(x))
        throw new RangeError(
          `the number ${values[i]} has no exact int64 value here (JavaScript numbers are exact to 2^53)`,
        );
      w[at + i] = BigInt(x);
    }
  }
  // Integer typed arrays wrap as C++ integer conversion does; truncate first so NaN and fractions behave.
  else {
    const w = view as Exclude<AnyTypedArray, BigInt64Array>;
    for (let i = 0; i < n; i++) w[at + i] = Math.trunc(values[i]!) || 0;
  }
}

/** The numbers a view of `dtype` holds (float16 and bfloat16 decoded). */
export function readNumbers(dtype: DType, view: AnyTypedArray): ArrayLike<number> {
  if (dtype === "float16") return Float32Array.from(view as Uint16Array, fromHalfBits);
  if (dtype === "bfloat16") return Float32Array.from(view as Uint16Array, fromBFloat16Bits);
  if (dtype === "int64") return Float64Array.from(view as BigInt64Array, Number);
  return view as Exclude<AnyTypedArray, BigInt64Array>;
}
