// init({ threads: 2 }) in each runtime: where the harness says threads can
// run, backendInfo() reports two and large kernels (split by the pool:
// shapes above its size thresholds) give exactly one thread's bits; where
// they cannot (workerd, a page that is not cross-origin isolated), init()
// still resolves, reports one thread and why, and the results are the same.
// Runtime-neutral like the rest of test/conformance/.

import { verdict } from "./check.js";
import type { CaseResult, Optimizer, Tensor, Torch } from "./types.js";

const family = "threads";

/** Deterministic inexact values (k/997), so a changed summation order would show. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (((s >>> 8) % 1995) - 997) / 997;
  }
  return out;
}

/** Large enough to be split: matmul, elementwise, reductions and a few SGD steps of an MLP. */
function program(torch: Torch): Tensor[] {
  const a = torch.fromArray(values(200 * 150, 1), [200, 150]);
  const b = torch.fromArray(values(150 * 130, 2), [150, 130]);
  const x = torch.fromArray(values(300_000, 3), [600, 500]);
  const y = torch.fromArray(values(500, 4), [500]);
  const max = torch.max(x, { dim: 0 });
  const out = [
    torch.mm(a, b),
    torch.mm(b.t(), a.t()),
    torch.add(torch.mul(torch.exp(x), y), x),
    torch.sum(x, { dim: 0 }),
    torch.sum(x, { dim: 1 }),
    max.values,
    max.indices,
  ];
  torch.manualSeed(7);
  const model = new torch.nn.Sequential(
    new torch.nn.Linear(500, 128),
    new torch.nn.ReLU(),
    new torch.nn.Linear(128, 10),
  );
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.05 });
  const labels = torch.tensor(Array.from({ length: 600 }, (_, i) => (i * 3) % 10));
  out.push(...trainSteps(torch, model, opt, x, labels, 3));
  out.push(...model.parameters().map((p) => p.detach().clone()));
  return out;
}

/** `steps` optimizer steps of a classifier under cross-entropy; the losses, detached. */
export function trainSteps(
  torch: Torch,
  model: { forward(x: Tensor): Tensor },
  opt: Optimizer,
  x: Tensor,
  labels: Tensor,
  steps: number,
): Tensor[] {
  const losses: Tensor[] = [];
  for (let step = 0; step < steps; step++) {
    opt.zeroGrad();
    const loss = torch.nn.functional.crossEntropy(model.forward(x), labels);
    loss.backward();
    opt.step();
    losses.push(loss.detach());
  }
  return losses;
}

/** A tensor's elements as bytes, to compare bit for bit. */
export function bytesOfTensor(t: Tensor): Uint8Array {
  const a = t.toArray() as unknown as ArrayBufferView;
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

const bytesOf = (torch: Torch): Uint8Array[] => torch.tidy(() => program(torch).map(bytesOfTensor));

function same(a: readonly Uint8Array[], b: readonly Uint8Array[]): string | null {
  if (a.length !== b.length) return `${b.length} results, expected ${a.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!,
      y = b[i]!;
    if (x.length !== y.length) return `result ${i}: ${y.length} bytes, expected ${x.length}`;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return `result ${i} differs at byte ${j}`;
  }
  return null;
}

/**
 * Runs the program on one thread, then with init({ threads: 2 }), and
 * leaves torchlet initialised with the default options. `available` is
 * whether this runtime can run worker threads.
 */
export async function threadCases(torch: Torch, available: boolean): Promise<CaseResult[]> {
  const result = (name: string, why: string | null): CaseResult => verdict(family, name, why);
  const results: CaseResult[] = [];
  try {
    await torch.init({ threads: 1 });
    const one = bytesOf(torch);
    const p = torch.init({ threads: 2 });
    results.push(
      result(
        "init_is_idempotent",
        p === torch.init({ threads: 2 }) ? null : "a second init({ threads: 2 }) gave another promise",
      ),
    );
    await p;
    const info = torch.backendInfo();
    const reason = info.threadsUnavailable;
    if (available) {
      results.push(
        result(
          "two_threads_run",
          info.threads === 2 && reason === undefined ? null : `threads ${info.threads}: ${reason}`,
        ),
      );
    } else {
      const ok = info.threads === 1 && info.threadsRequested === 2 && typeof reason === "string" && reason.length > 0;
      results.push(
        result("falls_back_to_one_thread", ok ? null : `expected one thread and a reason, got ${JSON.stringify(info)}`),
      );
    }
    results.push(result("results_bit_identical", same(one, bytesOf(torch))));
  } catch (e) {
    results.push(result("threads", `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`));
  } finally {
    await torch.init();
  }
  return results;
}
