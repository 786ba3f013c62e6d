// Runs the "views" cases of test/golden/gen_inplace.py and
// gen_nograd_views.py in vitest: the step programs run and are observed by the
// conformance family's runSteps (test/conformance/families/viewSteps.ts, which
// the runtimes run too) and compared with what PyTorch recorded by its
// checkCase; this file adds what only vitest checks: error messages equal to
// PyTorch's (not only containing them), the second derivative of double
// cases, and that no memory is left behind.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { checkCase } from "../conformance/check.js";
import { runSteps, VIEW_KEYS } from "../conformance/families/viewSteps.js";
import type { ViewCase } from "../conformance/goldenCases.js";
import { expectClose, fromJson } from "./golden.js";
import { leakFree } from "./memory.js";

export type { ViewCase } from "../conformance/goldenCases.js";

export function runViewCase(c: ViewCase): void {
  leakFree((keep) => {
    const { observed, leaves, grads } = runSteps(torch, c);
    grads?.forEach(keep);
    const expected = Object.fromEntries(VIEW_KEYS.filter((k) => k in c).map((k) => [k, c[k]]));
    const why = checkCase(expected, observed);
    if (why !== null) expect.fail(why);
    if (c.error !== undefined) expect(observed.error, `the error of step ${c.errorStep}`).toBe(c.error);
    if (!c.double) return;
    const used = grads!.filter((g): g is Tensor => g !== null && g.requiresGrad);
    expect(used.length, "grads that require grad").toBe(c.vs!.length);
    let total: Tensor | null = null;
    used.forEach((g, k) => {
      const term = g.mul(fromJson(c.vs![k]!)).sum();
      total = total === null ? term : total.add(term);
    });
    const gg = torch.autograd.grad(total!, leaves, null, { allowUnused: true });
    gg.forEach(keep);
    gg.forEach((g, i) => {
      const want = c.gg![i] ?? null;
      if (want === null) expect(g, `second derivative ${i}`).toBeNull();
      else if (g === null) expect.fail(`second derivative ${i}: null, PyTorch has ${JSON.stringify(want.data)}`);
      else expectClose(g, want, {}, `second derivative ${i}`);
    });
  });
}
