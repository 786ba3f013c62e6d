// Float64 finite-difference checks (gradcheck) and double-backward checks
// (gradgradcheck) of every differentiable indexing op, with transposed
// inputs, repeated indices where the op accumulates, negative dims, and the
// masked_select case where PyTorch 1.13's own gradient is wrong (see
// test/golden/gen_indexing.py).

import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const idx = (data: number[] | number[][]) => torch.tensor(data, { dtype: "int32" });
const mask = () =>
  torch.tensor([
    [true, false, true, false],
    [false, false, true, true],
    [true, true, false, false],
  ]);
const I0 = () =>
  idx([
    [0, 1, 2, 0],
    [2, 0, 1, 1],
  ]);
const Idup = () =>
  idx([
    [0, 0, 2, 0],
    [0, 0, 2, 2],
  ]);
/** Values apart from each other, so amax / amin have one winner per position and prod no zero. */
const distinct = (shape: number[], seed: number) => f64(shape, seed, 0.5, 3);

const cases: GradCase[] = [
  ["scatter", () => [f64([3, 4], 1), f64([2, 4], 2)], (x, s) => torch.scatter(x, 0, I0(), s)],
  [
    "scatter value, dim -1",
    () => [f64([4, 3], 3)],
    (x) =>
      x.t().scatter(
        -1,
        idx([
          [3, 0],
          [1, 2],
        ]),
        2.5,
      ),
  ],
  ["scatter_ on a clone", () => [f64([3, 4], 4), f64([2, 4], 5)], (x, s) => x.clone().scatter_(0, I0(), s)],
  ["scatterAdd repeats", () => [f64([3, 4], 6), f64([2, 4], 7)], (x, s) => torch.scatterAdd(x, 0, Idup(), s)],
  [
    "scatterAdd_ transposed",
    () => [f64([4, 3], 8), f64([4, 2], 9)],
    (x, s) => x.t().clone().scatterAdd_(0, Idup(), s.t()),
  ],
  ...(["sum", "prod", "mean", "amax", "amin"] as const).flatMap((r): GradCase[] => [
    [
      `scatterReduce ${r}`,
      () => [distinct([3, 4], 10), distinct([2, 4], 11)],
      (x, s) => torch.scatterReduce(x, 0, Idup(), s, r),
    ],
    [
      `scatterReduce ${r} includeSelf false`,
      () => [distinct([3, 4], 12), distinct([2, 4], 13)],
      (x, s) => torch.scatterReduce(x, 0, Idup(), s, r, { includeSelf: false }),
    ],
  ]),
  [
    "indexAdd alpha, repeats",
    () => [f64([3, 4], 14), f64([3, 4], 15)],
    (x, s) => torch.indexAdd(x, 0, idx([1, 1, 0]), s, { alpha: -1.5 }),
  ],
  ["indexCopy dim -1", () => [f64([3, 4], 16), f64([3, 2], 17)], (x, s) => torch.indexCopy(x, -1, idx([3, 1]), s)],
  ["indexFill", () => [f64([3, 4], 18)], (x) => torch.indexFill(x, 1, idx([-1, 0]), 0.5)],
  ["indexFill tensor value", () => [f64([3, 4], 19), f64([], 20)], (x, v) => torch.indexFill(x, 0, idx([2]), v)],
  [
    "take",
    () => [f64([4, 3], 21)],
    (x) =>
      torch.take(
        x.t(),
        idx([
          [0, 5],
          [11, 5],
        ]),
      ),
  ],
  ["takeAlongDim", () => [f64([3, 4], 22)], (x) => torch.takeAlongDim(x, idx([[0], [3], [1]]), 1)],
  ["maskedSelect transposed", () => [f64([4, 3], 23)], (x) => torch.maskedSelect(x.t(), mask())],
  ["maskedSelect broadcast", () => [f64([4], 24)], (x) => torch.maskedSelect(x, mask())],
  ["maskedScatter", () => [f64([3, 4], 25), f64([8], 26)], (x, s) => torch.maskedScatter(x, mask(), s)],
  [
    "index one dim, 2-D index, transposed",
    () => [f64([4, 3], 33)],
    (x) =>
      x.t().index([
        null,
        idx([
          [0, 2],
          [1, 1],
        ]),
      ]),
  ],
  ["index separated", () => [f64([2, 3, 4], 27)], (x) => x.index([idx([1, 0]), null, idx([3, 1])])],
  [
    "index repeats and mask",
    () => [f64([3, 4], 28)],
    (x) => x.index([idx([2, 2, 0]), null]).add(x.index([mask()]).sum()),
  ],
  [
    "indexPut accumulate",
    () => [f64([3, 4], 29), f64([3], 30)],
    (x, v) => torch.indexPut(x, [idx([0, 0, 2]), idx([3, 3, 1])], v, true),
  ],
  [
    "indexPut_ with a slice",
    () => [f64([3, 4], 31), f64([3, 2], 32)],
    (x, v) => x.clone().indexPut_([null, idx([3, 0])], v),
  ],
];

gradcheckSuites(cases as [string, () => Tensor[], (...xs: Tensor[]) => Tensor][], {
  first: "gradcheck (float64 finite differences)",
  second: "gradgradcheck (double backward)",
});
