// In-place ops on views (CopySlices, regenerated AsStridedBackward0) beyond
// the PyTorch goldens of test/inplace.test.ts: float64 central finite
// differences (autograd.gradcheck) of functions written with in-place ops on
// views, and of their gradients (gradgradcheck, through createGraph); and
// lifetimes: a base disposed or tidied away under live views, views dropped
// before backward, memory back to where it was.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";
import type { Tensor } from "../src/index.js";
import { leakFree } from "./helpers/memory.js";

type Case = GradCase;

const cases: Case[] = [
  [
    "mul_ by a tensor on a select",
    () => [f64([3, 4], 1), f64([4], 2)],
    (a, w) => {
      const b = a.mul(1.5);
      b.select(0, 1).mul_(w);
      return b.mul(b);
    },
  ],
  [
    "sin_ and exp_ on a narrow",
    () => [f64([3, 4], 3, -1, 1)],
    (a) => {
      const b = a.mul(a);
      b.narrow(1, 1, 2).sin_().exp_();
      return b;
    },
  ],
  [
    "copy_ into a plain tensor's slices",
    () => [f64([2, 3], 4), f64([3], 5)],
    (x, w) => {
      const z = torch.zeros(4, 3, { dtype: "float64" });
      z.slice(0, 0, null, 2).copy_(x.sin());
      z.select(0, 1).add_(w, { alpha: 2 });
      return z.mul(z.sum());
    },
  ],
  [
    "a chain of views of a transpose",
    () => [f64([4, 3], 6, 0.5, 2)],
    (a) => {
      const b = a.mul(1);
      b.t()
        .select(0, 2)
        .narrow(0, 1, 2)
        .div_(a.select(0, 0).narrow(0, 0, 2))
        .pow_(3);
      return b;
    },
  ],
  [
    "base written, then a stale view used",
    () => [f64([3, 3], 7, -1, 1)],
    (a) => {
      const b = a.mul(2);
      const v = b.select(1, 0);
      const e = b.narrow(0, 2, 1).expand(4, 3);
      b.sigmoid_();
      return v.mul(v).sum().add(e.mul(e).sum());
    },
  ],
  [
    "two overlapping views written",
    () => [f64([5, 2], 8), f64([3, 2], 9)],
    (a, w) => {
      const b = a.mul(1);
      b.narrow(0, 0, 3).mul_(w);
      b.narrow(0, 1, 3).clamp_(-0.5, 0.5).tanh_();
      return b;
    },
  ],
  [
    "fill_ with a tensor, zero_, and a view of a view",
    () => [f64([3, 4], 10), f64([], 11)],
    (a, s) => {
      const b = a.mul(a);
      const v = b.view(2, 6);
      v.select(0, 0).narrow(0, 0, 3).fill_(s);
      v.select(1, 5).zero_();
      return b.mul(a);
    },
  ],
];

gradcheckSuites(cases, {
  first: "gradcheck of in-place ops on views (float64 finite differences)",
  second: "gradgradcheck through CopySlices (createGraph)",
});

const values = (t: Tensor) => Array.from(t.toArray() as Float32Array);

describe("lifetimes", () => {
  test("views outlive a base disposed by tidy; backward through them; nothing left", () => {
    leakFree((keep) => {
      const a = torch.ones(3, 2, { requiresGrad: true });
      const [v, u] = torch.tidy(() => {
        const b = a.mul(2);
        return [b.select(0, 0), b.narrow(0, 1, 2)];
      });
      v.mul_(3); // the base's CopySlices lives with the views
      expect(v.gradFn!.name()).toBe("AsStridedBackward0");
      expect(u.gradFn!.name()).toBe("AsStridedBackward0");
      expect(u.gradFn!.nextFunctions[0]![0]!.name()).toBe("torch::autograd::CopySlices");
      const [g] = torch.autograd.grad(v.sum().add(u.sum()), [a]);
      keep(g!);
      // v.sum() + u.sum() = 6 (a[0, 0] + a[0, 1]) + 2 (a[1:].sum()), by hand
      expect(values(g!)).toEqual([6, 6, 2, 2, 2, 2]);
    });
  });

  test("a graph through CopySlices is freed when its tensors are, without backward", () => {
    leakFree(() => {
      const a = torch.ones(4, 3, { requiresGrad: true });
      const w = torch.ones(3, { requiresGrad: true });
      const b = a.mul(1);
      const v = b.select(0, 1);
      v.mul_(w).exp_();
      b.mul_(2);
      const e = b.narrow(0, 0, 1).expand(2, 3);
      void e.gradFn; // regenerated
      b.dispose();
      v.dispose();
      e.dispose();
    });
  });

  test("a plain tensor written with values that require grad, all handles dropped in tidy", () => {
    const before = torch.memory();
    const w = torch.ones(3, { requiresGrad: true });
    torch.tidy(() => {
      const z = torch.zeros(3, 3);
      z.select(1, 0).copy_(w.mul(2));
      z.narrow(0, 1, 2).add_(1);
      z.sum().backward();
    });
    expect(values(w.grad!)).toEqual([2, 2, 2]);
    w.dispose();
    const after = torch.memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytesInUse).toBe(before.bytesInUse);
  });

  test("under noGrad nothing is recorded; the base keeps its grad_fn", () => {
    leakFree(() => {
      const a = torch.ones(2, 3, { requiresGrad: true });
      const y = a.mul(2);
      torch.noGrad(() => y.select(0, 0).add_(1));
      expect(y.gradFn!.name()).toBe("MulBackward0");
      expect(values(y)).toEqual([3, 3, 3, 2, 2, 2]);
    });
  });
});
