// The allocator and tensor lifetimes: blocks never overlap and stay aligned,
// freed memory is reused, bad frees are loud, tidy/dispose free what they
// should and nothing else, out-of-memory is a catchable error.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../src/index.js";
import * as abi from "../src/wasm/abi.js";

const ex = () => abi.runtime().exports;

describe("allocator", () => {
  test("random alloc/free sequences: aligned, disjoint, heap invariants hold, memory reused", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ alloc: fc.integer({ min: 0, max: 70_000 }) }), fc.record({ free: fc.nat() })), {
          maxLength: 200,
        }),
        (ops) => {
          const live: { ptr: number; size: number }[] = [];
          const before = ex().bytesInUse();
          for (const op of ops) {
            if ("alloc" in op) {
              const ptr = abi.alloc(op.alloc);
              expect(ptr % 16).toBe(0);
              expect(ex().blockSize(ptr)).toBeGreaterThanOrEqual(op.alloc);
              for (const b of live) {
                const disjoint = ptr + op.alloc <= b.ptr || b.ptr + b.size <= ptr;
                expect(disjoint).toBe(true);
              }
              live.push({ ptr, size: op.alloc });
            } else if (live.length > 0) {
              const [b] = live.splice(op.free % live.length, 1);
              abi.free(b!.ptr);
            }
          }
          expect(ex().checkHeap()).toBeGreaterThanOrEqual(0);
          for (const b of live) abi.free(b.ptr);
          expect(ex().bytesInUse()).toBe(before);
          expect(ex().checkHeap()).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  test("a freed block is reused and the heap does not grow in a steady alloc/free loop", () => {
    const p = abi.alloc(100_000);
    abi.free(p);
    const size = ex().memory.buffer.byteLength;
    for (let i = 0; i < 1000; i++) abi.free(abi.alloc(1000 + (i % 50) * 1000));
    expect(ex().memory.buffer.byteLength).toBe(size);
  });

  test("fragmentation stays bounded: interleaved frees coalesce into one large block", () => {
    const ptrs = Array.from({ length: 64 }, () => abi.alloc(4096));
    for (let i = 0; i < 64; i += 2) abi.free(ptrs[i]!);
    for (let i = 1; i < 64; i += 2) abi.free(ptrs[i]!);
    const size = ex().memory.buffer.byteLength;
    const big = abi.alloc(64 * 4096); // fits in the coalesced space
    expect(ex().memory.buffer.byteLength).toBe(size);
    abi.free(big);
  });

  test("memory grows geometrically: a heap filled block by block grows a few dozen times, not once per block", () => {
    // A memory.grow often costs the host a full GC (V8), as slow as the JS
    // heap is large: growing page by page made every step of a leaking loop slower.
    const ptrs: number[] = [];
    let buf = ex().memory.buffer,
      grows = 0;
    for (let i = 0; i < 2000; i++) {
      ptrs.push(abi.alloc(65536));
      if (ex().memory.buffer !== buf) {
        grows++;
        buf = ex().memory.buffer;
      }
    }
    expect(ex().memory.buffer.byteLength).toBeGreaterThan(2000 * 65536);
    expect(grows).toBeLessThan(60);
    for (const p of ptrs) abi.free(p);
    expect(ex().checkHeap()).toBeGreaterThanOrEqual(0);
  });

  test("double and foreign frees are detected", () => {
    const p = abi.alloc(64);
    abi.free(p);
    expect(() => abi.free(p)).toThrow(/double free/);
    expect(() => abi.free(p + 16)).toThrow(/never allocated/);
    expect(() => abi.free(12345)).toThrow(/never allocated/);
    expect(ex().checkHeap()).toBeGreaterThanOrEqual(0);
  });

  test("an allocation past the wasm maximum throws a catchable Error with the byte count; torchlet keeps working", () => {
    const before = torch.memory();
    expect(() => torch.empty(1_200_000_000)).toThrow(
      /out of memory: could not allocate 4800000000 bytes|limit of 2\^32/,
    );
    expect(() => abi.alloc(3_900_000_000)).toThrow(/could not allocate 3900000000 bytes/);
    expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
    expect(String(torch.ones(2).add(1))).toBe("tensor([2., 2.])");
  });
});

describe("tensor lifetimes", () => {
  test("dispose frees storage once the last view goes; double dispose is harmless; use after dispose throws", () => {
    const base = torch.memory().bytesInUse;
    const a = torch.ones(1000);
    const v = a.view(10, 100);
    a.dispose();
    expect(torch.memory().bytesInUse).toBeGreaterThan(base);
    expect(torch.tidy(() => String(v.sum()))).toBe("tensor(1000.)");
    v.dispose();
    v.dispose();
    expect(torch.memory().bytesInUse).toBe(base);
    expect(() => v.add(1)).toThrow(/disposed/);
  });

  test("`using` disposes at the end of the block", () => {
    const base = torch.memory().bytesInUse;
    {
      using t = torch.zeros(256);
      expect(torch.memory().bytesInUse).toBeGreaterThan(base);
      void t;
    }
    expect(torch.memory().bytesInUse).toBe(base);
  });

  test("tidy frees everything made inside except what is returned (also in arrays and objects) and owned grads", () => {
    const before = torch.memory();
    const w = torch.ones(3, { requiresGrad: true });
    const kept = torch.tidy(() => {
      const x = torch.ones(3).mul(2);
      const loss = x.mul(w).sum();
      loss.backward();
      return { a: [x.add(1)], b: loss.detach() };
    });
    expect(String(kept.a[0])).toBe("tensor([3., 3., 3.])");
    expect(String(w.grad)).toBe("tensor([2., 2., 2.])");
    torch.dispose([kept, w]);
    expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
    expect(torch.memory().tensors).toBe(before.tensors);
  });

  test("1,000 forward/backward steps under tidy leave no memory behind", () => {
    const w = torch.full([4, 3], 0.5, { requiresGrad: true });
    const x = torch.ones(4);
    w.mul(x.unsqueeze(1)).sum().backward();
    const start = torch.memory();
    for (let i = 0; i < 1000; i++) {
      torch.tidy(() => {
        const y = x.unsqueeze(1).mul(w).sum(0).exp().mean();
        y.backward();
        torch.noGrad(() => w.grad!.mul(0));
      });
    }
    expect(torch.memory().bytesInUse).toBe(start.bytesInUse);
    expect(torch.memory().tensors).toBe(start.tensors);
    torch.dispose([w, x]);
  });

  test("backward frees saved tensors; disposing the outputs frees the graph", () => {
    const base = torch.memory();
    const x = torch.ones(100, { requiresGrad: true });
    const y = torch.tidy(() => x.exp().mul(x).sum()); // intermediates go, the graph stays
    y.backward();
    y.dispose();
    x.dispose();
    expect(torch.memory().bytesInUse).toBe(base.bytesInUse);
    const a = torch.ones(100, { requiresGrad: true });
    const b = torch.tidy(() => a.exp().mul(a).sum()); // never backwarded
    expect(torch.memory().bytesInUse).toBeGreaterThan(base.bytesInUse + 800); // a, exp(a) saved, b
    b.dispose();
    a.dispose();
    expect(torch.memory().bytesInUse).toBe(base.bytesInUse);
    expect(torch.memory().tensors).toBe(base.tensors);
  });

  test("memory() reports tensors, bytes in use, peak and the wasm size", () => {
    const m = torch.memory();
    expect(m.wasmBytes % 65536).toBe(0);
    expect(m.peakBytes).toBeGreaterThanOrEqual(m.bytesInUse);
    const t = torch.zeros(1000);
    expect(torch.memory().tensors).toBe(m.tensors + 1);
    expect(torch.memory().bytesInUse).toBe(m.bytesInUse + 4000);
    t.dispose();
  });
});

describe("init", () => {
  test("is idempotent", async () => {
    const gen = torch.backendInfo().generation;
    await torch.init();
    await torch.init();
    expect(torch.backendInfo().generation).toBe(gen);
  });

  test("rejects unknown options", async () => {
    await expect(torch.init({ nope: 1 } as never)).rejects.toThrow(/unknown option "nope"/);
    await expect(torch.init({ simd: "fast" } as never)).rejects.toThrow(/simd must be/);
  });
});
