// The control block of one worker, in shared wasm memory (allocated by the
// calling thread when the pool starts), shared by pool.ts and the worker's
// code (workerSource.ts):
//
//   i32 words  SEQ     task number, bumped by the calling thread to post a task
//              DONE    the worker copies SEQ here when the task has finished
//              FN      index of the export to run (into the names list), -1 = stop
//              ARGC    number of arguments
//              STATUS  0, or 1 when the kernel threw
//   f64 slots  ARGS..  arguments (addresses, counts and scalars, all exact in f64)
//              RET     the kernel's return value (NaN for none)
//   bytes      DATA    DATA_BYTES for the task's argument block (meta, gemm args)
//              then the worker's kernel working memory (thread_scratch_bytes())

export const CTL = {
  SEQ: 0,
  DONE: 1,
  FN: 2,
  ARGC: 3,
  STATUS: 4,
  /** f64 index of the first argument. */
  ARGS: 4,
  MAX_ARGS: 16,
  /** f64 index of the return value. */
  RET: 20,
  /** i32 words of the header (control words, arguments, return value). */
  WORDS: 48,
  /**
   * Milliseconds a worker polls SEQ after a task before it sleeps in
   * Atomics.wait: waking a sleeping thread costs 50-500 us on a busy 2-core
   * machine, more than the serial ops between two split kernels take.
   */
  SPIN_MS: 0.5,
} as const;

/** Byte offset of the task's argument block in a control block. */
export const DATA = CTL.WORDS * 4;
/** Bytes of the task's argument block: a meta block of 64 dims and 6 operands fits. */
export const DATA_BYTES = 4096;
