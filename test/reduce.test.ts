// The reductions family against PyTorch (test/golden/gen_reduce.py): values,
// indices, grad_fn names, gradients of the base tensor, printed forms and
// error messages, for every dim/keepdim combination on 3-D inputs,
// non-contiguous inputs, ties, NaN, infinities, 0-d, empty, int and bool.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden, make, expectClose, fromJson, type InputSpec, type TensorJson } from "./helpers/golden.js";

type Arg = number | string | boolean | null | number[];
interface Case {
  name: string;
  op: string;
  input: string;
  args: Arg[];
  kwargs: Record<string, Arg>;
  out?: TensorJson;
  values?: TensorJson;
  indices?: TensorJson;
  gradFn?: string | null;
  gout?: TensorJson;
  grad?: TensorJson | null;
  printed?: string;
  error?: string;
  errorType?: string;
  specs?: Record<string, InputSpec & { perm?: number[] }>;
}

const golden = loadGolden<Case>("reduce");
const specs = golden.cases.find((c) => c.name === "inputs")!.specs!;
const cases = golden.cases.filter((c) => c.name !== "inputs");

const jsName: Record<string, string> = { log_softmax: "logSoftmax" };
const decodeArg = (a: Arg): Arg => (a === "inf" ? Infinity : a === "-inf" ? -Infinity : a);

/** [leaf, the view the op sees] for a named input. */
function build(name: string, requiresGrad: boolean): [Tensor, Tensor] {
  const s = specs[name]!;
  const [base, x] = make(s, requiresGrad);
  return [base, s.perm ? x.permute(s.perm) : x];
}

/** torch.<op>(x, ...args, kwargs) in torchlet's spelling. */
function call(c: Case, x: Tensor): unknown {
  const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[jsName[c.op] ?? c.op]!;
  const args: unknown[] = c.args.map(decodeArg);
  const kw = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decodeArg(v)]));
  if (Object.keys(kw).length > 0) args.push(kw);
  return fn(x, ...args);
}

/** Float32 reductions of up to a few hundred elements: PyTorch's rounding differs from ours by a few ulps of the sum. */
const tol = { float32: { rtol: 1e-5, atol: 1e-5 }, float64: { rtol: 1e-10, atol: 1e-12 } } as const;
const tolFor = (j: TensorJson) => (j.dtype === "float32" || j.dtype === "float64" ? tol[j.dtype] : {});

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
