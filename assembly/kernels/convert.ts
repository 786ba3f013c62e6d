// Conversions for the small dtypes (uint8, int8, int16, float16, bfloat16) and
// between them and the others, as PyTorch's C++ casts do them:
// - every value goes through f64 (exact for every source but int64, which
//   torchlet does not convert here), then to the target;
// - to float16 and bfloat16 through float32 first (c10::Half and
//   c10::BFloat16 are constructed from float), then rounded to nearest even;
//   overflow gives infinity, NaN stays NaN (float16 0x7e00 with its sign,
//   bfloat16 0x7fc0 as c10::BFloat16 writes it);
// - to integers by truncation toward zero, then keeping the low bits (wraps,
//   as static_cast between integers does; floats outside the target's range
//   are undefined behaviour in C++, and are not tested);
// - to bool: nonzero (NaN is true).

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem, fillRows } from "./strided";

export const K_BOOL = 0;
export const K_U8 = 1;
export const K_I8 = 2;
export const K_I16 = 3;
export const K_I32 = 4;
export const K_F16 = 5;
export const K_BF16 = 6;
export const K_F32 = 7;
export const K_F64 = 8;

/** IEEE binary16 bits of a float32, rounded to nearest even. */
@inline export function halfOf(x: f32): u16 {
  let b = reinterpret<u32>(x);
  let sign = (b >> 16) & 0x8000;
  let a = b & 0x7fffffff;
  if (a > 0x7f800000) return <u16>(sign | 0x7e00);
  if (a >= 0x477ff000) return <u16>(sign | 0x7c00); // 65520 and up round to infinity
  if (a >= 0x38800000) {
    // normal: rebias the exponent (127 -> 15), round away the low 13 bits
    let m = a - 0x38000000;
    return <u16>(sign | ((m + 0xfff + ((m >> 13) & 1)) >> 13));
  }
  if (a <= 0x33000000) return <u16>sign; // at most 2^-25: ties to even zero
  // subnormal: the significand in units of 2^-24
  let e = a >> 23;
  let mant = (a & 0x7fffff) | 0x800000;
  let shift = 126 - e;
  let q = mant >> shift;
  let rem = mant & (((<u32>1) << shift) - 1);
  let half = (<u32>1) << (shift - 1);
  if (rem > half || (rem == half && (q & 1) == 1)) q++;
  return <u16>(sign | q);
}

/** The float32 value of binary16 bits (exact). */
@inline export function halfValue(h: u32): f32 {
  let sign = (h & 0x8000) << 16;
  let e = (h >> 10) & 0x1f;
  let m = h & 0x3ff;
  if (e == 0x1f) return reinterpret<f32>(sign | 0x7f800000 | (m << 13));
  if (e == 0) {
    let v = <f32>m * 5.9604644775390625e-8; // m * 2^-24, exact
    return reinterpret<f32>(reinterpret<u32>(v) | sign);
  }
  return reinterpret<f32>(sign | ((e + 112) << 23) | (m << 13));
}

/** Bfloat16 bits of a float32: its top half, rounded to nearest even; NaN as 0x7fc0. */
@inline export function bfloat16Of(x: f32): u16 {
  if (x != x) return 0x7fc0;
  let b = reinterpret<u32>(x);
  return <u16>((b + 0x7fff + ((b >> 16) & 1)) >> 16);
}


@inline export function bfloat16Value(h: u32): f32 {
  return reinterpret<f32>(h << 16);
}

/** The element of kind `k` at `p`, as f64. */
@inline function loadAs(k: i32, p: usize): f64 {
  if (k == K_BOOL || k == K_U8) return <f64>load<u8>(p);
  if (k == K_I8) return <f64>load<i8>(p);
  if (k == K_I16) return <f64>load<i16>(p);
  if (k == K_I32) return <f64>load<i32>(p);
  if (k == K_F16) return <f64>halfValue(<u32>load<u16>(p));
  if (k == K_BF16) return <f64>bfloat16Value(<u32>load<u16>(p));
  if (k == K_F32) return <f64>load<f32>(p);
  return load<f64>(p);
}

/** Writes `v` as an element of kind `k` at `p`. */
@inline function storeAs(k: i32, p: usize, v: f64): void {
  if (k == K_BOOL) store<u8>(p, <u8>(v != 0));
  else if (k == K_U8 || k == K_I8)
    store<u8>(p, <u8>(<i32>v)); // truncate (saturating), keep the low byte
  else if (k == K_I16) store<u16>(p, <u16>(<i32>v));
  else if (k == K_I32) store<i32>(p, <i32>v);
  else if (k == K_F16) store<u16>(p, halfOf(<f32>v));
  else if (k == K_BF16) store<u16>(p, bfloat16Of(<f32>v));
  else if (k == K_F32) store<f32>(p, <f32>v);
  else store<f64>(p, v);
}

// Two more kinds for `convert`: NATIVE converts TI to TO as a C++
// static_cast between the standard dtypes does (`castAs`), BITS copies
// elements of one size unchanged.
export const K_NATIVE = 9;
export const K_BITS = 10;

/** `x` of TI as TO, as a C++ static_cast does: bool is x != 0 (NaN is true), floats truncate toward zero. */
@inline export function castAs<TI, TO>(x: TI): TO {
  if (sizeof<TO>() == 1) return <TO>(x != 0);
  // truncation; saturating (nontrapping-f2i), NaN -> 0
  if (isInteger<TO>() && isFloat<TI>() && sizeof<TO>() == 8) return <TO>(<i64>(<f64>x));
  if (isInteger<TO>() && isFloat<TI>()) return <TO>(<i32>(<f64>x));
  return <TO>x;
}

/** One row of n elements: kind `ki` at pa (stride sa) converted to kind `ko` at po (stride so). */
@inline function convertRow<TI, TO>(ki: i32, ko: i32, pa: usize, sa: isize, po: usize, so: isize, n: i32): void {
  if (ki == K_BITS && so == 1 && sa == 1) {
    memory.copy(po, pa, <usize>n * sizeof<TO>());
    return;
  }
  for (let i = 0; i < n; i++) {
    let p = elem<TI>(pa, i, sa),
      q = elem<TO>(po, i, so);
    if (ki == K_BITS) store<TO>(q, load<TO>(p));
    else if (ki == K_NATIVE) store<TO>(q, castAs<TI, TO>(load<TI>(p)));
    else storeAs(ko, q, loadAs(ki, p));
  }
}

/**
 * Converts kind `ki` (element type TI) to kind `ko` (TO) over a meta block
 * with operands (out, a).
 */
@inline export function convert<TI, TO>(ki: i32, ko: i32, a: usize, o: usize, meta: usize): void {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  if (!firstRow(meta)) return;
  do convertRow<TI, TO>(ki, ko, rowPtr<TI>(a, meta, 1), sa, rowPtr<TO>(o, meta, 0), so, n);
  while (nextRow(meta));
}

/** Copies elements of T (any kind of that size) over a meta block with operands (out, a). */
@inline export function copyBits<T>(a: usize, o: usize, meta: usize): void {
  convert<T, T>(K_BITS, K_BITS, a, o, meta);
}

/** Writes `v` (converted to kind `k`) to every element of a meta block with one operand (out). */
@inline export function fillAs<T>(k: i32, o: usize, meta: usize, v: f64): void {
  // The element's bits, converted once.
  let x: T;
  if (k == K_F16) x = <T>halfOf(<f32>v);
  else if (k == K_BF16) x = <T>bfloat16Of(<f32>v);
  else x = <T>(<i32>v);
  fillRows<T>(o, meta, x);
}
