// Float64 finite-difference checks of every reduction rule, first order and
// second order (the gradient's own gradient, which runs the rules under
// createGraph), on contiguous and non-contiguous inputs; and memory: forward,
// backward and failing calls leave no bytes behind.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

/** Deterministic values in [-1, 1) that avoid ties and zeros (|x| >= 0.05). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  while (out.length < n) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const v = s / 2 ** 31 - 1;
    if (Math.abs(v) >= 0.05 && !out.some((u) => Math.abs(Math.abs(u) - Math.abs(v)) < 1e-3)) out.push(v);
  }
  return out;
}

type Layout = "contiguous" | "t" | "expand" | "slice";

interface Check {
  name: string;
  f: (x: Tensor) => Tensor;
  base?: number[];
  layout?: Layout;
  /** Values of the base, when the default random ones do not fit (zeros, ties). */
  data?: number[];
}

const view = (b: Tensor, layout: Layout): Tensor =>
  layout === "t"
    ? b.permute(2, 0, 1)
    : layout === "expand"
      ? b.expand(2, 3, 4)
      : layout === "slice"
        ? b.slice(1, null, null, 2)
        : b;

const baseShape = (c: Check): number[] =>
  c.base ??
  (c.layout === "t" ? [3, 4, 2] : c.layout === "expand" ? [2, 1, 4] : c.layout === "slice" ? [2, 6, 4] : [2, 3, 4]);

const checks: Check[] = [
  { name: "sum all", f: (x) => x.sum() },
  { name: "sum dim 1", f: (x) => x.sum(1) },
  { name: "sum [0,2] keepdim", f: (x) => x.sum([0, 2], true) },
  { name: "mean all", f: (x) => x.mean() },
  { name: "mean -1", f: (x) => x.mean(-1) },
  { name: "mean [0,1] keepdim", f: (x) => x.mean({ dim: [0, 1], keepdim: true }) },
  { name: "prod all", f: (x) => x.prod(), base: [2, 3] },
  { name: "prod dim 1", f: (x) => x.prod(1) },
  {
    name: "prod dim 0 keepdim, one zero per slice",
    f: (x) => x.prod(0, true),
    base: [3, 3],
    data: [0.5, 0, 0.7, 0, -0.8, 0.9, 0.6, 0.4, 0],
  },
  { name: "prod all, one zero", f: (x) => x.prod(), base: [2, 2], data: [0.5, 0, -0.7, 0.9] },
  { name: "max all", f: (x) => x.max() },
  { name: "max dim 1", f: (x) => x.max(1).values },
  { name: "min dim 0 keepdim", f: (x) => x.min(0, true).values },
  { name: "amax dim 1", f: (x) => x.amax(1) },
  { name: "amin [0,2]", f: (x) => x.amin([0, 2]) },
  { name: "var all", f: (x) => x.var() },
  { name: "var dim 1", f: (x) => x.var(1) },
  { name: "var [0,2] correction 0 keepdim", f: (x) => x.var([0, 2], { correction: 0, keepdim: true }) },
  { name: "std all", f: (x) => x.std() },
  { name: "std dim 2 biased keepdim", f: (x) => x.std(2, false, true) },
  { name: "logsumexp 1", f: (x) => x.logsumexp(1) },
  { name: "logsumexp [0,2]", f: (x) => x.logsumexp([0, 2]) },
  { name: "softmax 0", f: (x) => x.softmax(0) },
  { name: "softmax -1", f: (x) => x.softmax(-1) },
  { name: "logSoftmax 1", f: (x) => x.logSoftmax(1) },
  { name: "norm default", f: (x) => x.norm() },
  { name: "norm 1 dim 1", f: (x) => x.norm(1, 1) },
  { name: "norm inf dim 1", f: (x) => x.norm(Infinity, 1) },
  { name: "norm -inf dim 0", f: (x) => x.norm(-Infinity, 0) },
  { name: "norm 3 [0,1]", f: (x) => x.norm(3, [0, 1]) },
  { name: "norm 0.5", f: (x) => x.norm(0.5) },
  { name: "norm -1.5 dim 1", f: (x) => x.norm(-1.5, 1) },
  { name: "norm 1.5 dim 2 keepdim", f: (x) => x.norm(1.5, 2, true) },
  { name: "norm fro [0,2]", f: (x) => x.norm("fro", [0, 2]) },
];

const layouts: Layout[] = ["contiguous", "t", "expand", "slice"];
const cases = checks.flatMap((c) =>
  c.base
    ? [{ ...c, layout: "contiguous" as Layout }]
    : layouts.map((layout) => ({ ...c, name: `${c.name} (${layout})`, layout })),
);

/** A float64 leaf and the op's input viewed from it. */
function leaf(c: Check, seed: number): Tensor {
  const shape = baseShape(c);
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.fromArray(c.data ?? values(n, seed), shape, { dtype: "float64", requiresGrad: true });
}

describe("first-order gradcheck (float64)", () => {
  test.each(cases.map((c, i) => [c.name, c, i] as const))("%s", (_, c, i) => {
    const x = leaf(c, 17 + i);
    expect(torch.autograd.gradcheck((b: Tensor) => c.f(view(b, c.layout ?? "contiguous")), [x])).toBe(true);
    x.dispose();
  });
});

describe("second-order gradcheck (float64): the rules differentiate again under createGraph", () => {
  test.each(cases.map((c, i) => [c.name, c, i] as const))("%s", (_, c, i) => {
    const x = leaf(c, 101 + i);
    // grad of <f(x), v> w.r.t. x, as a function of x; its Jacobian is the Hessian applied to v.
    const gradOf = (b: Tensor): Tensor => {
      const y = c.f(view(b, c.layout ?? "contiguous"));
      const v = torch.fromArray(values(y.numel(), 7), y.shape, { dtype: "float64" });
      const [g] = torch.autograd.grad(y.mul(v).sum(), [b], null, { createGraph: true });
      return g!;
    };
    expect(torch.autograd.gradcheck(gradOf, [x], { atol: 1e-4 })).toBe(true);
    x.dispose();
  });
});

describe("memory", () => {
  test.each(cases.filter((c) => c.layout === "contiguous").map((c) => [c.name, c] as const))(
    "%s: forward + backward frees everything",
    (_, c) => {
      const before = torch.memory();
      const x = leaf(c, 3);
      const y = torch.tidy(() => c.f(x)); // frees what f drops (max's indices), keeps y
      const g = torch.onesLike(y);
      y.backward(g);
      g.dispose();
      expect(x.grad).not.toBeNull();
      torch.tidy(() => {
        y.sum(); // a node that is never run also frees its saved tensors
      });
      y.dispose();
      x.dispose();
      const after = torch.memory();
      expect(after.bytesInUse).toBe(before.bytesInUse);
      expect(after.tensors).toBe(before.tensors);
    },
  );

  test("failing calls leave nothing behind", () => {
    const e = torch.zeros(0, 3);
    const i = torch.tensor([[1, 2]], { dtype: "int32" });
    const x = torch.ones(2, 3);
    const before = torch.memory();
    expect(() => e.max()).toThrow();
    expect(() => e.amax(0)).toThrow();
    expect(() => e.argmax()).toThrow();
    expect(() => i.mean()).toThrow();
    expect(() => i.softmax(0)).toThrow();
    expect(() => x.sum(5)).toThrow();
    expect(() => x.norm("nuc")).toThrow();
    expect(() => x.var(1, { unbiased: true, correction: 0 })).toThrow();
    const after = torch.memory();
    expect(after.bytesInUse).toBe(before.bytesInUse);
    expect(after.tensors).toBe(before.tensors);
    for (const t of [e, i, x]) t.dispose();
  });

  test("reductions of non-contiguous inputs free their copies", () => {
    const x = torch.randn(4, 5, 6);
    const p = x.permute(2, 0, 1);
    const before = torch.memory();
    torch.tidy(() => {
      p.softmax(1);
      p.logsumexp([0, 2]);
      p.sum([0, 2]);
      p.var(1);
      p.max(2);
    });
    expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
    p.dispose();
    x.dispose();
  });
});
