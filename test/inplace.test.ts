// In-place ops: PyTorch goldens (values, printed forms, versions, grad_fn and
// edges, grads through in-place chains, errors, the "modified by an inplace
// operation" scenarios: the inplace conformance family, and more), and
// torchlet's own rules: version counters shared with views, aliasing reads
// done before writes, no leaks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { runInplaceCase, type InplaceCase } from "./helpers/elementwise.js";
import { leakFree } from "./helpers/memory.js";
import { runViewCase, type ViewCase } from "./helpers/viewSteps.js";

type Scenario = { kind: "scenario"; name: string; error: string };

describe("in-place ops, on views (CopySlices, regenerated view grad_fns), backward after an in-place change (PyTorch goldens)", () => {
  testFamily<InplaceCase | ViewCase | Scenario>("inplace", (_c, observed, g) => {
    if (g.kind === "inplace") runInplaceCase(g, observed);
    else if (g.kind === "views") runViewCase(g, observed);
    else expect(observed.error, "the whole message").toBe(g.error);
  });
});

const values = (t: Tensor) => Array.from(t.toArray() as Float32Array);

describe("versions, views and aliasing", () => {
  test("views and detach() share the version counter; .data does not", () => {
    leakFree(() => {
      const x = torch.zeros(2, 3);
      const v = x.select(0, 1);
      const d = x.detach();
      v.add_(1);
      expect([x._version, v._version, d._version]).toEqual([1, 1, 1]);
      d.mul_(2);
      expect(x._version).toBe(2);
      x.data.fill_(5);
      expect(x._version).toBe(2);
      expect(values(x)).toEqual([5, 5, 5, 5, 5, 5]);
    });
  });

  test("writing a view writes its base", () => {
    leakFree(() => {
      const x = torch.zeros(3, 3);
      x.t().select(0, 1).fill_(7); // column 1
      x.slice(0, 0, 3, 2).add_(1); // rows 0 and 2
      expect(values(x)).toEqual([1, 8, 1, 0, 7, 0, 1, 8, 1]);
    });
  });

  test("a source that interleaves with the destination is read before anything is written", () => {
    leakFree(() => {
      // a[2::2] = a[0:8:2]: neither is dense, so PyTorch's overlap check cannot tell; torchlet copies the source first.
      const a = torch.arange(10, { dtype: "float32" });
      a.slice(0, 2, 10, 2).copy_(a.slice(0, 0, 8, 2));
      expect(values(a)).toEqual([0, 1, 0, 3, 2, 5, 4, 7, 6, 9]);
      const b = torch.arange(10, { dtype: "float32" });
      b.slice(0, 2, 10, 2).add_(b.slice(0, 0, 8, 2));
      expect(values(b)).toEqual([0, 1, 2, 3, 6, 5, 10, 7, 14, 9]);
    });
  });

  test("dense partial overlap is refused with PyTorch's message; the same elements are fine", () => {
    leakFree(() => {
      const a = torch.arange(5, { dtype: "float32" });
      expect(() => a.slice(0, 1, 5).add_(a.slice(0, 0, 4))).toThrow(
        "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.",
      );
      const m = torch.arange(4, { dtype: "float32" }).view(2, 2);
      expect(() => m.copy_(m.t())).toThrow("some elements of the input tensor and the written-to tensor");
      m.mul_(m.view(2, 2));
      expect(values(m)).toEqual([0, 1, 4, 9]);
      expect(a._version).toBe(0);
    });
  });

  test("a chain of in-place ops on a non-leaf backpropagates through each node", () => {
    leakFree((keep) => {
      const x = torch.tensor([1, 2, 3], { dtype: "float32", requiresGrad: true });
      const y = x.mul(2);
      y.add_(1).mul_(x).sin_().mul_(3);
      expect(y.gradFn!.name()).toBe("MulBackward0");
      const names: string[] = [];
      for (let n = y.gradFn; n !== null && n.nextFunctions.length > 0; n = n.nextFunctions[0]![0]) names.push(n.name());
      expect(names).toEqual(["MulBackward0", "SinBackward0", "MulBackward0", "AddBackward0", "MulBackward0"]);
      const [g] = torch.autograd.grad(y.sum(), [x]);
      keep(g!);
      // y = 3 sin((2x + 1) x): dy/dx = 3 cos((2x + 1) x) (4x + 1)
      const want = [1, 2, 3].map((v) => 3 * Math.cos((2 * v + 1) * v) * (4 * v + 1));
      values(g!).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-4 * Math.abs(want[i]!) + 1e-5));
    });
  });

  test("in-place ops free their temporaries and saved copies", () => {
    leakFree((keep) => {
      const x = torch.tensor([0.5, 1.5, 2.5], { dtype: "float64", requiresGrad: true });
      const other = torch.tensor([2, 3, 4], { dtype: "float64", requiresGrad: true });
      const y = x.mul(1);
      y.mul_(other).div_(other).sin_().pow_(2).copy_(y.mul(3));
      const grads = torch.autograd.grad(y.sum(), [x, other]);
      grads.forEach(keep);
      // y = 3 sin(x)^2 in the end: dy/dx = 6 sin(x) cos(x)
      const want = [0.5, 1.5, 2.5].map((v) => 6 * Math.sin(v) * Math.cos(v));
      values(grads[0]!).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-12));
    });
  });
});
