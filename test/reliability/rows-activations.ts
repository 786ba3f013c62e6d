// Rows: the activations of nn.functional (activation2.ts, activation3.ts)
// and their modules.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, none, type Call, type Case } from "./table.js";
import { forwardRow, unknownKey } from "./cases.js";

const { nn } = torch;
const Fn = nn.functional as unknown as Record<string, Call>;
const x = () =>
  torch.tensor(
    [
      [1, -2, 3, 0.25],
      [0.5, -1, 2, -4],
    ],
    { requiresGrad: true },
  );
const plain = () => torch.tensor([1, -2, 3, -0.25]);

const tensorArgCases = (name: string, call: (f: Call, t: unknown) => unknown): Case[] => [
  c("input disposed", (f) => call(f, J.disposed), Error, /was disposed/),
  c("input of an earlier init()", (f) => call(f, J.stale), Error, /earlier torchlet instance/),
  c(
    "input not a tensor",
    (f) => call(f, [1, 2]),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'input' must be a Tensor`),
  ),
];
const notFor = (what: string, dtype: () => unknown, message: RegExp): Case =>
  c(what, (f) => f(dtype()), TypeError, message);

// [name, valid options, PyTorch's CPU kernel name (its "not implemented" message), in-place form]
const pointwise: [string, Record<string, unknown>, string, string | null][] = [
  ["leakyRelu", { negativeSlope: 0.2 }, "leaky_relu_cpu", "leakyRelu_"],
  ["elu", { alpha: 0.5 }, "elu_cpu", "elu_"],
  ["selu", {}, "elu_cpu", "selu_"],
  ["celu", { alpha: 2 }, "elu_cpu", "celu_"],
  ["softplus", { beta: 2, threshold: 3 }, "softplus_cpu", null],
  ["hardtanh", { minVal: -2, maxVal: 0.5 }, "clamp_scalar_cpu", "hardtanh_"],
  ["relu6", {}, "clamp_scalar_cpu", null],
  ["hardsigmoid", {}, "hardsigmoid_cpu", null],
  ["hardswish", {}, "hardswish_cpu", null],
  ["mish", {}, "mish_cpu", null],
  ["rrelu", { lower: 0.2, upper: 0.3 }, "leaky_relu_cpu", "rrelu_"],
];
for (const [name, o, cpu, inplace] of pointwise) {
  const intRefused = name !== "hardtanh" && name !== "relu6";
  fn(`nn.functional.${name}`, Fn[name]!, () => [x(), o], [
    ...tensorArgCases(name, (f, t) => f(t)),
    notFor("float16 input", () => plain().to("float16"), new RegExp(`"${cpu}" not implemented for 'Half'`)),
    ...(intRefused ? [notFor("integer input", () => F.idx, new RegExp(`"${cpu}" not implemented for 'Long'`))] : []),
    unknownKey(name, (f, opt) => f(F.b, opt)),
    // softplus has no inplace option
    ...(name === "softplus"
      ? []
      : [
          c(
            "in place on a leaf that requires grad",
            (f) => f(F.a, { inplace: true }),
            Error,
            /a leaf Variable that requires grad is being used in an in-place operation./,
          ),
          c(
            "inplace not a boolean",
            (f) => f(F.b, { inplace: 1 }),
            TypeError,
            new RegExp(`${name}\\(\\): inplace must be a boolean`),
          ),
        ]),
  ]);
  if (inplace !== null) {
    fn(`nn.functional.${inplace}`, Fn[inplace]!, () => [plain(), name === "selu" ? undefined : o], [
      ...tensorArgCases(name === "rrelu" || name === "leakyRelu" || name === "hardtanh" ? name : inplace, (f, t) =>
        f(t),
      ),
      c(
        "a leaf that requires grad",
        (f) => f(F.a),
        Error,
        /a leaf Variable that requires grad is being used in an in-place operation./,
      ),
    ]);
  }
}

fn("nn.functional.logsigmoid", Fn.logsigmoid!, () => [x()], [
  ...tensorArgCases("logsigmoid", (f, t) => f(t)),
  notFor("float16 input", () => plain().to("float16"), /"log_sigmoid_cpu" not implemented for 'Half'/),
  notFor("integer input", () => F.idx, /"log_sigmoid_cpu" not implemented for 'Long'/),
]);
for (const name of ["softshrink", "hardshrink"]) {
  fn(`nn.functional.${name}`, Fn[name]!, () => [x(), 0.75], [
    ...tensorArgCases(name, (f, t) => f(t)),
    notFor("integer input", () => F.idx, new RegExp(`"${name}_cpu" not implemented for 'Long'`)),
    c("lambd a string", (f) => f(F.b, "1"), TypeError, new RegExp(`${name}\\(\\): argument 'lambd' must be a number`)),
    ...(name === "softshrink"
      ? [
          c(
            "negative lambd",
            (f) => f(F.b, -1),
            RangeError,
            /lambda must be greater or equal to 0, but found to be -1./,
          ),
        ]
      : []),
  ]);
}
fn("nn.functional.threshold", Fn.threshold!, () => [x(), 0.5, -2], [
  ...tensorArgCases("threshold", (f, t) => f(t, 0.5, -2)),
  c("threshold missing", (f) => f(F.b), TypeError, /threshold\(\): argument 'threshold' must be a number/),
  c("float16 input", (f) => f(plain().to("float16"), 0, 1), TypeError, /"threshold_cpu" not implemented for 'Half'/),
  c("inplace on a leaf", (f) => f(F.a, 0, 1, { inplace: true }), Error, /a leaf Variable that requires grad/),
]);
fn("nn.functional.threshold_", Fn.threshold_!, () => [plain(), 0.5, -2], [
  ...tensorArgCases("threshold", (f, t) => f(t, 0.5, -2)),
  c("a leaf that requires grad", (f) => f(F.a, 0, 1), Error, /a leaf Variable that requires grad/),
]);
fn("nn.functional.glu", Fn.glu!, () => [x(), { dim: 1 }], [
  ...tensorArgCases("glu", (f, t) => f(t)),
  c("odd size", (f) => f(F.b), RangeError, /Halving dimension must be even, but dimension 1 is size 3/),
  c("0-d input", (f) => f(F.s), RangeError, /glu does not support scalars because halving size must be even/),
  c(
    "dim out of range",
    (f) => f(F.b, { dim: 2 }),
    RangeError,
    /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  ),
  unknownKey("glu", (f, o) => f(F.b, o)),
]);
fn("nn.functional.prelu", Fn.prelu!, () => [x(), torch.tensor([0.25], { requiresGrad: true })], [
  ...tensorArgCases("prelu", (f, t) => f(t, torch.tensor([0.25]))),
  c("weight disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
  c(
    "weight per channel of the wrong size",
    (f) => f(F.b, torch.tensor([0.1, 0.2])),
    RangeError,
    /Mismatch of parameter numbers and input channel size. Found parameter numbers = 2 and channel size = 3./,
  ),
  c(
    "weight 2-D",
    (f) => f(F.b, torch.tensor([[0.1, 0.2, 0.3]])),
    RangeError,
    /prelu: Expected `weight` to be a scalar or 1D tensor, but got ndim = 2/,
  ),
]);
fn(
  "nn.functional.softsign",
  Fn.softsign!,
  () => [x()],
  tensorArgCases("softsign", (f, t) => f(t)),
);
fn(
  "nn.functional.tanhshrink",
  Fn.tanhshrink!,
  () => [x()],
  tensorArgCases("tanhshrink", (f, t) => f(t)),
);
fn("nn.functional.softmin", Fn.softmin!, () => [x(), 1], [
  ...tensorArgCases("softmin", (f, t) => f(t, 1)),
  c(
    "dim out of range",
    (f) => f(F.b, 2),
    RangeError,
    /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  ),
  unknownKey("softmin", (f, o) => f(F.b, o)),
]);
fn(
  "nn.functional.gumbelSoftmax",
  Fn.gumbelSoftmax!,
  () => [x(), { tau: 0.5, hard: true }],
  [
    c("logits disposed", (f) => f(J.disposed), Error, /was disposed/),
    c("logits not a tensor", (f) => f([1, 2]), TypeError, /gumbelSoftmax\(\): argument 'logits' must be a Tensor/),
    c("hard not a boolean", (f) => f(F.b, { hard: 1 }), TypeError, /gumbelSoftmax\(\): hard must be a boolean/),
    unknownKey("gumbelSoftmax", (f, o) => f(F.b, o)),
  ],
  { keeps: true },
);

// ---- modules -------------------------------------------------------------------------------------

const modules: [string, (o?: unknown) => unknown, unknown][] = [
  ["LeakyReLU", (o) => new nn.LeakyReLU(o as never), { negativeSlope: 0.2 }],
  ["ELU", (o) => new nn.ELU(o as never), { alpha: 0.5 }],
  ["CELU", (o) => new nn.CELU(o as never), { alpha: 0.5 }],
  ["SELU", (o) => new nn.SELU(o as never), { inplace: false }],
  ["Softplus", (o) => new nn.Softplus(o as never), { beta: 2 }],
  ["Hardtanh", (o) => new nn.Hardtanh(o as never), { minVal: -2 }],
  ["ReLU6", (o) => new nn.ReLU6(o as never), { inplace: false }],
  ["Hardsigmoid", (o) => new nn.Hardsigmoid(o as never), { inplace: false }],
  ["Hardswish", (o) => new nn.Hardswish(o as never), { inplace: false }],
  ["Mish", (o) => new nn.Mish(o as never), { inplace: false }],
  ["Softshrink", (o) => new nn.Softshrink(o as never), { lambd: 1 }],
  ["Hardshrink", (o) => new nn.Hardshrink(o as never), { lambd: 1 }],
  ["RReLU", (o) => new nn.RReLU(o as never), { lower: 0.2 }],
  ["GLU", (o) => new nn.GLU(o as never), { dim: 0 }],
  ["PReLU", (o) => new nn.PReLU(o as never), { numParameters: 3 }],
];
for (const [name, make, o] of modules) {
  fn(`new nn.${name}`, make, () => [o], [
    c("unknown option", (f) => f({ reduce: false }), TypeError, new RegExp(`${name}\\(\\): unknown option "reduce"`)),
  ]);
}
fn(
  "new nn.Threshold",
  (t?: unknown, v?: unknown, o?: unknown) => new nn.Threshold(t as number, v as number, o as never),
  () => [0.5, 1],
  [c("unknown option", (f) => f(0.5, 1, { reduce: false }), TypeError, /Threshold\(\): unknown option "reduce"/)],
);
fn(
  "new nn.Softmin",
  (d?: unknown) => new nn.Softmin(d as number),
  () => [1],
  [c("unknown option", (f) => f({ reduce: false }), TypeError, /Softmin\(\): unknown option "reduce"/)],
);
none(["new nn.LogSigmoid", "new nn.Softsign", "new nn.Tanhshrink"], "no arguments");

// forward on a fresh module (the sweep puts junk in the input only).
const makers: Record<string, () => InstanceType<typeof nn.Module>> = {
  ...Object.fromEntries(modules.map(([name, make]) => [name, () => make() as InstanceType<typeof nn.Module>])),
  GLU: () => new nn.GLU({ dim: 1 }),
  Threshold: () => new nn.Threshold(0.5, 1),
  Softmin: () => new nn.Softmin(1),
  LogSigmoid: () => new nn.LogSigmoid(),
  Softsign: () => new nn.Softsign(),
  Tanhshrink: () => new nn.Tanhshrink(),
};
for (const [name, make] of Object.entries(makers)) forwardRow(name, make, x);
none(
  Object.keys(makers)
    .filter((n) => !["LogSigmoid", "Softsign", "Tanhshrink"].includes(n))
    .map((n) => `nn.${n}.extraRepr`),
  "no arguments",
);
