// Rows: the second half of the training toolkit: the optimizers RMSprop,
// Adagrad, Adadelta, Adamax, NAdam, RAdam, ASGD and LBFGS; the losses of
// nn.functional's probLoss, marginLoss, multiMargin and distance, and their
// modules.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, type Call, type Case } from "./table.js";
import { noArgsRow, optimOptionCases, optimParams, unknownKey } from "./cases.js";

const { nn, optim } = torch;
const Fn = nn.functional;

// ---- optimizers ---------------------------------------------------------------------------------

const params = optimParams;
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
  ...optimOptionCases(name),
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
noArgsRow("optim.LBFGS.stateDict", (opt: InstanceType<typeof optim.LBFGS>) => opt.stateDict(), lbfgs, {
  none: "takes no arguments",
});
fn(
  "optim.LBFGS.loadStateDict",
  (opt: InstanceType<typeof optim.LBFGS>, sd: unknown) => opt.loadStateDict(sd as never),
  () => {
    const opt = lbfgs();
    return [opt, opt.stateDict()];
  },
  [
    c(
      "a history that is not a list of tensors",
      (f) => {
        const opt = lbfgs();
        return f(opt, { state: { 0: { funcEvals: 1, oldDirs: 3 } }, paramGroups: opt.stateDict().paramGroups });
      },
      TypeError,
      /loaded state dict: state "oldDirs" of parameter 0 must be an array of Tensors/,
    ),
    c(
      "not a state dict",
      (f) => f(lbfgs(), 3),
      TypeError,
      /loadStateDict\(\): expected an optimizer state dict \{ state, paramGroups \}, but got/,
    ),
  ],
  { receiver: true, keeps: true, dictArgs: [1] },
);
noArgsRow("optim.LBFGS.dispose", (opt: InstanceType<typeof optim.LBFGS>) => opt.dispose(), lbfgs, {
  none: "takes no arguments",
});

// ---- losses ---------------------------------------------------------------------------------------

const tensorArg = (name: string, arg: string, call: (f: Call, t: unknown) => unknown): Case[] => [
  c(`${arg} disposed`, (f) => call(f, J.disposed), Error, /was disposed/),
  c(
    `${arg} not a tensor`,
    (f) => call(f, [1, 2, 3]),
    TypeError,
    new RegExp(`${name}\\(\\): argument '${arg}' must be a Tensor`),
  ),
];
const x = () =>
  torch.tensor(
    [
      [0.5, -1, 2],
      [1, 0.25, -0.5],
    ],
    { requiresGrad: true },
  );
const sign = () =>
  torch.tensor([
    [1, -1, 1],
    [-1, -1, 1],
  ]);
const labels = () => torch.tensor([1, -1]);

fn("nn.functional.klDiv", Fn.klDiv, () => [x(), F.p, { reduction: "batchmean", logTarget: false }], [
  ...tensorArg("klDiv", "input", (f, t) => f(t, F.p)),
  c(
    "unknown reduction",
    (f) => f(F.b, F.p, { reduction: "avg" }),
    RangeError,
    /avg is not a valid value for reduction/,
  ),
  unknownKey("klDiv", (f, o) => f(F.b, F.p, o)),
]);
fn(
  "nn.functional.poissonNllLoss",
  Fn.poissonNllLoss,
  () => [x(), F.p, { logInput: true, full: true, eps: 1e-8, reduction: "sum" }],
  [
    ...tensorArg("poissonNllLoss", "target", (f, t) => f(F.b, t)),
    c("unknown reduction", (f) => f(F.b, F.p, { reduction: "avg" }), RangeError, /avg is not valid/),
    unknownKey("poissonNllLoss", (f, o) => f(F.b, F.p, o)),
  ],
);
fn(
  "nn.functional.gaussianNllLoss",
  Fn.gaussianNllLoss,
  () => [x(), F.b, F.p, { full: true, eps: 1e-6, reduction: "mean" }],
  [
    ...tensorArg("gaussianNllLoss", "var", (f, t) => f(F.b, F.b, t)),
    c("var of another size", (f) => f(F.b, F.b, torch.ones(3, 2)), RangeError, /var is of incorrect size/),
    c("a negative var", (f) => f(F.b, F.b, torch.full([2, 3], -1)), RangeError, /var has negative entry\/entries/),
    c("unknown reduction", (f) => f(F.b, F.b, F.p, { reduction: "avg" }), RangeError, /avg is not valid/),
  ],
);
fn(
  "nn.functional.cosineEmbeddingLoss",
  Fn.cosineEmbeddingLoss,
  () => [x(), F.b, labels(), { margin: 0.1, reduction: "sum" }],
  [
    ...tensorArg("cosineEmbeddingLoss", "target", (f, t) => f(F.b, F.b, t)),
    c(
      "a 2-D target",
      (f) => f(F.b, F.b, F.b),
      RangeError,
      /0D or 1D target tensor expected, multi-target not supported/,
    ),
    c(
      "1-D inputs for a 1-D target",
      (f) => f(torch.ones(3), torch.ones(3), labels()),
      RangeError,
      /1D target tensor expects 2D input tensors, but found inputs with sizes \[3\] and \[3\]./,
    ),
  ],
);
fn(
  "nn.functional.marginRankingLoss",
  Fn.marginRankingLoss,
  () => [x(), F.b, sign(), { margin: 0.1, reduction: "none" }],
  [
    ...tensorArg("marginRankingLoss", "input1", (f, t) => f(t, F.b, F.b)),
    c(
      "inputs of different dims",
      (f) => f(F.b, F.b, labels()),
      RangeError,
      /margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size\(\[2, 3\]\)/,
    ),
  ],
);
fn("nn.functional.hingeEmbeddingLoss", Fn.hingeEmbeddingLoss, () => [x(), sign(), { margin: 0.5, reduction: "mean" }], [
  ...tensorArg("hingeEmbeddingLoss", "input", (f, t) => f(t, F.b)),
  unknownKey("hingeEmbeddingLoss", (f, o) => f(F.b, F.b, o)),
]);
fn(
  "nn.functional.tripletMarginLoss",
  Fn.tripletMarginLoss,
  () => [x(), F.b, F.p, { margin: 1, p: 2, eps: 1e-6, swap: true, reduction: "sum" }],
  [
    ...tensorArg("tripletMarginLoss", "negative", (f, t) => f(F.b, F.b, t)),
    c(
      "inputs of different dims",
      (f) => f(F.b, F.b, torch.ones(3)),
      RangeError,
      /All inputs should have same dimension but got 2D, 2D and 1D inputs./,
    ),
  ],
);
fn(
  "nn.functional.multilabelSoftMarginLoss",
  Fn.multilabelSoftMarginLoss,
  () => [x(), F.p, { weight: torch.ones(3), reduction: "sum" }],
  [
    ...tensorArg("multilabelSoftMarginLoss", "input", (f, t) => f(t, F.p)),
    c("unknown reduction", (f) => f(F.b, F.p, { reduction: "avg" }), RangeError, /avg is not valid/),
  ],
);
fn(
  "nn.functional.multiMarginLoss",
  Fn.multiMarginLoss,
  () => [x(), F.idx, { p: 2, margin: 0.5, weight: torch.ones(3), reduction: "none" }],
  [
    ...tensorArg("multiMarginLoss", "target", (f, t) => f(F.b, t)),
    c("p of 3", (f) => f(F.b, F.idx, { p: 3 }), RangeError, /only p == 1 and p == 2 supported/),
    c("a 2-D weight", (f) => f(F.b, F.idx, { weight: F.b }), RangeError, /weight must be one-dimensional/),
    c("a target out of range", (f) => f(F.b, torch.tensor([0, 3])), RangeError, /target out of range/),
    c(
      "a target of another size",
      (f) => f(F.b, torch.tensor([0])),
      RangeError,
      /inconsistent target size, expected 2 but got \[1\]/,
    ),
  ],
);
fn("nn.functional.softMarginLoss", Fn.softMarginLoss, () => [x(), sign(), { reduction: "sum" }], [
  ...tensorArg("softMarginLoss", "input", (f, t) => f(t, F.b)),
  c(
    "a target that requires grad",
    (f) => f(F.b, F.a),
    Error,
    /The function 'soft_margin_loss' is not differentiable with respect to argument 'target'/,
  ),
  c(
    "unknown reduction",
    (f) => f(F.b, F.b, { reduction: "avg" }),
    RangeError,
    /avg is not a valid value for reduction/,
  ),
]);
fn("nn.functional.cosineSimilarity", Fn.cosineSimilarity, () => [x(), F.b, { dim: -1, eps: 1e-8 }], [
  ...tensorArg("cosineSimilarity", "x2", (f, t) => f(F.b, t)),
  c(
    "integer inputs",
    (f) => f(F.idx, F.idx),
    TypeError,
    /expected common dtype to be floating point, yet common dtype is Long/,
  ),
  c("shapes that do not broadcast", (f) => f(F.b, torch.ones(4)), RangeError, /must match the size of tensor b/),
]);
fn("nn.functional.pairwiseDistance", Fn.pairwiseDistance, () => [x(), F.b, { p: 1, eps: 1e-6, keepdim: true }], [
  ...tensorArg("pairwiseDistance", "x1", (f, t) => f(t, F.b)),
  unknownKey("pairwiseDistance", (f, o) => f(F.b, F.b, o)),
]);
fn("nn.functional.normalize", Fn.normalize, () => [x(), { p: 2, dim: -1, eps: 1e-12 }], [
  ...tensorArg("normalize", "input", (f, t) => f(t)),
  unknownKey("normalize", (f, o) => f(F.b, o)),
]);

const ctcInput = () =>
  torch.tidy(() =>
    torch
      .logSoftmax(torch.tensor([[[0.1, 0.5, -0.3]], [[0.7, -0.2, 0.4]], [[-0.6, 0.3, 0.9]]]), -1)
      .detach()
      .requiresGrad_(),
  );
fn(
  "nn.functional.ctcLoss",
  Fn.ctcLoss,
  () => [ctcInput(), torch.tensor([[1, 2]]), [3], [2], { blank: 0, reduction: "sum", zeroInfinity: true }],
  [
    ...tensorArg("ctcLoss", "log_probs", (f, t) => f(t, torch.tensor([[1]]), [3], [1])),
    c(
      "blank out of range",
      (f) => f(ctcInput(), torch.tensor([[1]]), [3], [1], { blank: 3 }),
      RangeError,
      /blank must be in label range/,
    ),
    c(
      "input lengths of another batch size",
      (f) => f(ctcInput(), torch.tensor([[1]]), [3, 3], [1]),
      RangeError,
      /input_lengths must be of size batch_size/,
    ),
    c(
      "an input length past the input",
      (f) => f(ctcInput(), torch.tensor([[1]]), [4], [1]),
      RangeError,
      /Expected input_lengths to have value at most 3, but got value 4/,
    ),
    c(
      "lengths not integers",
      (f) => f(ctcInput(), torch.tensor([[1]]), "3", [1]),
      TypeError,
      /ctcLoss\(\): input_lengths must be a Tensor or an array of integers, but got string/,
    ),
  ],
);

// ---- loss modules ---------------------------------------------------------------------------------

const modules: [string, (o?: any) => any, () => Record<string, unknown>, () => unknown[]][] = [
  ["KLDivLoss", (o) => new nn.KLDivLoss(o), () => ({ reduction: "batchmean", logTarget: true }), () => [x(), F.b]],
  [
    "PoissonNLLLoss",
    (o) => new nn.PoissonNLLLoss(o),
    () => ({ logInput: true, full: false, eps: 1e-8, reduction: "sum" }),
    () => [x(), F.p],
  ],
  [
    "GaussianNLLLoss",
    (o) => new nn.GaussianNLLLoss(o),
    () => ({ full: true, eps: 1e-6, reduction: "sum" }),
    () => [x(), F.b, F.p],
  ],
  [
    "CosineEmbeddingLoss",
    (o) => new nn.CosineEmbeddingLoss(o),
    () => ({ margin: 0.1, reduction: "sum" }),
    () => [x(), F.b, labels()],
  ],
  [
    "MarginRankingLoss",
    (o) => new nn.MarginRankingLoss(o),
    () => ({ margin: 0.1, reduction: "sum" }),
    () => [x(), F.b, sign()],
  ],
  [
    "HingeEmbeddingLoss",
    (o) => new nn.HingeEmbeddingLoss(o),
    () => ({ margin: 0.5, reduction: "sum" }),
    () => [x(), sign()],
  ],
  [
    "TripletMarginLoss",
    (o) => new nn.TripletMarginLoss(o),
    () => ({ margin: 0.5, p: 1, eps: 1e-6, swap: true, reduction: "sum" }),
    () => [x(), F.b, F.p],
  ],
  [
    "MultiLabelSoftMarginLoss",
    (o) => new nn.MultiLabelSoftMarginLoss(o),
    () => ({ weight: torch.ones(3), reduction: "sum" }),
    () => [x(), F.p],
  ],
  [
    "MultiMarginLoss",
    (o) => new nn.MultiMarginLoss(o),
    () => ({ p: 2, margin: 0.5, weight: torch.ones(3), reduction: "sum" }),
    () => [x(), F.idx],
  ],
  ["SoftMarginLoss", (o) => new nn.SoftMarginLoss(o), () => ({ reduction: "sum" }), () => [x(), sign()]],
  ["CosineSimilarity", (o) => new nn.CosineSimilarity(o), () => ({ dim: 0, eps: 1e-6 }), () => [x(), F.b]],
  [
    "CTCLoss",
    (o) => new nn.CTCLoss(o),
    () => ({ blank: 0, reduction: "sum", zeroInfinity: true }),
    () => [ctcInput(), torch.tensor([[1, 2]]), [3], [2]],
  ],
  ["PairwiseDistance", (o) => new nn.PairwiseDistance(o), () => ({ p: 1, eps: 1e-6, keepdim: true }), () => [x(), F.b]],
];
for (const [name, make, opts, fwdArgs] of modules) {
  fn(
    `new nn.${name}`,
    (o: unknown) => make(o),
    () => [opts()],
    [
      c(
        "unknown option",
        (f) => f({ size_average: true }),
        TypeError,
        new RegExp(`${name}\\(\\): unknown option "size_average"`),
      ),
    ],
  );
  fn(
    `nn.${name}.forward`,
    (mod: { forward: (...a: unknown[]) => unknown }, ...a: unknown[]) => mod.forward(...a),
    () => [make(), ...fwdArgs()],
    [c("input disposed", (f) => f(make(), J.disposed, F.b, F.b), Error, /was disposed/)],
    { receiver: true },
  );
}

// ---- autograd.Function and full backward hooks ----------------------------------------------------

const { autograd } = torch;
fn("new autograd.Function", () => new autograd.Function(), null, [], {
  none: "a holder of static forward/backward; constructing it takes no arguments",
});
fn("new autograd.FunctionCtx", () => new autograd.FunctionCtx(), null, [], {
  none: "made by Function.apply; takes no arguments",
});
fn(
  "autograd.FunctionCtx.saveForBackward",
  (ctx: InstanceType<typeof autograd.FunctionCtx>, ...t: unknown[]) => ctx.saveForBackward(...(t as never[])),
  () => [new autograd.FunctionCtx(), F.b, null],
  [
    c(
      "a number among the tensors",
      (f) => f(new autograd.FunctionCtx(), F.b, 3),
      TypeError,
      /save_for_backward can only save variables, but argument 1 is not a Variable/,
    ),
  ],
  { receiver: true },
);
fn(
  "autograd.FunctionCtx.savedTensors",
  (ctx: InstanceType<typeof autograd.FunctionCtx>) => ctx.savedTensors,
  null,
  [],
  {
    none: "a getter",
  },
);
for (const name of ["markDirty", "markNonDifferentiable"] as const) {
  fn(
    `autograd.FunctionCtx.${name}`,
    (ctx: InstanceType<typeof autograd.FunctionCtx>, ...t: unknown[]) => ctx[name](...(t as never[])),
    null,
    [],
    { none: "records the tensors it is given; apply() only compares outputs against them" },
  );
}
fn(
  "nn.Module.registerFullBackwardHook",
  (mod: InstanceType<typeof torch.nn.Linear>, h: unknown) => mod.registerFullBackwardHook(h as never),
  () => [new torch.nn.Linear(2, 2), () => undefined],
  [
    c(
      "hook not a function",
      (f) => f(new torch.nn.Linear(2, 2), 1),
      TypeError,
      /registerFullBackwardHook\(hook\): hook must be a function, but got number/,
    ),
  ],
  { receiver: true, keeps: true },
);
