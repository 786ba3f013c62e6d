// torch.special against PyTorch 1.13 goldens (test/golden/gen_special.py):
// the special conformance family, each case also leaving no tensor behind.

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";

describe("special (PyTorch goldens)", () => testFamily("special"));
