// Indexing by an int64 (or int32) index tensor: indexSelect and gather, and their
// backward ops indexAdd / scatterAdd into zeros (recorded themselves, so
// that double backward works: their grad is the same indexSelect / gather).
//
// All four run one kernel family (assembly/kernels/movement.ts) that walks
// the index's shape; the kernels check every index and report the first bad
// one, which is thrown here in PyTorch's words.

import { isNarrow, throughWideSpan } from "./wide.js";
import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { contiguousStrides, normDim, numelOf, coalesce, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { checkTensor, filledBy } from "./launch.js";
import { filled } from "./creation.js";
import { indexForKernel, isIndexTensor } from "./indexArg.js";
import { scoped } from "../memory.js";

/** One kernel operand: a tensor and the strides it is walked with. */
export interface Walked {
  t: Tensor;
  strides: readonly number[];
}

/** The walk of an indexed kernel: the shape walked, the three operands, and the indexed dim's stride and size in `out`. */
type IndexedWalk = [
  shape: readonly number[],
  out: Walked,
  index: Walked,
  other: Walked,
  dimStride: number,
  dimSize: number,
];

/**
 * Runs `<kernel>_<dtype>` over `shape` with operands out, index and `other`
 * (the gathered-from or added-from tensor). Returns the first index outside
 * [0, dimSize), or null when all were valid.
 */
export function runIndexed(kernel: string, torchOp: string, ...walk: IndexedWalk): number | null {
  const [shape, out, index, other, dimStride, dimSize] = walk;
  if (isNarrow(out.t.dtype) && kernel.startsWith("scatter")) {
    // No scatter kernels for the small dtypes: the wide ones run on exact wide copies of the same geometry.
    let r: number | null = null;
    throughWideSpan(out.t, [other.t], (w, [o]) => {
      r = runIndexed(
        kernel,
        torchOp,
        shape,
        { t: w, strides: out.strides },
        index,
        { t: o!, strides: other.strides },
        dimStride,
        dimSize,
      );
    });
    return r;
  }
  if (out.t.dtype === "int64" && Object.hasOwn(INT64_COMBINE, kernel)) {
    if (numelOf(shape) === 0) return null;
    return scatterInt64(INT64_COMBINE[kernel]!, ...walk);
  }
  const fn = abi.kernel(kernel, out.t.dtype, torchOp);
  if (numelOf(shape) === 0) return null;
  const c = coalesce(shape, [out.strides, index.strides, other.strides]);
  const meta = abi.writeMeta(c.shape, c.strides);
  const r = fn(other.t._addr(), index.t._addr(), out.t._addr(), meta, dimStride, dimSize) as number;
  return r < 0 || r >= dimSize ? r : null;
}

// The scatter reductions without an int64 kernel run here over the int64
// values themselves (bigints), so no value is rounded on the way.
const INT64_COMBINE: Record<string, (a: bigint, b: bigint) => bigint> = {
  scatter: (_a, b) => b,
  scatter_mul: (a, b) => BigInt.asIntN(64, a * b),
  scatter_amax: (a, b) => (a < b ? b : a),
  scatter_amin: (a, b) => (b < a ? b : a),
};

/** The scatter kernels' walk for int64 `out` and `other` (index int32): same order, same report of the first bad index. */
function scatterInt64(
  combine: (a: bigint, b: bigint) => bigint,
  ...[shape, out, index, other, dimStride, dimSize]: IndexedWalk
): number | null {
  const o = abi.view("int64", 0, Number.MAX_SAFE_INTEGER);
  const ix = abi.view("int32", 0, Number.MAX_SAFE_INTEGER);
  const ob = out.t._addr() >>> 3;
  const ib = index.t._addr() >>> 2;
  const sb = other.t._addr() >>> 3;
  const nd = shape.length;
  const pos = new Array<number>(nd).fill(0);
  const total = numelOf(shape);
  for (let k = 0; k < total; k++) {
    let po = 0;
    let pi = 0;
    let ps = 0;
    for (let d = 0; d < nd; d++) {
      po += pos[d]! * out.strides[d]!;
      pi += pos[d]! * index.strides[d]!;
      ps += pos[d]! * other.strides[d]!;
    }
    const i = ix[ib + pi]!;
    if (!(i >= 0 && i < dimSize)) return i;
    const at = ob + po + i * dimStride;
    o[at] = combine(o[at]!, o[sb + ps]!);
    for (let d = nd - 1; d >= 0; d--) {
      pos[d] = pos[d]! + 1;
      if (pos[d]! < shape[d]!) break;
      pos[d] = 0;
    }
  }
  return null;
}

/** A shape and its strides. */
type Strided = { readonly shape: readonly number[]; readonly strides: readonly number[] };

/** The shape and strides kernels see for a tensor: a 0-d tensor walks as [1]. */
export const atLeast1d = (t: Tensor): { shape: number[]; strides: number[] } =>
  t.shape.length === 0 ? { shape: [1], strides: [1] } : { shape: t.shape.slice(), strides: t._strides.slice() };

/** `strides` with the entry of `dim` set to 0: the kernel adds index * dimStride instead. */
export const withoutDim = (strides: readonly number[], dim: number): number[] =>
  strides.map((s, d) => (d === dim ? 0 : s));

/** Strides that walk a 1-D (or 0-d) index along `dim` of an `ndim`-dim shape and stay put elsewhere. */
export function indexAlong(index: Tensor, dim: number, ndim: number): number[] {
  const s = index.shape.length === 0 ? 0 : index._strides[0]!;
  return Array.from({ length: ndim }, (_, d) => (d === dim ? s : 0));
}

function checkIndexDtype(index: Tensor, message: string): void {
  if (!isIndexTensor(index)) throw new TypeError(message);
}

/** Runs `body` with `index` as kernels read it (see indexForKernel), freeing any conversion after. */
function withKernelIndex(index: Tensor, body: (index: Tensor) => void): void {
  scoped(() => {
    body(indexForKernel(index, "Expected dtype int32 or int64 for index"));
    return null;
  });
}

// ---- indexSelect -------------------------------------------------------------

/** The entries of `dim` listed by a 1-D int64 (or int32) `index`, in that order (IndexSelectBackward0). */
export function indexSelect(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor(input, "index_select", "input");
  checkTensor(index, "index_select", "index");
  const d = normDim(dim, input.shape.length);
  if (index.shape.length > 1) throw new RangeError("index_select(): Index is supposed to be a vector");
  const n = index.numel();
  if (input.shape.length === 0 && n !== 1) {
    throw new RangeError(`index_select(): Index to scalar can have only 1 value, got ${n} value(s)`);
  }
  checkIndexDtype(index, "index_select(): Expected dtype int32 or int64 for index");
  if (input.shape.length > 1 && input.numel() === 0 && n > 0) {
    throw new RangeError("index_select(): self indexing axis dim should be positive");
  }
  const self = atLeast1d(input);
  const shape = self.shape.slice();
  shape[d] = n;
  const out = filledBy(Tensor._empty(input.shape.length === 0 ? [] : shape, input.dtype), (out) =>
    withKernelIndex(index, (index) => {
      const bad = readAlong(
        "index_select",
        "index_select",
        out,
        shape,
        index,
        indexAlong(index, d, shape.length),
        input,
        self,
        d,
      );
      if (bad !== null) throw new RangeError("index out of range in self");
    }),
  );
  return record("indexSelect", out, [input], { dim: d, index, shape: input.shape });
}

/**
 * zeros(shape) with `source` added at the entries of `dim` that `index`
 * lists (index_add into zeros; IndexAddBackward0): the backward of indexSelect.
 */
export function indexAddToZeros(shape: readonly number[], dim: number, index: Tensor, source: Tensor): Tensor {
  const out = addedToZeros("index_add", shape, dim, index, source);
  return record("indexAdd", out, [null, source], { dim, index });
}

/**
 * zeros(shape) in `source`'s dtype with `kernel` adding `source` at `index`
 * along `dim`: index_add walks source with the 1-D index along `dim`,
 * scatter_add walks the index.
 */
function addedToZeros(
  kernel: "index_add" | "scatter_add",
  shape: readonly number[],
  dim: number,
  index: Tensor,
  source: Tensor,
): Tensor {
  return filledBy(filled(shape, 0, source.dtype), (out) =>
    withKernelIndex(index, (index) => {
      const outShape = shape.length === 0 ? [1] : shape;
      const outStrides = contiguousStrides(outShape);
      const src = atLeast1d(source);
      const idx = atLeast1d(index);
      const [walked, indexStrides] =
        kernel === "index_add" ? [src.shape, indexAlong(index, dim, src.shape.length)] : [idx.shape, idx.strides];
      const r = runIndexed(
        kernel,
        kernel,
        walked,
        { t: out, strides: withoutDim(outStrides, dim) },
        { t: index, strides: indexStrides },
        { t: source, strides: src.strides },
        outStrides[dim]!,
        outShape[dim]!,
      );
      const op = kernel === "index_add" ? "index_add_(): " : "";
      if (r !== null)
        throw new RangeError(`${op}index ${r} is out of bounds for dimension ${dim} with size ${outShape[dim]}`);
    }),
  );
}

/**
 * Runs `kernel` reading `input` (`self`: its geometry at least 1-d) along `d` at
 * `index` into the contiguous `out` of shape `walked`: the first index out
 * of range, or null.
 */
export function readAlong(
  kernel: string,
  torchOp: string,
  out: Tensor,
  walked: readonly number[],
  index: Tensor,
  indexStrides: readonly number[],
  input: Tensor,
  self: Strided,
  d: number,
): number | null {
  return runIndexed(
    kernel,
    torchOp,
    walked,
    { t: out, strides: contiguousStrides(walked) },
    { t: index, strides: indexStrides },
    { t: input, strides: withoutDim(self.strides, d) },
    self.strides[d]!,
    self.shape[d]!,
  );
}

// ---- gather ----------------------------------------------------------------

/** out[i][j][k] = input[i][index[i][j][k]][k] for dim 1, and so on (GatherBackward0). */
export function gather(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor(input, "gather", "input");
  checkTensor(index, "gather", "index");
  const d = normDim(dim, input.shape.length);
  checkIndexDtype(index, "gather(): Expected dtype int64 for index");
  const self = atLeast1d(input);
  const idx = atLeast1d(index);
  if (self.shape.length !== idx.shape.length) {
    throw new RangeError("Index tensor must have the same number of dimensions as input tensor");
  }
  if (index.numel() > 0) {
    idx.shape.forEach((s, k) => {
      if (k !== d && s > self.shape[k]!) {
        throw new RangeError(
          `Size does not match at dimension ${k} expected index ${showShape(index.shape)} to be smaller than self ${showShape(input.shape)} apart from dimension ${d}`,
        );
      }
    });
  }
  const out = filledBy(Tensor._empty(index.shape, input.dtype), (out) =>
    withKernelIndex(index, (index) => {
      const idx = atLeast1d(index);
      const bad = readAlong("gather", "gather", out, idx.shape, index, idx.strides, input, self, d);
      if (bad !== null)
        throw new RangeError(`index ${bad} is out of bounds for dimension ${d} with size ${self.shape[d]}`);
    }),
  );
  return record("gather", out, [input], { dim: d, index, shape: input.shape });
}

/**
 * zeros(shape) with `src` added at the positions `index` names along `dim`
 * (scatter_add into zeros; ScatterAddBackward0): the backward of gather.
 */
export function scatterAddToZeros(shape: readonly number[], dim: number, index: Tensor, src: Tensor): Tensor {
  const out = addedToZeros("scatter_add", shape, dim, index, src);
  return record("scatterAdd", out, [null, src], { dim, index });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.indexSelect: PyTorch's index_select, the entries of self at the int `index` along `dim`, copied. */
    indexSelect(dim: number, index: Tensor): Tensor;
    /**
     * Tensor.gather: out[i][j] = self[index[i][j]][j] (for dim 0; likewise for
     * other dims). No `sparse_grad` option.
     */
    gather(dim: number, index: Tensor): Tensor;
  }
}

addMethods({
  indexSelect(this: Tensor, dim: number, index: Tensor) {
    return indexSelect(this, dim, index);
  },
  gather(this: Tensor, dim: number, index: Tensor) {
    return gather(this, dim, index);
  },
});
