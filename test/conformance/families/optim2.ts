// More optimizers (test/golden/gen_optim2.py): RMSprop, Adagrad, Adadelta,
// Adamax, NAdam, RAdam and ASGD for ten steps with fixed gradients, bit for
// bit as optim.ts compares SGD and Adam; LBFGS minimising a fixed closure
// (float64, to a tolerance: its dot products sum in another order than
// BLAS); PyTorch's messages for bad options.

import { fromJson, observe } from "../values.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";
import { makeOptimizer, runOptimCase } from "./optim.js";
import type { TensorJson } from "../types.js";

interface LbfgsCase {
  kwargs: Record<string, unknown>;
  start: TensorJson[];
  t: TensorJson;
  s: TensorJson;
  history: TensorJson[][];
  losses: TensorJson;
}

/** gen_optim2.py's closure: rosenbrock(a) + sum(s * (b - t) ** 2). */
function runLbfgs(torch: Torch, g: Golden): Observed {
  const c = g as unknown as LbfgsCase;
  const [a, b] = c.start.map((x) => torch.nn.Parameter(fromJson(torch, x)));
  const t = fromJson(torch, c.t),
    s = fromJson(torch, c.s);
  const opt = makeOptimizer(torch, { optimizer: "LBFGS", kwargs: c.kwargs }, [a!, b!]);
  try {
    const closure = (): Tensor =>
      torch.tidy(() => {
        opt.zeroGrad();
        const head = a!.narrow(0, 0, 3),
          tail = a!.narrow(0, 1, 3);
        const rosen = tail.sub(head.pow(2)).pow(2).mul(100).add(torch.sub(1, head).pow(2)).sum();
        const loss = rosen.add(s.mul(b!.sub(t).pow(2)).sum());
        loss.backward();
        return loss.detach();
      });
    const losses: number[] = [];
    const history = c.history.map(() => {
      const loss = opt.step(closure) as Tensor;
      losses.push(Number(loss.item()));
      loss.dispose();
      return [observe(a!), observe(b!)];
    });
    const lossCurve = torch.tensor(losses, { dtype: "float64" });
    const seen = observe(lossCurve);
    lossCurve.dispose();
    return { history, losses: seen };
  } finally {
    opt.dispose();
    for (const x of [a!, b!, t, s]) x.dispose();
  }
}

const param = (torch: Torch): Tensor => torch.zeros(2, { requiresGrad: true });
const O = (torch: Torch) => torch.optim;

/** gen_optim2.py's error cases, by name. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_rmsprop_lr: (torch) => new (O(torch).RMSprop)([param(torch)], { lr: -1 }),
  err_rmsprop_alpha: (torch) => new (O(torch).RMSprop)([param(torch)], { alpha: -0.5 }),
  err_rmsprop_momentum: (torch) => new (O(torch).RMSprop)([param(torch)], { momentum: -1 }),
  err_rmsprop_eps: (torch) => new (O(torch).RMSprop)([param(torch)], { eps: -1 }),
  err_adagrad_lr_decay: (torch) => new (O(torch).Adagrad)([param(torch)], { lrDecay: -1 }),
  err_adagrad_initial_accumulator: (torch) => new (O(torch).Adagrad)([param(torch)], { initialAccumulatorValue: -1 }),
  err_adagrad_weight_decay: (torch) => new (O(torch).Adagrad)([param(torch)], { weightDecay: -1 }),
  err_adadelta_rho: (torch) => new (O(torch).Adadelta)([param(torch)], { rho: 1.5 }),
  err_adadelta_eps: (torch) => new (O(torch).Adadelta)([param(torch)], { eps: -1 }),
  err_adamax_beta0: (torch) => new (O(torch).Adamax)([param(torch)], { betas: [1.5, 0.9] }),
  err_nadam_momentum_decay: (torch) => new (O(torch).NAdam)([param(torch)], { momentumDecay: -1 }),
  err_radam_beta1: (torch) => new (O(torch).RAdam)([param(torch)], { betas: [0.9, -0.5] }),
  err_asgd_weight_decay: (torch) => new (O(torch).ASGD)([param(torch)], { weightDecay: -1 }),
  err_asgd_lr: (torch) => new (O(torch).ASGD)([param(torch)], { lr: -1 }),
  err_lbfgs_groups: (torch) =>
    new (O(torch).LBFGS)([{ params: [param(torch)] }, { params: [torch.zeros(1, { requiresGrad: true })] }]),
};

const isLbfgs = (g: Golden): boolean => g.optimizer === "LBFGS";

export const optim2: Family = (golden) => [
  ...fromGolden(golden, runOptimCase, {
    compare: ["history", "state"],
    skip: (g) => g.error !== undefined || isLbfgs(g),
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  ...fromGolden(golden, runLbfgs, {
    compare: ["history", "losses"],
    skip: (g) => !isLbfgs(g),
    tol: () => ({ rtol: 1e-9, atol: 1e-12 }),
  }),
  ...errorPrograms(golden, errors),
];
