// Gradient rules of aten::convolution (src/nn/functional/convolution.ts),
// after PyTorch's convolution_backward: the input and bias grads are
// convolutions and sums either way; the weight grad is one im2col + gemm
// pass when no graph is built. Under createGraph the three are the outputs
// of one convolution_backward op (ConvolutionBackwardBackward0, PyTorch's
// node), whose rule is the double backward.

import type { Tensor } from "../../tensor.js";
import { register, type ConvOp } from "../registry.js";
import {
  convBackwardGrad,
  convBiasGrad,
  convInputGrad,
  convolutionBackward,
  convWeightGradFused,
  type ConvSaved,
} from "../../nn/functional/convolution.js";

/** The grads of all three inputs from one convolution_backward, made when the first is asked for. */
function viaBackwardOp(g: Tensor, s: ConvSaved & { all?: (Tensor | null)[] }, _gs: unknown, i: number): Tensor | null {
  s.all ??= convolutionBackward(g, s);
  return s.all[i]!;
}

export const convRules = register<ConvOp>({
  convolution: {
    name: "ConvolutionBackward0",
    // Both, as PyTorch: convolution_backward's node has edges to input and weight either way.
    save: { input: 0, weight: 1 },
    grads: viaBackwardOp,
    fused: [convInputGrad, convWeightGradFused, (g: Tensor) => convBiasGrad(g)],
  },
  convolutionBackward: {
    name: "ConvolutionBackwardBackward0",
    save: { grad: 0, input: 1, weight: 2 },
    grads: convBackwardGrad,
  },
});
