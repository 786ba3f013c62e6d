// The one portable loader: the same code path in Node, Deno, Bun, browsers and
// edge workers. With no options it uses the binaries inlined into the bundle
// (no fs, no fetch, no network); `init({ wasm })` takes a compiled
// WebAssembly.Module (workerd, which forbids compiling from bytes), bytes, a
// URL or a Response.

import { runtime, setRuntime, isInitialised, type Runtime, type WasmExports } from "./abi.js";
import { defaultBinary } from "./binaries.js";

export type WasmSource = WebAssembly.Module | BufferSource | URL | Response | PromiseLike<Response>;

export interface InitOptions {
  /** The binary to run; defaults to the one inlined in the package. */
  wasm?: WasmSource;
  /** Worker threads for large kernels (1 = run on the calling thread). */
  threads?: number;
  /** "auto" picks the relaxed-SIMD binary where the engine validates it. */
  simd?: "auto" | "relaxed" | "baseline";
}

export interface BackendInfo {
  simd: "relaxed" | "baseline";
  threads: number;
  generation: number;
  wasmBytes: number;
}

let pending: Promise<void> | null = null;
let pendingKey = "";
let generation = 0;
let threads = 1;

const optionKeys = new Set(["wasm", "threads", "simd"]);

function checkOptions(options: unknown): InitOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") throw new TypeError(`init(options): options must be an object, but got ${typeof options}`);
  for (const k of Object.keys(options)) {
    if (!optionKeys.has(k)) throw new TypeError(`init(options): unknown option "${k}" (expected wasm, threads, simd)`);
  }
  const o = options as InitOptions;
  if (o.simd !== undefined && !["auto", "relaxed", "baseline"].includes(o.simd)) {
    throw new TypeError(`init(options): simd must be "auto", "relaxed" or "baseline", but got ${JSON.stringify(o.simd)}`);
  }
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) {
    throw new TypeError(`init(options): threads must be a positive integer, but got ${String(o.threads)}`);
  }
  return o;
}

/**
 * Loads and instantiates the kernels. Idempotent: calling it again with the
 * same options returns the same promise; different options start a new
 * generation (tensors of the old one then refuse to be used).
 */
export function init(options?: InitOptions): Promise<void> {
  let opts: InitOptions;
  try {
    opts = checkOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  const key = `${opts.simd ?? "auto"}|${opts.threads ?? 1}`;
  if (pending !== null && opts.wasm === undefined && key === pendingKey) return pending;
  pendingKey = key;
  const p = load(opts);
  pending = p;
  p.catch(() => {
    if (pending === p) pending = null;
  });
  return p;
}

async function load(opts: InitOptions): Promise<void> {
  const module = await compile(opts);
  const instance = await WebAssembly.instantiate(module, imports());
  const exports = instance.exports as unknown as WasmExports;
  const memory = exports.memory;
  const r: Runtime = {
    exports,
    memory,
    generation: ++generation,
    simd: exports.simdLevel() === 2 ? "relaxed" : "baseline",
    scratch: exports.scratchPtr(),
    scratchBytes: exports.scratchBytes(),
  };
  threads = opts.threads ?? 1;
  setRuntime(r);
}

/** Compiles the binary the options ask for. */
async function compile(opts: InitOptions): Promise<WebAssembly.Module> {
  const src = opts.wasm;
  if (src instanceof WebAssembly.Module) return src;
  if (src !== undefined) return WebAssembly.compile(await bytesOf(src));
  const simd = opts.simd ?? "auto";
  if (simd !== "baseline") {
    const relaxed = defaultBinary("relaxed");
    if (WebAssembly.validate(relaxed)) return WebAssembly.compile(relaxed);
    if (simd === "relaxed") throw new Error("init({ simd: \"relaxed\" }): this engine does not support relaxed SIMD");
  }
  const base = defaultBinary("baseline");
  if (!WebAssembly.validate(base)) {
    throw new Error("torchlet needs WebAssembly SIMD (fixed-width 128-bit), which this engine does not support");
  }
  return WebAssembly.compile(base);
}

async function bytesOf(src: unknown): Promise<BufferSource> {
  if (src instanceof URL) {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`init({ wasm }): fetching ${src.href} failed with HTTP ${res.status}`);
    return res.arrayBuffer();
  }
  if (ArrayBuffer.isView(src) || src instanceof ArrayBuffer) return src as BufferSource;
  const res = await (src as PromiseLike<Response>);
  if (typeof (res as Response).arrayBuffer !== "function") {
    throw new TypeError("init({ wasm }): expected a WebAssembly.Module, bytes, a URL or a Response");
  }
  return (res as Response).arrayBuffer();
}

function imports(): WebAssembly.Imports {
  return {
    env: {
      abort(msg: number, file: number, line: number, col: number): never {
        throw new Error(`torchlet: wasm kernel aborted at ${line}:${col} (message ${msg}, file ${file})`);
      },
    },
  };
}

/** What is running: SIMD flavour, thread count, memory size. */
export function backendInfo(): BackendInfo {
  const r = runtime();
  return { simd: r.simd, threads, generation: r.generation, wasmBytes: r.memory.buffer.byteLength };
}

export { isInitialised };
