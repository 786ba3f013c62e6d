// Rows: the unary math ops of issue 17 (src/ops/unaryMath.ts), as torch.f,
// Tensor.f and the in-place Tensor.f_. Messages are PyTorch 1.13's
// (test/golden/gen_umath.py records them).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, method, op, type Case } from "./table.js";

/** A fresh tensor to write in place, inside every op's domain. */
const fresh = () =>
  torch.tensor([
    [0.25, 0.5, 0.75],
    [0.125, 0.375, 0.625],
  ]);

/** Cases every op taking a tensor `input` first shares. */
export function inputCases(name: string, rest: () => unknown[] = () => []): Case[] {
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

/** Cases every in-place method shares. */
function inplaceCases(rest: () => unknown[] = () => []): Case[] {
  return [
    c(
      "a leaf that requires grad",
      (f) => f(F.a, ...rest()),
      Error,
      /a leaf Variable that requires grad is being used in an in-place operation./,
    ),
    c("disposed", (f) => f(J.disposed, ...rest()), Error, /was disposed/),
    c("of an earlier init()", (f) => f(J.stale, ...rest()), Error, /earlier torchlet instance/),
    c(
      "a view of a leaf that requires grad",
      (f) => f(F.a.select(0, 0), ...rest()),
      Error,
      /a view of a leaf Variable that requires grad is being used in an in-place operation./,
    ),
  ];
}

const intResult = (rest: () => unknown[] = () => []): Case =>
  c(
    "integer tensor (a float result)",
    (f) => f(torch.ones(2, { dtype: "int64" }), ...rest()),
    TypeError,
    /result type Float can't be cast to the desired output type Long/,
  );

const half = (name: string, rest: () => unknown[] = () => []): Case =>
  c(
    "float16 input",
    (f) => f(torch.ones(2, { dtype: "float16" }), ...rest()),
    TypeError,
    new RegExp(`"${name}" not implemented for 'Half'`),
  );

const halfRefused: Record<string, string> = {
  erfc: "erfc_vml_cpu",
  erfinv: "erfinv_vml_cpu",
  tan: "tan_vml_cpu",
  asin: "asin_vml_cpu",
  acos: "acos_vml_cpu",
  atan: "atan_vml_cpu",
  sinh: "sinh_cpu",
  cosh: "cosh_cpu",
  asinh: "asinh_cpu",
  acosh: "acosh_cpu",
  atanh: "atanh_cpu",
  log2: "log2_vml_cpu",
  log10: "log10_vml_cpu",
  lgamma: "lgamma_vml_cpu",
  digamma: "digamma",
  sinc: "sinc_cpu",
};
for (const [name, kernel] of Object.entries(halfRefused)) {
  op(name, () => [F.tr], [...inputCases(name), half(kernel)]);
  method(`${name}_`, () => [fresh()], [...inplaceCases(), intResult()]);
}
for (const name of ["exp2", "deg2rad", "rad2deg"]) {
  op(name, () => [F.tr], inputCases(name));
  method(`${name}_`, () => [fresh()], [...inplaceCases(), intResult()]);
}

const intRefused = (what: string, dtype = "int64"): Case =>
  c(
    `${what} input`,
    (f) => f(torch.ones(2, { dtype: dtype as "int64" })),
    TypeError,
    /"frac_cpu" not implemented for 'Long'/,
  );
op("frac", () => [F.tr], [
  ...inputCases("frac"),
  intRefused("int64"),
  c("bool input", (f) => f(F.mask), TypeError, /"frac_cpu" not implemented for 'Bool'/),
]);
method("frac_", () => [fresh()], [...inplaceCases(), intRefused("int64")]);

const negativeN = /polygamma\(n, x\) does not support negative n\./;
op(
  "polygamma",
  () => [1, F.tr],
  [
    c("input disposed", (f) => f(1, J.disposed), Error, /was disposed and can no longer be used/),
    c("input an array", (f) => f(1, [1, 2]), TypeError, /polygamma\(\): argument '(input|self)' must be a Tensor/),
    c("n negative", (f) => f(-1, F.tr), RangeError, negativeN),
    c("n a float", (f) => f(1.5, F.tr), TypeError, /polygamma\(\): argument 'n' \(position 1\) must be int, not float/),
    c(
      "float16 input, n = 1",
      (f) => f(1, torch.ones(2, { dtype: "float16" })),
      TypeError,
      /"trigamma" not implemented/,
    ),
  ],
  { method: false },
);
method("polygamma", () => [F.tr, 2], [
  c("disposed", (f) => f(J.disposed, 2), Error, /was disposed/),
  c("n negative", (f) => f(F.tr, -1), RangeError, negativeN),
  c("n a string", (f) => f(F.tr, "1"), TypeError, /argument 'n' \(position 1\) must be int, not str/),
]);
method("polygamma_", () => [fresh(), 2], [
  ...inplaceCases(() => [2]),
  intResult(() => [2]),
  c("n negative", (f) => f(fresh(), -1), RangeError, negativeN),
]);

op("logit", () => [F.tr, { eps: 0.1 }], [
  ...inputCases("logit", () => [0.1]),
  c("eps a string", (f) => f(F.tr, "a"), TypeError, /logit\(\): argument 'eps' must be float, not str/),
  c("an unknown option", (f) => f(F.tr, { epsilon: 0.1 }), TypeError, /logit\(\): unknown option "epsilon"/),
  half("logit_cpu"),
]);
method("logit_", () => [fresh(), 0.1], [...inplaceCases(() => [0.1]), intResult(() => [0.1])]);
