// Views made under noGrad of a tensor that requires grad, and leaves whose
// requiresGrad is turned off after an op recorded their edge: PyTorch's
// goldens (test/golden/gen_nograd_views.py: requires_grad, is_leaf, grad_fn,
// printed form, what ops on them record, .grad after backward, hooks, in-place
// errors), and the autograd.grad / backward({ inputs }) cases, each with the
// PyTorch 1.13 lines it was checked against.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { leakFree } from "./helpers/memory.js";
import { runViewCase, type ViewCase } from "./helpers/viewSteps.js";

describe("views made under noGrad (PyTorch goldens)", () =>
  testFamily<ViewCase>("nograd_views", (_c, observed, g) => runViewCase(g, observed)));

const message = (f: () => unknown): string | null => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
};

/** x = torch.tensor([1., 2., 3.], requires_grad=True); with torch.no_grad(): v = x[:2] */
function leafAndView(): [Tensor, Tensor] {
  const x = torch.tensor([1, 2, 3], { requiresGrad: true });
  return [x, torch.noGrad(() => x.slice(0, 0, 2))];
}

describe("views made under noGrad: gradients asked for", () => {
  test("autograd.grad w.r.t. the view: not used in the graph; null with allowUnused", () => {
    leakFree((keep) => {
      const [x, v] = leafAndView();
      // torch.autograd.grad((v*2).sum(), v) -> RuntimeError: One of the differentiated Tensors appears to not
      // have been used in the graph. Set allow_unused=True if this is the desired behavior.
      expect(message(() => torch.autograd.grad(v.mul(2).sum(), [v]))).toBe(
        "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
      );
      // torch.autograd.grad((v*2).sum(), v, allow_unused=True) -> (None,)
      const gs = torch.autograd.grad(v.mul(2).sum(), [v], null, { allowUnused: true });
      gs.forEach(keep);
      expect(gs).toEqual([null]);
      // torch.autograd.grad((v*2).sum(), x) -> the same RuntimeError: nothing leads to x
      expect(message(() => torch.autograd.grad(v.mul(2).sum(), [x]))).toMatch(
        /^One of the differentiated Tensors appears to not have been used/,
      );
    });
  });

  test("backward({ inputs: [v] }) runs and fills no .grad", () => {
    leakFree(() => {
      const [x, v] = leafAndView();
      // (v*2).sum().backward(inputs=[v]) -> no error; v.grad None, x.grad None
      v.mul(2)
        .sum()
        .backward(null, { inputs: [v] });
      expect(v.grad).toBeNull();
      expect(x.grad).toBeNull();
    });
  });

  test("backward() of the view itself: no grad_fn and no accumulator", () => {
    leakFree(() => {
      const [, v] = leafAndView();
      // v.backward(torch.ones(2)) -> RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
      expect(message(() => v.backward(torch.ones(2)))).toBe(
        "element 0 of tensors does not require grad and does not have a grad_fn",
      );
    });
  });

  test("retainGrad() is a no-op on it (a leaf); retainsGrad stays false", () => {
    leakFree(() => {
      const [, v] = leafAndView();
      // v.retain_grad() -> None; v.retains_grad -> False
      v.retainGrad();
      expect(v.retainsGrad).toBe(false);
    });
  });

  test("requiresGrad = false is allowed and leaves requiresGrad true", () => {
    leakFree(() => {
      const [, v] = leafAndView();
      // v.requires_grad = False -> no error; v.requires_grad -> True
      v.requiresGrad = false;
      expect(v.requiresGrad).toBe(true);
    });
  });

  test("its base written under noGrad: requiresGrad still reads true, the grad_fn throws", () => {
    leakFree(() => {
      const [x, v] = leafAndView();
      torch.noGrad(() => x.mul_(2));
      // v.requires_grad -> True; v.grad_fn, v.is_leaf, str(v) -> RuntimeError: A view was created in no_grad mode and
      // its base or another view of its base has been modified inplace with grad mode enabled. ...
      expect(v.requiresGrad).toBe(true);
      const want =
        /^A view was created in no_grad mode and its base or another view of its base has been modified inplace/;
      expect(message(() => v.gradFn)).toMatch(want);
      expect(message(() => v.isLeaf)).toMatch(want);
      expect(message(() => String(v))).toMatch(want);
      expect(message(() => torch.noGrad(() => v.gradFn))).toMatch(want);
    });
  });
});

describe("views made under noGrad: lifetimes", () => {
  test("the base disposed: the view still requires grad, backward through it frees everything", () => {
    leakFree(() => {
      const [x, v] = leafAndView();
      x.dispose();
      expect(v.requiresGrad).toBe(true);
      expect(String(v)).toBe("tensor([1., 2.], requires_grad=True)");
      v.mul(2).sum().backward();
      expect(v.grad).toBeNull();
    });
  });
});

describe("a leaf whose requiresGrad is turned off after an op recorded its edge", () => {
  test("backward leaves its .grad null and runs no hook; turned on again before backward, it accumulates", () => {
    leakFree(() => {
      // x = torch.ones(3, requires_grad=True); x.register_hook(seen.append); y = x*2; x.requires_grad_(False)
      const x = torch.ones(3, { requiresGrad: true });
      const seen: string[] = [];
      x.registerHook((g) => void seen.push(String(g)));
      const y = x.mul(2).sum();
      x.requiresGrad_(false);
      // torch.autograd.grad(y, x) -> RuntimeError: One of the differentiated Tensors does not require grad
      expect(message(() => torch.autograd.grad(y, [x], null, { retainGraph: true }))).toBe(
        "One of the differentiated Tensors does not require grad",
      );
      // y.backward(retain_graph=True); x.grad -> None; seen -> []
      y.backward(null, { retainGraph: true });
      expect(x.grad).toBeNull();
      expect(seen).toEqual([]);
      // x.requires_grad_(True); y.backward(); x.grad -> tensor([2., 2., 2.]); seen -> [tensor([2., 2., 2.])]
      x.requiresGrad_(true);
      y.backward();
      expect(String(x.grad)).toBe("tensor([2., 2., 2.])");
      expect(seen).toEqual(["tensor([2., 2., 2.])"]);
    });
  });
});
