// Every optional argument also goes in the trailing options object
// (shared/API.md): each options form gives bit-for-bit what the positional
// form gives, the form the golden tests check against PyTorch (clamp in
// elementwise, the samplers and nn.init in random and nn). Draws are
// compared after the same manualSeed.
import { describe, expect, it } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

const nn = torch.nn;

const same = (a: Tensor, b: Tensor): void => {
  expect(a.dtype).toBe(b.dtype);
  expect(a.shape).toEqual(b.shape);
  expect(Array.from(a.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
    Array.from(b.toArray() as ArrayLike<number | bigint>, Number),
  );
};

/** Runs `make` twice from the same seed and compares the results. */
const sameDraws = (positional: () => Tensor, options: () => Tensor): void => {
  torch.manualSeed(7);
  const a = positional();
  torch.manualSeed(7);
  const b = options();
  same(a, b);
};

describe("options forms equal the positional forms", () => {
  const x = () =>
    torch.tensor(
      [
        [-2, -0.5, 0],
        [0.25, 1.5, 3],
      ],
      { dtype: "float32" },
    );

  it("clamp and clamp_", () => {
    same(torch.clamp(x(), { min: -1, max: 1 }), torch.clamp(x(), -1, 1));
    same(torch.clamp(x(), { max: 1 }), torch.clamp(x(), null, 1));
    same(torch.clamp(x(), { min: 0 }), torch.clamp(x(), 0));
    same(x().clamp(-1, { max: 1 }), x().clamp(-1, 1));
    same(x().clamp({ min: torch.zeros(3) }), x().clamp(torch.zeros(3)));
    same(x().clamp_({ max: 0.5 }), x().clamp_(null, 0.5));
    same(x().clamp_(0, { max: 1 }), x().clamp_(0, 1));
  });

  it("Tensor.uniform_, normal_ and bernoulli_", () => {
    sameDraws(
      () => torch.empty(4, 5).uniform_(-2, 3),
      () => torch.empty(4, 5).uniform_({ from: -2, to: 3 }),
    );
    sameDraws(
      () => torch.empty(4, 5).uniform_(-2, 3),
      () => torch.empty(4, 5).uniform_(-2, { to: 3 }),
    );
    sameDraws(
      () => torch.empty(4, 5).normal_(1, 0.5),
      () => torch.empty(4, 5).normal_({ mean: 1, std: 0.5 }),
    );
    sameDraws(
      () => torch.empty(4, 5).normal_(0, 0.5),
      () => torch.empty(4, 5).normal_({ std: 0.5 }),
    );
    sameDraws(
      () => torch.empty(4, 5).bernoulli_(0.3),
      () => torch.empty(4, 5).bernoulli_({ p: 0.3 }),
    );
    const g1 = new torch.Generator(3),
      g2 = new torch.Generator(3);
    same(torch.empty(6).normal_(2, 1, { generator: g1 }), torch.empty(6).normal_({ mean: 2, std: 1, generator: g2 }));
  });

  it("nn.init.uniform_, normal_ and calculateGain", () => {
    sameDraws(
      () => nn.init.uniform_(torch.empty(3, 4), -0.1, 0.1),
      () => nn.init.uniform_(torch.empty(3, 4), { a: -0.1, b: 0.1 }),
    );
    sameDraws(
      () => nn.init.normal_(torch.empty(3, 4), 0, 0.02),
      () => nn.init.normal_(torch.empty(3, 4), { mean: 0, std: 0.02 }),
    );
    sameDraws(
      () => nn.init.normal_(torch.empty(3, 4), 0, 0.02),
      () => nn.init.normal_(torch.empty(3, 4), { std: 0.02 }),
    );
    sameDraws(
      () => nn.init.normal_(torch.empty(3, 4), 1),
      () => nn.init.normal_(torch.empty(3, 4), 1, {}),
    );
    expect(nn.init.calculateGain("leaky_relu", { param: 0.2 })).toBe(nn.init.calculateGain("leaky_relu", 0.2));
  });

  it("flatten, squeeze and eye", () => {
    const t = () => torch.arange(24).reshape(2, 1, 3, 4);
    same(torch.flatten(t(), { startDim: 1, endDim: 2 }), torch.flatten(t(), 1, 2));
    same(t().flatten(1, { endDim: 2 }), t().flatten(1, 2));
    same(t().flatten({ startDim: 2 }), t().flatten(2));
    same(t().squeeze({ dim: 1 }), t().squeeze(1));
    same(torch.eye(2, { m: 3, dtype: "float64" }), torch.eye(2, 3, { dtype: "float64" }));
  });

  it("Module.train, requiresGrad_ and namedModules", () => {
    const m = new nn.Sequential(new nn.Linear(2, 2));
    expect(m.train({ mode: false }).training).toBe(false);
    expect(m.get(0).training).toBe(false);
    expect(m.train({}).training).toBe(true);
    m.requiresGrad_({ requiresGrad: false });
    expect(m.parameters().map((p) => p.requiresGrad)).toEqual([false, false]);
    expect(m.namedModules({ prefix: "net" }).map((e) => e[0])).toEqual(m.namedModules("net").map((e) => e[0]));
    m.dispose();
  });

  it("nn.functional.linear", () => {
    const f32 = (rows: number[] | number[][]) => torch.tensor(rows, { dtype: "float32" });
    const inp = f32([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const w = f32([
      [0.5, -1, 2],
      [1, 0, -0.5],
    ]);
    const b = f32([0.25, -2]);
    same(nn.functional.linear(inp, w, { bias: b }), nn.functional.linear(inp, w, b));
    same(nn.functional.linear(inp, w, {}), nn.functional.linear(inp, w));
  });

  it("backward, autograd.grad and nn.Flatten", () => {
    const w = torch.tensor([1, 2, 3], { dtype: "float32", requiresGrad: true });
    const v = torch.tensor([0.5, -1, 2], { dtype: "float32" });
    w.mul(w).backward(v);
    const positional = w.grad!.clone();
    w.grad = null;
    w.mul(w).backward({ gradient: v });
    same(w.grad!, positional);
    const [g1] = torch.autograd.grad(w.mul(w), w, v);
    const [g2] = torch.autograd.grad(w.mul(w), w, { gradOutputs: v });
    same(g2!, g1!);
    const [g3] = torch.autograd.grad(w.mul(w).sum(), w, { retainGraph: false });
    same(g3!, w.mul(2).detach());
    const t = torch.arange(24).reshape(2, 3, 4);
    same(new nn.Flatten({ startDim: 0, endDim: 1 }).call(t), new nn.Flatten(0, 1).call(t));
    same(new nn.Flatten(0, { endDim: 1 }).call(t), new nn.Flatten(0, 1).call(t));
    expect(String(new nn.Flatten({ endDim: 2 }))).toBe("Flatten(start_dim=1, end_dim=2)");
  });

  it("a value given both ways, or options not last, is a TypeError", () => {
    expect(() => torch.clamp(x(), 0, { min: 1 } as never)).toThrow("clamp(): got multiple values for argument 'min'");
    expect(() => nn.init.normal_(torch.empty(2), 0, 1, { std: 2 } as never)).toThrow(
      "normal_(): got multiple values for argument 'std'",
    );
    expect(() => (torch.zeros as (...a: unknown[]) => Tensor)({ dtype: "float64" }, 2)).toThrow(
      'zeros(): the options object must come last, after the sizes: zeros(2, 3, { dtype: "float64" })',
    );
  });
});
