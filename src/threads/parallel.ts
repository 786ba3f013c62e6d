// Splitting large kernels over the pool. Every split is fixed by the shapes
// (and the pool's size) alone and gives each chunk whole outputs, computed
// by the same kernel in the same order as on one thread, so results are
// bit-identical with and without threads, whichever thread runs a chunk:
//   gemm         C by blocks of rows (MR-aligned), of columns (NR-aligned) or
//                of batch entries; each C element still sums its k terms in
//                the same KC slabs and order.
//   elementwise  the outermost dim of the coalesced iteration space: rows,
//                or 64-element-aligned ranges of a 1-d space (so SIMD
//                groups and the scalar tail fall where they do on one thread).
//   reductions   the outermost kept dim, i.e. ranges of outputs (16- or
//                512-aligned when it is the only one); one output's reduction
//                is never split across threads.
// A task has a few chunks per thread (pool.ts lets any thread claim any
// chunk, so a thread the OS is slow to schedule holds up little). Ops below
// a size threshold run on the calling thread: waking workers costs tens of
// microseconds.
//
// Each entry returns SERIAL when it did not run the kernel; the caller then
// runs it as it always does.

import type { DType } from "../dtype.js";
import { itemSize } from "../dtype.js";
import type { Tensor } from "../tensor.js";
import * as abi from "../wasm/abi.js";
import type { Pool } from "./pool.js";
import { CTL } from "./control.js";

type Kernel = (...args: number[]) => unknown;

/** What the entries return when the kernel has not been run. */
export const SERIAL: unique symbol = Symbol("serial");

/**
 * Size thresholds. Below the first three a kernel runs on the calling
 * thread. Above them it is split, and workers that are still polling after
 * their last task join in; sleeping workers are woken only for tasks above
 * the wake thresholds (about half a millisecond of work on one thread):
 * on a busy machine the woken thread can take the caller's core for a
 * scheduler slice, hundreds of microseconds.
 */
export const THRESHOLDS = {
  /** Multiply-adds (m * n * k * batch) of a gemm (about 0.1 ms; split, 128 x 128 x 128 ran at 0.86-0.93x of one thread). */
  gemm: 1 << 22,
  /** Elements of an elementwise output. */
  elementwise: 1 << 17,
  /** Elements of a reduction's input. */
  reduce: 1 << 17,
  wakeGemm: 1 << 23,
  wakeElementwise: 1 << 19,
  wakeReduce: 1 << 19,
};

let pool: Pool | null = null;

/** Installs the pool of the live runtime (null: one thread); returns the previous one. */
export function setPool(p: Pool | null): Pool | null {
  const old = pool;
  pool = p;
  return old;
}

export const activePool = (): Pool | null => pool;

/** Chunks per thread of a task: elementwise and reductions, and gemm (whose chunks each pack their own copy of an operand). */
const PER_THREAD = 4,
  GEMM_PER_THREAD = 2;
/** Elements of a chunk of elementwise or reduction work, at least: calls are not free. */
const MIN_CHUNK = 16384;

/** How many chunks a task of `elements` elements gets. */
function chunkCount(p: Pool, elements: number): number {
  return Math.min(PER_THREAD * p.threads, CTL.MAX_CHUNKS, Math.max(2, Math.floor(elements / MIN_CHUNK)));
}

/** [start, length) parts of `total`, at most `count` of them, each (but the last) a multiple of `unit`. */
function split(total: number, count: number, unit: number): [number, number][] {
  const chunk = Math.ceil(Math.ceil(total / count) / unit) * unit;
  const parts: [number, number][] = [];
  for (let start = 0; start < total; start += chunk) parts.push([start, Math.min(chunk, total - start)]);
  return parts;
}

// ---- gemm ----------------------------------------------------------------------

// The gemm argument block (assembly/kernels/matmul.ts): the sizes, then each
// operand as [address, batch stride, row stride, column stride] (C's column
// stride is 1, not in the block).
const SIZE = { m: 0, n: 1, k: 2, batch: 3 } as const;
const OPERAND = { a: 4, b: 8, c: 12 } as const;
const STRIDE = { batch: 1, row: 2, col: 3 } as const;
/** Rows of the micro-kernel tile (matmulPack.ts MR) and its width in bytes (NV v128s). */
const MR = 4,
  NR_BYTES = 32;

/**
 * Runs gemm `fn` (argument block `words`: the 16 words before WORK) split
 * over the pool; `scratchBytes(m, n, k)` sizes each part's packing buffer.
 */
export function parallelGemm(
  fn: Kernel,
  dtype: DType,
  words: readonly number[],
  scratchBytes: (m: number, n: number, k: number) => number,
): typeof SERIAL | void {
  const p = pool;
  if (p === null) return SERIAL;
  const m = words[SIZE.m]!,
    n = words[SIZE.n]!,
    k = words[SIZE.k]!,
    batch = words[SIZE.batch]!;
  if (m * n * k * batch < THRESHOLDS.gemm || !p.has(fn)) return SERIAL;
  const T = p.threads,
    size = itemSize[dtype],
    count = Math.min(GEMM_PER_THREAD * T, CTL.MAX_CHUNKS);
  // Whole batch entries when they share out evenly; else C's longer side.
  const byBatch = batch >= T && (batch % T === 0 || batch >= 4 * T);
  const byRows = !byBatch && m >= n;
  const parts = byBatch ? split(batch, count, 1) : byRows ? split(m, count, MR) : split(n, count, NR_BYTES / size);
  if (parts.length < 2) return SERIAL;
  const blocks = parts.map(([start, len]) => {
    const w = words.slice();
    // Moves operand `at` by `start` steps of `stride` elements along the split dim.
    const move = (at: number, stride: number): void => {
      w[at] = words[at]! + start * stride * size;
    };
    if (byBatch) {
      w[SIZE.batch] = len;
      for (const at of [OPERAND.a, OPERAND.b, OPERAND.c]) move(at, words[at + STRIDE.batch]!);
    } else if (byRows) {
      w[SIZE.m] = len;
      for (const at of [OPERAND.a, OPERAND.c]) move(at, words[at + STRIDE.row]!);
    } else {
      w[SIZE.n] = len;
      move(OPERAND.b, words[OPERAND.b + STRIDE.col]!);
      move(OPERAND.c, 1);
    }
    return w;
  });
  // One packing buffer per chunk, each 16-byte aligned.
  const each = (Math.max(...blocks.map((w) => scratchBytes(w[SIZE.m]!, w[SIZE.n]!, k))) + 15) & ~15;
  const work = abi.alloc(each * blocks.length);
  try {
    const h = abi.heapI32();
    const args = blocks.map((w, c) => {
      h.set([...w, work + c * each], p.data(c) >>> 2);
      return [p.data(c)];
    });
    p.run(fn, args, m * n * k * batch >= THRESHOLDS.wakeGemm);
  } finally {
    abi.free(work);
  }
}

// ---- elementwise ---------------------------------------------------------------

/**
 * Runs elementwise kernel `fn` (arguments: input addresses, output address,
 * meta, `extra`) over the coalesced iteration space `c` (strides: output
 * first) split over the pool. Returns what the kernel returns (the largest
 * over the parts).
 */
export function parallelLaunch(
  fn: Kernel,
  out: Tensor,
  inputs: readonly Tensor[],
  c: { shape: readonly number[]; strides: readonly (readonly number[])[] },
  extra: readonly number[],
): unknown {
  const p = pool;
  if (p === null) return SERIAL;
  const numel = out.numel();
  if (numel < THRESHOLDS.elementwise || !p.has(fn)) return SERIAL;
  // An input that shares the output's storage in another layout could be
  // read after another thread wrote it: such ops stay on one thread.
  for (const t of inputs) {
    if (
      t._st === out._st &&
      (t._offset !== out._offset ||
        t.shape.length !== out.shape.length ||
        t._strides.some((s, d) => s !== out._strides[d]))
    ) {
      return SERIAL;
    }
  }
  const ndim = c.shape.length;
  const parts = split(c.shape[0]!, chunkCount(p, numel), ndim === 1 ? 64 : 1);
  if (parts.length < 2) return SERIAL;
  const operands = [out, ...inputs];
  const sizes = operands.map((t) => itemSize[t.dtype]);
  const addrs = operands.map((t) => t._addr());
  const partArgs = (start: number, meta: number): number[] => {
    const a = addrs.map((addr, j) => addr + start * c.strides[j]![0]! * sizes[j]!);
    return [...a.slice(1), a[0]!, meta, ...extra];
  };
  const metaWords = (len: number): number[] => [ndim, c.strides.length, len, ...c.shape.slice(1), ...c.strides.flat()];
  const h = abi.heapI32();
  const args = parts.map(([start, len], i) => {
    h.set(metaWords(len), p.data(i) >>> 2);
    return partArgs(start, p.data(i));
  });
  return p.run(fn, args, numel >= THRESHOLDS.wakeElementwise);
}

// ---- reductions ----------------------------------------------------------------

/**
 * Runs reduction kernel `fn` (a, out, indices, meta, p, q) with meta `words`
 * (assembly/kernels/reduceWalk.ts) split over the outermost kept dim.
 */
export function parallelReduce(
  fn: Kernel,
  input: Tensor,
  out: Tensor | null,
  indices: Tensor | null,
  words: readonly number[],
  pq: readonly [number, number],
): typeof SERIAL | void {
  const p = pool;
  if (p === null) return SERIAL;
  if (input.numel() < THRESHOLDS.reduce || !p.has(fn)) return SERIAL;
  const outNdim = words[0]!;
  // A lone kept dim may be the contiguous one the kernel streams in chunks of
  // 512 columns (reduceWalk.ts's outer path): cut it no finer than that.
  const unit = outNdim > 1 ? 1 : words[2]! >= 2 * 512 ? 512 : 16;
  const parts = split(words[2]!, chunkCount(p, input.numel()), unit);
  if (parts.length < 2) return SERIAL;
  const inStride = words[2 + outNdim]!,
    outStride = words[2 + 2 * outNdim]!;
  const a = input._addr(),
    o = out === null ? 0 : out._addr(),
    x = indices === null ? 0 : indices._addr();
  const inSize = itemSize[input.dtype],
    outSize = out === null ? 0 : itemSize[out.dtype];
  const partArgs = (start: number, meta: number): number[] => [
    a + start * inStride * inSize,
    o === 0 ? 0 : o + start * outStride * outSize,
    x === 0 ? 0 : x + start * outStride * 4,
    meta,
    pq[0],
    pq[1],
  ];
  const metaWords = (len: number): number[] => {
    const w = words.slice();
    w[2] = len;
    return w;
  };
  const h = abi.heapI32();
  const args = parts.map(([start, len], i) => {
    h.set(metaWords(len), p.data(i) >>> 2);
    return partArgs(start, p.data(i));
  });
  p.run(fn, args, input.numel() >= THRESHOLDS.wakeReduce);
}

// ---- flat kernels --------------------------------------------------------------

/** The arguments of parallelFlat and runFlat: the kernel, the element count, a range's arguments, cost and unit. */
type FlatWork = [
  fn: Kernel,
  n: number,
  argsOf: (start: number, length: number) => number[],
  cost?: number,
  unit?: number,
];

/**
 * Runs `fn` over `n` elements of contiguous arrays (an optimizer's update)
 * split in 64-element-aligned ranges; `argsOf(start, length)` gives a
 * range's arguments. `cost` is the kernel's time per element relative to a
 * plain elementwise op's, so the size thresholds measure work, not
 * elements. `unit`: chunks start at multiples of it (64 elements; 1 for
 * kernels over whole planes or rows). Returns what the kernel returns (the
 * largest over the chunks), or SERIAL when it did not run it.
 */
export function parallelFlat(...[fn, n, argsOf, cost = 1, unit = 64]: FlatWork): unknown {
  const p = pool,
    work = n * cost;
  if (p === null || work < THRESHOLDS.elementwise || !p.has(fn)) return SERIAL;
  const parts = split(n, chunkCount(p, work), unit);
  if (parts.length < 2) return SERIAL;
  return p.run(
    fn,
    parts.map(([start, len]) => argsOf(start, len)),
    work >= THRESHOLDS.wakeElementwise,
  );
}

/** Runs `fn` over `n` elements of contiguous arrays: split by parallelFlat when the pool takes it, else in one call. */
export function runFlat(...work: FlatWork): void {
  const [fn, n, argsOf] = work;
  if (parallelFlat(...work) === SERIAL) fn(...argsOf(0, n));
}
