// Step parity (test/golden/gen_parity.py): a two-layer MLP (8 -> 16 -> 3,
// ReLU, cross-entropy) loaded from PyTorch's initial weights (the
// .safetensors fixture), trained 20 steps on PyTorch's batches with SGD
// (momentum, Nesterov, weight decay), Adam and AdamW (amsgrad): every step's
// loss and the final weights within 1e-4 relative of PyTorch's, in every
// runtime. test/parity.test.ts also checks memory.

import { fromJson, observe } from "../values.js";
import type { ParityCase } from "../goldenCases.js";
import type { Case, Family, GoldenFile, Optimizer, Tensor, TensorJson, Torch } from "../types.js";
import { fixture } from "./files.js";
import { makeOptimizer } from "./optim.js";

/** Losses are float32 values (PyTorch's, written as doubles): float32, so runtimes compare them as float32 (relaxed SIMD may fuse). */
export const float32 = (data: number[]): TensorJson => ({ shape: [data.length], dtype: "float32", data });

/** One optimizer step per batch of `data` (cross-entropy on its targets): each step's loss. */
export function trainLosses(
  torch: Torch,
  model: { call(x: Tensor): Tensor },
  opt: Optimizer,
  data: { xs?: TensorJson[]; targets?: number[][] },
): TensorJson {
  const losses = data.xs!.map((xj, k) =>
    torch.tidy(() => {
      opt.zeroGrad();
      const loss = torch.nn.functional.crossEntropy(model.call(fromJson(torch, xj)), torch.tensor(data.targets![k]!));
      loss.backward();
      opt.step();
      return loss.item() as number;
    }),
  );
  return float32(losses);
}

/** One case per trained run of a parity golden file; `data` is its "batches" record, the batches every run trains on. */
export function trainingCases<C extends { name: string }>(
  golden: GoldenFile,
  trained: (c: C) => boolean,
  toCase: (c: C, data: C) => Omit<Case, "family" | "name">,
): Case[] {
  const cases = golden.cases as unknown as C[];
  const data = cases.find((c) => c.name === "batches")!;
  return cases.filter(trained).map((c) => ({ family: golden.family, name: c.name, ...toCase(c, data) }));
}

export const parity: Family = (golden) =>
  trainingCases<ParityCase>(
    golden,
    (c) => c.optimizer !== undefined,
    (c, data) => ({
      expected: { losses: float32(c.losses!), final: c.final },
      tol: { rtol: 1e-4, atol: 1e-7 },
      run: (torch: Torch) => {
        const nn = torch.nn;
        const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 3));
        let opt: Optimizer | null = null;
        try {
          torch.tidy(() => model.loadStateDict(torch.load(fixture(golden, "mlp_init.safetensors"))));
          opt = makeOptimizer(torch, c, model.parameters());
          const losses = trainLosses(torch, model, opt, data);
          opt.zeroGrad();
          const sd = model.stateDict();
          return { losses, final: c.final!.map(([name]) => [name, observe(sd[name]!)]) };
        } finally {
          opt?.dispose();
          model.dispose();
        }
      },
    }),
  );
