// ModuleList, ModuleDict, ParameterList and ParameterDict. Their entries are
// the module's own properties ("0", "1", ... or the keys), so
// namedParameters() and stateDict() name them as PyTorch does
// ("layers.0.weight", "scales.1"); Python's `list[i]` / `dict[key]` are
// `.get(i)` / `.get(key)`, `len()` is `.length`, iteration is `for...of`
// (over the modules of a list, the keys of a dict, as in Python).
// (JavaScript orders integer-like keys first: a dict key such as "1" moves
// ahead of the other keys.)

import { Tensor } from "../../tensor.js";
import { isFloating, torchName } from "../../dtype.js";
import { Module } from "../module.js";
import { isParameter, Parameter } from "../parameter.js";
import { isPlainObject, kindOf } from "../../args.js";

type Entries = Record<string, unknown>;
const own = (m: object): Entries => m as unknown as Entries;

/** Python's name for a JavaScript value's type in messages (TypeError: ... got int). */
export function pyType(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (v === null || v === undefined) return "NoneType";
  return kindOf(v);
}

const isIterable = (v: unknown): v is Iterable<unknown> =>
  v !== null &&
  v !== undefined &&
  typeof v !== "string" &&
  typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";

/** [key, value] pairs from an iterable, with PyTorch's messages for elements that are not pairs. */
function pairsOf(it: Iterable<unknown>, cls: string): [unknown, unknown][] {
  return [...it].map((e, j) => {
    if (!isIterable(e)) throw new TypeError(`${cls} update sequence element #${j} should be Iterable; is${pyType(e)}`);
    const pair = [...e];
    if (pair.length !== 2)
      throw new RangeError(`${cls} update sequence element #${j} has length ${pair.length}; 2 is required`);
    return pair as [unknown, unknown];
  });
}

/** A list index, negative counting from the end: PyTorch's "index i is out of range". */
function absIndex(idx: number, n: number): number {
  if (typeof idx !== "number" || !Number.isInteger(idx))
    throw new TypeError(`list indices must be integers, not ${pyType(idx)}`);
  if (!(-n <= idx && idx < n)) throw new RangeError(`index ${idx} is out of range`);
  return idx < 0 ? idx + n : idx;
}

/** Python's slice bounds [start, stop) for a list of n (no step). */
export function sliceBounds(n: number, start?: number, end?: number): [number, number] {
  const clamp = (v: number | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== "number" || !Number.isInteger(v))
      throw new TypeError(`slice indices must be integers, not ${pyType(v)}`);
    return v < 0 ? Math.max(0, v + n) : Math.min(v, n);
  };
  const a = clamp(start, 0),
    b = clamp(end, n);
  return [a, Math.max(a, b)];
}

function checkModule(m: unknown, where: string): Module {
  if (!(m instanceof Module)) throw new TypeError(`${where}: ${kindOf(m)} is not a Module subclass`);
  return m;
}

/** A list of submodules, registered as "0", "1", ... */
export class ModuleList extends Module {
  protected static override readonly _pyName: string = "ModuleList";
  constructor(modules?: Iterable<Module> | null) {
    super();
    if (modules !== undefined && modules !== null) this.extend(modules);
  }

  /** len(module_list): the number of modules. */
  get length(): number {
    return this.namedChildren().length;
  }

  /** The module at `index` (negative counts from the end): Python's `list[i]`. */
  get(index: number): Module {
    return own(this)[String(absIndex(index, this.length))] as Module;
  }

  /** Replaces the module at `index`: Python's `list[i] = m`. */
  set(index: number, module: Module): void {
    own(this)[String(absIndex(index, this.length))] = checkModule(module, "ModuleList.set");
  }

  /** A new ModuleList of the modules in [start, end): Python's `list[a:b]`. */
  slice(start?: number, end?: number): ModuleList {
    const [a, b] = sliceBounds(this.length, start, end);
    return new ModuleList(this.children().slice(a, b));
  }

  /** ModuleList.append: adds `module` at the end; returns the list. */
  append(module: Module): this {
    this.registerModule(String(this.length), checkModule(module, "ModuleList.append"));
    return this;
  }

  /** ModuleList.extend: adds `modules` at the end; returns the list. */
  extend(modules: Iterable<Module>): this {
    if (!isIterable(modules))
      throw new TypeError(`ModuleList.extend should be called with an iterable, but got ${pyType(modules)}`);
    const list = [...modules];
    for (const m of list) checkModule(m, "ModuleList.append");
    for (const m of list) this.append(m as Module);
    return this;
  }

  /** Inserts `module` before `index` (PyTorch's ModuleList.insert). */
  insert(index: number, module: Module): void {
    if (typeof index !== "number" || !Number.isInteger(index))
      throw new TypeError(`ModuleList.insert: index must be an integer, not ${pyType(index)}`);
    checkModule(module, "ModuleList.insert");
    const list = this.children();
    const i = index < 0 ? Math.max(0, index + list.length) : Math.min(index, list.length);
    list.splice(i, 0, module);
    this._renumber(list);
  }

  /** Removes and returns the module at `index`; the others are renumbered. */
  pop(index = -1): Module {
    const list = this.children();
    const i = absIndex(index, list.length);
    const [m] = list.splice(i, 1);
    this._renumber(list);
    return m!;
  }

  /** Removes the module at `index` (Python's `del list[i]`). */
  delete(index: number): void {
    this.pop(index);
  }

  private _renumber(list: Module[]): void {
    for (const [k] of this.namedChildren()) delete own(this)[k];
    list.forEach((m, i) => (own(this)[String(i)] = m));
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
}

/** Submodules by key, in insertion order. */
export class ModuleDict extends Module {
  protected static override readonly _pyName: string = "ModuleDict";
  constructor(modules?: Record<string, Module> | Iterable<[string, Module]> | null) {
    super();
    if (modules !== undefined && modules !== null) this.update(modules);
  }

  /** len(module_dict): the number of modules. */
  get length(): number {
    return this.namedChildren().length;
  }

  /** The module under `key`: Python's `dict[key]` (a missing key throws as Python's KeyError). */
  get(key: string): Module {
    const m = own(this)[key];
    if (!(m instanceof Module) || !Object.prototype.hasOwnProperty.call(this, key))
      throw new RangeError(`KeyError: '${key}'`);
    return m;
  }

  /** Adds or replaces the module under `key`: Python's `dict[key] = m`. */
  set(key: string, module: Module): void {
    if (Object.prototype.hasOwnProperty.call(this, key)) own(this)[key] = checkModule(module, "ModuleDict.set");
    else this.registerModule(key, checkModule(module, "ModuleDict.set"));
  }

  /** Whether `key` is present: Python's `key in dict`. */
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this, key) && own(this)[key] instanceof Module;
  }

  /** Removes and returns the module under `key`. */
  pop(key: string): Module {
    const m = this.get(key);
    delete own(this)[key];
    return m;
  }

  /** `del module_dict[key]`: removes the module at `key`. */
  delete(key: string): void {
    this.pop(key);
  }

  /** ModuleDict.clear: removes every module. */
  clear(): void {
    for (const k of this.keys()) delete own(this)[k];
  }

  /** ModuleDict.keys: the keys, in insertion order. */
  keys(): string[] {
    return this.namedChildren().map((e) => e[0]);
  }

  /** ModuleDict.values: the modules, in insertion order. */
  values(): Module[] {
    return this.children();
  }

  /** ModuleDict.items: [key, module] pairs, in insertion order. */
  items(): [string, Module][] {
    return this.namedChildren();
  }

  /** Adds or replaces entries from an object, a Map, another ModuleDict, or [key, module] pairs. */
  update(modules: Record<string, Module> | Iterable<[string, Module]> | ModuleDict): void {
    let pairs: [string, Module][];
    if (modules instanceof ModuleDict) pairs = modules.items();
    else if (modules instanceof Map) pairs = [...modules.entries()] as [string, Module][];
    else if (isPlainObject(modules)) pairs = Object.entries(modules) as [string, Module][];
    else if (isIterable(modules)) {
      pairs = pairsOf(modules, "ModuleDict") as [string, Module][];
    } else
      throw new TypeError(
        `ModuleDict.update should be called with an iterable of key/value pairs, but got ${pyType(modules)}`,
      );
    for (const [, m] of pairs) checkModule(m, "ModuleDict.set");
    for (const [k, m] of pairs) this.set(k, m);
  }

  /** Iterates over the keys, as Python's dict. */
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
}

/** "Parameter containing: [torch.float32 of size 2x3]" (ParameterDict names the dtype as torch.typename: torch.FloatTensor). */
function describeParam(p: Tensor, typename: boolean): string {
  const size = p.shape.join("x");
  const kind = isParameter(p) ? "Parameter" : "Tensor";
  const type = typename ? (TYPENAMES[p.dtype] ?? torchName[p.dtype]) : torchName[p.dtype];
  return `${kind} containing: [${type} of size ${size}]`;
}

const TYPENAMES: Partial<Record<string, string>> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  float16: "torch.HalfTensor",
  bfloat16: "torch.BFloat16Tensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  int16: "torch.ShortTensor",
  int8: "torch.CharTensor",
  uint8: "torch.ByteTensor",
  bool: "torch.BoolTensor",
};

/** Parameters' own entries (a tensor stored in one is made a Parameter, as PyTorch does). */
function localParams(m: Module): [string, Tensor][] {
  return Object.entries(m).filter((e): e is [string, Tensor] => isParameter(e[1]));
}

/** The checks registerParameter makes of a new name, before any tensor is made a Parameter. */
function checkKey(m: Module, key: unknown): void {
  if (typeof key !== "string") {
    throw new TypeError(
      `Index given to ParameterDict cannot be used as a key as it is not a string (type is '${pyType(key)}'). Open an issue on github if you need non-string keys.`,
    );
  }
  if (key.includes(".")) throw new Error(`parameter name can't contain "."`);
  if (key === "") throw new Error(`parameter name can't be empty string ""`);
  if (key in m && !Object.prototype.hasOwnProperty.call(m, key)) throw new Error(`attribute '${key}' already exists`);
}

function checkTensorArg(v: unknown, where: string): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw new TypeError(`${where}: expected a Tensor, but got ${kindOf(v)}`);
  const t: Tensor = v;
  t._check();
  const dtype = t.dtype;
  if (!isParameter(t) && !isFloating(dtype))
    throw new TypeError(`only Tensors of floating point dtype can require gradients (got ${torchName[dtype]})`);
}

function asParameter(v: unknown, where: string): Tensor {
  checkTensorArg(v, where);
  return isParameter(v) ? v : Parameter(v);
}

/** A list of parameters, registered as "0", "1", ... */
export class ParameterList extends Module {
  protected static override readonly _pyName: string = "ParameterList";
  constructor(values?: Iterable<Tensor> | null) {
    super();
    if (values !== undefined && values !== null) this.extend(values);
  }

  /** len(parameter_list): the number of parameters. */
  get length(): number {
    return localParams(this).length;
  }

  /** `parameter_list[index]` (negative counts from the end). */
  get(index: number): Tensor {
    return own(this)[String(absIndex(index, this.length))] as Tensor;
  }

  /** `parameter_list[index] = param`: the tensor is made a parameter. */
  set(index: number, param: Tensor): void {
    const k = String(absIndex(index, this.length));
    own(this)[k] = asParameter(param, "ParameterList.set");
  }

  /** ParameterList.append: adds `value` (made a parameter) at the end; returns the list. */
  append(value: Tensor): this {
    this.registerParameter(String(this.length), asParameter(value, "ParameterList.append"));
    return this;
  }

  /** ParameterList.extend: adds `values` (made parameters) at the end; returns the list. */
  extend(values: Iterable<Tensor>): this {
    if (!isIterable(values) || values instanceof Tensor) {
      throw new TypeError(`ParameterList.extend should be called with an iterable, but got ${pyType(values)}`);
    }
    // Every value is checked before any becomes a Parameter: a bad one changes nothing.
    const list = [...values];
    for (const v of list) checkTensorArg(v, "ParameterList.append");
    for (const v of list) this.append(v as Tensor);
    return this;
  }

  [Symbol.iterator](): Iterator<Tensor> {
    return localParams(this)
      .map((e) => e[1])
      [Symbol.iterator]();
  }

  override forward(): never {
    throw new Error("ParameterList should not be called.");
  }

  override extraRepr(): string {
    return localParams(this)
      .map(([k, p]) => `  (${k}): ${describeParam(p, false)}`)
      .join("\n");
  }
}

/** Parameters by key, in insertion order. */
export class ParameterDict extends Module {
  protected static override readonly _pyName: string = "ParameterDict";
  constructor(parameters?: Record<string, Tensor> | Iterable<[string, Tensor]> | null) {
    super();
    if (parameters !== undefined && parameters !== null) this.update(parameters);
  }

  /** len(parameter_dict): the number of parameters. */
  get length(): number {
    return localParams(this).length;
  }

  /** `parameter_dict[key]`. */
  get(key: string): Tensor {
    const p = own(this)[key];
    if (!isParameter(p) || !Object.prototype.hasOwnProperty.call(this, key)) throw new RangeError(`KeyError: '${key}'`);
    return p;
  }

  /** `parameter_dict[key] = value`: the tensor is made a parameter. */
  set(key: string, value: Tensor): void {
    if (!Object.prototype.hasOwnProperty.call(this, key)) checkKey(this, key);
    checkTensorArg(value, "ParameterDict.set");
    if (Object.prototype.hasOwnProperty.call(this, key)) own(this)[key] = asParameter(value, "ParameterDict.set");
    else this.registerParameter(key, asParameter(value, "ParameterDict.set"));
  }

  /** `key in parameter_dict`. */
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this, key) && isParameter(own(this)[key]);
  }

  /** ParameterDict.pop: removes the parameter at `key` and returns it. */
  pop(key: string): Tensor {
    const p = this.get(key);
    delete own(this)[key];
    return p;
  }

  /** `del parameter_dict[key]`. */
  delete(key: string): void {
    this.pop(key);
  }

  /** ParameterDict.keys: the keys, in insertion order. */
  keys(): string[] {
    return localParams(this).map((e) => e[0]);
  }

  /** ParameterDict.values: the parameters, in insertion order. */
  values(): Tensor[] {
    return localParams(this).map((e) => e[1]);
  }

  /** ParameterDict.items: [key, parameter] pairs, in insertion order. */
  items(): [string, Tensor][] {
    return localParams(this);
  }

  /**
   * ParameterDict.update: adds or replaces the parameters of a record, of [key,
   * value] pairs or of another ParameterDict.
   */
  update(parameters: Record<string, Tensor> | Iterable<[string, Tensor]> | ParameterDict): void {
    let pairs: [string, Tensor][];
    if (parameters instanceof ParameterDict) pairs = parameters.items();
    else if (parameters instanceof Map) pairs = [...parameters.entries()] as [string, Tensor][];
    else if (isPlainObject(parameters)) pairs = Object.entries(parameters) as [string, Tensor][];
    else if (isIterable(parameters)) pairs = pairsOf(parameters, "ParameterDict") as [string, Tensor][];
    else
      throw new TypeError(
        `ParametersDict.update should be called with an iterable of key/value pairs, but got ${pyType(parameters)}`,
      );
    // Every entry is checked before any tensor becomes a Parameter: a bad one changes nothing.
    for (const [k, v] of pairs) {
      if (!Object.prototype.hasOwnProperty.call(this, k)) checkKey(this, k);
      checkTensorArg(v, "ParameterDict.set");
    }
    for (const [k, v] of pairs) this.set(k, v);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  override forward(): never {
    throw new Error("ParameterDict should not be called.");
  }

  override extraRepr(): string {
    return localParams(this)
      .map(([k, p]) => `  (${k}): ${describeParam(p, true)}`)
      .join("\n");
  }
}
