// The autograd engine against PyTorch: the autograd golden family (the
// programs of test/golden/gen_autograd.py, written once in
// test/conformance/families/autograd.ts and run in every runtime, here also
// checked for memory left behind), and engine behaviour beyond the goldens.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";

const T = (v: torch.TensorData, opts?: torch.CreationOptions): Tensor => torch.tensor(v, { dtype: "float32", ...opts });

describe("autograd (PyTorch goldens)", () => testFamily("autograd"));

describe("engine semantics", () => {
  test("a hook may run a backward of its own over part of the same graph (reentrant, as PyTorch allows)", () => {
    // PyTorch 1.13: inner == [[4, 4, 4]] and x.grad == [60, 60, 60] (x's AccumulateGrad is in both passes).
    const x = T([1, 1, 1], { requiresGrad: true });
    const y = x.mul(2);
    const inner: number[][] = [];
    y.registerHook((g) => {
      torch.enableGrad(() => {
        const [gx] = torch.autograd.grad([x.mul(x).mul(y.detach()).sum()], [x]);
        inner.push(Array.from(gx!.toArray() as Float32Array));
      });
      return g.mul(10);
    });
    y.mul(3).sum().backward();
    expect(inner).toEqual([[4, 4, 4]]);
    expect(Array.from(x.grad!.toArray() as Float32Array)).toEqual([60, 60, 60]);
  });

  test("a non-leaf's .grad is null", () => {
    const x = T([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.sum().backward();
    expect(y.grad).toBeNull();
  });

  test("noGrad results do not require grad, enableGrad re-enables", () => {
    const x = T([1, 2], { requiresGrad: true });
    expect(torch.noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(torch.noGrad(() => torch.enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
    torch.setGradEnabled(false);
    expect(torch.isGradEnabled()).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(false);
    torch.setGradEnabled(true);
  });

  test("nextFunctions and node names", () => {
    const x = T([1, 2], { requiresGrad: true });
    const y = x.add(2);
    expect(String(y.gradFn)).toBe("<AddBackward0 object>");
    const [[acc, nr], [none]] = y.gradFn!.nextFunctions as [[torch.Node, number], [null, number]];
    expect(acc.name()).toBe("AccumulateGrad");
    expect(nr).toBe(0);
    expect(none).toBeNull();
    // The same leaf used twice leads to the same AccumulateGrad node.
    const z = x.mul(x);
    expect(z.gradFn!.nextFunctions[0]![0]).toBe(z.gradFn!.nextFunctions[1]![0]);
  });
});
