// npm run gpt's models (examples/text/models.mjs) against real PyTorch 1.13
// (scripts/gpt-reference.py -> test/text.pytorch.json): the data read the
// same way, the same state-dict keys, and from the same initial weights
// (test/text-*.init.safetensors, written by PyTorch) on the same batches
// (start indices PyTorch drew), the first 50 steps' losses of the GPT and
// of the LSTM language model, in float64 and in float32.
// No timing here: speed is printed by npm run gpt, never asserted. The 50-step
// runs take 3-7 s each on a quiet machine; their timeouts leave room for a loaded one.

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
// @ts-expect-error: plain JS example module
import { loadText } from "../examples/text/text.mjs";
// @ts-expect-error: plain JS example module
import * as models from "../examples/text/models.mjs";

interface Text {
  vocab: string;
  train: Int32Array;
  val: Int32Array;
}
interface Parity {
  config: Record<string, unknown> & { model: string };
  init: string;
  keys: string[];
  starts: number[][];
  losses: number[];
  losses64: number[];
  sample: number[];
}
interface Reference {
  data: { chars: number; vocab: string; trainChars: number; idSum: number; head: number[] };
  gpt: Parity;
  lstm: Parity;
}
const reference = JSON.parse(readFileSync(new URL("./text.pytorch.json", import.meta.url), "utf8")) as Reference;

let text: Text;
beforeAll(async () => {
  text = (await loadText()) as Text;
});

describe("data/kjv.txt", () => {
  test("reads as PyTorch's script reads it: the same vocabulary in sorted order, split and ids", () => {
    const d = reference.data;
    expect(text.vocab).toBe(d.vocab);
    expect(text.train.length + text.val.length).toBe(d.chars);
    expect(text.train.length).toBe(d.trainChars);
    expect(text.train.reduce((a, b) => a + b, 0)).toBe(d.idSum);
    expect([...text.train.subarray(0, d.head.length)]).toEqual(d.head);
  });
});

/** The first `steps` losses of a run from PyTorch's initial weights on PyTorch's batches. */
function losses(p: Parity, steps: number, dtype: "float32" | "float64"): number[] {
  const init = torch.load(readFileSync(new URL(`../${p.init}`, import.meta.url)));
  const run = models.createRun(torch, p.config, text.vocab.length, { init, dtype });
  torch.dispose(init);
  try {
    return p.starts.slice(0, steps).map((starts) => models.trainStep(torch, run, text.train, starts) as number);
  } finally {
    models.disposeRun(run);
  }
}

function expectClose(got: number[], want: number[], tolerance: number): void {
  for (const [i, w] of want.entries())
    expect(Math.abs(got[i]! - w) / w, `step ${i + 1}: ${got[i]} vs PyTorch's ${w}`).toBeLessThan(tolerance);
}

for (const name of ["gpt", "lstm"] as const) {
  describe(`the ${name === "gpt" ? "GPT" : "LSTM language model"} from PyTorch's initial weights`, () => {
    const p = reference[name];

    test("has PyTorch's state-dict keys, in PyTorch's order", () => {
      const model = models.createModel(torch, p.config, text.vocab.length);
      try {
        expect(Object.keys(model.stateDict())).toEqual(p.keys);
      } finally {
        model.dispose();
      }
    });

    test("samples PyTorch's characters from the same weights and seed (temperature, top-k, multinomial)", () => {
      const init = torch.load(readFileSync(new URL(`../${p.init}`, import.meta.url)));
      const run = models.createRun(torch, p.config, text.vocab.length, { init });
      torch.dispose(init);
      try {
        torch.manualSeed(42);
        const ids = models.generate(torch, run.model, [text.vocab.indexOf("\n")], p.sample.length, {
          blockSize: p.config.blockSize,
        }) as number[];
        expect(ids).toEqual(p.sample);
      } finally {
        models.disposeRun(run);
      }
    });

    test("saves safetensors with PyTorch's keys and the config, and memory stays flat from step to step", () => {
      const run = models.createRun(torch, p.config, text.vocab.length);
      try {
        const after: { tensors: number; bytesInUse: number }[] = [];
        for (const starts of p.starts.slice(0, 6)) {
          models.trainStep(torch, run, text.train, starts);
          after.push(torch.memory());
        }
        // The first step creates the optimizer's state. From then on no tensor may survive a step;
        // the bytes may move by the allocator's leftovers (a block keeps a remainder under 32 bytes,
        // so the total depends on the order of earlier allocations) but may not grow.
        for (const m of after.slice(2)) {
          expect(m.tensors).toBe(after[1]!.tensors);
          expect(Math.abs(m.bytesInUse - after[1]!.bytesInUse)).toBeLessThan(256);
        }
        const bytes = models.saveModel(torch, run, text.vocab) as Uint8Array;
        const meta = torch.loadMetadata(bytes)!;
        expect(JSON.parse(meta.config!)).toEqual(p.config);
        expect(meta.vocab).toBe(text.vocab);
        const keys = torch.tidy(() => Object.keys(torch.load(bytes)));
        expect(keys.sort()).toEqual([...p.keys].sort());
      } finally {
        models.disposeRun(run);
      }
    });

    // Measured: within 3.1e-16 (GPT) and 3.0e-16 (LSTM) at every step, a last-bit difference at most.
    test("in float64, the first 50 steps' losses are PyTorch's within 1e-12 relative", () => {
      expectClose(losses(p, p.losses64.length, "float64"), p.losses64, 1e-12);
    }, 240_000);

    // The issue asks for 1e-4. Measured: identical through step 23 (GPT) and 5 (LSTM), then one or two
    // float32 ulps of the loss (at most 2.4e-7 relative), which Adam does not amplify within 50 steps.
    test("in float32, the first 50 steps' losses are PyTorch's within 1e-5 relative", () => {
      expectClose(losses(p, p.losses.length, "float32"), p.losses, 1e-5);
    }, 240_000);
  });
}
