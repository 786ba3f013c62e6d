// torch.einsum, torch.trace, torch.unique along a dim,
// torch.uniqueConsecutive, torch.linalg.multiDot and torch.chainMatmul
// (test/golden/gen_einsum.py): values, the grad_fn name, the
// whole backward graph (PyTorch 1.13 contracts left to right without
// opt_einsum, and so does torchlet), grads of a weighted sum, and errors.

import { isFloat, observe } from "../values.js";
import type { DType, Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";
import { applyCase, firstDtype, weightedLoss, withGrads, type OpCase } from "./opCase.js";

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

interface EinsumCase extends OpCase<EinsumArgs> {
  /** PyTorch 1.13's grads where they are wrong (not compared; test/einsum.test.ts checks the true ones). */
  knownGrads?: (TensorJson | null)[];
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
  const differentiable = c.grads !== undefined || c.knownGrads !== undefined;
  const r = applyCase(torch, c, applyEinsum, (s) => differentiable && isFloat(s.dtype));
  if ("error" in r) return r;
  const { made, out } = r;
  if (Array.isArray(out)) return { out: out.map(observe) };
  const obs: Observed = {
    out: observe(out),
    gradFn: out.gradFn?.name() ?? null,
    ...(out.gradFn ? { graph: graphOf(out.gradFn as unknown as GradNode) } : {}),
  };
  if (c.grads === undefined) return obs;
  return withGrads(torch, obs, weightedLoss(torch, [out], c.weights!), made);
}

export const einsum: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "gradFn", "graph", "grads", "error"],
    tol: (g) => sumTol(firstDtype(g)),
  });
