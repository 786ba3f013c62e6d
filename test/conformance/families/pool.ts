// Pooling, padding and resampling (test/golden/gen_pool.py, gen_pad.py,
// gen_resample.py): every case is data, an F op with its input, positional
// arguments and Python keyword arguments, or a module by its class name with
// its constructor's. Observed: values (and indices), grad_fn names, the
// input's grad, PyTorch's messages and the modules' reprs.

import { camel, errorOf, make, observe } from "../values.js";
import type { InputSpec } from "../values.js";
import type { Case, GoldenFile, Observed, Tensor, Torch, Value } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

const isSpec = (v: unknown): v is InputSpec =>
  v !== null && typeof v === "object" && !Array.isArray(v) && "baseShape" in (v as object);

/** Python keyword arguments as torchlet's options object (camelCase keys). */
const options = (kw: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
  kw && Object.keys(kw).length > 0 ? Object.fromEntries(Object.entries(kw).map(([k, v]) => [camel(k), v])) : undefined;

type Fn = (...a: unknown[]) => Tensor | Tensor[];

/** F.<op>(x, ...args, options) with tensor arguments made from their specs. */
function callOp(torch: Torch, g: Golden, x: Tensor): Tensor | Tensor[] {
  const F = torch.nn.functional as unknown as Record<string, Fn>;
  const fn = F[camel(String(g.op))];
  if (typeof fn !== "function") throw new Error(`no F.${camel(String(g.op))}`);
  const args = ((g.args as unknown[]) ?? []).map((a) => (isSpec(a) ? make(torch, a)[1] : a));
  const kw = options(g.kwargs as Record<string, unknown>);
  return kw === undefined ? fn(x, ...args) : fn(x, ...args, kw);
}

const observeOut = (out: Tensor | Tensor[]): Value => (Array.isArray(out) ? out.map(observe) : observe(out));

/** The values' grad_fn and the input's grad under the case's grad_out. */
function gradsOf(torch: Torch, g: Golden, values: Tensor, leaf: Tensor): Observed {
  const o: Observed = { grad_fn: values.gradFn ? values.gradFn.name() : null };
  if (g.grads !== undefined) {
    const go = make(torch, g.grad_out as InputSpec)[1];
    o.grads = [observe(torch.autograd.grad([values], [leaf], [go])[0]!)];
  }
  return o;
}

function runFunctional(torch: Torch, g: Golden): Observed {
  if (g.error !== undefined) {
    const x = torch.zeros(g.shape as number[], { dtype: g.dtype as "float32" });
    if (g.requires_grad) x.requiresGrad_(true);
    return { error: errorOf(() => callOp(torch, g, x)) };
  }
  const [leaf, x] = make(torch, g.input as InputSpec, g.grads !== undefined);
  if (typeof g.seed === "number") torch.manualSeed(g.seed);
  const out = callOp(torch, g, x);
  const values = Array.isArray(out) ? out[0]! : out;
  return { out: observeOut(out), ...gradsOf(torch, g, values, leaf) };
}

function runModule(torch: Torch, g: Golden): Observed {
  const Ctor = (torch.nn as unknown as Record<string, new (...a: unknown[]) => { call: Fn }>)[String(g.kind)]!;
  const kw = options(g.ctor_kwargs as Record<string, unknown>);
  const args = g.ctor_args as unknown[];
  const m = kw === undefined ? new Ctor(...args) : new Ctor(...args, kw);
  if (g.input === undefined) return { repr: String(m) };
  const [leaf] = make(torch, g.input as InputSpec, true);
  if (typeof g.seed === "number") torch.manualSeed(g.seed);
  const out = m.call(leaf);
  const values = Array.isArray(out) ? out[0]! : out;
  return { repr: String(m), out: observeOut(out), ...gradsOf(torch, g, values, leaf) };
}

/** The float32 sums of the average pools and interpolations may round in another order than PyTorch's. */
const tolOf = (g: Golden) => {
  const spec = (g.input ?? null) as InputSpec | null;
  return spec === null ? undefined : sumTol(spec.dtype);
};

/** The pool, pad and resample golden files share this family. */
export const pool = (golden: GoldenFile): Case[] =>
  fromGolden(golden, (torch, g) => (g.kind !== undefined ? runModule(torch, g) : runFunctional(torch, g)), {
    compare: (g) => (g.error !== undefined ? ["error"] : ["out", "grad_fn", "grads", "repr"]),
    tol: tolOf,
  });
