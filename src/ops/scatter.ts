// Writing along a dim by an index tensor: scatter, scatter_add,
// scatter_reduce, index_add, index_copy, index_fill, each out of place and
// in place. All run the scatter kernels of assembly/kernels/movement.ts over
// the index's shape (index_* pass their 1-D index expanded along the source's
// shape), writing into the destination with its own strides, so the in-place
// forms write self directly and the out-of-place forms write a copy.

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { isFloating, messageTypeName, scalarTypeName } from "../dtype.js";
import { normDim, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { checkOptionsObject, typeOf } from "../args.js";
import { record } from "../autograd/function.js";
import type { OpName } from "../autograd/registry.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor, checkTensorLike, filledBy, mayAlias } from "./launch.js";
import { filled, fillValue } from "./creation.js";
import { inPlaceOp } from "./inplace.js";
import { atLeast1d, indexAlong, runIndexed, withoutDim } from "./indexing.js";
import { indexForKernel } from "./indexArg.js";
import { numbersOf } from "./numbers.js";
import { binaryInto } from "./binary.js";

/** How a scattered value meets the one in place: the kernel that does it. */
export type Kernel = "scatter" | "scatter_add" | "scatter_mul" | "scatter_amax" | "scatter_amin";

/**
 * Runs `kernel` writing `src` into `out` along `dim` at `index` (int32),
 * walking `shape` with the given index and src strides. `bad` words the
 * error for the first index outside [0, size(dim)).
 */
function scatterKernel(
  kernel: Kernel,
  torchOp: string,
  out: Tensor,
  dim: number,
  shape: readonly number[],
  index: Tensor,
  indexStrides: readonly number[],
  src: Tensor,
  srcStrides: readonly number[],
  bad: (index: number, size: number) => Error,
): void {
  const o = atLeast1d(out);
  const r = runIndexed(
    kernel,
    torchOp,
    shape,
    { t: out, strides: withoutDim(o.strides, dim) },
    { t: index, strides: indexStrides },
    { t: src, strides: srcStrides },
    o.strides[dim]!,
    o.shape[dim]!,
  );
  if (r !== null) throw bad(r, o.shape[dim]!);
}

/**
 * Checks every index in [0, size) before an in-place write, so that a bad one
 * leaves self untouched (the kernels report it only after writing the rows before it).
 */
export function checkIndexRange(index: Tensor, size: number, bad: (i: number, size: number) => Error): void {
  const v = numbersOf(index);
  for (let k = 0; k < v.length; k++) if (!(v[k]! >= 0 && v[k]! < size)) throw bad(v[k]!, size);
}

/** A one-element tensor of `value` in `dtype`, walked with stride 0 everywhere (a bigint is written exactly). */
function scalarSource(value: number | bigint, dtype: Tensor["dtype"]): Tensor {
  if (typeof value === "number") return filled([], fillValue(value, dtype), dtype);
  return filledBy(Tensor._empty([], "int64"), (t) => {
    abi.view("int64", t._addr(), 1)[0] = value;
  });
}

const outOfBounds = (dim: number) => (i: number, size: number) =>
  new RangeError(`index ${i} is out of bounds for dimension ${dim} with size ${size}`);

/** A contiguous copy of `t` that an op writes into (the out-of-place forms). */
const copyOf = (t: Tensor): Tensor => castTo(t, t.dtype);

/** `src` safe to read while `self` is written (copied when their memory may interleave). */
const readableSrc = (self: Tensor, src: Tensor): Tensor => (mayAlias(self, src) ? copyOf(src) : src);

/** The name of `op` in messages (`op_` in place), once self and index are known to be tensors. */
function checkSelfIndex(op: string, inPlace: boolean, self: Tensor, index: Tensor): string {
  const fn = inPlace ? `${op}_` : op;
  checkTensor(self, fn, "self");
  checkTensor(index, fn, "index");
  return fn;
}

/** How an op of this file ends, once its arguments are checked. */
interface Write {
  op: OpName;
  /** The node's inputs, self first. */
  inputs: readonly Tensor[];
  /** Writes the op's values into `out` (self, or a copy of it). */
  write: (out: Tensor) => void;
  /** What the rule keeps (in place, taken before self is written). */
  saved: (inPlace: boolean) => Record<string, unknown>;
  /** The index checked against self before an in-place write, and the error for a bad one. */
  range?: { index: Tensor; dim: number; bad: (i: number, size: number) => Error };
  /** Whether the rule reads the op's result. */
  savesResult?: boolean;
}

/** Runs `w` into self (in place) or into a copy of self, and records its node. */
function finish(self: Tensor, inPlace: boolean, w: Write): Tensor {
  if (!inPlace) return record(w.op, filledBy(copyOf(self), w.write), w.inputs, w.saved(false));
  const range = w.range;
  const write = () => {
    if (range !== undefined) checkIndexRange(range.index, sizeAt(self, range.dim), range.bad);
    w.write(self);
  };
  return inPlaceOp(self, w.inputs.slice(1), write, w.op, w.inputs, () => w.saved(true), w.savesResult);
}

/** The out-of-place form of an op written as `op(inPlace, self, ...)`. */
const outOfPlace =
  <A extends unknown[]>(op: (inPlace: boolean, ...args: A) => Tensor) =>
  (...args: A): Tensor =>
    op(false, ...args);

/** The in-place form of an op written as `op(inPlace, self, ...)`. */
const inPlaceForm =
  <A extends unknown[]>(op: (inPlace: boolean, ...args: A) => Tensor) =>
  (...args: A): Tensor =>
    op(true, ...args);

// ---- scatter, scatter_add, scatter_reduce ----------------------------------------

/** The scatter family's checks (scatter_gather_dtype_check and scatter_shape_check), in PyTorch's order. */
function checkScatter(fn: string, self: Tensor, dim: number, index: Tensor, src: Tensor | null): number {
  const d = normDim(dim, self.shape.length);
  const idx = indexForKernel(index, `${fn}(): Expected dtype int64 for index`);
  if (src !== null && src.dtype !== self.dtype)
    throw new TypeError(`${fn}(): Expected self.dtype to be equal to src.dtype`);
  if (index.numel() === 0) return d;
  const nd = (t: Tensor) => Math.max(t.shape.length, 1);
  if (nd(index) !== nd(self))
    throw new RangeError("Index tensor must have the same number of dimensions as self tensor");
  if (src !== null && nd(index) !== nd(src))
    throw new RangeError("Index tensor must have the same number of dimensions as src tensor");
  const size = (t: Tensor, k: number) => (t.shape.length === 0 ? 1 : t.shape[k]!);
  for (let k = 0; k < nd(index); k++) {
    const n = size(idx, k);
    if ((k !== d && n > size(self, k)) || (src !== null && n > size(src, k))) {
      const tail = src === null ? "" : ` and to be smaller size than src ${showShape(src.shape)}`;
      throw new RangeError(
        `Expected index ${showShape(index.shape)} to be smaller than self ${showShape(self.shape)} apart from dimension ${d}${tail}`,
      );
    }
  }
  return d;
}

/** Writes `src` (a tensor, or a number broadcast everywhere) into `out` at `index` along `d` with `kernel`. */
export function scatterInto(
  kernel: Kernel,
  torchOp: string,
  out: Tensor,
  d: number,
  index: Tensor,
  src: TensorLike | bigint,
): void {
  const idx = atLeast1d(index);
  if (index.numel() === 0) return;
  if (src instanceof Tensor) {
    const s = readableSrc(out, src);
    const ss = atLeast1d(s);
    scatterKernel(kernel, torchOp, out, d, idx.shape, index, idx.strides, s, ss.strides, outOfBounds(d));
  } else {
    const s = scalarSource(typeof src === "bigint" ? src : Number(src), out.dtype);
    const zeros = idx.shape.map(() => 0);
    scatterKernel(kernel, torchOp, out, d, idx.shape, index, idx.strides, s, zeros, outOfBounds(d));
  }
}

/** The `reduce` option of scatter: PyTorch 1.13's deprecated "add" / "multiply". */
export interface ScatterOptions {
  /** Combine with the value already there instead of replacing it (no backward, as in PyTorch). */
  reduce?: "add" | "multiply";
}

function legacyReduce(opts: ScatterOptions | undefined): Kernel {
  const r = opts?.reduce;
  if (r === undefined) return "scatter";
  if (r === "add") return "scatter_add";
  if (r === "multiply") return "scatter_mul";
  throw new RangeError("reduce argument must be either add or multiply.");
}

/** scatter's arguments after self. */
type ScatterArgs = [dim: number, index: Tensor, src: TensorLike, opts?: ScatterOptions];

function scatterOp(inPlace: boolean, self: Tensor, ...[dim, index, src, opts]: ScatterArgs): Tensor {
  const fn = checkSelfIndex("scatter", inPlace, self, index);
  checkTensorLike(src, fn, "src");
  const s = src instanceof Tensor ? src : null;
  const kernel = legacyReduce(opts);
  return scoped(() => {
    const d = checkScatter("scatter", self, dim, index, s);
    const idx = indexForKernel(index, "scatter(): Expected dtype int64 for index");
    return finish(self, inPlace, {
      op: kernel !== "scatter" ? "scatterLegacyReduce" : s === null ? "scatterValue" : "scatter",
      inputs: s === null ? [self] : [self, s],
      write: (out) => scatterInto(kernel, "scatter", out, d, idx, src),
      saved: () => ({ dim: d, index: idx }),
      range: { index: idx, dim: d, bad: outOfBounds(d) },
    });
  });
}

/**
 * torch.scatter: a copy of `input` with `src`'s values (or the number `src`)
 * written at `index` along `dim`: out[index[i][j]][j] = src[i][j] for dim 0
 * (ScatterBackward0; ScatterBackward1 for a number). Where `index` repeats a
 * position the value written is unspecified, as in PyTorch.
 */
export const scatter = outOfPlace(scatterOp);

/** Tensor.scatter_: scatter written into `self`. */
export const scatter_ = inPlaceForm(scatterOp);

function scatterAddOp(inPlace: boolean, self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor(src, checkSelfIndex("scatter_add", inPlace, self, index), "src");
  return scoped(() => {
    const d = checkScatter("scatter_add", self, dim, index, src);
    const idx = indexForKernel(index, "scatter_add(): Expected dtype int64 for index");
    return finish(self, inPlace, {
      op: "scatterAddTo",
      inputs: [self, src],
      write: (out) => scatterInto(kernelFor("scatter_add", out), "scatter_add", out, d, idx, src),
      saved: () => ({ dim: d, index: idx }),
      range: { index: idx, dim: d, bad: outOfBounds(d) },
    });
  });
}

/** Bool sums are logical or: the copy kernel writes the 1s (adding bools never clears a 1). */
const kernelFor = (k: Kernel, out: Tensor): Kernel => (out.dtype === "bool" && k === "scatter_add" ? "scatter" : k);

/**
 * torch.scatter_add: a copy of `input` with `src`'s values added at `index`
 * along `dim`; repeated positions accumulate (ScatterAddBackward0).
 */
export const scatterAdd = outOfPlace(scatterAddOp);

/** Tensor.scatterAdd_: scatter_add written into `self`. */
export const scatterAdd_ = inPlaceForm(scatterAddOp);

/** The reductions of scatter_reduce. */
export type ScatterReduction = "sum" | "prod" | "mean" | "amax" | "amin";

/** The keyword arguments of scatter_reduce. */
export interface ScatterReduceOptions {
  /** Whether `self`'s values take part in the reduction (default true); false: only the scattered values do. */
  includeSelf?: boolean;
}

const REDUCTIONS: Record<ScatterReduction, Kernel> = {
  sum: "scatter_add",
  mean: "scatter_add",
  prod: "scatter_mul",
  amax: "scatter_amax",
  amin: "scatter_amin",
};

/** The identity of a reduction in `dtype`: what a position starts from when self is left out. */
function identity(reduce: ScatterReduction, dtype: Tensor["dtype"]): number | bigint {
  if (reduce === "prod") return 1;
  if (dtype === "int64" && (reduce === "amax" || reduce === "amin"))
    return reduce === "amax" ? -(2n ** 63n) : 2n ** 63n - 1n;
  if (reduce === "amax") return isFloating(dtype) ? -Infinity : dtype === "bool" ? 0 : -(2 ** 31);
  if (reduce === "amin") return isFloating(dtype) ? Infinity : dtype === "bool" ? 1 : 2 ** 31 - 1;
  return 0;
}

/** Writes scatter_reduce of `src` into `out` (already holding self's values). */
function scatterReduceInto(
  out: Tensor,
  d: number,
  idx: Tensor,
  src: Tensor,
  reduce: ScatterReduction,
  includeSelf: boolean,
): void {
  if (!includeSelf) scatterInto("scatter", "scatter_reduce", out, d, idx, identity(reduce, out.dtype));
  scatterInto(kernelFor(REDUCTIONS[reduce], out), "scatter_reduce", out, d, idx, src);
  if (reduce !== "mean") return;
  // The sum over how many values met there: self counts once when included,
  // and positions nothing reached divide by 1.
  const count = filled(out.shape, 1, out.dtype);
  try {
    if (!includeSelf) scatterInto("scatter", "scatter_reduce", count, d, idx, 0);
    scatterInto("scatter_add", "scatter_reduce", count, d, idx, 1);
    binaryInto(isFloating(out.dtype) ? "div" : "div_floor", out, out, count, 1, "scatter_reduce");
  } finally {
    count.dispose();
  }
}

/** scatter_reduce's arguments after self. */
type ScatterReduceArgs = [
  dim: number,
  index: Tensor,
  src: Tensor,
  reduce: ScatterReduction,
  opts?: ScatterReduceOptions,
];

function scatterReduceOp(
  inPlace: boolean,
  self: Tensor,
  ...[dim, index, src, reduce, opts]: ScatterReduceArgs
): Tensor {
  const fn = checkSelfIndex("scatter_reduce", inPlace, self, index);
  checkTensor(src, fn, "src");
  const o = checkOptionsObject<ScatterReduceOptions>(opts, fn, ["includeSelf"]);
  const includeSelf = o.includeSelf ?? true;
  if (typeof reduce !== "string" || !Object.hasOwn(REDUCTIONS, reduce))
    throw new RangeError("reduce argument must be either sum, prod, mean, amax or amin.");
  if (reduce === "mean" && self.dtype === "bool") throw abiNotImplemented("scatter_reduce", "Bool");
  return scoped(() => {
    const d = checkScatter("scatter_reduce", self, dim, index, src);
    const idx = indexForKernel(index, "scatter_reduce(): Expected dtype int64 for index");
    // prod, amax and amin read self's old values in backward.
    const needsSelf = reduce === "prod" || reduce === "amax" || reduce === "amin";
    const oldSelf = (inPlace: boolean) => (!needsSelf ? null : inPlace ? copyOf(self) : self);
    return finish(self, inPlace, {
      op: "scatterReduce",
      inputs: [self, src],
      write: (out) => scatterReduceInto(out, d, idx, readableSrc(out, src), reduce, includeSelf),
      saved: (inPlace) => ({ dim: d, index: idx, reduce, includeSelf, self: oldSelf(inPlace) }),
      range: { index: idx, dim: d, bad: outOfBounds(d) },
      savesResult: true,
    });
  });
}

const abiNotImplemented = (op: string, type: string): TypeError =>
  new TypeError(`"${op}_cpu" not implemented for '${type}'`);

/**
 * torch.scatter_reduce: a copy of `input` where each value of `src` is
 * reduced into the position `index` names along `dim` with `reduce` ("sum",
 * "prod", "mean", "amax", "amin"); `{ includeSelf: false }` leaves input's
 * values out at the positions written (ScatterReduceBackward0).
 */
export const scatterReduce = outOfPlace(scatterReduceOp);

/** Tensor.scatterReduce_: scatter_reduce written into `self`. */
export const scatterReduce_ = inPlaceForm(scatterReduceOp);

// ---- index_add, index_copy, index_fill -------------------------------------------

/** A contiguous int32 copy of `values` for a kernel. */
export function int32Tensor(values: ArrayLike<number>, shape: readonly number[] = [values.length]): Tensor {
  return filledBy(Tensor._empty(shape, "int32"), (t) => {
    if (values.length > 0) abi.view("int32", t._addr(), values.length).set(values as never);
  });
}

/**
 * `index` (int32, for a kernel) with negative entries counted from the end
 * of a dim of `size`, or `bad(i)` for the first entry outside [-size, size).
 */
export function wrapIndex(index: Tensor, size: number, bad: (i: number) => Error): Tensor {
  const v = numbersOf(index);
  let neg = false;
  for (let k = 0; k < v.length; k++) {
    const i = v[k]!;
    if (i < -size || i >= size) throw bad(i);
    if (i < 0) neg = true;
  }
  if (!neg && index.isContiguous()) return index;
  return int32Tensor(
    Array.from(v, (i) => (i < 0 ? i + size : i)),
    index.shape,
  );
}

const sizeAt = (t: Tensor, d: number): number => (t.shape.length === 0 ? 1 : t.shape[d]!);

/** Runs `kernel` for the index_* ops: the 1-D `idx` along `d`, walked over `shape` with `src` (strides `srcStrides`). */
function indexKernel(
  kernel: Kernel,
  torchOp: string,
  out: Tensor,
  d: number,
  idx: Tensor,
  shape: readonly number[],
  src: Tensor,
  srcStrides: readonly number[],
  bad: (i: number, size: number) => Error,
): void {
  if (shape.includes(0)) return;
  scatterKernel(kernel, torchOp, out, d, shape, idx, indexAlong(idx, d, shape.length), src, srcStrides, bad);
}

/** The keyword argument of index_add: `{ alpha }`, the factor `source` is multiplied by. */
export interface IndexAddOptions {
  /** Multiplies `source` before it is added (default 1). */
  alpha?: number;
}

/** index_add's arguments after self. */
type IndexAddArgs = [dim: number, index: Tensor, source: Tensor, opts?: IndexAddOptions];

function indexAddOp(inPlace: boolean, self: Tensor, ...[dim, index, source, opts]: IndexAddArgs): Tensor {
  const fn = checkSelfIndex("index_add", inPlace, self, index);
  checkTensor(source, fn, "source");
  const alpha = checkOptionsObject<IndexAddOptions>(opts, fn, ["alpha"]).alpha ?? 1;
  if (typeof alpha !== "number") throw new TypeError(`${fn}(): alpha must be a number, but got ${typeOf(alpha)}`);
  const d = normDim(dim, self.shape.length);
  if (index.shape.length > 1)
    throw new RangeError(
      `index_add_(): Index is supposed to be a vector, but got dim: ${index.shape.length} with type: ${messageTypeName[index.dtype]} and size: ${showShape(index.shape)}`,
    );
  return scoped(() => {
    const idx = indexForKernel(
      index,
      `index_add_(): Expected dtype int32/int64 for index but got: ${messageTypeName[index.dtype]}`,
    );
    if (self.dtype !== source.dtype)
      throw new TypeError(
        `index_add_(): self (${scalarTypeName[self.dtype]}) and source (${scalarTypeName[source.dtype]}) must have the same scalar type`,
      );
    if (!(d === 0 || d < source.shape.length))
      throw new RangeError(
        `index_add_(): Indexing dim ${d} is out of bounds of the source tensor with dim ${source.shape.length}`,
      );
    const n = index.numel();
    if (n !== sizeAt(source, d))
      throw new RangeError(
        `index_add_(): Number of indices (${n}) should be equal to source.size(dim): (${sizeAt(source, d)}), for dim: ${d}`,
      );
    checkSlices(
      self,
      source,
      d,
      (k, a, b) => `The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${k}`,
    );
    let src = source;
    if (alpha !== 1) {
      src = Tensor._empty(source.shape, source.dtype);
      binaryInto("mul", src, source, alpha, 1, "index_add");
    }
    const s = atLeast1d(src);
    const bad = () => new RangeError("index out of range in self");
    return finish(self, inPlace, {
      op: "indexAddTo",
      inputs: [self, source],
      write: (out) =>
        indexKernel(
          kernelFor("scatter_add", out),
          "index_add",
          out,
          d,
          idx,
          s.shape,
          readableSrc(out, src),
          s.strides,
          bad,
        ),
      saved: () => ({ dim: d, index: idx, alpha }),
      range: { index: idx, dim: d, bad },
    });
  });
}

/** Source and destination slices (all dims but `d`) must have the same sizes. */
function checkSlices(
  self: Tensor,
  source: Tensor,
  d: number,
  message: (k: number, a: number, b: number) => string,
): void {
  if (self.shape.length === 0 || source.shape.length === 0) return;
  const a = self.shape.filter((_, k) => k !== d);
  const b = source.shape.filter((_, k) => k !== d);
  for (let k = Math.max(a.length, b.length) - 1; k >= 0; k--) {
    if (a[k] !== b[k]) throw new RangeError(message(k, a[k] ?? 1, b[k] ?? 1));
  }
}

/**
 * torch.index_add: a copy of `input` with the slices of `source` along `dim`
 * added (times `alpha`) at the positions `index` lists; repeats accumulate
 * (IndexAddBackward0).
 */
export const indexAdd = outOfPlace(indexAddOp);

/** Tensor.indexAdd_: index_add written into `self`. */
export const indexAdd_ = inPlaceForm(indexAddOp);

function indexCopyOp(inPlace: boolean, self: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  checkTensor(source, checkSelfIndex("index_copy", inPlace, self, index), "source");
  const d = normDim(dim, self.shape.length);
  if (index.shape.length > 1)
    throw new RangeError(`index_copy_(): Index should have dimension 1 or 0 (got ${index.shape.length})`);
  const n = index.numel();
  if (n !== sizeAt(source, d))
    throw new RangeError(
      `index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${sizeAt(source, d)})`,
    );
  if (self.shape.length !== source.shape.length && self.shape.length > 0 && source.shape.length > 0)
    throw new RangeError(
      `index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (${source.shape.length}), destination dimensionality (${self.shape.length})`,
    );
  return scoped(() => {
    const idx = indexForKernel(
      index,
      `index_copy_(): Expected a long tensor for index, but got ${messageTypeName[index.dtype]}`,
    );
    if (self.dtype !== source.dtype)
      throw new TypeError(
        `index_copy_(): self and source expected to have the same dtype, but got (self) ${scalarTypeName[self.dtype]} and (source) ${scalarTypeName[source.dtype]}`,
      );
    checkSlices(
      self,
      source,
      d,
      (k, a, b) =>
        `index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${a} at dimension ${k} and source slice shape: ${b} at dimension ${k}.`,
    );
    const s = atLeast1d(source);
    const bad = (i: number, size: number) =>
      new RangeError(`index_copy_(): index ${i} is out of bounds for dimension ${d} with size ${size}`);
    return finish(self, inPlace, {
      op: "indexCopy",
      inputs: [self, source],
      write: (out) =>
        indexKernel("scatter", "index_copy", out, d, idx, s.shape, readableSrc(out, source), s.strides, bad),
      saved: () => ({ dim: d, index: idx }),
      range: { index: idx, dim: d, bad },
    });
  });
}

/**
 * torch.index_copy: a copy of `input` whose slices along `dim` at the
 * positions `index` lists are replaced by `source`'s (IndexCopyBackward0).
 */
export const indexCopy = outOfPlace(indexCopyOp);

/** Tensor.indexCopy_: index_copy written into `self`. */
export const indexCopy_ = inPlaceForm(indexCopyOp);

function indexFillOp(inPlace: boolean, self: Tensor, dim: number, index: Tensor, value: TensorLike): Tensor {
  checkTensorLike(value, checkSelfIndex("index_fill", inPlace, self, index), "value");
  const vt = value instanceof Tensor ? value : null;
  const d = normDim(dim, self.shape.length);
  if (vt !== null && vt.shape.length !== 0)
    throw new RangeError(
      `index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${vt.shape.length} dimension(s).`,
    );
  if (index.shape.length > 1) throw new RangeError("Index has to be a vector/scalar");
  return scoped(() => {
    const size = sizeAt(self, d);
    const idx = wrapIndex(
      indexForKernel(index, "index_fill_(): Expected dtype int64 for index."),
      size,
      (i) => new RangeError(`index ${i} is out of bounds for dimension ${d} with size ${size}`),
    );
    const raw = vt === null ? value : vt.dtype === "int64" ? (vt.toArray() as BigInt64Array)[0]! : vt.item();
    // An int64 value tensor fills an int64 self exactly.
    const v = typeof raw === "bigint" && self.dtype === "int64" ? raw : Number(raw);
    const shape = atLeast1d(self).shape;
    shape[d] = idx.numel();
    const zeros = shape.map(() => 0);
    return finish(self, inPlace, {
      op: vt === null ? "indexFill" : "indexFillTensor",
      inputs: vt === null ? [self] : [self, vt],
      write: (out) =>
        indexKernel("scatter", "index_fill", out, d, idx, shape, scalarSource(v, out.dtype), zeros, outOfBounds(d)),
      saved: () => ({ dim: d, index: idx }),
    });
  });
}

/**
 * torch.index_fill: a copy of `input` whose slices along `dim` at the
 * positions `index` lists (negative ones count from the end) are set to
 * `value`, a number or a 0-d tensor (IndexFillBackward0 / IndexFillBackward1).
 */
export const indexFill = outOfPlace(indexFillOp);

/** Tensor.indexFill_: index_fill written into `self`. */
export const indexFill_ = inPlaceForm(indexFillOp);

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.scatter: torch.scatter on this tensor (a copy with `src` written at `index` along `dim`). */
    scatter(dim: number, index: Tensor, src: TensorLike, opts?: ScatterOptions): Tensor;
    /** Tensor.scatter_: writes `src` (or a number) at `index` along `dim`, in place. */
    scatter_(dim: number, index: Tensor, src: TensorLike, opts?: ScatterOptions): Tensor;
    /** Tensor.scatterAdd: torch.scatter_add on this tensor. */
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    /** Tensor.scatterAdd_: adds `src` at `index` along `dim`, in place; repeats accumulate. */
    scatterAdd_(dim: number, index: Tensor, src: Tensor): Tensor;
    /** Tensor.scatterReduce: torch.scatter_reduce on this tensor. */
    scatterReduce(...args: ScatterReduceArgs): Tensor;
    /** Tensor.scatterReduce_: reduces `src` into this tensor at `index` along `dim`, in place. */
    scatterReduce_(...args: ScatterReduceArgs): Tensor;
    /** Tensor.indexAdd: torch.index_add on this tensor. */
    indexAdd(dim: number, index: Tensor, source: Tensor, opts?: IndexAddOptions): Tensor;
    /** Tensor.indexAdd_: adds `source`'s slices (times alpha) at `index` along `dim`, in place. */
    indexAdd_(dim: number, index: Tensor, source: Tensor, opts?: IndexAddOptions): Tensor;
    /** Tensor.indexCopy: torch.index_copy on this tensor. */
    indexCopy(dim: number, index: Tensor, source: Tensor): Tensor;
    /** Tensor.indexCopy_: replaces the slices at `index` along `dim` by `source`'s, in place. */
    indexCopy_(dim: number, index: Tensor, source: Tensor): Tensor;
    /** Tensor.indexFill: torch.index_fill on this tensor. */
    indexFill(dim: number, index: Tensor, value: TensorLike): Tensor;
    /** Tensor.indexFill_: sets the slices at `index` along `dim` to `value`, in place. */
    indexFill_(dim: number, index: Tensor, value: TensorLike): Tensor;
  }
}

addMethodsOf({
  scatter,
  scatter_,
  scatterAdd,
  scatterAdd_,
  scatterReduce,
  scatterReduce_,
  indexAdd,
  indexAdd_,
  indexCopy,
  indexCopy_,
  indexFill,
  indexFill_,
});
