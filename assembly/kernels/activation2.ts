// The pointwise activations of nn.functional beyond gelu and silu, forward
// and backward, over strided operands described by a meta block
// (strided.ts): leaky_relu, elu (also selu and celu), softplus,
// hardsigmoid, hardswish, mish, logsigmoid, hardtanh, threshold,
// softshrink and hardshrink. Up to three f64 parameters p, q, r per op.
//
// Formulas follow PyTorch 1.13's CPU kernels (aten/src/ATen/native/cpu/
// Activation.cpp) and derivatives.yaml. float32 rows with unit strides run
// four lanes at a time; each lane does exactly what the scalar form does
// (the exp/log1p/tanh lanes of math.ts are the twins of its scalar
// f32 functions), so a result never depends on where an element falls.
// float64 is scalar.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem, metaNdim, outerCount, resetCounters } from "./strided";
import * as M from "./math";
import { expT, log1pT, tanhT } from "./tmath";

export const LEAKY_RELU = 0; // p = negative slope
export const ELU = 1; // p = alpha * scale, q = scale, r = input_scale
export const SOFTPLUS = 2; // p = beta, q = threshold
export const HARDSIGMOID = 3;
export const HARDSWISH = 4;
export const MISH = 5;
export const LOG_SIGMOID = 6;
export const HARDTANH = 7; // p = min_val, q = max_val
export const THRESHOLD = 8; // p = threshold, q = value
export const SOFTSHRINK = 9; // p = lambd
export const HARDSHRINK = 10; // p = lambd
/** elu's backward from its result (the in-place forms save the result, not the input). */
export const ELU_RESULT = 11;

/** The forward of `op` on one element. */
@inline function forwardOp<T>(op: i32, x: T, p: T, q: T, r: T): T {
  if (op == LEAKY_RELU) return x > <T>0 ? x : x * p;
  // exp - 1 as PyTorch 1.13 writes it (so elu(-0) is +0), not expm1
  if (op == ELU) return x <= <T>0 ? (expT<T>(x * r) - <T>1) * p : x * q;
  if (op == SOFTPLUS) {
    let bx = x * p;
    return bx > q ? x : log1pT<T>(expT<T>(bx)) / p;
  }
  if (op == HARDSIGMOID) return min<T>(max<T>(x + <T>3, <T>0), <T>6) / <T>6;
  if (op == HARDSWISH) return (x * min<T>(max<T>(x + <T>3, <T>0), <T>6)) / <T>6;
  if (op == MISH) return x * tanhT<T>(log1pT<T>(expT<T>(x)));
  if (op == LOG_SIGMOID) return min<T>(x, <T>0) - log1pT<T>(expT<T>(-abs<T>(x)));
  if (op == HARDTANH) return x < p ? p : x > q ? q : x; // NaN passes through
  if (op == THRESHOLD) return x <= p ? q : x;
  if (op == SOFTSHRINK) return x > p ? x - p : x < -p ? x + p : <T>0;
  return x >= -p && x <= p ? <T>0 : x; // HARDSHRINK
}

/** The grad w.r.t. the input of `op` on one element (x is the result for ELU_RESULT). */
@inline function backwardOp<T>(op: i32, g: T, x: T, p: T, q: T, r: T): T {
  if (op == LEAKY_RELU) return x > <T>0 ? g : g * p;
  if (op == ELU) return x <= <T>0 ? g * r * p * expT<T>(x * r) : g * q;
  if (op == ELU_RESULT) return x <= <T>0 ? g * r * (x + p) : g * q;
  if (op == SOFTPLUS) {
    let z = expT<T>(x * p);
    return x * p > q ? g : (g * z) / (z + <T>1);
  }
  if (op == HARDSIGMOID) return x > <T>-3 && x < <T>3 ? g / <T>6 : <T>0;
  if (op == HARDSWISH) return x < <T>-3 ? <T>0 : x <= <T>3 ? g * (x / <T>3 + <T>0.5) : g;
  if (op == MISH) {
    let s = <T>1 / (<T>1 + expT<T>(-x));
    let t = tanhT<T>(log1pT<T>(expT<T>(x)));
    return g * (t + x * s * (<T>1 - t * t));
  }
  if (op == LOG_SIGMOID) {
    // buffer b = exp(-|x|): x < 0 ? 1 - b / (1 + b) : b / (1 + b)
    let b = expT<T>(-abs<T>(x));
    let f = b / (<T>1 + b);
    return g * (x < <T>0 ? <T>1 - f : f);
  }
  if (op == HARDTANH) return x <= p || x >= q ? <T>0 : g;
  if (op == THRESHOLD) return x <= p ? <T>0 : g;
  return x >= -p && x <= p ? <T>0 : g; // SOFTSHRINK, HARDSHRINK
}


@inline function splat(v: f32): v128 {
  return f32x4.splat(v);
}

/** select(a where m, else b) lane-wise. */
@inline function sel(m: v128, a: v128, b: v128): v128 {
  return v128.bitselect(a, b, m);
}

/** forwardOp<f32> on four lanes. */
@inline function forward4(op: i32, x: v128, p: v128, q: v128, r: v128): v128 {
  let z = splat(0);
  if (op == LEAKY_RELU) return sel(f32x4.gt(x, z), x, f32x4.mul(x, p));
  if (op == ELU)
    return sel(f32x4.le(x, z), f32x4.mul(f32x4.sub(M.exp4(f32x4.mul(x, r)), splat(1)), p), f32x4.mul(x, q));
  if (op == SOFTPLUS) {
    let bx = f32x4.mul(x, p);
    return sel(f32x4.gt(bx, q), x, f32x4.div(M.log1p4(M.exp4(bx)), p));
  }
  if (op == HARDSIGMOID || op == HARDSWISH) {
    // max then min as the scalar's max<T>/min<T> (NaN propagates through both)
    let c = f32x4.min(f32x4.max(f32x4.add(x, splat(3)), z), splat(6));
    return f32x4.div(op == HARDSWISH ? f32x4.mul(x, c) : c, splat(6));
  }
  if (op == MISH) return f32x4.mul(x, M.tanh4(M.log1p4(M.exp4(x))));
  if (op == LOG_SIGMOID) return f32x4.sub(f32x4.min(x, z), M.log1p4(M.exp4(f32x4.neg(f32x4.abs(x)))));
  if (op == HARDTANH) return sel(f32x4.lt(x, p), p, sel(f32x4.gt(x, q), q, x));
  if (op == THRESHOLD) return sel(f32x4.le(x, p), q, x);
  let np = f32x4.neg(p);
  if (op == SOFTSHRINK) return sel(f32x4.gt(x, p), f32x4.sub(x, p), sel(f32x4.lt(x, np), f32x4.add(x, p), z));
  return sel(v128.and(f32x4.ge(x, np), f32x4.le(x, p)), z, x); // HARDSHRINK
}

/** backwardOp<f32> on four lanes. */
@inline function backward4(op: i32, g: v128, x: v128, p: v128, q: v128, r: v128): v128 {
  let z = splat(0),
    one = splat(1);
  if (op == LEAKY_RELU) return sel(f32x4.gt(x, z), g, f32x4.mul(g, p));
  if (op == ELU) {
    let e = M.exp4(f32x4.mul(x, r));
    return sel(f32x4.le(x, z), f32x4.mul(f32x4.mul(f32x4.mul(g, r), p), e), f32x4.mul(g, q));
  }
  if (op == ELU_RESULT) return sel(f32x4.le(x, z), f32x4.mul(f32x4.mul(g, r), f32x4.add(x, p)), f32x4.mul(g, q));
  if (op == SOFTPLUS) {
    let bx = f32x4.mul(x, p);
    let e = M.exp4(bx);
    return sel(f32x4.gt(bx, q), g, f32x4.div(f32x4.mul(g, e), f32x4.add(e, one)));
  }
  if (op == HARDSIGMOID) {
    let inside = v128.and(f32x4.gt(x, splat(-3)), f32x4.lt(x, splat(3)));
    return sel(inside, f32x4.div(g, splat(6)), z);
  }
  if (op == HARDSWISH) {
    let mid = f32x4.mul(g, f32x4.add(f32x4.div(x, splat(3)), splat(0.5)));
    return sel(f32x4.lt(x, splat(-3)), z, sel(f32x4.le(x, splat(3)), mid, g));
  }
  if (op == MISH) {
    let s = f32x4.div(one, f32x4.add(one, M.exp4(f32x4.neg(x))));
    let t = M.tanh4(M.log1p4(M.exp4(x)));
    let d = f32x4.add(t, f32x4.mul(f32x4.mul(x, s), f32x4.sub(one, f32x4.mul(t, t))));
    return f32x4.mul(g, d);
  }
  if (op == LOG_SIGMOID) {
    let b = M.exp4(f32x4.neg(f32x4.abs(x)));
    let f = f32x4.div(b, f32x4.add(one, b));
    return f32x4.mul(g, sel(f32x4.lt(x, z), f32x4.sub(one, f), f));
  }
  if (op == HARDTANH) return sel(v128.or(f32x4.le(x, p), f32x4.ge(x, q)), z, g);
  if (op == THRESHOLD) return sel(f32x4.le(x, p), z, g);
  return sel(v128.and(f32x4.ge(x, f32x4.neg(p)), f32x4.le(x, p)), z, g); // SOFTSHRINK, HARDSHRINK
}

/**
 * One row: out = op(x) when G is void (the forward), else out = d op(x)/dx * g
 * with g of type G = T. The direction is a type, not an argument, so that each
 * kernel compiles only its own direction's code.
 */
@inline function row<T, G>(
  op: i32,
  g: usize,
  sg: isize,
  a: usize,
  sa: isize,
  o: usize,
  so: isize,
  n: i32,
  p: f64,
  q: f64,
  r: f64,
): void {
  const BACK = !isVoid<G>();
  let i = 0;
  if (sizeof<T>() == 4 && (!BACK || sg == 1) && sa == 1 && so == 1) {
    let vp = f32x4.splat(<f32>p),
      vq = f32x4.splat(<f32>q),
      vr = f32x4.splat(<f32>r);
    for (; i + 4 <= n; i += 4) {
      let off = (<usize>i) << 2;
      let x = v128.load(a + off);
      v128.store(o + off, BACK ? backward4(op, v128.load(g + off), x, vp, vq, vr) : forward4(op, x, vp, vq, vr));
    }
  }
  for (; i < n; i++) {
    let x = load<T>(elem<T>(a, i, sa));
    let y = BACK
      ? backwardOp<T>(op, load<T>(elem<T>(g, i, sg)), x, <T>p, <T>q, <T>r)
      : forwardOp<T>(op, x, <T>p, <T>q, <T>r);
    store<T>(elem<T>(o, i, so), y);
  }
}

/** Walks a meta block with operands (out, x), or (out, g, x) in the backward (G = T). */
@inline function walk<T, G>(op: i32, g: usize, x: usize, o: usize, meta: usize, p: f64, q: f64, r: f64): void {
  const BACK = !isVoid<G>();
  const X = BACK ? 2 : 1;
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sg: isize = BACK ? rowStride(meta, 1) : 0;
  let sx = rowStride(meta, X);
  if (n == 0 || outerCount(meta) == 0) return;
  if (metaNdim(meta) == 1) {
    row<T, G>(op, g, sg, x, sx, o, so, n, p, q, r);
    return;
  }
  resetCounters(metaNdim(meta));
  do {
    let pg: usize = BACK ? rowPtr<T>(g, meta, 1) : 0;
    row<T, G>(op, pg, sg, rowPtr<T>(x, meta, X), sx, rowPtr<T>(o, meta, 0), so, n, p, q, r);
  } while (nextRow(meta));
}

/** out = op(x) elementwise. Operands (out, x). */
@inline export function activation2<T>(op: i32, x: usize, o: usize, meta: usize, p: f64, q: f64, r: f64): void {
  walk<T, void>(op, 0, x, o, meta, p, q, r);
}

/** out = d op(x)/dx * g elementwise. Operands (out, g, x). */
@inline export function activation2Backward<T>(
  op: i32,
  g: usize,
  x: usize,
  o: usize,
  meta: usize,
  p: f64,
  q: f64,
  r: f64,
): void {
  walk<T, T>(op, g, x, o, meta, p, q, r);
}
