// Creation ops against PyTorch (test/golden/creation.json from gen_creation.py):
// the creation conformance family (arange and linspace bit for bit,
// torch.tensor's dtype inference, full, eye, PyTorch's error messages; here
// also -0 told from 0, requiresGrad and memory left behind), the layouts of
// *Like results, and torchlet's own argument checks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { expectIdentical, testFamily } from "./helpers/family.js";
import { applyOp } from "./conformance/families/creation.js";
import { errorOf } from "./conformance/values.js";
import type { CreationCase } from "./conformance/goldenCases.js";

const golden = loadGolden<CreationCase>("creation");
const errors = new Map(golden.cases.filter((c) => c.error !== undefined).map((c) => [c.name, c.error!]));

describe("arange, linspace, tensor, full, eye (PyTorch goldens, bit for bit)", () => {
  testFamily<CreationCase>("creation", (c, observed, g) => {
    expectIdentical(c, observed, "out");
    if (g.op === "tensor")
      expect(torch.tidy(() => applyOp(torch, g).requiresGrad)).toBe(g.kwargs?.requires_grad ?? false);
  });
});

describe("tensor() dtype inference and conversion", () => {
  test("integer data with requiresGrad becomes float32 (a JS number cannot say 1.0)", () => {
    const t = torch.tensor([1, 2], { requiresGrad: true });
    expect(t.dtype).toBe("float32");
    expect(t.requiresGrad).toBe(true);
    expect(() => torch.tensor([true], { requiresGrad: true })).toThrow("floating point");
  });

  test("typed arrays, nested typed arrays, bigints, tensors", () => {
    expect(torch.tensor(new Float64Array([1, 2])).dtype).toBe("float64");
    expect(torch.tensor(new Int16Array([1, -2])).dtype).toBe("int32");
    const nested = torch.tensor([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expect(nested.shape).toEqual([2, 2]);
    expect(nested.dtype).toBe("float32");
    expect(torch.tensor([1n, 2n]).tolist()).toEqual([1, 2]);
    const src = torch.tensor([[1.5, -2.5]]);
    const copy = torch.tensor(src, { dtype: "int32" });
    expect(copy.tolist()).toEqual([[1, -2]]);
    expect(torch.tensor(src.t()).tolist()).toEqual([[1.5], [-2.5]]);
  });

  test("ragged and non-numeric data", () => {
    // @ts-expect-error a string is not tensor data (the call is checked at run time too)
    expect(() => torch.tensor(["a"])).toThrow("Could not infer dtype of string");
    // @ts-expect-error nor is an object
    expect(() => torch.tensor([{}])).toThrow("Could not infer dtype of Object");
    expect(() => torch.tensor([[1, 2], 3])).toThrow(
      "not a sequence: expected a sequence of length 2 at dim 1, but got number",
    );
    expect(() => torch.tensor([1, [2, 3]])).toThrow("expected a number at dim 1, but got a sequence of length 2");
    expect(() => torch.tensor([2n ** 63n])).toThrow("Overflow when unpacking long");
    expect(() => torch.tensor([1], { dtpye: "float32" } as never)).toThrow(
      'tensor(): unknown option "dtpye" (expected dtype, requiresGrad)',
    );
    expect(() => torch.tensor([1], { dtype: "complex64" as never })).toThrow(
      /^tensor\(\): dtype must be one of "float32", "float64", "int64", "int32", "bool", .*"bfloat16", but got "complex64"$/,
    );
    expect(() => torch.tensor([1], { requiresGrad: 1 as never })).toThrow(
      "tensor(): requiresGrad must be a boolean, but got int",
    );
  });
});

describe("zeros, ones, empty, full, eye", () => {
  test("sizes variadic or as an array, 0-d with none", () => {
    expect(torch.zeros(2, 3).shape).toEqual([2, 3]);
    expect(torch.ones([2, 3]).tolist()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(torch.zeros().shape).toEqual([]);
    expect(torch.empty(0, 3).shape).toEqual([0, 3]);
    expect(torch.zeros(2, { dtype: "float64" }).dtype).toBe("float64");
    expect(torch.ones(2, { dtype: "bool" }).tolist()).toEqual([true, true]);
  });

  test("size errors", () => {
    expect(() => torch.zeros(2.5)).toThrow(
      "zeros(): argument 'size' must be tuple of ints, but found element of type float at pos 0",
    );
    expect(() => torch.ones(2, NaN)).toThrow(
      "ones(): argument 'size' must be tuple of ints, but found element of type float at pos 1",
    );
    expect(() => torch.empty(Infinity)).toThrow("found element of type float at pos 0");
    expect(() => torch.zeros("3" as never)).toThrow("found element of type str at pos 0");
    expect(() => torch.zeros(2, [3] as never)).toThrow("found element of type list at pos 1");
    expect(() => torch.zeros(2 ** 20, 2 ** 20)).toThrow("more than torchlet's limit");
    expect(() => torch.zeros(2, { requiresGrad: true, dtype: "int32" })).toThrow("floating point");
  });

  test("full: conversions and overflow", () => {
    expect(torch.full([2], 2.5, { dtype: "int32" }).tolist()).toEqual([2, 2]);
    expect(torch.full([2], 0.5, { dtype: "bool" }).tolist()).toEqual([true, true]);
    expect(torch.full([2], 3, { requiresGrad: true }).dtype).toBe("float32");
    expect(() => torch.full([2], "1" as never)).toThrow(
      "full(): argument 'fill_value' must be a number or a boolean, but got str",
    );
  });

  test("eye: a float size", () => {
    expect(() => torch.eye(2.5)).toThrow("eye(): argument 'n' must be int, not float");
  });
});

describe("*Like keep the input's layout (preserve_format)", () => {
  // (their shapes and strides: the creation family's likeStrides cases)
  const inputs: [string, () => Tensor][] = [
    ["t", () => torch.zeros(3, 4).t()],
    ["slice", () => torch.zeros(2, 6).slice(1, null, null, 2)],
    ["expand", () => torch.zeros(1, 3).expand(2, 3)],
    ["permute3", () => torch.zeros(2, 3, 4).permute(2, 0, 1)],
  ];
  test.each(inputs)("fullLike fills every element of a strided result (%s)", (_layout, make) => {
    const x = make();
    expect(torch.fullLike(x, 7, { dtype: "int32" }).tolist()).toEqual(torch.full(x.shape as number[], 7).tolist());
  });
});

test("requires_grad int: a known gap, torchlet's message is not PyTorch's", () => {
  // PyTorch says "Only Tensors of floating point and complex dtype can require gradients"; torchlet has no
  // complex dtypes. The creation family lists the case as known; this fails the day the messages agree.
  const got = errorOf(() => torch.zeros(2, { dtype: "int32", requiresGrad: true }));
  expect(got).toContain("floating point");
  expect(got, "the gap seems closed: drop requires_grad int from known in families/creation.ts").not.toContain(
    errors.get("requires_grad int")!,
  );
});

describe("arange and linspace arguments", () => {
  test("dtype inference and errors", () => {
    expect(torch.arange(5).dtype).toBe("int64");
    expect(torch.arange(0, 2.5).dtype).toBe("float32");
    expect(torch.arange(3, { requiresGrad: true, dtype: "float64" }).requiresGrad).toBe(true);
    expect(() => (torch.arange as (...a: unknown[]) => unknown)()).toThrow("arange() takes 1 to 3 numbers");
    expect(() => torch.arange(0, 2 ** 32, 2 ** 30, { dtype: "int32" })).toThrow(
      "value cannot be converted to type int without overflow",
    );
    expect(() => torch.linspace(0, 1, 2.5)).toThrow("linspace(): argument 'steps' must be int, not float");
    expect(() => torch.zeros(2, { dtype: "int32", requiresGrad: true })).toThrow("floating point");
  });
});

describe("fromArray", () => {
  test("shape, dtype from typed arrays, errors", () => {
    expect(torch.fromArray([1, 2, 3, 4], [2, 2]).dtype).toBe("float32");
    expect(torch.fromArray(new Int32Array([1, 2])).dtype).toBe("int32");
    expect(torch.fromArray(new Float64Array([1, 2]), [2, 1]).shape).toEqual([2, 1]);
    expect(torch.fromArray([0, 2, NaN], [3], { dtype: "bool" }).tolist()).toEqual([false, true, true]);
    expect(() => torch.fromArray([1, 2, 3], [2, 2])).toThrow(
      "fromArray(): shape [2, 2] holds 4 elements, but 3 values were given",
    );
    expect(() => torch.fromArray(3 as never)).toThrow(
      "fromArray(): values must be an array or typed array, but got number",
    );
  });
});

test("creation frees what it made when it throws", () => {
  const before = torch.memory();
  for (const f of [
    () => torch.full([4], 2 ** 40, { dtype: "int32" }),
    () => torch.fullLike(torch.zeros(3), 1e40),
    () => torch.tensor([1, 2], { dtype: "int32", requiresGrad: true }),
    () => torch.randint(0, 3, [4], { requiresGrad: true }),
    () => torch.eye(3, { dtype: "bool", requiresGrad: true }),
  ]) {
    torch.tidy(() => {
      expect(f).toThrow();
    });
  }
  expect(torch.memory().bytesInUse).toBe(before.bytesInUse);
});
