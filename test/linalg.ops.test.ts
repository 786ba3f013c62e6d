// matmul, mm, bmm, mv, dot, outer against PyTorch 1.13 goldens
// (test/golden/gen_linalg.py): the linalg conformance family (values, printed
// forms, the whole grad_fn graph, grads, errors), and beyond it tighter
// values, the method form, the graphs of the grads, the backward of the
// backward, whole messages and memory.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { expectClose, fromJson, isFloat } from "./helpers/golden.js";
import { expectWithin, testFamily } from "./helpers/family.js";
import { leakFree } from "./helpers/memory.js";
import { build, chainOf } from "./conformance/families/linalg.js";
import type { LinalgCase } from "./conformance/goldenCases.js";
import type { Case, Observed } from "./conformance/types.js";

/**
 * What vitest checks of a linalg golden case beyond the conformance family
 * (which has observed the value within the runtimes' summation tolerance,
 * the printed form, the grad_fn graph, first-order grads and the error):
 * the whole error message, the value within assert_close's default
 * tolerance, the method form, grads under createGraph and their graphs, the
 * second-order grads, and memory.
 */
function runCase(k: Case, observed: Observed, c: LinalgCase): void {
  if (c.error !== undefined) {
    expect(observed.error, "error message").toBe(c.error);
    return;
  }
  expectWithin(k, observed, "out", {});
  leakFree((keep) => {
    const grad = c.inputs.every((s) => isFloat(s.dtype));
    const made = c.inputs.map((s) => build(torch, s, grad));
    const [a, b] = made.map((m) => m[1]) as [Tensor, Tensor];
    const out = torch[c.op](a, b);
    expectClose(a[c.op](b), c.out!, {}, "method form");
    if (c.grads === undefined) return;
    const bases = made.map((m) => m[0]);
    const w = fromJson(c.w!, true);
    const grads = torch.autograd.grad(out.mul(w).sum(), bases, null, { createGraph: true });
    grads.forEach(keep);
    grads.forEach((g, i) => {
      expectClose(g!, c.grads![i]!, {}, `grad ${i}`);
      expect(chainOf(g!), `graph of grad ${i}`).toBe(c.gradChain![i]);
    });
    if (c.gg === undefined) return;
    const vs = c.vs!.map((v) => fromJson(v));
    let s2 = grads[0]!.mul(vs[0]!).sum();
    for (let i = 1; i < grads.length; i++) s2 = s2.add(grads[i]!.mul(vs[i]!).sum());
    const gg = torch.autograd.grad(s2, [...bases, w], null, { allowUnused: true });
    gg.forEach(keep);
    gg.forEach((g, i) => {
      const want = c.gg![i] ?? null;
      if (want === null) expect(g, `second-order grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `second-order grad ${i}`);
    });
  });
}

describe("linalg ops (PyTorch goldens)", () => testFamily<LinalgCase>("linalg", runCase));

describe("linalg ops: arguments", () => {
  test("non-tensor arguments name the op and argument", () => {
    const x = torch.ones(2, 2);
    expect(() =>
      torch.mm(x, [
        [1, 2],
        [3, 4],
      ] as never),
    ).toThrow("mm(): argument 'mat2' must be a Tensor, but got Array");
    expect(() => torch.matmul(2 as never, x)).toThrow("matmul(): argument 'input' must be a Tensor, but got number");
    expect(() => torch.dot(torch.ones(2), null as never)).toThrow(
      "dot(): argument 'tensor' must be a Tensor, but got null",
    );
    x.dispose();
  });

  test("results do not require grad under noGrad, and a disposed operand is refused", () => {
    const x = torch.ones(2, 3, { requiresGrad: true });
    const w = torch.ones(3, 4, { requiresGrad: true });
    const y = torch.noGrad(() => torch.matmul(x, w));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    w.dispose();
    expect(() => x.matmul(w)).toThrow(/disposed/);
    x.dispose();
    y.dispose();
  });

  test("errors thrown part-way through matmul's decomposition leave nothing behind", () => {
    const make = (...s: number[]) => torch.ones(s, { requiresGrad: true });
    const operands = [
      [make(5, 2, 3), torch.ones([3, 4], { dtype: "float64" })], // folded mm: after the reshape
      [make(2, 1, 2, 3).transpose(-1, -2), make(5, 3, 4)], // bmm: after expand, clone and views
      [make(4, 3), make(5, 2, 3)], // folded, transposed
      [make(3), make(4, 5)], // 1-D x 2-D: after the unsqueeze
    ] as const;
    const before = torch.memory();
    for (const [a, b] of operands) expect(() => torch.matmul(a, b)).toThrow();
    const after = torch.memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytesInUse).toBe(before.bytesInUse);
    torch.dispose(operands);
  });

  test("a saved operand modified in place makes backward throw", () => {
    const x = torch.ones(2, 3, { requiresGrad: true });
    const w = torch.ones(3, 4);
    const y = torch.mm(x, w);
    w.add_(1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
    torch.dispose([x, w, y]);
  });
});
