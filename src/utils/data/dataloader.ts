// torch.utils.data.DataLoader (single process): batches of a dataset in the
// order of its sampler, collated. Each iteration first draws a 64-bit
// "base seed" from the loader's generator (the default one unless given),
// as PyTorch's iterator does, so that with `torch.manualSeed(s)` (or the
// same `generator`) a shuffled loader visits the samples in PyTorch's order.
//
// `for...of` reads samples synchronously; `for await...of` also awaits
// samples that are Promises and iterates async iterable datasets.
// Synchronous batches are made inside tidy: the temporaries of reading and
// collating (TensorDataset's row views) are freed, the batch is the caller's.

import { tidy } from "../../memory.js";
import { checkOptionsObject, kindOf } from "../../args.js";
import type { Generator as TorchGenerator } from "../../ops/generator.js";
import { getItem, isMapDataset, type DatasetLike } from "./dataset.js";
import { BatchSampler, RandomSampler, SequentialSampler, drawSeed } from "./sampler.js";
import { defaultCollate, type CollateFn } from "./collate.js";

/**
 * The keyword arguments of DataLoader, camelCase (`batchSize`, `shuffle`,
 * `dropLast`, `collateFn`, ...). No workers: loading runs on the calling
 * thread.
 */
export interface DataLoaderOptions<S = unknown, B = unknown> {
  /** Samples per batch (default 1); null turns batching off (each sample goes through collateFn alone, if given). */
  batchSize?: number | null;
  /** Reshuffle every epoch (default false). */
  shuffle?: boolean;
  /** The order of the indices (exclusive with shuffle). */
  sampler?: Iterable<number> & { readonly length?: number };
  /** Lists of indices per batch (exclusive with batchSize, shuffle, sampler, dropLast). */
  batchSampler?: Iterable<number[]> & { readonly length?: number };
  /** Makes a batch of a list of samples (default: defaultCollate). */
  collateFn?: CollateFn<S, B> | null;
  /** Drop the last, incomplete batch (default false). */
  dropLast?: boolean;
  /** The generator shuffling draws from (default: the default generator). */
  generator?: TorchGenerator | null;
  /** Only 0: torchlet reads in the calling thread. */
  numWorkers?: number;
}

type AnyIterable<S> = Iterable<S> | AsyncIterable<S>;

const KEYS = ["batchSize", "shuffle", "sampler", "batchSampler", "collateFn", "dropLast", "generator", "numWorkers"];

const isPromise = (v: unknown): v is Promise<unknown> => v !== null && typeof v === "object" && typeof (v as Promise<unknown>).then === "function";

function syncOnly<T>(v: T | Promise<T>): T {
  if (isPromise(v)) throw new TypeError("the dataset returned a Promise: iterate the DataLoader with for await...of");
  return v as T;
}

/**
 * torch.utils.data.DataLoader: batches of a dataset, iterated with `for...of`
 * (or `for await...of` for async datasets). `length` stands for `__len__`.
 */
export class DataLoader<S = unknown, B = unknown> {
  /** The dataset the batches come from (a map-style dataset or an iterable). */
  readonly dataset: DatasetLike<S> | AnyIterable<S>;
  /** batch_size: samples per batch, or null when batching is off. */
  readonly batchSize: number | null;
  /** drop_last: whether the last incomplete batch is dropped. */
  readonly dropLast: boolean;
  /** The generator that shuffling draws from, or null for the default one. */
  readonly generator: TorchGenerator | null;
  /** The sampler of indices, or null for an iterable dataset. */
  readonly sampler: (Iterable<number> & { readonly length?: number }) | null;
  /** batch_sampler: the sampler of index batches, or null when batching is off or the dataset is iterable. */
  readonly batchSampler: (Iterable<number[]> & { readonly length?: number }) | null;
  /** collate_fn: makes a batch of a list of samples. */
  readonly collateFn: CollateFn<S, B>;
  private readonly _iterable: boolean;

  constructor(dataset: DatasetLike<S> | AnyIterable<S>, opts: DataLoaderOptions<S, B> = {}) {
    const o = checkOptionsObject<DataLoaderOptions<S, B>>(opts, "DataLoader", KEYS);
    if (o.numWorkers !== undefined && o.numWorkers !== 0) throw new RangeError("DataLoader: torchlet reads data in the calling thread; numWorkers must be 0");
    this.dataset = dataset;
    this._iterable = !isMapDataset(dataset);
    if (this._iterable && !(Symbol.iterator in Object(dataset)) && !(Symbol.asyncIterator in Object(dataset))) {
      throw new TypeError(`DataLoader: the dataset must have get(i) and length, or be iterable, but got ${kindOf(dataset)}`);
    }
    let batchSize = o.batchSize === undefined ? 1 : o.batchSize;
    const shuffle = o.shuffle ?? false;
    let dropLast = o.dropLast ?? false;
    this.generator = o.generator ?? null;
    if (this._iterable) {
      if (o.shuffle !== undefined && o.shuffle !== false) throw new RangeError(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${shuffle ? "True" : "False"}`);
      if (o.sampler !== undefined) throw new RangeError(`DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${kindOf(o.sampler)}`);
      if (o.batchSampler !== undefined) throw new RangeError(`DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${kindOf(o.batchSampler)}`);
    }
    if (o.sampler !== undefined && shuffle) throw new RangeError("sampler option is mutually exclusive with shuffle");
    if (o.batchSampler !== undefined) {
      if (batchSize !== 1 || shuffle || o.sampler !== undefined || dropLast) {
        throw new RangeError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
      }
      batchSize = null;
      dropLast = false;
    } else if (batchSize === null) {
      if (dropLast) throw new RangeError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
    }
    let sampler: (Iterable<number> & { readonly length?: number }) | null = null;
    let batchSampler = o.batchSampler ?? null;
    if (!this._iterable) {
      const ds = dataset as DatasetLike<S>;
      sampler = o.sampler ?? (shuffle ? new RandomSampler(ds, { generator: this.generator }) : new SequentialSampler(ds));
      if (batchSize !== null && batchSampler === null) batchSampler = new BatchSampler(sampler, batchSize, dropLast);
    }
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.sampler = sampler;
    this.batchSampler = batchSampler;
    this.collateFn = o.collateFn ?? ((batchSize !== null || batchSampler !== null ? defaultCollate : (s: unknown) => s) as unknown as CollateFn<S, B>);
  }

  private get _autoBatch(): boolean {
    return this.batchSampler !== null || (this._iterable && this.batchSize !== null);
  }

  /** Number of batches (of samples without batching); an iterable dataset needs a length. */
  get length(): number {
    if (this._iterable) {
      const n = (this.dataset as { length?: number }).length;
      if (typeof n !== "number") throw new TypeError("DataLoader: the iterable dataset has no length");
      if (this.batchSize === null) return n;
      return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    }
    if (this.batchSampler !== null) {
      const n = this.batchSampler.length;
      if (typeof n !== "number") throw new TypeError("DataLoader: the batch sampler has no length");
      return n;
    }
    const n = this.sampler!.length;
    return typeof n === "number" ? n : (this.dataset as DatasetLike<S>).length;
  }

  private _collate(samples: S[]): B {
    return this.collateFn(samples);
  }

  /** The batches, reading samples synchronously. */
  [Symbol.iterator](): Iterator<B> {
    drawSeed(this.generator); // PyTorch's _base_seed: keeps later draws in step with PyTorch's
    return this._batches();
  }

  private *_batches(): Generator<B> {
    if (this._iterable) {
      const it = this.dataset as Iterable<S>;
      if (typeof (it as Partial<Iterable<S>>)[Symbol.iterator] !== "function") {
        throw new TypeError("the dataset is only async iterable: iterate the DataLoader with for await...of");
      }
      const pending: S[] = [];
      for (const s of it) yield* this._add(pending, s);
      yield* this._rest(pending);
      return;
    }
    const ds = this.dataset as DatasetLike<S>;
    if (this.batchSampler !== null) {
      for (const idx of this.batchSampler) yield tidy(() => this._collate(idx.map((i) => syncOnly(getItem(ds, i)))));
    } else {
      for (const i of this.sampler!) yield tidy(() => this._collateOne(syncOnly(getItem(ds, i))));
    }
  }

  /**
   * What one more sample of an iterable dataset completes: itself without
   * automatic batching, else a batch once `pending` holds batchSize samples.
   */
  private _add(pending: S[], s: S): B[] {
    if (!this._autoBatch) return [tidy(() => this._collateOne(s))];
    pending.push(s);
    if (pending.length !== this.batchSize) return [];
    const b = pending.splice(0);
    return [tidy(() => this._collate(b))];
  }

  /** Without automatic batching, collateFn takes one sample. */
  private _collateOne(s: S): B {
    return (this.collateFn as unknown as (x: S) => B)(s);
  }

  /** The last, short batch of an iterable dataset (none with dropLast). */
  private _rest(pending: S[]): B[] {
    return pending.length > 0 && !this.dropLast ? [tidy(() => this._collate(pending))] : [];
  }

  /** The batches, awaiting samples that are Promises and async iterable datasets. */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    drawSeed(this.generator);
    return this._asyncBatches();
  }

  private async *_asyncBatches(): AsyncGenerator<B> {
    if (this._iterable) {
      const pending: S[] = [];
      for await (const s of this.dataset as AnyIterable<S>) yield* this._add(pending, s);
      yield* this._rest(pending);
      return;
    }
    const ds = this.dataset as DatasetLike<S>;
    if (this.batchSampler !== null) {
      for (const idx of this.batchSampler) {
        const samples = await Promise.all(idx.map((i) => getItem(ds, i)));
        yield tidy(() => this._collate(samples));
      }
    } else {
      for (const i of this.sampler!) {
        const s = await getItem(ds, i);
        yield tidy(() => this._collateOne(s));
      }
    }
  }
}
