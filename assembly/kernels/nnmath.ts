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
// lane. `fmaRisk` marks the lanes fma32 would send to the exact emulation
// (a halfway sum, or a nonzero one in the f32 subnormal range); callers redo
// such a group of four with the scalar code, so the bits are fma32's.

@inline function hi2(x: v128): v128 { return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3)); }

/** a * b + c per lane, as two f64x2 halves [lo, hi] of exact products rounded once. */
@inline export function fmaLo(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b)), f64x2.promote_low_f32x4(c));
}
@inline export function fmaHi(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(hi2(a), hi2(b)), hi2(c));
}

/** The lanes of an f64x2 sum whose rounding to f32 fma32 would not trust. */
@inline export function fmaRisk(r: v128): v128 {
  let halfway = i64x2.eq(v128.and(r, i64x2.splat(0x1fffffff)), i64x2.splat(0x10000000));
  let tiny = v128.and(f64x2.lt(f64x2.abs(r), f64x2.splat(4.7e-38)), f64x2.ne(r, f64x2.splat(0)));
  return v128.or(halfway, tiny);
}

/** The f32x4 of two f64x2 halves, each lane rounded once. */
@inline export function narrow4(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
