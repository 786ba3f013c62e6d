// The N-d walker shared by every elementwise kernel.
//
// The JS side describes an op by a small i32 block ("meta") in the scratch
// area: ndim, then the shape, then one stride row per operand (in elements;
// 0 where an operand is broadcast). It has already merged dims that are
// contiguous in every operand, so most calls arrive as ndim == 1.
//
//   meta[0]                 ndim (>= 1)
//   meta[1]                 number of operands k (output first)
//   meta[2 .. 2+ndim)       shape
//   meta[2+ndim*(1+j) ..]   strides of operand j (j = 0 is the output)
//
// The walker calls a row function over the innermost dim and advances the
// outer dims with a counter, so per-element work stays in tight loops.

import { counters } from "./scratch";

/** Scratch area the JS side writes meta blocks into (see src/wasm/abi.ts). */
export const SCRATCH_BYTES: i32 = 64 * 1024;
export const scratch: usize = memory.data(SCRATCH_BYTES, 16);

// The counters for the outer dims (PyTorch allows at most 64 dims) are the
// calling thread's own: `counters` in scratch.ts.

@inline export function metaNdim(meta: usize): i32 {
  return load<i32>(meta);
}


@inline export function metaShape(meta: usize, d: i32): i32 {
  return load<i32>(meta + ((2 + <usize>d) << 2));
}


@inline export function metaStride(meta: usize, operand: i32, d: i32): i32 {
  let ndim = load<i32>(meta);
  return load<i32>(meta + ((2 + <usize>(ndim * (1 + operand) + d)) << 2));
}

/**
 * Number of rows (product of all but the innermost dim) of a meta block.
 * Returns 0 for empty tensors.
 */
export function outerCount(meta: usize): i32 {
  let ndim = metaNdim(meta);
  let n = 1;
  for (let d = 0; d < ndim - 1; d++) n *= metaShape(meta, d);
  return n;
}

/** Elements in a row (the innermost dim). */
@inline export function rowLength(meta: usize): i32 {
  return metaShape(meta, metaNdim(meta) - 1);
}

/** Operand `j`'s element stride along a row. */
@inline export function rowStride(meta: usize, j: i32): isize {
  return <isize>metaStride(meta, j, metaNdim(meta) - 1);
}

/** Sets the outer-dim counters to the first row. */
@inline export function resetCounters(ndim: i32): void {
  memory.fill(counters, 0, <usize>(ndim << 2));
}

/** Sets the counters to the first row; false when the block has no element. */
@inline export function firstRow(meta: usize): bool {
  let ndim = metaNdim(meta);
  if (metaShape(meta, ndim - 1) == 0 || outerCount(meta) == 0) return false;
  resetCounters(ndim);
  return true;
}

/**
 * Advances the counters at `idx` over dims [0, last] of the i32 shape at
 * `shape` (the last dim fastest); false, with the counters back at 0, after
 * the last position.
 */
@inline export function odometer(idx: usize, last: i32, shape: usize): bool {
  for (let d = last; d >= 0; d--) {
    let p = idx + ((<usize>d) << 2);
    let c = load<i32>(p) + 1;
    if (c < load<i32>(shape + ((<usize>d) << 2))) {
      store<i32>(p, c);
      return true;
    }
    store<i32>(p, 0);
  }
  return false;
}

/** Moves to the next row (also when ndim is 1); returns false after the last one. */
@inline export function nextRow(meta: usize): bool {
  return odometer(counters, metaNdim(meta) - 2, meta + 8);
}

/** Element offset of operand `j` at the current row. */
@inline export function rowOffset(meta: usize, j: i32): isize {
  let ndim = metaNdim(meta);
  let off: isize = 0;
  for (let d = 0; d < ndim - 1; d++) {
    off += <isize>load<i32>(counters + ((<usize>d) << 2)) * <isize>metaStride(meta, j, d);
  }
  return off;
}

/** Address of operand `j`'s first element in the current row, `base` being its element 0. */
@inline export function rowPtr<T>(base: usize, meta: usize, j: i32): usize {
  return base + ((<usize>rowOffset(meta, j)) << alignof<T>());
}

/** Address of element `i` of a row at `p` whose elements are `stride` elements apart. */
@inline export function elem<T>(p: usize, i: isize, stride: isize): usize {
  return p + ((<usize>(i * stride)) << alignof<T>());
}

/** Writes x to every element of a meta block with one operand (out). */
@inline export function fillRows<T>(o: usize, meta: usize, x: T): void {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  if (!firstRow(meta)) return;
  do {
    let po = rowPtr<T>(o, meta, 0);
    let i = 0;
    if (so == 1) {
      let vx = v128.splat<T>(x);
      for (; i + 16 / sizeof<T>() <= n; i += 16 / sizeof<T>()) v128.store(po + ((<usize>i) << alignof<T>()), vx);
    }
    for (; i < n; i++) store<T>(elem<T>(po, i, so), x);
  } while (nextRow(meta));
}
