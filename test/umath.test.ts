// The unary math ops of issue 17 against PyTorch (test/golden/gen_umath.py,
// run in every runtime by the umath conformance family), plus what only
// vitest checks: float64 gradchecks and gradgradchecks of every rule, with
// inputs inside each op's domain and off its poles, and argument errors.

import { expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

testFamily("umath");

const cases: GradCase[] = [
  ["erfc", () => [f64([2, 3], 1)], (a) => torch.erfc(a)],
  ["erfinv", () => [f64([2, 3], 2, -0.9, 0.9)], (a) => torch.erfinv(a)],
  ["tan", () => [f64([2, 3], 3, -1.3, 1.3)], (a) => torch.tan(a)],
  ["asin", () => [f64([2, 3], 4, -0.9, 0.9)], (a) => torch.asin(a)],
  ["acos", () => [f64([2, 3], 5, -0.9, 0.9)], (a) => torch.acos(a)],
  ["atan", () => [f64([2, 3], 6, -3, 3)], (a) => torch.atan(a)],
  ["sinh", () => [f64([2, 3], 7)], (a) => torch.sinh(a)],
  ["cosh", () => [f64([2, 3], 8)], (a) => torch.cosh(a)],
  ["asinh", () => [f64([2, 3], 9, -3, 3)], (a) => torch.asinh(a)],
  ["acosh", () => [f64([2, 3], 10, 1.2, 4)], (a) => torch.acosh(a)],
  ["atanh", () => [f64([2, 3], 11, -0.9, 0.9)], (a) => torch.atanh(a)],
  ["log2", () => [f64([2, 3], 12, 0.3, 4)], (a) => torch.log2(a)],
  ["log10", () => [f64([2, 3], 13, 0.3, 4)], (a) => torch.log10(a)],
  ["exp2", () => [f64([2, 3], 14, -3, 3)], (a) => torch.exp2(a)],
  ["lgamma", () => [f64([2, 3], 15, 0.2, 6)], (a) => torch.lgamma(a)],
  ["lgamma negative", () => [f64([2, 3], 16, -3.9, -0.1, [-3, -2, -1], 0.1)], (a) => torch.lgamma(a)],
  ["digamma", () => [f64([2, 3], 17, 0.2, 15)], (a) => torch.digamma(a)],
  ["digamma negative", () => [f64([2, 3], 18, -3.9, -0.1, [-3, -2, -1], 0.1)], (a) => torch.digamma(a)],
  ["polygamma 1", () => [f64([2, 3], 19, 0.2, 6)], (a) => torch.polygamma(1, a)],
  ["polygamma 2", () => [f64([2, 3], 20, 0.2, 6)], (a) => torch.polygamma(2, a)],
  ["polygamma 3 negative", () => [f64([2, 3], 21, -2.9, -0.1, [-2, -1], 0.1)], (a) => torch.polygamma(3, a)],
  ["sinc", () => [f64([2, 3], 22, -3, 3, [0], 0.01)], (a) => torch.sinc(a)],
  ["deg2rad", () => [f64([2, 3], 23)], (a) => torch.deg2rad(a)],
  ["rad2deg", () => [f64([2, 3], 24)], (a) => torch.rad2deg(a)],
  ["logit", () => [f64([2, 3], 25, 0.05, 0.95)], (a) => torch.logit(a)],
  ["logit eps", () => [f64([2, 3], 26, 0.05, 0.95, [0.2, 0.8])], (a) => torch.logit(a, { eps: 0.2 })],
  ["frac", () => [f64([2, 3], 27, -3, 3, [-2, -1, 0, 1, 2])], (a) => torch.frac(a)],
  ["tan_ of a non-leaf", () => [f64([2, 3], 28, -1.3, 1.3)], (a) => a.mul(1).tan_()],
  ["polygamma_ of a non-leaf", () => [f64([2, 3], 29, 0.2, 6)], (a) => a.mul(1).polygamma_(2)],
  ["logit_ of a non-leaf", () => [f64([2, 3], 30, 0.05, 0.95)], (a) => a.mul(1).logit_(0.1)],
];

gradcheckSuites(cases, { first: "gradcheck (float64 finite differences)", second: "gradgradcheck (double backward)" });

test("known gaps: float32 sinh/cosh round once where glibc does not", () => {
  // PyTorch prints tensor([-548.3162]) and tensor([74.2100]) (test/golden/umath.json).
  torch.tidy(() => {
    expect(String(torch.lgamma(torch.tensor([1.0, 2.0])))).toBe("tensor([0., 0.])");
    expect(String(torch.sinh(torch.tensor([-7.0])))).toBe("tensor([-548.3161])");
    expect(String(torch.cosh(torch.tensor([5.0])))).toBe("tensor([74.2099])");
  });
});

test("in place, asinh_/acosh_/atanh_ record PyTorch's nodes without a formula", () => {
  torch.tidy(() => {
    const x = torch.tensor([0.5, 0.25], { requiresGrad: true });
    const y = x.mul(1).asinh_();
    expect(y.gradFn?.name()).toBe("AsinhBackward1");
    expect(() => y.sum().backward()).toThrow("the derivative for 'inplace version of asinh' is not implemented.");
  });
});

test("polygamma's n and logit's eps are checked with PyTorch's words", () => {
  const x = torch.tensor([0.5]);
  expect(() => torch.polygamma(1.5, x)).toThrow("polygamma(): argument 'n' (position 1) must be int, not float");
  expect(() => torch.polygamma(-1, x)).toThrow("polygamma(n, x) does not support negative n.");
  expect(() => x.polygamma_(-2)).toThrow("polygamma(n, x) does not support negative n.");
  expect(() => torch.logit(x, "a" as unknown as number)).toThrow("logit(): argument 'eps' must be float, not str");
  const logitLoose = torch.logit as unknown as (...a: unknown[]) => unknown;
  expect(() => logitLoose(x, 0.1, 0.2)).toThrow(TypeError);
});
