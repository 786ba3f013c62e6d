// Rows: the pooling, padding and resampling functions of nn.functional and
// their modules, with PyTorch 1.13's messages (test/golden/gen_pool.py and
// gen_pad.py check the same words against PyTorch).

import * as torch from "../../src/index.js";
import { J } from "./harness.js";
import { c, fn, none, type Case } from "./table.js";

const { nn } = torch;
const Fn = nn.functional;
const img = () => torch.zeros(1, 2, 4, 4, { requiresGrad: true });
const seq = () => torch.zeros(1, 2, 4, { requiresGrad: true });

const inputCases = (name: string, ...rest: unknown[]): Case[] => [
  c("input disposed", (f) => f(J.disposed, ...rest), Error, /was disposed/),
  c(
    "input not a tensor",
    (f) => f([1, 2], ...rest),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'input' must be a Tensor`),
  ),
];
type AnyFn = (...a: unknown[]) => unknown;
const fnOf = (name: string) => (Fn as unknown as Record<string, AnyFn>)[name]!;

fn("nn.functional.maxPool2d", fnOf("maxPool2d"), () => [img(), 2, { stride: 1, padding: 1, returnIndices: true }], [
  ...inputCases("maxPool2d", 2),
  c("kernel larger than the padded input", (f) => f(img(), 5), RangeError, /Output size is too small/),
  c(
    "padding over half the kernel",
    (f) => f(img(), 3, { padding: 2 }),
    RangeError,
    /pad should be at most half of kernel size, but got pad=2 and kernel_size=3/,
  ),
  c("stride zero", (f) => f(img(), 2, { stride: 0 }), RangeError, /stride should not be zero/),
  c(
    "2-d input",
    (f) => f(torch.zeros(4, 4), 2),
    RangeError,
    /non-empty 3D or 4D \(batch mode\) tensor expected for input/,
  ),
  c(
    "integer input",
    (f) => f(torch.zeros([1, 1, 2, 2], { dtype: "int32" }), 2),
    TypeError,
    /"max_pool2d" not implemented for 'Int'/,
  ),
  c(
    "three kernel sizes",
    (f) => f(img(), [2, 2, 2]),
    TypeError,
    /kernel_size must either be a single int, or a tuple of two ints/,
  ),
  c("unknown option", (f) => f(img(), 2, { strides: 1 } as never), TypeError, /unknown option "strides"/),
]);
fn("nn.functional.maxPool1d", fnOf("maxPool1d"), () => [seq(), 2], [
  ...inputCases("maxPool1d", 2),
  c("kernel zero", (f) => f(seq(), 0), RangeError, /max_pool1d\(\) kernel_size must be greater than zero, but got 0/),
  c(
    "padding over half the kernel",
    (f) => f(seq(), 3, { padding: 2 }),
    RangeError,
    /max_pool1d\(\) padding should be at most half of kernel size/,
  ),
  c("kernel larger than the input", (f) => f(seq(), 5), RangeError, /Output size is too small/),
  c("1-d input", (f) => f(torch.zeros(4), 2), RangeError, /max_pool1d: Expected 2D or 3D \(batch mode\) tensor/),
]);
fn("nn.functional.avgPool2d", fnOf("avgPool2d"), () => [img(), 3, { padding: 1, countIncludePad: false }], [
  ...inputCases("avgPool2d", 2),
  c("kernel larger than the padded input", (f) => f(img(), 5), RangeError, /Output size is too small/),
  c(
    "padding over half the kernel",
    (f) => f(img(), 3, { padding: 2 }),
    RangeError,
    /pad should be at most half of kernel size/,
  ),
  c("divisor zero", (f) => f(img(), 2, { divisorOverride: 0 }), RangeError, /divisor must be not zero/),
  c(
    "integer input",
    (f) => f(torch.zeros([1, 1, 2, 2], { dtype: "int32" }), 2),
    TypeError,
    /"avg_pool2d" not implemented for 'Int'/,
  ),
]);
fn("nn.functional.avgPool1d", fnOf("avgPool1d"), () => [seq(), 2], [
  ...inputCases("avgPool1d", 2),
  c("kernel larger than the input", (f) => f(seq(), 5), RangeError, /Output size is too small/),
  c("1-d input", (f) => f(torch.zeros(4), 3), RangeError, /Expected 2 to 3 dimensions, but got 1-dimensional tensor/),
  c(
    "two kernel sizes",
    (f) => f(seq(), [2, 2]),
    TypeError,
    /avg_pool1d\(\) argument 'kernel_size' should contain one int \(got 2\)/,
  ),
]);
fn("nn.functional.adaptiveAvgPool2d", fnOf("adaptiveAvgPool2d"), () => [img(), [3, null]], [
  ...inputCases("adaptiveAvgPool2d", 2),
  c(
    "1-d input",
    (f) => f(torch.zeros(4), 3),
    RangeError,
    /adaptive_avg_pool2d\(\): Expected 3D or 4D tensor, but got \[4\]/,
  ),
  c("three sizes", (f) => f(img(), [1, 2, 3]), TypeError, /adaptive_avg_pool2d: output_size must be 2/),
  c("negative size", (f) => f(img(), -1), RangeError, /elements of output_size must be greater than or equal to 0/),
  c(
    "empty dim",
    (f) => f(torch.zeros(1, 2, 0, 3), 3),
    RangeError,
    /Expected input to have non-zero size for non-batch dimensions/,
  ),
]);
fn("nn.functional.adaptiveMaxPool2d", fnOf("adaptiveMaxPool2d"), () => [img(), 3, { returnIndices: true }], [
  ...inputCases("adaptiveMaxPool2d", 2),
  c(
    "1-d input",
    (f) => f(torch.zeros(4), 3),
    RangeError,
    /adaptive_max_pool2d\(\): Expected 3D or 4D tensor, but got: \[4\]/,
  ),
]);
fn("nn.functional.adaptiveAvgPool1d", fnOf("adaptiveAvgPool1d"), () => [seq(), 3], [
  ...inputCases("adaptiveAvgPool1d", 2),
  c("1-d input", (f) => f(torch.zeros(4), 3), RangeError, /while checking arguments for adaptive_avg_pool1d/),
]);
fn("nn.functional.adaptiveMaxPool1d", fnOf("adaptiveMaxPool1d"), () => [seq(), 3], [
  ...inputCases("adaptiveMaxPool1d", 2),
  c("1-d input", (f) => f(torch.zeros(4), 3), RangeError, /while checking arguments for adaptive_max_pool1d/),
]);
fn("nn.functional.pad", fnOf("pad"), () => [seq(), [1, 2], { mode: "reflect" }], [
  ...inputCases("pad", [1, 1]),
  c("odd pad length", (f) => f(seq(), [1]), RangeError, /Padding length must be divisible by 2/),
  c("pad longer than the dims", (f) => f(seq(), [1, 1, 1, 1, 1, 1, 1, 1]), RangeError, /Padding length too large/),
  c(
    "reflection wider than the input",
    (f) => f(seq(), [4, 4], { mode: "reflect" }),
    RangeError,
    /Padding size should be less than the corresponding input dimension/,
  ),
  c(
    "value with reflect",
    (f) => f(seq(), [1, 1], { mode: "reflect", value: 2 }),
    RangeError,
    /Padding mode "reflect" doesn't take in value argument/,
  ),
  c("unknown mode", (f) => f(seq(), [1, 1], { mode: "wrap" as never }), TypeError, /Unrecognised padding mode wrap/),
  c(
    "circular wrapping twice",
    (f) => f(seq(), [5, 0], { mode: "circular" }),
    RangeError,
    /Padding value causes wrapping around more than once/,
  ),
  c(
    "1-d input, replicate",
    (f) => f(torch.zeros(3), [1, 1], { mode: "replicate" }),
    TypeError,
    /Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now/,
  ),
]);

// ---- modules ----
const mod = (name: string, make: (...a: unknown[]) => unknown, args: () => unknown[], cases: Case[]) =>
  fn(`new nn.${name}`, make, args, cases);
const optsCase = (name: string, make: (f: (...a: unknown[]) => unknown) => unknown): Case =>
  c("unknown option", make, TypeError, new RegExp(`${name}\\(\\): unknown option`));
mod(
  "MaxPool2d",
  (k, o) => new nn.MaxPool2d(k as number, o as never),
  () => [2, { stride: 1 }],
  [optsCase("MaxPool2d", (f) => f(2, { strides: 1 } as never))],
);
mod(
  "MaxPool1d",
  (k, o) => new nn.MaxPool1d(k as number, o as never),
  () => [2, { stride: 1 }],
  [optsCase("MaxPool1d", (f) => f(2, { strides: 1 } as never))],
);
mod(
  "AvgPool2d",
  (k, o) => new nn.AvgPool2d(k as number, o as never),
  () => [2, { stride: 1 }],
  [optsCase("AvgPool2d", (f) => f(2, { strides: 1 } as never))],
);
mod(
  "AvgPool1d",
  (k, o) => new nn.AvgPool1d(k as number, o as never),
  () => [2, { stride: 1 }],
  [optsCase("AvgPool1d", (f) => f(2, { strides: 1 } as never))],
);
mod(
  "AdaptiveMaxPool2d",
  (k, o) => new nn.AdaptiveMaxPool2d(k as number, o as never),
  () => [2, { returnIndices: true }],
  [optsCase("AdaptiveMaxPool2d", (f) => f(2, { indices: true } as never))],
);
mod(
  "AdaptiveMaxPool1d",
  (k, o) => new nn.AdaptiveMaxPool1d(k as number, o as never),
  () => [2],
  [optsCase("AdaptiveMaxPool1d", (f) => f(2, { indices: true } as never))],
);
for (const [name, n] of [
  ["ZeroPad2d", 4],
  ["ReflectionPad1d", 2],
  ["ReflectionPad2d", 4],
  ["ReplicationPad1d", 2],
  ["ReplicationPad2d", 4],
] as const) {
  const Ctor = nn[name] as unknown as new (p: unknown) => unknown;
  mod(
    name,
    (p) => new Ctor(p),
    () => [1],
    [
      c(
        "wrong number of sides",
        (f) => f([1, 2, 3]),
        TypeError,
        new RegExp(`${name}\\(\\): padding must be an integer or an array of ${n} integers`),
      ),
    ],
  );
}
for (const [name, n] of [
  ["ConstantPad1d", 2],
  ["ConstantPad2d", 4],
] as const) {
  const Ctor = nn[name] as unknown as new (p: unknown, v: number) => unknown;
  mod(
    name,
    (p, v) => new Ctor(p, v as number),
    () => [1, 0.5],
    [
      c(
        "wrong number of sides",
        (f) => f([1, 2, 3], 0),
        TypeError,
        new RegExp(`${name}\\(\\): padding must be an integer or an array of ${n} integers`),
      ),
    ],
  );
}
none(
  ["new nn.AdaptiveAvgPool2d", "new nn.AdaptiveAvgPool1d"],
  "the output size is checked by forward, as PyTorch does",
);

// forward of every module: a disposed input
const forwardInputs: [string, () => unknown, () => unknown][] = [
  ["MaxPool1d", () => new nn.MaxPool1d(2), seq],
  ["MaxPool2d", () => new nn.MaxPool2d(2), img],
  ["AvgPool1d", () => new nn.AvgPool1d(2), seq],
  ["AvgPool2d", () => new nn.AvgPool2d(2), img],
  ["AdaptiveAvgPool1d", () => new nn.AdaptiveAvgPool1d(2), seq],
  ["AdaptiveAvgPool2d", () => new nn.AdaptiveAvgPool2d(2), img],
  ["AdaptiveMaxPool1d", () => new nn.AdaptiveMaxPool1d(2), seq],
  ["AdaptiveMaxPool2d", () => new nn.AdaptiveMaxPool2d(2), img],
];
for (const [name, make, input] of forwardInputs) {
  fn(
    `nn.${name}.forward`,
    ((mod: { forward: (x: unknown) => unknown }, x: unknown) => mod.forward(x)) as never,
    () => [make(), input()],
    [c("input disposed", (f) => f(make(), J.disposed), Error, /was disposed/)],
    { receiver: true },
  );
}
none(
  [
    "nn.MaxPool2d.extraRepr",
    "nn.AvgPool1d.extraRepr",
    "nn.AvgPool2d.extraRepr",
    "nn.AdaptiveAvgPool2d.extraRepr",
    "nn.AdaptiveMaxPool2d.extraRepr",
    "nn.ConstantPad1d.extraRepr",
    "nn.ConstantPad2d.extraRepr",
  ],
  "no arguments",
);
