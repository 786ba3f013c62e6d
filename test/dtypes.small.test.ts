// The small dtypes against PyTorch (test/golden/dtypes.json from
// gen_dtypes.py): promotion, casts, printing and arithmetic, as every runtime
// runs them, plus what only vitest checks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("small dtypes match PyTorch", () =>
  testFamily<{ outFloat32?: unknown }>("dtypes", (_c, observed, golden) => {
    // bfloat16 products: exactly PyTorch's float32 product rounded once (the family allows a few ulps).
    if (golden.outFloat32 !== undefined) expect(observed.outFloat32).toEqual(golden.outFloat32);
  }));

describe("dtype names", () => {
  test("PyTorch's aliases parse", () => {
    const cases: [string, string][] = [
      ["half", "float16"],
      ["torch.half", "float16"],
      ["torch.float16", "float16"],
      ["short", "int16"],
      ["torch.short", "int16"],
      ["torch.uint8", "uint8"],
      ["torch.int8", "int8"],
      ["torch.bfloat16", "bfloat16"],
    ];
    for (const [alias, dtype] of cases) expect(torch.tensor([1], { dtype: alias as torch.DType }).dtype).toBe(dtype);
  });
  test("float16 round trips through toArray() bits", () => {
    const t = torch.tensor([0.1, -2, 65504], { dtype: "float16" });
    const bits = t.toArray();
    expect(bits).toBeInstanceOf(Uint16Array);
    expect(Array.from(bits as Uint16Array)).toEqual([0x2e66, 0xc000, 0x7bff]);
    expect(torch.fromArray(bits, [3], { dtype: "float16" }).tolist()).toEqual([0.0999755859375, -2, 65504]);
    expect(torch.tensor(0.1, { dtype: "bfloat16" }).item()).toBe(0.10009765625);
  });
  test("maskedFill writes float16/bfloat16 bits and int64 BigInts", () => {
    // PyTorch 1.13: torch.tensor([3, -1, 2]).to(dt).masked_fill(torch.tensor([True, False, True]), -1.5)
    const mask = torch.tensor([true, false, true]);
    for (const [dtype, want] of [
      ["float16", [-1.5, -1, -1.5]],
      ["bfloat16", [-1.5, -1, -1.5]],
      ["int64", [-1, -1, -1]],
    ] as const)
      expect(torch.maskedFill(torch.tensor([3, -1, 2], { dtype }), mask, -1.5).tolist()).toEqual(want);
  });
});
