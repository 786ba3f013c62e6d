// Bad input never corrupts state. For every public name (the table must have
// a row for each; see surface.ts): the hand-written cases throw the right
// Error class with a message that names what was wrong, and the sweep tries
// every argument, option and list element with junk. After each failed call
// memory(), the fixtures (values, grads, versions), the call's own arguments
// and the heap are unchanged, grad mode is restored, and the next valid op
// works. docs/errors.md is generated from the same table (the last test
// checks it; TORCHLET_UPDATE_DOCS=1 rewrites it).

import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import "./rows-core.js";
import "./rows-ops.js";
import "./rows-autograd.js";
import "./rows-nn.js";
import "./rows-toolkit.js";
import "./rows-sequence.js";
import "./rows-conv.js";
import "./rows-pool.js";
import "./rows-seqops.js";
import "./rows-indexing.js";
import "./rows-toolkit2.js";
import "./rows-int64.js";
import "./rows-norm.js";
import "./rows-checkpoint.js";
import "./rows-dtypes.js";
import "./rows-einsum.js";
import "./rows-logic.js";
import "./rows-umath.js";
import "./rows-bmath.js";
import "./rows-activations.js";
import "./rows-special.js";
import { rows } from "./table.js";
import { publicSurface } from "./surface.js";
import { aside, setupFixtures } from "./harness.js";
import { check, fixtureSet, release, sweepRow } from "./sweep.js";
import * as torch from "../../src/index.js";
import { renderErrorsDoc, type Observed } from "./errors-doc.js";

const observed: Observed[] = [];
const CAPTURED = Symbol("arguments captured");

/** Fails with every problem on its own line (a readable report, not a diff of arrays). */
function noProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(`${problems.length} problem(s):\n${problems.join("\n")}`);
}
const totals = { cases: 0, sweepCalls: 0, sweepThrew: 0 };

beforeAll(async () => {
  await setupFixtures();
  // Warnings (non-leaf .grad, duplicate parameters, gradcheck dtypes) are expected noise here.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterAll(() => {
  if (process.env.TORCHLET_RELIABILITY_REPORT) {
    console.log(
      `bad-input: ${rows.size} rows, ${totals.cases} hand-written cases, ${totals.sweepCalls} sweep calls (${totals.sweepThrew} threw)`,
    );
  }
});

test("every public function, constructor and Tensor member has a row", () => {
  const surface = publicSurface();
  const missing = surface.filter((n) => !rows.has(n));
  const stale = [...rows.keys()].filter((n) => !surface.includes(n));
  expect(missing, "public names without a row in test/reliability/rows-*.ts").toEqual([]);
  expect(stale, "rows for names that are no longer public").toEqual([]);
  for (const row of rows.values()) {
    const covered = row.cases.length > 0 || row.none !== undefined || row.sameAs !== undefined;
    expect(covered, `${row.name}: no cases and no reason why not`).toBe(true);
  }
});

describe("hand-written cases", () => {
  for (const row of rows.values()) {
    if (row.cases.length === 0) continue;
    describe(row.name, () => {
      for (const k of row.cases) {
        test(k.what, async (ctx) => {
          // The case's arguments are made before memory is measured: either by its setup, or by
          // running it once with a stand-in for the function that only captures them.
          let setup: () => unknown[];
          let run: (made: unknown[]) => unknown;
          if (k.setup !== undefined) {
            setup = k.setup;
            run = (made) => k.run(row.call, made);
          } else {
            setup = () => {
              let captured: unknown[] | null = null;
              try {
                k.run((...a: unknown[]) => {
                  captured = a;
                  throw CAPTURED;
                }, []);
              } catch (e) {
                if (e !== CAPTURED) throw e;
              }
              if (captured === null) throw new Error(`case "${k.what}" must call the row's function (or have a setup)`);
              return captured;
            };
            run = (made) => row.call(...made);
          }
          if (row.receiver && row.sameAs !== undefined) {
            const probe = setup();
            const skip = !(probe[0] instanceof torch.Tensor);
            release([probe, aside.splice(0)], fixtureSet());
            if (skip) ctx.skip(); // the receiver of a method is a tensor; the function's row has this case
          }
          totals.cases++;
          const out = await check(setup, run, { allowSuccess: false });
          const e = out.error as Error;
          noProblems(out.problems);
          expect(e?.constructor?.name, e?.message).toBe(k.error.name);
          expect(e.message).toMatch(k.message);
          if (row.sameAs === undefined)
            observed.push({ row: row.name, what: k.what, error: k.error.name, message: e.message });
        });
      }
    });
  }
});

describe("sweep: one argument, option or list element at a time replaced by junk", () => {
  for (const row of rows.values()) {
    if (row.args === undefined || row.noSweep !== undefined) continue;
    test(row.name, async () => {
      const r = await sweepRow(row);
      totals.sweepCalls += r.tried;
      totals.sweepThrew += r.threw;
      if (process.env.TORCHLET_RELIABILITY_REPORT === "successes" && r.successes.length > 0)
        console.log(`${row.name} accepted:\n  ${r.successes.join("\n  ")}`);
      noProblems(r.problems);
    });
  }
});

test("docs/errors.md is the table's errors (TORCHLET_UPDATE_DOCS=1 rewrites it)", () => {
  const path = fileURLToPath(new URL("../../docs/errors.md", import.meta.url));
  const doc = renderErrorsDoc(observed, rows);
  if (process.env.TORCHLET_UPDATE_DOCS) writeFileSync(path, doc);
  expect(readFileSync(path, "utf8")).toBe(doc);
});
