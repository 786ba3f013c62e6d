// Times the bench's LSTM LM training step (bench/backends/torchlet-nets.mjs)
// on one thread, from src/ bundled with esbuild into a temporary tree (dist/
// in the worktree would shadow the typed package for tsc).
//   node scripts/time-lstm.mjs [baseline|relaxed] [steps]
// (relaxed on Node 20 needs --experimental-wasm-relaxed-simd)
import { copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

// TORCHLET_ROOT: another tree's src/ and bench/ (an older commit's, to compare).
const root = process.env.TORCHLET_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const simd = process.argv[2] ?? "baseline";
const steps = Number(process.argv[3] ?? 30);
const tree = join(tmpdir(), `torchlet-time-${process.pid}`);
const out = join(tree, "dist");
mkdirSync(join(tree, "bench/backends"), { recursive: true });
for (const f of ["bench/data.mjs", "bench/backends/torchlet-nets.mjs"]) copyFileSync(join(root, f), join(tree, f));
const esbuild = await import("esbuild");
await esbuild.build({
  entryPoints: { index: join(root, "src/index.ts") },
  bundle: true,
  format: "esm",
  platform: "neutral",
  outdir: out,
  logLevel: "error",
});
const torch = await import(pathToFileURL(join(out, "index.js")).href);
await torch.init({ simd });
const { netCases } = await import(pathToFileURL(join(tree, "bench/backends/torchlet-nets.mjs")).href);
const c = netCases.lstm();
for (let i = 0; i < 5; i++) c.run();
// CPU time of this process (one thread): less disturbed than wall time on a shared machine.
const times = [];
for (let i = 0; i < steps; i++) {
  const t0 = process.cpuUsage();
  c.run();
  const d = process.cpuUsage(t0);
  times.push((d.user + d.system) / 1000);
}
times.sort((a, b) => a - b);
console.log(`bundle ${tree}`);
console.log(`${simd}: LSTM LM step median ${times[steps >> 1].toFixed(2)} ms, min ${times[0].toFixed(2)} ms`);
c.dispose();
