// Step parity with PyTorch 1.13 (test/golden/gen_parity.py): a two-layer MLP
// (8 -> 16 -> 3, ReLU, cross-entropy) loaded from PyTorch's initial weights
// (a .safetensors file written by the generator), trained 20 steps on the same
// batches with SGD (momentum, Nesterov, weight decay), Adam and AdamW: every
// step's loss and the final weights agree to 1e-4 relative (the parity
// conformance family; here also with no memory left behind). Also: a training
// loop inside tidy leaves memory().bytesInUse unchanged step to step.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { loadGolden, fromJson, maxRelDiff, type TensorJson } from "./helpers/golden.js";
import { testFamily } from "./helpers/family.js";
import type { ParityCase } from "./conformance/goldenCases.js";

const golden = loadGolden<ParityCase>("parity");
const data = golden.cases.find((c) => c.name === "batches")!;
const nn = torch.nn;

describe("20 training steps match PyTorch", () => {
  testFamily("parity", (c, observed) => {
    // The runtimes allow an absolute 1e-7 besides; here relative alone, and the worst differences are reported.
    const maxLoss = maxRelDiff(observed.losses as TensorJson, c.expected.losses as TensorJson);
    const got = new Map(observed.final as [string, TensorJson][]);
    const maxWeight = Math.max(
      ...(c.expected.final as [string, TensorJson][]).map(([name, want]) => maxRelDiff(got.get(name)!, want)),
    );
    console.log(
      `${c.name}: max relative difference over 20 steps: losses ${maxLoss.toExponential(2)}, final weights ${maxWeight.toExponential(2)}`,
    );
    expect(maxLoss).toBeLessThan(1e-4);
    expect(maxWeight).toBeLessThan(1e-4);
  });
});

describe("memory in a training loop", () => {
  test("200 steps inside tidy leave bytesInUse unchanged step to step", () => {
    const model = new nn.Sequential(
      new nn.Linear(8, 16),
      new nn.GELU(),
      new nn.Dropout(0.1),
      new nn.LayerNorm(16),
      new nn.Linear(16, 3),
    );
    for (const opt of [
      new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4 }),
      new torch.optim.AdamW(model.parameters(), { amsgrad: true }),
    ]) {
      const x = fromJson(data.xs![0]!);
      const y = torch.tensor(data.targets![0]!);
      const step = () =>
        torch.tidy(() => {
          opt.zeroGrad();
          const loss = nn.functional.crossEntropy(model.call(x), y);
          loss.backward();
          opt.step();
          return loss.item();
        });
      // The first step creates the grads and the optimizer state; by the second, the allocator has
      // settled which blocks each step's tensors take (a reused block may be larger than asked for).
      step();
      step();
      const bytes = torch.memory().bytesInUse;
      const tensors = torch.memory().tensors;
      for (let i = 0; i < 200; i++) {
        step();
        expect(torch.memory().bytesInUse).toBe(bytes);
      }
      expect(torch.memory().tensors).toBe(tensors);
      opt.zeroGrad();
      opt.dispose();
      x.dispose();
      y.dispose();
    }
    model.dispose();
  });
});
