// The movement ops against PyTorch 1.13 goldens (test/golden/gen_movement.py):
// values, printed forms, grad_fn names and edges, grads and their backward, errors.

import { describe, test } from "vitest";
import { loadGolden } from "./helpers/golden.js";
import { runCase, type ShapeCase } from "./helpers/shapeCases.js";

const golden = loadGolden<ShapeCase>("movement");

/**
 * The engine casts a grad to its input's dtype without recording the cast
 * (castGrad in src/autograd/gradOps.ts), so createGraph loses the path
 * through it; PyTorch records ToCopyBackward0.
 */
const GAPS: Record<string, string> = {
  cat_float_double: "grad dtype casts are not recorded",
};

describe("movement (PyTorch goldens)", () => {
  test.each(golden.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => runCase(c, GAPS[c.name]));
});
