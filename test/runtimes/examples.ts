// The README's first program, run from the scratch project in Node and Deno
// against the installed tarball, and its TypeScript twin type-checked there.

import { join } from "node:path";
import { run } from "./proc.js";
import { denoArgs, denoEnv } from "./servers.js";
import { readGoldens, repo } from "./bundle.js";
import type { Check } from "./pack.js";

export async function runExamples(project: string): Promise<Check[]> {
  const tour = readGoldens().autograd?.cases.find((c) => c.name === "seed_tour") as { prints: string[] } | undefined;
  const expected = tour ? `${tour.prints[4]}\n${tour.prints[7]}\n` : "(no golden seed_tour)";
  const checks: Check[] = [];
  const same = (name: string, stdout: string, stderr: string): Check => ({
    name,
    ok: stdout === expected,
    message: `printed ${JSON.stringify(stdout)}, PyTorch printed ${JSON.stringify(expected)}\n${stderr.slice(-2000)}`,
  });
  const node = await run(process.execPath, ["example.mjs"], { cwd: project, timeoutMs: 60_000 });
  checks.push(same("example.mjs from the installed tarball in Node prints what PyTorch prints", node.stdout, node.stderr));
  const deno = await run(join(repo, "node_modules", ".bin", "deno"), denoArgs("example.mjs"), {
    cwd: project,
    timeoutMs: 60_000,
    env: denoEnv(project),
  });
  checks.push(same("example.mjs from the installed tarball in Deno prints what PyTorch prints", deno.stdout, deno.stderr));
  const tsc = await run(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
    cwd: project,
    timeoutMs: 120_000,
  });
  checks.push({
    name: "example.ts type-checks against the installed declarations (node16 resolution)",
    ok: tsc.code === 0,
    message: tsc.stdout + tsc.stderr,
  });
  return checks;
}
