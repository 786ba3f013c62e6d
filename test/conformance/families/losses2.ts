// More losses (test/golden/gen_losses2.py): kl_div, poisson_nll_loss,
// gaussian_nll_loss, the margin losses, multilabel_soft_margin_loss,
// multi_margin_loss, soft_margin_loss, and cosine_similarity,
// pairwise_distance, normalize: values, printed forms, grad_fn names, the
// grads of the inputs, and PyTorch's messages. test/nn.losses2.test.ts runs
// these cases under vitest, with gradchecks.

import { camel, errorOf, make } from "../values.js";
import type { LossCase } from "../goldenCases.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { observeNn, withGradsOf } from "./opCase.js";

type AnyFn = (...args: unknown[]) => Tensor;

/** F.<op> in torchlet's spelling on a case's args; `leaves` are the args that require grad. */
export function applyLoss2(torch: Torch, c: LossCase): { out: Tensor; leaves: Tensor[] } {
  const made = c.args!.map((a) => make(torch, a.spec, a.grad));
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.kwargs ?? {}))
    opts[camel(k)] = typeof v === "object" && v !== null ? make(torch, v.tensor)[1] : v;
  const fn = (torch.nn.functional as unknown as Record<string, AnyFn>)[camel(c.op)]!;
  const c2 = c as LossCase & { input_lengths?: number[]; target_lengths?: number[] };
  // ctc_loss's lengths are lists between the tensors and the options.
  const lens = c2.input_lengths ? [c2.input_lengths, c2.target_lengths] : [];
  const out = fn(...made.map((m) => m[1]), ...lens, opts);
  return { out, leaves: made.filter((_, i) => c.args![i]!.grad).map((m) => m[0]) };
}

/**
 * Cases whose float32 sum or mean lands an ulp from PyTorch's (the sum's
 * order differs; the values before the reduction agree): compared within
 * the tolerance, not as printed.
 */
const SUM_ORDER = new Set(["gaussian_mean_full", "gaussian_sum_full"]);

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as LossCase;
  if (c.error !== undefined) return { error: errorOf(() => applyLoss2(torch, c)) };
  const { out, leaves } = applyLoss2(torch, c);
  const obs = observeNn(out);
  if (SUM_ORDER.has(c.name)) delete obs.printed;
  if (c.grads === undefined) return obs;
  return withGradsOf(torch, obs, out, leaves, c.grad_out);
}

const tolOf = (g: Golden) => {
  const c = g as unknown as LossCase;
  return c.args?.[0]?.spec.dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
};

export const losses2: Family = (golden) =>
  fromGolden(golden, run, {
    compare: (g) =>
      SUM_ORDER.has(String(g.name))
        ? ["out", "grad_fn", "grads", "error"]
        : ["out", "printed", "grad_fn", "grads", "error"],
    tol: tolOf,
  });
