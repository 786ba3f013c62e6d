// F.interpolate (nearest; linear and bilinear with align_corners either
// way), pixel_shuffle / pixel_unshuffle, and unfold / fold (im2col and
// col2im). Each is a gather along dims by index tables (weighted for the
// linear modes) with its own node, whose backward adds the grad back at the
// same indices: the adjoint, itself written with recorded ops, so it can be
// differentiated again. Indices and weights follow PyTorch 1.13's CPU
// kernels (UpSample.h: nearest_idx, area_pixel_compute_source_index,
// compute_source_index_and_lambda), float32 arithmetic for float32 input.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName, type DType } from "../../dtype.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { checkTensor } from "../../ops/launch.js";
import { add, mul } from "../../ops/binary.js";
import { fromArray } from "../../ops/fromData.js";
import { indexAddToZeros, indexSelect } from "../../ops/indexing.js";
import { contiguous, narrow, permute, reshape } from "../../ops/views.js";
import { checkNumel, numelOf } from "../../shape.js";
import type { OpName } from "../../autograd/registry.js";
import { checkArgs, reverseSteps } from "./common.js";
import { constantPadNd } from "./pad.js";

/** One gather along a dim: out[.., o, ..] = w0[o] * x[.., i0[o], ..] + w1[o] * x[.., i1[o], ..] (no weights: x[i0]). */
export interface GatherStep {
  dim: number;
  /** The dim's size before the step. */
  size: number;
  i0: number[];
  i1?: number[];
  w0?: number[];
  w1?: number[];
}

/** What the gather nodes keep. */
export interface GatherSaved {
  steps: GatherStep[];
  dtype: DType;
}

function indexTensor(values: readonly number[]): Tensor {
  const t = Tensor._empty([values.length], "int32");
  if (values.length > 0) (abi.view("int32", t._addr(), values.length) as Int32Array).set(values);
  return t;
}

/** Weights shaped to broadcast along `dim` of an ndim-d tensor. */
const weightsAlong = (w: readonly number[], dim: number, ndim: number, dtype: DType): Tensor =>
  fromArray(w as number[], [w.length, ...Array.from({ length: ndim - 1 - dim }, () => 1)], { dtype });

function applyStep(x: Tensor, st: GatherStep, dtype: DType): Tensor {
  if (x.numel() === 0) {
    const shape = x.shape.slice();
    shape[st.dim] = st.i0.length;
    return Tensor._empty(shape, dtype);
  }
  const a = indexSelect(x, st.dim, indexTensor(st.i0));
  if (st.w0 === undefined) return a;
  const b = indexSelect(x, st.dim, indexTensor(st.i1!));
  const nd = x.shape.length;
  return add(mul(a, weightsAlong(st.w0, st.dim, nd, dtype)), mul(b, weightsAlong(st.w1!, st.dim, nd, dtype)));
}

/** The gathers of `steps` in order, recorded as one node `op`. */
export function gatherSteps(op: OpName, input: Tensor, steps: GatherStep[]): Tensor {
  return scoped(() => {
    const dtype = input.dtype;
    const out = noGrad(() => {
      let x = input;
      for (const st of steps) x = applyStep(x, st, dtype);
      return x === input ? input.clone() : contiguous(x);
    });
    return record(op, out, [input], { steps, dtype } satisfies GatherSaved);
  });
}

/** The adjoint of gatherSteps: each step's grad added back at its indices (times its weights), last step first. */
export function gatherStepsGrad(g: Tensor, s: GatherSaved): Tensor {
  return reverseSteps(g, s.steps, (r, st, shape) => {
    if (r.numel() === 0 || numelOf(shape) === 0)
      return fromArray(new Array<number>(numelOf(shape)).fill(0), shape, { dtype: s.dtype });
    const nd = r.shape.length;
    if (st.w0 === undefined) return indexAddToZeros(shape, st.dim, indexTensor(st.i0), r);
    return add(
      indexAddToZeros(shape, st.dim, indexTensor(st.i0), mul(r, weightsAlong(st.w0, st.dim, nd, s.dtype))),
      indexAddToZeros(shape, st.dim, indexTensor(st.i1!), mul(r, weightsAlong(st.w1!, st.dim, nd, s.dtype))),
    );
  });
}

// ---- interpolate -------------------------------------------------------------

/** The interpolation modes torchlet has. */
export type InterpolateMode = "nearest" | "linear" | "bilinear";

/** The keyword arguments of F.interpolate. */
export interface InterpolateOptions {
  /** The output's spatial size (one int for every dim, or one per dim). */
  size?: number | readonly number[] | null;
  /** The multiplier of each spatial size (one, or one per dim). */
  scaleFactor?: number | readonly number[] | null;
  /** "nearest" (default), "linear" (3-d input) or "bilinear" (4-d input). */
  mode?: InterpolateMode;
  /** Align the corner pixels' centres (linear modes only; default false). */
  alignCorners?: boolean | null;
  /** Compute the scale from the output size instead of passing scaleFactor on (default false). */
  recomputeScaleFactor?: boolean | null;
}

/** compute_scales_value: 1 / scale when a scale was given, else in / out (in `f`'s precision). */
const scalesValue = (scale: number | null, inSize: number, outSize: number, f: (v: number) => number): number =>
  scale !== null && scale > 0 ? f(1 / scale) : f(inSize / outSize);

/** upsample_nearest's source index of each output (nearest_idx). */
function nearestIndex(inSize: number, outSize: number, scale: number | null): number[] {
  const f = Math.fround;
  const out: number[] = [];
  const s = scalesValue(scale, inSize, outSize, f);
  for (let o = 0; o < outSize; o++) {
    if (outSize === inSize) out.push(o);
    else if (outSize === 2 * inSize) out.push(o >> 1);
    else out.push(Math.min(Math.floor(f(f(o) * s)), inSize - 1));
  }
  return out;
}

/** compute_source_index_and_lambda over every output: indices and weights of the two neighbours. */
function linearStep(
  dim: number,
  inSize: number,
  outSize: number,
  alignCorners: boolean,
  scale: number | null,
  dtype: DType,
): GatherStep {
  const f = dtype === "float32" ? Math.fround : (v: number) => v;
  const ratio = alignCorners
    ? outSize > 1
      ? f(f(inSize - 1) / (outSize - 1))
      : 0
    : scalesValue(scale, inSize, outSize, f);
  const i0: number[] = [],
    i1: number[] = [],
    w0: number[] = [],
    w1: number[] = [];
  for (let o = 0; o < outSize; o++) {
    if (outSize === inSize) {
      i0.push(o);
      i1.push(o);
      w0.push(1);
      w1.push(0);
      continue;
    }
    let real: number;
    if (alignCorners) real = f(ratio * f(o));
    else {
      const r = f(ratio * (o + 0.5) - 0.5);
      real = r < 0 ? 0 : r;
    }
    const a = Math.trunc(real);
    i0.push(a);
    i1.push(a + (a < inSize - 1 ? 1 : 0));
    const l1 = Math.min(Math.max(f(real - a), 0), 1);
    w1.push(l1);
    w0.push(f(1 - l1));
  }
  return { dim, size: inSize, i0, i1, w0, w1 };
}

const MODES = "nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact";

/** A per-dim list of `n` numbers from a number or a list, or null when absent. */
function perDim(v: unknown, n: number, what: "size" | "scale_factor", spatial: readonly number[]): number[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Array.from({ length: n }, () => v);
  if (!Array.isArray(v) || v.some((x) => typeof x !== "number"))
    throw new TypeError(`interpolate(): ${what} must be a number or an array of numbers`);
  if (v.length !== n)
    throw new RangeError(
      what === "size"
        ? `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(", ")}] and output size of [${v.join(", ")}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`
        : `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(", ")}] and scale_factor of shape [${v.join(", ")}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
    );
  return v as number[];
}

/**
 * F.interpolate: resizes the spatial dims of a [N, C, L] or [N, C, H, W]
 * input to `size` or by `scaleFactor`, by nearest neighbour
 * (UpsampleNearest1DBackward1 / UpsampleNearest2DBackward1) or linearly
 * ("linear" on 3-d, "bilinear" on 4-d input; UpsampleLinear1DBackward1 /
 * UpsampleBilinear2DBackward1).
 */
export function interpolate(input: Tensor, opts: InterpolateOptions = {}): Tensor {
  checkArgs("interpolate", { input }, opts, ["size", "scaleFactor", "mode", "alignCorners", "recomputeScaleFactor"]);
  const mode = opts.mode ?? "nearest";
  const nd = input.shape.length;
  const k = nd - 2;
  const spatial = input.shape.slice(2);
  const hasSize = opts.size !== undefined && opts.size !== null;
  const hasScale = opts.scaleFactor !== undefined && opts.scaleFactor !== null;
  if (hasSize && hasScale) throw new RangeError("only one of size or scale_factor should be defined");
  let size = perDim(opts.size, k, "size", spatial);
  let scales = perDim(opts.scaleFactor, k, "scale_factor", spatial);
  if (size === null && scales === null) throw new RangeError("either size or scale_factor should be defined");
  if (scales !== null && opts.recomputeScaleFactor === true) {
    size = spatial.map((n, i) => Math.floor(n * scales![i]!));
    scales = null;
  }
  const linear = mode === "linear" || mode === "bilinear";
  if (!linear && opts.alignCorners !== undefined && opts.alignCorners !== null)
    throw new RangeError(
      "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear",
    );
  const alignCorners = opts.alignCorners ?? false;
  if (mode === "linear" && nd !== 3) throw new TypeError(`Got ${nd}D input, but linear mode needs 3D input`);
  if (mode === "bilinear" && nd !== 4) throw new TypeError(`Got ${nd}D input, but bilinear mode needs 4D input`);
  if ((mode !== "nearest" && !linear) || nd < 3 || nd > 4)
    throw new TypeError(
      `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${nd}D) for the modes: ${MODES} (got ${String(mode)})`,
    );
  const outSize = size ?? spatial.map((n, i) => Math.floor(n * scales![i]!));
  if (outSize.some((n) => !Number.isInteger(n) || n <= 0))
    throw new RangeError(
      `Input and output sizes should be greater than 0, but got input (${spatial.map((n) => `${n}`).join(", ")}) and output (${outSize.join(", ")})`,
    );
  checkNumel([...input.shape.slice(0, 2), ...outSize]);
  if (input.dtype === "float16")
    throw new TypeError(`"compute_indices_weights_${linear ? "linear" : "nearest"}" not implemented for 'Half'`);
  if (!isFloating(input.dtype))
    throw new TypeError(
      `"upsample_${linear ? (k === 1 ? "linear1d" : "bilinear2d") : `nearest${k}d`}_out_frame" not implemented for '${scalarTypeName[input.dtype]}'`,
    );
  const steps: GatherStep[] = [];
  // The last dim first: PyTorch's kernels interpolate along W innermost.
  for (let i = k - 1; i >= 0; i--) {
    const d = 2 + i,
      scale = scales === null ? null : scales[i]!;
    steps.push(
      linear
        ? linearStep(d, spatial[i]!, outSize[i]!, alignCorners, scale, input.dtype)
        : { dim: d, size: spatial[i]!, i0: nearestIndex(spatial[i]!, outSize[i]!, scale) },
    );
  }
  const op: OpName = linear
    ? k === 1
      ? "upsampleLinear1d"
      : "upsampleBilinear2d"
    : k === 1
      ? "upsampleNearest1d"
      : "upsampleNearest2d";
  return gatherSteps(op, input, steps);
}

// ---- pixel_shuffle -----------------------------------------------------------

function checkFactor(v: unknown, fn: string, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`${fn}(): ${what} must be an integer`);
  if (v <= 0) throw new RangeError(`${fn} expects a positive ${what}, but got ${v}`);
  return v;
}

/** What pixel_shuffle and pixel_unshuffle check first: the input's rank and the factor. */
function shuffleArgs(input: Tensor, op: "pixelShuffle" | "pixelUnshuffle", factor: unknown, what: string) {
  checkTensor(input, op, "input");
  const fn = op === "pixelShuffle" ? "pixel_shuffle" : "pixel_unshuffle";
  const nd = input.shape.length;
  if (nd < 3)
    throw new RangeError(`${fn} expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`);
  const r = checkFactor(factor, fn, what);
  const [c, h, w] = input.shape.slice(nd - 3) as [number, number, number];
  return { r, c, h, w, lead: input.shape.slice(0, nd - 3) };
}

/**
 * The input's last three dims reshaped to `split`, those five dims permuted
 * by `order`, reshaped to `merged` (a copy), recorded as `op`.
 */
function shuffled(
  op: "pixelShuffle" | "pixelUnshuffle",
  input: Tensor,
  r: number,
  split: number[],
  order: number[],
  merged: number[],
): Tensor {
  const lead = input.shape.slice(0, input.shape.length - 3);
  return scoped(() => {
    const out = noGrad(() => {
      const v = reshape(input, [...lead, ...split]);
      const b = lead.length;
      const p = permute(v, [...lead.map((_, i) => i), ...order.map((o) => b + o)]);
      return reshape(contiguous(p), [...lead, ...merged]);
    });
    return record(op, out, [input], { r });
  });
}

/** [*, C * r * r, H, W] -> [*, C, H * r, W * r] (PixelShuffleBackward0). */
export function pixelShuffle(input: Tensor, upscaleFactor: number): Tensor {
  const { r, c, h, w } = shuffleArgs(input, "pixelShuffle", upscaleFactor, "upscale_factor");
  if (c % (r * r) !== 0)
    throw new RangeError(
      `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
    );
  return shuffled("pixelShuffle", input, r, [c / (r * r), r, r, h, w], [0, 3, 1, 4, 2], [c / (r * r), h * r, w * r]);
}

/** [*, C, H * r, W * r] -> [*, C * r * r, H, W] (PixelUnshuffleBackward0). */
export function pixelUnshuffle(input: Tensor, downscaleFactor: number): Tensor {
  const { r, c, h, w } = shuffleArgs(input, "pixelUnshuffle", downscaleFactor, "downscale_factor");
  if (h % r !== 0)
    throw new RangeError(
      `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`,
    );
  if (w % r !== 0)
    throw new RangeError(
      `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`,
    );
  return shuffled("pixelUnshuffle", input, r, [c, h / r, r, w / r, r], [0, 2, 4, 1, 3], [c * r * r, h / r, w / r]);
}

// ---- unfold / fold -----------------------------------------------------------

/** The keyword arguments of F.unfold and F.fold. */
export interface UnfoldOptions {
  /** Spacing between a block's elements (default 1). */
  dilation?: number | readonly number[];
  /** Zero padding on both sides of each spatial dim (default 0). */
  padding?: number | readonly number[];
  /** Step between blocks (default 1). */
  stride?: number | readonly number[];
}

/** What im2col and col2im keep. */
export interface BlocksSaved {
  geo: Blocks;
}

/** The sliding blocks of a [C, H, W] plane: sizes, the padded plane and each column's source positions. */
interface Blocks {
  c: number;
  h: number;
  w: number;
  k: number[];
  d: number[];
  p: number[];
  s: number[];
  oh: number;
  ow: number;
}

function pairOf(v: unknown, fn: string, what: string, dflt: number): number[] {
  const x = v === undefined ? dflt : v;
  const list = typeof x === "number" ? [x, x] : Array.isArray(x) ? (x as unknown[]) : null;
  if (list === null || list.length !== 2 || list.some((n) => typeof n !== "number" || !Number.isInteger(n)))
    throw new TypeError(`${fn}(): ${what} must be an integer or an array of two integers`);
  return list as number[];
}

function blocksOf(fn: string, h: number, w: number, c: number, kernelSize: unknown, opts: UnfoldOptions): Blocks {
  const k = pairOf(kernelSize, fn, "kernel_size", 0);
  const d = pairOf(opts.dilation, fn, "dilation", 1);
  const p = pairOf(opts.padding, fn, "padding", 0);
  const s = pairOf(opts.stride, fn, "stride", 1);
  if (!(k[0]! > 0 && k[1]! > 0))
    throw new RangeError(
      `kernel size should be greater than zero, but got kernel_height: ${k[0]} kernel_width: ${k[1]}`,
    );
  if (!(s[0]! > 0 && s[1]! > 0))
    throw new RangeError(`stride should be greater than zero, but got stride_height: ${s[0]} stride_width: ${s[1]}`);
  if (!(d[0]! > 0 && d[1]! > 0))
    throw new RangeError(
      `dilation should be greater than zero, but got dilation_height: ${d[0]} dilation_width: ${d[1]}`,
    );
  if (!(p[0]! >= 0 && p[1]! >= 0))
    throw new RangeError(`padding should be non-negative, but got pad_height: ${p[0]} pad_width: ${p[1]}`);
  const oh = Math.floor((h + 2 * p[0]! - (d[0]! * (k[0]! - 1) + 1)) / s[0]!) + 1;
  const ow = Math.floor((w + 2 * p[1]! - (d[1]! * (k[1]! - 1) + 1)) / s[1]!) + 1;
  return { c, h, w, k, d, p, s, oh, ow };
}

const tuple = (v: readonly number[]): string => `(${v.join(", ")})`;

/** The padded-plane position of each (kernel offset, block) column entry. */
function blockIndex(b: Blocks): number[] {
  const wp = b.w + 2 * b.p[1]!;
  const idx: number[] = [];
  for (let ki = 0; ki < b.k[0]!; ki++)
    for (let kj = 0; kj < b.k[1]!; kj++)
      for (let i = 0; i < b.oh; i++)
        for (let j = 0; j < b.ow; j++) idx.push((i * b.s[0]! + ki * b.d[0]!) * wp + j * b.s[1]! + kj * b.d[1]!);
  return idx;
}

/** im2col of a [N, C, H, W] (or [C, H, W]) tensor, unrecorded. */
function im2colRaw(x: Tensor, b: Blocks): Tensor {
  const lead = x.shape.slice(0, x.shape.length - 3);
  const padded = constantPadNd(x, [b.p[1]!, b.p[1]!, b.p[0]!, b.p[0]!], 0);
  const flat = reshape(padded, [...lead, b.c, padded.shape.at(-2)! * padded.shape.at(-1)!]);
  const cols = indexSelect(flat, lead.length + 1, indexTensor(blockIndex(b)));
  return reshape(cols, [...lead, b.c * b.k[0]! * b.k[1]!, b.oh * b.ow]);
}

/** col2im of [N, C * kh * kw, L] (or unbatched), unrecorded: each column entry added back at its position. */
function col2imRaw(cols: Tensor, b: Blocks): Tensor {
  const lead = cols.shape.slice(0, cols.shape.length - 2);
  const hp = b.h + 2 * b.p[0]!,
    wp = b.w + 2 * b.p[1]!;
  const src = reshape(cols, [...lead, b.c, b.k[0]! * b.k[1]! * b.oh * b.ow]);
  const sums = indexAddToZeros([...lead, b.c, hp * wp], lead.length + 1, indexTensor(blockIndex(b)), src);
  const plane = reshape(sums, [...lead, b.c, hp, wp]);
  const nd = plane.shape.length;
  return contiguous(narrow(narrow(plane, nd - 2, b.p[0]!, b.h), nd - 1, b.p[1]!, b.w));
}

/** `raw` over t, recorded as `op`: im2col and col2im are each other's backward. */
function blocksOp(op: "im2col" | "col2im", t: Tensor, geo: Blocks, raw: (t: Tensor, geo: Blocks) => Tensor): Tensor {
  return scoped(() =>
    record(
      op,
      noGrad(() => raw(t, geo)),
      [t],
      { geo } satisfies BlocksSaved,
    ),
  );
}

/** im2col recorded (Im2ColBackward0); its backward is col2im. */
export function im2col(x: Tensor, geo: Blocks): Tensor {
  return blocksOp("im2col", x, geo, im2colRaw);
}

/** col2im recorded (Col2ImBackward0); its backward is im2col. */
export function col2im(cols: Tensor, geo: Blocks): Tensor {
  return blocksOp("col2im", cols, geo, col2imRaw);
}

/** What unfold and fold check first: the options, and an input of `rank` dims or one more (a batch); returns its rank. */
function blocksInput(input: Tensor, fn: "unfold" | "fold", opts: UnfoldOptions, rank: number): number {
  checkArgs(fn, { input }, opts, ["dilation", "padding", "stride"]);
  const nd = input.shape.length;
  if (nd !== rank && nd !== rank + 1)
    throw new RangeError(
      `Expected ${rank}D or ${rank + 1}D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input.shape.join(", ")}]`,
    );
  return nd;
}

/**
 * F.unfold: the sliding kernelSize blocks of a [N, C, H, W] (or [C, H, W])
 * input as columns, [N, C * kh * kw, L] (im2col; Im2ColBackward0).
 */
export function unfold(input: Tensor, kernelSize: number | readonly number[], opts: UnfoldOptions = {}): Tensor {
  const nd = blocksInput(input, "unfold", opts, 3);
  const [c, h, w] = input.shape.slice(nd - 3) as [number, number, number];
  const b = blocksOf("unfold", h, w, c, kernelSize, opts);
  if (b.oh < 1 || b.ow < 1)
    throw new RangeError(
      `Given input with spatial size ${tuple([h, w])}, kernel_size=${tuple(b.k)}, dilation=${tuple(b.d)}, padding=${tuple(b.p)}, calculated shape of the array of sliding blocks as ${tuple([b.oh, b.ow])}, but its components must be at least one.`,
    );
  checkNumel([...input.shape.slice(0, nd - 3), c * b.k[0]! * b.k[1]!, b.oh * b.ow]);
  return im2col(input, b);
}

/**
 * F.fold: the inverse arrangement of unfold, summing overlapping entries:
 * [N, C * kh * kw, L] (or [C * kh * kw, L]) -> [N, C, outputSize...]
 * (col2im; Col2ImBackward0).
 */
export function fold(
  input: Tensor,
  outputSize: number | readonly number[],
  kernelSize: number | readonly number[],
  opts: UnfoldOptions = {},
): Tensor {
  const nd = blocksInput(input, "fold", opts, 2);
  const [hw0, hw1] = pairOf(outputSize, "fold", "output_size", 0) as [number, number];
  const k = pairOf(kernelSize, "fold", "kernel_size", 0);
  const rows = input.shape[nd - 2]!,
    L = input.shape[nd - 1]!;
  if (k[0]! > 0 && k[1]! > 0 && rows % (k[0]! * k[1]!) !== 0)
    throw new RangeError(
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${rows} and kernel_size=${tuple(k)}.`,
    );
  const b = blocksOf("fold", hw0, hw1, k[0]! > 0 && k[1]! > 0 ? rows / (k[0]! * k[1]!) : 0, k, opts);
  if (b.oh * b.ow !== L)
    throw new RangeError(
      `Given output_size=${tuple([hw0, hw1])}, kernel_size=${tuple(b.k)}, dilation=${tuple(b.d)}, padding=${tuple(b.p)}, stride=${tuple(b.s)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${b.oh} * ${b.ow} = ${b.oh * b.ow}, but got input.size(2)=${L}.`,
    );
  checkNumel([...input.shape.slice(0, nd - 2), b.c, hw0 + 2 * b.p[0]!, hw1 + 2 * b.p[1]!]);
  return col2im(input, b);
}
