// Rows: the ops of issue 17 (src/ops/masking.ts, scans.ts, sorting.ts,
// reshaping.ts): masking and triangles, scans, sorting and selection, shape
// ops. Messages are PyTorch 1.13's (test/golden/gen_seqops.py records them).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, method, op, type Case } from "./table.js";

/** A fresh non-leaf-free tensor to write in place. */
const fresh = () =>
  torch.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: "float32" },
  );

const dimRange = (lo: number, hi: number, got: number): RegExp =>
  new RegExp(`Dimension out of range \\(expected to be in range of \\[${lo}, ${hi}\\], but got ${got}\\)`);

/** Cases every op taking a tensor `input` first shares. */
function inputCases(name: string, restArgs: unknown[] | (() => unknown[]) = []): Case[] {
  const rest = (): unknown[] => (typeof restArgs === "function" ? restArgs() : restArgs);
  return [
    c("input disposed", (f) => f(J.disposed, ...rest()), Error, /was disposed and can no longer be used/),
    c("input of an earlier init()", (f) => f(J.stale, ...rest()), Error, /earlier torchlet instance/),
    c(
      "input an array",
      (f) => f([1, 2], ...rest()),
      TypeError,
      new RegExp(`${name}\\(\\): argument '(input|self)' must be a Tensor`),
    ),
  ];
}

const leafCase = (rest: () => unknown[]): Case =>
  c(
    "a leaf that requires grad",
    (f) => f(F.a, ...rest()),
    Error,
    /a leaf Variable that requires grad is being used in an in-place operation./,
  );

// ---- masking and triangles ---------------------------------------------------------

const maskCases = (name: string): Case[] => [
  c(
    "a value tensor with dims",
    (f) => f(F.b, F.mask, torch.tensor([1, 2])),
    RangeError,
    /masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension\(s\)./,
  ),
  c(
    "a float mask",
    (f) => f(F.b, F.b, 1),
    TypeError,
    /masked_fill_ only supports boolean masks, but got mask with dtype float/,
  ),
  c(
    "a mask that does not broadcast",
    (f) => f(F.b, torch.tensor([true, false, true, false]), 1),
    RangeError,
    /The size of tensor a \(4\) must match the size of tensor b \(3\) at non-singleton dimension 1/,
  ),
  c(
    "value a string",
    (f) => f(F.b, F.mask, "1"),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'value' must be a Tensor or a number, but got string`),
  ),
];
op("maskedFill", () => [F.a, F.mask, 0], [
  ...inputCases("masked_fill", () => [F.mask, 0]),
  ...maskCases("masked_fill"),
]);
method("maskedFill_", () => [fresh(), F.mask, 0], [
  leafCase(() => [F.mask, 0]),
  c(
    "a mask that would grow self",
    (f) => f(torch.zeros(3), F.mask, 1),
    RangeError,
    /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
  ),
  c(
    "a float mask",
    (f) => f(fresh(), F.b, 1),
    TypeError,
    /masked_fill_ only supports boolean masks, but got mask with dtype float/,
  ),
]);
for (const name of ["tril", "triu"]) {
  op(name, () => [F.a, 1], [
    ...inputCases(name),
    c("a 1-D input", (f) => f(torch.zeros(3)), RangeError, dimRange(-1, 0, -2)),
    c("diagonal a float", (f) => f(F.b, 0.5), TypeError, new RegExp(`${name}\\(\\): argument 'diagonal'`)),
  ]);
  method(`${name}_`, () => [fresh(), 1], [
    leafCase(() => []),
    c("a 1-D self", (f) => f(torch.zeros(3)), RangeError, dimRange(-1, 0, -2)),
  ]);
}

// ---- scans ---------------------------------------------------------------------------

for (const name of ["cumsum", "cumprod"]) {
  op(name, () => [F.a, 1], [
    ...inputCases(name, [0]),
    c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange(-2, 1, 2)),
    c(
      "dim missing",
      (f) => f(F.b),
      TypeError,
      new RegExp(`${name}\\(\\) received an invalid combination of arguments`),
    ),
    c("unknown option", (f) => f(F.b, 0, { out: 1 }), TypeError, new RegExp(`${name}\\(\\): unknown option "out"`)),
  ]);
}
op("logcumsumexp", () => [F.a, 1], [
  ...inputCases("logcumsumexp", [0]),
  c(
    "an integer input",
    (f) => f(torch.tensor([1, 2]), 0),
    TypeError,
    /"logcumsumexp_out_cpu" not implemented for 'Long'/,
  ),
  c("dim out of range", (f) => f(F.b, -3), RangeError, dimRange(-2, 1, -3)),
]);
for (const name of ["cummax", "cummin"]) {
  op(name, () => [F.a, 1], [
    ...inputCases(name, [0]),
    c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange(-2, 1, 2)),
  ]);
}
op("diff", () => [F.a, { n: 1, dim: 0 }], [
  ...inputCases("diff"),
  c("a 0-d input", (f) => f(F.s), RangeError, /diff expects input to be at least one-dimensional/),
  c(
    "prepend with other dims",
    (f) => f(F.b, { prepend: torch.zeros(3) }),
    RangeError,
    /diff expects prepend or append to be the same dimension as input/,
  ),
  c("n a float", (f) => f(F.b, { n: 0.5 }), TypeError, /diff\(\): argument 'n' must be int/),
]);

// ---- sorting and selection ------------------------------------------------------------

op("sort", () => [F.a, 1, { descending: true }], [
  ...inputCases("sort"),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange(-2, 1, 2)),
  c("unknown option", (f) => f(F.b, { largest: true }), TypeError, /sort\(\): unknown option "largest"/),
]);
op("argsort", () => [F.a, 1], [
  ...inputCases("argsort"),
  c("dim out of range", (f) => f(F.b, -3), RangeError, dimRange(-2, 1, -3)),
]);
op("topk", () => [F.a, 2, { dim: 1 }], [
  ...inputCases("topk", [1]),
  c("k past the dim's size", (f) => f(F.b, 4), RangeError, /selected index k out of range/),
  c("k a float", (f) => f(F.b, 1.5), TypeError, /topk\(\): argument 'k' \(position 2\) must be int/),
]);
op("kthvalue", () => [F.a, 2, 1], [
  ...inputCases("kthvalue", [1]),
  c(
    "k past the dim's size",
    (f) => f(F.b, 4, 1),
    RangeError,
    /kthvalue\(\): selected number k out of range for dimension 1/,
  ),
  c("k of 0", (f) => f(F.b, 0), RangeError, /kthvalue\(\): selected number k out of range for dimension 1/),
]);
op("median", () => [F.a, 1], [
  ...inputCases("median"),
  c("dim out of range", (f) => f(F.b, 2), RangeError, dimRange(-2, 1, 2)),
]);
op("mode", () => [F.a, 1], [
  ...inputCases("mode"),
  c(
    "an empty dim",
    (f) => f(torch.zeros(0, 3), 0),
    RangeError,
    /mode\(\): Expected reduction dim 0 to have non-zero size./,
  ),
]);
op("unique", () => [F.a, { returnCounts: true }], [
  ...inputCases("unique"),
  c("unknown option", (f) => f(F.b, { return_counts: true }), TypeError, /unique\(\): unknown option "return_counts"/),
]);
op(
  "searchsorted",
  () => [torch.tensor([1, 3, 5]), F.b],
  [
    c(
      "batch dims that do not match",
      (f) => f(torch.zeros(2, 4), torch.zeros(1, 3)),
      RangeError,
      /torch.searchsorted\(\): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor \[2, 4\] and input value tensor \[1, 3\]/,
    ),
    c(
      "side and right opposite",
      (f) => f(torch.zeros(3), F.b, { side: "left", right: true }),
      RangeError,
      /torch.searchsorted\(\): side and right can't be set to opposites, got side of left while right was True/,
    ),
    c(
      "sorted sequence an array",
      (f) => f([1, 2], F.b),
      TypeError,
      /searchsorted\(\): argument 'sorted_sequence' must be a Tensor/,
    ),
  ],
  { method: false },
);
op(
  "bucketize",
  () => [F.b, torch.tensor([0, 1, 2])],
  [
    c(
      "2-D boundaries",
      (f) => f(F.b, torch.zeros(2, 2)),
      RangeError,
      /boundaries tensor must be 1 dimension, but got dim\(2\)/,
    ),
    c(
      "input a string",
      (f) => f("1", torch.zeros(2)),
      TypeError,
      /bucketize\(\): argument 'input' must be a Tensor or a number/,
    ),
  ],
  { method: false },
);

// ---- flip, roll, repeat, tile ------------------------------------------------------------

op("flip", () => [F.a, [0, 1]], [
  ...inputCases("flip", [[0]]),
  c("a dim twice", (f) => f(F.b, [0, 0]), RangeError, /dim 0 appears multiple times in the list of dims/),
  c("dim out of range", (f) => f(F.b, [2]), RangeError, dimRange(-2, 1, 2)),
]);
op("roll", () => [F.a, 1, 1], [
  ...inputCases("roll", [1]),
  c(
    "shifts and dims of other lengths",
    (f) => f(F.b, [1, 2], [0]),
    RangeError,
    /shifts and dimensions must align. shifts: 2, dims:1/,
  ),
]);
method("repeat", () => [F.a, 2, 1], [
  c(
    "fewer sizes than dims",
    (f) => f(F.b, 2),
    RangeError,
    /Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor/,
  ),
  c("a float size", (f) => f(F.b, 1.5, 1), TypeError, /repeat\(\): argument 'repeats' must be tuple of ints/),
]);
op("tile", () => [F.a, [2]], [...inputCases("tile", [[2]])]);
