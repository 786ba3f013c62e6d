// The padding modules: ZeroPad2d, ConstantPad1d/2d, ReflectionPad1d/2d and
// ReplicationPad1d/2d, over F.pad. Like PyTorch's, each expands an int
// padding to every side (_pair / _quadruple) and prints it as a tuple.

import type { Tensor } from "../../tensor.js";
import { shown } from "../../args.js";
import { Module, pyFloat, pyTuple } from "../module.js";
import { pad, type PadMode } from "../functional/pad.js";

/** An int for every side, or one per side ((left, right) in 1-d, (left, right, top, bottom) in 2-d). */
export type Padding = number | readonly number[];

function sides(padding: unknown, n: number, fn: string): number[] {
  const list = typeof padding === "number" ? Array.from({ length: n }, () => padding) : padding;
  if (!Array.isArray(list) || list.length !== n || list.some((v) => typeof v !== "number" || !Number.isInteger(v)))
    throw new TypeError(`${fn}(): padding must be an integer or an array of ${n} integers, but got ${shown(padding)}`);
  return list as number[];
}

/** A module that pads with F.pad in one mode. */
abstract class PadNd extends Module {
  /** The padding of each side, in F.pad's order. */
  readonly padding: number[];

  constructor(
    padding: Padding,
    sidesCount: number,
    private readonly mode: PadMode,
    /** The fill value ("constant" mode). */
    readonly value = 0,
  ) {
    super();
    this.padding = sides(padding, sidesCount, this._getName());
  }

  override forward(input: Tensor): Tensor {
    return pad(input, this.padding, this.mode === "constant" ? { value: this.value } : { mode: this.mode });
  }

  override extraRepr(): string {
    return pyTuple(this.padding);
  }
}

/** A padding module class over `sidesCount` sides in `mode` (zeros for "constant"). */
function padModule(name: string, sidesCount: number, mode: PadMode): new (padding: Padding) => PadNd {
  return class extends PadNd {
    protected static override readonly _pyName: string = name;
    constructor(padding: Padding) {
      super(padding, sidesCount, mode);
    }
  };
}

/** A constant-padding module class over `sidesCount` sides: `new (padding, value)`. */
function constantPadModule(name: string, sidesCount: number): new (padding: Padding, value: number) => PadNd {
  const cls = class extends PadNd {
    protected static override readonly _pyName: string = name;
    constructor(padding: Padding, value: number) {
      super(padding, sidesCount, "constant", value);
    }
    override extraRepr(): string {
      return `padding=${pyTuple(this.padding)}, value=${pyFloat(this.value)}`;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** Pads the last dim with a constant: `new nn.ConstantPad1d(padding, value)`. */
export const ConstantPad1d = constantPadModule("ConstantPad1d", 2);
export type ConstantPad1d = InstanceType<typeof ConstantPad1d>;

/** Pads the last two dims with a constant: `new nn.ConstantPad2d(padding, value)`. */
export const ConstantPad2d = constantPadModule("ConstantPad2d", 4);
export type ConstantPad2d = InstanceType<typeof ConstantPad2d>;

/** Pads the last two dims with zeros: `new nn.ZeroPad2d(padding)`. */
export class ZeroPad2d extends padModule("ZeroPad2d", 4, "constant") {}

/** Pads the last dim with its reflection (the edge not repeated): `new nn.ReflectionPad1d(padding)`. */
export class ReflectionPad1d extends padModule("ReflectionPad1d", 2, "reflect") {}

/** Pads the last two dims with their reflection: `new nn.ReflectionPad2d(padding)`. */
export class ReflectionPad2d extends padModule("ReflectionPad2d", 4, "reflect") {}

/** Pads the last dim by repeating its edge values: `new nn.ReplicationPad1d(padding)`. */
export class ReplicationPad1d extends padModule("ReplicationPad1d", 2, "replicate") {}

/** Pads the last two dims by repeating their edge values: `new nn.ReplicationPad2d(padding)`. */
export class ReplicationPad2d extends padModule("ReplicationPad2d", 4, "replicate") {}
