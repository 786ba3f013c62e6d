// The optimizer base: parameter groups, per-parameter state, zeroGrad,
// stateDict/loadStateDict, dispose. Subclasses implement `_update(group,
// param, grad, state)` with one fused kernel per parameter
// (assembly/kernels/optim.ts).
//
// Memory: the optimizer owns its state tensors (they survive tidy; dispose()
// frees them). zeroGrad({ setToNone: true }), the default as in PyTorch 2,
// disposes the old grads: the optimizer owns that call, so nothing else
// should hold on to a grad across it.

import { Tensor } from "../tensor.js";
import { enableGrad } from "../autograd/gradMode.js";
import { castTo, copyInto } from "../ops/launch.js";
import { zeroGrads } from "../nn/module.js";

/** A parameter group: its parameters and the options that apply to them. */
export type ParamGroup<O> = O & { params: Tensor[] };

/** What an optimizer takes: parameters, or groups of parameters with their own options. */
export type Params<O> = Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & Partial<O>)[];

/** Per-parameter state: tensors (owned by the optimizer) and numbers such as the step count. */
export type ParamState = Record<string, Tensor | number>;

/** An optimizer's stateDict: state by parameter index, and the groups with indices for params. */
export interface OptimizerStateDict<O> {
  state: Record<number, ParamState>;
  paramGroups: (O & { params: number[] })[];
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v instanceof Tensor) return "Tensor";
  return typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v;
}

export abstract class Optimizer<O extends object> {
  /** The options every group starts from. */
  readonly defaults: Readonly<O>;
  /** The parameter groups; their options may be changed between steps (a learning-rate schedule). */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** State per parameter, made on the first step that updates it. */
  readonly state = new Map<Tensor, ParamState>();

  constructor(params: Params<O>, defaults: O) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor");
    }
    const list = Array.from(params as Iterable<unknown>);
    if (list.length === 0) throw new RangeError("optimizer got an empty parameter list");
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as { params: Iterable<Tensor> }[]);
    for (const g of groups) this.addParamGroup(g as { params: Iterable<Tensor> } & Partial<O>);
  }

  /** Adds a group of parameters, with options that override the defaults. */
  addParamGroup(group: { params: Iterable<Tensor> } & Partial<O>): void {
    if (group === null || typeof group !== "object" || !("params" in group)) throw new TypeError("param group must be a dict");
    const params = group.params instanceof Tensor ? [group.params] : Array.from(group.params);
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${describe(p)}`);
      p._check();
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    }
    if (new Set(params).size !== params.length) {
      console.warn("UserWarning: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error");
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    this._checkOptions(full);
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p))) throw new Error("some parameters appear in more than one parameter group");
    this.paramGroups.push(full);
  }

  /** Throws PyTorch's message for an invalid option. */
  protected abstract _checkOptions(group: O): void;

  /** Updates one parameter from its grad (contiguous, same dtype) and its state. */
  protected abstract _update(group: ParamGroup<O>, param: Tensor, grad: Tensor, state: ParamState): void;

  /**
   * Performs one optimization step over every parameter that has a grad, and
   * returns what `closure` (which recomputes the loss, run with grad enabled) returns.
   */
  step<R = undefined>(closure?: () => R): R | undefined {
    let loss: R | undefined;
    if (closure !== undefined) loss = enableGrad(closure);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p._grad;
        if (g === null) continue;
        let state = this.state.get(p);
        if (state === undefined) this.state.set(p, (state = {}));
        withContiguous(p, g, (pc, gc) => this._update(group, pc, gc, state!));
        p._vc.value++;
      }
    }
    return loss;
  }

  /**
   * Clears the grads of every parameter. With `setToNone` (the default, as
   * PyTorch 2) each grad is disposed and set to null; otherwise zeroed in place.
   */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    zeroGrads(this.paramGroups.flatMap((g) => g.params), opts.setToNone ?? true);
  }

  /** A new owned state tensor of p's shape and dtype (uninitialised: the first update writes it). */
  protected _stateTensor(p: Tensor): Tensor {
    return Tensor._empty(p.shape, p.dtype)._own();
  }

  /**
   * The state by parameter index (in group order) and the groups' options.
   * Tensor values are new handles sharing storage with the optimizer's state
   * (dispose them, or call this inside tidy).
   */
  stateDict(): OptimizerStateDict<O> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...opts } = g;
      return { ...(opts as unknown as O), params: params.map((p) => (index.has(p) ? index.get(p)! : (index.set(p, index.size), index.size - 1))) };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      state[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Tensor ? v.detach() : v]));
    }
    return { state, paramGroups };
  }

  /** Restores options and state saved by stateDict (state tensors are copied, in each parameter's dtype). */
  loadStateDict(sd: OptimizerStateDict<O>): void {
    const groups = sd.paramGroups;
    if (groups.length !== this.paramGroups.length) throw new RangeError("loaded state dict has a different number of parameter groups");
    groups.forEach((g, i) => {
      if (g.params.length !== this.paramGroups[i]!.params.length) {
        throw new RangeError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      }
    });
    const byIndex = new Map<number, Tensor>();
    groups.forEach((g, i) => g.params.forEach((id, j) => byIndex.set(id, this.paramGroups[i]!.params[j]!)));
    this._disposeState();
    for (const [id, s] of Object.entries(sd.state)) {
      const p = byIndex.get(Number(id));
      if (p === undefined) continue;
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(s)) copy[k] = v instanceof Tensor ? castTo(v, p.dtype)._own() : v;
      this.state.set(p, copy);
    }
    groups.forEach((g, i) => {
      const { params: _ids, ...opts } = g;
      Object.assign(this.paramGroups[i]!, opts);
    });
  }

  private _disposeState(): void {
    for (const s of this.state.values()) for (const v of Object.values(s)) if (v instanceof Tensor) v.dispose();
    this.state.clear();
  }

  /** Frees the optimizer's state (the parameters are the model's, and stay). */
  dispose(): void {
    this._disposeState();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** Runs `fn` on contiguous views of p and g, copying back into p when it had to be copied. */
function withContiguous(p: Tensor, g: Tensor, fn: (p: Tensor, g: Tensor) => void): void {
  if (g.dtype !== p.dtype) throw new TypeError(`the grad of a parameter has dtype ${g.dtype} but the parameter ${p.dtype}`);
  const pc = p.isContiguous() ? p : castTo(p, p.dtype);
  const gc = g.isContiguous() ? g : castTo(g, g.dtype);
  try {
    fn(pc, gc);
    if (pc !== p) copyInto(p, pc);
  } finally {
    if (pc !== p) pc.dispose();
    if (gc !== g) gc.dispose();
  }
}
