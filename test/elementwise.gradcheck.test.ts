// Every elementwise rule against float64 central finite differences
// (autograd.gradcheck), and its double backward: the gradient of
// <grad(f)(x), v> checked the same way (PyTorch's gradgradcheck). Inputs
// stay away from kinks (0 for abs/relu/sqrt, ties for maximum, bounds for
// clamp), where a finite difference is not a derivative.

import * as torch from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

type Case = GradCase;

const cases: Case[] = [
  ["add", () => [f64([2, 3], 1), f64([3], 2)], (a, b) => torch.add(a, b, { alpha: 1.5 })],
  ["add number first", () => [f64([2, 3], 3)], (a) => torch.add(2, a, { alpha: -2 })],
  ["sub", () => [f64([2, 3], 4), f64([2, 1], 5)], (a, b) => torch.sub(a, b, { alpha: 0.5 })],
  ["rsub", () => [f64([2, 3], 6)], (a) => torch.sub(3, a, { alpha: 2 })],
  ["mul", () => [f64([2, 3], 7), f64([2, 3], 8)], (a, b) => torch.mul(a, b)],
  ["mul number first", () => [f64([3], 9)], (a) => torch.mul(2.5, a)],
  ["div", () => [f64([2, 3], 10), f64([2, 3], 11, 0.5, 2)], (a, b) => torch.div(a, b)],
  ["div number first", () => [f64([2, 3], 12, 0.5, 2)], (a) => torch.div(2, a)],
  ["pow scalar", () => [f64([2, 3], 13, 0.5, 2)], (a) => torch.pow(a, 2.5)],
  ["pow scalar 3", () => [f64([2, 3], 14)], (a) => torch.pow(a, 3)],
  ["pow tensor", () => [f64([2, 3], 15, 0.5, 2), f64([2, 3], 16)], (a, b) => torch.pow(a, b)],
  ["pow number base", () => [f64([2, 3], 17)], (a) => torch.pow(2.5, a)],
  ["remainder", () => [f64([2, 3], 18, -3, 3), f64([2, 3], 19, 0.7, 0.9)], (a, b) => torch.remainder(a, b)],
  ["remainder number", () => [f64([2, 3], 20, -3, 3)], (a) => torch.remainder(a, 0.75)],
  ["maximum", () => [f64([2, 3], 21), f64([2, 3], 22)], (a, b) => torch.maximum(a, b)],
  ["minimum", () => [f64([2, 3], 23), f64([3], 24)], (a, b) => torch.minimum(a, b)],
  ["neg", () => [f64([2, 3], 25)], (a) => torch.neg(a)],
  ["abs", () => [f64([2, 3], 26, -2, 2, [0])], (a) => torch.abs(a)],
  ["sqrt", () => [f64([2, 3], 27, 0.2, 3)], (a) => torch.sqrt(a)],
  ["rsqrt", () => [f64([2, 3], 28, 0.2, 3)], (a) => torch.rsqrt(a)],
  ["exp", () => [f64([2, 3], 29)], (a) => torch.exp(a)],
  ["log", () => [f64([2, 3], 30, 0.2, 3)], (a) => torch.log(a)],
  ["log1p", () => [f64([2, 3], 31, -0.8, 3)], (a) => torch.log1p(a)],
  ["expm1", () => [f64([2, 3], 32)], (a) => torch.expm1(a)],
  ["erf", () => [f64([2, 3], 61, -2, 2)], (a) => torch.erf(a)],
  ["sin", () => [f64([2, 3], 33, -4, 4)], (a) => torch.sin(a)],
  ["cos", () => [f64([2, 3], 34, -4, 4)], (a) => torch.cos(a)],
  ["tanh", () => [f64([2, 3], 35)], (a) => torch.tanh(a)],
  ["sigmoid", () => [f64([2, 3], 36, -4, 4)], (a) => torch.sigmoid(a)],
  ["relu", () => [f64([2, 3], 37, -2, 2, [0])], (a) => torch.relu(a)],
  ["square", () => [f64([2, 3], 38)], (a) => torch.square(a)],
  ["reciprocal", () => [f64([2, 3], 39, 0.3, 2)], (a) => torch.reciprocal(a)],
  ["clamp", () => [f64([2, 3], 40, -2, 2, [-0.5, 0.75])], (a) => torch.clamp(a, -0.5, 0.75)],
  [
    "clamp tensor bounds",
    () => [f64([2, 3], 41, -2, 2, [-0.5, 0.5]), f64([2, 1], 42, -1.5, -0.6), f64([3], 43, 0.6, 1.5)],
    (a, lo, hi) => torch.clamp(a, lo, hi),
  ],
  ["where", () => [f64([2, 3], 44), f64([3], 45)], (a, b) => torch.where(torch.gt(a, 0), a, b)],
  ["where number", () => [f64([2, 3], 46)], (a) => torch.where(torch.gt(a, 0), 1.5, a)],
  ["clone", () => [f64([2, 3], 47)], (a) => torch.clone(a)],
  [
    "non-contiguous inputs",
    () => [f64([3, 2], 48), f64([1, 3], 49, 0.5, 2)],
    (a, b) => torch.div(a.t(), b.expand(2, 3)),
  ],
  [
    "in-place chain",
    () => [f64([2, 3], 50, 0.5, 2), f64([2, 3], 51, 0.5, 2)],
    (a, b) => a.mul(1).mul_(b).div_(b.add(1)).sin_().add_(b, { alpha: 2 }).pow_(2),
  ],
  ["copy_ and fill_", () => [f64([2, 3], 52), f64([3], 53)], (a, b) => a.mul(2).copy_(b).mul_(a)],
];

gradcheckSuites(cases, { first: "gradcheck (float64 finite differences)", second: "gradgradcheck (double backward)" });
