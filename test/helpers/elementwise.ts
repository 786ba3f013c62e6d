// Runs the golden cases of test/golden/gen_elementwise.py and gen_inplace.py in torchlet: the
// same op on the same inputs, checked against what PyTorch recorded (values,
// printed form, grad_fn names and edges, grads, double backward, errors),
// with no memory left behind. Operands, ops and in-place calls are made by
// the conformance family's operand, applyOp and inplaceCall, which the
// runtimes run too.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { applyOp, inplaceCall, operand } from "../conformance/families/elementwise.js";
import type { InplaceCase, OpCase } from "../conformance/goldenCases.js";
import { decode, expectClose, fromJson, isFloat, make, sumOfProducts, type TensorJson } from "./golden.js";
import { leakFree } from "./memory.js";

export type { InplaceCase, OpCase } from "../conformance/goldenCases.js";

const nodeName = (t: Tensor) => t.gradFn?.name() ?? null;
const nextOf = (t: Tensor) => t.gradFn!.nextFunctions.map(([n, nr]) => [n === null ? null : n.name(), nr]);

function messageOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

export function runOpCase(c: OpCase): void {
  leakFree((keep) => {
    const made = c.inputs.map((o) => operand(torch, o, c.grad ?? true));
    const xs = made.map((m) => m[1]);
    if (c.kind === "error") {
      expect(messageOf(() => applyOp(torch, c.op, xs, c.args)), "error message").toBe(c.error);
      return;
    }
    const out = applyOp(torch, c.op, xs, c.args);
    expectClose(out, c.out!, {}, "out");
    expect(String(out), "printed").toBe(c.str);
    expect(nodeName(out), "grad_fn").toBe(c.gradFn);
    if (c.next) expect(nextOf(out), "next_functions").toEqual(c.next);
    if (c.weight === undefined) return;
    const w = fromJson(c.weight, true);
    const leaves = made.map((m) => m[0]).filter((b): b is Tensor => b !== null && b.requiresGrad);
    const loss = out.mul(w).sum();
    if (c.gradError !== undefined) {
      expect(messageOf(() => torch.autograd.grad(loss, leaves, null, { createGraph: true, allowUnused: true }))).toBe(c.gradError);
      return;
    }
    const grads = torch.autograd.grad(loss, leaves, null, { createGraph: true, allowUnused: true });
    grads.forEach((g) => keep(g));
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) expect(g, `grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `grad ${i}`);
    });
    if (c.gg === undefined) return;
    const used = grads.filter((g): g is Tensor => g !== null && g.requiresGrad);
    expect(used.length, "grads that require grad").toBe(c.vs!.length);
    const s2 = sumOfProducts(used, c.vs!.map((v) => fromJson(v)));
    const gg = torch.autograd.grad(s2, [...leaves, w], null, { allowUnused: true });
    gg.forEach((g) => keep(g));
    gg.forEach((g, i) => {
      const want = c.gg![i] ?? null;
      if (want === null) expect(g, `second derivative ${i}`).toBeNull();
      else if (NO_PATH_GAPS[c.op]?.includes(i)) expectNoPath(g, want, `second derivative ${i}`);
      else expectClose(g!, want, {}, `second derivative ${i}`);
    });
  });
}

/**
 * Second derivatives (op -> indices among the leaves and the weight) known to
 * differ from PyTorch's: PyTorch records threshold_backward as a function of
 * relu's input, so the input's second derivative is a tensor of zeros;
 * torchlet's graph has no path there and autograd.grad gives null
 * (allowUnused). The test expects the null, so it fails the day the gap is
 * closed.
 */
const NO_PATH_GAPS: Record<string, number[]> = { relu: [0] };

function expectNoPath(g: Tensor | null, want: TensorJson, label: string): void {
  expect(g, `${label}: the known gap seems closed, remove it from NO_PATH_GAPS`).toBeNull();
  const nonzero = want.data.map(decode).filter((v) => v !== 0);
  expect(nonzero, `${label}: torchlet has no path, PyTorch's values`).toEqual([]);
}

export function runInplaceCase(c: InplaceCase): void {
  leakFree((keep) => {
    const [base, x] = make(c.target, c.mode !== "plain" && isFloat(c.target.dtype));
    const made = c.inputs.map((o) => operand(torch, o, c.argGrad ?? true));
    const { self, call } = inplaceCall(torch, c, x, made.map((m) => m[1]));
    if (c.error !== undefined) {
      expect(messageOf(call), "error message").toBe(c.error);
      return;
    }
    const out = call();
    expect(out, "returns self").toBe(self);
    expectClose(out, c.out!, {}, "value");
    expect(String(out), "printed").toBe(c.str);
    expect(out._version, "version").toBe(c.version);
    expect(nodeName(out), "grad_fn").toBe(c.gradFn);
    if (c.next) expect(nextOf(out), "next_functions").toEqual(c.next);
    if (c.weight === undefined) return;
    const leaves = [base, ...made.map((m) => m[0])].filter((b): b is Tensor => b !== null && b.requiresGrad);
    const grads = torch.autograd.grad(out.mul(fromJson(c.weight)).sum(), leaves, null, { allowUnused: true });
    grads.forEach((g) => keep(g));
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) expect(g, `grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `grad ${i}`);
    });
  });
}
