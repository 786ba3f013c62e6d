// gradcheck and gradgradcheck suites over lists of float64 functions, as
// PyTorch's gradcheck/gradgradcheck run them, built on autograd.gradcheck.

import { describe, expect, test } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { testFamily } from "./family.js";

/** A named function of float64 inputs, and a maker of its inputs. */
export type GradCase = [string, () => Tensor[], (...xs: Tensor[]) => Tensor];

const opts = { eps: 1e-6, atol: 1e-6, rtol: 1e-4 };

/** Deterministic float64 values in [lo, hi] requiring grad, kept `gap` away from each of `avoid` (kinks). */
export function f64(shape: number[], seed: number, lo = -2, hi = 2, avoid: number[] = [], gap = 0.05): Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const vals: number[] = [];
  while (vals.length < n) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const v = lo + (s / 2147483648) * (hi - lo);
    if (avoid.every((a) => Math.abs(v - a) > gap)) vals.push(v);
  }
  return torch.fromArray(vals, shape, { dtype: "float64", requiresGrad: true });
}

/** x -> grad(<f(x), w>, x) under createGraph: its gradcheck is f's gradgradcheck. */
function gradOfF(fn: (...xs: Tensor[]) => Tensor, n: number, w: Tensor) {
  return (...xs: Tensor[]): Tensor[] => {
    const ins = xs.slice(0, n);
    const out = fn(...ins);
    const grads = torch.autograd.grad(out.mul(w).sum(), ins, null, { createGraph: true, allowUnused: true });
    return grads.map((g, i) => g ?? torch.zerosLike(ins[i]!));
  };
}

/** A describe() of gradchecks (finite differences) and one of gradgradchecks (double backward) of `cases`. */
export function gradcheckSuites(cases: GradCase[], titles: { first: string; second: string }): void {
  describe(titles.first, () => {
    test.each(cases)("%s", (_name, inputs, fn) => {
      torch.tidy(() => {
        expect(torch.autograd.gradcheck(fn, inputs(), opts)).toBe(true);
      });
    });
  });

  describe(titles.second, () => {
    test.each(cases)("%s", (_name, inputs, fn) => {
      torch.tidy(() => {
        const xs = inputs();
        const out = fn(...xs);
        const w = f64(out.shape.slice(), 99, -1, 1);
        w.requiresGrad_(false);
        expect(torch.autograd.gradcheck(gradOfF(fn, xs.length, w), xs, opts)).toBe(true);
      });
    });
  });
}

/**
 * A golden family's tests ("<what> (PyTorch goldens)") and the float64
 * gradchecks of `cases` ("<what> gradcheck (float64)", "<what> gradgradcheck
 * (float64)").
 */
export function goldensAndGradchecks(what: string, family: string, cases: GradCase[]): void {
  describe(`${what} (PyTorch goldens)`, () => {
    testFamily(family);
  });
  gradcheckSuites(cases, { first: `${what} gradcheck (float64)`, second: `${what} gradgradcheck (float64)` });
}
