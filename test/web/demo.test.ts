// The web demo (examples/web, npm run web) in headless Chromium: Debian's
// /usr/bin/chromium driven by playwright-core, never a downloaded browser.
// It serves the demo on 127.0.0.1, presses Train, waits (bounded) until the
// worker reports test accuracy >= 90%, checks the curves were drawn and that
// a drawn digit gets a prediction, and leaves a screenshot in
// test-results/web-demo.png. Nothing here depends on the machine's speed:
// the waits are generous upper bounds, never measured.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { usePage } from "./page.js";

const ARTEFACT = fileURLToPath(new URL("../../test-results/web-demo.png", import.meta.url));
const TRAINING_BOUND = 90_000; // ms: training to 90% takes a few seconds here; this only stops a hung page

let page: Page;
let errors: string[] = [];
usePage("", { width: 1320, height: 860 }, "demo", (o) => ({ page, errors } = o));

const demo = () => page.evaluate(() => window.demo);

/** How many pixels of a canvas differ from white: the curves, dots and gridlines drawn on it. */
const inked = (selector: string) =>
  page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    const count = (pred: (r: number, g: number, b: number) => boolean) => {
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (pred(d[i]!, d[i + 1]!, d[i + 2]!)) n++;
      return n;
    };
    // Curve colours: blue (loss), green (train), orange-red (test); gridlines and labels are grey.
    return {
      blue: count((r, _g, b) => b > 150 && b - r > 60),
      green: count((r, g, b) => g > 110 && g - r > 60 && g - b > 20),
      red: count((r, g, b) => r > 180 && r - g > 80 && r - b > 80),
    };
  });

test("the page loads torchlet and the digits in its worker", async () => {
  const d = await demo();
  expect(d.error).toBeNull();
  expect(d.state).toBe("ready");
  expect(await page.textContent("#simd")).toMatch(/^(baseline|relaxed) SIMD$/);
});

test(
  "Train: the worker reaches 90% test accuracy while the page draws the curves",
  async () => {
    await page.click("#train");
    await page.waitForFunction(
      () => window.demo.error !== null || window.demo.epochs.some((e) => e.testAccuracy >= 0.9),
      undefined,
      {
        timeout: TRAINING_BOUND,
      },
    );
    await page.waitForFunction(() => window.demo.error !== null || window.demo.done !== null, undefined, {
      timeout: TRAINING_BOUND,
    });
    const d = await demo();
    expect(d.error).toBeNull();
    expect(d.done!.stopped).toBe(false);
    expect(d.epochs.length).toBe(20);
    expect(Math.max(...d.epochs.map((e) => e.testAccuracy))).toBeGreaterThanOrEqual(0.9);
    expect(d.losses.length).toBe(20 * Math.ceil(1437 / 32));
    expect(await page.textContent("#s-test")).toMatch(/^\d+\.\d%$/);
    // The page kept painting while the worker trained (training on the page's
    // thread would allow one frame at the end): 900 steps span many frames.
    expect(d.framesWhileTraining).toBeGreaterThan(1);
    const loss = await inked("#loss-chart"),
      acc = await inked("#acc-chart");
    expect(loss.blue, "loss curve pixels").toBeGreaterThan(200);
    expect(acc.green, "train accuracy curve pixels").toBeGreaterThan(100);
    expect(acc.red, "test accuracy curve pixels").toBeGreaterThan(100);
  },
  TRAINING_BOUND * 2 + 10_000,
);

test("a digit drawn on the pad is classified", async () => {
  const box = (await page.locator("#pad").boundingBox())!;
  // A crossed 7 in two strokes (the top bar and the diagonal, then the bar through it), as this set's writers drew them.
  const strokes: [number, number][][] = [
    [
      [0.28, 0.2],
      [0.72, 0.2],
      [0.6, 0.45],
      [0.5, 0.82],
    ],
    [
      [0.4, 0.5],
      [0.72, 0.5],
    ],
  ];
  await page.evaluate(() => (window.demo.prediction = null));
  for (const pts of strokes) {
    await page.mouse.move(box.x + pts[0]![0] * box.width, box.y + pts[0]![1] * box.height);
    await page.mouse.down();
    for (const [x, y] of pts.slice(1))
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
    await page.mouse.up();
  }
  // Answers come while drawing; wait for the one about the finished drawing.
  await page.waitForFunction(
    () => window.demo.prediction?.strokes === 2 && !window.demo.prediction.drawing,
    undefined,
    { timeout: 30_000 },
  );
  const { prediction } = await demo();
  expect(prediction!.epoch).toBe(20);
  // The trained model (PyTorch's weights for seed 0, bit for bit up to float rounding) is sure of it: 99% here.
  expect(prediction!.digit, `probabilities ${prediction!.probabilities.map((p) => p.toFixed(3)).join(" ")}`).toBe(7);
  expect(prediction!.probabilities.length).toBe(10);
  expect(prediction!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(await page.textContent("#guess")).toBe(String(prediction!.digit));
  // What the model saw: the 8x8 preview has ink.
  const preview = await page.$eval("#preview", (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
    return dark;
  });
  expect(preview).toBeGreaterThan(0);
  mkdirSync(join(ARTEFACT, ".."), { recursive: true });
  await page.screenshot({ path: ARTEFACT, fullPage: true });
  expect(errors).toEqual([]);
  console.log(
    `web demo: ${(await demo()).done!.seconds.toFixed(1)} s for 20 epochs in Chromium; screenshot ${ARTEFACT}`,
  );
}, 60_000);

test(
  "the CNN trains in the worker too, and then classifies the pad",
  async () => {
    await page.selectOption("#model", "cnn");
    expect(await page.inputValue("#lr")).toBe("0.01");
    expect(await page.inputValue("#batch")).toBe("64");
    await page.fill("#epochs", "3");
    await page.evaluate(() => (window.demo.prediction = null));
    await page.click("#train");
    await page.waitForFunction(
      () => window.demo.error !== null || (window.demo.state === "trained" && window.demo.epochs.length === 3),
      undefined,
      { timeout: TRAINING_BOUND },
    );
    const d = await demo();
    expect(d.error).toBeNull();
    expect(d.losses.length).toBe(3 * Math.ceil(1437 / 64));
    // PyTorch's same 3-epoch run (scripts/train-reference.py's CNN recipe, epochs=3) reaches 98.3%.
    expect(d.epochs.at(-1)!.testAccuracy).toBeGreaterThanOrEqual(0.95);
    // The pad's drawing is classified again by the new model once an epoch ends.
    await page.waitForFunction(() => window.demo.prediction?.epoch === 3, undefined, { timeout: 30_000 });
    const { prediction } = await demo();
    expect(prediction!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(errors).toEqual([]);
  },
  TRAINING_BOUND + 40_000,
);
