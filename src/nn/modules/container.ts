// nn.Sequential: modules called in order, registered as "0", "1", ...
// (or under the names of a plain object), so stateDict keys read "0.weight".

import { Tensor } from "../../tensor.js";

/** Disposes an intermediate result unless something owns it. */
const release = (x: unknown): void => {
  if (x instanceof Tensor && !x._owned) x.dispose();
};
import { Module } from "../module.js";
import { pyType, sliceBounds } from "./containers.js";

export class Sequential extends Module {
  /** The i-th module, as `model[0]` in Python. */
  readonly [index: number]: Module;

  /** `new Sequential(a, b, c)`, or `new Sequential({ fc1: a, act: b })` for named children. */
  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && first !== undefined && !(first instanceof Module)) {
      for (const [name, m] of Object.entries(first)) this.registerModule(name, m);
      return;
    }
    (modules as Module[]).forEach((m, i) => this.registerModule(String(i), m));
  }

  /** Number of modules. */
  get length(): number {
    return this.namedChildren().length;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): Module {
    if (typeof index !== "number" || !Number.isInteger(index)) {
      throw new TypeError(`at(): index must be an integer, but got ${typeof index === "number" ? index : typeof index}`);
    }
    const children = this.children();
    const i = index < 0 ? index + children.length : index;
    const m = children[i];
    if (m === undefined) throw new RangeError(`index ${index} is out of range`);
    return m;
  }

  /** The module at `index` (negative counts from the end): Python's `seq[i]`. */
  get(index: number): Module {
    return this.at(index);
  }

  /** A new Sequential of the modules in [start, end), keeping their names: Python's `seq[a:b]`. */
  slice(start?: number, end?: number): Sequential {
    const [a, b] = sliceBounds(this.length, start, end);
    return new Sequential(Object.fromEntries(this.namedChildren().slice(a, b)));
  }

  /** Adds a module at the end (named by its position) and returns this. */
  append(module: Module): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  /** Appends every module of `modules` (PyTorch's Sequential.extend). */
  extend(modules: Iterable<Module>): this {
    if (modules === null || typeof modules !== "object" || typeof (modules as Iterable<Module>)[Symbol.iterator] !== "function") {
      throw new TypeError(`Sequential.extend: expected an iterable of modules, but got ${pyType(modules)}`);
    }
    const list = [...modules];
    for (const m of list) if (!(m instanceof Module)) throw new TypeError(`${String(m)} is not a Module subclass`);
    for (const m of list) this.append(m);
    return this;
  }

  /** Inserts `module` before `index`, renumbering the modules after it (PyTorch's Sequential.insert). */
  insert(index: number, module: Module): this {
    if (typeof index !== "number" || !Number.isInteger(index)) throw new TypeError(`Sequential.insert: index must be an integer, not ${pyType(index)}`);
    if (!(module instanceof Module)) throw new TypeError("module should be of type: <class 'torch.nn.modules.module.Module'>");
    const children = this.children();
    const n = children.length;
    if (!(-n <= index && index <= n)) throw new RangeError(`Index out of range: ${index}`);
    children.splice(index < 0 ? index + n : index, 0, module);
    const self = this as unknown as Record<string, unknown>;
    for (const [k] of this.namedChildren()) delete self[k];
    children.forEach((m, i) => (self[String(i)] = m));
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  /**
   * Calls each module on the previous one's result. The handles passed
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

  protected override _getName(): string {
    return "Sequential";
  }
}
