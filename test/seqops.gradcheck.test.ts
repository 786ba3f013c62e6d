// The rules of the ops of issue 17 against float64 central finite
// differences (autograd.gradcheck), first and second order (the backward of
// the backward, PyTorch's gradgradcheck). Inputs are random, so the sorting
// and extremum ops see no ties, where a finite difference is not a derivative.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const mask = (): Tensor =>
  torch.tensor([
    [true, false, true, false],
    [false, false, true, true],
    [true, true, false, false],
  ]);
const T = (t: Tensor): Tensor => t.t();

const cases: GradCase[] = [
  ["maskedFill", () => [f64([3, 4], 1)], (a) => torch.maskedFill(a, mask(), -1.5)],
  ["maskedFill broadcast input", () => [f64([4], 2)], (a) => a.maskedFill(mask(), 0)],
  ["maskedFill tensor value", () => [f64([3, 4], 3), f64([], 4)], (a, v) => torch.maskedFill(a, mask(), v)],
  ["maskedFill_", () => [f64([3, 4], 5)], (a) => a.mul(1).maskedFill_(mask(), 2)],
  ["tril", () => [f64([2, 3, 4], 6)], (a) => torch.tril(a, -1)],
  ["triu transposed", () => [f64([4, 3], 7)], (a) => torch.triu(T(a), 1)],
  ["triu_", () => [f64([3, 3], 8)], (a) => a.mul(1).triu_()],
  ["cumsum", () => [f64([3, 4], 9)], (a) => torch.cumsum(a, 1)],
  ["cumsum dim 0, transposed", () => [f64([4, 3], 10)], (a) => torch.cumsum(T(a), 0)],
  ["cumprod", () => [f64([3, 4], 11, 0.5, 1.5)], (a) => torch.cumprod(a, 1)],
  ["cumprod dim 0", () => [f64([4, 5], 12, -1.5, 1.5, [0], 0.2)], (a) => a.cumprod(0)],
  ["logcumsumexp", () => [f64([3, 5], 13)], (a) => torch.logcumsumexp(a, -1)],
  ["cummax", () => [f64([3, 5], 14)], (a) => torch.cummax(a, 1).values],
  ["cummin dim 0", () => [f64([4, 3], 15)], (a) => torch.cummin(a, 0).values],
  ["diff", () => [f64([3, 5], 16)], (a) => torch.diff(a, { n: 2 })],
  [
    "diff prepend append",
    () => [f64([3, 4], 17), f64([1, 4], 18), f64([2, 4], 19)],
    (a, p, q) => torch.diff(a, { dim: 0, prepend: p, append: q }),
  ],
  ["flip", () => [f64([2, 3, 4], 20)], (a) => torch.flip(a, [0, 2])],
  ["roll", () => [f64([3, 4], 21)], (a) => torch.roll(a, [1, -1], [0, 1])],
  ["roll flat", () => [f64([3, 4], 22)], (a) => torch.roll(a, 5)],
  ["repeat", () => [f64([2, 3], 23)], (a) => a.repeat(2, 1, 2)],
  ["tile", () => [f64([2, 3], 24)], (a) => torch.tile(a, [2])],
  ["sort", () => [f64([3, 5], 25)], (a) => torch.sort(a, 1).values],
  ["sort descending", () => [f64([4, 3], 26)], (a) => torch.sort(T(a), { dim: 0, descending: true }).values],
  ["topk", () => [f64([3, 5], 27)], (a) => torch.topk(a, 2).values],
  ["kthvalue", () => [f64([3, 5], 28)], (a) => torch.kthvalue(a, 2, 1).values],
  ["median", () => [f64([3, 5], 29)], (a) => torch.median(a)],
  ["median dim keepdim", () => [f64([4, 5], 30)], (a) => torch.median(a, 1, true).values],
  ["mode", () => [f64([3, 5], 31)], (a) => torch.mode(a, 0).values],
  ["rot90", () => [f64([3, 4], 32)], (a) => torch.rot90(a, 1)],
  ["rot90 k=3, dims [1, 0]", () => [f64([2, 3, 4], 33)], (a) => torch.rot90(a, 3, [2, 0])],
  ["repeatInterleave", () => [f64([2, 3], 34)], (a) => torch.repeatInterleave(a, 2, { dim: 1 })],
  ["diagonal", () => [f64([3, 4], 35)], (a) => torch.diagonal(a, { offset: 1 })],
  ["diagonal batched", () => [f64([2, 3, 3], 36)], (a) => torch.diagonal(a, { dim1: 1, dim2: 2 })],
  ["diag of a vector", () => [f64([3], 37)], (a) => torch.diag(a, -1)],
  ["diag of a matrix", () => [f64([4, 3], 38)], (a) => torch.diag(a)],
  ["diagEmbed", () => [f64([2, 3], 39)], (a) => torch.diagEmbed(a, { offset: 1 })],
  ["movedim", () => [f64([2, 3, 4], 40)], (a) => torch.movedim(a, [0, 1], [2, 0])],
  ["unflatten", () => [f64([3, 4], 41)], (a) => torch.unflatten(a, 1, [2, 2])],
  ["atleast3d", () => [f64([3], 42)], (a) => torch.atleast3d(a)],
  [
    "meshgrid",
    () => [f64([3], 43), f64([2], 44)],
    (a, b) => {
      const [x, y] = torch.meshgrid(a, b, { indexing: "xy" });
      return x!.mul(y!);
    },
  ],
];

gradcheckSuites(cases, { first: "seqops gradcheck (float64)", second: "seqops gradgradcheck (float64)" });

describe("cumprod with zeros (PyTorch's zero-safe backward)", () => {
  const withZeros = (): Tensor =>
    torch.tensor(
      [
        [1.5, 0, 2, -0.5],
        [0, 0.75, 0, 2],
        [1.25, -2, 0.5, 0],
      ],
      { dtype: "float64", requiresGrad: true },
    );
  test.each([0, 1])("gradcheck along dim %i", (dim) => {
    torch.tidy(() => {
      expect(
        torch.autograd.gradcheck((a: Tensor) => torch.cumprod(a, dim), [withZeros()], {
          eps: 1e-6,
          atol: 1e-6,
          rtol: 1e-4,
        }),
      ).toBe(true);
    });
  });
});
