// Rows: the second half of the training toolkit: the optimizers RMSprop,
// Adagrad, Adadelta, Adamax, NAdam, RAdam, ASGD and LBFGS.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, type Case } from "./table.js";

const { optim } = torch;

// ---- optimizers ---------------------------------------------------------------------------------

const params = () => [torch.ones(2, { requiresGrad: true }), torch.ones(3, { requiresGrad: true })];
const commonCases = (name: string): Case[] => [
  c(
    "params a tensor",
    (f) => f(F.a),
    TypeError,
    /params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor/,
  ),
  c("empty params", (f) => f([]), RangeError, /optimizer got an empty parameter list/),
  c("a non-leaf param", (f) => f([F.a.mul(2)]), Error, /can't optimize a non-leaf Tensor/),
  c("a disposed param", (f) => f([J.disposed]), Error, /was disposed/),
  c("negative lr", (f) => f(params(), { lr: -1 }), RangeError, /Invalid learning rate: -1/),
  c(
    "lr a string",
    (f) => f(params(), { lr: "0.1" }),
    TypeError,
    new RegExp(`${name}\\(\\): lr must be a number, but got string`),
  ),
  c(
    "unknown option",
    (f) => f(params(), { learningRate: 0.1 }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "learningRate"`),
  ),
];
const optimizers: [string, (p: unknown, o: unknown) => unknown, Record<string, unknown>, Case[]][] = [
  [
    "RMSprop",
    (p, o) => new optim.RMSprop(p as never, o as never),
    { lr: 0.1, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: true, maximize: false },
    [
      c("negative alpha", (f) => f(params(), { alpha: -0.5 }), RangeError, /Invalid alpha value: -0.5/),
      c("negative momentum", (f) => f(params(), { momentum: -1 }), RangeError, /Invalid momentum value: -1/),
    ],
  ],
  [
    "Adagrad",
    (p, o) => new optim.Adagrad(p as never, o as never),
    { lr: 0.1, lrDecay: 0.1, weightDecay: 0.1, initialAccumulatorValue: 0.5, eps: 1e-6, maximize: true },
    [
      c("negative lr_decay", (f) => f(params(), { lrDecay: -1 }), RangeError, /Invalid lr_decay value: -1/),
      c(
        "negative initial accumulator",
        (f) => f(params(), { initialAccumulatorValue: -1 }),
        RangeError,
        /Invalid initial_accumulator_value value: -1/,
      ),
    ],
  ],
  [
    "Adadelta",
    (p, o) => new optim.Adadelta(p as never, o as never),
    { lr: 0.5, rho: 0.8, eps: 1e-4, weightDecay: 0.1, maximize: false },
    [c("rho above 1", (f) => f(params(), { rho: 1.5 }), RangeError, /Invalid rho value: 1.5/)],
  ],
  [
    "Adamax",
    (p, o) => new optim.Adamax(p as never, o as never),
    { lr: 0.01, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1, maximize: true },
    [c("beta of 1", (f) => f(params(), { betas: [1, 0.9] }), RangeError, /Invalid beta parameter at index 0: 1/)],
  ],
  [
    "NAdam",
    (p, o) => new optim.NAdam(p as never, o as never),
    { lr: 0.01, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1, momentumDecay: 0.01 },
    [
      c(
        "negative momentum_decay",
        (f) => f(params(), { momentumDecay: -1 }),
        RangeError,
        /Invalid momentum_decay value: -1/,
      ),
      c(
        "maximize (not in PyTorch 1.13's NAdam)",
        (f) => f(params(), { maximize: true }),
        TypeError,
        /unknown option "maximize"/,
      ),
    ],
  ],
  [
    "RAdam",
    (p, o) => new optim.RAdam(p as never, o as never),
    { lr: 0.01, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1 },
    [
      c(
        "betas not a pair",
        (f) => f(params(), { betas: 0.9 }),
        TypeError,
        /RAdam\(\): betas must be a pair of numbers/,
      ),
    ],
  ],
  [
    "ASGD",
    (p, o) => new optim.ASGD(p as never, o as never),
    { lr: 0.01, lambd: 1e-3, alpha: 0.5, t0: 10, weightDecay: 0.1, maximize: true },
    [c("negative weight decay", (f) => f(params(), { weightDecay: -1 }), RangeError, /Invalid weight_decay value: -1/)],
  ],
  [
    "LBFGS",
    (p, o) => new optim.LBFGS(p as never, o as never),
    {
      lr: 0.5,
      maxIter: 5,
      maxEval: null,
      toleranceGrad: 1e-5,
      toleranceChange: 1e-9,
      historySize: 3,
      lineSearchFn: "strong_wolfe",
    },
    [
      c(
        "two parameter groups",
        (f) => f([{ params: [params()[0]] }, { params: [params()[1]] }]),
        RangeError,
        /LBFGS doesn't support per-parameter options \(parameter groups\)/,
      ),
      c(
        "an unknown line search",
        (f) => f(params(), { lineSearchFn: "armijo" }),
        RangeError,
        /only 'strong_wolfe' is supported/,
      ),
    ],
  ],
];
for (const [name, make, opts, cases] of optimizers) {
  fn(`new optim.${name}`, make, () => [params(), opts], [
    // PyTorch 1.13's LBFGS does not check lr.
    ...commonCases(name).filter((k) => name !== "LBFGS" || k.what !== "negative lr"),
    ...cases,
  ]);
}

const lbfgs = () => {
  const p = torch.ones(2, { requiresGrad: true });
  return new optim.LBFGS([p], { maxIter: 2 });
};
const closureOf = (opt: InstanceType<typeof optim.LBFGS>) => () => {
  opt.zeroGrad();
  const p = opt.paramGroups[0]!.params[0]!;
  const loss = p.mul(p).sum();
  loss.backward();
  return loss;
};
fn(
  "optim.LBFGS.step",
  (opt: InstanceType<typeof optim.LBFGS>, cl: unknown) => opt.step(cl as never),
  () => {
    const opt = lbfgs();
    return [opt, closureOf(opt)];
  },
  [
    c(
      "no closure",
      (f) => f(lbfgs()),
      TypeError,
      /LBFGS.step\(closure\): closure must be a function, but got undefined/,
    ),
    c(
      "a closure that returns no loss",
      (f) => f(lbfgs(), () => "loss"),
      TypeError,
      /LBFGS: the closure must return the loss \(a Tensor or a number\), but got string/,
    ),
  ],
  { receiver: true, keeps: true, keepArgs: { 1: "a callback" } },
);
fn(
  "optim.LBFGS.addParamGroup",
  (opt: InstanceType<typeof optim.LBFGS>, g: unknown) => opt.addParamGroup(g as never),
  () => [lbfgs(), { params: [torch.ones(1, { requiresGrad: true })] }],
  [
    c(
      "a second group",
      (f) => f(lbfgs(), { params: [torch.ones(1, { requiresGrad: true })] }),
      RangeError,
      /LBFGS doesn't support per-parameter options \(parameter groups\)/,
    ),
  ],
  { receiver: true, keeps: true, noSweep: "every call is refused: LBFGS has one group" },
);
fn(
  "optim.LBFGS.dispose",
  (opt: InstanceType<typeof optim.LBFGS>) => opt.dispose(),
  () => [lbfgs()],
  [],
  {
    receiver: true,
    none: "takes no arguments",
  },
);
