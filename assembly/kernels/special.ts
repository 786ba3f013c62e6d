// The functions of torch.special that no other kernel computes: erfcx,
// ndtri, log_ndtr, the modified Bessel functions i0, i0e, i1, i1e, entr,
// and the binary xlog1py and (Hurwitz) zeta, over strided operands
// (strided.ts). Every function is computed in float64; float32 rounds the
// result once. PyTorch evaluates most of them in the element type with
// Cephes' tables; the float64 value rounded once is within an ulp or two of
// what it gets (measured against torch 1.13 over random arguments: the
// float64 relative errors below).
//
// - erfcx(x) = exp(x^2) erfc(x): erfc times exp(x^2) with x^2 split into
//   two doubles below 8 (< 3e-16), the continued fraction
//   sqrt(pi) erfcx(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) from
//   8 up, 24 levels deep; 2 exp(x^2) - erfcx(-x) below 0 (PyTorch's
//   exp(x * x) there, within 6e-14 of it at x ~ -25).
// - ndtri: Acklam's rational approximation (relative error < 1.2e-9), then
//   one Halley step on ndtr(x) = p in the middle, one Newton step on
//   log ndtr(x) = log p in the tails (so p down to 5e-324 works): < 1e-13.
// - log_ndtr: PyTorch's formula, log(erfcx(-t) / 2) - t^2 below -1, else
//   log1p(-erfc(t) / 2), t = x / sqrt(2).
// - i0, i1 (and the scaled e^-|x| forms): the power series up to |x| = 30,
//   Hankel's asymptotic series above (< 2e-15). i0 and i1 overflow where
//   PyTorch's exp(|x|) does (in float32 above log(FLT_MAX)).
// - zeta is umath.ts's (Cephes', as PyTorch).
//
// The loops are scalar: each function is a series or a branchy rational
// (PyTorch's CPU kernels are scalar too). Large launches split over the
// thread pool like every elementwise kernel.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { erfc64, zeta64 } from "./umath";

export const ERFCX = 0;
export const NDTRI = 1;
export const LOG_NDTR = 2;
export const I0 = 3;
export const I0E = 4;
export const I1 = 5;
export const I1E = 6;
export const ENTR = 7;
// Binary: operands (out, a, b).
export const XLOG1PY = 16;
export const ZETA = 17;

const SQRT_PI: f64 = 1.7724538509055160273;
const SQRT_2: f64 = 1.4142135623730950488;
const SQRT_2PI: f64 = 2.5066282746310005024;
const SQRT_HALF_PI: f64 = 1.2533141373155002512;

/** exp(x * x) with x * x carried as two doubles (Dekker's product), so large x loses nothing. */
function expSquare(x: f64): f64 {
  let hi = x * x;
  let c = 134217729.0 * x;
  let xh = c - (c - x);
  let xl = x - xh;
  let lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  return Math.exp(hi) * (1 + lo);
}

/** erfcx for x >= 0. */
function erfcxPositive(x: f64): f64 {
  if (x < 8) return expSquare(x) * erfc64(x);
  if (x == Infinity) return 0;
  let t = x;
  for (let k = 24; k > 0; k--) t = x + (<f64>k * 0.5) / t;
  return 1 / (SQRT_PI * t);
}

/** exp(x^2) erfc(x). */
function erfcx64(x: f64): f64 {
  if (isNaN<f64>(x)) return x;
  if (x >= 0) return erfcxPositive(x);
  if (x < -26.7) return Infinity;
  if (x < -6.1) return 2 * Math.exp(x * x);
  return 2 * Math.exp(x * x) - erfcxPositive(-x);
}

// Acklam's coefficients: the central interval (in r = (p - 0.5)^2) and the tail (in q = sqrt(-2 log p)).
const ACK_A: usize = memory.data<f64>([
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
]);
const ACK_B: usize = memory.data<f64>([
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1,
]);
const ACK_C: usize = memory.data<f64>([
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
]);
const ACK_D: usize = memory.data<f64>([
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1,
]);

/** The polynomial with the `n` coefficients at `c` (highest power first) at x. */
@inline function horner(c: usize, n: i32, x: f64): f64 {
  let s = load<f64>(c);
  for (let i = 1; i < n; i++) s = s * x + load<f64>(c + ((<usize>i) << 3));
  return s;
}

/** ndtri(p) for 0 < p <= 0.5. */
function ndtriLower(p: f64): f64 {
  if (p < 0.02425) {
    let q = Math.sqrt(-2 * Math.log(p));
    let x = horner(ACK_C, 6, q) / horner(ACK_D, 5, q);
    // Newton on log ndtr(x) - log p; log ndtr(x) = log(erfcx(t) / 2) - t^2, t = -x / sqrt(2)
    let t = -x / SQRT_2;
    let e = erfcx64(t);
    let g = Math.log(e / 2) - t * t - Math.log(p);
    return x - g * e * SQRT_HALF_PI;
  }
  let q = p - 0.5;
  let r = q * q;
  let x = (horner(ACK_A, 6, r) * q) / horner(ACK_B, 6, r);
  // Halley on ndtr(x) - p
  let u = (0.5 * erfc64(-x / SQRT_2) - p) * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** The quantile of the standard normal distribution. */
function ndtri64(p: f64): f64 {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p == 0) return -Infinity;
  if (p == 1) return Infinity;
  // 1 - p is exact for p >= 0.5 (Sterbenz), so the upper tail keeps its precision.
  if (p > 0.5) return -ndtriLower(1 - p);
  return ndtriLower(p);
}

/** log of the standard normal CDF. */
function logNdtr64(x: f64): f64 {
  let t = x / SQRT_2;
  if (x < -1) return Math.log(erfcx64(-t) / 2) - t * t;
  return Math.log1p(-erfc64(t) / 2);
}

/** I_nu(x) for x >= 0, nu 0 or 1, by its power series sum (x/2)^(2k + nu) / (k! (k + nu)!). */
function besselSeries(x: f64, nu: i32): f64 {
  let y = 0.25 * x * x;
  let t = nu == 0 ? 1 : 0.5 * x;
  let s = t;
  for (let k = 1; k < 200; k++) {
    t *= y / (<f64>k * <f64>(k + nu));
    s += t;
    if (t <= s * 1e-17) break;
  }
  return s;
}

/** e^-x I_nu(x) for x > 30 by Hankel's asymptotic series. */
function besselScaledAsymptotic(x: f64, nu: i32): f64 {
  let mu = <f64>(4 * nu * nu);
  let t: f64 = 1;
  let s: f64 = 1;
  for (let k = 1; k < 40; k++) {
    let m = <f64>(2 * k - 1);
    t *= -(mu - m * m) / (8 * <f64>k * x);
    s += t;
    if (abs<f64>(t) < 1e-17 * abs<f64>(s)) break;
  }
  return s / Math.sqrt(2 * Math.PI * x);
}

const BESSEL_SERIES_MAX: f64 = 30;

/** I_nu(|x|), times e^-|x| when `scaled`. */
function besselAbs(x: f64, nu: i32, scaled: bool): f64 {
  let ax = abs<f64>(x);
  if (ax <= BESSEL_SERIES_MAX) {
    let v = besselSeries(ax, nu);
    return scaled ? v * Math.exp(-ax) : v;
  }
  if (ax == Infinity) return scaled ? 0 : Infinity;
  let v = besselScaledAsymptotic(ax, nu);
  return scaled ? v : Math.exp(ax) * v;
}

/** I_nu(x) (scaled: e^-|x| I_nu(x)); I_1 is odd. */
function bessel64(x: f64, nu: i32, scaled: bool): f64 {
  if (isNaN<f64>(x)) return x;
  let v = besselAbs(x, nu, scaled);
  return nu == 1 && x < 0 ? -v : v;
}

/** -x log x, 0 at 0, -inf below 0. */
function entr64(x: f64): f64 {
  if (isNaN<f64>(x)) return x;
  if (x > 0) return -x * Math.log(x);
  return x == 0 ? 0 : -Infinity;
}

/** x log1p(y), 0 where x is 0 unless y is NaN. */
function xlog1py64(x: f64, y: f64): f64 {
  if (isNaN<f64>(y)) return NaN;
  if (x == 0) return 0;
  return x * Math.log1p(y);
}

/** `op` of (x, y) in float64 (y only for the binary ops). */
function special64(op: i32, x: f64, y: f64): f64 {
  if (op == ERFCX) return erfcx64(x);
  if (op == NDTRI) return ndtri64(x);
  if (op == LOG_NDTR) return logNdtr64(x);
  if (op == I0) return bessel64(x, 0, false);
  if (op == I0E) return bessel64(x, 0, true);
  if (op == I1) return bessel64(x, 1, false);
  if (op == I1E) return bessel64(x, 1, true);
  if (op == ENTR) return entr64(x);
  if (op == XLOG1PY) return xlog1py64(x, y);
  return zeta64(x, y);
}

/** log(FLT_MAX): float32 exp overflows above it, and with it PyTorch's float32 i0 and i1. */
const EXPF_MAX: f64 = 88.7228390520683;

/** `op` of (x, y) rounded to T. */
@inline function specialT<T>(op: i32, x: f64, y: f64): T {
  if (sizeof<T>() == 4 && (op == I0 || op == I1) && abs<f64>(x) > EXPF_MAX)
    return op == I1 && x < 0 ? <T>-Infinity : <T>Infinity;
  return <T>special64(op, x, y);
}

/** out = op(a) (unary codes) or op(a, b) (binary codes) over a meta block with operands (out, a[, b]). */
@inline export function special<T>(op: i32, a: usize, b: usize, o: usize, meta: usize): void {
  let binary = op >= XLOG1PY;
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  let sb: isize = binary ? rowStride(meta, 2) : 0;
  if (!firstRow(meta)) return;
  do {
    let po = rowPtr<T>(o, meta, 0);
    let pa = rowPtr<T>(a, meta, 1);
    let pb = binary ? rowPtr<T>(b, meta, 2) : 0;
    for (let i = 0; i < n; i++) {
      let x = <f64>load<T>(elem<T>(pa, i, sa));
      let y: f64 = binary ? <f64>load<T>(elem<T>(pb, i, sb)) : 0;
      store<T>(elem<T>(po, i, so), specialT<T>(op, x, y));
    }
  } while (nextRow(meta));
}
