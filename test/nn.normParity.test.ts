// Training parity with batch norm and dropout (test/golden/gen_norm_parity.py,
// the norm_parity conformance family): 50 SGD steps of a net with
// BatchNorm2d, BatchNorm1d and Dropout from PyTorch's initial weights and
// seed; here held to 1e-4 relative alone, with the worst differences shown.

import { describe, expect } from "vitest";
import { maxRelDiff, type TensorJson } from "./helpers/golden.js";
import { testFamily } from "./helpers/family.js";

describe("50 training steps with batch norm and dropout match PyTorch", () => {
  testFamily("norm_parity", (c, observed) => {
    const maxLoss = maxRelDiff(observed.losses as TensorJson, c.expected.losses as TensorJson);
    console.log(`${c.name}: max relative difference of the 50 losses: ${maxLoss.toExponential(2)}`);
    expect(maxLoss).toBeLessThan(1e-4);
  });
});
