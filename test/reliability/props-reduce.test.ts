// Property: reductions over random dim sets (negative dims, keepdim true and
// false, the whole tensor) of random shapes (rank 0..4, sizes 0..4) in random
// layouts (permuted, expanded, stepped, narrowed views) agree with plain-JS
// references computed here from the values: sum, mean, prod, amax, amin,
// var/std with a correction, logsumexp, argmax. Reducing a zero-size dim with
// an op that has no identity must throw.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../../src/index.js";
import type { DType, Tensor } from "../../src/index.js";
import { LAYOUTS, fuzz, indices, makeTensor, numel, pick, rng, rowMajor, same, valuesOf, type Layout } from "./fuzz.js";

/** Every reduced group, in output order; each group's values in the input's row-major order. */
function groups(
  values: readonly number[],
  shape: readonly number[],
  dims: ReadonlySet<number>,
): { outShape: number[]; groups: number[][] } {
  const kept = shape.map((_, d) => d).filter((d) => !dims.has(d));
  const outShape = kept.map((d) => shape[d]!);
  const out: number[][] = Array.from({ length: numel(outShape) }, () => []);
  const ost = rowMajor(outShape);
  let k = 0;
  for (const i of indices(shape)) out[kept.reduce((s, d, j) => s + i[d]! * ost[j]!, 0)]!.push(values[k++]!);
  return { outShape, groups: out };
}

const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const maxOf = (xs: readonly number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
const minOf = (xs: readonly number[]) => xs.reduce((a, b) => Math.min(a, b), Infinity);
function varOf(xs: readonly number[], correction: number): number {
  const m = sumOf(xs) / xs.length;
  return sumOf(xs.map((x) => (x - m) ** 2)) / Math.max(0, xs.length - correction);
}
function logsumexpOf(xs: readonly number[]): number {
  const m = maxOf(xs);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(sumOf(xs.map((x) => Math.exp(x - m))));
}
const argmaxOf = (xs: readonly number[]) => xs.indexOf(maxOf(xs)); // the first of ties, as PyTorch

interface Reduction {
  name: "sum" | "mean" | "prod" | "amax" | "amin" | "var" | "std" | "logsumexp" | "argmax";
  dtypes: DType[];
  /** Takes one dim (or none), not a list. */
  single?: boolean;
  /** Needs a dim (logsumexp). */
  needsDim?: boolean;
  /** No identity: a zero-size reduced dim throws. */
  nonEmpty?: boolean;
  outDType: (d: DType) => DType;
  /** The reference over one group; `c` is var/std's correction. */
  f: (xs: number[], d: DType, c: number) => number;
  /** |got - want| <= atol + rtol * |want| for floating results; integers are exact. */
  tol?: Partial<Record<DType, [atol: number, rtol: number]>>;
}

const F32 = (d: DType) => d;
const REDUCTIONS: Reduction[] = [
  // Sums of multiples of 1/4 this small are exact in float32 in any order.
  {
    name: "sum",
    dtypes: ["float32", "float64", "int32"],
    // Integers sum in int64, as in PyTorch (exact here).
    outDType: (d) => (d === "int32" ? "int64" : d),
    f: (xs) => sumOf(xs),
  },
  {
    name: "mean",
    dtypes: ["float32", "float64"],
    outDType: F32,
    f: (xs) => sumOf(xs) / xs.length,
    tol: { float32: [0, 3e-7], float64: [0, 1e-15] },
  },
  {
    name: "prod",
    dtypes: ["float32", "float64", "int32"],
    single: true,
    // Integers multiply in int64, as in PyTorch; the values here keep every product exact.
    outDType: (d) => (d === "int32" ? "int64" : d),
    f: (xs) => xs.reduce((a, b) => a * b, 1),
    tol: { float32: [0, 2e-6], float64: [0, 1e-14] },
  },
  { name: "amax", dtypes: ["float32", "float64", "int32"], nonEmpty: true, outDType: F32, f: maxOf },
  { name: "amin", dtypes: ["float32", "float64", "int32"], nonEmpty: true, outDType: F32, f: minOf },
  {
    name: "var",
    dtypes: ["float32", "float64"],
    outDType: F32,
    f: (xs, _d, c) => varOf(xs, c),
    tol: { float32: [1e-5, 1e-5], float64: [1e-12, 1e-12] },
  },
  {
    name: "std",
    dtypes: ["float32", "float64"],
    outDType: F32,
    f: (xs, _d, c) => Math.sqrt(varOf(xs, c)),
    tol: { float32: [1e-5, 1e-5], float64: [1e-12, 1e-12] },
  },
  {
    name: "logsumexp",
    dtypes: ["float32", "float64", "int32"],
    needsDim: true,
    outDType: (d) => (d === "int32" ? "float32" : d),
    f: logsumexpOf,
    tol: { float32: [1e-6, 1e-6], float64: [1e-14, 1e-14] },
  },
  {
    name: "argmax",
    dtypes: ["float32", "float64", "int32"],
    single: true,
    nonEmpty: true,
    outDType: () => "int64",
    f: argmaxOf,
  },
];

const caseArb = fc.record({
  op: fc.constantFrom(...REDUCTIONS),
  shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
  dtypeIndex: fc.nat(2),
  layout: fc.constantFrom<Layout>(...LAYOUTS),
  /** Which dims to reduce (bits), and which of them to name by a negative index (bits). */
  dimBits: fc.nat(15),
  negBits: fc.nat(15),
  /** 0: no dim (the whole tensor); 1: the dims as a list (or the one dim); 2: an empty list (the whole tensor too). */
  dimForm: fc.constantFrom(1, 1, 1, 0, 2),
  keepdim: fc.boolean(),
  /** Positional (dim, keepdim) or an options object. */
  optionsObject: fc.boolean(),
  correction: fc.constantFrom(0, 1, 2),
  seed: fc.nat(),
});

describe("reductions vs a plain-JS reference", () => {
  test("random dim sets, keepdim, negative dims, layouts and dtypes", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { op, shape, layout, keepdim } = c;
        const dtype = op.dtypes[c.dtypeIndex % op.dtypes.length]!;
        const nd = shape.length;
        // The dims as the call names them, and as a set of positive dims.
        let named: number[] = [];
        for (let d = 0; d < Math.max(nd, 1); d++)
          if (c.dimBits & (1 << d)) named.push(c.negBits & (1 << d) ? d - Math.max(nd, 1) : d);
        let form = c.dimForm;
        if (op.single) named = named.slice(0, 1);
        if (form === 1 && named.length === 0) form = 0;
        if (op.single && form === 2) form = 0;
        if (op.needsDim && form !== 1) {
          form = 1;
          named = [nd === 0 ? 0 : -1];
        }
        // With no dim, keepdim is not passed (PyTorch's argmax(dim=None, keepdim=True) changed meaning between versions).
        const keep = form === 0 ? false : keepdim;
        const reduced = new Set(
          form === 1 ? named.map((d) => (nd === 0 ? -1 : (d + nd) % nd)).filter((d) => d >= 0) : shape.map((_, d) => d),
        );

        const r = rng(c.seed);
        const draw =
          dtype === "int32"
            ? op.name === "prod"
              ? () => pick(r, -3, 3)
              : () => pick(r, -6, 6)
            : op.name === "prod"
              ? () => [0.5, 0.75, 1, 1.5, 2][pick(r, 0, 4)]! * (r() < 0.5 ? -1 : 1)
              : () => pick(r, -12, 12) / 4;
        const before = torch.memory();
        torch.tidy(() => {
          const { t, values } = makeTensor(shape, dtype, layout, r, draw);
          const dimArg = form === 0 ? undefined : form === 2 ? [] : op.single ? named[0]! : named;
          const call = (): Tensor => {
            const fn = (t as unknown as Record<string, (...a: unknown[]) => Tensor>)[op.name]!;
            const extra = op.name === "var" || op.name === "std" ? { correction: c.correction } : {};
            if (form === 0) return op.name === "var" || op.name === "std" ? fn.call(t, extra) : fn.call(t);
            if (c.optionsObject) return fn.call(t, { dim: dimArg, keepdim: keep, ...extra });
            // var/std's second positional argument is `unbiased`, as in PyTorch: keepdim goes in the options.
            if (op.name === "var" || op.name === "std") return fn.call(t, dimArg, { keepdim: keep, ...extra });
            return fn.call(t, dimArg, keep);
          };
          const { outShape, groups: gs } = groups(values, shape, reduced);
          const wantShape = keep
            ? shape.map((s, d) => (reduced.has(d) ? 1 : s))
            : form === 0 && op.name === "argmax"
              ? []
              : outShape;
          const emptyGroup = gs.length > 0 ? gs[0]!.length === 0 : numel(shape.filter((_, d) => reduced.has(d))) === 0;
          if (op.nonEmpty && (emptyGroup || (form !== 1 && numel(shape) === 0))) {
            expect(call).toThrow(/non-zero size|numel\(\) == 0|Expected reduction dim/);
            return;
          }
          const out = call();
          expect(out.shape).toEqual(wantShape);
          const outDType = op.outDType(dtype);
          expect(out.dtype).toBe(outDType);
          const got = valuesOf(out);
          const want = gs.map((xs) => {
            const v = op.f(xs, dtype, c.correction);
            return outDType === "float32" ? Math.fround(v) : v;
          });
          expect(got.length).toBe(want.length);
          const [atol, rtol] = op.tol?.[outDType] ?? [0, 0];
          const bad = want.findIndex(
            (w, k) => !(same(got[k]!, w) || Math.abs(got[k]! - w) <= atol + rtol * Math.abs(w)),
          );
          if (bad >= 0)
            expect.fail(
              `${op.name}: element ${bad} is ${got[bad]}, want ${want[bad]} (${JSON.stringify({ got, want })})`,
            );
        });
        expect(torch.memory().tensors).toBe(before.tensors);
        expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
      }),
      fuzz(4000),
    );
  });
});
