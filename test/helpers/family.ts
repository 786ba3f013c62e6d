// One driver per golden family: a vitest file runs its family's conformance
// cases (test/conformance/families/, the code test/runtimes/ runs in every
// runtime) and adds only what vitest checks beyond them.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import * as torch from "../../src/index.js";
import { checkCase } from "../conformance/check.js";
import { families, runCase } from "../conformance/suite.js";
import { decode } from "../conformance/values.js";
import type { Case, Observed, TensorJson, Tolerance, Torch } from "../conformance/types.js";
import { loadGolden } from "./golden.js";
import { leakFree } from "./memory.js";

/** The conformance cases made from test/golden/<file>.json. */
export function familyCases(file: string): Case[] {
  const family = families[file];
  if (!family) throw new Error(`no conformance family for golden file ${file}.json (test/conformance/suite.ts)`);
  const golden = loadGolden(file);
  // Binary fixtures beside the golden file travel with it as base64, as test/runtimes/bundle.ts sends them.
  const dir = new URL(`../golden/${file}/`, import.meta.url);
  if (existsSync(dir))
    golden.files = Object.fromEntries(
      readdirSync(dir).map((n) => [n, readFileSync(new URL(n, dir)).toString("base64")]),
    );
  return family(golden);
}

/** Runs a case as every runtime does, checks it against PyTorch and that it leaves no memory behind; returns what it observed. */
export function expectConformance(c: Case): Observed {
  return leakFree(() => {
    const r = runCase(torch as unknown as Torch, c);
    if (!r.ok) expect.fail(r.message);
    return r.observed!;
  });
}

/**
 * One test per conformance case of a golden file; `more` adds a case's
 * vitest-only checks, given what the case observed and its golden record.
 */
export function testFamily<G = Record<string, unknown>>(
  file: string,
  more?: (c: Case, observed: Observed, golden: G) => void,
): void {
  const records = new Map((loadGolden<G & { name: string }>(file).cases ?? []).map((g) => [g.name, g]));
  test.each(familyCases(file).map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const observed = expectConformance(c);
    more?.(c, observed, records.get(c.name)!);
  });
}

/** Compares an observed value with the golden's again, within `tol` (where vitest holds a case to closer than the runtimes do). */
export function expectWithin(c: Case, observed: Observed, key: string, tol: Tolerance): void {
  if (!(key in c.expected)) return;
  const why = checkCase({ [key]: c.expected[key] }, { [key]: observed[key]! }, tol);
  if (why !== null) expect.fail(`within rtol ${tol.rtol}, atol ${tol.atol}: ${why}`);
}

/** Compares an observed tensor with the golden's element by element with Object.is: -0 is not 0. */
export function expectIdentical(c: Case, observed: Observed, key: string): void {
  if (!(key in c.expected)) return;
  const got = observed[key] as TensorJson,
    want = c.expected[key] as TensorJson;
  want.data.forEach((v, i) => {
    const w = decode(v),
      g = decode(got.data[i]!);
    if (!Object.is(g, w)) expect.fail(`${key}: element ${i}: expected ${w}, got ${g}`);
  });
}
