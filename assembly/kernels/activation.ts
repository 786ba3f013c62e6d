// Activation kernels of nn.functional: gelu (erf and tanh forms) and silu,
// forward and backward, over strided operands described by a meta block
// (strided.ts). erf64 also serves torch.erf (unary.ts).
//
// Formulas follow PyTorch 1.13's CPU kernels (aten/src/ATen/native/cpu/
// Activation.cpp) in their order of operations. PyTorch's AVX2 build contracts
// `a * b + c` into one fma; where its expression has that shape so does ours
// (fmaT in nnmath.ts, exact). Its vectorised erf is an approximation good to ~1e-7; ours is
// accurate to a few ulp of f64, so float32 results agree to about 1e-7.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { fmaT } from "./nnmath";
import * as M from "./math";

export const GELU = 0;
export const GELU_TANH = 1;
export const SILU = 2;

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


@inline function expT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.expf32(<f32>x);
  return <T>Math.exp(<f64>x);
}


@inline function tanhT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.tanhf32(<f32>x);
  return <T>Math.tanh(<f64>x);
}


@inline function erfT<T>(x: T): T {
  return <T>erf64(<f64>x);
}


@inline function forwardOp<T>(op: i32, x: T): T {
  if (op == GELU) {
    // x * 0.5 * (1 + erf(x * M_SQRT1_2))
    return x * <T>0.5 * (<T>1 + erfT<T>(x * <T>SQRT1_2));
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
  if (op == GELU) {
    let kBeta = <T>(TWO_SQRTPI * SQRT1_2 * 0.5);
    let cdf = <T>0.5 * (<T>1 + erfT<T>(x * <T>SQRT1_2));
    let pdf = kBeta * expT<T>(x * x * <T>-0.5);
    return g * fmaT<T>(x, pdf, cdf);
  }
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

/** out = op(x) elementwise. Operands (out, x). */
@inline export function activation<T>(op: i32, x: usize, o: usize, meta: usize): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sx = rowStride(meta, 1);
  do {
    let px = rowPtr<T>(x, meta, 1);
    let po = rowPtr<T>(o, meta, 0);
    for (let i = 0; i < n; i++) {
      let xi = load<T>(elem<T>(px, i, sx));
      store<T>(elem<T>(po, i, so), forwardOp<T>(op, xi));
    }
  } while (nextRow(meta));
}

/** out = d op(x)/dx * g elementwise. Operands (out, g, x). */
@inline export function activationBackward<T>(op: i32, g: usize, x: usize, o: usize, meta: usize): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sg = rowStride(meta, 1);
  let sx = rowStride(meta, 2);
  do {
    let pg = rowPtr<T>(g, meta, 1);
    let px = rowPtr<T>(x, meta, 2);
    let po = rowPtr<T>(o, meta, 0);
    for (let i = 0; i < n; i++) {
      let gi = load<T>(elem<T>(pg, i, sg));
      let xi = load<T>(elem<T>(px, i, sx));
      store<T>(elem<T>(po, i, so), backwardOp<T>(op, gi, xi));
    }
  } while (nextRow(meta));
}
