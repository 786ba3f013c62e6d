// The reductions family against PyTorch (test/golden/gen_reduce.py): values,
// indices, grad_fn names, gradients of the base tensor, printed forms and
// error messages, for every dim/keepdim combination on 3-D inputs,
// non-contiguous inputs, ties, NaN, infinities, 0-d, empty, int and bool.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden, expectClose, fromJson, type TensorJson } from "./helpers/golden.js";
import { applyOp, build as buildSpec } from "./conformance/families/reduce.js";
import { sumTol } from "./conformance/families/fromGolden.js";
import type { ReduceCase } from "./conformance/goldenCases.js";

const golden = loadGolden<ReduceCase>("reduce");
const specs = golden.cases.find((c) => c.name === "inputs")!.specs!;
const cases = golden.cases.filter((c) => c.name !== "inputs");

/** [leaf, the view the op sees] for a named input. */
const build = (name: string, requiresGrad: boolean): [Tensor, Tensor] => buildSpec(torch, specs[name]!, requiresGrad);
const call = (c: ReduceCase, x: Tensor): unknown => applyOp(torch, c, x);

/** Float32 reductions of up to a few hundred elements: PyTorch's rounding differs from ours by a few ulps of the sum. */
const tolFor = (j: TensorJson) => sumTol(j.dtype) ?? {};

const ERROR_CLASS: Record<string, ErrorConstructor> = { RuntimeError: Error, IndexError: RangeError, TypeError: TypeError, ValueError: TypeError };

describe("reductions against PyTorch", () => {
  const forward = cases.filter((c) => c.error === undefined);
  test.each(forward.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const floating = specs[c.input]!.dtype.startsWith("float");
    const [base, x] = build(c.input, floating);
    const r = call(c, x) as Tensor | { values: Tensor; indices: Tensor };
    let primary: Tensor;
    if (c.values) {
      const vi = r as { values: Tensor; indices: Tensor };
      expectClose(vi.values, c.values, tolFor(c.values), "values");
      expectClose(vi.indices, c.indices!, {}, "indices");
      primary = vi.values;
      const [v, i] = vi as unknown as Iterable<Tensor>;
      expect(v).toBe(vi.values);
      expect(i).toBe(vi.indices);
      expect(vi.indices.gradFn).toBeNull();
    } else {
      primary = r as Tensor;
      expectClose(primary, c.out!, tolFor(c.out!), "out");
    }
    expect(primary.gradFn?.name() ?? null, "grad_fn").toBe(c.gradFn ?? null);
    if (c.printed !== undefined) expect(String(r)).toBe(c.printed);
    if (c.gout) {
      primary.backward(fromJson(c.gout));
      if (c.grad === null) expect(base.grad).toBeNull();
      else expectClose(base.grad!, c.grad!, tolFor(c.grad!), "grad");
    }
  });
});

describe("reduction errors match PyTorch's words", () => {
  const errors = cases.filter((c) => c.error !== undefined);
  test.each(errors.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const [, x] = build(c.input, false);
    let thrown: unknown = null;
    try {
      call(c, x);
    } catch (e) {
      thrown = e;
    }
    expect(thrown, "expected an error").toBeInstanceOf(ERROR_CLASS[c.errorType!] ?? Error);
    expect((thrown as Error).message).toBe(c.error);
  });
});
