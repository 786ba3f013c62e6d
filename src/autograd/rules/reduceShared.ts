// Helpers shared by the reduction rules (reduce.ts, softmax.ts).

import type { Tensor } from "../../tensor.js";
import { expand, unsqueeze } from "../../ops/views.js";

/**
 * `t` (a grad or a result of a reduction) with its reduced dims put back as
 * size 1: PyTorch's unsqueeze_multiple. `t` itself when they were kept.
 */
export function restoreDims(t: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  if (keepdim || t.shape.length === ndim) return t;
  let cur = t;
  for (const d of dims) cur = unsqueeze(cur, d);
  return cur;
}

/** Puts the reduced dims back as size 1 (when they were dropped) and broadcasts to the input shape. */
export function expandBack(
  g: Tensor,
  s: { shape: readonly number[]; dims: readonly number[]; keepdim: boolean },
): Tensor {
  return expand(restoreDims(g, s.dims, s.keepdim, s.shape.length), s.shape);
}
