// Rows: torch.special (src/special/) and the activation Tensor methods of
// src/special/activationMethods.ts. Messages are PyTorch 1.13's
// (test/golden/gen_special.py records them).

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, method, op, type Call, type Case } from "./table.js";
import { inputCases } from "./cases.js";

const S = torch.special as unknown as Record<string, Call>;

const refused = (dtype: "float16" | "bfloat16", kernel: string, rest: () => unknown[] = () => []): Case =>
  c(
    `${dtype} input`,
    (f) => f(torch.ones(2, { dtype }), ...rest()),
    TypeError,
    new RegExp(`"${kernel}" not implemented for '${dtype === "float16" ? "Half" : "BFloat16"}'`),
  );

/** torch.special.<name> (its message names `torchName`), refusing float16 (and bfloat16) as PyTorch's `kernel`. */
const unary: [name: string, torchName: string, kernel: string, bfloat16: boolean][] = [
  ["expm1", "expm1", "expm1_vml_cpu", false],
  ["expit", "sigmoid", "sigmoid_cpu", false],
  ["log1p", "log1p", "log1p_vml_cpu", false],
  ["erf", "erf", "erf_vml_cpu", false],
  ["erfc", "erfc", "erfc_vml_cpu", false],
  ["erfinv", "erfinv", "erfinv_vml_cpu", false],
  ["gammaln", "lgamma", "lgamma_vml_cpu", false],
  ["digamma", "digamma", "digamma", false],
  ["psi", "digamma", "digamma", false],
  ["sinc", "sinc", "sinc_cpu", false],
  ["logit", "logit", "logit_cpu", false],
  ["ndtr", "special_ndtr", "erf_vml_cpu", false],
  ["erfcx", "special_erfcx", "erfcx_cpu", true],
  ["ndtri", "special_ndtri", "ndtri_cpu", true],
  ["logNdtr", "special_log_ndtr", "log_ndtr_cpu", true],
  ["i0", "i0", "i0_vml_cpu", false],
  ["i0e", "special_i0e", "i0e_cpu", false],
  ["i1", "special_i1", "i1_cpu", true],
  ["i1e", "special_i1e", "i1e_cpu", true],
  ["entr", "special_entr", "entr_cpu", false],
];
for (const [name, torchName, kernel, bfloat16] of unary) {
  const cases = [...inputCases(torchName), refused("float16", kernel)];
  if (bfloat16) cases.push(refused("bfloat16", kernel));
  fn(`special.${name}`, S[name]!, () => [F.tr], cases);
}
op("i0", () => [F.tr], [...inputCases("i0"), refused("float16", "i0_vml_cpu")]);
fn(`special.exp2`, S.exp2!, () => [F.tr], inputCases("exp2"));

fn("special.round", S.round!, () => [F.tr, { decimals: 1 }], [
  ...inputCases("special_round"),
  c(
    "int64 input",
    (f) => f(torch.ones(2, { dtype: "int64" })),
    TypeError,
    /"round_vml_cpu" not implemented for 'Long'/,
  ),
  c(
    "int64 input, decimals",
    (f) => f(torch.ones(2, { dtype: "int64" }), { decimals: 1 }),
    TypeError,
    /"round_cpu" not implemented for 'Long'/,
  ),
  c("decimals a float", (f) => f(F.tr, { decimals: 0.5 }), TypeError, /argument 'decimals' must be int, not float/),
  c("an unknown option", (f) => f(F.tr, { digits: 1 }), TypeError, /unknown option "digits"/),
]);

fn("special.polygamma", S.polygamma!, () => [2, F.tr], [
  c("input an array", (f) => f(1, [1, 2]), TypeError, /polygamma\(\): argument '(input|self)' must be a Tensor/),
  c("n negative", (f) => f(-1, F.tr), RangeError, /polygamma\(n, x\) does not support negative n\./),
]);

fn("special.multigammaln", S.multigammaln!, () => [torch.tensor([2.5, 3.5]), 2], [
  ...inputCases("special_multigammaln", () => [2]),
  c("p of 0", (f) => f(F.tr, 0), RangeError, /p has to be greater than or equal to 1/),
  c("p a float", (f) => f(F.tr, 1.5), TypeError, /argument 'p' \(position 2\) must be int, not float/),
  c("bool input", (f) => f(F.mask, 2), TypeError, /The input tensor may not be a boolean tensor\./),
  refused("float16", "lgamma_vml_cpu", () => [2]),
]);

const binary: [name: string, torchName: string, pair: () => unknown[]][] = [
  ["xlogy", "xlogy", () => [F.b, F.p]],
  ["xlog1py", "special_xlog1py", () => [F.b, F.p]],
  ["zeta", "special_zeta", () => [torch.tensor([2, 3.5]), torch.tensor([1, 0.5])]],
];
for (const [name, torchName, pair] of binary) {
  fn(`special.${name}`, S[name]!, pair, [
    c("input disposed", (f) => f(J.disposed, F.p), Error, /was disposed and can no longer be used/),
    c("other disposed", (f) => f(F.b, J.disposed), Error, /was disposed and can no longer be used/),
    c("two numbers", (f) => f(1, 2), TypeError, new RegExp(`${torchName}\\(\\)`)),
    c("shapes that do not broadcast", (f) => f(F.b, torch.ones(4)), RangeError, /must match the size of tensor b/),
  ]);
}

const dimCases = (name: string): Case[] => [
  ...inputCases(name, () => [0]),
  c("dim out of range", (f) => f(F.tr, 2), RangeError, /Dimension out of range/),
];
fn("special.logsumexp", S.logsumexp!, () => [F.tr, 1], dimCases("logsumexp"));
fn("special.softmax", S.softmax!, () => [F.tr, 1], [
  ...dimCases("softmax"),
  c("int64 input", (f) => f(torch.ones(2, { dtype: "int64" }), 0), TypeError, /not implemented for 'Long'/),
]);
fn("special.logSoftmax", S.logSoftmax!, () => [F.tr, 1], dimCases("logSoftmax"));

method("hardshrink", () => [F.b, 0.5], [
  c("lambd a string", (f) => f(F.b, "0.5"), TypeError, /hardshrink\(\): argument 'lambd'/),
]);
method("prelu", () => [F.b, torch.tensor([0.25])], [
  c("weight 2-D", (f) => f(F.b, torch.ones(1, 1)), RangeError, /Expected `weight` to be a scalar or 1D tensor/),
  c("weight an array", (f) => f(F.b, [0.25]), TypeError, /prelu\(\): argument 'weight' must be a Tensor/),
]);
