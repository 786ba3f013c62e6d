// The binary math rules (src/autograd/rules/binaryMath.ts) against float64
// central finite differences, and their double backward. Inputs stay away
// from kinks: fmod's jumps, copysign at 0, ties of fmax/fmin.

import * as torch from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const cases: GradCase[] = [
  ["atan2", () => [f64([2, 3], 1), f64([3], 2, 0.5, 2)], (a, b) => torch.atan2(a, b)],
  ["atan2 in place", () => [f64([2, 3], 3), f64([2, 3], 4, -2, 2, [0])], (a, b) => a.mul(1).atan2_(b)],
  ["fmod", () => [f64([2, 3], 5, -3, 3), f64([2, 3], 6, 0.7, 0.9)], (a, b) => torch.fmod(a, b)],
  ["fmod number", () => [f64([2, 3], 7, -3, 3)], (a) => torch.fmod(a, 0.75)],
  ["hypot", () => [f64([2, 3], 8), f64([2, 1], 9, 0.5, 2)], (a, b) => torch.hypot(a, b)],
  ["hypot in place", () => [f64([2, 3], 10), f64([3], 11, 0.5, 2)], (a, b) => a.mul(1).hypot_(b)],
  ["logaddexp", () => [f64([2, 3], 12), f64([3], 13)], (a, b) => torch.logaddexp(a, b)],
  ["logaddexp2", () => [f64([2, 3], 14), f64([2, 3], 15)], (a, b) => torch.logaddexp2(a, b)],
  ["xlogy", () => [f64([2, 3], 16), f64([2, 3], 17, 0.3, 3)], (a, b) => torch.xlogy(a, b)],
  ["xlogy number self", () => [f64([2, 3], 18, 0.3, 3)], (a) => torch.xlogy(2.5, a)],
  ["xlogy number other", () => [f64([2, 3], 19)], (a) => torch.xlogy(a, 3)],
  ["xlogy in place", () => [f64([2, 3], 20), f64([2, 3], 21, 0.3, 3)], (a, b) => a.mul(1).xlogy_(b)],
  ["copysign", () => [f64([2, 3], 22, -2, 2, [0]), f64([2, 3], 23)], (a, b) => torch.copysign(a, b)],
  ["copysign number", () => [f64([2, 3], 24, -2, 2, [0])], (a) => torch.copysign(a, -1)],
  ["copysign in place", () => [f64([2, 3], 25, -2, 2, [0]), f64([3], 26)], (a, b) => a.mul(1).copysign_(b)],
  ["fmax", () => [f64([2, 3], 27), f64([2, 3], 28)], (a, b) => torch.fmax(a, b)],
  ["fmin", () => [f64([2, 3], 29), f64([3], 30)], (a, b) => torch.fmin(a, b)],
  ["lerp number", () => [f64([2, 3], 31), f64([2, 3], 32)], (a, b) => torch.lerp(a, b, 0.3)],
  ["lerp number high", () => [f64([2, 3], 33), f64([3], 34)], (a, b) => torch.lerp(a, b, 0.8)],
  [
    "lerp tensor, broadcast",
    () => [f64([2, 1], 35), f64([3], 36), f64([2, 3], 37, -0.5, 1.5)],
    (a, b, w) => torch.lerp(a, b, w),
  ],
  ["lerp in place", () => [f64([2, 3], 38), f64([2, 3], 39), f64([3], 40)], (a, b, w) => a.mul(1).lerp_(b, w)],
  ["nan_to_num", () => [f64([2, 3], 41)], (a) => torch.nanToNum(a.mul(2))],
  ["nan_to_num in place", () => [f64([2, 3], 42)], (a) => a.mul(2).nanToNum_({ posinf: 1 })],
  ["non-contiguous", () => [f64([3, 2], 43), f64([1, 3], 44, 0.5, 2)], (a, b) => torch.atan2(a.t(), b.expand(2, 3))],
];

gradcheckSuites(cases, { first: "gradcheck (float64 finite differences)", second: "gradgradcheck (double backward)" });
