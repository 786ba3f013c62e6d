// The package as users get it: `npm pack`, its file list, and a scratch
// project (under a temp dir) with the tarball installed offline. Every
// runtime harness runs against that installed copy.

import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { run } from "./proc.js";
import { repo } from "./bundle.js";

export interface Check {
  name: string;
  ok: boolean;
  message?: string;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * Files a published torchlet may hold: ESM JS, declarations, the binaries,
 * README, LICENSE, and the pages the README links to (docs/, BENCHMARKS.md).
 */
const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^BENCHMARKS\.md$/,
  /^docs\/[\w.-]+\.(md|png)$/,
  /^dist\/.+\.d\.ts$/,
  /^dist\/(index|workerd|lean)\.js$/,
  /^dist\/torchlet(\.relaxed)?\.wasm$/,
];
const required = [
  "README.md",
  "LICENSE",
  "dist/index.js",
  "dist/workerd.js",
  "dist/lean.js",
  "dist/index.d.ts",
  "dist/torchlet.wasm",
  "dist/torchlet.relaxed.wasm",
];

/** Packs the repo into `dir` and checks what the tarball holds. */
export async function pack(dir: string): Promise<{ tarball: string; checks: Check[] }> {
  const r = await run(npm, ["pack", "--json", "--pack-destination", dir], {
    cwd: repo,
    timeoutMs: 120_000,
    env: { npm_config_ignore_scripts: "true" },
  });
  if (r.code !== 0) throw new Error(`npm pack failed (${r.code}):\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  const files = info!.files.map((f) => f.path);
  const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
  const missing = required.filter((f) => !files.includes(f));
  const dangling = readmeLinks().filter((l) => !files.includes(l));
  const checks: Check[] = [
    {
      name: "holds only dist JS, declarations, wasm, README, LICENSE, docs",
      ok: stray.length === 0,
      message: `unexpected: ${stray.join(", ")}`,
    },
    { name: "holds every entry and binary", ok: missing.length === 0, message: `missing: ${missing.join(", ")}` },
    {
      name: "holds every file the README links to",
      ok: dangling.length === 0,
      message: `missing: ${dangling.join(", ")}`,
    },
    ...(await distChecks()),
  ];
  return { tarball: join(dir, info!.filename), checks };
}

/** The README's relative links (docs/training.md, docs/web-demo.png, ...), which must resolve in an installed copy. */
function readmeLinks(): string[] {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  return [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
}

/**
 * What the entries may not contain: esbuild refuses to turn a module with
 * top-level await into CommonJS and to bundle node builtins for a browser, so
 * a CJS browser build of each entry catches both. dist/workerd.js must import
 * the binaries as modules, and dist/index.js and dist/lean.js must not reach
 * for them.
 */
async function distChecks(): Promise<Check[]> {
  const out: Check[] = [];
  for (const entry of ["index.js", "workerd.js", "lean.js"]) {
    const name = `dist/${entry}: no top-level await, no node builtins`;
    try {
      await esbuild.build({
        entryPoints: [join(repo, "dist", entry)],
        bundle: true,
        write: false,
        format: "cjs",
        platform: "browser",
        external: ["*.wasm"],
        logLevel: "silent",
      });
      out.push({ name, ok: true });
    } catch (e) {
      out.push({ name, ok: false, message: String((e as Error).message).slice(0, 500) });
    }
  }
  const workerd = readFileSync(join(repo, "dist", "workerd.js"), "utf8");
  const imports = [...workerd.matchAll(/^import\s+\w+\s+from\s+"([^"]+)"/gm)].map((m) => m[1]).sort();
  out.push({
    name: "dist/workerd.js imports exactly ./torchlet.wasm and ./torchlet.relaxed.wasm",
    ok: JSON.stringify(imports) === JSON.stringify(["./torchlet.relaxed.wasm", "./torchlet.wasm"]),
    message: `imports ${JSON.stringify(imports)}`,
  });
  for (const entry of ["index.js", "lean.js"]) {
    const text = readFileSync(join(repo, "dist", entry), "utf8");
    out.push({
      name: `dist/${entry} imports nothing`,
      ok: !/^import\s/m.test(text) && !/\bimport\(/.test(text),
      message: "it has an import",
    });
  }
  return out;
}

/** A scratch project with the tarball installed, offline (torchlet has no dependencies). */
export async function scratchProject(dir: string, tarball: string): Promise<string> {
  const project = join(dir, "project");
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "torchlet-scratch", private: true, type: "module" }, null, 2),
  );
  const r = await run(
    npm,
    ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts", tarball],
    {
      cwd: project,
      timeoutMs: 120_000,
    },
  );
  if (r.code !== 0) throw new Error(`npm install ${tarball} failed (${r.code}):\n${r.stderr}`);
  cpSync(join(repo, "test", "runtimes", "example"), project, { recursive: true });
  return project;
}

export interface SizeRow {
  file: string;
  raw: number;
  gzip: number;
}

/** Raw and gzip (level 9) sizes of the files a bundle of each entry carries. */
export function sizes(files: readonly string[]): SizeRow[] {
  return files.map((f) => {
    const bytes = readFileSync(join(repo, f));
    return { file: f, raw: statSync(join(repo, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}
