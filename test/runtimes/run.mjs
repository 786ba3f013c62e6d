// Launcher for main.ts (Node 20 runs no TypeScript): bundles the orchestrator
// with esbuild, dependencies left external, and runs it. Arguments are passed
// on (e.g. `npm run test:runtimes -- deno chromium` runs only those);
// `--measure` runs measure.ts instead (npm run measure:runtimes).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const entry = process.argv.includes("--measure") ? "measure.ts" : "main.ts";
const out = join(here, `.main.${process.pid}.mjs`);
await esbuild.build({
  entryPoints: [join(here, entry)],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "error",
});
process.on("exit", () => rmSync(out, { force: true })); // main.ts ends with process.exit
await import(pathToFileURL(out).href);
