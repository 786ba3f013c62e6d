// The indexing ops against PyTorch 1.13 goldens (test/golden/gen_indexing.py):
// the indexing conformance family (values, printed forms, grad_fn names,
// grads, errors), plus what vitest checks beyond it.

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";

describe("indexing (PyTorch goldens)", () => testFamily("indexing"));
