// The ops of issue 17 (masking, triangles, scans, sorting and selection,
// shape ops) against PyTorch 1.13 goldens (test/golden/gen_seqops.py): the
// seqops conformance family, each case also leaving no tensor behind.
// Beyond it: float32 scans are bit-identical to PyTorch's (both accumulate
// in float64 and round each output once).

import { describe } from "vitest";
import { expectIdentical, testFamily } from "./helpers/family.js";

const exactScans = /^(cumsum|cumprod|logcumsumexp|cummax|cummin)_/;

describe("seqops (PyTorch goldens)", () =>
  testFamily<{ name: string; out?: unknown }>("seqops", (c, observed, g) => {
    if (!exactScans.test(g.name) || Array.isArray(g.out)) return;
    if ((c.expected.out as { dtype?: string } | undefined)?.dtype !== "float32") return;
    expectIdentical(c, observed, "out");
  }));
