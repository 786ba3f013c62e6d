// Times one of the bench's training steps (bench/backends/torchlet-nets.mjs
// netCases: lenet, resblock, lstm, gpt, ...) on one thread, from src/
// bundled with esbuild into a temporary tree, so no full build is needed
// (a dist/ in the worktree would also shadow the typed package for tsc).
//   node scripts/time-step.mjs <case> [baseline|relaxed] [steps]
// Relaxed on Node 20 needs --experimental-wasm-relaxed-simd. For a breakdown
// by kernel, run it under `node --cpu-prof`: the wasm exports appear as
// wasm-function[i] (the binaries keep no name section). The bundle stays in
// $TMPDIR/torchlet-time-<pid> for scripts/time-gemm-shapes.mjs.
// TORCHLET_ROOT: another tree's src/ and bench/ (an older commit's, to compare).
import { copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";

const root = process.env.TORCHLET_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const [name, simd = "baseline", stepsArg = "20"] = process.argv.slice(2);
const steps = Number(stepsArg);
const tree = join(tmpdir(), `torchlet-time-${process.pid}`);
mkdirSync(join(tree, "bench/backends"), { recursive: true });
for (const f of ["bench/data.mjs", "bench/backends/torchlet-nets.mjs"]) copyFileSync(join(root, f), join(tree, f));
await esbuild.build({
  entryPoints: { index: join(root, "src/index.ts") },
  bundle: true,
  format: "esm",
  platform: "neutral",
  outdir: join(tree, "dist"),
  logLevel: "error",
});
const torch = await import(pathToFileURL(join(tree, "dist/index.js")).href);
await torch.init({ simd, threads: 1 });
const { netCases } = await import(pathToFileURL(join(tree, "bench/backends/torchlet-nets.mjs")).href);
if (!(name in netCases)) throw new Error(`no case "${name}"; one of ${Object.keys(netCases).join(", ")}`);
const c = netCases[name]();
for (let i = 0; i < 3; i++) c.run();
// CPU time of this process (one thread) is less disturbed than wall time on a shared machine.
const cpu = [];
const wall = [];
for (let i = 0; i < steps; i++) {
  const [t0, w0] = [process.cpuUsage(), performance.now()];
  c.run();
  const d = process.cpuUsage(t0);
  wall.push(performance.now() - w0);
  cpu.push((d.user + d.system) / 1000);
}
c.dispose();
const stat = (xs) =>
  xs.sort((a, b) => a - b) && `median ${xs[xs.length >> 1].toFixed(2)} ms, min ${xs[0].toFixed(2)} ms`;
console.log(`bundle ${tree}`);
console.log(`${simd}: ${name} step over ${steps} steps: CPU ${stat(cpu)}; wall ${stat(wall)}`);
