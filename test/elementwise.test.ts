// The elementwise ops against PyTorch 1.13 goldens (test/golden/gen_elementwise.py):
// the elementwise conformance family (values, printed forms, grad_fn names,
// grads, error messages; float32/float64 math over wide value sweeps, within
// 2 ulp of PyTorch), and beyond it grad_fn edges, grads under createGraph,
// double backward, whole messages and memory (helpers/elementwise.ts).

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";
import { runOpCase, type OpCase } from "./helpers/elementwise.js";
import type { SweepCase } from "./conformance/goldenCases.js";

describe("elementwise ops, and math over value sweeps within 2 ulp (PyTorch goldens)", () => {
  testFamily<OpCase | SweepCase>("elementwise", (_c, observed, g) => {
    if (g.kind !== "sweep") runOpCase(g, observed);
  });
});
