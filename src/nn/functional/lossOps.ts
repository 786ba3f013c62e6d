// What the composed losses share: clamp_min (ClampMinBackward0), which
// several end with, and PyTorch's apply_loss_reduction.

import type { Tensor } from "../../tensor.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { clamp } from "../../ops/clamp.js";
import { sum, mean } from "../../ops/reduce.js";
import type { Reduction } from "./common.js";

/** torch.clamp_min(input, min) (ClampMinBackward0): max(input, min), NaN kept. */
export function clampMin(input: Tensor, min: number): Tensor {
  const out = noGrad(() => clamp(input, min));
  return record("clampMin", out, [input], { min });
}

/** PyTorch's apply_loss_reduction: the mean, the sum, or the elementwise losses. */
export function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === "mean" ? mean(loss) : reduction === "sum" ? sum(loss) : loss;
}
