// npm run test:runtimes: the conformance suite (test/conformance) in five
// real runtimes against the packed package, a table runtime x family, the
// drift between runtimes, and an exit code. Run by run.mjs; see README
// "Runtimes" for what is measured and why.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleMains } from "./bundle.js";
import { pack, scratchProject, type Check } from "./pack.js";
import { runBun, runDeno, runNode } from "./servers.js";
import { runWorkerd } from "./workerd.js";
import { runChromium } from "./chromium.js";
import { runExamples } from "./examples.js";
import { CROSS_RUNTIME_TOL, decodeFinalLoss, driftBetween, type Drift } from "../conformance/check.js";
import type { CaseResult, Observed, SuiteReport } from "../conformance/types.js";
import { killAll } from "./proc.js";

interface Row {
  label: string;
  report?: SuiteReport;
  error?: string;
}

const runtimes: [string, (project: string) => Promise<SuiteReport>][] = [
  ["node", (p) => runNode(p)],
  ["node --experimental-wasm-relaxed-simd", (p) => runNode(p, ["--experimental-wasm-relaxed-simd"])],
  ["deno", runDeno],
  ["bun", runBun],
  ["workerd", runWorkerd],
  ["chromium", runChromium],
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const dir = mkdtempSync(join(tmpdir(), "torchlet-runtimes-"));
  try {
    const { tarball, checks: packChecks } = await pack(dir);
    const project = await scratchProject(dir, tarball);
    await bundleMains(project);
    const exampleChecks = await runExamples(project);

    const rows: Row[] = [];
    for (const [label, go] of runtimes) {
      if (only.length && !only.some((o) => label.startsWith(o))) continue;
      const t0 = performance.now();
      process.stderr.write(`runtimes: ${label} ...`);
      try {
        rows.push({ label, report: await go(project) });
      } catch (e) {
        rows.push({ label, error: (e as Error).message });
      }
      process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
    return report(rows, [...packChecks, ...exampleChecks]);
  } finally {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: Row[], packageChecks: Check[]): number {
  let passed = 0,
    failed = 0;
  const failures: string[] = [];

  // ---- runtime x family ----
  const families = [
    ...new Set(rows.flatMap((r) => (r.report ? [...r.report.results, ...r.report.loading].map((c) => c.family) : []))),
  ];
  const header = ["runtime", "simd", "init ms", ...families];
  const table: string[][] = [header];
  for (const r of rows) {
    if (!r.report) {
      table.push([r.label, "-", "-", ...families.map(() => "ERROR")]);
      failures.push(`${r.label}: ${r.error}`);
      failed++;
      continue;
    }
    const all = [...r.report.results, ...r.report.loading];
    const cells = families.map((f) => {
      const mine = all.filter((c) => c.family === f);
      const ok = mine.filter((c) => c.ok).length;
      return mine.length ? `${ok}/${mine.length}` : "-";
    });
    for (const c of all) {
      if (c.ok) passed++;
      else {
        failed++;
        failures.push(`${r.label}: ${c.family}/${c.name}: ${c.message}`);
      }
    }
    table.push([
      `${r.label}`,
      r.report.simd,
      r.report.runtime === "workerd" ? "n/a" : r.report.initMs.toFixed(1),
      ...cells,
    ]);
  }
  print(table);
  const unplugged = rows.find((r) => r.report)?.report?.unplugged ?? [];
  if (unplugged.length)
    console.log(
      `\ngolden families with no conformance module yet (test/conformance/families): ${unplugged.join(", ")}`,
    );
  const known = (rows.find((r) => r.report)?.report?.results ?? []).flatMap((c) =>
    Object.entries(c.known ?? {}).map(([k, why]) => `${c.family}/${c.name}.${k}: ${why}`),
  );
  if (known.length) console.log(`\nknown differences from PyTorch (listed, not compared):\n  ${known.join("\n  ")}`);
  console.log(`\nruntime versions: ${rows.map((r) => r.report?.runtime ?? r.label).join(", ")}`);

  // ---- agreement with the reference runtime ----
  // Node without flags runs the baseline binary: the reference every other
  // runtime (relaxed SIMD where the engine has it) is compared with.
  const ref = rows.find((r) => r.report && r.label === "node") ?? rows.find((r) => r.report);
  if (ref?.report) {
    const refObs = observations(ref.report.results);
    const drifts: string[][] = [
      ["runtime", "simd", "max |diff|", "max ulp", "largest at", "final loss (SGD, 20 steps)"],
    ];
    drifts.push([ref.label, ref.report.simd, "reference", "", "", finalLoss(ref.report)]);
    for (const r of rows) {
      if (!r.report || r === ref) continue;
      const d: Drift = driftBetween(refObs, observations(r.report.results));
      drifts.push([
        r.label,
        r.report.simd,
        d.maxAbs.toExponential(2),
        String(d.maxUlp),
        d.where || "-",
        finalLoss(r.report),
      ]);
      if (d.mismatches.length > 0) {
        failed++;
        failures.push(`${r.label} disagrees with ${ref.label}: ${d.mismatches.slice(0, 10).join("; ")}`);
      } else passed++;
    }
    const tol = Object.entries(CROSS_RUNTIME_TOL)
      .map(([k, v]) => `${k} atol ${v.atol} + rtol ${v.rtol}`)
      .join(", ");
    console.log(
      `\nagreement with ${ref.label} (${ref.report.simd} SIMD) on the cases both pass; allowed: ${tol}; all else exact`,
    );
    print(drifts);
  }

  // ---- the package ----
  console.log("\npackage");
  for (const c of packageChecks) {
    console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}`);
    if (c.ok) passed++;
    else {
      failed++;
      failures.push(`package: ${c.name}: ${c.message}`);
    }
  }

  if (failures.length) {
    console.log("\nfailures");
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(`\nruntimes: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** The last loss of the float32 SGD smoke test on inexact data, with PyTorch's. */
function finalLoss(r: SuiteReport): string {
  const c = r.results.find((x) => x.family === "training" && x.name === "sgd_float32_inexact");
  const loss = c?.observed?.losses;
  return loss ? `${decodeFinalLoss(loss)}${c.ok ? "" : " (FAILED)"}` : "-";
}

/** Observations of the cases that passed, by family/name. */
function observations(results: readonly CaseResult[]): Record<string, Observed | undefined> {
  return Object.fromEntries(results.filter((c) => c.ok).map((c) => [`${c.family}/${c.name}`, c.observed]));
}

function print(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    killAll();
    process.exit(1);
  },
);
