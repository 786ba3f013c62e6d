// The conformance suite's vocabulary, and the golden files' JSON forms that
// the vitest files read too (test/helpers/golden.ts re-exports them).
// Everything under test/conformance/ is runtime-neutral: no node:*, no vitest,
// no import of torchlet itself (each runtime's harness passes in the torchlet
// it loaded), so one bundle of it runs unchanged in Node, Deno, Bun, workerd
// and Chromium.

import type * as Torchlet from "../../src/index.js";

/** The torchlet module as the harness imported it (the package, or src/ under vitest). */
export type Torch = typeof Torchlet;
export type Tensor = Torchlet.Tensor;
export type DType = Torchlet.DType;
export type TensorLike = Torchlet.TensorLike;
export type Optimizer = Torchlet.optim.Optimizer<object>;

/** A JSON number, or "nan" / "inf" / "-inf" (JSON has no literal for them), or a bool tensor's element. */
export type Num = number | string | boolean;

/** A tensor as golden files store it (test/golden/common.py): shape, dtype, row-major data. */
export interface TensorJson {
  shape: number[];
  dtype: DType;
  data: Num[];
}

/** What a case reports: tensors as TensorJson, printed forms, names, flags, error messages. */
export type Value = TensorJson | string | number | boolean | null | Value[] | { [key: string]: Value };
export type Observed = Record<string, Value>;

export interface Tolerance {
  rtol?: number;
  atol?: number;
  /** Also accept values this many representable numbers apart (math functions' accuracy). */
  ulps?: number;
}

/** A golden file, test/golden/<family>.json; `C` is its cases' shape where a reader names it (goldenCases.ts). */
export interface GoldenFile<C = Record<string, unknown>> {
  torch: string;
  family: string;
  cases: C[];
  /** Binary fixtures beside the golden file (test/golden/<family>/), base64 by file name. */
  files?: Record<string, string>;
}

export type Goldens = Record<string, GoldenFile>;

/**
 * One conformance case: a program that observes values, and what real PyTorch
 * observed for them (each key of `expected` must be observed; see check.ts).
 */
export interface Case {
  family: string;
  name: string;
  expected: Record<string, unknown>;
  tol?: Tolerance;
  /** Golden keys torchlet is known to differ on, with why: not compared, but listed in every report. */
  known?: Record<string, string>;
  run(torch: Torch): Observed;
}

/** How a family turns its golden file into cases. */
export type Family = (golden: GoldenFile) => Case[];

export interface CaseResult {
  family: string;
  name: string;
  ok: boolean;
  message?: string;
  observed?: Observed;
  known?: Record<string, string>;
}

export interface SuiteReport {
  runtime: string;
  /** What torchlet picked here: "relaxed" or "baseline" SIMD. */
  simd: string;
  /** torch.init() from call to resolve, in this runtime (informational, never asserted). */
  initMs: number;
  results: CaseResult[];
  /** Golden families that no module under families/ runs yet (shown in the table, never hidden). */
  unplugged: string[];
  /** Checks of init() itself in this runtime (the wasm sources it accepts). */
  loading: CaseResult[];
}
