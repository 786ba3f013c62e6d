// The binary math ops (atan2, fmod, floor_divide, hypot, logaddexp,
// logaddexp2, xlogy, copysign, fmax, fmin, heaviside, lerp, nan_to_num)
// against PyTorch 1.13 goldens (test/golden/gen_bmath.py): the bmath
// conformance family, each case also leaving no tensor behind. Beyond it:
// the value sweeps stay within an ulp bound of PyTorch's results.

import { describe, expect } from "vitest";
import { testFamily } from "./helpers/family.js";
import { decode } from "./conformance/values.js";
import { ulpDistance } from "./conformance/ulp.js";
import type { TensorJson } from "./conformance/types.js";

/**
 * Largest distance from PyTorch's value, in ulps of the result's dtype.
 * float32 ops compute in float64 and round once, where PyTorch calls the
 * float libm; fmod is exact. logaddexp and logaddexp2 cancel where the
 * result is near 0 (max(a, b) + log1p(...)): against long double, PyTorch
 * 1.13 is 35 and 40 ulps off on this sweep in float64 and 32 in float32,
 * torchlet 3 and 18 in float64 and 2 in float32, so the distance between
 * the two is PyTorch's error.
 */
const ULPS: Record<string, { float32: number; float64: number }> = {
  atan2: { float32: 1, float64: 1 },
  hypot: { float32: 1, float64: 1 },
  fmod: { float32: 0, float64: 0 },
  logaddexp: { float32: 40, float64: 48 },
  logaddexp2: { float32: 40, float64: 48 },
  xlogy: { float32: 1, float64: 1 },
};

function maxUlps(want: TensorJson, got: TensorJson): number {
  const dtype = want.dtype as "float32" | "float64";
  let worst = 0;
  want.data.forEach((w, i) => {
    worst = Math.max(worst, ulpDistance(decode(w), decode(got.data[i]!), dtype));
  });
  return worst;
}

describe("bmath (PyTorch goldens)", () =>
  testFamily<{ name: string; op: string }>("bmath", (c, observed, g) => {
    const m = /^(\w+)_sweep_(float32|float64)$/.exec(g.name);
    if (m === null) return;
    const worst = maxUlps(c.expected.out as TensorJson, observed.out as TensorJson);
    expect(worst, `${g.name}: ulps from PyTorch`).toBeLessThanOrEqual(ULPS[m[1]!]![m[2] as "float32"]);
  }));
