// The views against PyTorch 1.13 goldens (test/golden/gen_views.py): the
// views conformance family (values, printed forms, grad_fn names, grads,
// errors), and beyond it grad_fn edges, grads under createGraph and their
// backward, whole error messages and memory (helpers/shapeCases.ts).

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";
import { runCase, type ShapeCase } from "./helpers/shapeCases.js";

describe("views (PyTorch goldens)", () => testFamily<ShapeCase>("views", (_c, observed, g) => runCase(g, observed)));
