// Reading golden files written by test/golden/gen_*.py from real PyTorch, and
// comparing torchlet's results with them in vitest. The JSON forms, their
// decoding and the comparison are the conformance suite's (test/conformance/
// types.ts, values.ts, check.ts: free of node and vitest, so the runtimes'
// bundle runs the same code); this file adds reading from disk, the torchlet
// under test and vitest's assertions.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { closeTensor } from "../conformance/check.js";
import * as values from "../conformance/values.js";
import type { InputSpec } from "../conformance/values.js";
import type { GoldenFile, TensorJson, Tolerance } from "../conformance/types.js";

export { camel, decode, isFloat, sumOfProducts } from "../conformance/values.js";
export type { InputSpec } from "../conformance/values.js";
export type { GoldenFile, Num, TensorJson, Tolerance } from "../conformance/types.js";

const here = dirname(fileURLToPath(import.meta.url));

export function loadGolden<C = Record<string, unknown>>(family: string): GoldenFile<C> {
  return JSON.parse(readFileSync(join(here, "..", "golden", `${family}.json`), "utf8")) as GoldenFile<C>;
}

/** The tensor a JSON value describes (a plain contiguous tensor). */
export const fromJson = (j: TensorJson, requiresGrad = false): Tensor => values.fromJson(torch, j, requiresGrad);

/** [leaf, input] for an input spec: the base tensor and the view the op gets (see common.py). */
export const make = (spec: InputSpec, requiresGrad = false): [Tensor, Tensor] => values.make(torch, spec, requiresGrad);

/**
 * Asserts `actual` has the golden tensor's shape, dtype and values: within
 * torch.testing.assert_close's tolerances for the dtype unless `tol` says
 * otherwise, NaN == NaN, same-signed infinities.
 */
export function expectClose(actual: Tensor, expected: TensorJson, tol: Tolerance = {}, label = ""): void {
  const where = label ? `${label}: ` : "";
  expect(actual.shape, `${where}shape`).toEqual(expected.shape);
  expect(actual.dtype, `${where}dtype`).toBe(expected.dtype);
  const why = closeTensor(values.observe(actual), expected, tol);
  if (why !== null) expect.fail(where + why);
}

/** The largest relative difference between `got` and `want`, element by element (as PyTorch's values, relative to want). */
export function maxRelDiff(got: TensorJson, want: TensorJson): number {
  const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
  return want.data.reduce<number>((m, v, i) => Math.max(m, rel(values.decode(got.data[i]!), values.decode(v))), 0);
}
