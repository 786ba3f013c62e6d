// The walker shared by the reduction kernels (reduce.ts, extremum.ts), and
// their vector helpers.
//
// The JS side (src/ops/reduce.ts) splits the input's dims into kept dims (the
// output's shape) and reduced dims, coalesces each group, and writes:
//
//   meta[0]  outNdim (>= 1)      meta[1]  redNdim (>= 1)
//   outShape[outNdim]  inKeptStrides[outNdim]  outStrides[outNdim]
//   redShape[redNdim]  inRedStrides[redNdim]
//
// Each output element reduces the block of input elements its kept index
// selects. Blocks are walked in row-major order (argmax counts positions in
// it): the innermost reduced dim in a tight loop ("a row"), the others by an
// odometer. Three paths:
//   inner    the innermost reduced dim is contiguous: SIMD along each row
//            (sum(-1), and full reductions of contiguous data);
//   outer    the innermost kept dim is contiguous in input and output: the
//            block's rows are streamed through in chunks of CHUNK columns,
//            accumulated lane-wise in a buffer (sum(0) of a [batch, n]
//            gradient, which is how the engine undoes broadcasting);
//   generic  scalar, any strides.

import { outIdx, redIdx, accBuf, accBuf2 } from "./scratch";
import { lanes } from "./simd";
import { odometer } from "./strided";

let gMeta: usize = 0;
let gOutNdim: i32 = 0;
let gRedNdim: i32 = 0;
let gRedN: i32 = 0;

/** Columns per chunk of the outer path; the accumulator buffers hold one chunk. */
export const CHUNK: i32 = 512;
// The odometers (outIdx, redIdx) and the chunk accumulators are the calling
// thread's own (scratch.ts): accBuf holds a chunk's f64 sums or extremum
// values of any type, accBuf2 its float32 partial sums (flushed into accBuf)
// or int32 indices of extrema.
export { accBuf, accBuf2 };


@inline function word(i: i32): i32 {
  return load<i32>(gMeta + ((<usize>i) << 2));
}


@inline export function outShape(d: i32): i32 {
  return word(2 + d);
}


@inline function inKept(d: i32): i32 {
  return word(2 + gOutNdim + d);
}


@inline function outStride(d: i32): i32 {
  return word(2 + 2 * gOutNdim + d);
}


@inline function redShape(d: i32): i32 {
  return word(2 + 3 * gOutNdim + d);
}


@inline function redStride(d: i32): i32 {
  return word(2 + 3 * gOutNdim + gRedNdim + d);
}
/** Length and element stride of the rows of a block. */
@inline export function innerN(): i32 {
  return redShape(gRedNdim - 1);
}


@inline export function innerS(): isize {
  return <isize>redStride(gRedNdim - 1);
}
/** Elements per block. */
@inline export function blockSize(): i32 {
  return gRedN;
}


@inline export function outNdim(): i32 {
  return gOutNdim;
}

/** Reads a meta block and starts at the first output; false when there is none. */
export function begin(meta: usize): bool {
  gMeta = meta;
  gOutNdim = load<i32>(meta);
  gRedNdim = load<i32>(meta, 4);
  let outN = 1;
  for (let d = 0; d < gOutNdim; d++) outN *= outShape(d);
  let redN = 1;
  for (let d = 0; d < gRedNdim; d++) redN *= redShape(d);
  gRedN = redN;
  memory.fill(outIdx, 0, (<usize>gOutNdim) << 2);
  return outN > 0;
}

/** Element offset in the input of the current output's block. */
export function inBase(): isize {
  let off: isize = 0;
  for (let d = 0; d < gOutNdim; d++) off += <isize>load<i32>(outIdx + ((<usize>d) << 2)) * <isize>inKept(d);
  return off;
}

/** Element offset of the current output. */
export function outOff(): isize {
  let off: isize = 0;
  for (let d = 0; d < gOutNdim; d++) off += <isize>load<i32>(outIdx + ((<usize>d) << 2)) * <isize>outStride(d);
  return off;
}

/** Advances over the first `ndim` output dims; false after the last output. */
export function nextOut(ndim: i32): bool {
  return odometer(outIdx, ndim - 1, gMeta + 8);
}

export function firstRow(): void {
  memory.fill(redIdx, 0, (<usize>gRedNdim) << 2);
}

/** Address of the current output's block in an input whose element 0 is at `a`. */
@inline export function blockAt<T>(a: usize): usize {
  return a + ((<usize>inBase()) << alignof<T>());
}

/** Address of the current row in a block at `p0`. */
@inline export function rowAt<T>(p0: usize): usize {
  return p0 + ((<usize>rowOff()) << alignof<T>());
}

/** Address of the current output in an output whose element 0 is at `o`. */
@inline export function outAt<T>(o: usize): usize {
  return o + ((<usize>outOff()) << alignof<T>());
}

/** Element offset, within the block, of the current row. */
export function rowOff(): isize {
  let off: isize = 0;
  for (let d = 0; d < gRedNdim - 1; d++) off += <isize>load<i32>(redIdx + ((<usize>d) << 2)) * <isize>redStride(d);
  return off;
}

export function nextRow(): bool {
  return odometer(redIdx, gRedNdim - 2, gMeta + ((<usize>(2 + 3 * gOutNdim)) << 2));
}

/** Whether the outer path applies: the innermost kept dim is contiguous in input and output and a vector wide. */
@inline export function outerFits<T>(): bool {
  let d = gOutNdim - 1;
  return gRedN > 0 && innerS() != 1 && inKept(d) == 1 && outStride(d) == 1 && outShape(d) >= lanes<T>();
}

// ---- vector helpers (f32, f64, i32; bool bytes take the scalar paths) ------------

@inline export function simd<T>(): bool {
  return sizeof<T>() >= 4;
}

/** The sum of four f32 lanes, in f64. */
@inline export function hsum32(v: v128): f64 {
  let s = f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** Adds four f32 lanes into four f64 sums at `p`. */
@inline export function flush32(p: usize, v: v128): void {
  v128.store(p, f64x2.add(v128.load(p), f64x2.promote_low_f32x4(v)));
  v128.store(p, f64x2.add(v128.load(p, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
}
