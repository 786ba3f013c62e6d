// Every elementwise kernel's SIMD rows against plain scalar references, in
// both wasm builds (baseline and relaxed SIMD): sizes 0..67 around the vector
// width, contiguous, misaligned (storage offset 1..3), strided (the kernel's
// scalar path), broadcast (stride 0) and 2-D layouts. A SIMD lane must give
// the same bits as the scalar path, and match the JS reference exactly (or
// within 1 ulp for the float32 transcendental functions, whose reference is
// float64 Math rounded to float32).

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { rng } from "./helpers/random.js";
import type { DType, Tensor } from "../src/index.js";
import { ulpDistance } from "./conformance/ulp.js";

const SIZES = Array.from({ length: 68 }, (_, i) => i);

/** Node 20 runs the relaxed build only with --experimental-wasm-relaxed-simd; without it those tests are skipped. */
const relaxedSupported = await torch.init({ simd: "relaxed" }).then(
  () => true,
  () => false,
);
await torch.init();
const builds = relaxedSupported ? (["baseline", "relaxed"] as const) : (["baseline"] as const);
const f = Math.fround;

const SPECIALS = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, 1e-40, -1e-40, 3e38, 88.5, -88.5, 100, 1e7];

/** n values of `dtype`: mostly moderate, some huge/tiny magnitudes, some special values. */
function values(n: number, seed: number, dtype: DType, kind: "any" | "positive" | "int" | "nonzero" = "any"): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    let v: number;
    if (dtype === "int32" || kind === "int") v = Math.floor((r() - 0.5) * 40);
    else if (u < 0.15) v = SPECIALS[Math.floor(r() * SPECIALS.length)]!;
    else if (u < 0.3) v = (r() < 0.5 ? -1 : 1) * Math.pow(10, (r() - 0.5) * 60);
    else v = (r() - 0.5) * 20;
    if (kind === "positive") v = Math.abs(v);
    if (kind === "nonzero" && v === 0) v = 1;
    out.push(dtype === "float32" ? f(v) : dtype === "int32" ? v | 0 : v);
  }
  return out;
}

/** The same 1-D values in several layouts, each a tensor of shape [n]. */
function layouts(vals: number[], dtype: DType): [string, Tensor][] {
  const n = vals.length;
  const out: [string, Tensor][] = [["contiguous", torch.fromArray(vals, [n], { dtype })]];
  for (const off of [1, 2, 3]) {
    out.push([
      `offset ${off}`,
      torch.fromArray([...new Array<number>(off).fill(7), ...vals], [n + off], { dtype }).slice(0, off, n + off),
    ]);
  }
  const inter = vals.flatMap((v) => [v, 9]);
  out.push(["strided", torch.fromArray(inter, [2 * n], { dtype }).slice(0, 0, 2 * n, 2)]);
  if (n > 0) {
    // [n] as a column of a transposed [2, n] block: rows of 2, walked by the N-d counter.
    out.push([
      "transposed",
      torch
        .fromArray([...vals, ...vals], [2, n], { dtype })
        .t()
        .select(1, 0),
    ]);
  }
  return out;
}

type Ref = (x: number) => number;

const roundHalfEven = (x: number): number => {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : Object.is(r, 0) && x < 0 ? -0 : r;
};

/** Exact references (float32 arithmetic emulated with fround). */
function exactUnary(dtype: DType): Record<string, Ref> {
  const r = dtype === "float32" ? f : dtype === "int32" ? (v: number) => v | 0 : (v: number) => v;
  const flt = dtype !== "int32";
  return {
    neg: (x) => r(-x),
    abs: (x) => r(Math.abs(x)),
    sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
    square: (x) => (flt ? r(x * x) : Math.imul(x, x)),
    relu: (x) => (x < 0 ? 0 : x),
    floor: (x) => Math.floor(x),
    ceil: (x) => Math.ceil(x),
    trunc: (x) => Math.trunc(x),
    round: (x) => (flt ? roundHalfEven(x) : x),
    ...(flt
      ? {
          sqrt: (x: number) => r(Math.sqrt(x)),
          rsqrt: (x: number) => r(1 / r(Math.sqrt(x))),
          reciprocal: (x: number) => r(1 / x),
        }
      : {}),
  };
}

/** float32 transcendental functions: float64 Math rounded once (sigmoid: PyTorch's float32 formula). */
const mathRefs: Record<string, Ref> = {
  exp: (x) => f(Math.exp(x)),
  expm1: (x) => f(Math.expm1(x)),
  log: (x) => f(Math.log(x)),
  log1p: (x) => f(Math.log1p(x)),
  tanh: (x) => f(Math.tanh(x)),
  sin: (x) => f(Math.sin(x)),
  cos: (x) => f(Math.cos(x)),
  sigmoid: (x) => f(1 / f(1 + f(Math.exp(-x)))),
};

const asArray = (t: Tensor): number[] => Array.from(t.toArray() as ArrayLike<number | bigint>, Number);

/** Bit-level equality (NaN equals NaN; -0 differs from +0). */
function expectSameBits(got: number[], want: number[], label: string): void {
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!,
      b = want[i]!;
    if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) expect.fail(`${label}: element ${i}: ${a} vs ${b}`);
  }
}

/** The comparison ops, each as JavaScript computes it. */
const JS_COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
};

const unaryCall = (name: string, t: Tensor): Tensor => (t as unknown as Record<string, () => Tensor>)[name]!.call(t);

for (const build of builds) {
  describe(`elementwise kernels, ${build} build`, () => {
    beforeAll(async () => {
      await torch.init({ simd: build });
    });

    for (const dtype of ["float32", "float64", "int32"] as DType[]) {
      const refs = exactUnary(dtype);
      const ops =
        dtype === "float32"
          ? [...Object.keys(refs), ...Object.keys(mathRefs)]
          : dtype === "float64"
            ? [...Object.keys(refs), ...Object.keys(mathRefs)]
            : Object.keys(refs);
      test.each(ops)(`unary %s (${dtype})`, (name) => {
        torch.tidy(() => {
          for (const n of SIZES) {
            const vals = values(n, 1000 + n, dtype);
            let first: number[] | null = null;
            for (const [layout, x] of layouts(vals, dtype)) {
              const got = asArray(unaryCall(name, x));
              const label = `${name} ${dtype} n=${n} ${layout}`;
              if (first === null) first = got;
              else expectSameBits(got, first, `${label} vs contiguous`);
              const exact = refs[name];
              if (exact !== undefined) expectSameBits(got, vals.map(exact), label);
              else if (dtype === "float32") {
                got.forEach((v, i) => {
                  const want = mathRefs[name]!(vals[i]!);
                  if (ulpDistance(v, want, "float32") > 1)
                    expect.fail(`${label}: ${name}(${vals[i]}) = ${v}, reference ${want}`);
                });
              } else {
                got.forEach((v, i) => {
                  const want =
                    (Math as unknown as Record<string, Ref>)[name]?.(vals[i]!) ?? 1 / (1 + Math.exp(-vals[i]!));
                  if (ulpDistance(v, want, "float64") > 2)
                    expect.fail(`${label}: ${name}(${vals[i]}) = ${v}, reference ${want}`);
                });
              }
            }
          }
        });
      });

      test(`clamp and broadcast rows (${dtype})`, () => {
        torch.tidy(() => {
          for (const n of SIZES) {
            const vals = values(n, 2000 + n, dtype);
            const [lo, hi] = dtype === "int32" ? [-3, 5] : [-0.5, 2.25];
            const ref = (x: number) => {
              const t = x < lo ? lo : x;
              return t > hi ? hi : t;
            };
            for (const [layout, x] of layouts(vals, dtype)) {
              expectSameBits(asArray(torch.clamp(x, lo, hi)), vals.map(ref), `clamp ${dtype} n=${n} ${layout}`);
              expectSameBits(
                asArray(torch.clamp(x, null, hi)),
                vals.map((v) => (v > hi ? hi : v)),
                `clamp max ${dtype} n=${n} ${layout}`,
              );
            }
            // A broadcast input (stride 0): copy_ of an expanded scalar.
            const one = torch.fromArray(vals.slice(0, 1).length ? vals.slice(0, 1) : [3], [1], { dtype });
            const dst = torch.zeros(n, { dtype });
            dst.copy_(one.expand(n));
            expectSameBits(asArray(dst), new Array<number>(n).fill(asArray(one)[0]!), `broadcast copy ${dtype} n=${n}`);
          }
        });
      });
    }

    const binaryRefs = (dtype: DType): Record<string, (a: number, b: number) => number> => {
      const r = dtype === "float32" ? f : (v: number) => v;
      if (dtype === "int32") {
        return {
          add: (a, b) => (a + b) | 0,
          sub: (a, b) => (a - b) | 0,
          mul: (a, b) => Math.imul(a, b),
          maximum: (a, b) => Math.max(a, b),
          minimum: (a, b) => Math.min(a, b),
          remainder: (a, b) => {
            const m = a % b;
            return (m !== 0 && m < 0 !== b < 0 ? m + b : m) | 0;
          },
          divTrunc: (a, b) => Math.trunc(a / b) | 0,
          divFloor: (a, b) => Math.floor(a / b) | 0,
        };
      }
      return {
        add: (a, b) => r(a + b),
        sub: (a, b) => r(a - b),
        mul: (a, b) => r(a * b),
        div: (a, b) => r(a / b),
        maximum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? b : a),
        minimum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : b < a ? b : a),
        remainder: (a, b) => {
          const m = a % b;
          return m !== 0 && m < 0 !== b < 0 ? r(m + b) : m;
        },
        divTrunc: (a, b) => Math.trunc(r(a / b)),
        addAlpha: (a, b) => r(a + r(r(2.5) * b)),
      };
    };

    const binaryCall = (name: string, a: Tensor | number, b: Tensor | number): Tensor => {
      switch (name) {
        case "divTrunc":
          return torch.div(a, b, { roundingMode: "trunc" });
        case "divFloor":
          return torch.div(a, b, { roundingMode: "floor" });
        case "addAlpha":
          return torch.add(a, b, { alpha: 2.5 });
        case "maximum":
          return torch.maximum(a as Tensor, b as Tensor);
        case "minimum":
          return torch.minimum(a as Tensor, b as Tensor);
      }
      return (torch as unknown as Record<string, (x: Tensor | number, y: Tensor | number) => Tensor>)[name]!(a, b);
    };

    for (const dtype of ["float32", "float64", "int32"] as DType[]) {
      const refs = binaryRefs(dtype);
      test.each(Object.keys(refs))(`binary %s (${dtype})`, (name) => {
        torch.tidy(() => {
          for (const n of SIZES) {
            const av = values(n, 3000 + n, dtype);
            const bv = values(n, 4000 + n, dtype, dtype === "int32" ? "nonzero" : "any");
            const want = av.map((a, i) => refs[name]!(a, bv[i]!));
            const la = layouts(av, dtype),
              lb = layouts(bv, dtype);
            la.forEach(([layout, a], k) => {
              const b = lb[(k + 1) % lb.length]![1];
              expectSameBits(asArray(binaryCall(name, a, b)), want, `${name} ${dtype} n=${n} ${layout}`);
            });
            if (n === 0) continue;
            // One side broadcast: a splat in the SIMD loop, stride 0 in the scalar one.
            const s = torch.fromArray([bv[0]!], [1], { dtype });
            const wantS = av.map((a) => refs[name]!(a, bv[0]!));
            expectSameBits(asArray(binaryCall(name, la[0]![1], s)), wantS, `${name} ${dtype} n=${n} b broadcast`);
            expectSameBits(
              asArray(binaryCall(name, la[4]![1], s.expand(n))),
              wantS,
              `${name} ${dtype} n=${n} b expanded, a strided`,
            );
            const wantS2 = bv.map((b) => refs[name]!(av[0]!, b));
            expectSameBits(
              asArray(binaryCall(name, torch.fromArray([av[0]!], [], { dtype }), lb[1]![1])),
              wantS2,
              `${name} ${dtype} n=${n} a 0-d`,
            );
          }
        });
      });
    }

    test("pow: contiguous, strided and broadcast agree; special exponents use PyTorch's arithmetic", () => {
      torch.tidy(() => {
        for (const n of SIZES) {
          const vals = values(n, 5000 + n, "float32");
          for (const e of [2, 3, -2, 0.5, -0.5, -1, 2.5, -1.5]) {
            const ref = (x: number) => {
              if (e === 2) return f(x * x);
              if (e === 3) return f(f(x * x) * x);
              if (e === -2) return f(1 / f(x * x));
              if (e === 0.5) return f(Math.sqrt(x));
              if (e === -0.5) return f(1 / f(Math.sqrt(x)));
              if (e === -1) return f(1 / x);
              return f(Math.pow(x, e));
            };
            for (const [layout, x] of layouts(vals, "float32")) {
              const got = asArray(torch.pow(x, e));
              got.forEach((v, i) => {
                if (ulpDistance(v, ref(vals[i]!), "float32") > (e === 2.5 || e === -1.5 ? 1 : 0)) {
                  expect.fail(`pow(${vals[i]}, ${e}) ${layout} n=${n}: ${v} vs ${ref(vals[i]!)}`);
                }
              });
            }
          }
        }
      });
    });

    test("comparisons and where against JS", () => {
      torch.tidy(() => {
        for (const n of SIZES) {
          const av = values(n, 6000 + n, "float32"),
            bv = values(n, 7000 + n, "float32");
          bv.forEach((_, i) => {
            if (i % 3 === 0) bv[i] = av[i]!;
          }); // ties
          const la = layouts(av, "float32"),
            lb = layouts(bv, "float32");
          for (const [name, ref] of Object.entries(JS_COMPARISONS)) {
            la.forEach(([layout, a], k) => {
              const got = asArray(
                (torch as unknown as Record<string, (x: Tensor, y: Tensor) => Tensor>)[name]!(
                  a,
                  lb[(k + 2) % lb.length]![1],
                ),
              );
              expect(got, `${name} n=${n} ${layout}`).toEqual(av.map((x, i) => Number(ref(x, bv[i]!))));
            });
          }
          const cond = torch.lt(la[0]![1], lb[0]![1]);
          la.forEach(([layout, a], k) => {
            const got = asArray(torch.where(cond, a, lb[(k + 3) % lb.length]![1]));
            expectSameBits(
              got,
              av.map((x, i) => (x < bv[i]! ? x : bv[i]!)),
              `where n=${n} ${layout}`,
            );
          });
        }
      });
    });

    test("comparisons and where with broadcast operands, float32 and int32 (the SIMD rows' splat cases)", () => {
      torch.tidy(() => {
        const call = (name: string, a: Tensor, b: Tensor) =>
          (torch as unknown as Record<string, (x: Tensor, y: Tensor) => Tensor>)[name]!(a, b);
        for (const dtype of ["float32", "int32"] as DType[]) {
          for (const n of SIZES) {
            const av = values(n, 9100 + n, dtype);
            const s = dtype === "int32" ? (av[0] ?? 3) : 0.5;
            const a = torch.fromArray(av, [n], { dtype });
            const scalar = torch.fromArray([s], [], { dtype });
            const one = torch.fromArray([s], [1], { dtype });
            for (const [name, ref] of Object.entries(JS_COMPARISONS)) {
              expect(asArray(call(name, a, scalar)), `${name}(x, 0-d) n=${n} ${dtype}`).toEqual(
                av.map((x) => Number(ref(x, s))),
              );
              expect(asArray(call(name, one, a)), `${name}([1], x) n=${n} ${dtype}`).toEqual(
                av.map((x) => Number(ref(s, x))),
              );
            }
            const cond = torch.gt(a, scalar);
            const want = av.map((x) => (x > s ? x : s));
            expectSameBits(asArray(torch.where(cond, a, scalar)), want, `where(c, x, 0-d) n=${n} ${dtype}`);
            expectSameBits(asArray(torch.where(cond, a, one)), want, `where(c, x, [1]) n=${n} ${dtype}`);
            const allTrue = torch.fromArray([1], [], { dtype: "bool" });
            expectSameBits(asArray(torch.where(allTrue, a, scalar)), av, `where(true, x, 0-d) n=${n} ${dtype}`);
          }
        }
      });
    });

    test("casts and fills against JS", () => {
      torch.tidy(() => {
        for (const n of SIZES) {
          const vals = values(n, 8000 + n, "float32").map((v) => (Number.isFinite(v) && Math.abs(v) < 2e9 ? v : 1.5));
          for (const [layout, x] of layouts(vals, "float32")) {
            const i = torch.zeros(n, { dtype: "int32" }).copy_(x);
            expect(asArray(i), `f32 -> i32 n=${n} ${layout}`).toEqual(vals.map((v) => Math.trunc(v) | 0));
            const b = torch.zeros(n, { dtype: "bool" }).copy_(x);
            expect(asArray(b), `f32 -> bool n=${n} ${layout}`).toEqual(vals.map((v) => Number(v !== 0)));
            const d = torch.zeros(n, { dtype: "float64" }).copy_(x);
            expectSameBits(asArray(d), vals, `f32 -> f64 n=${n} ${layout}`);
          }
          const filled = torch.zeros(n, { dtype: "bool" }).fill_(2);
          expect(asArray(filled)).toEqual(new Array<number>(n).fill(1));
        }
      });
    });
  });
}

describe.runIf(relaxedSupported)("both builds give the same bits for float32 math", () => {
  const ops = [...Object.keys(mathRefs), "sqrt", "rsqrt", "reciprocal"];
  const vals = values(4099, 9, "float32");
  const results: Record<string, Record<string, number[]>> = {};
  for (const build of ["baseline", "relaxed"] as const) {
    test(`compute (${build})`, async () => {
      await torch.init({ simd: build });
      torch.tidy(() => {
        const x = torch.fromArray(vals, [vals.length], { dtype: "float32" });
        results[build] = Object.fromEntries(ops.map((op) => [op, asArray(unaryCall(op, x))]));
      });
    });
  }
  test("compare", () => {
    for (const op of ops) expectSameBits(results.relaxed![op]!, results.baseline![op]!, op);
  });
  afterAll(async () => {
    await torch.init();
  });
});

describe("float32 sin/cos of large arguments (own Payne-Hanek reduction)", () => {
  test("20000 random float32 with |x| >= 2^20 within 1 ulp of float64 Math rounded", () => {
    const r = rng(77);
    const bits = new Uint32Array(20000);
    for (let i = 0; i < bits.length; i++) {
      const e = 147 + Math.floor(r() * 107); // 2^20 .. 2^127
      bits[i] = ((r() < 0.5 ? 1 : 0) << 31) | (e << 23) | Math.floor(r() * 0x800000);
    }
    const xs = Array.from(new Float32Array(bits.buffer));
    torch.tidy(() => {
      const x = torch.fromArray(xs, [xs.length], { dtype: "float32" });
      for (const [name, ref] of [
        ["sin", Math.sin],
        ["cos", Math.cos],
      ] as const) {
        const got = asArray(unaryCall(name, x));
        const strided = asArray(unaryCall(name, torch.stack([x, x], 1).select(1, 0)));
        got.forEach((v, i) => {
          if (ulpDistance(v, f(ref(xs[i]!)), "float32") > 1)
            expect.fail(`${name}(${xs[i]}) = ${v}, reference ${f(ref(xs[i]!))}`);
        });
        expectSameBits(strided, got, `${name} strided vs contiguous`);
      }
    });
  });
});
