// Recording: how an op attaches its grad_fn. An op computes its result with
// kernels, then calls `record(op, outputs, inputs, saved)`. When grad mode is
// on and an input requires grad, that makes a FunctionNode holding the rule
// from derivatives.ts, edges to the inputs' nodes and the saved values.

import { Tensor } from "../tensor.js";
import { isGradEnabled } from "./gradMode.js";
import { Node, SavedTensor, SECOND_BACKWARD, type Edge } from "./node.js";
import { derivatives, NOT_DIFFERENTIABLE, type OpName, type Rule } from "./derivatives.js";

/** The grad_fn of a leaf: adds incoming grads into the leaf's .grad. */
export class AccumulateGrad extends Node {
  constructor(public readonly variable: Tensor) {
    super();
  }
  name(): string {
    return "AccumulateGrad";
  }
  _apply(): (Tensor | null)[] {
    return []; // the engine accumulates; see engine.ts
  }
}

/** A node made by `record`: one op's backward, driven by its rule. */
export class FunctionNode extends Node {
  constructor(
    private readonly rule: Rule,
    private saved: Record<string, unknown> | null,
    private readonly outputs: number,
  ) {
    super();
  }

  name(): string {
    return this.rule.name;
  }

  override get _numOutputs(): number {
    return this.outputs;
  }

  /** @internal set by record() when tensors were saved */
  savedTensors = false;

  override _freeSaved(): void {
    const s = this.saved;
    this.saved = null;
    if (s !== null) for (const v of Object.values(s)) if (v instanceof SavedTensor) v.free();
  }

  _apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    // Like PyTorch, only a node that saved tensors refuses a second backward.
    if (this.saved === null && this.savedTensors) throw new Error(SECOND_BACKWARD);
    const s: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.saved ?? {})) {
      s[k] = v instanceof SavedTensor ? v.unpack(this) : v;
    }
    const g = grads[0] ?? null;
    return this.rule.grads.map((f, i) => {
      if (f === NOT_DIFFERENTIABLE || this._next[i]?.[0] == null) return null;
      if (g === null && this.outputs === 1) return null;
      return f(g as Tensor, s, grads);
    });
  }
}

/** The edge an op's input contributes: its grad_fn, its leaf accumulator, or nothing. */
export function edgeOf(t: Tensor | null): Edge {
  if (t === null || !t.requiresGrad) return [null, 0];
  if (t._gradFn !== null) return [t._gradFn, t._outputNr];
  t._accumulator ??= new AccumulateGrad(t);
  return [t._accumulator, 0];
}

/** Makes `node` the grad_fn of output `nr` (a counted reference). */
export function setGradFn(t: Tensor, node: Node, nr: number): void {
  node.retain();
  const old = t._h.node;
  t._gradFn = node;
  t._outputNr = nr;
  t._h.node = node;
  if (old !== null) old.release();
}

/** Whether an op with these inputs must record a node. */
export function needsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const t of inputs) if (t != null && t.requiresGrad) return true;
  return false;
}

/**
 * Wraps a tensor to be saved for backward by `owner`: an owned handle and its
 * version. An output of `owner` itself points back at it without a counted
 * reference (the node owns the handle, so a counted one would never drop).
 */
export function saveTensor(t: Tensor, owner: Node, op: string): SavedTensor {
  const h = t._view(t.shape, t._strides, t._offset);
  h._own();
  if (t._gradFn === owner) {
    h._gradFn = owner;
    h._outputNr = t._outputNr;
  } else if (t._gradFn !== null) setGradFn(h, t._gradFn, t._outputNr);
  else if (t._requiresGrad) {
    // A saved leaf must lead back to the same AccumulateGrad under createGraph.
    h._requiresGrad = true;
    h._accumulator = edgeOf(t)[0];
  }
  return new SavedTensor(h, t._vc.value, op);
}

/**
 * Attaches the grad_fn of `op` to `outputs` when grad mode is on and an input
 * requires grad. Tensor values in `saved` are kept (as owned handles, with
 * their versions) until backward frees them; other values are kept as given.
 * Returns the first output for convenience.
 */
export function record<T extends Tensor | Tensor[]>(
  op: OpName,
  outputs: T,
  inputs: readonly (Tensor | null)[],
  saved: Record<string, unknown> = {},
): T {
  if (!needsGrad(inputs)) return outputs;
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const rule = derivatives[op];
  const kept: Record<string, unknown> = {};
  const node = new FunctionNode(rule, kept, outs.length);
  for (const t of inputs) {
    const e = edgeOf(t);
    e[0]?.retain();
    node._next.push(e);
    node._inputs.push(t === null ? null : { shape: t.shape, dtype: t.dtype });
  }
  outs.forEach((o, i) => {
    if (rule.nonDifferentiableOutputs?.includes(i)) return;
    setGradFn(o, node, i);
  });
  for (const [k, v] of Object.entries(saved)) {
    if (v instanceof Tensor) {
      kept[k] = saveTensor(v, node, op);
      node.savedTensors = true;
    } else kept[k] = v;
  }
  return outputs;
}
