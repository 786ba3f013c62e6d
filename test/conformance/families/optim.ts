// Optimizers (test/golden/gen_optim.py): SGD, Adam and AdamW for five steps
// with fixed gradients; the parameters after every step and the final state,
// bit for bit (their wasm kernels emulate PyTorch's float32 fma, which is
// where engines could part); and PyTorch's messages for bad options. API
// cases stay in test/optim.test.ts; it and the parity family make their
// optimizers with makeOptimizer too.

import { camel, fromJson, observe } from "../values.js";
import type { OptimCase } from "../goldenCases.js";
import type { Family, Observed, Optimizer, Tensor, Torch, Value } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

/** Python keyword arguments as a torchlet options object. */
const optionsOf = (kwargs: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]));

/** The optimizer a case names over `params` (in its parameter groups when it has them), its options in torchlet's spelling. */
export function makeOptimizer(
  torch: Torch,
  c: Pick<OptimCase, "optimizer" | "kwargs" | "groups">,
  params: Tensor[],
): Optimizer {
  const Cls = torch.optim[c.optimizer!] as unknown as new (p: unknown, o: unknown) => Optimizer;
  const arg = c.groups ? c.groups.map((g) => ({ params: g.idx.map((i) => params[i]!), ...optionsOf(g.opts) })) : params;
  return new Cls(arg, optionsOf(c.kwargs ?? {}));
}

/** Runs an optimizer case: its steps over the fixed gradients, the parameters after each, and the final state. */
export function runOptimCase(torch: Torch, g: Golden): Observed {
  const c = g as unknown as OptimCase;
  const params = c.start!.map((s) => torch.nn.Parameter(fromJson(torch, s)));
  const opt = makeOptimizer(torch, c, params);
  try {
    const history = c.grads!.map((stepGrads) => {
      params.forEach((p, i) => (p.grad = fromJson(torch, stepGrads[i]!)));
      opt.step();
      const seen = params.map((p) => observe(p));
      opt.zeroGrad();
      return seen;
    });
    const state = c.state!.map((want, i) => {
      const got = (opt.state.get(params[i]!) ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(want).map((k) => {
          const v = got[camel(k)];
          return [k, typeof v === "number" ? v : v ? observe(v as Tensor) : null];
        }),
      ) as Value;
    });
    return { history, state };
  } finally {
    opt.dispose();
    params.forEach((p) => p.dispose());
  }
}

/** gen_optim.py's error cases: the same constructor call in torchlet's spelling, by case name. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_sgd_lr: (torch) => new torch.optim.SGD([param(torch)], { lr: -1 }),
  err_sgd_momentum: (torch) => new torch.optim.SGD([param(torch)], { lr: 0.1, momentum: -1 }),
  err_sgd_weight_decay: (torch) => new torch.optim.SGD([param(torch)], { lr: 0.1, weightDecay: -1 }),
  err_sgd_nesterov: (torch) => new torch.optim.SGD([param(torch)], { lr: 0.1, nesterov: true }),
  err_empty: (torch) => new torch.optim.SGD([], { lr: 0.1 }),
  err_adam_eps: (torch) => new torch.optim.Adam([param(torch)], { eps: -1 }),
  err_adam_beta0: (torch) => new torch.optim.Adam([param(torch)], { betas: [1.5, 0.9] }),
  err_adam_beta1: (torch) => new torch.optim.Adam([param(torch)], { betas: [0.9, -1] }),
  err_non_leaf: (torch) => new torch.optim.Adam([torch.zeros(2, { requiresGrad: true }).mul(2)]),
  err_duplicate_groups: (torch) => {
    const q = param(torch);
    return new torch.optim.SGD([{ params: [q] }, { params: [q] }], { lr: 0.1 });
  },
};

/** gen_optim.py's p: a plain leaf (an nn.Parameter would outlive the case's tidy when the constructor throws). */
const param = (torch: Torch): Tensor => torch.zeros(2, { requiresGrad: true });

export const optim: Family = (golden) => [
  ...fromGolden(golden, runOptimCase, {
    compare: ["history", "state"],
    skip: (g) => g.error !== undefined,
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  ...errorPrograms(golden, errors),
];
