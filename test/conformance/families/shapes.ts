// Views and movement (test/golden/shape_cases.py, shared by gen_views.py and
// gen_movement.py): the op a case names, applied as a user writes it.
// test/helpers/shapeCases.ts applies the same ops under vitest and checks
// more (edges, double backward, memory).

import { fromJson, isFloat, observe } from "../values.js";
import type { ShapeArgs, ShapeCase } from "../goldenCases.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { applyCase, perOutput, weightedLoss, withGrads } from "./opCase.js";

/** The op a case names, applied as a torchlet user would write it. */
export function applyOp(torch: Torch, op: string, xs: Tensor[], a: ShapeArgs): Tensor | Tensor[] {
  const x = xs[0]!;
  const many = (): Tensor[] => Array.from({ length: a.repeat ?? 1 }, () => xs).flat();
  const index = (): Tensor => {
    const t = fromJson(torch, a.index as TensorJson);
    return a.indexT ? t.t() : t;
  };
  switch (op) {
    case "view":
      return x.view(a.shape!);
    case "reshape":
      return x.reshape(a.shape!);
    case "flatten":
      return x.flatten(a.start ?? 0, a.end ?? -1);
    case "unsqueeze":
      return x.unsqueeze(a.dim!);
    case "squeeze":
      return a.dim === undefined ? x.squeeze() : x.squeeze(a.dim);
    case "transpose":
      return x.transpose(a.dim0!, a.dim1!);
    case "t":
      return x.t();
    case "T":
      return x.T;
    case "permute":
      return x.permute(a.dims!);
    case "expand":
      return x.expand(a.shape!);
    case "expandAs":
      return x.expandAs(xs[1]!);
    case "contiguous":
      return x.contiguous();
    case "narrow":
      return x.narrow(a.dim!, a.start!, a.length!);
    case "slice":
      return x.slice(a.dim!, a.start ?? null, a.end ?? null, a.step ?? 1);
    case "select":
      return x.select(a.dim!, a.index as number);
    case "cat":
      return torch.cat(many(), a.dim);
    case "stack":
      return torch.stack(many(), a.dim);
    case "split":
      return torch.split(x, a.split!, a.dim);
    case "chunk":
      return torch.chunk(x, a.chunks!, a.dim);
    case "unbind":
      return torch.unbind(x, a.dim);
    case "indexSelect":
      return torch.indexSelect(x, a.dim!, index());
    case "gather":
      return torch.gather(x, a.dim!, index());
  }
  throw new Error(`unknown op ${op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as ShapeCase;
  const r = applyCase(torch, c, applyOp, (s) => isFloat(s.dtype));
  if ("error" in r) return r;
  const { outs, one } = perOutput(r.out);
  const obs = {
    out: one(outs.map(observe)),
    str: one(outs.map((o) => String(o))),
    gradFn: one(outs.map((o) => o.gradFn?.name() ?? null)),
  };
  if (c.grads === undefined) return obs;
  return withGrads(torch, obs, weightedLoss(torch, outs, c.weights!), r.made);
}

export const shapes: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "str", "gradFn", "grads", "error"] });
