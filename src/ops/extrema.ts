// max, min (full, along a dim with indices, or elementwise against another
// tensor), amax, amin, argmax, argmin.

import { Tensor } from "../tensor.js";
import { INDEX_DTYPE } from "../dtype.js";
import { addMethodsOf } from "../methods.js";
import { record } from "../autograd/function.js";
import type { OpName } from "../autograd/registry.js";
import { checkTensor } from "./launch.js";
import { maximum, minimum } from "./binary.js";
import {
  reduceArgs,
  reduceInto,
  reduceNew,
  reducedDims,
  reducedShape,
  oneDim,
  type Dims,
  type Reduction,
  type ReductionMethod,
} from "./reduce.js";

type Kind = "max" | "min";

/**
 * PyTorch's named tuple (values, indices): `r.values`, `r[0]`, destructures as
 * `const [values, indices] = r`, and prints like torch.return_types.max.
 */
export interface ValuesIndices {
  /** The extreme values. */
  values: Tensor;
  /** Where they are along the dim (int64, as in PyTorch). */
  indices: Tensor;
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length: 2;
  [Symbol.iterator](): Iterator<Tensor>;
}

export function returnTypes(name: string, values: Tensor, indices: Tensor): ValuesIndices {
  // A plain object (so tidy() keeps what it holds) whose extras are not enumerable.
  const r = { values, indices } as ValuesIndices;
  const show = (): string => `torch.return_types.${name}(\nvalues=${String(values)},\nindices=${String(indices)})`;
  Object.defineProperties(r, {
    0: { value: values },
    1: { value: indices },
    length: { value: 2 },
    [Symbol.iterator]: { value: () => [values, indices][Symbol.iterator]() },
    toString: { value: show },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: show },
  });
  return r;
}

const noDimMessage = (fn: string): string =>
  `${fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`;

/** PyTorch's error for reducing a zero-size dim with an op that has no identity. */
function checkNonEmpty(fn: string, t: Tensor, dims: readonly number[]): void {
  for (const d of dims)
    if (t.shape[d] === 0) throw new RangeError(`${fn}(): Expected reduction dim ${d} to have non-zero size.`);
}

/** The max/min of every element (MaxBackward1): a 0-d tensor. */
function extremumAll(kind: Kind, input: Tensor): Tensor {
  if (input.numel() === 0) throw new Error(noDimMessage(kind));
  const dims = reducedDims(input, null);
  const out = reduceNew(input, dims, false, input.dtype, (r) => reduceInto(kind, input, dims, { out: r }));
  return record(kind === "max" ? "maxAll" : "minAll", out, [input]);
}

/** (values, indices) along one dim (MaxBackward0); the index is the first extremum's (the first NaN's). */
function extremumDim(kind: Kind, input: Tensor, dim: unknown, keepdim: boolean): ValuesIndices {
  const dims = oneDim(input, dim, kind);
  checkNonEmpty(kind, input, dims);
  const values = reduceNew(input, dims, keepdim, input.dtype, () => {});
  let indices: Tensor | null = null;
  try {
    indices = Tensor._empty(values.shape, INDEX_DTYPE);
    reduceInto(kind, input, dims, { out: values, indices, ordered: true });
  } catch (e) {
    values.dispose();
    indices?.dispose();
    throw e;
  }
  const op: OpName = kind === "max" ? "maxDim" : "minDim";
  record(op, [values, indices], [input], { shape: input.shape, dim: dims[0] ?? 0, keepdim, indices });
  return returnTypes(kind, values, indices);
}

function extremum(kind: Kind, input: Tensor, args: readonly unknown[]): Tensor | ValuesIndices {
  checkTensor(input, kind, "input");
  if (args[0] instanceof Tensor) {
    if (args.length > 1)
      throw new TypeError(
        `${kind}(): expected (other) or (dim, keepdim), but got ${args.length} arguments after a Tensor`,
      );
    return kind === "max" ? maximum(input, args[0]) : minimum(input, args[0]);
  }
  const o = reduceArgs(args, kind);
  if (o.dim === undefined || o.dim === null) {
    if (o.keepdim !== undefined) throw new TypeError(`${kind}(): keepdim needs a dim`);
    return extremumAll(kind, input);
  }
  return extremumDim(kind, input, o.dim, o.keepdim ?? false);
}

/** The forms of max and min. */
export interface Extremum {
  (input: Tensor): Tensor;
  (input: Tensor, other: Tensor): Tensor;
  (input: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
  (input: Tensor, dim: number, opts: { keepdim?: boolean }): ValuesIndices;
  (input: Tensor, opts: { dim: number; keepdim?: boolean }): ValuesIndices;
}

/**
 * torch.max: max(input) is the largest element (a 0-d tensor; NaN if any),
 * max(input, dim, keepdim?) the named tuple `{ values, indices }`,
 * max(input, other) the elementwise maximum. Indices are int64, as in
 * PyTorch.
 */
export const max = ((input: Tensor, ...args: unknown[]) => extremum("max", input, args)) as Extremum;

/** torch.min: as max, for the smallest. */
export const min = ((input: Tensor, ...args: unknown[]) => extremum("min", input, args)) as Extremum;

function amaxOrAmin(fn: "amax" | "amin", input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, fn, "input");
  const o = reduceArgs(args, fn);
  const dims = reducedDims(input, o.dim);
  const allDims = o.dim === undefined || o.dim === null || (Array.isArray(o.dim) && o.dim.length === 0);
  if (input.numel() === 0 && allDims) throw new Error(noDimMessage(fn));
  checkNonEmpty(fn, input, dims);
  const keepdim = o.keepdim ?? false;
  const out = reduceNew(input, dims, keepdim, input.dtype, (r) =>
    reduceInto(fn === "amax" ? "max" : "min", input, dims, { out: r }, fn),
  );
  return record(fn, out, [input], { dims, keepdim });
}

/**
 * torch.amax: the max over `dim` (one or a list; all by default) without
 * indices; the gradient is split evenly among ties (AmaxBackward0).
 */
export const amax: Reduction<Dims> = (input: Tensor, ...args: unknown[]): Tensor => amaxOrAmin("amax", input, args);
/** torch.amin: the min over `dim`, as amax (AminBackward0). */
export const amin: Reduction<Dims> = (input: Tensor, ...args: unknown[]): Tensor => amaxOrAmin("amin", input, args);

function argExtremum(fn: "argmax" | "argmin", input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, fn, "input");
  if (input.dtype === "bool") throw new TypeError(`"${fn}_cpu" not implemented for 'Bool'`);
  const o = reduceArgs(args, fn);
  const keepdim = o.keepdim ?? false;
  let dims: number[];
  if (o.dim === undefined || o.dim === null) {
    if (input.numel() === 0)
      throw new RangeError(`${fn}(): Expected reduction dim to be specified for input.numel() == 0.`);
    dims = reducedDims(input, null);
  } else {
    if (Array.isArray(o.dim)) throw new TypeError(`${fn}(): argument 'dim' (position 1) must be int, not list`);
    dims = oneDim(input, o.dim, fn);
    checkNonEmpty(fn, input, dims);
  }
  // Without a dim the index is into the flattened tensor; keepdim keeps every dim as 1.
  const indices = Tensor._empty(reducedShape(input.shape, dims, keepdim), INDEX_DTYPE);
  try {
    reduceInto(fn === "argmax" ? "max" : "min", input, dims, { out: null, indices, ordered: true }, fn);
  } catch (e) {
    indices.dispose();
    throw e;
  }
  return indices;
}

/**
 * torch.argmax: the index of the first maximum, into the flattened tensor
 * or along one `dim`. Not differentiable. Indices are int64, as in PyTorch.
 */
export const argmax: Reduction<number> = (input: Tensor, ...args: unknown[]): Tensor =>
  argExtremum("argmax", input, args);
/** torch.argmin: the index of the first minimum, as argmax. */
export const argmin: Reduction<number> = (input: Tensor, ...args: unknown[]): Tensor =>
  argExtremum("argmin", input, args);

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.max: see torch.max (the largest element; with `other`, torch.maximum; with `dim`, `{ values, indices }`). */
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number, keepdim?: boolean): ValuesIndices;
    max(dim: number, opts: { keepdim?: boolean }): ValuesIndices;
    max(opts: { dim: number; keepdim?: boolean }): ValuesIndices;
    /** Tensor.min: see torch.min (the smallest element; with `other`, torch.minimum; with `dim`, `{ values, indices }`). */
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number, keepdim?: boolean): ValuesIndices;
    min(dim: number, opts: { keepdim?: boolean }): ValuesIndices;
    min(opts: { dim: number; keepdim?: boolean }): ValuesIndices;
    /** Tensor.amax: see torch.amax. */
    amax: ReductionMethod<Dims>;
    /** Tensor.amin: see torch.amin. */
    amin: ReductionMethod<Dims>;
    /** Tensor.argmax: see torch.argmax. */
    argmax: ReductionMethod<number>;
    /** Tensor.argmin: see torch.argmin. */
    argmin: ReductionMethod<number>;
  }
}

addMethodsOf({ max, min, amax, amin, argmax, argmin });
