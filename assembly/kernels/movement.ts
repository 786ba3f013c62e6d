// Index-driven movement: gather (also index_select) and scatter_add (also
// index_add, the backward of both), and scatter with the other reductions
// (copy for scatter / index_copy / index_fill, mul, amax, amin). cat and stack need no kernel of their
// own: the JS side copies each input into a view of the output with copy_*.
//
// Both drivers walk a meta block (see strided.ts) over the *index's* shape
// with three operands:
//
//   gather       0 out   1 index   2 self, with stride 0 along `dim`
//   scatter_add  0 out, with stride 0 along `dim`   1 index   2 src
//
// The indexed operand gets `index * dimStride` added to its offset, so the
// walk never needs to know which of its (merged) dims is `dim`. index_select
// and index_add pass the 1-D index expanded (stride 0) to the walked shape;
// then a whole row shares one index and is moved as a block.
//
// Bad indices are reported, never followed: a driver returns 0 when every
// index was in [0, dimSize), else the first offending index, which is never
// in that range (the JS side tests `r < 0 || r >= dimSize`; with dimSize == 0
// every index is out of range, and the first one is returned).

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { lanes } from "./simd";


@inline function inRange(i: i32, size: i32): bool {
  return <u32>i < <u32>size; // one compare catches negatives too
}

/** out[k] = self[k + index[k] * dimStride] over one row of n elements. */
@inline function gatherRow<T>(
  self: usize,
  ss: isize,
  idx: usize,
  si: isize,
  out: usize,
  so: isize,
  n: i32,
  dimStride: isize,
  dimSize: i32,
): i32 {
  const SH = alignof<T>();
  if (si == 0) {
    let i = load<i32>(idx);
    if (!inRange(i, dimSize)) return i;
    let src = elem<T>(self, i, dimStride);
    if (ss == 1 && so == 1) {
      memory.copy(out, src, (<usize>n) << SH);
      return 0;
    }
    for (let k = 0; k < n; k++) {
      store<T>(elem<T>(out, k, so), load<T>(elem<T>(src, k, ss)));
    }
    return 0;
  }
  for (let k = 0; k < n; k++) {
    let i = load<i32>(idx + ((<usize>(<isize>k * si)) << 2));
    if (!inRange(i, dimSize)) return i;
    let src = self + ((<usize>(<isize>k * ss + <isize>i * dimStride)) << SH);
    store<T>(elem<T>(out, k, so), load<T>(src));
  }
  return 0;
}

// Scatter reductions: how a scattered value meets the one already there.
export const SCATTER_ADD = 0;
export const SCATTER_COPY = 1;
export const SCATTER_MUL = 2;
export const SCATTER_AMAX = 3;
export const SCATTER_AMIN = 4;

/** `a` combined with the scattered `b` by reduction `op` (a NaN in `b` wins amax / amin, as PyTorch's). */
@inline function combine<T>(op: i32, a: T, b: T): T {
  if (op == SCATTER_COPY) return b;
  if (op == SCATTER_MUL) return a * b;
  if (op == SCATTER_AMAX) return b != b || a < b ? b : a;
  if (op == SCATTER_AMIN) return b != b || b < a ? b : a;
  return a + b;
}

/** out[k + index[k] * dimStride] op= src[k] over one row of n elements, in order. */
@inline function scatterRow<T>(
  op: i32,
  out: usize,
  so: isize,
  idx: usize,
  si: isize,
  src: usize,
  ss: isize,
  n: i32,
  dimStride: isize,
  dimSize: i32,
): i32 {
  const SH = alignof<T>();
  let k = 0;
  if (si == 0) {
    let i = load<i32>(idx);
    if (!inRange(i, dimSize)) return i;
    let dst = elem<T>(out, i, dimStride);
    if (op == SCATTER_ADD && so == 1 && ss == 1) {
      const L = lanes<T>();
      for (; k + L <= n; k += L) {
        let off = (<usize>k) << SH;
        v128.store(dst + off, v128.add<T>(v128.load(dst + off), v128.load(src + off)));
      }
    }
    for (; k < n; k++) {
      let p = elem<T>(dst, k, so);
      store<T>(p, combine<T>(op, load<T>(p), load<T>(elem<T>(src, k, ss))));
    }
    return 0;
  }
  for (; k < n; k++) {
    let i = load<i32>(idx + ((<usize>(<isize>k * si)) << 2));
    if (!inRange(i, dimSize)) return i;
    let p = out + ((<usize>(<isize>k * so + <isize>i * dimStride)) << SH);
    store<T>(p, combine<T>(op, load<T>(p), load<T>(elem<T>(src, k, ss))));
  }
  return 0;
}

/** The driver of both kernels: SCATTER selects the row function, `op` the reduction, at compile time. */
@inline function walk<T>(
  scatter: bool,
  op: i32,
  a: usize,
  idx: usize,
  b: usize,
  meta: usize,
  dimStride: i32,
  dimSize: i32,
): i32 {
  let n = rowLength(meta);
  if (!firstRow(meta)) return 0;
  if (dimSize == 0) return load<i32>(idx); // every index is out of range: report the first
  let s0 = rowStride(meta, 0);
  let si = rowStride(meta, 1);
  let s2 = rowStride(meta, 2);
  let ds = <isize>dimStride;
  do {
    let o = rowPtr<T>(a, meta, 0);
    let x = rowPtr<i32>(idx, meta, 1);
    let y = rowPtr<T>(b, meta, 2);
    let r = scatter
      ? scatterRow<T>(op, o, s0, x, si, y, s2, n, ds, dimSize)
      : gatherRow<T>(y, s2, x, si, o, s0, n, ds, dimSize);
    if (r != 0) return r;
  } while (nextRow(meta));
  return 0;
}

/** out = self gathered along a dim by `idx` (gather, index_select). Returns 0 or the first bad index. */
@inline export function gather<T>(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 {
  return walk<T>(false, 0, out, idx, self, meta, dimStride, dimSize);
}

/**
 * out[.. index ..] op= src scattered along a dim by `idx` (scatter, scatter_add,
 * index_add, index_copy, index_fill, scatter_reduce; op is a SCATTER_*
 * constant). Returns 0 or the first bad index.
 */
@inline export function scatterReduce<T>(
  op: i32,
  src: usize,
  idx: usize,
  out: usize,
  meta: usize,
  dimStride: i32,
  dimSize: i32,
): i32 {
  return walk<T>(true, op, out, idx, src, meta, dimStride, dimSize);
}
