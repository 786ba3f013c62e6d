// Sampling with PyTorch CPU's numbers for the same seed: multinomial,
// poisson and normal with tensor arguments. Each follows ATen 1.13's CPU
// route, because the route decides the numbers:
//
//   multinomial without replacement: q = exponential_(1) per
//     element (-log(1 - u), u a 53-bit uniform), then argmax / topk of p / q
//     (the Gumbel-max trick in its exponential form);
//   multinomial with replacement: per row, the cumulative distribution in the
//     input's dtype, normalised, then a 53-bit uniform per sample and a binary
//     search for the first bucket not below it;
//   poisson: per element, sample_poisson (Knuth's product of uniforms below
//     10, Hoermann's transformed rejection from 10 on);
//   normal(mean, std): normal_(0, 1) of the broadcast shape, then * std + mean.
//
// The draws are few and data-dependent, so they run here in JS over the
// generator's mt19937 (one wasm call per 32-bit word).

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { INDEX_DTYPE, isFloating, messageTypeName, scalarTypeName, type DType } from "../dtype.js";
import { broadcastShapes, checkNumel } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { scoped } from "../memory.js";
import { checkTensor, filledBy } from "./launch.js";
import { isDense } from "./creation.js";
import { fromArray } from "./fromData.js";
import { binaryInto } from "./binary.js";
import { Generator, pickGenerator } from "./generator.js";
import { cppNumber, normal_, type SampleOptions } from "./random.js";
import { numbersOf } from "./numbers.js";
import { checkOptionsObject, kindOf } from "../args.js";

interface GeneratorExports {
  generator_random(g: number): number;
}

/** uniform_real_distribution<double>(0, 1) on `gen`: the low 53 bits of random64 (first draw high), times 2^-53. */
function uniform53(gen: Generator): () => number {
  const ex = abi.runtime().exports as unknown as GeneratorExports;
  const g = gen._acquire();
  return () => {
    const hi = ex.generator_random(g);
    const lo = ex.generator_random(g);
    return ((hi % 0x200000) * 0x100000000 + lo) * 2 ** -53;
  };
}

/**
 * The row-major positions of `t`'s elements in the order ATen's samplers
 * visit them: memory order for a dense tensor (empty_like keeps its
 * layout), row-major otherwise (empty_like makes it contiguous).
 */
function visitOrder(t: Tensor): number[] {
  const n = t.numel();
  const order = Array.from({ length: n }, (_, k) => k);
  if (t.isContiguous() || !isDense(t.shape, t._strides)) return order;
  const offsets = new Array<number>(n);
  const shape = t.shape;
  const coord = new Array<number>(shape.length).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    offsets[k] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      coord[d]!++;
      off += t._strides[d]!;
      if (coord[d]! < shape[d]!) break;
      off -= coord[d]! * t._strides[d]!;
      coord[d] = 0;
    }
  }
  return order.sort((a, b) => offsets[a]! - offsets[b]!);
}

/** Rounds a double to the dtype's precision (float32 arithmetic is done in doubles and rounded at each step). */
const rounder = (dtype: DType): ((x: number) => number) => (dtype === "float32" ? Math.fround : (x) => x);

// ---- multinomial -------------------------------------------------------------------

/** The keyword arguments of multinomial: `{ replacement, generator }`. */
export interface MultinomialOptions extends SampleOptions {
  /** Draw with replacement (default false: each category at most once per row). */
  replacement?: boolean;
}

/**
 * torch.multinomial: `numSamples` category indices per row of `input` (1-D
 * or 2-D, non-negative weights, not necessarily summing to 1), drawn with
 * probabilities proportional to the weights; without replacement unless
 * `{ replacement: true }`. INDEX_DTYPE indices, PyTorch's numbers for the
 * same seed.
 */
export function multinomial(input: Tensor, numSamples: number, opts?: MultinomialOptions): Tensor {
  checkTensor(input, "multinomial", "input");
  const o = checkOptionsObject<MultinomialOptions>(opts, "multinomial", ["replacement", "generator"]);
  const replacement = o.replacement ?? false;
  if (!Number.isInteger(numSamples))
    throw new TypeError(`multinomial(): argument 'num_samples' must be int, but got ${kindOf(numSamples)}`);
  const gen = pickGenerator(o.generator, "multinomial");
  const nd = input.shape.length;
  if (nd < 1 || nd > 2) throw new RangeError("prob_dist must be 1 or 2 dim");
  if (!isFloating(input.dtype))
    throw new TypeError(
      `multinomial only supports floating-point dtypes for input, got: ${messageTypeName[input.dtype]}`,
    );
  if (numSamples <= 0) throw new RangeError("cannot sample n_sample <= 0 samples");
  const cats = input.shape[nd - 1]!;
  if (!replacement && numSamples > cats)
    throw new RangeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  if (cats > 2 ** 24) throw new RangeError("number of categories cannot exceed 2^24");
  const rows = nd === 1 ? 1 : input.shape[0]!;
  const shape = nd === 1 ? [numSamples] : [rows, numSamples];
  checkNumel(shape);
  if (rows * numSamples === 0) return fromArray([], shape, { dtype: INDEX_DTYPE });
  const p = Array.from(numbersOf(input));
  const draw: Draw = { p, rows, cats, n: numSamples, dtype: input.dtype, gen };
  const out = !replacement ? sampleByExponentials(draw, visitOrder(input)) : sampleWithReplacement(draw);
  return fromArray(out, shape, { dtype: INDEX_DTYPE });
}

/** What multinomial draws from: `rows` rows of `cats` probabilities `p` (in `dtype`), `n` draws per row. */
interface Draw {
  p: number[];
  rows: number;
  cats: number;
  n: number;
  dtype: DType;
  gen: Generator;
}

/** ATen's path without replacement: argmax / topk of p / q with q ~ Exp(1) drawn per element in memory order. */
function sampleByExponentials({ p, rows, cats, n, dtype, gen }: Draw, order: readonly number[]): number[] {
  let bad = false;
  for (const v of p) if (!(v >= 0 && v < Infinity)) bad = true;
  if (bad) throw new RangeError("probability tensor contains either `inf`, `nan` or element < 0");
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cats; c++) s += p[r * cats + c]!;
    if (s === 0) throw new RangeError("invalid multinomial distribution (sum of probabilities <= 0)");
  }
  const round = rounder(dtype);
  const u = uniform53(gen);
  const q = new Array<number>(p.length);
  for (const k of order) q[k] = round(p[k]! / round(-Math.log(1 - u())));
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = q.slice(r * cats, (r + 1) * cats);
    const ranked = row.map((_, c) => c);
    // Descending by value; among equal values the lower index first (argmax's choice).
    ranked.sort((a, b) => (row[b]! > row[a]! ? 1 : row[b]! < row[a]! ? -1 : a - b));
    out.push(...ranked.slice(0, n));
  }
  return out;
}

/** multinomial_with_replacement_apply: per row, its normalised cumulative distribution and a binary search per draw. */
function sampleWithReplacement({ p, rows, cats, n, dtype, gen }: Draw): number[] {
  const round = rounder(dtype);
  const u = uniform53(gen);
  const out: number[] = [];
  const cum = new Array<number>(cats);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cats; c++) {
      const v = p[r * cats + c]!;
      if (!(v >= 0)) throw new RangeError("invalid multinomial distribution (encountering probability entry < 0)");
      if (!Number.isFinite(v))
        throw new RangeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
      sum = round(sum + v);
      cum[c] = sum;
    }
    if (!(sum > 0)) throw new RangeError("invalid multinomial distribution (sum of probabilities <= 0)");
    for (let c = 0; c < cats; c++) cum[c] = round(cum[c]! / sum);
    for (let k = 0; k < n; k++) {
      const x = u();
      cum[cats - 1] = 1;
      let left = 0;
      let right = cats;
      while (right - left > 0) {
        const mid = left + Math.floor((right - left) / 2);
        if (cum[mid]! < x) left = mid + 1;
        else right = mid;
      }
      out.push(left);
    }
  }
  return out;
}

// ---- poisson -----------------------------------------------------------------------

/** log|Gamma(x)| for x > 0 (Lanczos, g = 7, 9 terms: about 1e-15 relative). */
function lgamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ATen's sample_poisson(lambda) on uniform draws `u`. */
function samplePoisson(lambda: number, u: () => number): number {
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = u() - 0.5;
      const V = u();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1))
        return k;
    }
  }
  if (lambda === 0) return 0;
  const enlam = Math.exp(-lambda);
  let x = 0;
  let prod = 1.0;
  for (;;) {
    prod *= u();
    if (prod > enlam) x += 1;
    else return x;
  }
}

/**
 * torch.poisson: a tensor like `input` of counts drawn from Poisson(rate),
 * one per element of `input` (the rates, >= 0), PyTorch's numbers for the
 * same seed (PoissonBackward0: a zero gradient).
 */
export function poisson(input: Tensor, opts?: SampleOptions): Tensor {
  checkTensor(input, "poisson", "input");
  const o = checkOptionsObject<SampleOptions>(opts, "poisson", ["generator"]);
  const gen = pickGenerator(o.generator, "poisson");
  if (!isFloating(input.dtype))
    throw new TypeError(`"poisson_cpu" not implemented for '${scalarTypeName[input.dtype]}'`);
  const rates = numbersOf(input);
  for (const r of rates) if (!(r >= 0)) throw new RangeError("invalid Poisson rate, expected rate to be non-negative");
  const u = uniform53(gen);
  // ATen writes into zeros(lambda.sizes()), a contiguous tensor: row-major order whatever lambda's layout.
  const counts = Array.from(rates, (r) => samplePoisson(r, u));
  const out = fromArray(counts, input.shape, { dtype: input.dtype });
  return record("poisson", out, [input]);
}

// ---- normal with tensors ---------------------------------------------------------------

/**
 * torch.normal with tensor arguments: one draw from N(mean, std^2) per
 * element of mean and std broadcast together (either may be a number);
 * PyTorch's numbers for the same seed (NormalBackward1/2/3: zero gradients,
 * as PyTorch's). With two numbers, `size` gives the shape.
 */
export function normal(
  mean: TensorLike,
  std: TensorLike,
  size?: readonly number[] | SampleOptions,
  opts?: SampleOptions,
): Tensor {
  const sizeArg = Array.isArray(size) ? (size as readonly number[]) : null;
  const o = checkOptionsObject<SampleOptions>(sizeArg === null ? size : opts, "normal", ["generator"]);
  const gen = pickGenerator(o.generator, "normal");
  const m = mean instanceof Tensor ? mean : null;
  const s = std instanceof Tensor ? std : null;
  if (m === null && s === null) {
    if (sizeArg === null) throw new TypeError("normal(): with numbers for mean and std, a size is required");
    checkNumel(sizeArg);
    const out = Tensor._empty(sizeArg.slice(), "float32");
    return filledBy(out, (t) => normal_(t, Number(mean), Number(std), { generator: gen }));
  }
  if (m !== null) m._check();
  if (s !== null) s._check();
  const dtype = (m ?? s)!.dtype;
  if (!isFloating(dtype)) throw new TypeError(`"normal_kernel_cpu" not implemented for '${scalarTypeName[dtype]}'`);
  if (s === null && !(Number(std) >= 0))
    throw new RangeError(`normal expects std >= 0.0, but found std ${cppNumber(Number(std))}`);
  if (s !== null && Array.from(numbersOf(s)).some((v) => v < 0))
    throw new RangeError("normal expects all elements of std >= 0.0");
  const shape = m !== null && s !== null ? broadcastShapes(m.shape, s.shape) : (m ?? s)!.shape.slice();
  const out = filledBy(Tensor._empty(shape, dtype), (out) =>
    scoped(() => {
      if (m !== null && s === null) normal_(out, 0, Number(std), { generator: gen });
      else {
        normal_(out, 0, 1, { generator: gen });
        binaryInto("mul", out, out, s!);
      }
      binaryInto("add", out, out, m ?? Number(mean));
      return null;
    }),
  );
  if (m !== null && s !== null) return record("normalTensorTensor", out, [m, s]);
  if (m !== null) return record("normalTensorFloat", out, [m]);
  return record("normalFloatTensor", out, [s]);
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.multinomial: torch.multinomial on this tensor of weights. */
    multinomial(numSamples: number, opts?: MultinomialOptions): Tensor;
  }
}

addMethods({
  multinomial(this: Tensor, numSamples: number, opts?: MultinomialOptions) {
    return multinomial(this, numSamples, opts);
  },
});
