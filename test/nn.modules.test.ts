// nn.Module and the layers against PyTorch 1.13 (test/golden/gen_nn.py):
// forward/backward of a Sequential MLP, stateDict keys and order, repr
// strings, loadStateDict messages, nn.init; plus registration, modes,
// zeroGrad and ownership (tidy, dispose). Each layer's seeded init, forward
// and backward are the nn family's cases (test/nn.functional.test.ts).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden, fromJson, expectClose, type TensorJson } from "./helpers/golden.js";

interface Case {
  name: string;
  [k: string]: unknown;
}

const golden = loadGolden<Case>("nn");
const get = <T = Case>(name: string): T => golden.cases.find((c) => c.name === name)! as unknown as T;
const nn = torch.nn;
const F = nn.functional;
const exact = { rtol: 0, atol: 0 };

function expectState(sd: Record<string, Tensor>, want: [string, TensorJson][], tol = exact): void {
  expect(Object.keys(sd)).toEqual(want.map((e) => e[0]));
  for (const [k, v] of want) expectClose(sd[k]!, v, tol, k);
}

// Seeded init (state and repr) and each module's forward and backward: the nn family's module_* cases,
// run by test/nn.functional.test.ts.
describe("modules", () => {
  test("Linear(bias: false) has bias null and no bias parameter", () => {
    const m = new nn.Linear(3, 2, { bias: false });
    expect(m.bias).toBeNull();
    expect(m.namedParameters().map((e) => e[0])).toEqual(["weight"]);
    m.dispose();
  });
});

describe("a Sequential MLP", () => {
  type Mlp = {
    seed: number;
    forward_seed: number;
    input: TensorJson;
    target: number[];
    state: [string, TensorJson][];
    out: TensorJson;
    loss: TensorJson;
    grads: [string, TensorJson][];
    repr: string;
    names: string[];
  };
  const c = get<Mlp>("module_sequential_mlp");
  const build = () => {
    torch.manualSeed(c.seed);
    return new nn.Sequential(
      new nn.Linear(8, 16),
      new nn.ReLU(),
      new nn.Linear(16, 16),
      new nn.GELU(),
      new nn.Dropout(0.25),
      new nn.LayerNorm(16),
      new nn.Linear(16, 3),
    );
  };
  test("init, forward (dropout under a seed), loss and grads match PyTorch", () => {
    const model = build();
    const before = torch.memory().bytesInUse;
    torch.tidy(() => {
      expectState(model.stateDict(), c.state);
      expect(model.namedParameters().map((e) => e[0])).toEqual(c.names);
      torch.manualSeed(c.forward_seed);
      const y = model.call(fromJson(c.input));
      expectClose(y, c.out, { rtol: 1e-5, atol: 1e-6 }, "out");
      const loss = F.crossEntropy(y, torch.tensor(c.target));
      expectClose(loss, c.loss, { rtol: 1e-5, atol: 1e-6 }, "loss");
      loss.backward();
    });
    for (const [name, g] of c.grads) {
      const p = model.namedParameters().find((e) => e[0] === name)![1];
      expectClose(p.grad!, g, { rtol: 1e-4, atol: 1e-6 }, `grad ${name}`);
    }
    model.zeroGrad();
    expect(torch.memory().bytesInUse).toBe(before);
    expect(String(model)).toBe(c.repr);
    model.eval();
    const e = get<{ input: TensorJson; out: TensorJson }>("module_sequential_mlp_eval");
    torch.tidy(() => expectClose(model.call(fromJson(e.input)), e.out, { rtol: 1e-5, atol: 1e-6 }, "eval out"));
    model.dispose();
  });
  test("model[i], at, length, iteration, append, named children", () => {
    const model = build();
    expect(model[0]).toBeInstanceOf(nn.Linear);
    expect(model.at(-1)).toBe(model[6]);
    expect(model.length).toBe(7);
    expect([...model].length).toBe(7);
    model.append(new nn.Tanh());
    expect(model.length).toBe(8);
    const named = new nn.Sequential({ fc: new nn.Linear(2, 2), act: new nn.Tanh() });
    expect(Object.keys(torch.tidy(() => named.stateDict()))).toEqual(["fc.weight", "fc.bias"]);
    expect(String(named)).toBe(
      "Sequential(\n  (fc): Linear(in_features=2, out_features=2, bias=True)\n  (act): Tanh()\n)",
    );
    model.dispose();
    named.dispose();
  });
});

describe("Module", () => {
  class Block extends nn.Module {
    norm = new nn.LayerNorm(4);
    proj = new nn.Linear(4, 4);
    override forward(x: Tensor): Tensor {
      return this.proj.call(this.norm.call(x));
    }
  }
  class Net extends nn.Module {
    scale: Tensor;
    block = new Block();
    head = new nn.Linear(4, 2);
    constructor() {
      super();
      this.scale = new nn.Parameter(torch.ones(4));
      this.registerBuffer("steps", torch.zeros([]));
      this.registerBuffer("cache", torch.zeros(2), { persistent: false });
    }
    override forward(x: Tensor): Tensor {
      return this.head.call(this.block.call(x.mul(this.scale)));
    }
  }

  test("registration order, dotted names, buffers (persistent or not)", () => {
    const net = new Net();
    const children = [
      "block.norm.weight",
      "block.norm.bias",
      "block.proj.weight",
      "block.proj.bias",
      "head.weight",
      "head.bias",
    ];
    expect(net.namedParameters().map((e) => e[0])).toEqual(["scale", ...children]);
    expect(net.namedBuffers().map((e) => e[0])).toEqual(["steps", "cache"]);
    const sd = torch.tidy(() => net.stateDict());
    // The module's own parameter and persistent buffer first, then its children's.
    expect(Object.keys(sd)).toEqual(["scale", "steps", ...children]);
    torch.dispose(sd);
    expect(net.namedModules().map((e) => e[0])).toEqual(["", "block", "block.norm", "block.proj", "head"]);
    expect(net.scale instanceof nn.Parameter).toBe(true);
    expect(net.block.proj.weight instanceof nn.Parameter).toBe(true);
    expect(torch.ones(1) instanceof nn.Parameter).toBe(false);
    net.dispose();
  });

  test("parameters and buffers survive tidy; dispose frees them", () => {
    const before = torch.memory().bytesInUse;
    const net = torch.tidy(() => new Net());
    expect(net.parameters().every((p) => !p.isDisposed)).toBe(true);
    torch.tidy(() => net.call(torch.ones(3, 4)).sum().backward());
    expect(net.head.weight.grad).not.toBeNull();
    net.dispose();
    expect(net.parameters().every((p) => p.isDisposed)).toBe(true);
    expect(torch.memory().bytesInUse).toBe(before);
  });

  test("train/eval reach every submodule; dropout follows", () => {
    const m = new nn.Sequential(new nn.Dropout(0.5), new nn.Sequential(new nn.Dropout(0.5)));
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    torch.tidy(() => {
      const x = torch.ones(8);
      expect(m.call(x)).toBe(x);
    });
    m.train();
    expect(m.modules().every((x) => x.training)).toBe(true);
  });

  test("zeroGrad: setToNone disposes the grads; otherwise zeroes them in place", () => {
    const lin = new nn.Linear(3, 2);
    torch.tidy(() => lin.call(torch.ones(4, 3)).sum().backward());
    const g = lin.weight.grad!;
    lin.zeroGrad({ setToNone: false });
    expect(lin.weight.grad).toBe(g);
    expect(Array.from(g.toArray() as ArrayLike<number | bigint>, Number)).toEqual([0, 0, 0, 0, 0, 0]);
    lin.zeroGrad();
    expect(lin.weight.grad).toBeNull();
    expect(g.isDisposed).toBe(true);
    lin.dispose();
  });

  test("loadStateDict copies values; messages are PyTorch's", () => {
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    const src = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    torch.tidy(() => {
      expect(m.loadStateDict(src.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
      expect(Array.from(m[0]!.parameters()[0]!.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
        Array.from(src[0]!.parameters()[0]!.toArray() as ArrayLike<number | bigint>, Number),
      );
      const sd = m.stateDict();
      delete sd["0.weight"];
      sd["extra"] = torch.zeros(1);
      sd["2.bias"] = torch.zeros(4);
      expect(() => m.loadStateDict(sd)).toThrow(get<{ message: string }>("module_load_state_dict_errors").message);
      const partial = m.stateDict();
      delete partial["0.bias"];
      partial["1.foo"] = torch.zeros(1);
      const want = get<{ missing: string[]; unexpected: string[] }>("module_load_state_dict_nonstrict");
      expect(m.loadStateDict(partial, { strict: false })).toEqual({
        missingKeys: want.missing,
        unexpectedKeys: want.unexpected,
      });
    });
    m.dispose();
    src.dispose();
  });

  test("a module without forward says so", () => {
    expect(() => new nn.Module().call(torch.zeros(1))).toThrow(
      'Module [Module] is missing the required "forward" function',
    );
  });

  test("reprs of the small modules", () => {
    const want = get<{ reprs: Record<string, string> }>("module_reprs").reprs;
    const made: Record<string, torch.nn.Module> = {
      ReLU: new nn.ReLU(),
      GELU: new nn.GELU(),
      GELU_tanh: new nn.GELU({ approximate: "tanh" }),
      Tanh: new nn.Tanh(),
      Sigmoid: new nn.Sigmoid(),
      SiLU: new nn.SiLU(),
      Dropout: new nn.Dropout(0.2),
      Dropout_default: new nn.Dropout(),
      Softmax: new nn.Softmax(1),
      LogSoftmax: new nn.LogSoftmax(-1),
      Identity: new nn.Identity(),
      Flatten: new nn.Flatten(),
      LayerNorm_noaffine: new nn.LayerNorm([2, 3], { elementwiseAffine: false }),
      Embedding: new nn.Embedding(10, 3),
    };
    for (const [k, m] of Object.entries(made)) expect(String(m), k).toBe(want[k]);
  });

  test("a parameter prints as PyTorch's", () => {
    const p = new nn.Parameter(torch.tensor([1, 2], { dtype: "float32" }));
    expect(String(p)).toBe("Parameter containing:\ntensor([1., 2.], requires_grad=True)");
    p.dispose();
  });
});

describe("nn.init", () => {
  test("gains and fans", () => {
    const c = get<{ gains: Record<string, number>; fans: Record<string, [number, number]> }>("init_gains_fans");
    for (const [k, v] of Object.entries(c.gains)) {
      const g = k === "leaky_relu_0.2" ? nn.init.calculateGain("leaky_relu", 0.2) : nn.init.calculateGain(k);
      expect(g, k).toBe(v);
    }
    for (const [k, [fanIn, fanOut]] of Object.entries(c.fans)) {
      const t = torch.empty(JSON.parse(k) as number[]);
      expect(nn.init.calculateFanInAndFanOut(t)).toEqual({ fanIn, fanOut });
      t.dispose();
    }
  });
  test("values under a seed", () => {
    const c = get<{ seed: number; shape: number[]; values: [string, TensorJson][] }>("init_seeded");
    const I = nn.init;
    const fns: Record<string, (t: Tensor) => Tensor> = {
      uniform_: (t) => I.uniform_(t, -0.5, 2.0),
      normal_: (t) => I.normal_(t, 1.0, 0.5),
      xavier_uniform_: (t) => I.xavierUniform_(t),
      xavier_uniform_gain: (t) => I.xavierUniform_(t, I.calculateGain("relu")),
      xavier_normal_: (t) => I.xavierNormal_(t),
      kaiming_uniform_: (t) => I.kaimingUniform_(t),
      kaiming_uniform_fan_out_relu: (t) => I.kaimingUniform_(t, { mode: "fan_out", nonlinearity: "relu" }),
      kaiming_normal_: (t) => I.kaimingNormal_(t),
      kaiming_normal_a: (t) => I.kaimingNormal_(t, { a: 0.1, mode: "fan_out" }),
      constant_: (t) => I.constant_(t, 0.3),
      zeros_: (t) => I.zeros_(t),
      ones_: (t) => I.ones_(t),
    };
    for (const [name, want] of c.values) {
      torch.tidy(() => {
        torch.manualSeed(c.seed);
        const t = torch.empty(c.shape, { requiresGrad: true });
        expect(fns[name]!(t)).toBe(t);
        // normal_ is Box-Muller in float math: allow an ulp or two.
        expectClose(t, want, name.includes("normal") ? { rtol: 1e-6, atol: 1e-7 } : exact, name);
      });
    }
  });
});
