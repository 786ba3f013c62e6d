// Reading golden files written by test/golden/gen_*.py from real PyTorch, and
// comparing torchlet's results with them.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor, DType } from "../../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));

export type Num = number | string | boolean;

export interface TensorJson {
  shape: number[];
  dtype: DType;
  data: Num[];
}

export interface InputSpec extends TensorJson {
  baseShape: number[];
  layout: "contiguous" | "t" | "expand" | "slice";
  step?: number;
}

export interface GoldenFile<C> {
  torch: string;
  family: string;
  cases: C[];
}

export function loadGolden<C = Record<string, unknown>>(family: string): GoldenFile<C> {
  return JSON.parse(readFileSync(join(here, "..", "golden", `${family}.json`), "utf8")) as GoldenFile<C>;
}

export const decode = (v: Num): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v));

/** The tensor a JSON value describes (a plain contiguous tensor). */
export function fromJson(j: TensorJson, requiresGrad = false): Tensor {
  return torch.fromArray(j.data.map(decode), j.shape, { dtype: j.dtype, requiresGrad });
}

/** [leaf, input] for an input spec: the base tensor and the view the op gets (see common.py). */
export function make(spec: InputSpec, requiresGrad = false): [Tensor, Tensor] {
  const base = torch.fromArray(spec.data.map(decode), spec.baseShape, { dtype: spec.dtype, requiresGrad });
  switch (spec.layout) {
    case "t":
      return [base, base.t()];
    case "expand":
      return [base, base.expand(spec.shape)];
    case "slice":
      return [base, base.slice(0, null, null, spec.step ?? 2)];
    default:
      return [base, base];
  }
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** Default tolerances per dtype, as torch.testing.assert_close. */
export function defaultTol(dtype: DType): Required<Tolerance> {
  if (dtype === "float32") return { rtol: 1.3e-6, atol: 1e-5 };
  if (dtype === "float64") return { rtol: 1e-7, atol: 1e-7 };
  return { rtol: 0, atol: 0 };
}

/** Asserts `actual` has the golden tensor's shape, dtype and values (NaN == NaN, same-signed infinities). */
export function expectClose(actual: Tensor, expected: TensorJson, tol: Tolerance = {}, label = ""): void {
  const where = label ? `${label}: ` : "";
  expect(actual.shape, `${where}shape`).toEqual(expected.shape);
  expect(actual.dtype, `${where}dtype`).toBe(expected.dtype);
  const { rtol, atol } = { ...defaultTol(expected.dtype), ...tol };
  const got = Array.from(actual.toArray() as ArrayLike<number>);
  const want = expected.data.map((v) => (typeof v === "boolean" ? Number(v) : decode(v)));
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!, b = want[i]!;
    if (Number.isNaN(b)) {
      if (!Number.isNaN(a)) expect.fail(`${where}element ${i}: expected NaN, got ${a}`);
      continue;
    }
    if (!Number.isFinite(b)) {
      if (a !== b) expect.fail(`${where}element ${i}: expected ${b}, got ${a}`);
      continue;
    }
    if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
      expect.fail(`${where}element ${i}: expected ${b}, got ${a} (|diff| ${Math.abs(a - b)} > atol ${atol} + rtol ${rtol} * |expected|)`);
    }
  }
}
