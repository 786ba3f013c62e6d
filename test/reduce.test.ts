// The reductions family against PyTorch (test/golden/gen_reduce.py): values,
// indices, grad_fn names, gradients of the base tensor, printed forms and
// error messages, for every dim/keepdim combination on 3-D inputs,
// non-contiguous inputs, ties, NaN, infinities, 0-d, empty, int and bool (the
// reduce conformance family; here also whole messages, error classes,
// (values, indices) pairs and memory left behind).

import { describe, expect } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { expectWithin, testFamily } from "./helpers/family.js";
import { applyOp, build as buildSpec } from "./conformance/families/reduce.js";
import type { ReduceCase } from "./conformance/goldenCases.js";

const golden = loadGolden<ReduceCase>("reduce");
const specs = golden.cases.find((c) => c.name === "inputs")!.specs!;

/** [leaf, the view the op sees] for a named input. */
const build = (name: string, requiresGrad: boolean): [Tensor, Tensor] => buildSpec(torch, specs[name]!, requiresGrad);
const call = (c: ReduceCase, x: Tensor): unknown => applyOp(torch, c, x);

const ERROR_CLASS: Record<string, ErrorConstructor> = {
  RuntimeError: Error,
  IndexError: RangeError,
  TypeError: TypeError,
  ValueError: TypeError,
};

describe("reductions against PyTorch", () => {
  testFamily<ReduceCase>("reduce", (k, observed, c) => {
    expectWithin(k, observed, "indices", { rtol: 0, atol: 0 }); // the runtimes' tolerance is the values'
    torch.tidy(() => {
      if (c.error !== undefined) {
        // Beyond the runtimes' check: the whole message, and the error class PyTorch's maps to.
        expect(observed.error).toBe(c.error);
        let thrown: unknown = null;
        try {
          call(c, build(c.input, false)[1]);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, "expected an error").toBeInstanceOf(ERROR_CLASS[c.errorType!] ?? Error);
        return;
      }
      if (!c.values) return;
      // A (values, indices) result destructures as a pair, and its indices have no grad_fn.
      const vi = call(c, build(c.input, specs[c.input]!.dtype.startsWith("float"))[1]) as {
        values: Tensor;
        indices: Tensor;
      };
      const [v, i] = vi as unknown as Iterable<Tensor>;
      expect(v).toBe(vi.values);
      expect(i).toBe(vi.indices);
      expect(vi.indices.gradFn).toBeNull();
    });
  });
});
