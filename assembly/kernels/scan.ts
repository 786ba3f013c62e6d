// Scans along one dim: cumsum, cumprod, logcumsumexp, and cummax / cummin
// with the index of each running extremum.
//
// The input is [outer, D, inner] with element strides (sO, sD, sI), laid out
// by the JS side as for kernels/softmax.ts; outputs (and indices) are
// contiguous [outer, D, inner].
//
// Floats accumulate in f64 and round each output to T: PyTorch's CPU scans
// accumulate in acc_type<T, false>, which is double for float, so a float32
// cumsum of 10^5 normal values is bit-identical to the float64 cumsum
// rounded (checked against torch 1.13). Integers accumulate in T (wrapping).
//
// Paths: an inner dim of 1 scans each row in order (the scan itself is a
// chain of dependent adds, no SIMD along it); a contiguous inner dim scans
// 4 columns at a time with two f64x2 accumulators (the columns are
// independent scans), then a scalar tail; anything else is scalar.

import { elem } from "./strided";

export const CUMSUM = 0;
export const CUMPROD = 1;
export const LOGCUMSUMEXP = 2;

/** PyTorch's _log_add_exp_helper(x, acc): NaN propagates; two equal infinities stay as they are. */
@inline function logAddExp(x: f64, acc: f64): f64 {
  if (isNaN(x) || isNaN(acc)) return NaN;
  let lo = min<f64>(x, acc),
    hi = max<f64>(x, acc);
  if (lo != hi || isFinite(lo)) return Math.log1p(Math.exp(lo - hi)) + hi;
  return x;
}


@inline function initial(kind: i32): f64 {
  return kind == CUMPROD ? 1 : kind == LOGCUMSUMEXP ? -Infinity : 0;
}


@inline function step(kind: i32, acc: f64, x: f64): f64 {
  if (kind == CUMSUM) return acc + x;
  if (kind == CUMPROD) return acc * x;
  return logAddExp(x, acc);
}

/** One scan of D elements at p (stride sD) into q (stride qD). */
@inline function scanRow<T>(kind: i32, p: usize, sD: isize, q: usize, qD: isize, D: i32): void {
  if (isFloat<T>()) {
    let acc = initial(kind);
    for (let d = 0; d < D; d++) {
      acc = step(kind, acc, <f64>load<T>(elem<T>(p, d, sD)));
      store<T>(elem<T>(q, d, qD), <T>acc);
    }
  } else {
    let acc: T = kind == CUMPROD ? <T>1 : <T>0;
    for (let d = 0; d < D; d++) {
      let x = load<T>(elem<T>(p, d, sD));
      acc = kind == CUMPROD ? acc * x : acc + x;
      store<T>(elem<T>(q, d, qD), acc);
    }
  }
}

/** Two lanes of T at r as f64x2 (lanes `half` * 2 and + 1 of an f32x4 load, or an f64x2 load). */
@inline function loadPair<T>(r: usize, half: i32): v128 {
  if (sizeof<T>() == 8) return v128.load(r, 0);
  let v = v128.load64_zero(r + ((<usize>half) << 3));
  return f64x2.promote_low_f32x4(v);
}


@inline function storePair<T>(r: usize, half: i32, v: v128): void {
  if (sizeof<T>() == 8) v128.store(r, v);
  else v128.store64_lane(r + ((<usize>half) << 3), f32x4.demote_f64x2_zero(v), 0);
}

/**
 * cumsum / cumprod of 4 adjacent columns (the inner dim contiguous): each
 * f64x2 lane is one column's accumulator, so every lane does what scanRow
 * does for its column.
 */
@inline function scanQuad<T>(kind: i32, p: usize, sD: isize, q: usize, qD: isize, D: i32): void {
  const SH = alignof<T>();
  let init = f64x2.splat(initial(kind));
  let a0 = init,
    a1 = init;
  let second = <usize>(2 << SH); // the byte offset of columns 2-3 when T is f64
  for (let d = 0; d < D; d++) {
    let r = elem<T>(p, d, sD),
      w = elem<T>(q, d, qD);
    let x0 = loadPair<T>(r, 0);
    let x1 = sizeof<T>() == 8 ? loadPair<T>(r + second, 0) : loadPair<T>(r, 1);
    if (kind == CUMSUM) {
      a0 = f64x2.add(a0, x0);
      a1 = f64x2.add(a1, x1);
    } else {
      a0 = f64x2.mul(a0, x0);
      a1 = f64x2.mul(a1, x1);
    }
    storePair<T>(w, 0, a0);
    if (sizeof<T>() == 8) storePair<T>(w + second, 0, a1);
    else storePair<T>(w, 1, a1);
  }
}

/** cumsum, cumprod or logcumsumexp of [O, D, I] (strides sO, sD, sI) into contiguous o. */
export function scan<T>(kind: i32, a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void {
  const SH = alignof<T>();
  let quads = isFloat<T>() && kind != LOGCUMSUMEXP && sI == 1 ? I & ~3 : 0;
  for (let k = 0; k < O; k++) {
    let p = elem<T>(a, k, sO);
    let q = o + ((<usize>k * <usize>D * <usize>I) << SH);
    let i = 0;
    for (; i < quads; i += 4) scanQuad<T>(kind, p + ((<usize>i) << SH), sD, q + ((<usize>i) << SH), I, D);
    for (; i < I; i++) scanRow<T>(kind, elem<T>(p, i, sI), sD, q + ((<usize>i) << SH), I, D);
  }
}

/**
 * cummax (isMax) or cummin of [O, D, I] into contiguous values o and int32
 * indices idx. As PyTorch: a tie moves the index to the later element
 * (>= / <=), a NaN becomes the running value and every later NaN takes
 * its index.
 */
export function cumExtremum<T>(
  isMax: bool,
  a: usize,
  o: usize,
  idx: usize,
  O: i32,
  D: i32,
  I: i32,
  sO: i32,
  sD: i32,
  sI: i32,
): void {
  const SH = alignof<T>();
  for (let k = 0; k < O; k++) {
    let p = elem<T>(a, k, sO);
    let base = <usize>k * <usize>D * <usize>I;
    for (let i = 0; i < I; i++) {
      let r = elem<T>(p, i, sI);
      let best = load<T>(r);
      let at = 0;
      for (let d = 0; d < D; d++) {
        let x = load<T>(elem<T>(r, d, sD));
        let take = isMax ? x >= best : x <= best;
        if (isFloat<T>()) take = take || x != x;
        if (take) {
          best = x;
          at = d;
        }
        let e = base + <usize>d * <usize>I + <usize>i;
        store<T>(o + (e << SH), best);
        store<i32>(idx + (e << 2), at);
      }
    }
  }
}
