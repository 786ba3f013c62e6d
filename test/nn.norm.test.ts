// The normalisation family (test/golden/gen_norm.py): the conformance cases
// every runtime runs, then what vitest adds: float64 gradchecks and
// gradgradchecks of every op (training and eval), non-contiguous inputs
// against their contiguous copies, and the running stats' bookkeeping.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

describe("norm goldens", () => {
  testFamily("norm");
});

const stats = (c: number): [Tensor, Tensor] => [
  torch.linspace(-0.5, 0.5, c, { dtype: "float64" }),
  torch.linspace(0.5, 2, c, { dtype: "float64" }),
];

const cases: GradCase[] = [
  [
    "batchNorm training 4d",
    () => [f64([3, 2, 2, 3], 1), f64([2], 2, 0.5, 2), f64([2], 3)],
    (x, w, b) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }),
  ],
  ["batchNorm training 2d", () => [f64([5, 3], 4)], (x) => F.batchNorm(x, null, null, { training: true, eps: 1e-3 })],
  [
    "batchNorm training 3d weight only",
    () => [f64([2, 3, 4], 5), f64([3], 6, 0.5, 2)],
    (x, w) => F.batchNorm(x, null, null, { weight: w, training: true }),
  ],
  [
    "batchNorm eval",
    () => [f64([3, 2, 2, 2], 7), f64([2], 8, 0.5, 2), f64([2], 9)],
    (x, w, b) => {
      const [rm, rv] = stats(2);
      return F.batchNorm(x, rm, rv, { weight: w, bias: b });
    },
  ],
  ["batchNorm transposed input", () => [f64([4, 5], 10)], (x) => F.batchNorm(x.t(), null, null, { training: true })],
  [
    "groupNorm",
    () => [f64([2, 4, 3], 11), f64([4], 12, 0.5, 2), f64([4], 13)],
    (x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }),
  ],
  ["groupNorm 2d no affine", () => [f64([3, 4], 14)], (x) => F.groupNorm(x, 2)],
  [
    "instanceNorm",
    () => [f64([2, 2, 5], 15), f64([2], 16, 0.5, 2), f64([2], 17)],
    (x, w, b) => F.instanceNorm(x, { weight: w, bias: b }),
  ],
  ["localResponseNorm", () => [f64([2, 4, 3], 18)], (x) => F.localResponseNorm(x, 3, { alpha: 0.5, k: 1.5 })],
];

gradcheckSuites(cases, { first: "norm gradcheck", second: "norm gradgradcheck" });

describe("norm: non-contiguous and running stats", () => {
  test("a transposed and a sliced input give their contiguous copy's values and grads", () => {
    torch.tidy(() => {
      for (const view of [(b: Tensor) => b.t(), (b: Tensor) => b.slice(0, null, null, 2)]) {
        const base = f64([6, 4], 21);
        const ref = base.detach().clone().requiresGrad_();
        const y = F.batchNorm(view(base), null, null, { training: true });
        const yc = F.batchNorm(view(ref).contiguous(), null, null, { training: true });
        expect(Array.from(y.toArray() as Float64Array)).toEqual(Array.from(yc.toArray() as Float64Array));
        const g = torch.linspace(-1, 1, y.numel(), { dtype: "float64" }).reshape(y.shape);
        y.backward(g);
        yc.backward(g);
        expect(Array.from(base.grad!.toArray() as Float64Array)).toEqual(
          Array.from(ref.grad!.toArray() as Float64Array),
        );
      }
    });
  });

  test("BatchNorm2d counts batches and leaves the running stats alone in eval", () => {
    const bn = new torch.nn.BatchNorm2d(2);
    try {
      torch.tidy(() => {
        bn.call(torch.randn(3, 2, 2, 2));
        bn.call(torch.randn(3, 2, 2, 2));
        expect(bn.numBatchesTracked!.item()).toBe(2);
        const before = Array.from(bn.runningMean!.toArray() as Float64Array);
        bn.eval();
        bn.call(torch.randn(3, 2, 2, 2));
        expect(Array.from(bn.runningMean!.toArray() as Float64Array)).toEqual(before);
        expect(bn.numBatchesTracked!.item()).toBe(2);
      });
    } finally {
      bn.dispose();
    }
  });

  test("a failed call changes no running stat", () => {
    torch.tidy(() => {
      const rm = torch.zeros(3),
        rv = torch.ones(3);
      expect(() => F.batchNorm(torch.randn(2, 3), rm, rv, { training: true, weight: torch.ones(4) })).toThrow(
        "weight should contain 3 elements not 4",
      );
      expect(Array.from(rm.toArray() as Float64Array)).toEqual([0, 0, 0]);
      expect(Array.from(rv.toArray() as Float64Array)).toEqual([1, 1, 1]);
    });
  });
});
