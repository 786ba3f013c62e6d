// Losses (test/golden/gen_losses.py): nn.functional's losses, values,
// printed forms, grad_fn names and grads of their inputs.

import { camel, errorOf, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

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

/** binary_cross_entropy_with_logits cases: input, target, opts (tensors as specs). */
function bce(torch: Torch, g: Golden): Observed {
  const build = (requiresGrad: boolean) => {
    const [x, xin] = make(torch, g.input as InputSpec, requiresGrad);
    const [t, tin] = make(torch, g.target as InputSpec, requiresGrad);
    const opts: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g.opts as Record<string, InputSpec | string>)) {
      opts[camel(k)] = typeof v === "string" ? v : make(torch, v)[1];
    }
    return { out: () => fn(torch, "binaryCrossEntropyWithLogits")(xin, tin, opts), x, t };
  };
  if (g.error !== undefined) return { error: errorOf(() => build(true).out()) };
  const { out: call, x, t } = build(true);
  const out = call();
  const obs: Observed = { out: observe(out), printed: String(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  if (g.grad_input === undefined) return obs;
  out.backward((g.opts as Record<string, unknown>).reduction === "none" ? torch.onesLike(out) : null);
  return { ...obs, grad_input: observe(x.grad!), grad_target: observe(t.grad!) };
}

/** The other losses: args (specs, each with whether it requires grad), kwargs, an optional grad_out. */
function generic(torch: Torch, g: Golden): Observed {
  const args = g.args as { spec: InputSpec; grad: boolean }[];
  const build = () => {
    const made = args.map((a) => make(torch, a.spec, a.grad));
    const opts: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((g.kwargs ?? {}) as Record<string, unknown>)) {
      opts[camel(k)] = typeof v === "object" && v !== null ? make(torch, (v as { tensor: InputSpec }).tensor)[1] : v;
    }
    return { made, run: () => fn(torch, NAMES[String(g.op)]!)(made[0]![1], made[1]![1], opts) };
  };
  if (g.error !== undefined) return { error: errorOf(() => build().run()) };
  const { made, run } = build();
  const out = run();
  const obs: Observed = { out: observe(out), printed: String(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  if (g.grads === undefined) return obs;
  const leaves = made.filter((_, i) => args[i]!.grad).map((m) => m[0]);
  const gradOut = g.grad_out ? make(torch, g.grad_out as InputSpec)[1] : null;
  const grads = torch.autograd.grad(out, leaves, gradOut, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

const tolOf = (g: Golden) => {
  const spec = (g.input ?? (g.args as { spec: InputSpec }[] | undefined)?.[0]?.spec) as InputSpec | undefined;
  return spec?.dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
};

export const losses: Family = (golden) =>
  fromGolden(golden, (torch, g) => (g.op === "bce_with_logits" ? bce(torch, g) : generic(torch, g)), {
    compare: ["out", "printed", "grad_fn", "grad_input", "grad_target", "grads", "error"],
    tol: tolOf,
  });
