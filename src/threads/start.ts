// init({ threads: n }) with n > 1: the threaded flavour of the binary
// (sharedModule.ts) instantiated here over a new shared memory, and a pool
// of n - 1 workers running it. Whatever stands in the way (no
// SharedArrayBuffer, a page that is not cross-origin isolated, no workers,
// a compiled Module instead of bytes) makes init() fall back to one thread
// and say why in backendInfo(); it never fails init().

import { Pool, threadsUnavailable } from "./pool.js";
import { sharedMemoryModule } from "./sharedModule.js";

export interface Threaded {
  instance: WebAssembly.Instance;
  memory: WebAssembly.Memory;
  pool: Pool;
}

/**
 * Starts the threaded runtime, or returns why it cannot run here.
 * `bytes` are the binary's bytes (null when only a compiled Module is at
 * hand); `imports(memory)` are the instance's imports.
 */
export async function startThreads(
  requested: number,
  bytes: Uint8Array | null,
  imports: (memory: WebAssembly.Memory) => WebAssembly.Imports,
): Promise<Threaded | { reason: string }> {
  const why = threadsUnavailable();
  if (why !== null) return { reason: why };
  const b = bytes;
  if (b === null) {
    return {
      reason:
        "init({ wasm }) was given a compiled WebAssembly.Module; threads need the binary's bytes (pass bytes, a URL or a Response)",
    };
  }
  let shared: ReturnType<typeof sharedMemoryModule>;
  let memory: WebAssembly.Memory;
  try {
    shared = sharedMemoryModule(b);
    memory = new WebAssembly.Memory({ initial: shared.limits.initial, maximum: shared.limits.maximum, shared: true });
  } catch (e) {
    return { reason: `could not make the shared-memory binary: ${(e as Error).message}` };
  }
  const module = await WebAssembly.compile(shared.bytes);
  const instance = await WebAssembly.instantiate(module, imports(memory));
  try {
    const pool = await Pool.start(module, memory, instance.exports as never, requested - 1);
    return { instance, memory, pool };
  } catch (e) {
    return { reason: `could not start worker threads: ${(e as Error).message}` };
  }
}
