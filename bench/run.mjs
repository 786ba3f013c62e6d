// npm run bench: builds, then runs every benchmark column (a backend and a
// variant of it) in its own Node process (bench/worker.mjs), prints one table
// with the columns side by side and writes BENCHMARKS.md and BENCHMARKS.json.
//
//   node bench/run.mjs [--sizes 64,128,...] [--backends torchlet,...] [--rounds 3] [--no-write]
//
// Other processes on a small shared machine slow whole runs down, so each
// column runs `rounds` times, alternating with the other columns, and a cell
// summarizes the repetitions of all its rounds together.
//
// A column is a module in bench/backends/ (name, variants with the Node flags
// each needs, setup, cases). Peers are added by adding a module there and its
// name to BACKENDS; nothing else changes. Numbers are never asserted anywhere.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "./measure.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const BACKENDS = ["torchlet"];
const MATMUL_SIZES = [64, 128, 256, 512, 1024];
const ELEMENTWISE_SIZE = 1_000_000;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = option("sizes", MATMUL_SIZES.join(",")).split(",").map(Number);
const backends = option("backends", BACKENDS.join(",")).split(",");
const rounds = Number(option("rounds", "3"));
const write = !process.argv.includes("--no-write");

/** The rows: what each column measures. */
const plan = [
  ...sizes.map((n) => ({ id: `matmul-${n}`, label: `matmul ${n}x${n} (GFLOP/s)`, kind: "matmul", size: n, flop: 2 * n ** 3 })),
  { id: "elementwise", label: `y = exp(a)*b + a, 1e6 floats (ms)`, kind: "elementwise", size: ELEMENTWISE_SIZE, flop: 0 },
];

function machine() {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() has the model
  }
  return { cpu, cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` };
}

function runColumn(backend, variant, nodeFlags) {
  const workPlan = plan.map(({ id, kind, size, flop }) => ({ id, kind, size, flop }));
  const r = spawnSync(process.execPath, [...nodeFlags, join(here, "worker.mjs"), backend, variant, JSON.stringify(workPlan)], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    return { backend, variant, error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-3).join(" ") };
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A cell's numbers: ms per call, or GFLOP/s for rows that count flops. */
function stats(column, row) {
  const r = column.results?.find((x) => x.id === row.id);
  if (!r) return null;
  const t = summarize(r.times);
  if (!row.flop) return { unit: "ms", median: t.median, min: t.min, max: t.max, reps: t.reps };
  const rate = (ms) => row.flop / ms / 1e6;
  return { unit: "GFLOP/s", median: rate(t.median), min: rate(t.max), max: rate(t.min), reps: t.reps };
}

function cell(column, row) {
  if (column.error) return "error";
  const v = stats(column, row);
  return v === null ? "n/a" : `${fmt(v.median)} (${fmt(v.min)}-${fmt(v.max)})`;
}

function table(columns) {
  const head = ["", ...columns.map((c) => `${c.backend} ${c.variant}`)];
  const rows = plan.map((row) => [row.label, ...columns.map((c) => cell(c, row))]);
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

const started = new Date();
const loadBefore = loadavg();
const specs = [];
for (const name of backends) {
  const mod = await import(`./backends/${name}.mjs`);
  for (const [variant, { nodeFlags }] of Object.entries(mod.variants)) specs.push({ name, variant, nodeFlags });
}
const columns = specs.map(({ name, variant }) => ({ backend: name, variant, info: null, results: [], error: null }));
for (let round = 1; round <= rounds; round++) {
  specs.forEach(({ name, variant, nodeFlags }, i) => {
    process.stderr.write(`round ${round}/${rounds}: ${name} ${variant}\n`);
    const r = runColumn(name, variant, nodeFlags);
    const col = columns[i];
    if (r.error) col.error = r.error;
    if (col.error) return;
    col.info = r.info;
    for (const { id, times } of r.results) {
      const have = col.results.find((x) => x.id === id);
      if (have) have.times.push(...times);
      else col.results.push({ id, times: [...times] });
    }
  });
}
const loadAfter = loadavg();
const info = machine();
const load = `${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${loadAfter.map((x) => x.toFixed(2)).join(" ")} after`;
const md = table(columns);

console.log(`${info.cpu}, ${info.cores} cores, Node ${info.node}, load average ${load}\n`);
console.log(md);
for (const c of columns) if (c.error) console.log(`\n${c.backend} ${c.variant} failed: ${c.error}`);

if (write) {
  const doc = `# Benchmarks

Generated by \`npm run bench\` (bench/run.mjs) on ${started.toISOString().slice(0, 10)}. Single thread.
Each cell is the median over repetitions after a warm-up, with the min-max
range in parentheses. Each column runs in its own Node process, ${rounds} times,
alternating with the other columns; a cell pools the repetitions of all rounds.
Other work on the machine shows up as spread: the load average is recorded below.

- CPU: ${info.cpu} (${info.cores} cores)
- Node: ${info.node} (${info.platform})
- Load average (1, 5, 15 min): ${load}

${md}

matmul is torch.mm on float32 N x N matrices, counting 2N^3 flops, including
the allocation of the result. "relaxed" is the relaxed-SIMD binary (fused
multiply-add), run with \`node --experimental-wasm-relaxed-simd\` on Node 20.
The raw numbers are in BENCHMARKS.json.
`;
  writeFileSync(join(root, "BENCHMARKS.md"), doc);
  writeFileSync(
    join(root, "BENCHMARKS.json"),
    JSON.stringify(
      {
        date: started.toISOString(),
        machine: info,
        loadavg: { before: loadBefore, after: loadAfter },
        rounds,
        columns: columns.map((c) => ({
          backend: c.backend,
          variant: c.variant,
          info: c.info,
          error: c.error,
          rows: Object.fromEntries(plan.map((row) => [row.id, { label: row.label, ...stats(c, row), timesMs: c.results.find((x) => x.id === row.id)?.times ?? [] }])),
        })),
      },
      null,
      2,
    ) + "\n",
  );
  console.log("\nwrote BENCHMARKS.md and BENCHMARKS.json");
}
