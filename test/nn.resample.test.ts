// F.interpolate, pixel_shuffle, unfold / fold, lp_pool2d, max_unpool2d,
// dropout1d / dropout2d and their modules against PyTorch 1.13
// (test/golden/gen_resample.py, run by the "pool" conformance family), and
// float64 finite-difference checks of first and second derivatives.

import * as torch from "../src/index.js";
import { f64, goldensAndGradchecks, type GradCase } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

const x4 = () => [f64([2, 2, 3, 4], 1)];
const x3 = () => [f64([2, 3, 5], 2)];
const cases: GradCase[] = [
  ["nearest 2d", x4, (x) => F.interpolate(x, { scaleFactor: [1.7, 2] })],
  ["nearest 1d", x3, (x) => F.interpolate(x, { size: 7 })],
  ["bilinear", x4, (x) => F.interpolate(x, { size: [5, 7], mode: "bilinear" })],
  ["bilinear align corners", x4, (x) => F.interpolate(x, { size: [2, 7], mode: "bilinear", alignCorners: true })],
  ["linear", x3, (x) => F.interpolate(x, { scaleFactor: 1.5, mode: "linear" })],
  ["pixel shuffle", () => [f64([1, 8, 2, 3], 3)], (x) => F.pixelShuffle(x, 2)],
  ["pixel unshuffle", () => [f64([1, 2, 4, 6], 4)], (x) => F.pixelUnshuffle(x, 2)],
  ["unfold", () => [f64([1, 2, 5, 5], 5)], (x) => F.unfold(x, 3, { padding: 1, stride: 2 })],
  ["fold", () => [f64([1, 18, 20], 6)], (x) => F.fold(x, [4, 5], 3, { padding: 1 })],
  ["lp_pool2d", () => [f64([1, 2, 4, 6], 7, 0.5, 2)], (x) => F.lpPool2d(x, 3, 2)],
  [
    "max_unpool2d",
    () => [f64([1, 2, 2, 2], 8)],
    (x) =>
      F.maxUnpool2d(
        x,
        torch.tensor(
          [
            [
              [
                [0, 3],
                [9, 14],
              ],
              [
                [5, 2],
                [8, 15],
              ],
            ],
          ],
          { dtype: "int32" },
        ),
        2,
      ),
  ],
  [
    "interpolate non-contiguous",
    () => [f64([2, 4, 3, 2], 9)],
    (x) => F.interpolate(x.permute(0, 3, 2, 1), { scaleFactor: 2, mode: "bilinear" }),
  ],
];
goldensAndGradchecks("resampling", "resample", cases);
