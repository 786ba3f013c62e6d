// The demo server and a headless Chromium page on it, as the web tests drive
// them (the browser as the runtime suite launches it), with the page's errors
// collected for the tests to assert, and the state each page publishes on
// window for them to read.

import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
// @ts-expect-error: plain JS example module
import { startDemoServer } from "../../examples/web/server.mjs";
import { launch } from "../runtimes/chromium.js";

/** What the digits page (index.html) publishes on `window.demo` for the tests. */
interface Demo {
  state: string;
  epochs: { epoch: number; testAccuracy: number; trainAccuracy: number; loss: number }[];
  losses: number[];
  done: { epochs: number; seconds: number; samplesPerSecond: number; stopped: boolean } | null;
  prediction: { digit: number; probabilities: number[]; epoch: number; strokes: number; drawing: boolean } | null;
  error: string | null;
  framesWhileTraining: number;
}

/** What the GPT page publishes on `window.gpt`. */
interface Gpt {
  state: string;
  losses: number[];
  samples: { step: number; text: string }[];
  done: { steps: number; seconds: number; msPerStep: number; stopped: boolean } | null;
  error: string | null;
}

declare global {
  interface Window {
    demo: Demo;
    gpt: Gpt;
    tour: { state: string; runs: number; error: string | null };
  }
}

export interface OpenPage {
  server: { url: string; close(): Promise<void> };
  browser: Awaited<ReturnType<typeof launch>>;
  page: Page;
  /** Page errors and console errors, as they happen. */
  errors: string[];
}

/** Starts the demo server and opens `path` on it in a fresh headless Chromium. */
export async function openPage(path: string, viewport: { width: number; height: number }): Promise<OpenPage> {
  const browser = await launch({ viewport });
  const server = (await startDemoServer({ port: 0 })) as OpenPage["server"];
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await page.goto(`${server.url}${path}`, { timeout: 30_000 });
  return { server, browser, page, errors };
}

/** Closes what openPage opened. */
export async function closePage(p: OpenPage | undefined): Promise<void> {
  await p?.browser.close();
  await p?.server.close();
}

/**
 * Opens `path` before the file's tests, waits until the page's
 * `window[view].state` is "ready" or "error", hands the page to `onOpen`,
 * and closes it after the tests.
 */
export function usePage(
  path: string,
  viewport: { width: number; height: number },
  view: string,
  onOpen: (p: OpenPage) => void,
): void {
  let opened: OpenPage | undefined;
  beforeAll(async () => {
    opened = await openPage(path, viewport);
    onOpen(opened);
    await opened.page.waitForFunction(
      (v) => ["ready", "error"].includes((window as unknown as Record<string, { state?: string }>)[v]?.state ?? ""),
      view,
      { timeout: 60_000 },
    );
  }, 120_000);
  afterAll(() => closePage(opened));
}
