// torch.einsum, torch.trace, torch.unique along a dim,
// torch.uniqueConsecutive, torch.linalg.multiDot and torch.chainMatmul
// (test/golden/gen_einsum.py): values, the grad_fn name, the
// whole backward graph (PyTorch 1.13 contracts left to right without
// opt_einsum, and so does torchlet), grads of a weighted sum, and errors.

import { errorOf, fromJson, isFloat, make, observe, type InputSpec } from "../values.js";
import type { DType, Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

/** A case's JSON arguments (the generator's `args`). */
interface EinsumArgs {
  equation?: string;
  list?: boolean;
  sublists?: (number | "...")[][];
  outSublist?: (number | "...")[];
  cast?: string;
  dim?: number;
  returnInverse?: boolean;
  returnCounts?: boolean;
}

interface EinsumCase {
  op: string;
  inputs: InputSpec[];
  args: EinsumArgs;
  error?: string;
  grads?: (TensorJson | null)[];
  /** PyTorch 1.13's grads where they are wrong (not compared; test/einsum.test.ts checks the true ones). */
  knownGrads?: (TensorJson | null)[];
  weights?: TensorJson[];
}

type GradNode = { name(): string; nextFunctions: readonly (readonly [GradNode | null, number])[] };

/** The backward graph as nested names, as the generator writes it. */
export function graphOf(node: GradNode | null): string {
  if (node === null) return "None";
  const next = node.nextFunctions.map(([n]) => graphOf(n));
  return node.name() + (next.length > 0 ? `(${next.join(",")})` : "");
}

/** The op a case names, applied as a torchlet user writes it. */
export function applyEinsum(torch: Torch, op: string, inputs: Tensor[], a: EinsumArgs): Tensor | Tensor[] {
  const xs = a.cast === undefined ? inputs : inputs.map((x) => x.to(a.cast as DType));
  if (op === "trace") return torch.trace(xs[0]!);
  if (op === "multiDot") return torch.linalg.multiDot(xs);
  if (op === "chainMatmul") return torch.chainMatmul(...xs);
  if (op === "unique" || op === "uniqueConsecutive") {
    const o = { returnInverse: a.returnInverse ?? false, returnCounts: a.returnCounts ?? false };
    if (op === "unique") return torch.unique(xs[0]!, a.dim === undefined ? o : { ...o, dim: a.dim });
    return a.dim === undefined ? xs[0]!.uniqueConsecutive(o) : torch.uniqueConsecutive(xs[0]!, { ...o, dim: a.dim });
  }
  if (op !== "einsum") throw new Error(`unknown op ${op}`);
  if (a.list) return torch.einsum(a.equation!, xs);
  if (a.sublists !== undefined) {
    const args: unknown[] = [];
    xs.forEach((x, i) => args.push(x, a.sublists![i]));
    if (a.outSublist !== undefined) args.push(a.outSublist);
    return (torch.einsum as (...args: unknown[]) => Tensor)(...args);
  }
  return torch.einsum(a.equation!, ...xs);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as EinsumCase;
  if (c.error !== undefined)
    return {
      error: errorOf(() =>
        applyEinsum(
          torch,
          c.op,
          c.inputs.map((s) => make(torch, s)[1]),
          c.args,
        ),
      ),
    };
  const differentiable = c.grads !== undefined || c.knownGrads !== undefined;
  const made = c.inputs.map((s) => make(torch, s, differentiable && isFloat(s.dtype)));
  const out = applyEinsum(
    torch,
    c.op,
    made.map((m) => m[1]),
    c.args,
  );
  if (Array.isArray(out)) return { out: out.map(observe) };
  const obs: Observed = {
    out: observe(out),
    gradFn: out.gradFn?.name() ?? null,
    ...(out.gradFn ? { graph: graphOf(out.gradFn as unknown as GradNode) } : {}),
  };
  if (c.grads === undefined) return obs;
  const w = fromJson(torch, c.weights![0]!);
  const leaves = made.filter((m) => m[0].requiresGrad).map((m) => m[0]);
  const grads = torch.autograd.grad(out.mul(w).sum(), leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

const dtypeOf = (g: Golden): unknown => (g.inputs as InputSpec[] | undefined)?.[0]?.dtype;

export const einsum: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "gradFn", "graph", "grads", "error"],
    tol: (g) => sumTol(dtypeOf(g)),
  });
