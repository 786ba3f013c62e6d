// Movement behaviour the goldens cannot hold: messages where torchlet follows
// PyTorch 2.x or its own dtypes, long input lists, in-place changes to a
// saved index, options objects, and memory on error paths.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { leakFree } from "./helpers/memory.js";

const idx = (data: number[], shape = [data.length]) => torch.fromArray(data, shape, { dtype: "int32" });

describe("messages", () => {
  test("index dtypes: int64 (PyTorch's) and int32 index tensors; others are refused", () => {
    leakFree(() => {
      const x = torch.ones(2, 3);
      const f = torch.fromArray([0], [1, 1], { dtype: "float32" });
      expect(() => x.gather(1, f)).toThrow("gather(): Expected dtype int64 for index");
      expect(() => x.indexSelect(1, torch.tensor([true]))).toThrow(
        "index_select(): Expected dtype int32 or int64 for index",
      );
    });
  });

  test("index_select of a 0-d tensor takes exactly one index (PyTorch 2.x's check; 1.13 accepted more)", () => {
    leakFree(() => {
      expect(() => torch.tensor(3).indexSelect(0, idx([0, 0]))).toThrow(
        "index_select(): Index to scalar can have only 1 value, got 2 value(s)",
      );
      expect(() => torch.tensor(3).indexSelect(0, idx([]))).toThrow(
        "index_select(): Index to scalar can have only 1 value, got 0 value(s)",
      );
    });
  });

  test("index_select out of range says 'index out of range in self' along every dim (1.13 words it differently past dim 0)", () => {
    leakFree(() => {
      const x = torch.ones(3, 2);
      expect(() => x.indexSelect(1, idx([0, 2]))).toThrow("index out of range in self");
      expect(() => x.t().indexSelect(1, idx([-1]))).toThrow("index out of range in self");
    });
  });

  test("lists of tensors are checked like PyTorch's TensorList arguments", () => {
    leakFree(() => {
      const x = torch.ones(2);
      expect(() => torch.cat([x, 1 as unknown as Tensor])).toThrow(
        "expected Tensor as element 1 in argument 0, but got int",
      );
      expect(() => torch.stack([x, null as unknown as Tensor])).toThrow(
        "expected Tensor as element 1 in argument 0, but got NoneType",
      );
      expect(() => torch.cat(x as unknown as Tensor[])).toThrow(
        "cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor",
      );
    });
  });
});

describe("options and methods", () => {
  test("dim as PyTorch's keyword: { dim }", () => {
    leakFree(() => {
      const x = torch.arange(6).view(2, 3);
      expect(torch.cat([x, x], { dim: 1 }).shape).toEqual([2, 6]);
      expect(torch.stack([x, x], { dim: -1 }).shape).toEqual([2, 3, 2]);
      expect(x.split(2, { dim: 1 }).map((p) => p.shape)).toEqual([
        [2, 2],
        [2, 1],
      ]);
      expect(x.chunk(3, { dim: 1 }).length).toBe(3);
      expect(x.unbind({ dim: 1 }).length).toBe(3);
    });
  });

  test("split pieces are views of the input (same storage, one version counter)", () => {
    leakFree(() => {
      const x = torch.zeros(4, 2);
      const [a, b] = x.split(2);
      b!.fill_(1);
      expect(x.tolist()).toEqual([
        [0, 0],
        [0, 0],
        [1, 1],
        [1, 1],
      ]);
      expect(a!._version).toBe(x._version);
    });
  });
});

describe("long input lists", () => {
  test("cat and stack of 1061 tensors that require grad: values, one node each, grads", () => {
    leakFree(() => {
      const n = 1061;
      const xs = Array.from({ length: n }, (_, i) => torch.full([2], i, { requiresGrad: true }));
      const c = torch.cat(xs);
      expect(c.shape).toEqual([2 * n]);
      expect(Array.from((c.toArray() as Float32Array).slice(2 * n - 4))).toEqual([n - 2, n - 2, n - 1, n - 1]);
      const s = torch.stack(xs, 1);
      expect(s.shape).toEqual([2, n]);
      expect(s.select(1, n - 1).tolist()).toEqual([n - 1, n - 1]);
      expect(c.gradFn!.nextFunctions.length).toBe(n);
      expect(s.gradFn!.nextFunctions.length).toBe(n);
      const w = torch.arange(2 * n, { dtype: "float32" });
      c.mul(w).sum().add(s.sum()).backward();
      // d/dx_i = w[2i .. 2i+1] + 1
      expect(xs[n - 1]!.grad!.tolist()).toEqual([2 * n - 2 + 1, 2 * n - 1 + 1]);
      expect(xs[3]!.grad!.tolist()).toEqual([7, 8]);
    });
  });
});

describe("autograd details", () => {
  test("changing a saved index in place makes backward throw", () => {
    leakFree(() => {
      const x = torch.ones(3, 4, { requiresGrad: true });
      const i = idx([0, 2]);
      const y = x.indexSelect(1, i);
      i.fill_(1);
      expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
      const j = idx([0, 2], [1, 2]);
      const z = x.gather(1, j);
      j.fill_(1);
      expect(() => z.sum().backward()).toThrow(/modified by an inplace operation/);
    });
  });

  test("split/unbind: grads of unused pieces are zeros; one node for all pieces", () => {
    leakFree(() => {
      const x = torch.arange(6, { dtype: "float32" }).view(3, 2).detach().requiresGrad_();
      const parts = x.unbind(0);
      expect(parts[0]!.gradFn).toBe(parts[2]!.gradFn);
      parts[1]!.mul(3).sum().backward();
      expect(x.grad!.tolist()).toEqual([
        [0, 0],
        [3, 3],
        [0, 0],
      ]);
    });
  });

  test("errors leave no tensors behind", () => {
    leakFree(() => {
      const x = torch.ones(2, 3, { requiresGrad: true });
      expect(() => torch.cat([x, torch.ones(3, 3)], 1)).toThrow(/Sizes of tensors must match/);
      expect(() => torch.stack([x, x.t()])).toThrow(/stack expects each tensor to be equal size/);
      expect(() => x.gather(1, idx([5], [1, 1]))).toThrow("index 5 is out of bounds for dimension 1 with size 3");
      expect(() => x.indexSelect(0, idx([0, 9]))).toThrow("index out of range in self");
      expect(() => x.split([1, 1], 1)).toThrow(/split_with_sizes expects split_sizes to sum exactly to 3/);
    });
  });
});
