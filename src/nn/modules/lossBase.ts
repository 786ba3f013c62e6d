// The base of the loss modules (PyTorch's _Loss) and the factory of those
// that only keep their options and hand them to the functional form. A
// module reads its options once, in its constructor, into fields.

import type { Tensor } from "../../tensor.js";
import { Module } from "../module.js";
import { checkOptionsObject } from "../../args.js";
import { checkNumber, checkReduction, type Reduction } from "../functional/common.js";

type Opts = Record<string, unknown> | null | undefined;

/** PyTorch's _Loss: a module with `reduction`, made from an options object. */
export abstract class Loss<In extends unknown[] = [Tensor, Tensor]> extends Module<In> {
  /** "mean" (default), "sum" or "none". */
  reduction: Reduction;
  /** Refuses options other than `keys` (the message lists them in this order), then reads `reduction`. */
  constructor(opts: unknown, keys: readonly string[]) {
    super();
    this.reduction = checkReduction(checkOptionsObject<{ reduction: unknown }>(opts, this._getName(), keys).reduction);
  }
  /** The number option `key`, checked, or `dflt`. */
  protected _num(opts: unknown, key: string, dflt: number): number {
    const v = (opts as Opts)?.[key];
    return v === undefined ? dflt : checkNumber(v, this._getName(), key);
  }
  /** The option `key` as given (a flag or a tensor the functional form checks), or `dflt`. */
  protected _opt<T>(opts: unknown, key: string, dflt: T): T {
    return ((opts as Opts)?.[key] as T | undefined) ?? dflt;
  }
}

/** The options a loss keeps besides `reduction`: numbers, flags and tensors. */
type LossOptions<H> = { [K in keyof H]: number | boolean | Tensor | null };

/**
 * A loss module class: `fn(...inputs, { ...options, reduction })`, where the
 * options are `defaults`' keys (read in their order; `keys` is the order the
 * unknown-option message lists them in, with "reduction"). A number is
 * checked; a null default is a tensor kept as a buffer (a class weight, which
 * then is in stateDict and moves with the module, as in PyTorch's
 * _WeightedLoss); flags are kept as given.
 */
export function lossModule<In extends unknown[], H extends LossOptions<H>>(
  name: string,
  keys: readonly string[],
  defaults: H,
  fn: (...args: [...In, H & { reduction: Reduction }]) => Tensor,
): new (opts?: Partial<H> & { reduction?: Reduction }) => Loss<In> & H {
  const cls = class extends Loss<In> {
    protected static override readonly _pyName: string = name;
    constructor(opts: Partial<H> & { reduction?: Reduction } = {}) {
      super(opts, keys);
      const fields = this as unknown as Record<string, unknown>;
      for (const [k, d] of Object.entries(defaults)) {
        if (d === null) this.registerBuffer(k, this._opt<Tensor | null>(opts, k, null));
        else fields[k] = typeof d === "number" ? this._num(opts, k, d) : this._opt(opts, k, d);
      }
    }
    override forward(...args: In): Tensor {
      const fields = this as unknown as Record<string, unknown>;
      const o = Object.fromEntries(Object.keys(defaults).map((k) => [k, fields[k]]));
      return fn(...args, { ...(o as H), reduction: this.reduction });
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls as unknown as new (opts?: Partial<H> & { reduction?: Reduction }) => Loss<In> & H;
}

/** A class weight, kept as the buffer "weight". */
export interface Weight {
  /** The weight of each class, or null. */
  readonly weight: Tensor | null;
}

/** A loss whose options are a class weight and `reduction`. */
export const weightedLoss = <In extends unknown[]>(
  name: string,
  fn: (...args: [...In, Weight & { reduction: Reduction }]) => Tensor,
): new (opts?: Partial<Weight> & { reduction?: Reduction }) => Loss<In> & Weight =>
  lossModule<In, Weight>(name, ["weight", "reduction"], { weight: null }, fn);
