// int64, PyTorch's default integer dtype (test/golden/int64.json from
// gen_int64.py): the conformance family, then what vitest checks beyond it:
// item()/tolist() past 2^53, BigInt64Array in and out, int64 indices out of
// the kernels' int32 range, and PyTorch's refusal of unsupported int64 ops.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("int64 (PyTorch goldens)", () => testFamily("int64"));

describe("values out and in", () => {
  test("item() and tolist() give numbers up to 2^53 and throw past it", () => {
    torch.tidy(() => {
      expect(
        torch
          .tensor([2n ** 53n])
          .sum()
          .item(),
      ).toBe(2 ** 53);
      expect(torch.tensor([-(2n ** 53n), 5n]).tolist()).toEqual([-(2 ** 53), 5]);
      expect(() =>
        torch
          .tensor([2n ** 53n + 1n])
          .sum()
          .item(),
      ).toThrow(
        "item(): the int64 value 9007199254740993 is beyond 2^53, where JavaScript numbers are not exact; read it with toArray() (a BigInt64Array)",
      );
      expect(() => torch.tensor([1n, -(2n ** 60n)]).tolist()).toThrow(RangeError);
    });
  });

  test("fromArray and toArray take and give BigInt64Array, exactly", () => {
    torch.tidy(() => {
      const v = new BigInt64Array([2n ** 63n - 1n, -(2n ** 63n), 3n, 2n ** 53n + 1n]);
      const t = torch.fromArray(v, [2, 2]);
      expect(t.dtype).toBe("int64");
      expect(t.toArray()).toEqual(v);
      expect(t.t().toArray()).toEqual(new BigInt64Array([v[0]!, v[2]!, v[1]!, v[3]!]));
      expect(torch.tensor(v).dtype).toBe("int64");
      expect(torch.fromArray([1, 2], [2], { dtype: "int64" }).toArray()).toEqual(new BigInt64Array([1n, 2n]));
    });
  });

  test("long() and int() return the tensor itself when it has that dtype already", () => {
    torch.tidy(() => {
      const a = torch.tensor([1, 2]);
      expect(a.long()).toBe(a);
      const b = a.int();
      expect(b.dtype).toBe("int32");
      expect(b.int()).toBe(b);
      expect(torch.tensor([true, false]).long().tolist()).toEqual([1, 0]);
    });
  });

  test("dtype names PyTorch spells", () => {
    for (const name of ["long", "torch.long", "torch.int64", "int64"])
      expect(torch.zeros(1, { dtype: name as "int64" }).dtype).toBe("int64");
    expect(torch.promoteTypes("int32", "int64")).toBe("int64");
    expect(torch.promoteTypes("int64", "float32")).toBe("float32");
    expect(torch.promoteTypes("bool", "int64")).toBe("int64");
  });
});

describe("int64 indices", () => {
  test("an index outside the int32 range is out of bounds, not wrapped", () => {
    torch.tidy(() => {
      const x = torch.ones(3);
      expect(() => torch.indexSelect(x, 0, torch.tensor([2n ** 32n]))).toThrow(
        "index 4294967296 is out of bounds (indices must lie within the int32 range)",
      );
      expect(() => torch.gather(x, 0, torch.tensor([0n, -(2n ** 40n), 1n, 2n, 0n]))).toThrow(
        "index -1099511627776 is out of bounds",
      );
    });
  });

  test("int32 indices still work, and non-contiguous int64 indices convert", () => {
    torch.tidy(() => {
      const x = torch.tensor([10, 20, 30]);
      expect(torch.indexSelect(x, 0, torch.tensor([2, 0], { dtype: "int32" })).tolist()).toEqual([30, 10]);
      const idx = torch
        .tensor([
          [2, 0],
          [1, 1],
        ])
        .t();
      expect(
        torch
          .gather(
            torch.tensor([
              [1, 2, 3],
              [4, 5, 6],
            ]),
            1,
            idx,
          )
          .tolist(),
      ).toEqual([
        [3, 2],
        [4, 5],
      ]);
    });
  });

  test("nll_loss reads int64 targets", () => {
    torch.tidy(() => {
      const logp = torch.tensor([
        [-1, -2],
        [-3, -0.5],
      ]);
      expect(torch.nn.functional.nllLoss(logp, torch.tensor([1, 0])).item()).toBe(2.5);
    });
  });
});

describe("ops without an int64 kernel say so in PyTorch's words", () => {
  test("sqrt_ of an int64 tensor and mean refuse 'Long'", () => {
    torch.tidy(() => {
      expect(() => torch.tensor([1, 2]).mean()).toThrow(
        "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long",
      );
      expect(() => torch.tensor([1, 2]).softmax(0)).toThrow("not implemented for 'Long'");
    });
  });
});
