// Rows: the pooling, padding and resampling functions of nn.functional and
// their modules, with PyTorch 1.13's messages (test/golden/gen_pool.py and
// gen_pad.py check the same words against PyTorch).

import * as torch from "../../src/index.js";
import { J } from "./harness.js";
import { c, fn, none, type Case } from "./table.js";
import { forwardRow } from "./cases.js";

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
const ctorOf = (name: string) => (nn as unknown as Record<string, new (...a: unknown[]) => unknown>)[name]!;

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
const pools: [string, () => unknown[], object][] = [
  ["MaxPool2d", () => [2, { stride: 1 }], { strides: 1 }],
  ["MaxPool1d", () => [2, { stride: 1 }], { strides: 1 }],
  ["AvgPool2d", () => [2, { stride: 1 }], { strides: 1 }],
  ["AvgPool1d", () => [2, { stride: 1 }], { strides: 1 }],
  ["AdaptiveMaxPool2d", () => [2, { returnIndices: true }], { indices: true }],
  ["AdaptiveMaxPool1d", () => [2], { indices: true }],
];
for (const [name, args, badOpts] of pools) {
  const Ctor = ctorOf(name);
  mod(name, (k, o) => new Ctor(k, o), args, [optsCase(name, (f) => f(2, badOpts))]);
}
// The constant pads take a fill value after the padding.
for (const [name, n, withValue] of [
  ["ZeroPad2d", 4, false],
  ["ReflectionPad1d", 2, false],
  ["ReflectionPad2d", 4, false],
  ["ReplicationPad1d", 2, false],
  ["ReplicationPad2d", 4, false],
  ["ConstantPad1d", 2, true],
  ["ConstantPad2d", 4, true],
] as const) {
  const Ctor = nn[name] as unknown as new (p: unknown, v?: number) => unknown;
  mod(name, withValue ? (p, v) => new Ctor(p, v as number) : (p) => new Ctor(p), () => (withValue ? [1, 0.5] : [1]), [
    c(
      "wrong number of sides",
      (f) => (withValue ? f([1, 2, 3], 0) : f([1, 2, 3])),
      TypeError,
      new RegExp(`${name}\\(\\): padding must be an integer or an array of ${n} integers`),
    ),
  ]);
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
for (const [name, make, input] of forwardInputs) forwardRow(name, make, input);
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

// ---- resampling ----
fn("nn.functional.interpolate", fnOf("interpolate"), () => [img(), { scaleFactor: 2, mode: "bilinear" }], [
  ...inputCases("interpolate", { scaleFactor: 2 }),
  c("neither size nor scale", (f) => f(img(), {}), RangeError, /either size or scale_factor should be defined/),
  c(
    "both size and scale",
    (f) => f(img(), { size: 3, scaleFactor: 2 }),
    RangeError,
    /only one of size or scale_factor should be defined/,
  ),
  c(
    "sizes for three dims",
    (f) => f(img(), { size: [3, 3, 3] }),
    RangeError,
    /must have the same number of spatial dimensions/,
  ),
  c(
    "align corners with nearest",
    (f) => f(img(), { scaleFactor: 2, alignCorners: true }),
    RangeError,
    /align_corners option can only be set with the interpolating modes/,
  ),
  c(
    "linear on 4-d input",
    (f) => f(img(), { scaleFactor: 2, mode: "linear" }),
    TypeError,
    /Got 4D input, but linear mode needs 3D input/,
  ),
  c(
    "2-d input",
    (f) => f(torch.zeros(4, 4), { scaleFactor: 2 }),
    TypeError,
    /Only 3D, 4D and 5D input Tensors supported \(got 2D\)/,
  ),
]);
fn("nn.functional.pixelShuffle", fnOf("pixelShuffle"), () => [torch.zeros(1, 4, 2, 2), 2], [
  ...inputCases("pixelShuffle", 2),
  c(
    "channels not divisible",
    (f) => f(torch.zeros(1, 5, 2, 2), 2),
    RangeError,
    /pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor/,
  ),
  c(
    "factor zero",
    (f) => f(torch.zeros(1, 4, 2, 2), 0),
    RangeError,
    /pixel_shuffle expects a positive upscale_factor, but got 0/,
  ),
]);
fn("nn.functional.pixelUnshuffle", fnOf("pixelUnshuffle"), () => [torch.zeros(1, 1, 4, 4), 2], [
  ...inputCases("pixelUnshuffle", 2),
  c(
    "height not divisible",
    (f) => f(torch.zeros(1, 1, 5, 4), 2),
    RangeError,
    /pixel_unshuffle expects height to be divisible by downscale_factor/,
  ),
]);
fn("nn.functional.unfold", fnOf("unfold"), () => [img(), 2, { padding: 1 }], [
  ...inputCases("unfold", 2),
  c(
    "kernel larger than the padded input",
    (f) => f(img(), 5),
    RangeError,
    /calculated shape of the array of sliding blocks as \(0, 0\), but its components must be at least one/,
  ),
  c("stride zero", (f) => f(img(), 2, { stride: 0 }), RangeError, /stride should be greater than zero/),
  c("negative padding", (f) => f(img(), 2, { padding: -1 }), RangeError, /padding should be non-negative/),
]);
fn("nn.functional.fold", fnOf("fold"), () => [torch.zeros(1, 8, 4), [4, 4], 2, { stride: 2 }], [
  ...inputCases("fold", [4, 4], 2),
  c(
    "rows not divisible by the kernel",
    (f) => f(torch.zeros(1, 5, 4), [4, 4], 2),
    RangeError,
    /Expected size of input's dimension 1 to be divisible by the product of kernel_size/,
  ),
  c(
    "wrong number of blocks",
    (f) => f(torch.zeros(1, 4, 5), [4, 4], 2, { stride: 2 }),
    RangeError,
    /expected size of input's dimension 2 to match the calculated number of sliding blocks/,
  ),
]);
fn("nn.functional.lpPool2d", fnOf("lpPool2d"), () => [img(), 2, 2], [
  ...inputCases("lpPool2d", 2, 2),
  c("kernel larger than the input", (f) => f(img(), 2, 5), RangeError, /Output size is too small/),
]);
fn("nn.functional.maxUnpool2d", fnOf("maxUnpool2d"), () => [img(), torch.zeros([1, 2, 4, 4], { dtype: "int32" }), 2], [
  ...inputCases("maxUnpool2d", null, 2),
  c(
    "indices of another shape",
    (f) => f(img(), torch.zeros([1, 2, 3, 4], { dtype: "int32" }), 2),
    RangeError,
    /Expected shape of indices to be same as that of the input tensor/,
  ),
  c(
    "output size out of range",
    (f) => f(img(), torch.zeros([1, 2, 4, 4], { dtype: "int32" }), 2, { outputSize: [3, 3] }),
    RangeError,
    /invalid output_size "\[3, 3\]" \(dim 0 must be between 6 and 10\)/,
  ),
  c(
    "index past the plane",
    (f) => f(img(), torch.full([1, 2, 4, 4], 64, { dtype: "int32" }), 2),
    RangeError,
    /Found an invalid max index: 64/,
  ),
]);
fn("nn.functional.dropout2d", fnOf("dropout2d"), () => [img(), { p: 0.5 }], [
  ...inputCases("dropout2d", { p: 0.5 }),
  c("p past 1", (f) => f(img(), { p: 1.5 }), RangeError, /dropout probability has to be between 0 and 1, but got 1.5/),
]);
fn("nn.functional.dropout1d", fnOf("dropout1d"), () => [seq(), { p: 0.5 }], [
  ...inputCases("dropout1d", { p: 0.5 }),
  c(
    "4-d input",
    (f) => f(img(), { p: 0.5 }),
    RangeError,
    /dropout1d: Expected 2D or 3D input, but received a 4D input/,
  ),
]);
// Modules whose constructor checks only its options: [name, good arguments, a call with an unknown option].
const optionOnly: [string, () => unknown[], (f: AnyFn) => unknown][] = [
  ["Upsample", () => [{ scaleFactor: 2 }], (f) => f({ scale: 2 })],
  ["Unfold", () => [2, { padding: 1 }], (f) => f(2, { pad: 1 })],
  ["Fold", () => [4, 2, { stride: 2 }], (f) => f(4, 2, { pad: 1 })],
  ["LPPool2d", () => [2, 2, { stride: 1 }], (f) => f(2, 2, { strides: 1 })],
  ["MaxUnpool2d", () => [2, { stride: 2 }], (f) => f(2, { strides: 1 })],
];
for (const [name, args, bad] of optionOnly) {
  const Ctor = ctorOf(name);
  mod(name, (...a) => new Ctor(...a), args, [optsCase(name, bad)]);
}
mod(
  "Dropout2d",
  (p) => new nn.Dropout2d(p as number),
  () => [0.5],
  [c("p past 1", (f) => f(1.5), RangeError, /dropout probability has to be between 0 and 1, but got 1.5/)],
);
mod(
  "Dropout1d",
  (p) => new nn.Dropout1d(p as number),
  () => [0.5],
  [c("p past 1", (f) => f(1.5), RangeError, /dropout probability has to be between 0 and 1, but got 1.5/)],
);
none(
  ["new nn.PixelShuffle", "new nn.PixelUnshuffle", "new nn.Unflatten"],
  "the arguments are checked by forward, as PyTorch does",
);
const forwardMore: [string, () => unknown, () => unknown][] = [
  ["Upsample", () => new nn.Upsample({ scaleFactor: 2 }), img],
  ["PixelShuffle", () => new nn.PixelShuffle(1), img],
  ["PixelUnshuffle", () => new nn.PixelUnshuffle(1), img],
  ["Unfold", () => new nn.Unfold(2), img],
  ["Fold", () => new nn.Fold(4, 2, { stride: 2 }), () => torch.zeros(1, 8, 4)],
  ["Dropout2d", () => new nn.Dropout2d(), img],
  ["Dropout1d", () => new nn.Dropout1d(), seq],
  ["LPPool2d", () => new nn.LPPool2d(2, 2), img],
];
for (const [name, make, input] of forwardMore) forwardRow(name, make, input);
forwardRow("Unflatten", () => new nn.Unflatten(1, [1, 2]), img, [
  c(
    "sizes that do not multiply up",
    (f) => f(new nn.Unflatten(1, [3, 1]), img()),
    RangeError,
    /unflatten: Provided sizes \[3, 1\] don't multiply up to the size of dim 1 \(2\) in the input tensor/,
  ),
]);
forwardRow(
  "MaxUnpool2d",
  () => new nn.MaxUnpool2d(2),
  img,
  [],
  () => [torch.zeros([1, 2, 4, 4], { dtype: "int32" })],
);
none(
  [
    "nn.Upsample.extraRepr",
    "nn.PixelShuffle.extraRepr",
    "nn.PixelUnshuffle.extraRepr",
    "nn.Unfold.extraRepr",
    "nn.Fold.extraRepr",
    "nn.Dropout2d.extraRepr",
    "nn.Unflatten.extraRepr",
    "nn.LPPool2d.extraRepr",
    "nn.MaxUnpool2d.extraRepr",
  ],
  "no arguments",
);
