// One benchmark column in its own process: `node [flags] bench/worker.mjs
// <backend> <variant> <plan-json>` prints one JSON line of results. Each
// column runs in a fresh process so JIT state, memory and engine flags
// (relaxed SIMD) never leak from one column into another.

import { measure } from "./measure.mjs";

const [backendName, variant, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const backend = await import(`./backends/${backendName}.mjs`);
const info = await backend.setup(variant);
const results = [];
for (const { id, kind, size, flop } of plan) {
  const work = backend.cases[kind](size);
  try {
    const t = measure(work.run);
    results.push({ id, ms: t, gflops: flop ? { median: flop / t.median / 1e6, min: flop / t.max / 1e6, max: flop / t.min / 1e6 } : null });
  } finally {
    work.dispose();
  }
}
process.stdout.write(JSON.stringify({ backend: backendName, variant, info, results }) + "\n");
