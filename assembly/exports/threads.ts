// Worker threads (src/threads/): each worker's instance of this module points
// the kernels' working memory at a region of its own. Names follow the ABI's
// snake case.

import { THREAD_SCRATCH_BYTES, useThreadScratch } from "../kernels/scratch";

/** Bytes of per-thread working memory use_thread_scratch takes. */
export function thread_scratch_bytes(): i32 { return THREAD_SCRATCH_BYTES; }
/** Makes this instance's kernels use the THREAD_SCRATCH_BYTES at `base` (16-byte aligned, owned by this thread). */
export function use_thread_scratch(base: usize): void { useThreadScratch(base); }
