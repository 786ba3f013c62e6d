// PyTorch CPU (Debian's python3-torch, 1.13 here) as a column, with one
// thread (torch.set_num_threads(1)). Not a JavaScript peer: run.mjs compares
// torchlet with it in columns of its own and keeps it out of "best peer".
// The work runs in bench/backends/pytorch.py, which gets the plan and
// bench/data.mjs's configs as JSON on stdin and times the rows the way
// bench/measure.mjs does; worker.mjs calls runPlan() instead of timing cases
// itself. Without python3 and torch the column is skipped with a note.
//
// TORCHLET_BENCH_PYTHON picks another interpreter (default /usr/bin/python3).

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONFIGS } from "../data.mjs";

export const name = "PyTorch";

export const variants = { cpu: { nodeFlags: [] } };

const python = process.env.TORCHLET_BENCH_PYTHON ?? "/usr/bin/python3";
const script = fileURLToPath(new URL("./pytorch.py", import.meta.url));

/** Why the column cannot run here (no interpreter, no torch or numpy), or null. */
export function unavailable() {
  const r = spawnSync(python, ["-c", "import torch, numpy"], { encoding: "utf8" });
  if (r.error) return `${python} not found`;
  if (r.status !== 0) return `${python} cannot import torch and numpy`;
  return null;
}

/** Runs the plan in one Python process; returns what worker.mjs prints for a JavaScript column. */
export function runPlan(variant, plan) {
  const r = spawnSync(python, [script], {
    input: JSON.stringify({ plan, configs: CONFIGS }),
    // One thread in the BLAS too: OpenBLAS and MKL do not follow torch.set_num_threads.
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`pytorch.py exited with ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}
