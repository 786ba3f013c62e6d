// max/min over any dims of a strided input: values (amax, max()), and/or the
// row-major index within the block of the first extremum (max(dim), argmax).
// NaN is the extremum when present and its first position is the index, as
// in PyTorch. Blocks are never empty (the JS side raises PyTorch's error).
// Walker and paths: see reduceWalk.ts.

import { accBuf, accBuf2, begin, blockAt, CHUNK, firstRow, innerN, innerS, nextOut, nextRow } from "./reduceWalk";
import { outAt, outerFits, outNdim, outOff, outShape, rowAt, simd } from "./reduceWalk";
import { lanes } from "./simd";
import { elem } from "./strided";

export const MAX = 2;
export const MIN = 3;

/** Lane-wise max/min; the float forms propagate NaN, as torch.max does. */
@inline function vext<T>(op: i32, a: v128, b: v128): v128 {
  if (isInteger<T>() && sizeof<T>() == 8) {
    // i64x2 has no min/max: a compare and a select.
    return v128.bitselect(b, a, op == MAX ? i64x2.lt_s(a, b) : i64x2.lt_s(b, a));
  }
  return op == MAX ? v128.max<T>(a, b) : v128.min<T>(a, b);
}


@inline function ext<T>(op: i32, a: T, b: T): T {
  if (isFloat<T>()) return op == MAX ? max<T>(a, b) : min<T>(a, b); // wasm max/min propagate NaN
  return op == MAX ? (a > b ? a : b) : a < b ? a : b;
}

/** Whether x replaces best in a first-wins scan: strictly better, or the first NaN. */
@inline function better<T>(op: i32, x: T, best: T): bool {
  if (isFloat<T>() && x != x) return best == best;
  return op == MAX ? x > best : x < best;
}

/** The same test on four lanes of f32 or i32, as a mask. */
@inline function vbetter<T>(op: i32, x: v128, best: v128): v128 {
  if (isFloat<T>()) {
    let strict = op == MAX ? f32x4.gt(x, best) : f32x4.lt(x, best);
    return v128.or(strict, v128.and(f32x4.ne(x, x), f32x4.eq(best, best)));
  }
  return op == MAX ? i32x4.gt_s(x, best) : i32x4.lt_s(x, best);
}

/** The identity of max/min: every value (NaN included) replaces it. */
@inline function identity<T>(op: i32): T {
  if (isFloat<T>()) return op == MAX ? <T>-Infinity : <T>Infinity;
  if (sizeof<T>() == 1) return op == MAX ? <T>0 : <T>1;
  if (sizeof<T>() == 8) return op == MAX ? <T>i64.MIN_VALUE : <T>i64.MAX_VALUE;
  return op == MAX ? <T>i32.MIN_VALUE : <T>i32.MAX_VALUE;
}

/** The extremum of a vector's lanes. */
@inline function hext<T>(op: i32, v: v128): T {
  if (isFloat<T>() && sizeof<T>() == 8) return <T>ext<f64>(op, f64x2.extract_lane(v, 0), f64x2.extract_lane(v, 1));
  if (isFloat<T>()) {
    let a = ext<f32>(op, f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1));
    let b = ext<f32>(op, f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3));
    return <T>ext<f32>(op, a, b);
  }
  if (sizeof<T>() == 8) return <T>ext<i64>(op, i64x2.extract_lane(v, 0), i64x2.extract_lane(v, 1));
  let a = ext<i32>(op, i32x4.extract_lane(v, 0), i32x4.extract_lane(v, 1));
  let b = ext<i32>(op, i32x4.extract_lane(v, 2), i32x4.extract_lane(v, 3));
  return <T>ext<i32>(op, a, b);
}

/** max/min of `acc` and a row (NaN wins). */
@inline export function rowExt<T>(op: i32, p: usize, n: i32, s: isize, acc: T): T {
  const SH = alignof<T>();
  let i = 0;
  if (simd<T>()) {
    const L = lanes<T>();
    if (s == 1 && n >= 4 * L) {
      let v = v128.splat<T>(acc),
        a0 = v,
        a1 = v,
        a2 = v,
        a3 = v;
      for (; i + 4 * L <= n; i += 4 * L) {
        let q = p + ((<usize>i) << SH);
        a0 = vext<T>(op, a0, v128.load(q));
        a1 = vext<T>(op, a1, v128.load(q, 16));
        a2 = vext<T>(op, a2, v128.load(q, 32));
        a3 = vext<T>(op, a3, v128.load(q, 48));
      }
      acc = hext<T>(op, vext<T>(op, vext<T>(op, a0, a1), vext<T>(op, a2, a3)));
    }
  }
  for (; i < n; i++) acc = ext<T>(op, acc, load<T>(elem<T>(p, i, s)));
  return acc;
}

/** Index of the first element equal to v (the first NaN when v is NaN), or -1. */
@inline function rowFind<T>(p: usize, n: i32, s: isize, v: T): i32 {
  const SH = alignof<T>();
  let nan = isFloat<T>() && v != v;
  let i = 0;
  if (simd<T>() && s == 1) {
    const L = lanes<T>();
    let vv = v128.splat<T>(v);
    for (; i + L <= n; i += L) {
      let x = v128.load(p + ((<usize>i) << SH));
      let hit: v128;
      if (isFloat<T>() && sizeof<T>() == 8) hit = nan ? f64x2.ne(x, x) : f64x2.eq(x, vv);
      else if (isFloat<T>()) hit = nan ? f32x4.ne(x, x) : f32x4.eq(x, vv);
      else if (sizeof<T>() == 8) hit = i64x2.eq(x, vv);
      else hit = i32x4.eq(x, vv);
      if (v128.any_true(hit)) break; // the scalar loop below finds the lane
    }
  }
  for (; i < n; i++) {
    let x = load<T>(elem<T>(p, i, s));
    if (nan ? x != x : x == v) return i;
  }
  return -1;
}

/** Extrema of each block into `o` and/or first indices into `idx` (either may be 0). */
@inline export function extremum<T>(op: i32, a: usize, o: usize, idx: usize, meta: usize): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  if (simd<T>()) {
    if (outerFits<T>()) {
      if (idx == 0) extremumOuter<T>(op, a, o);
      else argOuter<T>(op, a, o, idx);
      return;
    }
  }
  let n = innerN(),
    s = innerS();
  do {
    let p0 = blockAt<T>(a);
    let best = identity<T>(op);
    firstRow();
    do best = rowExt<T>(op, rowAt<T>(p0), n, s, best);
    while (nextRow());
    let off = outOff();
    if (idx != 0) {
      // A second pass finds where; the value is re-read there, so a tie of
      // -0 and +0 reports the first one, as PyTorch's sequential scan does.
      let pos = 0,
        at = 0;
      firstRow();
      do {
        let p = rowAt<T>(p0);
        let j = rowFind<T>(p, n, s, best);
        if (j >= 0) {
          at = pos + j;
          best = load<T>(elem<T>(p, j, s));
          break;
        }
        pos += n;
      } while (nextRow());
      store<i32>(idx + ((<usize>off) << 2), at);
    }
    if (o != 0) store<T>(o + ((<usize>off) << SH), best);
  } while (nextOut(outNdim()));
}

/** The outer path for values: rows streamed CHUNK columns at a time through lane-wise max/min. */
@inline function extremumOuter<T>(op: i32, a: usize, o: usize): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  let last = outNdim() - 1;
  let I = outShape(last);
  let n = innerN(),
    s = innerS();
  let init = v128.splat<T>(identity<T>(op));
  let buf = accBuf; // a local: V8 reloads a global in every iteration
  do {
    let pi = blockAt<T>(a),
      po = outAt<T>(o);
    for (let c = 0; c < I; c += CHUNK) {
      let w = min<i32>(CHUNK, I - c);
      let q0 = pi + ((<usize>c) << SH);
      let k = 0;
      for (; k + L <= w; k += L) v128.store(buf + ((<usize>k) << SH), init);
      for (; k < w; k++) store<T>(buf + ((<usize>k) << SH), identity<T>(op));
      firstRow();
      do {
        let q = rowAt<T>(q0);
        for (let j = 0; j < n; j++) {
          let src = elem<T>(q, j, s);
          k = 0;
          for (; k + L <= w; k += L) {
            let off = (<usize>k) << SH;
            v128.store(buf + off, vext<T>(op, v128.load(buf + off), v128.load(src + off)));
          }
          for (; k < w; k++) {
            let off = (<usize>k) << SH;
            store<T>(buf + off, ext<T>(op, load<T>(buf + off), load<T>(src + off)));
          }
        }
      } while (nextRow());
      memory.copy(po + ((<usize>c) << SH), buf, (<usize>w) << SH);
    }
  } while (nextOut(last));
}

/**
 * The outer path with indices: per column, the best value so far and its
 * position, updated row by row (first wins; lane-wise selects for 4-byte
 * types, scalar for f64).
 */
@inline function argOuter<T>(op: i32, a: usize, o: usize, idx: usize): void {
  const SH = alignof<T>();
  const VEC = sizeof<T>() == 4;
  let last = outNdim() - 1;
  let I = outShape(last);
  let n = innerN(),
    s = innerS();
  let buf = accBuf,
    idxBuf = accBuf2; // locals: V8 reloads a global in every iteration
  do {
    let pi = blockAt<T>(a);
    let oo = outOff();
    for (let c = 0; c < I; c += CHUNK) {
      let w = min<i32>(CHUNK, I - c);
      let q0 = pi + ((<usize>c) << SH);
      for (let k = 0; k < w; k++) store<T>(buf + ((<usize>k) << SH), identity<T>(op));
      memory.fill(idxBuf, 0, (<usize>w) << 2);
      let pos = 0;
      firstRow();
      do {
        let q = rowAt<T>(q0);
        for (let j = 0; j < n; j++, pos++) {
          let src = elem<T>(q, j, s);
          let k = 0;
          if (VEC) {
            let vpos = i32x4.splat(pos);
            for (; k + 4 <= w; k += 4) {
              let off = (<usize>k) << 2;
              let x = v128.load(src + off),
                b = v128.load(buf + off);
              let m = vbetter<T>(op, x, b);
              v128.store(buf + off, v128.bitselect(x, b, m));
              v128.store(idxBuf + off, v128.bitselect(vpos, v128.load(idxBuf + off), m));
            }
          }
          for (; k < w; k++) {
            let x = load<T>(src + ((<usize>k) << SH));
            if (better<T>(op, x, load<T>(buf + ((<usize>k) << SH)))) {
              store<T>(buf + ((<usize>k) << SH), x);
              store<i32>(idxBuf + ((<usize>k) << 2), pos);
            }
          }
        }
      } while (nextRow());
      if (o != 0) memory.copy(o + ((<usize>(oo + c)) << SH), buf, (<usize>w) << SH);
      memory.copy(idx + ((<usize>(oo + c)) << 2), idxBuf, (<usize>w) << 2);
    }
  } while (nextOut(last));
}
