// Gradient rules of the activations in src/nn/functional/activation2.ts and
// activation3.ts, PyTorch 1.13's grad_fn names. The pointwise ones have one
// fused kernel backward and a composed one for createGraph; the in-place
// forms (the "Result" ops) read the result instead of the input, as
// derivatives.yaml's `*_backward(grad, result, ..., is_result=true)`.

import { register, type ActivationOp, type Rule } from "../registry.js";
import { mul } from "../../ops/binary.js";
import { activation2Grad, activation2GradFused, type Act2Saved } from "../../nn/functional/activation2.js";
import {
  gluGrad,
  preluInputGrad,
  preluWeightGrad,
  type GluSaved,
  type PreluSaved,
} from "../../nn/functional/activation3.js";
import type { Tensor } from "../../tensor.js";

const LEAKY_INPLACE_NEGATIVE =
  "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. " +
  "This is caused by calling in-place forward function with a negative slope, please call out-of-place " +
  "version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting " +
  "in-place leakRelu backward calculation with negative slope";
const ELU_INPLACE_NEGATIVE =
  "In-place elu backward calculation is triggered with a negative slope which is not supported. " +
  "This is caused by calling in-place forward function with a negative slope, please call out-of-place " +
  "version instead.";

/** A pointwise activation's rule: `save` names where its `self` comes from (the input, or the result). */
function pointwise(name: string, fromResult = false, negativeError?: string): Rule {
  const check = (s: Act2Saved): void => {
    // From the result, a negative slope cannot tell which side an element came from.
    if (negativeError !== undefined && s.p < 0) throw new Error(negativeError);
  };
  return {
    name,
    save: { self: fromResult ? "result" : 0 },
    grads: [
      (g, s: Act2Saved) => {
        check(s);
        return activation2Grad(g, s);
      },
    ],
    fused: [
      (g, s: Act2Saved) => {
        check(s);
        return activation2GradFused(g, s);
      },
    ],
  };
}

export const activationRules = register<ActivationOp>({
  leakyRelu: pointwise("LeakyReluBackward0"),
  leakyReluResult: pointwise("LeakyReluBackward1", true, LEAKY_INPLACE_NEGATIVE),
  elu: pointwise("EluBackward0"),
  eluResult: pointwise("EluBackward1", true, ELU_INPLACE_NEGATIVE),
  celu: pointwise("CeluBackward0"),
  celuResult: pointwise("CeluBackward1", true, ELU_INPLACE_NEGATIVE),
  softplus: pointwise("SoftplusBackward0"),
  hardtanh: pointwise("HardtanhBackward0"),
  // hardtanh_ in 1.13 records HardtanhBackward0 too, reading the result.
  hardtanhResult: pointwise("HardtanhBackward0", true),
  hardsigmoid: pointwise("HardsigmoidBackward0"),
  hardswish: pointwise("HardswishBackward0"),
  mish: pointwise("MishBackward0"),
  logSigmoidKernel: pointwise("LogSigmoidBackward0"),
  softshrink: pointwise("SoftshrinkBackward0"),
  hardshrink: pointwise("HardshrinkBackward0"),
  threshold: pointwise("ThresholdBackward0"),
  thresholdResult: pointwise("ThresholdBackward1", true),
  // rrelu in eval mode is leaky_relu with the mean slope.
  rreluWithNoise: pointwise("RreluWithNoiseBackward0"),
  rreluWithNoiseResult: pointwise("RreluWithNoiseBackward1", true, LEAKY_INPLACE_NEGATIVE),
  // rrelu in training mode: grad * noise (1 where x > 0, the drawn slope elsewhere).
  rreluNoise: { name: "RreluWithNoiseBackward0", grads: [(g, s: { noise: Tensor }) => mul(g, s.noise)] },
  rreluNoiseInplace: { name: "RreluWithNoiseBackward1", grads: [(g, s: { noise: Tensor }) => mul(g, s.noise)] },
  glu: { name: "GluBackward0", save: { self: 0 }, grads: [gluGrad as (g: Tensor, s: GluSaved) => Tensor] },
  prelu: {
    name: "PreluBackward0",
    save: { self: 0, weight: 1 },
    grads: [(g, s: PreluSaved) => preluInputGrad(g, s), (g, s: PreluSaved) => preluWeightGrad(g, s)],
  },
});
