// Reading and writing by flat positions: take, take_along_dim, masked_select,
// masked_scatter, nonzero and one_hot. A position is an element offset from a
// tensor's first element (its strides applied); the gather and scatter
// kernels walk the positions' shape with a dim of stride 1 spanning the
// whole tensor, so one kernel call reads or writes any set of elements.

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { INDEX_DTYPE, messageTypeName, scalarTypeName } from "../dtype.js";
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  isContiguous,
  normDim,
  numelOf,
  sameShape,
} from "../shape.js";
import { record } from "../autograd/function.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor, filledBy, mayAlias } from "./launch.js";
import { filled } from "./creation.js";
import { checkOptionsObject, kindOf } from "../args.js";
import { fromArray } from "./fromData.js";
import { inPlaceOp } from "./inplace.js";
import { gather, runIndexed } from "./indexing.js";
import { expand, view } from "./views.js";
import { indexForKernel } from "./indexArg.js";
import { int32Tensor, scatterInto, wrapIndex } from "./scatter.js";

/** Which scatter kernel writes by position: replace, or add (repeats accumulate). */
export type PutKernel = "scatter" | "scatter_add";

/** The elements of `x` at `positions` (int32, each a valid offset), shaped like `positions`. */
export function takeAt(x: Tensor, positions: Tensor): Tensor {
  return filledBy(Tensor._empty(positions.shape, x.dtype), (out) => {
    const shape = positions.shape.length === 0 ? [1] : positions.shape;
    const strides = positions.shape.length === 0 ? [1] : positions._strides;
    runIndexed(
      "gather",
      "take",
      shape,
      { t: out, strides: contiguousStrides(shape) },
      { t: positions, strides },
      { t: x, strides: shape.map(() => 0) },
      1,
      2 ** 31 - 1,
    );
  });
}

/** Writes `values` (broadcast to positions' shape) into `out` at `positions` (int32, valid offsets) with `kernel`. */
export function putAt(kernel: PutKernel, out: Tensor, positions: Tensor, values: Tensor): void {
  if (positions.numel() === 0) return;
  const shape = positions.shape.length === 0 ? [1] : positions.shape;
  const strides = positions.shape.length === 0 ? [1] : positions._strides;
  const v = mayAlias(out, values) ? castTo(values, values.dtype) : values;
  try {
    runIndexed(
      out.dtype === "bool" ? "scatter" : kernel,
      kernel,
      shape,
      { t: out, strides: shape.map(() => 0) },
      { t: positions, strides },
      { t: v, strides: broadcastStrides(v.shape, v._strides, shape) },
      1,
      2 ** 31 - 1,
    );
  } finally {
    if (v !== values) v.dispose();
  }
}

/** The offsets in `shape` (with `strides`) of the elements where `mask` (already of that shape) is nonzero. */
function maskPositions(mask: Tensor, strides: readonly number[]): Int32Array {
  const m = mask.toArray();
  const shape = mask.shape;
  const nd = shape.length;
  const out = new Int32Array(m.length);
  let n = 0;
  if (isContiguous(shape, strides)) {
    // Row-major offsets are the element numbers themselves.
    for (let k = 0; k < m.length; k++) if (m[k]) out[n++] = k;
    return out.subarray(0, n);
  }
  const coord = new Array<number>(nd).fill(0);
  let off = 0;
  for (let k = 0; k < m.length; k++) {
    if (m[k]) out[n++] = off;
    for (let d = nd - 1; d >= 0; d--) {
      coord[d]!++;
      off += strides[d]!;
      if (coord[d]! < shape[d]!) break;
      off -= coord[d]! * strides[d]!;
      coord[d] = 0;
    }
  }
  return out.subarray(0, n);
}

/** The contiguous offsets where `mask` is set: what masked_select reads and masked_scatter writes. */
export function maskedSelectPositions(mask: Tensor): Tensor {
  return int32Tensor(maskPositions(mask, contiguousStrides(mask.shape)));
}

// ---- take, take_along_dim ----------------------------------------------------------

/**
 * torch.take: the elements of `input` at the flat `index` (as if input were
 * 1-D, row-major; negative indices count from the end), shaped like
 * `index` (TakeBackward0).
 */
export function take(input: Tensor, index: Tensor): Tensor {
  checkTensor(input, "take", "input");
  checkTensor(index, "take", "index");
  return scoped(() => {
    const n = input.numel();
    const idx = wrapIndex(
      indexForKernel(index, `take(): Expected a long tensor for index, but got ${messageTypeName[index.dtype]}`),
      n,
      (i) => new RangeError(`out of range: tried to access index ${i} on a tensor of ${n} elements.`),
    );
    const x = input.isContiguous() ? input : castTo(input, input.dtype);
    const out = takeAt(x, idx);
    return record("take", out, [input], { positions: idx, shape: input.shape });
  });
}

/**
 * torch.take_along_dim: the values of `input` at `indices` along `dim`,
 * the two broadcast against each other apart from `dim` (a gather,
 * GatherBackward0); without `dim`, `input` is read flattened.
 */
export function takeAlongDim(input: Tensor, indices: Tensor, dim?: number | null): Tensor {
  checkTensor(input, "take_along_dim", "input");
  checkTensor(indices, "take_along_dim", "indices");
  return scoped(() => {
    const idx = indexForKernel(
      indices,
      `torch.take_along_dim(): dtype of indices should be Long but got ${messageTypeName[indices.dtype]}`,
    );
    if (dim === undefined || dim === null) return gather(view(input, -1), 0, view(idx, -1));
    const d = normDim(dim, input.shape.length);
    if (input.shape.length !== indices.shape.length)
      throw new RangeError(
        `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${input.shape.length} dimensions for input, and ${indices.shape.length} dimensions for indices`,
      );
    const selfSizes = input.shape.slice();
    selfSizes[d] = indices.shape[d]!;
    const b = broadcastShapes(selfSizes, indices.shape);
    const ib = sameShape(b, indices.shape) ? idx : expand(idx, b);
    b[d] = input.shape[d]!;
    const xb = sameShape(b, input.shape) ? input : expand(input, b);
    return gather(xb, d, ib);
  });
}

// ---- masked_select, masked_scatter ---------------------------------------------------

function checkMask(mask: Tensor, fn: string): void {
  if (mask.dtype !== "bool") throw new TypeError(`${fn}: expected BoolTensor or ByteTensor for mask`);
}

/**
 * torch.masked_select: the elements of `input` where `mask` (bool) is true,
 * the two broadcast together, as a 1-D tensor in row-major order
 * (MaskedSelectBackward0).
 */
export function maskedSelect(input: Tensor, mask: Tensor): Tensor {
  checkTensor(input, "masked_select", "input");
  checkTensor(mask, "masked_select", "mask");
  checkMask(mask, "masked_select");
  return scoped(() => {
    const shape = broadcastShapes(mask.shape, input.shape);
    const m = sameShape(shape, mask.shape) ? mask : expand(mask, shape);
    const positions = maskedSelectPositions(m);
    const xs =
      sameShape(shape, input.shape) && input.isContiguous() ? input : castTo(expand(input, shape), input.dtype);
    const out = takeAt(xs, positions);
    return record("maskedSelect", out, [input], { positions, shape });
  });
}

function maskedScatterOp(self: Tensor, mask: Tensor, source: Tensor, inPlace: boolean): Tensor {
  const fn = inPlace ? "masked_scatter_" : "masked_scatter";
  checkTensor(self, fn, "self");
  checkTensor(mask, fn, "mask");
  checkTensor(source, fn, "source");
  if (mask.dtype !== "bool")
    throw new TypeError(
      `masked_scatter_ only supports boolean masks, but got mask with dtype ${scalarTypeName[mask.dtype]}`,
    );
  if (self.dtype !== source.dtype)
    throw new TypeError(
      `masked_scatter: expected self and source to have same dtypes but got${scalarTypeName[self.dtype]} and ${scalarTypeName[source.dtype]}`,
    );
  return scoped(() => {
    const shape = inPlace ? self.shape.slice() : broadcastShapes(self.shape, mask.shape);
    const m = sameShape(shape, mask.shape) ? mask : expand(mask, shape);
    const contiguous = maskedSelectPositions(m);
    const n = contiguous.numel();
    if (n > source.numel()) throw new RangeError("Number of elements of source < number of ones in mask");
    const src = source.isContiguous() ? view(source, -1) : castTo(view(source.contiguous(), -1), source.dtype);
    const head = n === src.numel() ? src : src.narrow(0, 0, n);
    const saved = () => ({ positions: contiguous, shape, mask: m, sourceShape: source.shape });
    if (inPlace) {
      const positions = int32Tensor(maskPositions(m, self._strides));
      return inPlaceOp(
        self,
        [source],
        () => putAt("scatter", self, positions, head),
        "maskedScatter",
        [self, source],
        saved,
      );
    }
    const base = sameShape(shape, self.shape) ? self : expand(self, shape);
    const out = filledBy(castTo(base, self.dtype), (out) => putAt("scatter", out, contiguous, head));
    return record("maskedScatter", out, [self, source], saved());
  });
}

/**
 * torch.masked_scatter: a copy of `input` whose elements where `mask` is
 * true are replaced, in row-major order, by the first elements of `source`
 * (MaskedScatterBackward0).
 */
export function maskedScatter(input: Tensor, mask: Tensor, source: Tensor): Tensor {
  return maskedScatterOp(input, mask, source, false);
}

/** Tensor.maskedScatter_: masked_scatter written into `self` (`mask` broadcast to self's shape). */
export function maskedScatter_(self: Tensor, mask: Tensor, source: Tensor): Tensor {
  return maskedScatterOp(self, mask, source, true);
}

// ---- nonzero, one_hot --------------------------------------------------------------

/** The keyword argument of nonzero: `{ asTuple }`. */
export interface NonzeroOptions {
  /** Return one 1-D index tensor per dim instead of one [n, ndim] tensor. */
  asTuple?: boolean;
}

/**
 * torch.nonzero: the indices of the nonzero elements of `input`, one row
 * per element in row-major order ([n, ndim], INDEX_DTYPE); with
 * `{ asTuple: true }` an array of one 1-D tensor per dim (one for a 0-d input).
 */
export function nonzero(input: Tensor, opts: NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(input: Tensor, opts?: NonzeroOptions): Tensor;
export function nonzero(input: Tensor, opts?: NonzeroOptions): Tensor | Tensor[] {
  checkTensor(input, "nonzero", "input");
  const asTuple = checkOptionsObject<NonzeroOptions>(opts, "nonzero", ["asTuple"]).asTuple ?? false;
  const shape = input.shape;
  const nd = shape.length;
  const flat = maskPositions(input, contiguousStrides(shape));
  const n = flat.length;
  const cols = Math.max(nd, asTuple ? 1 : 0);
  const coords = Array.from({ length: cols }, () => new Int32Array(n));
  const strides = contiguousStrides(shape);
  for (let k = 0; k < n; k++) {
    let off = flat[k]!;
    for (let d = 0; d < nd; d++) {
      const c = Math.floor(off / strides[d]!);
      coords[d]![k] = c;
      off -= c * strides[d]!;
    }
  }
  if (asTuple) return coords.map((c) => fromArray(c, [n], { dtype: INDEX_DTYPE }));
  const rows = new Int32Array(n * nd);
  for (let k = 0; k < n; k++) for (let d = 0; d < nd; d++) rows[k * nd + d] = coords[d]![k]!;
  return fromArray(rows, [n, nd], { dtype: INDEX_DTYPE });
}

/**
 * F.one_hot: for integer class indices of any shape, a tensor with one more
 * (last) dim of size `numClasses` (-1: the largest index + 1), 1 at each
 * index and 0 elsewhere, of INDEX_DTYPE (PyTorch's int64).
 */
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  checkTensor(tensor, "one_hot", "tensor");
  if (!Number.isInteger(numClasses))
    throw new TypeError(`one_hot(): argument 'num_classes' must be int, but got ${kindOf(numClasses)}`);
  if (tensor.dtype !== INDEX_DTYPE && tensor.dtype !== "int32")
    throw new TypeError("one_hot is only applicable to index tensor.");
  return scoped(() => {
    const idx = indexForKernel(tensor, "one_hot is only applicable to index tensor.");
    const v = idx.toArray() as Int32Array;
    if (numClasses === -1 && v.length === 0)
      throw new RangeError("Can not infer total number of classes from empty tensor.");
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < v.length; k++) {
      min = Math.min(min, v[k]!);
      max = Math.max(max, v[k]!);
    }
    if (min < 0) throw new RangeError("Class values must be non-negative.");
    const c = numClasses === -1 ? max + 1 : numClasses;
    if (v.length > 0 && max >= c) throw new RangeError("Class values must be smaller than num_classes.");
    const out = filled([...tensor.shape, c], 0, INDEX_DTYPE);
    if (numelOf(out.shape) === 0) return out;
    const col = idx.shape.length === 0 ? view(idx, 1) : idx.unsqueeze(-1);
    return filledBy(out, (out) => scatterInto("scatter", "one_hot", out, out.shape.length - 1, col, 1));
  });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.take: torch.take on this tensor. */
    take(index: Tensor): Tensor;
    /** Tensor.takeAlongDim: torch.take_along_dim on this tensor. */
    takeAlongDim(indices: Tensor, dim?: number | null): Tensor;
    /** Tensor.maskedSelect: the elements where `mask` is true, as a 1-D tensor. */
    maskedSelect(mask: Tensor): Tensor;
    /** Tensor.maskedScatter: torch.masked_scatter on this tensor. */
    maskedScatter(mask: Tensor, source: Tensor): Tensor;
    /** Tensor.maskedScatter_: writes `source`'s first elements where `mask` is true, in place. */
    maskedScatter_(mask: Tensor, source: Tensor): Tensor;
    /** Tensor.nonzero: torch.nonzero on this tensor. */
    nonzero(opts?: NonzeroOptions): Tensor;
  }
}

addMethods({
  take(this: Tensor, index: Tensor) {
    return take(this, index);
  },
  takeAlongDim(this: Tensor, indices: Tensor, dim?: number | null) {
    return takeAlongDim(this, indices, dim);
  },
  maskedSelect(this: Tensor, mask: Tensor) {
    return maskedSelect(this, mask);
  },
  maskedScatter(this: Tensor, mask: Tensor, source: Tensor) {
    return maskedScatter(this, mask, source);
  },
  maskedScatter_(this: Tensor, mask: Tensor, source: Tensor) {
    return maskedScatter_(this, mask, source);
  },
  nonzero(this: Tensor, opts?: NonzeroOptions) {
    return nonzero(this, opts);
  },
});
