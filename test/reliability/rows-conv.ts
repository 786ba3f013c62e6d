// Rows: the convolutions (nn.functional.conv1d/2d, convTranspose1d/2d) and
// their modules (nn.Conv1d/2d, nn.ConvTranspose1d/2d).

import * as torch from "../../src/index.js";
import { J } from "./harness.js";
import { c, fn, type Call, type Case } from "./table.js";
import { forwardRow } from "./cases.js";

const { nn } = torch;
const Fn = nn.functional;

const x = (...s: number[]) => torch.ones(s, { requiresGrad: true });
const w = (...s: number[]) => torch.ones(s, { requiresGrad: true });

/** The four convolutions: [functional name, module name, spatial dims, transposed]. */
const kinds = [
  ["conv1d", "Conv1d", 1, false],
  ["conv2d", "Conv2d", 2, false],
  ["convTranspose1d", "ConvTranspose1d", 1, true],
  ["convTranspose2d", "ConvTranspose2d", 2, true],
] as const;

/** Cases every functional convolution shares; `d` spatial dims, `t` transposed. */
function convCases(name: string, d: 1 | 2, t: boolean): Case[] {
  const sp = d === 1 ? [6] : [6, 6];
  const k = d === 1 ? [3] : [3, 3];
  const input = () => x(2, 3, ...sp);
  const weight = () => (t ? w(3, 2, ...k) : w(2, 3, ...k));
  const py = t ? `conv_transpose${d}d` : `conv${d}d`;
  return [
    c("input disposed", (f) => f(J.disposed, weight()), Error, /was disposed/),
    c(
      "input not a tensor",
      (f) => f([1, 2], weight()),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'input' must be a Tensor`),
    ),
    c(
      "weight not a tensor",
      (f) => f(input(), 3),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'weight' must be a Tensor`),
    ),
    c(
      "input of the wrong rank",
      (f) => f(torch.ones(sp), weight()),
      RangeError,
      new RegExp(`Expected ${d + 1}D \\(unbatched\\) or ${d + 2}D \\(batched\\) input to ${py}, but got input of size`),
    ),
    c(
      "wrong channel count",
      (f) => f(x(2, 4, ...sp), weight()),
      RangeError,
      t
        ? /Given transposed=1, weight of size .* to have 3 channels, but got 4 channels instead/
        : /Given groups=1, weight of size .* to have 3 channels, but got 4 channels instead/,
    ),
    c(
      "groups that do not divide the weight",
      (f) => f(input(), t ? w(3, 2, ...k) : w(2, 3, ...k), null, { groups: t ? 2 : 3 }),
      RangeError,
      t
        ? /Given groups=2, expected weight to be divisible by 2 at dimension 0/
        : /Given groups=3, expected weight to be at least 3 at dimension 0/,
    ),
    c(
      "non-positive groups",
      (f) => f(input(), weight(), null, { groups: 0 }),
      RangeError,
      /non-positive groups is not supported/,
    ),
    c(
      "zero stride",
      (f) => f(input(), weight(), null, { stride: 0 }),
      RangeError,
      /non-positive stride is not supported/,
    ),
    c(
      "negative padding",
      (f) => f(input(), weight(), null, { padding: -1 }),
      RangeError,
      /negative padding is not supported/,
    ),
    c(
      "stride list of the wrong length",
      (f) => f(input(), weight(), null, { stride: [1, 1, 1] }),
      RangeError,
      new RegExp(`expected stride to be a single integer value or a list of ${d} values`),
    ),
    c(
      "stride not an integer",
      (f) => f(input(), weight(), null, { stride: 1.5 }),
      TypeError,
      new RegExp(`${py}\\(\\): argument 'stride' must be tuple of ints, not float`),
    ),
    c(
      "bias of the wrong size",
      (f) => f(input(), weight(), torch.ones(5)),
      RangeError,
      /expected bias to be 1-dimensional with 2 elements, but got bias of size \[5\] instead/,
    ),
    c(
      "weight of another dtype",
      (f) => f(input(), torch.ones(t ? [3, 2, ...k] : [2, 3, ...k], { dtype: "float64" })),
      TypeError,
      /Input type \(torch\.FloatTensor\) and weight type \(torch\.DoubleTensor\) should be the same/,
    ),
    c(
      "unknown option",
      (f) => f(input(), weight(), null, { pad: 1 }),
      TypeError,
      new RegExp(`${name}\\(\\): unknown option "pad"`),
    ),
    ...(t
      ? [
          c(
            "output padding not below stride or dilation",
            (f: Call) => f(input(), weight(), null, { stride: 2, outputPadding: 2 }),
            RangeError,
            /output padding must be smaller than either stride or dilation/,
          ),
          c(
            "output too small",
            (f: Call) => f(input(), weight(), null, { padding: 6 }),
            RangeError,
            /Calculated output size per channel: .* Output size is too small/,
          ),
        ]
      : [
          c(
            "kernel larger than the padded input",
            (f: Call) => f(input(), w(2, 3, ...(d === 1 ? [9] : [9, 9]))),
            RangeError,
            /Calculated padded input size per channel: .* Kernel size can't be greater than actual input size/,
          ),
          c(
            "padding same with a stride",
            (f: Call) => f(input(), weight(), null, { padding: "same", stride: 2 }),
            RangeError,
            /padding='same' is not supported for strided convolutions/,
          ),
          c(
            "unknown padding string",
            (f: Call) => f(input(), weight(), null, { padding: "full" }),
            RangeError,
            /Invalid padding string: 'full'/,
          ),
        ]),
    c(
      "bool input",
      (f) => f(torch.ones([2, 3, ...sp], { dtype: "bool" }), weight()),
      TypeError,
      t ? /"slow_conv_transpose2d_out_cpu" not implemented for 'Bool'/ : /"slow_conv2d_cpu" not implemented for 'Bool'/,
    ),
    c(
      "integer weight of another dtype",
      (f) =>
        f(
          torch.ones([2, 3, ...sp], { dtype: "int64" }),
          torch.ones(t ? [3, 2, ...k] : [2, 3, ...k], { dtype: "int32" }),
        ),
      TypeError,
      /expected scalar type Long but found Int/,
    ),
  ];
}

for (const [name, , d, t] of kinds) {
  const sp = d === 1 ? [6] : [6, 6];
  const k = d === 1 ? [3] : [3, 3];
  fn(
    `nn.functional.${name}`,
    Fn[name] as Call,
    () => [x(2, 3, ...sp), t ? w(3, 2, ...k) : w(2, 3, ...k), torch.ones(2), { stride: 1, padding: 1 }],
    convCases(name, d, t),
  );
}

/** Constructor cases every convolution module shares. */
function moduleCases(cls: string, t: boolean): Case[] {
  return [
    c("negative channels", (f) => f(-1, 2, 3), TypeError, /in_channels must be a non-negative integer, but got -1/),
    c(
      "groups not dividing in_channels",
      (f) => f(3, 2, 3, { groups: 2 }),
      RangeError,
      /in_channels must be divisible by groups/,
    ),
    c(
      "groups not dividing out_channels",
      (f) => f(2, 3, 3, { groups: 2 }),
      RangeError,
      /out_channels must be divisible by groups/,
    ),
    c("kernel size not an integer", (f) => f(2, 2, 1.5), TypeError, /kernel_size must be an integer/),
    c(
      "integer dtype",
      (f) => f(2, 2, 3, { dtype: "int32" }),
      TypeError,
      /only Tensors of floating point dtype can require gradients/,
    ),
    c("unknown option", (f) => f(2, 2, 3, { pad: 1 }), TypeError, new RegExp(`${cls}\\(\\): unknown option "pad"`)),
    t
      ? c(
          "non-zero padding mode",
          (f) => f(2, 2, 3, { paddingMode: "reflect" }),
          RangeError,
          new RegExp(`Only "zeros" padding mode is supported for ${cls}`),
        )
      : c(
          "unknown padding mode",
          (f) => f(2, 2, 3, { paddingMode: "mirror" }),
          RangeError,
          /padding_mode must be one of \{'circular', 'zeros', 'reflect', 'replicate'\}, but got padding_mode='mirror'/,
        ),
  ];
}

for (const [, cls, d, t] of kinds) {
  const Cls = nn[cls] as unknown as new (...a: unknown[]) => InstanceType<typeof nn.Module>;
  fn(
    `new nn.${cls}`,
    (...a: unknown[]) => new Cls(...a),
    () => [2, 3, 3, { stride: 1, dtype: "float64" }],
    moduleCases(cls, t),
  );
  const sp = d === 1 ? [5] : [5, 5];
  forwardRow(
    cls,
    () => new Cls(2, 3, 3),
    () => x(1, 2, ...sp),
    [
      c(
        "wrong channel count",
        (f) => f(new Cls(2, 3, 3), x(1, 4, ...sp)),
        RangeError,
        /expected input\[1, 4, .*\] to have 2 channels, but got 4 channels instead/,
      ),
    ],
  );
}
