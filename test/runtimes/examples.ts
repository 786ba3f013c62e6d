// The README's first program, run from the scratch project in Node and Deno
// against the installed tarball, and its TypeScript twin and test/consumer
// type-checked there; examples/workerd built with its own npm script and
// served by workerd.

import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, start, waitForHttp } from "./proc.js";
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
  checks.push(
    same("example.mjs from the installed tarball in Node prints what PyTorch prints", node.stdout, node.stderr),
  );
  const deno = await run(join(repo, "node_modules", ".bin", "deno"), denoArgs("example.mjs"), {
    cwd: project,
    timeoutMs: 60_000,
    env: denoEnv(project),
  });
  checks.push(
    same("example.mjs from the installed tarball in Deno prints what PyTorch prints", deno.stdout, deno.stderr),
  );
  /** A check that tsc -p `config` passes in the project. */
  const typeChecks = async (name: string, config: string): Promise<Check> => {
    const tsc = await run(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", config], {
      cwd: project,
      timeoutMs: 120_000,
    });
    return { name, ok: tsc.code === 0, message: tsc.stdout + tsc.stderr };
  };
  checks.push(
    await typeChecks("example.ts type-checks against the installed declarations (node16 resolution)", "tsconfig.json"),
  );
  // test/consumer (a strict browser project, no @types/node) against the installed tarball
  cpSync(join(repo, "test", "consumer"), join(project, "consumer"), { recursive: true });
  checks.push(
    await typeChecks(
      "test/consumer (README examples, strict, browser lib, no @types/node) type-checks against the tarball",
      "consumer/tsconfig.json",
    ),
  );
  checks.push(await workerdExample(project, expected));
  return checks;
}

/**
 * examples/workerd as a user runs it: `npm run build` (esbuild from this
 * repo's node_modules on PATH, torchlet from the installed tarball), then
 * `workerd serve config.capnp` with only the socket moved to a free port.
 */
async function workerdExample(project: string, expected: string): Promise<Check> {
  const name = "examples/workerd (config.capnp) answers with what PyTorch prints";
  const dir = join(project, "examples-workerd");
  cpSync(join(repo, "examples", "workerd"), dir, {
    recursive: true,
    filter: (f) => !/[\\/](dist|node_modules)$/.test(f),
  });
  symlinkSync(join(project, "node_modules"), join(dir, "node_modules"), "dir");
  const PATH = `${join(repo, "node_modules", ".bin")}:${process.env.PATH ?? ""}`;
  const build = await run("npm", ["run", "build"], { cwd: dir, timeoutMs: 120_000, env: { PATH } });
  if (build.code !== 0) return { name, ok: false, message: `npm run build failed:\n${build.stdout}${build.stderr}` };
  const port = await freePort();
  const server = start(
    join(repo, "node_modules", ".bin", "workerd"),
    ["serve", "config.capnp", "--socket-addr", `http=127.0.0.1:${port}`],
    {
      cwd: dir,
      timeoutMs: 120_000,
    },
  );
  let exited = false;
  void server.exited.then(() => (exited = true));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/ping`, 60_000, () => !exited);
    const text = await (await fetch(`${base}/`, { signal: AbortSignal.timeout(60_000) })).text();
    return {
      name,
      ok: text === expected,
      message: `answered ${JSON.stringify(text)}, PyTorch printed ${JSON.stringify(expected)}\n${server.output().slice(-2000)}`,
    };
  } catch (e) {
    return { name, ok: false, message: `${(e as Error).message}\n${server.output().slice(-2000)}` };
  } finally {
    server.stop();
    await server.exited;
  }
}
