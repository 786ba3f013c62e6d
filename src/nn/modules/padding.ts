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

/** Pads the last dim with a constant. */
export class ConstantPad1d extends PadNd {
  /** `new nn.ConstantPad1d(padding, value)`. */
  constructor(padding: Padding, value: number) {
    super(padding, 2, "constant", value);
  }
  override extraRepr(): string {
    return `padding=${pyTuple(this.padding)}, value=${pyFloat(this.value)}`;
  }
  protected override _getName(): string {
    return "ConstantPad1d";
  }
}

/** Pads the last two dims with a constant. */
export class ConstantPad2d extends PadNd {
  /** `new nn.ConstantPad2d(padding, value)`. */
  constructor(padding: Padding, value: number) {
    super(padding, 4, "constant", value);
  }
  override extraRepr(): string {
    return `padding=${pyTuple(this.padding)}, value=${pyFloat(this.value)}`;
  }
  protected override _getName(): string {
    return "ConstantPad2d";
  }
}

/** Pads the last two dims with zeros. */
export class ZeroPad2d extends PadNd {
  /** `new nn.ZeroPad2d(padding)`. */
  constructor(padding: Padding) {
    super(padding, 4, "constant", 0);
  }
  protected override _getName(): string {
    return "ZeroPad2d";
  }
}

/** Pads the last dim with its reflection (the edge not repeated). */
export class ReflectionPad1d extends PadNd {
  /** `new nn.ReflectionPad1d(padding)`. */
  constructor(padding: Padding) {
    super(padding, 2, "reflect");
  }
  protected override _getName(): string {
    return "ReflectionPad1d";
  }
}

/** Pads the last two dims with their reflection. */
export class ReflectionPad2d extends PadNd {
  /** `new nn.ReflectionPad2d(padding)`. */
  constructor(padding: Padding) {
    super(padding, 4, "reflect");
  }
  protected override _getName(): string {
    return "ReflectionPad2d";
  }
}

/** Pads the last dim by repeating its edge values. */
export class ReplicationPad1d extends PadNd {
  /** `new nn.ReplicationPad1d(padding)`. */
  constructor(padding: Padding) {
    super(padding, 2, "replicate");
  }
  protected override _getName(): string {
    return "ReplicationPad1d";
  }
}

/** Pads the last two dims by repeating their edge values. */
export class ReplicationPad2d extends PadNd {
  /** `new nn.ReplicationPad2d(padding)`. */
  constructor(padding: Padding) {
    super(padding, 4, "replicate");
  }
  protected override _getName(): string {
    return "ReplicationPad2d";
  }
}
