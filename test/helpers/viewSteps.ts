// The "views" cases of test/golden/gen_inplace.py and gen_nograd_views.py
// beyond what the conformance family (families/viewSteps.ts, whose runSteps
// runs the step programs) checks in every runtime: error messages equal to
// PyTorch's (not only containing them), and the second derivative of double
// cases, with no memory left behind.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { runSteps } from "../conformance/families/viewSteps.js";
import type { ViewCase } from "../conformance/goldenCases.js";
import type { Observed } from "../conformance/types.js";
import { expectClose, fromJson } from "./golden.js";
import { leakFree } from "./memory.js";

export type { ViewCase } from "../conformance/goldenCases.js";

export function runViewCase(c: ViewCase, observed: Observed): void {
  if (c.error !== undefined) expect(observed.error, `the error of step ${c.errorStep}`).toBe(c.error);
  if (!c.double) return;
  leakFree((keep) => {
    const { leaves, grads } = runSteps(torch, c);
    grads?.forEach(keep);
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
