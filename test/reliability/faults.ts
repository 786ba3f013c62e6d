// Fault injection for out-of-memory paths: the runtime's exports are swapped
// for a copy whose `alloc` counts calls and answers 0 (what the allocator
// answers when memory cannot grow) at the k-th one. Every allocation goes
// through abi.alloc -> exports.alloc, so this reaches every op's every buffer.

import * as abi from "../../src/wasm/abi.js";

/**
 * Runs `fn` with allocation number `failAt` (0-based) failing (-1: none
 * fails). Returns how many allocations were asked for, and fn's result or error.
 */
export function withFailingAlloc<T>(failAt: number, fn: () => T): { calls: number; result?: T; error?: unknown } {
  const r = abi.runtime();
  const real = r.exports;
  let calls = 0;
  // The instance's exports object is frozen: make a plain copy with our alloc.
  r.exports = Object.assign(Object.create(null) as object, real, {
    alloc(bytes: number): number {
      return calls++ === failAt ? 0 : real.alloc(bytes);
    },
  }) as typeof real;
  let result: T | undefined;
  let error: unknown;
  let threw = false;
  try {
    result = fn();
  } catch (e) {
    threw = true;
    error = e;
  } finally {
    r.exports = real;
  }
  return threw ? { calls, error } : { calls, result };
}
