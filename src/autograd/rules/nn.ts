// Gradient rules of the nn.functional ops (src/nn/functional/*.ts). Most
// formulas live next to their forward (a fused kernel, or ops under
// createGraph); this table names them.

import type { Tensor } from "../../tensor.js";
import { register, type NnOp, type Rule } from "../registry.js";
import { add, sub, mul, div } from "../../ops/binary.js";
import { neg, sigmoid, relu, abs, exp, log1p } from "../../ops/unary.js";
import { bceWithLogitsBackwardFused } from "../../nn/functional/bce.js";
import type { Reduction } from "../../nn/functional/common.js";
import { pointwiseLossGrad, pointwiseLossGradFused, type PointwiseSaved } from "../../nn/functional/pointwiseLoss.js";
import {
  nllLossGrad,
  nllLossGradFused,
  logSoftmaxLossGrad,
  logSoftmaxLossGradFused,
} from "../../nn/functional/crossEntropy.js";
import { activationGrad, activationGradFused } from "../../nn/functional/activation.js";
import { mmMat2Grad, mmSelfGrad } from "./linalg.js";
import { layerNormGrad, layerNormGradFused, type LayerNormSaved } from "../../nn/functional/layerNorm.js";
import { embeddingGrad } from "../../nn/functional/embedding.js";

interface Bce {
  input: Tensor;
  target: Tensor;
  weight: Tensor | null;
  posWeight: Tensor | null;
  reduction: Reduction;
  n: number;
}

/** Weight, incoming grad and the mean's 1/n applied to a per-element gradient. */
function scaleBy(t: Tensor, g: Tensor, s: Bce): Tensor {
  const wg = mul(s.weight ? mul(t, s.weight) : t, g);
  return s.reduction === "mean" ? div(wg, s.n) : wg;
}

/** target: ((pw - 1) * softplus(-x) - x) * w * g [/ n]; softplus(-x) = relu(-x) + log1p(exp(-|x|)) */
function bceTargetGrad(g: Tensor, s: Bce): Tensor {
  const core = neg(s.input);
  if (!s.posWeight) return scaleBy(core, g, s);
  const sp = log1p(exp(neg(abs(s.input))));
  const r = add(relu(neg(s.input)), sp);
  return scaleBy(add(core, mul(sub(s.posWeight, 1), r)), g, s);
}

/** mse, smooth_l1, huber and bce: one kernel each way, composed under createGraph (pointwiseLoss.ts). */
const pointwiseLoss = (name: string): Rule => ({
  name,
  save: { input: 0, target: 1 },
  grads: (g, s: PointwiseSaved, _grads, i) => pointwiseLossGrad(g, s, i as 0 | 1),
  fused: (g, s: PointwiseSaved, _grads, i) => pointwiseLossGradFused(g, s, i as 0 | 1),
});

export const nnRules = register<NnOp>({
  binaryCrossEntropyWithLogits: {
    name: "BinaryCrossEntropyWithLogitsBackward0",
    save: { input: 0, target: 1 },
    grads: [
      // input: (sigmoid(x) * (pw*t + 1 - t) - pw*t) * w * g [/ n]
      (g, s: Bce) => {
        const sig = sigmoid(s.input);
        if (!s.posWeight) return scaleBy(sub(sig, s.target), g, s);
        const pt = mul(s.posWeight, s.target);
        return scaleBy(sub(mul(sub(add(pt, 1), s.target), sig), pt), g, s);
      },
      bceTargetGrad,
    ],
    fused: [
      (g, s: Bce) => bceWithLogitsBackwardFused(g, s.input, s.target, s.weight, s.posWeight, s.reduction),
      bceTargetGrad,
    ],
  },
  binaryCrossEntropy: pointwiseLoss("BinaryCrossEntropyBackward0"),
  mseLoss: pointwiseLoss("MseLossBackward0"),
  smoothL1Loss: pointwiseLoss("SmoothL1LossBackward0"),
  huberLoss: pointwiseLoss("HuberLossBackward0"),
  nllLoss: { name: "NllLossBackward0", grads: [nllLossGrad], fused: [nllLossGradFused] },
  nllLoss2d: { name: "NllLoss2DBackward0", grads: [nllLossGrad], fused: [nllLossGradFused] },
  // cross_entropy's log_softmax, with a fused backward; the same node as torch.logSoftmax's.
  crossEntropyLogSoftmax: {
    name: "LogSoftmaxBackward0",
    save: { result: "result" },
    grads: [logSoftmaxLossGrad],
    fused: [logSoftmaxLossGradFused],
  },
  // Tensor / Scalar as ATen records it inside composite ops (Python's `t / 2` is DivBackward1).
  divScalar: { name: "DivBackward1", grads: [(g, s: { other: number }) => div(g, s.other)] },
  gelu: { name: "GeluBackward0", save: { self: 0 }, grads: [activationGrad], fused: [activationGradFused] },
  silu: { name: "SiluBackward0", save: { self: 0 }, grads: [activationGrad], fused: [activationGradFused] },
  addmm: {
    name: "AddmmBackward0",
    // mm's formulas for mat1 (saved as self) and mat2. The bias gets the grad as it is; the engine sums it
    // down to the bias's shape.
    save: { self: 1, mat2: 2 },
    grads: [(g) => g, mmSelfGrad, mmMat2Grad],
  },
  layerNorm: {
    name: "NativeLayerNormBackward0",
    save: { input: 0 },
    grads: (g, s: LayerNormSaved, _grads, i) => layerNormGrad(g, s, i as 0 | 1 | 2),
    fused: (g, s: LayerNormSaved, _grads, i) => layerNormGradFused(g, s, i as 0 | 1 | 2),
  },
  embedding: { name: "EmbeddingBackward0", grads: [embeddingGrad] },
});
