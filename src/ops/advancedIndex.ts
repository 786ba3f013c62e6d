// PyTorch's indexing with brackets, as methods: `x.index([idx, null, mask])`
// is Python's `x[idx, :, mask]`, and `x.indexPut_([idx, null, mask], v)` is
// `x[idx, :, mask] = v` (`{ accumulate: true }`: `index_put_(..., True)`).
//
// An item is a number (Python's integer: that dim is selected away first), null
// (the full slice `:`), an integer index tensor, or a bool mask (it covers as
// many dims as it has, and stands for the index tensors of its nonzero
// entries). The index tensors broadcast together to a shape B. When the dims
// they index are adjacent, B takes their place in the result; when a slice
// separates them, B comes first, then the sliced dims, as in PyTorch (and
// NumPy). Every element of the result is a position in the tensor, so the
// gather and scatter kernels do the work (take.ts: takeAt, putAt).

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { scalarTypeName } from "../dtype.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, sameShape, showShape } from "../shape.js";
import { record } from "../autograd/function.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor, checkTensorLike, filledBy } from "./launch.js";
import { filled, fillValue } from "./creation.js";
import { inPlaceOp } from "./inplace.js";
import { select, slice } from "./views.js";
import { indexForKernel } from "./indexArg.js";
import { int32Tensor } from "./scatter.js";
import { putAt, takeAt } from "./take.js";
import { atLeast1d, indexAlong, readAlong } from "./indexing.js";
import { checkOptionsObject, kindOf } from "../args.js";

/** One item of an index: a number, null (the full slice), an integer index tensor or a bool mask. */
export type IndexItem = number | null | Tensor;

/** One advanced index after masks are expanded: the dim it indexes and its values. */
interface Advanced {
  dim: number;
  shape: readonly number[];
  values: ArrayLike<number>;
}

/** What an index does to a tensor: the dims left after numbers select theirs, the advanced indices on them. */
interface Plan {
  /** shape of the tensor after the numbers' selects */
  shape: number[];
  /** for each of those dims, the dim of the original tensor it is */
  from: number[];
  /** the element offset (in units of each original stride) the selects add: [dim, index] pairs */
  selected: [number, number][];
  advanced: Advanced[];
  /** the broadcast shape of the advanced indices */
  b: number[];
  /** the result's shape */
  result: number[];
}

const BAD_TYPE = "tensors used as indices must be long, byte or bool tensors";

function plan(self: Tensor, indices: readonly IndexItem[], fn: string): Plan {
  if (!Array.isArray(indices))
    throw new TypeError(`${fn}(): indices must be an array of numbers, nulls and tensors, but got ${kindOf(indices)}`);
  let used = 0;
  for (const it of indices) used += it instanceof Tensor && it.dtype === "bool" ? Math.max(it.shape.length, 1) : 1;
  if (used > self.shape.length) throw new RangeError(`too many indices for tensor of dimension ${self.shape.length}`);
  const shape: number[] = [];
  const from: number[] = [];
  const selected: [number, number][] = [];
  const advanced: Advanced[] = [];
  let d = 0; // dim of self
  for (const item of indices) {
    // A 0-d integer tensor is an integer to Python's indexing: it selects.
    const it =
      item instanceof Tensor &&
      item.shape.length === 0 &&
      item.dtype !== "bool" &&
      item.dtype !== "float32" &&
      item.dtype !== "float64"
        ? item.item()
        : item;
    if (typeof it === "number") {
      const size = self.shape[d]!;
      if (!Number.isInteger(it) || it < -size || it >= size)
        throw new RangeError(`index ${it} is out of bounds for dimension ${d} with size ${size}`);
      selected.push([d, it < 0 ? it + size : it]);
      d++;
    } else if (it === null) {
      shape.push(self.shape[d]!);
      from.push(d);
      d++;
    } else if (it instanceof Tensor) {
      if (it.dtype === "bool") {
        const k = it.shape.length;
        if (k === 0) throw new RangeError(`${fn}(): a 0-d bool index is not supported`);
        for (let j = 0; j < k; j++) {
          if (it.shape[j] !== self.shape[d + j])
            throw new RangeError(
              `The shape of the mask ${showShape(it.shape)} at index ${j} does not match the shape of the indexed tensor ${showShape(self.shape)} at index ${d + j}`,
            );
        }
        const m = it.toArray();
        const st = contiguousStrides(it.shape);
        const cols = Array.from({ length: k }, () => [] as number[]);
        for (let p = 0; p < m.length; p++) {
          if (!m[p]) continue;
          let off = p;
          for (let j = 0; j < k; j++) {
            const c = Math.floor(off / st[j]!);
            cols[j]!.push(c);
            off -= c * st[j]!;
          }
        }
        for (let j = 0; j < k; j++) {
          advanced.push({ dim: shape.length, shape: [cols[j]!.length], values: cols[j]! });
          shape.push(self.shape[d]!);
          from.push(d);
          d++;
        }
      } else {
        const idx = indexForKernel(it, BAD_TYPE);
        const size = self.shape[d]!;
        advanced.push({ dim: shape.length, shape: it.shape, values: idx.toArray() as Int32Array });
        shape.push(size);
        from.push(d);
        d++;
      }
    } else {
      throw new TypeError(`${fn}(): an index must be a number, null or a Tensor, but got ${kindOf(it)}`);
    }
  }
  for (; d < self.shape.length; d++) {
    shape.push(self.shape[d]!);
    from.push(d);
  }
  let b: number[] = [];
  if (advanced.length > 0) {
    try {
      b = advanced.map((a) => a.shape).reduce<number[]>((x, y) => broadcastShapes(x, y), []);
    } catch {
      throw new RangeError(
        `shape mismatch: indexing tensors could not be broadcast together with shapes ${advanced.map((a) => showShape(a.shape)).join(", ")}`,
      );
    }
  }
  const dims = advanced.map((a) => a.dim);
  const adjacent = dims.length === 0 || dims[dims.length - 1]! - dims[0]! === dims.length - 1;
  const rest = shape.filter((_, k) => !dims.includes(k));
  const result = adjacent
    ? [...shape.slice(0, dims[0] ?? 0), ...b, ...shape.slice((dims[dims.length - 1] ?? -1) + 1)]
    : [...b, ...rest];
  return { shape, from, selected, advanced, b, result };
}

/**
 * Checks every index against its dim's size (counting negative ones from the
 * end, which it rewrites); the message numbers the dim among the indexed
 * ones, as PyTorch's index kernel does. After the shape checks, as in PyTorch.
 */
function checkBounds(p: Plan): void {
  p.advanced.forEach((a, k) => {
    const size = p.shape[a.dim]!;
    let wrapped: number[] | null = null;
    for (let j = 0; j < a.values.length; j++) {
      const i = a.values[j]!;
      if (i < -size || i >= size)
        throw new RangeError(`index ${i} is out of bounds for dimension ${k} with size ${size}`);
      if (i < 0) (wrapped ??= Array.from(a.values))[j] = i + size;
    }
    if (wrapped !== null) a.values = wrapped;
  });
}

/** The element offsets of the result's elements in a tensor with `strides` (the original dims'), row-major. */
function offsets(p: Plan, strides: readonly number[]): Int32Array {
  const base = p.selected.reduce((o, [d, i]) => o + i * strides[d]!, 0);
  const nb = numelOf(p.b);
  // The advanced block: for each element of B, the sum of its indices times their dims' strides.
  const adv = new Float64Array(nb);
  for (const a of p.advanced) {
    const bs = broadcastStrides(a.shape, contiguousStrides(a.shape), p.b);
    const st = strides[p.from[a.dim]!]!;
    const coord = new Array<number>(p.b.length).fill(0);
    let src = 0;
    for (let k = 0; k < nb; k++) {
      adv[k]! += a.values[src]! * st;
      for (let j = p.b.length - 1; j >= 0; j--) {
        coord[j]!++;
        src += bs[j]!;
        if (coord[j]! < p.b[j]!) break;
        src -= coord[j]! * bs[j]!;
        coord[j] = 0;
      }
    }
  }
  // The result's axes in order: the sliced dims and the advanced block.
  const dims = p.advanced.map((a) => a.dim);
  const sliced = (k: number) => ({ size: p.shape[k]!, stride: strides[p.from[k]!]! });
  type Axis = { size: number; stride: number } | "b";
  let axes: Axis[];
  const adjacent = dims.length === 0 || dims[dims.length - 1]! - dims[0]! === dims.length - 1;
  const restIdx = p.shape.map((_, k) => k).filter((k) => !dims.includes(k));
  if (dims.length === 0) axes = restIdx.map(sliced);
  else if (adjacent)
    axes = [
      ...restIdx.filter((k) => k < dims[0]!).map(sliced),
      "b",
      ...restIdx.filter((k) => k > dims[0]!).map(sliced),
    ];
  else axes = ["b", ...restIdx.map(sliced)];
  let out = Float64Array.of(base);
  for (const ax of axes) {
    const size = ax === "b" ? nb : ax.size;
    const next = new Float64Array(out.length * size);
    for (let i = 0; i < out.length; i++) {
      const o = out[i]!;
      for (let j = 0; j < size; j++) next[i * size + j] = o + (ax === "b" ? adv[j]! : j * ax.stride);
    }
    out = next;
  }
  return Int32Array.from(out);
}

/** Python's indexing without index tensors: a select per number and a slice per null, in order (a view). */
function basicIndex(input: Tensor, indices: readonly IndexItem[]): Tensor {
  let v = input;
  let d = 0;
  for (const it of indices) {
    if (it === null) v = slice(v, d++);
    else v = select(v, d, it instanceof Tensor ? it.item() : it);
  }
  return v === input ? input.view(input.shape.slice()) : v;
}

/** Whether the plan has index tensors (else it is plain selects and slices: a view). */
const hasAdvanced = (p: Plan): boolean => p.advanced.length > 0;

/**
 * Python's `x[...]` for the items given (see the file's comment): numbers
 * select, null keeps a dim whole, integer tensors and bool masks index
 * (IndexBackward0). Without index tensors the result is a view, as in
 * PyTorch. `x.index([idx, null, mask])` is `x[idx, :, mask]`.
 */
export function index(input: Tensor, indices: readonly IndexItem[]): Tensor {
  checkTensor(input, "index", "self");
  return scoped(() => {
    const p = plan(input, indices, "index");
    if (!hasAdvanced(p)) return basicIndex(input, indices);
    checkBounds(p);
    if (p.advanced.length === 1 && p.selected.length === 0) return indexOneDim(input, p);
    const pos = int32Tensor(offsets(p, input._strides), p.result);
    const out = takeAt(input, pos);
    const contiguous = input.isContiguous() ? pos : int32Tensor(offsets(p, contiguousStrides(input.shape)), p.result);
    return record("index", out, [input], { positions: contiguous, shape: input.shape });
  });
}

/**
 * One index tensor (or 1-D mask) on one dim and slices elsewhere: the result
 * is index_select along that dim with the index's shape in the dim's place,
 * so the gather kernel moves whole rows (no per-element positions).
 */
function indexOneDim(input: Tensor, p: Plan): Tensor {
  const a = p.advanced[0]!;
  const d = a.dim;
  const idx = int32Tensor(a.values, [a.values.length]);
  const walked = input.shape.slice();
  walked[d] = a.values.length;
  const out = filledBy(Tensor._empty(p.result, input.dtype), (out) => {
    readAlong("index_select", "index", out, walked, idx, indexAlong(idx, d, walked.length), input, atLeast1d(input), d);
  });
  return record("indexDim", out, [input], { dim: d, index: idx, shape: input.shape, walked });
}

/** The values an index_put writes: a tensor of self's dtype that broadcasts to the result's shape. */
function putValues(self: Tensor, values: TensorLike, result: readonly number[]): Tensor {
  const v = values instanceof Tensor ? values : filled([], fillValue(Number(values), self.dtype), self.dtype);
  if (v.dtype !== self.dtype)
    throw new TypeError(
      `Index put requires the source and destination dtypes match, got ${scalarTypeName[self.dtype]} for the destination and ${scalarTypeName[v.dtype]} for the source.`,
    );
  let ok = v.shape.length <= result.length || v.shape.slice(0, v.shape.length - result.length).every((s) => s === 1);
  if (ok) {
    try {
      ok = sameShape(broadcastShapes(result, v.shape.slice(Math.max(0, v.shape.length - result.length))), result);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    throw new RangeError(
      `shape mismatch: value tensor of shape ${showShape(v.shape)} cannot be broadcast to indexing result of shape ${showShape(result)}`,
    );
  return v.shape.length > result.length ? v.view(v.shape.slice(v.shape.length - result.length)) : v;
}

/** The keyword argument of index_put: `{ accumulate }`. */
export interface IndexPutOptions {
  /** Add the values into the positions (repeats accumulate) instead of writing them. */
  accumulate?: boolean;
}

function accumulateOf(opts: boolean | IndexPutOptions | undefined, fn: string): boolean {
  if (typeof opts === "boolean") return opts;
  return checkOptionsObject<IndexPutOptions>(opts, fn, ["accumulate"]).accumulate ?? false;
}

function indexPutOp(
  self: Tensor,
  indices: readonly IndexItem[],
  values: TensorLike,
  opts: boolean | IndexPutOptions | undefined,
  inPlace: boolean,
  direct = false,
): Tensor {
  const fn = inPlace ? "index_put_" : "index_put";
  checkTensor(self, fn, "self");
  checkTensorLike(values, fn, "values");
  const accumulate = accumulateOf(opts, fn);
  return scoped(() => {
    const p = plan(self, indices, fn);
    if (inPlace && !accumulate && !direct && hasAdvanced(p) && indices.some((it) => !(it instanceof Tensor))) {
      // Python's `x[1, :, idx] = v`: the numbers and slices make a view, index_put_ writes into it (CopySlices).
      const viewItems = indices.flatMap((it): (number | null)[] =>
        it instanceof Tensor ? new Array<null>(it.dtype === "bool" ? it.shape.length : 1).fill(null) : [it],
      );
      const v = basicIndex(self, viewItems);
      const rest = indices.filter((it) => typeof it !== "number");
      indexPutOp(v, rest, values, false, true, true);
      return self;
    }
    const v = putValues(self, values, p.result);
    checkBounds(p);
    const vt = values instanceof Tensor ? values : null;
    const kernel = accumulate ? "scatter_add" : "scatter";
    const contiguous = int32Tensor(offsets(p, contiguousStrides(self.shape)), p.result);
    const saved = () => ({ positions: contiguous, shape: self.shape, accumulate });
    if (inPlace) {
      const pos = self.isContiguous() ? contiguous : int32Tensor(offsets(p, self._strides), p.result);
      return inPlaceOp(self, [vt], () => putAt(kernel, self, pos, v), "indexPut", [self, vt], saved);
    }
    const out = filledBy(castTo(self, self.dtype), (out) => putAt(kernel, out, contiguous, v));
    return record("indexPut", out, [self, vt], saved());
  });
}

/**
 * Tensor.indexPut_: Python's `x[...] = values` for the items given (see
 * index()); with `accumulate` (`true` or `{ accumulate: true }`) the values
 * are added, and repeated positions accumulate (IndexPutBackward0).
 * `x.indexPut_([idx, null, mask], v)` is `x[idx, :, mask] = v`.
 */
export function indexPut_(
  self: Tensor,
  indices: readonly IndexItem[],
  values: TensorLike,
  opts?: boolean | IndexPutOptions,
): Tensor {
  return indexPutOp(self, indices, values, opts, true);
}

/** torch.index_put: indexPut_ on a copy of `input`. */
export function indexPut(
  input: Tensor,
  indices: readonly IndexItem[],
  values: TensorLike,
  opts?: boolean | IndexPutOptions,
): Tensor {
  return indexPutOp(input, indices, values, opts, false);
}

/** The elements of `x` at contiguous `positions` (the backward of indexPut w.r.t. the values), recorded. */
export function indexWithOffsets(x: Tensor, positions: Tensor): Tensor {
  return scoped(() => {
    const xs = x.isContiguous() ? x : castTo(x, x.dtype);
    return record("index", takeAt(xs, positions), [x], { positions, shape: x.shape });
  });
}

/** A copy of `base` with `values` written (or added) at contiguous `positions`, recorded as an index_put. */
export function indexPutWithOffsets(base: Tensor, positions: Tensor, values: Tensor, accumulate: boolean): Tensor {
  const out = filledBy(castTo(base, base.dtype), (out) =>
    putAt(accumulate ? "scatter_add" : "scatter", out, positions, values),
  );
  return record("indexPut", out, [base, values], { positions, shape: base.shape, accumulate });
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.index: Python's `x[...]`: `x.index([idx, null, mask])` is
     * `x[idx, :, mask]` (numbers select, null is `:`, integer tensors and
     * bool masks index).
     */
    index(indices: readonly IndexItem[]): Tensor;
    /** Tensor.indexPut_: Python's `x[...] = values`, in place; `accumulate` adds instead. */
    indexPut_(indices: readonly IndexItem[], values: TensorLike, opts?: boolean | IndexPutOptions): Tensor;
    /** Tensor.indexPut: indexPut_ on a copy. */
    indexPut(indices: readonly IndexItem[], values: TensorLike, opts?: boolean | IndexPutOptions): Tensor;
  }
}

addMethods({
  index(this: Tensor, indices: readonly IndexItem[]) {
    return index(this, indices);
  },
  indexPut_(this: Tensor, indices: readonly IndexItem[], values: TensorLike, opts?: boolean | IndexPutOptions) {
    return indexPut_(this, indices, values, opts);
  },
  indexPut(this: Tensor, indices: readonly IndexItem[], values: TensorLike, opts?: boolean | IndexPutOptions) {
    return indexPut(this, indices, values, opts);
  },
});
