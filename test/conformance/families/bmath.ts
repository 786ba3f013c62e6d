// The binary math ops (test/golden/gen_bmath.py): atan2, fmod, floor_divide,
// hypot, logaddexp, logaddexp2, xlogy, copysign, fmax, fmin, heaviside, lerp,
// nan_to_num, in place and as methods. Each case applies the op a user would
// write and compares values, the grad_fn name, grads of a weighted sum of
// the output, and error messages.

import { decode, errorOf, isFloat, make, observe } from "../values.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { applyCase, firstDtype, weightedLoss, withGrads, type OpCase } from "./opCase.js";

type Args = Record<string, unknown>;
type DType = Parameters<Torch["zeros"]>[1] extends infer O
  ? O extends { dtype?: infer D }
    ? NonNullable<D>
    : never
  : never;

const num = (v: unknown): number => decode(v as number | string);

/** The torchlet name of each op, as a torch function and as a Tensor method. */
const binary = [
  "atan2",
  "fmod",
  "hypot",
  "logaddexp",
  "logaddexp2",
  "xlogy",
  "copysign",
  "fmax",
  "fmin",
  "heaviside",
  "floorDivide",
] as const;
type BinaryName = (typeof binary)[number];

/** The op a case names, applied as a torchlet user writes it. */
export function applyBmath(torch: Torch, op: string, inputs: Tensor[], a: Args): Tensor {
  const xs = "cast" in a ? inputs.map((x) => x.to(a.cast as DType)) : inputs;
  const inplace = op.endsWith("_");
  const base = inplace ? op.slice(0, -1) : op;
  if (base === "lerp") {
    const w = xs.length > 2 ? xs[2]! : num(a.weight);
    if (inplace) return xs[0]!.clone().lerp_(xs[1]!, w);
    return a.method ? xs[0]!.lerp(xs[1]!, w) : torch.lerp(xs[0]!, xs[1]!, w);
  }
  if (base === "nanToNum") {
    const o: { nan?: number; posinf?: number; neginf?: number } = {};
    for (const k of ["nan", "posinf", "neginf"] as const) if (k in a) o[k] = num(a[k]);
    if (inplace) return xs[0]!.clone().nanToNum_(o);
    return a.method ? xs[0]!.nanToNum(o) : torch.nanToNum(xs[0]!, o);
  }
  const rest = [...xs];
  const x = "self" in a ? num(a.self) : rest.shift()!;
  const y = "other" in a ? num(a.other) : rest.shift()!;
  const name = base as BinaryName;
  if (!binary.includes(name)) throw new Error(`unknown op ${op}`);
  // The numbers PyTorch refuses go through as they are: torchlet says why.
  const call = torch[name] as (x: unknown, y: unknown) => Tensor;
  if (inplace) {
    const self = (x as Tensor).clone();
    return (self[`${name}_` as keyof Tensor] as unknown as (y: unknown) => Tensor).call(self, y);
  }
  if (a.method) return ((x as Tensor)[name] as unknown as (y: unknown) => Tensor).call(x, y);
  return call(x, y);
}

interface BmathCase extends OpCase<Args> {
  backward?: boolean;
  gradFn?: string | null;
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as BmathCase;
  if (c.backward)
    return {
      error: errorOf(() => {
        const made = c.inputs.map((s) => make(torch, s, true)[1]);
        applyBmath(torch, c.op, made, c.args).sum().backward();
      }),
    };
  // Inputs required grad in PyTorch wherever it recorded a node (NotImplemented ones have no grads).
  const withGrad = c.grads !== undefined || c.gradFn != null;
  const r = applyCase(torch, c, applyBmath, (s) => withGrad && isFloat(s.dtype));
  if ("error" in r) return r;
  const { made, out } = r;
  const obs: Observed = { out: observe(out), gradFn: out.gradFn?.name() ?? null };
  if (c.grads === undefined) return obs;
  return withGrads(torch, obs, weightedLoss(torch, [out], c.weights!), made);
}

/** float32 within a few ulps (libm functions differ in the last bit); the half types within their own rounding. */
function tolOf(g: Golden): { rtol: number; atol: number } | undefined {
  const cast = (g.args as Args | undefined)?.cast;
  if (cast === "float16" || cast === "bfloat16") return { rtol: 1e-2, atol: 1e-3 };
  const dtype = firstDtype(g);
  if (dtype === "float64") return { rtol: 1e-12, atol: 1e-14 };
  return { rtol: 3e-6, atol: 1e-6 };
}

export const bmath: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "gradFn", "grads", "error"], tol: tolOf });
