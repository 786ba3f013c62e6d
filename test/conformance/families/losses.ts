// Losses (test/golden/gen_losses.py): nn.functional's losses, values,
// printed forms, grad_fn names and grads of their inputs, errors.
// test/nn.losses.test.ts runs these cases under vitest.

import { camel, errorOf, make, observe } from "../values.js";
import type { LossCase } from "../goldenCases.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { observeNn, withGradsOf } from "./opCase.js";

type LossFn = (input: Tensor, target: Tensor, opts: Record<string, unknown>) => Tensor;
const NAMES: Record<string, string> = {
  binary_cross_entropy: "binaryCrossEntropy",
  mse_loss: "mseLoss",
  l1_loss: "l1Loss",
  smooth_l1_loss: "smoothL1Loss",
  huber_loss: "huberLoss",
  nll_loss: "nllLoss",
  cross_entropy: "crossEntropy",
};
const fn = (torch: Torch, name: string): LossFn => (torch.nn.functional as unknown as Record<string, LossFn>)[name]!;

/** binary_cross_entropy_with_logits on a case's input and target (leaves that require grad), opts' tensors made from their specs. */
function applyBce(torch: Torch, c: LossCase): { out: Tensor; x: Tensor; t: Tensor } {
  const [x, xin] = make(torch, c.input, true);
  const [t, tin] = make(torch, c.target, true);
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.opts)) opts[camel(k)] = typeof v === "string" ? v : make(torch, v)[1];
  return { out: fn(torch, "binaryCrossEntropyWithLogits")(xin, tin, opts), x, t };
}

/** One of the other losses on a case's args; `leaves` are the args that require grad. */
function applyLoss(torch: Torch, c: LossCase): { out: Tensor; leaves: Tensor[] } {
  const made = c.args!.map((a) => make(torch, a.spec, a.grad));
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.kwargs ?? {}))
    opts[camel(k)] = typeof v === "object" && v !== null ? make(torch, v.tensor)[1] : v;
  const out = fn(torch, NAMES[c.op]!)(made[0]![1], made[1]![1], opts);
  return { out, leaves: made.filter((_, i) => c.args![i]!.grad).map((m) => m[0]) };
}

function bce(torch: Torch, g: Golden): Observed {
  const c = g as unknown as LossCase;
  if (c.error !== undefined) return { error: errorOf(() => applyBce(torch, c)) };
  const { out, x, t } = applyBce(torch, c);
  const obs = observeNn(out);
  if (c.grad_input === undefined) return obs;
  out.backward(c.opts.reduction === "none" ? torch.onesLike(out) : null);
  return { ...obs, grad_input: observe(x.grad!), grad_target: observe(t.grad!) };
}

function generic(torch: Torch, g: Golden): Observed {
  const c = g as unknown as LossCase;
  if (c.error !== undefined) return { error: errorOf(() => applyLoss(torch, c)) };
  const { out, leaves } = applyLoss(torch, c);
  const obs = observeNn(out);
  if (c.grads === undefined) return obs;
  return withGradsOf(torch, obs, out, leaves, c.grad_out);
}

const tolOf = (g: Golden) => {
  const c = g as unknown as LossCase;
  const spec = c.input ?? c.args?.[0]?.spec;
  return spec?.dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
};

export const losses: Family = (golden) =>
  fromGolden(golden, (torch, g) => (g.op === "bce_with_logits" ? bce(torch, g) : generic(torch, g)), {
    compare: ["out", "printed", "grad_fn", "grad_input", "grad_target", "grads", "error"],
    tol: tolOf,
  });
