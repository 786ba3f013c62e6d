// The fused attention of F.scaledDotProductAttention (src/nn/functional/flashAttention.ts):
// one node with PyTorch 2's CPU flash-attention name. Without createGraph
// one kernel pass makes the grads of q, k and v; with it, the formulas
// are composed of ops.

import { register, type AttentionOp } from "../registry.js";
import { flashAttentionGrad, flashAttentionGradFused } from "../../nn/functional/flashAttention.js";

export const attentionRules = register<AttentionOp>({
  scaledDotProductFlashAttention: {
    name: "ScaledDotProductFlashAttentionForCpuBackward0",
    save: { query: 0, key: 1, value: 2, out: "result" },
    grads: flashAttentionGrad,
    fused: flashAttentionGradFused,
  },
});
