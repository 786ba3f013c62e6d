// The indexing ops (test/golden/gen_indexing.py): scatter and its kin,
// take, masked_select / masked_scatter, nonzero, one_hot and advanced
// indexing, applied as a torchlet user writes them. The in-place forms
// ("scatter_", ...) run on a clone, as the generator does.

import { fromJson, isFloat, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { applyCase, perOutput, weightedLoss, withGrads, type OpCase } from "./opCase.js";

interface Args {
  dim?: number;
  index?: TensorJson;
  mask?: TensorJson;
  value?: number | boolean;
  reduce?: string;
  includeSelf?: boolean;
  alpha?: number;
  indices?: (number | null | TensorJson)[];
  accumulate?: boolean;
  numClasses?: number;
  asTuple?: boolean;
}

type IndexingCase = OpCase<Args>;

/** The op a case names, applied as a torchlet user would write it. */
export function applyOp(torch: Torch, op: string, xs: Tensor[], a: Args): Tensor | Tensor[] {
  const x = xs[0]!;
  const other = (xs[1] ?? a.value) as Tensor | number;
  const index = (): Tensor => fromJson(torch, a.index!);
  const mask = (): Tensor => fromJson(torch, a.mask!);
  const items = () => a.indices!.map((it) => (it === null || typeof it === "number" ? it : fromJson(torch, it)));
  const inPlace = op.endsWith("_");
  const t = inPlace ? x.clone() : x;
  const reduce = a.reduce === undefined ? undefined : { reduce: a.reduce as "add" | "multiply" };
  switch (op) {
    case "scatter":
      return torch.scatter(x, a.dim!, index(), other, reduce);
    case "scatter_":
      return t.scatter_(a.dim!, index(), other, reduce);
    case "scatterAdd":
      return torch.scatterAdd(x, a.dim!, index(), other as Tensor);
    case "scatterAdd_":
      return t.scatterAdd_(a.dim!, index(), other as Tensor);
    case "scatterReduce":
      return torch.scatterReduce(x, a.dim!, index(), other as Tensor, a.reduce as "sum", {
        includeSelf: a.includeSelf ?? true,
      });
    case "scatterReduce_":
      return t.scatterReduce_(a.dim!, index(), other as Tensor, a.reduce as "sum", {
        includeSelf: a.includeSelf ?? true,
      });
    case "indexAdd":
      return torch.indexAdd(
        x,
        a.dim!,
        index(),
        other as Tensor,
        a.alpha === undefined ? undefined : { alpha: a.alpha },
      );
    case "indexAdd_":
      return t.indexAdd_(a.dim!, index(), other as Tensor, a.alpha === undefined ? undefined : { alpha: a.alpha });
    case "indexCopy":
      return torch.indexCopy(x, a.dim!, index(), other as Tensor);
    case "indexCopy_":
      return t.indexCopy_(a.dim!, index(), other as Tensor);
    case "indexFill":
      return torch.indexFill(x, a.dim!, index(), other);
    case "indexFill_":
      return t.indexFill_(a.dim!, index(), other);
    case "take":
      return torch.take(x, index());
    case "takeAlongDim":
      return torch.takeAlongDim(x, index(), a.dim);
    case "maskedSelect":
      return torch.maskedSelect(x, mask());
    case "maskedScatter":
      return torch.maskedScatter(x, mask(), other as Tensor);
    case "maskedScatter_":
      return t.maskedScatter_(mask(), other as Tensor);
    case "nonzero":
      return a.asTuple ? torch.nonzero(x, { asTuple: true }) : torch.nonzero(x);
    case "oneHot":
      return torch.nn.functional.oneHot(x, a.numClasses ?? -1);
    case "index":
      return x.index(items());
    case "indexPut":
      return torch.indexPut(x, items(), other, { accumulate: a.accumulate ?? false });
    case "indexPut_":
      return t.indexPut_(items(), other, { accumulate: a.accumulate ?? false });
  }
  throw new Error(`unknown op ${op}`);
}

/**
 * An empty int64 result prints its dtype ("dtype=torch.int64"); torchlet's
 * index dtype is int32 until INDEX_DTYPE (src/dtype.ts) becomes int64, so
 * those printed forms are not compared (their values are).
 */
const printsInt64 = (g: Golden): boolean => JSON.stringify(g.str ?? "").includes("dtype=torch.int64");

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as IndexingCase;
  const r = applyCase(torch, c, applyOp, (s) => isFloat(s.dtype));
  if ("error" in r) return r;
  const { outs, one } = perOutput(r.out);
  const obs: Observed = {
    out: one(outs.map(observe)),
    ...(printsInt64(g) ? {} : { str: one(outs.map((o) => String(o))) }),
    // The class name, as the generator records it (Node.name() of CopySlices is "torch::autograd::CopySlices").
    gradFn: one(outs.map((o) => o.gradFn?.name().replace("torch::autograd::", "") ?? null)),
  };
  if (c.grads === undefined) return obs;
  return withGrads(torch, obs, weightedLoss(torch, outs, c.weights!), r.made);
}

export const indexing: Family = (golden) =>
  fromGolden(golden, run, {
    compare: (g) => (printsInt64(g) ? ["out", "gradFn", "grads", "error"] : ["out", "str", "gradFn", "grads", "error"]),
  });
