// Binary math kernels (op codes 20-39 of binary.ts): atan2, fmod, hypot,
// logaddexp, logaddexp2, xlogy, copysign, fmax, fmin, heaviside; and
// nan_to_num, a unary op with three parameters and its own row loop.
//
// Scalar forms follow PyTorch 1.13's CPU kernels (BinaryOpsKernel.cpp).
// float32 atan2, logaddexp2 and xlogy compute in float64 and round once, so
// a result is within one rounding of the exact value (PyTorch calls the
// float libm functions, correctly rounded or within 1 ulp); float32
// logaddexp uses math.ts's exp and log1p twins, hypot float64 squares.
// Vector forms exist only where a lane computes exactly what the scalar
// form does (sign bits, compares and selects, the twins, float64 lanes).

import { metaNdim, outerCount, resetCounters, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { lanes } from "./simd";
import * as M from "./math";

/** The op codes of this file's binary ops (binary.ts's codes 20 and up). */
export enum Op {
  ATAN2 = 20,
  FMOD,
  HYPOT,
  LOGADDEXP,
  LOGADDEXP2,
  XLOGY,
  COPYSIGN,
  FMAX,
  FMIN,
  HEAVISIDE,
}
/** fmod, whose integer forms report a zero divisor (binary.ts). */
export const FMOD = Op.FMOD;

/** Whether `op` is one of this file's binary ops. */
@inline export function isMathOp(op: i32): bool {
  return op >= 20 && op < 40;
}

/** log(exp(a) + exp(b)) without overflow: PyTorch's formula, with log1p. */
@inline function logaddexp64(a: f64, b: f64): f64 {
  if (isFinite<f64>(a) == false && a == b) return a; // inf + inf (and -inf + -inf) stay exact
  let m = a < b ? b : a; // std::max
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** log2(2^a + 2^b), as above in base 2. */
@inline function logaddexp2_64(a: f64, b: f64): f64 {
  if (isFinite<f64>(a) == false && a == b) return a;
  let m = a < b ? b : a;
  return m + Math.log1p(Math.exp2(-Math.abs(a - b))) * (1.0 / Math.LN2);
}

/**
 * float32 logaddexp as PyTorch's scalar kernel: max + log1p(exp(-|a - b|)),
 * each function rounded to float (math.ts's twins, so logaddexp4 matches).
 */
@inline function logaddexpf32(a: f32, b: f32): f32 {
  if (isFinite<f32>(a) == false && a == b) return a;
  let m = a < b ? b : a;
  return m + M.log1pf32(M.expf(-abs<f32>(a - b)));
}

/** The vector twin of logaddexpf32. */
@inline function logaddexp4(a: v128, b: v128): v128 {
  let l = M.log1p4(M.expf4(f32x4.neg(f32x4.abs(f32x4.sub(a, b)))));
  let r = f32x4.add(v128.bitselect(b, a, f32x4.lt(a, b)), l);
  let same = v128.and(f32x4.eq(a, b), f32x4.eq(f32x4.abs(a), f32x4.splat(Infinity)));
  return v128.bitselect(a, r, same);
}

/**
 * float32 hypot: squares of floats are exact in float64 and their sum
 * cannot overflow or underflow it, so sqrt in float64 rounded to float is
 * hypot within one rounding. An infinite operand gives inf, NaN or not (C).
 */
@inline function hypotf32(a: f32, b: f32): f32 {
  if (abs<f32>(a) == Infinity || abs<f32>(b) == Infinity) return Infinity;
  let x = <f64>a,
    y = <f64>b;
  return <f32>Math.sqrt(x * x + y * y);
}

/** sqrt(x * x + y * y) over two float64 lanes. */
@inline function hypot2(x: v128, y: v128): v128 {
  return f64x2.sqrt(f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y)));
}

/** The vector twin of hypotf32: the low and high lane pairs in float64. */
@inline function hypot4(a: v128, b: v128): v128 {
  let lo = hypot2(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b));
  let ah = v128.shuffle<i32>(a, a, 2, 3, 0, 1),
    bh = v128.shuffle<i32>(b, b, 2, 3, 0, 1);
  let hi = hypot2(f64x2.promote_low_f32x4(ah), f64x2.promote_low_f32x4(bh));
  let r = v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
  let inf = f32x4.splat(Infinity);
  return v128.bitselect(inf, r, v128.or(f32x4.eq(f32x4.abs(a), inf), f32x4.eq(f32x4.abs(b), inf)));
}

/** The scalar form of op `op` (floats; fmod, fmax, fmin, heaviside also integers). Integer zero divisors are the caller's. */
@inline export function mathOp<T>(op: i32, a: T, b: T): T {
  if (op == Op.FMOD) return a % b; // C fmod for floats, C % (sign of the dividend) for integers
  if (op == Op.FMAX || op == Op.FMIN) {
    if (isInteger<T>()) return op == Op.FMAX ? (a < b ? b : a) : b < a ? b : a;
    // C fmax/fmin: a NaN operand loses to a number.
    if (op == Op.FMAX) return b != b || a >= b ? a : b;
    return b != b || a <= b ? a : b;
  }
  if (op == Op.HEAVISIDE) return a == 0 ? b : <T>(<i32>(a > 0));
  if (isFloat<T>()) {
    if (op == Op.COPYSIGN) return <T>copysign<T>(a, b);
    if (sizeof<T>() == 4 && op == Op.LOGADDEXP) return <T>logaddexpf32(<f32>a, <f32>b);
    if (sizeof<T>() == 4 && op == Op.HYPOT) return <T>hypotf32(<f32>a, <f32>b);
    let x = <f64>a,
      y = <f64>b;
    if (op == Op.ATAN2) return <T>Math.atan2(x, y);
    if (op == Op.HYPOT) return <T>Math.hypot(x, y);
    if (op == Op.LOGADDEXP) return <T>logaddexp64(x, y);
    if (op == Op.LOGADDEXP2) return <T>logaddexp2_64(x, y);
    if (op == Op.XLOGY) {
      // special.xlogy: NaN y wins, then 0 * log(y) is 0 even where log(y) is inf.
      if (y != y) return <T>NaN;
      if (x == 0) return <T>0;
      // float32 as PyTorch's x * std::log(y): the log rounded to float, then the product.
      if (sizeof<T>() == 4) return <T>(<f32>a * <f32>Math.log(y));
      return <T>(x * Math.log(y));
    }
  }
  return <T>0;
}

/** Whether op has a vector form for T. */
@inline export function mathHasVector<T>(op: i32): bool {
  if (!isFloat<T>()) return false;
  if (sizeof<T>() == 4 && (op == Op.LOGADDEXP || op == Op.HYPOT)) return true;
  return op == Op.COPYSIGN || op == Op.FMAX || op == Op.FMIN || op == Op.HEAVISIDE;
}

/** The vector form: each lane computes exactly what mathOp does. */
@inline export function mathVectorOp<T>(op: i32, a: v128, b: v128): v128 {
  if (sizeof<T>() == 4 && op == Op.LOGADDEXP) return logaddexp4(a, b);
  if (sizeof<T>() == 4 && op == Op.HYPOT) return hypot4(a, b);
  if (op == Op.COPYSIGN) return v128.bitselect(b, a, v128.splat<T>(<T>-0.0));
  if (op == Op.FMAX || op == Op.FMIN) {
    let keep = v128.or(v128.ne<T>(b, b), op == Op.FMAX ? v128.ge<T>(a, b) : v128.le<T>(a, b));
    return v128.bitselect(a, b, keep);
  }
  if (op == Op.HEAVISIDE) {
    let zero = v128.splat<T>(<T>0);
    let step = v128.and(v128.gt<T>(a, zero), v128.splat<T>(<T>1));
    return v128.bitselect(b, step, v128.eq<T>(a, zero));
  }
  return a;
}


@inline function nanToNumScalar<T>(x: T, nan: T, posinf: T, neginf: T): T {
  if (x != x) return nan;
  if (x == <T>Infinity) return posinf;
  if (x == <T>-Infinity) return neginf;
  return x;
}

/** One row of nan_to_num: n elements at element strides sa (input) and so (output). */
@inline function nanToNumRow<T>(a: usize, sa: isize, o: usize, so: isize, n: i32, nan: T, posinf: T, neginf: T): void {
  const SH = alignof<T>();
  let i = 0;
  if (sa == 1 && so == 1) {
    const L = lanes<T>();
    let vn = v128.splat<T>(nan),
      vp = v128.splat<T>(posinf),
      vm = v128.splat<T>(neginf);
    let inf = v128.splat<T>(<T>Infinity),
      ninf = v128.splat<T>(<T>-Infinity);
    for (; i + L <= n; i += L) {
      let off = (<usize>i) << SH;
      let x = v128.load(a + off);
      let r = v128.bitselect(vn, x, v128.ne<T>(x, x));
      r = v128.bitselect(vp, r, v128.eq<T>(x, inf));
      r = v128.bitselect(vm, r, v128.eq<T>(x, ninf));
      v128.store(o + off, r);
    }
  }
  for (; i < n; i++) {
    store<T>(elem<T>(o, i, so), nanToNumScalar<T>(load<T>(elem<T>(a, i, sa)), nan, posinf, neginf));
  }
}

/** nan_to_num over a meta block with operands (out, a); the replacements arrive as f64 and round to T. */
@inline export function nanToNum<T>(a: usize, o: usize, meta: usize, nan: f64, posinf: f64, neginf: f64): void {
  let ndim = metaNdim(meta);
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  if (n == 0 || outerCount(meta) == 0) return;
  let vn = <T>nan,
    vp = <T>posinf,
    vm = <T>neginf;
  if (ndim == 1) {
    nanToNumRow<T>(a, sa, o, so, n, vn, vp, vm);
    return;
  }
  resetCounters(ndim);
  do {
    nanToNumRow<T>(rowPtr<T>(a, meta, 1), sa, rowPtr<T>(o, meta, 0), so, n, vn, vp, vm);
  } while (nextRow(meta));
}
