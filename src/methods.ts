// The one way a module adds methods and properties to Tensor: each op family
// declares them on the interface (`declare module "../tensor.js"`) and defines
// them here, on Tensor.prototype, as a class's own would be (not enumerable),
// so tensor.ts need not import every op.

import { Tensor } from "./tensor.js";

/** Defines methods of Tensor; each must match its declaration on the interface. */
export function addMethods<K extends keyof Tensor>(methods: Pick<Tensor, K> & ThisType<Tensor>): void {
  for (const name of Object.keys(methods)) {
    Object.defineProperty(Tensor.prototype, name, {
      value: (methods as Record<string, unknown>)[name],
      writable: true,
      configurable: true,
    });
  }
}

/** An accessor of Tensor: a getter, and a setter for a writable property. */
export interface Accessor<T> {
  get(this: Tensor): T;
  set?(this: Tensor, value: T): void;
}

/** Defines accessor properties of Tensor (such as .grad and .T). */
export function addProperties<K extends keyof Tensor>(props: { [P in K]: Accessor<Tensor[P]> }): void {
  for (const name of Object.keys(props)) {
    const { get, set } = (props as Record<string, Accessor<unknown>>)[name]!;
    Object.defineProperty(
      Tensor.prototype,
      name,
      set === undefined ? { get, configurable: true } : { get, set, configurable: true },
    );
  }
}

/** Method `M` of Tensor as a function taking the tensor first. */
type AsFunction<M> = M extends (...args: infer A) => infer R ? (self: Tensor, ...args: A) => R : never;

/**
 * Defines methods of Tensor that call a function with the tensor as its
 * first argument (`x.add(y)` is `add(x, y)`), the shape of most ops' methods.
 */
export function addMethodsOf<K extends keyof Tensor>(fns: { [P in K]: AsFunction<Tensor[P]> }): void {
  const methods: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns) as [string, (self: Tensor, ...args: unknown[]) => unknown][]) {
    methods[name] = function (this: Tensor, ...args: unknown[]) {
      return fn(this, ...args);
    };
  }
  addMethods(methods as Pick<Tensor, K>);
}
