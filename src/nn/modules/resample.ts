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
  type InterpolateMode,
  type UnfoldOptions,
} from "../functional/resample.js";
import { dropout1d, dropout2d } from "../functional/channelDropout.js";
import { lpPool2d, maxUnpool2d } from "../functional/unpool.js";
import { intList, type IntOrPair } from "../functional/pooling.js";
import { pyArg } from "./pooling.js";

/** The options of nn.Upsample. */
export interface UpsampleOptions {
  /** The output's spatial size. */
  size?: number | readonly number[] | null;
  /** The multiplier of each spatial size. */
  scaleFactor?: number | readonly number[] | null;
  /** "nearest" (default), "linear" or "bilinear". */
  mode?: InterpolateMode;
  /** Align the corner pixels' centres (linear modes). */
  alignCorners?: boolean | null;
  /** Compute the scale from the output size. */
  recomputeScaleFactor?: boolean | null;
}

const floats = (v: number | readonly number[]): string =>
  typeof v === "number" ? pyFloat(v) : `(${v.map((x) => pyFloat(x)).join(", ")})`;

/** Resizes its input with F.interpolate. */
export class Upsample extends Module {
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

  protected override _getName(): string {
    return "Upsample";
  }
}

/** Rearranges [*, C * r * r, H, W] into [*, C, H * r, W * r]. */
export class PixelShuffle extends Module {
  /** `new nn.PixelShuffle(upscaleFactor)`. */
  constructor(
    /** The factor r. */
    readonly upscaleFactor: number,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return pixelShuffle(input, this.upscaleFactor);
  }
  override extraRepr(): string {
    return `upscale_factor=${this.upscaleFactor}`;
  }
  protected override _getName(): string {
    return "PixelShuffle";
  }
}

/** Rearranges [*, C, H * r, W * r] into [*, C * r * r, H, W]. */
export class PixelUnshuffle extends Module {
  /** `new nn.PixelUnshuffle(downscaleFactor)`. */
  constructor(
    /** The factor r. */
    readonly downscaleFactor: number,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return pixelUnshuffle(input, this.downscaleFactor);
  }
  override extraRepr(): string {
    return `downscale_factor=${this.downscaleFactor}`;
  }
  protected override _getName(): string {
    return "PixelUnshuffle";
  }
}

const blockRepr = (k: unknown, o: UnfoldOptions): string =>
  `kernel_size=${pyArg(k)}, dilation=${pyArg(o.dilation ?? 1)}, padding=${pyArg(o.padding ?? 0)}, stride=${pyArg(o.stride ?? 1)}`;

/** Extracts sliding blocks as columns (F.unfold). */
export class Unfold extends Module {
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
  protected override _getName(): string {
    return "Unfold";
  }
}

/** Sums columns of sliding blocks back into a tensor (F.fold). */
export class Fold extends Module {
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
  protected override _getName(): string {
    return "Fold";
  }
}

/** Zeroes whole channels in training (F.dropout2d). */
export class Dropout2d extends Module {
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
  protected override _getName(): string {
    return "Dropout2d";
  }
}

/** Zeroes whole channels of [N, C, L] inputs in training (F.dropout1d). */
export class Dropout1d extends Dropout2d {
  override forward(input: Tensor): Tensor {
    return dropout1d(input, { p: this.p, training: this.training });
  }
  protected override _getName(): string {
    return "Dropout1d";
  }
}

/** Splits one dim into several (a view; PyTorch's unflatten). */
export class Unflatten extends Module {
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
  protected override _getName(): string {
    return "Unflatten";
  }
}

/** Power-average pooling (F.lpPool2d). */
export class LPPool2d extends Module {
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
  protected override _getName(): string {
    return "LPPool2d";
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
  protected override _getName(): string {
    return "MaxUnpool2d";
  }
}
