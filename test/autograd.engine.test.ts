// The autograd contract, case by case against PyTorch (test/golden/gen_autograd.py
// holds the Python twin of each program below, under the same name).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden, expectClose, type TensorJson } from "./helpers/golden.js";

type Case = { name: string; prints?: string[]; error?: string } & Record<string, unknown>;
const golden = loadGolden<Case>("autograd");
const get = (name: string): Case => {
  const c = golden.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no golden case ${name}`);
  return c;
};
const T = (v: unknown, opts?: torch.CreationOptions): Tensor => torch.tensor(v, { dtype: "float32", ...opts });
const tj = (c: Case, k: string): TensorJson => c[k] as TensorJson;

describe("the seed notebooks' cells", () => {
  test("seed_tour", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    const y = x.add(2);
    const z = y.mul(y).mul(3);
    const out = z.mean();
    const prints = [String(x), String(y), y.gradFn!.name(), String(z), String(out), String(x.isLeaf).replace(/^./, (c) => c.toUpperCase()), y.isLeaf ? "True" : "False"];
    out.backward();
    prints.push(String(x.grad));
    expect(prints).toEqual(get("seed_tour").prints);
  });

  test("seed_accumulate", () => {
    const inp = torch.eye(5, { requiresGrad: true });
    const out = inp.add(1).pow(2);
    out.backward(torch.onesLike(inp), { retainGraph: true });
    const first = String(inp.grad);
    out.backward(torch.onesLike(inp), { retainGraph: true });
    const second = String(inp.grad);
    inp.grad!.zero_();
    out.backward(torch.onesLike(inp), { retainGraph: true });
    expect([first, second, String(inp.grad)]).toEqual(get("seed_accumulate").prints);
  });

  test("seed_view_vjp", () => {
    const x = T([1, 2, 3, 4], { requiresGrad: true });
    const z = x.mul(2).view(2, 2);
    const zs = String(z);
    z.backward(T([[1.0, 0.1], [0.01, 0.001]]));
    const c = get("seed_view_vjp");
    expect([zs, String(x.grad)]).toEqual(c.prints);
    expectClose(x.grad!, tj(c, "grad"));
  });

  test("seed_no_grad", () => {
    const x = T(1, { requiresGrad: true });
    const y1 = x.pow(2);
    const y2 = torch.noGrad(() => x.pow(3));
    const y3 = y1.add(y2);
    const b = (v: boolean) => (v ? "True" : "False");
    expect([b(x.requiresGrad), String(y1), b(y1.requiresGrad), String(y2), b(y2.requiresGrad), String(y3), b(y3.requiresGrad)])
      .toEqual(get("seed_no_grad").prints);
  });

  test("seed_grad_data_zero", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    x.add(2).mul(3).mul(x.add(2)).mean().backward();
    x.sum().backward();
    const a = String(x.grad);
    const out3 = x.sum();
    x.grad!.data.zero_();
    out3.backward();
    expect([a, String(x.grad)]).toEqual(get("seed_grad_data_zero").prints);
  });
});

describe("errors in PyTorch's words", () => {
  const expectError = (name: string, fn: () => unknown) => expect(fn).toThrow(get(name).error!);
  test("second backward", () =>
    expectError("error_second_backward", () => {
      const x = T([1, 2], { requiresGrad: true });
      const y = x.mul(x).sum();
      y.backward();
      y.backward();
    }));
  test("non-scalar backward", () => expectError("error_nonscalar", () => T([1, 2], { requiresGrad: true }).mul(2).backward()));
  test("output without grad", () => expectError("error_no_grad", () => T([1, 2]).sum().backward()));
  test("unused input", () =>
    expectError("error_unused", () => {
      const x = T([1], { requiresGrad: true }), y = T([2], { requiresGrad: true });
      torch.autograd.grad(x.mul(2).sum(), [x, y]);
    }));
  test("requiresGrad on a non-leaf", () =>
    expectError("error_nonleaf_requires_grad", () => T([1], { requiresGrad: true }).mul(2).requiresGrad_(false)));
  test("requiresGrad on an int tensor", () =>
    expectError("error_int_requires_grad", () => torch.tensor([1, 2]).requiresGrad_(true)));
  test("gradient of the wrong shape", () =>
    expectError("error_grad_shape", () => T([1, 2], { requiresGrad: true }).mul(2).backward(T([1, 2, 3]))));
});

describe("engine semantics", () => {
  test("a shared subgraph is walked once and its grads summed", () => {
    const x = T([1, -2, 3], { requiresGrad: true });
    const y = x.mul(x);
    y.add(y.mul(x)).sum().backward();
    expectClose(x.grad!, tj(get("shared_subgraph"), "grad"));
  });

  test("hooks see the grad and may replace it", () => {
    const x = T([1, 2], { requiresGrad: true });
    const seen: Tensor[] = [];
    x.registerHook((g) => void seen.push(g.clone()));
    const y = x.mul(3);
    y.registerHook((g) => g.mul(10));
    y.sum().backward();
    const c = get("hooks");
    expectClose(x.grad!, tj(c, "grad"));
    expectClose(seen[0]!, tj(c, "seen"));
  });

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

  test("retainGrad keeps a non-leaf's grad", () => {
    const x = T([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.retainGrad();
    y.mul(y).sum().backward();
    const c = get("retain_grad");
    expectClose(y.grad!, tj(c, "ygrad"));
    expectClose(x.grad!, tj(c, "xgrad"));
    expect(y.retainsGrad).toBe(c.retains);
  });

  test("backward({ inputs }) accumulates only into the given tensors", () => {
    const x = T([1, 2], { requiresGrad: true }), w = T([3, 4], { requiresGrad: true });
    x.mul(w).sum().backward(null, { inputs: [x] });
    const c = get("backward_inputs");
    expectClose(x.grad!, tj(c, "xgrad"));
    expect(w.grad === null).toBe(c.wgrad_is_none);
  });

  test("detach and .data cut the graph", () => {
    const x = T([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    const b = (v: boolean) => (v ? "True" : "False");
    expect([b(d.requiresGrad), b(d.isLeaf), String(d), b(y.data.requiresGrad), b(x.data.isLeaf)]).toEqual(get("detach").prints);
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

describe("higher order", () => {
  test("grad of grad", () => {
    const x = T([1, 2, 3], { requiresGrad: true });
    const [g] = torch.autograd.grad(x.pow(3).sum(), x, null, { createGraph: true });
    const [g2] = torch.autograd.grad(g!.sum(), x);
    const c = get("grad_of_grad");
    expectClose(g!, tj(c, "g"));
    expectClose(g2!, tj(c, "g2"));
    expect(g!.gradFn!.name()).toBe(c.gfn);
  });

  test("autograd.grad with two inputs and allowUnused", () => {
    const x = T([0.5, -1], { requiresGrad: true }), y = T([2, 3], { requiresGrad: true });
    const [gx, gy] = torch.autograd.grad(x.mul(y).exp().sum(), [x, y], null, { allowUnused: true });
    const c = get("grad_two_inputs");
    expectClose(gx!, tj(c, "gx"));
    expectClose(gy!, tj(c, "gy"));
    const [hx, hz] = torch.autograd.grad(x.mul(2).sum(), [x, y], null, { allowUnused: true });
    expectClose(hx!, tj(get("grad_allow_unused"), "gx"));
    expect(hz).toBeNull();
  });

  test("backward with createGraph makes a differentiable .grad", () => {
    const x = T([1, 2], { requiresGrad: true });
    x.mul(x).sum().backward(null, { createGraph: true });
    const gx = x.grad!;
    x.grad = null;
    gx.sum().backward();
    const c = get("backward_create_graph");
    expectClose(gx, tj(c, "first"));
    expect(gx.gradFn!.name()).toBe(c.gfn);
    expectClose(x.grad!, tj(c, "second"));
  });
});

describe("autograd.functional", () => {
  const F = () => torch.autograd.functional;
  test("jacobian of the seed's exp_reducer", () => {
    const inputs = T([[0.5, 0.25, -0.5], [1, 0, -1]]);
    const jac = F().jacobian((x) => x.exp().sum(1), inputs) as Tensor;
    const c = get("jacobian_exp_reducer");
    expectClose(jac, tj(c, "jac"));
    expect(String(jac)).toBe(c.printed);
  });

  test("jacobian with several inputs and outputs", () => {
    const a = T([[1, 2], [3, 4]]).div(4), b = T([[0.5, -1], [2, 0.25]]);
    const jj = F().jacobian((p, q) => [p.mul(q).sum(0), p.exp()], [a, b]) as Tensor[][];
    const c = get("jacobian_tuple");
    expectClose(jj[0]![0]!, tj(c, "j00"));
    expectClose(jj[0]![1]!, tj(c, "j01"));
    expectClose(jj[1]![0]!, tj(c, "j10"));
    expectClose(jj[1]![1]!, tj(c, "j11"));
  });

  const cube = (x: Tensor) => x.pow(3).sum();
  const xh = () => T([1, -2, 0.5]);
  test("hessian", () => expectClose(F().hessian(cube, xh()) as Tensor, tj(get("hessian_cube"), "h")));
  test("vjp", () => {
    const [o, v] = F().vjp((x) => x.mul(x), T([1, 2]), T([1, 0.5]));
    expectClose(o as Tensor, tj(get("vjp_square"), "out"));
    expectClose(v as Tensor, tj(get("vjp_square"), "vjp"));
  });
  test("jvp", () => {
    const [o, v] = F().jvp((x) => x.mul(x).mul(x), T([1, 2]), T([1, 0.5]));
    expectClose(o as Tensor, tj(get("jvp_cube"), "out"));
    expectClose(v as Tensor, tj(get("jvp_cube"), "jvp"));
  });
  test("hvp and vhp", () => {
    const [o, v] = F().hvp(cube, xh(), T([1, 0, 2]));
    expectClose(o, tj(get("hvp_cube"), "out"));
    expectClose(v as Tensor, tj(get("hvp_cube"), "hvp"));
    const [o2, v2] = F().vhp(cube, xh(), T([1, 0, 2]));
    expectClose(o2, tj(get("vhp_cube"), "out"));
    expectClose(v2 as Tensor, tj(get("vhp_cube"), "vhp"));
  });
});
