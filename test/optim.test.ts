// torch.optim against PyTorch 1.13 (test/golden/gen_optim.py): SGD, Adam and
// AdamW over five steps with fixed gradients, every option, parameter
// groups, float32 and float64: parameters after every step and the final
// state agree bit for bit (the optim conformance family; here also versions
// and memory left behind). Plus messages, zeroGrad, stateDict and memory.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { fromJson } from "./helpers/golden.js";
import { testFamily } from "./helpers/family.js";
import { makeOptimizer } from "./conformance/families/optim.js";
import type { OptimCase } from "./conformance/goldenCases.js";

describe("optimizers step for step, and their messages, against PyTorch", () => {
  testFamily<OptimCase>("optim", (_c, _observed, g) => {
    if (g.error !== undefined) return;
    // Beyond the values: step() updates each parameter in place once (its version goes up by one).
    const params = g.start!.map((s) => torch.nn.Parameter(fromJson(s)));
    const opt = makeOptimizer(torch, g, params);
    for (const stepGrads of g.grads!) {
      params.forEach((p, i) => (p.grad = fromJson(stepGrads[i]!)));
      const versions = params.map((p) => p._version);
      opt.step();
      expect(params.map((p) => p._version)).toEqual(versions.map((v) => v + 1));
      opt.zeroGrad();
    }
    opt.dispose();
    params.forEach((p) => p.dispose());
  });
});

describe("optimizer API", () => {
  const p = () => torch.nn.Parameter(torch.zeros(2));
  test("zeroGrad disposes grads by default, or zeroes them in place", () => {
    const w = p();
    const opt = new torch.optim.SGD([w], { lr: 0.1 });
    w.grad = torch.ones(2);
    const g = w.grad;
    opt.zeroGrad({ setToNone: false });
    expect(w.grad).toBe(g);
    expect(Array.from(g.toArray() as ArrayLike<number | bigint>, Number)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
    expect(g.isDisposed).toBe(true);
    w.dispose();
  });

  test("parameters without grads are skipped; state is owned and survives tidy", () => {
    const a = p(),
      b = p();
    const opt = new torch.optim.Adam([a, b], { lr: 0.1 });
    torch.tidy(() => {
      a.grad = torch.ones(2);
      opt.step();
    });
    expect(opt.state.has(a)).toBe(true);
    expect(opt.state.has(b)).toBe(false);
    expect((opt.state.get(a)!.expAvg as Tensor).isDisposed).toBe(false);
    expect(Array.from(b.toArray() as ArrayLike<number | bigint>, Number)).toEqual([0, 0]);
    opt.dispose();
    a.dispose();
    b.dispose();
  });

  test("stateDict and loadStateDict carry the state to a new optimizer", () => {
    const a = torch.nn.Parameter(torch.tensor([1, 2], { dtype: "float32" }));
    const b = torch.nn.Parameter(torch.tensor([1, 2], { dtype: "float32" }));
    const o1 = new torch.optim.Adam([a], { lr: 0.1 });
    const o2 = new torch.optim.Adam([b], { lr: 0.5 });
    torch.tidy(() => {
      a.grad = torch.tensor([0.5, -1], { dtype: "float32" });
      o1.step();
      b.data.copy_(a);
      const sd = o1.stateDict();
      expect(Object.keys(sd.state[0]!)).toEqual(["step", "expAvg", "expAvgSq"]);
      expect(sd.paramGroups[0]!.params).toEqual([0]);
      o2.loadStateDict(sd);
      expect(o2.paramGroups[0]!.lr).toBe(0.1);
      a.grad = torch.tensor([0.25, 1], { dtype: "float32" });
      b.grad = torch.tensor([0.25, 1], { dtype: "float32" });
      o1.step();
      o2.step();
      expect(Array.from(b.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
        Array.from(a.toArray() as ArrayLike<number | bigint>, Number),
      );
    });
    o1.dispose();
    o2.dispose();
    a.dispose();
    b.dispose();
  });

  test("a non-contiguous parameter is updated through a contiguous copy", () => {
    const base = torch.tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: "float32" },
    );
    const w = torch.nn.Parameter(base.t());
    const opt = new torch.optim.SGD([w], { lr: 0.5 });
    torch.tidy(() => {
      w.grad = torch.tensor(
        [
          [2, 2],
          [4, 4],
          [6, 6],
        ],
        { dtype: "float32" },
      );
      opt.step();
    });
    expect(w.tolist()).toEqual([
      [0, 3],
      [0, 3],
      [0, 3],
    ]);
    expect(base.tolist()).toEqual([
      [0, 0, 0],
      [3, 3, 3],
    ]);
    opt.zeroGrad();
    w.dispose();
    base.dispose();
  });

  test("step(closure) runs the closure with grad enabled and returns its loss", () => {
    const w = torch.nn.Parameter(torch.tensor([3], { dtype: "float32" }));
    const opt = new torch.optim.SGD([w], { lr: 0.25 });
    torch.noGrad(() => {
      const loss = opt.step(() => {
        opt.zeroGrad();
        const l = w.square().sum();
        l.backward();
        return l.item();
      });
      expect(loss).toBe(9);
    });
    expect(w.item()).toBe(1.5);
    opt.zeroGrad();
    w.dispose();
  });
});
