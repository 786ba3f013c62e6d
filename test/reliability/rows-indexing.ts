// Rows: the indexing ops (scatter and its kin, take, masked_select /
// masked_scatter, nonzero, one_hot, advanced indexing) and the samplers
// (multinomial, poisson, normal with tensors). Messages are PyTorch 1.13's
// (test/golden/gen_indexing.py records most of them).

import * as torch from "../../src/index.js";
import { F } from "./harness.js";
import { c, fn, method, op, type Case } from "./table.js";
import { inputCases as sharedInputCases, type Rest } from "./cases.js";

// PyTorch calls the first argument of some of these ops `tensor`.
const inputCases = (name: string, rest: Rest = []): Case[] => sharedInputCases(name, rest, "input|self|tensor");

const i32 = (data: number[] | number[][]) => torch.tensor(data, { dtype: "int32" });
const f32 = (...shape: number[]) => torch.zeros(shape);
/** [[0, 1, 0], [1, 0, 1]]: a scatter index for the [2, 3] fixtures along dim 0. */
const I0 = () =>
  i32([
    [0, 1, 0],
    [1, 0, 1],
  ]);

const scatterCases = (name: string, src: () => unknown): Case[] => [
  c(
    "float index",
    (f) => f(F.b, 0, F.b, src()),
    TypeError,
    new RegExp(`${name}\\(\\): Expected dtype int64 for index`),
  ),
  c(
    "index out of bounds",
    (f) => f(F.b, 0, i32([[5]]), src()),
    RangeError,
    /index 5 is out of bounds for dimension 0 with size 2/,
  ),
  c(
    "index of other rank",
    (f) => f(F.b, 0, i32([0]), src()),
    RangeError,
    /Index tensor must have the same number of dimensions as self tensor/,
  ),
  c("dim out of range", (f) => f(F.b, 2, I0(), src()), RangeError, /Dimension out of range/),
];

// ---- scatter family ----------------------------------------------------------------

op("scatter", () => [F.b, 0, I0(), F.a], [
  ...inputCases("scatter", () => [0, I0(), F.b]),
  ...scatterCases("scatter", () => F.b),
  c(
    "src of another dtype",
    (f) => f(F.b, 0, I0(), F.d),
    TypeError,
    /scatter\(\): Expected self.dtype to be equal to src.dtype/,
  ),
  c(
    "index larger than src",
    (f) => f(F.b, 0, I0(), torch.zeros(1, 3)),
    RangeError,
    /Expected index \[2, 3\] to be smaller than self \[2, 3\] apart from dimension 0 and to be smaller size than src \[1, 3\]/,
  ),
  c(
    "bad reduce",
    (f) => f(F.b, 0, I0(), F.b, { reduce: "max" }),
    RangeError,
    /reduce argument must be either add or multiply./,
  ),
]);
method("scatter_", () => [f32(2, 3), 0, I0(), 1.5], [
  ...scatterCases("scatter", () => 1),
  c(
    "leaf that requires grad",
    (f) => f(F.a, 0, I0(), 1),
    Error,
    /a leaf Variable that requires grad is being used in an in-place operation./,
  ),
]);
op("scatterAdd", () => [F.b, 0, I0(), F.a], [
  ...inputCases("scatter_add", () => [0, I0(), F.b]),
  ...scatterCases("scatter_add", () => F.b),
]);
method(
  "scatterAdd_",
  () => [f32(2, 3), 0, I0(), F.b],
  scatterCases("scatter_add", () => F.b),
);
op("scatterReduce", () => [F.b, 0, I0(), F.a, "amax", { includeSelf: false }], [
  ...inputCases("scatter_reduce", () => [0, I0(), F.b, "sum"]),
  ...scatterCases("scatter_reduce", () => F.b).map((k) => ({
    ...k,
    run: (f: any, m: any[]) => k.run((...a: unknown[]) => f(...a, "sum"), m),
  })),
  c(
    "bad reduce",
    (f) => f(F.b, 0, I0(), F.b, "max"),
    RangeError,
    /reduce argument must be either sum, prod, mean, amax or amin./,
  ),
  c(
    "unknown option",
    (f) => f(F.b, 0, I0(), F.b, "sum", { include_self: false }),
    TypeError,
    /scatter_reduce\(\): unknown option "include_self"/,
  ),
]);
method("scatterReduce_", () => [f32(2, 3), 0, I0(), F.b, "prod"], [
  c(
    "bad reduce",
    (f) => f(f32(2, 3), 0, I0(), F.b, "max"),
    RangeError,
    /reduce argument must be either sum, prod, mean, amax or amin./,
  ),
]);

// ---- index_add, index_copy, index_fill ----------------------------------------------------

op("indexAdd", () => [F.b, 0, i32([1, 1]), F.a, { alpha: 2 }], [
  ...inputCases("index_add", () => [0, F.idx, F.b]),
  c("index out of range", (f) => f(F.b, 1, i32([0, 3]), torch.ones(2, 2)), RangeError, /index out of range in self/),
  c(
    "count differs from source",
    (f) => f(F.b, 0, i32([0]), F.a),
    RangeError,
    /index_add_\(\): Number of indices \(1\) should be equal to source.size\(dim\): \(2\), for dim: 0/,
  ),
  c(
    "source of another dtype",
    (f) => f(F.b, 0, i32([0, 1]), F.d),
    TypeError,
    /index_add_\(\): self \(Float\) and source \(Double\) must have the same scalar type/,
  ),
  c(
    "2-D index",
    (f) => f(F.b, 0, torch.tensor([[0, 1]]), F.b),
    RangeError,
    /index_add_\(\): Index is supposed to be a vector, but got dim: 2 with type: Long and size: \[1, 2\]/,
  ),
  c("alpha not a number", (f) => f(F.b, 0, i32([0, 1]), F.b, { alpha: "2" }), TypeError, /alpha must be a number/),
]);
method("indexAdd_", () => [f32(2, 3), 1, i32([2, 0]), torch.ones(2, 2)], [
  c("index out of range", (f) => f(f32(2, 3), 1, i32([3]), torch.ones(2, 1)), RangeError, /index out of range in self/),
]);
op("indexCopy", () => [F.b, 1, i32([2, 0]), torch.ones(2, 2)], [
  ...inputCases("index_copy", () => [0, F.idx, F.b]),
  c(
    "index out of bounds",
    (f) => f(F.b, 1, i32([0, 3]), torch.ones(2, 2)),
    RangeError,
    /index_copy_\(\): index 3 is out of bounds for dimension 1 with size 3/,
  ),
  c(
    "source of another dtype",
    (f) => f(F.b, 0, i32([0, 1]), F.d),
    TypeError,
    /index_copy_\(\): self and source expected to have the same dtype, but got \(self\) Float and \(source\) Double/,
  ),
  c(
    "slices differ",
    (f) => f(F.b, 0, i32([0, 1]), torch.ones(2, 4)),
    RangeError,
    /index_copy_\(\): Source\/destination tensor must have same slice shapes/,
  ),
]);
method("indexCopy_", () => [f32(2, 3), 1, i32([2, 0]), torch.ones(2, 2)], [
  c(
    "count differs from source",
    (f) => f(f32(2, 3), 1, i32([2]), torch.ones(2, 2)),
    RangeError,
    /index_copy_\(\): Number of indices \(1\) should be equal to source.size\(dim\) \(2\)/,
  ),
]);
op("indexFill", () => [F.b, 1, i32([-1, 0]), 2.5], [
  ...inputCases("index_fill", () => [0, F.idx, 1]),
  c(
    "index out of bounds",
    (f) => f(F.b, 1, i32([0, 3]), 1),
    RangeError,
    /index 3 is out of bounds for dimension 1 with size 3/,
  ),
  c("float index", (f) => f(F.b, 1, torch.zeros(2), 1), TypeError, /index_fill_\(\): Expected dtype int64 for index./),
  c(
    "value of 1 dim",
    (f) => f(F.b, 1, F.idx, torch.ones(2)),
    RangeError,
    /index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension\(s\)./,
  ),
]);
method("indexFill_", () => [f32(2, 3), 0, i32([1]), F.s], [
  c("2-D index", (f) => f(f32(2, 3), 0, i32([[1]]), 1), RangeError, /Index has to be a vector\/scalar/),
]);

// ---- take, masked ----------------------------------------------------------------------

op("take", () => [F.a, i32([-1, 0, 5])], [
  ...inputCases("take", () => [F.idx]),
  c(
    "index out of range",
    (f) => f(F.b, i32([6])),
    RangeError,
    /out of range: tried to access index 6 on a tensor of 6 elements./,
  ),
  c("float index", (f) => f(F.b, F.b), TypeError, /take\(\): Expected a long tensor for index, but got Float/),
]);
op("takeAlongDim", () => [F.a, i32([[2], [0]]), 1], [
  ...inputCases("take_along_dim", () => [F.idx]),
  c(
    "index of other rank",
    (f) => f(F.b, F.idx, 0),
    RangeError,
    /torch.take_along_dim\(\): input and indices should have the same number of dimensions, but got 2 dimensions for input, and 1 dimensions for indices/,
  ),
  c(
    "float index",
    (f) => f(F.b, F.b, 0),
    TypeError,
    /torch.take_along_dim\(\): dtype of indices should be Long but got Float/,
  ),
]);
op("maskedSelect", () => [F.a, F.mask], [
  ...inputCases("masked_select", () => [F.mask]),
  c("float mask", (f) => f(F.b, F.b), TypeError, /masked_select: expected BoolTensor or ByteTensor for mask/),
  c(
    "shapes that do not broadcast",
    (f) => f(F.b, torch.tensor([true, false])),
    RangeError,
    /The size of tensor a \(2\) must match the size of tensor b \(3\) at non-singleton dimension 1/,
  ),
]);
op("maskedScatter", () => [F.a, F.mask, torch.ones(4)], [
  ...inputCases("masked_scatter", () => [F.mask, F.b]),
  c(
    "source too short",
    (f) => f(F.b, F.mask, torch.ones(2)),
    RangeError,
    /Number of elements of source < number of ones in mask/,
  ),
  c(
    "source of another dtype",
    (f) => f(F.b, F.mask, F.d),
    TypeError,
    /masked_scatter: expected self and source to have same dtypes but gotFloat and Double/,
  ),
]);
method("maskedScatter_", () => [f32(2, 3), F.mask, F.b], [
  c(
    "source too short",
    (f) => f(f32(2, 3), F.mask, torch.ones(2)),
    RangeError,
    /Number of elements of source < number of ones in mask/,
  ),
]);
op("nonzero", () => [F.mask, { asTuple: true }], [...inputCases("nonzero", () => [])]);
fn("nn.functional.oneHot", torch.nn.functional.oneHot, () => [F.idx, 4], [
  c("class too large", (f) => f(F.idx, 2), RangeError, /Class values must be smaller than num_classes./),
  c("negative class", (f) => f(i32([-1])), RangeError, /Class values must be non-negative./),
  c("float input", (f) => f(F.b), TypeError, /one_hot is only applicable to index tensor./),
  c(
    "empty without num_classes",
    (f) => f(torch.zeros(0, { dtype: "int32" })),
    RangeError,
    /Can not infer total number of classes from empty tensor./,
  ),
]);

// ---- advanced indexing -------------------------------------------------------------------

method("index", () => [F.a, [null, F.idx]], [
  c(
    "index out of bounds",
    (f) => f(F.b, [null, i32([3])]),
    RangeError,
    /index 3 is out of bounds for dimension 0 with size 3/,
  ),
  c("too many indices", (f) => f(F.b, [0, 0, 0]), RangeError, /too many indices for tensor of dimension 2/),
  c(
    "indices that do not broadcast",
    (f) => f(F.b, [i32([0, 1]), i32([0, 1, 2])]),
    RangeError,
    /shape mismatch: indexing tensors could not be broadcast together with shapes \[2\], \[3\]/,
  ),
  c("float index", (f) => f(F.b, [F.b]), TypeError, /tensors used as indices must be long, byte or bool tensors/),
  c(
    "mask of another shape",
    (f) => f(F.b, [torch.tensor([true])]),
    RangeError,
    /The shape of the mask \[1\] at index 0 does not match the shape of the indexed tensor \[2, 3\] at index 0/,
  ),
  c("not an array", (f) => f(F.b, F.idx), TypeError, /index\(\): indices must be an array/),
]);
method("indexPut_", () => [f32(2, 3), [null, i32([2, 2])], F.s, { accumulate: true }], [
  c(
    "values that do not broadcast",
    (f) => f(f32(2, 3), [F.idx], torch.ones(2)),
    RangeError,
    /shape mismatch: value tensor of shape \[2\] cannot be broadcast to indexing result of shape \[2, 3\]/,
  ),
  c(
    "values of another dtype",
    (f) => f(f32(2, 3), [i32([0])], F.d),
    TypeError,
    /Index put requires the source and destination dtypes match, got Float for the destination and Double for the source./,
  ),
]);
op("indexPut", () => [F.a, [F.mask], torch.ones(3)], [
  ...inputCases("index_put", () => [[F.idx], 1]),
  c(
    "index out of bounds",
    (f) => f(F.b, [i32([2])], 1),
    RangeError,
    /index 2 is out of bounds for dimension 0 with size 2/,
  ),
]);

// ---- sampling --------------------------------------------------------------------------

op("multinomial", () => [F.p, 2, { replacement: true, generator: new torch.Generator(3) }], [
  ...inputCases("multinomial", () => [1]),
  c("3-D input", (f) => f(torch.ones(1, 1, 2), 1), RangeError, /prob_dist must be 1 or 2 dim/),
  c("zero samples", (f) => f(F.p, 0), RangeError, /cannot sample n_sample <= 0 samples/),
  c(
    "too many without replacement",
    (f) => f(F.p, 4),
    RangeError,
    /cannot sample n_sample > prob_dist.size\(-1\) samples without replacement/,
  ),
  c("negative weight", (f) => f(F.b, 1), RangeError, /probability tensor contains either `inf`, `nan` or element < 0/),
  c(
    "negative weight with replacement",
    (f) => f(F.b, 2, { replacement: true }),
    RangeError,
    /invalid multinomial distribution \(encountering probability entry < 0\)/,
  ),
  c(
    "integer input",
    (f) => f(F.idx, 1),
    TypeError,
    /multinomial only supports floating-point dtypes for input, got: Long/,
  ),
]);
fn("torch.poisson", torch.poisson, () => [F.p, { generator: new torch.Generator(4) }], [
  c("negative rate", (f) => f(F.b), RangeError, /invalid Poisson rate, expected rate to be non-negative/),
  c("integer input", (f) => f(F.idx), TypeError, /"poisson_cpu" not implemented for 'Long'/),
]);
fn("torch.normal", torch.normal, () => [F.b, F.p, { generator: new torch.Generator(5) }], [
  c("negative std", (f) => f(F.b, F.b), RangeError, /normal expects all elements of std >= 0.0/),
  c("negative number std", (f) => f(F.b, -1), RangeError, /normal expects std >= 0.0, but found std -1/),
  c(
    "shapes that do not broadcast",
    (f) => f(torch.ones(2), torch.ones(3)),
    RangeError,
    /The size of tensor a \(2\) must match the size of tensor b \(3\) at non-singleton dimension 0/,
  ),
]);

// ---- utils.data.WeightedRandomSampler -------------------------------------------------------

const W = torch.utils.data.WeightedRandomSampler;
fn(
  "new utils.data.WeightedRandomSampler",
  (w: unknown, n: unknown, o: unknown) => new W(w as never, n as never, o as never),
  () => [[0.1, 0.9, 3], 5, { replacement: false, generator: null }],
  [
    c(
      "numSamples of 0",
      (f) => f([1, 2], 0),
      RangeError,
      /num_samples should be a positive integer value, but got num_samples=0/,
    ),
    c(
      "replacement not a boolean",
      (f) => f([1, 2], 2, { replacement: 1 }),
      TypeError,
      /replacement should be a boolean value, but got replacement=number/,
    ),
    c(
      "2-D weights",
      (f) => f(torch.ones(2, 2), 2),
      RangeError,
      /weights should be a 1d sequence but given weights have shape \(2, 2\)/,
    ),
  ],
);
for (const name of ["length"] as const) {
  fn(
    `utils.data.WeightedRandomSampler.${name}`,
    (s: any) => s[name],
    () => [new W([1, 2], 3)],
    [],
    {
      receiver: true,
      none: "a getter",
    },
  );
}
