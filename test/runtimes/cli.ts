// The suite's main for the server runtimes, Node, Deno and Bun: run from a
// scratch project where the packed torchlet is installed, so "torchlet"
// resolves through the package's own exports map as a user's import would.
// Prints one report line (MARK + JSON) for test/runtimes/main.ts.

import { readFile } from "node:fs/promises";
import { MARK, byteChecks, runAll } from "./entry.js";
import type { LoadCheck } from "../conformance/loading.js";

declare const Deno: { version: { deno: string } } | undefined;
declare const Bun: { version: string } | undefined;

const runtime =
  typeof Deno !== "undefined"
    ? `deno ${Deno.version.deno}`
    : typeof Bun !== "undefined"
      ? `bun ${Bun.version}`
      : `node ${process.versions.node}`;

// The binaries through the package's "./torchlet.wasm" exports, as a user
// who serves or reads them would find them.
const url = (kind: "baseline" | "relaxed"): URL =>
  new URL(import.meta.resolve(kind === "relaxed" ? "torchlet/torchlet.relaxed.wasm" : "torchlet/torchlet.wasm"));
const bytes = async (kind: "baseline" | "relaxed"): Promise<Uint8Array> => new Uint8Array(await readFile(url(kind)));

const checks: LoadCheck[] = [
  ...(await byteChecks(bytes)),
  { name: "file_url", options: () => ({ wasm: url("baseline") }), simd: "baseline" },
];
// Node, Deno and Bun all run worker threads (node:worker_threads).
const report = await runAll(runtime, checks, true);
console.log(MARK + JSON.stringify(report));
