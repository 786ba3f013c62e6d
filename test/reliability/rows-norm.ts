// Rows: the normalisation functions (batchNorm, groupNorm, instanceNorm,
// localResponseNorm) and modules (BatchNorm1d/2d, InstanceNorm1d/2d,
// GroupNorm, LocalResponseNorm).

import * as torch from "../../src/index.js";
import { J } from "./harness.js";
import { c, fn, none, type Case } from "./table.js";
import { forwardRow } from "./cases.js";

const { nn } = torch;
const Fn = nn.functional;
const ramp = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 7) / 3 - 1);
const x4 = () => torch.fromArray(ramp(24), [2, 3, 2, 2], { requiresGrad: true });
const x3 = () => torch.fromArray(ramp(12), [2, 3, 2]);

const tensorArg = (name: string, arg: string, call: (f: (...a: never[]) => unknown, t: unknown) => unknown): Case[] => [
  c(`${arg} disposed`, (f) => call(f, J.disposed), Error, /was disposed/),
  c(
    `${arg} not a tensor`,
    (f) => call(f, [1, 2, 3]),
    TypeError,
    new RegExp(`${name}\\(\\): argument '${arg}' must be a Tensor`),
  ),
];

fn(
  "nn.functional.batchNorm",
  Fn.batchNorm,
  () => [x4(), torch.zeros(3), torch.ones(3), { weight: torch.ones(3), bias: torch.zeros(3), training: true }],
  [
    ...tensorArg("batchNorm", "input", (f, t) => f(t as never, null as never, null as never)),
    ...tensorArg("batchNorm", "running_mean", (f, t) => f(x4() as never, t as never, torch.ones(3) as never)),
    c(
      "one value per channel in training",
      (f) => f(torch.zeros(1, 3), null, null, { training: true }),
      RangeError,
      /Expected more than 1 value per channel when training, got input size torch.Size\(\[1, 3\]\)/,
    ),
    c(
      "running mean of the wrong size",
      (f) => f(torch.zeros(2, 3), torch.zeros(4), torch.ones(3)),
      RangeError,
      /running_mean should contain 3 elements not 4/,
    ),
    c(
      "weight of the wrong size",
      (f) => f(torch.zeros(2, 3), null, null, { training: true, weight: torch.ones(2) }),
      RangeError,
      /weight should contain 3 elements not 2/,
    ),
    c(
      "eval without running stats",
      (f) => f(torch.zeros(2, 3), null, null),
      Error,
      /running_mean must be defined in evaluation mode/,
    ),
    c(
      "integer input",
      (f) => f(torch.zeros([2, 3], { dtype: "int32" }), null, null, { training: true }),
      TypeError,
      /"batch_norm" not implemented for 'Int'/,
    ),
    c(
      "running stats of another dtype",
      (f) => f(torch.zeros(2, 3), torch.zeros([3], { dtype: "float64" }), torch.ones([3], { dtype: "float64" })),
      TypeError,
      /mixed dtype \(CPU\): expect parameter to have scalar type of Float/,
    ),
    c(
      "momentum not a number",
      (f) => f(torch.zeros(2, 3), null, null, { training: true, momentum: "0.1" }),
      TypeError,
      /batchNorm\(\): argument 'momentum' must be a number, but got string/,
    ),
    c(
      "unknown option",
      (f) => f(torch.zeros(2, 3), null, null, { affine: true }),
      TypeError,
      /batchNorm\(\): unknown option "affine"/,
    ),
  ],
);

fn(
  "nn.functional.groupNorm",
  Fn.groupNorm,
  () => [x4(), 3, { weight: torch.ones(3), bias: torch.zeros(3), eps: 1e-5 }],
  [
    ...tensorArg("groupNorm", "input", (f, t) => f(t as never, 1 as never)),
    c(
      "groups that do not divide the channels",
      (f) => f(x3(), 2),
      RangeError,
      /Expected number of channels in input to be divisible by num_groups, but got input of shape \[2, 3, 2\] and num_groups=2/,
    ),
    c(
      "weight of the wrong size",
      (f) => f(x3(), 3, { weight: torch.ones(4) }),
      RangeError,
      /Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape \[4\]/,
    ),
    c(
      "groups not an integer",
      (f) => f(x3(), 1.5),
      TypeError,
      /groupNorm\(\): argument 'num_groups' must be an integer/,
    ),
    c("unknown option", (f) => f(x3(), 3, { affine: true }), TypeError, /groupNorm\(\): unknown option "affine"/),
  ],
);

fn(
  "nn.functional.instanceNorm",
  Fn.instanceNorm,
  () => [x4(), { weight: torch.ones(3), bias: torch.zeros(3), eps: 1e-5 }],
  [
    ...tensorArg("instanceNorm", "input", (f, t) => f(t as never)),
    c(
      "one spatial element",
      (f) => f(torch.zeros(2, 3)),
      RangeError,
      /Expected more than 1 spatial element when training, got input size torch.Size\(\[2, 3\]\)/,
    ),
    c(
      "eval without running stats",
      (f) => f(x3(), { useInputStats: false }),
      Error,
      /Expected running_mean and running_var to be defined when use_input_stats is false/,
    ),
    c(
      "weight of the wrong size",
      (f) => f(x3(), { weight: torch.ones(2) }),
      RangeError,
      /weight should contain 6 elements not 4/,
    ),
    c("unknown option", (f) => f(x3(), { training: true }), TypeError, /instanceNorm\(\): unknown option "training"/),
  ],
);

fn("nn.functional.localResponseNorm", Fn.localResponseNorm, () => [x3(), 2, { alpha: 1e-4, beta: 0.75, k: 1 }], [
  ...tensorArg("localResponseNorm", "input", (f, t) => f(t as never, 2 as never)),
  c(
    "2-D input",
    (f) => f(torch.zeros(2, 3), 2),
    RangeError,
    /Expected 3D or higher dimensionality {26}input \(got 2 dimensions\)/,
  ),
  c("size 0", (f) => f(x3(), 0), TypeError, /localResponseNorm\(\): argument 'size' must be a positive integer/),
  c("alpha not a number", (f) => f(x3(), 2, { alpha: "1" }), TypeError, /argument 'alpha' must be a number/),
]);

/** The row of a BatchNorm / InstanceNorm constructor (the wrong input ranks are golden error cases). */
function normModule(name: "BatchNorm1d" | "BatchNorm2d" | "InstanceNorm1d" | "InstanceNorm2d"): void {
  const Cls = nn[name];
  fn(
    `new nn.${name}`,
    (...a: unknown[]) => new Cls(...(a as [number])),
    () => [3, { eps: 1e-5, momentum: 0.1, affine: true, trackRunningStats: true, dtype: "float64" }],
    [
      c("negative size", (f) => f(-1), TypeError, /num_features must be a non-negative integer, but got -1/),
      c("eps not a number", (f) => f(3, { eps: "1e-5" }), TypeError, new RegExp(`${name}\\(\\): eps must be a number`)),
      c(
        "integer dtype",
        (f) => f(3, { dtype: "int32" }),
        TypeError,
        /only Tensors of floating point dtype can require gradients/,
      ),
      c(
        "unknown option",
        (f) => f(3, { elementwiseAffine: false }),
        TypeError,
        new RegExp(`${name}\\(\\): unknown option "elementwiseAffine"`),
      ),
    ],
  );
}
normModule("BatchNorm1d");
normModule("BatchNorm2d");
normModule("InstanceNorm1d");
normModule("InstanceNorm2d");

fn(
  "new nn.GroupNorm",
  (...a: unknown[]) => new nn.GroupNorm(...(a as [number, number])),
  () => [1, 3, { eps: 1e-5, affine: true, dtype: "float64" }],
  [
    c(
      "groups that do not divide the channels",
      (f) => f(2, 3),
      RangeError,
      /num_channels must be divisible by num_groups/,
    ),
    c("negative channels", (f) => f(1, -3), TypeError, /num_channels must be a non-negative integer/),
    c("unknown option", (f) => f(1, 3, { momentum: 0.1 }), TypeError, /GroupNorm\(\): unknown option "momentum"/),
  ],
);
fn(
  "new nn.LocalResponseNorm",
  (...a: unknown[]) => new nn.LocalResponseNorm(...(a as [number])),
  () => [2, { alpha: 1e-4, beta: 0.75, k: 1 }],
  [
    c("negative size", (f) => f(-2), TypeError, /size must be a non-negative integer/),
    c("alpha not a number", (f) => f(2, { alpha: "1" }), TypeError, /LocalResponseNorm\(\): alpha must be a number/),
  ],
);

forwardRow("GroupNorm", () => new nn.GroupNorm(1, 3), x3);
forwardRow("LocalResponseNorm", () => new nn.LocalResponseNorm(2), x3);
none(["nn.GroupNorm.extraRepr", "nn.LocalResponseNorm.extraRepr"], "no arguments");
