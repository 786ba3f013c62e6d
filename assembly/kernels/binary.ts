// Binary elementwise kernels over strided, broadcast operands.
//
// Each exported kernel (see assembly/index.ts) is `binary<T>(OP, ...)` with a
// constant OP: the @inline drivers below are specialised per op at compile
// time, so the `op == X` tests fold away and each loop holds one instruction.
//
// Row variants: all contiguous (SIMD), one side a broadcast scalar (SIMD with
// a splat), or general strides (scalar loop).

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";

export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const MAXIMUM = 4;
export const MINIMUM = 5;
export const POW = 6;
export const REMAINDER = 7;

/** Lanes per v128 for element type T. */
@inline function lanes<T>(): i32 { return 16 / sizeof<T>(); }

@inline function scalarOp<T>(op: i32, a: T, b: T, s: T): T {
  if (op == ADD) return a + s * b;
  if (op == SUB) return a - s * b;
  if (op == MUL) return a * b;
  if (op == DIV) {
    if (isInteger<T>()) return b == 0 ? 0 : <T>(a / b); // floor division lives in JS; unused for ints
    return a / b;
  }
  if (op == MAXIMUM) {
    if (isFloat<T>()) return a != a || b != b ? <T>NaN : max<T>(a, b);
    return a > b ? a : b;
  }
  if (op == MINIMUM) {
    if (isFloat<T>()) return a != a || b != b ? <T>NaN : min<T>(a, b);
    return a < b ? a : b;
  }
  if (op == POW) {
    if (isFloat<T>()) {
      if (sizeof<T>() == 4) return <T>Mathf.pow(<f32>a, <f32>b);
      return <T>Math.pow(<f64>a, <f64>b);
    }
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
    if (isFloat<T>()) {
      if (sizeof<T>() == 4) {
        let m = <f32>a % <f32>b;
        if (m != 0 && (m < 0) != (<f32>b < 0)) m += <f32>b;
        return <T>m;
      }
      let m = <f64>a % <f64>b;
      if (m != 0 && (m < 0) != (<f64>b < 0)) m += <f64>b;
      return <T>m;
    }
    if (b == 0) return 0;
    let m = a % b;
    if (m != 0 && (m < 0) != (b < 0)) m += b;
    return m;
  }
  return 0;
}

/** Whether `op` has a SIMD form for T. */
@inline function hasVector<T>(op: i32): bool {
  if (op == ADD || op == SUB || op == MUL) return true;
  if (op == DIV || op == MAXIMUM || op == MINIMUM) return isFloat<T>();
  return false;
}

@inline function vectorOp<T>(op: i32, a: v128, b: v128, s: v128): v128 {
  if (isFloat<T>() && sizeof<T>() == 4) {
    if (op == ADD) return f32x4.add(a, f32x4.mul(s, b));
    if (op == SUB) return f32x4.sub(a, f32x4.mul(s, b));
    if (op == MUL) return f32x4.mul(a, b);
    if (op == DIV) return f32x4.div(a, b);
    if (op == MAXIMUM) return f32x4.max(a, b); // wasm max propagates NaN, like torch.maximum
    if (op == MINIMUM) return f32x4.min(a, b);
  } else if (isFloat<T>()) {
    if (op == ADD) return f64x2.add(a, f64x2.mul(s, b));
    if (op == SUB) return f64x2.sub(a, f64x2.mul(s, b));
    if (op == MUL) return f64x2.mul(a, b);
    if (op == DIV) return f64x2.div(a, b);
    if (op == MAXIMUM) return f64x2.max(a, b);
    if (op == MINIMUM) return f64x2.min(a, b);
  } else {
    if (op == ADD) return i32x4.add(a, i32x4.mul(s, b));
    if (op == SUB) return i32x4.sub(a, i32x4.mul(s, b));
    if (op == MUL) return i32x4.mul(a, b);
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

/** Applies `op` over a meta block with operands (out, a, b). `s` is alpha for add/sub. */
@inline export function binary<T>(op: i32, a: usize, b: usize, o: usize, meta: usize, s: T): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  let sb = <isize>metaStride(meta, 2, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  if (ndim == 1) {
    binaryRow<T>(op, a, sa, b, sb, o, so, n, s);
    return;
  }
  resetCounters(ndim);
  do {
    binaryRow<T>(op,
      a + (<usize>rowOffset(meta, 1) << SH), sa,
      b + (<usize>rowOffset(meta, 2) << SH), sb,
      o + (<usize>rowOffset(meta, 0) << SH), so, n, s);
  } while (nextRow(meta));
}
