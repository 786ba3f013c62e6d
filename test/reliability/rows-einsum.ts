// Rows: torch.einsum (src/ops/einsum.ts), torch.trace (src/ops/trace.ts) and
// torch.uniqueConsecutive (src/ops/uniqueDim.ts), torch.linalg.multiDot and
// torch.chainMatmul (src/ops/multiDot.ts); nn.utils.rnn's packed sequences
// (src/nn/utils/packed.ts, test/golden/gen_packed.py). Messages are PyTorch 1.13's
// (test/golden/gen_einsum.py records them).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, none, op } from "./table.js";

fn("torch.einsum", torch.einsum as (...args: unknown[]) => unknown, () => ["ij,jk->ik", F.a, F.w], [
  c(
    "no operands",
    (f) => f("ij"),
    RangeError,
    /einsum\(\): must specify the equation string and at least one operand, or at least one operand and its subscripts list/,
  ),
  c(
    "an equation that is not a string",
    (f) => f(3, F.a),
    TypeError,
    /einsum\(\): argument 'equation' must be str, but got number/,
  ),
  c(
    "an operand that is not a tensor",
    (f) => f("ij,jk", F.a, [1, 2]),
    TypeError,
    /einsum\(\): argument 'operands\[1\]' must be a Tensor, but got Array/,
  ),
  c("a disposed operand", (f) => f("ij", J.disposed), Error, /was disposed and can no longer be used/),
  c(
    "a label size that does not broadcast",
    (f) => f("ij,jk", F.a, F.b),
    RangeError,
    /einsum\(\): subscript j has size 2 for operand 1 which does not broadcast with previously seen size 3/,
  ),
  c(
    "ellipsis dims that do not broadcast",
    (f) => f("...i,...i", torch.zeros(2, 3), torch.zeros(4, 3)),
    RangeError,
    /einsum\(\): dimension 0 covered by ellipsis in operand 1has size 4 which does not broadcast with previously seen ellipsis with size 2 for the respective dimension/,
  ),
  c(
    "fewer subscripts than dims",
    (f) => f("i", F.a),
    RangeError,
    /einsum\(\): the number of subscripts in the equation \(1\) does not match the number of dimensions \(2\) for operand 0 and no ellipsis was given/,
  ),
  c(
    "more subscripts than dims, with an ellipsis",
    (f) => f("...ijk", F.a),
    RangeError,
    /einsum\(\): the number of subscripts in the equation \(3\) is more than the number of dimensions \(2\) for operand 0/,
  ),
  c(
    "more operands than the equation names",
    (f) => f("ij", F.a, F.b),
    Error,
    /einsum\(\): more operands were provided than specified in the equation/,
  ),
  c(
    "fewer operands than the equation names",
    (f) => f("ij,jk", F.a),
    Error,
    /einsum\(\): fewer operands were provided than specified in the equation/,
  ),
  c(
    "a subscript that is not a letter",
    (f) => f("i1", F.a),
    Error,
    /einsum\(\): invalid subscript given at index 1 in the equation string, subscripts must be in \[a-zA-Z\]/,
  ),
  c(
    "an output subscript no operand has",
    (f) => f("ij->k", F.a),
    Error,
    /einsum\(\): output subscript k does not appear in the equation for any input operand/,
  ),
  c(
    "an output subscript twice",
    (f) => f("ij->ii", F.a),
    Error,
    /einsum\(\): output subscript i appears more than once in the output/,
  ),
  c(
    "a repeated subscript over dims of other sizes",
    (f) => f("ii", F.a),
    RangeError,
    /einsum\(\): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2/,
  ),
  c(
    "a '.' outside an ellipsis",
    (f) => f("i..j", F.a),
    Error,
    /einsum\(\): found '.' for operand 0 that is not part of any ellipsis/,
  ),
  c(
    "two ellipses in one operand",
    (f) => f("......", F.a),
    Error,
    /einsum\(\): found '.' for operand 0 for which an ellipsis was already found/,
  ),
  c(
    "operands of different dtypes contracted by bmm",
    (f) => f("ij,jk", F.a, F.d.t()),
    TypeError,
    /expected scalar type Float but found Double/,
  ),
  c(
    "a sublist subscript out of range",
    (f) => f(F.a, [0, 52]),
    RangeError,
    /einsum\(\): subscript in subscript list is not within the valid range \[0, 52\)/,
  ),
]);

op("trace", () => [F.a], [
  c("input disposed", (f) => f(J.disposed), Error, /was disposed and can no longer be used/),
  c("input an array", (f) => f([1, 2]), TypeError, /trace\(\): argument 'input' must be a Tensor/),
  c("a 3-D input", (f) => f(torch.zeros(2, 2, 2)), RangeError, /trace: expected a matrix, but got tensor with dim 3/),
  c("a 0-d input", (f) => f(F.s), RangeError, /trace: expected a matrix, but got tensor with dim 0/),
  c("a bool input", (f) => f(F.mask), TypeError, /"trace" not implemented for 'Bool'/),
]);

op("uniqueConsecutive", () => [F.b, { returnInverse: true, returnCounts: true }], [
  c("input disposed", (f) => f(J.disposed), Error, /was disposed and can no longer be used/),
  c("input an array", (f) => f([1, 2]), TypeError, /unique_consecutive\(\): argument 'input' must be a Tensor/),
  c(
    "an unknown option",
    (f) => f(F.b, { return_counts: true }),
    TypeError,
    /unique_consecutive\(\): unknown option "return_counts"/,
  ),
  c("a dim out of range", (f) => f(F.b, { dim: 2 }), RangeError, /Dimension out of range/),
  c(
    "a dim of a 0-d tensor",
    (f) => f(F.s, { dim: 0 }),
    RangeError,
    /Dimension specified as 0 but tensor has no dimensions/,
  ),
  c(
    "an empty dim that is not the one compared",
    (f) => f(torch.zeros(3, 0), { dim: 0 }),
    RangeError,
    /There are 0 sized dimensions, and they aren't selected, so unique cannot be applied/,
  ),
]);

fn("linalg.multiDot", torch.linalg.multiDot as (...args: unknown[]) => unknown, () => [[F.a, F.w]], [
  c("not an array", (f) => f(F.a), TypeError, /linalg_multi_dot\(\): argument 'tensors' must be an array of tensors/),
  c("one tensor", (f) => f([F.a]), RangeError, /multi_dot\(\): expected at least 2 tensors but got 1/),
  c(
    "an element that is not a tensor",
    (f) => f([F.a, 3]),
    TypeError,
    /multi_dot\(\): argument 'tensors\[1\]' must be a Tensor, but got number/,
  ),
  c("a disposed element", (f) => f([F.a, J.disposed]), Error, /was disposed and can no longer be used/),
  c(
    "shapes that do not chain",
    (f) => f([F.a, F.b]),
    RangeError,
    /multi_dot\(\): tensors 0 and 1 with shapes \[2, 3\] and \[2, 3\] cannot be multiplied/,
  ),
  c(
    "a 3-D first tensor",
    (f) => f([torch.zeros(2, 2, 3), F.w]),
    RangeError,
    /multi_dot\(\): the first tensor must be 1D or 2D but got 3D/,
  ),
  c(
    "a 1-D middle tensor",
    (f) => f([F.a, torch.zeros(3), F.w]),
    RangeError,
    /multi_dot\(\): tensor 1 must be 2D but got 1D/,
  ),
  c(
    "tensors of different dtypes",
    (f) => f([F.d, F.w]),
    TypeError,
    /multi_dot\(\): all tensors must have be the same dtype but tensor 0 is double and tensor 1 float/,
  ),
]);
fn("torch.chainMatmul", torch.chainMatmul as (...args: unknown[]) => unknown, () => [F.a, F.w], [
  c("no matrices", (f) => f(), RangeError, /chain_matmul\(\): Expected one or more matrices/),
  c("a 1-D matrix", (f) => f(torch.zeros(3)), RangeError, /Tensor dimension is 1, expected 2 instead./),
  c(
    "an argument that is not a tensor",
    (f) => f(F.a, [1]),
    TypeError,
    /chain_matmul\(\): argument 'matrices\[1\]' must be a Tensor, but got Array/,
  ),
  c(
    "shapes that do not chain",
    (f) => f(F.a, F.b),
    RangeError,
    /multi_dot\(\): tensors 0 and 1 with shapes \[2, 3\] and \[2, 3\] cannot be multiplied/,
  ),
]);

const { rnn } = torch.nn.utils;
const padded = () => torch.zeros(3, 2, 2);
const packed = () => {
  const x = torch.zeros(3, 2);
  try {
    return rnn.packPaddedSequence(x, [3, 1]);
  } finally {
    x.dispose();
  }
};
const sortedMessage = /`lengths` array must be sorted in decreasing order when `enforce_sorted` is True/;
fn(
  "new nn.utils.rnn.PackedSequence",
  (...a: unknown[]) => new rnn.PackedSequence(...(a as [torch.Tensor, torch.Tensor])),
  () => [torch.zeros(4), torch.tensor([2, 1, 1])],
  [
    c(
      "data not a tensor",
      (f) => f([1, 2], torch.tensor([2])),
      TypeError,
      /PackedSequence\(\): argument 'data' must be a Tensor/,
    ),
    c(
      "batch sizes not a tensor",
      (f) => f(torch.zeros(2), [2]),
      TypeError,
      /PackedSequence\(\): argument 'batch_sizes' must be a Tensor/,
    ),
  ],
);
none(["nn.utils.rnn.PackedSequence.dispose"], "no arguments");
fn(
  "nn.utils.rnn.packPaddedSequence",
  rnn.packPaddedSequence as (...args: unknown[]) => unknown,
  () => [padded(), [3, 1], { enforceSorted: true }],
  [
    c(
      "lengths of another batch size",
      (f) => f(padded(), [3, 2, 1]),
      RangeError,
      /Expected `len\(lengths\)` to be equal to batch_size, but got 3 \(batch_size=2\)/,
    ),
    c("unsorted lengths", (f) => f(padded(), [1, 3]), RangeError, sortedMessage),
    c(
      "a zero length",
      (f) => f(padded(), [3, 0]),
      RangeError,
      /Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0/,
    ),
    c(
      "2-D lengths",
      (f) => f(padded(), [[3, 1]]),
      RangeError,
      /'lengths' argument should be a 1D CPU int64 tensor, but got 2D cpu Long tensor/,
    ),
    c("an empty input", (f) => f(torch.zeros(0, 2), [1, 1]), RangeError, /Cannot pack empty tensors./),
    c(
      "a length past the input's steps",
      (f) => f(padded(), [4, 1]),
      RangeError,
      /pack_padded_sequence\(\): a length of 4 is more than the 3 steps of the input/,
    ),
    c(
      "a 1-D input",
      (f) => f(torch.zeros(3), [3]),
      RangeError,
      /Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    ),
    c(
      "input not a tensor",
      (f) => f([1, 2], [1]),
      TypeError,
      /pack_padded_sequence\(\): argument 'input' must be a Tensor/,
    ),
  ],
);
fn(
  "nn.utils.rnn.padPackedSequence",
  rnn.padPackedSequence as (...args: unknown[]) => unknown,
  () => [packed(), { batchFirst: true, totalLength: 4 }],
  [
    c(
      "a total length below the longest sequence",
      (f) => f(packed(), { totalLength: 2 }),
      RangeError,
      /Expected total_length to be at least the length of the longest sequence in input, but got total_length=2 and max sequence length being 3/,
    ),
    c(
      "a tensor instead of a PackedSequence",
      (f) => f(padded()),
      TypeError,
      /pad_packed_sequence\(\): sequence must be a PackedSequence/,
    ),
  ],
);
fn(
  "nn.utils.rnn.packSequence",
  rnn.packSequence as (...args: unknown[]) => unknown,
  () => [[torch.zeros(3, 2), torch.zeros(1, 2)], { enforceSorted: true }],
  [
    c("no sequences", (f) => f([]), RangeError, /received an empty list of sequences/),
    c("unsorted sequences", (f) => f([torch.zeros(1, 2), torch.zeros(2, 2)]), RangeError, sortedMessage),
  ],
);
