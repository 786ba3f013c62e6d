// npm run measure:runtimes: what inlining the binaries costs, for the README
// ("Runtimes"). Sizes of each entry (raw and gzip) and cold init per runtime
// (a fresh process or page each time, median of RUNS), for the shipped
// default (dist/index.js, binaries inlined as base64) against the
// alternative of the .wasm next to the module (the same src/index.ts built
// with binaries resolved as new URL("./torchlet.wasm", import.meta.url):
// fetched in browsers and Deno, read with fs in Node and Bun). Prints
// tables; asserts nothing (timings depend on the machine).

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { bundleMains, repo } from "./bundle.js";
import { pack, scratchProject } from "./pack.js";
import { killAll, run } from "./proc.js";
import { bunEnv, denoArgs, denoEnv } from "./servers.js";
import { launch, serve } from "./chromium.js";
import { startWorkerd } from "./workerd.js";

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** src/index.ts with its binaries next to the module instead of inlined (measurement only). */
async function buildAlternative(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: { torchlet: join(repo, "src", "index.ts") },
    outdir: dir,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    ignoreAnnotations: true,
    logLevel: "error",
    plugins: [
      {
        name: "file-binaries",
        setup(b) {
          b.onResolve({ filter: /^\.\/binaries\.js$/ }, () => ({ path: "binaries", namespace: "file-binaries" }));
          b.onLoad({ filter: /.*/, namespace: "file-binaries" }, () => ({
            loader: "js",
            contents:
              'export const defaultBinary = (kind) => new URL(kind === "relaxed" ? "./torchlet.relaxed.wasm" : "./torchlet.wasm", import.meta.url); // awaited by the loader like the real one',
          }));
        },
      },
    ],
  });
  for (const f of ["torchlet.wasm", "torchlet.relaxed.wasm"]) copyFileSync(join(repo, "dist", f), join(dir, f));
}

const PROBE = (spec: string) => `const t0 = performance.now();
const torch = await import(${JSON.stringify(spec)});
const t1 = performance.now();
await torch.init();
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, initMs: t2 - t1, simd: torch.backendInfo().simd }));
`;

interface Timing {
  importMs: number;
  initMs: number;
  simd: string;
}

async function timeCli(
  label: string,
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<string[]> {
  const samples: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await run(cmd, args, { cwd, env, timeoutMs: 60_000 });
    const line = r.stdout.trim().split("\n").pop() ?? "";
    if (r.code !== 0 || !line.startsWith("{")) throw new Error(`${label}: ${r.stderr.slice(-1000)}`);
    samples.push(JSON.parse(line) as Timing);
  }
  const imp = median(samples.map((s) => s.importMs)),
    ini = median(samples.map((s) => s.initMs));
  return [label, samples[0]!.simd, imp.toFixed(1), ini.toFixed(1), (imp + ini).toFixed(1)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "torchlet-measure-"));
  try {
    const { tarball } = await pack(dir);
    const project = await scratchProject(dir, tarball);
    await Promise.all([buildAlternative(join(project, "alt")), bundleMains(project)]);
    writeFileSync(join(project, "inline.mjs"), PROBE("torchlet"));
    writeFileSync(join(project, "file.mjs"), PROBE("./alt/torchlet.js"));

    // ---- sizes ----
    const size = (p: string) => {
      const b = readFileSync(p);
      return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
    };
    const dist = join(project, "node_modules", "torchlet", "dist");
    const rows: string[][] = [["file", "raw", "gzip"]];
    for (const [label, p] of [
      ["dist/index.js (JS + both binaries, gzip + base64)", join(dist, "index.js")],
      ["dist/workerd.js (JS only)", join(dist, "workerd.js")],
      ["dist/torchlet.wasm (baseline)", join(dist, "torchlet.wasm")],
      ["dist/torchlet.relaxed.wasm", join(dist, "torchlet.relaxed.wasm")],
      ["alternative: JS with the binaries next to it", join(project, "alt", "torchlet.js")],
    ] as const) {
      const s = size(p);
      rows.push([label, kb(s.raw), kb(s.gzip)]);
    }
    const js = size(join(project, "alt", "torchlet.js")),
      wasm = size(join(dist, "torchlet.relaxed.wasm")),
      inline = size(join(dist, "index.js"));
    rows.push(["what a browser loads, inlined", kb(inline.raw), kb(inline.gzip)]);
    rows.push(["what a browser loads, .wasm beside (JS + one binary)", kb(js.raw + wasm.raw), kb(js.gzip + wasm.gzip)]);
    table(rows);

    // ---- cold init ----
    const deno = join(repo, "node_modules", ".bin", "deno"),
      bun = join(repo, "node_modules", ".bin", "bun");
    const t: string[][] = [["runtime, binaries", "simd", "import ms", "init() ms", "total ms"]];
    for (const [how, script] of [
      ["inlined", "inline.mjs"],
      ["beside", "file.mjs"],
    ] as const) {
      t.push(await timeCli(`node, ${how}`, process.execPath, [script], project));
      t.push(await timeCli(`deno, ${how}`, deno, denoArgs(script), project, denoEnv(project)));
      t.push(await timeCli(`bun, ${how}`, bun, [script], project, bunEnv(project)));
    }
    t.push(...(await timeChromium(project)));
    table(t);
    console.log(
      `\n(median of ${RUNS} fresh processes / pages; import = evaluating the module, init = torch.init() to resolve)`,
    );
    console.log(`\nworkerd: ${await timeWorkerd(project)}`);
  } finally {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeChromium(project: string): Promise<string[][]> {
  const dist = join(project, "node_modules", "torchlet", "dist");
  const page = (spec: string) =>
    `<!doctype html><script type="module">${PROBE(spec).replace("console.log(", "window.__timing = (")}</script>`;
  writeFileSync(join(project, "inline.html"), page("/index.js"));
  writeFileSync(join(project, "file.html"), page("/alt/torchlet.js"));
  const { server, base } = await serve({
    "/inline.html": join(project, "inline.html"),
    "/file.html": join(project, "file.html"),
    "/index.js": join(dist, "index.js"),
    "/alt/torchlet.js": join(project, "alt", "torchlet.js"),
    "/alt/torchlet.wasm": join(project, "alt", "torchlet.wasm"),
    "/alt/torchlet.relaxed.wasm": join(project, "alt", "torchlet.relaxed.wasm"),
  });
  const { context, close } = await launch();
  const out: string[][] = [];
  try {
    for (const [how, path] of [
      ["inlined", "/inline.html"],
      ["beside", "/file.html"],
    ] as const) {
      const samples: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        const tab = await context.newPage();
        await tab.goto(base + path);
        await tab.waitForFunction(
          () => (window as unknown as { __timing?: string }).__timing !== undefined,
          undefined,
          { timeout: 60_000 },
        );
        samples.push(
          JSON.parse(await tab.evaluate(() => (window as unknown as { __timing: string }).__timing)) as Timing,
        );
        await tab.close();
      }
      const imp = median(samples.map((s) => s.importMs)),
        ini = median(samples.map((s) => s.initMs));
      out.push([`chromium, ${how}`, samples[0]!.simd, imp.toFixed(1), ini.toFixed(1), (imp + ini).toFixed(1)]);
    }
  } finally {
    await close();
    server.close();
  }
  return out;
}

/** workerd compiles the .wasm modules at startup; its clock stands still inside a request, so time from outside. */
async function timeWorkerd(project: string): Promise<string> {
  const starts: number[] = [],
    inits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { server, base } = await startWorkerd(project);
    const t1 = performance.now();
    await fetch(`${base}/ping`);
    const t2 = performance.now();
    await fetch(`${base}/init`);
    const t3 = performance.now();
    starts.push(t1 - t0);
    inits.push(t3 - t2 - (t2 - t1)); // the /init request less a /ping round trip
    server.stop();
    await server.exited;
  }
  return `startup to first answer ${median(starts).toFixed(0)} ms (polling, includes compiling both modules); first init() ${median(inits).toFixed(1)} ms`;
}

function table(rows: string[][]): void {
  console.log("");
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    killAll();
    process.exit(1);
  },
);
