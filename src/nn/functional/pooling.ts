// max_pool1d/2d and avg_pool1d/2d, and the kernels' launches that the
// adaptive pools share. One window table per call (poolWindows.ts) drives
// the kernels of assembly/kernels/pool.ts over contiguous NCHW planes, split
// over the thread pool by planes (each plane's outputs are computed the same
// way whichever thread runs it). The 1-d pools are the 2-d ones over an
// unsqueezed row, as PyTorch 1.13 computes them (so their grad_fn is
// SqueezeBackward1).

import { Tensor } from "../../tensor.js";
import { INDEX_DTYPE, isFloating, itemSize, scalarTypeName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record, needsGrad } from "../../autograd/function.js";
import { castTo } from "../../ops/launch.js";
import { reshape, squeeze, unsqueeze } from "../../ops/views.js";
import { scatterAddToZeros } from "../../ops/indexing.js";
import { runFlat } from "../../threads/parallel.js";
import { contiguousOf, checkArgs } from "./common.js";
import {
  avgAxis,
  maxAxis,
  pool2dShapeCheck,
  poolOutputSize,
  windowTable,
  withOutputShape,
  type Windows,
} from "./poolWindows.js";
import type { OpName } from "../../autograd/registry.js";
import { inFloat32 } from "./bfloat16.js";

/** An int or a list of ints, as PyTorch's pooling arguments take them. */
export type IntOrPair = number | readonly number[];

/** The keyword arguments of F.max_pool1d/2d. */
export interface MaxPoolOptions {
  /** Step between windows (default: kernelSize). */
  stride?: IntOrPair | null;
  /** Implicit -inf padding on both sides (at most half the kernel; default 0). */
  padding?: IntOrPair;
  /** Spacing between a window's taps (default 1). */
  dilation?: IntOrPair;
  /** Round the output size up rather than down (default false). */
  ceilMode?: boolean;
  /** Also return the argmax positions (flattened over each plane), as `[values, indices]`. */
  returnIndices?: boolean;
}

/** The keyword arguments of F.avg_pool1d/2d. */
export interface AvgPoolOptions {
  /** Step between windows (default: kernelSize). */
  stride?: IntOrPair | null;
  /** Implicit zero padding on both sides (at most half the kernel; default 0). */
  padding?: IntOrPair;
  /** Round the output size up rather than down (default false). */
  ceilMode?: boolean;
  /** Count the padding in the divisor (default true). */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead (default: none). */
  divisorOverride?: number | null;
}

/** What the pooling nodes keep: the windows and the input's shape. */
export interface PoolSaved {
  win: Windows;
  shape: readonly number[];
  indices?: Tensor;
}

/** A list of 1 or `n` ints (a number is one), else null. */
export function intList(v: unknown, n: number): number[] | null {
  const list = typeof v === "number" ? [v] : Array.isArray(v) ? (v as unknown[]) : null;
  if (list === null || list.length === 0 || list.length > n) return null;
  if (list.some((x) => typeof x !== "number" || !Number.isInteger(x))) return null;
  const ints = list as number[];
  return ints.length === n ? ints : Array.from({ length: n }, () => ints[0]!);
}

function pairOf(v: unknown, message: string, dflt?: number[]): number[] {
  if (dflt !== undefined && (v === undefined || v === null || (Array.isArray(v) && v.length === 0))) return dflt;
  const p = intList(v, 2);
  if (p === null) throw new TypeError(message);
  return p;
}

/** Planes (N * C, or C), H and W of a 3-d or 4-d input. */
function planesOf(shape: readonly number[]): [number, number, number] {
  const nd = shape.length;
  return [shape.slice(0, nd - 2).reduce((a, b) => a * b, 1), shape[nd - 2]!, shape[nd - 1]!];
}

/** An int32 copy of the kernel's indices in INDEX_DTYPE (the same tensor while that is int32). */
const asIndexDtype = (idx: Tensor): Tensor => (idx.dtype === INDEX_DTYPE ? idx : castTo(idx, INDEX_DTYPE));

/** The max over each window and its position: [values, int32 indices], unrecorded. */
export function maxPoolKernel(input: Tensor, win: Windows): [Tensor, Tensor] {
  const [planes, H, W] = planesOf(input.shape);
  const nd = input.shape.length;
  const outShape = [...input.shape.slice(0, nd - 2), win.h.n, win.w.n];
  const dtype = input.dtype;
  const x = contiguousOf(input);
  const out = Tensor._empty(outShape, dtype);
  const idx = Tensor._empty(outShape, "int32");
  const tab = windowTable(win);
  const OH = win.h.n,
    OW = win.w.n,
    size = itemSize[dtype];
  const [xa, oa, ia, ta] = [x._addr(), out._addr(), idx._addr(), tab._addr()];
  runFlat(
    abi.kernel("max_pool2d", dtype),
    planes,
    (s, n) => [
      xa + s * H * W * size,
      oa + s * OH * OW * size,
      ia + s * OH * OW * 4,
      n,
      H,
      W,
      OH,
      OW,
      ta,
      win.dilH,
      win.dilW,
      win.sW,
      win.w.lo,
      win.w.hi,
    ],
    (OH * OW * win.h.words[1]! * win.w.words[1]!) / 4,
    1,
  );
  return [out, idx];
}

/**
 * avg_pool2d over the planes of an input of `shape` (forward: `src` is the
 * input) or its adjoint (backward: `src` is the output's grad, spread over
 * each window and divided as forward divides), unrecorded.
 */
function avgPoolRun(forward: boolean, src: Tensor, win: Windows, shape: readonly number[]): Tensor {
  const [planes, H, W] = planesOf(shape);
  const [OH, OW] = [win.h.n, win.w.n];
  const dtype = src.dtype,
    size = itemSize[dtype];
  const out = Tensor._empty(forward ? [...shape.slice(0, shape.length - 2), OH, OW] : shape, dtype);
  const [srcPlane, outPlane] = forward ? [H * W, OH * OW] : [OH * OW, H * W];
  // Only the forward kernel takes the window's width table (its SIMD path).
  const wide = forward ? [win.sW, win.w.lo, win.w.hi] : [];
  const [sa, oa, ta] = [contiguousOf(src)._addr(), out._addr(), windowTable(win)._addr()];
  runFlat(
    abi.kernel(forward ? "avg_pool2d" : "avg_pool2d_backward", dtype),
    planes,
    (s, n) => [
      sa + s * srcPlane * size,
      oa + s * outPlane * size,
      ...[n, H, W, OH, OW, ta, win.divisor, win.adaptive ? 1 : 0],
      ...wide,
    ],
    (H * W) / 4,
    1,
  );
  return out;
}

/** The mean over each window, unrecorded. */
export const avgPoolKernel = (input: Tensor, win: Windows): Tensor => avgPoolRun(true, input, win, input.shape);

/** The adjoint of avgPoolKernel: each output's grad spread over its window, divided as forward divides. */
export const avgPoolBackwardKernel = (g: Tensor, win: Windows, shape: readonly number[]): Tensor =>
  avgPoolRun(false, g, win, shape);

/** The grad of a max pool, by one kernel: each output's grad added at its argmax. */
export function maxPoolGradFused(g: Tensor, s: PoolSaved): Tensor {
  const [planes, H, W] = planesOf(s.shape);
  const dtype = g.dtype;
  const gc = contiguousOf(g);
  const out = Tensor._empty(s.shape, dtype);
  const OHW = s.win.h.n * s.win.w.n,
    size = itemSize[dtype];
  const [ga, ia, oa] = [gc._addr(), s.indices!._addr(), out._addr()];
  runFlat(
    abi.kernel("max_pool2d_backward", dtype),
    planes,
    (st, n) => [ga + st * OHW * size, ia + st * OHW * 4, oa + st * H * W * size, n, H * W, OHW],
    OHW / 4,
    1,
  );
  return out;
}

/** The same grad written with ops (scatter_add over each flattened plane), so it can be differentiated again. */
export function maxPoolGrad(g: Tensor, s: PoolSaved): Tensor {
  const nd = s.shape.length;
  const lead = s.shape.slice(0, nd - 2);
  const flatIn = [...lead, s.shape[nd - 2]! * s.shape[nd - 1]!];
  const flatOut = [...lead, s.win.h.n * s.win.w.n];
  const src = reshape(g, flatOut);
  return reshape(scatterAddToZeros(flatIn, nd - 2, reshape(s.indices!, flatOut), src), s.shape);
}

/** A max pool over `win`, recorded as `op` (its indices are not differentiable). */
export function maxPoolWith(
  op: OpName,
  input: Tensor,
  win: Windows,
  returnIndices: boolean,
): Tensor | [Tensor, Tensor] {
  const wide = inFloat32("max_pool2d", [input], (x) => maxPoolWith(op, x as Tensor, win, returnIndices));
  if (wide !== undefined) return wide;
  return scoped(() => {
    const [out, idx] = maxPoolKernel(input, win);
    const indices = asIndexDtype(idx);
    record(op, [out, indices], [input], { win, shape: input.shape, indices: idx } satisfies PoolSaved);
    return returnIndices ? [out, indices] : out;
  }) as Tensor | [Tensor, Tensor];
}

/** An average pool over `win`, recorded as `op`. */
export function avgPoolWith(op: OpName, input: Tensor, win: Windows): Tensor {
  const wide = inFloat32("avg_pool2d", [input], (x) => avgPoolWith(op, x as Tensor, win));
  if (wide !== undefined) return wide;
  return scoped(() => record(op, avgPoolKernel(input, win), [input], { win, shape: input.shape } satisfies PoolSaved));
}

/**
 * avg_pool2d_backward as an op of the incoming grad (its own node, so a
 * graph of the backward can be differentiated again: the adjoint of the
 * adjoint is the pool itself).
 */
export function avgPoolBackward(op: OpName, g: Tensor, s: PoolSaved): Tensor {
  return record(op, avgPoolBackwardKernel(g, s.win, s.shape), [g], { win: s.win, shape: g.shape });
}

function checkFloat(input: Tensor, name: string): void {
  if (!isFloating(input.dtype) || input.dtype === "float16")
    throw new TypeError(`"${name}" not implemented for '${scalarTypeName[input.dtype]}'`);
}

/** The argument checks and windows of max_pool2d (max_pool2d_with_indices's meta function). */
function maxWindows(input: Tensor, kernelSize: unknown, opts: MaxPoolOptions): Windows {
  const k = pairOf(kernelSize, "max_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  const s = pairOf(opts.stride, "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints", k);
  const p = pairOf(opts.padding ?? 0, "max_pool2d: padding must be either be a single int, or a tuple of two ints");
  const d = pairOf(opts.dilation ?? 1, "max_pool2d: dilation must be either a single int, or a tuple of two ints");
  const nd = input.shape.length;
  if (nd !== 3 && nd !== 4) throw new RangeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  const ceil = opts.ceilMode ?? false;
  const H = input.shape[nd - 2]!,
    W = input.shape[nd - 1]!;
  const OH = poolOutputSize(H, k[0]!, p[0]!, s[0]!, d[0]!, ceil);
  const OW = poolOutputSize(W, k[1]!, p[1]!, s[1]!, d[1]!, ceil);
  pool2dShapeCheck(input, k, s, p, d, OH, OW);
  return withOutputShape([...input.shape.slice(0, nd - 2), OH, OW], () => ({
    h: maxAxis(H, OH, k[0]!, p[0]!, s[0]!, d[0]!),
    w: maxAxis(W, OW, k[1]!, p[1]!, s[1]!, d[1]!),
    dilH: d[0]!,
    dilW: d[1]!,
    sW: s[1]!,
    divisor: 0,
    adaptive: false,
  }));
}

/** A max pool: the values, or `[values, indices]` with `returnIndices: true`. */
export interface MaxPool<Arg, Opts> {
  (input: Tensor, arg: Arg, opts?: Opts & { returnIndices?: false }): Tensor;
  (input: Tensor, arg: Arg, opts: Opts & { returnIndices: true }): [Tensor, Tensor];
}

/** A max pool's implementation typed with the two overloads (it returns the indices when asked). */
export const maxPoolFn = <Arg, Opts>(
  impl: (input: Tensor, arg: Arg, opts?: Opts) => Tensor | [Tensor, Tensor],
): MaxPool<Arg, Opts> => impl as MaxPool<Arg, Opts>;

const MAX_KEYS = ["stride", "padding", "dilation", "ceilMode", "returnIndices"];
const AVG_KEYS = ["stride", "padding", "ceilMode", "countIncludePad", "divisorOverride"];

/**
 * F.max_pool2d: the max over each kernelSize window of a [N, C, H, W] or
 * [C, H, W] input (MaxPool2DWithIndicesBackward0); with `returnIndices`,
 * `[values, indices]`, each index ih * W + iw within its plane.
 */
export const maxPool2d = maxPoolFn<IntOrPair, MaxPoolOptions>(function maxPool2d(input, kernelSize, opts = {}) {
  checkArgs("maxPool2d", { input }, opts, MAX_KEYS);
  const win = maxWindows(input, kernelSize, opts);
  checkFloat(input, "max_pool2d");
  return maxPoolWith("maxPool2d", input, win, opts.returnIndices ?? false);
});

/** A 1-d pool as the 2-d one over [..., 1, L] (PyTorch's unsqueeze(-2) ... squeeze(-2)). */
function as1d<T extends Tensor | [Tensor, Tensor]>(input: Tensor, pool: (x: Tensor) => T): T {
  return scoped(() => {
    const r = pool(unsqueeze(input, -2));
    return (Array.isArray(r) ? r.map((t) => squeeze(t, -2)) : squeeze(r, -2)) as T;
  });
}

/** One int of a 1-d pool's argument (an int or a one-element list), else null. */
const single = (v: unknown): number | null => {
  const l = typeof v === "number" || Array.isArray(v) ? intList(v, 1) : null;
  return l === null || (Array.isArray(v) && v.length !== 1) ? null : l[0]!;
};

/**
 * F.max_pool1d: the max over each window of a [N, C, L] or [C, L] input; with
 * `returnIndices`, `[values, indices]` (indices along L).
 */
export const maxPool1d = maxPoolFn<IntOrPair, MaxPoolOptions>(function maxPool1d(input, kernelSize, opts = {}) {
  checkArgs("maxPool1d", { input }, opts, MAX_KEYS);
  const nd = input.shape.length;
  const withIndices = opts.returnIndices ?? false;
  const listOf = (v: unknown, what: string, dflt: number | null): number => {
    if (dflt !== null && (v === undefined || v === null || (Array.isArray(v) && v.length === 0))) return dflt;
    const x = single(v);
    if (x === null) throw new TypeError(`max_pool1d() ${what} but got size ${Array.isArray(v) ? v.length : 0}`);
    return x;
  };
  if (!withIndices) {
    // check_max_pool1d: its own words, before the 2-d pool's.
    if (nd !== 2 && nd !== 3)
      throw new RangeError(
        `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input.shape.join(", ")}]`,
      );
    const k = listOf(kernelSize, "kernel_size must be an int, list of ints or tuple of ints of size 1", null);
    const s = listOf(opts.stride, "stride must be None, an int, list of ints, or tuple of ints of size 1", k);
    const p = listOf(opts.padding ?? 0, "padding must be an int, list of ints, or tuple of ints of size 1", null);
    const d = listOf(opts.dilation ?? 1, "dilation must be an int, list of ints or tuple of ints of size 1", null);
    if (k <= 0) throw new RangeError(`max_pool1d() kernel_size must be greater than zero, but got ${k}`);
    if (s <= 0) throw new RangeError(`max_pool1d() stride must be greater than zero, but got ${s}`);
    if (p < 0) throw new RangeError(`max_pool1d() padding must be non-negative, but got ${p}`);
    if (p > Math.trunc(k / 2))
      throw new RangeError(
        `max_pool1d() padding should be at most half of kernel size, but got padding=${p} and kernel_size=${k}`,
      );
    if (d <= 0) throw new RangeError(`max_pool1d() dilation must be greater than zero, but got ${d}`);
    const L = input.shape[nd - 1]!;
    const OW = poolOutputSize(L, k, p, s, d, opts.ceilMode ?? false);
    if (OW < 0) throw new RangeError(`max_pool1d() Invalid computed output size: ${OW}`);
    if (!needsGrad([input])) {
      checkFloat(input, "max_pool1d_impl");
      // Without grad PyTorch returns an empty result where the 2-d pool would refuse one.
      if (OW === 0) return Tensor._empty([...input.shape.slice(0, nd - 1), 0], input.dtype);
    }
  } else if (nd !== 2 && nd !== 3) {
    throw new RangeError(
      `Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' (while checking arguments for max_pool1d)`,
    );
  }
  const at = (v: unknown, what: string, lead: number, dflt: number | null): number[] => {
    if (dflt !== null && (v === undefined || v === null || (Array.isArray(v) && v.length === 0))) return [lead, dflt];
    const x = single(v);
    if (x === null)
      throw new TypeError(
        `max_pool1d() argument '${what}' should contain one int (got ${Array.isArray(v) ? v.length : 0})`,
      );
    return [lead, x];
  };
  const k = at(kernelSize, "kernel_size", 1, null);
  const win = maxWindows(unsqueezedShape(input), k, {
    stride: at(opts.stride, "stride", 1, k[1]!),
    padding: at(opts.padding ?? 0, "padding", 0, null),
    dilation: at(opts.dilation ?? 1, "dilation", 1, null),
    ceilMode: opts.ceilMode ?? false,
  });
  checkFloat(input, "max_pool2d");
  return as1d(input, (x) => maxPoolWith("maxPool2d", x, win, withIndices));
});

/** A stand-in with the shape of unsqueeze(input, -2), for the checks that read only shapes. */
function unsqueezedShape(input: Tensor): Tensor {
  const nd = input.shape.length;
  return { shape: [...input.shape.slice(0, nd - 1), 1, input.shape[nd - 1]!] } as unknown as Tensor;
}

/** The argument checks and windows of avg_pool2d. */
function avgWindows(input: Tensor, kernelSize: unknown, opts: AvgPoolOptions): Windows {
  const k = pairOf(kernelSize, "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  const s = pairOf(opts.stride, "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints", k);
  const p = pairOf(opts.padding ?? 0, "avg_pool2d: padding must either be a single int, or a tuple of two ints");
  const divisor = opts.divisorOverride ?? 0;
  if (opts.divisorOverride !== undefined && opts.divisorOverride !== null) {
    if (typeof divisor !== "number" || !Number.isInteger(divisor))
      throw new TypeError(`avgPool2d(): divisorOverride must be an integer or null, but got ${String(divisor)}`);
    if (divisor === 0) throw new RangeError("divisor must be not zero");
  }
  const nd = input.shape.length;
  if (nd < 3)
    throw new RangeError(
      nd === 0
        ? "Dimension specified as -3 but tensor has no dimensions"
        : `Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got -3)`,
    );
  if (nd !== 4 && nd !== 3) throw new RangeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  const ceil = opts.ceilMode ?? false;
  const H = input.shape[nd - 2]!,
    W = input.shape[nd - 1]!;
  const OH = poolOutputSize(H, k[0]!, p[0]!, s[0]!, 1, ceil);
  const OW = poolOutputSize(W, k[1]!, p[1]!, s[1]!, 1, ceil);
  pool2dShapeCheck(input, k, s, p, [1, 1], OH, OW);
  const inc = opts.countIncludePad ?? true;
  return withOutputShape([...input.shape.slice(0, nd - 2), OH, OW], () => ({
    h: avgAxis(H, OH, k[0]!, p[0]!, s[0]!, inc),
    w: avgAxis(W, OW, k[1]!, p[1]!, s[1]!, inc),
    dilH: 1,
    dilW: 1,
    sW: s[1]!,
    divisor,
    adaptive: false,
  }));
}

/** F.avg_pool2d: the mean over each kernelSize window of a [N, C, H, W] or [C, H, W] input (AvgPool2DBackward0). */
export function avgPool2d(input: Tensor, kernelSize: IntOrPair, opts: AvgPoolOptions = {}): Tensor {
  checkArgs("avgPool2d", { input }, opts, AVG_KEYS);
  const win = avgWindows(input, kernelSize, opts);
  checkFloat(input, "avg_pool2d");
  return avgPoolWith("avgPool2d", input, win);
}

/** F.avg_pool1d: the mean over each window of a [N, C, L] or [C, L] input. */
export function avgPool1d(
  input: Tensor,
  kernelSize: IntOrPair,
  opts: Omit<AvgPoolOptions, "divisorOverride"> = {},
): Tensor {
  checkArgs("avgPool1d", { input }, opts, ["stride", "padding", "ceilMode", "countIncludePad"]);
  const nd = input.shape.length;
  if (nd !== 2 && nd !== 3)
    throw new RangeError(
      `Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)`,
    );
  const one = (v: unknown, what: string, lead: number, dflt: number[] | null): number[] | undefined => {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return dflt ?? undefined;
    const x = single(v);
    if (x === null)
      throw new TypeError(
        `avg_pool1d() argument '${what}' should contain one int (got ${Array.isArray(v) ? v.length : 0})`,
      );
    return [lead, x];
  };
  const k = one(kernelSize, "kernel_size", 1, null)!;
  const win = avgWindows(unsqueezedShape(input), k, {
    stride: one(opts.stride, "stride", 1, null) ?? k,
    padding: one(opts.padding ?? 0, "padding", 0, null),
    ceilMode: opts.ceilMode ?? false,
    countIncludePad: opts.countIncludePad ?? true,
  });
  checkFloat(input, "avg_pool2d");
  return as1d(input, (x) => avgPoolWith("avgPool2d", x, win));
}
