// Gradient rules of the nn.functional ops (src/nn/functional/*.ts).

import type { Tensor } from "../../tensor.js";
import type { RuleTable } from "../derivatives.js";
import { isGradEnabled } from "../gradMode.js";
import { add, sub, mul, div } from "../../ops/binary.js";
import { neg, sigmoid, relu, abs, exp, log1p } from "../../ops/unary.js";
import { bceWithLogitsBackwardFused, type Reduction } from "../../nn/functional/bce.js";

export type NnOp = "binaryCrossEntropyWithLogits";

interface Bce {
  input: Tensor;
  target: Tensor;
  weight: Tensor | null;
  posWeight: Tensor | null;
  reduction: Reduction;
  n: number;
}

/** Runs `steps` left to right, each on the previous result, disposing every intermediate. */
function chain(first: Tensor, ...steps: ((t: Tensor) => Tensor)[]): Tensor {
  let cur = first;
  for (const step of steps) {
    const next = step(cur);
    cur.dispose();
    cur = next;
  }
  return cur;
}

/** Weight, incoming grad and the mean's 1/n applied to a per-element gradient. */
function scaleBy(t: Tensor, g: Tensor, s: Bce): Tensor {
  return chain(
    t,
    (u) => (s.weight ? mul(u, s.weight) : u.clone()),
    (u) => mul(u, g),
    (u) => (s.reduction === "mean" ? div(u, s.n) : u.clone()),
  );
}

export const nnRules: RuleTable<NnOp> = {
  binaryCrossEntropyWithLogits: {
    name: "BinaryCrossEntropyWithLogitsBackward0",
    grads: [
      // input: (sigmoid(x) * (pw*t + 1 - t) - pw*t) * w * g [/ n]
      (g, s: Bce) => {
        // Under createGraph the backward must itself be recorded: compose it of ops.
        if (!isGradEnabled()) return bceWithLogitsBackwardFused(g, s.input, s.target, s.weight, s.posWeight, s.reduction);
        const sig = sigmoid(s.input);
        let core: Tensor;
        if (s.posWeight) {
          const pt = mul(s.posWeight, s.target);
          core = chain(add(pt, 1), (u) => sub(u, s.target), (u) => mul(u, sig), (u) => sub(u, pt));
          pt.dispose();
          sig.dispose();
        } else {
          core = sub(sig, s.target);
          sig.dispose();
        }
        return scaleBy(core, g, s);
      },
      // target: ((pw - 1) * softplus(-x) - x) * w * g [/ n]; softplus(-x) = relu(-x) + log1p(exp(-|x|))
      (g, s: Bce) => {
        let core = neg(s.input);
        if (s.posWeight) {
          const sp = chain(abs(s.input), (u) => neg(u), (u) => exp(u), (u) => log1p(u));
          const r = chain(neg(s.input), (u) => relu(u), (u) => add(u, sp));
          sp.dispose();
          const pwm1 = sub(s.posWeight, 1);
          const term = mul(pwm1, r);
          pwm1.dispose();
          r.dispose();
          core = chain(core, (u) => add(u, term));
          term.dispose();
        }
        return scaleBy(core, g, s);
      },
    ],
  },
};
