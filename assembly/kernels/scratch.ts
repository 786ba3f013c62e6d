// The kernels' working memory that is not an argument: the strided walker's
// odometer, the reduction walker's odometers and chunk accumulators, the
// matmul edge tile. By default each lives at a fixed place (memory.data).
// With threads (src/threads/), every worker instantiates this same module
// over the same shared memory and points its instance's copies of these
// globals at a region of its own (useThreadScratch), so kernels running at
// once on different threads never share working memory. Globals are per
// instance: a worker's pointers are invisible to the other threads.

/** Dims a walker counts (PyTorch allows at most 64). */
const DIMS: i32 = 64;
/** Columns of a reduction chunk: reduceWalk.ts's CHUNK. */
const COLS: i32 = 512;
/** The matmul micro-kernel's tile: MR x NV v128s (matmulPack.ts). */
const TILE: i32 = 4 * 2 * 16;

/** Bytes of the region useThreadScratch takes. */
export const THREAD_SCRATCH_BYTES: i32 = 3 * DIMS * 4 + COLS * 8 + COLS * 4 + TILE;

/** Outer-dim counters of the elementwise walker (strided.ts). */
export let counters: usize = memory.data(DIMS * 4, 16);
/** Output and reduced-dim odometers of the reduction walker (reduceWalk.ts). */
export let outIdx: usize = memory.data(DIMS * 4, 16);
export let redIdx: usize = memory.data(DIMS * 4, 16);
/** A reduction chunk's accumulators (reduceWalk.ts): COLS f64, and COLS 4-byte lanes. */
export let accBuf: usize = memory.data(COLS * 8, 16);
export let accBuf2: usize = memory.data(COLS * 4, 16);
/** The tile the matmul micro-kernel writes edge tiles to (matmul.ts). */
export let edgeTile: usize = memory.data(TILE, 16);

/** Points this instance's working memory at the THREAD_SCRATCH_BYTES at `base` (16-byte aligned). */
export function useThreadScratch(base: usize): void {
  counters = base;
  outIdx = counters + <usize>DIMS * 4;
  redIdx = outIdx + <usize>DIMS * 4;
  accBuf = redIdx + <usize>DIMS * 4;
  accBuf2 = accBuf + <usize>COLS * 8;
  edgeTile = accBuf2 + <usize>COLS * 4;
}
