// The convolution modules: Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d.
// Parameters, their init (kaiming_uniform_ with a = sqrt(5), the bias from
// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn in PyTorch's order), repr and
// state-dict keys are PyTorch's; padding modes other than zeros pad the input
// first (padModes.ts) and convolve without padding, as PyTorch does.

import type { Tensor } from "../../tensor.js";
import type { DType } from "../../dtype.js";
import { checkBooleanOption, shown } from "../../args.js";
import { empty } from "../../ops/creation.js";
import { Module, pyBool, pyTuple } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import {
  conv1d,
  conv2d,
  convTranspose1d,
  convTranspose2d,
  type ConvFunction,
  type ConvOptions,
  type ConvTransposeOptions,
} from "../functional/conv.js";
import { padFor, type PaddingMode } from "./padModes.js";
import { factoryOptions, type FactoryOptions } from "./layers.js";

/** The options of nn.Conv1d / nn.Conv2d (PyTorch's keyword arguments, camelCase). */
export interface ConvModuleOptions extends FactoryOptions {
  /** The step between kernel applications (default 1). */
  stride?: number | readonly number[];
  /** Padding on both sides of each spatial dim, or "valid" / "same" (default 0). */
  padding?: number | readonly number[] | "valid" | "same";
  /** The spacing between kernel elements (default 1). */
  dilation?: number | readonly number[];
  /** Blocked connections from input to output channels (default 1). */
  groups?: number;
  /** Whether to learn an additive bias (default true). */
  bias?: boolean;
  /** How the padding is filled: "zeros" (default), "reflect", "replicate" or "circular". */
  paddingMode?: PaddingMode;
}

/** The options of nn.ConvTranspose1d / nn.ConvTranspose2d. */
export interface ConvTransposeModuleOptions extends FactoryOptions {
  /** The stride of the convolution this one transposes (default 1). */
  stride?: number | readonly number[];
  /** dilation * (kernelSize - 1) - padding zeros are added on both sides of the input (default 0). */
  padding?: number | readonly number[];
  /** Size added to one side of each output dim (default 0). */
  outputPadding?: number | readonly number[];
  /** Blocked connections from input to output channels (default 1). */
  groups?: number;
  /** Whether to learn an additive bias (default true). */
  bias?: boolean;
  /** The spacing between kernel elements (default 1). */
  dilation?: number | readonly number[];
  /** Only "zeros", as in PyTorch. */
  paddingMode?: "zeros";
}

const MODES = ["zeros", "reflect", "replicate", "circular"];

/** PyTorch's _single / _pair: an int repeated, or a list of d ints. */
function tuple(v: unknown, d: number, what: string, dflt: number): number[] {
  if (v === undefined) return Array.from({ length: d }, () => dflt);
  if (typeof v === "number" && Number.isInteger(v)) return Array.from({ length: d }, () => v);
  if (Array.isArray(v) && v.length === d && v.every((e) => typeof e === "number" && Number.isInteger(e)))
    return (v as number[]).slice();
  throw new TypeError(`${what} must be an integer or ${d} integers, but got ${shown(v)}`);
}

function count(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw new TypeError(`${what} must be a non-negative integer, but got ${shown(v)}`);
  return v;
}

/** What _ConvNd keeps: the checked geometry, the parameters and their init. */
abstract class ConvNd extends Module {
  /** in_channels: the channels of the input. */
  readonly inChannels: number;
  /** out_channels: the channels the layer produces. */
  readonly outChannels: number;
  /** kernel_size, one entry per spatial dim. */
  readonly kernelSize: readonly number[];
  /** stride, one entry per spatial dim. */
  readonly stride: readonly number[];
  /** padding, one entry per spatial dim, or "valid" / "same". */
  readonly padding: readonly number[] | "valid" | "same";
  /** dilation, one entry per spatial dim. */
  readonly dilation: readonly number[];
  /** output_padding (transposed convolutions; zeros otherwise). */
  readonly outputPadding: readonly number[];
  /** groups: blocked connections from input to output channels. */
  readonly groups: number;
  /** padding_mode: "zeros", "reflect", "replicate" or "circular". */
  readonly paddingMode: PaddingMode;
  /** The learnable kernel: [out, in / groups, *kernelSize] ([in, out / groups, *kernelSize] when transposed). */
  weight: Tensor;
  /** The learnable bias [outChannels], or null with `{ bias: false }`. */
  bias: Tensor | null;
  /** PyTorch's _reversed_padding_repeated_twice: F.pad's amounts for the non-zero padding modes. */
  protected readonly padAmounts: readonly number[];

  /** The class name PyTorch prints (a user's subclass of one prints it too). */
  private readonly pyName: string;

  constructor(
    name: string,
    d: number,
    transposed: boolean,
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly number[],
    opts: unknown,
  ) {
    super();
    this.pyName = name;
    const keys = ["stride", "padding", "dilation", "groups", "bias", "paddingMode"];
    const o = factoryOptions<ConvModuleOptions & ConvTransposeModuleOptions>(
      opts,
      name,
      transposed ? [...keys, "outputPadding"] : keys,
    );
    this.inChannels = count(inChannels, "in_channels");
    this.outChannels = count(outChannels, "out_channels");
    this.kernelSize = tuple(kernelSize, d, "kernel_size", 1);
    this.stride = tuple(o.stride, d, "stride", 1);
    this.dilation = tuple(o.dilation, d, "dilation", 1);
    this.outputPadding = tuple(o.outputPadding, d, "output_padding", 0);
    const groups = o.groups ?? 1;
    this.groups = count(groups, "groups");
    if (groups <= 0) throw new RangeError("groups must be a positive integer");
    if (inChannels % groups !== 0) throw new RangeError("in_channels must be divisible by groups");
    if (outChannels % groups !== 0) throw new RangeError("out_channels must be divisible by groups");
    const p = o.padding;
    if (typeof p === "string") {
      if (p !== "valid" && p !== "same")
        throw new RangeError(`Invalid padding string '${String(p)}', should be one of {'same', 'valid'}`);
      if (p === "same" && this.stride.some((s) => s !== 1))
        throw new RangeError("padding='same' is not supported for strided convolutions");
      this.padding = p;
    } else this.padding = tuple(p, d, "padding", 0);
    const mode = o.paddingMode ?? "zeros";
    if (!MODES.includes(mode)) {
      throw new RangeError(
        `padding_mode must be one of {'circular', 'zeros', 'reflect', 'replicate'}, but got padding_mode='${String(mode)}'`,
      );
    }
    if (transposed && mode !== "zeros") throw new RangeError(`Only "zeros" padding mode is supported for ${name}`);
    this.paddingMode = mode;
    // F.pad's order: the last dim first, (before, after) each.
    const amounts: number[] = [];
    for (let i = d - 1; i >= 0; i--) {
      if (this.padding === "valid") amounts.push(0, 0);
      else if (this.padding === "same") {
        const total = this.dilation[i]! * (this.kernelSize[i]! - 1);
        amounts.push(Math.floor(total / 2), total - Math.floor(total / 2));
      } else amounts.push(this.padding[i]!, this.padding[i]!);
    }
    this.padAmounts = amounts;
    const bias = checkBooleanOption(o.bias, name, "bias") ?? true;
    const dtype: DType = o.dtype;
    const shape = transposed
      ? [inChannels, outChannels / groups, ...this.kernelSize]
      : [outChannels, inChannels / groups, ...this.kernelSize];
    this.weight = null as unknown as Tensor;
    this.bias = null;
    try {
      this.weight = Parameter(empty(shape, { dtype }));
      this.bias = bias ? Parameter(empty([outChannels], { dtype })) : null;
      this.resetParameters();
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** PyTorch's init: kaiming_uniform_(weight, a=sqrt(5)), then bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const { fanIn } = init.calculateFanInAndFanOut(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  protected override _getName(): string {
    return this.pyName;
  }

  override extraRepr(): string {
    const p = this.padding;
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof p === "string") s += `, padding=${p}`;
    else if (p.some((v) => v !== 0)) s += `, padding=${pyTuple(p)}`;
    if (this.dilation.some((v) => v !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.outputPadding.some((v) => v !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += `, bias=${pyBool(false)}`;
    if (this.paddingMode !== "zeros") s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

/** The arguments of a convolution module's constructor. */
type ConvArgs<O> = [inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: O];

/** Plain convolutions: pad by the mode (non-zero modes), then convolve. */
abstract class PlainConv extends ConvNd {
  protected convolve(conv: ConvFunction<ConvOptions>, input: Tensor): Tensor {
    const o = { stride: this.stride, dilation: this.dilation, groups: this.groups };
    if (this.paddingMode === "zeros") return conv(input, this.weight, this.bias, { ...o, padding: this.padding });
    return padFor(input, this.padAmounts, this.paddingMode, (x) =>
      conv(x, this.weight, this.bias, { ...o, padding: 0 }),
    );
  }
}

/** nn.Conv1d: a 1-d convolution over input [N, inChannels, L] (or [inChannels, L]). */
export class Conv1d extends PlainConv {
  constructor(...args: ConvArgs<ConvModuleOptions>) {
    super("Conv1d", 1, false, ...args);
  }

  override forward(input: Tensor): Tensor {
    return this.convolve(conv1d, input);
  }
}

/** nn.Conv2d: a 2-d convolution over input [N, inChannels, H, W] (or [inChannels, H, W]). */
export class Conv2d extends PlainConv {
  constructor(...args: ConvArgs<ConvModuleOptions>) {
    super("Conv2d", 2, false, ...args);
  }

  override forward(input: Tensor): Tensor {
    return this.convolve(conv2d, input);
  }
}

/** Transposed convolutions: output_padding from the module, or from a requested output size. */
abstract class TransposedConv extends ConvNd {
  /** PyTorch's _output_padding: the output_padding that gives `outputSize`, checked against the sizes reachable. */
  protected outputPaddingFor(input: Tensor, outputSize: readonly number[] | undefined): number[] {
    if (outputSize === undefined || outputSize === null) return this.outputPadding.slice();
    const d = this.kernelSize.length;
    const nonSpatial = input.ndim === d + 2 ? 2 : 1;
    let size = Array.from(outputSize);
    if (size.length === nonSpatial + d) size = size.slice(nonSpatial);
    if (size.length !== d) {
      throw new RangeError(
        `ConvTranspose${d}D: for ${input.ndim}D input, output_size must have ${d} or ${nonSpatial + d} elements (got ${outputSize.length})`,
      );
    }
    const sp = input.shape.slice(nonSpatial);
    const pad = this.padding as readonly number[];
    const mins = sp.map(
      (s, i) => (s - 1) * this.stride[i]! - 2 * pad[i]! + this.dilation[i]! * (this.kernelSize[i]! - 1) + 1,
    );
    const maxs = mins.map((m, i) => m + this.stride[i]! - 1);
    if (size.some((s, i) => s < mins[i]! || s > maxs[i]!)) {
      throw new RangeError(
        `requested an output size of [${size.join(", ")}], but valid sizes range from [${mins.join(", ")}] to [${maxs.join(", ")}] (for an input of torch.Size([${sp.join(", ")}]))`,
      );
    }
    return size.map((s, i) => s - mins[i]!);
  }

  protected transposed(
    conv: ConvFunction<ConvTransposeOptions>,
    input: Tensor,
    outputSize: readonly number[] | undefined,
  ): Tensor {
    return conv(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding as readonly number[],
      outputPadding: this.outputPaddingFor(input, outputSize),
      groups: this.groups,
      dilation: this.dilation,
    });
  }
}

/** nn.ConvTranspose1d: the transposed 1-d convolution over input [N, inChannels, L] (or [inChannels, L]). */
export class ConvTranspose1d extends TransposedConv {
  constructor(...args: ConvArgs<ConvTransposeModuleOptions>) {
    super("ConvTranspose1d", 1, true, ...args);
  }

  /** The output, of size `outputSize` when given (PyTorch's output_size argument). */
  override forward(input: Tensor, outputSize?: readonly number[]): Tensor {
    return this.transposed(convTranspose1d, input, outputSize);
  }
}

/** nn.ConvTranspose2d: the transposed 2-d convolution over input [N, inChannels, H, W] (or [inChannels, H, W]). */
export class ConvTranspose2d extends TransposedConv {
  constructor(...args: ConvArgs<ConvTransposeModuleOptions>) {
    super("ConvTranspose2d", 2, true, ...args);
  }

  /** The output, of size `outputSize` when given (PyTorch's output_size argument). */
  override forward(input: Tensor, outputSize?: readonly number[]): Tensor {
    return this.transposed(convTranspose2d, input, outputSize);
  }
}
