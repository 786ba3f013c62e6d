// Rows: elementwise, comparison, reduction, view, movement, indexing and
// linear-algebra ops (each as torch.f and Tensor.f).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, method, op, type Case } from "./table.js";
import { inputCases as sharedInputCases, type Rest } from "./cases.js";

// PyTorch calls the first argument of some of these ops `tensor`.
const inputCases = (name: string, rest: Rest = []): Case[] => sharedInputCases(name, rest, "input|self|tensor");

/** The refusal of 2^31 elements or more (src/shape.ts checkNumel), before any kernel runs. */
const tooMany = (n: number): RegExp =>
  new RegExp(
    `has ${n} elements, more than torchlet's limit of 2147418112 \\(2\\^31 - 2\\^16\\): its kernels count elements in int32`,
  );

// ---- unary -------------------------------------------------------------------------

const floatUnary = [
  "sqrt",
  "rsqrt",
  "exp",
  "log",
  "log1p",
  "expm1",
  "erf",
  "sin",
  "cos",
  "tanh",
  "sigmoid",
  "reciprocal",
] as const;
for (const name of floatUnary) op(name, () => [F.tr], inputCases(name));
const boolRefused: Record<string, RegExp> = {
  neg: /Negation, the `-` operator, on a bool tensor is not supported/,
  abs: /"abs_cpu" not implemented for 'Bool'/,
  relu: /Boolean inputs not supported for relu/,
  floor: /"floor_vml_cpu" not implemented for 'Bool'/,
  ceil: /"ceil_vml_cpu" not implemented for 'Bool'/,
  trunc: /"trunc_vml_cpu" not implemented for 'Bool'/,
  round: /"round_vml_cpu" not implemented for 'Bool'/,
};
for (const [name, message] of Object.entries(boolRefused)) {
  op(name, () => [F.tr], [...inputCases(name), c("bool input", (f) => f(F.mask), TypeError, message)]);
}
for (const name of ["sign", "square", "clone"]) op(name, () => [F.tr], inputCases(name));

// ---- binary --------------------------------------------------------------------------

const broadcast = /The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 1/;
function binaryCases(name: string): Case[] {
  return [
    ...inputCases(name, [1]),
    c("shapes that do not broadcast", (f) => f(F.b, F.tr.contiguous()), RangeError, broadcast),
    c(
      "other a string",
      (f) => f(F.b, "1"),
      TypeError,
      new RegExp(`${name}\\(\\): argument '(other|exponent)' must be a Tensor or a number, but got string`),
    ),
    c(
      "other null",
      (f) => f(F.b, null),
      TypeError,
      new RegExp(`${name}\\(\\): argument '(other|exponent)' must be a Tensor or a number, but got null`),
    ),
    c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
    c("other of an earlier init()", (f) => f(F.b, J.stale), Error, /earlier torchlet instance/),
  ];
}
op("add", () => [F.a, F.b, { alpha: 2 }], [
  ...binaryCases("add"),
  c("alpha not a number", (f) => f(F.b, 1, { alpha: "2" }), TypeError, /add\(\): alpha must be a number, but got 2/),
  c("broadcast to 2^32 elements", (f) => f(torch.ones(65536, 1), torch.ones(1, 65536)), RangeError, tooMany(2 ** 32)),
  c(
    "broadcast over three dims to 2^31 elements",
    (f) => f(torch.ones(2 ** 15, 1, 1), torch.ones(1, 2 ** 8, 2 ** 8)),
    RangeError,
    tooMany(2 ** 31),
  ),
  c(
    "float alpha for integers",
    (f) => f(F.idx, 1, { alpha: 0.5 }),
    TypeError,
    /For integral input tensors, argument alpha must not be a floating point number./,
  ),
  c("unknown option", (f) => f(F.b, 1, { alpah: 2 }), TypeError, /add\(\): unknown option "alpah" \(expected alpha\)/),
  c("options not an object", (f) => f(F.b, 1, 2), TypeError, /add\(\): options must be an object, but got number/),
  c(
    "both numbers",
    () => torch.add(1 as never, 2),
    TypeError,
    /add\(\): at least one of 'input' and 'other' must be a Tensor, but got two numbers/,
    () => [],
  ),
]);
op("sub", () => [F.a, F.b, { alpha: 2 }], [
  ...binaryCases("sub"),
  c(
    "bool operands",
    (f) => f(F.mask, F.mask),
    TypeError,
    /Subtraction, the `-` operator, with two bool tensors is not supported/,
  ),
  c("unknown option", (f) => f(F.b, 1, { beta: 2 }), TypeError, /sub\(\): unknown option "beta" \(expected alpha\)/),
]);
op("mul", () => [F.a, F.b], binaryCases("mul"));
op("div", () => [F.a, F.b, { roundingMode: "floor" }], [
  ...binaryCases("div"),
  c(
    "unknown rounding mode",
    (f) => f(F.b, 2, { roundingMode: "round" }),
    RangeError,
    /div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'/,
  ),
  c(
    "unknown option",
    (f) => f(F.b, 2, { mode: "floor" }),
    TypeError,
    /div\(\): unknown option "mode" \(expected roundingMode\)/,
  ),
  c("integer division by zero", (f) => f(F.idx, 0, { roundingMode: "trunc" }), Error, /ZeroDivisionError/),
]);
op("pow", () => [F.a, 2], [
  ...binaryCases("pow"),
  c(
    "integer to a negative power",
    (f) => f(F.idx, -1),
    RangeError,
    /Integers to negative integer powers are not allowed./,
  ),
]);
op("remainder", () => [F.a, F.b], [
  ...binaryCases("remainder"),
  c("integer modulo zero", (f) => f(F.idx, 0), Error, /ZeroDivisionError/),
]);
for (const name of ["maximum", "minimum"]) {
  op(name, () => [F.a, F.b], [
    ...inputCases(name, [F.b]),
    c("shapes that do not broadcast", (f) => f(F.b, F.tr.contiguous()), RangeError, broadcast),
    c(
      "other a number",
      (f) => f(F.b, 1),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'other' \\(position 2\\) must be Tensor, not int`),
    ),
  ]);
}
op("clamp", () => [F.a, -1, 1], [
  ...inputCases("clamp", [0]),
  c("no bound", (f) => f(F.b), TypeError, /torch.clamp: At least one of 'min' or 'max' must not be None/),
  c(
    "bound a string",
    (f) => f(F.b, "0"),
    TypeError,
    /clamp\(\): argument 'min' must be a number or a Tensor, but got string/,
  ),
  c("min given twice", (f) => f(F.b, 0, { min: 1 }), TypeError, /clamp\(\): got multiple values for argument 'min'/),
  c(
    "options before a bound",
    (f) => f(F.b, { max: 1 }, 0),
    TypeError,
    /clamp\(\): the options object must be the last argument/,
  ),
  c("unknown option", (f) => f(F.b, { lo: 0 }), TypeError, /clamp\(\): unknown option "lo" \(expected min, max\)/),
  c(
    "tensor bounds that do not broadcast",
    (f) => f(F.b, torch.zeros(3), torch.zeros(4)),
    RangeError,
    /The size of tensor a \(3\) must match the size of tensor b \(4\)/,
  ),
  c(
    "min tensor of the wrong shape",
    (f) => f(F.b, torch.zeros(4)),
    RangeError,
    /The size of tensor a \(3\) must match the size of tensor b \(4\)/,
  ),
]);

// ---- comparisons -------------------------------------------------------------------------

for (const name of ["eq", "ne", "lt", "le", "gt", "ge"]) op(name, () => [F.a, F.b], binaryCases(name));
op(
  "where",
  () => [F.mask, F.a, 0],
  [
    c(
      "condition not bool",
      (f) => f(F.b, 1, 0),
      TypeError,
      /where expected condition to be a boolean tensor, but got a tensor with dtype Float/,
    ),
    c(
      "shapes that do not broadcast",
      (f) => f(F.mask, F.tr.contiguous(), 0),
      RangeError,
      /must match the size of tensor b/,
    ),
    c("condition disposed", (f) => f(J.disposed, 1, 0), Error, /was disposed/),
    c(
      "other a string",
      (f) => f(F.mask, 1, "0"),
      TypeError,
      /where\(\): argument 'other' must be a Tensor or a number, but got string/,
    ),
  ],
  { method: false },
);
method("where", () => [F.a, F.mask, 0], [
  c(
    "condition not bool",
    (f) => f(F.b, F.b, 0),
    TypeError,
    /where expected condition to be a boolean tensor, but got a tensor with dtype Float/,
  ),
  c(
    "other that does not broadcast",
    (f) => f(F.b, F.mask, torch.zeros(4)),
    RangeError,
    /must match the size of tensor b/,
  ),
  c("on a disposed tensor", (f) => f(J.disposed, F.mask, 0), Error, /was disposed/),
]);

// ---- reductions ----------------------------------------------------------------------------

const dimRange = /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/;
function reduceCases(name: string, extra: Case[] = []): Case[] {
  return [
    ...inputCases(name),
    c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
    c("dim not an integer", (f) => f(F.b, 0.5), TypeError, /dim must be an integer, but got 0.5/),
    c(
      "keepdim not a boolean",
      (f) => f(F.b, 0, 1),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'keepdim' must be bool, not number`),
    ),
    c("unknown option", (f) => f(F.b, { dims: 0 }), TypeError, new RegExp(`${name}\\(\\): unknown option "dims"`)),
    ...(name === "max" || name === "min"
      ? []
      : [
          c(
            "options a tensor",
            (f: (...a: unknown[]) => unknown) => f(F.b, F.b),
            TypeError,
            new RegExp(`${name}\\(\\): options must be an object, but got Tensor`),
          ),
        ]),
    ...extra,
  ];
}
op(
  "sum",
  () => [F.a, [0, 1], { keepdim: true, dtype: "float64" }],
  reduceCases("sum", [
    c("repeated dim", (f) => f(F.b, [0, -2]), RangeError, /dim 0 appears multiple times in the list of dims/),
    c("unknown dtype", (f) => f(F.b, { dtype: "complex64" }), TypeError, /sum\(\): dtype must be one of/),
  ]),
);
op(
  "mean",
  () => [F.a, [0], { keepdim: true }],
  reduceCases("mean", [
    c(
      "integer input",
      (f) => f(F.idx),
      TypeError,
      /mean\(\): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long/,
    ),
  ]),
);
op(
  "prod",
  () => [F.a, 1, { keepdim: true }],
  reduceCases("prod", [
    c("dim list", (f) => f(F.b, [0, 1]), TypeError, /prod\(\): argument 'dim' must be int, not list/),
  ]),
);
for (const name of ["amax", "amin"]) op(name, () => [F.a, [1], { keepdim: true }], reduceCases(name));
for (const name of ["argmax", "argmin"]) op(name, () => [F.a, 1, { keepdim: true }], reduceCases(name));
for (const name of ["max", "min"]) {
  op(name, () => [F.a, 1, { keepdim: true }], [
    ...reduceCases(name),
    c(
      "keepdim without dim",
      (f) => f(F.b, { keepdim: true }),
      TypeError,
      new RegExp(`${name}\\(\\): keepdim needs a dim`),
    ),
    c(
      "empty input without dim",
      (f) => f(torch.zeros(0)),
      Error,
      new RegExp(`${name}\\(\\): Expected reduction dim to be specified for input.numel\\(\\) == 0`),
    ),
  ]);
}
for (const [name, fnName] of [
  ["var", "var"],
  ["std", "std"],
] as const) {
  op(
    name,
    () => [F.a, [0], { correction: 0, keepdim: true }],
    [
      ...inputCases(name),
      c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
      c("integer input", (f) => f(F.idx), TypeError, /std and var only support floating point and complex dtypes/),
      c(
        "unbiased and correction",
        (f) => f(F.b, 0, true, { correction: 1 }),
        TypeError,
        new RegExp(`${name}\\(\\): cannot specify both unbiased and correction`),
      ),
      c(
        "correction not a number",
        (f) => f(F.b, { correction: "1" }),
        TypeError,
        new RegExp(`${name}\\(\\): argument 'correction' must be a number`),
      ),
      c("unknown option", (f) => f(F.b, { ddof: 1 }), TypeError, new RegExp(`${name}\\(\\): unknown option "ddof"`)),
    ],
    { fnName },
  );
}
op("logsumexp", () => [F.a, 1, { keepdim: true }], [
  ...reduceCases("logsumexp"),
  c("dim missing", (f) => f(F.b), TypeError, /logsumexp\(\) missing 1 required positional argument: "dim"/),
]);
op("norm", () => [F.a, 2, 1, true], [
  ...inputCases("norm"),
  c(
    "integer input",
    (f) => f(F.idx),
    TypeError,
    /norm\(\): input dtype should be either floating point or complex. Got Long instead./,
  ),
  c("unknown p string", (f) => f(F.b, "inf"), Error, /only valid string values are 'fro' and 'nuc', found inf/),
  c("dim out of range", (f) => f(F.b, 2, 2), RangeError, dimRange),
  c("keepdim not a boolean", (f) => f(F.b, 2, 0, "yes"), TypeError, /norm\(\): argument 'keepdim' must be bool/),
  c("unknown option", (f) => f(F.b, { ord: 2 }), TypeError, /norm\(\): unknown option "ord"/),
]);
for (const name of ["softmax", "logSoftmax"]) {
  op(name, () => [F.a, 1, { dtype: "float64" }], [
    ...inputCases(name, [0]),
    c(
      "dim missing",
      (f) => f(F.b),
      TypeError,
      new RegExp(`${name}\\(\\) missing 1 required positional argument: "dim"`),
    ),
    c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
    c("integer input", (f) => f(F.idx, 0), TypeError, /not implemented for 'Long'/),
    c(
      "unknown option",
      (f) => f(F.b, 0, { keepdim: true }),
      TypeError,
      new RegExp(`${name}\\(\\): unknown option "keepdim" \\(expected dtype\\)`),
    ),
  ]);
}

// ---- views --------------------------------------------------------------------------------

op("view", () => [F.a, 3, 2], [
  ...inputCases("view", [6]),
  c("size that does not match", (f) => f(F.b, 4), RangeError, /shape '\[4\]' is invalid for input of size 6/),
  c("two -1", (f) => f(F.b, -1, -1), RangeError, /only one dimension can be inferred/),
  c("negative size", (f) => f(F.b, -2, 3), RangeError, /invalid shape dimension -2/),
  c("non-integer size", (f) => f(F.b, 1.5), TypeError, /view\(\): .*(int|integer)/),
  c(
    "strides that do not allow a view",
    (f) => f(F.tr, 6),
    Error,
    /view size is not compatible with input tensor's size and stride/,
  ),
  c(
    "a size past the limit beside a 0",
    (f) => f(torch.zeros(0), 2 ** 33, 0),
    RangeError,
    /tensor of shape \[8589934592, 0\] has a size of 8589934592/,
  ),
  c(
    "1e300 beside a 0",
    (f) => f(torch.zeros(0), 0, 1e300),
    TypeError,
    /view\(\): size must be a tuple of ints, but got 1e\+300/,
  ),
]);
op("reshape", () => [F.tr, [-1]], [
  ...inputCases("reshape", [6]),
  c("size that does not match", (f) => f(F.b, [4, 2]), RangeError, /shape '\[4, 2\]' is invalid for input of size 6/),
  c("NaN size", (f) => f(F.b, NaN), TypeError, /reshape\(\).*(int|integer)/),
  c("ragged size list", (f) => f(F.b, [[2], 3]), TypeError, /reshape\(\).*(int|integer)/),
  c(
    "a size past the limit beside a 0",
    (f) => f(torch.zeros(0, 3), [0, 2 ** 40]),
    RangeError,
    /tensor of shape \[0, 1099511627776\] has a size of 1099511627776/,
  ),
]);
op("flatten", () => [F.a, 0, 1], [
  ...inputCases("flatten"),
  c(
    "start after end",
    (f) => f(F.b, 1, 0),
    RangeError,
    /flatten\(\) has invalid args: start_dim cannot come after end_dim/,
  ),
  c(
    "startDim given twice",
    (f) => f(F.b, 0, { startDim: 1 }),
    TypeError,
    /flatten\(\): got multiple values for argument 'startDim'/,
  ),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
]);
op("unsqueeze", () => [F.a, 0], [
  ...inputCases("unsqueeze", [0]),
  c(
    "dim out of range",
    (f) => f(F.b, 3),
    RangeError,
    /Dimension out of range \(expected to be in range of \[-3, 2\], but got 3\)/,
  ),
  c("dim missing", (f) => f(F.b), TypeError, /dim must be an integer, but got undefined/),
]);
op("squeeze", () => [F.a, 0], [
  ...inputCases("squeeze"),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
]);
op("transpose", () => [F.a, 0, 1], [
  ...inputCases("transpose", [0, 1]),
  c("dim out of range", (f) => f(F.b, 0, 2), RangeError, dimRange),
  c("dims missing", (f) => f(F.b), TypeError, /dim must be an integer, but got undefined/),
]);
op("t", () => [F.a], [
  ...inputCases("t"),
  c(
    "more than 2 dims",
    (f) => f(torch.zeros(1, 1, 1)),
    RangeError,
    /t\(\) expects a tensor with <= 2 dimensions, but self is 3D/,
  ),
]);
op("permute", () => [F.a, [1, 0]], [
  ...inputCases("permute", [1, 0]),
  c(
    "wrong number of dims",
    (f) => f(F.b, [0]),
    RangeError,
    /number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim\(\) = 2 is not equal to len\(dims\) = 1/,
  ),
  c("repeated dim", (f) => f(F.b, [0, 0]), RangeError, /permute\(\): duplicate dims are not allowed./),
  c("dim out of range", (f) => f(F.b, [0, 2]), RangeError, dimRange),
]);
op("expand", () => [F.a, [2, 2, 3]], [
  ...inputCases("expand", [2, 3]),
  c(
    "non-singleton dim",
    (f) => f(F.b, [4, 3]),
    RangeError,
    /The expanded size of the tensor \(4\) must match the existing size \(2\) at non-singleton dimension 0.  Target sizes: \[4, 3\].  Tensor sizes: \[2, 3\]/,
  ),
  c(
    "fewer sizes than dims",
    (f) => f(F.b, [3]),
    RangeError,
    /the number of sizes provided \(1\) must be greater or equal to the number of dimensions in the tensor \(2\)/,
  ),
  c(
    "negative leading size",
    (f) => f(F.b, [-1, 2, 3]),
    RangeError,
    /The expanded size of the tensor \(-1\) isn't allowed in a leading, non-existing dimension 0/,
  ),
  c("2^32 elements", (f) => f(torch.ones(1), [2 ** 32]), RangeError, tooMany(2 ** 32)),
  c("2^31 + 5 elements", (f) => f(torch.tensor([5]), [2 ** 31 + 5]), RangeError, tooMany(2 ** 31 + 5)),
  c("65536 x 65537 elements", (f) => f(torch.ones(1, 1), [65536, 65537]), RangeError, tooMany(65536 * 65537)),
  c("2^31 over a leading new dim", (f) => f(torch.ones(2 ** 16), [2 ** 15, 2 ** 16]), RangeError, tooMany(2 ** 31)),
  c(
    "a size past the limit beside a 0",
    (f) => f(torch.ones(0, 1), [0, 2 ** 40]),
    RangeError,
    /has a size of 1099511627776/,
  ),
]);
op("expandAs", () => [F.a, torch.zeros(2, 2, 3)], [
  ...inputCases("expandAs", () => [F.b]),
  c(
    "other not a tensor",
    (f) => f(F.b, [2, 3]),
    TypeError,
    /expandAs\(\): argument 'other' must be a Tensor, but got Array/,
  ),
  c(
    "other of a smaller shape",
    (f) => f(F.b, torch.zeros(3)),
    RangeError,
    /the number of sizes provided \(1\) must be greater or equal/,
  ),
]);
op("contiguous", () => [F.tr], inputCases("contiguous"));
op("narrow", () => [F.a, 1, 1, 2], [
  ...inputCases("narrow", [0, 0, 1]),
  c("past the end", (f) => f(F.b, 1, 2, 2), RangeError, /start \(2\) \+ length \(2\) exceeds dimension size \(3\)./),
  c(
    "start out of range",
    (f) => f(F.b, 1, 5, 0),
    RangeError,
    /Dimension out of range \(expected to be in range of \[-3, 2\], but got 5\)/,
  ),
  c("non-integer length", (f) => f(F.b, 1, 0, 1.5), TypeError, /narrow\(\): length must be an integer, but got 1.5/),
  c("0-d input", (f) => f(F.s, 0, 0, 1), RangeError, /narrow\(\) cannot be applied to a 0-dim tensor./),
]);
op("slice", () => [F.a, 1, 0, 3, 2], [
  ...inputCases("slice", [0]),
  c("step 0", (f) => f(F.b, 1, 0, 3, 0), RangeError, /slice step must be positive/),
  c("non-integer start", (f) => f(F.b, 1, 0.5), TypeError, /slice\(\): indices must be integers, but got 0.5/),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
]);
op("select", () => [F.a, 1, -1], [
  ...inputCases("select", [0, 0]),
  c(
    "index out of range",
    (f) => f(F.b, 1, 3),
    RangeError,
    /select\(\): index 3 out of range for tensor of size \[2, 3\] at dimension 1/,
  ),
  c("index missing", (f) => f(F.b, 0), TypeError, /select\(\): index must be an integer, but got undefined/),
]);

// ---- movement and indexing ----------------------------------------------------------------------

op(
  "cat",
  () => [[F.a, F.b], { dim: 1 }],
  [
    c(
      "not a list",
      (f) => f(F.b),
      TypeError,
      /cat\(\): argument 'tensors' \(position 1\) must be tuple of Tensors, not Tensor/,
    ),
    c("empty list", (f) => f([]), RangeError, /torch.cat\(\): expected a non-empty list of Tensors/),
    c("a number in the list", (f) => f([F.b, 1]), TypeError, /expected Tensor as element 1 in argument 0, but got int/),
    c(
      "sizes that differ",
      (f) => f([F.b, F.tr]),
      RangeError,
      /Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list./,
    ),
    c(
      "dims that differ",
      (f) => f([F.b, torch.zeros(3)]),
      RangeError,
      /Tensors must have same number of dimensions: got 2 and 1/,
    ),
    c("0-d tensor", (f) => f([F.s]), RangeError, /zero-dimensional tensor \(at position 0\) cannot be concatenated/),
    c("dim out of range", (f) => f([F.b], 2), RangeError, dimRange),
    c("disposed tensor in the list", (f) => f([F.b, J.disposed]), Error, /was disposed/),
    c("unknown option", (f) => f([F.b], { axis: 0 }), TypeError, /cat\(\): unknown option "axis" \(expected dim\)/),
  ],
  { method: false },
);
op(
  "stack",
  () => [[F.a, F.b], { dim: -1 }],
  [
    c("empty list", (f) => f([]), RangeError, /stack expects a non-empty TensorList/),
    c(
      "shapes that differ",
      (f) => f([F.b, F.tr]),
      RangeError,
      /stack expects each tensor to be equal size, but got \[2, 3\] at entry 0 and \[3, 2\] at entry 1/,
    ),
    c(
      "dim out of range",
      (f) => f([F.b], 3),
      RangeError,
      /Dimension out of range \(expected to be in range of \[-3, 2\], but got 3\)/,
    ),
    c("tensor of an earlier init() in the list", (f) => f([J.stale]), Error, /earlier torchlet instance/),
  ],
  { method: false },
);
op("split", () => [F.a, [1, 2], 1], [
  ...inputCases("split", [1]),
  c(
    "sizes that do not sum to the dim",
    (f) => f(F.b, [1, 1], 1),
    RangeError,
    /split_with_sizes expects split_sizes to sum exactly to 3 \(input tensor's size at dimension 1\), but got split_sizes=\[1, 1\]/,
  ),
  c(
    "negative split size",
    (f) => f(F.b, -1),
    RangeError,
    /split expects split_size be non-negative, but got split_size=-1/,
  ),
  c(
    "non-integer split size",
    (f) => f(F.b, 1.5),
    TypeError,
    /split\(\): argument 'split_size' must be int, but got 1.5/,
  ),
  c("unknown option", (f) => f(F.b, 1, { axis: 0 }), TypeError, /split\(\): unknown option "axis" \(expected dim\)/),
]);
op("chunk", () => [F.a, 2, 1], [
  ...inputCases("chunk", [1]),
  c("chunks 0", (f) => f(F.b, 0), RangeError, /chunk expects `chunks` to be greater than 0, got: 0/),
  c("chunks missing", (f) => f(F.b), TypeError, /chunk\(\): argument 'chunks' must be int, but got undefined/),
]);
op("unbind", () => [F.a, 1], [
  ...inputCases("unbind"),
  c("0-d input", (f) => f(F.s), RangeError, /Dimension specified as 0 but tensor has no dimensions/),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange),
]);
op("indexSelect", () => [F.a, 1, F.idx], [
  ...inputCases("index_select", () => [0, F.idx]),
  c(
    "float index",
    (f) => f(F.b, 0, torch.zeros(2)),
    TypeError,
    /index_select\(\): Expected dtype int32 or int64 for index/,
  ),
  c("index out of range", (f) => f(F.b, 0, F.idx), RangeError, /index out of range in self/),
  c(
    "2-D index",
    (f) => f(F.b, 0, torch.zeros(1, 1, { dtype: "int32" })),
    RangeError,
    /index_select\(\): Index is supposed to be a vector/,
  ),
  c(
    "index not a tensor",
    (f) => f(F.b, 0, [0]),
    TypeError,
    /index_select\(\): argument 'index' must be a Tensor, but got Array/,
  ),
]);
op("gather", () => [F.a, 1, torch.tensor([[0], [2]])], [
  ...inputCases("gather", () => [0, F.idx]),
  c("float index", (f) => f(F.b, 0, F.b), TypeError, /gather\(\): Expected dtype int64 for index/),
  c(
    "index of other rank",
    (f) => f(F.b, 0, F.idx),
    RangeError,
    /Index tensor must have the same number of dimensions as input tensor/,
  ),
  c(
    "index out of range",
    (f) => f(F.b, 1, torch.tensor([[3]])),
    RangeError,
    /index 3 is out of bounds for dimension 1 with size 3/,
  ),
]);

// ---- linear algebra ---------------------------------------------------------------------------------

op("matmul", () => [F.a, F.w], [
  ...inputCases("matmul", () => [F.w]),
  c("inner sizes differ", (f) => f(F.b, F.b), RangeError, /mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)/),
  c("an output of 2^32 elements", (f) => f(torch.ones(65536, 1), torch.ones(1, 65536)), RangeError, tooMany(2 ** 32)),
  c(
    "0-d operand",
    (f) => f(F.s, F.b),
    RangeError,
    /both arguments to matmul need to be at least 1D, but they are 0D and 2D/,
  ),
  c(
    "dtypes differ",
    (f) => f(F.b, torch.zeros(3, 4, { dtype: "float64" })),
    TypeError,
    /expected scalar type Float but found Double/,
  ),
  c(
    "batch dims that do not broadcast",
    (f) => f(torch.zeros(2, 1, 3), torch.zeros(3, 3, 1)),
    RangeError,
    /The size of tensor a \(2\) must match the size of tensor b \(3\) at non-singleton dimension 0/,
  ),
  c("other a number", (f) => f(F.b, 2), TypeError, /matmul\(\): argument 'other' must be a Tensor, but got number/),
]);
op("mm", () => [F.a, F.w], [
  ...inputCases("mm", () => [F.w]),
  c("not a matrix", (f) => f(torch.zeros(3), F.w), RangeError, /self must be a matrix/),
  c("inner sizes differ", (f) => f(F.b, F.b), RangeError, /mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)/),
  c("an output of 2^32 elements", (f) => f(torch.ones(65536, 1), torch.ones(1, 65536)), RangeError, tooMany(2 ** 32)),
  c("bool matrices", (f) => f(F.mask, F.mask.t()), TypeError, /"addmm_impl_cpu_" not implemented for 'Bool'/),
]);
op("bmm", () => [torch.ones(2, 2, 3), torch.ones(2, 3, 1)], [
  ...inputCases("bmm", () => [torch.zeros(1, 3, 1)]).slice(0, 2),
  c("not 3-D", (f) => f(F.b, F.w), RangeError, /batch1 must be a 3D tensor/),
  c(
    "batch sizes differ",
    (f) => f(torch.zeros(2, 1, 3), torch.zeros(3, 3, 1)),
    RangeError,
    /Expected size for first two dimensions of batch2 tensor to be: \[2, 3\] but got: \[3, 3\]./,
  ),
]);
op("mv", () => [F.a, torch.ones(3)], [
  ...inputCases("mv", () => [torch.zeros(3)]).slice(0, 2),
  c("vector of the wrong size", (f) => f(F.b, torch.zeros(2)), RangeError, /size mismatch, got 2, 2x3,2/),
  c("vec a matrix", (f) => f(F.b, F.b), RangeError, /vector \+ matrix @ vector expected, got 1, 2, 2/),
]);
op("dot", () => [torch.ones(3, { requiresGrad: true }), torch.ones(3)], [
  c(
    "sizes differ",
    (f) => f(torch.zeros(3), torch.zeros(2)),
    RangeError,
    /inconsistent tensor size, expected tensor \[3\] and src \[2\] to have the same number of elements, but got 3 and 2 elements respectively/,
  ),
  c("not 1-D", (f) => f(F.b, F.b), RangeError, /1D tensors expected, but got 2D and 2D tensors/),
  c(
    "dtypes differ",
    (f) => f(torch.zeros(2), torch.zeros(2, { dtype: "float64" })),
    TypeError,
    /dot : expected both vectors to have same dtype, but found Float and Double/,
  ),
]);
op("outer", () => [torch.ones(3, { requiresGrad: true }), torch.ones(2)], [
  c("not 1-D", (f) => f(F.b, torch.zeros(2)), RangeError, /outer: Expected 1-D argument self, but got 2-D/),
  c("vec2 disposed", (f) => f(torch.zeros(2), J.disposed), Error, /was disposed/),
]);
