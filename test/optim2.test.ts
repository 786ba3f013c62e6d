// RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam, ASGD and LBFGS against
// PyTorch 1.13 (test/golden/gen_optim2.py, the optim2 conformance family):
// ten steps of every option set bit for bit, LBFGS to a tolerance. Plus
// what the family does not see: state layout, stateDict round trips,
// schedulers driving the new optimizers, and memory.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("optimizers step for step against PyTorch", () => {
  testFamily("optim2");
});

describe("optimizer state", () => {
  const param = () => torch.nn.Parameter(torch.tensor([0.5, -1, 2], { dtype: "float32" }));
  const grads = [
    [0.1, -0.2, 0.3],
    [-0.4, 0.5, 0.6],
    [0.7, -0.8, 0.9],
  ];
  const cases: [string, (p: Tensor[]) => torch.optim.Optimizer<object>, string[]][] = [
    [
      "RMSprop",
      (p) => new torch.optim.RMSprop(p, { momentum: 0.9, centered: true }),
      ["step", "squareAvg", "momentumBuffer", "gradAvg"],
    ],
    ["Adagrad", (p) => new torch.optim.Adagrad(p, { lrDecay: 0.1 }), ["step", "sum"]],
    ["Adadelta", (p) => new torch.optim.Adadelta(p), ["step", "squareAvg", "accDelta"]],
    ["Adamax", (p) => new torch.optim.Adamax(p), ["step", "expAvg", "expInf"]],
    ["NAdam", (p) => new torch.optim.NAdam(p), ["step", "muProduct", "expAvg", "expAvgSq"]],
    ["RAdam", (p) => new torch.optim.RAdam(p), ["step", "expAvg", "expAvgSq"]],
    ["ASGD", (p) => new torch.optim.ASGD(p, { t0: 1 }), ["step", "eta", "mu", "ax"]],
  ];
  for (const [name, make, keys] of cases) {
    test(`${name}: state keys in PyTorch's order; stateDict carries the run to a new optimizer`, () => {
      const a = param(),
        b = param();
      const o1 = make([a]),
        o2 = make([b]);
      torch.tidy(() => {
        a.grad = torch.tensor(grads[0]!, { dtype: "float32" });
        o1.step();
        const sd = o1.stateDict();
        expect(Object.keys(sd.state[0]!)).toEqual(keys);
        b.data.copy_(a);
        o2.loadStateDict(sd);
        for (const g of grads.slice(1)) {
          a.grad = torch.tensor(g, { dtype: "float32" });
          b.grad = torch.tensor(g, { dtype: "float32" });
          o1.step();
          o2.step();
        }
        expect(Array.from(b.toArray() as Float32Array)).toEqual(Array.from(a.toArray() as Float32Array));
      });
      o1.dispose();
      o2.dispose();
      a.dispose();
      b.dispose();
    });
  }

  test("Adagrad makes its state when it is made, as PyTorch", () => {
    const a = param();
    const opt = new torch.optim.Adagrad([a], { initialAccumulatorValue: 0.5 });
    expect(opt.state.get(a)!.step).toBe(0);
    expect(Array.from((opt.state.get(a)!.sum as Tensor).toArray() as Float32Array)).toEqual([0.5, 0.5, 0.5]);
    opt.dispose();
    a.dispose();
  });

  test("a scheduler drives the new optimizers' learning rates", () => {
    const a = param();
    const opt = new torch.optim.RMSprop([a], { lr: 0.1 });
    const sched = new torch.optim.lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
    const lrs: number[] = [];
    for (let i = 0; i < 4; i++) {
      a.grad = torch.ones(3);
      opt.step();
      sched.step();
      lrs.push(opt.paramGroups[0]!.lr);
    }
    expect(lrs).toEqual([0.1, 0.05, 0.05, 0.025]);
    opt.dispose();
    a.dispose();
  });

  test("LBFGS: stateDict carries the history to a new optimizer", () => {
    const target = torch.tensor([
      [1, -2, 0.5],
      [0.25, 3, -1],
    ]);
    const run = (p: Tensor, opt: torch.optim.LBFGS) =>
      opt.step(() => {
        opt.zeroGrad();
        const loss = p.sub(target).pow(4).sum();
        loss.backward();
        return loss;
      }) as Tensor;
    const a = torch.nn.Parameter(torch.full([2, 3], 0.5)),
      b = torch.nn.Parameter(torch.full([2, 3], 0.5));
    const o1 = new torch.optim.LBFGS([a], { maxIter: 3 }),
      o2 = new torch.optim.LBFGS([b], { maxIter: 3 });
    torch.tidy(() => {
      run(a, o1);
      b.data.copy_(a);
      o2.loadStateDict(o1.stateDict());
      run(a, o1);
      run(b, o2);
      expect(Array.from(b.toArray() as Float32Array)).toEqual(Array.from(a.toArray() as Float32Array));
    });
    o1.dispose();
    o2.dispose();
    torch.dispose([a, b, target]);
  });

  test("LBFGS refuses a second parameter group and a missing closure", () => {
    const a = param();
    const opt = new torch.optim.LBFGS([a]);
    expect(() => opt.addParamGroup({ params: [param()] })).toThrow(
      "LBFGS doesn't support per-parameter options (parameter groups)",
    );
    expect(() => (opt.step as () => void)()).toThrow("closure must be a function");
    opt.dispose();
    a.dispose();
  });
});
