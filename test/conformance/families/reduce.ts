// Reductions (test/golden/gen_reduce.py): torch.<op>(x, ...args, kwargs) on
// named inputs (the golden case "inputs" holds them), values or
// (values, indices), grad_fn, the base's grad for a fixed upstream grad.

import { errorOf, fromJson, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

type Arg = number | string | boolean | null | number[];
type Specs = Record<string, InputSpec & { perm?: number[] }>;

const jsName: Record<string, string> = { log_softmax: "logSoftmax" };
const decodeArg = (a: Arg): Arg => (a === "inf" ? Infinity : a === "-inf" ? -Infinity : a);

function call(torch: Torch, g: Golden, x: Tensor): unknown {
  const name = jsName[String(g.op)] ?? String(g.op);
  const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  if (typeof fn !== "function") throw new TypeError(`torch.${name} is not a function`);
  const args: unknown[] = (g.args as Arg[]).map(decodeArg);
  const kw = Object.fromEntries(Object.entries(g.kwargs as Record<string, Arg>).map(([k, v]) => [k, decodeArg(v)]));
  if (Object.keys(kw).length > 0) args.push(kw);
  return fn(x, ...args);
}

function run(specs: Specs) {
  return (torch: Torch, g: Golden) => {
    const s = specs[String(g.input)]!;
    const build = (requiresGrad: boolean): [Tensor, Tensor] => {
      const [base, x] = make(torch, s, requiresGrad);
      return [base, s.perm ? x.permute(s.perm) : x];
    };
    if (g.error !== undefined) return { error: errorOf(() => call(torch, g, build(false)[1])) };
    const [base, x] = build(s.dtype.startsWith("float"));
    const r = call(torch, g, x) as Tensor | { values: Tensor; indices: Tensor };
    const named = "values" in r && "indices" in r;
    const primary = named ? r.values : (r as Tensor);
    const obs: Record<string, unknown> = named ? { values: observe(r.values), indices: observe(r.indices) } : { out: observe(primary) };
    obs.gradFn = primary.gradFn?.name() ?? null;
    if (g.printed !== undefined) obs.printed = String(r);
    if (g.gout !== undefined) {
      primary.backward(fromJson(torch, g.gout as TensorJson));
      obs.grad = base.grad ? observe(base.grad) : null;
    } else if (g.grad === null) {
      obs.grad = primary.requiresGrad ? "a result that requires grad" : null; // PyTorch's does not
    }
    return obs as Observed;
  };
}

export const reduce: Family = (golden) => {
  const specs = golden.cases.find((c) => c.name === "inputs")?.specs as Specs;
  return fromGolden(golden, run(specs), {
    compare: ["out", "values", "indices", "gradFn", "printed", "grad", "error"],
    skip: (g) => g.name === "inputs",
    tol: (g) => sumTol(((g.out ?? g.values) as TensorJson | undefined)?.dtype),
  });
};
