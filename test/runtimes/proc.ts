// Child processes and ports for the runtime harnesses: every process is
// bounded in time, started in its own process group and killed by its PID on
// timeout and when this process exits; ports are picked free on 127.0.0.1.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { MARK } from "./mark.js";

const live = new Set<ChildProcess>();

function kill(p: ChildProcess): void {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, "SIGKILL"); // the whole group: runtimes may start helpers
  } catch {
    try {
      p.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

export function killAll(): void {
  for (const p of live) kill(p);
  live.clear();
}

process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs: number;
}

/** Spawns a command in its own process group, output piped, and tracks it until it exits. */
function spawnLive(cmd: string, args: readonly string[], o: RunOptions) {
  const p = spawn(cmd, args, {
    cwd: o.cwd,
    env: { ...process.env, ...o.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(p);
  return p;
}

/** Runs a command to completion, or kills it after `timeoutMs`. */
export function run(cmd: string, args: readonly string[], o: RunOptions): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawnLive(cmd, args, o);
    let stdout = "",
      stderr = "",
      timedOut = false;
    p.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    p.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      kill(p);
    }, o.timeoutMs);
    const done = (code: number | null) => {
      clearTimeout(timer);
      live.delete(p);
      resolve({ code, stdout, stderr, ms: performance.now() - t0, timedOut });
    };
    p.on("error", (e) => {
      stderr += String(e);
      done(null);
    });
    p.on("close", (code) => done(code));
  });
}

export interface Server {
  pid: number;
  output(): string;
  stop(): void;
  exited: Promise<number | null>;
}

/** Starts a long-running process (a server); stop() kills it by PID. It is killed after `timeoutMs` regardless. */
export function start(cmd: string, args: readonly string[], o: RunOptions): Server {
  const p = spawnLive(cmd, args, o);
  let out = "";
  p.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  p.stderr!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const timer = setTimeout(() => kill(p), o.timeoutMs);
  const exited = new Promise<number | null>((resolve) => {
    p.on("error", (e) => {
      out += String(e);
      resolve(null);
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      live.delete(p);
      resolve(code);
    });
  });
  return {
    pid: p.pid ?? -1,
    output: () => out,
    stop: () => {
      clearTimeout(timer);
      kill(p);
    },
    exited,
  };
}

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers (any HTTP status) or `timeoutMs` passes. */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      if (!alive()) throw new Error(`the server for ${url} exited before answering`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The report a runtime printed (the line after MARK), or an Error saying why there is none. */
export function reportFrom<T>(r: Ran, what: string): T {
  const line = r.stdout.split("\n").find((l) => l.startsWith(MARK));
  if (line) return JSON.parse(line.slice(MARK.length)) as T;
  const why = r.timedOut ? `timed out after ${Math.round(r.ms)} ms` : `exited with ${r.code}`;
  throw new Error(
    `${what} ${why} without a report\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`,
  );
}
