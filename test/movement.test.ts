// The movement ops against PyTorch 1.13 goldens (test/golden/gen_movement.py):
// the movement conformance family (values, printed forms, grad_fn names,
// grads, errors), and beyond it grad_fn edges, grads under createGraph and
// their backward, whole error messages and memory (helpers/shapeCases.ts).

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";
import { runCase, type ShapeCase } from "./helpers/shapeCases.js";

/** Known gaps outside the op under test (none now: the engine records grad casts as ToCopyBackward0). */
const GAPS: Record<string, string> = {};

describe("movement (PyTorch goldens)", () =>
  testFamily<ShapeCase>("movement", (_c, observed, g) => runCase(g, observed, GAPS[g.name])));
