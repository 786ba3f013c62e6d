// The typed ABI of build/torchlet*.wasm: the only code that touches pointers
// and views of wasm memory. Views are made here, at the point of use, and are
// re-made whenever memory.grow has replaced the buffer.

import type { DType } from "../dtype.js";
import { kernelSuffix, scalarTypeName } from "../dtype.js";

/** What the instance exports, as far as the facade uses it by name. */
export interface WasmExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): number;
  blockSize(ptr: number): number;
  bytesInUse(): number;
  peakBytes(): number;
  resetPeak(): void;
  liveBlockCount(): number;
  heapBytes(): number;
  checkHeap(): number;
  scratchPtr(): number;
  scratchBytes(): number;
  simdLevel(): number;
  [kernel: string]: unknown;
}

export interface Runtime {
  exports: WasmExports;
  memory: WebAssembly.Memory;
  /** Increases on every (re-)initialisation; tensors remember theirs. */
  generation: number;
  /** "relaxed" when the relaxed-SIMD binary is running. */
  simd: "relaxed" | "baseline";
  scratch: number;
  scratchBytes: number;
}

let rt: Runtime | null = null;

export function setRuntime(r: Runtime | null): void {
  rt = r;
  cachedBuffer = null;
  for (const m of Object.values(kernels)) m.clear();
}

/** The live runtime; throws the error API.md promises when init() has not resolved. */
export function runtime(): Runtime {
  if (rt === null) throw new Error("torchlet is not initialised: await torch.init() before using tensors");
  return rt;
}

export const isInitialised = (): boolean => rt !== null;

// ---- views over memory -------------------------------------------------------

let cachedBuffer: ArrayBuffer | null = null;
let f32: Float32Array = new Float32Array(0);
let f64: Float64Array = new Float64Array(0);
let i64: BigInt64Array = new BigInt64Array(0);
let i32: Int32Array = new Int32Array(0);
let u8: Uint8Array = new Uint8Array(0);
let i8: Int8Array = new Int8Array(0);
let i16: Int16Array = new Int16Array(0);
let u16: Uint16Array = new Uint16Array(0);

function refresh(): void {
  const buf = runtime().memory.buffer as ArrayBuffer;
  if (buf !== cachedBuffer) {
    cachedBuffer = buf;
    f32 = new Float32Array(buf);
    f64 = new Float64Array(buf);
    i64 = new BigInt64Array(buf);
    i32 = new Int32Array(buf);
    u8 = new Uint8Array(buf);
    i8 = new Int8Array(buf);
    i16 = new Int16Array(buf);
    u16 = new Uint16Array(buf);
  }
}

/** Whole-memory views, valid until the next call into wasm that may grow memory. */
export function heapI32(): Int32Array {
  refresh();
  return i32;
}
export function heapU8(): Uint8Array {
  refresh();
  return u8;
}

/** The typed array of each dtype's view (float16 and bfloat16 hold raw bits). */
export interface ViewOf {
  float32: Float32Array;
  float64: Float64Array;
  int64: BigInt64Array;
  int32: Int32Array;
  bool: Uint8Array;
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
}

/**
 * A view of `n` elements of `dtype` at byte address `ptr`, valid until memory
 * may grow. Float16 and bfloat16 views hold the raw bits (src/half.ts converts).
 */
export function view<D extends DType>(dtype: D, ptr: number, n: number): ViewOf[D];
export function view(dtype: DType, ptr: number, n: number): ViewOf[DType] {
  refresh();
  switch (dtype) {
    case "float32":
      return f32.subarray(ptr >>> 2, (ptr >>> 2) + n);
    case "float64":
      return f64.subarray(ptr >>> 3, (ptr >>> 3) + n);
    case "int64":
      return i64.subarray(ptr >>> 3, (ptr >>> 3) + n);
    case "int32":
      return i32.subarray(ptr >>> 2, (ptr >>> 2) + n);
    case "bool":
    case "uint8":
      return u8.subarray(ptr, ptr + n);
    case "int8":
      return i8.subarray(ptr, ptr + n);
    case "int16":
      return i16.subarray(ptr >>> 1, (ptr >>> 1) + n);
    case "float16":
    case "bfloat16":
      return u16.subarray(ptr >>> 1, (ptr >>> 1) + n);
  }
}

// ---- allocation --------------------------------------------------------------

const MiB = 1024 * 1024;
/** The largest block the allocator can describe (its sizes are u32). */
const MAX_BLOCK = 0xffff_ffe0;

let oomDetail: (() => string) | null = null;

/** What an out-of-memory message adds after the sizes (memory.ts: how many tensors are alive, and where). */
export function setOomDetail(fn: (() => string) | null): void {
  oomDetail = fn;
}

/** Allocates `bytes` bytes of wasm memory, 16-byte aligned; throws a catchable Error when memory cannot grow. */
export function alloc(bytes: number): number {
  const ex = runtime().exports;
  if (!(bytes >= 0 && bytes <= MAX_BLOCK)) {
    throw new RangeError(
      `torchlet: out of memory: could not allocate ${bytes} bytes (${(bytes / MiB).toFixed(1)} MiB; wasm32 memory holds at most 4 GiB)`,
    );
  }
  const ptr = ex.alloc(bytes) >>> 0;
  if (ptr === 0) {
    const have = ex.memory.buffer.byteLength;
    const limit = typeof ex.memoryLimit === "function" ? (ex.memoryLimit as () => number)() : 4 * 1024 * MiB;
    const why =
      limit < 4 * 1024 * MiB
        ? `could not grow past the ${(limit / MiB).toFixed(1)} MiB of init({ maxMemory })`
        : "could not grow";
    throw new Error(
      `torchlet: out of memory: could not allocate ${bytes} bytes ` +
        `(${(bytes / MiB).toFixed(1)} MiB; wasm memory is ${(have / MiB).toFixed(1)} MiB and ${why})` +
        (oomDetail === null ? "" : `; ${oomDetail()}`),
    );
  }
  return ptr;
}

/** Returns a block to the allocator; a double or foreign free is a bug and fails loudly. */
export function free(ptr: number): void {
  const code = runtime().exports.free(ptr);
  if (code === 1) throw new Error(`torchlet: double free of wasm block at ${ptr}`);
  if (code === 2) throw new Error(`torchlet: free of a pointer torchlet never allocated (${ptr})`);
}

// ---- calling kernels ---------------------------------------------------------

type Kernel = (...args: number[]) => unknown;
const missing = new Set<string>();

/** Kernels found so far, by dtype then op (a lookup per call without building the name). */
const kernels: Record<DType, Map<string, Kernel>> = {
  float32: new Map(),
  float64: new Map(),
  int64: new Map(),
  int32: new Map(),
  bool: new Map(),
  uint8: new Map(),
  int8: new Map(),
  int16: new Map(),
  float16: new Map(),
  bfloat16: new Map(),
};

/** Looks up the kernel `<op>_<dtype>`; throws PyTorch's "not implemented for" message when there is none. */
export function kernel(op: string, dtype: DType, torchOp = op): Kernel {
  const cached = kernels[dtype].get(op);
  if (cached !== undefined) return cached;
  const name = `${op}_${kernelSuffix[dtype]}`;
  const fn = runtime().exports[name];
  if (typeof fn === "function") kernels[dtype].set(op, fn as Kernel);
  else {
    missing.add(name);
    throw new TypeError(`"${torchOp}" not implemented for '${scalarTypeName[dtype]}'`);
  }
  return fn as Kernel;
}

/**
 * Writes a meta block (see assembly/kernels/strided.ts) into the scratch area
 * and returns its address: ndim, operand count, shape, one stride row per operand.
 */
export function writeMeta(shape: readonly number[], strides: readonly (readonly number[])[]): number {
  const r = runtime();
  const ndim = shape.length;
  const words = 2 + ndim * (1 + strides.length);
  if (words * 4 > r.scratchBytes) throw new RangeError(`too many dims for a kernel call (${ndim})`);
  const h = heapI32();
  let p = r.scratch >>> 2;
  h[p++] = ndim;
  h[p++] = strides.length;
  for (let d = 0; d < ndim; d++) h[p++] = shape[d]!;
  for (const s of strides) for (let d = 0; d < ndim; d++) h[p++] = s[d]!;
  return r.scratch;
}

/** Writes i32 words at the start of the scratch area (after `offsetWords`) and returns their address. */
export function writeScratchI32(words: readonly number[], offsetWords = 0): number {
  const r = runtime();
  if ((offsetWords + words.length) * 4 > r.scratchBytes)
    throw new RangeError("kernel arguments exceed the scratch area");
  heapI32().set(words, (r.scratch >>> 2) + offsetWords);
  return r.scratch + offsetWords * 4;
}
