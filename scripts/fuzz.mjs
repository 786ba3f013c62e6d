// npm run fuzz: the property tests (test/reliability/props-*.test.ts) with a
// random seed and many runs; props-safetensors.test.ts is the fuzz target for
// untrusted safetensors input (random and mutated headers and bodies). The seed is printed first; a failure prints
// fast-check's seed and path, and `npm run fuzz -- --seed <seed>` (with the
// same --runs) replays the same cases.
//
//   npm run fuzz                           random seed, 20,000 runs per property
//   npm run fuzz -- --seed 123 --runs 500  a given seed and number of runs
//   npm run fuzz -- -t reductions          other arguments go to vitest
//
// Only the wasm step of the build runs first (content-hash cached: no rebuild
// when assembly/ is unchanged); vitest runs the tests against src/.

import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);

function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  argv.splice(i, 2);
  if (v === undefined || !/^\d+$/.test(v)) {
    console.error(`fuzz: ${name} needs a non-negative integer, got ${v ?? "nothing"}`);
    process.exit(2);
  }
  return Number(v);
}

const seed = option("--seed", randomInt(2 ** 31 - 1));
const runs = option("--runs", 20_000);
const files = readdirSync(join(root, "test/reliability"))
  .filter((f) => /^props.*\.test\.ts$/.test(f))
  .sort()
  .map((f) => `test/reliability/${f}`);

console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
console.log(`fuzz: ${files.join(" ")}`);

const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--wasm"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const vitest = join(root, "node_modules", ".bin", process.platform === "win32" ? "vitest.cmd" : "vitest");
const r = spawnSync(vitest, ["run", ...files, ...argv], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs) },
});
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs}: ${r.status === 0 ? "passed" : "FAILED"}`);
process.exit(r.status ?? 1);
