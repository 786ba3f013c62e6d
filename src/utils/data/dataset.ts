// torch.utils.data's datasets. A map-style dataset is anything with
// `get(i)` and `length` (Python's `dataset[i]` and `len(dataset)`); a plain
// array is one too. `get` may return a Promise (a browser fetching an
// image): the DataLoader then has to be iterated with `for await...of`.
// An iterable dataset is anything iterable (sync or async).

import { Tensor } from "../../tensor.js";
import { checkOptionsObject, kindOf } from "../../args.js";
import { randperm } from "../../ops/randint.js";
import type { Generator } from "../../ops/generator.js";

/** A map-style dataset: samples by index. */
export interface MapDataset<T = unknown> {
  /** `dataset[index]` (`__getitem__`): the sample at `index`, or a promise of it. */
  get(index: number): T | Promise<T>;
  /** `len(dataset)` (`__len__`): the number of samples. */
  readonly length: number;
}

/** What a DataLoader or Subset takes as a map-style dataset: a Dataset, or a plain array. */
export type DatasetLike<T = unknown> = MapDataset<T> | readonly T[];

/** The base of map-style datasets: subclasses implement get(i) and length. */
export abstract class Dataset<T = unknown> implements MapDataset<T> {
  /** `dataset[index]` (`__getitem__`): the sample at `index`, or a promise of it. */
  abstract get(index: number): T | Promise<T>;
  /** `len(dataset)` (`__len__`): the number of samples. */
  abstract get length(): number;
}

/** The base of iterable datasets: subclasses implement [Symbol.iterator] or [Symbol.asyncIterator]. */
export abstract class IterableDataset<T = unknown> {
  [Symbol.iterator]?(): Iterator<T>;
  [Symbol.asyncIterator]?(): AsyncIterator<T>;
}

/** Reads sample `i` of a Dataset or an array. */
export function getItem<T>(dataset: DatasetLike<T>, i: number): T | Promise<T> {
  return Array.isArray(dataset) ? (dataset as readonly T[])[i]! : (dataset as MapDataset<T>).get(i);
}

export function isMapDataset(d: unknown): d is DatasetLike {
  return Array.isArray(d) || (d !== null && typeof d === "object" && typeof (d as MapDataset).get === "function" && typeof (d as MapDataset).length === "number");
}

export function checkIndex(index: number, n: number, what: string): number {
  if (typeof index !== "number" || !Number.isInteger(index)) throw new TypeError(`${what} indices must be integers, but got ${kindOf(index)}`);
  if (index < -n || index >= n) throw new RangeError(`index ${index} is out of range`);
  return index < 0 ? index + n : index;
}

/** Samples are the i-th rows of each tensor (all with the same first dimension). */
export class TensorDataset extends Dataset<Tensor[]> {
  /** The tensors indexed together (each has the same size in dim 0). */
  readonly tensors: readonly Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    for (const t of tensors) {
      if (!(t instanceof Tensor)) throw new TypeError(`TensorDataset: expected Tensors, but got ${kindOf(t)}`);
      t._check();
    }
    if (tensors.length === 0 || !tensors.every((t) => t.dim() > 0 && t.shape[0] === tensors[0]!.shape[0])) {
      throw new RangeError("Size mismatch between tensors");
    }
    this.tensors = tensors;
  }
  /** The i-th rows: new views of the tensors (dispose them, or read them inside tidy). */
  get(index: number): Tensor[] {
    const i = checkIndex(index, this.length, "TensorDataset");
    return this.tensors.map((t) => t.select(0, i));
  }
  /** The size of dim 0 of the tensors. */
  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }
}

/** Several datasets one after another. */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  /** The datasets, in order. */
  readonly datasets: DatasetLike<T>[];
  /** cumulative_sizes: the running totals of the datasets' lengths. */
  readonly cumulativeSizes: number[];
  constructor(datasets: Iterable<DatasetLike<T>>) {
    super();
    if (datasets === null || typeof datasets !== "object" || typeof (datasets as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw new TypeError(`ConcatDataset: datasets must be an iterable of datasets, but got ${kindOf(datasets)}`);
    }
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new RangeError("datasets should not be an empty iterable");
    for (const d of this.datasets) {
      if (!isMapDataset(d) && (d === null || typeof d !== "object")) throw new TypeError(`ConcatDataset: expected datasets, but got ${kindOf(d)}`);
      if (!isMapDataset(d)) throw new TypeError("ConcatDataset does not support IterableDataset");
    }
    let s = 0;
    this.cumulativeSizes = this.datasets.map((d) => (s += d.length));
  }
  /** The sum of the datasets' lengths. */
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }
  /** The sample at `index` of the concatenation (negative counts from the end). */
  get(index: number): T | Promise<T> {
    if (index < 0) {
      if (-index > this.length) throw new RangeError("absolute value of index should not exceed dataset length");
      index = this.length + index;
    }
    const i = checkIndex(index, this.length, "ConcatDataset");
    const d = this.cumulativeSizes.findIndex((c) => i < c); // bisect_right
    const start = d === 0 ? 0 : this.cumulativeSizes[d - 1]!;
    return getItem(this.datasets[d]!, i - start);
  }
}

/** The samples of `dataset` at `indices`. */
export class Subset<T = unknown> extends Dataset<T> {
  /** The dataset the subset indexes into. */
  readonly dataset: DatasetLike<T>;
  /** The indices of the subset in `dataset`. */
  readonly indices: number[];
  constructor(dataset: DatasetLike<T>, indices: Iterable<number>) {
    super();
    if (indices === null || typeof indices !== "object" || typeof (indices as Iterable<number>)[Symbol.iterator] !== "function") {
      throw new TypeError(`Subset: indices must be an iterable of integers, but got ${kindOf(indices)}`);
    }
    this.dataset = dataset;
    this.indices = [...indices];
    for (const i of this.indices) if (!Number.isInteger(i)) throw new TypeError(`Subset: indices must be integers, but got ${kindOf(i)}`);
  }
  /** `dataset[indices[index]]`. */
  get(index: number): T | Promise<T> {
    return getItem(this.dataset, this.indices[checkIndex(index, this.indices.length, "Subset")]!);
  }
  /** The number of indices. */
  get length(): number {
    return this.indices.length;
  }
}

/**
 * Splits a dataset into non-overlapping random subsets of the given lengths
 * (or fractions summing to 1), with PyTorch's randperm for the same
 * generator (the default one unless given), so the split is PyTorch's.
 */
export function randomSplit<T>(dataset: DatasetLike<T>, lengths: readonly number[], opts: { generator?: Generator } = {}): Subset<T>[] {
  const o = checkOptionsObject<{ generator: Generator }>(opts, "randomSplit", ["generator"]);
  if (!isMapDataset(dataset)) throw new TypeError(`randomSplit(): dataset must have get(i) and length, but got ${kindOf(dataset)}`);
  if (!Array.isArray(lengths) || !lengths.every((l) => typeof l === "number" && Number.isFinite(l))) {
    throw new TypeError(`randomSplit(): lengths must be a list of numbers, but got ${kindOf(lengths)}`);
  }
  const n = dataset.length;
  let sizes = [...lengths];
  const total = sizes.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 * Math.max(1, Math.abs(total)) && total <= 1) {
    sizes = sizes.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new RangeError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length]! += 1;
    sizes.forEach((len, i) => {
      if (len === 0) console.warn(`UserWarning: Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) throw new RangeError("Sum of input lengths does not equal the length of the input dataset!");
  const perm = randperm(sizes.reduce((a, b) => a + b, 0), o.generator ? { generator: o.generator } : {});
  const indices = perm.tolist() as number[];
  perm.dispose();
  let offset = 0;
  return sizes.map((len) => {
    const s = new Subset(dataset, indices.slice(offset, offset + len));
    offset += len;
    return s;
  });
}
