// adaptive_avg_pool1d/2d and adaptive_max_pool1d/2d: windows
// [floor(i * in / out), ceil((i + 1) * in / out)) per output, on the kernels
// of the fixed pools (pooling.ts). As in PyTorch 1.13, a 1x1 adaptive
// average is input.mean([-1, -2], keepdim) (MeanBackward1), and the 1-d
// pools are the 2-d ones over an unsqueezed row (SqueezeBackward1).

import type { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import { checkTensor } from "../../ops/launch.js";
import { mean } from "../../ops/reduce.js";
import { squeeze, unsqueeze } from "../../ops/views.js";
import { adaptiveAxis, withOutputShape, type Windows } from "./poolWindows.js";
import { avgPoolWith, maxPoolWith, intList, maxPoolFn } from "./pooling.js";
import { checkArgs } from "./common.js";

/** An output size: an int, or one per pooled dim (null keeps the input's size). */
export type OutputSize = number | readonly (number | null)[];

/** The keyword argument of F.adaptive_max_pool1d/2d. */
export interface AdaptiveMaxPoolOptions {
  /** Also return the argmax positions, as `[values, indices]`. */
  returnIndices?: boolean;
}

/** The output size as [oh, ow], nulls replaced by the input's sizes (F's _list_with_default). */
function outputPair(outputSize: unknown, input: Tensor, fn: string, n: number): number[] {
  const nd = input.shape.length;
  const list = typeof outputSize === "number" ? Array.from({ length: n }, () => outputSize) : outputSize;
  if (!Array.isArray(list) || list.length !== n || list.some((v) => v !== null && !Number.isInteger(v)))
    throw new TypeError(`${fn}: output_size must be ${n}`);
  return (list as (number | null)[]).map((v, i) => (v === null ? input.shape[nd - n + i]! : v));
}

function adaptiveWindows(input: Tensor, o: readonly number[], fn: string, colon: string): Windows {
  const nd = input.shape.length;
  if (nd !== 3 && nd !== 4)
    throw new RangeError(`${fn}(): Expected 3D or 4D tensor, but got${colon} [${input.shape.join(", ")}]`);
  for (const i of [-2, -1])
    if (input.shape[nd + i] === 0)
      throw new RangeError(
        `${fn}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${input.shape.join(", ")}] with dimension ${nd + i} being empty`,
      );
  if (!isFloating(input.dtype) || input.dtype === "float16")
    throw new TypeError(`"${fn}" not implemented for '${scalarTypeName[input.dtype]}'`);
  return withOutputShape([...input.shape.slice(0, nd - 2), o[0]!, o[1]!], () => ({
    h: adaptiveAxis(input.shape[nd - 2]!, o[0]!),
    w: adaptiveAxis(input.shape[nd - 1]!, o[1]!),
    dilH: 1,
    dilW: 1,
    sW: 0,
    divisor: 0,
    adaptive: true,
  }));
}

function checkNonNegative(o: readonly number[], fn: string): void {
  if (o.some((v) => v < 0))
    throw new RangeError(
      `${fn}: elements of output_size must be greater than or equal to 0 but received {${o.join(", ")}}`,
    );
}

/** F.adaptive_avg_pool2d: [.., H, W] averaged down to outputSize (AdaptiveAvgPool2DBackward0). */
export function adaptiveAvgPool2d(input: Tensor, outputSize: OutputSize): Tensor {
  checkTensor(input, "adaptiveAvgPool2d", "input");
  const o = outputPair(outputSize, input, "adaptive_avg_pool2d", 2);
  checkNonNegative(o, "adaptive_avg_pool2d");
  if (o[0] === 1 && o[1] === 1) return mean(input, { dim: [-1, -2], keepdim: true });
  return avgPoolWith("adaptiveAvgPool2d", input, adaptiveWindows(input, o, "adaptive_avg_pool2d", ""));
}

/** F.adaptive_max_pool2d: the max over adaptive windows; with `returnIndices`, `[values, indices]`. */
export const adaptiveMaxPool2d = maxPoolFn<OutputSize, AdaptiveMaxPoolOptions>(function adaptiveMaxPool2d(
  input,
  outputSize,
  opts = {},
) {
  checkArgs("adaptiveMaxPool2d", { input }, opts, ["returnIndices"]);
  const o = outputPair(outputSize, input, "adaptive_max_pool2d(): internal error: output_size.size()", 2);
  const win = adaptiveWindows(input, o, "adaptive_max_pool2d", ":");
  return maxPoolWith("adaptiveMaxPool2d", input, win, opts.returnIndices ?? false);
});

function check1d(input: Tensor, fn: string): void {
  const nd = input.shape.length;
  if (nd !== 2 && nd !== 3)
    throw new RangeError(
      `Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' (while checking arguments for ${fn})`,
    );
}

function size1d(outputSize: unknown, fn: string): number {
  const l = intList(outputSize, 1);
  if (l === null || (Array.isArray(outputSize) && outputSize.length !== 1))
    throw new TypeError(`${fn}: output_size must be 1`);
  return l[0]!;
}

/** F.adaptive_avg_pool1d: [.., L] averaged down to outputSize. */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number | readonly number[]): Tensor {
  checkTensor(input, "adaptiveAvgPool1d", "input");
  check1d(input, "adaptive_avg_pool1d");
  const n = size1d(outputSize, "adaptive_avg_pool1d");
  return scoped(() => squeeze(adaptiveAvgPool2d(unsqueeze(input, -2), [1, n]), -2));
}

/** F.adaptive_max_pool1d: the max over adaptive windows of [.., L]; with `returnIndices`, `[values, indices]`. */
export const adaptiveMaxPool1d = maxPoolFn<number | readonly number[], AdaptiveMaxPoolOptions>(
  function adaptiveMaxPool1d(input, outputSize, opts = {}) {
    checkArgs("adaptiveMaxPool1d", { input }, opts, ["returnIndices"]);
    check1d(input, "adaptive_max_pool1d");
    const n = size1d(outputSize, "adaptive_max_pool1d");
    return scoped(() => {
      const r = adaptiveMaxPool2d(unsqueeze(input, -2), [1, n], { returnIndices: true });
      const [v, i] = [squeeze(r[0], -2), squeeze(r[1], -2)];
      return opts.returnIndices ? [v, i] : v;
    }) as Tensor | [Tensor, Tensor];
  },
);
