// The cross-runtime smoke test: a tiny two-layer net trained by hand with
// plain SGD (w = w - lr * grad under noGrad) on fixed data, the JS twin of
// test/golden/gen_training.py. Its final loss is compared with PyTorch's here
// and across runtimes by test/runtimes/main.ts.

import { fromJson, observe } from "../values.js";
import type { Family, Tensor, TensorJson, Torch } from "../types.js";
import { programs } from "./programs.js";

function train(torch: Torch, g: Record<string, unknown>) {
  const steps = g.steps as number,
    lr = g.lr as number;
  const x = fromJson(torch, g.x as TensorJson),
    y = fromJson(torch, g.y as TensorJson);
  let W1 = fromJson(torch, g.W1_0 as TensorJson, true);
  let w2 = fromJson(torch, g.w2_0 as TensorJson, true);
  let b = torch.zeros(1, { dtype: x.dtype, requiresGrad: true });
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const h = x.unsqueeze(2).mul(W1).sum(1).tanh(); // [16, 4]
    const pred = h.mul(w2).sum(1).add(b); // [16]
    const loss = pred.sub(y).pow(2).mean();
    loss.backward();
    losses.push(Number(loss.item()));
    const step = (p: Tensor): Tensor => torch.noGrad(() => p.sub(p.grad!.mul(lr))).requiresGrad_(true);
    [W1, w2, b] = [step(W1), step(w2), step(b)];
  }
  return {
    losses: observe(torch.tensor(losses, { dtype: x.dtype })),
    W1: observe(W1),
    w2: observe(w2),
    b: observe(b),
  };
}

/** mm, mv and a long dot on inexact float32 values: where relaxed SIMD's fused multiply-add shows. */
function fmaProbe(torch: Torch, g: Record<string, unknown>) {
  const [a, b, v, u, w] = (["A", "B", "v", "u", "w"] as const).map((k) => fromJson(torch, g[k] as TensorJson)) as [
    Tensor,
    Tensor,
    Tensor,
    Tensor,
    Tensor,
  ];
  return { mm: observe(torch.mm(a, b)), mv: observe(torch.mv(a, v)), dot: observe(torch.dot(u, w)) };
}

export const training: Family = (golden) => {
  const byName = Object.fromEntries(golden.cases.map((c) => [String(c.name), c]));
  const run = (name: string) => (torch: Torch) => train(torch, byName[name]!);
  const cases = programs(
    golden,
    {
      sgd_float32: run("sgd_float32"),
      sgd_float32_inexact: run("sgd_float32_inexact"),
      sgd_float64: run("sgd_float64"),
      fma_probe: (torch) => fmaProbe(torch, byName.fma_probe!),
    },
    { inputs: ["steps", "lr", "x", "y", "W1_0", "w2_0", "A", "B", "v", "u", "w"] },
  );
  // Float32 results of many steps or long sums differ from PyTorch's in the
  // summation order; the float64 case keeps the default (tight) tolerance.
  return cases.map((c) => (c.name === "sgd_float64" ? c : { ...c, tol: { rtol: 1e-5, atol: 1e-5 } }));
};
