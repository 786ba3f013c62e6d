// The web demo's build and static server. esbuild bundles the page script
// (main.mjs), the training worker (worker.mjs, which imports the built
// package, dist/index.js, with its WebAssembly inlined) and the autograd
// tour page's script (tour.mjs, with @viz-js/viz), the GPT page's script
// and worker (gpt.mjs, gpt-worker.mjs) in memory; a small HTTP server on
// 127.0.0.1 serves them with index.html, tour.html, gpt.html, the styles,
// data/digits.bin and data/kjv.txt. Used by `npm run web` (serve.mjs) and
// by test/web/demo.test.ts, tour.test.ts and gpt.test.ts.

import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Bundles the page scripts for the browser: { "/main.js": bytes, "/worker.js": bytes, "/tour.js": bytes, "/gpt.js": ..., "/gpt-worker.js": ... }. */
export async function bundle() {
  const dist = here("../../dist/index.js");
  if (!existsSync(dist)) throw new Error("dist/index.js is missing: run `npm run build` first (npm run web does)");
  const result = await esbuild.build({
    entryPoints: {
      main: here("./main.mjs"),
      worker: here("./worker.mjs"),
      tour: here("./tour.mjs"),
      gpt: here("./gpt.mjs"),
      "gpt-worker": here("./gpt-worker.mjs"),
    },
    outdir: "/", // in memory only (write: false)
    write: false,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "error",
  });
  return Object.fromEntries(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf("/")), f.contents]));
}

/**
 * The tour's cells as text, read here in Node: the page's bundle is minified,
 * which renames the variables inside the cell functions it would print.
 */
async function tourCells() {
  const { cells, sourceOf } = await import("../autograd-tour/cells.mjs");
  return cells.map((c) => ({ name: c.name, source: sourceOf(c) }));
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".bin": "application/octet-stream",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Builds the bundles and serves the demo on host:port (port 0 picks a free
 * one). Only 127.0.0.1 by default: the demo is for this machine.
 * Resolves to { url, close() }.
 */
export async function startDemoServer({ port = 8080, host = "127.0.0.1" } = {}) {
  const files = {
    ...(await bundle()),
    "/": readFileSync(here("./index.html")),
    "/tour.html": readFileSync(here("./tour.html")),
    "/style.css": readFileSync(here("./style.css")),
    "/tour.css": readFileSync(here("./tour.css")),
    "/tour-cells.json": Buffer.from(JSON.stringify(await tourCells())),
    "/digits.bin": readFileSync(here("../../data/digits.bin")),
    "/gpt.html": readFileSync(here("./gpt.html")),
    "/kjv.txt": readFileSync(here("../../data/kjv.txt")),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = files[path === "/index.html" ? "/" : path];
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405).end();
    if (!body) return void res.writeHead(404, { "content-type": "text/plain" }).end(`${path}: not found`);
    const ext = path === "/" ? ".html" : path.slice(path.lastIndexOf("."));
    res.writeHead(200, {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address();
  return {
    url: `http://${host}:${bound}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
