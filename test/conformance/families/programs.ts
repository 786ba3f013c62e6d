// Families whose golden cases are small programs (gen_<family>.py holds the
// Python twin of each, under the same name): the family module gives a JS
// program per case name; the expected values are the golden case's fields.

import type { Case, GoldenFile, Observed, Tolerance, Torch } from "../types.js";

export type Program = (torch: Torch) => Observed;

/** Golden fields that describe the case rather than what it observes. */
const META = new Set(["name", "errorType"]);

/**
 * Pairs golden cases with programs by name. A golden case without a program,
 * or a program without a golden case, becomes a failing case: gaps show in
 * the table instead of disappearing.
 */
export function programs(
  golden: GoldenFile,
  table: Record<string, Program>,
  options: {
    inputs?: readonly string[];
    tol?: Tolerance;
    /** "case.key" -> why torchlet differs from PyTorch there (kept short, listed in every report). */
    known?: Record<string, string>;
  } = {},
): Case[] {
  const family = golden.family;
  const skip = new Set([...META, ...(options.inputs ?? [])]);
  const cases: Case[] = [];
  const seen = new Set<string>();
  for (const g of golden.cases) {
    const name = String(g.name);
    seen.add(name);
    const known = Object.fromEntries(
      Object.entries(options.known ?? {})
        .filter(([k]) => k.startsWith(`${name}.`))
        .map(([k, why]) => [k.slice(name.length + 1), why]),
    );
    const expected = Object.fromEntries(Object.entries(g).filter(([k]) => !skip.has(k) && !(k in known)));
    const program = table[name];
    const run = program
      ? (torch: Torch) => Object.fromEntries(Object.entries(program(torch)).filter(([k]) => !(k in known)))
      : () => ({ missing: `no JS program for golden case "${name}" in families/${family}.ts` });
    cases.push({
      family,
      name,
      expected,
      run,
      ...(options.tol ? { tol: options.tol } : {}),
      ...(Object.keys(known).length ? { known } : {}),
    });
  }
  for (const name of Object.keys(table)) {
    if (!seen.has(name))
      cases.push({
        family,
        name,
        expected: { golden: "present" },
        run: () => ({ golden: `missing from ${family}.json` }),
      });
  }
  return cases;
}
