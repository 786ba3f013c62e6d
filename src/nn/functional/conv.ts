// conv1d, conv2d, conv_transpose1d, conv_transpose2d: PyTorch's argument
// handling (int or list arguments expanded to the weight's spatial dims,
// padding "valid" / "same", unbatched inputs) and its checks, in its words
// (check_shape_forward in ATen's Convolution.cpp), around one
// aten::convolution (convolution.ts). An unbatched input is unsqueezed and
// the result squeezed, the graph PyTorch records (SqueezeBackward1); so is
// padding="same" with an even kernel: F.pad first (ConstantPadNdBackward0).
// Integer tensors (what PyTorch's CPU kernels take: all of them, only int64
// when transposed) are convolved in float64 and converted back: exact while
// every sum stays below 2^53 in magnitude, and wrapping as PyTorch's integer
// sums do for the small dtypes (the low bits of an exact sum are the same).

import type { Tensor } from "../../tensor.js";
import { isFloating, legacyTypeName, scalarTypeName, typeMetaName, type DType } from "../../dtype.js";
import { scoped } from "../../memory.js";
import { checkOptionsObject, isPlainObject, pyType } from "../../args.js";
import { castTo, checkTensor } from "../../ops/launch.js";
import { squeeze, unsqueeze } from "../../ops/views.js";
import { convolution } from "./convolution.js";
import { constantPadNd } from "./pad.js";
import { inFloat32 } from "./bfloat16.js";

/** An int, or one int per spatial dim. */
export type IntOrList = number | readonly number[];

/** The keyword arguments of F.conv1d / F.conv2d. */
export interface ConvOptions {
  /** The bias [outChannels] (also accepted positionally), or null. */
  bias?: Tensor | null;
  /** The step between kernel applications (default 1). */
  stride?: IntOrList;
  /** Implicit zeros on both sides of each spatial dim, or "valid" (none) or "same" (output as large as the input; stride 1) (default 0). */
  padding?: IntOrList | "valid" | "same";
  /** The spacing between kernel elements (default 1). */
  dilation?: IntOrList;
  /** Blocked connections from input to output channels (default 1; inChannels for depthwise). */
  groups?: number;
}

/** The keyword arguments of F.conv_transpose1d / F.conv_transpose2d. */
export interface ConvTransposeOptions {
  /** The bias [outChannels] (also accepted positionally), or null. */
  bias?: Tensor | null;
  /** The stride of the convolution this one transposes (default 1). */
  stride?: IntOrList;
  /** dilation * (kernelSize - 1) - padding zeros are added on both sides of the input (default 0). */
  padding?: IntOrList;
  /** Size added to one side of each output dim (default 0). */
  outputPadding?: IntOrList;
  /** Blocked connections from input to output channels (default 1). */
  groups?: number;
  /** The spacing between kernel elements (default 1). */
  dilation?: IntOrList;
}

const CONV_KEYS = ["bias", "stride", "padding", "dilation", "groups"];
const TRANSPOSE_KEYS = ["bias", "stride", "padding", "outputPadding", "groups", "dilation"];

/** An int-list argument: a number or an array of integers. */
function intList(v: unknown, fn: string, name: string, dflt: number, d: number): number[] {
  // PyTorch's defaults are d-long tuples, so they too are checked against the weight's dims.
  if (v === undefined) return Array.from({ length: d }, () => dflt);
  if (typeof v === "number" && Number.isInteger(v)) return [v];
  if (Array.isArray(v) && v.every((e) => typeof e === "number" && Number.isInteger(e))) return (v as number[]).slice();
  throw new TypeError(`${fn}(): argument '${name}' must be tuple of ints, not ${pyType(v)}`);
}

/** expand_param_if_needed: one value for every spatial dim, or exactly k of them. */
function expand(list: readonly number[], name: string, k: number): number[] {
  if (list.length === 1) return Array.from({ length: k }, () => list[0]!);
  if (list.length !== k) {
    throw new RangeError(
      `expected ${name} to be a single integer value or a list of ${k} values to match the convolution dimensions, but got ${name}=[${list.join(", ")}]`,
    );
  }
  return list.slice();
}

const sizes = (s: readonly number[]): string => `[${s.join(", ")}]`;

function sameType(x: Tensor, t: Tensor, what: "weight" | "bias"): void {
  if (t.dtype !== x.dtype) {
    throw new TypeError(
      `Input type (${legacyTypeName[x.dtype]}) and ${what} type (${legacyTypeName[t.dtype]}) should be the same or input should be a MKLDNN tensor and ${what} is a dense tensor`,
    );
  }
}

/**
 * The dtypes PyTorch's CPU kernels refuse (float16 and bool; the integers
 * but int64 when transposed or dilated), and the checks of its integer path
 * (the floating ones meet sameType), in PyTorch's order.
 */
function checkDtypes(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null,
  d: number,
  transposed: boolean,
  dilated: boolean,
): void {
  const dt = x.dtype;
  const int = !isFloating(dt);
  if (int && d === 1 && !transposed) bias = null; // conv1d converts the bias to the input's dtype
  if (int && !transposed && bias !== null && bias.dtype !== dt)
    throw new TypeError(
      `Input type (${typeMetaName[dt]}) and bias type (${typeMetaName[bias.dtype]}) should be the same`,
    );
  const kernel = transposed ? "slow_conv_transpose2d_out_cpu" : dilated ? "slow_conv_dilated<>" : "slow_conv2d_cpu";
  if (dt === "bool" || dt === "float16" || (int && dt !== "int64" && (transposed || dilated)))
    throw new TypeError(`"${kernel}" not implemented for '${scalarTypeName[dt]}'`);
  if (!int) return;
  for (const t of [w, bias]) {
    if (t !== null && t.dtype !== dt)
      throw new TypeError(`expected scalar type ${scalarTypeName[dt]} but found ${scalarTypeName[t.dtype]}`);
  }
}

/** `conv` on float64 copies of integer operands (first cast to `dtype`), its result converted back to `dtype`. */
function inFloat64(dtype: DType, args: (Tensor | null)[], conv: (...args: (Tensor | null)[]) => Tensor): Tensor {
  return scoped(() => {
    const wide = (t: Tensor) => castTo(t.dtype === dtype ? t : castTo(t, dtype), "float64");
    const y = conv(...args.map((t) => (t === null ? null : wide(t))));
    const exact = castTo(y, "int64");
    return dtype === "int64" ? exact : castTo(exact, dtype);
  });
}

/** Splits the (bias | options, options) arguments. */
function biasAndOptions(
  biasOrOpts: unknown,
  opts: unknown,
  fn: string,
  keys: readonly string[],
): { bias: Tensor | null; o: Record<string, unknown> } {
  if (isPlainObject(biasOrOpts) && opts === undefined) {
    const o = checkOptionsObject<Record<string, unknown>>(biasOrOpts, fn, keys);
    const b = o.bias ?? null;
    if (b !== null) checkTensor(b, fn, "bias");
    return { bias: b as Tensor | null, o };
  }
  const o = checkOptionsObject<Record<string, unknown>>(opts, fn, keys.slice(1));
  const b = biasOrOpts ?? null;
  if (b !== null) checkTensor(b, fn, "bias");
  return { bias: b as Tensor | null, o };
}

/** The checks every convolution shares: input dims, groups, weight dims and channels (check_shape_forward). */
function checkShapes(
  x: readonly number[],
  w: Tensor,
  bias: Tensor | null,
  G: number,
  transposed: boolean,
  padding: readonly number[],
  stride: readonly number[],
  dilation: readonly number[],
  outputPadding: readonly number[],
): void {
  if (G <= 0) throw new RangeError("non-positive groups is not supported");
  if (padding.some((p) => p < 0)) throw new RangeError("negative padding is not supported");
  if (outputPadding.some((p) => p < 0)) throw new RangeError("negative output_padding is not supported");
  if (stride.some((s) => s <= 0)) throw new RangeError("non-positive stride is not supported");
  if (dilation.some((d) => d <= 0)) throw new RangeError("non-positive dilation is not supported");
  const ws = w.shape;
  if (ws.length !== x.length) {
    throw new RangeError(
      `Expected ${ws.length}-dimensional input for ${ws.length}-dimensional weight ${sizes(ws)}, but got ${x.length}-dimensional input of size ${sizes(x)} instead`,
    );
  }
  if (ws[0]! < G) {
    throw new RangeError(
      `Given groups=${G}, expected weight to be at least ${G} at dimension 0, but got weight of size ${sizes(ws)} instead`,
    );
  }
  if (ws[0]! % G !== 0) {
    throw new RangeError(
      `Given groups=${G}, expected weight to be divisible by ${G} at dimension 0, but got weight of size [${sizes(ws)}] instead`,
    );
  }
  const biasBad = (n: number) => bias !== null && (bias.ndim !== 1 || bias.shape[0] !== n);
  if (!transposed) {
    if (x[1] !== ws[1]! * G) {
      throw new RangeError(
        `Given groups=${G}, weight of size ${sizes(ws)}, expected input${sizes(x)} to have ${ws[1]! * G} channels, but got ${x[1]} channels instead`,
      );
    }
    if (biasBad(ws[0]!)) {
      throw new RangeError(
        `Given weight of size ${sizes(ws)}, expected bias to be 1-dimensional with ${ws[0]} elements, but got bias of size ${sizes(bias!.shape)} instead`,
      );
    }
  } else {
    if (x[1] !== ws[0]) {
      throw new RangeError(
        `Given transposed=1, weight of size ${sizes(ws)}, expected input${sizes(x)} to have ${ws[0]} channels, but got ${x[1]} channels instead`,
      );
    }
    if (biasBad(ws[1]! * G)) {
      throw new RangeError(
        `Given transposed=1, weight of size ${sizes(ws)}, expected bias to be 1-dimensional with ${ws[1]! * G} elements, but got bias of size ${sizes(bias!.shape)} instead`,
      );
    }
  }
}

/** conv{d}d / conv_transpose{d}d, with PyTorch's checks. */
function convNd(
  d: 1 | 2,
  transposed: boolean,
  input: unknown,
  weight: unknown,
  biasOrOpts: unknown,
  opts: unknown,
): Tensor {
  const torchName = transposed ? `conv_transpose${d}d` : `conv${d}d`;
  const fn = transposed ? `convTranspose${d}d` : torchName;
  checkTensor(input, fn, "input");
  checkTensor(weight, fn, "weight");
  const { bias, o } = biasAndOptions(biasOrOpts, opts, fn, transposed ? TRANSPOSE_KEYS : CONV_KEYS);
  if (input.ndim !== d + 1 && input.ndim !== d + 2) {
    throw new RangeError(
      `Expected ${d + 1}D (unbatched) or ${d + 2}D (batched) input to ${torchName}, but got input of size: ${sizes(input.shape)}`,
    );
  }
  const batched = input.ndim === d + 2;
  const x = batched ? input.shape : [1, ...input.shape];
  const k = Math.max(0, weight.ndim - 2);
  const G = o.groups === undefined ? 1 : o.groups;
  if (typeof G !== "number" || !Number.isInteger(G))
    throw new TypeError(`${fn}(): argument 'groups' must be int, not ${pyType(G)}`);
  const stride = expand(intList(o.stride, torchName, "stride", 1, d), "stride", k);
  const dilation = expand(intList(o.dilation, torchName, "dilation", 1, d), "dilation", k);
  const outputPadding = transposed
    ? expand(intList(o.outputPadding, torchName, "output_padding", 0, d), "output_padding", k)
    : [];
  let padding: number[];
  let padAfter: number[] | null = null;
  if (!transposed && typeof o.padding === "string") {
    if (o.padding === "valid") padding = Array.from({ length: k }, () => 0);
    else if (o.padding === "same") {
      if (stride.some((s) => s !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
      const total = weight.shape.slice(2).map((kk, i) => dilation[i]! * (kk - 1));
      padding = total.map((t) => Math.floor(t / 2));
      padAfter = total.map((t, i) => t - padding[i]!);
      if (padAfter.every((a, i) => a === padding[i])) padAfter = null;
    } else throw new RangeError(`Invalid padding string: '${o.padding}'`);
  } else {
    padding = expand(intList(o.padding, torchName, "padding", 0, d), "padding", k);
  }
  checkShapes(x, weight, bias, G, transposed, padding, stride, dilation, outputPadding);
  const after = padAfter ?? padding;
  const sp = x.slice(2),
    ks = weight.shape.slice(2);
  let outSize: number[];
  if (!transposed) {
    const padded = sp.map((s, i) => s + padding[i]! + after[i]!);
    const kernel = ks.map((kk, i) => dilation[i]! * (kk - 1) + 1);
    if (padded.some((p, i) => p < kernel[i]!)) {
      throw new RangeError(
        `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${kernel.join(" x ")}). Kernel size can't be greater than actual input size`,
      );
    }
    outSize = padded.map((p, i) => Math.floor((p - kernel[i]!) / stride[i]!) + 1);
  } else {
    // PyTorch checks the transposed 1-d case as a 2-d one of height 1.
    const two = (v: readonly number[], h: number): number[] => (d === 1 ? [h, ...v] : v.slice());
    if (outputPadding.some((p, i) => p >= stride[i]! && p >= dilation[i]!)) {
      const [op, st, di] = [two(outputPadding, 0), two(stride, 1), two(dilation, 1)];
      throw new RangeError(
        `output padding must be smaller than either stride or dilation, but got output_padding_height: ${op[0]} output_padding_width: ${op[1]} stride_height: ${st[0]} stride_width: ${st[1]} dilation_height: ${di[0]} dilation_width: ${di[1]}`,
      );
    }
    outSize = sp.map(
      (s, i) => (s - 1) * stride[i]! - 2 * padding[i]! + dilation[i]! * (ks[i]! - 1) + outputPadding[i]! + 1,
    );
    if (outSize.some((s) => s <= 0)) {
      throw new RangeError(
        `Given input size per channel: (${two(sp, 1).join(" x ")}). Calculated output size per channel: (${two(outSize, 1).join(" x ")}). Output size is too small`,
      );
    }
  }
  // A stride that leaves one output position has no effect; PyTorch takes any int64 there.
  const strideUsed = transposed ? stride : stride.map((st, i) => (outSize[i] === 1 ? 1 : st));
  const span = (n: number, i: number) => (n - 1) * strideUsed[i]! + (ks[i]! - 1) * dilation[i]! + 1 + padding[i]!;
  if (sp.some((n, i) => span(transposed ? n : outSize[i]!, i) > 2 ** 31 - 1 || padding[i]! > 2 ** 31 - 1)) {
    throw new RangeError(
      `${fn}(): stride, padding and dilation of ${sizes(stride)}, ${sizes(padding)} and ${sizes(dilation)} reach past torchlet's int32 kernel offsets`,
    );
  }
  checkDtypes(
    input,
    weight,
    bias,
    d,
    transposed,
    dilation.some((v) => v !== 1),
  );
  if (isFloating(input.dtype)) {
    sameType(input, weight, "weight");
    if (bias !== null) sameType(input, bias, "bias");
  }
  const params = { stride: strideUsed, padding, dilation, groups: G, transposed, outSize };
  // The extra zero after each dim whose "same" padding is odd, in F.pad's order (last dim first).
  const padNd =
    padAfter === null
      ? null
      : padAfter
          .map((a, i) => [0, a - padding[i]!])
          .reverse()
          .flat();
  const conv = (x: Tensor, w: Tensor, b: Tensor | null): Tensor =>
    convolution(padNd === null ? x : constantPadNd(x, padNd, 0), w, b, params);
  const run = (x: Tensor, w: Tensor, b: Tensor | null): Tensor =>
    scoped(() => (batched ? conv(x, w, b) : squeeze(conv(unsqueeze(x, 0), w, b), 0)));
  if (!isFloating(input.dtype)) return inFloat64(input.dtype, [input, weight, bias], (x, w, b) => run(x!, w!, b));
  const halfKernel = transposed ? "slow_conv_transpose2d_out_cpu" : "slow_conv2d_cpu";
  const wide = inFloat32(halfKernel, [input, weight, bias], (x, w, b) =>
    run(x as Tensor, w as Tensor, b as Tensor | null),
  );
  return wide ?? run(input, weight, bias);
}

/** The signature of the four convolution functions: the bias positional (or null) or in the options `O`. */
export type ConvFunction<O> = (
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null | O,
  opts?: Omit<O, "bias">,
) => Tensor;

/**
 * conv{d}d, or conv_transpose{d}d when `transposed`, as a function of its own,
 * named as the export is (stack traces and `fn.name` show it).
 */
function convOfRank<O>(d: 1 | 2, transposed: boolean): ConvFunction<O> {
  const fn: ConvFunction<O> = (input, weight, bias, opts) => convNd(d, transposed, input, weight, bias, opts);
  return Object.defineProperty(fn, "name", { value: `conv${transposed ? "Transpose" : ""}${d}d` });
}

/**
 * F.conv1d: a 1-d convolution (cross-correlation) of input [N, C, L] (or
 * [C, L]) with weight [O, C / groups, K] plus bias [O]; bias positional (or
 * null) or in the options (ConvolutionBackward0). Integer tensors too, exact
 * while every sum stays below 2^53 in magnitude.
 */
export const conv1d: ConvFunction<ConvOptions> = convOfRank(1, false);

/**
 * F.conv2d: a 2-d convolution (cross-correlation) of input [N, C, H, W] (or
 * [C, H, W]) with weight [O, C / groups, KH, KW] plus bias [O]:
 * `F.conv2d(x, w, b, { stride: 2, padding: 1 })` (ConvolutionBackward0).
 * Integer tensors too, exact while every sum stays below 2^53 in magnitude.
 */
export const conv2d: ConvFunction<ConvOptions> = convOfRank(2, false);

/**
 * F.conv_transpose1d: the transposed 1-d convolution (the input grad of
 * conv1d) of input [N, C, L] (or [C, L]) with weight [C, O / groups, K] plus
 * bias [O] (ConvolutionBackward0). int64 tensors too, exact while every sum
 * stays below 2^53 in magnitude.
 */
export const convTranspose1d: ConvFunction<ConvTransposeOptions> = convOfRank(1, true);

/**
 * F.conv_transpose2d: the transposed 2-d convolution (the input grad of
 * conv2d) of input [N, C, H, W] (or [C, H, W]) with weight
 * [C, O / groups, KH, KW] plus bias [O] (ConvolutionBackward0). int64
 * tensors too, exact while every sum stays below 2^53 in magnitude.
 */
export const convTranspose2d: ConvFunction<ConvTransposeOptions> = convOfRank(2, true);
