// The views against PyTorch 1.13 goldens (test/golden/gen_views.py): values,
// printed forms, grad_fn names and edges, grads and their backward, errors.

import { describe, test } from "vitest";
import { loadGolden } from "./helpers/golden.js";
import { runCase, type ShapeCase } from "./helpers/shapeCases.js";

const golden = loadGolden<ShapeCase>("views");

describe("views (PyTorch goldens)", () => {
  test.each(golden.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => runCase(c));
});
