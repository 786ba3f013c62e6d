// One benchmark column in its own process: `node [flags] bench/worker.mjs
// <backend> <variant> <plan-json>` prints one JSON line: the per-call times
// (ms) of every repetition of every benchmark. Each column runs in a fresh
// process so JIT state, memory and engine flags (relaxed SIMD) never leak
// from one column into another.
//
// A row of kind "rss" runs the MLP step RSS_STEPS times and reports the
// process's peak resident set size (MB); run.mjs gives it a process of its
// own, so nothing else has grown the heap or the wasm memory before.

import { measure, measureAsync } from "./measure.mjs";
import { RSS_STEPS } from "./data.mjs";

const [backendName, variant, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const backend = await import(`./backends/${backendName}.mjs`);
if (backend.runPlan) {
  // A column measured outside Node (PyTorch): its own process times the plan.
  process.stdout.write(JSON.stringify(await backend.runPlan(variant, plan)) + "\n");
  process.exit(0);
}
const info = await backend.setup(variant);
const results = [];
for (const { id, kind, size } of plan) {
  if (kind === "rss") {
    if (!backend.cases.mlp) continue;
    const work = backend.cases.mlp();
    for (let i = 0; i < RSS_STEPS; i++) await work.run();
    results.push({ id, times: [process.resourceUsage().maxRSS / 1024] });
    work.dispose();
    continue;
  }
  const make = backend.cases[kind];
  if (!make || (backend.maxSize?.[kind] ?? Infinity) < size) continue; // n/a for this column
  const work = make(size);
  try {
    results.push({ id, times: (work.async ? await measureAsync(work.run) : measure(work.run)).times });
  } finally {
    work.dispose();
  }
}
process.stdout.write(JSON.stringify({ backend: backendName, variant, info, results }) + "\n");
