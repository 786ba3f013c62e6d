// Gradient rules of the ops behind the margin and probabilistic losses
// (src/nn/functional/marginLoss.ts, probLoss.ts): clamp_min, xlogy,
// soft_margin_loss and multi_margin_loss, PyTorch 1.13's formulas.

import type { Tensor } from "../../tensor.js";
import { register, NOT_DIFFERENTIABLE, type ToolkitOp } from "../registry.js";
import { add, mul, div } from "../../ops/binary.js";
import { neg, exp, log, sigmoid } from "../../ops/unary.js";
import { ge, ne, where } from "../../ops/compare.js";
import { multiMarginGradInput, type MultiMarginSaved } from "../../nn/functional/multiMargin.js";
import { ctcLossGradInput, type CtcSaved } from "../../nn/functional/ctcLoss.js";

interface ClampMinSaved {
  self: Tensor;
  min: number;
}
interface XlogySaved {
  self: Tensor;
  other: Tensor;
}
interface SoftMarginSaved {
  input: Tensor;
  target: Tensor;
  norm: number;
}

export const toolkitRules = register<ToolkitOp>({
  // grad where self >= min (NaN gets none), as clamp_min_backward.
  clampMin: {
    name: "ClampMinBackward0",
    save: { self: 0 },
    grads: [(g, s: ClampMinSaved) => where(ge(s.self, s.min), g, 0)],
  },
  xlogy: {
    name: "XlogyBackward0",
    save: { self: 0, other: 1 },
    grads: [
      // grad * xlogy(self != 0, other)
      (g, s: XlogySaved) => mul(g, where(ne(s.self, 0), log(s.other), where(ne(s.other, s.other), s.other, 0))),
      (g, s: XlogySaved) => div(mul(g, s.self), s.other),
    ],
  },
  // grad * (1 - sigmoid(x)) = grad * sigmoid(-x)
  logSigmoid: {
    name: "LogSigmoidBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor }) => mul(g, sigmoid(neg(s.self)))],
  },
  // grad_input = target * z * (-norm) / (z + 1) * grad, z = exp(-target * input)
  softMarginLoss: {
    name: "SoftMarginLossBackward0",
    save: { input: 0, target: 1 },
    grads: [
      (g, s: SoftMarginSaved) => {
        const z = exp(mul(neg(s.target), s.input));
        return mul(div(mul(mul(s.target, z), -s.norm), add(z, 1)), g);
      },
      NOT_DIFFERENTIABLE,
    ],
  },
  multiMarginLoss: {
    name: "MultiMarginLossBackward0",
    save: { input: 0, target: 1 },
    grads: [(g, s: MultiMarginSaved) => multiMarginGradInput(g, s), NOT_DIFFERENTIABLE, NOT_DIFFERENTIABLE],
  },
  ctcLoss: {
    name: "CtcLossBackward0",
    save: { input: 0 },
    grads: [(g, s: CtcSaved) => ctcLossGradInput(g, s), NOT_DIFFERENTIABLE],
  },
});
