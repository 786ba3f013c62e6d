// The logic ops (test/golden/gen_logic.py): any, all, the float predicates,
// logical_*, bitwise_* and the shifts, isclose, allclose, equal, over every
// dtype. Each golden case names the op, its input specs (or {scalar} for a
// Python number) and keyword arguments; a method call on the first input
// when `method`, its in-place form when `inplace`. Compared: the result (a
// tensor, or a boolean for allclose / equal), whether it requires grad and
// its grad_fn where an input did, and PyTorch's error messages.

import type { Family, Observed, Tensor, Torch } from "../types.js";
import { camel, errorOf, make, observe, type InputSpec } from "../values.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Arg = Tensor | number | boolean;

/** A golden case's arguments: tensors from input specs, numbers as they are. */
function args(torch: Torch, g: Golden): Arg[] {
  return (g.inputs as (InputSpec | { scalar: number | boolean })[]).map((s, i) =>
    "scalar" in s ? s.scalar : make(torch, s, g.requiresGrad === true && i === 0)[1],
  );
}

/** Python keyword arguments as torchlet's options object (none when there are none). */
function options(g: Golden): Record<string, unknown>[] {
  const kw = Object.entries(g.kw as Record<string, unknown>);
  return kw.length === 0 ? [] : [Object.fromEntries(kw.map(([k, v]) => [camel(k), v]))];
}

function call(torch: Torch, g: Golden): unknown {
  const name = camel(String(g.op));
  const xs = args(torch, g);
  const opts = options(g);
  if (g.inplace === true) {
    let self = xs[0] as Tensor;
    // A leaf that requires grad is cloned first, as the generator does.
    if (g.requiresGrad === true) self = self.clone();
    return (self as unknown as Record<string, (...a: unknown[]) => unknown>)[`${name}_`]!(...xs.slice(1), ...opts);
  }
  if (g.method === true)
    return (xs[0] as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...xs.slice(1), ...opts);
  return (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...xs, ...opts);
}

function run(torch: Torch, g: Golden): Observed {
  if (g.error !== undefined) return { error: errorOf(() => call(torch, g)) };
  return torch.tidy(() => {
    const r = call(torch, g);
    if (typeof r === "boolean") return { out: r };
    const t = r as Tensor;
    const o: Observed = { out: observe(t) };
    if (g.requiresGrad === true) {
      o.outRequiresGrad = t.requiresGrad;
      o.gradFn = t.gradFn === null ? null : t.gradFn.name();
    }
    return o;
  });
}

export const logic: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "outRequiresGrad", "gradFn", "error"] });
