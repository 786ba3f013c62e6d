// The engine owns a formula's temporaries: what a rule's formulas make and do
// not return is freed when the node has run, and everything they made when
// one of them throws. Run outside any tidy scope, so nothing else frees them.

import { afterEach, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { NOT_DIFFERENTIABLE, rules, type Rule } from "../src/autograd/registry.js";

const original: Rule = rules.mul;
afterEach(() => {
  rules.mul = original;
});

/** Live tensors and bytes after `fn`, which disposes what it made, against before. */
function leaks(fn: () => void): { tensors: number; bytes: number } {
  const before = torch.memory();
  fn();
  const after = torch.memory();
  return { tensors: after.tensors - before.tensors, bytes: after.bytesInUse - before.bytesInUse };
}

describe("formula scopes", () => {
  test("temporaries a formula makes and does not return are freed", () => {
    // d(x * y)/dx written the long way: g * y through three temporaries.
    rules.mul = {
      ...original,
      grads: [(g: Tensor, s: { other: Tensor }) => g.mul(2).mul(s.other).add(0).div(2), NOT_DIFFERENTIABLE],
    };
    let grad: number[] = [];
    const d = leaks(() => {
      const x = torch.tensor([1, 2, 3], { requiresGrad: true });
      const y = torch.tensor([4, 5, 6]);
      const p = x.mul(y);
      const z = p.sum();
      z.backward();
      grad = x.grad!.tolist() as number[];
      for (const t of [x, y, p, z]) t.dispose();
    });
    expect(grad).toEqual([4, 5, 6]);
    expect(d).toEqual({ tensors: 0, bytes: 0 });
  });

  test("a formula that throws: the grads and temporaries made before are freed", () => {
    rules.mul = {
      ...original,
      grads: [
        (g: Tensor) => g.mul(3),
        (g: Tensor) => {
          g.add(1).mul(2);
          throw new Error("formula failed");
        },
      ],
    };
    const d = leaks(() => {
      const x = torch.tensor([1, 2, 3], { requiresGrad: true });
      const y = torch.tensor([4, 5, 6], { requiresGrad: true });
      const p = x.mul(y);
      const z = p.sum();
      expect(() => z.backward()).toThrow("formula failed");
      expect(x.grad).toBe(null);
      for (const t of [x, y, p, z]) t.dispose();
    });
    expect(d).toEqual({ tensors: 0, bytes: 0 });
  });
});
