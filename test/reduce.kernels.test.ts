// Every reduction path (contiguous inner SIMD, outer SIMD across a kept dim,
// generic strided; softmax's row, lane and scalar paths) against plain-JS
// references on random shapes, dims and strides (permuted, sliced, expanded).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { rng } from "./helpers/random.js";
import type { Tensor } from "../src/index.js";

interface Sample {
  x: Tensor;
  shape: number[];
  values: number[];
  dispose(): void;
}

/**
 * A random tensor of 1-4 dims, seen through a random layout: contiguous, a
 * permutation, a slice with step 2, or an expanded dim (stride 0).
 */
function sample(r: () => number, dtype: "float32" | "float64" | "int32", big = false): Sample {
  const nd = 1 + Math.floor(r() * 4);
  const sizes = [1, 2, 3, 4, 5, 7, 8, 13, 16, 17, 31, 33, 64];
  const shape = Array.from({ length: nd }, () => sizes[Math.floor(r() * sizes.length)]!);
  if (big) shape[Math.floor(r() * nd)] = 500 + Math.floor(r() * 700);
  const layout = Math.floor(r() * 4);
  const owned: Tensor[] = [];
  const make = (s: number[]): Tensor => {
    const n = s.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, () =>
      dtype === "int32" ? Math.floor(r() * 200) - 100 : Math.round((r() * 4 - 2) * 64) / 64,
    );
    const t = torch.fromArray(data, s, { dtype });
    owned.push(t);
    return t;
  };
  let x: Tensor;
  if (layout === 1 && nd > 1) {
    const perm = shape.map((_, i) => i).sort(() => r() - 0.5);
    const inv = perm.map((_, i) => perm.indexOf(i));
    x = make(inv.map((i) => shape[i]!)).permute(perm);
  } else if (layout === 2) {
    const d = Math.floor(r() * nd);
    const s = shape.slice();
    s[d] = shape[d]! * 2;
    x = make(s).slice(d, null, null, 2);
  } else if (layout === 3) {
    const d = Math.floor(r() * nd);
    const s = shape.slice();
    s[d] = 1;
    x = make(s).expand(shape);
  } else x = make(shape);
  owned.push(x);
  return {
    x,
    shape,
    values: Array.from(x.toArray() as ArrayLike<number | bigint>, Number),
    dispose: () => owned.forEach((t) => t.dispose()),
  };
}

/** Row-major reduction of `values` over `dims` with `f` applied to each output's element list. */
function refReduce(
  shape: number[],
  values: number[],
  dims: number[],
  keepdim: boolean,
  f: (xs: number[]) => number,
): { shape: number[]; data: number[] } {
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const outShape = shape.flatMap((s, d) => (dims.includes(d) ? (keepdim ? [1] : []) : [s]));
  const nOut = kept.reduce((a, d) => a * shape[d]!, 1);
  const groups: number[][] = Array.from({ length: nOut }, () => []);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < values.length; i++) {
    let o = 0;
    for (const d of kept) o = o * shape[d]! + idx[d]!;
    groups[o]!.push(values[i]!);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return { shape: outShape, data: groups.map(f) };
}

const nanMax = (xs: number[]) =>
  xs.reduce((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)), -Infinity);
const nanMin = (xs: number[]) =>
  xs.reduce((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)), Infinity);
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const absSum = (xs: number[]) => xs.reduce((a, b) => a + Math.abs(b), 0);
const firstIndex = (xs: number[], v: number) => xs.findIndex((x) => x === v);

function randomDims(r: () => number, nd: number): number[] {
  const dims = Array.from({ length: nd }, (_, i) => i).filter(() => r() < 0.5);
  return dims.length === 0 ? [Math.floor(r() * nd)] : dims;
}

function expectNear(
  got: Tensor,
  want: { shape: number[]; data: number[] },
  bound: (i: number) => number,
  label: string,
): void {
  expect(got.shape, `${label} shape`).toEqual(want.shape);
  const g = Array.from(got.toArray() as ArrayLike<number | bigint>, Number);
  for (let i = 0; i < want.data.length; i++) {
    const a = g[i]!,
      b = want.data[i]!;
    if (Number.isNaN(b)) expect(Number.isNaN(a), `${label}[${i}] NaN`).toBe(true);
    else if (!(Math.abs(a - b) <= bound(i))) expect.fail(`${label}[${i}]: got ${a}, want ${b} (bound ${bound(i)})`);
  }
}

const EPS = { float32: 2 ** -24, float64: 2 ** -53 } as const;

describe.each(["float32", "float64"] as const)("%s reductions vs JS references", (dtype) => {
  test.each(Array.from({ length: 60 }, (_, i) => i))("random case %i", (seed) => {
    const r = rng(seed * 7919 + (dtype === "float64" ? 1 : 0));
    const s = sample(r, dtype, seed % 10 === 0);
    try {
      const dims = randomDims(r, s.shape.length);
      const keepdim = r() < 0.5;
      const label = `${dtype} shape ${JSON.stringify(s.shape)} dims ${JSON.stringify(dims)} keepdim ${keepdim} strides ${JSON.stringify(s.x.stride())}`;
      // Error bound of our summation (see assembly/kernels/reduce.ts): ~32 roundings of sum|x| for float32.
      // plus the rounding of the result itself.
      const absRef = refReduce(s.shape, s.values, dims, keepdim, absSum);
      const sumRef = refReduce(s.shape, s.values, dims, keepdim, sumOf);
      const count = dims.reduce((a, d) => a * s.shape[d]!, 1);
      const bound = (i: number) => 64 * EPS[dtype] * absRef.data[i]! + EPS[dtype] * Math.abs(sumRef.data[i]!);
      expectNear(s.x.sum(dims, keepdim), sumRef, bound, `sum ${label}`);
      expectNear(
        s.x.mean(dims, keepdim),
        refReduce(s.shape, s.values, dims, keepdim, (xs) => sumOf(xs) / xs.length),
        (i) => bound(i) / count,
        `mean ${label}`,
      );
      expectNear(
        s.x.amax(dims, keepdim),
        refReduce(s.shape, s.values, dims, keepdim, nanMax),
        () => 0,
        `amax ${label}`,
      );
      expectNear(
        s.x.amin(dims, keepdim),
        refReduce(s.shape, s.values, dims, keepdim, nanMin),
        () => 0,
        `amin ${label}`,
      );
      const varRef = refReduce(s.shape, s.values, dims, keepdim, (xs) => {
        const m = sumOf(xs) / xs.length;
        return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
      });
      expectNear(s.x.var(dims, true, keepdim), varRef, (i) => 1e-6 * Math.abs(varRef.data[i]!) + 1e-12, `var ${label}`);
      const n2 = refReduce(s.shape, s.values, dims, keepdim, (xs) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0)));
      expectNear(s.x.norm(2, dims, keepdim), n2, (i) => 4 * EPS[dtype] * n2.data[i]!, `norm ${label}`);
      const d = dims[dims.length - 1]!;
      const vi = s.x.max(d, keepdim);
      const mx = refReduce(s.shape, s.values, [d], keepdim, nanMax);
      expectNear(vi.values, mx, () => 0, `max values ${label}`);
      expectNear(
        vi.indices,
        refReduce(s.shape, s.values, [d], keepdim, (xs) => firstIndex(xs, nanMax(xs))),
        () => 0,
        `max indices ${label}`,
      );
      expectNear(
        s.x.argmin(d, keepdim),
        refReduce(s.shape, s.values, [d], keepdim, (xs) => firstIndex(xs, nanMin(xs))),
        () => 0,
        `argmin ${label}`,
      );
      expect(s.x.argmax().item()).toBe(firstIndex(s.values, nanMax(s.values)));
      const lse = refReduce(s.shape, s.values, dims, keepdim, (xs) => {
        const m = nanMax(xs);
        return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
      });
      // The reference's own f64 sum of exps carries up to count * 2^-53 relative error.
      const lseBound = (i: number) => (8 * EPS[dtype] + count * EPS.float64) * Math.max(1, Math.abs(lse.data[i]!));
      expectNear(s.x.logsumexp(dims, keepdim), lse, lseBound, `logsumexp ${label}`);
    } finally {
      s.dispose();
    }
  });
});

describe.each(["float32", "float64"] as const)("%s softmax paths vs JS references", (dtype) => {
  test.each(Array.from({ length: 40 }, (_, i) => i))("random case %i", (seed) => {
    const r = rng(seed * 104729 + (dtype === "float64" ? 3 : 0));
    const s = sample(r, dtype, seed % 8 === 0);
    try {
      const d = Math.floor(r() * s.shape.length);
      const label = `${dtype} shape ${JSON.stringify(s.shape)} dim ${d} strides ${JSON.stringify(s.x.stride())}`;
      // Softmax along d, reference in f64 over the lanes of the other dims.
      const strides = s.shape.map((_, i) => s.shape.slice(i + 1).reduce((a, b) => a * b, 1));
      const sm = new Array<number>(s.values.length),
        lsm = new Array<number>(s.values.length);
      for (let base = 0; base < s.values.length; base++) {
        if (Math.floor(base / strides[d]!) % s.shape[d]! !== 0) continue; // lanes start at index 0 of d
        const lane = Array.from({ length: s.shape[d]! }, (_, k) => base + k * strides[d]!);
        const m = nanMax(lane.map((k) => s.values[k]!));
        const z = lane.reduce((a, k) => a + Math.exp(s.values[k]! - m), 0);
        for (const k of lane) {
          sm[k] = Math.exp(s.values[k]! - m) / z;
          lsm[k] = s.values[k]! - m - Math.log(z);
        }
      }
      const shape = s.shape.slice();
      expectNear(
        s.x.softmax(d),
        { shape, data: sm },
        (i) => 16 * EPS[dtype] * Math.max(sm[i]!, 1e-30),
        `softmax ${label}`,
      );
      expectNear(
        s.x.logSoftmax(d),
        { shape, data: lsm },
        (i) => 16 * EPS[dtype] * Math.max(1, Math.abs(lsm[i]!)),
        `logSoftmax ${label}`,
      );
    } finally {
      s.dispose();
    }
  });
});

describe("int32 reductions vs JS references", () => {
  test.each(Array.from({ length: 30 }, (_, i) => i))("random case %i", (seed) => {
    const r = rng(seed * 31337);
    const s = sample(r, "int32", seed % 6 === 0);
    try {
      const dims = randomDims(r, s.shape.length);
      const keepdim = r() < 0.5;
      expectNear(s.x.sum(dims, keepdim), refReduce(s.shape, s.values, dims, keepdim, sumOf), () => 0, "sum");
      expectNear(s.x.amax(dims, keepdim), refReduce(s.shape, s.values, dims, keepdim, nanMax), () => 0, "amax");
      expectNear(s.x.amin(dims, keepdim), refReduce(s.shape, s.values, dims, keepdim, nanMin), () => 0, "amin");
      const d = dims[0]!;
      expectNear(
        s.x.argmax(d, keepdim),
        refReduce(s.shape, s.values, [d], keepdim, (xs) => firstIndex(xs, nanMax(xs))),
        () => 0,
        "argmax",
      );
    } finally {
      s.dispose();
    }
  });

  test("int32 sums are int64, never wrapped (PyTorch's int64 sum gives the true value)", () => {
    const x = torch.tensor([2147483647, 1, 5], { dtype: "int32" });
    expect(x.sum().dtype).toBe("int64");
    expect(x.sum().item()).toBe(2147483653);
    const big = torch.full([1000], 5_000_000, { dtype: "int32" });
    expect(big.sum().item()).toBe(5000000000);
    const fits = torch.full([1000], 2_000_000, { dtype: "int32" });
    expect(fits.sum().item()).toBe(2_000_000_000);
    x.dispose();
    big.dispose();
    fits.dispose();
  });
});

describe("accuracy of long float32 sums", () => {
  test("a million elements: our error stays near a few ulps of sum|x|, unlike a naive float32 loop", () => {
    const n = 1 << 20;
    const r = rng(42);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = r() + 0.5;
    const exact = data.reduce((a, b) => a + b, 0); // f64 accumulation of the same float32 values
    let naive = Math.fround(0);
    for (let i = 0; i < n; i++) naive = Math.fround(naive + data[i]!);
    const x = torch.fromArray(data, [n]);
    const got = x.sum().item() as number;
    const col = x.view(1024, 1024).sum(0).sum().item() as number; // outer path, then inner
    x.dispose();
    expect(Math.abs(got - exact) / exact).toBeLessThan(1e-7); // f32 rounding of the result itself dominates
    expect(Math.abs(col - exact) / exact).toBeLessThan(1e-6);
    expect(Math.abs(naive - exact) / exact).toBeGreaterThan(1e-5); // what a naive loop would give
  });
});
