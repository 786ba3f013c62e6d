// softmax, log_softmax and logsumexp over one dim (and the exclusive products
// that prod's gradient needs, over the same layout).
//
// The input is viewed as [outer, D, inner] with element strides (sO, sD, sI)
// (the JS side coalesces the dims before and after `dim`, copying first when
// they do not coalesce). Outputs are contiguous: [outer, D, inner] for
// softmax/log_softmax, [outer, inner] for logsumexp.
//
// Per (outer, inner) lane, as PyTorch: m = max over D (NaN wins);
//   softmax      e_d = exp(x_d - m),  out_d = e_d * (1 / sum e)
//   log_softmax  out_d = (x_d - m) - log(sum exp(x_d - m))
//   logsumexp    m' = (|m| == inf ? 0 : m),  log(sum exp(x_d - m')) + m'
// so a row of -inf gives NaN from softmax and -inf from logsumexp, like
// PyTorch. Sums of exponentials accumulate in f64.
//
// Paths: a contiguous row when inner == 1 (SIMD along D); a contiguous inner
// dim streamed in chunks of columns (SIMD across lanes, which are independent
// rows); else scalar.

import { MAX, rowExt } from "./extremum";
import { exp4, expf32, logf32 } from "./math";
import { lanes } from "./simd";
import { elem } from "./strided";
import { expT, logT } from "./tmath";

export const SOFTMAX = 0;
export const LOG_SOFTMAX = 1;
export const LOGSUMEXP = 2;
export const PROD_EXCLUSIVE = 3;

/** exp of each lane: the SIMD exp of kernels/math.ts for f32x4 (bit-identical to expf32), per lane for f64x2. */
@inline function vexp<T>(v: v128): v128 {
  if (sizeof<T>() == 4) return exp4(v);
  let r = f64x2.splat(Math.exp(f64x2.extract_lane(v, 0)));
  return f64x2.replace_lane(r, 1, Math.exp(f64x2.extract_lane(v, 1)));
}

/** Adds the lanes of v (f32x4 or f64x2) into f64 lane sums lo (lanes 0-1) and hi (lanes 2-3). */
@inline function accLo<T>(lo: v128, v: v128): v128 {
  return sizeof<T>() == 4 ? f64x2.add(lo, f64x2.promote_low_f32x4(v)) : f64x2.add(lo, v);
}


@inline function accHi<T>(hi: v128, v: v128): v128 {
  return sizeof<T>() == 4 ? f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))) : hi;
}

/** The kind's result for one row (or lane) given its max m and sum of exponentials. */
@inline function finishScalar<T>(kind: i32, x: T, m: T, lse: T, scale: T): T {
  if (kind == SOFTMAX) return x * scale; // x is the stored exponential
  return x - m - lse; // log_softmax
}

/** What a row's exponentials are taken from: its max, or 0 for logsumexp when the max is infinite. */
@inline function shiftOf<T>(kind: i32, m: T): T {
  return kind == LOGSUMEXP && abs<T>(m) == <T>Infinity ? <T>0 : m;
}

/** logsumexp of one row (or lane) from its sum of exponentials and their shift. */
@inline function storeLse<T>(q: usize, sum: f64, shift: T): void {
  store<T>(q, logT<T>(<T>sum) + shift);
}

/** One contiguous row of D elements (inner == 1, sD == 1). */
@inline function row<T>(kind: i32, p: usize, q: usize, D: i32): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  // pass 1: the max
  let m = rowExt<T>(MAX, p, D, 1, <T>-Infinity);
  let shift = shiftOf<T>(kind, m);
  // pass 2: the exponentials (kept in the output for softmax) and their sum
  let vm = v128.splat<T>(shift);
  let lo = f64x2.splat(0),
    hi = lo;
  let i = 0;
  for (; i + L <= D; i += L) {
    let e = vexp<T>(v128.sub<T>(v128.load(p + ((<usize>i) << SH)), vm));
    if (kind == SOFTMAX) v128.store(q + ((<usize>i) << SH), e);
    lo = accLo<T>(lo, e);
    hi = accHi<T>(hi, e);
  }
  let t = f64x2.add(lo, hi);
  let sum = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < D; i++) {
    let e = expT<T>(load<T>(p + ((<usize>i) << SH)) - shift);
    if (kind == SOFTMAX) store<T>(q + ((<usize>i) << SH), e);
    sum += <f64>e;
  }
  if (kind == LOGSUMEXP) return storeLse<T>(q, sum, shift);
  // pass 3: scale (softmax) or shift (log_softmax)
  let scale = <T>1 / <T>sum;
  let lse = logT<T>(<T>sum);
  let vs = v128.splat<T>(kind == SOFTMAX ? scale : lse);
  i = 0;
  for (; i + L <= D; i += L) {
    let r = q + ((<usize>i) << SH);
    if (kind == SOFTMAX) v128.store(r, v128.mul<T>(v128.load(r), vs));
    else v128.store(r, v128.sub<T>(v128.sub<T>(v128.load(p + ((<usize>i) << SH)), vm), vs));
  }
  for (; i < D; i++) {
    let r = q + ((<usize>i) << SH);
    let x = kind == SOFTMAX ? load<T>(r) : load<T>(p + ((<usize>i) << SH));
    store<T>(r, finishScalar<T>(kind, x, m, lse, scale));
  }
}

/** Columns per chunk of the lane path; its buffers hold one chunk. */
const CHUNK: i32 = 512;
const maxBuf: usize = memory.data(CHUNK * 8, 16);
const sumBuf: usize = memory.data(CHUNK * 8, 16);
const finBuf: usize = memory.data(CHUNK * 8, 16);

/**
 * w contiguous lanes (a chunk of a contiguous inner dim): rows p + d*sD,
 * outputs q + d*qD. Each pass streams the D rows of the chunk through
 * per-column buffers (max, f64 sum, then 1/sum or log(sum)), so memory is
 * read in contiguous runs rather than down columns.
 */
@inline function columns<T>(kind: i32, p: usize, sD: isize, q: usize, qD: isize, D: i32, w: i32): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  let wv = w & ~(L - 1);
  let ninf = v128.splat<T>(<T>-Infinity);
  for (let k = 0; k < wv; k += L) v128.store(maxBuf + ((<usize>k) << SH), ninf);
  for (let k = wv; k < w; k++) store<T>(maxBuf + ((<usize>k) << SH), <T>-Infinity);
  for (let d = 0; d < D; d++) {
    let r = elem<T>(p, d, sD);
    for (let k = 0; k < wv; k += L) {
      let off = (<usize>k) << SH;
      v128.store(maxBuf + off, v128.max<T>(v128.load(maxBuf + off), v128.load(r + off)));
    }
    for (let k = wv; k < w; k++) {
      let off = (<usize>k) << SH;
      store<T>(maxBuf + off, max<T>(load<T>(maxBuf + off), load<T>(r + off)));
    }
  }
  // logsumexp shifts by 0 where the max is infinite (PyTorch masks it so).
  if (kind == LOGSUMEXP) {
    for (let k = 0; k < w; k++) {
      let off = (<usize>k) << SH;
      if (abs<T>(load<T>(maxBuf + off)) == <T>Infinity) store<T>(maxBuf + off, 0);
    }
  }
  memory.fill(sumBuf, 0, (<usize>w) << 3);
  for (let d = 0; d < D; d++) {
    let r = elem<T>(p, d, sD);
    let out = elem<T>(q, d, qD);
    for (let k = 0; k < wv; k += L) {
      let off = (<usize>k) << SH;
      let e = vexp<T>(v128.sub<T>(v128.load(r + off), v128.load(maxBuf + off)));
      if (kind == SOFTMAX) v128.store(out + off, e);
      let sp = sumBuf + ((<usize>k) << 3);
      v128.store(sp, accLo<T>(v128.load(sp), e));
      if (sizeof<T>() == 4) v128.store(sp, accHi<T>(v128.load(sp, 16), e), 16);
    }
    for (let k = wv; k < w; k++) {
      let off = (<usize>k) << SH;
      let e = expT<T>(load<T>(r + off) - load<T>(maxBuf + off));
      if (kind == SOFTMAX) store<T>(out + off, e);
      let sp = sumBuf + ((<usize>k) << 3);
      store<f64>(sp, load<f64>(sp) + <f64>e);
    }
  }
  for (let k = 0; k < w; k++) {
    let sum = <T>load<f64>(sumBuf + ((<usize>k) << 3));
    let off = (<usize>k) << SH;
    if (kind == LOGSUMEXP) store<T>(q + off, logT<T>(sum) + load<T>(maxBuf + off));
    else store<T>(finBuf + off, kind == SOFTMAX ? <T>1 / sum : logT<T>(sum));
  }
  if (kind == LOGSUMEXP) return;
  for (let d = 0; d < D; d++) {
    let r = elem<T>(p, d, sD);
    let out = elem<T>(q, d, qD);
    for (let k = 0; k < wv; k += L) {
      let off = (<usize>k) << SH;
      let f = v128.load(finBuf + off);
      if (kind == SOFTMAX) v128.store(out + off, v128.mul<T>(v128.load(out + off), f));
      else v128.store(out + off, v128.sub<T>(v128.sub<T>(v128.load(r + off), v128.load(maxBuf + off)), f));
    }
    for (let k = wv; k < w; k++) {
      let off = (<usize>k) << SH;
      let f = load<T>(finBuf + off);
      if (kind == SOFTMAX) store<T>(out + off, load<T>(out + off) * f);
      else store<T>(out + off, load<T>(r + off) - load<T>(maxBuf + off) - f);
    }
  }
}

/** One lane of any stride: elements p + d*sD, outputs q + d*qD. */
@inline function scalarLane<T>(kind: i32, p: usize, sD: isize, q: usize, qD: isize, D: i32): void {
  let m: T = <T>-Infinity;
  for (let d = 0; d < D; d++) m = max<T>(m, load<T>(elem<T>(p, d, sD)));
  let shift = shiftOf<T>(kind, m);
  let sum: f64 = 0;
  for (let d = 0; d < D; d++) {
    let e = expT<T>(load<T>(elem<T>(p, d, sD)) - shift);
    if (kind == SOFTMAX) store<T>(elem<T>(q, d, qD), e);
    sum += <f64>e;
  }
  if (kind == LOGSUMEXP) return storeLse<T>(q, sum, shift);
  let scale = <T>1 / <T>sum;
  let lse = logT<T>(<T>sum);
  for (let d = 0; d < D; d++) {
    let r = elem<T>(q, d, qD);
    let x = kind == SOFTMAX ? load<T>(r) : load<T>(elem<T>(p, d, sD));
    store<T>(r, finishScalar<T>(kind, x, m, lse, scale));
  }
}

/**
 * Exclusive products along one lane (elements p + d*sD, outputs q + d*qD):
 * out_d = (prod_{j<d} x_j) * (prod_{j>d} x_j), the gradient of prod. As
 * PyTorch's prod backward (two cumprods, accumulated in f64 and rounded to T,
 * then multiplied in T), so a zero or a NaN elsewhere in the slice gives the
 * same values here.
 */
@inline function prodLane<T>(p: usize, sD: isize, q: usize, qD: isize, D: i32): void {
  let acc: f64 = 1;
  for (let d = 0; d < D; d++) {
    store<T>(elem<T>(q, d, qD), <T>acc);
    acc *= <f64>load<T>(elem<T>(p, d, sD));
  }
  acc = 1;
  for (let d = D - 1; d >= 0; d--) {
    let r = elem<T>(q, d, qD);
    store<T>(r, load<T>(r) * <T>acc);
    acc *= <f64>load<T>(elem<T>(p, d, sD));
  }
}

/** Runs `kind` over every (outer, inner) lane; see the header for the layout. */
@inline export function softmax<T>(
  kind: i32,
  a: usize,
  o: usize,
  O: i32,
  D: i32,
  I: i32,
  sO: isize,
  sD: isize,
  sI: isize,
): void {
  const SH = alignof<T>();
  // Output strides: [O, D, I] contiguous, or [O, I] for logsumexp.
  let qO: isize = kind == LOGSUMEXP ? <isize>I : <isize>D * <isize>I;
  let qD: isize = kind == LOGSUMEXP ? 0 : <isize>I;
  for (let oi = 0; oi < O; oi++) {
    let p = elem<T>(a, oi, sO);
    let q = elem<T>(o, oi, qO);
    if (kind == PROD_EXCLUSIVE) {
      for (let i = 0; i < I; i++) prodLane<T>(elem<T>(p, i, sI), sD, q + ((<usize>i) << SH), qD, D);
      continue;
    }
    if (I == 1 && sD == 1) {
      row<T>(kind, p, q, D);
      continue;
    }
    if (sI == 1) {
      for (let i = 0; i < I; i += CHUNK)
        columns<T>(kind, p + ((<usize>i) << SH), sD, q + ((<usize>i) << SH), qD, D, min<i32>(CHUNK, I - i));
      continue;
    }
    for (let i = 0; i < I; i++) scalarLane<T>(kind, elem<T>(p, i, sI), sD, q + ((<usize>i) << SH), qD, D);
  }
}
