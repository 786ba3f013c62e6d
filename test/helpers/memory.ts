// The leak check every vitest file shares: what a test made is freed when it ends.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

/**
 * Runs `body` in a tidy scope and checks that no handle or byte is left
 * afterwards. Tensors tidy leaves alone (autograd.grad's results are owned
 * handles) are handed to `keep`, to be freed after the scope.
 */
export function leakFree<T>(body: (keep: (t: Tensor | null) => void) => T): T {
  const before = torch.memory();
  const owned: (Tensor | null)[] = [];
  const result = torch.tidy(() => body((t) => owned.push(t)));
  for (const t of owned) t?.dispose();
  const after = torch.memory();
  expect(after.tensors, "tensor handles left").toBe(before.tensors);
  expect(after.bytesInUse, "bytes left").toBe(before.bytesInUse);
  return result;
}
