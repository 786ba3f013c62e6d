// torch.nn.utils against PyTorch 1.13 (test/golden/gen_nn_utils.py):
// clipGradNorm_'s total norm and clipped grads, clipGradValue_,
// parametersToVector / vectorToParameters, PyTorch's messages; plus the
// memory a clip leaves behind and the options checks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { checkCase } from "./conformance/check.js";
import { nnUtilsTol, runNnUtils, type NnUtilsCase } from "./conformance/families/nnUtils.js";

const golden = loadGolden<NnUtilsCase>("nn_utils");
const U = torch.nn.utils;

describe("nn.utils against PyTorch", () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const keys = c.error !== undefined ? ["error"] : ["total", "after", "vector"].filter((k) => k in c);
      const expected = Object.fromEntries(keys.map((k) => [k, (c as unknown as Record<string, unknown>)[k]]));
      const why = torch.tidy(() => checkCase(expected, runNnUtils(torch, c), nnUtilsTol(c)));
      expect(why).toBeNull();
    });
  }
});

describe("clipGradNorm_", () => {
  test("leaves no temporaries behind; the total is the caller's", () => {
    const p = torch.nn.Parameter(torch.ones(10));
    p.grad = torch.full([10], 3, { dtype: "float32" });
    const before = torch.memory().tensors;
    const total = U.clipGradNorm_([p], 1.0);
    expect(torch.memory().tensors).toBe(before + 1);
    expect(total.item()).toBeCloseTo(Math.sqrt(90), 5);
    expect((p.grad.toArray() as Float32Array)[0]).toBeCloseTo(3 / Math.sqrt(90), 6);
    total.dispose();
    p.dispose();
  });

  test("one tensor, 'inf' spelled as a string, bad options", () => {
    const p = torch.nn.Parameter(torch.ones(3));
    p.grad = torch.tensor([1, -4, 2], { dtype: "float32" });
    expect(U.clipGradNorm_(p, 8, { normType: "inf" }).item()).toBe(4);
    expect(() => U.clipGradNorm_(p, 1, { norm: 2 } as never)).toThrow('unknown option "norm"');
    expect(() => U.clipGradNorm_(p, "1" as never)).toThrow("maxNorm must be a number");
    expect(() => U.clipGradNorm_(3 as never, 1)).toThrow("parameters must be a Tensor or an iterable of Tensors");
    p.dispose();
  });
});
