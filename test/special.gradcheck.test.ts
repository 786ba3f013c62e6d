// float64 gradchecks (finite differences) and gradgradchecks (double
// backward) of the torch.special functions torch has no op for.

import * as torch from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const S = torch.special;

const cases: GradCase[] = [
  ["erfcx", () => [f64([2, 3], 1, -2, 9)], (x) => S.erfcx(x)],
  ["ndtri", () => [f64([2, 3], 2, 0.01, 0.99)], (x) => S.ndtri(x)],
  ["logNdtr", () => [f64([2, 3], 3, -7, 4)], (x) => S.logNdtr(x)],
  ["ndtr", () => [f64([2, 3], 4, -3, 3)], (x) => S.ndtr(x)],
  ["i0", () => [f64([2, 3], 5, -4, 4)], (x) => S.i0(x)],
  ["i0 large", () => [f64([2, 3], 6, 28, 35)], (x) => S.i0(x)],
  ["i0e", () => [f64([2, 3], 7, -4, 4, [0])], (x) => S.i0e(x)],
  ["i1", () => [f64([2, 3], 8, -4, 4)], (x) => S.i1(x)],
  ["i1e", () => [f64([2, 3], 9, -35, 35, [0])], (x) => S.i1e(x)],
  ["entr", () => [f64([2, 3], 10, 0.1, 3)], (x) => S.entr(x)],
  ["multigammaln", () => [f64([2, 3], 11, 1.5, 6)], (x) => S.multigammaln(x, 3)],
  ["xlog1py", () => [f64([2, 3], 12), f64([3], 13, -0.5, 3)], (x, y) => S.xlog1py(x, y)],
  ["xlog1py number self", () => [f64([2, 3], 14, -0.5, 3)], (y) => S.xlog1py(2.5, y)],
  ["xlog1py number other", () => [f64([2, 3], 15)], (x) => S.xlog1py(x, 0.75)],
  [
    "zeta w.r.t. other",
    () => [f64([2, 3], 16, 0.3, 4)],
    (q) => S.zeta(torch.tensor([2.5, 3, 4.5], { dtype: "float64" }), q),
  ],
  ["zeta number self", () => [f64([2, 3], 17, 0.3, 4)], (q) => S.zeta(3, q)],
];

gradcheckSuites(cases, { first: "special gradcheck (float64)", second: "special gradgradcheck (float64)" });
