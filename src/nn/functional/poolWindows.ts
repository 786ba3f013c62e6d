// The windows of the pooling ops as the kernels read them (assembly/kernels/
// pool.ts): per output row and per output column, the first in-range input
// position, the number of in-range taps and the axis's factor of the
// average's divisor. Output sizes and argument checks follow PyTorch 1.13's
// aten/src/ATen/native/Pool.h (pooling_output_shape, pool2d_shape_check).

import { Tensor } from "../../tensor.js";
import * as abi from "../../wasm/abi.js";
import { checkNumel, numelOf } from "../../shape.js";

/** One axis of a pool: its input and output sizes and each output's window. */
export interface AxisWindows {
  /** Output size. */
  n: number;
  /** [start, taps, divisor factor] per output. */
  words: number[];
  /** Outputs [lo, hi) whose windows lie wholly inside the input at full kernel size (the kernels' SIMD range). */
  lo: number;
  hi: number;
}

/** The windows of a 2-d pool and how the kernels step through them. */
export interface Windows {
  h: AxisWindows;
  w: AxisWindows;
  dilH: number;
  dilW: number;
  /** Column stride (the SIMD path takes 1 or 2; 0 for adaptive windows). */
  sW: number;
  /** divisor_override, 0 when none. */
  divisor: number;
  /** Adaptive averages divide by the row count, then by the column count. */
  adaptive: boolean;
}

let skipTables = false;

/**
 * Checks the output's size against torchlet's limit and runs `build` (which
 * makes the axes' tables) with the tables left empty when the output has no
 * element: no kernel reads them then, and a huge output size of an empty
 * batch must not make a huge table.
 */
export function withOutputShape<T>(shape: readonly number[], build: () => T): T {
  checkNumel(shape);
  skipTables = numelOf(shape) === 0;
  try {
    return build();
  } finally {
    skipTables = false;
  }
}

/** floor(a / b) for b > 0 (PyTorch's div_rtn). */
const divFloor = (a: number, b: number): number => Math.floor(a / b);

/** pooling_output_shape: the output size of one axis, stride already checked non-zero. */
export function poolOutputSize(
  size: number,
  k: number,
  pad: number,
  stride: number,
  dil: number,
  ceil: boolean,
): number {
  if (stride === 0) throw new RangeError("stride should not be zero");
  if (pad < 0) throw new RangeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(k / 2))
    throw new RangeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`);
  let out = divFloor(size + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

/**
 * An axis's windows from `window(o)`: each output's [start, taps, divisor]
 * and whether its window lies wholly inside the input; [lo, hi) spans the
 * outputs from the first to the last such one.
 */
function axisWindows(n: number, window: (o: number) => [number, number, number, boolean]): AxisWindows {
  const words: number[] = [];
  if (skipTables) return { n, words, lo: 0, hi: 0 };
  let lo = n,
    hi = 0;
  for (let o = 0; o < n; o++) {
    const [start, taps, divisor, inside] = window(o);
    if (inside) {
      lo = Math.min(lo, o);
      hi = o + 1;
    }
    words.push(start, taps, divisor);
  }
  return { n, words, lo: Math.min(lo, hi), hi };
}

/** The windows of a max pool axis: taps at dilation steps, clipped to the input. */
export function maxAxis(size: number, n: number, k: number, pad: number, stride: number, dil: number): AxisWindows {
  return axisWindows(n, (o) => {
    let start = o * stride - pad;
    const end = Math.min(start + (k - 1) * dil + 1, size);
    const inside = start >= 0 && end === start + (k - 1) * dil + 1;
    while (start < 0) start += dil;
    const taps = end > start ? Math.ceil((end - start) / dil) : 0;
    return [start, taps, 1, inside];
  });
}

/** The windows of an average pool axis; the divisor factor counts padding when `includePad`. */
export function avgAxis(
  size: number,
  n: number,
  k: number,
  pad: number,
  stride: number,
  includePad: boolean,
): AxisWindows {
  return axisWindows(n, (o) => {
    const s0 = o * stride - pad;
    const e0 = Math.min(s0 + k, size + pad);
    const start = Math.max(s0, 0),
      end = Math.min(e0, size);
    const taps = Math.max(end - start, 0);
    return [start, taps, includePad ? e0 - s0 : taps, s0 >= 0 && s0 + k <= size];
  });
}

/** The windows of an adaptive pool axis: [floor(o * size / n), ceil((o + 1) * size / n)). */
export function adaptiveAxis(size: number, n: number): AxisWindows {
  return axisWindows(n, (o) => {
    const start = Math.floor((o * size) / n);
    const end = Math.ceil(((o + 1) * size) / n);
    return [start, end - start, end - start, false];
  });
}

/** The windows' table in wasm memory (an int32 tensor the caller's scope frees). */
export function windowTable(win: Windows): Tensor {
  const words = [...win.h.words, ...win.w.words];
  const t = Tensor._empty([Math.max(words.length, 1)], "int32");
  (abi.view("int32", t._addr(), words.length) as Int32Array).set(words);
  return t;
}

/** "(CxHxW)" as PyTorch's size messages print it. */
const dims3 = (c: number, h: number, w: number): string => `(${c}x${h}x${w})`;

/**
 * pool2d_shape_check: kernel, stride and dilation positive, the input 3-D or
 * 4-D with non-empty non-batch dims, padding at most half the kernel and an
 * output of at least one element.
 */
export function pool2dShapeCheck(
  input: Tensor,
  k: readonly number[],
  s: readonly number[],
  p: readonly number[],
  d: readonly number[],
  oh: number,
  ow: number,
): void {
  if (!(k[0]! > 0 && k[1]! > 0))
    throw new RangeError(`kernel size should be greater than zero, but got kH: ${k[0]} kW: ${k[1]}`);
  if (!(s[0]! > 0 && s[1]! > 0))
    throw new RangeError(`stride should be greater than zero, but got dH: ${s[0]} dW: ${s[1]}`);
  if (!(d[0]! > 0 && d[1]! > 0))
    throw new RangeError(`dilation should be greater than zero, but got dilationH: ${d[0]} dilationW: ${d[1]}`);
  const shape = input.shape,
    nd = shape.length;
  const validDims = shape[nd - 1] !== 0 && shape[nd - 2] !== 0;
  if (!((nd === 3 && shape[0] !== 0 && validDims) || (nd === 4 && validDims && shape[1] !== 0)))
    throw new RangeError(
      `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${shape.join(", ")}]`,
    );
  if (!(Math.trunc(k[1]! / 2) >= p[1]! && Math.trunc(k[0]! / 2) >= p[0]!))
    throw new RangeError(
      `pad should be smaller than or equal to half of kernel size, but got padW = ${p[1]}, padH = ${p[0]}, kW = ${k[1]}, kH = ${k[0]}`,
    );
  const c = shape[nd - 3]!,
    h = shape[nd - 2]!,
    w = shape[nd - 1]!;
  if (ow < 1 || oh < 1)
    throw new RangeError(
      `Given input size: ${dims3(c, h, w)}. Calculated output size: ${dims3(c, oh, ow)}. Output size is too small`,
    );
}
