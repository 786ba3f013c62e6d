// Views and movement (test/golden/shape_cases.py, shared by gen_views.py and
// gen_movement.py): the op a case names, applied as a user writes it.

import { errorOf, fromJson, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

interface Args {
  shape?: number[];
  dim?: number;
  dim0?: number;
  dim1?: number;
  dims?: number[];
  start?: number | null;
  end?: number | null;
  step?: number;
  length?: number;
  index?: TensorJson | number;
  indexT?: boolean;
  repeat?: number;
  split?: number | number[];
  chunks?: number;
}

function apply(torch: Torch, op: string, xs: Tensor[], a: Args): Tensor | Tensor[] {
  const x = xs[0]!;
  const many = (): Tensor[] => Array.from({ length: a.repeat ?? 1 }, () => xs).flat();
  const index = (): Tensor => {
    const t = fromJson(torch, a.index as TensorJson);
    return a.indexT ? t.t() : t;
  };
  switch (op) {
    case "view": return x.view(a.shape!);
    case "reshape": return x.reshape(a.shape!);
    case "flatten": return x.flatten(a.start ?? 0, a.end ?? -1);
    case "unsqueeze": return x.unsqueeze(a.dim!);
    case "squeeze": return a.dim === undefined ? x.squeeze() : x.squeeze(a.dim);
    case "transpose": return x.transpose(a.dim0!, a.dim1!);
    case "t": return x.t();
    case "T": return (x as unknown as { T: Tensor }).T;
    case "permute": return x.permute(a.dims!);
    case "expand": return x.expand(a.shape!);
    case "expandAs": return x.expandAs(xs[1]!);
    case "contiguous": return x.contiguous();
    case "narrow": return x.narrow(a.dim!, a.start!, a.length!);
    case "slice": return x.slice(a.dim!, a.start ?? null, a.end ?? null, a.step ?? 1);
    case "select": return x.select(a.dim!, a.index as number);
    case "cat": return torch.cat(many(), a.dim);
    case "stack": return torch.stack(many(), a.dim);
    case "split": return torch.split(x, a.split!, a.dim);
    case "chunk": return torch.chunk(x, a.chunks!, a.dim);
    case "unbind": return torch.unbind(x, a.dim);
    case "indexSelect": return torch.indexSelect(x, a.dim!, index());
    case "gather": return torch.gather(x, a.dim!, index());
  }
  throw new Error(`unknown op ${op}`);
}

const isFloat = (d: string): boolean => d === "float32" || d === "float64";

function run(torch: Torch, g: Golden): Observed {
  const specs = g.inputs as InputSpec[];
  const args = g.args as Args;
  if (g.error !== undefined) return { error: errorOf(() => apply(torch, String(g.op), specs.map((s) => make(torch, s)[1]), args)) };
  const made = specs.map((s) => make(torch, s, isFloat(s.dtype)));
  const out = apply(torch, String(g.op), made.map((m) => m[1]), args);
  const outs = Array.isArray(out) ? out : [out];
  const one = <T>(v: T[]): T | T[] => (Array.isArray(out) ? v : v[0]!);
  const obs = {
    out: one(outs.map(observe)),
    str: one(outs.map((o) => String(o))),
    gradFn: one(outs.map((o) => o.gradFn?.name() ?? null)),
  };
  if (g.grads === undefined) return obs;
  const ws = (g.weights as TensorJson[]).map((w) => fromJson(torch, w));
  const loss = outs.map((o, k) => o.mul(ws[k]!).sum()).reduce((acc, t) => acc.add(t));
  const leaves = made.filter((m) => m[0].requiresGrad).map((m) => m[0]);
  const grads = torch.autograd.grad(loss, leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

export const shapes: Family = (golden) => fromGolden(golden, run, { compare: ["out", "str", "gradFn", "grads", "error"] });
