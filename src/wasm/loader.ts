// The one portable loader: the same code path in Node, Deno, Bun, browsers and
// edge workers. With no options it takes its binary from ./binaries.js: the
// gzip + base64 inlined into dist/index.js (no fs, no fetch, no network), or, in
// dist/workerd.js, the .wasm modules workerd compiled at startup.
// `init({ wasm })` takes a compiled WebAssembly.Module, bytes, a URL or a
// Response instead. `simd: "auto"` picks the relaxed-SIMD binary where the
// engine validates relaxed SIMD, the baseline one otherwise.

import { runtime, setRuntime, isInitialised, type Runtime, type WasmExports } from "./abi.js";
import { defaultBinary } from "./binaries.js";
import { startThreads, type Threaded } from "../threads/start.js";
import { setPool } from "../threads/parallel.js";
import { CTL } from "../threads/control.js";
import { setLeakCheck } from "../memory.js";

/**
 * Where `init({ wasm })` gets the kernels from: a compiled module, its bytes, a
 * URL, or a (promised) fetch Response.
 */
export type WasmSource = WebAssembly.Module | BufferSource | URL | Response | PromiseLike<Response>;

/** The options of `init()` (torchlet only: PyTorch needs no initialisation). */
export interface InitOptions {
  /** The binary to run (a compiled module, its bytes, a URL or a Response); defaults to the package's own. */
  wasm?: WasmSource;
  /**
   * Threads for large kernels, the calling thread included (1 = the calling
   * thread only). Where threads cannot run, init() runs one and says why in
   * backendInfo().threadsUnavailable.
   */
  threads?: number;
  /** "auto" picks the relaxed-SIMD binary where the engine validates it. */
  simd?: "auto" | "relaxed" | "baseline";
  /**
   * A budget for wasm memory, in bytes (rounded down to 64 KiB pages), such
   * as 96 MiB under workerd's 128 MB isolate limit. An allocation that would
   * grow memory past it throws a catchable "out of memory" Error, as one past
   * the 4 GiB wasm32 maximum does. Default: no budget but that maximum.
   */
  maxMemory?: number;
  /**
   * Whether backward() fails when a synchronous loop leaks tensors at every
   * step (none made in torch.tidy()), as setLeakCheck(on) sets it. Default true.
   */
  leakCheck?: boolean;
}

/** What `backendInfo()` reports of the running kernels (torchlet only). */
export interface BackendInfo {
  /** The SIMD binary running: "relaxed" (relaxed SIMD) or "baseline" (SIMD128). */
  simd: "relaxed" | "baseline";
  /** Threads that run kernels (the calling thread included). */
  threads: number;
  /** What init() asked for (`threads`, default 1). */
  threadsRequested: number;
  /** Why fewer threads run than were requested (absent when they all run). */
  threadsUnavailable?: string;
  /** Counts init() calls that started a new runtime; tensors of an older generation refuse to be used. */
  generation: number;
  /** The current size of wasm memory, in bytes. */
  wasmBytes: number;
  /** The memory budget (init({ maxMemory })), in bytes: 4 GiB when none was set. */
  maxMemory: number;
}

let pending: Promise<void> | null = null;
let pendingKey = "";
let generation = 0;
let threads = 1;
let threadsRequested = 1;
let threadsUnavailable: string | undefined;

const optionKeys = new Set(["wasm", "threads", "simd", "maxMemory", "leakCheck"]);
const PAGE = 65536;
/** wasm32's maximum, the binaries' declared maximum too. */
const MAX_PAGES = 65536;
/** The most threads init() starts: one per chunk an op can be cut into. */
export const MAX_THREADS = CTL.MAX_CHUNKS;

function checkOptions(options: unknown): InitOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object")
    throw new TypeError(`init(options): options must be an object, but got ${typeof options}`);
  for (const k of Object.keys(options)) {
    if (!optionKeys.has(k))
      throw new TypeError(`init(options): unknown option "${k}" (expected wasm, threads, simd, maxMemory, leakCheck)`);
  }
  const o = options as InitOptions;
  if (o.simd !== undefined && !["auto", "relaxed", "baseline"].includes(o.simd)) {
    throw new TypeError(
      `init(options): simd must be "auto", "relaxed" or "baseline", but got ${JSON.stringify(o.simd)}`,
    );
  }
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) {
    throw new TypeError(`init(options): threads must be a positive integer, but got ${String(o.threads)}`);
  }
  // Each thread past the cap would be a worker (a JS isolate) that never gets a chunk.
  if (o.threads !== undefined && o.threads > MAX_THREADS) {
    throw new RangeError(
      `init(options): threads must be at most ${MAX_THREADS} (an op is cut into at most ${CTL.MAX_CHUNKS} chunks), but got ${o.threads}`,
    );
  }
  if (o.maxMemory !== undefined && (typeof o.maxMemory !== "number" || Number.isNaN(o.maxMemory))) {
    const v = o.maxMemory as unknown;
    throw new TypeError(
      `init(options): maxMemory must be a number of bytes, but got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`,
    );
  }
  if (o.leakCheck !== undefined && typeof o.leakCheck !== "boolean") {
    throw new TypeError(`init(options): leakCheck must be a boolean, but got ${typeof o.leakCheck}`);
  }
  return o;
}

/** The budget in pages: the whole pages of maxMemory, at most wasm32's. */
const budgetPages = (maxMemory: number | undefined): number =>
  maxMemory === undefined ? MAX_PAGES : Math.min(MAX_PAGES, Math.max(0, Math.floor(maxMemory / PAGE)));

/** The last init()'s load, settled or not: each load starts after the one before it has ended. */
let chain: Promise<unknown> = Promise.resolve();

/**
 * Loads and instantiates the kernels. Idempotent: calling it again with the
 * same options returns the same promise; different options start a new
 * generation (tensors of the old one then refuse to be used). Calls take
 * effect in call order, awaited or not: the last call's runtime is the one
 * that stays.
 */
export function init(options?: InitOptions): Promise<void> {
  let opts: InitOptions;
  try {
    opts = checkOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  // Not part of the runtime: it applies at once, also when init() returns the pending promise.
  if (opts.leakCheck !== undefined) setLeakCheck(opts.leakCheck);
  const key = `${opts.simd ?? "auto"}|${opts.threads ?? 1}|${budgetPages(opts.maxMemory)}`;
  if (pending !== null && opts.wasm === undefined && key === pendingKey) return pending;
  // A runtime from init({ wasm }) is never what a later init() without wasm asks for.
  pendingKey = opts.wasm === undefined ? key : "";
  // Loads run one after another, so one that was not awaited cannot finish after a later call and replace it.
  const p = chain.then(() => load(opts));
  chain = p.catch(() => undefined);
  pending = p;
  p.catch(() => {
    if (pending === p) pending = null;
  });
  return p;
}

async function load(opts: InitOptions): Promise<void> {
  if (typeof WeakRef !== "function") {
    // Cloudflare Workers before compatibility_date 2025-05-05 hide WeakRef.
    throw new Error(
      "torchlet needs WeakRef, which this runtime does not provide " +
        '(Cloudflare Workers: set compatibility_date to "2025-05-05" or later, or the "enable_weak_ref" compatibility flag)',
    );
  }
  const requested = opts.threads ?? 1;
  let source = opts.wasm;
  let threaded: Threaded | { reason: string } | null = null;
  if (requested > 1) {
    // Threads need the binary's bytes (src/threads/sharedModule.ts).
    source = source === undefined ? await defaultBinary(pickSimd(opts.simd ?? "auto")) : await readable(source);
    threaded = await startThreads(requested, source instanceof WebAssembly.Module ? null : toBytes(source), imports);
  }
  const running = threaded !== null && "pool" in threaded ? threaded : null;
  const instance =
    running?.instance ?? (await WebAssembly.instantiate(await compile({ ...opts, wasm: source }), imports()));
  const exports = instance.exports as unknown as WasmExports;
  const memory = exports.memory;
  // The budget is checked against the memory the instance starts with, before it becomes the runtime.
  const pages = budgetPages(opts.maxMemory);
  if (pages * PAGE < memory.buffer.byteLength) {
    running?.pool.close();
    throw new RangeError(
      `init(options): maxMemory must be at least ${memory.buffer.byteLength} bytes (the memory the kernels start with), but got ${opts.maxMemory}`,
    );
  }
  if (typeof exports.setMemoryLimit === "function") (exports.setMemoryLimit as (pages: number) => number)(pages);
  else if (opts.maxMemory !== undefined)
    throw new Error(
      "init({ maxMemory }): this binary has no memory limit (setMemoryLimit); rebuild it or leave maxMemory out",
    );
  const r: Runtime = {
    exports,
    memory,
    generation: ++generation,
    simd: exports.simdLevel() === 2 ? "relaxed" : "baseline",
    scratch: exports.scratchPtr(),
    scratchBytes: exports.scratchBytes(),
  };
  threads = running?.pool.threads ?? 1;
  threadsRequested = requested;
  threadsUnavailable = threaded !== null && "reason" in threaded ? threaded.reason : undefined;
  setRuntime(r);
  // The old pool (if any) belongs to the old memory: end its workers.
  setPool(running?.pool ?? null)?.close();
}

/** Compiles the binary the options ask for. */
async function compile(opts: InitOptions): Promise<WebAssembly.Module> {
  if (opts.wasm !== undefined) return toModule(opts.wasm);
  return toModule(await defaultBinary(pickSimd(opts.simd ?? "auto")));
}

// The smallest modules that need SIMD and relaxed SIMD (after GoogleChromeLabs'
// wasm-feature-detect): validating them asks the engine about the feature
// without decoding either of our binaries. Node 20 answers "no" to relaxed SIMD
// unless started with --experimental-wasm-relaxed-simd; that is the quiet
// fallback to the baseline binary.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15,
  253, 128, 2, 11,
]);

/** Whether this engine validates relaxed-SIMD code (what `simd: "auto"` asks). */
export const relaxedSimdSupported = (): boolean => WebAssembly.validate(RELAXED_PROBE);

function pickSimd(simd: "auto" | "relaxed" | "baseline"): "relaxed" | "baseline" {
  if (!WebAssembly.validate(SIMD_PROBE)) {
    throw new Error("torchlet needs WebAssembly SIMD (fixed-width 128-bit), which this engine does not support");
  }
  if (simd === "baseline") return "baseline";
  if (relaxedSimdSupported()) return "relaxed";
  if (simd === "relaxed") {
    throw new Error(
      'init({ simd: "relaxed" }): this engine does not support relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd)',
    );
  }
  return "baseline";
}

async function toModule(src: WasmSource): Promise<WebAssembly.Module> {
  if (src instanceof WebAssembly.Module) return src;
  if (ArrayBuffer.isView(src) || src instanceof ArrayBuffer) return compileBytes(src as BufferSource);
  if (src instanceof URL)
    return src.protocol === "file:" && nodeFs()
      ? compileBytes(nodeFs()!.readFileSync(src))
      : fromResponse(fetch(src), src.href);
  if (src !== null && typeof src === "object" && "then" in src) return fromResponse(src, "");
  if (isResponse(src)) return fromResponse(src, "");
  throw new TypeError(
    "init({ wasm }): expected a WebAssembly.Module, bytes (ArrayBuffer or a typed array), a URL or a Response",
  );
}

const isResponse = (r: unknown): r is Response =>
  r !== null && typeof r === "object" && typeof (r as Response).arrayBuffer === "function" && "ok" in r;

async function fromResponse(pending: Response | PromiseLike<Response>, href: string): Promise<WebAssembly.Module> {
  const res = await okResponse(pending, href);
  // Streaming compilation overlaps download and compile, but insists on the
  // wasm MIME type; anything else is read whole.
  const streaming = (res.headers?.get("content-type") ?? "").split(";")[0]!.trim() === "application/wasm";
  if (streaming && typeof WebAssembly.compileStreaming === "function")
    return explain(() => WebAssembly.compileStreaming(res));
  return compileBytes(await res.arrayBuffer());
}

async function okResponse(pending: Response | PromiseLike<Response>, href: string): Promise<Response> {
  const res = await pending;
  if (!isResponse(res))
    throw new TypeError("init({ wasm }): expected a WebAssembly.Module, bytes, a URL or a Response");
  const where = href || res.url || "the response";
  if (!res.ok) throw new Error(`init({ wasm }): fetching ${where} failed with HTTP ${res.status}`);
  return res;
}

/** A URL or Response source read into bytes (the threaded path patches them); other sources as they are. */
async function readable(src: WasmSource): Promise<WasmSource> {
  if (src instanceof URL) {
    if (src.protocol === "file:" && nodeFs()) return nodeFs()!.readFileSync(src);
    return new Uint8Array(await (await okResponse(fetch(src), src.href)).arrayBuffer());
  }
  if (src !== null && typeof src === "object" && ("then" in src || isResponse(src))) {
    return new Uint8Array(await (await okResponse(src as Response | PromiseLike<Response>, "")).arrayBuffer());
  }
  return src;
}

function toBytes(src: WasmSource): Uint8Array | null {
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  if (ArrayBuffer.isView(src)) return new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  return null;
}

function compileBytes(bytes: BufferSource): Promise<WebAssembly.Module> {
  return explain(() => WebAssembly.compile(bytes));
}

/** Runs a compile, turning an embedder's refusal (workerd) into advice. */
async function explain(f: () => Promise<WebAssembly.Module>): Promise<WebAssembly.Module> {
  try {
    return await f();
  } catch (e) {
    if (/disallowed by embedder/i.test(String((e as Error)?.message))) {
      throw new Error(
        "torchlet: this runtime does not allow compiling WebAssembly from bytes (Cloudflare workerd refuses it). " +
          'Import torchlet under the "workerd" export condition (wrangler does), or import torchlet\'s .wasm file ' +
          "as a module and pass it: init({ wasm })",
        { cause: e },
      );
    }
    if (e instanceof WebAssembly.CompileError) {
      throw new Error(`init({ wasm }): not a WebAssembly module torchlet can run (${e.message})`, { cause: e });
    }
    throw e;
  }
}

type NodeFs = { readFileSync(path: URL): Uint8Array<ArrayBuffer> };
/**
 * Node's fs, reached without an import (so no bundle for a browser ever sees
 * one): process.getBuiltinModule exists in Node >= 20.16 and Bun. Only file:
 * URLs use it; Deno and browsers fetch them.
 */
function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
}

function imports(memory?: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      ...(memory ? { memory } : {}),
      abort(msg: number, file: number, line: number, col: number): never {
        throw new Error(`torchlet: wasm kernel aborted at ${line}:${col} (message ${msg}, file ${file})`);
      },
    },
  };
}

/** What is running: SIMD flavour, thread count, memory size. */
export function backendInfo(): BackendInfo {
  const r = runtime();
  return {
    simd: r.simd,
    threads,
    threadsRequested,
    ...(threadsUnavailable === undefined ? {} : { threadsUnavailable }),
    generation: r.generation,
    wasmBytes: r.memory.buffer.byteLength,
    maxMemory:
      typeof r.exports.memoryLimit === "function" ? (r.exports.memoryLimit as () => number)() : MAX_PAGES * PAGE,
  };
}

export { isInitialised };
