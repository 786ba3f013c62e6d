// torchlet/lean (dist/lean.js, npm test and npm run test:unit build first):
// the bundle without inlined binaries. The app passes the .wasm to
// init({ wasm }); without one init() says what to serve. Checked in Node and
// in headless Chromium (test/runtimes/chromium.ts), and for size: a minimal
// app importing tensor and add carries neither binary nor nn/optim.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { afterAll, expect, test } from "vitest";
import { withPage } from "./runtimes/chromium.js";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "torchlet-lean-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MISSING =
  /^torchlet\/lean carries no WebAssembly binary: serve the package's torchlet(\.relaxed)?\.wasm and pass it/;

type Lean = typeof import("../src/index.js");

test("the package exports torchlet/lean as dist/lean.js, with no binary inlined", () => {
  expect(pkg.exports["./lean"]).toEqual({ types: "./dist/index.d.ts", default: "./dist/lean.js" });
  expect(existsSync(join(dist, "lean.js")), "dist/lean.js is missing: run npm run build first").toBe(true);
  const text = readFileSync(join(dist, "lean.js"), "utf8");
  expect(text).not.toMatch(/[A-Za-z0-9+/]{10000}/);
  expect(readFileSync(join(dist, "index.js"), "utf8")).toMatch(/[A-Za-z0-9+/]{10000}/);
});

test("in Node, init() without wasm says what to pass; with the .wasm it computes", async () => {
  const lean = (await import(pathToFileURL(join(dist, "lean.js")).href)) as Lean;
  await expect(lean.init()).rejects.toThrow(MISSING);
  await expect(lean.init({ threads: 2 })).rejects.toThrow(MISSING);
  await lean.init({ wasm: readFileSync(join(dist, "torchlet.wasm")), simd: "baseline" });
  expect(lean.backendInfo().simd).toBe("baseline");
  expect(lean.add(lean.tensor([1, 2]), lean.tensor([3, 4])).tolist()).toEqual([4, 6]);
  await lean.init({ wasm: pathToFileURL(join(dist, "torchlet.wasm")) });
  expect(lean.tensor([1.5, 2]).mul(2).sum().item()).toBe(7);
});

/** A minimal app importing init, tensor and add from `entry`, bundled and minified for a browser. */
async function app(entry: string): Promise<{ raw: number; gzip: number; text: string }> {
  const src = join(scratch, "app.mjs");
  writeFileSync(
    src,
    `import { init, tensor, add } from ${JSON.stringify(entry)};\nawait init();\nconsole.log(String(add(tensor([1, 2]), tensor([3, 4]))));\n`,
  );
  const r = await esbuild.build({
    entryPoints: [src],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const out = r.outputFiles[0]!.contents;
  return { raw: out.length, gzip: gzipSync(out, { level: 9 }).length, text: r.outputFiles[0]!.text };
}

test("a minimal app on torchlet/lean carries no binary and no optim", async () => {
  const lean = await app(join(dist, "lean.js"));
  const full = await app(join(dist, "index.js"));
  // Both binaries gzipped are about 130 KiB, the JS about 45 KiB gzipped.
  expect(full.gzip - lean.gzip).toBeGreaterThan(100 * 1024);
  expect(lean.gzip * 2).toBeLessThan(full.gzip);
  // The namespaces (nn, optim, autograd) drop out when unused.
  expect(full.text).not.toContain("Invalid beta parameter");
  expect(lean.text).not.toContain("Invalid beta parameter");
});

test("in Chromium, init() without wasm says what to pass; init({ wasm: fetch(...) }) computes", async () => {
  const page = join(scratch, "index.html");
  const script = join(scratch, "page.js");
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>`);
  writeFileSync(
    join(scratch, "page.mjs"),
    `import { init, tensor, add, backendInfo } from ${JSON.stringify(join(dist, "lean.js"))};
try {
  let missing = "";
  try { await init(); } catch (e) { missing = String(e.message); }
  const relaxed = WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,15,1,13,0,65,1,253,15,65,2,253,15,253,128,2,11]));
  await init({ wasm: fetch(relaxed ? "/torchlet.relaxed.wasm" : "/torchlet.wasm") });
  window.__lean = { missing, relaxed, simd: backendInfo().simd, sum: add(tensor([1, 2]), tensor([3, 4])).tolist() };
} catch (e) {
  window.__lean = { error: String(e && e.stack || e) };
}
`,
  );
  await esbuild.build({
    entryPoints: [join(scratch, "page.mjs")],
    outfile: script,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "error",
  });
  await withPage(dist, { "/": page, "/page.js": script }, async (tab, errors) => {
    await tab.waitForFunction(() => (window as { __lean?: unknown }).__lean !== undefined, undefined, {
      timeout: 120_000,
    });
    const r = (await tab.evaluate(() => (window as unknown as { __lean: unknown }).__lean)) as {
      missing: string;
      relaxed: boolean;
      simd: string;
      sum: number[];
      error?: string;
    };
    expect(r.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(r.missing).toMatch(MISSING);
    expect(r.missing).toContain(r.relaxed ? "torchlet.relaxed.wasm" : "torchlet.wasm");
    expect(r.simd).toBe(r.relaxed ? "relaxed" : "baseline");
    expect(r.sum).toEqual([4, 6]);
  });
}, 180_000);
