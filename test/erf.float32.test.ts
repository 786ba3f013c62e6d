// float32 erf (assembly/kernels/activation.ts: erff and its f32x4 twin) over
// a dense sweep: within 1.5 ulp of the float64 erf (checked against PyTorch
// by the elementwise family's float64 sweep) rounded to float32, and the
// same bits from the SIMD rows as from the scalar code of strided rows. The
// elementwise family checks both against PyTorch's float32 values.

import { expect, test } from "vitest";
import * as torch from "../src/index.js";

/** The distance from `got` to the float64 `want` in float32 ulps at want's magnitude. */
function ulps(got: number, want: number): number {
  const a = Math.abs(want);
  const ulp = a < 1.1754943508222875e-38 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
  return Math.abs(got - want) / ulp;
}

test("float32 erf: within 1.5 ulp over [-5, 5] and tiny values; SIMD and scalar rows agree", () => {
  torch.tidy(() => {
    const n = 60000;
    const xs = new Float32Array(n + 2000);
    for (let i = 0; i < n; i++) xs[i] = -5 + (10 * i) / (n - 1);
    for (let i = 0; i < 2000; i++) xs[n + i] = (i % 2 ? -1 : 1) * 10 ** (-30 + (30 * i) / 1999);
    const x = torch.fromArray(xs, [xs.length]);
    const got = torch.erf(x).toArray() as Float32Array;
    const want = torch.erf(x.to("float64")).toArray() as Float64Array;
    let worst = 0;
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, ulps(got[i]!, want[i]!));
    expect(worst).toBeLessThanOrEqual(1.5);
    // a transposed view walks each row with stride 2: the scalar code for every element
    const strided = torch
      .erf(x.reshape([2, xs.length / 2]).t())
      .t()
      .reshape([xs.length]);
    expect(strided.toArray()).toEqual(got);
    expect(Array.from(torch.erf(torch.tensor([0, -0, Infinity, -Infinity, NaN])).toArray() as Float32Array)).toEqual([
      0,
      -0,
      1,
      -1,
      NaN,
    ]);
  });
});
