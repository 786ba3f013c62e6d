// Gradient rule of aten::convolution (src/nn/functional/convolution.ts),
// after PyTorch's convolution_backward: the input and bias grads are
// convolutions and sums either way; the weight grad is one im2col + gemm
// pass when no graph is built, and a differentiable convolution otherwise.

import type { Tensor } from "../../tensor.js";
import { register, type ConvOp } from "../registry.js";
import { convBiasGrad, convInputGrad, convWeightGrad, convWeightGradFused } from "../../nn/functional/convolution.js";

export const convRules = register<ConvOp>({
  convolution: {
    name: "ConvolutionBackward0",
    save: { input: { input: 0, neededBy: 1 }, weight: { input: 1, neededBy: 0 } },
    grads: [convInputGrad, convWeightGrad, (g: Tensor) => convBiasGrad(g)],
    fused: [convInputGrad, convWeightGradFused, (g: Tensor) => convBiasGrad(g)],
  },
});
