// torch.autograd.Function subclasses and Module.registerFullBackwardHook
// against PyTorch 1.13 (test/golden/gen_autograd_function.py, the
// autograd_function conformance family); gradcheck through a custom
// Function; memory.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("custom Functions and backward hooks against PyTorch", () => {
  testFamily("autograd_function");
});

type Ctx = torch.autograd.FunctionCtx;

class Cube extends torch.autograd.Function {
  static override forward(ctx: Ctx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.pow(3);
  }
  static override backward(ctx: Ctx, g: Tensor): Tensor {
    const [x] = ctx.savedTensors;
    return g.mul(x!.pow(2)).mul(3);
  }
}

describe("autograd.Function", () => {
  test("gradcheck accepts a custom Function (float64)", () => {
    const x = torch.tensor([0.5, -1.25, 2], { dtype: "float64", requiresGrad: true });
    torch.tidy(() => {
      expect(torch.autograd.gradcheck((t: Tensor) => Cube.apply<Tensor>(t), [x])).toBe(true);
    });
    x.dispose();
  });

  test("a second backward without retainGraph throws PyTorch's error", () => {
    torch.tidy(() => {
      const x = torch.tensor([1, 2], { requiresGrad: true });
      const y = Cube.apply<Tensor>(x).sum();
      y.backward();
      expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
    });
  });

  test("the saved tensors are freed by backward", () => {
    const before = torch.memory().tensors;
    const x = torch.tensor([1, 2], { requiresGrad: true });
    torch.tidy(() => {
      Cube.apply<Tensor>(x).sum().backward();
    });
    x.grad!.dispose();
    x.grad = null;
    x.dispose();
    expect(torch.memory().tensors).toBe(before);
  });

  test("apply on the base class is refused", () => {
    expect(() => torch.autograd.Function.apply(torch.ones(1))).toThrow(/call it on a subclass/);
  });
});
