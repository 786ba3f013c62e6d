// Polynomial coefficients kept as tables (memory.data arrays of T, entry k
// the coefficient of x^k) and evaluated by Horner's rule, each step a
// multiply then an add (no fma), in T or in each lane of a vector of T. A
// coefficient's load is off the critical path of its step, so a table
// costs what an immediate does; each polynomial is written once.

/** Entry k of a table of T. */
@inline export function at<T>(t: usize, k: i32): T {
  return load<T>(t + ((<usize>k) << alignof<T>()));
}

/** Entry k of a table of T in every lane. */
@inline export function vat<T>(t: usize, k: i32): v128 {
  return v128.splat<T>(at<T>(t, k));
}

/** a * b + c in each lane of T, rounded twice (never fused, unlike simd.ts's vmadd). */
@inline export function vmulAdd<T>(a: v128, b: v128, c: v128): v128 {
  return v128.add<T>(v128.mul<T>(a, b), c);
}

/** t[4] x^4 + ... + t[0]. */
@inline export function poly5<T>(x: T, t: usize): T {
  return (((at<T>(t, 4) * x + at<T>(t, 3)) * x + at<T>(t, 2)) * x + at<T>(t, 1)) * x + at<T>(t, 0);
}

/** t[6] x^6 + ... + t[0]. */
@inline export function poly7<T>(x: T, t: usize): T {
  return (poly5<T>(x, t + 2 * sizeof<T>()) * x + at<T>(t, 1)) * x + at<T>(t, 0);
}

/** t[7] x^7 + ... + t[0]. */
@inline export function poly8<T>(x: T, t: usize): T {
  return poly7<T>(x, t + sizeof<T>()) * x + at<T>(t, 0);
}

/** poly5 in each lane of a vector of T. */
@inline export function vpoly5<T>(x: v128, t: usize): v128 {
  let p = vmulAdd<T>(vmulAdd<T>(vat<T>(t, 4), x, vat<T>(t, 3)), x, vat<T>(t, 2));
  return vmulAdd<T>(vmulAdd<T>(p, x, vat<T>(t, 1)), x, vat<T>(t, 0));
}

/** poly7 in each lane of a vector of T. */
@inline export function vpoly7<T>(x: v128, t: usize): v128 {
  return vmulAdd<T>(vmulAdd<T>(vpoly5<T>(x, t + 2 * sizeof<T>()), x, vat<T>(t, 1)), x, vat<T>(t, 0));
}

/** poly8 in each lane of a vector of T. */
@inline export function vpoly8<T>(x: v128, t: usize): v128 {
  return vmulAdd<T>(vpoly7<T>(x, t + sizeof<T>()), x, vat<T>(t, 0));
}
