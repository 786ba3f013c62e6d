// The logic ops (test/golden/logic.json from gen_logic.py): the conformance
// family, then what vitest checks beyond it: int64 values past 2^53 (which
// the golden JSON cannot hold), long rows through the SIMD body and the
// threads, and the in-place forms' version counter.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("logic (PyTorch goldens)", () => testFamily("logic"));

describe("int64 past 2^53", () => {
  test("bitwise ops keep every bit", () => {
    torch.tidy(() => {
      const a = torch.tensor([2n ** 62n + 1n, -(2n ** 60n) - 3n]);
      const b = torch.tensor([2n ** 62n + 3n, 2n ** 53n + 1n]);
      // Bit arithmetic done with BigInt, not by torchlet.
      const A = [2n ** 62n + 1n, -(2n ** 60n) - 3n],
        B = [2n ** 62n + 3n, 2n ** 53n + 1n];
      const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
      expect(Array.from(torch.bitwiseAnd(a, b).toArray() as BigInt64Array)).toEqual(A.map((x, i) => x & B[i]!));
      expect(Array.from(torch.bitwiseOr(a, b).toArray() as BigInt64Array)).toEqual(A.map((x, i) => x | B[i]!));
      expect(Array.from(torch.bitwiseXor(a, b).toArray() as BigInt64Array)).toEqual(A.map((x, i) => x ^ B[i]!));
      expect(Array.from(torch.bitwiseNot(a).toArray() as BigInt64Array)).toEqual(A.map((x) => ~x));
      expect(Array.from(torch.bitwiseLeftShift(a, 1).toArray() as BigInt64Array)).toEqual(A.map((x) => wrap(x << 1n)));
      expect(Array.from(torch.bitwiseRightShift(a, 3).toArray() as BigInt64Array)).toEqual(A.map((x) => x >> 3n));
      expect(torch.equal(a, torch.tensor([2n ** 62n + 1n, -(2n ** 60n) - 3n]))).toBe(true);
      expect(torch.equal(a, torch.tensor([2n ** 62n, -(2n ** 60n) - 3n]))).toBe(false);
    });
  });
});

describe("long rows", () => {
  test("every lane and the tail agree with a scalar reference", () => {
    torch.tidy(() => {
      const n = 1000 + 7;
      const xs = Int32Array.from({ length: n }, (_, i) => (i * 2654435761) | 0);
      const ys = Int32Array.from({ length: n }, (_, i) => (i * 40503 + 17) | 0);
      const x = torch.fromArray(xs, [n]),
        y = torch.fromArray(ys, [n]);
      const ref = (f: (a: number, b: number) => number): number[] => Array.from(xs, (a, i) => f(a, ys[i]!) | 0);
      expect(Array.from(torch.bitwiseAnd(x, y).toArray() as Int32Array)).toEqual(ref((a, b) => a & b));
      expect(Array.from(torch.bitwiseXor(x, y).toArray() as Int32Array)).toEqual(ref((a, b) => a ^ b));
      expect(Array.from(torch.bitwiseLeftShift(x, y).toArray() as Int32Array)).toEqual(ref((a, b) => a << b));
      expect(Array.from(torch.bitwiseRightShift(x, y).toArray() as Int32Array)).toEqual(ref((a, b) => a >> b));
      expect(Array.from(torch.bitwiseNot(x).toArray() as Int32Array)).toEqual(Array.from(xs, (a) => ~a));
      expect(torch.any(x.eq(xs[n - 1]!)).item()).toBe(true);
      expect(torch.all(x.ne(12345)).item()).toBe(true);
    });
  });
});

describe("in place", () => {
  test("bumps the version and keeps self's dtype", () => {
    torch.tidy(() => {
      const x = torch.tensor([1, 0, 3], { dtype: "int32" });
      const v = x._version;
      x.logicalNot_();
      expect(x._version).toBe(v + 1);
      expect(x.dtype).toBe("int32");
      x.bitwiseOr_(4);
      expect(x._version).toBe(v + 2);
    });
  });

  test("an error leaves self unchanged", () => {
    torch.tidy(() => {
      const x = torch.tensor([1, 2, 3], { dtype: "int32" });
      expect(() => x.bitwiseAnd_(torch.ones(3))).toThrow(
        "result type Float can't be cast to the desired output type Int",
      );
      expect(x.tolist()).toEqual([1, 2, 3]);
      expect(x._version).toBe(0);
    });
  });
});
