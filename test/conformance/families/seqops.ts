// The ops of issue 17 that sequence models reach for (test/golden/gen_seqops.py):
// masking and triangles, scans, sorting and selection, shape ops. Each case
// applies the op a user would write and compares values, the grad_fn name,
// grads of a weighted sum of the float outputs, and error messages.

import { decode, isFloat, observe } from "../values.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";
import { applyCase, firstDtype, weightedLoss, withGrads, type OpCase } from "./opCase.js";

/** A case's JSON arguments (the generator's `args`). */
export type SeqArgs = Record<string, unknown>;

/** A number argument: "nan" / "inf" / "-inf" spelled out in the JSON. */
const num = (v: unknown): number => decode(v as number | string);

const pick = <T>(a: SeqArgs, k: string, d: T): T => (k in a ? (a[k] as T) : d);

/** The op a case names, applied as a torchlet user writes it. */
export function applySeqOp(torch: Torch, op: string, xs: Tensor[], a: SeqArgs): Tensor | Tensor[] {
  const x = xs[0]!;
  const sorted = applySorting(torch, op, xs, a);
  if (sorted !== null) return sorted;
  switch (op) {
    // ---- masking and triangles ----
    case "maskedFill":
      return x.maskedFill(xs[1]!, xs.length > 2 ? xs[2]! : num(a.value));
    case "maskedFill_":
      return x.clone().maskedFill_(xs[1]!, num(a.value));
    case "tril":
      return torch.tril(x, pick(a, "diagonal", 0));
    case "triu":
      return torch.triu(x, pick(a, "diagonal", 0));
    case "tril_":
      return x.clone().tril_(pick(a, "diagonal", 0));
    case "triu_":
      return x.clone().triu_(pick(a, "diagonal", 0));
    case "where": {
      const rest = xs.slice(1);
      const b = "a" in a ? num(a.a) : rest.shift()!;
      const c = "b" in a ? num(a.b) : rest.shift()!;
      return torch.where(x, b, c);
    }
    // ---- scans ----
    case "cumsum":
    case "cumprod": {
      const opts = "dtype" in a ? { dtype: a.dtype as "float64" } : undefined;
      return op === "cumsum" ? torch.cumsum(x, a.dim as number, opts) : x.cumprod(a.dim as number, opts);
    }
    case "logcumsumexp":
      return torch.logcumsumexp(x, a.dim as number);
    case "cummax": {
      const r = torch.cummax(x, a.dim as number);
      return [r.values, r.indices];
    }
    case "cummin":
      return [...x.cummin(a.dim as number)];
    case "diff":
      return torch.diff(x, {
        n: pick(a, "n", 1),
        dim: pick(a, "dim", -1),
        prepend: a.prepend ? xs[1]! : null,
        append: a.append ? xs[xs.length - 1]! : null,
      });
    // ---- shape ----
    case "flip":
      return torch.flip(x, a.dims as number[]);
    case "roll":
      return "dims" in a
        ? torch.roll(x, a.shifts as number | number[], a.dims as number | number[])
        : x.roll(a.shifts as number);
    case "repeat":
      return x.repeat(a.sizes as number[]);
    case "tile":
      return torch.tile(x, a.dims as number[]);
    case "movedim":
      return torch.movedim(x, a.source as number[], a.destination as number[]);
    case "moveaxis":
      return x.moveaxis(a.source as number, a.destination as number);
    case "swapaxes":
      return torch.swapaxes(x, a.dim0 as number, a.dim1 as number);
    case "swapdims":
      return x.swapdims(a.dim0 as number, a.dim1 as number);
    case "unflatten":
      return x.unflatten(a.dim as number, a.sizes as number[]);
    case "atleast1d":
      return torch.atleast1d(x);
    case "atleast2d":
      return torch.atleast2d(x);
    case "atleast3d":
      return torch.atleast3d(x);
    case "meshgrid":
      return torch.meshgrid(xs, { indexing: pick(a, "indexing", "ij") as "ij" });
    case "rot90":
      return torch.rot90(x, pick(a, "k", 1), pick(a, "dims", [0, 1]));
    case "repeatInterleave":
      return torch.repeatInterleave(x, xs.length > 1 ? xs[1]! : (a.repeats as number), {
        dim: pick<number | null>(a, "dim", null),
      });
    case "diagonal":
      return torch.diagonal(x, { offset: pick(a, "offset", 0), dim1: pick(a, "dim1", 0), dim2: pick(a, "dim2", 1) });
    case "diag":
      return x.diag(pick(a, "diagonal", 0));
    case "addmm":
    case "addmv":
    case "baddbmm":
      return torch[op](x, xs[1]!, xs[2]!, { beta: pick(a, "beta", 1), alpha: pick(a, "alpha", 1) });
    case "cross":
      return "dim" in a ? x.cross(xs[1]!, { dim: a.dim as number }) : torch.cross(x, xs[1]!);
    case "tensordot":
      return torch.tensordot(x, xs[1]!, a.dims as number);
    case "kron":
      return torch.kron(x, xs[1]!);
    case "cdist":
      return torch.cdist(x, xs[1]!, { p: num(pick(a, "p", 2)) });
    case "diagEmbed":
      return torch.diagEmbed(x, {
        offset: pick(a, "offset", 0),
        dim1: pick(a, "dim1", -2),
        dim2: pick(a, "dim2", -1),
      });
  }
  throw new Error(`unknown op ${op}`);
}

/** The sorting and selection ops: results with indices as [values, indices]. */
function applySorting(torch: Torch, op: string, xs: Tensor[], a: SeqArgs): Tensor | Tensor[] | null {
  const x = xs[0]!;
  const dim = pick<number | undefined>(a, "dim", undefined);
  const pair = (r: { values: Tensor; indices: Tensor }): Tensor[] => [r.values, r.indices];
  switch (op) {
    case "sort": {
      const o = { descending: pick(a, "descending", false), ...("stable" in a ? { stable: a.stable as boolean } : {}) };
      return dim === undefined ? pair(torch.sort(x, o)) : [...x.sort(dim, o)];
    }
    case "argsort":
      return torch.argsort(x, { dim: dim ?? -1, descending: pick(a, "descending", false) });
    case "topk":
      return pair(x.topk(a.k as number, { dim: dim ?? -1, largest: pick(a, "largest", true) }));
    case "kthvalue":
      return pair(torch.kthvalue(x, a.k as number, dim ?? -1, pick(a, "keepdim", false)));
    case "median":
      return dim === undefined ? torch.median(x) : pair(x.median(dim, { keepdim: pick(a, "keepdim", false) }));
    case "mode":
      return pair(torch.mode(x, { dim: dim ?? -1, keepdim: pick(a, "keepdim", false) }));
    case "unique":
      return torch.unique(x, {
        returnInverse: pick(a, "returnInverse", false),
        returnCounts: pick(a, "returnCounts", false),
      });
    case "searchsorted": {
      const o = { right: pick(a, "right", false), ...("side" in a ? { side: a.side as "left" } : {}) };
      return torch.searchsorted(x, xs.length > 1 ? xs[1]! : (a.value as number), o);
    }
    case "bucketize":
      return torch.bucketize(x, xs[1]!, { right: pick(a, "right", false) });
  }
  return null;
}

type SeqCase = OpCase<SeqArgs>;

/** Tensors of a result: a tensor, an array of them, or a named tuple. */
const tensorsOf = (out: unknown): Tensor[] => (Array.isArray(out) ? out : [...(out as Iterable<Tensor>)]);

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as SeqCase;
  const r = applyCase(torch, c, applySeqOp, (s) => c.grads !== undefined && isFloat(s.dtype));
  if ("error" in r) return r;
  const { made, out } = r;
  const single = out instanceof torch.Tensor;
  const outs = single ? [out] : tensorsOf(out);
  const obs: Observed = {
    out: single ? observe(out) : outs.map(observe),
    gradFn: outs[0]?.gradFn?.name() ?? null,
  };
  if (c.grads === undefined) return obs;
  const diff = outs.filter((o) => o.requiresGrad);
  return withGrads(torch, obs, weightedLoss(torch, diff, c.weights!), made);
}

export const seqops: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "gradFn", "grads", "error"], tol: (g) => sumTol(firstDtype(g)) });
