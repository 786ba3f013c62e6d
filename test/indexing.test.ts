// The indexing ops against PyTorch 1.13 goldens (test/golden/gen_indexing.py):
// the indexing conformance family (values, printed forms, grad_fn names,
// grads, errors), plus what vitest checks beyond it.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("indexing (PyTorch goldens)", () => testFamily("indexing"));

describe("indexing beyond the goldens", () => {
  const i32 = (data: number[] | number[][]) => torch.tensor(data, { dtype: "int32" });

  test("backward through scatter with reduce= throws PyTorch's message", () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.clone().scatter(0, i32([0]), 2, { reduce: "add" });
    expect(y.gradFn?.name()).toBe("NotImplemented");
    expect(() => y.sum().backward()).toThrow("derivative for aten::scatter is not implemented");
  });

  test("scatter_ into a view puts its node under the base's CopySlices; grads reach base and src", () => {
    const base = torch.zeros(3, 4, { requiresGrad: true });
    const src = torch.tensor([[1, 2]], { requiresGrad: true });
    const b = base.mul(1);
    b.select(0, 1).scatter_(0, i32([3, 0]), src.view(2));
    expect(b.gradFn?.name()).toBe("torch::autograd::CopySlices");
    b.mul(torch.arange(12, { dtype: "float32" }).view(3, 4))
      .sum()
      .backward();
    // Row 1 positions 3 and 0 were overwritten: no grad to base there; src gets the weights 7 and 4.
    expect(base.grad!.tolist()).toEqual([
      [0, 1, 2, 3],
      [0, 5, 6, 0],
      [8, 9, 10, 11],
    ]);
    expect(src.grad!.tolist()).toEqual([[7, 4]]);
  });

  test("a bad index leaves an in-place target untouched", () => {
    for (const write of [
      (t: torch.Tensor) => t.scatter_(0, i32([[0, 5]]), 1),
      (t: torch.Tensor) => t.scatterAdd_(0, i32([[1, 0, 9]]), torch.ones(1, 3)),
      (t: torch.Tensor) => t.indexAdd_(0, i32([0, 7]), torch.ones(2, 3)),
      (t: torch.Tensor) => t.indexCopy_(0, i32([1, -1]), torch.ones(2, 3)),
      (t: torch.Tensor) => t.indexFill_(1, i32([0, 3]), 1),
      (t: torch.Tensor) => t.indexPut_([i32([0, 2])], 1),
    ]) {
      const t = torch.zeros(2, 3);
      expect(() => write(t)).toThrow(/out of (bounds|range)/);
      expect(t.tolist()).toEqual([
        [0, 0, 0],
        [0, 0, 0],
      ]);
    }
  });

  test("index_put_ on a saved tensor makes its backward fail as in PyTorch", () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.indexPut_([i32([0])], 5);
    expect(() => z.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  test("int64 values beyond 2^53 scatter exactly (values from PyTorch 1.13)", () => {
    torch.tidy(() => {
      const b = 2n ** 60n + 3n;
      const s = torch.tensor([1n, 2n, 3n]);
      const src = torch.tensor([b, -b, 5n]);
      const list = (t: torch.Tensor) => Array.from(t.toArray() as BigInt64Array);
      expect(list(torch.scatter(s, 0, torch.tensor([2, 0, 1]), src))).toEqual([-b, 5n, b]);
      expect(list(torch.scatter(s, 0, torch.tensor([2, 0, 1]), src, { reduce: "multiply" }))).toEqual([
        -1152921504606846979n,
        10n,
        3458764513820540937n,
      ]);
      const i001 = torch.tensor([0, 0, 1]);
      expect(list(torch.scatterReduce(s, 0, i001, src, "amin", { includeSelf: false }))).toEqual([-b, 5n, 3n]);
      expect(
        list(torch.scatterReduce(s, 0, torch.tensor([0, 0]), torch.tensor([b, b]), "amax", { includeSelf: false })),
      ).toEqual([b, 2n, 3n]);
      expect(list(torch.scatterReduce(s, 0, i001, torch.tensor([2n ** 62n, 3n, 2n ** 40n]), "prod"))).toEqual([
        -4611686018427387904n,
        2199023255552n,
        3n,
      ]);
      expect(list(s.indexFill(0, torch.tensor([1]), torch.tensor(b)))).toEqual([1n, b, 3n]);
    });
  });

  test("nonzero and oneHot return INDEX_DTYPE indices; multinomial too", () => {
    const idx = torch.nonzero(torch.tensor([0, 3, 0, 1]));
    expect(idx.tolist()).toEqual([[1], [3]]);
    expect(torch.nn.functional.oneHot(i32([2, 0]), 3).dtype).toBe(idx.dtype);
    expect(torch.multinomial(torch.tensor([0.2, 0.8]), 1).dtype).toBe(idx.dtype);
  });
});
