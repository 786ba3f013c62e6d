// nn.functional activations, linear, dropout, layerNorm and embedding against
// PyTorch 1.13 (test/golden/gen_nn.py): the nn conformance family (values,
// grads, grad_fn names, the backward graph's structure, printed forms; here
// also memory left behind and closer tolerances), the error messages, and
// float64 finite-difference checks of first and second derivatives.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import type { TensorJson } from "./helpers/golden.js";
import { expectWithin, testFamily } from "./helpers/family.js";

const F = torch.nn.functional;

describe("nn.functional and modules (PyTorch goldens)", () => {
  testFamily("nn", (c, observed) => {
    // A module's state under a seed is exact (the runtimes allow the forward's tolerance).
    expectWithin(c, observed, "state", { rtol: 0, atol: 0 });
    // The runtimes allow 1e-10 / 2e-6 (the relaxed build's fused multiply-adds); vitest's build holds outputs closer.
    if (!("out" in c.expected)) return;
    const f64 = (c.expected.out as TensorJson).dtype === "float64";
    expectWithin(c, observed, "out", f64 ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 });
  });
});

describe("nn.functional beyond the goldens", () => {
  test("dropout returns its input when not dropping (as PyTorch)", () => {
    torch.tidy(() => {
      const x = torch.ones(3, { requiresGrad: true });
      expect(F.dropout(x, { training: false })).toBe(x);
      expect(F.dropout(x, { p: 0 })).toBe(x);
    });
  });
});

describe("gradients against finite differences (float64)", () => {
  const opts = { dtype: "float64" as const, requiresGrad: true };
  /** A maker of fresh float64 leaves holding `rows`. */
  const leaf = (rows: number[] | number[][]) => () => torch.tensor(rows, opts);
  const x = leaf([
    [0.5, -1.25, 2, 0.1],
    [3, -0.3, 0.7, -2.2],
    [0, 1.5, -0.6, 0.9],
  ]);
  const second = (fn: (a: Tensor, ...rest: Tensor[]) => Tensor, ...inputs: Tensor[]) => {
    expect(torch.autograd.gradcheck(fn, inputs)).toBe(true);
    const gfn = (...xs: Tensor[]) => {
      const gs = torch.autograd.grad(
        fn(...(xs as [Tensor, ...Tensor[]]))
          .mul(torch.arange(1, 13, { dtype: "float64" }).view(3, 4).sum())
          .sum(),
        xs,
        null,
        { createGraph: true, allowUnused: true },
      );
      return gs.reduce((acc: Tensor, g) => (g ? acc.add(g.mul(g).sum()) : acc), torch.zeros([], { dtype: "float64" }));
    };
    expect(torch.autograd.gradcheck(gfn, inputs)).toBe(true);
  };
  test("gelu (both forms) and silu", () => {
    torch.tidy(() => {
      const w = torch.arange(12, { dtype: "float64" }).view(3, 4);
      second((a) => F.gelu(a).mul(w).sum(), x());
      second((a) => F.gelu(a, { approximate: "tanh" }).mul(w).sum(), x());
      second((a) => F.silu(a).mul(w).sum(), x());
    });
  });
  test("linear, layerNorm, embedding", () => {
    torch.tidy(() => {
      const w = leaf([
        [0.3, -0.2, 0.5, 1],
        [0.1, 0.4, -0.7, 0.2],
      ]);
      const b = leaf([0.25, -0.5]);
      second((a, ww, bb) => F.linear(a, ww, bb).square().sum(), x(), w(), b());
      second(
        (a, ww, bb) =>
          F.linear(a.view(1, 3, 4), ww, bb)
            .square()
            .sum(),
        x(),
        w(),
        b(),
      );
      const g = leaf([1.5, 0.5, -1, 2]);
      const bias = leaf([0.1, 0.2, -0.3, 0]);
      const m = torch.tensor(
        [
          [1, 2, 3, 4],
          [0.5, -1, 2, 0],
          [3, 1, -2, 1],
        ],
        { dtype: "float64" },
      );
      second((a, gg, bb) => F.layerNorm(a, [4], { weight: gg, bias: bb }).mul(m).sum(), x(), g(), bias());
      second((a) => F.layerNorm(a, [3, 4]).mul(m).sum(), x());
      const e = leaf([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      // (the padding row gets no gradient by design, so it is one no index picks here)
      second(
        (ww) =>
          F.embedding(
            torch.tensor([
              [0, 2],
              [2, 0],
            ]),
            ww,
            { paddingIdx: 1 },
          )
            .square()
            .sum(),
        e(),
      );
    });
  });
});
