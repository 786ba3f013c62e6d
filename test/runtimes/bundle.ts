// Bundles the suite's mains (cli.ts, browser.ts, worker.ts) with esbuild, the
// way each runtime's users get torchlet: "torchlet" left to the runtime's own
// resolver (Node, Deno, Bun) or resolved through the package's exports map
// with the conditions their bundler sets (a browser app; wrangler for
// workerd), from the scratch project the packed tarball is installed in.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import type { Goldens } from "../conformance/types.js";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
const here = join(repo, "test", "runtimes");

/**
 * Each golden file's text; a family with binary fixtures beside it
 * (test/golden/<family>/*, e.g. .safetensors written by PyTorch) gets them
 * as base64 under "files", so no runtime has to read files.
 */
const goldenFiles = (): [string, string][] => {
  const dir = join(repo, "test", "golden");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const family = f.slice(0, -".json".length);
      const text = readFileSync(join(dir, f), "utf8").trim();
      const sub = join(dir, family);
      if (!existsSync(sub)) return [family, text];
      const files = Object.fromEntries(
        readdirSync(sub)
          .sort()
          .map((n) => [n, readFileSync(join(sub, n)).toString("base64")]),
      );
      return [family, `${text.slice(0, -1)},"files":${JSON.stringify(files)}}`];
    });
};

/** Every committed golden file, by family (test/golden/<family>.json). */
export function readGoldens(): Goldens {
  return Object.fromEntries(goldenFiles().map(([family, text]) => [family, JSON.parse(text)]));
}

/**
 * The golden files' own text, parsed where the bundle runs: re-serialising
 * them here would turn PyTorch's -0.0 into 0 (JSON.stringify(-0) is "0").
 */
const goldens = (): esbuild.Plugin => ({
  name: "conformance-goldens",
  setup(b) {
    b.onResolve({ filter: /^conformance:goldens$/ }, () => ({ path: "goldens", namespace: "conformance" }));
    b.onLoad({ filter: /.*/, namespace: "conformance" }, () => {
      const text = `{${goldenFiles()
        .map(([family, t]) => `${JSON.stringify(family)}:${t.trim()}`)
        .join(",")}}`;
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
    });
  },
});

const common = (project: string): esbuild.BuildOptions => ({
  bundle: true,
  format: "esm",
  target: "es2022",
  logLevel: "error",
  legalComments: "none",
  nodePaths: [join(project, "node_modules")],
  plugins: [goldens()],
});

/** Builds project/cli.mjs, project/www/browser.js and project/workerd/worker.js. */
export async function bundleMains(project: string): Promise<void> {
  await Promise.all([
    esbuild.build({
      ...common(project),
      entryPoints: [join(here, "cli.ts")],
      outfile: join(project, "cli.mjs"),
      platform: "node",
      external: ["torchlet", "torchlet/*"],
    }),
    esbuild.build({
      ...common(project),
      entryPoints: [join(here, "browser.ts")],
      outfile: join(project, "www", "browser.js"),
      platform: "browser",
      conditions: ["browser"],
    }),
    esbuild.build({
      ...common(project),
      entryPoints: [join(here, "worker.ts")],
      outfile: join(project, "workerd", "worker.js"),
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"], // wrangler's
      external: ["*.wasm", "*.bytes"],
    }),
  ]);
}
