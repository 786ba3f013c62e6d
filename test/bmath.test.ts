// The binary math ops (atan2, fmod, floor_divide, hypot, logaddexp,
// logaddexp2, xlogy, copysign, fmax, fmin, heaviside, lerp, nan_to_num)
// against PyTorch 1.13 goldens (test/golden/gen_bmath.py): the bmath
// conformance family, each case also leaving no tensor behind.

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";

describe("bmath (PyTorch goldens)", () => testFamily("bmath"));
