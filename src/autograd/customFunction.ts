// torch.autograd.Function: user-defined ops with their own backward.
//
//   class Exp extends autograd.Function {
//     static forward(ctx, x) { const y = x.exp(); ctx.saveForBackward(y); return y; }
//     static backward(ctx, g) { const [y] = ctx.savedTensors; return g.mul(y); }
//   }
//   const y = Exp.apply(x);   // y.gradFn.name() === "ExpBackward"
//
// apply() runs forward under noGrad, then (when grad mode is on and a
// tensor argument requires grad) makes a CustomNode: edges to the tensor
// arguments, the outputs' grad_fn, and the tensors forward saved, kept with
// their versions as any node keeps them. Backward gets one grad per output
// (zeros for outputs that got none, PyTorch's materialize_grads) and returns
// one grad per forward argument (null for none, or for a non-tensor).

import { Tensor } from "../tensor.js";
import { isGradEnabled, noGrad } from "./gradMode.js";
import { Node, SavedTensor } from "./node.js";
import { linkInputs, saveTensor, setGradFn } from "./function.js";
import { closeScope, openScope } from "../memory.js";
import { zeros } from "../ops/creation.js";
import { kindOf } from "../args.js";

/**
 * The `ctx` of a custom Function: what forward leaves for backward. Other
 * properties may be set on it freely (`ctx.alpha = 2`), as in PyTorch.
 */
export class FunctionCtx {
  /** Whether each forward argument requires grad (false for non-tensors), set before forward runs. */
  needsInputGrad: readonly boolean[] = [];
  /** @internal */ _toSave: (Tensor | null)[] | null = null;
  /** @internal */ _saved: (SavedTensor | null)[] | null = null;
  /** @internal */ _node: Node | null = null;
  /** @internal */ _dirty = new Set<Tensor>();
  /** @internal */ _nonDifferentiable = new Set<Tensor>();
  [key: string]: unknown;

  /** Keeps tensors (inputs or outputs of forward, or null) for backward; call it once, in forward. */
  saveForBackward(...tensors: (Tensor | null)[]): void {
    tensors.forEach((t, i) => {
      if (t !== null && !(t instanceof Tensor))
        throw new TypeError(`save_for_backward can only save variables, but argument ${i} is not a Variable`);
    });
    this._toSave = tensors;
  }

  /** The tensors saveForBackward kept, in backward; throws PyTorch's error if a saved tensor was since modified in place. */
  get savedTensors(): (Tensor | null)[] {
    if (this._saved !== null) return this._saved.map((s) => (s === null ? null : s.unpack(this._node!)));
    return this._toSave ?? [];
  }

  /** Marks tensors forward modified in place (arguments it returns as outputs). */
  markDirty(...tensors: Tensor[]): void {
    for (const t of tensors) this._dirty.add(t);
  }

  /** Marks outputs that are not differentiable: they get no grad_fn and backward always gets zeros for them. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._nonDifferentiable.add(t);
  }
}

type Grads = Tensor | null | undefined | readonly (Tensor | null | undefined)[];

/** The static side of a Function subclass. */
interface FunctionClass {
  name: string;
  forward(ctx: FunctionCtx, ...args: any[]): Tensor | Tensor[];
  backward(ctx: FunctionCtx, ...grads: Tensor[]): Grads;
}

/** The grad_fn of a custom Function's outputs: `<ClassName>Backward`. */
class CustomNode extends Node {
  constructor(
    private readonly cls: FunctionClass,
    private readonly ctx: FunctionCtx,
    private readonly outputs: { shape: readonly number[]; dtype: Tensor["dtype"] }[],
    private readonly numArgs: number,
  ) {
    super();
  }

  name(): string {
    return `${this.cls.name}Backward`;
  }

  override get _numOutputs(): number {
    return this.outputs.length;
  }

  override _freeSaved(): void {
    for (const s of this.ctx._saved ?? []) s?.free();
  }

  _apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const name = this.name();
    // Saved tensors that were freed (a second backward) throw here, before backward runs.
    for (const s of this.ctx._saved ?? []) s?.unpack(this);
    openScope();
    let out: (Tensor | null)[];
    try {
      const full = this.outputs.map((o, i) => grads[i] ?? zeros([...o.shape], { dtype: o.dtype }));
      const r = this.cls.backward(this.ctx, ...full);
      const list = Array.isArray(r) ? (r as readonly (Tensor | null | undefined)[]) : [r as Tensor | null | undefined];
      if (list.length !== this.numArgs) {
        throw new RangeError(
          `function ${name} returned an incorrect number of gradients (expected ${this.numArgs}, got ${list.length})`,
        );
      }
      out = list.map((g, i) => {
        if (g === null || g === undefined) return null;
        if (!(g instanceof Tensor))
          throw new TypeError(`function ${name} returned a gradient of type ${kindOf(g)} at index ${i}`);
        if (this._next[i]?.[0] === null) return null; // the argument needs no grad
        // A tensor someone else owns (a saved tensor, a parameter) is handed over as a copy: the engine frees what it gets.
        return g._owned && !grads.includes(g) ? g.clone() : g;
      });
    } catch (e) {
      closeScope(null);
      throw e;
    }
    closeScope(out);
    return out;
  }
}

/**
 * torch.autograd.Function: subclass it with static `forward(ctx, ...args)`
 * and `backward(ctx, ...gradOutputs)`, and call `YourFunction.apply(...args)`.
 */
export class Function {
  /** Computes the outputs from the arguments (under noGrad); saves what backward needs on `ctx`. */
  static forward(_ctx: FunctionCtx, ..._args: unknown[]): Tensor | Tensor[] {
    throw new Error("You must implement the forward function for custom autograd.Function.");
  }

  /** One grad per forward argument (null where none) from one grad per output. */
  static backward(_ctx: FunctionCtx, ..._grads: Tensor[]): Grads {
    throw new Error(
      "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.",
    );
  }

  /** Runs forward and records the Function's node (`<ClassName>Backward`) when an argument requires grad. */
  static apply<T extends Tensor | Tensor[]>(this: typeof Function, ...args: unknown[]): T {
    const cls = this as unknown as FunctionClass;
    if ((cls as unknown) === Function) throw new Error("autograd.Function.apply: call it on a subclass");
    const ctx = new FunctionCtx();
    ctx.needsInputGrad = args.map((a) => a instanceof Tensor && a.requiresGrad);
    const record = isGradEnabled() && ctx.needsInputGrad.some((x) => x);
    const result = noGrad(() => cls.forward(ctx, ...args));
    const list = Array.isArray(result) ? result : [result];
    for (const [i, o] of list.entries()) {
      if (!(o instanceof Tensor))
        throw new TypeError(
          `${cls.name}.forward must return a Tensor or an array of Tensors, but output ${i} is ${kindOf(o)}`,
        );
    }
    // An argument returned as is becomes a new handle, so giving it a grad_fn leaves the argument as it was.
    const outs = list.map((o) =>
      args.includes(o) && !ctx._dirty.has(o) ? o._view(o.shape, o._strides, o._offset) : o,
    );
    if (!record) return (Array.isArray(result) ? outs : outs[0]) as T;
    const node = new CustomNode(
      cls,
      ctx,
      outs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
      args.length,
    );
    ctx._node = node;
    linkInputs(node, args);
    outs.forEach((o, i) => {
      if (ctx._nonDifferentiable.has(list[i]!)) return;
      if (ctx._dirty.has(o)) o._vc.value++;
      setGradFn(o, node, i);
    });
    ctx._saved = (ctx._toSave ?? []).map((t) => {
      if (t === null) return null;
      const j = list.indexOf(t);
      return saveTensor(j >= 0 ? outs[j]! : t, node, cls.name);
    });
    ctx._toSave = null;
    return (Array.isArray(result) ? outs : outs[0]) as T;
  }
}
