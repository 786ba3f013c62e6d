// The GPT page of the web demo (examples/web/gpt.html, npm run web) in
// headless Chromium, as demo.test.ts drives the digits page: it sets a
// small GPT (2 layers, 32 wide, 60 steps), presses Train, waits (bounded)
// until the worker is done, and checks that the loss fell, the curve was
// drawn and a sample was streamed into the text box. Leaves a screenshot in
// test-results/web-gpt.png. The waits are generous upper bounds, never
// measured.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { usePage } from "./page.js";

const ARTEFACT = fileURLToPath(new URL("../../test-results/web-gpt.png", import.meta.url));
const TRAINING_BOUND = 240_000; // ms: 60 small steps take seconds here; this only stops a hung page
const STEPS = 60;

let page: Page;
let errors: string[] = [];
usePage("gpt.html", { width: 1320, height: 860 }, "gpt", (o) => ({ page, errors } = o));

const gpt = () => page.evaluate(() => window.gpt);

test("the page loads torchlet and the text in its worker", async () => {
  const g = await gpt();
  expect(g.error).toBeNull();
  expect(g.state).toBe("ready");
  expect(await page.textContent("#simd")).toMatch(/^(baseline|relaxed) SIMD$/);
  expect(await page.textContent("#status")).toMatch(/602,907 training characters, a vocabulary of 63/);
});

test(
  "Train: the loss falls, the curve is drawn and a sample streams into the text box",
  async () => {
    await page.fill("#layers", "2");
    await page.fill("#width", "32");
    await page.fill("#steps", String(STEPS));
    await page.click("#train");
    await page.waitForFunction(() => window.gpt.error !== null || window.gpt.done !== null, undefined, {
      timeout: TRAINING_BOUND,
    });
    const g = await gpt();
    expect(g.error).toBeNull();
    expect(g.done!.stopped).toBe(false);
    expect(g.done!.steps).toBe(STEPS);
    expect(g.losses.length).toBe(STEPS);
    // From ln(63) = 4.14 at the start; PyTorch's run of this size (test/text.pytorch.json) is near 3.1 by step 50.
    expect(g.losses[0]).toBeGreaterThan(3.9);
    const last = g.losses.slice(-10).reduce((a, b) => a + b, 0) / 10;
    expect(last).toBeLessThan(3.5);
    // The sample at the end: 200 characters, streamed one by one into the text box.
    expect(g.samples.map((s) => s.step)).toEqual([STEPS]);
    expect(g.samples[0]!.text.length).toBe(200);
    const box = await page.inputValue("#sample");
    expect(box.endsWith(g.samples[0]!.text)).toBe(true);
    const blue = await page.$eval("#loss-chart", (c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 2]! > 150 && d[i + 2]! - d[i]! > 60) n++;
      return n;
    });
    expect(blue, "loss curve pixels").toBeGreaterThan(100);
    expect(await page.textContent("#s-step")).toBe(`${STEPS} / ${STEPS}`);
    mkdirSync(join(ARTEFACT, ".."), { recursive: true });
    await page.screenshot({ path: ARTEFACT, fullPage: true });
    expect(errors).toEqual([]);
    console.log(
      `web GPT: ${g.done!.steps} steps in ${g.done!.seconds.toFixed(1)} s in Chromium; screenshot ${ARTEFACT}`,
    );
  },
  TRAINING_BOUND + 20_000,
);
