// Bad-input rows of the logic ops (src/ops/logic.ts): any, all, the float
// predicates, logical_*, bitwise_* and the shifts, isclose, allclose, equal,
// and the in-place forms.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, method, op, type Case } from "./table.js";
import { fresh23, inputCases } from "./cases.js";

const ints = () => fresh23("int32");

const broadcast = /The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1/;

for (const name of ["any", "all"]) {
  op(name, () => [F.b, 1], [
    ...inputCases(name),
    c(
      "dim out of range",
      (f) => f(F.b, 2),
      RangeError,
      /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    ),
    c(
      "dim a list",
      (f) => f(F.b, [0, 1]),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'dim' must be int, not list`),
    ),
    c("keepdim a string", (f) => f(F.b, 0, "yes"), TypeError, /argument 'keepdim' must be bool, not string/),
    c("unknown option", (f) => f(F.b, { dims: 0 }), TypeError, /unknown option "dims"/),
  ]);
}

for (const name of ["isnan", "isinf", "isposinf", "isneginf", "isfinite", "isreal"])
  op(name, () => [F.b], inputCases(name));

const numberOther = (name: string): Case =>
  c(
    "other a number",
    (f) => f(F.b, 1),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'other' \\(position 2\\) must be Tensor, not int`),
  );

for (const [name, torchName] of [
  ["logicalAnd", "logical_and"],
  ["logicalOr", "logical_or"],
  ["logicalXor", "logical_xor"],
]) {
  op(name!, () => [F.b, F.a], [
    ...inputCases(torchName!, () => [F.b]),
    numberOther(torchName!),
    c("shapes that do not broadcast", (f) => f(F.b, torch.zeros(4)), RangeError, broadcast),
    c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
  ]);
  method(`${name}_`, () => [torch.ones(2, 3), F.b], [
    c("self disposed", (f) => f(J.disposed, F.b), Error, /was disposed/),
    c(
      "other that would grow self",
      (f) => f(torch.ones(3), F.b),
      RangeError,
      /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
    ),
    c(
      "other a number",
      (f) => f(torch.ones(3), 1),
      TypeError,
      new RegExp(`${torchName}_\\(\\): argument 'other' \\(position 1\\) must be Tensor, not int`),
    ),
  ]);
}
op("logicalNot", () => [F.b], inputCases("logical_not"));
method("logicalNot_", () => [torch.ones(2, 3)], [c("self disposed", (f) => f(J.disposed), Error, /was disposed/)]);

const bitwise: [string, string, string][] = [
  ["bitwiseAnd", "bitwise_and", "bitwise_and_cpu"],
  ["bitwiseOr", "bitwise_or", "bitwise_or_cpu"],
  ["bitwiseXor", "bitwise_xor", "bitwise_xor_cpu"],
  ["bitwiseLeftShift", "bitwise_left_shift", "lshift_cpu"],
  ["bitwiseRightShift", "bitwise_right_shift", "rshift_cpu"],
];
for (const [name, torchName, cpu] of bitwise) {
  op(name, () => [F.idx, 1], [
    ...inputCases(torchName, () => [1]),
    c("float input", (f) => f(F.b, 1), TypeError, new RegExp(`"${cpu}" not implemented for 'Float'`)),
    c("float other", (f) => f(F.idx, 0.5), TypeError, new RegExp(`"${cpu}" not implemented for 'Float'`)),
    c("shapes that do not broadcast", (f) => f(ints(), torch.zeros(4, { dtype: "int32" })), RangeError, broadcast),
    c(
      "other a string",
      (f) => f(F.idx, "1"),
      TypeError,
      new RegExp(`${torchName}\\(\\): argument 'other' must be a Tensor or a number, but got string`),
    ),
  ]);
  method(`${name}_`, () => [ints(), 1], [
    c("self disposed", (f) => f(J.disposed, 1), Error, /was disposed/),
    c(
      "a result that does not fit self",
      (f) => f(ints(), 0.5),
      TypeError,
      /result type Float can't be cast to the desired output type Int/,
    ),
    c(
      "other that would grow self",
      (f) => f(torch.ones(3, { dtype: "int32" }), ints()),
      RangeError,
      /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
    ),
  ]);
}
op("bitwiseNot", () => [F.idx], [
  ...inputCases("bitwise_not"),
  c("float input", (f) => f(F.b), TypeError, /"bitwise_not_cpu" not implemented for 'Float'/),
]);
method("bitwiseNot_", () => [ints()], [
  c("self disposed", (f) => f(J.disposed), Error, /was disposed/),
  c("float self", (f) => f(torch.ones(2)), TypeError, /"bitwise_not_cpu" not implemented for 'Float'/),
]);

for (const name of ["isclose", "allclose"]) {
  op(name, () => [F.b, F.a, { atol: 1e-6 }], [
    ...inputCases(name, () => [F.b]),
    c(
      "other a number",
      (f) => f(F.b, 1.5),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'other' \\(position 2\\) must be Tensor, not float`),
    ),
    c("dtypes that differ", (f) => f(F.b, F.b.double()), TypeError, /Float did not match Double/),
    c(
      "negative rtol",
      (f) => f(F.b, F.b, { rtol: -1 }),
      RangeError,
      /rtol must be greater than or equal to zero, but got -1/,
    ),
    c(
      "NaN atol",
      (f) => f(F.b, F.b, { atol: NaN }),
      RangeError,
      /atol must be greater than or equal to zero, but got nan/,
    ),
    c(
      "rtol a string",
      (f) => f(F.b, F.b, { rtol: "1" }),
      TypeError,
      new RegExp(`${name}\\(\\): argument 'rtol' must be a number`),
    ),
    c("unknown option", (f) => f(F.b, F.b, { equal_nan: true }), TypeError, /unknown option "equal_nan"/),
    c("shapes that do not broadcast", (f) => f(F.b, torch.zeros(4)), RangeError, broadcast),
  ]);
}
op("equal", () => [F.b, F.a], [
  ...inputCases("equal", () => [F.b]),
  c(
    "other a number",
    (f) => f(F.b, 3),
    TypeError,
    /equal\(\): argument 'other' \(position 2\) must be Tensor, not int/,
  ),
  c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
]);
