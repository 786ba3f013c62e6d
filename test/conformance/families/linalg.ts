// matmul, mm, bmm, mv, dot, outer (test/golden/gen_linalg.py). The float32
// cases run the SIMD micro-kernels, where the relaxed build fuses
// multiply-add: the cases that show how far runtimes drift apart.

import { errorOf, fromJson, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

type Spec = InputSpec & { mT?: boolean };
const isFloat = (d: string): boolean => d === "float32" || d === "float64";

function build(torch: Torch, s: Spec, requiresGrad: boolean): [Tensor, Tensor] {
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
  const op = g.op as "matmul" | "mm" | "bmm" | "mv" | "dot" | "outer";
  const specs = g.inputs as Spec[];
  if (g.error !== undefined) {
    const [a, b] = specs.map((s) => build(torch, s, false)[1]);
    return { error: errorOf(() => torch[op](a!, b!)) };
  }
  const grad = specs.every((s) => isFloat(s.dtype));
  const made = specs.map((s) => build(torch, s, grad));
  const out = torch[op](made[0]![1], made[1]![1]);
  const obs = { out: observe(out), str: String(out), chain: chainOf(out) };
  if (g.grads === undefined) return obs;
  const w = fromJson(torch, g.w as TensorJson);
  const grads = torch.autograd.grad(out.mul(w).sum(), made.map((m) => m[0]));
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

export const linalg: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "str", "chain", "grads", "error"], tol: (g) => sumTol((g.out as TensorJson | undefined)?.dtype) });
