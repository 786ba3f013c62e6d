// Views and their bases, for in-place ops on views (PyTorch's view + inplace
// handling, torch/csrc/autograd/variable.cpp).
//
// A view op marks its output with a ViewOf: the base (the non-view tensor
// whose storage it sees; a view of a view has the same base), the view's
// grad_fn version and how it was made. Views share the base's version
// counter, so when the base or any view of it is modified in place, a view
// whose grad_fn predates that write is stale: its grad_fn is regenerated on
// access as AsStridedBackward0 of the base's current grad_fn. An in-place op
// on a view itself makes the base's grad_fn a CopySlices (copySlices.ts).
//
// A view requires grad when its base does, also one made in no-grad mode: that
// one is a leaf whose own requiresGrad flag is off, so ops on it record no
// edge to it (edgeOf in function.ts) and no grad reaches it or, through it,
// its base. It may still hold an AccumulateGrad for hooks registered on it,
// which the graph reaches only once requiresGrad_(true) sets its own flag.
//
// The base's autograd identity lives in a ViewBase shared by the base and its
// views. While the base handle is alive it reads the handle; once the handle is
// disposed (a view keeps working, as in PyTorch where a view keeps its base
// alive) it keeps the base's edge itself, a counted reference dropped with the
// last view.

import type { Tensor } from "../tensor.js";
import type { Releasable } from "../memory.js";
import type { Edge, Node } from "./node.js";
import { FunctionNode, edgeOf, setGradFn } from "./function.js";
import { ruleOf } from "./registry.js";
import { isGradEnabled } from "./gradMode.js";

/**
 * How a view was made (PyTorch's CreationMeta): by a single-view op in grad
 * mode, by an op that returns several views (split, chunk, unbind), or in
 * no-grad mode. Only "default" views may be modified in place when autograd
 * records.
 */
export type ViewCreation = "default" | "multi" | "noGrad";

export interface Geometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** What views know of their base: its geometry and its autograd identity. */
export class ViewBase implements Releasable {
  /** Live views. */
  private refs = 0;
  /** The base handle until it is disposed. */
  private tensor: Tensor | null;
  /** The base's edge once the handle is gone (a counted reference while views remain). */
  private edge0: Edge = [null, 0];
  private grad = false;
  readonly geometry: Geometry;
  readonly dtype: Tensor["dtype"];

  constructor(base: Tensor) {
    this.tensor = base;
    this.geometry = { shape: base.shape, strides: base._strides, offset: base._offset };
    this.dtype = base.dtype;
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    this.refs = 0;
    const n = this.edge0[0];
    this.edge0 = [null, 0];
    n?.release();
  }

  /** The base handle is being disposed: views keep its edge. */
  baseDisposed(base: Tensor): void {
    if (this.refs > 0) {
      this.grad = base.requiresGrad;
      const e = edgeOf(base);
      e[0]?.retain();
      this.edge0 = e;
    }
    this.tensor = null;
  }

  requiresGrad(): boolean {
    return this.tensor !== null ? this.tensor.requiresGrad : this.grad;
  }

  isLeaf(): boolean {
    return this.tensor !== null
      ? this.tensor._gradFn === null
      : this.edge0[0] === null || this.edge0[0].name() === "AccumulateGrad";
  }

  /** The edge a node that reads the base gets (collect_next_edges(base)). */
  edge(): Edge {
    return this.tensor !== null ? edgeOf(this.tensor) : this.edge0;
  }

  /** Makes `node` the base's grad_fn. */
  setGradFn(node: Node): void {
    if (this.tensor !== null) {
      setGradFn(this.tensor, node, 0);
      return;
    }
    node.retain();
    const old = this.edge0[0];
    this.edge0 = [node, 0];
    this.grad = true;
    old?.release();
  }
}

/** A view's link to its base (PyTorch's DifferentiableViewMeta). */
export class ViewOf {
  constructor(
    readonly base: ViewBase,
    /** The version of the shared counter when the view's grad_fn was set (attr_version). */
    public version: number,
    readonly creation: ViewCreation,
  ) {}

  /** PyTorch's VariableHooks::grad_fn for a view whose version changed: a new AsStridedBackward0. */
  refresh(view: Tensor): Node | null {
    if (view._fn === null && !this.base.requiresGrad()) return null;
    if (this.creation !== "default") throw new Error(rebaseMessage(view, true));
    const node = new FunctionNode(ruleOf("asStrided"), { input: this.base.geometry, output: geometryOf(view) }, 1);
    const e = this.base.edge();
    e[0]?.retain();
    node._next.push(e);
    node._inputs.push({ shape: this.base.geometry.shape, dtype: this.base.dtype });
    setGradFn(view, node, 0);
    this.version = view._vc.value;
    return node;
  }
}

export const geometryOf = (t: Tensor): Geometry => ({ shape: t.shape, strides: t._strides, offset: t._offset });

/**
 * What a view op makes: a view of `input`'s storage with `shape` and
 * `strides`, starting `offset` elements after input's own storage offset,
 * marked as a view of input's base. `multi` for ops that return several
 * views. A view of a view made in grad mode keeps how its input was made
 * (PyTorch's propagate_creation_meta).
 */
export function makeView(
  input: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset = 0,
  multi = false,
): Tensor {
  const out = input._view(shape, strides, input._offset + offset);
  const prev = input._viewOf;
  const base = prev !== null ? prev.base : (input._viewBase ??= new ViewBase(input));
  const mine: ViewCreation = !isGradEnabled() ? "noGrad" : multi ? "multi" : "default";
  out._viewOf = new ViewOf(base, out._vc.value, mine === "default" && prev !== null ? prev.creation : mine);
  base.retain();
  out._h.view = base;
  return out;
}

/**
 * PyTorch's handle_view_on_rebase message: a view made by an op returning
 * several views, or in no-grad mode, may not be modified in place (directly
 * or through its base) while autograd records.
 */
export function rebaseMessage(view: Tensor, indirect: boolean): string {
  const creation = view._viewOf!.creation;
  const modified = indirect ? "its base or another view of its base has been" : "is being";
  const fn = view._fn;
  let msg =
    fn !== null
      ? `Output ${view._outputNr} of ${fn.name()} is a view and ${modified} modified inplace.`
      : `A view was created in no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  if (creation === "multi") {
    msg +=
      " This view is the output of a function that returns multiple views. Such functions do not allow the output " +
      "views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
  } else {
    msg +=
      " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving " +
      "both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be " +
      "tracked) or both outside (if you want the inplace to be tracked).";
  }
  return msg;
}
