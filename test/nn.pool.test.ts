// Pooling against PyTorch 1.13 (test/golden/gen_pool.py, the "pool"
// conformance family: values, indices, grads, grad_fn names, messages and
// module reprs), float64 finite-difference checks of first and second
// derivatives, and the SIMD paths against the scalar ones.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { f64, goldensAndGradchecks, type GradCase } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

const x4 = () => [f64([2, 2, 5, 6], 1)];
const x3 = () => [f64([2, 2, 9], 2)];
const cases: GradCase[] = [
  ["max_pool2d", x4, (x) => F.maxPool2d(x, 2)],
  ["max_pool2d pad dilation", x4, (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1, dilation: [1, 2] })],
  ["max_pool2d ceil", x4, (x) => F.maxPool2d(x, 2, { ceilMode: true })],
  ["max_pool1d", x3, (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1 })],
  ["avg_pool2d", x4, (x) => F.avgPool2d(x, 2)],
  [
    "avg_pool2d pad exclude ceil",
    x4,
    (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }),
  ],
  ["avg_pool2d divisor", x4, (x) => F.avgPool2d(x, [2, 3], { stride: 1, divisorOverride: 5 })],
  ["avg_pool1d", x3, (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1 })],
  ["adaptive_avg_pool2d", x4, (x) => F.adaptiveAvgPool2d(x, [3, 4])],
  ["adaptive_avg_pool2d 1x1", x4, (x) => F.adaptiveAvgPool2d(x, 1)],
  ["adaptive_avg_pool1d", x3, (x) => F.adaptiveAvgPool1d(x, 4)],
  ["adaptive_max_pool2d", x4, (x) => F.adaptiveMaxPool2d(x, [2, 4])],
  ["adaptive_max_pool1d", x3, (x) => F.adaptiveMaxPool1d(x, 4)],
  ["max_pool2d non-contiguous", () => [f64([2, 5, 6, 2], 3)], (x) => F.maxPool2d(x.permute(0, 3, 1, 2), 2)],
  ["avg_pool2d non-contiguous", () => [f64([2, 5, 6, 2], 4)], (x) => F.avgPool2d(x.permute(0, 3, 1, 2), 2)],
];
goldensAndGradchecks("pooling", "pool", cases);

/** A plain reference of a max pool over one plane (PyTorch's loop, NaN wins). */
function refMax(x: number[], H: number, W: number, k: number, s: number, p: number, d: number) {
  const out = (n: number) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  const OH = out(H),
    OW = out(W);
  const vals: number[] = [],
    idx: number[] = [];
  for (let oh = 0; oh < OH; oh++)
    for (let ow = 0; ow < OW; ow++) {
      let m = -Infinity,
        mi = -1;
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const ih = oh * s - p + a * d,
            iw = ow * s - p + b * d;
          if (ih < 0 || iw < 0 || ih >= H || iw >= W) continue;
          const v = x[ih * W + iw]!;
          if (mi < 0) mi = ih * W + iw;
          if (v > m || Number.isNaN(v)) {
            m = v;
            mi = ih * W + iw;
          }
        }
      vals.push(m);
      idx.push(mi);
    }
  return { vals, idx };
}

describe("the SIMD columns agree with the scalar reference", () => {
  test.each([
    [1, 0, 1],
    [2, 0, 1],
    [2, 1, 1],
    [1, 1, 2],
    [2, 1, 2],
  ])("max_pool2d 3x3, stride %i, padding %i, dilation %i", (s, p, d) => {
    torch.tidy(() => {
      const H = 9,
        W = 37;
      const vals = Array.from({ length: H * W }, (_, i) => ((i * 7919) % 61) - 30);
      vals[40] = NaN;
      vals[200] = NaN;
      const x = torch.tensor(vals).view(1, 1, H, W);
      const [v, i] = F.maxPool2d(x, 3, { stride: s, padding: p, dilation: d, returnIndices: true });
      const r = refMax(vals, H, W, 3, s, p, d);
      expect(Array.from(v.toArray() as Float32Array)).toEqual(r.vals);
      // Indices are int64 (bigints); the reference counts in numbers.
      expect(Array.from(i.toArray() as BigInt64Array, Number)).toEqual(r.idx);
    });
  });

  test("avg_pool2d float32 equals float64 rounded where sums are exact", () => {
    torch.tidy(() => {
      // Multiples of 1/8: every float32 sum is exact, so only the division rounds.
      const vals = Array.from({ length: 2 * 3 * 7 * 41 }, (_, i) => (i % 29) / 8);
      const x32 = torch.fromArray(vals, [2, 3, 7, 41]);
      const x64 = torch.fromArray(vals, [2, 3, 7, 41], { dtype: "float64" });
      for (const [k, s, p] of [
        [3, 1, 1],
        [2, 2, 0],
        [3, 2, 1],
      ] as const) {
        const a = F.avgPool2d(x32, k, { stride: s, padding: p });
        const b = F.avgPool2d(x64, k, { stride: s, padding: p });
        expect(Array.from(a.toArray() as Float32Array)).toEqual(
          Array.from(Float32Array.from(b.toArray() as Float64Array)),
        );
      }
    });
  });
});

describe("pooling beyond the goldens", () => {
  test("indices are INDEX_DTYPE and not differentiable", () => {
    torch.tidy(() => {
      const x = torch.randn([1, 1, 4, 4], { requiresGrad: true });
      const [v, i] = F.maxPool2d(x, 2, { returnIndices: true });
      expect(v.gradFn?.name()).toBe("MaxPool2DWithIndicesBackward0");
      expect(i.requiresGrad).toBe(false);
      expect(i.gradFn).toBe(null);
    });
  });

  test("a failing pool leaves nothing behind", () => {
    const x = torch.zeros(1, 1, 2, 2);
    const before = torch.memory().tensors;
    expect(() => F.maxPool2d(x, 3)).toThrow("Output size is too small");
    expect(() => F.avgPool2d(x, 2, { padding: 2 })).toThrow("pad should be at most half of kernel size");
    expect(torch.memory().tensors).toBe(before);
    x.dispose();
  });
});
