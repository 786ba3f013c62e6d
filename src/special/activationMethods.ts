// The Tensor methods PyTorch 1.13 has for nn activations beyond the ones
// their ops add themselves (relu, sigmoid, tanh, softmax, logSoftmax and
// the in-place relu_, sigmoid_, tanh_): hardshrink and prelu.

import type { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { hardshrink, type ShrinkOptions } from "../nn/functional/activation2.js";
import { prelu } from "../nn/functional/activation3.js";

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.hardshrink: 0 where |x| <= lambd (0.5 by default), x elsewhere (F.hardshrink, HardshrinkBackward0). */
    hardshrink(lambd?: number | ShrinkOptions): Tensor;
    /** Tensor.prelu: x where x > 0, weight * x elsewhere, one weight or one per channel (F.prelu, PreluBackward0). */
    prelu(weight: Tensor): Tensor;
  }
}

addMethods({
  hardshrink(this: Tensor, lambd?: number | ShrinkOptions): Tensor {
    return hardshrink(this, lambd);
  },
  prelu(this: Tensor, weight: Tensor): Tensor {
    return prelu(this, weight);
  },
});
