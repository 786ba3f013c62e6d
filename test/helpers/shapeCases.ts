// Runs the golden cases of test/golden/shape_cases.py (views and movement)
// in torchlet: the same op on the same inputs, checked against what PyTorch
// recorded (values, printed form, grad_fn names and edges, grads, the
// backward of the backward, error messages), with no memory left behind.
// The ops are applied by the conformance family's applyOp, which the
// runtimes run too.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
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
 * Runs one golden case; checks everything PyTorch recorded for it.
 * `doubleBackwardGap` names a known gap outside the op (it must still fail,
 * so the test notices when the gap is closed).
 */
export function runCase(c: ShapeCase, doubleBackwardGap?: string): void {
  leakFree((keep) => {
    const made = c.inputs.map((s) => make(s, isFloat(s.dtype)));
    const xs = made.map((m) => m[1]);
    if (c.error !== undefined) {
      let message: string | null = null;
      try {
        applyOp(torch, c.op, xs, c.args);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, "error message").toBe(c.error);
      return;
    }
    const out = applyOp(torch, c.op, xs, c.args);
    const outs = Array.isArray(out) ? out : [out];
    const wantOuts = Array.isArray(c.out) ? c.out : [c.out!];
    const wantStr = Array.isArray(c.str) ? c.str : [c.str!];
    const wantFn = Array.isArray(c.gradFn) ? c.gradFn : [c.gradFn ?? null];
    expect(outs.length, "number of outputs").toBe(wantOuts.length);
    outs.forEach((o, k) => {
      expectClose(o, wantOuts[k]!, {}, `out ${k}`);
      expect(String(o), `printed out ${k}`).toBe(wantStr[k]);
      expect(nodeName(o), `grad_fn of out ${k}`).toBe(wantFn[k]);
    });
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
      else expect(nodeName(g!), `grad_fn of grad ${i}: the known gap seems closed, remove ${c.name} from GRAD_FN_GAPS`).toBe(gap[1]);
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
