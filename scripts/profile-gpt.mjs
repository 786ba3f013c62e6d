// Times the bench's GPT training step (bench/backends/torchlet-nets.mjs,
// netCases.gpt) on one thread and a chosen binary, with src/ bundled by
// esbuild in place of dist/ (no full build needed):
//   node scripts/profile-gpt.mjs [baseline|relaxed] [steps]
// For a breakdown by kernel, run it under `node --cpu-prof`: the wasm
// exports appear as wasm-function[i] (the binaries keep no name section).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const which = process.argv[2] ?? "baseline";
const steps = Number(process.argv[3] ?? 20);
const out = mkdtempSync(join(tmpdir(), "torchlet-gpt-"));
// The bench imports dist/index.js; point it at src/ so one bundle holds torch and the case.
// bench/data.mjs stays where it is (it reads its files next to itself).
const fromSrc = {
  name: "dist-to-src",
  setup(b) {
    b.onResolve({ filter: /dist\/index\.js$/ }, () => ({ path: join(root, "src/index.ts") }));
    b.onResolve({ filter: /data\.mjs$/ }, () => ({
      path: pathToFileURL(join(root, "bench/data.mjs")).href,
      external: true,
    }));
  },
};
await esbuild.build({
  stdin: {
    contents: `export * as torch from "./src/index.ts"; export { netCases } from "./bench/backends/torchlet-nets.mjs";`,
    resolveDir: root,
    loader: "ts",
  },
  outfile: join(out, "index.js"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  logLevel: "warning",
  plugins: [fromSrc],
});
const { torch, netCases } = await import(pathToFileURL(join(out, "index.js")).href);
rmSync(out, { recursive: true, force: true });
const file = which === "relaxed" ? "build/torchlet.relaxed.wasm" : "build/torchlet.wasm";
await torch.init({ wasm: readFileSync(join(root, file)), threads: 1 });

const gpt = netCases.gpt();
for (let i = 0; i < 3; i++) gpt.run();
const times = [];
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  gpt.run();
  times.push(performance.now() - t0);
}
gpt.dispose();
times.sort((x, y) => x - y);
const med = times[times.length >> 1];
console.log(`${which}: GPT step median ${med.toFixed(1)} ms, min ${times[0].toFixed(1)} ms over ${steps} steps`);
