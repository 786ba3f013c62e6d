// workerd, from the npm package `workerd`: a config that serves
// project/workerd/worker.js (bundle.ts) on 127.0.0.1 only, with the
// package's .wasm files as wasm modules. The test asks GET /run over
// loopback; the server is bounded in time and stopped by its PID.

import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, start, waitForHttp, type Server } from "./proc.js";
import { repo } from "./bundle.js";
import type { SuiteReport } from "../conformance/types.js";

const TIMEOUT = 180_000;

/** Writes the config next to worker.js and starts workerd on a free port. */
export async function startWorkerd(project: string): Promise<{ server: Server; base: string }> {
  const dir = join(project, "workerd");
  const dist = join(project, "node_modules", "torchlet", "dist");
  copyFileSync(join(dist, "torchlet.wasm"), join(dir, "torchlet.wasm"));
  copyFileSync(join(dist, "torchlet.relaxed.wasm"), join(dir, "torchlet.relaxed.wasm"));
  const port = await freePort();
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "torchlet.wasm", wasm = embed "torchlet.wasm"),
    (name = "torchlet.relaxed.wasm", wasm = embed "torchlet.relaxed.wasm"),
    (name = "torchlet.bytes", data = embed "torchlet.wasm"),
  ],
  # WeakRef (autograd's saved tensors) exists in workerd from this date on
  # (the enable_weak_ref flag); init() explains the error on older ones.
  compatibilityDate = "2025-05-05",
);
`,
  );
  const server = start(join(repo, "node_modules", ".bin", "workerd"), ["serve", "config.capnp", "--verbose"], {
    cwd: dir,
    timeoutMs: TIMEOUT,
  });
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  void server.exited.then(() => (exited = true));
  try {
    await waitForHttp(`${base}/ping`, 60_000, () => !exited);
  } catch (e) {
    server.stop();
    throw new Error(`${(e as Error).message}\n--- workerd output\n${server.output().slice(-3000)}`);
  }
  return { server, base };
}

export async function runWorkerd(project: string): Promise<SuiteReport> {
  const { server, base } = await startWorkerd(project);
  try {
    const res = await fetch(`${base}/run`, { signal: AbortSignal.timeout(TIMEOUT) });
    const body = (await res.json()) as SuiteReport | { error: string };
    if ("error" in body) throw new Error(`workerd: ${body.error}\n--- workerd output\n${server.output().slice(-3000)}`);
    return body;
  } finally {
    server.stop();
    await server.exited;
  }
}
