// The SIMD vocabulary shared by the kernels, and the build flavour switch.
//
// Vector ops are written once with AssemblyScript's generic v128 ops
// (`v128.add<T>`, `v128.mul<T>`, `v128.splat<T>`, ...), which lower to the
// f32x4, f64x2 or i32x4 instruction for T; only what has no generic form
// lives here.
//
// The relaxed build is compiled with `--enable relaxed-simd --use RELAXED=1`;
// there `vmadd` of floats is one fused relaxed_madd (a single rounding on
// engines with FMA), in the baseline build a mul followed by an add (two
// roundings).

// @ts-ignore: RELAXED is only defined by `--use RELAXED=1`
@lazy export const RELAXED_SIMD: bool = isDefined(RELAXED);

/** Elements of T in one v128. */
@inline export function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** a * b + c lane-wise: fused for floats in the relaxed build, integers wrap. */
@inline export function vmadd<T>(a: v128, b: v128, c: v128): v128 {
  if (isFloat<T>()) {
    if (RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, c);
  }
  return v128.add<T>(v128.mul<T>(a, b), c);
}
