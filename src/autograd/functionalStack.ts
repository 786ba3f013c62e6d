// Stacks the rows of a Jacobian (each of shape `shape`) into [n, ...shape].
// Differentiable: each row is embedded at its index with the recorded
// select-backward op and the embeddings are summed, so a Jacobian made with
// createGraph can be differentiated again.

import type { Tensor } from "../tensor.js";
import { selectBackward } from "../ops/viewGrads.js";
import { add } from "../ops/binary.js";
import { filled } from "../ops/creation.js";

export function stackRows(rows: readonly Tensor[], n: number, shape: readonly number[]): Tensor {
  const full = [n, ...shape];
  if (rows.length === 0) return filled(full, 0, "float32");
  let acc: Tensor | null = null;
  rows.forEach((r, k) => {
    const e = selectBackward(r, full, 0, k);
    if (acc === null) acc = e;
    else {
      const next: Tensor = add(acc, e);
      acc.dispose();
      e.dispose();
      acc = next;
    }
  });
  return acc!;
}
