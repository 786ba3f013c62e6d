// The suite's main in Chromium: bundled for the "browser" export condition
// (no fs anywhere in the bundle), loaded by a page that chromium.ts serves on
// 127.0.0.1 together with the package's .wasm files. Leaves its report in
// window.__torchletReport for Playwright to read.

import { byteChecks, runAll } from "./entry.js";
import type { LoadCheck } from "../conformance/loading.js";
import type { SuiteReport } from "../conformance/types.js";

declare global {
  interface Window {
    __torchletReport?: SuiteReport | { error: string };
  }
}

const url = (kind: "baseline" | "relaxed"): URL =>
  new URL(kind === "relaxed" ? "/torchlet.relaxed.wasm" : "/torchlet.wasm", location.href);
const bytes = async (kind: "baseline" | "relaxed"): Promise<Uint8Array> =>
  new Uint8Array(await (await fetch(url(kind))).arrayBuffer());

async function main(): Promise<void> {
  const checks: LoadCheck[] = [
    ...(await byteChecks(bytes)),
    { name: "url", options: () => ({ wasm: url("baseline") }), simd: "baseline" },
    { name: "fetch_response", options: async () => ({ wasm: await fetch(url("baseline")) }), simd: "baseline" },
    { name: "fetch_promise", options: () => ({ wasm: fetch(url("baseline")) }), simd: "baseline" },
    {
      name: "url_404",
      options: () => ({ wasm: new URL("/missing.wasm", location.href) }),
      error: "failed with HTTP 404",
    },
  ];
  // chromium.ts serves the page cross-origin isolated (COOP/COEP), so Web Workers share memory.
  const runtime = `chromium ${navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? "?"}`;
  window.__torchletReport = await runAll(runtime, checks, crossOriginIsolated);
}

main().catch((e: unknown) => {
  window.__torchletReport = { error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
});
