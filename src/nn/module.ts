// nn.Module: the base of every layer. A module's parameters, buffers and
// submodules are its own properties, found in the order they were defined
// (PyTorch's registration order), so a model reads as it does in Python:
//
//   class MLP extends nn.Module {
//     fc1 = new nn.Linear(8, 16);
//     fc2 = new nn.Linear(16, 3);
//     forward(x: Tensor): Tensor {
//       return this.fc2.call(F.relu(this.fc1.call(x)));
//     }
//   }
//
// A property holding an nn.Parameter is a parameter, one holding a Module a
// submodule; buffers are tensors registered with registerBuffer. Other
// properties (numbers, plain tensors) are the module's own business.
// (JavaScript orders integer-like keys first: Sequential's "0", "1", ...
// are fine; avoid mixing them with named children in one module.)

import { Tensor } from "../tensor.js";
import { isFloating, parseDType, type DType } from "../dtype.js";
import { castTo } from "../ops/launch.js";
import { showShape } from "../shape.js";
import { noGrad } from "../autograd/gradMode.js";
import { isParameter, Parameter } from "./parameter.js";
import { callWithBackwardHooks, type FullBackwardHook } from "./backwardHook.js";
import { checkBooleanOption, checkOptionsObject, isPlainObject, kindOf, optionalArgs } from "../args.js";

/** Names of a module's buffers, and whether each is persistent (in stateDict). Kept off the enumerable properties. */
const bufferNames = new WeakMap<AnyModule, Map<string, boolean>>();

/** A module's forward pre-hooks and forward hooks, by handle id, in registration order. Kept off the enumerable properties. */
const hooksOf = new WeakMap<
  AnyModule,
  { pre: Map<number, ForwardPreHook>; post: Map<number, ForwardHook>; backward: Map<number, FullBackwardHook> }
>();
let nextHookId = 0;

/**
 * Any module, whatever its forward takes and returns: what containers and
 * hooks hold. (A bare `Module` is one that takes a tensor and returns one.)
 */
export type AnyModule = Module<never, unknown>;

/**
 * A module whose forward is not known statically, presumed to take and
 * return tensors: what traversal (children, getSubmodule, ...) hands out.
 */
const asModule = (m: AnyModule): Module => m as unknown as Module;

/** Runs before forward with the arguments; may return new arguments (an array, or one value for a single argument). */
export type ForwardPreHook = (module: AnyModule, args: unknown[]) => unknown;
/** Runs after forward with the arguments and the output; may return a new output. */
export type ForwardHook = (module: AnyModule, args: unknown[], output: unknown) => unknown;

/** What registering a hook returns: `remove()` unregisters it (PyTorch's RemovableHandle). */
export interface RemovableHandle {
  readonly id: number;
  remove(): void;
}

/** What loadStateDict reports: PyTorch's _IncompatibleKeys. */
export interface IncompatibleKeys {
  /** Keys the module has and the state dict lacks. */
  missingKeys: string[];
  /** Keys the state dict has and the module lacks. */
  unexpectedKeys: string[];
}

/** The options of stateDict (PyTorch's prefix and keep_vars). */
export interface StateDictOptions {
  /** Prepended to every key. */
  prefix?: string;
  /** Return the parameters and buffers themselves instead of detached handles (default false). */
  keepVars?: boolean;
}

/** Python's str() of a float: "1e-05", "0.5", "1.0". */
export function pyFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 16) {
    const [m, e] = x.toExponential().split("e") as [string, string];
    const sign = e[0] === "-" ? "-" : "+";
    const digits = e.replace(/^[+-]/, "");
    return `${m}e${sign}${digits.length < 2 ? "0" + digits : digits}`;
  }
  return String(x);
}

/** Python's repr of a tuple of ints: "(5,)", "(2, 3)". */
export function pyTuple(v: readonly number[]): string {
  return v.length === 1 ? `(${v[0]},)` : `(${v.join(", ")})`;
}

/** Python's repr of a bool. */
export const pyBool = (b: boolean): string => (b ? "True" : "False");

/** PyTorch's _addindent: indents every line but the first. */
function addIndent(s: string, spaces: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  const first = lines.shift()!;
  return first + "\n" + lines.map((l) => " ".repeat(spaces) + l).join("\n");
}

/**
 * torch.nn.Module: the base class of every layer and model.
 *
 * `In` and `Out` type forward's arguments and result; the defaults (a
 * tensor first, a tensor back) fit most layers, so
 * `class M extends nn.Module { forward(x: Tensor): Tensor {...} }` needs
 * none, and a forward with more tensor arguments fits too. A forward that
 * returns something else says so: `class Gpt extends nn.Module<[Tensor,
 * Tensor?], [Tensor, Tensor | null]>`. Calling a module is `m.call(x)`
 * (Python's `m(x)`), typed by the subclass's own forward.
 */
export class Module<In extends unknown[] = [Tensor, ...unknown[]], Out = Tensor> {
  /** Whether the module is in training mode: set by train() and eval() (Dropout reads it). */
  training = true;

  /**
   * The computation of the module (PyTorch's forward); subclasses override
   * it. Call a module with `module.call(x)`, which also runs its hooks
   * (`module.forward(x)` does not, as in PyTorch).
   */
  forward(..._args: In): Out {
    throw new Error(`Module [${this._getName()}] is missing the required "forward" function`);
  }

  /**
   * Runs forward: torchlet's spelling of calling a module, `module(x)` in
   * Python (`Module.__call__`). Forward pre-hooks run first (each may
   * replace the arguments), then forward, then forward hooks (each may
   * replace the output). Typed by this module's own forward.
   */
  call(...args: Parameters<this["forward"]>): ReturnType<this["forward"]> {
    type Result = ReturnType<this["forward"]>;
    const forward = this.forward as (...a: unknown[]) => unknown;
    const hooks = hooksOf.get(this);
    if (hooks === undefined || (hooks.pre.size === 0 && hooks.post.size === 0 && hooks.backward.size === 0))
      return forward.apply(this, args) as Result;
    let input: unknown[] = args;
    for (const hook of [...hooks.pre.values()]) {
      const r = hook(this, input);
      if (r !== undefined && r !== null) input = Array.isArray(r) ? r : [r];
    }
    let result =
      hooks.backward.size === 0
        ? forward.apply(this, input)
        : callWithBackwardHooks(this, [...hooks.backward.values()], input, (a) => forward.apply(this, a));
    for (const hook of [...hooks.post.values()]) {
      const r = hook(this, input, result);
      if (r !== undefined && r !== null) result = r;
    }
    return result as Result;
  }

  private _addHook(kind: "pre" | "post" | "backward", hook: unknown, fn: string): RemovableHandle {
    if (typeof hook !== "function")
      throw new TypeError(`${fn}(hook): hook must be a function, but got ${kindOf(hook)}`);
    let hooks = hooksOf.get(this);
    if (hooks === undefined) hooksOf.set(this, (hooks = { pre: new Map(), post: new Map(), backward: new Map() }));
    const id = nextHookId++;
    const table = hooks[kind] as Map<number, unknown>;
    table.set(id, hook);
    return { id, remove: () => void table.delete(id) };
  }

  /** Registers `hook(module, args)` to run before every `call` (PyTorch's register_forward_pre_hook). */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    return this._addHook("pre", hook, "registerForwardPreHook");
  }

  /** Registers `hook(module, args, output)` to run after every `call` (PyTorch's register_forward_hook). */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    return this._addHook("post", hook, "registerForwardHook");
  }

  /**
   * Registers `hook(module, gradInput, gradOutput)` to run when the grads
   * w.r.t. the module's inputs are computed (PyTorch's
   * register_full_backward_hook); it may return a replacement gradInput.
   */
  registerFullBackwardHook(hook: FullBackwardHook): RemovableHandle {
    return this._addHook("backward", hook, "registerFullBackwardHook");
  }

  /**
   * The class name a built-in module prints: bundlers may rename classes, so
   * each names itself here (a user's subclass of one inherits its name).
   */
  declare protected static readonly _pyName?: string;

  /** The class name PyTorch prints: the built-in modules' `_pyName`, else the class's own name. */
  protected _getName(): string {
    return (this.constructor as typeof Module)._pyName ?? this.constructor.name;
  }

  /** PyTorch's extra_repr: what the repr prints inside the parentheses, such as "in_features=8, out_features=16, bias=True". */
  extraRepr(): string {
    return "";
  }

  // ---- registration ----------------------------------------------------------

  /** PyTorch's register_parameter: adds a parameter under `name` (a tensor made a Parameter, or null for an absent one). */
  registerParameter(name: string, param: Tensor | null): void {
    checkName(this, name, "parameter");
    if (param !== null && !(param instanceof Tensor)) {
      throw new TypeError(
        `cannot assign '${kindOf(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    }
    (this as unknown as Record<string, unknown>)[name] =
      param === null ? null : isParameter(param) ? param : Parameter(param);
  }

  /**
   * PyTorch's register_buffer: adds a buffer, a tensor that is part of the
   * module's state but not a parameter (persistent buffers appear in
   * stateDict). It becomes owned by the module (tidy leaves it alone).
   */
  registerBuffer(name: string, tensor: Tensor | null, opts: { persistent?: boolean } = {}): void {
    checkName(this, name, "buffer");
    const persistent = checkBooleanOption(
      checkOptionsObject<{ persistent: boolean }>(opts, "registerBuffer", ["persistent"]).persistent,
      "registerBuffer",
      "persistent",
    );
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new TypeError(
        `cannot assign '${typeof tensor}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    let names = bufferNames.get(this);
    if (names === undefined) bufferNames.set(this, (names = new Map()));
    names.set(name, persistent ?? true);
    (this as unknown as Record<string, unknown>)[name] = tensor === null ? null : tensor._own();
  }

  /** Adds a submodule under `name` (PyTorch's add_module / register_module). */
  registerModule(name: string, module: AnyModule | null): void {
    checkName(this, name, "module");
    if (module !== null && !(module instanceof Module))
      throw new TypeError(`${String(module)} is not a Module subclass`);
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  /** PyTorch's add_module: the same as registerModule. */
  addModule(name: string, module: AnyModule | null): void {
    this.registerModule(name, module);
  }

  // ---- traversal -----------------------------------------------------------------

  /** This module's own parameters, in registration order. */
  private _localParameters(): [string, Tensor][] {
    return Object.entries(this).filter((e): e is [string, Tensor] => isParameter(e[1]));
  }

  /** This module's own buffers; `persistentOnly` leaves out the non-persistent ones. */
  private _localBuffers(persistentOnly = false): [string, Tensor][] {
    const names = bufferNames.get(this);
    if (names === undefined) return [];
    const self = this as unknown as Record<string, unknown>;
    const out: [string, Tensor][] = [];
    for (const [name, persistent] of names) {
      const v = self[name];
      if (v instanceof Tensor && (persistent || !persistentOnly)) out.push([name, v]);
    }
    return out;
  }

  /** PyTorch's named_children: the direct submodules with their names (typed as tensor-to-tensor modules). */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  /** PyTorch's children: the direct submodules, as an array (PyTorch: an iterator). */
  children(): Module[] {
    return this.namedChildren().map((e) => e[1]);
  }

  /**
   * PyTorch's named_modules: this module and every submodule below it, each
   * once, with dotted names ("" for this one). `prefix` and `memo` (the
   * modules to skip) are positional, in that order, or options.
   */
  namedModules(
    prefix: string | { prefix?: string; memo?: Set<AnyModule> } = "",
    memo: Set<AnyModule> = new Set(),
  ): [string, Module][] {
    if (isPlainObject(prefix)) {
      const o = optionalArgs([prefix], "namedModules", ["prefix", "memo"], [], { prefix: "", memo: new Set() });
      return this.namedModules(o.prefix as string, o.memo as Set<AnyModule>);
    }
    if (typeof prefix !== "string")
      throw new TypeError(`namedModules(): prefix must be a string, but got ${kindOf(prefix)}`);
    if (!(memo instanceof Set)) throw new TypeError(`namedModules(): memo must be a Set, but got ${kindOf(memo)}`);
    if (memo.has(this)) return [];
    memo.add(this);
    const out: [string, Module][] = [[prefix, asModule(this)]];
    for (const [name, child] of this.namedChildren()) {
      out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name, memo));
    }
    return out;
  }

  /** PyTorch's get_submodule: the submodule at a dotted path ("encoder.layers.0"; "" is this module), with PyTorch's messages. */
  getSubmodule(target: string): Module {
    if (typeof target !== "string")
      throw new TypeError(`getSubmodule(target): target must be a string, but got ${kindOf(target)}`);
    if (target === "") return asModule(this);
    let mod: Module = asModule(this);
    for (const item of target.split(".")) {
      if (!(item in mod)) throw new Error(`${mod._getName()} has no attribute \`${item}\``);
      const next = (mod as unknown as Record<string, unknown>)[item];
      if (!(next instanceof Module)) throw new Error(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }

  /** PyTorch's get_parameter: the parameter at a dotted path ("encoder.fc.weight"), with PyTorch's messages. */
  getParameter(target: string): Tensor {
    const [mod, name] = this._resolve(target, "getParameter");
    const p = (mod as unknown as Record<string, unknown>)[name];
    if (!isParameter(p)) throw new Error(`\`${name}\` is not an nn.Parameter`);
    return p;
  }

  /** PyTorch's get_buffer: the buffer at a dotted path ("bn.running_mean"), with PyTorch's messages. */
  getBuffer(target: string): Tensor {
    const [mod, name] = this._resolve(target, "getBuffer");
    const b = (mod as unknown as Record<string, unknown>)[name];
    if (!(b instanceof Tensor) || !bufferNames.get(mod)?.has(name)) throw new Error(`\`${name}\` is not a buffer`);
    return b;
  }

  private _resolve(target: unknown, fn: string): [Module, string] {
    if (typeof target !== "string")
      throw new TypeError(`${fn}(target): target must be a string, but got ${kindOf(target)}`);
    const dot = target.lastIndexOf(".");
    const mod = this.getSubmodule(dot < 0 ? "" : target.slice(0, dot));
    const name = target.slice(dot + 1);
    if (!(name in mod)) throw new Error(`${mod._getName()} has no attribute \`${name}\``);
    return [mod, name];
  }

  /** PyTorch's modules: this module and every submodule below it, each once, as an array (PyTorch: an iterator). */
  modules(): Module[] {
    return this.namedModules().map((e) => e[1]);
  }

  private _named(
    kind: (m: Module) => [string, Tensor][],
    options: { prefix?: string; recurse?: boolean },
    fn: string,
    keys: string[],
  ): [string, Tensor][] {
    const opts = checkOptionsObject<{ prefix: string; recurse: boolean }>(options, fn, keys);
    checkBooleanOption(opts.recurse, fn, "recurse");
    if (opts.prefix !== undefined && typeof opts.prefix !== "string")
      throw new TypeError(`${fn}(): prefix must be a string, but got ${kindOf(opts.prefix)}`);
    const modules = opts.recurse === false ? [["", asModule(this)] as [string, Module]] : this.namedModules();
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [mname, m] of modules) {
      for (const [name, t] of kind(m)) {
        if (seen.has(t)) continue;
        seen.add(t);
        const full = [opts.prefix ?? "", mname, name].filter((s) => s !== "").join(".");
        out.push([full, t]);
      }
    }
    return out;
  }

  /** PyTorch's named_parameters: parameters with PyTorch's dotted names ("0.weight", "fc1.bias"), each once, as an array of pairs. */
  namedParameters(opts: { prefix?: string; recurse?: boolean } = {}): [string, Tensor][] {
    return this._named((m) => m._localParameters(), opts, "namedParameters", ["prefix", "recurse"]);
  }

  /** PyTorch's parameters: the parameters in registration order (what an optimizer takes), as an array (PyTorch: an iterator). */
  parameters(opts: { recurse?: boolean } = {}): Tensor[] {
    return this._named((m) => m._localParameters(), opts, "parameters", ["recurse"]).map((e) => e[1]);
  }

  /** PyTorch's named_buffers: buffers with dotted names, each once, as an array of pairs. */
  namedBuffers(opts: { prefix?: string; recurse?: boolean } = {}): [string, Tensor][] {
    return this._named((m) => m._localBuffers(), opts, "namedBuffers", ["prefix", "recurse"]);
  }

  /** PyTorch's buffers: the buffers (persistent or not) in registration order, as an array. */
  buffers(opts: { recurse?: boolean } = {}): Tensor[] {
    return this._named((m) => m._localBuffers(), opts, "buffers", ["recurse"]).map((e) => e[1]);
  }

  /**
   * PyTorch's Module.to: `m.to(dtype)`, `m.to("cpu")`, `m.to("cpu", dtype)`
   * or `m.to({ dtype, device })` casts every floating-point parameter and
   * buffer to `dtype`; integer and bool buffers stay. Parameters are
   * replaced by new ones (requiresGrad kept, grads dropped, the old ones
   * disposed; tied parameters stay tied): make optimizers after the cast.
   * "cpu" is the only device. Returns this.
   */
  to(dtypeOrDevice: DType | string | { dtype?: DType; device?: string }, dtype?: DType): this {
    let target: DType | null = null;
    let device: unknown = undefined;
    if (isPlainObject(dtypeOrDevice)) {
      const o = checkOptionsObject<{ dtype: DType; device: string }>(dtypeOrDevice, "to", ["dtype", "device"]);
      device = o.device;
      if (o.dtype !== undefined) target = parseDType(o.dtype, "to(): dtype");
    } else {
      let isDType = true;
      try {
        target = parseDType(dtypeOrDevice, "to(): dtype");
      } catch {
        isDType = false;
      }
      if (!isDType) {
        device = dtypeOrDevice;
        if (dtype !== undefined) target = parseDType(dtype, "to(): dtype");
      }
    }
    if (device !== undefined && device !== "cpu" && device !== "cpu:0") {
      const shown = typeof device === "string" ? `"${device}"` : kindOf(device);
      throw new Error(`torchlet has one device, "cpu": cannot move a module to ${shown}`);
    }
    if (target !== null) this._castFloating(target);
    return this;
  }

  /** PyTorch's Module.float: floating-point parameters and buffers to float32. */
  float(): this {
    return this.to("float32");
  }

  /** PyTorch's Module.double: floating-point parameters and buffers to float64. */
  double(): this {
    return this.to("float64");
  }

  /** PyTorch's Module.half: floating-point parameters and buffers to float16. */
  half(): this {
    return this.to("float16");
  }

  /** PyTorch's Module.bfloat16: floating-point parameters and buffers to bfloat16. */
  bfloat16(): this {
    return this.to("bfloat16");
  }

  /** Replaces each floating-point parameter and buffer of another dtype with a cast copy. */
  private _castFloating(dtype: DType): void {
    const done = new Map<Tensor, Tensor>();
    const cast = (t: Tensor, param: boolean): Tensor => {
      let c = done.get(t);
      if (c === undefined) {
        const copy = noGrad(() => castTo(t, dtype));
        c = param ? Parameter(copy, t.requiresGrad) : copy._own();
        done.set(t, c);
      }
      return c;
    };
    for (const m of this.modules()) {
      const self = m as unknown as Record<string, unknown>;
      for (const [name, p] of m._localParameters())
        if (isFloating(p.dtype) && p.dtype !== dtype) self[name] = cast(p, true);
      for (const [name, b] of m._localBuffers())
        if (isFloating(b.dtype) && b.dtype !== dtype) self[name] = cast(b, false);
    }
    for (const old of done.keys()) old.dispose();
  }

  /** PyTorch's apply: calls `fn` on every submodule (children first) and then on this module; returns this. */
  apply(fn: (m: Module) => void): this {
    if (typeof fn !== "function") throw new TypeError(`apply(fn): fn must be a function, but got ${kindOf(fn)}`);
    for (const child of this.children()) child.apply(fn);
    fn(asModule(this));
    return this;
  }

  // ---- modes and grads --------------------------------------------------------

  /** PyTorch's train: sets training mode (true, the default) or evaluation mode (false) here and in every submodule; `train({ mode })` too. */
  train(modeOrOpts: boolean | { mode?: boolean } = true): this {
    const mode = optionalArgs([modeOrOpts], "train", ["mode"], [], { mode: true }).mode;
    if (typeof mode !== "boolean") throw new TypeError("training mode is expected to be boolean");
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** PyTorch's eval: evaluation mode, train(false). */
  eval(): this {
    return this.train(false);
  }

  /** PyTorch's requires_grad_: sets requiresGrad of every parameter (true by default); `requiresGrad_({ requiresGrad })` too. */
  requiresGrad_(flagOrOpts: boolean | { requiresGrad?: boolean } = true): this {
    const requiresGrad = optionalArgs([flagOrOpts], "requiresGrad_", ["requiresGrad"], [], {
      requiresGrad: true,
    }).requiresGrad;
    if (typeof requiresGrad !== "boolean")
      throw new TypeError(`requiresGrad_(flag): flag must be a boolean, but got ${kindOf(requiresGrad)}`);
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /**
   * PyTorch's zero_grad: clears the parameters' grads. With `setToNone` (the default, as in
   * PyTorch 2) each grad is disposed and set to null; otherwise it is zeroed
   * in place.
   */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    const o = checkOptionsObject<{ setToNone: boolean }>(opts, "zeroGrad", ["setToNone"]);
    zeroGrads(this.parameters(), checkBooleanOption(o.setToNone, "zeroGrad", "setToNone") ?? true);
  }

  // ---- state -------------------------------------------------------------------

  /**
   * PyTorch's state_dict: parameters and persistent buffers by PyTorch's keys, in registration order
   * (each module's parameters, then its buffers, then its children). Values
   * are new handles sharing storage with the module's tensors (PyTorch's
   * detached tensors): dispose them, or call this inside tidy; with
   * `keepVars` they are the parameters and buffers themselves.
   */
  stateDict(options: StateDictOptions = {}): Record<string, Tensor> {
    const opts = checkOptionsObject<StateDictOptions>(options, "stateDict", ["prefix", "keepVars"]);
    checkBooleanOption(opts.keepVars, "stateDict", "keepVars");
    if (opts.prefix !== undefined && typeof opts.prefix !== "string")
      throw new TypeError(`stateDict(): prefix must be a string, but got ${kindOf(opts.prefix)}`);
    const out: Record<string, Tensor> = {};
    const prefix = opts.prefix ?? "";
    const walk = (m: Module, pre: string): void => {
      for (const [name, t] of [...m._localParameters(), ...m._localBuffers(true)]) {
        // Defined, not assigned: a prefix can make the key "__proto__".
        Object.defineProperty(out, pre + name, {
          value: opts.keepVars ? t : t.detach(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      for (const [name, child] of m.namedChildren()) walk(child, `${pre}${name}.`);
    };
    walk(asModule(this), prefix);
    return out;
  }

  /**
   * PyTorch's load_state_dict: copies values from `stateDict` into the parameters and buffers (under
   * noGrad, converting dtypes). Shape mismatches always throw; with `strict`
   * (the default) so do missing and unexpected keys, in PyTorch's words.
   * Returns the missing and unexpected keys. Unlike PyTorch, nothing is
   * copied when anything does not fit.
   */
  loadStateDict(stateDict: Record<string, Tensor>, opts: { strict?: boolean } = {}): IncompatibleKeys {
    if (!isPlainObject(stateDict)) {
      throw new TypeError(`Expected state_dict to be dict-like, got ${kindOf(stateDict)}.`);
    }
    const o = checkOptionsObject<{ strict: boolean }>(opts, "loadStateDict", ["strict"]);
    const strict = checkBooleanOption(o.strict, "loadStateDict", "strict") ?? true;
    const missingKeys: string[] = [],
      unexpectedKeys: string[] = [],
      errors: string[] = [];
    // Every key is checked before any value is copied (PyTorch copies the good
    // ones before it raises): a state dict that does not fit changes nothing.
    const copies: { param: Tensor; src: Tensor; temp: Tensor | null }[] = [];
    const keys = Object.keys(stateDict);
    const load = (m: Module, prefix: string): void => {
      const local = new Map([...m._localParameters(), ...m._localBuffers(true)]);
      for (const [name, param] of local) {
        const key = prefix + name;
        // Own keys only: "toString" and "constructor" are in every object literal.
        if (!Object.prototype.hasOwnProperty.call(stateDict, key)) {
          missingKeys.push(key);
          continue;
        }
        let input = stateDict[key];
        if (!(input instanceof Tensor)) {
          errors.push(
            `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof input}`,
          );
          continue;
        }
        input._check();
        let temp: Tensor | null = null;
        if (param.shape.length === 0 && input.shape.length === 1) input = temp = input.select(0, 0);
        if (input.shape.length !== param.shape.length || input.shape.some((d, i) => d !== param.shape[i])) {
          errors.push(
            `size mismatch for ${key}: copying a param with shape torch.Size(${showShape(input.shape)}) from checkpoint, the shape in current model is torch.Size(${showShape(param.shape)}).`,
          );
          temp?.dispose();
          continue;
        }
        copies.push({ param, src: input, temp });
      }
      const children = new Set(m.namedChildren().map((e) => e[0]));
      for (const key of keys) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length).split(".", 1)[0]!;
        if (!children.has(name) && !local.has(name)) unexpectedKeys.push(key);
      }
      for (const [name, child] of m.namedChildren()) load(child, `${prefix}${name}.`);
    };
    try {
      load(asModule(this), "");
      if (strict) {
        if (unexpectedKeys.length > 0)
          errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}. `);
        if (missingKeys.length > 0)
          errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}. `);
      }
      if (errors.length > 0)
        throw new Error(`Error(s) in loading state_dict for ${this._getName()}:\n\t${errors.join("\n\t")}`);
      noGrad(() => {
        for (const { param, src } of copies) param.copy_(src);
      });
    } finally {
      for (const { temp } of copies) temp?.dispose();
    }
    return { missingKeys, unexpectedKeys };
  }

  /** Frees every parameter and buffer (and their grads) of this module and its submodules (no PyTorch counterpart: wasm memory is not garbage-collected promptly). */
  dispose(): void {
    for (const t of [...this.parameters(), ...this.buffers()]) t.dispose();
  }

  /** Disposes the module at the end of a `using` block (no PyTorch counterpart). */
  [Symbol.dispose](): void {
    this.dispose();
  }

  // ---- printing ----------------------------------------------------------------

  /** PyTorch's repr: `Linear(in_features=8, out_features=16, bias=True)`, containers one child per line. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines = this.namedChildren().map(([name, m]) => `(${name}): ${addIndent(m.toString(), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = this._getName() + "(";
    if (lines.length > 0) {
      if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
      else main += "\n  " + lines.join("\n  ") + "\n";
    }
    return main + ")";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Clears grads as zero_grad does: dispose and null them, or zero them in place. */
export function zeroGrads(params: Iterable<Tensor>, setToNone: boolean): void {
  for (const p of params) {
    const g = p._grad;
    if (g === null) continue;
    if (setToNone) {
      p.grad = null;
      g.dispose();
    } else {
      if (g._gradFn !== null) g.detach_();
      else g.requiresGrad_(false);
      noGrad(() => g.zero_());
    }
  }
}

function checkName(m: AnyModule, name: string, kind: string): void {
  if (typeof name !== "string") throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
  if (name.includes(".")) throw new Error(`${kind} name can't contain "."`);
  if (name === "") throw new Error(`${kind} name can't be empty string ""`);
  if (name in m && !Object.prototype.hasOwnProperty.call(m, name))
    throw new Error(`attribute '${name}' already exists`);
}

/**
 * A deep copy of `m` (Python's copy.deepcopy of a module): the same class,
 * options and hooks, copies of its parameters (leaves that require grad as
 * the originals do) and buffers, and deep copies of its submodules. Draws
 * no random numbers, so copying leaves the generator where PyTorch's would be.
 */
export function cloneModule<M extends AnyModule>(m: M): M {
  const copy = Object.create(Object.getPrototypeOf(m) as object) as M;
  try {
    const names = bufferNames.get(m);
    const target = copy as unknown as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(m)) {
      const d = Object.getOwnPropertyDescriptor(m, k)!;
      const v: unknown = d.value;
      if (v instanceof Module) target[k] = cloneModule(v);
      else if (isParameter(v))
        target[k] = Parameter(
          noGrad(() => v.clone()),
          v.requiresGrad,
        );
      else if (v instanceof Tensor && names?.has(k)) target[k] = noGrad(() => v.clone())._own();
      else Object.defineProperty(copy, k, Array.isArray(v) ? { ...d, value: v.slice() } : d);
    }
    if (names !== undefined) bufferNames.set(copy, new Map(names));
    const hooks = hooksOf.get(m);
    if (hooks !== undefined)
      hooksOf.set(copy, { pre: new Map(hooks.pre), post: new Map(hooks.post), backward: new Map(hooks.backward) });
  } catch (e) {
    asModule(copy).dispose();
    throw e;
  }
  return copy;
}
