// The movement ops against PyTorch 1.13 goldens (test/golden/gen_movement.py):
// values, printed forms, grad_fn names and edges, grads and their backward, errors.

import { describe, test } from "vitest";
import { loadGolden } from "./helpers/golden.js";
import { runCase, type ShapeCase } from "./helpers/shapeCases.js";

const golden = loadGolden<ShapeCase>("movement");

/** Known gaps outside the op under test (none now: the engine records grad casts as ToCopyBackward0). */
const GAPS: Record<string, string> = {};

describe("movement (PyTorch goldens)", () => {
  test.each(golden.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => runCase(c, GAPS[c.name]));
});
