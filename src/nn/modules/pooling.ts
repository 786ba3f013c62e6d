// The pooling modules: MaxPool1d/2d, AvgPool1d/2d and the adaptive pools,
// thin wrappers over nn.functional that keep their arguments and print them
// as PyTorch's extra_repr does (arrays as Python tuples).

import type { Tensor } from "../../tensor.js";
import { checkOptionsObject } from "../../args.js";
import { Module, pyBool } from "../module.js";
import {
  avgPool1d,
  avgPool2d,
  maxPool1d,
  maxPool2d,
  type AvgPoolOptions,
  type IntOrPair,
  type MaxPoolOptions,
} from "../functional/pooling.js";
import {
  adaptiveAvgPool1d,
  adaptiveAvgPool2d,
  adaptiveMaxPool1d,
  adaptiveMaxPool2d,
  type OutputSize,
} from "../functional/adaptivePool.js";

/** A pooling argument as Python prints it: an int, a tuple, or None. */
export function pyArg(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return v.length === 1 ? `(${pyArg(v[0])},)` : `(${v.map(pyArg).join(", ")})`;
  if (typeof v === "boolean") return pyBool(v);
  return String(v);
}

/** A pool module's options, checked. */
function poolOptions<O extends object>(opts: unknown, fn: string, keys: readonly string[]): O {
  return checkOptionsObject<O>(opts ?? {}, fn, keys) as O;
}

/** The stride a pool module keeps: its own, or kernelSize when absent. */
const strideOf = (stride: IntOrPair | null | undefined, kernelSize: IntOrPair): IntOrPair =>
  stride === undefined || stride === null ? kernelSize : stride;

/** What a max pool module's forward gives: `[values, indices]` when made with `returnIndices: true`. */
export type PoolOutput<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

/** What the max and average pools keep alike: the window, its stride and the options of `defaults`. */
abstract class WindowPool<Out = Tensor> extends Module<[Tensor], Out> {
  /** The window size. */
  readonly kernelSize: IntOrPair;
  /** The step between windows (kernelSize when not given). */
  readonly stride: IntOrPair;

  /** Reads `stride` and `defaults`' keys (in the order the unknown-option message lists them) from `opts`. */
  constructor(kernelSize: IntOrPair, opts: object | undefined, defaults: Record<string, unknown>) {
    super();
    const o = poolOptions<Record<string, unknown>>(opts, this._getName(), ["stride", ...Object.keys(defaults)]);
    this.kernelSize = kernelSize;
    this.stride = strideOf(o.stride as IntOrPair | null | undefined, kernelSize);
    for (const [k, d] of Object.entries(defaults)) (this as Record<string, unknown>)[k] = o[k] ?? d;
  }
}

/**
 * Max pooling over the last two dims (F.maxPool2d); forward gives `[values,
 * indices]` with `returnIndices` (typed by it, so the module fits in a
 * Sequential without it).
 */
export class MaxPool2d<R extends boolean = false> extends WindowPool<PoolOutput<R>> {
  protected static override readonly _pyName: string = "MaxPool2d";
  /** Implicit -inf padding. */
  declare readonly padding: IntOrPair;
  /** Spacing between taps. */
  declare readonly dilation: IntOrPair;
  /** Whether forward also returns the indices. */
  declare readonly returnIndices: boolean;
  /** Whether the output size rounds up. */
  declare readonly ceilMode: boolean;

  /** `new nn.MaxPool2d(kernelSize, { stride, padding, dilation, returnIndices, ceilMode })`. */
  constructor(kernelSize: IntOrPair, opts?: MaxPoolOptions & { returnIndices?: R }) {
    super(kernelSize, opts, { padding: 0, dilation: 1, returnIndices: false, ceilMode: false });
  }

  override forward(input: Tensor): PoolOutput<R> {
    return this._pool(input, maxPool2d);
  }

  /** `pool` over input with this module's options: `[values, indices]` when the module returns indices. */
  protected _pool(input: Tensor, pool: typeof maxPool2d): PoolOutput<R> {
    const opts = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode };
    return (
      this.returnIndices
        ? pool(input, this.kernelSize, { ...opts, returnIndices: true })
        : pool(input, this.kernelSize, opts)
    ) as PoolOutput<R>;
  }

  override extraRepr(): string {
    return `kernel_size=${pyArg(this.kernelSize)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}, dilation=${pyArg(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

/** Max pooling over the last dim (F.maxPool1d). */
export class MaxPool1d<R extends boolean = false> extends MaxPool2d<R> {
  protected static override readonly _pyName: string = "MaxPool1d";
  override forward(input: Tensor): PoolOutput<R> {
    return this._pool(input, maxPool1d);
  }
}

/** Average pooling over the last two dims (F.avgPool2d). */
export class AvgPool2d extends WindowPool {
  protected static override readonly _pyName: string = "AvgPool2d";
  /** Implicit zero padding. */
  declare readonly padding: IntOrPair;
  /** Whether the output size rounds up. */
  declare readonly ceilMode: boolean;
  /** Whether padding counts in the divisor. */
  declare readonly countIncludePad: boolean;
  /** The divisor used instead of the window size, or null. */
  declare readonly divisorOverride: number | null;

  /** `new nn.AvgPool2d(kernelSize, { stride, padding, ceilMode, countIncludePad, divisorOverride })`. */
  constructor(kernelSize: IntOrPair, opts?: AvgPoolOptions) {
    super(kernelSize, opts, { padding: 0, ceilMode: false, countIncludePad: true, divisorOverride: null });
  }

  override forward(input: Tensor): Tensor {
    const { stride, padding, ceilMode, countIncludePad, divisorOverride } = this;
    return avgPool2d(input, this.kernelSize, { stride, padding, ceilMode, countIncludePad, divisorOverride });
  }

  override extraRepr(): string {
    return `kernel_size=${pyArg(this.kernelSize)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}`;
  }
}

/** One int of a 1-d argument, as PyTorch's _single keeps it (a one-element tuple). */
const single1 = (v: IntOrPair): number[] => (Array.isArray(v) ? [...(v as number[])] : [v as number]);

/** Average pooling over the last dim (F.avgPool1d); its arguments print as one-element tuples. */
export class AvgPool1d extends Module {
  protected static override readonly _pyName: string = "AvgPool1d";
  /** The window size, as a one-element array. */
  readonly kernelSize: number[];
  /** The step between windows (kernelSize when not given). */
  readonly stride: number[];
  /** Implicit zero padding. */
  readonly padding: number[];
  /** Whether the output size rounds up. */
  readonly ceilMode: boolean;
  /** Whether padding counts in the divisor. */
  readonly countIncludePad: boolean;

  /** `new nn.AvgPool1d(kernelSize, { stride, padding, ceilMode, countIncludePad })`. */
  constructor(kernelSize: IntOrPair, opts?: Omit<AvgPoolOptions, "divisorOverride">) {
    super();
    const o = poolOptions<AvgPoolOptions>(opts, "AvgPool1d", ["stride", "padding", "ceilMode", "countIncludePad"]);
    this.kernelSize = single1(kernelSize);
    this.stride = single1(strideOf(o.stride, kernelSize));
    this.padding = single1(o.padding ?? 0);
    this.ceilMode = o.ceilMode ?? false;
    this.countIncludePad = o.countIncludePad ?? true;
  }

  override forward(input: Tensor): Tensor {
    const { stride, padding, ceilMode, countIncludePad } = this;
    return avgPool1d(input, this.kernelSize, { stride, padding, ceilMode, countIncludePad });
  }

  override extraRepr(): string {
    return `kernel_size=${pyArg(this.kernelSize)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}`;
  }
}

/** Adaptive average pooling over the last two dims to outputSize (null keeps a dim's size). */
export class AdaptiveAvgPool2d extends Module {
  protected static override readonly _pyName: string = "AdaptiveAvgPool2d";
  /** The output size. */
  readonly outputSize: OutputSize;

  /** `new nn.AdaptiveAvgPool2d(outputSize)`. */
  constructor(outputSize: OutputSize) {
    super();
    this.outputSize = outputSize;
  }

  override forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `output_size=${pyArg(this.outputSize)}`;
  }
}

/** Adaptive average pooling over the last dim. */
export class AdaptiveAvgPool1d extends AdaptiveAvgPool2d {
  protected static override readonly _pyName: string = "AdaptiveAvgPool1d";
  override forward(input: Tensor): Tensor {
    return adaptiveAvgPool1d(input, this.outputSize as number);
  }
}

/** Adaptive max pooling over the last two dims; forward gives `[values, indices]` with `returnIndices`. */
export class AdaptiveMaxPool2d<R extends boolean = false> extends Module<[Tensor], PoolOutput<R>> {
  protected static override readonly _pyName: string = "AdaptiveMaxPool2d";
  /** The output size. */
  readonly outputSize: OutputSize;
  /** Whether forward also returns the indices. */
  readonly returnIndices: boolean;

  /** `new nn.AdaptiveMaxPool2d(outputSize, { returnIndices })`. */
  constructor(outputSize: OutputSize, opts?: { returnIndices?: R }) {
    super();
    this.outputSize = outputSize;
    this.returnIndices =
      poolOptions<{ returnIndices?: boolean }>(opts, this._getName(), ["returnIndices"]).returnIndices ?? false;
  }

  override forward(input: Tensor): PoolOutput<R> {
    return (
      this.returnIndices
        ? adaptiveMaxPool2d(input, this.outputSize, { returnIndices: true })
        : adaptiveMaxPool2d(input, this.outputSize)
    ) as PoolOutput<R>;
  }

  override extraRepr(): string {
    return `output_size=${pyArg(this.outputSize)}`;
  }
}

/** Adaptive max pooling over the last dim. */
export class AdaptiveMaxPool1d<R extends boolean = false> extends AdaptiveMaxPool2d<R> {
  protected static override readonly _pyName: string = "AdaptiveMaxPool1d";
  override forward(input: Tensor): PoolOutput<R> {
    const n = this.outputSize as number;
    return (
      this.returnIndices ? adaptiveMaxPool1d(input, n, { returnIndices: true }) : adaptiveMaxPool1d(input, n)
    ) as PoolOutput<R>;
  }
}
