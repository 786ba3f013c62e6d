// Gradient rules of the reductions (src/ops/reduce.ts).

import type { Tensor } from "../../tensor.js";
import type { RuleTable } from "../derivatives.js";
import { div } from "../../ops/binary.js";
import { expand, unsqueeze } from "../../ops/views.js";
import { withTemp } from "./elementwise.js";

export type ReduceOp = "sum" | "sumDim" | "mean" | "meanDim";

interface Reduced {
  shape: readonly number[];
  dims: readonly number[];
  keepdim: boolean;
  n: number;
}

/** Puts the reduced dims back as size 1 (when they were dropped) and broadcasts to the input shape. */
export function expandBack(g: Tensor, s: Pick<Reduced, "shape" | "dims" | "keepdim">): Tensor {
  if (s.keepdim || g.shape.length === s.shape.length) return expand(g, s.shape);
  let cur = g;
  for (const d of s.dims) {
    const next = unsqueeze(cur, d);
    if (cur !== g) cur.dispose();
    cur = next;
  }
  const out = expand(cur, s.shape);
  if (cur !== g) cur.dispose();
  return out;
}

export const reduceRules: RuleTable<ReduceOp> = {
  sum: { name: "SumBackward0", grads: [(g, s: Reduced) => expand(g, s.shape)] },
  sumDim: { name: "SumBackward1", grads: [(g, s: Reduced) => expandBack(g, s)] },
  mean: { name: "MeanBackward0", grads: [(g, s: Reduced) => withTemp(expand(g, s.shape), (e) => div(e, s.n))] },
  meanDim: { name: "MeanBackward1", grads: [(g, s: Reduced) => withTemp(expandBack(g, s), (e) => div(e, s.n))] },
};
