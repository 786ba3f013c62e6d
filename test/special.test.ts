// torch.special against PyTorch 1.13 goldens (test/golden/gen_special.py):
// the special conformance family, each case also leaving no tensor behind.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("special (PyTorch goldens)", () => testFamily("special"));

describe("known differences from PyTorch 1.13", () => {
  // PyTorch's i0 and i1 evaluate exp(|x|) * chbevl(32 / |x| - 2) / sqrt(|x|) above 8,
  // which is inf / inf = NaN at +-inf; torchlet gives the limits, +-inf.
  test("i0 and i1 at +-inf are +-inf (PyTorch: NaN)", () => {
    torch.tidy(() => {
      for (const dtype of ["float32", "float64"] as const) {
        const x = torch.tensor([Infinity, -Infinity], { dtype });
        expect(torch.special.i0(x).tolist()).toEqual([Infinity, Infinity]);
        expect(torch.special.i1(x).tolist()).toEqual([Infinity, -Infinity]);
      }
    });
  });
});
