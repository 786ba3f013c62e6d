// Headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser)
// driven by playwright-core. A small static server on 127.0.0.1 serves the
// page, project/www/browser.js (bundle.ts) and the package's .wasm files.

import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { chromium, type Page } from "playwright-core";
import type { SuiteReport } from "../conformance/types.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TIMEOUT = 180_000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>torchlet conformance</title><script type="module" src="/browser.js"></script>`;

/** Serves `files` (URL path -> file) on a free 127.0.0.1 port. */
export function serve(files: Record<string, string>): Promise<{ server: Server; base: string }> {
  const types: Record<string, string> = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = files[path];
    if (!file || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    const ext = file.slice(file.lastIndexOf("."));
    res.writeHead(200, {
      "content-type": types[ext] ?? "application/octet-stream",
      "cache-control": "no-store",
      // Cross-origin isolation: SharedArrayBuffer, hence init({ threads }) with Web Workers.
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

/** Launches Debian's chromium headless with the flags this machine needs and a fresh profile. */
export async function launch(opts: { viewport?: { width: number; height: number } } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "torchlet-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context: browser,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function runChromium(project: string): Promise<SuiteReport> {
  const dist = join(project, "node_modules", "torchlet", "dist");
  const page = join(project, "www", "index.html");
  writeFileSync(page, PAGE);
  return withPage(
    dist,
    { "/": page, "/browser.js": join(project, "www", "browser.js") },
    async (tab, errors) => {
      await tab.waitForFunction(() => window.__torchletReport !== undefined, undefined, { timeout: TIMEOUT });
      const report = (await tab.evaluate(() => window.__torchletReport)) as SuiteReport | { error: string };
      if ("error" in report) throw new Error(`chromium: ${report.error}\n${errors.join("\n")}`);
      return report;
    },
    { console: true },
  );
}

/**
 * Serves `files` with dist's two binaries beside them, opens "/" in a fresh
 * Chromium and runs `fn` on the tab, with its page errors (and console
 * errors, with `console`) collected; closes the browser and server after.
 */
export async function withPage<T>(
  dist: string,
  files: Record<string, string>,
  fn: (tab: Page, errors: string[]) => Promise<T>,
  o: { console?: boolean } = {},
): Promise<T> {
  const { server, base } = await serve({
    ...files,
    "/torchlet.wasm": join(dist, "torchlet.wasm"),
    "/torchlet.relaxed.wasm": join(dist, "torchlet.relaxed.wasm"),
  });
  const { context, close } = await launch();
  try {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    if (o.console) tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await tab.goto(`${base}/`, { timeout: 60_000 });
    return await fn(tab, errors);
  } finally {
    await close();
    server.close();
  }
}
