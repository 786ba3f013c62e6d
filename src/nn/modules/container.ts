// nn.Sequential: modules called in order, registered as "0", "1", ...
// (or under the names of a plain object), so stateDict keys read "0.weight".

import type { Tensor } from "../../tensor.js";
import { Module } from "../module.js";

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
    const children = this.children();
    const i = index < 0 ? index + children.length : index;
    const m = children[i];
    if (m === undefined) throw new RangeError(`index ${index} is out of range`);
    return m;
  }

  /** Adds a module at the end (named by its position) and returns this. */
  append(module: Module): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  override forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this.children()) x = m.call(x);
    return x;
  }

  protected override _getName(): string {
    return "Sequential";
  }
}
