// A pool of worker threads that run kernels of the one wasm module over the
// one shared memory. A task is a kernel over fixed chunks (parallel.ts cuts
// them); the calling thread posts it in the control block (control.ts),
// wakes the workers, and every thread, itself included, claims chunks until
// none is left: Atomics on shared memory, no messages per task. Which thread
// runs a chunk never changes its result. Workers poll briefly before
// sleeping in Atomics.wait, so back-to-back kernels do not pay a wake-up each.
//
// Workers come from node:worker_threads where the runtime has it (Node,
// Deno, Bun: reached through process.getBuiltinModule, so no bundle ever
// imports a node builtin) and are unref'd: a program ends when its own work
// does, with no call to make. Elsewhere (browsers) they are Web Workers
// started from a blob: URL. Either way their code is workerSource.ts.

import type { WasmExports } from "../wasm/abi.js";
import { CONTROL_BYTES, CTL, DATA, DATA_BYTES, claimWord } from "./control.js";
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
  if (typeof Atomics !== "object" || typeof Atomics.wait !== "function")
    return "Atomics.wait is not available in this runtime";
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
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
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
  /** Tasks and chunks run so far, and chunks the calling thread ran: lets tests see splits and workers at work. */
  tasks = 0;
  chunks = 0;
  ranHere = 0;

  private constructor(
    private readonly workers: WorkerHandle[],
    exports: WasmExports,
    names: readonly string[],
    memory: WebAssembly.Memory,
    /** Byte address of the control block (control.ts). */
    private readonly ctl: number,
  ) {
    this.threads = workers.length + 1;
    this.names = names;
    names.forEach((n, i) => this.index.set(exports[n], i));
    this.i32 = new Int32Array(memory.buffer, ctl, CTL.TABLE * 2);
    this.f64 = new Float64Array(memory.buffer, ctl, CTL.TABLE + CTL.MAX_CHUNKS * CTL.SLOT);
  }

  /**
   * Starts `count` workers on `module` over `memory` and waits until each has
   * instantiated it and is serving. `exports` is the calling thread's
   * instance, which allocates the control block and the workers' working
   * memory (after every worker has instantiated: see workerSource.ts).
   */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    exports: WasmExports,
    count: number,
  ): Promise<Pool> {
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
      const scratch = ((exports.thread_scratch_bytes as () => number)() + 15) & ~15;
      const ctl = (exports.alloc(CONTROL_BYTES + scratch * count) as number) >>> 0;
      if (ctl === 0) throw new Error("no memory for the worker threads' control block");
      new Uint8Array(memory.buffer, ctl, CONTROL_BYTES + scratch * count).fill(0);
      workers.forEach((w, i) => w.post({ ctl, scratch: ctl + CONTROL_BYTES + i * scratch, names }));
      return new Pool(workers, exports, names, memory, ctl);
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
  }

  /** Whether `fn` is one of the module's exports (which workers can run). */
  has(fn: unknown): boolean {
    return this.index.has(fn);
  }

  /** Byte address of chunk `c`'s argument block (DATA_BYTES long). */
  data(c: number): number {
    return this.ctl + DATA + c * DATA_BYTES;
  }

  /**
   * Runs `fn` once per entry of `chunks` (its arguments; at most MAX_CHUNKS),
   * on whichever threads claim them first, the calling thread included, and
   * returns when all have run: the largest number any chunk returned
   * (kernels return flags and counts), else undefined. A worker that is slow
   * to wake (a busy machine) leaves its chunks to the others, so a split
   * kernel is never much slower than one thread. Sleeping workers are woken
   * only when `wake` is set; polling ones join in either way.
   */
  run(fn: Kernel, chunks: readonly (readonly number[])[], wake = true): unknown {
    if (this.closed) throw new Error("torchlet: the worker threads have been shut down");
    const n = chunks.length,
      argc = chunks[0]!.length;
    const seq = (this.seq = (this.seq + 1) & CTL.CLAIM_SEQ_MASK) || (this.seq = 1);
    const { i32, f64 } = this;
    i32[CTL.FN] = this.index.get(fn)!;
    i32[CTL.ARGC] = argc;
    i32[CTL.CHUNKS] = n;
    i32[CTL.DONE] = 0;
    i32[CTL.FAILED] = 0;
    for (let c = 0; c < n; c++) {
      const args = chunks[c]!,
        base = CTL.TABLE + c * CTL.SLOT;
      for (let j = 0; j < argc; j++) f64[base + j] = args[j]!;
      f64[base + CTL.MAX_ARGS] = NaN;
    }
    Atomics.store(i32, CTL.CLAIM, claimWord(seq, n));
    Atomics.store(i32, CTL.SEQ, seq);
    if (wake) Atomics.notify(i32, CTL.SEQ);
    this.tasks++;
    this.chunks += n;
    // Claim chunks here too, until none is left.
    let error: unknown,
      failed = false;
    for (;;) {
      const w = Atomics.load(i32, CTL.CLAIM);
      if ((w & CTL.CLAIM_INDEX) >= n) break;
      if (Atomics.compareExchange(i32, CTL.CLAIM, w, w + 1) !== w) continue;
      const c = w & CTL.CLAIM_INDEX;
      this.ranHere++;
      try {
        const r = fn(...chunks[c]!);
        if (typeof r === "number") f64[CTL.TABLE + c * CTL.SLOT + CTL.MAX_ARGS] = r;
      } catch (e) {
        if (!failed) error = e;
        failed = true;
      }
      Atomics.add(i32, CTL.DONE, 1);
    }
    // Wait for the chunks workers claimed (they write memory the caller may free
    // next): polling for up to CALLER_SPIN_MS, about a chunk's length, then
    // asleep. The caller has nothing else to do, and sleeping puts a wake-up
    // on the critical path of every split kernel whose last chunk ran on a
    // worker (control.ts has the measurement).
    let until = 0;
    for (let spin = 0; ; spin++) {
      const done = Atomics.load(i32, CTL.DONE);
      if (done >= n) break;
      if (!this.blocking || (spin & 255) !== 255) continue;
      const now = performance.now();
      if (until === 0) until = now + CTL.CALLER_SPIN_MS;
      else if (now > until) Atomics.wait(i32, CTL.DONE, done, 50);
    }
    if (failed) throw error;
    if (i32[CTL.FAILED] !== 0)
      throw new Error(`torchlet: kernel ${this.names[i32[CTL.FN]!]} failed on a worker thread`);
    let result: unknown;
    for (let c = 0; c < n; c++) {
      const r = f64[CTL.TABLE + c * CTL.SLOT + CTL.MAX_ARGS]!;
      if (!Number.isNaN(r)) result = typeof result === "number" ? Math.max(result, r) : r;
    }
    return result;
  }

  /** Ends the workers (after the task in flight, if any). The pool cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const { i32 } = this;
    const seq = (this.seq + 1) & CTL.CLAIM_SEQ_MASK || 1;
    i32[CTL.FN] = -1;
    i32[CTL.CHUNKS] = this.workers.length;
    i32[CTL.DONE] = 0;
    Atomics.store(i32, CTL.CLAIM, claimWord(seq, this.workers.length));
    Atomics.store(i32, CTL.SEQ, seq);
    Atomics.notify(i32, CTL.SEQ);
    for (const w of this.workers) w.terminate();
  }
}
