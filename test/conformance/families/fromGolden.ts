// Families whose golden cases are data (an op, its inputs and arguments):
// one runner for all the family's cases, and the list of golden keys this
// suite compares. What the suite compares across runtimes is what a user
// sees: forward values, printed forms, grad_fn names, first-order gradients
// and error messages. Deeper checks of the same goldens (double backward,
// whole-graph edges, memory) stay in the family's own vitest file.

import { errorOf } from "../values.js";
import type { Case, GoldenFile, Observed, Tolerance, Torch } from "../types.js";

export type Golden = Record<string, unknown>;

export function fromGolden(
  golden: GoldenFile,
  run: (torch: Torch, g: Golden) => Observed,
  options: {
    /** The golden keys compared (all of them a case has), or a choice per case. */
    compare: readonly string[] | ((g: Golden) => readonly string[]);
    tol?: (g: Golden) => Tolerance | undefined;
    skip?: (g: Golden) => boolean;
  },
): Case[] {
  return golden.cases
    .filter((g) => !options.skip?.(g))
    .map((g) => {
      const keys = typeof options.compare === "function" ? options.compare(g) : options.compare;
      const expected = Object.fromEntries(keys.filter((k) => k in g).map((k) => [k, g[k]]));
      const tol = options.tol?.(g);
      return {
        family: golden.family,
        name: String(g.name),
        expected,
        run: (torch: Torch) => run(torch, g),
        ...(tol ? { tol } : {}),
      };
    });
}

/** The tolerance for float32 results of sums whose order differs from PyTorch's. */
export const sumTol = (dtype: unknown): Tolerance | undefined =>
  dtype === "float32" ? { rtol: 1e-5, atol: 1e-5 } : dtype === "float64" ? { rtol: 1e-10, atol: 1e-12 } : undefined;

/**
 * A family's golden error cases (those with an `error`), each run by the JS
 * program of the same name; `message` maps PyTorch's message to the part
 * torchlet must say. A case without a program fails, and so does a program
 * without a case. `known`: case name -> why torchlet's message differs (not
 * compared, listed in every report; the family's vitest file checks that it
 * still differs).
 */
export function errorPrograms(
  golden: GoldenFile,
  table: Record<string, (torch: Torch) => unknown>,
  options: { message?: (m: string) => string; known?: Record<string, string> } = {},
): Case[] {
  const message = options.message ?? ((m: string) => m);
  const errors = golden.cases.filter((g) => g.error !== undefined);
  const named = new Set(errors.map((g) => String(g.name)));
  const orphans = Object.keys(table)
    .filter((name) => !named.has(name))
    .map((name): Case => ({
      family: golden.family,
      name,
      expected: { golden: "present" },
      run: () => ({ golden: `no error case ${name} in ${golden.family}.json` }),
    }));
  return errors
    .map((g): Case => {
      const name = String(g.name);
      const why = options.known?.[name];
      if (why !== undefined)
        return { family: golden.family, name, expected: {}, known: { error: why }, run: () => ({}) };
      const program = table[name];
      return {
        family: golden.family,
        name,
        expected: { error: message(String(g.error)) },
        run: (torch: Torch): Observed => ({
          error: program
            ? errorOf(() => program(torch))
            : `no JS program for golden case "${name}" in families/${golden.family}.ts`,
        }),
      };
    })
    .concat(orphans);
}
