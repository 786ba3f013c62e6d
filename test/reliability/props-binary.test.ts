// Property: broadcasting binary ops on random broadcast-compatible shapes
// (rank 0..4, sizes 0..4), random memory layouts (permuted, expanded, stepped,
// narrowed views), float32/float64/int32 operands and JS numbers, agree with a
// plain-JS reference: the result's shape (NumPy broadcasting), its dtype
// (PyTorch's result_type, written out below) and every value.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../../src/index.js";
import type { DType, Tensor } from "../../src/index.js";
import {
  LAYOUTS,
  broadcastOffset,
  broadcastShapes,
  fuzz,
  indices,
  makeTensor,
  pick,
  rng,
  same,
  valuesOf,
  type Layout,
} from "./fuzz.js";

// ---- the reference --------------------------------------------------------------

const isFloat = (d: DType) => d === "float32" || d === "float64";
const rank: Record<string, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };
const promote = (a: DType | undefined, b: DType | undefined): DType | undefined =>
  a === undefined ? b : b === undefined ? a : rank[a]! >= rank[b]! ? a : b;

/** How torch.result_type sees an operand: a tensor with dims, a 0-d tensor, or a wrapped number. */
interface Operand {
  dtype: DType;
  kind: "dims" | "zeroDim" | "number";
}

/**
 * PyTorch's result_type (aten/src/ATen/native/TypeProperties.cpp): dtypes
 * promote within each priority class (tensors with dims > 0-d tensors >
 * numbers), and a lower class only decides when it is of a higher category
 * (a float 0-d tensor or number makes an integer tensor's result floating). A
 * number counts as int32 (torchlet has no int64) or, when not an integer, as
 * the default dtype float32.
 */
function resultType(ops: readonly Operand[]): DType {
  const of = (k: Operand["kind"]) =>
    ops.filter((o) => o.kind === k).reduce<DType | undefined>((acc, o) => promote(acc, o.dtype), undefined);
  const combine = (higher: DType | undefined, lower: DType | undefined): DType | undefined => {
    if (higher === undefined) return lower;
    if (isFloat(higher)) return higher;
    if (higher === "bool" || (lower !== undefined && isFloat(lower))) return promote(higher, lower);
    return higher;
  };
  return combine(of("dims"), combine(of("zeroDim"), of("number")))!;
}

/** Rounds a double to what the dtype holds. */
function toDType(v: number, d: DType): number {
  if (d === "float32") return Math.fround(v);
  if (d === "int32") return v | 0;
  return v;
}

interface BinaryOp {
  name: "add" | "sub" | "mul" | "div" | "maximum" | "minimum" | "pow" | "lt" | "le" | "gt" | "ge" | "eq" | "ne";
  /** The result dtype given the common (computation) dtype. */
  out: (common: DType) => DType;
  /** The value from operands already in the computation dtype; the result is rounded to out(). */
  f: (a: number, b: number, common: DType) => number;
  /** Relative tolerance for floating results (0: exact). */
  rtol?: Partial<Record<DType, number>>;
  /** Takes tensors only (PyTorch's maximum/minimum refuse numbers). */
  tensorsOnly?: boolean;
}

const same_ = (d: DType) => d;
const cmp = (name: BinaryOp["name"], f: (a: number, b: number) => boolean): BinaryOp => ({
  name,
  out: () => "bool",
  f: (a, b) => (f(a, b) ? 1 : 0),
});

const OPS: BinaryOp[] = [
  { name: "add", out: same_, f: (a, b) => a + b },
  { name: "sub", out: same_, f: (a, b) => a - b },
  { name: "mul", out: same_, f: (a, b, d) => (d === "int32" ? Math.imul(a, b) : a * b) },
  // True division: integers divide as the default float dtype.
  { name: "div", out: (d) => (d === "int32" ? "float32" : d), f: (a, b) => a / b },
  {
    name: "maximum",
    out: same_,
    f: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
    tensorsOnly: true,
  },
  {
    name: "minimum",
    out: same_,
    f: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)),
    tensorsOnly: true,
  },
  // Integer powers are exact; floating ones within a few ulp of the exact value.
  { name: "pow", out: same_, f: (a, b) => a ** b, rtol: { float32: 4e-7, float64: 4e-16 } },
  cmp("lt", (a, b) => a < b),
  cmp("le", (a, b) => a <= b),
  cmp("gt", (a, b) => a > b),
  cmp("ge", (a, b) => a >= b),
  cmp("eq", (a, b) => a === b),
  cmp("ne", (a, b) => a !== b),
];

// ---- the generators ----------------------------------------------------------------

const DTYPES: DType[] = ["float32", "float64", "int32"];

/** An output shape and, for each operand, a shape that broadcasts to it (a suffix, some dims set to 1). */
const shapesArb = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(4), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })), {
      minLength: 2,
      maxLength: 2,
    }),
  )
  .map(([out, ops]) =>
    ops.map(([drop, ones]) => out.slice(Math.min(drop, out.length)).map((s, i) => (ones[i] ? 1 : s))),
  );

const operandArb = fc.record({
  /** 0: a tensor; 1: a JS number (only one side may be a number). */
  number: fc.constantFrom(false, false, false, true),
  dtype: fc.constantFrom(...DTYPES),
  layout: fc.constantFrom<Layout>(...LAYOUTS),
});

const caseArb = fc.record({
  op: fc.constantFrom(...OPS),
  shapes: shapesArb,
  a: operandArb,
  b: operandArb,
  seed: fc.nat(),
  method: fc.boolean(),
});

/** Values an op is checked on: small, exact in every dtype; pow keeps to positive bases and an exponent range with no overflow. */
function drawer(op: BinaryOp, side: 0 | 1, dtype: DType, common: DType, r: () => number): () => number {
  if (op.name === "pow") {
    if (side === 0) return dtype === "int32" ? () => pick(r, 1, 4) : () => pick(r, 1, 12) / 4;
    // An integer result needs a non-negative integer exponent (PyTorch refuses negative integer powers of integers).
    if (common === "int32") return () => pick(r, 0, 3);
    return dtype === "int32" ? () => pick(r, -2, 3) : () => pick(r, -8, 8) / 4;
  }
  return dtype === "int32" ? () => pick(r, -6, 6) : () => pick(r, -12, 12) / 4;
}

describe("broadcasting binary ops vs a plain-JS reference", () => {
  test("shape, dtype (type promotion) and values on random shapes, layouts and dtypes", () => {
    fc.assert(
      fc.property(caseArb, ({ op, shapes, a, b, seed, method }) => {
        if (op.tensorsOnly)
          [a, b] = [
            { ...a, number: false },
            { ...b, number: false },
          ];
        if (a.number && b.number) b = { ...b, number: false };
        const r = rng(seed);
        const sides = [a, b] as const;
        const operands: Operand[] = sides.map((o, i) => ({
          dtype: o.number && o.dtype !== "int32" ? "float32" : o.dtype,
          kind: o.number ? "number" : shapes[i]!.length === 0 ? "zeroDim" : "dims",
        }));
        const common = resultType(operands);
        const outDType = op.out(common);
        const before = torch.memory();
        torch.tidy(() => {
          const args: (Tensor | number)[] = [],
            vals: number[][] = [],
            shp: number[][] = [];
          sides.forEach((o, i) => {
            const draw = drawer(op, i as 0 | 1, operands[i]!.dtype, common, r);
            if (o.number) {
              // A number that is not an integer counts as float32; a float-typed draw may still land on an integer.
              let v = draw();
              if (o.dtype !== "int32" && Number.isInteger(v)) v += 0.5;
              args.push(v);
              vals.push([v]);
              shp.push([]);
            } else {
              const { t, values } = makeTensor(shapes[i]!, o.dtype, o.layout, r, draw);
              args.push(t);
              vals.push(values);
              shp.push(shapes[i]!);
            }
          });
          const shape = broadcastShapes(shp[0]!, shp[1]!)!;
          const [x, y] = args as [Tensor | number, Tensor | number];
          const fn = torch[op.name] as (p: Tensor | number, q: Tensor | number) => Tensor;
          const out =
            method && typeof x !== "number" ? (x[op.name] as (q: Tensor | number) => Tensor).call(x, y) : fn(x, y);
          expect(out.shape).toEqual(shape);
          expect(out.dtype).toBe(outDType);
          const got = valuesOf(out);
          const want = Array.from(indices(shape), (i) => {
            const p = toDType(vals[0]![broadcastOffset(shp[0]!, i)]!, common);
            const q = toDType(vals[1]![broadcastOffset(shp[1]!, i)]!, common);
            // PyTorch computes `2 / x` as reciprocal(x) * 2 (Tensor.__rtruediv__), and so does torchlet.
            if (op.name === "div" && typeof x === "number") return toDType(toDType(1 / q, outDType) * p, outDType);
            return toDType(op.f(p, q, common), outDType);
          });
          expect(got.length).toBe(want.length);
          const rtol = op.rtol?.[outDType] ?? 0;
          const bad = want.findIndex((w, k) => !(same(got[k]!, w) || Math.abs(got[k]! - w) <= rtol * Math.abs(w)));
          if (bad >= 0) {
            expect.fail(
              `${op.name}: element ${bad} of ${JSON.stringify(shape)} is ${got[bad]}, want ${want[bad]} (${JSON.stringify({ got, want })})`,
            );
          }
        });
        expect(torch.memory().tensors).toBe(before.tensors);
        expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
      }),
      fuzz(4000),
    );
  });
});
