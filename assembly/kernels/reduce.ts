// sum (and mean), prod, var/std and vector norms over any dims of a strided
// input; the walker and the meta block are described in reduceWalk.ts,
// max/min in extremum.ts.
//
// Summation order and accuracy. float32 sums keep f32 partial sums over
// short runs and add the runs in f64: along a contiguous row, 4 f32x4
// accumulators (16 lanes) each add at most 32 elements (512 per run); in the
// outer path each column adds at most 32 rows per run. A partial sum carries
// at most ~31 roundings, so the error stays near 32 * 2^-24 * sum|x| however
// long the reduction; PyTorch's cascade sum is O(log n) * 2^-24 * sum|x|.
// Both agree to float32 tolerance and neither degrades like a naive float32
// loop (n * 2^-24). float64 sums keep 8 interleaved partial sums; int32 sums
// wrap, which equals PyTorch's int64 sum truncated to int32. prod, var and
// norms accumulate floats in f64 (SIMD lanes along contiguous rows).

import { accBuf, accBuf2, begin, blockAt, blockSize, CHUNK, firstRow, flush32, hsum32, innerN } from "./reduceWalk";
import { innerS, nextOut, nextRow, outAt, outerFits, outNdim, outShape, rowAt, simd } from "./reduceWalk";
import { lanes } from "./simd";
import { elem } from "./strided";

/** Elementwise accumulations in f64 lanes along a row (see rowAcc). */
const PROD = 0;
const SQUARES = 1;
const ABS = 2;
const DEVIATIONS = 3;

export const NORM_2 = 0;
export const NORM_1 = 1;
export const NORM_INF = 2;
export const NORM_NEG_INF = 3;
export const NORM_0 = 4;
export const NORM_P = 5;

// ---- rows -------------------------------------------------------------------------

/**
 * The lane-wise sum of the first n & ~(4 * lanes - 1) elements at p, in four
 * accumulators (each takes every fourth vector) added as (a0 + a1) + (a2 + a3).
 */
@inline function vsum4<T>(p: usize, n: i32): v128 {
  const L = lanes<T>();
  let a0 = v128.splat<T>(0),
    a1 = a0,
    a2 = a0,
    a3 = a0;
  for (let i = 0; i + 4 * L <= n; i += 4 * L) {
    let q = p + ((<usize>i) << alignof<T>());
    a0 = v128.add<T>(a0, v128.load(q));
    a1 = v128.add<T>(a1, v128.load(q, 16));
    a2 = v128.add<T>(a2, v128.load(q, 32));
    a3 = v128.add<T>(a3, v128.load(q, 48));
  }
  return v128.add<T>(v128.add<T>(a0, a1), v128.add<T>(a2, a3));
}

/** Sum of a float row of n elements at element stride s, in f64 (see the accuracy note). */
@inline function rowSumF<T>(p: usize, n: i32, s: isize): f64 {
  let acc: f64 = 0;
  let i = 0;
  if (s == 1) {
    if (sizeof<T>() == 4) {
      while (n - i >= 16) {
        let stop = i + min<i32>(512, (n - i) & ~15);
        let a0 = f32x4.splat(0),
          a1 = a0,
          a2 = a0,
          a3 = a0;
        for (; i < stop; i += 16) {
          let q = p + ((<usize>i) << 2);
          a0 = f32x4.add(a0, v128.load(q));
          a1 = f32x4.add(a1, v128.load(q, 16));
          a2 = f32x4.add(a2, v128.load(q, 32));
          a3 = f32x4.add(a3, v128.load(q, 48));
        }
        acc += hsum32(a0) + hsum32(a1) + (hsum32(a2) + hsum32(a3));
      }
    } else {
      let t = vsum4<f64>(p, n);
      i = n & ~7;
      acc = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
    }
  }
  for (; i < n; i++) acc += <f64>load<T>(elem<T>(p, i, s));
  return acc;
}

/** Wrapping sum of an int32 or int64 row, in T. */
@inline function rowSumI<T>(p: usize, n: i32, s: isize): T {
  let acc: T = 0;
  let i = 0;
  if (s == 1 && sizeof<T>() == 4) {
    let t = vsum4<i32>(p, n);
    i = n & ~15;
    acc = <T>(
      (i32x4.extract_lane(t, 0) + i32x4.extract_lane(t, 1) + i32x4.extract_lane(t, 2) + i32x4.extract_lane(t, 3))
    );
  } else if (s == 1 && sizeof<T>() == 8) {
    let t = vsum4<i64>(p, n);
    i = n & ~7;
    acc = <T>(i64x2.extract_lane(t, 0) + i64x2.extract_lane(t, 1));
  }
  for (; i < n; i++) acc += load<T>(elem<T>(p, i, s));
  return acc;
}


@inline function step64(kind: i32, acc: v128, x: v128, m: v128): v128 {
  if (kind == PROD) return f64x2.mul(acc, x);
  if (kind == SQUARES) return f64x2.add(acc, f64x2.mul(x, x));
  if (kind == ABS) return f64x2.add(acc, f64x2.abs(x));
  let d = f64x2.sub(x, m);
  return f64x2.add(acc, f64x2.mul(d, d));
}


@inline function step(kind: i32, acc: f64, x: f64, m: f64): f64 {
  if (kind == PROD) return acc * x;
  if (kind == SQUARES) return acc + x * x;
  if (kind == ABS) return acc + Math.abs(x);
  let d = x - m;
  return acc + d * d;
}

/**
 * Folds a float row into `acc` in f64: products, squares, absolute values
 * or squared deviations from `m`. Contiguous rows use 4 f64x2 lanes, which
 * only reorders the (f64) operations.
 */
@inline function rowAcc<T>(kind: i32, p: usize, n: i32, s: isize, acc: f64, m: f64): f64 {
  let i = 0;
  if (s == 1 && n >= 8) {
    let init = f64x2.splat(kind == PROD ? 1 : 0),
      vm = f64x2.splat(m);
    let a0 = init,
      a1 = init,
      a2 = init,
      a3 = init;
    if (sizeof<T>() == 4) {
      for (; i + 8 <= n; i += 8) {
        let q = p + ((<usize>i) << 2);
        let u = v128.load(q),
          v = v128.load(q, 16);
        a0 = step64(kind, a0, f64x2.promote_low_f32x4(u), vm);
        a1 = step64(kind, a1, f64x2.promote_low_f32x4(v128.shuffle<f32>(u, u, 2, 3, 0, 1)), vm);
        a2 = step64(kind, a2, f64x2.promote_low_f32x4(v), vm);
        a3 = step64(kind, a3, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), vm);
      }
    } else {
      for (; i + 8 <= n; i += 8) {
        let q = p + ((<usize>i) << 3);
        a0 = step64(kind, a0, v128.load(q), vm);
        a1 = step64(kind, a1, v128.load(q, 16), vm);
        a2 = step64(kind, a2, v128.load(q, 32), vm);
        a3 = step64(kind, a3, v128.load(q, 48), vm);
      }
    }
    let t =
      kind == PROD ? f64x2.mul(f64x2.mul(a0, a1), f64x2.mul(a2, a3)) : f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
    let h =
      kind == PROD
        ? f64x2.extract_lane(t, 0) * f64x2.extract_lane(t, 1)
        : f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
    acc = kind == PROD ? acc * h : acc + h;
  }
  for (; i < n; i++) acc = step(kind, acc, <f64>load<T>(elem<T>(p, i, s)), m);
  return acc;
}

/** `acc` folded over every row of the current block with rowAcc. */
@inline function blockAcc<T>(kind: i32, p0: usize, acc: f64, m: f64): f64 {
  let n = innerN(),
    s = innerS();
  firstRow();
  do acc = rowAcc<T>(kind, rowAt<T>(p0), n, s, acc, m);
  while (nextRow());
  return acc;
}

// ---- sum and mean ------------------------------------------------------------------

/** Sum of each block, divided by `div` for floats (mean passes the count). */
@inline export function sum<T>(a: usize, o: usize, meta: usize, div: f64): void {
  if (!begin(meta)) return;
  if (simd<T>()) {
    if (outerFits<T>()) {
      sumOuter<T>(a, o, div);
      return;
    }
  }
  let n = innerN(),
    s = innerS();
  do {
    let p0 = blockAt<T>(a);
    let r: T;
    if (isFloat<T>()) {
      let acc: f64 = 0;
      if (blockSize() > 0) {
        firstRow();
        do acc += rowSumF<T>(rowAt<T>(p0), n, s);
        while (nextRow());
      }
      r = <T>(acc / div);
    } else {
      let acc: T = 0;
      if (blockSize() > 0) {
        firstRow();
        do acc += rowSumI<T>(rowAt<T>(p0), n, s);
        while (nextRow());
      }
      r = acc;
    }
    store<T>(outAt<T>(o), r);
  } while (nextOut(outNdim()));
}

/** dst[0..w) += src[0..w) lane-wise (T = f32 into f32 partials, f64, or wrapping i32). */
@inline function addRow<T>(dst: usize, src: usize, w: i32): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  let k = 0;
  for (; k + L <= w; k += L) {
    let off = (<usize>k) << SH;
    v128.store(dst + off, v128.add<T>(v128.load(dst + off), v128.load(src + off)));
  }
  for (; k < w; k++) {
    let off = (<usize>k) << SH;
    store<T>(dst + off, load<T>(dst + off) + load<T>(src + off));
  }
}

/** Adds the float32 partial sums of a chunk into its f64 sums and clears them. */
@inline function flushChunk(w: i32): void {
  let k = 0;
  for (; k + 4 <= w; k += 4) flush32(accBuf + ((<usize>k) << 3), v128.load(accBuf2 + ((<usize>k) << 2)));
  for (; k < w; k++) {
    let p = accBuf + ((<usize>k) << 3);
    store<f64>(p, load<f64>(p) + <f64>load<f32>(accBuf2 + ((<usize>k) << 2)));
  }
  memory.fill(accBuf2, 0, (<usize>w) << 2);
}

/**
 * The outer path of sum: the block's rows are streamed through CHUNK columns
 * at a time (contiguous reads, unlike a column walk), into float32 partials
 * flushed to f64 every 32 rows (f32), or straight into the sums (f64, i32).
 */
@inline function sumOuter<T>(a: usize, o: usize, div: f64): void {
  const SH = alignof<T>();
  const F32 = isFloat<T>() && sizeof<T>() == 4;
  let last = outNdim() - 1;
  let I = outShape(last);
  let n = innerN(),
    s = innerS();
  do {
    let pi = blockAt<T>(a),
      po = outAt<T>(o);
    for (let c = 0; c < I; c += CHUNK) {
      let w = min<i32>(CHUNK, I - c);
      let q0 = pi + ((<usize>c) << SH);
      memory.fill(accBuf, 0, (<usize>w) << 3);
      if (F32) memory.fill(accBuf2, 0, (<usize>w) << 2);
      let run = 0;
      firstRow();
      do {
        let q = rowAt<T>(q0);
        for (let j = 0; j < n; j++) {
          let src = elem<T>(q, j, s);
          if (F32) {
            addRow<f32>(accBuf2, src, w);
            if (++run == 32) {
              flushChunk(w);
              run = 0;
            }
          } else addRow<T>(accBuf, src, w);
        }
      } while (nextRow());
      let dst = po + ((<usize>c) << SH);
      if (F32) {
        flushChunk(w);
        for (let k = 0; k < w; k++)
          store<f32>(dst + ((<usize>k) << 2), <f32>(load<f64>(accBuf + ((<usize>k) << 3)) / div));
      } else if (isFloat<T>()) {
        for (let k = 0; k < w; k++) store<f64>(dst + ((<usize>k) << 3), load<f64>(accBuf + ((<usize>k) << 3)) / div);
      } else memory.copy(dst, accBuf, (<usize>w) << SH);
    }
  } while (nextOut(last));
}

// ---- prod, var, norm ------------------------------------------------------------------

/** Product of each block (floats in f64; integers wrap in T). */
@inline export function prod<T>(a: usize, o: usize, meta: usize): void {
  if (!begin(meta)) return;
  do {
    let p0 = blockAt<T>(a);
    let r: T = 1;
    if (blockSize() > 0) {
      if (isFloat<T>()) r = <T>blockAcc<T>(PROD, p0, 1, 0);
      else {
        let acc: T = 1;
        firstRow();
        do {
          let p = rowAt<T>(p0);
          for (let j = 0, n = innerN(); j < n; j++) acc *= load<T>(elem<T>(p, j, innerS()));
        } while (nextRow());
        r = acc;
      }
    }
    store<T>(outAt<T>(o), r);
  } while (nextOut(outNdim()));
}

/**
 * var (or std when `root`) of each block with Bessel's correction
 * `correction`: two passes in f64 (the mean, then squared deviations), as
 * accurate as PyTorch's f64 Welford. n <= correction divides by 0 (inf or
 * NaN), as PyTorch does.
 */
@inline export function variance<T>(a: usize, o: usize, meta: usize, correction: f64, root: bool): void {
  if (!begin(meta)) return;
  let n = innerN(),
    s = innerS();
  let count = <f64>blockSize();
  do {
    let p0 = blockAt<T>(a);
    let m2: f64 = 0;
    if (blockSize() > 0) {
      let total: f64 = 0;
      firstRow();
      do total += rowSumF<T>(rowAt<T>(p0), n, s);
      while (nextRow());
      m2 = blockAcc<T>(DEVIATIONS, p0, 0, total / count);
    }
    let r = m2 / max<f64>(0, count - correction);
    store<T>(outAt<T>(o), <T>(root ? Math.sqrt(r) : r));
  } while (nextOut(outNdim()));
}


@inline function normStep(kind: i32, acc: f64, x: f64, p: f64): f64 {
  if (kind == NORM_INF) return max<f64>(acc, Math.abs(x)); // NaN propagates
  if (kind == NORM_NEG_INF) return min<f64>(acc, Math.abs(x));
  if (kind == NORM_0) return acc + (x != 0 ? 1 : 0);
  return acc + Math.pow(Math.abs(x), p);
}

/** The vector p-norm of each block, in f64; an empty block has norm 0, as in PyTorch. */
@inline export function norm<T>(kind: i32, a: usize, o: usize, meta: usize, p: f64): void {
  if (!begin(meta)) return;
  do {
    let p0 = blockAt<T>(a);
    let acc: f64 = 0;
    if (blockSize() > 0) {
      if (kind == NORM_2) acc = Math.sqrt(blockAcc<T>(SQUARES, p0, 0, 0));
      else if (kind == NORM_1) acc = blockAcc<T>(ABS, p0, 0, 0);
      else {
        acc = kind == NORM_NEG_INF ? Infinity : 0;
        firstRow();
        do {
          let q = rowAt<T>(p0);
          for (let j = 0, n = innerN(); j < n; j++) acc = normStep(kind, acc, <f64>load<T>(elem<T>(q, j, innerS())), p);
        } while (nextRow());
        if (kind == NORM_P) acc = Math.pow(acc, 1 / p);
      }
    }
    store<T>(outAt<T>(o), <T>acc);
  } while (nextOut(outNdim()));
}
