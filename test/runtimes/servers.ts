// Node, Deno and Bun: each runs project/cli.mjs (bundle.ts) in the scratch
// project, where "torchlet" resolves through the installed package.

import { join } from "node:path";
import { reportFrom, run } from "./proc.js";
import { repo } from "./bundle.js";
import type { SuiteReport } from "../conformance/types.js";

const bin = (name: string): string => join(repo, "node_modules", ".bin", name);
const TIMEOUT = 180_000;

export async function runNode(project: string, flags: readonly string[] = []): Promise<SuiteReport> {
  const r = await run(process.execPath, [...flags, "cli.mjs"], { cwd: project, timeoutMs: TIMEOUT });
  return reportFrom<SuiteReport>(r, `node ${flags.join(" ")}`);
}

/** Deno from the npm package `deno`, resolving node_modules as a package.json project does (no network). */
export async function runDeno(project: string, script = "cli.mjs"): Promise<SuiteReport> {
  const r = await run(bin("deno"), denoArgs(script), { cwd: project, timeoutMs: TIMEOUT, env: denoEnv(project) });
  return reportFrom<SuiteReport>(r, "deno");
}

export const denoArgs = (script: string): string[] => [
  "run",
  "--no-prompt",
  "--allow-read",
  "--allow-env",
  "--no-remote",
  script,
];
export const denoEnv = (project: string): Record<string, string> => ({
  DENO_DIR: join(project, ".deno"),
  DENO_NO_UPDATE_CHECK: "1",
  NO_COLOR: "1",
});

/** Bun from the npm package `bun`. */
export async function runBun(project: string): Promise<SuiteReport> {
  const r = await run(bin("bun"), ["cli.mjs"], { cwd: project, timeoutMs: TIMEOUT, env: bunEnv(project) });
  return reportFrom<SuiteReport>(r, "bun");
}

export const bunEnv = (project: string): Record<string, string> => ({
  BUN_INSTALL_CACHE_DIR: join(project, ".bun-cache"),
  DO_NOT_TRACK: "1",
  NO_COLOR: "1",
});
