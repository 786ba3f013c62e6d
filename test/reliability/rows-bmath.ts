// Rows: the binary math ops (src/ops/binaryMath.ts, binaryMathInplace.ts).
// Messages are PyTorch 1.13's (test/golden/gen_bmath.py records them).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, method, op, type Case } from "./table.js";
import { fresh23, leafCase } from "./cases.js";

/** A fresh tensor to write in place. */
const fresh = () => fresh23();

const broadcast = /The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 1/;

/** Cases of an op whose operands are both tensors (PyTorch takes no number there). */
function tensorCases(torchName: string, otherName = "other"): Case[] {
  return [
    c("input disposed", (f) => f(J.disposed, F.b), Error, /was disposed and can no longer be used/),
    c("input of an earlier init()", (f) => f(J.stale, F.b), Error, /earlier torchlet instance/),
    c(
      "input an array",
      (f) => f([1, 2], F.b),
      TypeError,
      new RegExp(`${torchName}\\(\\): argument 'input' \\(position 1\\) must be Tensor, not list`),
    ),
    c(
      "other a number",
      (f) => f(F.b, 2.5),
      TypeError,
      new RegExp(`${torchName}\\(\\): argument '${otherName}' \\(position 2\\) must be Tensor, not float`),
    ),
    c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
    c("shapes that do not broadcast", (f) => f(F.b, F.tr.contiguous()), RangeError, broadcast),
  ];
}

/** Cases of an op whose `other` may be a number. */
function numberCases(torchName: string): Case[] {
  return [
    c("input disposed", (f) => f(J.disposed, 2), Error, /was disposed and can no longer be used/),
    c("input of an earlier init()", (f) => f(J.stale, 2), Error, /earlier torchlet instance/),
    c(
      "other a string",
      (f) => f(F.b, "1"),
      TypeError,
      new RegExp(`${torchName}\\(\\): argument 'other' must be a Tensor or a number, but got string`),
    ),
    c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed/),
    c("shapes that do not broadcast", (f) => f(F.b, F.tr.contiguous()), RangeError, broadcast),
  ];
}

const grows = (rest: () => unknown[]): Case =>
  c(
    "an operand that would grow self",
    (f) => f(torch.zeros(3), ...rest()),
    RangeError,
    /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
  );

/** A call whose arguments match no overload of `torchName`; `got` is PyTorch's list of their types. */
const noOverload = (torchName: string, what: string, args: () => unknown[], got: string): Case =>
  c(
    what,
    (f) => f(...args()),
    TypeError,
    new RegExp(`${torchName}\\(\\) received an invalid combination of arguments - got \\(${got}\\)`),
  );

const refusesInts = (torchName: string): Case =>
  c("integer operands", (f) => f(F.idx, F.idx), TypeError, new RegExp(`"${torchName}_cpu" not implemented for 'Long'`));

op("atan2", () => [F.a, F.b], [
  ...tensorCases("atan2"),
  c(
    "float16 operands",
    (f) => f(torch.ones(2, { dtype: "float16" }), torch.ones(2, { dtype: "float16" })),
    TypeError,
    /"atan2_cpu" not implemented for 'Half'/,
  ),
]);
op("arctan2", () => [F.a, F.b], tensorCases("atan2"));
op("hypot", () => [F.a, F.b], [...tensorCases("hypot"), refusesInts("hypot")]);
op("logaddexp", () => [F.a, F.b], [...tensorCases("logaddexp"), refusesInts("logaddexp")]);
op("logaddexp2", () => [F.a, F.b], [...tensorCases("logaddexp2"), refusesInts("logaddexp2")]);
op("fmax", () => [F.a, F.b], tensorCases("fmax"));
op("fmin", () => [F.a, F.b], tensorCases("fmin"));
op("heaviside", () => [F.a, F.b], [
  ...tensorCases("heaviside", "values"),
  c(
    "different dtypes",
    (f) => f(F.b, F.b.double()),
    TypeError,
    /heaviside is not yet implemented for tensors with different dtypes./,
  ),
]);
op("fmod", () => [F.a, F.b], [
  ...numberCases("fmod"),
  c("integer division by zero", (f) => f(F.idx, 0), Error, /ZeroDivisionError/),
  c("bool operands", (f) => f(F.mask, F.mask), TypeError, /"fmod_cpu" not implemented for 'Bool'/),
  noOverload("fmod", "input a number", () => [2, F.b], "int, Tensor"),
]);
op("copysign", () => [F.a, F.b], [
  ...numberCases("copysign"),
  noOverload("copysign", "input a number", () => [2.5, F.b], "float, Tensor"),
]);
op("xlogy", () => [F.a, F.b], [...numberCases("xlogy"), noOverload("xlogy", "two numbers", () => [2, 3], "int, int")]);
op("floorDivide", () => [F.a, F.b], [
  ...numberCases("floor_divide"),
  c("integer division by zero", (f) => f(F.idx, 0), Error, /ZeroDivisionError/),
  c("bool operands", (f) => f(F.mask, F.mask), TypeError, /"div_floor_cpu" not implemented for 'Bool'/),
]);
op("lerp", () => [F.a, F.b, 0.3], [
  c("input disposed", (f) => f(J.disposed, F.b, 0.5), Error, /was disposed and can no longer be used/),
  c("end disposed", (f) => f(F.b, J.disposed, 0.5), Error, /was disposed and can no longer be used/),
  c(
    "end a number",
    (f) => f(F.b, 2, 0.5),
    TypeError,
    /lerp\(\): argument 'end' \(position 2\) must be Tensor, not int/,
  ),
  c(
    "weight a string",
    (f) => f(F.b, F.b, "0.5"),
    TypeError,
    /lerp\(\): argument 'weight' must be a Tensor or a number, but got string/,
  ),
  c(
    "end of another dtype",
    (f) => f(F.b, F.b.double(), 0.5),
    TypeError,
    /expected dtype float for `end` but got dtype double/,
  ),
  c(
    "weight of another dtype",
    (f) => f(F.b, F.b, F.b.double()),
    TypeError,
    /expected dtype float for `weight` but got dtype double/,
  ),
  c("integer operands", (f) => f(F.idx, F.idx, 0.5), TypeError, /"lerp_kernel_scalar" not implemented for 'Long'/),
  c("shapes that do not broadcast", (f) => f(F.b, F.tr.contiguous(), 0.5), RangeError, broadcast),
]);
op("nanToNum", () => [F.a, { nan: 0 }], [
  c("input disposed", (f) => f(J.disposed), Error, /was disposed and can no longer be used/),
  c(
    "input an array",
    (f) => f([1, 2]),
    TypeError,
    /nan_to_num\(\): argument 'input' \(position 1\) must be Tensor, not list/,
  ),
  c("nan a string", (f) => f(F.b, { nan: "0" }), TypeError, /nan_to_num\(\): argument 'nan' must be float, not str/),
  c("unknown option", (f) => f(F.b, { inf: 1 }), TypeError, /nan_to_num\(\) got an unexpected keyword argument 'inf'/),
]);

// ---- in place --------------------------------------------------------------------

for (const [name, torchName] of [
  ["atan2_", "atan2_"],
  ["arctan2_", "atan2_"],
  ["hypot_", "hypot_"],
  ["heaviside_", "heaviside_"],
] as const) {
  method(name, () => [fresh(), F.b], [
    leafCase(() => [F.b]),
    grows(() => [F.b]),
    c(
      "other a number",
      (f) => f(fresh(), 2.5),
      TypeError,
      new RegExp(
        `${torchName}\\(\\): argument '${name === "heaviside_" ? "values" : "other"}' \\(position 2\\) must be Tensor`,
      ),
    ),
  ]);
}
for (const name of ["fmod_", "copysign_", "xlogy_", "floorDivide_"]) {
  method(name, () => [fresh(), F.b], [
    leafCase(() => [F.b]),
    grows(() => [F.b]),
    c(
      "a float result into an integer tensor",
      (f) => f(torch.tensor([1, 2, 3]), torch.tensor([0.5, 1.5, 2.5])),
      TypeError,
      /result type Float can't be cast to the desired output type Long/,
    ),
  ]);
}
method("lerp_", () => [fresh(), F.b, 0.5], [
  leafCase(() => [F.b, 0.5]),
  grows(() => [F.b, 0.5]),
  c("integer operands", (f) => f(F.idx.clone(), F.idx, 0.5), TypeError, /"lerp_kernel_scalar" not implemented/),
]);
method("nanToNum_", () => [fresh(), { nan: 0 }], [
  leafCase(() => []),
  c("posinf a string", (f) => f(fresh(), { posinf: "1" }), TypeError, /argument 'posinf' must be float, not str/),
]);
