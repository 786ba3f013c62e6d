// A pool of worker threads that run kernels of the one wasm module over the
// one shared memory. The calling thread posts a task per worker in its
// control block (control.ts), runs its own share, then waits for the others:
// Atomics on shared memory, no messages per task. Workers poll briefly
// before sleeping in Atomics.wait, so back-to-back kernels do not pay a
// wake-up each.
//
// Workers come from node:worker_threads where the runtime has it (Node,
// Deno, Bun: reached through process.getBuiltinModule, so no bundle ever
// imports a node builtin) and are unref'd: a program ends when its own work
// does, with no call to make. Elsewhere (browsers) they are Web Workers
// started from a blob: URL. Either way their code is workerSource.ts.

import type { WasmExports } from "../wasm/abi.js";
import { CTL, DATA, DATA_BYTES } from "./control.js";
import { workerSource } from "./workerSource.js";

type Kernel = (...args: number[]) => unknown;

interface WorkerHandle {
  post(message: unknown): void;
  /** Resolves with the worker's next message; rejects on a worker error. */
  next(): Promise<Record<string, unknown>>;
  terminate(): void;
}

type NodeWorker = {
  postMessage(m: unknown): void;
  once(event: string, f: (v: unknown) => void): void;
  off(event: string, f: (v: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
};
type WorkerThreads = { Worker: new (src: string, opts: { eval: boolean }) => NodeWorker };

const getBuiltin = (id: string): unknown =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id);

function nodeWorker(wt: WorkerThreads): WorkerHandle {
  const w = new wt.Worker(workerSource, { eval: true });
  w.unref();
  return {
    post: (m) => w.postMessage(m),
    next: () =>
      new Promise((resolve, reject) => {
        const onError = (e: unknown): void => reject(e);
        w.once("error", onError);
        w.once("message", (m) => {
          w.off("error", onError);
          resolve(m as Record<string, unknown>);
        });
      }),
    terminate: () => void w.terminate(),
  };
}

function webWorker(): WorkerHandle {
  const url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  const w = new Worker(url);
  URL.revokeObjectURL(url);
  (w as unknown as { unref?: () => void }).unref?.();
  return {
    post: (m) => w.postMessage(m),
    next: () =>
      new Promise((resolve, reject) => {
        w.onmessage = (e) => resolve(e.data as Record<string, unknown>);
        w.onerror = (e) => {
          e.preventDefault?.();
          reject(new Error(e.message || "worker failed to start"));
        };
      }),
    terminate: () => w.terminate(),
  };
}

/**
 * Why worker threads cannot run here, or null when they can. Checked before
 * anything is started, so init() falls back to one thread with a reason.
 */
export function threadsUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Worker?: unknown };
  if (g.crossOriginIsolated === false) {
    return "the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so SharedArrayBuffer is unavailable";
  }
  if (typeof g.SharedArrayBuffer !== "function") return "SharedArrayBuffer is not available in this runtime";
  if (typeof Atomics !== "object" || typeof Atomics.wait !== "function") return "Atomics.wait is not available in this runtime";
  if (!getBuiltin("node:worker_threads") && typeof g.Worker !== "function") {
    return "this runtime has no worker threads (neither node:worker_threads nor Worker)";
  }
  return null;
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

const START_TIMEOUT_MS = 30_000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class Pool {
  /** Threads that run kernels: the workers and the calling thread. */
  readonly threads: number;
  private readonly index = new Map<unknown, number>();
  private readonly names: readonly string[];
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly blocking = mayBlock();
  private seq = 0;
  private closed = false;
  /** Tasks run so far (each split kernel counts once): lets tests see that a split happened. */
  tasks = 0;

  private constructor(
    private readonly workers: WorkerHandle[],
    exports: WasmExports,
    names: readonly string[],
    memory: WebAssembly.Memory,
    /** Byte address of worker 0's control block; the others follow every `stride` bytes. */
    private readonly base: number,
    private readonly stride: number,
  ) {
    this.threads = workers.length + 1;
    this.names = names;
    names.forEach((n, i) => this.index.set(exports[n], i));
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  /**
   * Starts `count` workers on `module` over `memory` and waits until each has
   * instantiated it and is serving. `exports` is the calling thread's
   * instance, which allocates the control blocks (after every worker has
   * instantiated: see workerSource.ts).
   */
  static async start(module: WebAssembly.Module, memory: WebAssembly.Memory, exports: WasmExports, count: number): Promise<Pool> {
    const wt = getBuiltin("node:worker_threads") as WorkerThreads | undefined;
    const workers: WorkerHandle[] = [];
    try {
      for (let i = 0; i < count; i++) workers.push(wt ? nodeWorker(wt) : webWorker());
      const answers = workers.map((w) => withTimeout(w.next(), "a worker thread"));
      for (const w of workers) w.post({ module, memory });
      for (const a of await Promise.all(answers)) {
        if (!a.ready) throw new Error(`a worker thread could not instantiate the kernels: ${String(a.error)}`);
      }
      const names = Object.keys(exports).filter((k) => typeof exports[k] === "function");
      const stride = DATA + DATA_BYTES + (exports.thread_scratch_bytes as () => number)();
      const base = (exports.alloc(stride * count) as number) >>> 0;
      if (base === 0) throw new Error("no memory for the worker threads' control blocks");
      new Uint8Array(memory.buffer, base, stride * count).fill(0);
      workers.forEach((w, i) => w.post({ ctl: base + i * stride, scratch: base + i * stride + DATA + DATA_BYTES, names }));
      return new Pool(workers, exports, names, memory, base, stride);
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
  }

  /** Whether `fn` is one of the module's exports (which workers can run). */
  has(fn: unknown): boolean {
    return this.index.has(fn);
  }

  /** Byte address of worker `i`'s task argument block (DATA_BYTES long). */
  data(i: number): number {
    return this.base + i * this.stride + DATA;
  }

  /**
   * Runs `fn` on worker i with arguments `parts[i]` (at most threads - 1
   * parts) while `mine` runs here, and waits for all. Returns the largest
   * number any part returned (kernels return flags and counts), else undefined.
   */
  run(fn: Kernel, parts: readonly (readonly number[])[], mine: () => unknown): unknown {
    if (this.closed) throw new Error("torchlet: the worker threads have been shut down");
    const f = this.index.get(fn)!;
    const seq = ++this.seq | 0;
    this.tasks++;
    for (let i = 0; i < parts.length; i++) {
      const args = parts[i]!;
      const w = (this.base + i * this.stride) >>> 2;
      this.i32[w + CTL.FN] = f;
      this.i32[w + CTL.ARGC] = args.length;
      for (let j = 0; j < args.length; j++) this.f64[(w >>> 1) + CTL.ARGS + j] = args[j]!;
      Atomics.store(this.i32, w + CTL.SEQ, seq);
      Atomics.notify(this.i32, w + CTL.SEQ);
    }
    let result: unknown, error: unknown, failed = false;
    try {
      result = mine();
    } catch (e) {
      error = e;
      failed = true;
    }
    // Wait for every worker even when our part threw: they write memory the caller may free next.
    let workerFailed = false;
    for (let i = 0; i < parts.length; i++) {
      const w = (this.base + i * this.stride) >>> 2;
      for (let spin = 0; ; spin++) {
        const done = Atomics.load(this.i32, w + CTL.DONE);
        if (done === seq) break;
        if (this.blocking && spin > 1000) Atomics.wait(this.i32, w + CTL.DONE, done, 50);
      }
      if (this.i32[w + CTL.STATUS] !== 0) workerFailed = true;
      const r = this.f64[(w >>> 1) + CTL.RET]!;
      if (!Number.isNaN(r)) result = typeof result === "number" ? Math.max(result, r) : r;
    }
    if (failed) throw error;
    if (workerFailed) throw new Error(`torchlet: kernel ${this.names[f]} failed on a worker thread`);
    return result;
  }

  /** Ends the workers (they finish their current task first). The pool cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.workers.forEach((w, i) => {
      const c = (this.base + i * this.stride) >>> 2;
      this.i32[c + CTL.FN] = -1;
      Atomics.store(this.i32, c + CTL.SEQ, ++this.seq | 0);
      Atomics.notify(this.i32, c + CTL.SEQ);
      w.terminate();
    });
  }
}
