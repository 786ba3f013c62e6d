// Rows: the ops of issue 17 (src/ops/masking.ts, scans.ts, sorting.ts,
// reshaping.ts): masking and triangles, scans, sorting and selection, shape
// ops. Messages are PyTorch 1.13's (test/golden/gen_seqops.py records them).

import * as torch from "../../src/index.js";
import { F } from "./harness.js";
import { c, method, op, type Case } from "./table.js";
import { fresh23, inputCases } from "./cases.js";

/** A fresh non-leaf-free tensor to write in place. */
const fresh = () => fresh23();

const dimRange = (lo: number, hi: number, got: number): RegExp =>
  new RegExp(`Dimension out of range \\(expected to be in range of \\[${lo}, ${hi}\\], but got ${got}\\)`);

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

// ---- views and copies of shape -------------------------------------------------------------

op("movedim", () => [F.a, 0, 1], [
  ...inputCases("movedim", [0, 1]),
  c(
    "a repeated source dim",
    (f) => f(F.b, [0, 0], [0, 1]),
    RangeError,
    /movedim: repeated dim in `source` \(\[0, 0\]\)/,
  ),
  c(
    "source and destination of other lengths",
    (f) => f(F.b, [0, 1], [0]),
    RangeError,
    /movedim: Invalid source or destination dims/,
  ),
]);
op("moveaxis", () => [F.a, 0, 1], [...inputCases("movedim", [0, 1])]);
op("swapaxes", () => [F.a, 0, 1], [c("dim out of range", (f) => f(F.b, 0, 2), RangeError, dimRange(-2, 1, 2))]);
op("swapdims", () => [F.a, 0, 1], [c("dim out of range", (f) => f(F.b, -3, 0), RangeError, dimRange(-2, 1, -3))]);
op("unflatten", () => [F.a, 1, [3, 1]], [
  ...inputCases("unflatten", [1, [3, 1]]),
  c(
    "sizes that do not multiply up",
    (f) => f(F.b, 1, [2, 2]),
    RangeError,
    /unflatten: Provided sizes \[2, 2\] don't multiply up to the size of dim 1 \(3\) in the input tensor/,
  ),
]);
for (const [name, py] of [
  ["atleast1d", "atleast_1d"],
  ["atleast2d", "atleast_2d"],
  ["atleast3d", "atleast_3d"],
] as const)
  op(name, () => [F.a], [...inputCases(py)], { method: false });
op(
  "meshgrid",
  () => [torch.tensor([1, 2]), torch.tensor([3, 4, 5]), { indexing: "xy" }],
  [
    c("a 2-D tensor", (f) => f(F.b, F.b), RangeError, /torch.meshgrid: Expected 0D or 1D tensor in the tensor list/),
    c(
      "an unknown indexing",
      (f) => f(torch.zeros(2), { indexing: "ji" }),
      RangeError,
      /torch.meshgrid: indexing must be one of "xy" or "ij", but received: ji/,
    ),
    c("no tensors", (f) => f(), RangeError, /meshgrid expects a non-empty TensorList/),
  ],
  { method: false },
);
op("rot90", () => [F.a, 1, [0, 1]], [
  ...inputCases("rot90"),
  c(
    "the same dim twice",
    (f) => f(F.b, 1, [1, 1]),
    RangeError,
    /expected rotation dims to be different, but got dim0 = 1 and dim1 = 1/,
  ),
  c("a 1-D input", (f) => f(torch.zeros(3)), RangeError, /expected total dims >= 2, but got total dims = 1/),
]);
op("repeatInterleave", () => [F.a, 2, { dim: 0 }], [
  ...inputCases("repeat_interleave", [2]),
  c("negative repeats", (f) => f(F.b, -1), RangeError, /repeats can not be negative/),
  c(
    "repeats of another length",
    (f) => f(F.b, torch.tensor([1, 2]), { dim: 1 }),
    RangeError,
    /repeats must have the same size as input along dim/,
  ),
]);
op("diagonal", () => [F.a, { offset: 1 }], [
  ...inputCases("diagonal"),
  c(
    "the same dim twice",
    (f) => f(F.b, { dim1: 1, dim2: 1 }),
    RangeError,
    /diagonal dimensions cannot be identical 1, 1/,
  ),
]);
op("diag", () => [F.a, 0], [
  ...inputCases("diag"),
  c("a 3-D input", (f) => f(torch.zeros(2, 2, 2)), RangeError, /matrix or a vector expected/),
]);
op("diagEmbed", () => [F.a, { offset: -1 }], [
  ...inputCases("diag_embed"),
  c(
    "the same dim twice",
    (f) => f(F.b, { dim1: 0, dim2: 0 }),
    RangeError,
    /diag_embed dimensions cannot be identical 0, 0/,
  ),
]);

// ---- products ------------------------------------------------------------------------------

op("addmm", () => [torch.zeros(2, 4), F.a, F.w], [
  ...inputCases("addmm", () => [F.b, F.w]),
  c(
    "shapes that do not multiply",
    (f) => f(F.b, F.b, F.b),
    RangeError,
    /mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)/,
  ),
  c(
    "an input that does not broadcast",
    (f) => f(F.b, F.b, F.w),
    RangeError,
    /The expanded size of the tensor \(4\) must match the existing size \(3\) at non-singleton dimension 1/,
  ),
  c(
    "beta a string",
    (f) => f(torch.zeros(2, 4), F.b, F.w, { beta: "1" }),
    TypeError,
    /addmm\(\): argument 'beta' must be Number/,
  ),
]);
op("addmv", () => [torch.zeros(2), F.a, torch.ones(3)], [
  ...inputCases("addmv", () => [F.b, torch.ones(3)]),
  c(
    "a vector of the wrong length",
    (f) => f(torch.zeros(2), F.b, torch.ones(2)),
    RangeError,
    /size mismatch, got 2, 2x3,2/,
  ),
]);
op("baddbmm", () => [torch.zeros(1, 2, 4), F.a.unsqueeze(0), F.w.unsqueeze(0)], [
  ...inputCases("baddbmm", () => [F.b.unsqueeze(0), F.w.unsqueeze(0)]),
  c(
    "batches that do not multiply",
    (f) => f(torch.zeros(1, 2, 4), F.b.unsqueeze(0), F.b.unsqueeze(0)),
    RangeError,
    /Expected size for first two dimensions of batch2 tensor to be: \[1, 3\] but got: \[1, 2\]./,
  ),
  c("a 2-D batch", (f) => f(torch.zeros(2, 4), F.b, F.w), RangeError, /batch1 must be a 3D tensor/),
]);
op("cross", () => [F.a, F.b, { dim: 1 }], [
  ...inputCases("cross", () => [F.b]),
  c("no dim of size 3", (f) => f(torch.zeros(2, 4), torch.zeros(2, 4)), RangeError, /no dimension of size 3 in input/),
  c(
    "a dim not of size 3",
    (f) => f(F.b, F.b, { dim: 0 }),
    RangeError,
    /linalg.cross: inputs dimension 0 must have length 3. Got 2 and 2/,
  ),
]);
op(
  "tensordot",
  () => [F.a, F.w, [[1], [0]]],
  [
    c(
      "contracted dims of other sizes",
      (f) => f(F.b, F.b, [[1], [0]]),
      RangeError,
      /contracted dimensions need to match, but first has size 3 in dim 1 and second has size 2 in dim 0/,
    ),
    c(
      "more dims than the operands have",
      (f) => f(F.b, F.b, 3),
      RangeError,
      /tensordot expects dims < ndim_a or ndim_b, but got dims=3/,
    ),
  ],
  { method: false },
);
op("kron", () => [F.a, F.b], [...inputCases("kron", () => [F.b])]);
op(
  "cdist",
  () => [F.a, F.b, { p: 1 }],
  [
    c("a negative p", (f) => f(F.b, F.b, { p: -1 }), RangeError, /cdist only supports non-negative p values/),
    c(
      "other column counts",
      (f) => f(F.b, F.w),
      RangeError,
      /X1 and X2 must have the same number of columns. X1: 3 X2: 4/,
    ),
    c("a 1-D x1", (f) => f(torch.zeros(3), F.b), RangeError, /cdist only supports at least 2D tensors, X1 got: 1D/),
  ],
  { method: false },
);
