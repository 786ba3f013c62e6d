// Step parity with PyTorch 1.13 (test/golden/gen_parity.py): a two-layer MLP
// (8 -> 16 -> 3, ReLU, cross-entropy) loaded from PyTorch's initial weights
// (a .safetensors file written by the generator), trained 20 steps on the same
// batches with SGD (momentum, Nesterov, weight decay), Adam and AdamW: every
// step's loss and the final weights agree to 1e-4 relative. Also: a training
// loop inside tidy leaves memory().bytesInUse unchanged step to step.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../src/index.js";
import { loadGolden, fromJson, decode } from "./helpers/golden.js";
import { makeOptimizer } from "./conformance/families/optim.js";
import type { ParityCase } from "./conformance/goldenCases.js";

const here = dirname(fileURLToPath(import.meta.url));
const golden = loadGolden<ParityCase>("parity");
const data = golden.cases.find((c) => c.name === "batches")!;
const nn = torch.nn;

function mlp(): torch.nn.Sequential {
  const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 3));
  const init = new Uint8Array(readFileSync(join(here, "golden", "parity", "mlp_init.safetensors")));
  torch.tidy(() => model.loadStateDict(torch.load(init)));
  return model;
}

const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

describe("20 training steps match PyTorch", () => {
  for (const c of golden.cases.filter((k) => k.optimizer)) {
    test(c.name, () => {
      const before = torch.memory().bytesInUse;
      const model = mlp();
      const opt = makeOptimizer(torch, c, model.parameters());
      const losses: number[] = [];
      data.xs!.forEach((xj, k) => {
        torch.tidy(() => {
          opt.zeroGrad();
          const loss = nn.functional.crossEntropy(model.call(fromJson(xj)), torch.tensor(data.targets![k]!));
          loss.backward();
          opt.step();
          losses.push(loss.item() as number);
        });
      });
      opt.zeroGrad();
      let maxLoss = 0, maxWeight = 0;
      losses.forEach((l, k) => (maxLoss = Math.max(maxLoss, relDiff(l, c.losses![k]!))));
      const sd = torch.tidy(() => model.stateDict());
      for (const [name, want] of c.final!) {
        const got = sd[name]!.toArray();
        want.data.forEach((v, i) => (maxWeight = Math.max(maxWeight, relDiff(got[i]!, decode(v)))));
      }
      torch.dispose(sd);
      console.log(`${c.name}: max relative difference over 20 steps: losses ${maxLoss.toExponential(2)}, final weights ${maxWeight.toExponential(2)}`);
      expect(maxLoss).toBeLessThan(1e-4);
      expect(maxWeight).toBeLessThan(1e-4);
      opt.dispose();
      model.dispose();
      expect(torch.memory().bytesInUse).toBe(before);
    });
  }
});

describe("memory in a training loop", () => {
  test("200 steps inside tidy leave bytesInUse unchanged step to step", () => {
    const model = new nn.Sequential(new nn.Linear(8, 16), new nn.GELU(), new nn.Dropout(0.1), new nn.LayerNorm(16), new nn.Linear(16, 3));
    for (const opt of [new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4 }), new torch.optim.AdamW(model.parameters(), { amsgrad: true })]) {
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
