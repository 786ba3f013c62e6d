// float64 gradchecks (finite differences) and gradgradchecks (double
// backward) of the torch.special functions that are not torch ops under another name.

import * as torch from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const S = torch.special;

const cases: GradCase[] = [
  ["ndtr", () => [f64([2, 3], 4, -3, 3)], (x) => S.ndtr(x)],
  ["multigammaln", () => [f64([2, 3], 11, 1.5, 6)], (x) => S.multigammaln(x, 3)],
];

gradcheckSuites(cases, { first: "special gradcheck (float64)", second: "special gradgradcheck (float64)" });
