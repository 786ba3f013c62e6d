// Activation kernels of nn.functional: gelu (erf and tanh forms) and silu,
// forward and backward, over strided operands described by a meta block
// (strided.ts). erf64 and erff also serve torch.erf (unary.ts).
//
// Formulas follow PyTorch 1.13's CPU kernels (aten/src/ATen/native/cpu/
// Activation.cpp) in their order of operations. PyTorch's AVX2 build contracts
// `a * b + c` into one fma; where its expression has that shape so does ours
// (fmaT in nnmath.ts, exact). Its vectorised erf is an approximation good to
// ~1e-7; erff is within ~1 ulp of float32, erf64 a few ulp of f64.
//
// Contiguous float32 rows run four lanes at a time (forward4, backward4),
// each lane the same float32 operations as the scalar form; a group whose
// fma could round differently from the exact one (fmaRisk4) is redone by the
// scalar code, so a row, its tail and a strided row give the same bits.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { fmaT, fmaLo, fmaHi, fmaRisk4, narrow4 } from "./nnmath";
import * as M from "./math";
import { splat4 } from "./math";
import { expT, tanhT } from "./tmath";
import { horner7, horner8 } from "./coef";

export const GELU = 0;
export const GELU_TANH = 1;
export const SILU = 2;
/**
 * Exact gelu for training: the forward also writes cdf = 0.5 * (1 + erf(x /
 * sqrt 2)) (operand 2), the same float operations as the backward's, and
 * the backward starts from it (operand 3) instead of computing erf again.
 */
export const GELU_KEEP = 3;

const SQRT1_2: f64 = 0.7071067811865476; // M_SQRT1_2
const TWO_SQRTPI: f64 = 1.1283791670955126; // M_2_SQRTPI
const SQRT2: f64 = 1.4142135623730951; // M_SQRT2
const KAPPA: f64 = 0.044715;

/**
 * erf in f64 from the series erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (2n+1)!!
 * (Abramowitz and Stegun 7.1.6): every term is positive, so the sum has no
 * cancellation and the result is good to a few ulp. Beyond |x| = 6, erf(x)
 * rounds to +-1 in f64.
 */
export function erf64(x: f64): f64 {
  if (isNaN(x)) return x;
  let a = abs(x);
  if (a >= 6) return x > 0 ? 1 : -1;
  if (a < 1e-8) return x * TWO_SQRTPI; // the series' first term, without exp's rounding
  let x2 = a * a;
  let term = a;
  let sum = a;
  for (let n = 1; n < 400; n++) {
    term *= (2 * x2) / <f64>(2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  let r = TWO_SQRTPI * Math.exp(-x2) * sum;
  if (r > 1) r = 1;
  return x < 0 ? -r : r;
}

// ---- erf in float32 arithmetic --------------------------------------------------
//
// torch.erf and exact GELU of float32 run on every element of a transformer's
// MLP activations, so erf gets a float32 algorithm with an f32x4 form (the
// float64 series above costs a loop and an exp per element):
// - |x| < 1: erf(x) = x + x R(x^2), R(z) = erf(sqrt z)/sqrt z - 1 as a
//   degree-6 polynomial (|R| <= 0.16, so its rounding adds little to x's);
// - |x| >= 1: erf(|x|) = 1 - exp(-x^2) t P(t), t = 1 / (1 + |x|/2), P of
//   degree 7 (erfc(x) exp(x^2) / t is smooth in t), with |x| clamped to 4,
//   where erf rounds to 1 in float32.
// Least-squares fits on Chebyshev nodes against mpmath, coefficients
// rounded to float32: |R| error < 1.3e-9, P's relative error < 1e-8. With
// expf's float32 exp and no fma, the scalar erff and each lane of erff4 are
// the same float32 operations; measured against mpmath over 2e5 points in
// [0, 4.5] and 2e3 in [1e-8, 1]: at most 1.15 ulp, 0.23 ulp on average
// (PyTorch's vectorised erf is good to about 1e-7 absolute).

/** R(z), the small form's polynomial (coefficients rounded to float32). */
@inline function erfR<V>(z: V): V {
  // prettier-ignore
  return horner7<V, f32>(z, 0.12837916612625122, -0.3761262595653534, 0.11283597350120544, -0.02685432881116867,
    0.005189312156289816, -0.0008018855005502701, 7.882497448008507e-5);
}
/** P(t), the large form's polynomial. */
@inline function erfP<V>(t: V): V {
  // prettier-ignore
  return horner8<V, f32>(t, 0.2822587490081787, 0.2794998288154602, 0.2640124559402466, 0.11594938486814499,
    0.19824546575546265, -0.0951777920126915, -0.10011278837919235, 0.05556877329945564);
}
/** Where the two forms meet. */
const ERF_SPLIT: f32 = 1.0;
/** erf(x) rounds to 1 in float32 beyond about 3.9. */
const ERF_CLAMP: f32 = 4.0;

/** float32 erf in float32 arithmetic (see above); the scalar twin of erff4. */
export function erff(x: f32): f32 {
  let a = abs<f32>(x);
  if (a < ERF_SPLIT) {
    let z = x * x;
    let r = erfR<f32>(z);
    return x + x * r;
  }
  let c = min<f32>(a, ERF_CLAMP); // NaN stays NaN
  let t = <f32>1 / (<f32>1 + <f32>0.5 * c);
  let p = erfP<f32>(t);
  let e = M.expf(-(c * c));
  return copysign<f32>(<f32>1 - e * t * p, x);
}

/** erff on four lanes; each lane computes both forms and keeps the one erff takes. */
@inline export function erff4(x: v128): v128 {
  let a = f32x4.abs(x);
  let z = f32x4.mul(x, x);
  let r = erfR<v128>(z);
  let small = f32x4.add(x, f32x4.mul(x, r));
  let isSmall = f32x4.lt(a, splat4(ERF_SPLIT));
  if (v128.all_true<i32>(isSmall)) return small;
  let c = f32x4.min(a, splat4(ERF_CLAMP));
  let t = f32x4.div(splat4(1), f32x4.add(splat4(1), f32x4.mul(splat4(0.5), c)));
  let p = erfP<v128>(t);
  let e = M.expf4(f32x4.neg(f32x4.mul(c, c)));
  let big = f32x4.sub(splat4(1), f32x4.mul(f32x4.mul(e, t), p));
  big = v128.or(big, v128.and(x, splat4(-0.0))); // copysign: big >= 0
  return v128.bitselect(small, big, isSmall);
}


@inline function erfT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>erff(<f32>x);
  return <T>erf64(<f64>x);
}

/** exp for gelu's pdf: float32 through expf, whose f32x4 twin is expf4. */
@inline function expGeluT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.expf(<f32>x);
  return <T>Math.exp(<f64>x);
}

/** 1 + erf(x * M_SQRT1_2): gelu's forward is x * 0.5 times it, its cdf 0.5 times it. */
@inline function onePlusErf<T>(x: T): T {
  return <T>1 + erfT<T>(x * <T>SQRT1_2);
}

/** gelu's derivative times g from its cdf: g * (cdf + x * pdf). */
@inline function geluGrad<T>(g: T, x: T, cdf: T): T {
  let pdf = <T>(TWO_SQRTPI * SQRT1_2 * 0.5) * expGeluT<T>(x * x * <T>-0.5);
  return g * fmaT<T>(x, pdf, cdf);
}


@inline function forwardOp<T>(op: i32, x: T): T {
  if (op == GELU) {
    // x * 0.5 * (1 + erf(x * M_SQRT1_2))
    return x * <T>0.5 * onePlusErf<T>(x);
  }
  if (op == GELU_TANH) {
    // 0.5 * x * (1 + tanh(kBeta * (x + kKappa * x^3)))
    let kBeta = <T>(SQRT2 * TWO_SQRTPI * 0.5);
    let cube = x * x * x;
    let inner = kBeta * fmaT<T>(<T>KAPPA, cube, x);
    return <T>0.5 * x * (<T>1 + tanhT<T>(inner));
  }
  return x / (<T>1 + expT<T>(-x)); // SILU
}


@inline function backwardOp<T>(op: i32, g: T, x: T): T {
  if (op == GELU) return geluGrad<T>(g, x, <T>0.5 * onePlusErf<T>(x));
  if (op == GELU_TANH) {
    let kBeta = <T>(SQRT2 * TWO_SQRTPI * 0.5);
    let xSq = x * x;
    let cube = xSq * x;
    let inner = kBeta * fmaT<T>(<T>KAPPA, cube, x);
    let th = tanhT<T>(inner);
    let left = <T>0.5 * x;
    let right = <T>1 + th;
    let leftDerivative = <T>0.5 * right;
    let tanhDerivative = fmaT<T>(-th, th, <T>1);
    let innerDerivative = kBeta * fmaT<T>(<T>(3 * KAPPA), xSq, <T>1);
    let rightDerivative = left * tanhDerivative * innerDerivative;
    return g * (leftDerivative + rightDerivative);
  }
  // SILU: dy * s * (1 + x * (1 - s)), s = sigmoid(x)
  let s = <T>1 / (<T>1 + expT<T>(-x));
  return g * s * fmaT<T>(x, <T>1 - s, <T>1);
}

// ---- four float32 lanes -------------------------------------------------------

/** Set by fma4 when a lane of the current group may round differently from fma32 (the scalar code redoes it). */
let risky = false;

/** fma32 on four lanes; flags the group for the scalar code where it could differ. */
@inline function fma4(a: v128, b: v128, c: v128): v128 {
  let lo = fmaLo(a, b, c),
    hi = fmaHi(a, b, c);
  if (v128.any_true(fmaRisk4(a, b, c, lo, hi))) risky = true;
  return narrow4(lo, hi);
}

/** onePlusErf<f32> on four lanes. */
@inline function onePlusErf4(x: v128): v128 {
  return f32x4.add(splat4(1), erff4(f32x4.mul(x, splat4(<f32>SQRT1_2))));
}

/** geluGrad<f32> on four lanes. */
@inline function geluGrad4(g: v128, x: v128, cdf: v128): v128 {
  let pdf = f32x4.mul(splat4(<f32>(TWO_SQRTPI * SQRT1_2 * 0.5)), M.expf4(f32x4.mul(f32x4.mul(x, x), splat4(-0.5))));
  return f32x4.mul(g, fma4(x, pdf, cdf));
}

/** forwardOp<f32> on four lanes. */
@inline function forward4(op: i32, x: v128): v128 {
  if (op == GELU) return f32x4.mul(f32x4.mul(x, splat4(0.5)), onePlusErf4(x));
  if (op == GELU_TANH) {
    let cube = f32x4.mul(f32x4.mul(x, x), x);
    let inner = f32x4.mul(splat4(<f32>(SQRT2 * TWO_SQRTPI * 0.5)), fma4(splat4(<f32>KAPPA), cube, x));
    return f32x4.mul(f32x4.mul(splat4(0.5), x), f32x4.add(splat4(1), M.tanh4(inner)));
  }
  return f32x4.div(x, f32x4.add(splat4(1), M.exp4(f32x4.neg(x)))); // SILU
}

/** backwardOp<f32> on four lanes. */
@inline function backward4(op: i32, g: v128, x: v128): v128 {
  if (op == GELU) return geluGrad4(g, x, f32x4.mul(splat4(0.5), onePlusErf4(x)));
  if (op == GELU_TANH) {
    let kBeta = splat4(<f32>(SQRT2 * TWO_SQRTPI * 0.5));
    let xSq = f32x4.mul(x, x);
    let cube = f32x4.mul(xSq, x);
    let inner = f32x4.mul(kBeta, fma4(splat4(<f32>KAPPA), cube, x));
    let th = M.tanh4(inner);
    let left = f32x4.mul(splat4(0.5), x);
    let right = f32x4.add(splat4(1), th);
    let leftDerivative = f32x4.mul(splat4(0.5), right);
    let tanhDerivative = fma4(f32x4.neg(th), th, splat4(1));
    let innerDerivative = f32x4.mul(kBeta, fma4(splat4(<f32>(3 * KAPPA)), xSq, splat4(1)));
    let rightDerivative = f32x4.mul(f32x4.mul(left, tanhDerivative), innerDerivative);
    return f32x4.mul(g, f32x4.add(leftDerivative, rightDerivative));
  }
  let s = f32x4.div(splat4(1), f32x4.add(splat4(1), M.exp4(f32x4.neg(x))));
  return f32x4.mul(f32x4.mul(g, s), fma4(x, f32x4.sub(splat4(1), s), splat4(1)));
}

/** out = op(x) elementwise. Operands (out, x), and (GELU_KEEP) cdf at c. */
@inline export function activation<T>(op: i32, x: usize, o: usize, meta: usize, c: usize = 0): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sx = rowStride(meta, 1);
  let sc = op == GELU_KEEP ? rowStride(meta, 2) : 1;
  do {
    let px = rowPtr<T>(x, meta, 1);
    let po = rowPtr<T>(o, meta, 0);
    let pc = op == GELU_KEEP ? rowPtr<T>(c, meta, 2) : 0;
    let i = 0;
    if (sizeof<T>() == 4 && sx == 1 && so == 1 && sc == 1) {
      for (; i + 4 <= n; i += 4) {
        let off = (<usize>i) << 2;
        let xi = v128.load(px + off);
        if (op == GELU_KEEP) {
          let e = onePlusErf4(xi);
          v128.store(pc + off, f32x4.mul(splat4(0.5), e));
          v128.store(po + off, f32x4.mul(f32x4.mul(xi, splat4(0.5)), e));
          continue;
        }
        risky = false;
        let r = forward4(op, xi);
        if (!risky) v128.store(po + off, r);
        else
          for (let j = 0; j < 4; j++) store<T>(elem<T>(po, i + j, 1), forwardOp<T>(op, load<T>(elem<T>(px, i + j, 1))));
      }
    }
    for (; i < n; i++) {
      let xi = load<T>(elem<T>(px, i, sx));
      if (op == GELU_KEEP) {
        let e = onePlusErf<T>(xi);
        store<T>(elem<T>(pc, i, sc), <T>0.5 * e);
        store<T>(elem<T>(po, i, so), xi * <T>0.5 * e);
      } else store<T>(elem<T>(po, i, so), forwardOp<T>(op, xi));
    }
  } while (nextRow(meta));
}

/** backwardOp, or (GELU_KEEP) gelu's from the cdf at element i of pc. */
@inline function backwardAt<T>(op: i32, g: T, x: T, pc: usize, i: i32, sc: isize): T {
  if (op == GELU_KEEP) return geluGrad<T>(g, x, load<T>(elem<T>(pc, i, sc)));
  return backwardOp<T>(op, g, x);
}

/** out = d op(x)/dx * g elementwise. Operands (out, g, x), and (GELU_KEEP) cdf at c. */
@inline export function activationBackward<T>(op: i32, g: usize, x: usize, o: usize, meta: usize, c: usize = 0): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sg = rowStride(meta, 1);
  let sx = rowStride(meta, 2);
  let sc = op == GELU_KEEP ? rowStride(meta, 3) : 1;
  do {
    let pg = rowPtr<T>(g, meta, 1);
    let px = rowPtr<T>(x, meta, 2);
    let po = rowPtr<T>(o, meta, 0);
    let pc = op == GELU_KEEP ? rowPtr<T>(c, meta, 3) : 0;
    let i = 0;
    if (sizeof<T>() == 4 && sx == 1 && sg == 1 && so == 1 && sc == 1) {
      for (; i + 4 <= n; i += 4) {
        let off = (<usize>i) << 2;
        risky = false;
        let g4 = v128.load(pg + off),
          x4 = v128.load(px + off);
        let r = op == GELU_KEEP ? geluGrad4(g4, x4, v128.load(pc + off)) : backward4(op, g4, x4);
        if (!risky) v128.store(po + off, r);
        else
          for (let j = 0; j < 4; j++) {
            let gj = load<T>(elem<T>(pg, i + j, 1));
            store<T>(elem<T>(po, i + j, 1), backwardAt<T>(op, gj, load<T>(elem<T>(px, i + j, 1)), pc, i + j, 1));
          }
      }
    }
    for (; i < n; i++) {
      let gi = load<T>(elem<T>(pg, i, sg));
      let xi = load<T>(elem<T>(px, i, sx));
      store<T>(elem<T>(po, i, so), backwardAt<T>(op, gi, xi, pc, i, sc));
    }
  } while (nextRow(meta));
}
