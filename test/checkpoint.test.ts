// saveCheckpoint/loadCheckpoint: a run resumed from a checkpoint continues
// with the very losses of the run that went on (both are torchlet's, so the
// check is equality, bit for bit); the file's layout is PyTorch's names; bad
// files give clear errors and leave nothing behind. PyTorch reading the file
// is test/checkpoint.pytorch.test.ts.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { leakFree } from "./helpers/memory.js";

const { nn, optim } = torch;
type Opt = InstanceType<typeof optim.Adam> | InstanceType<typeof optim.SGD>;
type Sched = InstanceType<typeof optim.lrScheduler.StepLR>;

interface Run {
  model: InstanceType<typeof nn.Sequential>;
  opt: Opt;
  sched: Sched;
}

function makeRun(seed: number, kind: "adam" | "sgd"): Run {
  torch.manualSeed(seed);
  const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Tanh(), new nn.Linear(8, 3));
  const opt =
    kind === "adam"
      ? new optim.Adam(model.parameters(), { lr: 0.05, weightDecay: 0.01, amsgrad: true })
      : new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
  const sched = new optim.lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
  return { model, opt, sched };
}

function batch(): [Tensor, Tensor] {
  torch.manualSeed(123);
  return [torch.randn(16, 4)._own(), torch.randn(16, 3)._own()];
}

function train(run: Run, x: Tensor, y: Tensor, steps: number): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    torch.tidy(() => {
      run.opt.zeroGrad();
      const loss = nn.functional.mseLoss(run.model.forward(x) as Tensor, y);
      loss.backward();
      run.opt.step();
      run.sched.step();
      losses.push(loss.item() as number);
    });
  }
  return losses;
}

function dispose(run: Run): void {
  run.opt.dispose();
  run.model.dispose();
}

describe("resuming a run", () => {
  for (const kind of ["adam", "sgd"] as const) {
    test(`${kind}: the resumed run's losses equal the uninterrupted run's exactly`, () => {
      const [x, y] = batch();
      const a = makeRun(0, kind);
      train(a, x, y, 3);
      const bytes = torch.saveCheckpoint({ model: a.model, optimizer: a.opt, scheduler: a.sched, epoch: 3 });
      const rest = train(a, x, y, 5);
      // Fresh objects, other initial weights: all that carries over is the file.
      const b = makeRun(7, kind);
      torch.tidy(() => {
        const ck = torch.loadCheckpoint(bytes);
        expect(ck.epoch).toBe(3);
        b.model.loadStateDict(ck.model);
        b.opt.loadStateDict(ck.optimizer!);
        b.sched.loadStateDict(ck.scheduler!);
      });
      expect(b.sched.getLastLr()).toEqual([0.025 * (kind === "adam" ? 1 : 2)]);
      expect(train(b, x, y, 5)).toEqual(rest);
      dispose(a);
      dispose(b);
      x.dispose();
      y.dispose();
    });
  }

  test("state dicts work as the parts, and saving frees what it made", () => {
    const [x, y] = batch();
    const a = makeRun(0, "adam");
    train(a, x, y, 2);
    leakFree(() => {
      const one = torch.saveCheckpoint({ model: a.model, optimizer: a.opt, scheduler: a.sched });
      const two = torch.saveCheckpoint({
        model: a.model.stateDict(),
        optimizer: a.opt.stateDict(),
        scheduler: a.sched.stateDict(),
      });
      expect(two).toEqual(one);
    });
    dispose(a);
    x.dispose();
    y.dispose();
  });
});

describe("the layout", () => {
  test("tensors and JSON under PyTorch's names", () => {
    const [x, y] = batch();
    const a = makeRun(0, "adam");
    train(a, x, y, 2);
    leakFree(() => {
      const bytes = torch.saveCheckpoint({
        model: a.model,
        optimizer: a.opt,
        scheduler: a.sched,
        epoch: 2,
        extra: { best: Infinity, note: "Infinity NaN", worst: -Infinity, nan: NaN },
      });
      const names = Object.keys(torch.load(bytes)).sort();
      expect(names).toEqual(
        [
          "model.0.weight",
          "model.0.bias",
          "model.2.weight",
          "model.2.bias",
          ...[0, 1, 2, 3].flatMap((i) =>
            ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"].map((n) => `optimizer.state.${i}.${n}`),
          ),
        ].sort(),
      );
      const meta = torch.loadMetadata(bytes)!;
      expect(meta.format).toBe("pt");
      expect(meta.checkpoint).toBe("1");
      const o = JSON.parse(meta.optimizer!);
      expect(o.state["0"]).toEqual({ step: 2 });
      expect(o.param_groups[0]).toMatchObject({
        lr: 0.025,
        betas: [0.9, 0.999],
        weight_decay: 0.01,
        amsgrad: true,
        initial_lr: 0.05,
        params: [0, 1, 2, 3],
      });
      expect(JSON.parse(meta.scheduler!)).toMatchObject({
        step_size: 2,
        gamma: 0.5,
        base_lrs: [0.05],
        last_epoch: 2,
        _step_count: 3,
      });
      expect(meta.extra).toBe('{"best":Infinity,"note":"Infinity NaN","worst":-Infinity,"nan":NaN}');
      const ck = torch.loadCheckpoint(bytes);
      expect(ck.extra).toEqual({ best: Infinity, note: "Infinity NaN", worst: -Infinity, nan: NaN });
      expect(ck.optimizer!.paramGroups[0]).toMatchObject({ weightDecay: 0.01, initialLr: 0.05 });
      expect(Object.keys(ck.optimizer!.state[0]!).sort()).toEqual(["expAvg", "expAvgSq", "maxExpAvgSq", "step"]);
    });
    dispose(a);
    x.dispose();
    y.dispose();
  });

  test("ReduceLROnPlateau's infinite best round-trips", () => {
    const p = torch.zeros(2, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    const s = new optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    const fresh = torch.loadCheckpoint(torch.saveCheckpoint({ scheduler: s })).scheduler!;
    expect(fresh).toEqual(s.stateDict());
    s.step(1);
    s.step(2);
    const bytes = torch.saveCheckpoint({ scheduler: s });
    // Python's json reads the file's mode_worse: Infinity; JSON.parse would not.
    expect(torch.loadMetadata(bytes)!.scheduler).toContain('"mode_worse":Infinity');
    expect(torch.loadCheckpoint(bytes).scheduler).toMatchObject({ best: 1, modeWorse: Infinity, lastEpoch: 2 });
    const t = new optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    t.loadStateDict(torch.loadCheckpoint(bytes).scheduler!);
    expect(t.stateDict()).toEqual(s.stateDict());
    opt.dispose();
    p.dispose();
  });

  test("CosineAnnealingWarmRestarts' fields keep PyTorch's T_0, T_i, T_mult, T_cur", () => {
    const p = torch.zeros(2, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    const s = new optim.lrScheduler.CosineAnnealingWarmRestarts(opt, 3, { tMult: 2 });
    s.step();
    const meta = torch.loadMetadata(torch.saveCheckpoint({ scheduler: s }))!;
    expect(Object.keys(JSON.parse(meta.scheduler!))).toEqual(expect.arrayContaining(["T_0", "T_i", "T_mult", "T_cur"]));
    const back = torch.loadCheckpoint(torch.saveCheckpoint({ scheduler: s })).scheduler!;
    expect(back).toEqual(s.stateDict());
    opt.dispose();
    p.dispose();
  });
});

describe("bad files", () => {
  const good = (): Uint8Array => {
    const p = torch.ones(2, { requiresGrad: true });
    const opt = new optim.Adam([p]);
    p.grad = torch.ones(2);
    opt.step();
    const out = torch.saveCheckpoint({ model: { w: p }, optimizer: opt, epoch: 1 });
    opt.dispose();
    p.dispose();
    return out;
  };
  const withMeta = (meta: Record<string, string>, tensors: Record<string, Tensor> = {}): Uint8Array =>
    torch.save(tensors, { metadata: meta });

  const cases: [string, () => Uint8Array, RegExp][] = [
    ["a plain state dict", () => withMeta({ format: "pt" }), /is not a checkpoint/],
    ["no metadata", () => torch.save({}), /is not a checkpoint/],
    ["another version", () => withMeta({ checkpoint: "2" }), /checkpoint version "2" is not one this torchlet reads/],
    ["bad JSON", () => withMeta({ checkpoint: "1", epoch: "{" }), /the metadata "epoch" is not valid JSON/],
    ["a string epoch", () => withMeta({ checkpoint: "1", epoch: '"3"' }), /the epoch must be a number, but got string/],
    [
      "an optimizer without param_groups",
      () => withMeta({ checkpoint: "1", optimizer: '{"state":{}}' }),
      /"optimizer" must be \{"state": \{...\}, "param_groups": \[...\]\}/,
    ],
    [
      "a state key that is no index",
      () => withMeta({ checkpoint: "1", optimizer: '{"state":{"__proto__":{"step":1}},"param_groups":[]}' }),
      /optimizer state keys must be parameter indices, but got "__proto__"/,
    ],
    [
      "a string in the state",
      () => withMeta({ checkpoint: "1", optimizer: '{"state":{"0":{"step":"1"}},"param_groups":[]}' }),
      /optimizer state "step" of parameter 0 must be a number, but got string/,
    ],
    [
      "params that are not indices",
      () => withMeta({ checkpoint: "1", optimizer: '{"state":{},"param_groups":[{"params":[-1]}]}' }),
      /param_groups\[0\] must be an object with a params list of indices/,
    ],
    [
      "an unexpected tensor",
      () => withMeta({ checkpoint: "1" }, { "model.w": torch.ones(2), stray: torch.ones(1) }),
      /unexpected tensor "stray"/,
    ],
    [
      "a state tensor without optimizer metadata",
      () => withMeta({ checkpoint: "1" }, { "optimizer.state.0.exp_avg": torch.ones(1) }),
      /optimizer state tensors but no "optimizer" metadata/,
    ],
    [
      "a scheduler that is a list",
      () => withMeta({ checkpoint: "1", scheduler: "[1]" }),
      /the metadata "scheduler" must be a JSON object/,
    ],
    ["a truncated file", () => good().subarray(0, 40), /safetensors: /],
  ];
  for (const [what, make, message] of cases) {
    test(what, () => {
      leakFree(() => {
        const bytes = make();
        expect(() => torch.loadCheckpoint(bytes)).toThrow(message);
      });
    });
  }

  test("a good file loads, with no tensor left when it is disposed", () => {
    leakFree(() => {
      const ck = torch.loadCheckpoint(good());
      expect(ck.epoch).toBe(1);
      expect(ck.optimizer!.state[0]!.step).toBe(1);
      expect(ck.scheduler).toBeNull();
    });
  });

  test("a hostile scheduler state cannot replace a method, the prototype or a field's kind", () => {
    const p = torch.zeros(2, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    const s = new optim.lrScheduler.StepLR(opt, 2);
    const before = s.stateDict();
    const hostile: [string, RegExp][] = [
      ['{"__proto__":{"x":1}}', /"__proto__" is not a state field of the scheduler/],
      ['{"step":1}', /"step" is not a state field of the scheduler/],
      ['{"last_epoch":"x"}', /state "lastEpoch" must be a number, but got string/],
      ['{"base_lrs":["a"]}', /state "baseLrs" must be a list of numbers, but got Array/],
      ['{"gamma":[0.1]}', /state "gamma" must be a number, but got Array/],
    ];
    for (const [json, message] of hostile) {
      const ck = torch.loadCheckpoint(torch.save({}, { metadata: { checkpoint: "1", scheduler: json } }));
      expect(() => s.loadStateDict(ck.scheduler!)).toThrow(message);
    }
    expect(Object.getPrototypeOf(s)).toBe(optim.lrScheduler.StepLR.prototype);
    expect(s.stateDict()).toEqual(before);
    s.step();
    opt.dispose();
    p.dispose();
  });

  test("optimizer state with buffers but no step is refused, not overwritten by new buffers", () => {
    const p = torch.ones(2, { requiresGrad: true });
    const opt = new optim.Adam([p]);
    leakFree(() => {
      const sd = {
        state: { 0: { expAvg: torch.zeros(2), expAvgSq: torch.zeros(2) } },
        paramGroups: opt.stateDict().paramGroups,
      };
      expect(() => opt.loadStateDict(sd)).toThrow(/the state of parameter 0 has "expAvg" but no "step"/);
      const meta = { checkpoint: "1", optimizer: '{"state":{"0":null},"param_groups":[]}' };
      expect(() => torch.loadCheckpoint(torch.save({}, { metadata: meta }))).toThrow(
        /the optimizer state of parameter 0 must be an object/,
      );
    });
    opt.state.set(p, { expAvg: torch.zeros(2)._own() });
    p.grad = torch.ones(2);
    expect(() => opt.step()).toThrow(/Adam.step\(\): the state of a parameter has "expAvg" but no "step"/);
    opt.dispose();
    p.dispose();
  });

  test("saving refuses what JSON cannot hold", () => {
    expect(() => torch.saveCheckpoint({ extra: { t: torch.ones(1) } })).toThrow(
      /extra.t must be JSON .*but got Tensor/,
    );
    expect(() => torch.saveCheckpoint({ epochs: 1 } as never)).toThrow(/unknown part "epochs"/);
    expect(() => torch.saveCheckpoint({ model: { w: 1 } as never })).toThrow(/model\["w"\] must be a Tensor/);
  });
});
