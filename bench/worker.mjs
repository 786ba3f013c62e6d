// One benchmark column in its own process: `node [flags] bench/worker.mjs
// <backend> <variant> <plan-json>` prints one JSON line: the per-call times
// (ms) of every repetition of every benchmark. Each
// column runs in a fresh process so JIT state, memory and engine flags
// (relaxed SIMD) never leak from one column into another.

import { measure } from "./measure.mjs";

const [backendName, variant, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const backend = await import(`./backends/${backendName}.mjs`);
const info = await backend.setup(variant);
const results = [];
for (const { id, kind, size } of plan) {
  const work = backend.cases[kind](size);
  try {
    results.push({ id, times: measure(work.run).times });
  } finally {
    work.dispose();
  }
}
process.stdout.write(JSON.stringify({ backend: backendName, variant, info, results }) + "\n");
