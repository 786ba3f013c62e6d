// Float64 finite-difference checks of every view and movement backward rule,
// and of their own backward (the double-backward path):
//   first order:  <grad_x, e_j>  ==  (L(x + h e_j) - L(x - h e_j)) / 2h,   L = sum(f(x) * v)
//   second order: d/dv <grad_x(v), u>  ==  J u  ==  (f(x + h u) - f(x - h u)) / 2h
// Inputs include non-contiguous layouts (transposed, expanded, sliced).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

type Layout = "contiguous" | "t" | "expand" | "slice";

interface InputDef {
  /** Shape of the leaf (the base). */
  base: number[];
  layout?: Layout;
  /** Target shape for "expand". */
  shape?: number[];
}

/** Deterministic pseudo-random values in [-1, 1). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function viewOf(base: Tensor, d: InputDef): Tensor {
  switch (d.layout ?? "contiguous") {
    case "t":
      return base.t();
    case "expand":
      return base.expand(d.shape!);
    case "slice":
      return base.slice(0, null, null, 2);
    default:
      return base;
  }
}

const asList = (r: Tensor | Tensor[]): Tensor[] => (Array.isArray(r) ? r : [r]);

/** Runs f on inputs made from flat base values (no grad), returning each output's values. */
function evaluate(f: (xs: Tensor[]) => Tensor | Tensor[], defs: InputDef[], data: number[][]): number[][] {
  return torch.tidy(() =>
    torch.noGrad(() => {
      const xs = defs.map((d, i) => viewOf(torch.fromArray(data[i]!, d.base, { dtype: "float64" }), d));
      return asList(f(xs)).map((o) => Array.from(o.toArray() as Float64Array));
    }),
  );
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

function gradcheck(f: (xs: Tensor[]) => Tensor | Tensor[], defs: InputDef[], h = 1e-6): void {
  const before = torch.memory();
  const data = defs.map((d, i) => values(numel(d.base), 17 + 31 * i));
  const y0 = evaluate(f, defs, data);
  const vData = y0.map((y, k) => values(y.length, 101 + k));
  const uData = data.map((x, i) => values(x.length, 211 + i));
  const held: (Tensor | null)[] = [];
  torch.tidy(() => {
    const leaves = defs.map((d, i) => torch.fromArray(data[i]!, d.base, { dtype: "float64", requiresGrad: true }));
    const outs = asList(f(leaves.map((b, i) => viewOf(b, defs[i]!))));
    const vs = outs.map((o, k) => torch.fromArray(vData[k]!, o.shape, { dtype: "float64", requiresGrad: true }));
    let loss: Tensor | null = null;
    outs.forEach((o, k) => {
      const term = o.mul(vs[k]!).sum();
      loss = loss === null ? term : loss.add(term);
    });
    const grads = torch.autograd.grad(loss!, leaves, null, { createGraph: true, allowUnused: true });
    held.push(...grads);
    // First order, one input element at a time.
    defs.forEach((_, i) => {
      const analytic =
        grads[i] === null
          ? new Array<number>(data[i]!.length).fill(0)
          : Array.from(grads[i]!.toArray() as Float64Array);
      data[i]!.forEach((_x, j) => {
        const at = (delta: number) => {
          const moved = data.map((xs, m) => (m === i ? xs.map((x, q) => (q === j ? x + delta : x)) : xs));
          return evaluate(f, defs, moved).reduce((s, y, k) => s + dot(y, vData[k]!), 0);
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        expect(
          Math.abs(analytic[j]! - numeric),
          `d/dx${i}[${j}]: analytic ${analytic[j]} vs numeric ${numeric}`,
        ).toBeLessThan(1e-6);
      });
    });
    // Second order: the backward of the backward, against a directional derivative.
    const us = grads.map((g, i) => (g === null ? null : torch.fromArray(uData[i]!, g.shape, { dtype: "float64" })));
    let inner: Tensor | null = null;
    grads.forEach((g, i) => {
      if (g === null) return;
      const term = g.mul(us[i]!).sum();
      inner = inner === null ? term : inner.add(term);
    });
    if (inner === null || outs.every((o) => o.numel() === 0)) return;
    const ggv = torch.autograd.grad(inner, vs, null, { allowUnused: true });
    held.push(...ggv);
    const plus = evaluate(
      f,
      defs,
      data.map((x, i) => x.map((v, q) => v + h * uData[i]![q]!)),
    );
    const minus = evaluate(
      f,
      defs,
      data.map((x, i) => x.map((v, q) => v - h * uData[i]![q]!)),
    );
    ggv.forEach((g, k) => {
      const analytic =
        g === null ? new Array<number>(plus[k]!.length).fill(0) : Array.from(g.toArray() as Float64Array);
      analytic.forEach((a, q) => {
        const numeric = (plus[k]![q]! - minus[k]![q]!) / (2 * h);
        expect(Math.abs(a - numeric), `second order, output ${k}[${q}]`).toBeLessThan(1e-6);
      });
    });
  });
  for (const t of held) t?.dispose();
  expect(torch.memory().bytesInUse, "bytes left").toBe(before.bytesInUse);
}

const idx = (data: number[], shape = [data.length]) => torch.fromArray(data, shape, { dtype: "int32" });

const C: InputDef = { base: [2, 3, 4] };
const T: InputDef = { base: [4, 3], layout: "t" };
const E: InputDef = { base: [1, 4], layout: "expand", shape: [3, 4] };
const S: InputDef = { base: [6, 4], layout: "slice" };
const Z: InputDef = { base: [] };

describe("views: float64 finite differences, first and second order", () => {
  const cases: [string, (xs: Tensor[]) => Tensor | Tensor[], InputDef[]][] = [
    ["view", ([x]) => x!.view(4, -1), [C]],
    ["view of expanded", ([x]) => x!.view(3, 2, 2), [E]],
    ["reshape of transposed (copy)", ([x]) => x!.reshape(-1), [T]],
    ["reshape of sliced (copy)", ([x]) => x!.reshape(2, 6), [S]],
    ["flatten", ([x]) => x!.flatten(1), [C]],
    ["flatten 0-d", ([x]) => x!.flatten(), [Z]],
    ["unsqueeze", ([x]) => x!.unsqueeze(-1), [T]],
    ["squeeze all", ([x]) => x!.unsqueeze(0).unsqueeze(2).squeeze(), [T]],
    ["squeeze dim", ([x]) => x!.unsqueeze(1).squeeze(1), [E]],
    ["transpose", ([x]) => x!.transpose(0, 2), [C]],
    ["t", ([x]) => x!.t(), [S]],
    ["T", ([x]) => x!.T, [C]],
    ["permute", ([x]) => x!.permute(1, 2, 0), [C]],
    ["expand", ([x]) => x!.expand(2, 3, 4), [E]],
    ["expand 0-d", ([x]) => x!.expand(3, 2), [Z]],
    ["contiguous of expanded", ([x]) => x!.contiguous(), [E]],
    ["narrow", ([x]) => x!.narrow(-1, 1, 2), [C]],
    ["slice with step", ([x]) => x!.slice(1, 0, null, 3), [T]],
    ["select", ([x]) => x!.select(1, -1), [S]],
    ["select to 0-d", ([x]) => x!.select(0, 1).select(0, 2), [T]],
  ];
  test.each(cases)("%s", (_n, f, defs) => gradcheck(f, defs));
});

describe("movement: float64 finite differences, first and second order", () => {
  const cases: [string, (xs: Tensor[]) => Tensor | Tensor[], InputDef[]][] = [
    ["cat dim 0", (xs) => torch.cat(xs, 0), [T, E, S]],
    ["cat dim -1", (xs) => torch.cat(xs, -1), [C, { base: [2, 3, 2] }]],
    ["cat with a skipped 1-D empty", (xs) => torch.cat(xs, 1), [T, { base: [0] }, S]],
    ["cat the same tensor twice", ([x]) => torch.cat([x!, x!], 0), [T]],
    ["stack dim 1", (xs) => torch.stack(xs, 1), [T, E, S]],
    ["stack 0-d", (xs) => torch.stack(xs), [Z, Z]],
    ["split by size", ([x]) => x!.split(3, -1), [C]],
    ["split, one piece used", ([x]) => x!.split(1, 0)[1]!, [T]],
    ["split by sections", ([x]) => x!.split([1, 0, 2], 0), [E]],
    ["chunk", ([x]) => x!.chunk(2, 1), [S]],
    ["unbind", ([x]) => x!.unbind(1), [T]],
    ["unbind, one slice used", ([x]) => x!.unbind(0)[2]!, [E]],
    ["indexSelect with repeats", ([x]) => x!.indexSelect(1, idx([2, 0, 2, 3])), [T]],
    ["indexSelect of expanded", ([x]) => x!.indexSelect(0, idx([1, 1])), [E]],
    ["indexSelect 0-d", ([x]) => x!.indexSelect(0, idx([0])), [Z]],
    [
      "indexSelect with a strided index",
      ([x]) => x!.indexSelect(-1, idx([3, 9, 1, 9, 1]).slice(0, null, null, 2)),
      [C],
    ],
    ["gather with duplicates", ([x]) => x!.gather(1, idx([0, 0, 3, 1, 1, 1], [3, 2])), [S]],
    ["gather 3-D along dim 0", ([x]) => x!.gather(0, idx([1, 0, 1, 1, 0, 0], [1, 2, 3])), [C]],
    ["gather with a transposed index", ([x]) => x!.gather(0, idx([0, 1, 2, 2, 1, 0], [2, 3]).t()), [T]],
  ];
  test.each(cases)("%s", (_n, f, defs) => gradcheck(f, defs));
});
