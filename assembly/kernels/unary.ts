// Unary elementwise kernels over strided operands, same scheme as binary.ts:
// one @inline driver specialised per constant op by the exports in
// exports/elementwise.ts. `p` and `q` are op parameters (clamp bounds, the
// exponent of pow).
//
// Every op with a SIMD form computes each lane exactly as its scalar form
// does (float32 math goes through the twins in math.ts), so a contiguous row,
// its tail and a strided row give the same bits.

import { metaNdim, outerCount, resetCounters, nextRow, rowLength, rowStride, rowPtr, elem, fillRows } from "./strided";
import { K_NATIVE, castAs, convert } from "./convert";
import * as M from "./math";
import { erf64, erff, erff4 } from "./activation";
import { lanes } from "./simd";
import { erfc64, erfinvT, lgamma64, digammaT, polygammaT } from "./umath";

export const NEG = 0;
export const ABS = 1;
export const SIGN = 2;
export const SQRT = 3;
export const RSQRT = 4;
export const EXP = 5;
export const LOG = 6;
export const LOG1P = 7;
export const EXPM1 = 8;
export const SIN = 9;
export const COS = 10;
export const TANH = 11;
export const SIGMOID = 12;
export const RELU = 13;
export const SQUARE = 14;
export const RECIPROCAL = 15;
export const CLAMP = 16;
export const POW_SCALAR = 17;
export const COPY = 18;
export const FLOOR = 19;
export const CEIL = 20;
export const TRUNC = 21;
export const ROUND = 22;
export const CUBE = 23;
export const RECIPROCAL_SQUARE = 24;
export const ERF = 25;
// Integers only (logic.ts exports it; bool is logical_not in the facade).
export const BITWISE_NOT = 90;
// The math ops of issue 17 (umath.ts and the block at the end of this file).
export const ERFC = 40;
export const ERFINV = 41;
export const TAN = 42;
export const ASIN = 43;
export const ACOS = 44;
export const ATAN = 45;
export const SINH = 46;
export const COSH = 47;
export const ASINH = 48;
export const ACOSH = 49;
export const ATANH = 50;
export const LOG2 = 51;
export const LOG10 = 52;
export const EXP2 = 53;
export const LGAMMA = 54;
export const DIGAMMA = 55;
export const POLYGAMMA = 56; // p = n
export const SINC = 57;
export const FRAC = 58;
export const LOGIT = 59; // p = eps, negative for none
export const DEG2RAD = 60;
export const RAD2DEG = 61;

/**
 * float64 sin/cos arguments with |x| >= 2^20 seen by the last call:
 * AssemblyScript's Math.sin/cos reduce those wrongly, so the caller
 * recomputes them (see src/ops/unary.ts).
 */
let farTrig = 0;

/** Integer clamp bounds: the f64 parameters saturated to the i32 range (infinite bounds become no bound). */
@inline function intBound(v: f64): i32 {
  return <i32>max<f64>(min<f64>(v, 2147483647.0), -2147483648.0);
}

/** The same for int64: the conversion saturates (nontrapping-f2i), so +-Infinity become the i64 limits. */
@inline function intBound64(v: f64): i64 {
  return <i64>v;
}


@inline function scalarOp<T>(op: i32, x: T, p: f64, q: f64): T {
  if (op == COPY) return x;
  if (op == NEG) return -x;
  if (op == ABS) {
    if (isFloat<T>()) return <T>abs<T>(x);
    return x < 0 ? <T>-x : x;
  }
  // PyTorch's (0 < x) - (x < 0): 0 for NaN and for both zeros.
  if (op == SIGN) return <T>(<i32>(x > 0) - <i32>(x < 0));
  if (op == SQUARE) return x * x;
  if (op == CUBE) return x * x * x;
  if (isInteger<T>()) {
    if (op == BITWISE_NOT) return ~x;
  }
  if (op == FLOOR || op == CEIL || op == TRUNC || op == ROUND) {
    if (isInteger<T>()) return x;
    if (op == FLOOR) return <T>floor<T>(x);
    if (op == CEIL) return <T>ceil<T>(x);
    if (op == TRUNC) return <T>trunc<T>(x);
    return <T>nearest<T>(x); // round half to even, like torch.round
  }
  // clamp_min(x, 0): NaN and -0 pass through, as in PyTorch.
  if (op == RELU) return x < 0 ? <T>0 : x;
  if (op == CLAMP) {
    // std::min(std::max(x, lo), hi): NaN in x stays NaN; a NaN bound compares false and is ignored
    // (the op fills NaN itself when both bounds are given and one is NaN, as PyTorch does).
    if (isFloat<T>()) {
      let lo = <T>p,
        hi = <T>q;
      let t = x < lo ? lo : x;
      return t > hi ? hi : t;
    }
    let lo = sizeof<T>() == 8 ? <T>intBound64(p) : <T>intBound(p),
      hi = sizeof<T>() == 8 ? <T>intBound64(q) : <T>intBound(q);
    let t = x < lo ? lo : x;
    return t > hi ? hi : t;
  }
  if (isFloat<T>()) {
    if (sizeof<T>() == 4) return <T>floatOp32(op, <f32>x, p);
    return <T>floatOp64(op, <f64>x, p);
  }
  return x;
}


@inline function floatOp32(op: i32, x: f32, p: f64): f32 {
  if (op >= ERFC && op <= RAD2DEG) return umath32(op, x, p);
  if (op == SQRT) return Mathf.sqrt(x);
  if (op == RSQRT) return <f32>1 / Mathf.sqrt(x);
  if (op == EXP) return M.expf(x);
  if (op == LOG) return M.logf32(x);
  if (op == LOG1P) return M.log1pf32(x);
  if (op == EXPM1) return M.expm1f32(x);
  if (op == ERF) return erff(x);
  if (op == SIN) return M.sinf32(x);
  if (op == COS) return M.cosf32(x);
  if (op == TANH) return M.tanhf32(x);
  if (op == SIGMOID) return M.sigmoidf32(x);
  if (op == RECIPROCAL) return <f32>1 / x;
  if (op == RECIPROCAL_SQUARE) return <f32>1 / (x * x);
  // PyTorch computes pow(float, double exponent) in double and rounds once.
  if (op == POW_SCALAR) return <f32>Math.pow(<f64>x, p);
  return x;
}


@inline function floatOp64(op: i32, x: f64, p: f64): f64 {
  if (op >= ERFC && op <= RAD2DEG) return umath64(op, x, p);
  if (op == SQRT) return Math.sqrt(x);
  if (op == RSQRT) return 1 / Math.sqrt(x);
  if (op == EXP) return Math.exp(x);
  if (op == LOG) return Math.log(x);
  if (op == LOG1P) return Math.log1p(x);
  if (op == EXPM1) return Math.expm1(x);
  if (op == ERF) return erf64(x);
  if (op == SIN || op == COS) {
    if (!(abs<f64>(x) < 1048576.0) && isFinite<f64>(x)) farTrig++;
    return op == SIN ? Math.sin(x) : Math.cos(x);
  }
  if (op == TANH) return Math.tanh(x);
  if (op == SIGMOID) return 1 / (1 + Math.exp(-x));
  if (op == RECIPROCAL) return 1 / x;
  if (op == RECIPROCAL_SQUARE) return 1 / (x * x);
  if (op == POW_SCALAR) return Math.pow(x, p);
  return x;
}

/** The ops whose vector form serves every float and 4- or 8-byte integer lane type. */
@inline function anyLaneVector(op: i32): bool {
  return (
    op == NEG ||
    op == ABS ||
    op == SIGN ||
    op == SQUARE ||
    op == CUBE ||
    op == RELU ||
    op == CLAMP ||
    op == FLOOR ||
    op == CEIL ||
    op == TRUNC ||
    op == ROUND
  );
}


@inline function hasVector<T>(op: i32): bool {
  if (op == COPY) return true;
  if (isFloat<T>() && sizeof<T>() == 4) {
    // everything else, the transcendental functions via math.ts and erff4; of the umath block, the linear ones
    if (op >= ERFC && op <= RAD2DEG) return op == FRAC || op == DEG2RAD || op == RAD2DEG;
    return op != POW_SCALAR;
  }
  if (isFloat<T>())
    return anyLaneVector(op) || op == SQRT || op == RSQRT || op == RECIPROCAL || op == RECIPROCAL_SQUARE;
  if (sizeof<T>() >= 4) return anyLaneVector(op) || op == BITWISE_NOT;
  return false;
}


@inline function vectorOp<T>(op: i32, x: v128, p: v128, q: v128): v128 {
  if (op == COPY) return x;
  if (sizeof<T>() < 4) return x; // bool bytes are only copied
  if (op == BITWISE_NOT) return v128.not(x);
  if (op == SQUARE) return v128.mul<T>(x, x);
  if (op == CUBE) return v128.mul<T>(v128.mul<T>(x, x), x);
  if (op == NEG) return v128.neg<T>(x);
  let zero = v128.splat<T>(0);
  if (isFloat<T>()) {
    let one = v128.splat<T>(1);
    if (op == ABS) return v128.abs<T>(x);
    if (op == SIGN) return v128.sub<T>(v128.and(v128.gt<T>(x, zero), one), v128.and(v128.lt<T>(x, zero), one));
    if (op == SQRT) return v128.sqrt<T>(x);
    if (op == RSQRT) return v128.div<T>(one, v128.sqrt<T>(x));
    if (op == RECIPROCAL) return v128.div<T>(one, x);
    if (op == RECIPROCAL_SQUARE) return v128.div<T>(one, v128.mul<T>(x, x));
    if (op == RELU) return v128.bitselect(zero, x, v128.lt<T>(x, zero));
    if (op == CLAMP) {
      let t = v128.bitselect(p, x, v128.lt<T>(x, p));
      return v128.bitselect(q, t, v128.gt<T>(t, q));
    }
    if (op == FLOOR) return v128.floor<T>(x);
    if (op == CEIL) return v128.ceil<T>(x);
    if (op == TRUNC) return v128.trunc<T>(x);
    if (op == ROUND) return v128.nearest<T>(x);
    if (op == FRAC) return v128.sub<T>(x, v128.trunc<T>(x));
    if (op == DEG2RAD) return v128.mul<T>(x, v128.splat<T>(<T>DEG_TO_RAD));
    if (op == RAD2DEG) return v128.mul<T>(x, v128.splat<T>(<T>RAD_TO_DEG));
    if (sizeof<T>() == 4) {
      if (op == EXP) return M.expf4(x);
      if (op == LOG) return M.log4(x);
      if (op == LOG1P) return M.log1p4(x);
      if (op == EXPM1) return M.expm14(x);
      if (op == SIN) return M.sin4(x);
      if (op == COS) return M.cos4(x);
      if (op == TANH) return M.tanh4(x);
      if (op == SIGMOID) return M.sigmoid4(x);
      if (op == ERF) return erff4(x);
    }
  } else if (sizeof<T>() == 8) {
    // i64x2 has no min/max: compares and selects.
    if (op == ABS) return i64x2.abs(x);
    if (op == SIGN) return i64x2.sub(i64x2.lt_s(x, zero), i64x2.gt_s(x, zero)); // masks are -1
    if (op == RELU) return v128.bitselect(zero, x, i64x2.lt_s(x, zero));
    if (op == CLAMP) {
      let t = v128.bitselect(p, x, i64x2.lt_s(x, p));
      return v128.bitselect(q, t, i64x2.gt_s(t, q));
    }
  } else {
    if (op == ABS) return i32x4.abs(x);
    if (op == SIGN) return v128.sub<T>(v128.lt<T>(x, zero), v128.gt<T>(x, zero)); // masks are -1
    if (op == RELU) return v128.max<T>(x, zero);
    if (op == CLAMP) return v128.min<T>(v128.max<T>(x, p), q);
  }
  return x; // integer floor, ceil, trunc, round
}


@inline function splatParam<T>(p: f64): v128 {
  if (isFloat<T>()) return v128.splat<T>(<T>p);
  if (sizeof<T>() == 8) return i64x2.splat(intBound64(p));
  return i32x4.splat(intBound(p));
}


@inline function unaryRow<T>(op: i32, a: usize, sa: isize, o: usize, so: isize, n: i32, p: f64, q: f64): void {
  const SH = alignof<T>();
  let i = 0;
  if (sa == 0) {
    // A broadcast input (copy_ from an expanded source): one value for the whole row.
    let v = scalarOp<T>(op, load<T>(a), p, q);
    for (; i < n; i++) store<T>(elem<T>(o, i, so), v);
    return;
  }
  if (hasVector<T>(op) && sa == 1 && so == 1) {
    const L = lanes<T>();
    let vp = splatParam<T>(p),
      vq = splatParam<T>(q);
    // Four vectors per step: a long polynomial's four chains overlap instead of waiting on each other.
    for (; i + 4 * L <= n; i += 4 * L) {
      let pa = a + ((<usize>i) << SH),
        po = o + ((<usize>i) << SH);
      let x0 = v128.load(pa),
        x1 = v128.load(pa, 16),
        x2 = v128.load(pa, 32),
        x3 = v128.load(pa, 48);
      v128.store(po, vectorOp<T>(op, x0, vp, vq));
      v128.store(po, vectorOp<T>(op, x1, vp, vq), 16);
      v128.store(po, vectorOp<T>(op, x2, vp, vq), 32);
      v128.store(po, vectorOp<T>(op, x3, vp, vq), 48);
    }
    for (; i + L <= n; i += L) {
      let off = (<usize>i) << SH;
      v128.store(o + off, vectorOp<T>(op, v128.load(a + off), vp, vq));
    }
  }
  for (; i < n; i++) {
    let x = load<T>(elem<T>(a, i, sa));
    store<T>(elem<T>(o, i, so), scalarOp<T>(op, x, p, q));
  }
}

/** Applies `op` over a meta block with operands (out, a). Returns the far-argument count of float64 sin/cos. */
@inline export function unary<T>(op: i32, a: usize, o: usize, meta: usize, p: f64, q: f64): i32 {
  let ndim = metaNdim(meta);
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  farTrig = 0;
  if (n == 0 || outerCount(meta) == 0) return 0;
  if (ndim == 1) {
    // One row: no counters to reset (the common call, after the JS side merged dims).
    unaryRow<T>(op, a, sa, o, so, n, p, q);
    return farTrig;
  }
  resetCounters(ndim);
  do {
    unaryRow<T>(op, rowPtr<T>(a, meta, 1), sa, rowPtr<T>(o, meta, 0), so, n, p, q);
  } while (nextRow(meta));
  return farTrig;
}

/** Converts between element types over a meta block with operands (out, a). */
@inline export function cast<TI, TO>(a: usize, o: usize, meta: usize): void {
  convert<TI, TO>(K_NATIVE, K_NATIVE, a, o, meta);
}

/** Writes `v` to every element of a meta block with one operand (out). Bool stores 0 or 1. */
@inline export function fill<T>(o: usize, meta: usize, v: f64): void {
  // v is integral for integer T: any such f64 converts exactly
  fillRows<T>(o, meta, castAs<f64, T>(v));
}

// ---- the math ops of issue 17 (codes ERFC..RAD2DEG) ----
// float32 goes through the float64 function and rounds once, except where
// PyTorch computes in float itself (erfinv, digamma, polygamma 0/1, sinc,
// logit, frac, deg2rad, rad2deg): there the same steps run in float32.

const DEG_TO_RAD: f64 = Math.PI / 180;
const RAD_TO_DEG: f64 = 180 / Math.PI;

/** Counts an argument AssemblyScript's trig functions reduce wrongly (|x| >= 2^20); the caller recomputes it. */
@inline function far(x: f64): void {
  if (!(abs<f64>(x) < 1048576.0) && isFinite<f64>(x)) farTrig++;
}

/** logit in T: x clamped to [eps, 1 - eps] when eps >= 0, then log(x / (1 - x)). */
@inline function logitT<T>(x: T, eps: f64): T {
  if (eps >= 0) {
    let lo = <T>eps;
    let hi = <T>1 - lo;
    x = x < lo ? lo : x > hi ? hi : x;
  }
  if (x == <T>1) return <T>Infinity;
  let r = x / (<T>1 - x);
  return sizeof<T>() == 4 ? <T>M.logf32(<f32>r) : <T>Math.log(<f64>r);
}


@inline function umath32(op: i32, x: f32, p: f64): f32 {
  if (op == ERFINV) return erfinvT<f32>(x);
  if (op == DIGAMMA) return digammaT<f32>(x);
  if (op == POLYGAMMA) return polygammaT<f32>(<i32>p, x);
  if (op == FRAC) return x - trunc<f32>(x);
  if (op == DEG2RAD) return x * <f32>DEG_TO_RAD;
  if (op == RAD2DEG) return x * <f32>RAD_TO_DEG;
  if (op == LOGIT) return logitT<f32>(x, p);
  if (op == SINC) {
    if (x == 0) return 1;
    let px = <f32>Math.PI * x;
    return M.sinf32(px) / px;
  }
  if (op == TAN) far(<f64>x);
  return <f32>umath64(op, <f64>x, p);
}


@inline function umath64(op: i32, x: f64, p: f64): f64 {
  if (op == ERFC) return erfc64(x);
  if (op == ERFINV) return erfinvT<f64>(x);
  if (op == TAN) {
    far(x);
    return Math.tan(x);
  }
  if (op == ASIN) return Math.asin(x);
  if (op == ACOS) return Math.acos(x);
  if (op == ATAN) return Math.atan(x);
  if (op == SINH) return Math.sinh(x);
  if (op == COSH) return Math.cosh(x);
  if (op == ASINH) return Math.asinh(x);
  if (op == ACOSH) return Math.acosh(x);
  if (op == ATANH) return Math.atanh(x);
  if (op == LOG2) return Math.log2(x);
  if (op == LOG10) return Math.log10(x);
  if (op == EXP2) return Math.exp2(x);
  if (op == LGAMMA) return lgamma64(x);
  if (op == DIGAMMA) return digammaT<f64>(x);
  if (op == POLYGAMMA) return polygammaT<f64>(<i32>p, x);
  if (op == SINC) {
    if (x == 0) return 1;
    let px = Math.PI * x;
    far(px);
    return Math.sin(px) / px;
  }
  if (op == FRAC) return x - trunc<f64>(x);
  if (op == LOGIT) return logitT<f64>(x, p);
  if (op == DEG2RAD) return x * DEG_TO_RAD;
  if (op == RAD2DEG) return x * RAD_TO_DEG;
  return x;
}
