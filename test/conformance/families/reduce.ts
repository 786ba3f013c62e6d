// Reductions (test/golden/gen_reduce.py): torch.<op>(x, ...args, kwargs) on
// named inputs (the golden case "inputs" holds them), values or
// (values, indices), grad_fn, the base's grad for a fixed upstream grad.
// test/reduce.test.ts builds inputs and calls ops with the same build and
// applyOp.

import { errorOf, fromJson, isFloat, make, observe } from "../values.js";
import type { ReduceArg, ReduceCase, ReduceSpec } from "../goldenCases.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

const jsName: Record<string, string> = { log_softmax: "logSoftmax" };
const decodeArg = (a: ReduceArg): ReduceArg => (a === "inf" ? Infinity : a === "-inf" ? -Infinity : a);

/** [leaf, the view the op sees] for a named input. */
export function build(torch: Torch, s: ReduceSpec, requiresGrad: boolean): [Tensor, Tensor] {
  const [base, x] = make(torch, s, requiresGrad);
  return [base, s.perm ? x.permute(s.perm) : x];
}

/** torch.<op>(x, ...args, kwargs) in torchlet's spelling. */
export function applyOp(torch: Torch, c: ReduceCase, x: Tensor): unknown {
  const name = jsName[c.op] ?? c.op;
  const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  if (typeof fn !== "function") throw new TypeError(`torch.${name} is not a function`);
  const args: unknown[] = c.args.map(decodeArg);
  const kw = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decodeArg(v)]));
  if (Object.keys(kw).length > 0) args.push(kw);
  return fn(x, ...args);
}

function run(specs: Record<string, ReduceSpec>) {
  return (torch: Torch, g: Golden) => {
    const c = g as unknown as ReduceCase;
    const s = specs[c.input]!;
    if (c.error !== undefined) return { error: errorOf(() => applyOp(torch, c, build(torch, s, false)[1])) };
    const [base, x] = build(torch, s, isFloat(s.dtype));
    const r = applyOp(torch, c, x) as Tensor | { values: Tensor; indices: Tensor };
    const named = "values" in r && "indices" in r;
    const primary = named ? r.values : (r as Tensor);
    const obs: Record<string, unknown> = named
      ? { values: observe(r.values), indices: observe(r.indices) }
      : { out: observe(primary) };
    obs.gradFn = primary.gradFn?.name() ?? null;
    if (c.printed !== undefined) obs.printed = String(r);
    if (c.gout !== undefined) {
      primary.backward(fromJson(torch, c.gout));
      obs.grad = base.grad ? observe(base.grad) : null;
    } else if (c.grad === null) {
      obs.grad = primary.requiresGrad ? "a result that requires grad" : null; // PyTorch's does not
    }
    return obs as Observed;
  };
}

export const reduce: Family = (golden) => {
  const specs = golden.cases.find((c) => c.name === "inputs")?.specs as Record<string, ReduceSpec>;
  return fromGolden(golden, run(specs), {
    compare: ["out", "values", "indices", "gradFn", "printed", "grad", "error"],
    skip: (g) => g.name === "inputs",
    tol: (g) => {
      const dtype = ((g.out ?? g.values) as TensorJson | undefined)?.dtype;
      return dtype === "bfloat16" && STEPWISE.has(String(g.op)) ? { ulps: 1, rtol: 0, atol: 0 } : sumTol(dtype);
    },
  });
};

/**
 * bfloat16 ops PyTorch rounds to bfloat16 between steps (logsumexp is
 * composed of bfloat16 ops; softmax's scalar loop, which short rows take,
 * keeps bfloat16 intermediates), where torchlet computes in float32 and
 * rounds once: the two differ by up to an ulp.
 */
const STEPWISE = new Set(["logsumexp", "softmax", "log_softmax"]);
