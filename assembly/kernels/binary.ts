// Binary elementwise kernels over strided, broadcast operands.
//
// Each exported kernel (see exports/elementwise.ts) is `binary<T>(OP, ...)`
// with a constant OP: the @inline drivers below are specialised per op at
// compile time, so the `op == X` tests fold away and each loop holds one
// instruction.
//
// Row variants: all contiguous (SIMD), one side a broadcast scalar (SIMD with
// a splat), or general strides (scalar loop). A SIMD lane computes exactly
// what the scalar form computes.

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";

export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const MAXIMUM = 4;
export const MINIMUM = 5;
export const POW = 6;
export const REMAINDER = 7;
export const DIV_TRUNC = 8;
export const DIV_FLOOR = 9;

/** Set when an integer division or remainder met a zero divisor (PyTorch raises ZeroDivisionError). */
let zeroDivisor = false;

/** Lanes per v128 for element type T. */
@inline function lanes<T>(): i32 { return 16 / sizeof<T>(); }

/** PyTorch's div_floor for floating types: fmod-based, so it agrees with remainder(). */
@inline function divFloor<T>(a: T, b: T): T {
  if (b == 0) return a / b;
  let mod = a % b; // fmod
  let div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= <T>1;
  if (div == 0) return <T>copysign<T>(<T>0, a / b);
  let fl = <T>floor<T>(div);
  if (div - fl > <T>0.5) fl += <T>1;
  return fl;
}

@inline function scalarOp<T>(op: i32, a: T, b: T, s: T): T {
  if (op == ADD) return a + s * b;
  if (op == SUB) return a - s * b;
  if (op == MUL) return a * b;
  if (op == DIV) return a / b; // floats only; true division of integers runs in float
  if (op == MAXIMUM || op == MINIMUM) {
    // std::max/std::min order (a wins ties, so max(-0, 0) is -0); NaN propagates.
    if (isFloat<T>() && (a != a || b != b)) return a + b;
    if (op == MAXIMUM) return a < b ? b : a;
    return b < a ? b : a;
  }
  if (op == POW) {
    if (isFloat<T>()) return <T>Math.pow(<f64>a, <f64>b); // rounded once from double
    // Integer power by squaring; negative exponents give 0 except for |a| == 1 (PyTorch's rule).
    let base = a, e = b, r: T = 1;
    if (e < 0) return a == 1 ? 1 : a == -1 ? ((e & 1) ? -1 : 1) : 0;
    while (e > 0) {
      if (e & 1) r *= base;
      base *= base;
      e >>= 1;
    }
    return r;
  }
  if (op == REMAINDER) {
    // Python's modulo: the result takes the sign of the divisor.
    if (isInteger<T>() && b == 0) {
      zeroDivisor = true;
      return 0;
    }
    let m = a % b;
    if (m != 0 && (m < 0) != (b < 0)) m += b;
    return m;
  }
  if (op == DIV_TRUNC || op == DIV_FLOOR) {
    if (isFloat<T>()) return op == DIV_TRUNC ? <T>trunc<T>(a / b) : divFloor<T>(a, b);
    if (b == 0) {
      zeroDivisor = true;
      return 0;
    }
    if (b == -1) return -a; // wraps like C++ instead of trapping on INT_MIN / -1
    let quot = a / b;
    if (op == DIV_TRUNC) return quot;
    let rem = a % b;
    return rem != 0 && (rem < 0) != (b < 0) ? quot - 1 : quot;
  }
  return 0;
}

/** Whether `op` has a SIMD form for T. */
@inline function hasVector<T>(op: i32): bool {
  if (op == ADD || op == SUB || op == MUL || op == MAXIMUM || op == MINIMUM) return true;
  if (op == DIV || op == DIV_TRUNC) return isFloat<T>();
  return false;
}

/** a < b ? b : a (maximum) or b < a ? b : a (minimum) lane-wise, NaN in either lane giving NaN. */
@inline function extremum<T>(op: i32, a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) {
    let pick = op == MAXIMUM ? f32x4.lt(a, b) : f32x4.lt(b, a);
    let nan = v128.or(f32x4.ne(a, a), f32x4.ne(b, b));
    return v128.bitselect(f32x4.add(a, b), v128.bitselect(b, a, pick), nan);
  }
  let pick = op == MAXIMUM ? f64x2.lt(a, b) : f64x2.lt(b, a);
  let nan = v128.or(f64x2.ne(a, a), f64x2.ne(b, b));
  return v128.bitselect(f64x2.add(a, b), v128.bitselect(b, a, pick), nan);
}

@inline function vectorOp<T>(op: i32, a: v128, b: v128, s: v128): v128 {
  if (isFloat<T>() && sizeof<T>() == 4) {
    if (op == ADD) return f32x4.add(a, f32x4.mul(s, b));
    if (op == SUB) return f32x4.sub(a, f32x4.mul(s, b));
    if (op == MUL) return f32x4.mul(a, b);
    if (op == DIV) return f32x4.div(a, b);
    if (op == DIV_TRUNC) return f32x4.trunc(f32x4.div(a, b));
    if (op == MAXIMUM || op == MINIMUM) return extremum<T>(op, a, b);
  } else if (isFloat<T>()) {
    if (op == ADD) return f64x2.add(a, f64x2.mul(s, b));
    if (op == SUB) return f64x2.sub(a, f64x2.mul(s, b));
    if (op == MUL) return f64x2.mul(a, b);
    if (op == DIV) return f64x2.div(a, b);
    if (op == DIV_TRUNC) return f64x2.trunc(f64x2.div(a, b));
    if (op == MAXIMUM || op == MINIMUM) return extremum<T>(op, a, b);
  } else {
    if (op == ADD) return i32x4.add(a, i32x4.mul(s, b));
    if (op == SUB) return i32x4.sub(a, i32x4.mul(s, b));
    if (op == MUL) return i32x4.mul(a, b);
    if (op == MAXIMUM) return i32x4.max_s(a, b);
    if (op == MINIMUM) return i32x4.min_s(a, b);
  }
  return a;
}

@inline function splat<T>(x: T): v128 {
  if (isFloat<T>() && sizeof<T>() == 4) return f32x4.splat(<f32>x);
  if (isFloat<T>()) return f64x2.splat(<f64>x);
  return i32x4.splat(<i32>x);
}

/** One row: n elements at element strides sa, sb, so. */
@inline function binaryRow<T>(op: i32, a: usize, sa: isize, b: usize, sb: isize, o: usize, so: isize, n: i32, s: T): void {
  const SH = alignof<T>();
  let i = 0;
  if (hasVector<T>(op) && so == 1) {
    const L = lanes<T>();
    let vs = splat<T>(s);
    if (sa == 1 && sb == 1) {
      for (; i + 4 * L <= n; i += 4 * L) {
        let off = <usize>i << SH;
        let pa = a + off, pb = b + off, po = o + off;
        let a0 = v128.load(pa), a1 = v128.load(pa, 16), a2 = v128.load(pa, 32), a3 = v128.load(pa, 48);
        let b0 = v128.load(pb), b1 = v128.load(pb, 16), b2 = v128.load(pb, 32), b3 = v128.load(pb, 48);
        v128.store(po, vectorOp<T>(op, a0, b0, vs));
        v128.store(po, vectorOp<T>(op, a1, b1, vs), 16);
        v128.store(po, vectorOp<T>(op, a2, b2, vs), 32);
        v128.store(po, vectorOp<T>(op, a3, b3, vs), 48);
      }
      for (; i + L <= n; i += L) {
        let off = <usize>i << SH;
        v128.store(o + off, vectorOp<T>(op, v128.load(a + off), v128.load(b + off), vs));
      }
    } else if (sa == 0 && sb == 1) {
      let va = splat<T>(load<T>(a));
      for (; i + L <= n; i += L) {
        let off = <usize>i << SH;
        v128.store(o + off, vectorOp<T>(op, va, v128.load(b + off), vs));
      }
    } else if (sa == 1 && sb == 0) {
      let vb = splat<T>(load<T>(b));
      for (; i + L <= n; i += L) {
        let off = <usize>i << SH;
        v128.store(o + off, vectorOp<T>(op, v128.load(a + off), vb, vs));
      }
    }
  }
  for (; i < n; i++) {
    let x = load<T>(a + (<usize>(<isize>i * sa) << SH));
    let y = load<T>(b + (<usize>(<isize>i * sb) << SH));
    store<T>(o + (<usize>(<isize>i * so) << SH), scalarOp<T>(op, x, y, s));
  }
}

/**
 * Applies `op` over a meta block with operands (out, a, b). `s` is alpha for
 * add/sub. Returns 1 when an integer division or remainder met a zero divisor.
 */
@inline export function binary<T>(op: i32, a: usize, b: usize, o: usize, meta: usize, s: T): i32 {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  let sb = <isize>metaStride(meta, 2, ndim - 1);
  zeroDivisor = false;
  if (n == 0 || outerCount(meta) == 0) return 0;
  if (ndim == 1) {
    binaryRow<T>(op, a, sa, b, sb, o, so, n, s);
    return <i32>zeroDivisor;
  }
  resetCounters(ndim);
  do {
    binaryRow<T>(op,
      a + (<usize>rowOffset(meta, 1) << SH), sa,
      b + (<usize>rowOffset(meta, 2) << SH), sb,
      o + (<usize>rowOffset(meta, 0) << SH), so, n, s);
  } while (nextRow(meta));
  return <i32>zeroDivisor;
}
