// Reductions: sum, mean, prod, max/min (with indices along a dim), amax, amin,
// argmax, argmin; each over one dim, a list of dims, or everything, with keepdim.

import { Tensor } from "../tensor.js";
import { isFloating, type DType } from "../dtype.js";
import { normDims, coalesce } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { checkTensor, castTo } from "./launch.js";

export interface ReduceOptions {
  dim?: number | readonly number[] | null;
  keepdim?: boolean;
  dtype?: DType;
}

/** Dims to reduce: all when dim is omitted (or an empty list, as PyTorch's sum). */
export function reducedDims(t: Tensor, dim: number | readonly number[] | null | undefined): number[] {
  if (dim === undefined || dim === null) return t.shape.map((_, i) => i);
  const dims = normDims(dim, t.shape.length);
  if (dims.length === 0) return t.shape.map((_, i) => i);
  return t.shape.length === 0 ? [] : dims;
}

/** The output shape of reducing `dims` of `shape`. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((s, d) => {
    if (!dims.includes(d)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/**
 * Runs reduction kernel `kernel` (sum/prod/max/min) of `t` over `dims` into
 * `out` (shape with the reduced dims kept as 1 or dropped) and, for max/min,
 * `indices` (int32, same shape).
 */
export function reduceInto(kernel: string, t: Tensor, dims: readonly number[], out: Tensor, indices: Tensor | null, torchOp: string): void {
  const fn = abi.kernel(kernel, t.dtype, torchOp);
  const keptShape: number[] = [], keptIn: number[] = [], redShape: number[] = [], redIn: number[] = [];
  t.shape.forEach((s, d) => {
    if (dims.includes(d)) {
      redShape.push(s);
      redIn.push(t._strides[d]!);
    } else {
      keptShape.push(s);
      keptIn.push(t._strides[d]!);
    }
  });
  // The output's strides for the kept dims, in order.
  const outStrides: number[] = [];
  const kept = new Set(t.shape.map((_, d) => d).filter((d) => !dims.includes(d)));
  let j = 0;
  const keepdim = out.shape.length === t.shape.length;
  t.shape.forEach((_, d) => {
    if (kept.has(d)) outStrides.push(out._strides[keepdim ? d : j]!);
    if (kept.has(d) || keepdim) j++;
  });
  const k = coalesce(keptShape, [keptIn, outStrides]);
  // The reduced block must keep row-major order (argmax counts positions in it): only merge, never drop order.
  const r = coalesce(redShape, [redIn]);
  const words = [k.shape.length, r.shape.length, ...k.shape, ...k.strides[0]!, ...k.strides[1]!, ...r.shape, ...r.strides[0]!];
  const meta = abi.writeScratchI32(words);
  fn(t._addr(), out._addr(), indices === null ? 0 : indices._addr(), meta);
}

function checkOptions(opts: unknown, fn: string, allowed: readonly string[]): ReduceOptions {
  if (opts === undefined || opts === null) return {};
  if (typeof opts === "number" || Array.isArray(opts)) return { dim: opts as number | number[] };
  if (typeof opts !== "object") throw new TypeError(`${fn}(): options must be an object, but got ${typeof opts}`);
  for (const k of Object.keys(opts)) if (!allowed.includes(k)) throw new TypeError(`${fn}(): unknown option "${k}" (expected ${allowed.join(", ")})`);
  const o = opts as ReduceOptions;
  if (o.keepdim !== undefined && typeof o.keepdim !== "boolean") throw new TypeError(`${fn}(): keepdim must be a boolean`);
  return o;
}

/** Parses `(dim?, keepdim?)` or `({ dim, keepdim })` call forms. */
export function reduceArgs(args: readonly unknown[], fn: string, allowed: readonly string[] = ["dim", "keepdim"]): ReduceOptions {
  const [a, b] = args;
  if (typeof a === "number" || Array.isArray(a)) {
    if (b !== undefined && typeof b !== "boolean" && typeof b !== "object") throw new TypeError(`${fn}(): keepdim must be a boolean`);
    const rest = typeof b === "object" && b !== null ? checkOptions(b, fn, allowed) : { keepdim: b as boolean | undefined };
    return { ...rest, dim: a as number | number[] };
  }
  return checkOptions(a, fn, allowed);
}

/** Sum (SumBackward0 over everything, SumBackward1 over dims). Integers and bools sum to int32. */
export function sum(input: Tensor, ...args: unknown[]): Tensor {
  checkTensor(input, "sum", "input");
  const o = reduceArgs(args, "sum", ["dim", "keepdim", "dtype"]);
  const keepdim = o.keepdim ?? false;
  const dims = reducedDims(input, o.dim);
  let src = input;
  const want: DType = o.dtype ?? (input.dtype === "bool" ? "int32" : input.dtype);
  if (want !== input.dtype) src = castTo(input, want);
  try {
    const out = Tensor._empty(reducedShape(input.shape, dims, keepdim), want);
    reduceInto("sum", src, dims, out, null, "sum");
    const all = o.dim === undefined || o.dim === null;
    return record(all ? "sum" : "sumDim", out, [input], { shape: input.shape, dims, keepdim });
  } finally {
    if (src !== input) src.dispose();
  }
}

/** Mean of a floating tensor (MeanBackward0 over everything, MeanBackward1 over dims). */
export function mean(input: Tensor, ...args: unknown[]): Tensor {
  checkTensor(input, "mean", "input");
  const o = reduceArgs(args, "mean", ["dim", "keepdim", "dtype"]);
  const dtype = o.dtype ?? input.dtype;
  if (!isFloating(dtype)) {
    throw new TypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${input.dtype === "int32" ? "Int" : "Bool"}`,
    );
  }
  const keepdim = o.keepdim ?? false;
  const dims = reducedDims(input, o.dim);
  const n = dims.reduce((acc, d) => acc * input.shape[d]!, 1);
  const src = dtype === input.dtype ? input : castTo(input, dtype);
  try {
    const out = Tensor._empty(reducedShape(input.shape, dims, keepdim), dtype);
    reduceInto("sum", src, dims, out, null, "mean");
    const v = abi.view(dtype, out._addr(), out.numel());
    for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
    const all = o.dim === undefined || o.dim === null;
    return record(all ? "mean" : "meanDim", out, [input], { shape: input.shape, dims, keepdim, n });
  } finally {
    if (src !== input) src.dispose();
  }
}


declare module "../tensor.js" {
  interface Tensor {
    sum(dim?: number | readonly number[] | ReduceOptions, keepdim?: boolean | ReduceOptions): Tensor;
    mean(dim?: number | readonly number[] | ReduceOptions, keepdim?: boolean | ReduceOptions): Tensor;
  }
}

Object.assign(Tensor.prototype, {
  sum(this: Tensor, ...args: unknown[]) { return sum(this, ...args); },
  mean(this: Tensor, ...args: unknown[]) { return mean(this, ...args); },
});
