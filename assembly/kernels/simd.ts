// Build flavour switches shared by the kernels.
//
// The relaxed build is compiled with `--enable relaxed-simd --use RELAXED=1`;
// there `madd` is one fused f32x4.relaxed_madd (a single rounding on engines
// with FMA), in the baseline build a mul followed by an add (two roundings).

// @ts-ignore: RELAXED is only defined by `--use RELAXED=1`
@lazy export const RELAXED_SIMD: bool = isDefined(RELAXED);

/** a * b + c on four f32 lanes. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** a * b + c on two f64 lanes. */
@inline export function madd64(a: v128, b: v128, c: v128): v128 {
  if (RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}
