// Modules over the resampling functions: Upsample, PixelShuffle,
// PixelUnshuffle, Unfold, Fold, Dropout1d/2d, Unflatten, LPPool2d and
// MaxUnpool2d, each printed as PyTorch's extra_repr prints it.

import type { Tensor } from "../../tensor.js";
import { checkOptionsObject, shown } from "../../args.js";
import { normDim } from "../../shape.js";
import { checkTensor } from "../../ops/launch.js";
import { view } from "../../ops/views.js";
import { Module, pyBool, pyFloat } from "../module.js";
import {
  fold,
  interpolate,
  pixelShuffle,
  pixelUnshuffle,
  unfold,
  type InterpolateOptions,
  type UnfoldOptions,
} from "../functional/resample.js";
import { dropout1d, dropout2d } from "../functional/channelDropout.js";
import { lpPool2d, maxUnpool2d } from "../functional/unpool.js";
import { intList, type IntOrPair } from "../functional/pooling.js";
import { pyArg } from "./pooling.js";

/** The options of nn.Upsample: F.interpolate's. */
export interface UpsampleOptions extends InterpolateOptions {}

const floats = (v: number | readonly number[]): string =>
  typeof v === "number" ? pyFloat(v) : `(${v.map((x) => pyFloat(x)).join(", ")})`;

/** Resizes its input with F.interpolate. */
export class Upsample extends Module {
  protected static override readonly _pyName: string = "Upsample";
  /** The options forward passes to F.interpolate. */
  readonly options: UpsampleOptions;

  /** `new nn.Upsample({ size, scaleFactor, mode, alignCorners, recomputeScaleFactor })`. */
  constructor(opts: UpsampleOptions = {}) {
    super();
    this.options = checkOptionsObject<UpsampleOptions>(opts, "Upsample", [
      "size",
      "scaleFactor",
      "mode",
      "alignCorners",
      "recomputeScaleFactor",
    ]) as UpsampleOptions;
  }

  override forward(input: Tensor): Tensor {
    return interpolate(input, this.options);
  }

  override extraRepr(): string {
    const o = this.options;
    const info =
      o.scaleFactor !== undefined && o.scaleFactor !== null
        ? `scale_factor=${floats(o.scaleFactor)}`
        : `size=${pyArg(o.size)}`;
    return `${info}, mode=${o.mode ?? "nearest"}`;
  }
}

/**
 * A module class over `fn(input, r)` that keeps the factor r as the field
 * `key` (`H`'s one key) and prints it as `printed`.
 */
function factorModule<H extends { [K in keyof H]: number }>(
  name: string,
  key: keyof H & string,
  printed: string,
  fn: (input: Tensor, r: number) => Tensor,
): new (factor: number) => Module & Readonly<H> {
  const cls = class extends Module {
    protected static override readonly _pyName: string = name;
    constructor(factor: number) {
      super();
      (this as Record<string, unknown>)[key] = factor;
    }
    override forward(input: Tensor): Tensor {
      return fn(input, (this as unknown as Record<string, number>)[key]!);
    }
    override extraRepr(): string {
      return `${printed}=${(this as unknown as Record<string, number>)[key]}`;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls as unknown as new (factor: number) => Module & Readonly<H>;
}

/** PixelShuffle's factor. */
interface Upscale {
  /** The factor r. */
  upscaleFactor: number;
}

/** Rearranges [*, C * r * r, H, W] into [*, C, H * r, W * r]: `new nn.PixelShuffle(upscaleFactor)`. */
export const PixelShuffle = factorModule<Upscale>("PixelShuffle", "upscaleFactor", "upscale_factor", pixelShuffle);
export type PixelShuffle = InstanceType<typeof PixelShuffle>;

/** PixelUnshuffle's factor. */
interface Downscale {
  /** The factor r. */
  downscaleFactor: number;
}

/** Rearranges [*, C, H * r, W * r] into [*, C * r * r, H, W]: `new nn.PixelUnshuffle(downscaleFactor)`. */
export const PixelUnshuffle = factorModule<Downscale>(
  "PixelUnshuffle",
  "downscaleFactor",
  "downscale_factor",
  pixelUnshuffle,
);
export type PixelUnshuffle = InstanceType<typeof PixelUnshuffle>;

const blockRepr = (k: unknown, o: UnfoldOptions): string =>
  `kernel_size=${pyArg(k)}, dilation=${pyArg(o.dilation ?? 1)}, padding=${pyArg(o.padding ?? 0)}, stride=${pyArg(o.stride ?? 1)}`;

/** Extracts sliding blocks as columns (F.unfold). */
export class Unfold extends Module {
  protected static override readonly _pyName: string = "Unfold";
  /** The dilation, padding and stride. */
  readonly options: UnfoldOptions;
  /** `new nn.Unfold(kernelSize, { dilation, padding, stride })`. */
  constructor(
    /** The block size. */
    readonly kernelSize: number | readonly number[],
    opts: UnfoldOptions = {},
  ) {
    super();
    this.options = checkOptionsObject<UnfoldOptions>(opts, "Unfold", [
      "dilation",
      "padding",
      "stride",
    ]) as UnfoldOptions;
  }
  override forward(input: Tensor): Tensor {
    return unfold(input, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return blockRepr(this.kernelSize, this.options);
  }
}

/** Sums columns of sliding blocks back into a tensor (F.fold). */
export class Fold extends Module {
  protected static override readonly _pyName: string = "Fold";
  /** The dilation, padding and stride. */
  readonly options: UnfoldOptions;
  /** `new nn.Fold(outputSize, kernelSize, { dilation, padding, stride })`. */
  constructor(
    /** The output's spatial size. */
    readonly outputSize: number | readonly number[],
    /** The block size. */
    readonly kernelSize: number | readonly number[],
    opts: UnfoldOptions = {},
  ) {
    super();
    this.options = checkOptionsObject<UnfoldOptions>(opts, "Fold", ["dilation", "padding", "stride"]) as UnfoldOptions;
  }
  override forward(input: Tensor): Tensor {
    return fold(input, this.outputSize, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return `output_size=${pyArg(this.outputSize)}, ${blockRepr(this.kernelSize, this.options)}`;
  }
}

/** Zeroes whole channels in training (F.dropout2d). */
export class Dropout2d extends Module {
  protected static override readonly _pyName: string = "Dropout2d";
  /** The probability of zeroing a channel. */
  readonly p: number;
  /** `new nn.Dropout2d(p = 0.5)`. */
  constructor(p = 0.5) {
    super();
    if (typeof p !== "number" || !(p >= 0 && p <= 1))
      throw new RangeError(`dropout probability has to be between 0 and 1, but got ${String(p)}`);
    this.p = p;
  }
  override forward(input: Tensor): Tensor {
    return dropout2d(input, { p: this.p, training: this.training });
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(false)}`;
  }
}

/** Zeroes whole channels of [N, C, L] inputs in training (F.dropout1d). */
export class Dropout1d extends Dropout2d {
  protected static override readonly _pyName: string = "Dropout1d";
  override forward(input: Tensor): Tensor {
    return dropout1d(input, { p: this.p, training: this.training });
  }
}

/** Splits one dim into several (a view; PyTorch's unflatten). */
export class Unflatten extends Module {
  protected static override readonly _pyName: string = "Unflatten";
  /** `new nn.Unflatten(dim, unflattenedSize)`. */
  constructor(
    /** The dim split. */
    readonly dim: number,
    /** The sizes it becomes (one may be -1). */
    readonly unflattenedSize: readonly number[],
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    checkTensor(input, "Unflatten", "input");
    const d = normDim(this.dim, input.shape.length);
    const sizes = this.unflattenedSize;
    const known = sizes.filter((n) => n !== -1).reduce((a, b) => a * b, 1);
    const n = input.shape[d]!;
    const ok = sizes.includes(-1) ? known > 0 && n % known === 0 : known === n;
    if (!ok)
      throw new RangeError(
        `unflatten: Provided sizes [${sizes.join(", ")}] don't multiply up to the size of dim ${this.dim} (${n}) in the input tensor`,
      );
    const full = sizes.map((s) => (s === -1 ? n / known : s));
    return view(input, [...input.shape.slice(0, d), ...full, ...input.shape.slice(d + 1)]);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyArg(this.unflattenedSize)}`;
  }
}

/** Power-average pooling (F.lpPool2d). */
export class LPPool2d extends Module {
  protected static override readonly _pyName: string = "LPPool2d";
  /** `new nn.LPPool2d(normType, kernelSize, { stride, ceilMode })`. */
  constructor(
    /** The power p. */
    readonly normType: number,
    /** The window size. */
    readonly kernelSize: IntOrPair,
    opts: { stride?: IntOrPair | null; ceilMode?: boolean } = {},
  ) {
    super();
    const o = checkOptionsObject<{ stride?: IntOrPair | null; ceilMode?: boolean }>(opts, "LPPool2d", [
      "stride",
      "ceilMode",
    ]);
    this.stride = o.stride ?? null;
    this.ceilMode = o.ceilMode ?? false;
  }
  /** The step between windows (null: kernelSize). */
  readonly stride: IntOrPair | null;
  /** Whether the output size rounds up. */
  readonly ceilMode: boolean;
  override forward(input: Tensor): Tensor {
    return lpPool2d(input, this.normType, this.kernelSize, { stride: this.stride, ceilMode: this.ceilMode });
  }
  override extraRepr(): string {
    return `norm_type=${this.normType}, kernel_size=${pyArg(this.kernelSize)}, stride=${pyArg(this.stride)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

function pair(v: unknown, what: string): number[] {
  const l = intList(v, 2);
  if (l === null)
    throw new TypeError(`MaxUnpool2d(): ${what} must be an integer or an array of two integers, but got ${shown(v)}`);
  return l;
}

/** Puts pooled values back at their indices (F.maxUnpool2d); forward takes the values and the indices. */
export class MaxUnpool2d extends Module<[Tensor, Tensor, (readonly number[] | null)?]> {
  protected static override readonly _pyName: string = "MaxUnpool2d";
  /** The pool's window size. */
  readonly kernelSize: number[];
  /** The pool's stride. */
  readonly stride: number[];
  /** The pool's padding. */
  readonly padding: number[];
  /** `new nn.MaxUnpool2d(kernelSize, { stride, padding })`. */
  constructor(kernelSize: IntOrPair, opts: { stride?: IntOrPair | null; padding?: IntOrPair } = {}) {
    super();
    const o = checkOptionsObject<{ stride?: IntOrPair | null; padding?: IntOrPair }>(opts, "MaxUnpool2d", [
      "stride",
      "padding",
    ]);
    this.kernelSize = pair(kernelSize, "kernel_size");
    this.stride = pair(o.stride ?? kernelSize, "stride");
    this.padding = pair(o.padding ?? 0, "padding");
  }
  override forward(input: Tensor, indices: Tensor, outputSize: readonly number[] | null = null): Tensor {
    return maxUnpool2d(input, indices, this.kernelSize, { stride: this.stride, padding: this.padding, outputSize });
  }
  override extraRepr(): string {
    return `kernel_size=${pyArg(this.kernelSize)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}`;
  }
}
