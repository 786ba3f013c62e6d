// The wasm ABI: the export list only. Pointers and i32 counts in, nothing
// allocated behind the caller's back. Names are `<op>_<dtype>` and match the
// TS wrapper that calls them (src/wasm/abi.ts looks them up by that name).
// One file of exports per kernel family, under exports/.
//
// Limits, for every kernel entry (each exports/ file says which counts its
// entries take): counts are i32, so a kernel handles at most 2^31 - 1
// elements in all, per dim, per row and per product of dims it forms (the
// element offset index * stride of any operand too); every operand's bytes
// lie below the allocator's top, 2^32 - 64 KiB (memory.ts), so byte
// addresses and ends never wrap. Larger requests are refused on the JS side
// before a kernel runs.

export {
  alloc,
  free,
  blockSize,
  bytesInUse,
  peakBytes,
  resetPeak,
  liveBlockCount,
  heapBytes,
  checkHeap,
  setMemoryLimit,
  memoryLimit,
} from "./memory";

import { scratch, SCRATCH_BYTES } from "./kernels/strided";
import { RELAXED_SIMD } from "./kernels/simd";

/** 2 in the relaxed-SIMD build (f32x4.relaxed_madd in hot loops), 1 in the baseline SIMD build. */
export function simdLevel(): i32 {
  return RELAXED_SIMD ? 2 : 1;
}

export function scratchPtr(): usize {
  return scratch;
}
export function scratchBytes(): i32 {
  return SCRATCH_BYTES;
}

export * from "./exports/elementwise";
export * from "./exports/reduce";
export * from "./exports/linalg";
export * from "./exports/movement";
export * from "./exports/random";
export * from "./exports/nn";
export * from "./exports/threads";
export * from "./exports/conv";
export * from "./exports/pool";
export * from "./exports/int64";
export * from "./exports/norm";
export * from "./exports/small";
export * from "./exports/logic";
export * from "./exports/rnn";
export * from "./exports/bmath";
export * from "./exports/activation2";
export * from "./exports/special";
export * from "./exports/attention";
export * from "./exports/gelu";
