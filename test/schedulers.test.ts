// optim.lrScheduler against PyTorch 1.13 (test/golden/gen_schedulers.py):
// every scheduler, several option sets, 100 steps; the learning rates (and
// cycled momenta) after every step, exactly where no libm function is in the
// formula (scheduleTol says where and why not). Plus PyTorch's messages,
// stateDict round trips in mid-schedule, and the API spelled as API.md says.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { closeTensor } from "./conformance/check.js";
import { ulpDistance } from "./conformance/ulp.js";
import { errorOf } from "./conformance/values.js";
import {
  optimizerOf,
  runSchedule,
  scheduleTol,
  schedulerOf,
  type SchedulerCase,
} from "./conformance/families/schedulers.js";

const golden = loadGolden<SchedulerCase>("schedulers");
const { lrScheduler } = torch.optim;

describe("schedulers step for step against PyTorch", () => {
  for (const c of golden.cases.filter((k) => k.error === undefined)) {
    test(c.name, () => {
      const got = runSchedule(torch, c);
      const tol = scheduleTol(c);
      for (const key of ["lastLr", "groupLr", "momentum"] as const) {
        const why = closeTensor(got[key], c[key]!, tol);
        if (why !== null) expect.fail(`${key}: ${why}`);
      }
    });
  }

  test("most schedules are bit-identical; the rest within a few ulp", () => {
    let exact = 0,
      worst = 0;
    for (const c of golden.cases.filter((k) => k.error === undefined)) {
      const got = runSchedule(torch, c);
      const d = Math.max(
        ...got.lastLr.data.map((v, i) => ulpDistance(v as number, c.lastLr!.data[i] as number, "float64")),
      );
      if (d === 0) exact++;
      if (process.env.SCHED_ULPS) console.log(c.name, d);
      worst = Math.max(worst, d);
    }
    expect(exact).toBeGreaterThanOrEqual(30); // 32 of 44 in Node
    expect(worst).toBeLessThanOrEqual(8); // 6 in Node
  });
});

describe("PyTorch's messages for bad arguments", () => {
  for (const c of golden.cases.filter((k) => k.error !== undefined)) {
    test(c.name, () => {
      const msg = errorOf(() => {
        const { opt } = optimizerOf(torch, c);
        const s = schedulerOf(torch, opt, c.spec);
        for (let k = 0; k < (c.steps ?? 0); k++) s.step();
      });
      expect(msg).toContain(c.error!);
    });
  }

  test("not an optimizer, unknown options", () => {
    expect(() => new lrScheduler.StepLR({} as never, 3)).toThrow("Object is not an Optimizer");
    const opt = new torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], { lr: 0.1 });
    expect(() => new lrScheduler.StepLR(opt, 3, { gama: 0.5 } as never)).toThrow('unknown option "gama"');
    expect(() => new lrScheduler.StepLR(opt, 3, { lastEpoch: 4 })).toThrow(
      "param 'initial_lr' is not specified in param_groups[0]",
    );
  });
});

describe("scheduler API", () => {
  const setup = (lr = 0.1) => {
    const p = torch.nn.Parameter(torch.zeros(2));
    return new torch.optim.SGD([p], { lr, momentum: 0.9 });
  };

  test("StepLR as API.md spells it, getLastLr and the group's lr", () => {
    const opt = setup();
    const s = new lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
    expect(s.getLastLr()).toEqual([0.1]);
    s.step();
    s.step();
    expect(s.getLastLr()).toEqual([0.05]);
    expect(opt.paramGroups[0]!.lr).toBe(0.05);
    expect((opt.paramGroups[0] as unknown as { initialLr: number }).initialLr).toBe(0.1);
  });

  // A scheduler saved at step 37 and loaded into a new one over a fresh
  // optimizer (with the optimizer's lr restored, as a checkpoint does)
  // continues exactly as the original.
  const resumable = [
    "step_gamma",
    "multistep_repeat",
    "cosine_eta",
    "warm_restarts_mult",
    "linear_opts",
    "polynomial_opts",
    "onecycle_linear",
    "cyclic_tri2",
    "sequential_three",
    "chained_three",
    "plateau_opts",
    "lambda_list",
    "multiplicative_list",
  ];
  for (const name of resumable) {
    test(`stateDict round trip: ${name}`, () => {
      const c = golden.cases.find((k) => k.name === name)!;
      const a = optimizerOf(torch, c),
        b = optimizerOf(torch, c);
      const sa = schedulerOf(torch, a.opt, c.spec) as unknown as {
        step(m?: number): void;
        getLastLr(): number[];
        stateDict(): object;
      };
      const sb = schedulerOf(torch, b.opt, c.spec) as unknown as {
        step(m?: number): void;
        getLastLr(): number[];
        loadStateDict(s: object): void;
      };
      const stepAt = (s: { step(m?: number): void }, k: number) => (c.metrics ? s.step(c.metrics[k]) : s.step());
      for (let k = 0; k < 37; k++) stepAt(sa, k);
      const saved = JSON.parse(JSON.stringify(sa.stateDict())) as object; // plain data: survives JSON
      sb.loadStateDict(saved);
      b.opt.paramGroups.forEach((g, i) => Object.assign(g, { ...a.opt.paramGroups[i]!, params: g.params }));
      for (let k = 37; k < 100; k++) {
        stepAt(sa, k);
        stepAt(sb, k);
        expect(sb.getLastLr()).toEqual(sa.getLastLr());
      }
      const last = {
        shape: [c.groups.length],
        dtype: "float64" as const,
        data: c.lastLr!.data.slice(-c.groups.length),
      };
      expect(closeTensor({ ...last, data: sb.getLastLr() }, last, scheduleTol(c))).toBeNull();
    });
  }

  test("stateDict holds numbers and lists only, not the optimizer or functions", () => {
    const opt = setup();
    const s = new lrScheduler.LambdaLR(opt, (e) => 0.9 ** e);
    const sd = s.stateDict();
    expect(sd.optimizer).toBeUndefined();
    expect(sd.lrLambdas).toEqual([null]);
    expect(sd.baseLrs).toEqual([0.1]);
    expect(sd.lastEpoch).toBe(0);
  });

  test("ReduceLROnPlateau takes a one-element tensor as the metric", () => {
    const opt = setup();
    const s = new lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    s.step(torch.tensor(1.0));
    s.step(torch.tensor(2.0));
    expect(s.getLastLr()[0]).toBeCloseTo(0.01, 15);
  });

  test("OneCycleLR cycles Adam's beta1", () => {
    const p = torch.nn.Parameter(torch.zeros(2));
    const opt = new torch.optim.Adam([p]);
    new lrScheduler.OneCycleLR(opt, 0.01, { totalSteps: 10 });
    expect(opt.paramGroups[0]!.betas).toEqual([0.95, 0.999]);
  });

  test("verbose prints as PyTorch", () => {
    const opt = setup();
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    try {
      new lrScheduler.ExponentialLR(opt, 0.5, { verbose: true }).step();
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([
      "Adjusting learning rate of group 0 to 1.0000e-01.",
      "Adjusting learning rate of group 0 to 5.0000e-02.",
    ]);
  });
});
