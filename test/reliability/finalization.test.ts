// The FinalizationRegistry safety net, under `node --expose-gc`: tensors,
// views and graphs dropped without dispose() are reclaimed by the collector,
// and a tensor disposed by hand is never freed a second time when its handle
// is collected. Vitest's workers cannot call gc(), so the test bundles
// src/index.ts with esbuild (the current source, as every other test uses) and
// runs test/reliability/finalization-child.mjs in a child process that prints
// JSON; the assertions are here.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bundleSrc } from "../helpers/srcBundle.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "torchlet-finalization-"));
const bundle = join(dir, "torchlet.mjs");

interface Snap {
  tensors: number;
  bytesInUse: number;
  blocks: number;
  heap: number;
}
interface Report {
  start: Snap;
  madeSeveral: number;
  beforeGc: Snap;
  roundsDropped: number;
  afterDropped: Snap;
  viewsAlive: Snap;
  reuseLive: Snap;
  roundsDisposed: number;
  afterDisposed: Snap;
  reuseIntact: boolean;
  roundsEscaped: number;
  afterEscaped: Snap;
  end: Snap;
}

let report: Report;

/** What must return to the start; checkHeap() counts every block, free ones too, so only its validity is compared. */
const counts = ({ tensors, bytesInUse, blocks }: Snap) => ({ tensors, bytesInUse, blocks });

beforeAll(async () => {
  await bundleSrc(bundle, "finalization-entry.ts");
  const r = spawnSync(process.execPath, ["--expose-gc", join(here, "finalization-child.mjs"), bundle], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`finalization-child.mjs exited with ${r.status}:\n${r.stderr}\n${r.stdout}`);
  report = JSON.parse(r.stdout.trim().split("\n").pop()!) as Report;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("FinalizationRegistry (node --expose-gc)", () => {
  test("tensors, views and graphs dropped without dispose are reclaimed: memory() returns to the start", () => {
    const { start, beforeGc, afterDropped } = report;
    expect(report.madeSeveral).toBeGreaterThanOrEqual(10); // one round of the loop made that many handles
    expect(beforeGc.tensors).toBeGreaterThanOrEqual(start.tensors + 1000); // the garbage was really there
    expect(counts(afterDropped)).toEqual(counts(start));
    expect(afterDropped.heap).toBeGreaterThanOrEqual(0);
  });

  test("double dispose is harmless; a view keeps the storage its disposed base shared", () => {
    const { start, viewsAlive } = report;
    expect(viewsAlive.tensors).toBe(start.tensors + 200);
    expect(viewsAlive.blocks).toBe(start.blocks + 200);
    expect(viewsAlive.heap).toBeGreaterThanOrEqual(0);
  });

  test("disposed handles collected after their blocks were reused free nothing twice", () => {
    const { start, reuseLive, afterDisposed } = report;
    expect(reuseLive.blocks).toBe(start.blocks + 200);
    expect(counts(afterDisposed)).toEqual(counts(reuseLive));
    expect(afterDisposed.heap).toBeGreaterThanOrEqual(0);
    expect(report.reuseIntact).toBe(true);
  });

  test("a tensor returned from tidy and dropped is reclaimed", () => {
    expect(counts(report.afterEscaped)).toEqual(counts(report.start));
    expect(counts(report.end)).toEqual(counts(report.start));
    expect(report.end.heap).toBeGreaterThanOrEqual(0);
  });
});
