// Fused multiply-add for the nn kernels (losses, activations, layer norm,
// optimizers), which follow PyTorch's fma-contracted AVX2 arithmetic.
//
// For f32 operands the product is exact in f64 (24 + 24 bits), so
// r = a * b + c in f64 is the exact sum rounded once. Rounding r again to f32
// gives the correctly rounded fma unless r lies exactly on a midpoint between
// two f32 values (f32 grid points and midpoints are all f64 values, and
// rounding is monotonic, so otherwise r and the exact sum fall between the
// same two midpoints). Those rare cases, and tiny results near the f32
// subnormal range, take fma.ts's exact emulation.

import { fmaf, fma64 } from "./fma";

/** fma(a, b, c) in f32 with one rounding: the f64 sum, checked for a halfway case. */
@inline export function fma32(a: f32, b: f32, c: f32): f32 {
  let r = <f64>a * <f64>b + <f64>c;
  let low = reinterpret<u64>(r) & 0x1fffffff;
  if (low == 0x10000000 || abs(r) < 4.7e-38) return fmaf(a, b, c);
  return <f32>r;
}

/** fma for T = f32 or f64. */
@inline export function fmaT<T>(a: T, b: T, c: T): T {
  if (sizeof<T>() == 4) return <T>fma32(<f32>a, <f32>b, <f32>c);
  return <T>fma64(<f64>a, <f64>b, <f64>c);
}

// ---- four f32 lanes at once ---------------------------------------------------
//
// fma32 on an f32x4: each half widened to f64x2, one f64 multiply-add per
// lane. `fmaRisk4` marks the lanes whose rounding to f32 could differ from
// the exact fma's: callers redo such a group of four with the scalar code,
// so the bits are fma32's.

@inline function hi2(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
}

/** a * b + c per lane, as two f64x2 halves [lo, hi] of exact products rounded once. */
@inline export function fmaLo(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b)), f64x2.promote_low_f32x4(c));
}


@inline export function fmaHi(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(hi2(a), hi2(b)), hi2(c));
}

/** The low (bits 0-31) and high (bits 32-63) words of the four f64 lanes of [lo, hi], as i32x4s. */
@inline function lowWords(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(lo, hi, 0, 2, 4, 6);
}


@inline function highWords(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
}

/** The high word of 4.7e-38 (about 4 x f32's smallest normal): sums below it are near f32's subnormals. */
const TINY_HIGH_WORD: i32 = 0x382ffc8e;

/** Lanes (f64x2 masks) where s = x + y was rounded: Knuth's TwoSum error is not 0. */
@inline function rounded2(x: v128, y: v128, s: v128): v128 {
  let bb = f64x2.sub(s, x);
  let err = f64x2.add(f64x2.sub(x, f64x2.sub(s, bb)), f64x2.sub(y, bb));
  return f64x2.ne(err, f64x2.splat(0));
}

/**
 * The lanes (i32x4 masks) of a * b + c, given as fmaLo/fmaHi's [lo, hi],
 * that fma32 would not round straight to f32:
 * - a sum on a halfway point between two floats that the f64 addition
 *   rounded (an exact one rounds correctly: ties go to even in one step);
 * - a nonzero sum below 4.7e-38 (f32's subnormals round differently). A sum
 *   whose high word is 0 is below 2^-1022: it and the exact value both round
 *   to a zero of the same sign.
 */
@inline export function fmaRisk4(a: v128, b: v128, c: v128, lo: v128, hi: v128): v128 {
  let halfway = i32x4.eq(v128.and(lowWords(lo, hi), i32x4.splat(0x1fffffff)), i32x4.splat(0x10000000));
  let magnitude = v128.and(highWords(lo, hi), i32x4.splat(0x7fffffff));
  let tiny = i32x4.lt_u(i32x4.sub(magnitude, i32x4.splat(1)), i32x4.splat(TINY_HIGH_WORD - 1));
  if (v128.any_true(halfway)) {
    // Rare for most data, but every other lane for sums that are exact in f64 (such as d * 1 + buf).
    let x0 = f64x2.mul(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b));
    let x1 = f64x2.mul(hi2(a), hi2(b));
    let inexact = lowWords(rounded2(x0, f64x2.promote_low_f32x4(c), lo), rounded2(x1, hi2(c), hi));
    halfway = v128.and(halfway, inexact);
  }
  return v128.or(halfway, tiny);
}

/** The f32x4 of two f64x2 halves, each lane rounded once. */
@inline export function narrow4(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
