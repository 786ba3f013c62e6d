// Step parity (test/golden/gen_parity.py): a two-layer MLP (8 -> 16 -> 3,
// ReLU, cross-entropy) loaded from PyTorch's initial weights (the
// .safetensors fixture), trained 20 steps on PyTorch's batches with SGD
// (momentum, Nesterov, weight decay), Adam and AdamW (amsgrad): every step's
// loss and the final weights within 1e-4 relative of PyTorch's, in every
// runtime. test/parity.test.ts also checks memory.

import { fromJson, observe } from "../values.js";
import type { ParityCase } from "../goldenCases.js";
import type { Case, Family, Optimizer, TensorJson, Torch } from "../types.js";
import { fixture } from "./files.js";
import { makeOptimizer } from "./optim.js";

// Losses are float32 values (PyTorch's, written as doubles): float32, so runtimes compare them as float32 (relaxed SIMD may fuse).
const float32 = (data: number[]): TensorJson => ({ shape: [data.length], dtype: "float32", data });

export const parity: Family = (golden) => {
  const cases = golden.cases as unknown as ParityCase[];
  const data = cases.find((c) => c.name === "batches")!;
  return cases
    .filter((c) => c.optimizer !== undefined)
    .map((c): Case => ({
      family: golden.family,
      name: c.name,
      expected: { losses: float32(c.losses!), final: c.final },
      tol: { rtol: 1e-4, atol: 1e-7 },
      run: (torch: Torch) => {
        const nn = torch.nn;
        const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 3));
        let opt: Optimizer | null = null;
        try {
          torch.tidy(() => model.loadStateDict(torch.load(fixture(golden, "mlp_init.safetensors"))));
          opt = makeOptimizer(torch, c, model.parameters());
          const losses = data.xs!.map((xj, k) =>
            torch.tidy(() => {
              opt!.zeroGrad();
              const loss = nn.functional.crossEntropy(model.call(fromJson(torch, xj)), torch.tensor(data.targets![k]!));
              loss.backward();
              opt!.step();
              return loss.item() as number;
            }),
          );
          opt.zeroGrad();
          const sd = model.stateDict();
          return { losses: float32(losses), final: c.final!.map(([name]) => [name, observe(sd[name]!)]) };
        } finally {
          opt?.dispose();
          model.dispose();
        }
      },
    }));
};
