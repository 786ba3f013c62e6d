// Attention against PyTorch (test/golden/gen_attention.py, the conformance
// family every runtime runs): scaledDotProductAttention, MultiheadAttention
// and the transformer layers; plus what vitest checks beyond it.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites } from "./helpers/gradcheck.js";

testFamily("attention");

const { nn } = torch;
const F = nn.functional;

describe("attention API", () => {
  test("the stacks deep-copy their layer without drawing random numbers, as copy.deepcopy does", () => {
    torch.manualSeed(5);
    const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    const after = torch.rand(1).item();
    torch.manualSeed(5);
    const layer2 = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    const enc = new nn.TransformerEncoder(layer2, 3);
    expect(torch.rand(1).item()).toBe(after);
    const sd = enc.stateDict();
    expect(Object.keys(sd).filter((k) => k.startsWith("layers.2."))).toHaveLength(
      Object.keys(layer.stateDict()).length,
    );
    for (const [k, v] of Object.entries(layer.stateDict())) {
      expect(sd[`layers.2.${k}`]!.toArray()).toEqual(v.toArray());
      expect(sd[`layers.2.${k}`]).not.toBe(v);
    }
    for (const m of [layer, layer2, enc]) m.dispose();
  });

  test("camelCase getters name PyTorch's attributes", () => {
    const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true });
    expect(mha.inProjWeight!.shape).toEqual([24, 8]);
    expect(mha.outProj.weight.shape).toEqual([8, 8]);
    expect(mha.qProjWeight).toBeNull();
    expect(mha.headDim).toBe(4);
    mha.dispose();
  });

  test("scaledDotProductAttention refuses an explicit mask with isCausal, in PyTorch 2's words", () => {
    const q = torch.zeros(2, 3, 4);
    expect(() =>
      F.scaledDotProductAttention(q, q, q, { isCausal: true, attnMask: torch.ones([3, 3], { dtype: "bool" }) }),
    ).toThrow("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
    expect(() => F.scaledDotProductAttention(q, q, q, { dropoutP: 2 })).toThrow(/dropout probability/);
    expect(() => F.scaledDotProductAttention(q, torch.zeros(2, 3, 5), q)).toThrow(/same last dim/);
  });

  test("no graph memory survives a step: module, masks and weights are freed by tidy", () => {
    const mha = new nn.MultiheadAttention(8, 2);
    const before = torch.memory().tensors;
    torch.tidy(() => {
      const x = torch.randn(5, 2, 8, { requiresGrad: true });
      const [out, w] = mha.call(x, x, x, { attnMask: torch.arange(5).unsqueeze(0).gt(torch.arange(5).unsqueeze(1)) });
      out.sum().add(w!.sum()).backward();
    });
    mha.zeroGrad({ setToNone: true });
    expect(torch.memory().tensors).toBe(before);
    mha.dispose();
  });
});

const causal = () => torch.arange(4).unsqueeze(1).ge(torch.arange(4).unsqueeze(0));
gradcheckSuites(
  [
    [
      "sdpa",
      () => [f64([2, 4, 3], 1), f64([2, 4, 3], 2), f64([2, 4, 2], 3)],
      (q, k, v) => F.scaledDotProductAttention(q!, k!, v!),
    ],
    [
      "sdpa causal, scaled",
      () => [f64([4, 3], 4), f64([4, 3], 5), f64([4, 2], 6)],
      (q, k, v) => F.scaledDotProductAttention(q!, k!, v!, { isCausal: true, scale: 0.7 }),
    ],
    [
      "sdpa bool mask",
      () => [f64([4, 3], 7), f64([4, 3], 8), f64([4, 2], 9)],
      (q, k, v) => F.scaledDotProductAttention(q!, k!, v!, { attnMask: causal() }),
    ],
    [
      "multiHeadAttentionForward",
      () => [f64([3, 2, 4], 10), f64([12, 4], 11, -0.5, 0.5), f64([4, 4], 12, -0.5, 0.5)],
      (x, w, wo) => F.multiHeadAttentionForward(x!, x!, x!, 4, 2, w!, null, 0, wo!, null)[0],
    ],
  ],
  { first: "attention gradcheck (float64)", second: "attention gradgradcheck (float64)" },
);
