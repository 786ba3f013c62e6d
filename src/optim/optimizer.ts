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
import { sameShape, showShape } from "../shape.js";
import { checkBooleanOption, checkOptionsObject, isPlainObject, kindOf } from "../args.js";

/** A parameter group: its parameters and the options that apply to them. */
export type ParamGroup<O> = O & { params: Tensor[] };

/** What an optimizer takes: parameters, or groups of parameters with their own options. */
export type Params<O> = Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & Partial<O>)[];

/** Per-parameter state: tensors (owned by the optimizer) and numbers such as the step count. */
export type ParamState = Record<string, Tensor | number>;

/** An optimizer's stateDict: state by parameter index, and the groups with indices for params. */
export interface OptimizerStateDict<O> {
  /** The per-parameter state (step counts, momentum buffers, ...), by parameter index. */
  state: Record<number, ParamState>;
  /** param_groups: each group's options, with its parameters as indices. */
  paramGroups: (O & { params: number[] })[];
}

/**
 * torch.optim.Optimizer: the base class of the optimizers (parameter groups,
 * `step()`, `zeroGrad()`, `stateDict()` / `loadStateDict()`). Subclass it as in
 * PyTorch.
 */
export abstract class Optimizer<O extends object> {
  /** The options every group starts from. */
  readonly defaults: Readonly<O>;
  /** The parameter groups; their options may be changed between steps (a learning-rate schedule). */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** State per parameter, made on the first step that updates it. */
  readonly state = new Map<Tensor, ParamState>();

  /** The class's name in messages (bundlers may rename classes). */
  protected readonly _name: string;

  constructor(params: Params<O>, defaults: O, name = "Optimizer") {
    if (new.target === Optimizer)
      throw new TypeError("Optimizer is abstract: use optim.SGD, optim.Adam or optim.AdamW");
    this._name = name;
    this.defaults = defaults;
    if (params instanceof Tensor || !isIterable(params)) {
      throw new TypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${kindOf(params)}`,
      );
    }
    const list = Array.from(params as Iterable<unknown>);
    if (list.length === 0) throw new RangeError("optimizer got an empty parameter list");
    const groups =
      list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as { params: Iterable<Tensor> }[]);
    for (const g of groups) this.addParamGroup(g as { params: Iterable<Tensor> } & Partial<O>);
  }

  /**
   * Checks a group's options (other keys a group may carry are its owner's
   * business, as in PyTorch): the defaults' types (a number, a
   * boolean, a pair of numbers), then the optimizer's own ranges.
   */
  private _checkGroup(group: object): void {
    const name = this._name;
    const d = this.defaults as Record<string, unknown>;
    const g = group as Record<string, unknown>;
    for (const [k, dv] of Object.entries(d)) checkOptionType(name, k, g[k], dv, false);
    this._checkOptions(group as O);
  }

  /** Adds a group of parameters, with options that override the defaults. */
  addParamGroup(group: { params: Iterable<Tensor> } & Partial<O>): void {
    if (!isPlainObject(group) || !("params" in group)) throw new TypeError("param group must be a dict");
    if (!(group.params instanceof Tensor) && !isIterable(group.params)) {
      throw new TypeError(`optimizer params must be an iterable of Tensors, but got ${kindOf(group.params)}`);
    }
    const params = group.params instanceof Tensor ? [group.params] : Array.from(group.params as Iterable<Tensor>);
    for (const p of params) {
      if (!(p instanceof Tensor))
        throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${kindOf(p)}`);
      p._check();
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    }
    if (new Set(params).size !== params.length) {
      console.warn(
        "UserWarning: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error",
      );
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    this._checkGroup(full);
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
    if (closure !== undefined && typeof closure !== "function")
      throw new TypeError(`step(closure): closure must be a function, but got ${kindOf(closure)}`);
    let loss: R | undefined;
    if (closure !== undefined) loss = enableGrad(closure);
    // Everything is checked before anything is updated, so a bad parameter or
    // option (changed since the last step) leaves every parameter as it was.
    for (const group of this.paramGroups) {
      this._checkGroup(group);
      for (const p of group.params) {
        p._check();
        const g = p._grad;
        if (g === null) continue;
        g._check();
        if (g.dtype !== p.dtype)
          throw new TypeError(`the grad of a parameter has dtype ${g.dtype} but the parameter ${p.dtype}`);
        if (!sameShape(g.shape, p.shape))
          throw new RangeError(
            `the grad of a parameter has shape ${showShape(g.shape)} but the parameter ${showShape(p.shape)}`,
          );
        const state = this.state.get(p);
        if (state !== undefined) this._checkStepState(p, state);
      }
    }
    // State is made for every parameter before any is updated: an out-of-memory
    // while making it leaves the parameters and the old state as they were.
    const made: { p: Tensor; state: ParamState; keys: Set<string>; isNew: boolean }[] = [];
    try {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          if (p._grad === null) continue;
          const old = this.state.get(p);
          const state = old ?? {};
          made.push({ p, state, keys: new Set(Object.keys(state)), isNew: old === undefined });
          this._initState(group, p, state);
          if (old === undefined) this.state.set(p, state);
        }
      }
    } catch (e) {
      for (const { p, state, keys, isNew } of made) {
        for (const [k, v] of Object.entries(state)) {
          if (keys.has(k)) continue;
          if (v instanceof Tensor) v.dispose();
          delete state[k];
        }
        if (isNew) this.state.delete(p);
      }
      throw e;
    }
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p._grad;
        if (g === null) continue;
        const state = this.state.get(p)!;
        withContiguous(p, g, (pc, gc) => this._update(group, pc, gc, state));
        p._vc.value++;
      }
    }
    return loss;
  }

  /** State keys whose tensors _update hands to its kernel by address: each must be a live, contiguous tensor of the parameter's shape and dtype. */
  protected readonly _tensorKeys: readonly string[] = [];
  /** State keys holding a count (a non-negative integer). */
  protected readonly _countKeys: readonly string[] = [];

  /**
   * The state is public (`optimizer.state`), so it is checked before every
   * step: a buffer of another size would make the kernel write past its end.
   */
  protected _checkStepState(p: Tensor, state: unknown): void {
    const where = `${this._name}.step()`;
    if (!isPlainObject(state))
      throw new TypeError(`${where}: the state of a parameter must be an object, but got ${kindOf(state)}`);
    const s = state as Record<string, unknown>;
    for (const k of this._tensorKeys) {
      const v = s[k];
      if (v === undefined) continue;
      if (!(v instanceof Tensor)) throw new TypeError(`${where}: state "${k}" must be a Tensor, but got ${kindOf(v)}`);
      v._check();
      if (!sameShape(v.shape, p.shape)) {
        // PyTorch's in-place update fails on the broadcast: the last dim that differs, as infer_size reports it.
        let d = v.ndim - 1;
        while (v.ndim === p.ndim && d >= 0 && v.shape[d] === p.shape[d]) d--;
        throw new RangeError(
          `${where}: state "${k}" has shape ${showShape(v.shape)}, but its parameter has shape ${showShape(p.shape)}` +
            (v.ndim === p.ndim && d >= 0
              ? ` (The size of tensor a (${v.shape[d]}) must match the size of tensor b (${p.shape[d]}) at non-singleton dimension ${d})`
              : ""),
        );
      }
      if (v.dtype !== p.dtype)
        throw new TypeError(`${where}: state "${k}" has dtype ${v.dtype}, but its parameter has dtype ${p.dtype}`);
      if (!v.isContiguous())
        throw new RangeError(`${where}: state "${k}" must be contiguous (its strides are [${v.stride().join(", ")}])`);
    }
    const missing = this._missingCount(s);
    if (missing !== null)
      throw new TypeError(`${where}: the state of a parameter has ${missing[0]} but no ${missing[1]}`);
    for (const k of this._countKeys) {
      const v = s[k];
      if (v === undefined) continue;
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
        throw new TypeError(
          `${where}: state "${k}" must be a non-negative integer, but got ${typeof v === "number" ? v : kindOf(v)}`,
        );
      }
    }
  }

  /**
   * A state with a buffer but no count (the step): its first update would make
   * new buffers over the old ones, as for a parameter never updated. Returns
   * the buffer's and the count's names, or null.
   */
  private _missingCount(s: object): [string, string] | null {
    const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(s, k);
    const buffer = this._tensorKeys.find(has);
    const count = this._countKeys.find((k) => !has(k));
    return buffer !== undefined && count !== undefined ? [`"${buffer}"`, `"${count}"`] : null;
  }

  /** Makes what a parameter's state needs before its first update (all of it allocated here, none in _update). */
  protected _initState(_group: ParamGroup<O>, _p: Tensor, _state: ParamState): void {}

  /**
   * Clears the grads of every parameter. With `setToNone` (the default, as
   * PyTorch 2) each grad is disposed and set to null; otherwise zeroed in place.
   */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    const o = checkOptionsObject<{ setToNone: boolean }>(opts, "zeroGrad", ["setToNone"]);
    zeroGrads(
      this.paramGroups.flatMap((g) => g.params),
      checkBooleanOption(o.setToNone, "zeroGrad", "setToNone") ?? true,
    );
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
      return {
        ...(opts as unknown as O),
        params: params.map((p) => (index.has(p) ? index.get(p)! : (index.set(p, index.size), index.size - 1))),
      };
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
    // Everything is checked, and the new state copied, before the old state is
    // touched: a state dict that does not fit leaves the optimizer as it was.
    if (!isPlainObject(sd) || !isPlainObject(sd.state) || !Array.isArray(sd.paramGroups)) {
      throw new TypeError(
        `loadStateDict(): expected an optimizer state dict { state, paramGroups }, but got ${kindOf(sd)}`,
      );
    }
    const groups = sd.paramGroups;
    if (groups.length !== this.paramGroups.length)
      throw new RangeError("loaded state dict has a different number of parameter groups");
    groups.forEach((g, i) => {
      if (!isPlainObject(g) || !Array.isArray(g.params))
        throw new TypeError(`loadStateDict(): paramGroups[${i}] must be an object with a params array`);
      if (g.params.length !== this.paramGroups[i]!.params.length) {
        throw new RangeError(
          "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
        );
      }
      const { params: _ids, ...opts } = g;
      this._checkGroup({ ...this.paramGroups[i]!, ...opts });
    });
    const byIndex = new Map<number, Tensor>();
    groups.forEach((g, i) => g.params.forEach((id, j) => byIndex.set(id, this.paramGroups[i]!.params[j]!)));
    const loaded: [Tensor, ParamState][] = [];
    try {
      for (const [id, s] of Object.entries(sd.state)) {
        const p = byIndex.get(Number(id));
        if (p === undefined) continue;
        if (!isPlainObject(s))
          throw new TypeError(`loadStateDict(): the state of parameter ${id} must be an object, but got ${kindOf(s)}`);
        for (const [k, v] of Object.entries(s)) {
          if (v instanceof Tensor) {
            v._check();
            if (!sameShape(v.shape, p.shape)) {
              throw new RangeError(
                `loaded state dict: state "${k}" of parameter ${id} has shape ${showShape(v.shape)}, but the parameter has shape ${showShape(p.shape)}`,
              );
            }
          } else if (typeof v !== "number") {
            throw new TypeError(
              `loaded state dict: state "${k}" of parameter ${id} must be a Tensor or a number, but got ${kindOf(v)}`,
            );
          }
        }
        this._checkState(s as ParamState, id);
        const missing = this._missingCount(s);
        if (missing !== null)
          throw new TypeError(`loaded state dict: the state of parameter ${id} has ${missing[0]} but no ${missing[1]}`);
        const copy: ParamState = {};
        loaded.push([p, copy]);
        for (const [k, v] of Object.entries(s)) define(copy, k, v instanceof Tensor ? castTo(v, p.dtype)._own() : v);
      }
    } catch (e) {
      for (const [, copy] of loaded) for (const v of Object.values(copy)) if (v instanceof Tensor) v.dispose();
      throw e;
    }
    this._disposeState();
    for (const [p, copy] of loaded) this.state.set(p, copy);
    groups.forEach((g, i) => {
      const { params: _ids, ...opts } = g;
      for (const [k, v] of Object.entries(opts)) define(this.paramGroups[i]!, k, v);
    });
  }

  /** Checks one parameter's loaded state (what `_update` will read); throws PyTorch-like messages. */
  protected _checkState(_state: ParamState, _id: string): void {}

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

/**
 * The defaults of an optimizer with the options given to its constructor:
 * an unknown option is an error (Python's "unexpected keyword argument").
 */
export function withDefaults<O extends object>(name: string, defaults: O, opts: unknown): O {
  const o = checkOptionsObject<O>(opts, name, Object.keys(defaults)) as Record<string, unknown>;
  // The types of the options given, against the defaults' (the ranges are the optimizer's _checkOptions).
  for (const [k, dv] of Object.entries(defaults)) checkOptionType(name, k, o[k], dv, true);
  // An option given as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return { ...defaults, ...given } as O;
}

/** An option's value has its default's type: a number, a boolean, or a pair of numbers. */
function checkOptionType(name: string, k: string, v: unknown, dv: unknown, optional: boolean): void {
  if (optional && v === undefined) return;
  if (typeof dv === "number" && typeof v !== "number")
    throw new TypeError(`${name}(): ${k} must be a number, but got ${kindOf(v)}`);
  if (typeof dv === "boolean" && typeof v !== "boolean")
    throw new TypeError(`${name}(): ${k} must be a boolean, but got ${kindOf(v)}`);
  if (Array.isArray(dv) && !(Array.isArray(v) && v.length === dv.length && v.every((x) => typeof x === "number"))) {
    throw new TypeError(`${name}(): ${k} must be a pair of numbers, but got ${kindOf(v)}`);
  }
}

/** Sets an own property: assigning a key read from a state dict ("__proto__") could change the target's prototype. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const isIterable = (v: unknown): boolean =>
  v !== null &&
  v !== undefined &&
  typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function" &&
  typeof v !== "string";

/** Runs `fn` on contiguous views of p and g, copying back into p when it had to be copied. */
function withContiguous(p: Tensor, g: Tensor, fn: (p: Tensor, g: Tensor) => void): void {
  if (g.dtype !== p.dtype)
    throw new TypeError(`the grad of a parameter has dtype ${g.dtype} but the parameter ${p.dtype}`);
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
