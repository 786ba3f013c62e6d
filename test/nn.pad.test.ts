// F.pad and the padding modules against PyTorch 1.13 (test/golden/gen_pad.py,
// run by the "pool" conformance family), and float64 finite-difference
// checks of first and second derivatives.

import * as torch from "../src/index.js";
import { f64, goldensAndGradchecks, type GradCase } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

const x4 = () => [f64([2, 2, 4, 5], 1)];
const x3 = () => [f64([2, 3, 5], 2)];
const cases: GradCase[] = [
  ["constant", x4, (x) => F.pad(x, [1, 2, 0, 1], { value: 0.5 })],
  ["constant negative", x4, (x) => F.pad(x, [-1, 2, 1, -2])],
  ["reflect 1d", x3, (x) => F.pad(x, [2, 3], { mode: "reflect" })],
  ["reflect 2d", x4, (x) => F.pad(x, [1, 2, 3, 1], { mode: "reflect" })],
  ["replicate 1d", x3, (x) => F.pad(x, [4, 1], { mode: "replicate" })],
  ["replicate 2d", x4, (x) => F.pad(x, [1, 2, 3, 1], { mode: "replicate" })],
  ["circular 2d", x4, (x) => F.pad(x, [1, 2, 3, 1], { mode: "circular" })],
  [
    "reflect non-contiguous",
    () => [f64([2, 5, 4, 2], 3)],
    (x) => F.pad(x.permute(0, 3, 2, 1), [1, 1, 2, 2], { mode: "reflect" }),
  ],
];
goldensAndGradchecks("pad", "pad", cases);
