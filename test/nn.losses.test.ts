// Losses against PyTorch: the losses golden family (test/golden/gen_losses.py,
// run by test/conformance/families/losses.ts in every runtime: values,
// printed forms, grad_fn names, grads, errors; here also memory left behind
// and the bit-exact cascade sums), plus float64 finite-difference checks of
// the first and second derivatives.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { expectWithin, testFamily } from "./helpers/family.js";

const F = torch.nn.functional;

/** Cases whose float32 sum rounds as PyTorch's cascade sum does: bit for bit, not only within tolerance. */
const BIT_EXACT = new Set(["nll_cascade_100", "nll_cascade_100_weight"]);

describe("losses (PyTorch goldens)", () => {
  testFamily("losses", (c, observed) => {
    if (BIT_EXACT.has(c.name)) expectWithin(c, observed, "out", { rtol: 0, atol: 0 });
  });
});

describe("binaryCrossEntropyWithLogits", () => {
  test("double backward matches finite differences (float64)", () => {
    const x = torch.tensor(
      [
        [0.5, -1.25, 2],
        [0.1, 3, -0.3],
      ],
      { dtype: "float64", requiresGrad: true },
    );
    const t = torch.tensor(
      [
        [1, 0, 0.5],
        [0.25, 1, 0],
      ],
      { dtype: "float64", requiresGrad: true },
    );
    const pw = torch.tensor([2, 0.5, 1.5], { dtype: "float64" });
    const w = torch.tensor([1, 2, 0.5], { dtype: "float64" });
    const loss = (a: Tensor, b: Tensor) => F.binaryCrossEntropyWithLogits(a, b, { posWeight: pw, weight: w });
    expect(torch.autograd.gradcheck(loss, [x, t])).toBe(true);
    // Gradient of the gradient: check d/dx of sum(dL/dx) numerically.
    const gfn = (a: Tensor, b: Tensor) => torch.autograd.grad(loss(a, b), [a], null, { createGraph: true })[0]!.sum();
    expect(torch.autograd.gradcheck(gfn, [x, t])).toBe(true);
  });
});

describe("loss gradients against finite differences (float64)", () => {
  const opts64 = { dtype: "float64" as const, requiresGrad: true };
  const x = () =>
    torch.tensor(
      [
        [0.5, -1.25, 2],
        [0.1, 3, -0.3],
      ],
      opts64,
    );
  const t = () =>
    torch.tensor(
      [
        [1, 0, 0.5],
        [0.25, 1, -2],
      ],
      opts64,
    );
  // first and second derivatives: gradcheck of the loss, and of the sum of its gradient
  const both = (loss: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor) => {
    expect(torch.autograd.gradcheck(loss, [a, b])).toBe(true);
    const gfn = (u: Tensor, v: Tensor) => {
      const [gu, gv] = torch.autograd.grad(loss(u, v), [u, v], null, { createGraph: true, allowUnused: true });
      return gu!
        .mul(gu!)
        .sum()
        .add(gv ? gv.mul(gv).sum() : 0);
    };
    expect(torch.autograd.gradcheck(gfn, [a, b])).toBe(true);
  };
  for (const reduction of ["mean", "sum", "none"] as const) {
    test(`mse, smoothL1, huber, l1 (${reduction})`, () => {
      torch.tidy(() => {
        const r = (l: Tensor) =>
          reduction === "none" ? l.mul(torch.arange(6, { dtype: "float64" }).view(2, 3)).sum() : l;
        both((a, b) => r(F.mseLoss(a, b, { reduction })), x(), t());
        both((a, b) => r(F.smoothL1Loss(a, b, { reduction, beta: 0.8 })), x(), t());
        both((a, b) => r(F.huberLoss(a, b, { reduction, delta: 0.7 })), x(), t());
        expect(torch.autograd.gradcheck((a: Tensor, b: Tensor) => r(F.l1Loss(a, b, { reduction })), [x(), t()])).toBe(
          true,
        );
      });
    });
  }
  test("binaryCrossEntropy with weight", () => {
    torch.tidy(() => {
      const p = torch.tensor(
        [
          [0.2, 0.7, 0.4],
          [0.9, 0.35, 0.6],
        ],
        opts64,
      );
      const q = torch.tensor(
        [
          [1, 0, 0.5],
          [0.25, 1, 0],
        ],
        opts64,
      );
      const w = torch.tensor([1, 2, 0.5], { dtype: "float64" });
      both((a, b) => F.binaryCrossEntropy(a, b, { weight: w }), p, q);
    });
  });
  test("nllLoss and crossEntropy (indices, weights, ignoreIndex, labelSmoothing, probabilities)", () => {
    torch.tidy(() => {
      const logits = () =>
        torch.tensor(
          [
            [0.5, -1.25, 2, 0.3],
            [0.1, 3, -0.3, 1],
            [1, 1, -1, 0],
          ],
          opts64,
        );
      const tgt = torch.tensor([3, 0, -100]);
      const w = torch.tensor([1, 2, 0.5, 1.5], { dtype: "float64" });
      const probs = torch.softmax(
        torch.tensor(
          [
            [1, 2, 3, 4],
            [0, 0, 1, 0],
            [2, -1, 0, 1],
          ],
          opts64,
        ),
        1,
      );
      const one = (fn: (a: Tensor) => Tensor) => both((a) => fn(a), logits(), torch.zeros(1, opts64));
      one((a) => F.nllLoss(torch.logSoftmax(a, 1), tgt, { weight: w }));
      one((a) => F.crossEntropy(a, tgt, { weight: w }));
      one((a) => F.crossEntropy(a, tgt, { weight: w, labelSmoothing: 0.2 }));
      one((a) =>
        F.crossEntropy(a, tgt, { labelSmoothing: 0.2, reduction: "none" })
          .mul(torch.tensor([1, 2, 3], { dtype: "float64" }))
          .sum(),
      );
      both(
        (a, b) => F.crossEntropy(a, b, { weight: w, labelSmoothing: 0.1 }),
        logits(),
        probs.detach().requiresGrad_(),
      );
    });
  });
});
