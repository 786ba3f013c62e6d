// The elementwise ops against PyTorch 1.13 goldens (test/golden/gen_elementwise.py):
// values, printed forms, grad_fn names and edges, grads, double backward and
// error messages; and float32/float64 math over wide value sweeps, within
// 2 ulp of PyTorch (whose vectorised and scalar paths themselves differ by 1).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { decode, loadGolden } from "./helpers/golden.js";
import { runOpCase, type OpCase } from "./helpers/elementwise.js";
import { ulpDistance } from "./conformance/ulp.js";
import type { SweepCase } from "./conformance/goldenCases.js";

const golden = loadGolden<OpCase | SweepCase | { kind: string; name: string }>("elementwise");
const opCases = golden.cases.filter((c): c is OpCase => c.kind === "op" || c.kind === "error");
const sweeps = golden.cases.filter((c): c is SweepCase => c.kind === "sweep");

describe("elementwise ops (PyTorch goldens)", () => {
  test.each(opCases.map((c) => [c.name, c] as const))("%s", (_name, c) => runOpCase(c));
});

describe("math over value sweeps (PyTorch goldens, ulp tolerances)", () => {
  test.each(sweeps.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const x = torch.fromArray(c.x.data.map(decode), c.x.shape, { dtype: c.dtype });
    const y = (torch as unknown as Record<string, (t: Tensor) => Tensor>)[c.op]!(x);
    const got = Array.from(y.toArray() as Float32Array | Float64Array);
    const want = c.out.data.map(decode);
    const wantScalar = c.outScalar?.data.map(decode) ?? want;
    let worst = 0;
    got.forEach((v, i) => {
      const d = Math.min(ulpDistance(v, want[i]!, c.dtype), ulpDistance(v, wantScalar[i]!, c.dtype));
      if (d > 2) expect.fail(`${c.op}(${decode(c.x.data[i]!)}) = ${v}, PyTorch ${want[i]} / ${wantScalar[i]} (${d} ulp)`);
      worst = Math.max(worst, d);
    });
    expect(worst).toBeLessThanOrEqual(2);
    x.dispose();
    y.dispose();
  });
});
