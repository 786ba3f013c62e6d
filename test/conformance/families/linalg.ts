// matmul, mm, bmm, mv, dot, outer (test/golden/gen_linalg.py). The float32
// cases run the SIMD micro-kernels, where the relaxed build fuses
// multiply-add: the cases that show how far runtimes drift apart.
// test/linalg.ops.test.ts builds its inputs and writes graphs with the same
// build and chainOf, and checks more (graphs of grads, double backward,
// memory).

import { errorOf, fromJson, isFloat, make, observe } from "../values.js";
import type { LinalgCase, LinalgSpec } from "../goldenCases.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

/** [leaf, input] for a linalg input spec (make(), then transposed when mT). */
export function build(torch: Torch, s: LinalgSpec, requiresGrad: boolean): [Tensor, Tensor] {
  const [base, x] = make(torch, s, requiresGrad);
  return [base, s.mT ? x.transpose(-2, -1) : x];
}

/** The whole grad_fn graph, written as gen_linalg.py's chain() writes it. */
export function chainOf(t: Tensor): string {
  type N = NonNullable<Tensor["gradFn"]>;
  const walk = (n: N | null): string => {
    if (n === null) return "None";
    const kids = n.nextFunctions.map(([child]) => walk(child as N | null));
    return n.name() + (kids.length > 0 && n.name() !== "AccumulateGrad" ? `(${kids.join(", ")})` : "");
  };
  return walk(t.gradFn);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as LinalgCase;
  if (c.error !== undefined) {
    const [a, b] = c.inputs.map((s) => build(torch, s, false)[1]);
    return { error: errorOf(() => torch[c.op](a!, b!)) };
  }
  const grad = c.inputs.every((s) => isFloat(s.dtype));
  const made = c.inputs.map((s) => build(torch, s, grad));
  const out = torch[c.op](made[0]![1], made[1]![1]);
  const obs = { out: observe(out), str: String(out), chain: chainOf(out) };
  if (c.grads === undefined) return obs;
  const w = fromJson(torch, c.w!);
  const grads = torch.autograd.grad(
    out.mul(w).sum(),
    made.map((m) => m[0]),
  );
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

export const linalg: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "str", "chain", "grads", "error"],
    tol: (g) => sumTol((g.out as TensorJson | undefined)?.dtype),
  });
