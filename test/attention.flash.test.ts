// The fused attention kernel of F.scaledDotProductAttention
// (src/nn/functional/flashAttention.ts): which calls take it, its node, and
// float64 gradchecks around its block edges (32 queries, 32 keys). Its
// values against PyTorch are the sdpa_flash_* cases of the attention golden
// family; fused against composed backward is in autograd.fused.test.ts.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { f64, gradcheckSuites } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

describe("scaledDotProductAttention's fused kernel", () => {
  test("records PyTorch 2's CPU flash-attention node without a mask or dropout, float32 and float64", () => {
    torch.tidy(() => {
      for (const dtype of ["float32", "float64"] as const) {
        const q = torch.randn([2, 3, 5, 4], { dtype, requiresGrad: true });
        for (const isCausal of [false, true]) {
          expect(F.scaledDotProductAttention(q, q, q, { isCausal }).gradFn!.name()).toBe(
            "ScaledDotProductFlashAttentionForCpuBackward0",
          );
        }
      }
    });
  });

  test("masks and dropout run the composed ops", () => {
    torch.tidy(() => {
      const q = torch.randn([2, 5, 4], { requiresGrad: true });
      const mask = torch.ones([5, 5], { dtype: "bool" });
      for (const out of [
        F.scaledDotProductAttention(q, q, q, { attnMask: mask }),
        F.scaledDotProductAttention(q, q, q, { dropoutP: 0.5 }),
      ])
        expect(out.gradFn!.name()).not.toBe("ScaledDotProductFlashAttentionForCpuBackward0");
    });
  });

  test("frees everything but the output, and backward frees what it saved", () => {
    const q = torch.randn([2, 40, 8], { requiresGrad: true });
    const before = torch.memory().tensors;
    torch.tidy(() => {
      F.scaledDotProductAttention(q, q, q, { isCausal: true }).sum().backward();
    });
    expect(torch.memory().tensors).toBe(before + 1); // q.grad
    q.dispose();
  });

  test("a second backward through it throws PyTorch's error", () => {
    torch.tidy(() => {
      const q = torch.randn([3, 4], { requiresGrad: true });
      const y = F.scaledDotProductAttention(q, q, q).sum();
      y.backward();
      expect(() => y.backward()).toThrow(/backward through the graph a second time/);
    });
  });
});

gradcheckSuites(
  [
    [
      "causal, two key blocks, T not a multiple of 32",
      () => [f64([1, 35, 3], 21), f64([1, 35, 3], 22), f64([1, 35, 2], 23)],
      (q, k, v) => F.scaledDotProductAttention(q!, k!, v!, { isCausal: true }),
    ],
    [
      "more keys than queries, non-contiguous q",
      () => [f64([3, 2], 24), f64([34, 3], 25), f64([34, 5], 26)],
      (q, k, v) => F.scaledDotProductAttention(q!.t(), k!, v!, { scale: 0.6 }),
    ],
    [
      "T = 1",
      () => [f64([2, 1, 3], 27), f64([2, 1, 3], 28), f64([2, 1, 3], 29)],
      (q, k, v) => F.scaledDotProductAttention(q!, k!, v!, { isCausal: true }),
    ],
  ],
  { first: "fused attention gradcheck (float64)", second: "fused attention gradgradcheck (float64)" },
);
