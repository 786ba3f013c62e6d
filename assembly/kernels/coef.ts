// Polynomials by Horner's rule, each step a multiply then an add (no fma),
// in T or in each lane of a vector of T: one function per polynomial, its
// coefficients written once as literals, serves the scalar and the vector
// code. Literals, not tables: a kernel's loop reloading and splatting a
// table's entries ran twice as slow (float32 tanh, sigmoid and expm1 go
// through these on f64x2). The readers of coefficient tables below serve
// loops over a table (the normal samplers).

/** Entry k of a table of T. */
@inline export function at<T>(t: usize, k: i32): T {
  return load<T>(t + ((<usize>k) << alignof<T>()));
}

/** Entry k of a table of T in every lane. */
@inline export function vat<T>(t: usize, k: i32): v128 {
  return v128.splat<T>(at<T>(t, k));
}

/** p * x + c in T, or in each lane of T when V is v128: a multiply, then an add (never fused). */
@inline function step<V, T>(p: V, x: V, c: f64): V {
  if (isVector<V>()) return v128.add<T>(v128.mul<T>(p, x), v128.splat<T>(<T>c));
  return p * x + <V>c;
}

/** c in T, or in each lane of T when V is v128. */
@inline function lead<V, T>(c: f64): V {
  if (isVector<V>()) return v128.splat<T>(<T>c);
  return <V>c;
}

/** c4 x^4 + ... + c0 (coefficients rounded to T). */
@inline export function horner5<V, T>(x: V, c0: f64, c1: f64, c2: f64, c3: f64, c4: f64): V {
  let p = step<V, T>(step<V, T>(lead<V, T>(c4), x, c3), x, c2);
  return step<V, T>(step<V, T>(p, x, c1), x, c0);
}

/** c6 x^6 + ... + c0. */
@inline export function horner7<V, T>(x: V, c0: f64, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64, c6: f64): V {
  return step<V, T>(step<V, T>(horner5<V, T>(x, c2, c3, c4, c5, c6), x, c1), x, c0);
}

/** c7 x^7 + ... + c0. */
@inline export function horner8<V, T>(x: V, c0: f64, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64, c6: f64, c7: f64): V {
  return step<V, T>(horner7<V, T>(x, c1, c2, c3, c4, c5, c6, c7), x, c0);
}
