// npm run build: assembly/ -> build/*.wasm (baseline SIMD and relaxed SIMD),
// the binaries inlined (gzip + base64) into src/wasm/binaries.generated.ts, src/ -> dist/
// (esbuild, ESM) and dist/*.d.ts (tsc, cached in build/dts).
//
// dist/ holds two bundles of the same src/index.ts, chosen by package.json's
// export conditions, and the binaries:
//   dist/index.js    every runtime but workerd: binaries inlined as base64
//   dist/workerd.js  workerd (Cloudflare Workers): src/wasm/binaries.workerd.ts
//                    in place of binaries.ts, importing ./torchlet.wasm and
//                    ./torchlet.relaxed.wasm as modules
//   dist/lean.js     torchlet/lean: src/wasm/binaries.lean.ts, no binary at
//                    all; the app passes one to init({ wasm })
//   dist/torchlet.wasm, dist/torchlet.relaxed.wasm
//
//   node scripts/build.mjs           everything
//   node scripts/build.mjs --wasm    only the wasm binaries and the inlined module
//   TORCHLET_WASM_TARGETS=baseline node scripts/build.mjs --wasm    only the baseline binary
//
// A binary is recompiled only when assembly/, the compiler's version or its
// asc options changed (build/*.wasm.sha256); pass --force to rebuild anyway.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  rmSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
  renameSync,
} from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const bin = (name) => join(root, "node_modules", ".bin", name);

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: root, stdio: "inherit" });
    p.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited with ${code}`)),
    );
  });
}

/** A hash of every file under `dir` (paths relative to the package, and contents), sorted. */
function hashTree(dir, h = createHash("sha256")) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashTree(p, h);
    else h.update(relative(root, p).split(sep).join("/")).update(readFileSync(p));
  }
  return h;
}

const targets = {
  baseline: { out: "build/torchlet.wasm", flags: ["--enable", "simd"] },
  relaxed: {
    out: "build/torchlet.relaxed.wasm",
    flags: ["--enable", "simd", "--enable", "relaxed-simd", "--use", "RELAXED=1"],
  },
};
// -O3 without --converge: --converge (re-optimizing until the size stops
// shrinking) took 16% more compile time for a 0.2% smaller binary and no
// run-time difference measurable on matmul, elementwise, sum or an MLP step
// (README, "Build time"); -O2 saved 5% more and was slower at run time.
const ascArgs = (t, out) => [
  "assembly/index.ts",
  "--runtime",
  "stub",
  "--noAssert",
  "-O3",
  "--initialMemory",
  "16",
  "--maximumMemory",
  "65536",
  ...t.flags,
  "-o",
  out,
];

async function buildWasm() {
  mkdirSync(join(root, "build"), { recursive: true });
  // Freshness by content, hashed before compiling: an edit saved while asc runs
  // changes the hash, so the next build compiles again (file times missed that).
  // Each binary's hash covers assembly/, the compiler's version and its own asc
  // command line, nothing else: editing the JS side of this script, or a
  // checkout in another directory, reuses the binaries.
  const sources = hashTree(join(root, "assembly"))
    .update(readFileSync(join(root, "node_modules", "assemblyscript", "package.json")))
    .digest("hex");
  // TORCHLET_WASM_TARGETS=baseline compiles one binary, for quicker iteration on
  // kernels: Node 20 and vitest load the baseline one; the other stays stale.
  const only = process.env.TORCHLET_WASM_TARGETS?.split(",");
  const stale = Object.entries(targets)
    .flatMap(([name, t]) => (!only || only.includes(name) ? [t] : []))
    .filter((t) => {
      t.hash = createHash("sha256")
        .update(sources)
        .update(JSON.stringify(ascArgs(t, t.out)))
        .digest("hex");
      const hashFile = join(root, `${t.out}.sha256`);
      return (
        args.has("--force") ||
        !existsSync(join(root, t.out)) ||
        !existsSync(hashFile) ||
        readFileSync(hashFile, "utf8") !== t.hash
      );
    });
  // Compile to temporary names and rename, so a concurrent reader never sees half a file.
  await Promise.all(
    stale.map(async (t) => {
      const tmp = `${t.out}.${process.pid}.tmp`;
      await run(bin("asc"), ascArgs(t, tmp));
      renameSync(join(root, tmp), join(root, t.out));
      writeFileSync(join(root, `${t.out}.sha256`), t.hash);
    }),
  );
  // gzip, then base64: the bundle carries both binaries, and base64 of gzip is
  // less than half the size of base64 of wasm (README, "Runtimes").
  const b64 = (p) => gzipSync(readFileSync(join(root, p)), { level: 9 }).toString("base64");
  const generated =
    "// Generated by scripts/build.mjs from build/*.wasm (gzip, base64); do not edit.\n" +
    `export const baselineGzipBase64: string = "${b64(targets.baseline.out)}";\n` +
    `export const relaxedGzipBase64: string = "${b64(targets.relaxed.out)}";\n`;
  const genPath = join(root, "src/wasm/binaries.generated.ts");
  if (!existsSync(genPath) || readFileSync(genPath, "utf8") !== generated) {
    writeFileSync(`${genPath}.${process.pid}.tmp`, generated);
    renameSync(`${genPath}.${process.pid}.tmp`, genPath);
  }
}

// Swaps ./binaries.js for ./binaries.workerd.ts and leaves the .wasm imports
// it makes to the runtime (workerd compiles them as modules).
const workerdBinaries = {
  name: "workerd-binaries",
  setup(b) {
    b.onResolve({ filter: /^\.\/binaries\.js$/ }, () => ({ path: join(root, "src/wasm/binaries.workerd.ts") }));
    b.onResolve({ filter: /\.wasm$/ }, (a) => ({ path: a.path, external: true }));
  },
};

const leanBinaries = {
  name: "lean-binaries",
  setup(b) {
    b.onResolve({ filter: /^\.\/binaries\.js$/ }, () => ({ path: join(root, "src/wasm/binaries.lean.ts") }));
  },
};

// esbuild writes `export * as nn` as `var nn_exports = {}; __export(nn_exports,
// {...})`, a call a user's bundler must keep, and with it every class and
// function the namespace names: an app importing only tensor and add carried
// all of nn and optim (43 KiB). Written as one pure expression, an unused
// namespace goes. The counts must match, so a new esbuild cannot silently undo it.
function pureNamespaces(file) {
  const text = readFileSync(file, "utf8");
  const calls = text.match(/^__export\(/gm)?.length ?? 0;
  // esbuild renames the helper's `all` (all2, ...) when the bundle has a top-level `all` (torch.all).
  const helper = /__defProp\(target, name, \{ get: (all\d*)\[name\], enumerable: true \}\);\n\};/;
  let n = 0;
  const out = text
    .replace(
      helper,
      (_, all) => `__defProp(target, name, { get: ${all}[name], enumerable: true });\n  return target;\n};`,
    )
    .replace(
      /^var (\w+_exports\d*) = \{\};\n__export\(\1, \{/gm,
      (_, v) => (n++, `var ${v} = /* @__PURE__ */ __export({}, {`),
    );
  if (n !== calls || (calls > 0 && !helper.test(text))) {
    throw new Error(`${file}: made ${n} of ${calls} namespace objects pure; esbuild's __export helper changed`);
  }
  writeFileSync(file, out);
}

/** The files under `dir`, as paths relative to it. */
const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)).map((f) => join(e.name, f)) : [e.name],
  );

// tsc's declarations are most of a rebuild (5 s of CPU, far more on a busy
// machine). They are kept in build/dts: with src/ and the tsconfigs unchanged
// (hash as for the binaries) tsc does not run; otherwise tsc --incremental
// redoes what changed. Only declarations of files still in src/ are copied.
async function declarations(out) {
  const dts = join(root, "build", "dts");
  const hashFile = join(root, "build", "dts.sha256");
  const h = hashTree(join(root, "src"));
  for (const f of ["tsconfig.json", "tsconfig.build.json", "node_modules/typescript/package.json"])
    h.update(f).update(readFileSync(join(root, f)));
  const hash = h.digest("hex");
  if (!existsSync(dts) || !existsSync(hashFile) || readFileSync(hashFile, "utf8") !== hash) {
    await run(bin("tsc"), [
      "-p",
      "tsconfig.build.json",
      "--outDir",
      dts,
      "--incremental",
      "--tsBuildInfoFile",
      join(dts, ".tsbuildinfo"),
    ]);
    writeFileSync(hashFile, hash);
  }
  for (const f of filesUnder(dts)) {
    if (!f.endsWith(".d.ts") || !existsSync(join(root, "src", f.slice(0, -".d.ts".length) + ".ts"))) continue;
    mkdirSync(dirname(join(out, f)), { recursive: true });
    copyFileSync(join(dts, f), join(out, f));
  }
}

// dist/ is built whole into a fresh folder and swapped in, so it never holds
// files of an older build (npm pack ships all of it) and a concurrent reader
// sees the old or the new tree, never half of one.
async function buildJs() {
  const esbuild = await import("esbuild");
  const out = join(root, `dist.${process.pid}.tmp`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = {
    outdir: out,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    // Most of src/ patches Tensor.prototype at import (x.add(y) needs ops/binary.ts
    // whatever the app imports), so a "sideEffects" field could only name
    // exceptions; this keeps esbuild from acting on one. It costs nothing: the
    // bundles are byte-identical without it.
    ignoreAnnotations: true,
  };
  try {
    await Promise.all([
      esbuild.build({ ...common, entryPoints: { index: join(root, "src/index.ts") } }),
      esbuild.build({ ...common, entryPoints: { workerd: join(root, "src/index.ts") }, plugins: [workerdBinaries] }),
      esbuild.build({ ...common, entryPoints: { lean: join(root, "src/index.ts") }, plugins: [leanBinaries] }),
    ]);
    for (const name of ["index", "workerd", "lean"]) pureNamespaces(join(out, `${name}.js`));
    for (const t of Object.values(targets)) copyFileSync(join(root, t.out), join(out, t.out.slice("build/".length)));
    await declarations(out);
    const old = join(root, `dist.${process.pid}.old`);
    if (existsSync(join(root, "dist"))) renameSync(join(root, "dist"), old);
    renameSync(out, join(root, "dist"));
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await buildWasm();
if (!args.has("--wasm")) await buildJs();
