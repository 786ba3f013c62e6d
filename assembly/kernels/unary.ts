// Unary elementwise kernels over strided operands, same scheme as binary.ts:
// one @inline driver specialised per constant op by the exports in
// exports/elementwise.ts. `p` and `q` are op parameters (clamp bounds, the
// exponent of pow).
//
// Every op with a SIMD form computes each lane exactly as its scalar form
// does (float32 math goes through the twins in math.ts), so a contiguous row,
// its tail and a strided row give the same bits.

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";
import * as M from "./math";

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

@inline function lanes<T>(): i32 { return 16 / sizeof<T>(); }

/**
 * float64 sin/cos arguments with |x| >= 2^20 seen by the last call:
 * AssemblyScript's Math.sin/cos reduce those wrongly, so the caller
 * recomputes them (see src/ops/unary.ts).
 */
let farTrig = 0;

/** Integer clamp bounds: the f64 parameters saturated to the i32 range (infinite bounds become no bound). */
@inline function intBound(v: f64): i32 { return <i32>max<f64>(min<f64>(v, 2147483647.0), -2147483648.0); }

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
      let lo = <T>p, hi = <T>q;
      let t = x < lo ? lo : x;
      return t > hi ? hi : t;
    }
    let lo = <T>intBound(p), hi = <T>intBound(q);
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
  if (op == SQRT) return Mathf.sqrt(x);
  if (op == RSQRT) return <f32>1 / Mathf.sqrt(x);
  if (op == EXP) return M.expf(x);
  if (op == LOG) return M.logf32(x);
  if (op == LOG1P) return M.log1pf32(x);
  if (op == EXPM1) return M.expm1f32(x);
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
  if (op == SQRT) return Math.sqrt(x);
  if (op == RSQRT) return 1 / Math.sqrt(x);
  if (op == EXP) return Math.exp(x);
  if (op == LOG) return Math.log(x);
  if (op == LOG1P) return Math.log1p(x);
  if (op == EXPM1) return Math.expm1(x);
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

@inline function hasVector<T>(op: i32): bool {
  if (op == COPY) return true;
  if (isFloat<T>() && sizeof<T>() == 4) {
    return op != POW_SCALAR; // everything else, the transcendental functions via math.ts
  }
  if (isFloat<T>()) {
    return op == NEG || op == ABS || op == SIGN || op == SQUARE || op == CUBE || op == SQRT || op == RSQRT ||
      op == RELU || op == CLAMP || op == RECIPROCAL || op == RECIPROCAL_SQUARE ||
      op == FLOOR || op == CEIL || op == TRUNC || op == ROUND;
  }
  if (sizeof<T>() == 4) {
    return op == NEG || op == ABS || op == SIGN || op == SQUARE || op == CUBE || op == RELU || op == CLAMP ||
      op == FLOOR || op == CEIL || op == TRUNC || op == ROUND;
  }
  return false;
}

@inline function vectorOp<T>(op: i32, x: v128, p: v128, q: v128): v128 {
  if (op == COPY) return x;
  if (isFloat<T>() && sizeof<T>() == 4) {
    if (op == NEG) return f32x4.neg(x);
    if (op == ABS) return f32x4.abs(x);
    if (op == SIGN) {
      let one = f32x4.splat(1), zero = f32x4.splat(0);
      return f32x4.sub(v128.and(f32x4.gt(x, zero), one), v128.and(f32x4.lt(x, zero), one));
    }
    if (op == SQRT) return f32x4.sqrt(x);
    if (op == RSQRT) return f32x4.div(f32x4.splat(1), f32x4.sqrt(x));
    if (op == SQUARE) return f32x4.mul(x, x);
    if (op == CUBE) return f32x4.mul(f32x4.mul(x, x), x);
    if (op == RECIPROCAL) return f32x4.div(f32x4.splat(1), x);
    if (op == RECIPROCAL_SQUARE) return f32x4.div(f32x4.splat(1), f32x4.mul(x, x));
    if (op == RELU) return v128.bitselect(f32x4.splat(0), x, f32x4.lt(x, f32x4.splat(0)));
    if (op == CLAMP) {
      let t = v128.bitselect(p, x, f32x4.lt(x, p));
      return v128.bitselect(q, t, f32x4.gt(t, q));
    }
    if (op == FLOOR) return f32x4.floor(x);
    if (op == CEIL) return f32x4.ceil(x);
    if (op == TRUNC) return f32x4.trunc(x);
    if (op == ROUND) return f32x4.nearest(x);
    if (op == EXP) return M.expf4(x);
    if (op == LOG) return M.log4(x);
    if (op == LOG1P) return M.log1p4(x);
    if (op == EXPM1) return M.expm14(x);
    if (op == SIN) return M.sin4(x);
    if (op == COS) return M.cos4(x);
    if (op == TANH) return M.tanh4(x);
    if (op == SIGMOID) return M.sigmoid4(x);
  } else if (isFloat<T>()) {
    if (op == NEG) return f64x2.neg(x);
    if (op == ABS) return f64x2.abs(x);
    if (op == SIGN) {
      let one = f64x2.splat(1), zero = f64x2.splat(0);
      return f64x2.sub(v128.and(f64x2.gt(x, zero), one), v128.and(f64x2.lt(x, zero), one));
    }
    if (op == SQRT) return f64x2.sqrt(x);
    if (op == RSQRT) return f64x2.div(f64x2.splat(1), f64x2.sqrt(x));
    if (op == SQUARE) return f64x2.mul(x, x);
    if (op == CUBE) return f64x2.mul(f64x2.mul(x, x), x);
    if (op == RECIPROCAL) return f64x2.div(f64x2.splat(1), x);
    if (op == RECIPROCAL_SQUARE) return f64x2.div(f64x2.splat(1), f64x2.mul(x, x));
    if (op == RELU) return v128.bitselect(f64x2.splat(0), x, f64x2.lt(x, f64x2.splat(0)));
    if (op == CLAMP) {
      let t = v128.bitselect(p, x, f64x2.lt(x, p));
      return v128.bitselect(q, t, f64x2.gt(t, q));
    }
    if (op == FLOOR) return f64x2.floor(x);
    if (op == CEIL) return f64x2.ceil(x);
    if (op == TRUNC) return f64x2.trunc(x);
    if (op == ROUND) return f64x2.nearest(x);
  } else {
    if (op == NEG) return i32x4.neg(x);
    if (op == ABS) return i32x4.abs(x);
    if (op == SIGN) return i32x4.sub(i32x4.lt_s(x, i32x4.splat(0)), i32x4.gt_s(x, i32x4.splat(0))); // masks are -1
    if (op == SQUARE) return i32x4.mul(x, x);
    if (op == CUBE) return i32x4.mul(i32x4.mul(x, x), x);
    if (op == RELU) return i32x4.max_s(x, i32x4.splat(0));
    if (op == CLAMP) return i32x4.min_s(i32x4.max_s(x, p), q);
    if (op == FLOOR || op == CEIL || op == TRUNC || op == ROUND) return x;
  }
  return x;
}

@inline function splatParam<T>(p: f64): v128 {
  if (isFloat<T>() && sizeof<T>() == 4) return f32x4.splat(<f32>p);
  if (isFloat<T>()) return f64x2.splat(p);
  return i32x4.splat(intBound(p));
}

@inline function unaryRow<T>(op: i32, a: usize, sa: isize, o: usize, so: isize, n: i32, p: f64, q: f64): void {
  const SH = alignof<T>();
  let i = 0;
  if (sa == 0) {
    // A broadcast input (copy_ from an expanded source): one value for the whole row.
    let v = scalarOp<T>(op, load<T>(a), p, q);
    for (; i < n; i++) store<T>(o + (<usize>(<isize>i * so) << SH), v);
    return;
  }
  if (hasVector<T>(op) && sa == 1 && so == 1) {
    const L = lanes<T>();
    let vp = splatParam<T>(p), vq = splatParam<T>(q);
    // Four vectors per step: a long polynomial's four chains overlap instead of waiting on each other.
    for (; i + 4 * L <= n; i += 4 * L) {
      let pa = a + (<usize>i << SH), po = o + (<usize>i << SH);
      let x0 = v128.load(pa), x1 = v128.load(pa, 16), x2 = v128.load(pa, 32), x3 = v128.load(pa, 48);
      v128.store(po, vectorOp<T>(op, x0, vp, vq));
      v128.store(po, vectorOp<T>(op, x1, vp, vq), 16);
      v128.store(po, vectorOp<T>(op, x2, vp, vq), 32);
      v128.store(po, vectorOp<T>(op, x3, vp, vq), 48);
    }
    for (; i + L <= n; i += L) {
      let off = <usize>i << SH;
      v128.store(o + off, vectorOp<T>(op, v128.load(a + off), vp, vq));
    }
  }
  for (; i < n; i++) {
    let x = load<T>(a + (<usize>(<isize>i * sa) << SH));
    store<T>(o + (<usize>(<isize>i * so) << SH), scalarOp<T>(op, x, p, q));
  }
}

/** Applies `op` over a meta block with operands (out, a). Returns the far-argument count of float64 sin/cos. */
@inline export function unary<T>(op: i32, a: usize, o: usize, meta: usize, p: f64, q: f64): i32 {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  farTrig = 0;
  if (n == 0 || outerCount(meta) == 0) return 0;
  if (ndim == 1) {
    unaryRow<T>(op, a, sa, o, so, n, p, q);
    return farTrig;
  }
  resetCounters(ndim);
  do {
    unaryRow<T>(op, a + (<usize>rowOffset(meta, 1) << SH), sa, o + (<usize>rowOffset(meta, 0) << SH), so, n, p, q);
  } while (nextRow(meta));
  return farTrig;
}

/** Converts between element types over a meta block with operands (out, a). */
@inline export function cast<TI, TO>(a: usize, o: usize, meta: usize): void {
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  resetCounters(ndim);
  do {
    let pa = a + (<usize>rowOffset(meta, 1) << alignof<TI>());
    let po = o + (<usize>rowOffset(meta, 0) << alignof<TO>());
    for (let i = 0; i < n; i++) {
      let x = load<TI>(pa + (<usize>(<isize>i * sa) << alignof<TI>()));
      let y: TO;
      if (sizeof<TO>() == 1) y = <TO>(x != 0); // to bool; NaN is true
      else if (isInteger<TO>() && isFloat<TI>()) y = <TO>(<i32><f64>x); // truncation; saturating (nontrapping-f2i), NaN -> 0
      else y = <TO>x;
      store<TO>(po + (<usize>(<isize>i * so) << alignof<TO>()), y);
    }
  } while (ndim > 1 && nextRow(meta));
}

/** Writes `v` to every element of a meta block with one operand (out). Bool stores 0 or 1. */
@inline export function fill<T>(o: usize, meta: usize, v: f64): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  let x: T;
  if (sizeof<T>() == 1) x = <T>(v != 0);
  else if (isInteger<T>()) x = <T>(<i32>v);
  else x = <T>v;
  resetCounters(ndim);
  do {
    let po = o + (<usize>rowOffset(meta, 0) << SH);
    let i = 0;
    if (so == 1) {
      let vx: v128;
      if (sizeof<T>() == 1) vx = i8x16.splat(<i8>x);
      else if (isFloat<T>() && sizeof<T>() == 4) vx = f32x4.splat(<f32>x);
      else if (isFloat<T>()) vx = f64x2.splat(<f64>x);
      else vx = i32x4.splat(<i32>x);
      const L = 16 / sizeof<T>();
      for (; i + L <= n; i += L) v128.store(po + (<usize>i << SH), vx);
    }
    for (; i < n; i++) store<T>(po + (<usize>(<isize>i * so) << SH), x);
  } while (ndim > 1 && nextRow(meta));
}
