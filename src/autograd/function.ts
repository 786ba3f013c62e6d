// Recording: how an op attaches its grad_fn. An op computes its result with
// kernels, then calls `record(op, outputs, inputs, extra)`. When grad mode is
// on and an input requires grad, that makes a FunctionNode holding the op's
// rule (registry.ts), edges to the inputs' nodes and what the rule saves.

import { Tensor, type TensorLike } from "../tensor.js";
import { isGradEnabled } from "./gradMode.js";
import { Node, SavedTensor, type Edge } from "./node.js";
import { NOT_DIFFERENTIABLE, ruleOf, type OpName, type Rule } from "./registry.js";
import { closeScope, openScope } from "../memory.js";

/** The grad_fn of a leaf: adds incoming grads into the leaf's .grad. */
export class AccumulateGrad extends Node {
  constructor(public readonly variable: Tensor) {
    super();
  }
  name(): string {
    return "AccumulateGrad";
  }
  /**
   * Graphs that reach this node hold counted references, but it lives as long
   * as its leaf, and its hooks are the leaf's (PyTorch keeps them on the
   * tensor): the last graph freed must not clear them, as Node.release would.
   */
  override release(): void {
    if (this._refs > 0) this._refs--;
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

  /**
   * Frees the saved tensors; other saved values (shapes, dims) stay, so a node
   * that saved no tensor can run again, as in PyTorch.
   */
  override _freeSaved(): void {
    const saved = this.saved;
    if (saved === null) return;
    for (const k in saved) {
      const v = saved[k];
      if (v instanceof SavedTensor) v.free();
    }
  }

  _apply(grads: readonly (Tensor | null)[], createGraph: boolean): (Tensor | null)[] {
    // A freed SavedTensor throws PyTorch's "backward through the graph a second time".
    const s: Record<string, unknown> = {};
    const saved = this.saved;
    if (saved !== null) {
      for (const k in saved) {
        const v = saved[k];
        s[k] = v instanceof SavedTensor ? v.unpack(this) : v;
      }
    }
    const g = grads[0] ?? null;
    const rule = this.rule;
    // A graph of the backward needs the formulas written with ops; otherwise a fused kernel does.
    const formulas = rule.fused !== undefined && !createGraph ? rule.fused : rule.grads;
    const n = this._next.length;
    const out = new Array<Tensor | null>(n);
    // The formulas' temporaries are the engine's to free: everything they made and did not return,
    // and, when one throws (out of memory, say), the grads the earlier ones made too.
    openScope();
    try {
      for (let i = 0; i < n; i++) {
        const f = typeof formulas === "function" ? formulas : formulas[i]!;
        if (f === NOT_DIFFERENTIABLE || this._next[i]?.[0] == null || (g === null && this.outputs === 1)) out[i] = null;
        else out[i] = f(g as Tensor, s, grads, i);
      }
    } catch (e) {
      closeScope(null);
      throw e;
    }
    closeScope(out);
    return out;
  }
}

/**
 * The edge an op's input contributes (PyTorch's gradient_edge): its grad_fn if
 * it has one; else its AccumulateGrad if its own leaf flag is set; else none.
 * The flag, not requiresGrad: a view made under noGrad of a tensor that
 * requires grad requires grad through its base, yet like PyTorch's
 * grad_accumulator() it has no accumulator until requiresGrad_(true), so ops
 * on it record (None, 0) and no grad reaches it or its base.
 */
export function edgeOf(t: Tensor | null): Edge {
  if (t === null) return [null, 0];
  const fn = t._gradFn;
  if (fn !== null) return [fn, t._outputNr];
  return t._requiresGrad ? [accumulatorOf(t), 0] : [null, 0];
}

/** A leaf's AccumulateGrad, made on first use. */
export function accumulatorOf(t: Tensor): Node {
  return (t._accumulator ??= new AccumulateGrad(t));
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

/** Gives `node` an edge and the shape and dtype of each input (a number has no edge). */
export function linkInputs(node: Node, inputs: readonly unknown[]): void {
  for (const t of inputs) {
    if (t instanceof Tensor) {
      const e = edgeOf(t);
      e[0]?.retain();
      node._next.push(e);
      node._inputs.push({ shape: t.shape, dtype: t.dtype });
    } else {
      node._next.push([null, 0]);
      node._inputs.push(null);
    }
  }
}

/** Whether an op with these inputs must record a node. */
export function needsGrad(inputs: readonly (TensorLike | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const t of inputs) if (t instanceof Tensor && t.requiresGrad) return true;
  return false;
}

/**
 * A new owned handle on `t`'s values that is the same autograd variable: it
 * leads to t's grad_fn (a counted reference) or, for a leaf, to t's
 * AccumulateGrad. Used for saved tensors and for grads the engine holds.
 */
export function aliasOf(t: Tensor): Tensor {
  const h = t._view(t.shape, t._strides, t._offset);
  h._own(false); // freed by its owner: the node that saved it, or the engine
  if (t._gradFn !== null) setGradFn(h, t._gradFn, t._outputNr);
  else if (t._requiresGrad) {
    h._requiresGrad = true;
    h._accumulator = accumulatorOf(t);
  }
  return h;
}

/**
 * Wraps a tensor to be saved for backward by `owner`: an owned alias and its
 * version. An output of `owner` itself points back at it without a counted
 * reference (the node owns the handle, so a counted one would never drop).
 */
export function saveTensor(t: Tensor, owner: Node, op: string): SavedTensor {
  let h: Tensor;
  if (t._gradFn === owner) {
    h = t._view(t.shape, t._strides, t._offset)._own(false);
    h._gradFn = owner;
    h._outputNr = t._outputNr;
  } else h = aliasOf(t);
  // A view's saved result names the view's grad_fn in PyTorch's message (AsStridedBackward0 once its base has CopySlices).
  return new SavedTensor(h, t._vc.value, op, t._gradFn === owner && t._viewOf === null ? null : t);
}

/** Whether an input of an op requires grad (a number never does). */
const requiresGrad = (t: TensorLike | null): boolean => t instanceof Tensor && t.requiresGrad;

/**
 * Attaches the grad_fn of `op` to `outputs` when grad mode is on and an input
 * requires grad, and keeps what its rule saves (`rule.save`) plus `extra`,
 * whose entries replace the rule's of the same name (an in-place op saves a
 * copy of self's old value as "self"). Tensors are kept as owned handles with
 * their versions until backward frees them; other values as given. Inputs
 * that are numbers have no edge. Returns `outputs`.
 */
export function record<T extends Tensor | Tensor[]>(
  op: OpName,
  outputs: T,
  inputs: readonly (TensorLike | null)[],
  extra?: Record<string, unknown>,
): T {
  if (!needsGrad(inputs)) return outputs;
  const rule = ruleOf(op);
  const kept: Record<string, unknown> = {};
  const node = new FunctionNode(rule, kept, Array.isArray(outputs) ? outputs.length : 1);
  linkInputs(node, inputs);
  const first = Array.isArray(outputs) ? outputs[0]! : outputs;
  if (Array.isArray(outputs)) {
    outputs.forEach((o, i) => {
      if (rule.nonDifferentiableOutputs?.includes(i)) return;
      setGradFn(o, node, i);
    });
  } else if (!rule.nonDifferentiableOutputs?.includes(0)) setGradFn(outputs, node, 0);
  const save = rule.save;
  if (save !== undefined) {
    for (const k in save) {
      if (extra !== undefined && k in extra) continue;
      const spec = save[k]!;
      const v =
        spec === "result"
          ? first
          : typeof spec === "number"
            ? inputs[spec]
            : requiresGrad(inputs[spec.neededBy] ?? null)
              ? inputs[spec.input]
              : null;
      kept[k] = v instanceof Tensor ? saveTensor(v, node, op) : v;
    }
  }
  if (extra !== undefined) {
    for (const k in extra) {
      const v = extra[k];
      kept[k] = v instanceof Tensor ? saveTensor(v, node, op) : v;
    }
  }
  return outputs;
}
