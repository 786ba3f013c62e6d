// The pool's control block, in shared wasm memory (allocated by the calling
// thread when the pool starts), read by pool.ts and by the workers' code
// (workerSource.ts). A task is one kernel over CHUNKS fixed parts ("chunks"):
//
//   i32 words  SEQ     task number, stored last when a task is posted; workers wait on it
//              CLAIM   (task number << 12) | (chunks << 6) | next unclaimed chunk:
//                      any thread, the calling one included, takes a chunk with a
//                      compare-exchange. The task's own chunk count travels in
//                      the word: a worker late from a task may read CHUNKS after
//                      it was set for the next one (which once let it claim a
//                      chunk past the end, run it on half-written arguments and
//                      count DONE past the total: a hang)
//              DONE    chunks finished (the last one to finish notifies)
//              FN      index of the export to run (into the names list), -1 = stop
//              ARGC    arguments per chunk
//              CHUNKS  chunks in this task
//              FAILED  set when a kernel threw
//   f64 slots  per chunk c, at TABLE + c * SLOT: ARGC arguments (addresses,
//              counts, scalars: all exact in f64), then its return value (NaN: none)
//   bytes      per chunk c, at DATA + c * DATA_BYTES: its argument block (a meta
//              block, gemm's argument words)
//
// A chunk's arguments are written before CLAIM is stored with the new task
// number, so whoever wins a claim of that number reads a whole task; a
// worker that wakes late sees another number in CLAIM and claims nothing.

export const CTL = {
  SEQ: 0,
  CLAIM: 1,
  DONE: 2,
  FN: 3,
  ARGC: 4,
  CHUNKS: 5,
  FAILED: 6,
  /** f64 index of chunk 0's first argument. */
  TABLE: 4,
  MAX_ARGS: 16,
  /** f64 slots per chunk: MAX_ARGS arguments and the return value. */
  SLOT: 17,
  MAX_CHUNKS: 32,
  /** CLAIM's fields (see above): task number above bit 12, chunk count in bits 6-11, next chunk in bits 0-5. */
  CLAIM_SEQ_SHIFT: 12,
  CLAIM_SEQ_MASK: 0xfffff,
  CLAIM_COUNT_SHIFT: 6,
  CLAIM_INDEX: 63,
  /**
   * Milliseconds a worker polls SEQ after a task before it sleeps in
   * Atomics.wait, so ops that follow each other closely find it awake. Kept
   * short: where cores are busy a polling worker takes CPU from the caller
   * (the MLP step with 2 threads at load ~5, A/B against one thread: polling
   * 2 ms 0.66-0.86x, 0.5 ms 0.84-0.96x, 0.05 ms 0.89-1.07x, none 0.89-0.99x).
   */
  SPIN_MS: 0.05,
  /**
   * Milliseconds the calling thread polls DONE for the workers' last chunks
   * before it sleeps (pool.ts). The MLP step with 2 threads, interleaved in
   * one process against one thread: polling 0 ms 1.52x / 1.33x, 1 ms
   * 1.60x / 1.40x (two runs).
   */
  CALLER_SPIN_MS: 1,
} as const;

/** Byte offset of chunk 0's argument block. */
export const DATA = (CTL.TABLE + CTL.MAX_CHUNKS * CTL.SLOT) * 8;
/** Bytes of a chunk's argument block: a meta block of 64 dims and 6 operands fits. */
export const DATA_BYTES = 2048;
/** Bytes of the control block. */
export const CONTROL_BYTES = DATA + CTL.MAX_CHUNKS * DATA_BYTES;

/** The CLAIM word of task `seq` (masked to CLAIM_SEQ_MASK) with `chunks` chunks, none claimed yet. */
export const claimWord = (seq: number, chunks: number): number =>
  (seq << CTL.CLAIM_SEQ_SHIFT) | (chunks << CTL.CLAIM_COUNT_SHIFT) | 0;
