// torch.unique along a dim and torch.unique_consecutive: distinct slices
// (or runs of equal neighbours), with the inverse and the counts as int64.
// Slices are compared as numbers read from a contiguous copy (int64 through
// float64, exact within 2^53; bfloat16 through float32); the output is the
// input's own slices picked by index_select, so it keeps the input's dtype.
// Like torchlet's unique, the results carry no graph.

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { INDEX_DTYPE, isHalf, scalarTypeName, type DType } from "../dtype.js";
import { normDim } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { noGrad } from "../autograd/gradMode.js";
import { scoped } from "../memory.js";
import { checkOptionsObject } from "../args.js";
import { castTo, checkTensor } from "./launch.js";
import { fromArray } from "./fromData.js";
import { indexSelect } from "./indexing.js";
import { reshape } from "./views.js";
import { movedim } from "./rearrange.js";

/** Options of unique_consecutive. */
export interface UniqueConsecutiveOptions {
  /** Also return, for each input element (or slice along `dim`), the index of its run in the output. */
  returnInverse?: boolean;
  /** Also return the length of each run. */
  returnCounts?: boolean;
  /** Compare slices along this dim; null (the default): the flattened elements. */
  dim?: number | null;
}

interface Slices {
  /** Number of slices (the size of the dim). */
  n: number;
  /** Elements per slice. */
  k: number;
  /** The slices one after the other, as numbers. */
  values: ArrayLike<number>;
}

const readable = (d: DType): DType => (d === "int64" ? "float64" : isHalf(d) ? "float32" : d);

/** The slices of `input` along `dim`, read as numbers. */
function slicesOf(input: Tensor, dim: number): Slices {
  const n = input.shape[dim]!;
  const k = n === 0 ? 0 : input.numel() / n;
  let values: ArrayLike<number> = [];
  noGrad(() =>
    scoped(() => {
      const rows = castTo(movedim(input, dim, 0), readable(input.dtype));
      values = Array.from(abi.view(rows.dtype, rows._addr(), n * k) as ArrayLike<number>);
      return null;
    }),
  );
  return { n, k, values };
}

/** -1, 0 or 1: slice p against slice q, element by element. */
function compareSlices(s: Slices, p: number, q: number): number {
  for (let j = 0; j < s.k; j++) {
    const a = s.values[p * s.k + j]!,
      b = s.values[q * s.k + j]!;
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return 0;
}

/** PyTorch's checks of a dim for unique_dim and unique_consecutive(dim). */
function checkDim(input: Tensor, dim: number, fn: string): number {
  if (input.ndim === 0) throw new RangeError(`Dimension specified as ${dim} but tensor has no dimensions`);
  const d = normDim(dim, input.ndim);
  const dt = input.dtype;
  if (dt === "float16") throw new TypeError(`"${fn}" not implemented for '${scalarTypeName[dt]}'`);
  const zeros = input.shape.filter((s) => s === 0).length;
  if (zeros > 1) throw new RangeError("Number of zero sized dimensions is more than one, so unique cannot be applied ");
  if (zeros === 1 && input.shape[d] !== 0)
    throw new RangeError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
  return d;
}

/**
 * The output (the input's slices at `keep` along `dim`), the inverse and
 * the counts, as unique returns them: the output alone, or an array.
 */
function results(
  input: Tensor,
  dim: number,
  keep: number[],
  inverse: number[] | null,
  inverseShape: readonly number[],
  counts: number[] | null,
): Tensor | Tensor[] {
  const made = noGrad(() =>
    scoped(() => {
      const out = indexSelect(input, dim, fromArray(keep, [keep.length], { dtype: INDEX_DTYPE }));
      const r: Tensor[] = [out];
      if (inverse !== null) r.push(fromArray(inverse, inverseShape, { dtype: INDEX_DTYPE }));
      if (counts !== null) r.push(fromArray(counts, [counts.length], { dtype: INDEX_DTYPE }));
      return r;
    }),
  );
  return made.length === 1 ? made[0]! : made;
}

/** torch.unique(input, dim=d): the distinct slices along `d`, sorted (unique_dim). */
export function uniqueAlongDim(
  input: Tensor,
  dim: number,
  o: { returnInverse?: boolean; returnCounts?: boolean },
): Tensor | Tensor[] {
  const d = checkDim(input, dim, "unique_dim");
  const s = slicesOf(input, d);
  const order = Array.from({ length: s.n }, (_, i) => i).sort((p, q) => compareSlices(s, p, q) || p - q);
  const keep: number[] = [],
    counts: number[] = [],
    inverse = new Array<number>(s.n);
  for (const i of order) {
    if (keep.length === 0 || compareSlices(s, keep[keep.length - 1]!, i) !== 0) {
      keep.push(i);
      counts.push(0);
    }
    counts[counts.length - 1]!++;
    inverse[i] = keep.length - 1;
  }
  return results(input, d, keep, o.returnInverse ? inverse : null, [s.n], o.returnCounts ? counts : null);
}

/**
 * torch.unique_consecutive: the input without consecutive repeats (of
 * elements of the flattened input, or of slices along `dim`); with
 * `returnInverse` / `returnCounts` an array [output, inverse?, counts?]
 * (int64; the inverse has the input's shape, or the dim's size).
 */
export function uniqueConsecutive(input: Tensor, opts: UniqueConsecutiveOptions = {}): Tensor | Tensor[] {
  checkTensor(input, "unique_consecutive", "input");
  const o = checkOptionsObject<UniqueConsecutiveOptions>(opts, "unique_consecutive", [
    "returnInverse",
    "returnCounts",
    "dim",
  ]);
  const flat = o.dim === undefined || o.dim === null;
  if (flat && input.dtype === "float16") throw new TypeError(`"unique" not implemented for 'Half'`);
  const d = flat ? 0 : checkDim(input, o.dim!, "unique_dim");
  return noGrad(() =>
    scoped(() => {
      const x = flat ? reshape(input, [-1]) : input;
      const s = slicesOf(x, d);
      const keep: number[] = [],
        counts: number[] = [],
        inverse = new Array<number>(s.n);
      for (let i = 0; i < s.n; i++) {
        if (keep.length === 0 || compareSlices(s, i - 1, i) !== 0) {
          keep.push(i);
          counts.push(0);
        }
        counts[counts.length - 1]!++;
        inverse[i] = keep.length - 1;
      }
      const r = results(
        x,
        d,
        keep,
        o.returnInverse ? inverse : null,
        flat ? input.shape : [s.n],
        o.returnCounts ? counts : null,
      );
      return r;
    }),
  );
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.uniqueConsecutive: see torch.uniqueConsecutive. */
    uniqueConsecutive(opts?: UniqueConsecutiveOptions): Tensor | Tensor[];
  }
}

addMethods({
  uniqueConsecutive(this: Tensor, opts?: UniqueConsecutiveOptions) {
    return uniqueConsecutive(this, opts);
  },
});
