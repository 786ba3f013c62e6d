// Unary elementwise kernels over strided operands, same scheme as binary.ts:
// one @inline driver specialised per constant op by the exports in index.ts.
// `p` and `q` are op parameters (clamp bounds, the exponent of pow).

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";

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

@inline function lanes<T>(): i32 { return 16 / sizeof<T>(); }

@inline function scalarOp<T>(op: i32, x: T, p: f64, q: f64): T {
  if (op == COPY) return x;
  if (op == NEG) return -x;
  if (op == ABS) {
    if (isFloat<T>()) return <T>abs<T>(x);
    return x < 0 ? <T>-x : x;
  }
  if (op == SIGN) {
    if (isFloat<T>()) return x > 0 ? <T>1 : x < 0 ? <T>-1 : x; // keeps NaN and signed zero
    return x > 0 ? <T>1 : x < 0 ? <T>-1 : <T>0;
  }
  if (op == SQUARE) return x * x;
  if (op == FLOOR || op == CEIL || op == TRUNC || op == ROUND) {
    if (isInteger<T>()) return x;
    if (op == FLOOR) return <T>floor<T>(x);
    if (op == CEIL) return <T>ceil<T>(x);
    if (op == TRUNC) return <T>trunc<T>(x);
    return <T>nearest<T>(x); // round half to even, like torch.round
  }
  if (op == RELU) return x > 0 ? x : (isFloat<T>() && x != x ? x : <T>0);
  if (op == CLAMP) {
    if (isFloat<T>()) {
      // NaN in the input stays NaN; wasm min/max propagate it.
      return min<T>(max<T>(x, <T>p), <T>q);
    }
    let lo = <T>max<f64>(p, -2147483648.0), hi = <T>min<f64>(q, 2147483647.0);
    return x < lo ? lo : x > hi ? hi : x;
  }
  if (isFloat<T>()) {
    if (sizeof<T>() == 4) return <T>floatOp32(op, <f32>x, p, q);
    return <T>floatOp64(op, <f64>x, p, q);
  }
  return x;
}

@inline function floatOp32(op: i32, x: f32, p: f64, q: f64): f32 {
  if (op == SQRT) return Mathf.sqrt(x);
  if (op == RSQRT) return <f32>1 / Mathf.sqrt(x);
  if (op == EXP) return Mathf.exp(x);
  if (op == LOG) return Mathf.log(x);
  if (op == LOG1P) return Mathf.log1p(x);
  if (op == EXPM1) return Mathf.expm1(x);
  if (op == SIN) return Mathf.sin(x);
  if (op == COS) return Mathf.cos(x);
  if (op == TANH) return Mathf.tanh(x);
  if (op == SIGMOID) return <f32>1 / (<f32>1 + Mathf.exp(-x));
  if (op == RECIPROCAL) return <f32>1 / x;
  if (op == POW_SCALAR) return Mathf.pow(x, <f32>p);
  return x;
}

@inline function floatOp64(op: i32, x: f64, p: f64, q: f64): f64 {
  if (op == SQRT) return Math.sqrt(x);
  if (op == RSQRT) return 1 / Math.sqrt(x);
  if (op == EXP) return Math.exp(x);
  if (op == LOG) return Math.log(x);
  if (op == LOG1P) return Math.log1p(x);
  if (op == EXPM1) return Math.expm1(x);
  if (op == SIN) return Math.sin(x);
  if (op == COS) return Math.cos(x);
  if (op == TANH) return Math.tanh(x);
  if (op == SIGMOID) return 1 / (1 + Math.exp(-x));
  if (op == RECIPROCAL) return 1 / x;
  if (op == POW_SCALAR) return Math.pow(x, p);
  return x;
}

@inline function hasVector<T>(op: i32): bool {
  if (op == COPY || op == NEG || op == SQUARE) return true;
  if (isFloat<T>()) {
    return op == ABS || op == SQRT || op == RELU || op == CLAMP || op == RECIPROCAL ||
      op == FLOOR || op == CEIL || op == TRUNC || op == ROUND;
  }
  return op == ABS;
}

@inline function vectorOp<T>(op: i32, x: v128, p: v128, q: v128): v128 {
  if (op == COPY) return x;
  if (isFloat<T>() && sizeof<T>() == 4) {
    if (op == NEG) return f32x4.neg(x);
    if (op == ABS) return f32x4.abs(x);
    if (op == SQRT) return f32x4.sqrt(x);
    if (op == SQUARE) return f32x4.mul(x, x);
    if (op == RECIPROCAL) return f32x4.div(f32x4.splat(1), x);
    // relu: NaN > 0 is false, so select keeps NaN only through the explicit x != x lane test.
    if (op == RELU) return v128.bitselect(x, f32x4.splat(0), v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
    if (op == CLAMP) return f32x4.min(f32x4.max(x, p), q);
    if (op == FLOOR) return f32x4.floor(x);
    if (op == CEIL) return f32x4.ceil(x);
    if (op == TRUNC) return f32x4.trunc(x);
    if (op == ROUND) return f32x4.nearest(x);
  } else if (isFloat<T>()) {
    if (op == NEG) return f64x2.neg(x);
    if (op == ABS) return f64x2.abs(x);
    if (op == SQRT) return f64x2.sqrt(x);
    if (op == SQUARE) return f64x2.mul(x, x);
    if (op == RECIPROCAL) return f64x2.div(f64x2.splat(1), x);
    if (op == RELU) return v128.bitselect(x, f64x2.splat(0), v128.or(f64x2.gt(x, f64x2.splat(0)), f64x2.ne(x, x)));
    if (op == CLAMP) return f64x2.min(f64x2.max(x, p), q);
    if (op == FLOOR) return f64x2.floor(x);
    if (op == CEIL) return f64x2.ceil(x);
    if (op == TRUNC) return f64x2.trunc(x);
    if (op == ROUND) return f64x2.nearest(x);
  } else {
    if (op == NEG) return i32x4.neg(x);
    if (op == ABS) return i32x4.abs(x);
    if (op == SQUARE) return i32x4.mul(x, x);
  }
  return x;
}

@inline function splatParam<T>(p: f64): v128 {
  if (isFloat<T>() && sizeof<T>() == 4) return f32x4.splat(<f32>p);
  if (isFloat<T>()) return f64x2.splat(p);
  return i32x4.splat(<i32>p);
}

@inline function unaryRow<T>(op: i32, a: usize, sa: isize, o: usize, so: isize, n: i32, p: f64, q: f64): void {
  const SH = alignof<T>();
  let i = 0;
  if (hasVector<T>(op) && sa == 1 && so == 1) {
    const L = lanes<T>();
    let vp = splatParam<T>(p), vq = splatParam<T>(q);
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

/** Applies `op` over a meta block with operands (out, a). */
@inline export function unary<T>(op: i32, a: usize, o: usize, meta: usize, p: f64, q: f64): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  if (ndim == 1) {
    unaryRow<T>(op, a, sa, o, so, n, p, q);
    return;
  }
  resetCounters(ndim);
  do {
    unaryRow<T>(op, a + (<usize>rowOffset(meta, 1) << SH), sa, o + (<usize>rowOffset(meta, 0) << SH), so, n, p, q);
  } while (nextRow(meta));
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
      if (sizeof<TO>() == 1) y = <TO>(x != 0); // to bool
      else if (isInteger<TO>() && isFloat<TI>()) y = <TO>(<i32><f64>x); // truncation; saturating (nontrapping-f2i), NaN -> 0
      else y = <TO>x;
      store<TO>(po + (<usize>(<isize>i * so) << alignof<TO>()), y);
    }
  } while (ndim > 1 && nextRow(meta));
}

/** Writes `v` to every element of a meta block with one operand (out). */
@inline export function fill<T>(o: usize, meta: usize, v: f64): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  let x = <T>v;
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
