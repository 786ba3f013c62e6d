// Property: resuming from an untrusted checkpoint never crashes, corrupts
// memory or leaves a half-loaded run. For a checkpoint saveCheckpoint wrote,
// then mutated (bytes flipped or cut; a JSON field of the optimizer, the
// scheduler or the epoch replaced by a hostile value; a tensor renamed,
// reshaped or retyped), loadCheckpoint + the three loadStateDict calls + one
// training step either succeed or throw one of torchlet's own errors (never
// an engine error such as "Cannot read properties of undefined"); memory()
// is as before once everything is disposed, and the heap is intact.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import * as abi from "../../src/wasm/abi.js";
import { fuzz } from "./fuzz.js";

const { nn, optim } = torch;

function makeRun() {
  const model = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1));
  const opt = new optim.Adam(model.parameters(), { lr: 0.01, amsgrad: true });
  const sched = new optim.lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
  return { model, opt, sched };
}

function trainStep(run: ReturnType<typeof makeRun>): void {
  torch.tidy(() => {
    run.opt.zeroGrad();
    const x = torch.ones(4, 2);
    (run.model.forward(x) as Tensor).sum().backward();
    run.opt.step();
    run.sched.step();
  });
}

let original: Uint8Array | null = null;
/** A checkpoint after two steps (made once). */
function checkpoint(): Uint8Array {
  if (original !== null) return original;
  const run = makeRun();
  trainStep(run);
  trainStep(run);
  original = torch.saveCheckpoint({ model: run.model, optimizer: run.opt, scheduler: run.sched, epoch: 2 });
  run.opt.dispose();
  run.model.dispose();
  return original;
}

const ENGINE_ERRORS =
  /Cannot read prop|is not a function|is not iterable|Cannot convert|Maximum call stack|undefined|of null/;

/** Resumes from untrusted bytes: success or torchlet's own error, nothing left behind, the heap intact. */
function resumesCleanly(bytes: Uint8Array): void {
  const before = torch.memory();
  const run = makeRun();
  try {
    torch.tidy(() => {
      const ck = torch.loadCheckpoint(bytes);
      run.model.loadStateDict(ck.model, { strict: false });
      if (ck.optimizer !== null) run.opt.loadStateDict(ck.optimizer);
      if (ck.scheduler !== null) run.sched.loadStateDict(ck.scheduler);
    });
    trainStep(run);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    expect(["TypeError", "RangeError", "Error"]).toContain(e.constructor.name);
    expect(e.message).not.toMatch(ENGINE_ERRORS);
  } finally {
    run.opt.dispose();
    run.model.dispose();
  }
  const after = torch.memory();
  expect([after.tensors, after.bytesInUse]).toEqual([before.tensors, before.bytesInUse]);
  expect(abi.runtime().exports.checkHeap()).toBeGreaterThanOrEqual(0);
}

const hostileValue = fc.constantFrom<unknown>(
  -1,
  0,
  0.5,
  1e308,
  -1e308,
  2 ** 53,
  "x",
  "",
  null,
  true,
  [],
  [1, 2, 3],
  ["a"],
  {},
  { __proto__: 1 },
  { params: [0] },
);

/** Replaces the value at a random place of a JSON value (a key of an object, an item of an array). */
function replaceSomewhere(v: unknown, pick: number, value: unknown, depth = 0): unknown {
  if (v === null || typeof v !== "object" || (depth > 0 && pick % 3 === 0)) return value;
  const entries = Object.entries(v as object);
  if (entries.length === 0) return value;
  const [k, x] = entries[pick % entries.length]!;
  const out: unknown = Array.isArray(v) ? [...v] : { ...(v as object) };
  Object.defineProperty(out, k, {
    value: replaceSomewhere(x, Math.floor(pick / 7), value, depth + 1),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}

describe("resuming from untrusted checkpoints", () => {
  test("the checkpoint as written resumes", () => resumesCleanly(checkpoint()));

  test("bytes flipped or cut short", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.integer({ min: -64, max: 0 }),
        (flips, cut) => {
          const file = checkpoint();
          const bytes = file.slice(0, file.length + cut);
          for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
          resumesCleanly(bytes);
        },
      ),
      fuzz(60),
    );
  });

  test("a JSON field replaced by a hostile value", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("optimizer", "scheduler", "epoch", "extra"),
        fc.nat(),
        hostileValue,
        (key, pick, value) => {
          const meta = { ...torch.loadMetadata(checkpoint())! };
          const parsed = meta[key] === undefined ? null : JSON.parse(meta[key]!);
          meta[key] = JSON.stringify(replaceSomewhere(parsed, pick, value));
          const bytes = torch.tidy(() => torch.save(torch.load(checkpoint()), { metadata: meta }));
          resumesCleanly(bytes);
        },
      ),
      fuzz(150),
    );
  });

  test("a tensor renamed, reshaped or retyped", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom(
          "optimizer.state.0.__proto__",
          "optimizer.state.9.exp_avg",
          "optimizer.state.0.step",
          "optimizer.state.x.exp_avg",
          "model.__proto__",
          "model.0.weight",
        ),
        fc.constantFrom<[number[], "float32" | "float64" | "int32" | "bool"]>(
          [[3, 2], "float32"],
          [[2], "float32"],
          [[], "float64"],
          [[3, 2], "int32"],
          [[3], "bool"],
        ),
        (pick, newName, [shape, dtype]) => {
          const bytes = torch.tidy(() => {
            const tensors = torch.load(checkpoint());
            const names = Object.keys(tensors);
            const old = names[pick % names.length]!;
            delete tensors[old];
            tensors[newName] = torch.zeros(shape, { dtype });
            return torch.save(tensors, { metadata: torch.loadMetadata(checkpoint())! });
          });
          resumesCleanly(bytes);
        },
      ),
      fuzz(100),
    );
  });
});
