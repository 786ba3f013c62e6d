// Comparing what a case observed with what PyTorch observed (the golden file),
// and one runtime's observations with another's.

import { ulpDistance } from "./ulp.js";
import { decode, isTensorJson } from "./values.js";
import type { CaseResult, Observed, TensorJson, Tolerance, Value } from "./types.js";

/** torch.testing.assert_close's defaults per dtype. */
export function defaultTol(dtype: string): Required<Tolerance> {
  if (dtype === "float32") return { rtol: 1.3e-6, atol: 1e-5, ulps: 0 };
  if (dtype === "float64") return { rtol: 1e-7, atol: 1e-7, ulps: 0 };
  return { rtol: 0, atol: 0, ulps: 0 };
}

/**
 * Why `observed` differs from the golden `expected`, or null when it does not.
 * Every key of `expected` must be observed and no other: a program that forgets
 * a value fails instead of passing quietly. `error` keys match when the thrown
 * message contains PyTorch's (as vitest's toThrow(string)).
 */
export function checkCase(expected: Record<string, unknown>, observed: Observed, tol: Tolerance = {}): string | null {
  const problems: string[] = [];
  for (const key of Object.keys(expected)) {
    if (!(key in observed)) problems.push(`${key}: not observed`);
  }
  for (const [key, got] of Object.entries(observed)) {
    if (!(key in expected)) {
      problems.push(`${key}: observed, but the golden case has no ${key}`);
      continue;
    }
    const want = expected[key];
    const why = key === "error" ? checkError(want, got) : checkValue(want, got, tol);
    if (why) problems.push(`${key}: ${why}`);
  }
  return problems.length ? problems.join("; ") : null;
}

function checkError(want: unknown, got: Value): string | null {
  if (typeof want !== "string") return `golden error is not a string`;
  if (typeof got === "string" && got.includes(want)) return null;
  return `expected an error containing ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

function checkValue(want: unknown, got: Value, tol: Tolerance): string | null {
  if (isTensorJson(want))
    return isTensorJson(got) ? closeTensor(got, want, tol) : `expected a tensor, got ${short(got)}`;
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `expected a list, got ${short(got)}`;
    if (got.length !== want.length) return `expected ${want.length} items, got ${got.length}`;
    for (let i = 0; i < want.length; i++) {
      const why = checkValue(want[i], got[i]!, tol);
      if (why) return `[${i}] ${why}`;
    }
    return null;
  }
  if (isRecord(want)) {
    if (!isRecord(got)) return `expected an object, got ${short(got)}`;
    const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])];
    for (const k of keys) {
      if (!(k in want) || !(k in got)) return `.${k}: present on one side only`;
      const why = checkValue(want[k], (got as Record<string, Value>)[k]!, tol);
      if (why) return `.${k}: ${why}`;
    }
    return null;
  }
  return Object.is(want, got) || want === got ? null : `expected ${short(want)}, got ${short(got)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !isTensorJson(v);

/** Shape, dtype and values within rtol/atol (NaN == NaN, infinities exact). */
export function closeTensor(got: TensorJson, want: TensorJson, tol: Tolerance = {}): string | null {
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) return `shape [${got.shape}] != [${want.shape}]`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype} != ${want.dtype}`;
  const { rtol, atol, ulps: maxUlps } = { ...defaultTol(want.dtype), ...tol };
  for (let i = 0; i < want.data.length; i++) {
    const a = decode(got.data[i]!),
      b = decode(want.data[i]!);
    if (
      Number.isNaN(b) ? Number.isNaN(a) : !Number.isFinite(b) ? a === b : Math.abs(a - b) <= atol + rtol * Math.abs(b)
    )
      continue;
    if (maxUlps > 0 && Number.isFinite(a) && Number.isFinite(b) && ulps(a, b, want.dtype) <= maxUlps) continue;
    return `element ${i}: expected ${b}, got ${a} (atol ${atol}, rtol ${rtol}${maxUlps ? `, ${maxUlps} ulp` : ""})`;
  }
  return null;
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 200 ? `${s.slice(0, 200)}...` : s;
};

// ---- across runtimes ----------------------------------------------------------

/**
 * How far two runtimes' numbers may be apart, per dtype. Relaxed SIMD's
 * fused multiply-add (one rounding where the baseline binary rounds twice)
 * moves float32 sums; the bound is the one the float32 sum cases use against
 * PyTorch. Where a sum cancels to near zero the difference is large in ulps
 * but not in absolute terms, hence atol. Integers, booleans, shapes, printed
 * strings, error messages and NaN/infinities must agree exactly.
 */
export const CROSS_RUNTIME_TOL: Record<string, { rtol: number; atol: number }> = {
  float32: { rtol: 1e-5, atol: 1e-5 },
  float64: { rtol: 1e-12, atol: 1e-12 },
};

export interface Drift {
  /** Largest |a - b| over all tensor elements. */
  maxAbs: number;
  /** Largest difference in units in the last place of the tensor's dtype. */
  maxUlp: number;
  /** Where the largest |a - b| is. */
  where: string;
  /** Elements beyond CROSS_RUNTIME_TOL, and values that differ in kind, shape, text or non-finite-ness. */
  mismatches: string[];
}

export const noDrift = (): Drift => ({ maxAbs: 0, maxUlp: 0, where: "", mismatches: [] });

/** Accumulates into `d` how far observation `b` is from the reference `a`. */
export function drift(a: Value, b: Value, d: Drift, where: string): void {
  if (isTensorJson(a) && isTensorJson(b)) {
    if (JSON.stringify(a.shape) !== JSON.stringify(b.shape) || a.dtype !== b.dtype || a.data.length !== b.data.length) {
      d.mismatches.push(`${where}: ${a.dtype}[${a.shape}] vs ${b.dtype}[${b.shape}]`);
      return;
    }
    const tol = CROSS_RUNTIME_TOL[a.dtype] ?? { rtol: 0, atol: 0 };
    for (let i = 0; i < a.data.length; i++) {
      const x = decode(a.data[i]!),
        y = decode(b.data[i]!);
      if (Object.is(x, y) || x === y) continue;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        d.mismatches.push(`${where}[${i}]: ${x} vs ${y}`);
        continue;
      }
      const diff = Math.abs(x - y);
      d.maxUlp = Math.max(d.maxUlp, ulps(x, y, a.dtype));
      if (diff > d.maxAbs) {
        d.maxAbs = diff;
        d.where = `${where}[${i}] (${x} vs ${y})`;
      }
      if (diff > tol.atol + tol.rtol * Math.abs(x))
        d.mismatches.push(`${where}[${i}]: ${x} vs ${y} (beyond atol ${tol.atol}, rtol ${tol.rtol})`);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => drift(v, b[i]!, d, `${where}[${i}]`));
    return;
  }
  if (isRecord(a) && isRecord(b) && JSON.stringify(Object.keys(a)) === JSON.stringify(Object.keys(b))) {
    for (const k of Object.keys(a)) drift(a[k] as Value, b[k] as Value, d, `${where}.${k}`);
    return;
  }
  if (!(Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b)))
    d.mismatches.push(`${where}: ${short(a)} vs ${short(b)}`);
}

/** Distance in representable values of `dtype` between two finite numbers (for integer dtypes, their difference). */
const ulps = (x: number, y: number, dtype: string): number =>
  dtype === "float32" || dtype === "float64" || dtype === "bfloat16" ? ulpDistance(x, y, dtype) : Math.abs(x - y);

/** drift() over every case two runtimes both passed. */
export function driftBetween(a: Record<string, Observed | undefined>, b: Record<string, Observed | undefined>): Drift {
  const d = noDrift();
  for (const [id, oa] of Object.entries(a)) {
    const ob = b[id];
    if (!oa || !ob) continue;
    for (const key of Object.keys(oa)) drift(oa[key]!, ob[key] ?? null, d, `${id}.${key}`);
  }
  return d;
}

/** The last element of an observed 1-D tensor (the training loss curve), as a number. */
export function decodeFinalLoss(v: Value): number {
  return isTensorJson(v) && v.data.length ? decode(v.data[v.data.length - 1]!) : NaN;
}

/** The result of a check that is not a golden case (loading, threads, limits): passed when `why` is null. */
export function verdict(family: string, name: string, why: string | null): CaseResult {
  return why === null ? { family, name, ok: true } : { family, name, ok: false, message: why };
}
