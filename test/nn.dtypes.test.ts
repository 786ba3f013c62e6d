// nn ops on bfloat16 and float16 against PyTorch 1.13 goldens
// (test/golden/gen_nn_dtypes.py): the nn_dtypes conformance family.

import { describe } from "vitest";
import { testFamily } from "./helpers/family.js";

describe("nn ops on the half dtypes (PyTorch goldens)", () => testFamily("nn_dtypes"));
