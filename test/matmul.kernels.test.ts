// The matmul-family kernels (assembly/kernels/matmul.ts, matmulPack.ts,
// gemv.ts) called through the raw ABI and compared with a plain scalar JS
// reference, on random shapes around the 4 x 8 tile and the KC/MC/NC block
// edges, with every stride pattern the ops hand them (row-major, transposed,
// sliced rows, broadcast columns, broadcast batches), for both binaries.
//
// Inputs are multiples of 1/64 in [-2, 2], so every partial sum is exact in
// float32 while |sum| < 4096: the kernel must match the reference exactly,
// whatever its summation order and whether it fuses the multiply-add.
//
// The relaxed flavour is skipped where the engine lacks relaxed SIMD (Node 20
// without a flag). To run it there:
//   node --experimental-wasm-relaxed-simd node_modules/vitest/vitest.mjs run \
//     test/matmul.kernels.test.ts --pool=forks --execArgv=--experimental-wasm-relaxed-simd

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import * as abi from "../src/wasm/abi.js";
import type { DType } from "../src/dtype.js";

type Kernel = (...args: number[]) => number;

let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const value = (dtype: DType): number => (dtype === "int32" ? int(-9, 9) : int(-128, 128) / 64);

const SIZE: Record<string, number> = { float32: 4, float64: 8, int32: 4 };
const GUARD = 64;

/** A wasm block of `n` elements of random values, with a guard band after it. */
class Block {
  readonly ptr: number;
  readonly values: number[];
  constructor(
    readonly dtype: DType,
    readonly n: number,
    fill: (i: number) => number = () => value(dtype),
  ) {
    this.ptr = abi.alloc(n * SIZE[dtype]! + GUARD);
    this.values = Array.from({ length: n }, (_, i) => fill(i));
    (abi.view(dtype, this.ptr, n) as Float64Array).set(this.values);
    abi.heapU8().fill(0xa5, this.ptr + n * SIZE[dtype]!, this.ptr + n * SIZE[dtype]! + GUARD);
  }
  read(): number[] {
    return Array.from(abi.view(this.dtype, this.ptr, this.n) as ArrayLike<number>);
  }
  guardIntact(): boolean {
    const end = this.ptr + this.n * SIZE[this.dtype]!;
    return abi
      .heapU8()
      .subarray(end, end + GUARD)
      .every((b) => b === 0xa5);
  }
  free(): void {
    abi.free(this.ptr);
  }
}

/** How an operand is laid out: its element strides for a rows x cols matrix (and the storage it needs). */
type Layout = "rowMajor" | "transposed" | "slicedRows" | "broadcastCols" | "broadcastRows";
const LAYOUTS: Layout[] = ["rowMajor", "transposed", "slicedRows", "broadcastCols", "broadcastRows"];

function strides(layout: Layout, rows: number, cols: number): { rs: number; cs: number; size: number } {
  switch (layout) {
    case "rowMajor":
      return { rs: cols, cs: 1, size: rows * cols };
    case "transposed":
      return { rs: 1, cs: rows, size: rows * cols };
    case "slicedRows":
      return { rs: 2 * cols + 1, cs: 1, size: Math.max(0, (rows - 1) * (2 * cols + 1) + cols) };
    case "broadcastCols":
      return { rs: 1, cs: 0, size: rows };
    case "broadcastRows":
      return { rs: 0, cs: 1, size: cols };
  }
}

const wrap = (dtype: DType, v: number): number =>
  dtype === "int32" ? v | 0 : dtype === "float32" ? Math.fround(v) : v;

interface GemmCase {
  dtype: DType;
  m: number;
  n: number;
  k: number;
  batch: number;
  la: Layout;
  lb: Layout;
  broadcastA: boolean;
  broadcastB: boolean;
  accumulate: boolean;
}

/** Runs gemm_<dtype> on a case and returns the largest difference from the scalar reference. */
function checkGemm(c: GemmCase): void {
  const { dtype, m, n, k, batch } = c;
  const A = strides(c.la, m, k),
    B = strides(c.lb, k, n);
  const aBatch = c.broadcastA ? 0 : A.size,
    bBatch = c.broadcastB ? 0 : B.size;
  const a = new Block(dtype, Math.max(1, A.size * (c.broadcastA ? 1 : batch)));
  const b = new Block(dtype, Math.max(1, B.size * (c.broadcastB ? 1 : batch)));
  const out = new Block(dtype, Math.max(1, batch * m * n));
  const scratchBytes = (abi.kernel("gemm_scratch", dtype) as Kernel)(m, n, k);
  const work = new Block("int32", Math.ceil(scratchBytes / 4), () => 0);
  try {
    const before = out.read();
    const args = abi.writeScratchI32([
      m,
      n,
      k,
      batch,
      a.ptr,
      aBatch,
      A.rs,
      A.cs,
      b.ptr,
      bBatch,
      B.rs,
      B.cs,
      out.ptr,
      m * n,
      n,
      c.accumulate ? 1 : 0,
      work.ptr,
    ]);
    abi.kernel("gemm", dtype)(args);
    const got = out.read();
    const label = JSON.stringify(c);
    for (let bi = 0; bi < batch; bi++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) {
            s += a.values[bi * aBatch + i * A.rs + p * A.cs]! * b.values[bi * bBatch + p * B.rs + j * B.cs]!;
          }
          const at = bi * m * n + i * n + j;
          const want = wrap(dtype, c.accumulate ? before[at]! + s : s);
          if (got[at] !== want) expect.fail(`${label}: C[${bi}][${i}][${j}] = ${got[at]}, expected ${want}`);
        }
      }
    }
    if (batch * m * n === 0) expect(got, `${label}: an empty C is not written`).toEqual(before);
    expect(out.guardIntact(), `${label}: wrote past C`).toBe(true);
    expect(work.guardIntact(), `${label}: wrote past the scratch it asked for`).toBe(true);
  } finally {
    for (const blk of [a, b, out, work]) blk.free();
  }
}

function checkGemv(dtype: DType, m: number, k: number, la: Layout, xStride: number): void {
  const A = strides(la, m, k);
  const a = new Block(dtype, Math.max(1, A.size));
  const x = new Block(dtype, Math.max(1, k * xStride));
  const y = new Block(dtype, Math.max(1, m));
  try {
    abi.kernel("gemv", dtype)(a.ptr, A.rs, A.cs, x.ptr, xStride, y.ptr, m, k, 0);
    const got = y.read();
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.values[i * A.rs + p * A.cs]! * x.values[p * xStride]!;
      if (got[i] !== wrap(dtype, s))
        expect.fail(
          `gemv ${dtype} ${m}x${k} ${la} x stride ${xStride}: y[${i}] = ${got[i]}, expected ${wrap(dtype, s)}`,
        );
    }
    expect(y.guardIntact()).toBe(true);
  } finally {
    for (const blk of [a, x, y]) blk.free();
  }
}

function checkDot(dtype: DType, n: number, sa: number, sb: number): void {
  const a = new Block(dtype, Math.max(1, n * sa));
  const b = new Block(dtype, Math.max(1, n * sb));
  const out = new Block(dtype, 1, () => 7);
  try {
    abi.kernel("dot", dtype)(a.ptr, sa, b.ptr, sb, n, out.ptr);
    let s = 0;
    for (let p = 0; p < n; p++) s += a.values[p * sa]! * b.values[p * sb]!;
    expect(out.read()[0], `dot ${dtype} n=${n} strides ${sa},${sb}`).toBe(wrap(dtype, s));
    expect(out.guardIntact()).toBe(true);
  } finally {
    for (const blk of [a, b, out]) blk.free();
  }
}

/** Sizes around the tile (4 x 8 f32, 4 x 4 f64) and sliver edges. */
const EDGE_SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 32, 33, 63, 64, 65, 70];
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;

const flavours: ("baseline" | "relaxed")[] = ["baseline", "relaxed"];

describe.each(flavours)("matmul kernels (%s SIMD)", (simd) => {
  let available = true;
  beforeAll(async () => {
    try {
      await torch.init({ simd });
    } catch {
      available = false; // this engine has no relaxed SIMD
    }
  });
  afterAll(async () => {
    await torch.init();
  });

  for (const dtype of ["float32", "float64", "int32"] as const) {
    test(`gemm ${dtype}: random shapes and layouts against the scalar reference`, ({ skip }) => {
      if (!available) skip();
      expect(torch.backendInfo().simd).toBe(simd);
      for (let trial = 0; trial < 150; trial++) {
        checkGemm({
          dtype,
          m: pick(EDGE_SIZES),
          n: pick(EDGE_SIZES),
          k: pick(EDGE_SIZES),
          batch: int(1, 3),
          la: pick(LAYOUTS),
          lb: pick(LAYOUTS),
          broadcastA: random() < 0.25,
          broadcastB: random() < 0.25,
          accumulate: random() < 0.3,
        });
      }
    });

    test(`gemm ${dtype}: across the KC, MC and NC block edges`, ({ skip }) => {
      if (!available) skip();
      const big: [number, number, number][] = [
        [129, 1030, 257],
        [300, 9, 600],
        [5, 2100, 40],
      ];
      for (const [m, n, k] of big) {
        for (const [la, lb] of [
          ["rowMajor", "rowMajor"],
          ["transposed", "transposed"],
          ["slicedRows", "broadcastCols"],
        ] as const) {
          checkGemm({ dtype, m, n, k, batch: 1, la, lb, broadcastA: false, broadcastB: false, accumulate: false });
        }
      }
      // A batch that shares one operand: it is packed once and reused.
      checkGemm({
        dtype,
        m: 40,
        n: 300,
        k: 270,
        batch: 3,
        la: "rowMajor",
        lb: "rowMajor",
        broadcastA: false,
        broadcastB: true,
        accumulate: true,
      });
      checkGemm({
        dtype,
        m: 140,
        n: 30,
        k: 70,
        batch: 3,
        la: "transposed",
        lb: "rowMajor",
        broadcastA: true,
        broadcastB: false,
        accumulate: false,
      });
    });

    test(`gemm ${dtype}: empty dims`, ({ skip }) => {
      if (!available) skip();
      for (const [m, n, k, batch] of [
        [0, 5, 3, 1],
        [4, 0, 3, 2],
        [4, 5, 0, 2],
        [4, 5, 3, 0],
        [0, 0, 0, 1],
      ] as const) {
        for (const accumulate of [false, true]) {
          checkGemm({
            dtype,
            m,
            n,
            k,
            batch,
            la: "rowMajor",
            lb: "transposed",
            broadcastA: false,
            broadcastB: false,
            accumulate,
          });
        }
      }
    });

    test(`gemv ${dtype}: rows, columns and strided layouts`, ({ skip }) => {
      if (!available) skip();
      for (let trial = 0; trial < 120; trial++) {
        checkGemv(dtype, pick([0, ...EDGE_SIZES]), pick([0, ...EDGE_SIZES]), pick(LAYOUTS), pick([1, 1, 2, 0]));
      }
    });

    test(`dot ${dtype}: lengths around the unrolled loop, strides`, ({ skip }) => {
      if (!available) skip();
      for (let n = 0; n <= 70; n++) checkDot(dtype, n, 1, 1);
      for (let trial = 0; trial < 40; trial++) checkDot(dtype, int(0, 300), pick([1, 2, 0]), pick([1, 3]));
    });
  }

  test("the scratch gemm asks for stays bounded for large products", ({ skip }) => {
    if (!available) skip();
    const bytes = abi.kernel("gemm_scratch", "float32") as Kernel;
    expect(bytes(100000, 100000, 100000)).toBeLessThanOrEqual(1.2 * 2 ** 20);
    expect((abi.kernel("gemm_scratch", "float64") as Kernel)(100000, 100000, 100000)).toBeLessThanOrEqual(
      2.4 * 2 ** 20,
    );
    expect(bytes(1, 1, 1)).toBeLessThan(256);
  });
});
