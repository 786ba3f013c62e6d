// init({ threads }): results with worker threads are bit-identical to one
// thread's (matmul, elementwise, reductions, a training step), across shapes
// around the tile and block edges; where threads cannot run init() falls
// back to one and says why; init() stays idempotent; workers never keep a
// process alive.
//
// The split thresholds are lowered to 1 while the programs run, so every op
// with two or more parts is split, small shapes and edge tiles included; the
// pool's task counter shows that splits happened. Inputs are inexact
// (k / 997-like values), so any change of summation order would show.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test, vi } from "vitest";
import * as esbuild from "esbuild";
import * as torch from "../src/index.js";
import { SERIAL, THRESHOLDS, activePool, parallelFlat } from "../src/threads/parallel.js";
import * as abi from "../src/wasm/abi.js";
import type { Tensor } from "../src/index.js";
import { bytesOfTensor, trainSteps } from "./conformance/threads.js";

type T = typeof torch;

let seed = 0x9e3779b9;
function values(n: number, scale = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    out.push(((((seed >>> 0) % 1995) - 997) / 997) * scale);
  }
  return out;
}
const numel = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const f32 = (...shape: number[]): Tensor => torch.fromArray(new Float32Array(values(numel(shape))), shape);
const f64 = (...shape: number[]): Tensor => torch.fromArray(new Float64Array(values(numel(shape))), shape);
const i32 = (...shape: number[]): Tensor =>
  torch.fromArray(new Int32Array(values(numel(shape), 50).map(Math.round)), shape);

/** Each program returns tensors (or an error message); inputs are made inside, from a fixed seed. */
const programs: [string, (t: T) => Tensor | Tensor[] | string][] = [];
const add = (name: string, f: (t: T) => Tensor | Tensor[] | string): void => void programs.push([name, f]);

// ---- matmul: edge tiles, the MC/KC/NC block edges, layouts, batches, dtypes ----
for (const [m, k, n] of [
  [1, 1, 1],
  [3, 5, 7],
  [4, 8, 8],
  [5, 9, 17],
  [33, 65, 31],
  [64, 300, 96],
  [130, 257, 129],
  [9, 40, 1030],
] as const) {
  add(`mm f32 ${m}x${k}x${n}`, (t) => t.mm(f32(m, k), f32(k, n)));
  add(`mm f64 ${m}x${k}x${n}`, (t) => t.mm(f64(m, k), f64(k, n)));
  add(`mm f32 transposed ${m}x${k}x${n}`, (t) => [t.mm(f32(k, m).t(), f32(k, n)), t.mm(f32(m, k), f32(n, k).t())]);
}
add("mm i32 37x29x41", (t) => t.mm(i32(37, 29), i32(29, 41)));
add("bmm batch 3 (rows)", (t) => t.bmm(f32(3, 21, 13), f32(3, 13, 19)));
add("bmm batch 4 (batch entries)", (t) => t.bmm(f32(4, 21, 13), f32(4, 13, 19)));
add("matmul broadcast batch", (t) => t.matmul(f32(2, 1, 7, 5), f32(3, 5, 6)));
add("linear (addmm accumulates into the bias)", (t) => t.nn.functional.linear(f32(17, 30), f32(23, 30), f32(23)));
add("mv and dot stay on one thread", (t) => [t.mv(f32(70, 33), f32(33)), t.dot(f32(500), f32(500))]);

// ---- elementwise --------------------------------------------------------------
add("add 1-d 1000", (t) => t.add(f32(1000), f32(1000), { alpha: 0.3 }));
add("add broadcast 37x53 + 53", (t) => t.add(f32(37, 53), f32(53)));
add("mul 3-d broadcast", (t) => t.mul(f32(37, 1, 5), f32(1, 11, 5)));
add("div f64 1-d 777", (t) => t.div(f64(777), f64(777)));
add("unary f32 4097", (t) => {
  const x = f32(4097);
  return [t.exp(x), t.sin(x), t.tanh(x), t.sigmoid(x), t.sqrt(t.abs(x)), t.pow(x, 3)];
});
add("unary f64 4097 with huge sin arguments", (t) => {
  const x = t.mul(f64(4097), 3e6);
  return [t.sin(x), t.cos(x), t.exp(t.div(x, 1e6))];
});
add("copy of a transpose", (_t) => f32(45, 67).t().contiguous());
add("where and comparisons", (t) => {
  const a = f32(300, 7),
    b = f32(300, 7);
  return [t.where(t.lt(a, b), a, b), t.ge(a, 0)];
});
add("in place add_ and mul_", (_t) => {
  const a = f32(129, 31).clone();
  a.add_(f32(129, 31), { alpha: 2 });
  a.mul_(1.5);
  return a;
});
add("in place on a transposed view, reading itself", (_t) => {
  const a = f32(77, 45);
  a.t().mul_(a.t());
  return a;
});
/** The message `fn` throws, or "no error". */
function messageOf(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
}

add("casts", (t) => [t.mul(i32(1000), 0.5), t.zeros(1000, { dtype: "int32" }).copy_(t.mul(f32(1000), 40))]);
add("relu and gelu", (t) => [t.nn.functional.relu(f32(300, 9)), t.nn.functional.gelu(f32(300, 9))]);
add("gelu under autograd (the forward keeps its cdf for the backward), also on a transposed input", (t) => {
  const out: Tensor[] = [];
  for (const x of [f32(300, 9).requiresGrad_(), f32(9, 300).requiresGrad_()]) {
    const y = t.nn.functional.gelu(x.shape[0] === 9 ? x.t() : x);
    y.backward(f32(300, 9));
    out.push(y.detach(), x.grad!);
  }
  return out;
});
add("remainder by zero", (t) => messageOf(() => t.remainder(i32(1000), t.zeros(1000, { dtype: "int32" }))));
add("binary math (atan2, hypot, logaddexp, fmax, copysign, fmod, nan_to_num)", (t) => {
  const a = f32(37, 53),
    b = f32(53);
  return [
    t.atan2(a, b),
    t.hypot(a, b),
    t.logaddexp(a, b),
    t.fmax(a, b),
    t.copysign(a, b),
    t.fmod(f64(777), f64(777)),
    t.nanToNum(t.div(a, t.sub(b, b))),
  ];
});
add("fmod by zero", (t) => messageOf(() => t.fmod(i32(1000), t.zeros(1000, { dtype: "int32" }))));

// ---- reductions ------------------------------------------------------------------
add("sum dims", (t) => {
  const x = f32(300, 70);
  return [t.sum(x, { dim: 0 }), t.sum(x, { dim: 1 }), t.sum(x), t.mean(x, { dim: 0, keepdim: true })];
});
add("sum f32 dim 0: 512-aligned (2000 outputs) and 16-aligned (700) output ranges", (t) => [
  t.sum(f32(16, 2000), { dim: 0 }),
  t.sum(f32(40, 700), { dim: 0 }),
]);
add("sum f64 and i32", (t) => [
  t.sum(f64(7, 40, 9), { dim: [0, 2] }),
  t.sum(i32(60, 33), { dim: 0 }),
  t.sum(i32(60, 33), { dim: 1 }),
]);
add("sum of a transpose", (t) => t.sum(f32(90, 50).t(), { dim: 1 }));
add("prod, var, std", (t) => {
  const x = t.add(t.mul(f32(50, 33), 0.1), 1);
  return [t.prod(x, { dim: 1 }), t.var(x, { dim: 0 }), t.std(x, { dim: 1 }), t.var(f64(20, 30), { dim: 1 })];
});
add("max, min, argmax with ties and NaN", (t) => {
  const x = t.round(t.mul(f32(200, 37), 3));
  const y = t.where(t.gt(x, 2.5), t.full([200, 37], NaN), x);
  const mx = t.max(y, { dim: 1 }),
    mn = t.min(x, { dim: 0 });
  return [mx.values, mx.indices, mn.values, mn.indices, t.argmax(x, { dim: 0 }), t.amax(x, { dim: 1 })];
});
add("norms", (t) => {
  const x = f32(64, 45);
  return [t.norm(x, 2, 1), t.norm(x, 3, 0), t.norm(x, 1, 1)];
});

// ---- a training step ---------------------------------------------------------------
add("MLP SGD steps", (t) => {
  t.manualSeed(3);
  const model = new t.nn.Sequential(new t.nn.Linear(78, 40), new t.nn.ReLU(), new t.nn.Linear(40, 10));
  const opt = new t.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const x = f32(64, 78);
  const y = t.tensor(Array.from({ length: 64 }, (_, i) => (i * 7) % 10));
  const losses = trainSteps(t, model, opt, x, y, 3);
  return [...losses, ...model.parameters().map((p) => p.detach().clone())];
});

add("MLP AdamW steps (amsgrad)", (t) => {
  t.manualSeed(4);
  const model = new t.nn.Sequential(new t.nn.Linear(78, 40), new t.nn.ReLU(), new t.nn.Linear(40, 10));
  const opt = new t.optim.AdamW(model.parameters(), { lr: 0.01, amsgrad: true });
  const x = f32(64, 78);
  const y = t.tensor(Array.from({ length: 64 }, (_, i) => (i * 3) % 10));
  trainSteps(t, model, opt, x, y, 3);
  return model.parameters().map((p) => p.detach().clone());
});

add("conv2d forward and grads: groups, strides, transposed", (t) => {
  const F = t.nn.functional;
  const x = f32(5, 4, 13, 11).requiresGrad_();
  const w = f32(6, 2, 3, 3).requiresGrad_();
  const y = F.conv2d(x, w, f32(6), { stride: [2, 1], padding: 1, groups: 2 });
  y.backward(f32(...y.shape));
  const z = F.convTranspose1d(f32(3, 6, 40), f32(6, 5, 4), null, { stride: 3 });
  return [y.detach(), x.grad!, w.grad!, z];
});

add("scaledDotProductAttention's fused kernel: forward and grads by batch-head, f32 and f64", (t) => {
  const out: Tensor[] = [];
  for (const [make, isCausal] of [
    [f32, true],
    [f64, false],
  ] as const) {
    const [q, k, v] = [make(2, 3, 37, 8), make(2, 3, 41, 8), make(2, 3, 41, 5)].map((x) => x.requiresGrad_());
    const y = t.nn.functional.scaledDotProductAttention(q!, k!, v!, { isCausal });
    y.backward(make(...y.shape));
    out.push(y.detach(), q!.grad!, k!.grad!, v!.grad!);
  }
  return out;
});

// ---- batch norm: channel ranges over the pool -----------------------------------------
add("batch_norm f32 and f64 forward, backward and running stats", (t) => {
  const out: Tensor[] = [];
  for (const make of [f32, f64]) {
    const x = make(4, 13, 5, 7).requiresGrad_();
    const w = make(13).requiresGrad_();
    const rm = make(13).detach(),
      rv = make(13).abs().add(0.5);
    const y = t.nn.functional.batchNorm(x, rm, rv, { weight: w, training: true, momentum: 0.2 });
    y.backward(make(4, 13, 5, 7));
    out.push(y.detach(), x.grad!, w.grad!, rm, rv);
  }
  return out;
});

// ---- pooling: chunks of whole planes ----
add("max_pool2d f32 with indices, and its backward", (t) => {
  const x = f32(3, 5, 9, 11).requiresGrad_();
  const [v, i] = t.nn.functional.maxPool2d(x, 3, { stride: 2, padding: 1, returnIndices: true });
  return [v, i, t.autograd.grad([v], [x], [f32(...v.shape)])[0]!];
});
add("avg_pool2d f64 and adaptive pools, and their backward", (t) => {
  const F = t.nn.functional;
  const x = f64(4, 3, 10, 13).requiresGrad_();
  const a = F.avgPool2d(x, 3, { stride: 1, padding: 1, countIncludePad: false });
  const b = F.adaptiveAvgPool2d(x, [3, 5]);
  const c = F.adaptiveMaxPool2d(x, [4, 4]);
  const loss = t.add(t.add(t.mul(a, f64(...a.shape)).sum(), t.mul(b, f64(...b.shape)).sum()), c.sum());
  return [a, b, c, t.autograd.grad([loss], [x])[0]!];
});

/** Every program's results as bytes (or its message). */
function runPrograms(): (Uint8Array[] | string)[] {
  seed = 0x9e3779b9;
  return programs.map(([, f]) =>
    torch.tidy(() => {
      const r = f(torch);
      if (typeof r === "string") return r;
      return (Array.isArray(r) ? r : [r]).map(bytesOfTensor);
    }),
  );
}

function withThresholds<R>(value: number, f: () => R): R {
  const saved = { ...THRESHOLDS };
  Object.assign(THRESHOLDS, {
    gemm: value,
    elementwise: value,
    reduce: value,
    wakeGemm: value,
    wakeElementwise: value,
    wakeReduce: value,
  });
  try {
    return f();
  } finally {
    Object.assign(THRESHOLDS, saved);
  }
}

afterAll(async () => {
  vi.unstubAllGlobals();
  await torch.init();
});

describe("threads: results", () => {
  let serial: (Uint8Array[] | string)[] = [];

  test("one thread (the reference)", async () => {
    await torch.init({ threads: 1 });
    serial = withThresholds(1, runPrograms);
    expect(serial.length).toBe(programs.length);
  });

  for (const threads of [2, 3]) {
    test(`${threads} threads: bit-identical, with splits`, async () => {
      await torch.init({ threads });
      const info = torch.backendInfo();
      expect(info).toMatchObject({ threads, threadsRequested: threads });
      expect(info.threadsUnavailable).toBeUndefined();
      const pool = activePool()!;
      const before = pool.tasks,
        chunks = pool.chunks,
        here = pool.ranHere;
      const threaded = withThresholds(1, runPrograms);
      programs.forEach(([name], i) => {
        const want = serial[i]!,
          got = threaded[i]!;
        if (typeof want === "string" || typeof got === "string") {
          expect(got, name).toEqual(want);
          return;
        }
        expect(got.length, name).toBe(want.length);
        got.forEach((bytes, j) =>
          expect(Buffer.from(bytes).equals(Buffer.from(want[j]!)), `${name} [${j}]`).toBe(true),
        );
      });
      // Most programs split several kernels; a handful of splits would mean the hooks are not reached.
      expect(pool.tasks - before).toBeGreaterThan(programs.length * 2);
      // Workers ran some of the chunks (how many depends on the machine's load).
      expect(pool.ranHere - here).toBeLessThan(pool.chunks - chunks);
    });
  }

  test("thousands of back-to-back tiny tasks: each sees its own arguments", async () => {
    await torch.init({ threads: 3 });
    const pool = activePool()!;
    const before = pool.tasks;
    withThresholds(1, () => {
      const x = torch.arange(300, { dtype: "float32" });
      for (let i = 0; i < 3000; i++) {
        const got = torch.tidy(() => torch.add(x, i).toArray());
        if (got[0] !== i || got[299] !== 299 + i) expect.fail(`task ${i}: ${got[0]}, ${got[299]}`);
      }
      x.dispose();
    });
    expect(pool.tasks - before).toBe(3000);
  });

  test("nine threads: tasks stay within the control block's 32 chunks", async () => {
    await torch.init({ threads: 9 });
    expect(torch.backendInfo().threads).toBe(9);
    withThresholds(1, () =>
      torch.tidy(() => {
        const x = torch.arange(1 << 20, { dtype: "float32" });
        const y = torch.add(x, 0.5).toArray();
        expect(y[0]).toBe(0.5);
        expect(y[(1 << 20) - 1]).toBe((1 << 20) - 0.5);
        expect(
          Array.from(
            torch.sum(torch.ones(1024, 1024), { dim: 1 }).toArray() as ArrayLike<number | bigint>,
            Number,
          ).every((v) => v === 1024),
        ).toBe(true);
        const a = torch.ones(100, 300);
        expect(torch.mm(a, torch.ones(300, 200)).toArray()[19999]).toBe(300);
      }),
    );
  });

  test("optimizer kernels split by parallelFlat: bit-identical", async () => {
    await torch.init({ threads: 3 });
    withThresholds(1, () =>
      torch.tidy(() => {
        for (const dtype of ["float32", "float64"] as const) {
          const n = 10_007,
            size = dtype === "float32" ? 4 : 8;
          // Parameters, grads and optimizer state, the same values twice.
          const make = (): Tensor[] => {
            seed = 0x1234567;
            const v = values(6 * n);
            return [0, 1, 2, 3, 4, 5].map((i) => torch.fromArray(v.slice(i * n, (i + 1) * n), [n], { dtype }));
          };
          const serial = make(),
            split = make();
          const sgd = abi.kernel("sgd", dtype),
            adam = abi.kernel("adam", dtype);
          const sgdArgs =
            (t: Tensor[]) =>
            (start: number, len: number): number[] => {
              const [p, g, b] = t.map((x) => x._addr() + start * size);
              return [p!, g!, b!, len, 0.1, 0.9, 0.1, 0.01, 1, 0, 0];
            };
          const adamArgs =
            (t: Tensor[]) =>
            (start: number, len: number): number[] => {
              const [p, g, m, v, vmax] = t.map((x) => x._addr() + start * size);
              return [p!, g!, m!, v!, vmax!, len, 1e-3, 0.9, 0.999, 1e-8, 0.01, 1e-3 / 0.1, Math.sqrt(0.001), 1, 0, 1];
            };
          for (let step = 0; step < 3; step++) {
            sgd(...sgdArgs(serial)(0, n));
            expect(parallelFlat(sgd, n, sgdArgs(split))).not.toBe(SERIAL);
            adam(...adamArgs(serial)(0, n));
            expect(parallelFlat(adam, n, adamArgs(split))).not.toBe(SERIAL);
          }
          serial.forEach((t, i) => {
            const a = t.toArray(),
              b = split[i]!.toArray();
            expect(
              Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(
                Buffer.from(a.buffer, a.byteOffset, a.byteLength),
              ),
              `${dtype} [${i}]`,
            ).toBe(true);
          });
        }
      }),
    );
  });

  test("default thresholds keep small ops on the calling thread", async () => {
    await torch.init({ threads: 2 });
    const pool = activePool()!;
    const before = pool.tasks;
    torch.tidy(() => {
      torch.mm(f32(16, 16), f32(16, 16));
      torch.add(f32(1000), 1);
      torch.sum(f32(100, 10), { dim: 0 });
      torch.mm(f32(128, 128), f32(128, 128)); // 2^21 multiply-adds: slower split on two cores
    });
    expect(pool.tasks).toBe(before);
    torch.tidy(() => torch.mm(f32(256, 256), f32(256, 256)));
    expect(pool.tasks).toBe(before + 1);
  });

  test("back-to-back tasks of different chunk counts: every chunk runs exactly once, none hangs", async () => {
    // A worker late from a task of 2 chunks must not take the next task's count
    // (32) for its own and claim a third chunk that does not exist: that ran a
    // kernel on half-written arguments and counted DONE past the end (a hang).
    await torch.init({ threads: 2 });
    const pool = activePool()!;
    const sgd = abi.kernel("sgd", "float32");
    torch.tidy(() => {
      const chunk = 64;
      const p = torch.zeros(32 * chunk),
        g = torch.ones(32 * chunk);
      const pa = p._addr(),
        ga = g._addr();
      const parts = (n: number): number[][] =>
        Array.from({ length: n }, (_, c) => [pa + c * chunk * 4, ga + c * chunk * 4, 0, chunk, 1, 0, 0, 0, 0, 0, 0]);
      const rounds = 4000;
      for (let i = 0; i < rounds; i++) {
        pool.run(sgd, parts(2), true); // p -= 1 on chunks 0-1
        pool.run(sgd, parts(32), false); // p -= 1 on chunks 0-31
      }
      const got = Array.from(p.toArray() as Float32Array);
      const want = Array.from({ length: 32 * chunk }, (_, i) => (i < 2 * chunk ? -2 * rounds : -rounds));
      expect(got).toEqual(want);
    });
  });
});

describe("threads: init", () => {
  test("idempotent: the same options give the same promise and pool", async () => {
    const a = torch.init({ threads: 2 }),
      b = torch.init({ threads: 2 });
    expect(a).toBe(b);
    await a;
    const { generation } = torch.backendInfo();
    const pool = activePool();
    await torch.init({ threads: 2 });
    expect(torch.backendInfo().generation).toBe(generation);
    expect(activePool()).toBe(pool);
  });

  test("re-initialising ends the old pool", async () => {
    await torch.init({ threads: 2 });
    const old = activePool()!;
    await torch.init({ threads: 1 });
    expect(activePool()).toBeNull();
    expect(torch.backendInfo()).toMatchObject({ threads: 1, threadsRequested: 1 });
    expect(() => old.run((() => 0) as never, [[]])).toThrow("shut down");
  });

  test("a compiled Module cannot be made threaded: one thread, and why", async () => {
    const bytes = await (await import("node:fs/promises")).readFile(new URL("../build/torchlet.wasm", import.meta.url));
    await torch.init({ threads: 2, wasm: await WebAssembly.compile(bytes) });
    const info = torch.backendInfo();
    expect(info).toMatchObject({ threads: 1, threadsRequested: 2 });
    expect(info.threadsUnavailable).toMatch(/compiled WebAssembly\.Module/);
    expect(activePool()).toBeNull();
    expect(torch.tidy(() => torch.mm(torch.ones(2, 3), torch.ones(3, 2)).sum().item())).toBe(12);
  });

  test("bytes get threads", async () => {
    const bytes = await (await import("node:fs/promises")).readFile(new URL("../build/torchlet.wasm", import.meta.url));
    await torch.init({ threads: 2, wasm: new Uint8Array(bytes) });
    expect(torch.backendInfo()).toMatchObject({ threads: 2, simd: "baseline" });
    // The same key without wasm asks for the package's own binary: a new runtime, not the one from these bytes.
    const { generation } = torch.backendInfo();
    await torch.init({ threads: 2 });
    expect(torch.backendInfo().generation).toBe(generation + 1);
  });

  test.each([
    ["SharedArrayBuffer", undefined, /SharedArrayBuffer is not available/],
    ["crossOriginIsolated", false, /not cross-origin isolated.*Cross-Origin-Embedder-Policy/],
  ])("without %s: one thread, and why; results unchanged", async (name, value, reason) => {
    vi.stubGlobal(name, value);
    try {
      await torch.init({ threads: 4, simd: "baseline" });
    } finally {
      vi.unstubAllGlobals();
    }
    const info = torch.backendInfo();
    expect(info).toMatchObject({ threads: 1, threadsRequested: 4 });
    expect(info.threadsUnavailable).toMatch(reason);
    expect(activePool()).toBeNull();
    const r = torch.tidy(() => torch.mm(torch.arange(6).view(2, 3), torch.arange(6).view(3, 2)).tolist());
    expect(r).toEqual([
      [10, 13],
      [28, 40],
    ]);
    await torch.init({ threads: 1 }); // a different key, so the next stub's init() starts afresh
  });
});

describe("threads: process exit", () => {
  test("a program that never shuts the pool down still ends (workers are unref'd)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "torchlet-threads-"));
    try {
      const lib = join(dir, "torchlet.mjs");
      await esbuild.build({
        entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
        bundle: true,
        format: "esm",
        platform: "neutral",
        outfile: lib,
        logLevel: "error",
        ignoreAnnotations: true,
      });
      const main = join(dir, "main.mjs");
      writeFileSync(
        main,
        `import * as torch from "./torchlet.mjs";
await torch.init({ threads: 2 });
const a = torch.ones(256, 256), b = torch.ones(256, 256);
console.log(JSON.stringify({ threads: torch.backendInfo().threads, v: torch.mm(a, b).sum().item() }));
`,
      );
      // The timeout only catches a hang; a normal run takes well under a second.
      const r = spawnSync(process.execPath, [main], { encoding: "utf8", timeout: 60_000 });
      expect(r.error).toBeUndefined();
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim())).toEqual({ threads: 2, v: 256 ** 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
