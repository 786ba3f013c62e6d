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
