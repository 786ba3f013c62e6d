// Float64 finite-difference checks of the linalg backward rules, first and
// second order, on contiguous and non-contiguous operands: the analytic
// gradient of sum(f(a, b) * v) must match central differences, and so must
// the gradient of sum(grad * u) (the backward of the backward).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

let seed = 12345;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 2 - 1;
};
const randomValues = (n: number): number[] => Array.from({ length: n }, random);
const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

interface Operand {
  /** Shape of the leaf. */
  base: number[];
  /** The view the op gets (a layout over the leaf). */
  view?: (t: Tensor) => Tensor;
}

interface Check {
  name: string;
  f: (a: Tensor, b: Tensor) => Tensor;
  a: Operand;
  b: Operand;
}

const T = (t: Tensor): Tensor => t.t();
const mT = (t: Tensor): Tensor => t.transpose(-2, -1);
const everyOther = (t: Tensor): Tensor => t.slice(0, null, null, 2);

const checks: Check[] = [
  { name: "mm", f: torch.mm, a: { base: [3, 4] }, b: { base: [4, 5] } },
  { name: "mm, transposed operands", f: torch.mm, a: { base: [4, 3], view: T }, b: { base: [5, 4], view: T } },
  {
    name: "mm, sliced rows and broadcast columns",
    f: torch.mm,
    a: { base: [6, 4], view: everyOther },
    b: { base: [4, 1], view: (t) => t.expand(4, 3) },
  },
  { name: "bmm", f: torch.bmm, a: { base: [2, 3, 4] }, b: { base: [2, 4, 2] } },
  {
    name: "bmm, batch of transposes and a broadcast batch",
    f: torch.bmm,
    a: { base: [2, 4, 3], view: mT },
    b: { base: [1, 4, 2], view: (t) => t.expand(2, 4, 2) },
  },
  { name: "mv", f: torch.mv, a: { base: [3, 5] }, b: { base: [5] } },
  {
    name: "mv, transposed matrix and sliced vector",
    f: torch.mv,
    a: { base: [5, 3], view: T },
    b: { base: [10], view: everyOther },
  },
  { name: "dot", f: torch.dot, a: { base: [7] }, b: { base: [7] } },
  { name: "outer", f: torch.outer, a: { base: [3] }, b: { base: [4] } },
  { name: "matmul 1-D x 2-D", f: torch.matmul, a: { base: [3] }, b: { base: [3, 4] } },
  { name: "matmul 3-D x 2-D (folded into mm)", f: torch.matmul, a: { base: [2, 3, 4] }, b: { base: [4, 2] } },
  { name: "matmul 2-D x 3-D (folded, transposed)", f: torch.matmul, a: { base: [2, 3] }, b: { base: [2, 3, 4] } },
  { name: "matmul 3-D x 1-D (folded into mv)", f: torch.matmul, a: { base: [2, 3, 4], view: mT }, b: { base: [3] } },
  { name: "matmul 4-D x 3-D (broadcast bmm)", f: torch.matmul, a: { base: [2, 1, 2, 3] }, b: { base: [3, 3, 2] } },
  { name: "matmul 1-D x 3-D", f: torch.matmul, a: { base: [3] }, b: { base: [2, 3, 2] } },
];

/** Leaves with the given values and the views the op gets. */
function inputs(c: Check, values: number[][], requiresGrad: boolean): { leaves: Tensor[]; views: Tensor[] } {
  const leaves = [c.a, c.b].map((o, i) => torch.fromArray(values[i]!, o.base, { dtype: "float64", requiresGrad }));
  const views = leaves.map((l, i) => ([c.a, c.b][i]!.view ?? ((t: Tensor) => t))(l));
  return { leaves, views };
}

/** sum(f(a, b) * v) as a number, for the given leaf values (no graph). */
function objective(c: Check, values: number[][], v: number[]): number {
  return torch.tidy(() =>
    torch.noGrad(() => {
      const { views } = inputs(c, values, false);
      const out = c.f(views[0]!, views[1]!);
      return out
        .mul(torch.fromArray(v, out.shape, { dtype: "float64" }))
        .sum()
        .item() as number;
    }),
  );
}

/** The analytic d/d(leaves) of sum(f * v), and the second-order d/d(leaves) of sum(grads * u). */
function analytic(c: Check, values: number[][], v: number[], u: number[][] | null): number[][] {
  return torch.tidy(() => {
    const { leaves, views } = inputs(c, values, true);
    const out = c.f(views[0]!, views[1]!);
    const loss = out.mul(torch.fromArray(v, out.shape, { dtype: "float64" })).sum();
    const grads = torch.autograd.grad(loss, leaves, null, { createGraph: u !== null }) as Tensor[];
    try {
      if (u === null) return grads.map((g) => Array.from(g.toArray() as ArrayLike<number | bigint>, Number));
      let s2 = grads[0]!.mul(torch.fromArray(u[0]!, grads[0]!.shape, { dtype: "float64" })).sum();
      s2 = s2.add(grads[1]!.mul(torch.fromArray(u[1]!, grads[1]!.shape, { dtype: "float64" })).sum());
      const second = torch.autograd.grad(s2, leaves, null, { allowUnused: true });
      const result = second.map((g, i) =>
        g === null
          ? new Array<number>(values[i]!.length).fill(0)
          : Array.from(g.toArray() as ArrayLike<number | bigint>, Number),
      );
      torch.dispose(second);
      return result;
    } finally {
      torch.dispose(grads);
    }
  });
}

/** Central differences of `fn` with respect to every leaf value. */
function numeric(values: number[][], fn: (vals: number[][]) => number, eps = 1e-6): number[][] {
  return values.map((vals, i) =>
    vals.map((_, j) => {
      const shifted = (d: number) => values.map((vs, k) => (k === i ? vs.map((x, m) => (m === j ? x + d : x)) : vs));
      return (fn(shifted(eps)) - fn(shifted(-eps))) / (2 * eps);
    }),
  );
}

function expectAllClose(got: number[][], want: number[][], what: string): void {
  got.forEach((g, i) =>
    g.forEach((x, j) => {
      const w = want[i]![j]!;
      if (!(Math.abs(x - w) <= 1e-6 + 1e-5 * Math.abs(w)))
        expect.fail(`${what}: input ${i}, element ${j}: ${x} vs finite difference ${w}`);
    }),
  );
}

describe("linalg backward: float64 finite differences", () => {
  test.each(checks.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const before = torch.memory().bytesInUse;
    const values = [randomValues(numel(c.a.base)), randomValues(numel(c.b.base))];
    const outShape = torch.tidy(() => {
      const { views } = inputs(c, values, false);
      return c.f(views[0]!, views[1]!).shape.slice();
    });
    const v = randomValues(numel(outShape));
    // First order.
    expectAllClose(
      analytic(c, values, v, null),
      numeric(values, (vals) => objective(c, vals, v)),
      "grad",
    );
    // Second order: differentiate sum(grad * u), itself computed by backward.
    const u = values.map((vs) => randomValues(vs.length));
    const firstOrder = (vals: number[][]): number => {
      const g = analytic(c, vals, v, null);
      return g.reduce((acc, gi, i) => acc + gi.reduce((s, x, j) => s + x * u[i]![j]!, 0), 0);
    };
    expectAllClose(analytic(c, values, v, u), numeric(values, firstOrder), "grad of grad");
    expect(torch.memory().bytesInUse, "bytes left").toBe(before);
  });
});
