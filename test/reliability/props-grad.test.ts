// Property: random expression graphs in float64 (a few smooth ops deep, with
// shared subexpressions, reused leaves, broadcasting between shapes such as
// [m, n], [m, 1], [n] and [], leaves entering through transposed, sliced or
// expanded views) have the gradients of central finite differences. The
// finite differences are computed here, from forward passes only;
// autograd.gradcheck then checks the root's whole Jacobian as well. Every op
// is smooth where it is used: log and div see arguments >= 0.5, pow's bases
// are >= 0.5, so no kink or pole is ever near a point.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { broadcastShapes, fuzz, numel, rng, valuesOf } from "./fuzz.js";

type Unary = (a: Tensor, k: number) => Tensor;
type Binary = (a: Tensor, b: Tensor) => Tensor;

/** Reduces over one of a's dims (k picks it, and keepdim), or over all of a 0-d tensor's nothing. */
const overDim =
  (f: "sum" | "mean"): Unary =>
  (a, k) =>
    a.ndim === 0
      ? a[f]()
      : (a[f] as (d: number, keepdim: boolean) => Tensor).call(a, (k % a.ndim) - (k & 4 ? a.ndim : 0), (k & 8) !== 0);

const UNARY: Record<string, Unary> = {
  exp: (a) => a.exp(),
  tanh: (a) => a.tanh(),
  sigmoid: (a) => a.sigmoid(),
  sin: (a) => a.sin(),
  neg: (a) => a.neg(),
  logPositive: (a) => a.square().add(0.5).log(),
  powNumber: (a) => a.square().add(0.5).pow(1.5),
  numberPow: (a) => torch.pow(2, a.tanh()),
  sumDim: overDim("sum"),
  meanDim: overDim("mean"),
  sumAll: (a) => a.sum(),
  meanAll: (a) => a.mean(),
};

const BINARY: Record<string, Binary> = {
  add: (a, b) => a.add(b),
  addAlpha: (a, b) => a.add(b, { alpha: -0.5 }),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  divPositive: (a, b) => a.div(b.square().add(0.5)),
  powTensor: (a, b) => a.sigmoid().add(0.5).pow(b.tanh()),
};

/** The second operand of matmul that fits a (b itself or b transposed), or null. */
function matmulOperand(a: readonly number[], b: readonly number[]): "as is" | "transposed" | null {
  if (a.length === 0 || b.length === 0) return null;
  const inner = a[a.length - 1]!;
  if ((b.length === 1 || b.length === 2) && b[0] === inner) return "as is";
  if (b.length === 2 && b[1] === inner) return "transposed";
  return null;
}

const OPS = [...Object.keys(UNARY), ...Object.keys(BINARY), "matmul"];

const programArb = fc.record({
  m: fc.integer({ min: 1, max: 3 }),
  n: fc.integer({ min: 1, max: 3 }),
  /** Leaf shapes: 0 [m, n], 1 [m, 1], 2 [1, n], 3 [n], 4 []. */
  leaves: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
  /** How each leaf enters the graph: 0 as is, 1 transposed, 2 every other row (a slice with step 2), 3 expanded to [m, n]. */
  views: fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }),
  steps: fc.array(fc.record({ op: fc.constantFrom(...OPS), i: fc.nat(), j: fc.nat(), k: fc.nat(15) }), {
    minLength: 1,
    maxLength: 6,
  }),
  /** A second path into the graph: loss += pool[extra].sum() / 2. */
  extra: fc.nat(),
  seed: fc.nat(),
});
type Program = typeof programArb extends fc.Arbitrary<infer P> ? P : never;

const leafShape = (p: Program, s: number): number[] => [[p.m, p.n], [p.m, 1], [1, p.n], [p.n], []][s]!;

/** A leaf's own shape and the view of it the graph uses (its gradient flows back through the view). */
function leafLayout(p: Program, i: number): { shape: number[]; view: (t: Tensor) => Tensor } {
  const s = leafShape(p, p.leaves[i]!),
    v = p.views[i]!;
  if (v === 1 && s.length === 2) return { shape: [s[1]!, s[0]!], view: (t) => t.t() };
  if (v === 2 && s.length >= 1) return { shape: [2 * s[0]!, ...s.slice(1)], view: (t) => t.slice(0, 1, null, 2) };
  if (v === 3 && s.length === 2) return { shape: s, view: (t) => t.expand(p.m, p.n) };
  return { shape: s, view: (t) => t };
}

/**
 * Runs the program on leaves: every step appends a node to the pool, its
 * operands picked from the pool by index (so nodes and leaves are reused).
 * Returns the root (the last node), the loss (the root weighted by `weights`,
 * summed, plus half the sum of another node) and which leaves reach the loss.
 */
function evaluate(p: Program, leaves: Tensor[], weights: (shape: readonly number[]) => Tensor) {
  const pool: { t: Tensor; deps: Set<number> }[] = leaves.map((t, i) => ({
    t: leafLayout(p, i).view(t),
    deps: new Set([i]),
  }));
  for (const s of p.steps) {
    const a = pool[s.i % pool.length]!;
    let t: Tensor,
      deps = a.deps;
    if (s.op in UNARY) t = UNARY[s.op]!(a.t, s.k);
    else {
      const fits = pool.filter((b) =>
        s.op === "matmul"
          ? matmulOperand(a.t.shape, b.t.shape) !== null
          : broadcastShapes(a.t.shape, b.t.shape) !== null,
      );
      const b = fits[s.j % Math.max(fits.length, 1)];
      if (b === undefined)
        t = a.t.tanh(); // matmul of a 0-d tensor: nothing fits
      else {
        deps = new Set([...a.deps, ...b.deps]);
        if (s.op === "matmul") t = a.t.matmul(matmulOperand(a.t.shape, b.t.shape) === "as is" ? b.t : b.t.t()).mul(0.5);
        else t = BINARY[s.op]!(a.t, b.t);
      }
    }
    pool.push({ t, deps });
  }
  const root = pool[pool.length - 1]!,
    other = pool[p.extra % pool.length]!;
  const loss = root.t.mul(weights(root.t.shape)).sum().add(other.t.sum().mul(0.5));
  return { root: root.t, loss, reach: new Set([...root.deps, ...other.deps]), pool };
}

describe("autograd on random expression graphs (float64)", () => {
  test("backward agrees with central finite differences; gradcheck agrees on the root's Jacobian", () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const r = rng(p.seed);
        const shapes = p.leaves.map((_, i) => leafLayout(p, i).shape);
        const data = shapes.map((s) => Array.from({ length: numel(s) }, () => 2 * r() - 1));
        const w = new Map<string, number[]>();
        const weightsFor = (shape: readonly number[]): number[] => {
          const key = shape.join(",");
          if (!w.has(key))
            w.set(
              key,
              Array.from({ length: numel(shape) }, () => 2 * r() - 1),
            );
          return w.get(key)!;
        };
        // The forward without grad, as a number: what the finite differences difference.
        const f = (vals: number[][]): number =>
          torch.noGrad(() =>
            torch.tidy(() => {
              const leaves = vals.map((v, i) => torch.fromArray(v, shapes[i]!, { dtype: "float64" }));
              return evaluate(p, leaves, (s) =>
                torch.fromArray(weightsFor(s), s, { dtype: "float64" }),
              ).loss.item() as number;
            }),
          );
        const before = torch.memory();
        torch.tidy(() => {
          const leaves = data.map((v, i) => torch.fromArray(v, shapes[i]!, { dtype: "float64", requiresGrad: true }));
          const { loss, reach, pool } = evaluate(p, leaves, (s) =>
            torch.fromArray(weightsFor(s), s, { dtype: "float64" }),
          );
          // Keep to points where the graph's values are moderate (chains of exp and mul can overflow).
          fc.pre(pool.every(({ t }) => valuesOf(t).every((v) => Math.abs(v) < 1e4)));
          const value = loss.item() as number;
          loss.backward();
          const h = 1e-6;
          leaves.forEach((leaf, li) => {
            if (!reach.has(li)) {
              expect(leaf.grad).toBeNull();
              return;
            }
            expect(leaf.grad).not.toBeNull();
            expect(leaf.grad!.shape).toEqual(leaf.shape);
            const g = valuesOf(leaf.grad!);
            for (let e = 0; e < g.length; e++) {
              const plus = data.map((v) => v.slice()),
                minus = data.map((v) => v.slice());
              plus[li]![e]! += h;
              minus[li]![e]! -= h;
              const fd = (f(plus) - f(minus)) / (2 * h);
              // Central differences: O(h^2) truncation, O(eps |f| / h) rounding.
              const tol = 1e-6 + 1e-9 * Math.abs(value) + 1e-5 * Math.max(Math.abs(fd), Math.abs(g[e]!));
              if (!(Math.abs(g[e]! - fd) <= tol)) {
                expect.fail(`d loss / d leaf ${li}[${e}]: backward ${g[e]}, finite differences ${fd} (loss ${value})`);
              }
            }
          });
          // The root's whole Jacobian against gradcheck's own finite differences.
          const used = leaves.filter((_, i) => reach.has(i));
          if (used.length > 0) {
            const asLeaves = (...ts: Tensor[]) => {
              const all = leaves.map((l) => used.indexOf(l));
              return evaluate(
                p,
                all.map((u, i) => (u >= 0 ? ts[u]! : leaves[i]!.detach())),
                (s) => torch.fromArray(weightsFor(s), s, { dtype: "float64" }),
              ).root;
            };
            expect(torch.autograd.gradcheck(asLeaves, used, { eps: 1e-6, atol: 1e-5, rtol: 1e-4 })).toBe(true);
          }
        });
        expect(torch.memory().tensors).toBe(before.tensors);
        expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
      }),
      fuzz(1000),
    );
  });
});
