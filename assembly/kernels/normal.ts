// Normal draws as PyTorch CPU makes them (aten/src/ATen/native/cpu/
// DistributionTemplates.h, normal_kernel), so a seed gives PyTorch's numbers:
//
// - a contiguous float tensor of 16 or more elements: fill with uniform
//   floats, then Box-Muller over blocks of 16 (u1 from the first 8, u2 from
//   the next 8); when the size is not a multiple of 16, the last 16 elements
//   are redrawn from fresh uniforms and transformed again. The AVX2 build does
//   the transform in float with Pommier's Cephes-derived log256_ps and
//   sincos256_ps (avx_mathfun.h), compiled with fma contraction: normal16f
//   below is that arithmetic, lane by lane, with the fmas made exact (fma.ts).
// - a contiguous double tensor of 16 or more elements: the same blocks in
//   double with libm log/sin/cos (glibc's there; sincos64.ts rounds sin and
//   cos correctly, which is what glibc's give but for ~0.1% of angles).
// - anything else: normal_distribution<double> per element, whose Box-Muller
//   pair is drawn from two 53-bit uniforms and whose second sample is cached
//   in the generator for the next call.

import { fmaf, fma64 } from "./fma";
import { at } from "./coef";
import { HAS_NORMAL, NORMAL, uniform01, uniformFill } from "./random";
import { normal16f4 } from "./normal4";
import { sincos, sinOut as sin64, cosOut as cos64 } from "./sincos64";

// Cephes constants as avx_mathfun.h rounds them to float.
export const SQRTHF: f32 = <f32>0.707106781186547524;
export const LOG_P: usize = memory.data<f32>([
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
]);
export const LOG_Q1: f32 = <f32>-2.1219444e-4;
export const LOG_Q2: f32 = <f32>0.693359375;
export const MINUS_DP: usize = memory.data<f32>([-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8]);
export const SIN_P: usize = memory.data<f32>([-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1]);
export const COS_P: usize = memory.data<f32>([2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2]);
export const FOPI: f32 = <f32>1.27323954473516; // 4 / pi
export const TWO_PI_F: f32 = <f32>(2.0 * Math.PI);
export const MIN_NORM: f32 = reinterpret<f32>(0x00800000);

/** Natural log of x > 0 (log256_ps for one lane): frexp, a degree-9 polynomial, the exponent times ln 2 in two parts. */
@inline function cephesLogf(x0: f32): f32 {
  let x = max<f32>(x0, MIN_NORM);
  let bits = reinterpret<u32>(x);
  let e = <f32>(<i32>(bits >> 23) - 0x7f) + 1;
  x = reinterpret<f32>((bits & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
  let below = x < SQRTHF;
  let tmp: f32 = below ? x : 0;
  x = x - 1;
  e = e - (below ? <f32>1 : 0);
  x = x + tmp;
  let z = x * x;
  let y = at<f32>(LOG_P, 0);
  for (let k = 1; k < 9; k++) y = fmaf(y, x, at<f32>(LOG_P, k));
  y = y * x;
  y = fmaf(y, z, e * LOG_Q1);
  y = fmaf(-z, 0.5, y);
  x = x + y;
  return fmaf(e, LOG_Q2, x);
}

// sincos256_ps results for one lane (written by cephesSinCosf).
let sinOut: f32 = 0;
let cosOut: f32 = 0;

/** sin and cos of x (sincos256_ps for one lane): octant reduction in three parts, two polynomials, sign fix-ups. */
@inline function cephesSinCosf(x0: f32): void {
  let signSin = reinterpret<u32>(x0) & 0x80000000;
  let x = abs<f32>(x0);
  let j = (<i32>(x * FOPI) + 1) & ~1;
  let y = <f32>j;
  let swapSin = (<u32>(j & 4)) << 29;
  let poly = (j & 2) == 0;
  x = fmaf(y, at<f32>(MINUS_DP, 0), x);
  x = fmaf(y, at<f32>(MINUS_DP, 1), x);
  x = fmaf(y, at<f32>(MINUS_DP, 2), x);
  let signCos = (<u32>(~(j - 2) & 4)) << 29;
  signSin ^= swapSin;
  let z = x * x;
  let c = fmaf(at<f32>(COS_P, 0), z, at<f32>(COS_P, 1));
  c = fmaf(c, z, at<f32>(COS_P, 2));
  c = c * z;
  c = fmaf(c, z, -(z * 0.5));
  c = c + 1;
  let s = fmaf(at<f32>(SIN_P, 0), z, at<f32>(SIN_P, 1));
  s = fmaf(s, z, at<f32>(SIN_P, 2));
  s = s * z;
  s = fmaf(s, x, x);
  // The vector code selects with masks and adds the unselected lane's +0.
  let sinV = (poly ? <f32>0 : c) + (poly ? s : <f32>0);
  let cosV = (poly ? c : <f32>0) + (poly ? <f32>0 : s);
  sinOut = reinterpret<f32>(reinterpret<u32>(sinV) ^ signSin);
  cosOut = reinterpret<f32>(reinterpret<u32>(cosV) ^ signCos);
}

/** normal_fill_16_AVX2, one lane at a time: 16 uniforms at p become 16 normals (the reference for normal4.ts). */
export function normal16f(p: usize, mean: f32, std: f32): void {
  for (let j = 0; j < 8; j++) {
    let a = p + ((<usize>j) << 2);
    let u1: f32 = 1 - load<f32>(a);
    let u2 = load<f32>(a, 32);
    let radius = Mathf.sqrt(<f32>-2 * cephesLogf(u1));
    cephesSinCosf(TWO_PI_F * u2);
    store<f32>(a, fmaf(radius * cosOut, std, mean));
    store<f32>(a, fmaf(radius * sinOut, std, mean), 32);
  }
}

/** normal_fill_16<double>: the same transform with libm in double. */
function normal16d(p: usize, mean: f64, std: f64): void {
  for (let j = 0; j < 8; j++) {
    let a = p + ((<usize>j) << 3);
    let u1 = 1 - load<f64>(a);
    let u2 = load<f64>(a, 64);
    let radius = Math.sqrt(-2 * Math.log(u1));
    sincos(2.0 * Math.PI * u2);
    store<f64>(a, scaleShift(radius * cos64, std, mean));
    store<f64>(a, scaleShift(radius * sin64, std, mean), 64);
  }
}

/** x * std + mean with one rounding; with std 1 that is the plain sum (also for x = -0). */
@inline function scaleShift(x: f64, std: f64, mean: f64): f64 {
  return std == 1 ? x + mean : fma64(x, std, mean);
}

/** normal_fill for n >= 16 contiguous elements of T; `simd` picks normal4.ts's float blocks over the scalar reference. */
@inline export function normalFill<T>(g: usize, out: usize, n: i32, mean: T, std: T, simd: bool): void {
  const SH = alignof<T>();
  uniformFill<T>(g, out, n, 0, 1);
  let i = 0;
  for (; i + 16 <= n; i += 16) block<T>(out + ((<usize>i) << SH), mean, std, simd);
  if (n % 16 != 0) {
    let tail = out + ((<usize>(n - 16)) << SH);
    uniformFill<T>(g, tail, 16, 0, 1);
    block<T>(tail, mean, std, simd);
  }
}


@inline function block<T>(p: usize, mean: T, std: T, simd: bool): void {
  if (sizeof<T>() == 8) normal16d(p, <f64>mean, <f64>std);
  else if (simd) normal16f4(p, <f32>mean, <f32>std);
  else normal16f(p, <f32>mean, <f32>std);
}

/** One standard normal from normal_distribution<double>, using and refilling the generator's cache. */
@inline function standardNormal(g: usize): f64 {
  if (load<i32>(g + HAS_NORMAL) != 0) {
    store<i32>(g + HAS_NORMAL, 0);
    return load<f64>(g + NORMAL);
  }
  let u1 = uniform01(g);
  let u2 = uniform01(g);
  let r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
  sincos(2.0 * Math.PI * u1);
  store<f64>(g + NORMAL, r * sin64);
  store<i32>(g + HAS_NORMAL, 1);
  return r * cos64;
}

/** n serial draws of normal_distribution<double>(mean, std), rounded to T. */
@inline export function normalSerial<T>(g: usize, out: usize, n: i32, mean: f64, std: f64): void {
  const SH = alignof<T>();
  for (let i = 0; i < n; i++) store<T>(out + ((<usize>i) << SH), <T>scaleShift(standardNormal(g), std, mean));
}
