// npm run train's code (examples/train/mlp.mjs), shortened to a few epochs,
// against src/: the dataset file, the run against real PyTorch's same run
// (scripts/train-reference.py -> test/train.pytorch.json: same seed, so the
// same initial weights and batches), flat memory, and safetensors round trip.
// No timing here: speed is printed by npm run train, never asserted.

import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
// @ts-expect-error: plain JS example module
import { loadDigits, parseDigits } from "../examples/train/digits.mjs";
// @ts-expect-error: plain JS example module
import * as mlp from "../examples/train/mlp.mjs";

interface Split {
  n: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}
interface Digits {
  rows: number;
  cols: number;
  train: Split;
  test: Split;
}
interface Epoch {
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
}
const reference = JSON.parse(readFileSync(new URL("./train.pytorch.json", import.meta.url), "utf8")) as {
  recipe: { hidden: number; batchSize: number; lr: number; seed: number };
  epochs: Epoch[];
};
const EPOCHS = 4;
const SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

let digits: Digits;
beforeAll(async () => {
  digits = (await loadDigits()) as Digits;
});

describe("data/digits.bin", () => {
  test("1,797 8x8 images, 1,437 for training and 360 for test, intensities 0..16, labels 0..9", () => {
    expect([digits.rows, digits.cols, digits.train.n, digits.test.n]).toEqual([8, 8, 1437, 360]);
    for (const s of [digits.train, digits.test]) {
      expect(s.pixels.length).toBe(s.n * 64);
      expect(s.labels.length).toBe(s.n);
      expect(Math.max(...s.pixels)).toBe(16);
      expect(new Set(s.labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    }
  });

  test.skipIf(!existsSync(SOURCE))(
    "holds sklearn's digits.csv.gz, every fifth row as test (scripts/convert-digits.py)",
    () => {
      const rows = gunzipSync(readFileSync(SOURCE))
        .toString("utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(",").map(Number));
      expect(rows.length).toBe(1797);
      const order = [...rows.keys()].filter((i) => i % 5 !== 0).concat([...rows.keys()].filter((i) => i % 5 === 0));
      const pixels = Uint8Array.from(order.flatMap((i) => rows[i]!.slice(0, 64)));
      const labels = Uint8Array.from(order.map((i) => rows[i]![64]!));
      expect(Buffer.from(digits.train.pixels).equals(Buffer.from(pixels.subarray(0, 1437 * 64)))).toBe(true);
      expect(Buffer.from(digits.test.pixels).equals(Buffer.from(pixels.subarray(1437 * 64)))).toBe(true);
      expect([...digits.train.labels, ...digits.test.labels]).toEqual([...labels]);
    },
  );

  test("a file that is not the digits file is refused", () => {
    expect(() => parseDigits(new Uint8Array(32))).toThrow(/not a digits file/);
    const bytes = readFileSync(new URL("../data/digits.bin", import.meta.url));
    expect(() => parseDigits(new Uint8Array(bytes.subarray(0, bytes.length - 1)))).toThrow(/header says 1797 images/);
  });
});

describe(`the digits MLP, ${EPOCHS} epochs`, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let run: any;
  const epochs: Epoch[] = [];
  const bytesInUse: number[] = [];

  beforeAll(() => {
    const { hidden, batchSize, lr, seed } = reference.recipe;
    expect({ hidden, batchSize, lr, seed }).toEqual({
      hidden: mlp.DEFAULTS.hidden,
      batchSize: mlp.DEFAULTS.batchSize,
      lr: mlp.DEFAULTS.lr,
      seed: mlp.DEFAULTS.seed,
    });
    run = mlp.createRun(torch, digits, { epochs: EPOCHS });
    for (let e = 0; e < EPOCHS; e++) {
      const loss = mlp.trainEpoch(torch, run) as number;
      epochs.push({
        loss,
        trainAccuracy: mlp.accuracy(torch, run.model, run.train),
        testAccuracy: mlp.accuracy(torch, run.model, run.test),
      });
      bytesInUse.push(torch.memory().bytesInUse);
    }
  });
  afterAll(() => mlp.disposeRun(run));

  test("reaches PyTorch's test accuracy, well above 90%", () => {
    expect(epochs.at(-1)!.testAccuracy).toBeGreaterThan(0.9);
    // The same batches from the same weights: within one image of PyTorch's count.
    for (const [e, got] of epochs.entries()) {
      expect(
        Math.abs(got.testAccuracy - reference.epochs[e]!.testAccuracy) * 360,
        `epoch ${e + 1}`,
      ).toBeLessThanOrEqual(1);
      expect(
        Math.abs(got.trainAccuracy - reference.epochs[e]!.trainAccuracy) * 1437,
        `epoch ${e + 1}`,
      ).toBeLessThanOrEqual(1);
    }
  });

  test("each epoch's mean loss is PyTorch's (float32 rounding apart)", () => {
    for (const [e, got] of epochs.entries()) {
      const want = reference.epochs[e]!.loss;
      expect(Math.abs(got.loss - want) / want, `epoch ${e + 1}: ${got.loss} vs PyTorch's ${want}`).toBeLessThan(1e-5);
    }
  });

  test("memory stays flat from epoch to epoch (a tidy per step)", () => {
    expect(new Set(bytesInUse).size, `bytesInUse after each epoch: ${bytesInUse.join(", ")}`).toBe(1);
  });

  test("the saved safetensors file loads back into a model that predicts the same", () => {
    const bytes = mlp.saveModel(torch, run.model) as Uint8Array;
    expect(torch.loadMetadata(bytes)).toMatchObject({ format: "pt" });
    const names = torch.tidy(() => Object.entries(torch.load(bytes)).map(([k, t]) => [k, t.shape]));
    expect(names).toEqual([
      ["0.bias", [128]],
      ["0.weight", [128, 64]],
      ["2.bias", [10]],
      ["2.weight", [10, 128]],
    ]);
    const loaded = mlp.loadModel(torch, bytes);
    try {
      expect(mlp.accuracy(torch, loaded, run.test)).toBe(epochs.at(-1)!.testAccuracy);
      const image = digits.test.pixels.subarray(0, 64);
      const p = mlp.predict(torch, loaded, image) as Float32Array;
      expect(p).toEqual(mlp.predict(torch, run.model, image));
      expect(p.length).toBe(10);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(p.indexOf(Math.max(...p))).toBe(digits.test.labels[0]);
    } finally {
      loaded.dispose();
    }
  });
});
