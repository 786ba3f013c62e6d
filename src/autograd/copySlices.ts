// CopySlices: the grad_fn a base gets when one of its views is modified in
// place while autograd records (PyTorch's torch/csrc/autograd/functions/
// tensor.cpp). It holds the in-place op's own node `fn` (say MulBackward0
// for v.mul_(2)) and the geometries of the base and of the view. Its edges are
// the base's previous edge plus fn's edges for the op's other inputs. Backward
// gives the base's grad with the view's region replaced by what fn makes of
// that region's grad, and passes fn's other grads on.
//
// Its backward (rules/views.ts) is built from differentiable ops (copy_ into
// a view of the result), so under createGraph it is itself recorded, through
// CopySlices again.

import type { Tensor } from "../tensor.js";
import { Node, SECOND_BACKWARD } from "./node.js";
import type { Geometry, ViewBase } from "./viewTracking.js";
import { geometryOf } from "./viewTracking.js";
import { engineRules } from "./registry.js";
import { scoped } from "../memory.js";

export class CopySlices extends Node {
  private fn: Node | null;
  private readonly base: Geometry;
  private readonly view: Geometry;

  constructor(base: ViewBase, view: Tensor, fn: Node) {
    super();
    this.base = base.geometry;
    this.view = geometryOf(view);
    fn.retain();
    this.fn = fn;
    const e = base.edge();
    e[0]?.retain();
    this._next.push(e);
    this._inputs.push({ shape: base.geometry.shape, dtype: base.dtype });
    for (let i = 1; i < fn._next.length; i++) {
      const f = fn._next[i]!;
      f[0]?.retain();
      this._next.push(f);
      this._inputs.push(fn._inputs[i] ?? null);
    }
  }

  name(): string {
    return "torch::autograd::CopySlices";
  }

  override get _typeName(): string {
    return "CopySlices";
  }

  /** Drops fn (and what it saved), as PyTorch's release_variables: a second backward then fails. */
  override _freeSaved(): void {
    const fn = this.fn;
    this.fn = null;
    fn?.release();
  }

  _apply(grads: readonly (Tensor | null)[], createGraph: boolean): (Tensor | null)[] {
    const g = grads[0] ?? null;
    if (g === null) return new Array<Tensor | null>(this._next.length).fill(null);
    const fn = this.fn;
    if (fn === null) throw new Error(SECOND_BACKWARD);
    // Its temporaries are the engine's to free, as a formula's (function.ts).
    return scoped(() => {
      const out = engineRules.copySlices!(g, this.base, this.view, fn, this._next.length, createGraph);
      if (this._next[0]![0] === null) out[0] = null;
      return out;
    });
  }
}

/**
 * PyTorch's rebase_history for a view: `fn`, the node an in-place op just
 * recorded on `view`, goes into a CopySlices that becomes the base's grad_fn,
 * and the view's grad_fn is regenerated from it (AsStridedBackward0).
 */
export function rebaseHistory(view: Tensor, fn: Node): void {
  const vo = view._viewOf!;
  vo.base.setGradFn(new CopySlices(vo.base, view, fn));
  vo.version = -1;
  void view._gradFn; // regenerates the view's grad_fn, which drops its reference to fn
}
