// init() calls take effect in call order, awaited or not, and memory()
// counts only the live instance's handles (issue 13). Its own file: every
// test here starts new torchlet instances.

import { expect, test } from "vitest";
import * as torch from "../../src/index.js";

test("an init() that was not awaited cannot finish after a later awaited one and replace it", async () => {
  // Starting worker threads makes the first call the slower one.
  const first = torch.init({ threads: 2 });
  await torch.init({ simd: "baseline", maxMemory: 64 * 2 ** 20 });
  const t = torch.ones(3);
  await first;
  const info = torch.backendInfo();
  expect([info.threads, info.simd, info.maxMemory]).toEqual([1, "baseline", 64 * 2 ** 20]);
  expect(t.sum().item()).toBe(3); // made by the instance that stayed
  t.dispose();
});

test("a failing init() does not stop later ones, which still run in order", async () => {
  const bad = torch.init({ wasm: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) });
  const good = torch.init({ simd: "baseline" });
  await expect(bad).rejects.toThrow();
  await good;
  expect(torch.tidy(() => torch.ones(2).sum().item())).toBe(2);
});

test("memory().tensors counts only the current instance's handles", async () => {
  await torch.init();
  const old = [torch.ones(2), torch.ones(3)];
  expect(torch.memory().tensors).toBe(2);
  await torch.init({ simd: "baseline" });
  expect(torch.memory().tensors).toBe(0);
  for (const t of old) t.dispose();
  expect(torch.memory().tensors).toBe(0);
  const now = torch.ones(4);
  expect(torch.memory().tensors).toBe(1);
  now.dispose();
  expect(torch.memory().tensors).toBe(0);
  await torch.init();
});
