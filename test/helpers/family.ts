// One driver per golden family: a vitest file runs its family's conformance
// cases (test/conformance/families/, the code test/runtimes/ runs in every
// runtime) and adds only what vitest checks beyond them.

import { expect, test } from "vitest";
import * as torch from "../../src/index.js";
import { checkCase } from "../conformance/check.js";
import { families, runCase } from "../conformance/suite.js";
import type { Case, Observed, Tolerance, Torch } from "../conformance/types.js";
import { loadGolden } from "./golden.js";

/** The conformance cases made from test/golden/<file>.json. */
export function familyCases(file: string): Case[] {
  const family = families[file];
  if (!family) throw new Error(`no conformance family for golden file ${file}.json (test/conformance/suite.ts)`);
  return family(loadGolden(file));
}

/** Runs a case as every runtime does, checks it against PyTorch and that it leaves no memory behind; returns what it observed. */
export function expectConformance(c: Case): Observed {
  const before = torch.memory();
  const r = runCase(torch as unknown as Torch, c);
  if (!r.ok) expect.fail(r.message);
  const after = torch.memory();
  expect(after.tensors, "tensor handles left").toBe(before.tensors);
  expect(after.bytesInUse, "bytes left").toBe(before.bytesInUse);
  return r.observed!;
}

/** One test per conformance case of a golden file; `more` adds a case's vitest-only checks. */
export function testFamily(file: string, more?: (c: Case, observed: Observed) => void): void {
  test.each(familyCases(file).map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const observed = expectConformance(c);
    more?.(c, observed);
  });
}

/** Compares an observed value with the golden's again, within `tol` (where vitest holds a case to closer than the runtimes do). */
export function expectWithin(c: Case, observed: Observed, key: string, tol: Tolerance): void {
  if (!(key in c.expected)) return;
  const why = checkCase({ [key]: c.expected[key] }, { [key]: observed[key]! }, tol);
  if (why !== null) expect.fail(`within rtol ${tol.rtol}, atol ${tol.atol}: ${why}`);
}
