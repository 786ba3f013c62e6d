// Rows: the training toolkit: loss modules, containers, nn.utils,
// optim.lrScheduler and utils.data.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, type Case } from "./table.js";
import { logits, methodRow, mlp, noArgsRow } from "./cases.js";

const { nn, optim, utils } = torch;
const { lrScheduler: S } = optim;
const D = utils.data;

type AnyModule = InstanceType<typeof nn.Module>;
const m = methodRow<any>;
const getter = (name: string, read: (o: any) => unknown, make: () => unknown) =>
  m(name, read, () => [make()], [], { none: "a getter" });
/** The forward of a parameter container, which PyTorch refuses to run. */
const notCallable = (cls: string, make: () => unknown) =>
  fn(
    `nn.${cls}.forward`,
    (o: any) => o.forward(),
    null,
    [c("called", (f) => f(make()), Error, new RegExp(`${cls} should not be called.`))],
    { receiver: true },
  );
/** The `length` getter of utils.data's `cls`, on `make()`. */
const dataLength = (cls: string, make: () => unknown) => getter(`utils.data.${cls}.length`, (d) => d.length, make);
/** A method given a key the container lacks ("x"): PyTorch's KeyError. */
const missingKey = (
  name: string,
  call: (d: any, k: unknown) => unknown,
  make: () => unknown,
  key: string,
  extra = {},
) =>
  m(name, call, () => [make(), key], [c("a missing key", (f) => f(make(), "x"), RangeError, /KeyError: 'x'/)], extra);
/** A method given index `bad` of a container made by `make` (`good` is in range). */
const outOfRange = (
  name: string,
  call: (l: any, i: unknown) => unknown,
  make: () => unknown,
  good: number,
  bad: number,
  extra = {},
) =>
  m(
    name,
    call,
    () => [make(), good],
    [c("index out of range", (f) => f(make(), bad), RangeError, new RegExp(`index ${bad} is out of range`))],
    extra,
  );

// ---- loss modules -----------------------------------------------------------------------------

const classes = () => torch.tensor([2, 0]);
const probs = () =>
  torch.tensor([
    [0.2, 0.5, 0.9],
    [0.3, 0.6, 0.1],
  ]);
const lossRows: [string, (o?: any) => AnyModule, () => unknown[], () => unknown[], string[]][] = [
  [
    "CrossEntropyLoss",
    (o) => new nn.CrossEntropyLoss(o),
    () => [{ weight: torch.ones(3), ignoreIndex: 1, reduction: "sum", labelSmoothing: 0.1 }],
    () => [logits(), classes()],
    ["weight", "ignoreIndex", "reduction", "labelSmoothing"],
  ],
  [
    "NLLLoss",
    (o) => new nn.NLLLoss(o),
    () => [{ weight: torch.ones(3), ignoreIndex: 1, reduction: "sum" }],
    () => [logits(), classes()],
    ["weight", "ignoreIndex", "reduction"],
  ],
  ["MSELoss", (o) => new nn.MSELoss(o), () => [{ reduction: "sum" }], () => [logits(), probs()], ["reduction"]],
  ["L1Loss", (o) => new nn.L1Loss(o), () => [{ reduction: "none" }], () => [logits(), probs()], ["reduction"]],
  [
    "SmoothL1Loss",
    (o) => new nn.SmoothL1Loss(o),
    () => [{ reduction: "mean", beta: 0.5 }],
    () => [logits(), probs()],
    ["reduction", "beta"],
  ],
  [
    "HuberLoss",
    (o) => new nn.HuberLoss(o),
    () => [{ reduction: "mean", delta: 0.5 }],
    () => [logits(), probs()],
    ["reduction", "delta"],
  ],
  [
    "BCELoss",
    (o) => new nn.BCELoss(o),
    () => [{ weight: torch.ones(3), reduction: "sum" }],
    () => [probs(), probs()],
    ["weight", "reduction"],
  ],
  [
    "BCEWithLogitsLoss",
    (o) => new nn.BCEWithLogitsLoss(o),
    () => [{ weight: torch.ones(3), reduction: "sum", posWeight: torch.ones(3) }],
    () => [logits(), probs()],
    ["weight", "reduction", "posWeight"],
  ],
];
for (const [name, make, ctorArgs, fwdArgs, keys] of lossRows) {
  fn(`new nn.${name}`, (o: unknown) => make(o), ctorArgs, [
    c("unknown reduction", (f) => f({ reduction: "avg" }), RangeError, /avg is not a valid value for reduction/),
    c(
      "unknown option",
      (f) => f({ size_average: true }),
      TypeError,
      new RegExp(`${name}\\(\\): unknown option "size_average" \\(expected ${keys.join(", ")}\\)`),
    ),
  ]);
  m(
    `nn.${name}.forward`,
    (mod, x, y) => mod.forward(x, y),
    () => [make(), ...fwdArgs()],
    [c("input disposed", (f) => f(make(), J.disposed, probs()), Error, /was disposed/)],
  );
}
getter(
  "nn.BCEWithLogitsLoss.posWeight",
  (mod) => mod.posWeight,
  () => new nn.BCEWithLogitsLoss(),
);

// ---- containers ---------------------------------------------------------------------------------

const list = () => new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU()]);
const dict = () => new nn.ModuleDict({ fc: new nn.Linear(2, 2), act: new nn.ReLU() });
const plist = () => new nn.ParameterList([torch.zeros(2), torch.ones(3)]);
const pdict = () => new nn.ParameterDict({ w: torch.zeros(2), b: torch.ones(3) });
const seq = () => new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));

fn(
  "new nn.ModuleList",
  (ms: unknown) => new nn.ModuleList(ms as never),
  () => [[new nn.ReLU(), new nn.Tanh()]],
  [
    c("not iterable", (f) => f(3), TypeError, /ModuleList.extend should be called with an iterable, but got int/),
    c("an element that is not a Module", (f) => f([new nn.ReLU(), F.b]), TypeError, /is not a Module subclass/),
  ],
);
getter("nn.ModuleList.length", (l) => l.length, list);
m(
  "nn.ModuleList.get",
  (l, i) => l.get(i),
  () => [list(), -1],
  [
    c("index out of range", (f) => f(list(), 2), RangeError, /index 2 is out of range/),
    c("index not an integer", (f) => f(list(), "0"), TypeError, /list indices must be integers, not str/),
  ],
);
m(
  "nn.ModuleList.set",
  (l, i, x) => l.set(i, x),
  () => [list(), 1, new nn.Tanh()],
  [
    c("not a module", (f) => f(list(), 0, F.b), TypeError, /ModuleList.set: Tensor is not a Module subclass/),
    c("index out of range", (f) => f(list(), 5, new nn.Tanh()), RangeError, /index 5 is out of range/),
  ],
  { keeps: true },
); // the replaced module's parameters are its owner's, not disposed by the container
m(
  "nn.ModuleList.slice",
  (l, a, b) => l.slice(a, b),
  () => [list(), 0, -1],
  [c("a bound not an integer", (f) => f(list(), 0.5), TypeError, /slice indices must be integers, not float/)],
);
m(
  "nn.ModuleList.append",
  (l, x) => l.append(x),
  () => [list(), new nn.Tanh()],
  [c("not a module", (f) => f(list(), F.b), TypeError, /ModuleList.append: Tensor is not a Module subclass/)],
);
m(
  "nn.ModuleList.extend",
  (l, x) => l.extend(x),
  () => [list(), [new nn.Tanh()]],
  [
    c(
      "not iterable",
      (f) => f(list(), 3),
      TypeError,
      /ModuleList.extend should be called with an iterable, but got int/,
    ),
  ],
);
m(
  "nn.ModuleList.insert",
  (l, i, x) => l.insert(i, x),
  () => [list(), 1, new nn.Tanh()],
  [c("not a module", (f) => f(list(), 0, F.b), TypeError, /ModuleList.insert: Tensor is not a Module subclass/)],
);
outOfRange("nn.ModuleList.pop", (l, i) => l.pop(i), list, 0, -3);
// A deleted entry's parameters are no longer the container's: their owner keeps them.
outOfRange("nn.ModuleList.delete", (l, i) => l.delete(i), list, 1, 2, { keeps: true });

fn(
  "new nn.ModuleDict",
  (ms: unknown) => new nn.ModuleDict(ms as never),
  () => [{ a: new nn.ReLU() }],
  [
    c(
      "not a mapping",
      (f) => f(3),
      TypeError,
      /ModuleDict.update should be called with an iterable of key\/value pairs, but got int/,
    ),
    c("a value that is not a Module", (f) => f({ a: F.b }), TypeError, /is not a Module subclass/),
    c(
      "a pair of the wrong length",
      (f) => f([["a", new nn.ReLU(), 1]]),
      RangeError,
      /ModuleDict update sequence element #0 has length 3; 2 is required/,
    ),
  ],
  { dictArgs: [0] },
);
getter("nn.ModuleDict.length", (d) => d.length, dict);
missingKey("nn.ModuleDict.get", (d, k) => d.get(k), dict, "fc");
m(
  "nn.ModuleDict.set",
  (d, k, x) => d.set(k, x),
  () => [dict(), "out", new nn.Tanh()],
  [
    c("not a module", (f) => f(dict(), "x", F.b), TypeError, /ModuleDict.set: Tensor is not a Module subclass/),
    c("a key with a dot", (f) => f(dict(), "a.b", new nn.Tanh()), Error, /module name can't contain "."/),
  ],
);
m(
  "nn.ModuleDict.has",
  (d, k) => d.has(k),
  () => [dict(), "fc"],
  [],
  { none: "any key: true or false" },
);
missingKey("nn.ModuleDict.pop", (d, k) => d.pop(k), dict, "fc");
missingKey("nn.ModuleDict.delete", (d, k) => d.delete(k), dict, "act");
for (const k of ["clear", "keys", "values", "items"] as const)
  noArgsRow<any>(
    `nn.ModuleDict.${k}`,
    (d) => d[k](),
    () => new nn.ModuleDict({ a: new nn.ReLU() }),
  );
m(
  "nn.ModuleDict.update",
  (d, x) => d.update(x),
  () => [dict(), { out: new nn.Tanh() }],
  [
    c(
      "not a mapping",
      (f) => f(dict(), 3),
      TypeError,
      /ModuleDict.update should be called with an iterable of key\/value pairs, but got int/,
    ),
    c(
      "an element that is not a pair",
      (f) => f(dict(), [5]),
      TypeError,
      /ModuleDict update sequence element #0 should be Iterable; isint/,
    ),
  ],
  { dictArgs: [1] },
);

fn(
  "new nn.ParameterList",
  (ps: unknown) => new nn.ParameterList(ps as never),
  () => [[torch.zeros(2)]],
  [
    c("not iterable", (f) => f(3), TypeError, /ParameterList.extend should be called with an iterable, but got int/),
    c(
      "a tensor instead of a list",
      (f) => f(torch.zeros(2)),
      TypeError,
      /ParameterList.extend should be called with an iterable, but got Tensor/,
    ),
    c(
      "an element that is not a tensor",
      (f) => f([1]),
      TypeError,
      /ParameterList.append: expected a Tensor, but got number/,
    ),
  ],
);
getter("nn.ParameterList.length", (l) => l.length, plist);
outOfRange("nn.ParameterList.get", (l, i) => l.get(i), plist, 1, 2);
m(
  "nn.ParameterList.set",
  (l, i, p) => l.set(i, p),
  () => [plist(), 0, torch.ones(2)],
  [c("not a tensor", (f) => f(plist(), 0, 1), TypeError, /ParameterList.set: expected a Tensor, but got number/)],
  { keeps: true },
); // the replaced parameter is its owner's, not disposed by the container
m(
  "nn.ParameterList.append",
  (l, p) => l.append(p),
  () => [plist(), torch.ones(2)],
  [c("not a tensor", (f) => f(plist(), "w"), TypeError, /ParameterList.append: expected a Tensor, but got string/)],
);
m(
  "nn.ParameterList.extend",
  (l, p) => l.extend(p),
  () => [plist(), [torch.ones(2)]],
  [
    c(
      "not iterable",
      (f) => f(plist(), 1),
      TypeError,
      /ParameterList.extend should be called with an iterable, but got int/,
    ),
  ],
);
notCallable("ParameterList", plist);
noArgsRow<any>("nn.ParameterList.extraRepr", (l) => l.extraRepr(), plist);

fn(
  "new nn.ParameterDict",
  (ps: unknown) => new nn.ParameterDict(ps as never),
  () => [{ w: torch.zeros(2) }],
  [
    c(
      "not a mapping",
      (f) => f(3),
      TypeError,
      /ParametersDict.update should be called with an iterable of key\/value pairs, but got int/,
    ),
    c(
      "a value that is not a tensor",
      (f) => f({ w: 1 }),
      TypeError,
      /ParameterDict.set: expected a Tensor, but got number/,
    ),
  ],
  { dictArgs: [0] },
);
getter("nn.ParameterDict.length", (d) => d.length, pdict);
missingKey("nn.ParameterDict.get", (d, k) => d.get(k), pdict, "w");
m(
  "nn.ParameterDict.set",
  (d, k, p) => d.set(k, p),
  () => [pdict(), "s", torch.ones(1)],
  [
    c(
      "a key that is not a string",
      (f) => f(pdict(), 1, torch.ones(1)),
      TypeError,
      /Index given to ParameterDict cannot be used as a key as it is not a string \(type is 'int'\)/,
    ),
    c("not a tensor", (f) => f(pdict(), "s", [1]), TypeError, /ParameterDict.set: expected a Tensor, but got Array/),
  ],
);
m(
  "nn.ParameterDict.has",
  (d, k) => d.has(k),
  () => [pdict(), "w"],
  [],
  { none: "any key: true or false" },
);
missingKey("nn.ParameterDict.pop", (d, k) => d.pop(k), pdict, "w");
missingKey("nn.ParameterDict.delete", (d, k) => d.delete(k), pdict, "b", { keeps: true });
for (const k of ["keys", "values", "items", "extraRepr"] as const)
  noArgsRow<any>(`nn.ParameterDict.${k}`, (d) => d[k](), pdict);
m(
  "nn.ParameterDict.update",
  (d, x) => d.update(x),
  () => [pdict(), { s: torch.ones(1) }],
  [
    c(
      "not a mapping",
      (f) => f(pdict(), 3),
      TypeError,
      /ParametersDict.update should be called with an iterable of key\/value pairs, but got int/,
    ),
  ],
  { dictArgs: [1] },
);
notCallable("ParameterDict", pdict);

outOfRange("nn.Sequential.get", (s, i) => s.get(i), seq, 1, 3);
m(
  "nn.Sequential.slice",
  (s, a, b) => s.slice(a, b),
  () => [seq(), 1, 3],
  [c("a bound not an integer", (f) => f(seq(), "1"), TypeError, /slice indices must be integers, not str/)],
);
m(
  "nn.Sequential.extend",
  (s, x) => s.extend(x),
  () => [seq(), [new nn.Tanh()]],
  [c("an element that is not a Module", (f) => f(seq(), [F.b]), TypeError, /is not a Module subclass/)],
);
m(
  "nn.Sequential.insert",
  (s, i, x) => s.insert(i, x),
  () => [seq(), 1, new nn.Tanh()],
  [
    c("index out of range", (f) => f(seq(), 5, new nn.Tanh()), RangeError, /Index out of range: 5/),
    c("not a module", (f) => f(seq(), 0, F.b), TypeError, /module should be of type/),
  ],
);

// ---- nn.utils ------------------------------------------------------------------------------------

const withGrad = () => {
  const p = torch.ones(3, { requiresGrad: true });
  p.grad = torch.tensor([3, -4, 12], { dtype: "float32" });
  return p;
};
fn(
  "nn.utils.clipGradNorm_",
  nn.utils.clipGradNorm_,
  () => [[withGrad()], 1.0, { normType: 2, errorIfNonfinite: true }],
  [
    c(
      "parameters not tensors",
      (f) => f(3, 1.0),
      TypeError,
      /clipGradNorm_\(\): parameters must be a Tensor or an iterable of Tensors, but got number/,
    ),
    c(
      "maxNorm not a number",
      (f) => f([withGrad()], "1"),
      TypeError,
      /clipGradNorm_\(\): maxNorm must be a number, but got string/,
    ),
    c(
      "unknown option",
      (f) => f([withGrad()], 1, { norm_type: 2 }),
      TypeError,
      /clipGradNorm_\(\): unknown option "norm_type" \(expected normType, errorIfNonfinite\)/,
    ),
    c(
      "a non-finite norm with errorIfNonfinite (nothing is clipped)",
      (f) => {
        const p = torch.ones(2, { requiresGrad: true });
        p.grad = torch.tensor([Infinity, 1], { dtype: "float32" });
        return f([p], 1, { errorIfNonfinite: true });
      },
      Error,
      /The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped/,
    ),
  ],
);
fn("nn.utils.clipGradValue_", nn.utils.clipGradValue_, () => [[withGrad()], 0.5], [
  c(
    "clipValue not a number",
    (f) => f([withGrad()], null),
    TypeError,
    /clipGradValue_\(\): clipValue must be a number, but got null/,
  ),
  c(
    "parameters not tensors",
    (f) => f([1], 0.5),
    TypeError,
    /clipGradValue_\(\): parameters must be Tensors, but got number/,
  ),
]);
fn("nn.utils.parametersToVector", nn.utils.parametersToVector, () => [[torch.ones(2, 2), torch.zeros(3)]], [
  c(
    "an element that is not a tensor",
    (f) => f([torch.ones(2), 1]),
    TypeError,
    /parametersToVector\(\): parameters must be Tensors, but got number/,
  ),
]);
fn(
  "nn.utils.vectorToParameters",
  nn.utils.vectorToParameters,
  () => [torch.arange(7, { dtype: "float32" }), [torch.zeros(2, 2), torch.zeros(3)]],
  [
    c("vec not a tensor", (f) => f([1, 2], [torch.zeros(2)]), TypeError, /expected torch.Tensor, but got: list/),
    c(
      "vec too short (nothing is copied)",
      (f) => f(torch.ones(2), [torch.zeros(3)]),
      RangeError,
      /vectorToParameters\(\): vec must be a vector of at least 3 elements/,
    ),
  ],
);

// ---- optim.lrScheduler -------------------------------------------------------------------------

const opt = () => new optim.SGD([torch.ones(2, { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
const notOptimizer = (run: (f: (...a: any[]) => unknown) => unknown): Case =>
  c("not an optimizer", (f) => run(f), TypeError, /is not an Optimizer/);
const sched = (name: string, make: (...a: any[]) => unknown, args: () => unknown[], cases: Case[]) =>
  fn(`new optim.lrScheduler.${name}`, make, args, cases, { keeps: true });
sched(
  "StepLR",
  (o, s, x) => new S.StepLR(o, s, x),
  () => [opt(), 3, { gamma: 0.5, lastEpoch: -1, verbose: false }],
  [
    notOptimizer((f) => f({}, 3)),
    c(
      "stepSize not a number",
      (f) => f(opt(), "3"),
      TypeError,
      /StepLR\(\): stepSize must be a number, but got string/,
    ),
    c("unknown option", (f) => f(opt(), 3, { step_size: 3 }), TypeError, /StepLR\(\): unknown option "step_size"/),
    c(
      "resuming without initialLr",
      (f) => f(opt(), 3, { lastEpoch: 5 }),
      Error,
      /param 'initial_lr' is not specified in param_groups\[0\] when resuming an optimizer/,
    ),
  ],
);
sched(
  "MultiStepLR",
  (o, ms, x) => new S.MultiStepLR(o, ms, x),
  () => [opt(), [2, 5], { gamma: 0.5 }],
  [
    c(
      "milestones not a list",
      (f) => f(opt(), 3),
      TypeError,
      /MultiStepLR\(\): milestones must be a list of numbers, but got number/,
    ),
  ],
);
sched(
  "ExponentialLR",
  (o, g, x) => new S.ExponentialLR(o, g, x),
  () => [opt(), 0.9, {}],
  [
    c(
      "gamma not a number",
      (f) => f(opt(), null),
      TypeError,
      /ExponentialLR\(\): gamma must be a number, but got null/,
    ),
  ],
);
sched(
  "CosineAnnealingLR",
  (o, t, x) => new S.CosineAnnealingLR(o, t, x),
  () => [opt(), 10, { etaMin: 0.001 }],
  [
    c(
      "tMax not a number",
      (f) => f(opt(), [10]),
      TypeError,
      /CosineAnnealingLR\(\): tMax must be a number, but got Array/,
    ),
    c(
      "T_max spelt as in Python",
      (f) => f(opt(), 10, { T_max: 10 }),
      TypeError,
      /CosineAnnealingLR\(\): unknown option "T_max"/,
    ),
  ],
);
sched(
  "CosineAnnealingWarmRestarts",
  (o, t, x) => new S.CosineAnnealingWarmRestarts(o, t, x),
  () => [opt(), 5, { tMult: 2, etaMin: 0 }],
  [
    c("t0 not a positive integer", (f) => f(opt(), 0), RangeError, /Expected positive integer T_0, but got 0/),
    c("tMult below 1", (f) => f(opt(), 5, { tMult: 0 }), RangeError, /Expected integer T_mult >= 1, but got 0/),
  ],
);
/** A factor option out of [0, 1]; `which` starts PyTorch's message. */
const factorCase = (what: string, opts: object, which: "Starting" | "Ending" | "Constant"): Case =>
  c(
    what,
    (f) => f(opt(), opts),
    RangeError,
    new RegExp(`${which} multiplicative factor expected to be between 0 and 1.`),
  );
/** A lambda scheduler given `bad` (of JavaScript type `got`) for its function. */
const notLambda = (bad: unknown, got: string): Case =>
  c(
    "not a function",
    (f) => f(opt(), bad),
    TypeError,
    new RegExp(`lrLambda must be a function or a list of functions, but got ${got}`),
  );
sched(
  "LambdaLR",
  (o, l, x) => new S.LambdaLR(o, l, x),
  () => [opt(), (e: number) => 0.9 ** e, {}],
  [
    c(
      "a lambda per group of the wrong count",
      (f) => f(opt(), [() => 1, () => 1]),
      RangeError,
      /Expected 1 lr_lambdas, but got 2/,
    ),
    notLambda(0.9, "number"),
  ],
);
sched(
  "MultiplicativeLR",
  (o, l, x) => new S.MultiplicativeLR(o, l, x),
  () => [opt(), () => 0.95, {}],
  [notLambda("x", "string")],
);
sched(
  "LinearLR",
  (o, x) => new S.LinearLR(o, x),
  () => [opt(), { startFactor: 0.5, endFactor: 1, totalIters: 4 }],
  [
    factorCase("startFactor above 1", { startFactor: 2 }, "Starting"),
    factorCase("endFactor below 0", { endFactor: -1 }, "Ending"),
  ],
);
sched(
  "ConstantLR",
  (o, x) => new S.ConstantLR(o, x),
  () => [opt(), { factor: 0.5, totalIters: 4 }],
  [factorCase("factor above 1", { factor: 1.5 }, "Constant")],
);
sched(
  "PolynomialLR",
  (o, x) => new S.PolynomialLR(o, x),
  () => [opt(), { totalIters: 4, power: 2 }],
  [notOptimizer((f) => f(null))],
);
sched(
  "OneCycleLR",
  (o, l, x) => new S.OneCycleLR(o, l, x),
  () => [opt(), 0.5, { totalSteps: 10, pctStart: 0.25, annealStrategy: "linear" }],
  [
    c(
      "no length given",
      (f) => f(opt(), 0.5),
      RangeError,
      /You must define either total_steps OR \(epochs AND steps_per_epoch\)/,
    ),
    c(
      "pctStart above 1",
      (f) => f(opt(), 0.5, { totalSteps: 10, pctStart: 2 }),
      RangeError,
      /Expected float between 0 and 1 pct_start, but got 2/,
    ),
    c(
      "unknown annealStrategy",
      (f) => f(opt(), 0.5, { totalSteps: 10, annealStrategy: "exp" }),
      RangeError,
      /anneal_strategy must by one of 'cos' or 'linear', instead got exp/,
    ),
    c(
      "maxLr per group of the wrong count",
      (f) => f(opt(), [0.1, 0.2], { totalSteps: 10 }),
      RangeError,
      /expected 1 values for max_lr, got 2/,
    ),
  ],
);
sched(
  "CyclicLR",
  (o, b, mx, x) => new S.CyclicLR(o, b, mx, x),
  () => [opt(), 0.01, 0.1, { stepSizeUp: 4, mode: "triangular2" }],
  [
    c(
      "unknown mode",
      (f) => f(opt(), 0.01, 0.1, { mode: "square" }),
      RangeError,
      /mode is invalid and scale_fn is None/,
    ),
    c(
      "an optimizer without momentum",
      (f) => f(new optim.Adam([torch.ones(1, { requiresGrad: true })]), 0.01, 0.1),
      RangeError,
      /optimizer must support momentum with `cycle_momentum` option enabled/,
    ),
  ],
);
sched(
  "SequentialLR",
  (o, ss, ms, x) => new S.SequentialLR(o, ss, ms, x),
  () => {
    const o = opt();
    return [o, [new S.ConstantLR(o, { factor: 0.5, totalIters: 2 }), new S.ExponentialLR(o, 0.9)], [2], {}];
  },
  [
    c(
      "milestones of the wrong count",
      (f) => {
        const o = opt();
        return f(o, [new S.ConstantLR(o), new S.ExponentialLR(o, 0.9)], [2, 4]);
      },
      RangeError,
      /Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points/,
    ),
    c(
      "a scheduler of another optimizer",
      (f) => f(opt(), [new S.ConstantLR(opt())], []),
      RangeError,
      /Sequential Schedulers expects all schedulers to belong to the same optimizer/,
    ),
  ],
);
sched(
  "ChainedScheduler",
  (ss) => new S.ChainedScheduler(ss),
  () => {
    const o = opt();
    return [[new S.ConstantLR(o), new S.ExponentialLR(o, 0.9)]];
  },
  [
    c(
      "schedulers of different optimizers",
      (f) => f([new S.ConstantLR(opt()), new S.ConstantLR(opt())]),
      RangeError,
      /ChainedScheduler expects all schedulers to belong to the same optimizer/,
    ),
    c(
      "not a list of schedulers",
      (f) => f([1]),
      TypeError,
      /ChainedScheduler\(\): schedulers must be a non-empty list of schedulers/,
    ),
  ],
);
sched(
  "ReduceLROnPlateau",
  (o, x) => new S.ReduceLROnPlateau(o, x),
  () => [
    opt(),
    {
      mode: "max",
      factor: 0.5,
      patience: 2,
      threshold: 0.01,
      thresholdMode: "abs",
      cooldown: 1,
      minLr: 0.001,
      eps: 1e-9,
    },
  ],
  [
    c("factor of 1", (f) => f(opt(), { factor: 1 }), RangeError, /Factor should be < 1.0./),
    c("unknown mode", (f) => f(opt(), { mode: "avg" }), RangeError, /mode avg is unknown!/),
    c("unknown thresholdMode", (f) => f(opt(), { thresholdMode: "pct" }), RangeError, /threshold mode pct is unknown!/),
    c(
      "minLr per group of the wrong count",
      (f) => f(opt(), { minLr: [0.1, 0.2] }),
      RangeError,
      /expected 1 min_lrs, got 2/,
    ),
  ],
);
fn(
  "new optim.lrScheduler.LRScheduler",
  () => {
    throw new TypeError("LRScheduler is abstract: use a scheduler such as lrScheduler.StepLR");
  },
  null,
  [],
  { none: "abstract (TypeScript refuses `new`)" },
);

const ms = (
  name: string,
  call: (s: any, ...a: unknown[]) => unknown,
  make: () => unknown,
  rest: () => unknown[],
  cases: Case[],
  extra = {},
) => fn(name, call as never, () => [make(), ...rest()], cases, { receiver: true, keeps: true, ...extra });
/** A scheduler method that takes no arguments. */
const msNoArgs = (name: string, call: (s: any) => unknown, make: () => unknown) =>
  ms(name, call, make, () => [], [], { none: "no arguments" });
/**
 * loadStateDict of the scheduler `make()` makes, given its own state dict;
 * refused given `bad` (of Python type `got`), after the cases `before`.
 */
const loadStateRow = (cls: string, make: () => any, bad: unknown, got: string, before: Case[] = [], extra = {}) =>
  ms(
    `optim.lrScheduler.${cls}.loadStateDict`,
    (s, sd) => s.loadStateDict(sd),
    make,
    () => [make().stateDict()],
    [
      ...before,
      c(
        "not a state dict",
        (f) => f(make(), bad),
        TypeError,
        new RegExp(`loadStateDict\\(\\): expected a scheduler state dict, but got ${got}`),
      ),
    ],
    { dictArgs: [1], ...extra },
  );
const stepLR = () => new S.StepLR(opt(), 2);
msNoArgs("optim.lrScheduler.LRScheduler.getLastLr", (s) => s.getLastLr(), stepLR);
ms(
  "optim.lrScheduler.LRScheduler.step",
  (s, e) => s.step(e),
  stepLR,
  () => [3],
  [c("epoch not a number", (f) => f(stepLR(), "3"), TypeError, /step\(\): epoch must be a number, but got string/)],
);
msNoArgs("optim.lrScheduler.LRScheduler.stateDict", (s) => s.stateDict(), stepLR);
loadStateRow("LRScheduler", stepLR, null, "null");
for (const name of ["LambdaLR", "MultiplicativeLR", "SequentialLR", "ChainedScheduler"]) {
  msNoArgs(
    `optim.lrScheduler.${name}.stateDict`,
    (s) => s.stateDict(),
    () => new S.LambdaLR(opt(), () => 1),
  );
}
const seqSched = () => {
  const o = opt();
  return new S.SequentialLR(o, [new S.ConstantLR(o), new S.ExponentialLR(o, 0.9)], [2]);
};
const chained = () => {
  const o = opt();
  return new S.ChainedScheduler([new S.ConstantLR(o), new S.ExponentialLR(o, 0.9)]);
};
msNoArgs("optim.lrScheduler.SequentialLR.step", (s) => s.step(), seqSched);
msNoArgs("optim.lrScheduler.ChainedScheduler.step", (s) => s.step(), chained);
for (const [name, make] of [
  ["SequentialLR", seqSched],
  ["ChainedScheduler", chained],
] as const) {
  loadStateRow(name, make, 5, "number", [], {
    noSweep: "the nested scheduler states are data: junk in them is loaded as given, as PyTorch's __dict__.update",
  });
}
const warm = () => new S.CosineAnnealingWarmRestarts(opt(), 4);
ms(
  "optim.lrScheduler.CosineAnnealingWarmRestarts.step",
  (s, e) => s.step(e),
  warm,
  () => [2.5],
  [
    c("a negative epoch", (f) => f(warm(), -1), RangeError, /Expected non-negative epoch, but got -1/),
    c("epoch not a number", (f) => f(warm(), "1"), TypeError, /step\(\): epoch must be a number, but got string/),
  ],
);
const plateau = () => new S.ReduceLROnPlateau(opt(), { patience: 0 });
ms(
  "optim.lrScheduler.ReduceLROnPlateau.step",
  (s, v) => s.step(v),
  plateau,
  () => [0.5],
  [
    c(
      "metric not a number",
      (f) => f(plateau(), "0.5"),
      TypeError,
      /ReduceLROnPlateau.step\(\): metrics must be a number or a one-element tensor, but got string/,
    ),
  ],
);
msNoArgs("optim.lrScheduler.ReduceLROnPlateau.getLastLr", (s) => s.getLastLr(), plateau);
msNoArgs("optim.lrScheduler.ReduceLROnPlateau.stateDict", (s) => s.stateDict(), plateau);
loadStateRow("ReduceLROnPlateau", plateau, null, "null", [
  c("an unknown mode in the state", (f) => f(plateau(), { mode: "avg" }), RangeError, /mode avg is unknown!/),
]);

// ---- utils.data -----------------------------------------------------------------------------------

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
fn(
  "new utils.data.Dataset",
  () => {
    throw new TypeError("Dataset is abstract: extend it with get(i) and length");
  },
  null,
  [],
  { none: "abstract (TypeScript refuses `new`)" },
);
fn(
  "new utils.data.IterableDataset",
  () => {
    throw new TypeError("IterableDataset is abstract: extend it with [Symbol.iterator]");
  },
  null,
  [],
  { none: "abstract (TypeScript refuses `new`)" },
);
fn(
  "new utils.data.TensorDataset",
  (...ts: unknown[]) => new D.TensorDataset(...(ts as [])),
  () => [torch.zeros(4, 2), torch.ones(4)],
  [
    c(
      "first dimensions differ",
      (f) => f(torch.zeros(4, 2), torch.ones(3)),
      RangeError,
      /Size mismatch between tensors/,
    ),
    c("not a tensor", (f) => f(torch.zeros(2), [1, 2]), TypeError, /TensorDataset: expected Tensors, but got Array/),
  ],
);
const tds = () => new D.TensorDataset(F.b, F.b); // the fixtures: a dataset does not own its tensors
m(
  "utils.data.TensorDataset.get",
  (d, i) => d.get(i),
  () => [tds(), -1],
  [
    c("index out of range", (f) => f(tds(), 2), RangeError, /index 2 is out of range/),
    c(
      "index not an integer",
      (f) => f(tds(), "0"),
      TypeError,
      /TensorDataset indices must be integers, but got string/,
    ),
  ],
);
getter("utils.data.TensorDataset.length", (d) => d.length, tds);
fn(
  "new utils.data.ConcatDataset",
  (ds: unknown) => new D.ConcatDataset(ds as never),
  () => [[range(3), range(2)]],
  [
    c("no datasets", (f) => f([]), RangeError, /datasets should not be an empty iterable/),
    c("an iterable dataset", (f) => f([new Set([1])]), TypeError, /ConcatDataset does not support IterableDataset/),
  ],
);
const cds = () => new D.ConcatDataset([range(3), range(2)]);
m(
  "utils.data.ConcatDataset.get",
  (d, i) => d.get(i),
  () => [cds(), 4],
  [
    c(
      "a negative index past the start",
      (f) => f(cds(), -6),
      RangeError,
      /absolute value of index should not exceed dataset length/,
    ),
    c("index out of range", (f) => f(cds(), 5), RangeError, /index 5 is out of range/),
  ],
);
getter("utils.data.ConcatDataset.length", (d) => d.length, cds);
fn(
  "new utils.data.Subset",
  (d: unknown, i: unknown) => new D.Subset(d as never, i as never),
  () => [range(5), [4, 0]],
  [
    c(
      "indices not iterable",
      (f) => f(range(5), 3),
      TypeError,
      /Subset: indices must be an iterable of integers, but got number/,
    ),
  ],
);
const sub = () => new D.Subset(range(5), [4, 0]);
outOfRange("utils.data.Subset.get", (d, i) => d.get(i), sub, 1, 2);
getter("utils.data.Subset.length", (d) => d.length, sub);
fn(
  "utils.data.randomSplit",
  D.randomSplit,
  () => [range(10), [0.3, 0.7], { generator: new torch.Generator().manualSeed(1) }],
  [
    c(
      "lengths that do not sum to the length",
      (f) => f(range(10), [3, 4]),
      RangeError,
      /Sum of input lengths does not equal the length of the input dataset!/,
    ),
    c(
      "a fraction out of range",
      (f) => f(range(10), [1.5, -0.5]),
      RangeError,
      /Fraction at index 0 is not between 0 and 1/,
    ),
    c(
      "lengths not a list",
      (f) => f(range(10), 3),
      TypeError,
      /randomSplit\(\): lengths must be a list of numbers, but got number/,
    ),
  ],
  { keeps: true },
);
fn(
  "new utils.data.SequentialSampler",
  (d: unknown) => new D.SequentialSampler(d as never),
  () => [range(3)],
  [c("no length", (f) => f(5), TypeError, /SequentialSampler: the data source must have a length, but got number/)],
);
dataLength("SequentialSampler", () => new D.SequentialSampler(range(3)));
fn(
  "new utils.data.RandomSampler",
  (d: unknown, o: unknown) => new D.RandomSampler(d as never, o as never),
  () => [range(3), { replacement: true, numSamples: 5, generator: null }],
  [
    c(
      "numSamples of 0",
      (f) => f(range(3), { numSamples: 0 }),
      RangeError,
      /num_samples should be a positive integer value, but got num_samples=0/,
    ),
    c(
      "replacement not a boolean",
      (f) => f(range(3), { replacement: 1 }),
      TypeError,
      /replacement should be a boolean value, but got replacement=1/,
    ),
    c(
      "unknown option",
      (f) => f(range(3), { num_samples: 2 }),
      TypeError,
      /RandomSampler\(\): unknown option "num_samples"/,
    ),
  ],
);
const randomSampler = () => new D.RandomSampler(range(3));
getter("utils.data.RandomSampler.numSamples", (s) => s.numSamples, randomSampler);
dataLength("RandomSampler", randomSampler);
fn(
  "new utils.data.SubsetRandomSampler",
  (i: unknown, o: unknown) => new D.SubsetRandomSampler(i as never, o as never),
  () => [[3, 1], { generator: null }],
  [
    c(
      "indices not a list",
      (f) => f(3),
      TypeError,
      /SubsetRandomSampler: indices must be a list of integers, but got number/,
    ),
  ],
);
dataLength("SubsetRandomSampler", () => new D.SubsetRandomSampler([1, 2]));
fn(
  "new utils.data.BatchSampler",
  (s: unknown, b: unknown, d: unknown) => new D.BatchSampler(s as never, b as never, d as never),
  () => [new D.SequentialSampler(range(5)), 2, false],
  [
    c(
      "batchSize of 0",
      (f) => f(new D.SequentialSampler(range(5)), 0, false),
      RangeError,
      /batch_size should be a positive integer value, but got batch_size=0/,
    ),
    c(
      "dropLast not a boolean",
      (f) => f(new D.SequentialSampler(range(5)), 2, 0),
      TypeError,
      /drop_last should be a boolean value, but got drop_last=number/,
    ),
    c(
      "sampler not iterable",
      (f) => f(5, 2, false),
      TypeError,
      /BatchSampler: sampler must be an iterable of indices, but got number/,
    ),
  ],
);
dataLength("BatchSampler", () => new D.BatchSampler(new D.SequentialSampler(range(5)), 2, true));
fn(
  "utils.data.defaultCollate",
  D.defaultCollate,
  () => [
    [
      { x: torch.ones(2), y: 1 },
      { x: torch.zeros(2), y: 2 },
    ],
  ],
  [
    c(
      "lists of different lengths",
      (f) => f([[1, 2], [3]]),
      RangeError,
      /each element in list of batch should be of equal size/,
    ),
    c(
      "an element of no known kind",
      (f) => f([null]),
      TypeError,
      /default_collate: batch must contain tensors, numbers, dicts or lists; found null/,
    ),
    c(
      "tensors of different shapes",
      (f) => f([torch.ones(2), torch.ones(3)]),
      RangeError,
      /stack expects each tensor to be equal size/,
    ),
    c("not a list", (f) => f(3), TypeError, /defaultCollate\(\): batch must be a list of samples, but got number/),
  ],
);
fn(
  "new utils.data.DataLoader",
  (d: unknown, o: unknown) => new D.DataLoader(d as never, o as never),
  () => [range(10), { batchSize: 3, shuffle: true, dropLast: true, generator: null }],
  [
    c(
      "sampler and shuffle",
      (f) => f(range(4), { sampler: new D.SequentialSampler(range(4)), shuffle: true }),
      RangeError,
      /sampler option is mutually exclusive with shuffle/,
    ),
    c(
      "batchSampler and batchSize",
      (f) =>
        f(range(4), { batchSampler: new D.BatchSampler(new D.SequentialSampler(range(4)), 2, false), batchSize: 3 }),
      RangeError,
      /batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last/,
    ),
    c(
      "batchSize null and dropLast",
      (f) => f(range(4), { batchSize: null, dropLast: true }),
      RangeError,
      /batch_size=None option disables auto-batching and is mutually exclusive with drop_last/,
    ),
    c(
      "shuffle over an iterable dataset",
      (f) => f(new Set([1, 2]), { shuffle: true }),
      RangeError,
      /DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=True/,
    ),
    c(
      "not a dataset",
      (f) => f(5),
      TypeError,
      /DataLoader: the dataset must have get\(i\) and length, or be iterable, but got number/,
    ),
    c(
      "unknown option",
      (f) => f(range(4), { batch_size: 2 }),
      TypeError,
      /DataLoader\(\): unknown option "batch_size"/,
    ),
    c("workers", (f) => f(range(4), { numWorkers: 2 }), RangeError, /numWorkers must be 0/),
  ],
);
dataLength("DataLoader", () => new D.DataLoader(range(10), { batchSize: 3 }));

// ---- Module: hooks and dotted paths ---------------------------------------------------------------

// The forward hooks: [method, a value that is not a function, its Python type in the message].
for (const [name, bad, got] of [
  ["registerForwardPreHook", 1, "number"],
  ["registerForwardHook", null, "null"],
] as const)
  m(
    `nn.Module.${name}`,
    (mod, h) => mod[name](h),
    () => [mlp(), () => undefined],
    [
      c(
        "hook not a function",
        (f) => f(mlp(), bad),
        TypeError,
        new RegExp(`${name}\\(hook\\): hook must be a function, but got ${got}`),
      ),
    ],
  );
m(
  "nn.Module.getSubmodule",
  (mod, t) => mod.getSubmodule(t),
  () => [mlp(), "2"],
  [
    c("a missing name", (f) => f(mlp(), "5"), Error, /Sequential has no attribute `5`/),
    c("not a module", (f) => f(mlp(), "0.weight"), Error, /`weight` is not an nn.Module/),
    c(
      "target not a string",
      (f) => f(mlp(), 0),
      TypeError,
      /getSubmodule\(target\): target must be a string, but got number/,
    ),
  ],
);
m(
  "nn.Module.getParameter",
  (mod, t) => mod.getParameter(t),
  () => [mlp(), "0.weight"],
  [
    c("a missing name", (f) => f(mlp(), "0.gamma"), Error, /Linear has no attribute `gamma`/),
    c("not a parameter", (f) => f(mlp(), "0.forward"), Error, /`forward` is not an nn.Parameter/),
  ],
);
m(
  "nn.Module.getBuffer",
  (mod, t) => mod.getBuffer(t),
  () => [new nn.BCELoss({ weight: torch.ones(3) }), "weight"],
  [c("not a buffer", (f) => f(mlp(), "0.weight"), Error, /`weight` is not a buffer/)],
);
