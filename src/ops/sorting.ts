// Sorting and selection along a dim: sort, argsort, topk, kthvalue, median,
// mode; and unique, searchsorted, bucketize.
//
// Each row (the elements along the dim, as [outer, D, inner] of a contiguous
// copy) is ordered in JavaScript with a stable comparison sort over its
// positions: PyTorch's CPU sort is stable (ties keep their order, also
// descending), NaN ranks above every number (last ascending, first
// descending). Indices are written as int32 and given out in INDEX_DTYPE.

import { checkNarrowSupport } from "./wide.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { INDEX_DTYPE, isHalf, type DType } from "../dtype.js";
import { normDim, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { castTo, checkTensor, checkTensorLike, resultTypeOf, toDType } from "./launch.js";
import { returnTypes, type ValuesIndices } from "./extrema.js";
import { checkOptionsObject } from "../args.js";
import { uniqueAlongDim } from "./uniqueDim.js";

/** Ascending order with NaN above everything; 0 for ties (the sort keeps their order). */
const ascending = (a: number, b: number): number => {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
};
const descending = (a: number, b: number): number => ascending(b, a);

/**
 * The first `k` positions of a row in the stable order of `cmp`, without
 * sorting the row: an insertion into a sorted list of at most k, where a
 * later position never passes an equal earlier one (as the stable sort).
 */
function firstOf(D: number, k: number, read: (j: number) => number, cmp: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let j = 0; j < D; j++) {
    const v = read(j);
    if (best.length === k && cmp(v, read(best[k - 1]!)) >= 0) continue;
    let at = best.length;
    while (at > 0 && cmp(v, read(best[at - 1]!)) < 0) at--;
    best.splice(at, 0, j);
    if (best.length > k) best.pop();
  }
  return best;
}

/** A tensor's layout around `dim`: rows of D elements, `I` apart, in a contiguous copy. */
interface Rows {
  O: number;
  D: number;
  I: number;
}

function rowsOf(shape: readonly number[], dim: number): Rows {
  if (shape.length === 0) return { O: 1, D: 1, I: 1 };
  let O = 1,
    I = 1;
  for (let k = 0; k < dim; k++) O *= shape[k]!;
  for (let k = dim + 1; k < shape.length; k++) I *= shape[k]!;
  return { O, D: shape[dim]!, I };
}

/** The int32 index tensor kernels and loops write, given out in INDEX_DTYPE. */
/** The dtype rows are read in: int64 through float64 (exact within 2^53), float16/bfloat16 through float32 (their bits are not numbers). */
const readable = (d: DType): DType => (d === "int64" ? "float64" : isHalf(d) ? "float32" : d);

/** `t` in `dtype` (freeing `t` when converted). */
function into(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const r = castTo(t, dtype);
  t.dispose();
  return r;
}

function asIndex(idx: Tensor): Tensor {
  if (INDEX_DTYPE === "int32") return idx;
  const r = castTo(idx, INDEX_DTYPE);
  idx.dispose();
  return r;
}

/**
 * For each row of `input` along `dim`: `pick(order, read)` gets the row's
 * positions sorted by `cmp` and returns which of them to keep (`count` per
 * row), written as values and int32 indices into tensors of `outShape`
 * (contiguous, the dim of size `count`).
 */
function selectRows(
  input: Tensor,
  dim: number,
  cmp: (a: number, b: number) => number,
  count: number,
  outShape: readonly number[],
  pick: (order: number[], read: (j: number) => number) => number[],
  firstOnly?: number,
): [Tensor, Tensor] {
  const work = readable(input.dtype);
  const src = castTo(input, work);
  let values = Tensor._empty(outShape, work);
  let idx: Tensor | null = null;
  try {
    idx = Tensor._empty(outShape, "int32");
    const { O, D, I } = rowsOf(input.shape, dim);
    if (input.numel() > 0 && count > 0) {
      // Views made after the last allocation: nothing below grows memory.
      const a = abi.view(work, src._addr(), input.numel()) as Float64Array;
      const v = abi.view(work, values._addr(), values.numel()) as Float64Array;
      const ix = abi.view("int32", idx._addr(), idx.numel());
      const order = new Array<number>(D);
      const row = new Float64Array(D);
      const read = (j: number): number => row[j]!;
      // Without NaN a difference orders the row (the sort is stable, so ties keep their order).
      const up = (p: number, q: number): number => row[p]! - row[q]!;
      const down = (p: number, q: number): number => row[q]! - row[p]!;
      const plain = cmp === ascending ? up : cmp === descending ? down : null;
      for (let o = 0; o < O; o++)
        for (let i = 0; i < I; i++) {
          const base = o * D * I + i;
          let nan = false;
          for (let j = 0; j < D; j++) {
            const x = a[base + j * I]!;
            row[j] = x;
            if (x !== x) nan = true;
          }
          let kept: number[];
          if (firstOnly !== undefined) kept = firstOf(D, firstOnly, read, cmp);
          else {
            for (let j = 0; j < D; j++) order[j] = j;
            order.sort(plain !== null && !nan ? plain : (p, q) => cmp(row[p]!, row[q]!));
            kept = pick(order, read);
          }
          const outBase = o * count * I + i;
          for (let j = 0; j < count; j++) {
            v[outBase + j * I] = read(kept[j]!);
            ix[outBase + j * I] = kept[j]!;
          }
        }
    }
  } catch (e) {
    values.dispose();
    idx?.dispose();
    throw e;
  } finally {
    src.dispose();
  }
  values = into(values, input.dtype);
  return [values, asIndex(idx)];
}

/** Options of sort and argsort. */
interface SortOptions {
  /** The dim to sort along (default -1). */
  dim?: number;
  /** Largest first (NaN first). */
  descending?: boolean;
  /** PyTorch's stable flag: the sort is always stable; giving it records SortBackward1. */
  stable?: boolean;
}

function sortArgs(fn: string, args: readonly unknown[]): { dim: number; descending: boolean; stable?: boolean } {
  const [a, b] = args;
  const o =
    typeof a === "number"
      ? { ...checkOptionsObject<SortOptions>(b, fn, ["descending", "stable"]), dim: a }
      : checkOptionsObject<SortOptions>(a, fn, ["dim", "descending", "stable"]);
  return {
    dim: o.dim ?? -1,
    descending: o.descending ?? false,
    ...(o.stable === undefined ? {} : { stable: o.stable }),
  };
}

/** The values and indices of `fn` (sort or argsort) along its dim, with its options and the dim. */
function sorted(fn: "sort" | "argsort", input: Tensor, args: readonly unknown[]) {
  checkTensor(input, fn, "input");
  const o = sortArgs(fn, args);
  const d = normDim(o.dim, input.shape.length);
  const D = input.shape.length === 0 ? 1 : input.shape[d]!;
  const order = o.descending ? descending : ascending;
  const [values, indices] = selectRows(input, d, order, D, input.shape, (order) => order);
  return { o, d, values, indices };
}

function sortImpl(input: Tensor, args: readonly unknown[]): ValuesIndices {
  const { o, d, values, indices } = sorted("sort", input, args);
  // PyTorch records the overload taking `stable` (the same stable sort here) as SortBackward1.
  record(o.stable === undefined ? "sort" : "sortStable", [values, indices], [input], {
    dim: d,
    indices,
    shape: input.shape,
  });
  return returnTypes("sort", values, indices);
}

/**
 * torch.sort: `{ values, indices }` of the elements along `dim` (default
 * -1) in ascending order, or descending with `{ descending: true }`. The
 * sort is stable (ties keep their order, also descending, as PyTorch's CPU
 * sort); NaN sorts last ascending and first descending (SortBackward0).
 */
export function sort(input: Tensor, dim?: number | SortOptions, opts?: SortOptions): ValuesIndices {
  return sortImpl(input, [dim, opts]);
}

/** torch.argsort: the indices of sort (not differentiable). */
export function argsort(input: Tensor, dim?: number | SortOptions, opts?: SortOptions): Tensor {
  const { values, indices } = sorted("argsort", input, [dim, opts]);
  values.dispose();
  return indices;
}

/** Options of topk. */
interface TopkOptions {
  /** The dim to select along (default -1). */
  dim?: number;
  /** The k largest (default) or, with false, the k smallest. */
  largest?: boolean;
  /** Accepted for PyTorch's signature: results are always sorted. */
  sorted?: boolean;
}

/**
 * torch.topk: `{ values, indices }` of the `k` largest elements along `dim`
 * (default -1), or the smallest with `{ largest: false }`, in sorted order
 * (ties in their original order; PyTorch leaves their order unspecified).
 * NaN counts as the largest (TopkBackward0).
 */
export function topk(input: Tensor, k: number, opts: TopkOptions | number = {}): ValuesIndices {
  checkTensor(input, "topk", "input");
  checkNarrowSupport("topk", input.dtype);
  const o =
    typeof opts === "number"
      ? { dim: opts }
      : checkOptionsObject<TopkOptions>(opts, "topk", ["dim", "largest", "sorted"]);
  if (typeof k !== "number" || !Number.isInteger(k))
    throw new TypeError(`topk(): argument 'k' (position 2) must be int, not ${typeof k}`);
  const d = normDim(o.dim ?? -1, input.shape.length);
  const D = input.shape.length === 0 ? 1 : input.shape[d]!;
  if (k < 0 || k > D) throw new RangeError("selected index k out of range");
  const shape = input.shape.slice();
  if (shape.length > 0) shape[d] = k;
  // Few of many: an insertion of each element into the k best beats sorting the row.
  const partial = k <= D / 8 ? k : undefined;
  const [values, indices] = selectRows(
    input,
    d,
    (o.largest ?? true) ? descending : ascending,
    k,
    shape,
    (order) => order.slice(0, k),
    partial,
  );
  record("topk", [values, indices], [input], { dim: d, indices, shape: input.shape });
  return returnTypes("topk", values, indices);
}

/** Shape of a reduction along one dim (kept as 1 with keepdim). */
function reducedOne(shape: readonly number[], dim: number, keepdim: boolean): number[] {
  if (shape.length === 0) return [];
  return keepdim ? shape.map((s, k) => (k === dim ? 1 : s)) : shape.filter((_, k) => k !== dim);
}

/** A dim and keepdim, as options (kthvalue, median, mode). */
interface KeepdimOptions {
  /** The dim to reduce. */
  dim?: number;
  /** Keep the reduced dim as size 1. */
  keepdim?: boolean;
}

function dimKeep(
  fn: string,
  a: unknown,
  b: unknown,
  dflt: number | undefined,
): { dim: number | undefined; keepdim: boolean } {
  const o =
    typeof a === "number"
      ? typeof b === "boolean"
        ? { dim: a, keepdim: b }
        : { ...checkOptionsObject<KeepdimOptions>(b, fn, ["keepdim"]), dim: a }
      : checkOptionsObject<KeepdimOptions>(a, fn, ["dim", "keepdim"]);
  return { dim: o.dim ?? dflt, keepdim: o.keepdim ?? false };
}

/** Picks one position per row (after an ascending sort) as a reduction along `dim`, recorded as `op`. */
function selectOne(
  fn: "kthvalue" | "median" | "mode",
  input: Tensor,
  dim: number,
  keepdim: boolean,
  pick: (order: number[], read: (j: number) => number) => number,
): ValuesIndices {
  const d = normDim(dim, input.shape.length);
  const D = input.shape.length === 0 ? 1 : input.shape[d]!;
  if (D === 0 && input.numel() === 0 && fn === "mode")
    throw new RangeError(`mode(): Expected reduction dim ${d} to have non-zero size.`);
  const outShape = reducedOne(input.shape, d, keepdim);
  const [values, indices] = selectRows(input, d, ascending, 1, outShape, (order, read) => [pick(order, read)]);
  const op = fn === "median" ? "medianDim" : fn;
  record(op, [values, indices], [input], { dim: d, keepdim, indices, shape: input.shape });
  return returnTypes(fn, values, indices);
}

/**
 * torch.kthvalue: `{ values, indices }` of the k-th smallest element
 * (1-based) along `dim` (default -1), NaN counting as the largest (KthvalueBackward0).
 */
export function kthvalue(
  input: Tensor,
  k: number,
  dim?: number | KeepdimOptions,
  keepdim?: boolean | KeepdimOptions,
): ValuesIndices {
  checkTensor(input, "kthvalue", "input");
  checkNarrowSupport("kthvalue", input.dtype);
  const o = dimKeep("kthvalue", dim, keepdim, -1);
  const d = normDim(o.dim, input.shape.length);
  const D = input.shape.length === 0 ? 1 : input.shape[d]!;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > D)
    throw new RangeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  return selectOne("kthvalue", input, d, o.keepdim, (order) => order[k - 1]!);
}

/** The lower median of a row; NaN (at the first NaN) when the row has one. */
function lowerMedian(order: number[], read: (j: number) => number): number {
  const last = order[order.length - 1]!;
  if (Number.isNaN(read(last))) {
    // The first NaN in the row (NaNs sort last, in their order).
    return order.find((j) => Number.isNaN(read(j)))!;
  }
  return order[(order.length - 1) >> 1]!;
}

/**
 * torch.median: without a dim, the lower median of all elements (NaN if
 * any; MedianBackward0); with `dim`, `{ values, indices }` along it
 * (MedianBackward1).
 */
export function median(input: Tensor): Tensor;
export function median(input: Tensor, dim: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions): ValuesIndices;
export function median(
  input: Tensor,
  dim?: number | KeepdimOptions,
  keepdim?: boolean | KeepdimOptions,
): Tensor | ValuesIndices {
  checkTensor(input, "median", "input");
  const o = dimKeep("median", dim, keepdim, undefined);
  checkNarrowSupport(o.dim === undefined ? "median" : "medianDim", input.dtype);
  if (o.dim !== undefined) return selectOne("median", input, o.dim, o.keepdim, lowerMedian);
  const n = input.numel();
  const flat = input.shape.length === 1 ? input : castTo(input, input.dtype);
  let values: Tensor;
  try {
    const row = flat === input ? input : flat._view([n], [1], flat._offset);
    try {
      if (n === 0) {
        values = Tensor._empty([], input.dtype);
        abi.view(input.dtype, values._addr(), 1)[0] = NaN;
      } else {
        const [v, i] = selectRows(row, 0, ascending, 1, [], (order, read) => [lowerMedian(order, read)]);
        i.dispose();
        values = v;
      }
    } finally {
      if (row !== input) row.dispose();
    }
  } finally {
    if (flat !== input) flat.dispose();
  }
  return record("medianAll", values, [input]);
}

/** The most frequent value of a sorted row (the smallest among equally frequent ones) at its last position. */
function modeOf(order: number[], read: (j: number) => number): number {
  let best = order[0]!,
    bestCount = 0;
  for (let s = 0; s < order.length;) {
    let e = s;
    let last = order[s]!;
    while (e < order.length && read(order[e]!) === read(order[s]!)) {
      last = Math.max(last, order[e]!);
      e++;
    }
    if (e === s) e = s + 1; // a NaN equals nothing
    if (e - s > bestCount) {
      bestCount = e - s;
      best = last;
    }
    s = e;
  }
  return best;
}

/**
 * torch.mode: `{ values, indices }` of the most frequent value along `dim`
 * (default -1; the smallest of equally frequent ones, at the last place it
 * occurs) (ModeBackward0).
 */
export function mode(input: Tensor, dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions): ValuesIndices {
  checkTensor(input, "mode", "input");
  const o = dimKeep("mode", dim, keepdim, -1);
  return selectOne("mode", input, o.dim!, o.keepdim, modeOf);
}

// ---- unique, searchsorted, bucketize -------------------------------------------------

/** Options of unique. */
interface UniqueOptions {
  /** Accepted for PyTorch's signature: the result is always sorted. */
  sorted?: boolean;
  /** Also return, for each input element, its index in the output. */
  returnInverse?: boolean;
  /** Also return how often each output value occurs. */
  returnCounts?: boolean;
  /** Distinct slices along this dim (inverse and counts per slice); null (the default): distinct elements of the flattened tensor. */
  dim?: number | null;
}

/**
 * torch.unique: the distinct elements, sorted (also with `sorted: false`,
 * which PyTorch leaves unordered); with `returnInverse` / `returnCounts`
 * an array [output, inverse?, counts?]; with `dim`, the distinct slices
 * along that dim, sorted.
 */
export function unique(input: Tensor, opts: UniqueOptions = {}): Tensor | Tensor[] {
  checkTensor(input, "unique", "input");
  const o = checkOptionsObject<UniqueOptions>(opts, "unique", ["sorted", "returnInverse", "returnCounts", "dim"]);
  if (o.dim !== undefined && o.dim !== null) return uniqueAlongDim(input, o.dim, o);
  checkNarrowSupport("unique", input.dtype);
  const n = input.numel();
  const work = readable(input.dtype);
  const src = castTo(input, work);
  let out: Tensor | null = null,
    inverse: Tensor | null = null,
    counts: Tensor | null = null;
  try {
    const a = Array.from(abi.view(work, src._addr(), n) as Float64Array);
    const order = a.map((_, j) => j).sort((p, q) => ascending(a[p]!, a[q]!));
    const distinct: number[] = [];
    const count: number[] = [];
    const inv = new Array<number>(n);
    for (const j of order) {
      const v = a[j]!;
      const prev = distinct[distinct.length - 1];
      // NaN != NaN: each NaN is its own value, as in PyTorch.
      if (distinct.length === 0 || !(prev === v)) {
        distinct.push(v);
        count.push(0);
      }
      count[count.length - 1]!++;
      inv[j] = distinct.length - 1;
    }
    out = Tensor._empty([distinct.length], work);
    if (o.returnInverse) inverse = Tensor._empty(input.shape, "int32");
    if (o.returnCounts) counts = Tensor._empty([distinct.length], "int32");
    (abi.view(work, out._addr(), distinct.length) as Float64Array).set(distinct);
    if (inverse !== null) abi.view("int32", inverse._addr(), n).set(inv);
    if (counts !== null) abi.view("int32", counts._addr(), count.length).set(count);
  } catch (e) {
    out?.dispose();
    inverse?.dispose();
    counts?.dispose();
    throw e;
  } finally {
    src.dispose();
  }
  out = into(out, input.dtype);
  if (!o.returnInverse && !o.returnCounts) return out;
  const r = [out];
  if (inverse !== null) r.push(asIndex(inverse));
  if (counts !== null) r.push(asIndex(counts));
  return r;
}

/** Options of searchsorted and bucketize. */
interface SearchOptions {
  /** The last place a value fits rather than the first. */
  right?: boolean;
  /** "left" or "right": the same as `right`, by name. */
  side?: "left" | "right";
  /** Indices as int32 rather than the index dtype. */
  outInt32?: boolean;
}

/**
 * The first position in sorted `b[lo, lo + n)` whose value is not below
 * v (left) or is above v (right), with PyTorch's comparisons: it moves on
 * while !(b >= v) (left) or !(b > v) (right), so a NaN value lands past
 * the end.
 */
function bound(b: ArrayLike<number>, lo: number, n: number, v: number, right: boolean): number {
  let first = 0,
    len = n;
  while (len > 0) {
    const half = len >> 1;
    const m = b[lo + first + half]!;
    if (right ? !(m > v) : !(m >= v)) {
      first += half + 1;
      len -= half + 1;
    } else len = half;
  }
  return first;
}

function searchImpl(fn: string, sortedSeq: Tensor, values: TensorLike, o: SearchOptions): Tensor {
  if (o.side !== undefined && o.side !== "left" && o.side !== "right")
    throw new RangeError(`${fn}(): side can only be 'left' or 'right' but got ${String(o.side)}`);
  if (o.side === "left" && o.right === true)
    throw new RangeError(
      `torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True`,
    );
  const right = o.right === true || o.side === "right";
  const nb = sortedSeq.shape.length;
  const vShape = values instanceof Tensor ? values.shape : [];
  if (nb > 1) {
    const same = vShape.length === nb && sortedSeq.shape.slice(0, -1).every((s, k) => s === vShape[k]);
    if (!same)
      throw new RangeError(
        `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${showShape(sortedSeq.shape)} and input value tensor ${showShape(vShape)}`,
      );
  }
  const dtype: DType = readable(resultTypeOf([sortedSeq, values]));
  const B = castTo(sortedSeq, dtype);
  const V = toDType(values, dtype);
  const Vc = V.owned && V.t.shape.length === 0 ? V.t : castTo(V.t, dtype);
  let out: Tensor | null = null;
  try {
    out = Tensor._empty(vShape, "int32");
    const nv = out.numel();
    const len = nb === 0 ? 1 : sortedSeq.shape[nb - 1]!;
    const rowLen = nb > 1 ? vShape[vShape.length - 1]! : nv;
    if (nv > 0) {
      const b = abi.view(dtype, B._addr(), B.numel()) as Float64Array;
      const v = abi.view(dtype, Vc._addr(), nv) as Float64Array;
      const w = abi.view("int32", out._addr(), nv);
      for (let k = 0; k < nv; k++) {
        const lo = nb > 1 ? Math.floor(k / rowLen) * len : 0;
        w[k] = bound(b, lo, len, v[k]!, right);
      }
    }
  } catch (e) {
    out?.dispose();
    throw e;
  } finally {
    B.dispose();
    if (Vc !== V.t) Vc.dispose();
    if (V.owned) V.t.dispose();
  }
  return o.outInt32 ? out : asIndex(out);
}

/**
 * torch.searchsorted: for each value, the index where it would go in the
 * innermost dim of `sortedSequence` to keep it sorted (the first such
 * place, or the last with `{ right: true }` / `{ side: "right" }`).
 * `sortedSequence` is 1-D or matches the leading dims of `values`.
 */
export function searchsorted(sortedSequence: Tensor, values: TensorLike, opts: SearchOptions = {}): Tensor {
  checkTensor(sortedSequence, "searchsorted", "sorted_sequence");
  checkTensorLike(values, "searchsorted", "input");
  const o = checkOptionsObject<SearchOptions>(opts, "searchsorted", ["right", "side", "outInt32"]);
  return searchImpl("searchsorted", sortedSequence, values, o);
}

/** torch.bucketize: the bucket of each element of `input` among 1-D sorted `boundaries` (searchsorted). */
export function bucketize(input: TensorLike, boundaries: Tensor, opts: Omit<SearchOptions, "side"> = {}): Tensor {
  checkTensorLike(input, "bucketize", "input");
  checkTensor(boundaries, "bucketize", "boundaries");
  const o = checkOptionsObject<SearchOptions>(opts, "bucketize", ["right", "outInt32"]);
  if (boundaries.shape.length !== 1)
    throw new RangeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries.shape.length})`);
  return searchImpl("bucketize", boundaries, input, o);
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.sort: see torch.sort. */
    sort(dim?: number | SortOptions, opts?: SortOptions): ValuesIndices;
    /** Tensor.argsort: see torch.argsort. */
    argsort(dim?: number | SortOptions, opts?: SortOptions): Tensor;
    /** Tensor.topk: see torch.topk. */
    topk(k: number, opts?: TopkOptions | number): ValuesIndices;
    /** Tensor.kthvalue: see torch.kthvalue. */
    kthvalue(k: number, dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions): ValuesIndices;
    /** Tensor.median: see torch.median. */
    median(): Tensor;
    median(dim: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions): ValuesIndices;
    /** Tensor.mode: see torch.mode. */
    mode(dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions): ValuesIndices;
    /** Tensor.unique: see torch.unique. */
    unique(opts?: UniqueOptions): Tensor | Tensor[];
  }
}

addMethods({
  sort(this: Tensor, dim?: number | SortOptions, opts?: SortOptions) {
    return sort(this, dim, opts);
  },
  argsort(this: Tensor, dim?: number | SortOptions, opts?: SortOptions) {
    return argsort(this, dim, opts);
  },
  topk(this: Tensor, k: number, opts?: TopkOptions | number) {
    return topk(this, k, opts);
  },
  kthvalue(this: Tensor, k: number, dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions) {
    return kthvalue(this, k, dim, keepdim);
  },
  median: function (this: Tensor, dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions) {
    return dim === undefined ? median(this) : median(this, dim, keepdim);
  } as Tensor["median"],
  mode(this: Tensor, dim?: number | KeepdimOptions, keepdim?: boolean | KeepdimOptions) {
    return mode(this, dim, keepdim);
  },
  unique(this: Tensor, opts?: UniqueOptions) {
    return unique(this, opts);
  },
});

export type { SortOptions, TopkOptions, KeepdimOptions, UniqueOptions, SearchOptions };
