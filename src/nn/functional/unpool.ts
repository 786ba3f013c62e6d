// lp_pool2d, composed of ops as torch.nn.functional writes it (so its grad
// comes from theirs: PowBackward0 last), and max_unpool2d: each value
// written at its index of a zero plane (MaxUnpool2DBackward0, whose grad
// gathers at the same indices). Where indices repeat, the last write wins,
// as in PyTorch's CPU kernel.

import type { Tensor } from "../../tensor.js";
import { INDEX_DTYPE, isFloating, scalarTypeName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { mul, pow } from "../../ops/binary.js";
import { abs, relu, sign } from "../../ops/unary.js";
import { fromArray } from "../../ops/fromData.js";
import { gather, scatterAddToZeros } from "../../ops/indexing.js";
import { indexForKernel } from "../../ops/indexArg.js";
import { reshape } from "../../ops/views.js";
import { checkNumel } from "../../shape.js";
import { avgPool2d, intList, type IntOrPair } from "./pooling.js";
import { checkArgs } from "./common.js";

/** The keyword arguments of F.lp_pool2d. */
export interface LpPoolOptions {
  /** Step between windows (default: kernelSize). */
  stride?: IntOrPair | null;
  /** Round the output size up (default false). */
  ceilMode?: boolean;
}

/** F.lp_pool2d: (sum over each window of x^p)^(1/p), as avg_pool2d(x^p) * (kh * kw), then ^(1/p). */
export function lpPool2d(input: Tensor, normType: number, kernelSize: IntOrPair, opts: LpPoolOptions = {}): Tensor {
  checkArgs("lpPool2d", { input }, opts, ["stride", "ceilMode"]);
  if (typeof normType !== "number") throw new TypeError("lpPool2d(): normType must be a number");
  const k = intList(kernelSize, 2);
  if (k === null) throw new TypeError("avg_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  return scoped(() => {
    const pooled = avgPool2d(pow(input, normType), kernelSize, {
      ...(opts.stride !== undefined && opts.stride !== null ? { stride: opts.stride } : {}),
      padding: 0,
      ceilMode: opts.ceilMode ?? false,
    });
    return pow(mul(mul(sign(pooled), relu(abs(pooled))), k[0]! * k[1]!), 1 / normType);
  });
}

/** The keyword arguments of F.max_unpool2d. */
export interface MaxUnpoolOptions {
  /** The pool's stride (default: kernelSize). */
  stride?: IntOrPair | null;
  /** The pool's padding (default 0). */
  padding?: IntOrPair;
  /** The output's size ([H, W], or the whole shape; default from the pool's arguments). */
  outputSize?: readonly number[] | null;
}

/** What MaxUnpool2DBackward0 keeps. */
export interface UnpoolSaved {
  indices: Tensor;
  shape: readonly number[];
}

/**
 * F.max_unpool2d: the inverse of max_pool2d with returnIndices, each value
 * put back at its index in a zero plane of the pool's input size.
 */
export function maxUnpool2d(
  input: Tensor,
  indices: Tensor,
  kernelSize: IntOrPair,
  opts: MaxUnpoolOptions = {},
): Tensor {
  checkArgs("maxUnpool2d", { input, indices }, opts, ["stride", "padding", "outputSize"]);
  const k = intList(kernelSize, 2),
    s = opts.stride === undefined || opts.stride === null ? k : intList(opts.stride, 2),
    p = intList(opts.padding ?? 0, 2);
  if (k === null || s === null || p === null)
    throw new TypeError("maxUnpool2d(): kernelSize, stride and padding must be integers or arrays of two integers");
  const nd = input.shape.length;
  if (nd !== 3 && nd !== 4)
    throw new RangeError(
      `Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${nd} dimensions.`,
    );
  const dflt = [0, 1].map((d) => (input.shape[nd - 2 + d]! - 1) * s[d]! + k[d]! - 2 * p[d]!);
  let out = dflt;
  if (opts.outputSize !== undefined && opts.outputSize !== null) {
    const given = Array.from(opts.outputSize).slice(-2);
    for (let d = 0; d < 2; d++) {
      const lo = dflt[d]! - s[d]!,
        hi = dflt[d]! + s[d]!;
      if (!(given[d]! > lo && given[d]! < hi))
        throw new RangeError(
          `invalid output_size "[${Array.from(opts.outputSize).join(", ")}]" (dim ${d} must be between ${lo} and ${hi})`,
        );
    }
    out = given;
  }
  if (indices.shape.length !== nd || indices.shape.some((n, i) => n !== input.shape[i]))
    throw new RangeError(
      `Expected shape of indices to be same as that of the input tensor ([${input.shape.join(", ")}]) but got indices tensor with shape: [${indices.shape.join(", ")}]`,
    );
  if (!isFloating(input.dtype))
    throw new TypeError(`"max_unpooling2d_forward_out" not implemented for '${scalarTypeName[input.dtype]}'`);
  const lead = input.shape.slice(0, nd - 2);
  const outShape = [...lead, out[0]!, out[1]!];
  checkNumel(outShape);
  const plane = out[0]! * out[1]!;
  const L = input.shape[nd - 2]! * input.shape[nd - 1]!;
  return scoped(() => {
    const idx = indexForKernel(indices, `max_unpool2d(): expected indices of dtype ${INDEX_DTYPE}`);
    const flatIdx = reshape(idx, [...lead, L]);
    // Reading the indices checks them and finds the writes a later one overwrites.
    const vals = Array.from(flatIdx.contiguous().toArray() as ArrayLike<number>);
    const keep = new Array<number>(vals.length).fill(1);
    for (let base = 0; base < vals.length; base += L) {
      const seen = new Set<number>();
      for (let j = L - 1; j >= 0; j--) {
        const v = vals[base + j]!;
        if (v < 0 || v >= plane)
          throw new RangeError(`Found an invalid max index: ${v} (output volumes are of size ${out[0]}x${out[1]}`);
        if (seen.has(v)) keep[base + j] = 0;
        else seen.add(v);
      }
    }
    const result = noGrad(() => {
      const src = mul(reshape(input, [...lead, L]), fromArray(keep, [...lead, L], { dtype: input.dtype }));
      return reshape(scatterAddToZeros([...lead, plane], nd - 2, flatIdx, src), outShape);
    });
    return record("maxUnpool2d", result, [input], { indices: flatIdx, shape: input.shape } satisfies UnpoolSaved);
  });
}

/** The grad of max_unpool2d: the output's grad gathered at the indices. */
export function maxUnpoolGrad(g: Tensor, s: UnpoolSaved): Tensor {
  const nd = g.shape.length;
  const flat = reshape(g, [...g.shape.slice(0, nd - 2), g.shape[nd - 2]! * g.shape[nd - 1]!]);
  return reshape(gather(flat, nd - 2, s.indices), s.shape);
}
