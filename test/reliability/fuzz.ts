// Shared by the property tests (props-*.test.ts): fast-check's parameters and
// the plain-JS helpers the references are built from (shapes, row-major
// walks, a seeded value source, tensors laid out in memory in random ways).
//
// CI runs a fixed seed and a few runs per property; `npm run fuzz` sets
// FUZZ_SEED (random, printed) and FUZZ_RUNS (many). A failure's message is
// fast-check's: the seed, the path of the shrunk counterexample, and the
// counterexample; rerun with FUZZ_SEED=<seed> to reproduce.

import * as torch from "../../src/index.js";
import type { DType, Tensor } from "../../src/index.js";
import { indices, numel, rng, rowMajor } from "../helpers/random.js";

const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(v)}`);
  return n;
};

const SEED = envInt("FUZZ_SEED") ?? 20240607;
const RUNS = envInt("FUZZ_RUNS");

/**
 * fast-check's `{ seed, numRuns }` for one property: FUZZ_SEED / FUZZ_RUNS
 * when set, else the fixed seed and `ciRuns` (chosen per property by cost).
 */
export function fuzz(ciRuns: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: RUNS ?? ciRuns };
}

// ---- shapes and row-major walks -------------------------------------------------

export { indices, numel, rowMajor };

/** NumPy's broadcasting of two shapes, or null when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1,
      y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** The row-major position in `shape` of output index `idx` (of a shape `shape` broadcasts to). */
export function broadcastOffset(shape: readonly number[], idx: readonly number[]): number {
  const st = rowMajor(shape),
    k = idx.length - shape.length;
  let off = 0;
  for (let d = 0; d < shape.length; d++) off += shape[d] === 1 ? 0 : idx[k + d]! * st[d]!;
  return off;
}

/** Values of x.permute(perm), row-major, from x's row-major values. */
export function permuteValues(values: readonly number[], shape: readonly number[], perm: readonly number[]): number[] {
  const st = rowMajor(shape);
  const out: number[] = [];
  for (const i of indices(perm.map((p) => shape[p]!)))
    out.push(values[i.reduce((s, v, d) => s + v * st[perm[d]!]!, 0)]!);
  return out;
}

// ---- values and layouts ---------------------------------------------------------

export { rng };

/** An integer in [lo, hi]. */
export const pick = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

export const LAYOUTS = ["contiguous", "permuted", "expanded", "stepped", "narrowed"] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * A tensor of `shape` and `dtype` whose storage is laid out as `layout` says,
 * and its values in row-major order (what the reference computes from).
 * `draw` makes each value. Every layout is built from values placed by plain
 * JS index arithmetic, so a wrong view shows up as a wrong result.
 *   permuted: a contiguous tensor of permuted shape, permuted back
 *   expanded: some dims of size 1 expanded (stride 0) to the shape
 *   stepped:  every 2nd or 3rd entry along a dim of a bigger tensor (slice with a step)
 *   narrowed: the middle of a bigger tensor along a dim (narrow)
 */
export function makeTensor(
  shape: readonly number[],
  dtype: DType,
  layout: Layout,
  r: () => number,
  draw: () => number,
): { t: Tensor; values: number[] } {
  const nd = shape.length;
  const opts = { dtype };
  if (layout === "permuted" && nd >= 2) {
    const values = Array.from({ length: numel(shape) }, draw);
    const perm = shape.map((_, d) => d);
    for (let i = nd - 1; i > 0; i--) {
      const j = pick(r, 0, i);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const inv = new Array<number>(nd);
    perm.forEach((p, d) => (inv[p] = d));
    const base = torch.fromArray(
      permuteValues(values, shape, perm),
      perm.map((p) => shape[p]!),
      opts,
    );
    return { t: base.permute(inv), values };
  }
  if (layout === "expanded" && nd >= 1) {
    const baseShape = shape.map((s) => (r() < 0.5 ? 1 : s));
    const base = Array.from({ length: numel(baseShape) }, draw);
    const values = Array.from(indices(shape), (i) => base[broadcastOffset(baseShape, i)]!);
    return { t: torch.fromArray(base, baseShape, opts).expand(shape), values };
  }
  if ((layout === "stepped" || layout === "narrowed") && nd >= 1) {
    const values = Array.from({ length: numel(shape) }, draw);
    const d = pick(r, 0, nd - 1);
    const step = layout === "stepped" ? pick(r, 2, 3) : 1;
    const start = pick(r, 0, 1);
    const big = shape.slice();
    big[d] = start + shape[d]! * step + 1;
    // Entries outside the view hold a value the references never produce.
    const data = new Array<number>(numel(big)).fill(dtype === "int32" ? 77 : 77.5);
    const bst = rowMajor(big);
    let k = 0;
    for (const i of indices(shape)) {
      const j = i.slice();
      j[d] = start + i[d]! * step;
      data[j.reduce((s, v, e) => s + v * bst[e]!, 0)] = values[k++]!;
    }
    const b = torch.fromArray(data, big, opts);
    const t =
      layout === "stepped"
        ? b.slice(d, start, start + Math.max(0, (shape[d]! - 1) * step + 1), step)
        : b.narrow(d, start, shape[d]!);
    return { t, values };
  }
  const values = Array.from({ length: numel(shape) }, draw);
  return { t: torch.fromArray(values, shape, opts), values };
}

/** Row-major values of a tensor as JS numbers. */
export const valuesOf = (t: Tensor): number[] => Array.from(t.toArray() as ArrayLike<number | bigint>, Number);

/** Equal as the references mean it: NaN equals NaN, and +0 equals -0. */
export const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
