// Helpers shared by the reduction rules (reduce.ts, softmax.ts).

import type { Tensor } from "../../tensor.js";
import { expand, unsqueeze } from "../../ops/views.js";

/** Temporaries of one formula, disposed when it returns (the result is never registered). */
export class Temps {
  private list: Tensor[] = [];
  /** Registers `t` for disposal unless it is one of `borrowed` (the incoming grad, a saved tensor). */
  add<T extends Tensor>(t: T, ...borrowed: Tensor[]): T {
    if (!borrowed.includes(t)) this.list.push(t);
    return t;
  }
  dispose(): void {
    for (const t of this.list) t.dispose();
    this.list = [];
  }
}

export function withTemps<R>(fn: (tmp: Temps) => R): R {
  const tmp = new Temps();
  try {
    return fn(tmp);
  } finally {
    tmp.dispose();
  }
}

/**
 * `t` (a grad or a result of a reduction) with its reduced dims put back as
 * size 1: PyTorch's unsqueeze_multiple. `t` itself when they were kept.
 */
export function restoreDims(t: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  if (keepdim || t.shape.length === ndim) return t;
  let cur = t;
  for (const d of dims) {
    const next = unsqueeze(cur, d);
    if (cur !== t) cur.dispose();
    cur = next;
  }
  return cur;
}

/** Puts the reduced dims back as size 1 (when they were dropped) and broadcasts to the input shape. */
export function expandBack(g: Tensor, s: { shape: readonly number[]; dims: readonly number[]; keepdim: boolean }): Tensor {
  const r = restoreDims(g, s.dims, s.keepdim, s.shape.length);
  try {
    return expand(r, s.shape);
  } finally {
    if (r !== g) r.dispose();
  }
}
