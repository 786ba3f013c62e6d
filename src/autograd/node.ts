// Graph nodes (grad_fn objects). A node knows the edges to the nodes of its
// inputs, the shapes of those inputs (so the engine can undo broadcasting),
// what it saved for backward, and how to turn output grads into input grads
// (its rule in derivatives.ts).
//
// Lifetime: a node is refcounted by the tensors whose grad_fn it is and by
// the nodes whose edges point at it. When the count drops to zero it gives
// back its saved tensors and its edges, so disposing (or tidying) the outputs
// of a forward pass frees the whole graph without waiting for the GC.

import { legacyTypeName, type DType } from "../dtype.js";
import type { Tensor, Hook } from "../tensor.js";

export type Edge = readonly [Node | null, number];

export interface InputMeta {
  shape: readonly number[];
  dtype: DType;
}

let sequence = 0;

export const SECOND_BACKWARD =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have " +
  "already been freed). Saved intermediate values of the graph are freed when you call .backward() or " +
  "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or " +
  "if you need to access saved tensors after calling backward.";

/** A tensor kept for backward, with the version it had when saved. */
export class SavedTensor {
  constructor(
    /** An owned handle sharing the saved tensor's storage. */
    public handle: Tensor | null,
    public readonly version: number,
    public readonly opName: string,
    /**
     * The tensor that was saved (null when it is an output of the saving
     * node), for the error's wording; dropped with the handle. A strong
     * reference: a WeakRef would keep its target alive until the end of the
     * current job anyway (WeakRef's KeepDuringJob), one per saved tensor,
     * which in a synchronous training loop holds every step's inputs.
     */
    public source: Tensor | null = null,
  ) {}

  unpack(node: Node): Tensor {
    const t = this.handle;
    if (t === null) throw new Error(SECOND_BACKWARD);
    if (t._vc.value !== this.version) throw new Error(modifiedMessage(t, this, node));
    return t;
  }

  free(): void {
    const t = this.handle;
    this.handle = null;
    this.source = null;
    t?.dispose();
  }
}

/**
 * PyTorch's SavedVariable::unpack message. It names the saved tensor's
 * grad_fn as it is now (so the in-place op's node, once one modified it), or
 * the saving node for a saved output; a leaf gets no "which is output" part.
 */
function modifiedMessage(t: Tensor, saved: SavedTensor, node: Node): string {
  let fn: Node | null;
  const src = saved.source;
  if (src === null) fn = node;
  else {
    fn = !src.isDisposed ? src._gradFn : t._gradFn;
    if (fn === null && t._gradFn !== null) fn = node;
  }
  const which = fn === null ? "" : `, which is output ${t._outputNr} of ${fn.name()},`;
  return (
    "one of the variables needed for gradient computation has been modified by an inplace operation: " +
    `[${legacyTypeName[t.dtype]} [${t.shape.join(", ")}]]${which} is at version ${t._vc.value}; expected version ` +
    `${saved.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its ` +
    "gradient, with torch.autograd.set_detect_anomaly(True)."
  );
}

/**
 * A node of the autograd graph (PyTorch's grad_fn objects,
 * torch.autograd.graph.Node): `x.gradFn.name()`, `nextFunctions`,
 * `registerHook`. Made by ops, never by users.
 */
export abstract class Node {
  /** @internal */ _next: Edge[] = [];
  /** @internal */ _inputs: (InputMeta | null)[] = [];
  /** @internal */ _refs = 0;
  /** @internal saved tensors were freed by a backward without retainGraph */ _freed = false;
  /** @internal creation order; the engine runs later nodes first, like PyTorch */ readonly _seq = sequence++;
  /** @internal hooks of the non-leaf tensors this node produced, by output number */ _hooks: Map<
    number,
    Hook[]
  > | null = null;
  /** @internal non-leaf outputs whose .grad should be kept (retainGrad) */ _retain: Map<number, Tensor> | null = null;
  // The backward engine's bookkeeping, valid while _pass is the running pass's number (engine.ts).
  /** @internal */ _pass = 0;
  /** @internal edges from nodes of the pass that have not run yet */ _deps = 0;
  /** @internal grads received so far, by output number */ _buf: (Tensor | null)[] | null = null;

  /** PyTorch's class name of this backward function, e.g. "AddBackward0". */
  abstract name(): string;

  /** @internal Number of outputs of the forward op (grads this node receives). */
  get _numOutputs(): number {
    return 1;
  }

  /** ((node, inputNr), ...) for each input of the forward op, as torch's next_functions. */
  get nextFunctions(): readonly Edge[] {
    return this._next;
  }

  /** @internal PyTorch's Python class name, shown by str() and a tensor's grad_fn=<...>; name() for most nodes. */
  get _typeName(): string {
    return this.name();
  }

  /** What Python prints for a grad_fn, e.g. "<AddBackward0 object>". */
  toString(): string {
    return `<${this._typeName} object>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** @internal */
  retain(): void {
    this._refs++;
  }

  /** @internal */
  release(): void {
    if (--this._refs > 0) return;
    this._refs = 0;
    this._freeSaved();
    const next = this._next;
    this._next = [];
    for (const [n] of next) n?.release();
    this._retain = null;
    this._hooks = null;
  }

  /** @internal Frees what was saved for backward. */
  _freeSaved(): void {}

  /**
   * @internal Turns grads w.r.t. the outputs into grads w.r.t. the inputs
   * (null: no grad); `createGraph`: whether the backward is itself recorded.
   */
  abstract _apply(grads: readonly (Tensor | null)[], createGraph: boolean): (Tensor | null)[];

  /** @internal Registers a hook for output `nr`. */
  _addHook(nr: number, hook: Hook): void {
    this._hooks ??= new Map();
    const list = this._hooks.get(nr) ?? [];
    list.push(hook);
    this._hooks.set(nr, list);
  }
}
