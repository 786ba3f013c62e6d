// The golden cases of test/golden/shape_cases.py (views and movement) beyond
// what the conformance family (families/shapes.ts) checks in every runtime:
// grad_fn edges, grads under createGraph and their grad_fns, the backward of
// the backward, whole error messages, with no memory left behind. The ops
// are applied by the family's applyOp.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { Observed } from "../conformance/types.js";
import { applyOp } from "../conformance/families/shapes.js";
import type { ShapeCase } from "../conformance/goldenCases.js";
import { fromJson, make, expectClose, isFloat, sumOfProducts } from "./golden.js";
import { leakFree } from "./memory.js";

export type { ShapeCase } from "../conformance/goldenCases.js";

const nodeName = (t: Tensor) => t.gradFn?.name() ?? null;

/**
 * Known differences in the grad_fn of a case's grads, as [PyTorch's, torchlet's]:
 * the test expects torchlet's, so it fails (and says to remove the entry) the
 * day the gap is closed.
 */
const GRAD_FN_GAPS: Record<string, [string, string]> = {
  // Undoing the broadcast of a 0-d input: sumToShape (src/autograd/gradOps.ts)
  // sums with keepdim, then views the result to shape [] (ViewBackward0);
  // PyTorch's sum_to ends in the sum.
  expand_0d: ["SumBackward0", "ViewBackward0"],
};

/**
 * What vitest checks of a golden case beyond the conformance family (which
 * has observed the values, printed forms, grad_fns, first-order grads and
 * the error): the whole error message, whether the op returns its input,
 * next_functions, the grads again under createGraph with their grad_fns,
 * and the backward of the backward. `doubleBackwardGap` names a known gap
 * outside the op (it must still fail, so the test notices when the gap is
 * closed).
 */
export function runCase(c: ShapeCase, observed: Observed, doubleBackwardGap?: string): void {
  if (c.error !== undefined) {
    expect(observed.error, "error message").toBe(c.error);
    return;
  }
  leakFree((keep) => {
    const made = c.inputs.map((s) => make(s, isFloat(s.dtype)));
    const xs = made.map((m) => m[1]);
    const out = applyOp(torch, c.op, xs, c.args);
    const outs = Array.isArray(out) ? out : [out];
    if (!Array.isArray(out)) expect(xs.includes(out), "returns its input itself").toBe(c.isSelf);
    if (c.next) {
      const next = outs[0]!.gradFn!.nextFunctions.map(([n, nr]) => [n === null ? null : n.name(), nr]);
      expect(next, "next_functions").toEqual(c.next);
    }
    if (c.grads === undefined) return;
    const ws = c.weights!.map((w) => fromJson(w, true));
    const leaves = made.map((m) => m[0]).filter((b) => b.requiresGrad);
    const loss = sumOfProducts(outs, ws);
    const grads = torch.autograd.grad(loss, leaves, null, { createGraph: true, allowUnused: true });
    grads.forEach(keep);
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) {
        expect(g, `grad ${i}`).toBeNull();
        return;
      }
      expectClose(g!, want, {}, `grad ${i}`);
      const fn = c.gradGradFn![i] ?? null;
      const gap = GRAD_FN_GAPS[c.name];
      if (gap === undefined || gap[0] !== fn) expect(nodeName(g!), `grad_fn of grad ${i}`).toBe(fn);
      else
        expect(
          nodeName(g!),
          `grad_fn of grad ${i}: the known gap seems closed, remove ${c.name} from GRAD_FN_GAPS`,
        ).toBe(gap[1]);
    });
    if (c.ggW === undefined) return;
    const used = grads.filter((g): g is Tensor => g !== null);
    const vs = c.vs!.map((v) => fromJson(v));
    const ggw = torch.autograd.grad(sumOfProducts(used, vs), ws);
    ggw.forEach(keep);
    const check = () => ggw.forEach((g, k) => expectClose(g!, c.ggW![k]!, {}, `d/dw ${k} of the backward`));
    if (doubleBackwardGap === undefined) check();
    else expect(check, `known gap (${doubleBackwardGap}) seems closed: remove it from the test`).toThrow();
  });
}
