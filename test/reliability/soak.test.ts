// Soak: 10,000 training steps (forward, crossEntropy, backward, optimizer
// step) of a small MLP per optimizer, written as a user writes them. After
// the run, memory() is back where it was after the first step (which made the
// optimizer state and the grads), the wasm memory stopped growing after step
// 100, and disposing model, optimizer and data returns to the very start.
// No timing assertions: the sizes only keep the file quick.

import { describe, expect, test } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

const { nn, optim } = torch;
const F = nn.functional;

const STEPS = 10_000;
const BATCH = 16,
  INPUTS = 8,
  HIDDEN = 16,
  CLASSES = 4;

interface Run {
  model: InstanceType<typeof nn.Sequential>;
  optimizer: InstanceType<typeof optim.SGD> | InstanceType<typeof optim.Adam>;
  x: Tensor;
  y: Tensor;
}

function makeRun(kind: "sgd" | "adam"): Run {
  torch.manualSeed(kind === "sgd" ? 1 : 2);
  const x = torch.randn(BATCH, INPUTS);
  const y = torch.randint(0, CLASSES, [BATCH]);
  const model = new nn.Sequential(new nn.Linear(INPUTS, HIDDEN), new nn.ReLU(), new nn.Linear(HIDDEN, CLASSES));
  const optimizer =
    kind === "sgd"
      ? new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 })
      : new optim.Adam(model.parameters(), { lr: 1e-2 });
  return { model, optimizer, x, y };
}

/** The step inside tidy, returning a number: nothing leaves the scope. */
function stepTidy({ model, optimizer, x, y }: Run): number {
  return torch.tidy(() => {
    optimizer.zeroGrad();
    const loss = F.crossEntropy(model.call(x) as Tensor, y);
    loss.backward();
    optimizer.step();
    return loss.item() as number;
  });
}

/** The step inside tidy returning the loss tensor, which the caller reads and disposes itself. */
function stepEscape({ model, optimizer, x, y }: Run): number {
  const loss = torch.tidy(() => {
    optimizer.zeroGrad();
    const l = F.crossEntropy(model.call(x) as Tensor, y);
    l.backward();
    return l;
  });
  optimizer.step();
  const v = loss.item() as number;
  loss.dispose();
  return v;
}

const snapshot = () => {
  const m = torch.memory();
  return { tensors: m.tensors, bytesInUse: m.bytesInUse };
};

function soak(kind: "sgd" | "adam", step: (r: Run) => number) {
  const start = snapshot();
  const run = makeRun(kind);
  // Parameters, data, grads and the optimizer state exist after step 1; the
  // allocator's free lists settle by step 2 (a block the first step split
  // may be handed out whole later), so the flat line starts there.
  const losses = [step(run), step(run)];
  const afterFirst = snapshot();
  let wasmAt100 = 0;
  for (let i = 2; i < STEPS; i++) {
    losses.push(step(run));
    if (i === 99) wasmAt100 = torch.memory().wasmBytes;
  }
  const end = snapshot();
  const wasmEnd = torch.memory().wasmBytes;
  run.model.dispose();
  run.optimizer.dispose();
  torch.dispose([run.x, run.y]);
  const disposed = snapshot();
  return { start, afterFirst, end, disposed, wasmAt100, wasmEnd, losses };
}

describe(`soak: ${STEPS} steps of a ${INPUTS}-${HIDDEN}-${CLASSES} MLP, batch ${BATCH}`, () => {
  for (const [kind, how, step] of [
    ["sgd", "tidy around the whole step", stepTidy],
    ["adam", "tidy around forward+backward, loss disposed by hand", stepEscape],
  ] as const) {
    test(`${kind === "sgd" ? "SGD (momentum 0.9)" : "Adam"}, ${how}: memory flat, wasm memory stops growing, loss falls`, () => {
      const r = soak(kind, step);
      expect(r.end).toEqual(r.afterFirst);
      expect(r.disposed).toEqual(r.start);
      expect(r.wasmEnd).toBe(r.wasmAt100);
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      const first = mean(r.losses.slice(0, 10)),
        last = mean(r.losses.slice(-10));
      expect(r.losses.every(Number.isFinite)).toBe(true);
      expect(last).toBeLessThan(first / 2);
      console.log(
        `soak ${kind}: ${STEPS} steps, loss ${first.toFixed(4)} -> ${last.toFixed(4)}; ` +
          `start ${JSON.stringify(r.start)}, after step 2 ${JSON.stringify(r.afterFirst)}, after step ${STEPS} ${JSON.stringify(r.end)}, ` +
          `after dispose ${JSON.stringify(r.disposed)}; wasmBytes ${r.wasmAt100} at step 100, ${r.wasmEnd} at the end`,
      );
    });
  }
});
