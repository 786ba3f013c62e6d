// torch.special (test/golden/gen_special.py): each case applies one
// function of the namespace as a user writes it (`torch.special.erfcx(x)`)
// and compares values, the grad_fn name, grads of a weighted sum of the
// output, and error messages.

import { decode, errorOf, fromJson, isFloat, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Args = Record<string, unknown>;

const num = (v: unknown): number => decode(v as number | string);

/** The function a case names, applied as a torchlet user writes it. */
export function applySpecial(torch: Torch, op: string, inputs: Tensor[], a: Args): Tensor {
  // F.rrelu's node (random slopes in training: only its name is compared)
  if (op === "rrelu")
    return torch.nn.functional.rrelu(inputs[0]!.clone(), {
      training: a.training as boolean,
      inplace: a.inplace as boolean,
    });
  const xs = "cast" in a ? inputs.map((x) => x.to(a.cast as "float16")) : inputs;
  const S = torch.special as unknown as Record<string, (...args: unknown[]) => Tensor>;
  const f = S[op];
  if (f === undefined) throw new Error(`unknown op special.${op}`);
  const rest = [...xs];
  if (op === "xlog1py" || op === "zeta" || op === "xlogy") {
    const x = "self" in a ? num(a.self) : rest.shift()!;
    const y = "other" in a ? num(a.other) : rest.shift()!;
    return f(x, y);
  }
  const x = rest[0]!;
  if (op === "polygamma") return f(a.n, x);
  if (op === "multigammaln") return f(x, a.p);
  if (op === "round") return "decimals" in a ? f(x, { decimals: a.decimals }) : f(x);
  if (op === "logit") return "eps" in a ? f(x, { eps: a.eps }) : f(x);
  if (op === "logsumexp") return f(x, a.dim, { keepdim: a.keepdim ?? false });
  if (op === "softmax" || op === "logSoftmax") return f(x, a.dim);
  return f(x);
}

/** A golden case: the call, and what PyTorch gave (an error, or grads of the weighted output). */
type SpecialCase = { op: string; inputs: InputSpec[]; args: Args } & Partial<{
  error: string;
  backward: boolean;
  grads: (TensorJson | null)[];
  weights: TensorJson[];
}>;

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as SpecialCase;
  // The inputs (those flagged requiring grad) and the result of the case's call.
  const call = (grad: (i: number, s: InputSpec) => boolean) => {
    const made = c.inputs.map((s, i) => make(torch, s, grad(i, s)));
    const xs = made.map((m) => m[1]);
    return { leaves: made.map((m) => m[0]).filter((t) => t.requiresGrad), out: applySpecial(torch, c.op, xs, c.args) };
  };
  if (c.backward)
    return {
      error: errorOf(() =>
        call(() => true)
          .out.sum()
          .backward(),
      ),
    };
  if (c.error !== undefined) return { error: errorOf(() => call(() => false)) };
  const noGrad = (c.args.noGrad as number[] | undefined) ?? [];
  const withGrad = c.grads !== undefined || c.op === "rrelu";
  const { leaves, out } = call((i, s) => withGrad && !noGrad.includes(i) && isFloat(s.dtype));
  if (c.op === "rrelu") return { gradFn: out.gradFn?.name() ?? null };
  const obs: Observed = { out: observe(out), gradFn: out.gradFn?.name() ?? null };
  if (c.grads === undefined) return obs;
  const loss = out.mul(fromJson(torch, c.weights![0]!)).sum();
  const grads = torch.autograd.grad(loss, leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

/**
 * float64 within 1e-10: erfcx, ndtri, log_ndtr and the Bessel functions are
 * computed another way than PyTorch's Cephes tables (1e-13 apart at worst);
 * float32 within a few ulps of float32 math; the half types within their
 * own rounding.
 */
function tolOf(g: Golden): { rtol: number; atol: number } | undefined {
  const inputs = (g.inputs as InputSpec[] | undefined) ?? [];
  const dtype = inputs[0]?.dtype;
  if (dtype === "bfloat16" || dtype === "float16" || (g.args as Args | undefined)?.cast !== undefined)
    return { rtol: 1e-2, atol: 1e-3 };
  if (dtype === "float64") return { rtol: 1e-10, atol: 1e-12 };
  return { rtol: 1e-5, atol: 1e-6 };
}

export const special: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "gradFn", "grads", "error"], tol: tolOf });
