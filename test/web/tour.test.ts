// The autograd tour page (examples/web/tour.html, npm run web) in headless
// Chromium, driven as test/web/demo.test.ts drives the training page: it
// runs the cells one by one and checks each prints what PyTorch prints
// (test/golden/tour.json), edits a cell and checks the edited output against
// PyTorch's for the same edit (tour.json's edits), checks the graph drawn
// beside a cell is an <svg> with the expected grad_fn and leaf names, then
// runs all the cells again. Leaves a screenshot in test-results/tour-page.png
// (docs/tour-page.png is a copy of it).

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { usePage } from "./page.js";

const ARTEFACT = fileURLToPath(new URL("../../test-results/tour-page.png", import.meta.url));

interface Cell {
  name: string;
  output: string;
}
const golden = JSON.parse(readFileSync(new URL("../golden/tour.json", import.meta.url), "utf8")) as {
  cells: Cell[];
  edits: Cell[];
};

let page: Page;
let errors: string[] = [];
usePage("tour.html", { width: 1320, height: 900 }, "tour", (o) => ({ page, errors } = o));

const cell = (name: string) => page.locator(`section.cell[data-name="${name}"]`);
const output = (name: string) => cell(name).locator("pre.out").textContent();
/** The text Graphviz drew in a cell's graph: node labels, one entry per line. */
const graphText = (name: string) => cell(name).locator(".graph svg text").allTextContents();

async function run(name: string): Promise<void> {
  const before = await page.evaluate(() => window.tour.runs);
  await cell(name).locator("button.run").click();
  await page.waitForFunction((n) => window.tour.runs > n, before, { timeout: 30_000 });
}

test("the page loads torchlet and Graphviz and lists the tour's cells", async () => {
  expect(await page.evaluate(() => window.tour.error)).toBeNull();
  expect(await page.evaluate(() => window.tour.state)).toBe("ready");
  expect(await page.textContent("#simd")).toMatch(/^(baseline|relaxed) SIMD$/);
  expect(
    await page.locator("section.cell").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name)),
  ).toEqual(golden.cells.map((c) => c.name));
  expect(await cell("bce").locator("textarea").inputValue()).toContain(
    "torch.nn.functional.binaryCrossEntropyWithLogits(z, y);",
  );
});

test("cells run one by one print what PyTorch prints, and draw their graphs", async () => {
  for (const c of golden.cells.slice(0, golden.cells.findIndex((c) => c.name === "mul_mean") + 1)) {
    await run(c.name);
    expect(`${c.name}:\n${await output(c.name)}`).toBe(`${c.name}:\n${c.output}`);
  }
  // torchviz's picture of the BCE loss: the loss, its grad_fns down to each leaf's AccumulateGrad, w and b named.
  const bce = await graphText("bce");
  for (const label of [
    "loss",
    "()",
    "BinaryCrossEntropyWithLogitsBackward0",
    "AddBackward0",
    "SqueezeBackward3",
    "MmBackward0",
    "AccumulateGrad",
    "w",
    "(5, 3)",
    "b",
    "(3)",
    "z",
  ]) {
    expect(bce, label).toContain(label);
  }
  expect(bce.filter((t) => t === "AccumulateGrad").length).toBe(2);
  expect(await cell("bce").locator(".graph svg g.node").count()).toBeGreaterThanOrEqual(10);
  // A cell that records nothing says so.
  expect(await cell("grad_fns").locator(".graph svg").count()).toBe(0);
  expect(await cell("grad_fns").locator(".graph").textContent()).toMatch(/no graph/);
  const mean = await graphText("mul_mean");
  for (const label of [
    "out",
    "MeanBackward0",
    "MulBackward0",
    "AddBackward0",
    "AccumulateGrad",
    "x",
    "(2, 2)",
    "self",
    "other",
  ]) {
    expect(mean, label).toContain(label);
  }
}, 60_000);

test("an edited cell runs as edited (PyTorch's output for the same edit), and Run all starts over", async () => {
  const box = cell("mul_mean").locator("textarea");
  const original = await box.inputValue();
  expect(original).toContain("mul(3)");
  await box.fill(original.replace("mul(3)", "mul(4)"));
  const before = await page.evaluate(() => window.tour.runs);
  await box.press("Shift+Enter");
  await page.waitForFunction((n) => window.tour.runs > n, before);
  expect(await output("mul_mean")).toBe(golden.edits.find((e) => e.name === "mul_mean")!.output);
  expect(await graphText("mul_mean")).toContain("MeanBackward0");

  // A mistake shows as the error, in the cell.
  await box.fill("nope.foo();");
  await box.press("Shift+Enter");
  await expect.poll(() => output("mul_mean")).toBe("ReferenceError: nope is not defined");

  await box.fill(original);
  await page.click("#run-all");
  await page.waitForFunction((n) => window.tour.runs >= n, before + 2 + golden.cells.length);
  for (const c of golden.cells) expect(`${c.name}:\n${await output(c.name)}`).toBe(`${c.name}:\n${c.output}`);
  expect(await graphText("vjp_loop")).toContain("MulBackward0");

  // "saved values" redraws every graph with torchviz's table of each node's saved values.
  const runs = await page.evaluate(() => window.tour.runs);
  await page.check("#show-attrs");
  await page.waitForFunction((n) => window.tour.runs >= n, runs + golden.cells.length);
  expect(await graphText("bce")).toContain("alpha: 1");
  for (const c of golden.cells) expect(`${c.name}:\n${await output(c.name)}`).toBe(`${c.name}:\n${c.output}`);
  expect(errors).toEqual([]);
}, 60_000);

test("screenshot: a fresh page after Run all", async () => {
  await page.reload();
  await page.waitForFunction(() => window.tour?.state === "ready", undefined, { timeout: 60_000 });
  await page.click("#run-all");
  await page.waitForFunction((n) => window.tour.runs >= n, golden.cells.length);
  expect(await output("bce")).toBe(golden.cells[1]!.output);
  mkdirSync(join(ARTEFACT, ".."), { recursive: true });
  await page.screenshot({ path: ARTEFACT, fullPage: true, clip: { x: 0, y: 0, width: 1320, height: 1160 } });
  expect(errors).toEqual([]);
}, 60_000);
