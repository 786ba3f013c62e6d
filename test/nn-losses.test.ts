// Fused losses against PyTorch (test/golden/gen_losses.py), values and grads,
// plus float64 finite-difference checks of the backward formulas.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden, make, expectClose, type InputSpec, type TensorJson } from "./helpers/golden.js";

interface Case {
  name: string;
  op: string;
  input: InputSpec;
  target: InputSpec;
  opts: Record<string, InputSpec | string>;
  out?: TensorJson;
  grad_input?: TensorJson;
  grad_target?: TensorJson;
  printed?: string;
  grad_fn?: string;
  error?: string;
}

const golden = loadGolden<Case>("losses");
const F = torch.nn.functional;

function run(c: Case): { out: Tensor; x: Tensor; t: Tensor } {
  const [x, xin] = make(c.input, true);
  const [t, tin] = make(c.target, true);
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.opts)) {
    if (typeof v === "string") opts[k] = v;
    else opts[k === "pos_weight" ? "posWeight" : k] = make(v)[1];
  }
  return { out: F.binaryCrossEntropyWithLogits(xin, tin, opts), x, t };
}

describe("binaryCrossEntropyWithLogits", () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      if (c.error) {
        expect(() => run(c)).toThrow(c.error);
        return;
      }
      const before = torch.memory().bytesInUse;
      torch.tidy(() => {
        const { out, x, t } = run(c);
        const tol = c.input.dtype === "float32" ? { rtol: 1e-5, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-12 };
        expectClose(out, c.out!, tol, "out");
        expect(String(out)).toBe(c.printed);
        expect(out.gradFn!.name()).toBe(c.grad_fn);
        if (out.numel() > 0) {
          out.backward(c.opts.reduction === "none" ? torch.onesLike(out) : null);
          expectClose(x.grad!, c.grad_input!, tol, "grad input");
          expectClose(t.grad!, c.grad_target!, tol, "grad target");
        }
        torch.dispose([x, t]);
      });
      expect(torch.memory().bytesInUse).toBe(before);
    });
  }

  test("double backward matches finite differences (float64)", () => {
    const x = torch.tensor([[0.5, -1.25, 2], [0.1, 3, -0.3]], { dtype: "float64", requiresGrad: true });
    const t = torch.tensor([[1, 0, 0.5], [0.25, 1, 0]], { dtype: "float64", requiresGrad: true });
    const pw = torch.tensor([2, 0.5, 1.5], { dtype: "float64" });
    const w = torch.tensor([1, 2, 0.5], { dtype: "float64" });
    const loss = (a: Tensor, b: Tensor) => F.binaryCrossEntropyWithLogits(a, b, { posWeight: pw, weight: w });
    expect(torch.autograd.gradcheck(loss, [x, t])).toBe(true);
    // Gradient of the gradient: check d/dx of sum(dL/dx) numerically.
    const gfn = (a: Tensor, b: Tensor) => torch.autograd.grad(loss(a, b), [a], null, { createGraph: true })[0]!.sum();
    expect(torch.autograd.gradcheck(gfn, [x, t])).toBe(true);
  });
});
