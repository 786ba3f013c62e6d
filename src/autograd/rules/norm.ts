// Gradient rules of the normalisation ops (src/nn/functional/batchNorm.ts,
// groupNorm.ts): a fused kernel backward, and the same formulas composed of
// ops when createGraph is on.

import { register, type NormOp } from "../registry.js";
import { batchNormGrad, batchNormGradFused, type BatchNormSaved } from "../../nn/functional/batchNorm.js";
import { groupNormGrad, groupNormGradFused, type GroupNormSaved } from "../../nn/functional/groupNorm.js";

export const normRules = register<NormOp>({
  batchNorm: {
    name: "NativeBatchNormBackward0",
    save: { input: 0 },
    grads: (g, s: BatchNormSaved, _grads, i) => batchNormGrad(g, s, i as 0 | 1 | 2),
    fused: (g, s: BatchNormSaved, _grads, i) => batchNormGradFused(g, s, i as 0 | 1 | 2),
  },
  groupNorm: {
    name: "NativeGroupNormBackward0",
    save: { input: 0 },
    grads: (g, s: GroupNormSaved, _grads, i) => groupNormGrad(g, s, i as 0 | 1 | 2),
    fused: (g, s: GroupNormSaved, _grads, i) => groupNormGradFused(g, s, i as 0 | 1 | 2),
  },
});
