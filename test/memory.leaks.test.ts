// A training loop written as in PyTorch, without tidy, leaks every tensor a
// step makes: a synchronous loop never lets the FinalizationRegistry run.
// backward() notices the count of tensors alive outside tidy growing at every
// step and fails early with the fix; programs that keep tensors on purpose,
// tidy loops and async loops that let the collector run never trip it, and
// setLeakCheck(false) / init({ leakCheck: false }) turn it off.

import { afterEach, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

const { nn, optim } = torch;

function makeRun() {
  torch.manualSeed(0);
  const model = new nn.Linear(8, 8);
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.001 });
  return { model, optimizer };
}

type Run = ReturnType<typeof makeRun>;

/** One PyTorch-style step without tidy; every tensor it makes goes to `made` (so the test can free them). */
function leakyStep({ model, optimizer }: Run, made: Tensor[], chain = 20): void {
  const x = torch.randn(4, 8);
  made.push(x);
  let h = model.forward(x);
  made.push(h);
  for (let i = 0; i < chain; i++) made.push((h = h.mul(1.001)));
  const sq = h.square();
  const loss = sq.mean();
  made.push(sq, loss);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
}

function tidyStep({ model, optimizer }: Run): Tensor {
  return torch.tidy(() => {
    optimizer.zeroGrad();
    const loss = model.forward(torch.randn(4, 8)).square().mean();
    loss.backward();
    optimizer.step();
    return loss.detach();
  });
}

const free = (run: Run) => {
  run.model.dispose();
  run.optimizer.dispose();
};

afterEach(() => torch.setLeakCheck(true));

describe("leak check", () => {
  test("a synchronous loop without tidy fails early, saying how many tensors are alive and showing the tidy fix", () => {
    const run = makeRun();
    const made: Tensor[] = [];
    const start = torch.memory().tensors;
    let err: unknown,
      steps = 0;
    try {
      for (; steps < 5000; steps++) leakyStep(run, made);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^torchlet: tensors are leaking: \d+ more tensors are alive outside torch\.tidy\(\)/);
    expect(msg).toMatch(/\d+ tensors are alive: \d+ outside any torch\.tidy\(\) scope/);
    expect(msg).toContain("A synchronous loop never lets the garbage collector free tensors it drops");
    expect(msg).toContain(
      "for (...) torch.tidy(() => { optimizer.zeroGrad(); const loss = ...; loss.backward(); optimizer.step(); })",
    );
    expect(msg).toContain("torch.setLeakCheck(false)");
    // Early: about 10,000 leaked handles (24 a step), long before memory runs out.
    expect(steps).toBeGreaterThan(64);
    expect(steps).toBeLessThan(600);
    expect(torch.memory().tensors - start).toBeLessThan(20_000);
    torch.dispose(made);
    free(run);
  });

  test("setLeakCheck(false) and init({ leakCheck: false }) let the same loop run on", async () => {
    for (const off of [() => torch.setLeakCheck(false), () => torch.init({ leakCheck: false })]) {
      await off();
      const run = makeRun();
      const made: Tensor[] = [];
      for (let i = 0; i < 700; i++) leakyStep(run, made);
      torch.dispose(made);
      free(run);
      torch.setLeakCheck(true);
    }
    expect(() => torch.setLeakCheck("no" as unknown as boolean)).toThrow(
      /setLeakCheck\(on\): on must be a boolean, but got string/,
    );
    await expect(torch.init({ leakCheck: 1 as unknown as boolean })).rejects.toThrow(
      /init\(options\): leakCheck must be a boolean, but got number/,
    );
  });

  test("legitimate programs never trip it: a 60,000-tensor dataset, a tidy loop, a list of losses as numbers or detached tensors", () => {
    const before = torch.memory().tensors;
    const dataset = Array.from({ length: 60_000 }, (_, i) => torch.full([4], i % 7));
    const run = makeRun();
    const losses: number[] = [];
    const kept: Tensor[] = [];
    for (let i = 0; i < 300; i++) {
      const loss = tidyStep(run);
      losses.push(loss.item());
      loss.dispose();
    }
    // Steps without tidy that free what they make by hand but keep one tensor a step, the loss detached from its graph.
    for (let i = 0; i < 12_000; i++) {
      const made: Tensor[] = [];
      leakyStep(run, made, 1);
      kept.push(made[made.length - 1]!.detach());
      if (i % 2 === 0) losses.push(kept[kept.length - 1]!.item());
      torch.dispose(made);
    }
    expect(losses.length).toBe(6300);
    torch.dispose([dataset, kept]);
    free(run);
    expect(torch.memory().tensors).toBe(before);
  }, 60_000);

  test("the whole loop inside one tidy is not checked: the scope frees everything when it ends", () => {
    const before = torch.memory().tensors;
    const run = makeRun();
    torch.tidy(() => {
      for (let i = 0; i < 600; i++) leakyStep(run, []);
    });
    free(run);
    expect(torch.memory().tensors).toBe(before);
  });

  test("an async loop that waits for a task at each step lets the collector run and is not stopped", async () => {
    const run = makeRun();
    const made: Tensor[] = [];
    for (let i = 0; i < 600; i++) {
      leakyStep(run, made);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    torch.dispose(made);
    free(run);
  }, 60_000);
});

describe("out of memory", () => {
  const MiB = 1024 * 1024;

  afterEach(async () => {
    await torch.init();
  });

  test("the message says how many tensors are alive, outside tidy and in tidy scopes, and shows the fix when many were left outside", async () => {
    await torch.init({ maxMemory: 16 * MiB });
    const outside = Array.from({ length: 150 }, () => torch.zeros(4));
    let msg = "";
    torch.tidy(() => {
      for (let i = 0; i < 5; i++) torch.ones(4);
      torch.tidy(() => {
        torch.ones(4);
        try {
          torch.zeros(8 * MiB);
        } catch (e) {
          msg = (e as Error).message;
        }
      });
    });
    expect(msg).toMatch(
      /^torchlet: out of memory: could not allocate 33554432 bytes \(32\.0 MiB; wasm memory is \d+\.\d MiB and could not grow past the 16\.0 MiB of init\(\{ maxMemory \}\)\); /,
    );
    const counts =
      /; (\d+) tensors are alive: (\d+) outside any torch\.tidy\(\) scope and not owned by a module or optimizer; 6 in the 2 open tidy scopes\. /.exec(
        msg,
      );
    expect(counts).not.toBeNull();
    expect(Number(counts![2])).toBeGreaterThanOrEqual(150);
    expect(Number(counts![1])).toBeGreaterThanOrEqual(156);
    expect(msg).toContain(
      "Tensors dropped outside torch.tidy() are freed only by the garbage collector, which never runs during a synchronous loop",
    );
    expect(msg).toContain("for (...) torch.tidy(() => {");
    torch.dispose(outside);
    let few = "";
    try {
      torch.zeros(8 * MiB);
    } catch (e) {
      few = (e as Error).message;
    }
    expect(few).toMatch(
      /; \d+ tensors are alive: \d+ outside any torch\.tidy\(\) scope and not owned by a module or optimizer; no tidy scope is open$/,
    );
  });
});
