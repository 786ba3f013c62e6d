// Property tests (fast-check) over random shapes and layouts: views and
// copies preserve values, round trips are identities, and the index kernels
// agree with plain-JS reference implementations written here.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { leakFree } from "./helpers/memory.js";
import { indices, numel, rowMajor } from "./helpers/random.js";

const valuesOf = (t: Tensor) => Array.from(t.toArray() as ArrayLike<number | bigint>, Number);

/**
 * Backpropagates sum(out * w) for the small integer weights `w` and checks
 * that base.grad holds each weight added at the flat base index `at` gives
 * for its output index.
 */
function expectScatteredGrad(base: Tensor, out: Tensor, w: number[], at: (i: number[]) => number): void {
  out
    .mul(torch.fromArray(w, out.shape, { dtype: "float32" }))
    .sum()
    .backward();
  const grad = new Array<number>(base.numel()).fill(0);
  let q = 0;
  for (const i of indices(out.shape)) grad[at(i)]! += w[q++]!;
  expect(valuesOf(base.grad!)).toEqual(grad);
}

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });
const nonEmptyShapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

/** A tensor of `shape` with distinct values, made through a layout: contiguous, permuted (then permuted back), or sliced. */
function build(shape: readonly number[], layout: number): Tensor {
  const n = numel(shape);
  const data = Array.from({ length: n }, (_, i) => i + 1);
  if (layout === 1 && shape.length >= 2) {
    // Transposed storage: build the reversed shape and reverse the dims back.
    const rev = shape.slice().reverse();
    const base = torch.fromArray(
      referencePermute(
        data,
        shape,
        shape.map((_, d) => shape.length - 1 - d),
      ),
      rev,
      { dtype: "float32" },
    );
    return base.permute(rev.map((_, d) => rev.length - 1 - d));
  }
  if (layout === 2 && shape.length >= 1) {
    // Every other row of a twice-as-tall tensor.
    const tall = [shape[0]! * 2, ...shape.slice(1)];
    const inner = numel(shape.slice(1));
    const big = new Array<number>(numel(tall)).fill(-1);
    for (let r = 0; r < shape[0]!; r++) for (let k = 0; k < inner; k++) big[2 * r * inner + k] = data[r * inner + k]!;
    return torch.fromArray(big, tall, { dtype: "float32" }).slice(0, null, null, 2);
  }
  return torch.fromArray(data, shape, { dtype: "float32" });
}

/** out = x.permute(perm) in row-major order, from x's row-major values. */
function referencePermute(values: readonly number[], shape: readonly number[], perm: readonly number[]): number[] {
  const st = rowMajor(shape);
  const outShape = perm.map((p) => shape[p]!);
  const out: number[] = [];
  for (const i of indices(outShape)) out.push(values[i.reduce((s, v, d) => s + v * st[perm[d]!]!, 0)]!);
  return out;
}

describe("views preserve values", () => {
  test("reshape to a random regrouping and back is the identity; values keep row-major order", () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (shape, layout, seed) => {
          leakFree(() => {
            const x = build(shape, layout);
            const want = valuesOf(x);
            // A target with the same numel: the dims shuffled, some adjacent ones merged, a -1 somewhere.
            const dims = shape.slice().sort((a, b) => ((a * 7 + seed) % 5) - ((b * 7 + seed) % 5));
            const target: number[] = [];
            dims.forEach((s, i) => (i > 0 && (seed >> i) & 1 ? (target[target.length - 1]! *= s) : target.push(s)));
            if (target.length > 0 && numel(target) > 0) target[seed % target.length] = -1;
            const y = x.reshape(target);
            expect(valuesOf(y)).toEqual(want);
            const back = y.reshape(shape);
            expect(back.shape).toEqual(shape);
            expect(valuesOf(back)).toEqual(want);
            // view succeeds exactly when no copy is needed, and then agrees with reshape.
            let viewed: Tensor | null = null;
            try {
              viewed = x.view(target);
            } catch (e) {
              expect((e as Error).message).toMatch(/^view size is not compatible with input tensor's size and stride/);
            }
            if (viewed !== null) {
              expect(valuesOf(viewed)).toEqual(want);
              expect(viewed.storageOffset()).toBe(x.storageOffset());
            }
            if (x.isContiguous()) expect(viewed).not.toBeNull();
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  test("permute matches a plain-JS permutation; permuting back and contiguous() are identities", () => {
    fc.assert(
      fc.property(
        nonEmptyShapeArb.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.map((_, i) => i),
              { minLength: s.length },
            ),
            fc.integer({ min: 0, max: 2 }),
          ),
        ),
        ([shape, perm, layout]) => {
          leakFree(() => {
            const x = build(shape, layout);
            const want = valuesOf(x);
            const p = x.permute(perm);
            expect(valuesOf(p)).toEqual(referencePermute(want, shape, perm));
            const c = p.contiguous();
            expect(c.isContiguous()).toBe(true);
            expect(valuesOf(c)).toEqual(valuesOf(p));
            const inverse = new Array<number>(perm.length);
            perm.forEach((d, i) => (inverse[d] = i));
            expect(valuesOf(c.permute(inverse))).toEqual(want);
            const a = perm[0]!,
              b = perm[perm.length - 1]!;
            expect(valuesOf(x.transpose(a, b).transpose(a, b))).toEqual(want);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("movement round trips", () => {
  test("split(cat(xs), sizes) gives back xs; unbind(stack(xs)) gives back xs", () => {
    fc.assert(
      fc.property(
        nonEmptyShapeArb,
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (shape, sizes, dimSeed, layout) => {
          leakFree(() => {
            const d = dimSeed % shape.length;
            const xs = sizes.map((s) => {
              const sh = shape.slice();
              sh[d] = s;
              return build(sh, layout).mul(s + 1);
            });
            const joined = torch.cat(xs, d - shape.length); // a negative dim
            const parts = joined.split(sizes, d);
            parts.forEach((p, i) => {
              expect(p.shape).toEqual(xs[i]!.shape);
              expect(valuesOf(p)).toEqual(valuesOf(xs[i]!));
            });
            const same = xs.map(() => xs[0]!);
            const st = torch.stack(same, d);
            st.unbind(d).forEach((u) => expect(valuesOf(u)).toEqual(valuesOf(xs[0]!)));
            const chunks = joined.chunk(Math.max(1, sizes.length), d);
            expect(valuesOf(torch.cat(chunks, d))).toEqual(valuesOf(joined));
          });
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe("index kernels against plain-JS references", () => {
  const case_ = nonEmptyShapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.integer({ min: 0, max: shape.length - 1 }),
      fc.integer({ min: 0, max: 2 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 7 }),
    ),
  );

  test("indexSelect forward and backward (index_add, SIMD rows included)", () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: 1, max: 9 }), ([shape0, d, layout, picks], widen) => {
        leakFree(() => {
          // Widen the last dim so contiguous rows take the vector path of index_add.
          const shape = shape0.slice();
          shape[shape.length - 1] = shape[shape.length - 1]! + widen;
          const size = shape[d]!;
          const index = picks.map((p) => p % size);
          const base = build(shape, layout).detach().requiresGrad_();
          const x = base.mul(1);
          const out = x.indexSelect(d, torch.fromArray(index, [index.length], { dtype: "int32" }));
          const xv = valuesOf(x),
            st = rowMajor(shape);
          const outShape = shape.slice();
          outShape[d] = index.length;
          const want: number[] = [];
          for (const i of indices(outShape))
            want.push(xv[i.reduce((s, v, k) => s + (k === d ? index[v]! : v) * st[k]!, 0)]!);
          expect(out.shape).toEqual(outShape);
          expect(valuesOf(out)).toEqual(want);
          expectScatteredGrad(
            base,
            out,
            want.map((_, i) => (i % 5) - 2),
            (i) => i.reduce((s, v, k) => s + (k === d ? index[v]! : v) * st[k]!, 0),
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  test("gather forward and backward (scatter_add) on strided inputs and indices", () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: 0, max: 2 ** 30 }), ([shape, d, layout], seed) => {
        leakFree(() => {
          const size = shape[d]!;
          // An index no larger than self apart from dim d (there it may be longer).
          const idxShape = shape.map((s, k) => (k === d ? 1 + (seed % 4) : 1 + ((seed >> (k + 2)) % s)));
          const index = Array.from({ length: numel(idxShape) }, (_, i) => (i * 7 + seed) % size);
          const base = build(shape, layout).detach().requiresGrad_();
          const indexT = torch.fromArray(index, idxShape, { dtype: "int32" });
          const out = base.gather(
            d,
            seed & 1 && idxShape.length >= 2 ? indexT.transpose(0, 1).contiguous().transpose(0, 1) : indexT,
          );
          const xv = valuesOf(base.detach()),
            st = rowMajor(shape),
            ist = rowMajor(idxShape);
          const at = (i: number[]) =>
            i.reduce((s, v, k) => s + (k === d ? index[i.reduce((a, b, m) => a + b * ist[m]!, 0)]! : v) * st[k]!, 0);
          const want: number[] = [];
          for (const i of indices(idxShape)) want.push(xv[at(i)]!);
          expect(valuesOf(out)).toEqual(want);
          expectScatteredGrad(
            base,
            out,
            want.map((_, i) => (i % 3) + 1),
            at,
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  test("out-of-range indices throw PyTorch's messages and leave nothing behind", () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: -20, max: 20 }), ([shape, d], bad) => {
        const size = shape[d]!;
        const wrong = bad >= 0 ? size + bad : bad;
        leakFree(() => {
          const x = build(shape, 0);
          const i1 = torch.fromArray([0, wrong], [2], { dtype: "int32" });
          expect(() => x.indexSelect(d, i1)).toThrow("index out of range in self");
          const i2 = torch.fromArray(
            [wrong],
            shape.map(() => 1),
            { dtype: "int32" },
          );
          expect(() => x.gather(d, i2)).toThrow(`index ${wrong} is out of bounds for dimension ${d} with size ${size}`);
        });
      }),
      { numRuns: 100 },
    );
  });
});
