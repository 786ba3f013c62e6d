// nn.Sequential: modules called in order, registered as "0", "1", ...
// (or under the names of a plain object), so stateDict keys read "0.weight".

import { Tensor } from "../../tensor.js";

/** Disposes an intermediate result unless something owns it. */
const release = (x: unknown): void => {
  if (x instanceof Tensor && !x._owned) x.dispose();
};
import { Module } from "../module.js";
import { pyType, sliceBounds } from "./containers.js";

/**
 * torch.nn.Sequential: modules called in order, each on the previous one's
 * result. `M` is the list of module types (`new Sequential(new Linear(2, 3),
 * new ReLU())` is a `Sequential<[Linear, ReLU]>`), so `get(i)`, `seq[i]` and
 * iteration give their union; `seq[i]` and `len(seq)` are `get(i)` and
 * `length`.
 */
export class Sequential<M extends Module[] = Module[]> extends Module {
  protected static override readonly _pyName: string = "Sequential";
  /** The i-th module, as `model[0]` in Python (non-negative indices only; `get` takes negative ones). */
  readonly [index: number]: M[number];

  /** `new Sequential(a, b, c)`, as PyTorch's nn.Sequential(a, b, c). */
  constructor(...modules: M);
  /** `new Sequential({ fc1: a, act: b })`: named children, as PyTorch's nn.Sequential(OrderedDict(...)). */
  constructor(modules: Record<string, M[number]>);
  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && first !== undefined && !(first instanceof Module)) {
      for (const [name, m] of Object.entries(first)) this.registerModule(name, m);
      return;
    }
    (modules as Module[]).forEach((m, i) => this.registerModule(String(i), m));
  }

  /** Number of modules: Python's `len(seq)`. */
  get length(): number {
    return this.namedChildren().length;
  }

  /** The module at `index` (negative counts from the end), as Array.prototype.at: Python's `seq[i]`. */
  at(index: number): M[number] {
    if (typeof index !== "number" || !Number.isInteger(index)) {
      throw new TypeError(
        `at(): index must be an integer, but got ${typeof index === "number" ? index : typeof index}`,
      );
    }
    const children = this.children();
    const i = index < 0 ? index + children.length : index;
    const m = children[i];
    if (m === undefined) throw new RangeError(`index ${index} is out of range`);
    return m as M[number];
  }

  /** The module at `index` (negative counts from the end): Python's `seq[i]`. */
  get(index: number): M[number] {
    return this.at(index);
  }

  /** A new Sequential of the modules in [start, end), keeping their names: Python's `seq[a:b]`. */
  slice(start?: number, end?: number): Sequential<M[number][]> {
    const [a, b] = sliceBounds(this.length, start, end);
    return new Sequential<M[number][]>(
      Object.fromEntries(this.namedChildren().slice(a, b)) as Record<string, M[number]>,
    );
  }

  /** Adds a module at the end (named by its position) and returns this (PyTorch's Sequential.append). */
  append(module: Module): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  /** Appends every module of `modules` (PyTorch's Sequential.extend). */
  extend(modules: Iterable<Module>): this {
    if (
      modules === null ||
      typeof modules !== "object" ||
      typeof (modules as Iterable<Module>)[Symbol.iterator] !== "function"
    ) {
      throw new TypeError(`Sequential.extend: expected an iterable of modules, but got ${pyType(modules)}`);
    }
    const list = [...modules];
    for (const m of list) if (!(m instanceof Module)) throw new TypeError(`${String(m)} is not a Module subclass`);
    for (const m of list) this.append(m);
    return this;
  }

  /** Inserts `module` before `index`, renumbering the modules after it (PyTorch's Sequential.insert). */
  insert(index: number, module: Module): this {
    if (typeof index !== "number" || !Number.isInteger(index))
      throw new TypeError(`Sequential.insert: index must be an integer, not ${pyType(index)}`);
    if (!(module instanceof Module))
      throw new TypeError("module should be of type: <class 'torch.nn.modules.module.Module'>");
    const children = this.children();
    const n = children.length;
    if (!(-n <= index && index <= n)) throw new RangeError(`Index out of range: ${index}`);
    children.splice(index < 0 ? index + n : index, 0, module);
    const self = this as unknown as Record<string, unknown>;
    for (const [k] of this.namedChildren()) delete self[k];
    children.forEach((m, i) => (self[String(i)] = m));
    return this;
  }

  /** The modules in order: Python's `for m in seq`. */
  [Symbol.iterator](): Iterator<M[number]> {
    return (this.children() as M[number][])[Symbol.iterator]();
  }

  /**
   * Calls each module on the previous one's result (PyTorch's
   * Sequential.forward). The handles passed
   * between modules are disposed as soon as the next module has run (the
   * graph keeps what backward needs), also when a module throws; the input,
   * the result and owned tensors (parameters, buffers) are left alone.
   */
  override forward(input: Tensor): Tensor {
    let x = input;
    try {
      for (const m of this.children()) {
        const y = m.call(x);
        if (x !== input && x !== y) release(x);
        x = y;
      }
    } catch (e) {
      if (x !== input) release(x);
      throw e;
    }
    return x;
  }
}
