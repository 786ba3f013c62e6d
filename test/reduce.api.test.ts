// Call forms and API shape of the reductions: positional and options forms,
// torch.f(x) and x.f(), the (values, indices) named tuple, max(a, b), tidy,
// and the chunk boundaries of the outer kernel paths. Expected values are
// worked out by hand or by plain JS here.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

const arr = (t: Tensor): number[] => Array.from(t.toArray() as ArrayLike<number | bigint>, Number);
const m = () =>
  torch.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: "float32" },
  );

describe("call forms", () => {
  test("sum/mean/amax: dim, (dim, keepdim), options, dim list, torch.f and x.f", () => {
    const x = m();
    expect(arr(x.sum(1))).toEqual([6, 15]);
    expect(x.sum(1, true).shape).toEqual([2, 1]);
    expect(x.sum({ dim: [0, 1], keepdim: true }).shape).toEqual([1, 1]);
    expect(arr(torch.sum(x, -2))).toEqual([5, 7, 9]);
    expect(arr(x.sum([1], { keepdim: true }))).toEqual([6, 15]);
    expect(x.sum(1, { dtype: "float64" }).dtype).toBe("float64");
    expect(arr(x.mean({ dim: 0 }))).toEqual([2.5, 3.5, 4.5]);
    expect(arr(torch.amax(x, [0, 1]))).toEqual([6]);
    expect(x.amin().item()).toBe(1);
    expect(() => x.sum(1, "yes" as never)).toThrow(TypeError);
    expect(() => x.sum({ dims: 1 } as never)).toThrow(/unknown option "dims"/);
  });

  test("var/std: (unbiased), (dim, unbiased, keepdim), options with correction", () => {
    const x = m(); // rows [1,2,3] and [4,5,6]: sample variance 1, population 2/3
    expect(arr(x.var(1))).toEqual([1, 1]);
    expect(arr(x.var(1, false)).map((v) => +v.toFixed(6))).toEqual([0.666667, 0.666667]);
    expect(x.var(1, true, true).shape).toEqual([2, 1]);
    expect(arr(x.var(1, { correction: 0 })).map((v) => +v.toFixed(6))).toEqual([0.666667, 0.666667]);
    expect(+(x.var(false).item() as number).toFixed(6)).toBe(+(17.5 / 6).toFixed(6));
    expect(arr(torch.std(x, { dim: 1, keepdim: true }))).toEqual([1, 1]);
    expect(arr(torch.var(x, 1))).toEqual([1, 1]);
    expect(() => x.var(1, { unbiased: false, correction: 0 })).toThrow(/both unbiased and correction/);
  });

  test("norm: (p), (p, dim, keepdim), options, 'fro'", () => {
    const x = torch.tensor(
      [
        [3, 4],
        [-6, 8],
      ],
      { dtype: "float32" },
    );
    expect(x.norm(2, 1).toArray()).toEqual(new Float32Array([5, 10]));
    expect(x.norm(1, [0, 1]).item()).toBe(21);
    expect(x.norm(Infinity).item()).toBe(8);
    expect(x.norm({ dim: 1, keepdim: true }).shape).toEqual([2, 1]);
    expect(x.norm("fro", { dim: 0 }).toArray()).toEqual(
      new Float32Array([Math.fround(Math.sqrt(45)), Math.fround(Math.sqrt(80))]),
    );
    expect(torch.norm(x).item()).toBeCloseTo(Math.sqrt(125), 5);
  });

  test("softmax family: (dim), (dim, { dtype }), ({ dim })", () => {
    const x = torch.tensor([[0, Math.log(3)]]);
    expect(arr(x.softmax(1)).map((v) => +v.toFixed(6))).toEqual([0.25, 0.75]);
    expect(torch.softmax(x, { dim: -1, dtype: "float64" }).dtype).toBe("float64");
    expect(arr(x.logSoftmax(1)).map((v) => +v.toFixed(5))).toEqual([
      +Math.log(0.25).toFixed(5),
      +Math.log(0.75).toFixed(5),
    ]);
    expect(x.logsumexp(1).item()).toBeCloseTo(Math.log(4), 6);
    expect(x.logsumexp([0, 1], true).shape).toEqual([1, 1]);
    expect(() => (x.softmax as (d?: number) => Tensor)()).toThrow(/missing 1 required positional argument/);
  });

  test("prod, argmax: int dims only; argmax(null, keepdim)", () => {
    const x = m();
    expect(arr(x.prod(1))).toEqual([6, 120]);
    expect(() => x.prod([0, 1] as never)).toThrow(/must be int, not list/);
    expect(x.argmax(null, true).shape).toEqual([1, 1]);
    expect(x.argmax().item()).toBe(5);
    expect(arr(torch.argmin(x, 1))).toEqual([0, 0]);
  });
});

describe("max/min", () => {
  test("the named tuple destructures, prints, and survives tidy", () => {
    const x = torch.tensor(
      [
        [1, 7, 7],
        [9, 2, 9],
      ],
      { dtype: "float32" },
    );
    const r = torch.tidy(() => x.max(1));
    const [values, indices] = r;
    expect(values).toBe(r.values);
    expect(r[0]).toBe(values);
    expect(r[1]).toBe(indices);
    expect(arr(values)).toEqual([7, 9]);
    expect(arr(indices)).toEqual([1, 0]);
    expect(indices.dtype).toBe("int64");
    expect(String(r)).toBe("torch.return_types.max(\nvalues=tensor([7., 9.]),\nindices=tensor([1, 0]))");
    expect(Object.keys(r)).toEqual(["values", "indices"]);
    expect(values.isDisposed || indices.isDisposed).toBe(false);
  });

  test("max(a, b) and min(a, b) are maximum and minimum", () => {
    const a = torch.tensor([1, 5, 3], { dtype: "float32", requiresGrad: true });
    const b = torch.tensor([4, 2, 3], { dtype: "float32" });
    const y = torch.max(a, b);
    expect(arr(y)).toEqual([4, 5, 3]);
    expect(y.gradFn!.name()).toBe("MaximumBackward0");
    expect(arr(a.min(b))).toEqual([1, 2, 3]);
  });
});

describe("outer-path chunks (more than 512 kept columns) against plain JS", () => {
  test.each(["float32", "float64", "int32"] as const)("%s sum/amax/argmax/softmax over dim 0", (dtype) => {
    const rows = 37,
      cols = 1100;
    const data = Array.from(
      { length: rows * cols },
      (_, i) => ((i * 7919) % 1013) - 500 + (dtype === "int32" ? 0 : 0.25),
    );
    data[5 * cols + 600] = 10_000; // a unique max in a later chunk
    data[2 * cols + 1099] = data[9 * cols + 1099] = 20_000; // a tie in the last column: first wins
    if (dtype !== "int32") data[3 * cols + 700] = NaN; // NaN wins its column
    const x = torch.fromArray(data, [rows, cols], { dtype });
    const col = (c: number) => Array.from({ length: rows }, (_, r) => data[r * cols + c]!);
    const sums = arr(x.sum(0)),
      maxes = arr(x.amax(0)),
      idx = arr(x.argmax(0)),
      vi = x.max(0, true);
    for (let c = 0; c < cols; c++) {
      const v = col(c);
      const hasNaN = v.some(Number.isNaN);
      const mx = hasNaN ? NaN : Math.max(...v);
      const want = v.reduce((a, b) => a + b, 0);
      if (hasNaN) expect(Number.isNaN(sums[c]!)).toBe(true);
      else expect(Math.abs(sums[c]! - want)).toBeLessThanOrEqual(dtype === "float32" ? 1e-6 * 20000 * rows : 0);
      expect(Number.isNaN(mx) ? Number.isNaN(maxes[c]!) : maxes[c] === mx).toBe(true);
      expect(idx[c]).toBe(hasNaN ? v.findIndex(Number.isNaN) : v.indexOf(mx));
    }
    expect(vi.values.shape).toEqual([1, cols]);
    expect(arr(vi.indices)).toEqual(idx);
    expect(idx[1099]).toBe(2);
    if (dtype !== "int32") {
      const sm = arr(x.softmax(0));
      for (const c of [0, 511, 512, 1099]) {
        const v = col(c),
          m0 = Math.max(...v),
          z = v.reduce((a, b) => a + Math.exp(b - m0), 0);
        v.forEach((e, r) => expect(Math.abs(sm[r * cols + c]! - Math.exp(e - m0) / z)).toBeLessThan(1e-6));
      }
    }
    x.dispose();
  });
});
