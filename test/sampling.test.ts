// The samplers against PyTorch 1.13 goldens (test/golden/gen_sampling.py):
// the sampling conformance family (the same draws for the same seed, and
// PyTorch's messages), plus distribution checks beyond it.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("sampling (PyTorch goldens)", () => testFamily("sampling"));

describe("sampling distributions", () => {
  test("multinomial with replacement: frequencies follow the weights", () => {
    const t = torch;
    t.manualSeed(123);
    const w = [1, 2, 3, 4];
    const draws = t.multinomial(t.tensor(w, { dtype: "float32" }), 40000, { replacement: true }).tolist() as number[];
    const counts = [0, 0, 0, 0];
    for (const d of draws) counts[d]!++;
    // 4 standard deviations of a binomial count.
    counts.forEach((c, k) => {
      const p = w[k]! / 10;
      expect(Math.abs(c - 40000 * p)).toBeLessThan(4 * Math.sqrt(40000 * p * (1 - p)));
    });
  });

  test("multinomial without replacement: distinct indices, the heaviest first most often", () => {
    const t = torch;
    t.manualSeed(7);
    let heavyFirst = 0;
    for (let k = 0; k < 400; k++) {
      const d = t.multinomial(t.tensor([0.05, 0.05, 0.8, 0.1]), 4).tolist() as number[];
      expect(new Set(d).size).toBe(4);
      if (d[0] === 2) heavyFirst++;
    }
    expect(Math.abs(heavyFirst / 400 - 0.8)).toBeLessThan(0.08);
  });

  test("poisson: mean and variance near the rate", () => {
    const t = torch;
    t.manualSeed(5);
    for (const rate of [3, 40]) {
      const x = Array.from(t.poisson(t.full([20000], rate, { dtype: "float32" })).toArray() as ArrayLike<number>);
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const v = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
      expect(Math.abs(mean - rate)).toBeLessThan(4 * Math.sqrt(rate / x.length));
      expect(Math.abs(v / rate - 1)).toBeLessThan(0.05);
    }
  });
});
