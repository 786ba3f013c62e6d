// Reductions: sum, mean, prod; the shared argument parsing and the launcher
// of the reduction kernels (assembly/kernels/reduce.ts). max/min/amax/amin/
// argmax/argmin live in extrema.ts, var/std in variance.ts, softmax and
// logsumexp in softmax.ts, norm in norm.ts.

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { isFloating, isHalf, parseDType, scalarTypeName, type DType } from "../dtype.js";
import { readNumbers, writeNumbers } from "../half.js";
import { checkNarrowSupport, isNarrow, throughWide, widened } from "./wide.js";
import { normDim, normDims, coalesce } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { SERIAL, parallelReduce } from "../threads/parallel.js";
import { record } from "../autograd/function.js";
import { checkTensor, castTo, copyInto, filledBy } from "./launch.js";
import { isPlainObject, kindOf } from "../args.js";

/** A reduction's `dim`: one dim or a list (negative counts from the end), as PyTorch's int or tuple of ints. */
export type Dims = number | readonly number[];

/** Keyword arguments of sum, mean and prod: `dim` (all dims when absent), `keepdim`, and `dtype` to compute in. */
export interface ReduceOptions {
  /** The dims to reduce (all when absent or null). */
  dim?: Dims | null;
  /** Keep the reduced dims as size 1 (default false). */
  keepdim?: boolean;
  /** Cast the input to this dtype first (sum, mean and prod). */
  dtype?: DType;
}

/**
 * The call forms of a reduction, PyTorch's spelled the JavaScript way: `f(x)`,
 * `f(x, dim)`, `f(x, dim, keepdim)`, `f(x, dim, keepdim, opts)`, `f(x, dim,
 * opts)` and `f(x, opts)`. `D` is what `dim` may be (one dim or a list),
 * `O` the other options.
 */
// (`{}` leaves the options types weak, so TypeScript rejects an array or a
// number passed where options go.)
export interface Reduction<D, O extends object = {}> {
  (input: Tensor, opts?: { dim?: D | null; keepdim?: boolean } & O): Tensor;
  (input: Tensor, dim: D | null, opts?: { keepdim?: boolean } & O): Tensor;
  (input: Tensor, dim: D | null, keepdim: boolean, opts?: { keepdim?: never } & O): Tensor;
}

/** The method forms of a reduction: `x.f()`, `x.f(dim, keepdim?, opts?)`, `x.f(dim, opts)`, `x.f(opts)`. */
export interface ReductionMethod<D, O extends object = {}> {
  (opts?: { dim?: D | null; keepdim?: boolean } & O): Tensor;
  (dim: D | null, opts?: { keepdim?: boolean } & O): Tensor;
  (dim: D | null, keepdim: boolean, opts?: { keepdim?: never } & O): Tensor;
}

/** The dtype option of sum, mean and prod. */
type DTypeOption = { dtype?: DType };

/** Dims to reduce, sorted: all when dim is omitted or an empty list (as PyTorch's sum/mean/amax/var). */
export function reducedDims(t: Tensor, dim: Dims | null | undefined): number[] {
  const all = t.shape.map((_, i) => i);
  if (dim === undefined || dim === null) return all;
  checkDims(dim);
  const dims = normDims(dim, t.shape.length);
  if (dims.length === 0) return all;
  return t.shape.length === 0 ? [] : dims;
}

function checkDims(dim: unknown): void {
  if (typeof dim === "number") return;
  if (!Array.isArray(dim)) throw new TypeError(`dim must be an int or a list of ints, but got ${typeof dim}`);
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

interface Launch {
  /** Output of values (shape with reduced dims kept as 1 or dropped), or null. */
  out: Tensor | null;
  /** Output of indices (same shape; the kernels write int32, widened here for an int64 output), or null. */
  indices?: Tensor | null;
  p?: number;
  q?: number;
  /**
   * Whether the block must be walked in row-major order (index-reporting
   * kernels). Otherwise the reduced dims are reordered by stride, so a
   * transposed input reduces as contiguous memory.
   */
  ordered?: boolean;
}

/**
 * Runs reduction kernel `<kernel>_<dtype>` of `t` over `dims` (see
 * assembly/kernels/reduce.ts for the meta block it writes).
 */
export function reduceInto(kernel: string, t: Tensor, dims: readonly number[], l: Launch, torchOp = kernel): void {
  if (l.indices && l.indices.dtype !== "int32") {
    const narrow = Tensor._empty(l.indices.shape, "int32");
    try {
      reduceInto(kernel, t, dims, { ...l, indices: narrow }, torchOp);
      copyInto(l.indices, narrow);
    } finally {
      narrow.dispose();
    }
    return;
  }
  if (isNarrow(t.dtype)) {
    // Reduced in the wide dtype (float16 sums accumulate in float32, as PyTorch's), the result rounded once.
    checkNarrowSupport(kernel, t.dtype);
    const src = widened(t);
    try {
      const out = l.out;
      if (out === null || !isNarrow(out.dtype)) reduceInto(kernel, src.t, dims, l, torchOp);
      else throughWide(out, (w) => reduceInto(kernel, src.t, dims, { ...l, out: w }, torchOp));
      return;
    } finally {
      if (src.owned) src.t.dispose();
    }
  }
  const fn = abi.kernel(kernel, t.dtype, torchOp);
  const res = l.out ?? l.indices!;
  if (res.numel() === 0) return;
  const keepdim = res.shape.length === t.shape.length;
  const keptShape: number[] = [],
    keptIn: number[] = [],
    keptOut: number[] = [];
  let red: { size: number; stride: number }[] = [];
  let j = 0;
  t.shape.forEach((s, d) => {
    if (dims.includes(d)) {
      red.push({ size: s, stride: t._strides[d]! });
      if (keepdim) j++;
      return;
    }
    keptShape.push(s);
    keptIn.push(t._strides[d]!);
    keptOut.push(res._strides[j++]!);
  });
  if (!l.ordered) red = red.slice().sort((x, y) => y.stride - x.stride);
  const k = coalesce(keptShape, [keptIn, keptOut]);
  const r = coalesce(
    red.map((x) => x.size),
    [red.map((x) => x.stride)],
  );
  const words = [
    k.shape.length,
    r.shape.length,
    ...k.shape,
    ...k.strides[0]!,
    ...k.strides[1]!,
    ...r.shape,
    ...r.strides[0]!,
  ];
  if (parallelReduce(fn, t, l.out, l.indices ?? null, words, [l.p ?? 0, l.q ?? 0]) !== SERIAL) return;
  const meta = abi.writeScratchI32(words);
  fn(t._addr(), l.out === null ? 0 : l.out._addr(), l.indices ? l.indices._addr() : 0, meta, l.p ?? 0, l.q ?? 0);
}

/** A fresh output for reducing `dims` of `t`, filled by `fill`; disposed if `fill` throws. */
export function reduceNew(
  t: Tensor,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
  fill: (out: Tensor) => void,
): Tensor {
  return filledBy(Tensor._empty(reducedShape(t.shape, dims, keepdim), dtype), fill);
}

// ---- argument parsing ----------------------------------------------------------

const what = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "Array" : typeof v);

/** Validates an options object against the keys an op accepts. */
export function checkOptions<O extends object>(opts: unknown, fn: string, allowed: readonly string[]): O {
  if (opts === undefined || opts === null) return {} as O;
  if (!isPlainObject(opts)) throw new TypeError(`${fn}(): options must be an object, but got ${kindOf(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) throw new TypeError(`${fn}(): unknown option "${k}" (expected ${allowed.join(", ")})`);
  }
  const o = opts as Record<string, unknown>;
  if (o.keepdim !== undefined && typeof o.keepdim !== "boolean")
    throw new TypeError(`${fn}(): argument 'keepdim' must be bool, not ${what(o.keepdim)}`);
  if (o.dtype !== undefined && o.dtype !== null) o.dtype = parseDType(o.dtype, `${fn}(): dtype`);
  return o as O;
}

const isDims = (v: unknown): v is Dims => typeof v === "number" || Array.isArray(v);

/**
 * Parses PyTorch's call forms `(dim?, keepdim?, options?)` and `(options)`:
 * `x.sum(1)`, `x.sum(1, true)`, `x.sum([0, 1], { keepdim: true })`,
 * `x.sum({ dim: [0, 1], keepdim: true, dtype: "float64" })`.
 */
export function reduceArgs<O extends ReduceOptions = ReduceOptions>(
  args: readonly unknown[],
  fn: string,
  allowed: readonly string[] = ["dim", "keepdim"],
): O {
  const [a, b, c] = args;
  if (a !== null && !isDims(a)) {
    if (args.length > 1)
      throw new TypeError(`${fn}(): expected (dim, keepdim, options) or (options), but got ${args.length} arguments`);
    return checkOptions<O>(a, fn, allowed);
  }
  // A leading null is PyTorch's dim=None: `x.argmax(null, true)`.
  if (typeof b === "object" && b !== null) return { ...checkOptions<O>(b, fn, allowed), dim: a };
  if (b !== undefined && typeof b !== "boolean")
    throw new TypeError(`${fn}(): argument 'keepdim' must be bool, not ${what(b)}`);
  return { ...checkOptions<O>(c, fn, allowed), dim: a, ...(b === undefined ? {} : { keepdim: b }) };
}

/** A single dim as PyTorch's int-only overloads take it (prod, max, argmax, softmax). */
function singleDim(dim: unknown, fn: string, ndim: number): number {
  if (Array.isArray(dim)) throw new TypeError(`${fn}(): argument 'dim' must be int, not list`);
  return normDim(dim, ndim);
}

/** The dims list of an int-only dim argument: [d], or [] for a 0-d input. */
export function oneDim(t: Tensor, dim: unknown, fn: string): number[] {
  const d = singleDim(dim, fn, t.shape.length);
  return t.shape.length === 0 ? [] : [d];
}

/** Brings the input to the dtype an op computes in (an owned copy when it differs). */
export function inDType<R>(t: Tensor, dtype: DType, fn: (src: Tensor) => R): R {
  const src = dtype === t.dtype ? t : castTo(t, dtype);
  try {
    return fn(src);
  } finally {
    if (src !== t) src.dispose();
  }
}

// ---- sum, mean, prod -------------------------------------------------------------

function sumOf(input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, "sum", "input");
  const o = reduceArgs(args, "sum", ["dim", "keepdim", "dtype"]);
  const keepdim = o.keepdim ?? false;
  const dims = reducedDims(input, o.dim);
  // Integers and bools sum in int64 (PyTorch's default), exactly up to its wrap at 2^63.
  const dtype: DType = o.dtype ?? (isFloating(input.dtype) ? input.dtype : "int64");
  const out = inDType(input, dtype, (src) =>
    reduceNew(src, dims, keepdim, dtype, (r) => reduceInto("sum", src, dims, { out: r })),
  );
  const all = o.dim === undefined || o.dim === null;
  return record(all ? "sum" : "sumDim", out, [input], { shape: input.shape, dims, keepdim });
}

function meanOf(input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, "mean", "input");
  const o = reduceArgs(args, "mean", ["dim", "keepdim", "dtype"]);
  const dtype = o.dtype ?? input.dtype;
  if (!isFloating(dtype)) {
    throw new TypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName[dtype]}`,
    );
  }
  const keepdim = o.keepdim ?? false;
  const dims = reducedDims(input, o.dim);
  const n = dims.reduce((acc, d) => acc * input.shape[d]!, 1);
  const out = inDType(input, dtype, (src) =>
    reduceNew(src, dims, keepdim, dtype, (r) =>
      isHalf(dtype) ? halfMean(src, dims, r, n) : reduceInto("mean", src, dims, { out: r, p: n }),
    ),
  );
  const all = o.dim === undefined || o.dim === null;
  return record(all ? "mean" : "meanDim", out, [input], { shape: input.shape, dims, keepdim, n });
}

/** PyTorch's float16/bfloat16 mean: the sum rounded to the dtype, then divided in float32 and rounded again. */
function halfMean(src: Tensor, dims: readonly number[], out: Tensor, n: number): void {
  reduceInto("sum", src, dims, { out });
  const v = abi.view(out.dtype, out._addr(), out.numel());
  writeNumbers(
    out.dtype,
    v,
    Array.from(readNumbers(out.dtype, v), (x) => Math.fround(x / n)),
  );
}

function prodOf(input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, "prod", "input");
  const o = reduceArgs(args, "prod", ["dim", "keepdim", "dtype"]);
  const all = o.dim === undefined || o.dim === null;
  const dims = all ? reducedDims(input, null) : oneDim(input, o.dim, "prod");
  const keepdim = o.keepdim ?? false;
  const dtype: DType = o.dtype ?? (isFloating(input.dtype) ? input.dtype : "int64");
  const out = inDType(input, dtype, (src) =>
    reduceNew(src, dims, keepdim, dtype, (r) => reduceInto("prod", src, dims, { out: r })),
  );
  if (all) return record("prod", out, [input]);
  return record("prodDim", out, [input], { dim: dims[0] ?? 0, keepdim });
}

/**
 * torch.sum: the sum of all elements, or over `dim` (one or a list).
 * Integers and bools sum to int64, as in PyTorch. SumBackward0 over
 * everything, SumBackward1 over dims.
 */
export const sum: Reduction<Dims, DTypeOption> = (input: Tensor, ...args: unknown[]): Tensor => sumOf(input, args);

/**
 * torch.mean: the mean of all elements, or over `dim` (one or a list), of a
 * floating tensor (or with a floating `dtype`); of nothing it is nan.
 * MeanBackward0 over everything, MeanBackward1 over dims.
 */
export const mean: Reduction<Dims, DTypeOption> = (input: Tensor, ...args: unknown[]): Tensor => meanOf(input, args);

/**
 * torch.prod: the product of all elements (ProdBackward0), or along one
 * `dim` (ProdBackward1; PyTorch takes no list either). Integers and bools
 * give int64, as in PyTorch.
 */
export const prod: Reduction<number, DTypeOption> = (input: Tensor, ...args: unknown[]): Tensor => prodOf(input, args);

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.sum: see torch.sum. */
    sum: ReductionMethod<Dims, DTypeOption>;
    /** Tensor.mean: see torch.mean. */
    mean: ReductionMethod<Dims, DTypeOption>;
    /** Tensor.prod: see torch.prod. */
    prod: ReductionMethod<number, DTypeOption>;
  }
}

addMethods({
  sum: function (this: Tensor, ...args: unknown[]) {
    return sumOf(this, args);
  } as Tensor["sum"],
  mean: function (this: Tensor, ...args: unknown[]) {
    return meanOf(this, args);
  } as Tensor["mean"],
  prod: function (this: Tensor, ...args: unknown[]) {
    return prodOf(this, args);
  } as Tensor["prod"],
});
