// torch.utils.data's samplers: the order in which a DataLoader reads a
// map-style dataset. RandomSampler draws exactly as PyTorch 1.13's: without
// a generator, a 64-bit seed from the default generator (of which a fresh
// mt19937 keeps the low 32 bits) and then randperm, so
// `torch.manualSeed(s)` gives PyTorch's order.

import { checkOptionsObject, kindOf } from "../../args.js";
import { randperm, randint } from "../../ops/randint.js";
import { Generator } from "../../ops/generator.js";
import { multinomial } from "../../ops/sampling.js";
import { fromArray } from "../../ops/fromData.js";
import { Tensor } from "../../tensor.js";
import { tidy } from "../../memory.js";

/** torch.utils.data.Sampler: an iterable of indices (or of index batches); `length` stands for `__len__`. */
export interface Sampler<T = number> {
  [Symbol.iterator](): Iterator<T>;
  /** `len(sampler)` (`__len__`), when known. */
  readonly length?: number;
}

/** A 64-bit draw, as torch.empty((), dtype=torch.int64).random_(generator): only its low 32 bits are returned. */
export function drawSeed(generator?: Generator | null): number {
  // randint over [0, 2^32) takes one 64-bit draw (hi << 32 | lo) and keeps
  // lo; as a seed, PyTorch's mt19937 uses only those low 32 bits too.
  const t = randint(0, 2 ** 32, [1], { dtype: "float64", ...(generator ? { generator } : {}) });
  const v = t.item() as number;
  t.dispose();
  return v;
}

/** 0, 1, ..., n - 1. */
function checkSource(d: unknown, who: string): void {
  if (d === null || typeof d !== "object" || typeof (d as { length?: unknown }).length !== "number") {
    throw new TypeError(`${who}: the data source must have a length, but got ${kindOf(d)}`);
  }
}

/** torch.utils.data.SequentialSampler: the indices 0, 1, ..., length - 1 in order. */
export class SequentialSampler implements Sampler<number> {
  /** @param dataSource The dataset (anything with a length) whose indices are drawn (PyTorch's data_source). */
  constructor(readonly dataSource: { readonly length: number }) {
    checkSource(dataSource, "SequentialSampler");
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.dataSource.length; i++) yield i;
  }
  /** The number of indices drawn: the dataset's length. */
  get length(): number {
    return this.dataSource.length;
  }
}

/** The keyword arguments of RandomSampler: `{ replacement, numSamples, generator }` (PyTorch's num_samples). */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** How many indices to draw (default: the dataset's length). */
  numSamples?: number | null;
  /** Draw from this generator instead of the default one. */
  generator?: Generator | null;
}

/** A random permutation of the indices (or numSamples draws with replacement). */
export class RandomSampler implements Sampler<number> {
  /** Whether indices are drawn with replacement. */
  readonly replacement: boolean;
  /** The generator the indices are drawn from (null: a seed from the default generator each epoch). */
  readonly generator: Generator | null;
  private readonly _numSamples: number | null;

  /** @param dataSource The dataset (anything with a length) whose indices are drawn (PyTorch's data_source). */
  constructor(readonly dataSource: { readonly length: number }, opts: RandomSamplerOptions = {}) {
    checkSource(dataSource, "RandomSampler");
    opts = checkOptionsObject<RandomSamplerOptions>(opts, "RandomSampler", ["replacement", "numSamples", "generator"]);
    this.replacement = opts.replacement ?? false;
    this.generator = opts.generator ?? null;
    this._numSamples = opts.numSamples ?? null;
    if (typeof this.replacement !== "boolean") throw new TypeError(`replacement should be a boolean value, but got replacement=${String(this.replacement)}`);
    const n = this.numSamples;
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`num_samples should be a positive integer value, but got num_samples=${n}`);
  }

  /** num_samples: how many indices one pass draws. */
  get numSamples(): number {
    return this._numSamples ?? this.dataSource.length;
  }

  /** The number of indices drawn: numSamples. */
  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    const generator = this.generator ?? new Generator().manualSeed(drawSeed());
    const draw = (k: number): number[] => {
      const t = this.replacement ? randint(0, n, [k], { generator }) : randperm(n, { generator });
      const v = t.tolist() as number[];
      t.dispose();
      return v;
    };
    if (this.replacement) {
      for (let i = 0; i < Math.floor(this.numSamples / 32); i++) yield* draw(32);
      yield* draw(this.numSamples % 32);
    } else {
      for (let i = 0; i < Math.floor(this.numSamples / n); i++) yield* draw(n);
      yield* draw(n).slice(0, this.numSamples % n);
    }
  }
}

/** A random permutation of the given indices. */
export class SubsetRandomSampler implements Sampler<number> {
  /**
   * @param indices The indices permuted. @param opts `{ generator }`: draw from
   * this generator instead of the default one.
   */
  constructor(readonly indices: readonly number[], readonly opts: { generator?: Generator | null } = {}) {
    if (!Array.isArray(indices) || !indices.every((i) => Number.isInteger(i))) {
      throw new TypeError(`SubsetRandomSampler: indices must be a list of integers, but got ${kindOf(indices)}`);
    }
    this.opts = checkOptionsObject<{ generator: Generator | null }>(opts, "SubsetRandomSampler", ["generator"]);
  }
  *[Symbol.iterator](): Iterator<number> {
    const t = randperm(this.indices.length, this.opts.generator ? { generator: this.opts.generator } : {});
    const perm = t.tolist() as number[];
    t.dispose();
    for (const i of perm) yield this.indices[i]!;
  }
  /** The number of indices. */
  get length(): number {
    return this.indices.length;
  }
}

/** The options of WeightedRandomSampler: `{ replacement, generator }`. */
export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default true). */
  replacement?: boolean;
  /** Draw from this generator instead of the default one. */
  generator?: Generator | null;
}

/**
 * Draws `numSamples` indices into `weights` (any non-negative numbers), each
 * with probability proportional to its weight: torch.multinomial over the
 * weights as float64, so the same seed gives PyTorch's indices.
 */
export class WeightedRandomSampler implements Sampler<number> {
  /** The weights, as PyTorch keeps them (float64). */
  readonly weights: readonly number[];
  /** Whether an index may be drawn more than once per pass. */
  readonly replacement: boolean;
  /** The generator drawn from (null: the default one). */
  readonly generator: Generator | null;
  /**
   * @param weights One weight per index. @param numSamples How many indices
   * each pass draws (num_samples). @param opts `{ replacement, generator }`.
   */
  constructor(weights: readonly number[] | Tensor, readonly numSamples: number, opts: WeightedRandomSamplerOptions = {}) {
    if (typeof numSamples !== "number" || !Number.isInteger(numSamples) || numSamples <= 0) {
      throw new RangeError(`num_samples should be a positive integer value, but got num_samples=${typeof numSamples === "number" ? numSamples : kindOf(numSamples)}`);
    }
    const o = checkOptionsObject<WeightedRandomSamplerOptions>(opts, "WeightedRandomSampler", ["replacement", "generator"]);
    const replacement = o.replacement ?? true;
    if (typeof replacement !== "boolean") throw new TypeError(`replacement should be a boolean value, but got replacement=${kindOf(replacement)}`);
    const w = weights instanceof Tensor ? weights : null;
    if (w !== null && w.shape.length !== 1) {
      throw new RangeError(`weights should be a 1d sequence but given weights have shape (${w.shape.join(", ")}${w.shape.length === 1 ? "," : ""})`);
    }
    if (w === null && (!Array.isArray(weights) || !weights.every((x) => typeof x === "number"))) {
      throw new TypeError(`WeightedRandomSampler: weights must be an array of numbers or a 1-D tensor, but got ${kindOf(weights)}`);
    }
    this.weights = w !== null ? Array.from(w.toArray() as ArrayLike<number>) : (weights as readonly number[]).slice();
    this.replacement = replacement;
    this.generator = o.generator ?? null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const drawn = tidy(() => {
      const w = fromArray(this.weights, [this.weights.length], { dtype: "float64" });
      const t = multinomial(w, this.numSamples, { replacement: this.replacement, generator: this.generator });
      return t.tolist() as number[];
    });
    yield* drawn;
  }
  /** The number of indices a pass draws (num_samples). */
  get length(): number {
    return this.numSamples;
  }
}

/** Groups another sampler's indices into lists of batchSize (the last one shorter unless dropLast). */
export class BatchSampler implements Sampler<number[]> {
  /**
   * @param sampler The sampler of single indices. @param batchSize Indices per
   * batch (batch_size). @param dropLast Drop the last batch when shorter
   * (drop_last).
   */
  constructor(readonly sampler: Iterable<number> & { readonly length?: number }, readonly batchSize: number, readonly dropLast: boolean) {
    if (sampler === null || typeof sampler !== "object" || typeof (sampler as Iterable<number>)[Symbol.iterator] !== "function") {
      throw new TypeError(`BatchSampler: sampler must be an iterable of indices, but got ${kindOf(sampler)}`);
    }
    if (typeof batchSize !== "number" || !Number.isInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(`batch_size should be a positive integer value, but got batch_size=${typeof batchSize === "number" ? batchSize : kindOf(batchSize)}`);
    }
    if (typeof dropLast !== "boolean") throw new TypeError(`drop_last should be a boolean value, but got drop_last=${kindOf(dropLast)}`);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
  /** The number of batches: rounded down with dropLast, up without. */
  get length(): number {
    const n = this.sampler.length;
    if (n === undefined) throw new TypeError("BatchSampler: its sampler has no length");
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
}
