// leaky_relu, elu, selu, celu, softplus, softsign, hardtanh, relu6,
// hardsigmoid, hardswish, mish, logsigmoid, tanhshrink, softshrink,
// hardshrink, threshold, glu, prelu, softmin, rrelu and gumbel_softmax
// against PyTorch 1.13 (test/golden/gen_activations2.py, the activations2
// conformance family), gradchecks and double backward in float64, and the
// properties of the random ones (their numbers come from torchlet's
// generator, not PyTorch's).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

const F = torch.nn.functional;

describe("activations against PyTorch", () => {
  testFamily("activations2");
});

// Inputs kept away from each op's kinks, where finite differences straddle two slopes.
const x =
  (avoid: number[] = [0]) =>
  () => [f64([3, 4], 7, -4, 4, avoid)];
const cases: GradCase[] = [
  ["leakyRelu", x(), (a) => F.leakyRelu(a!, { negativeSlope: 0.2 })],
  ["elu", x(), (a) => F.elu(a!, { alpha: 0.5 })],
  ["selu", x(), (a) => F.selu(a!)],
  ["celu", x(), (a) => F.celu(a!, { alpha: 2 })],
  ["softplus", x(), (a) => F.softplus(a!)],
  ["softplus beta threshold", x([0, 1.5]), (a) => F.softplus(a!, { beta: 2, threshold: 3 })],
  ["softsign", x(), (a) => F.softsign(a!)],
  ["hardtanh", x([-1, 1]), (a) => F.hardtanh(a!)],
  ["relu6", x([0, 6]), (a) => F.relu6(a!)],
  ["hardsigmoid", x([-3, 3]), (a) => F.hardsigmoid(a!)],
  ["hardswish", x([-3, 3]), (a) => F.hardswish(a!)],
  ["mish", x(), (a) => F.mish(a!)],
  ["logsigmoid", x(), (a) => F.logsigmoid(a!)],
  ["tanhshrink", x(), (a) => F.tanhshrink(a!)],
  ["softshrink", x([-0.5, 0.5]), (a) => F.softshrink(a!)],
  ["hardshrink", x([-0.5, 0.5]), (a) => F.hardshrink(a!)],
  ["threshold", x([0.5]), (a) => F.threshold(a!, 0.5, -2)],
  ["rrelu eval", x(), (a) => F.rrelu(a!)],
  ["glu", () => [f64([4, 6], 3)], (a) => F.glu(a!, { dim: 0 })],
  ["glu dim -1", () => [f64([2, 3, 4], 4)], (a) => F.glu(a!)],
  ["prelu shared", () => [f64([2, 3, 4], 5, -2, 2, [0]), f64([1], 6)], (a, w) => F.prelu(a!, w!)],
  ["prelu channels", () => [f64([2, 3, 4], 5, -2, 2, [0]), f64([3], 6)], (a, w) => F.prelu(a!, w!)],
  ["softmin", x(), (a) => F.softmin(a!, { dim: 1 })],
  ["leakyRelu_ on a clone", x(), (a) => F.leakyRelu_(a!.clone(), { negativeSlope: 0.3 })],
  ["elu_ on a clone", x(), (a) => F.elu_(a!.clone(), { alpha: 0.7 })],
  ["hardswish inplace on a clone", x([-3, 3]), (a) => F.hardswish(a!.clone(), { inplace: true })],
  ["mish inplace on a clone", x(), (a) => F.mish(a!.clone(), { inplace: true })],
];
gradcheckSuites(cases, { first: "gradcheck in float64", second: "gradgradcheck in float64" });

describe("in-place forms", () => {
  test("a negative slope in place cannot be differentiated, as in PyTorch", () => {
    torch.tidy(() => {
      const a = torch.tensor([-1, 2], { requiresGrad: true });
      const y = F.leakyRelu_(a.mul(1), { negativeSlope: -0.5 });
      expect(() => y.sum().backward()).toThrow(
        "In-place leakyReLu backward calculation is triggered with a negative slope",
      );
      const z = F.elu_(a.mul(1), { alpha: -1 });
      expect(() => z.sum().backward()).toThrow("In-place elu backward calculation is triggered with a negative slope");
    });
  });
  test("the in-place form returns its input", () => {
    torch.tidy(() => {
      const a = torch.tensor([-1, 2], { dtype: "float32" });
      expect(F.hardtanh_(a, { minVal: -0.5 })).toBe(a);
      expect(a.tolist()).toEqual([-0.5, 1]);
    });
  });
});

describe("random activations", () => {
  test("rrelu in training draws slopes in [lower, upper] and backpropagates them", () => {
    torch.tidy(() => {
      torch.manualSeed(0);
      const a = torch.tensor([-1, -2, -4, 3, 0.5], { requiresGrad: true });
      const y = F.rrelu(a, { lower: 0.25, upper: 0.5, training: true });
      expect(y.gradFn?.name()).toBe("RreluWithNoiseBackward0");
      const slopes = (y.div(a).tolist() as number[]).slice(0, 3);
      for (const s of slopes) expect(s >= 0.25 && s <= 0.5).toBe(true);
      expect((y.tolist() as number[]).slice(3)).toEqual([3, 0.5]);
      y.sum().backward();
      expect((a.grad!.tolist() as number[]).slice(0, 3)).toEqual(slopes.map((s) => Math.fround(s)));
    });
  });
  test("gumbelSoftmax: rows sum to 1; hard gives one-hot rows with the soft sample's grads", () => {
    torch.tidy(() => {
      torch.manualSeed(1);
      const logits = torch.randn([5, 7], { dtype: "float64" }).requiresGrad_();
      const soft = F.gumbelSoftmax(logits, { tau: 0.5 });
      expect(soft.gradFn?.name()).toBe("SoftmaxBackward0");
      for (const s of soft.sum(1).tolist() as number[]) expect(s).toBeCloseTo(1, 12);
      const hard = F.gumbelSoftmax(logits, { hard: true, dim: 1 });
      expect(hard.gradFn?.name()).toBe("AddBackward0");
      for (const row of hard.tolist() as number[][]) {
        expect(row.filter((v) => v === 1).length).toBe(1);
        expect(row.filter((v) => v === 0).length).toBe(6);
      }
      // hard = onehot - soft.detach() + soft: its grad is the soft sample's, a softmax's (rows sum to 0).
      const w = torch.randn([5, 7], { dtype: "float64" });
      const [g] = torch.autograd.grad(hard.mul(w).sum(), [logits]);
      for (const s of g!.sum(1).tolist() as number[]) expect(Math.abs(s)).toBeLessThan(1e-12);
    });
  });
  test("gumbelSoftmax through a fixed noise: the grad of softmax((logits + g) / tau)", () => {
    torch.tidy(() => {
      torch.manualSeed(2);
      const logits = torch.randn([3, 4], { dtype: "float64" }).requiresGrad_();
      torch.manualSeed(3);
      const y = F.gumbelSoftmax(logits, { tau: 2 });
      torch.manualSeed(3);
      const noise = torch.randLike(logits).neg().log1p().neg().log().neg();
      const ref = torch.softmax(logits.add(noise).div(2), -1);
      expect(y.sub(ref).abs().max().item()).toBe(0);
    });
  });
});

describe("kernels", () => {
  // A unit-stride float32 row runs four lanes at a time, a strided one the scalar form: the same bits.
  const values = [-25, -4, -3.5, -3, -1, -0.5, -1e-6, -0, 0, 1e-6, 0.5, 1, 2.9, 3, 3.25, 6, 19.5, 25, NaN, Infinity];
  const ops: [string, (t: torch.Tensor) => torch.Tensor][] = [
    ["leakyRelu", (t) => F.leakyRelu(t, { negativeSlope: 0.2 })],
    ["elu", (t) => F.elu(t, { alpha: 0.5 })],
    ["selu", (t) => F.selu(t)],
    ["celu", (t) => F.celu(t, { alpha: 2 })],
    ["softplus", (t) => F.softplus(t, { beta: 2, threshold: 3 })],
    ["hardtanh", (t) => F.hardtanh(t)],
    ["hardsigmoid", (t) => F.hardsigmoid(t)],
    ["hardswish", (t) => F.hardswish(t)],
    ["mish", (t) => F.mish(t)],
    ["logsigmoid", (t) => F.logsigmoid(t)],
    ["threshold", (t) => F.threshold(t, 0.5, -2)],
    ["softshrink", (t) => F.softshrink(t)],
    ["hardshrink", (t) => F.hardshrink(t)],
  ];
  test.each(ops)("%s: four lanes and the scalar form agree bit for bit, forward and backward", (_name, f) => {
    torch.tidy(() => {
      const n = values.length;
      const base = torch.tensor(
        values.flatMap((v) => [v, 7]),
        { dtype: "float32" },
      );
      const strided = base.slice(0, null, null, 2).requiresGrad_();
      const dense = torch.tensor(values, { dtype: "float32", requiresGrad: true });
      const g = torch.linspace(-2, 2, n);
      const [ys, yd] = [f(strided), f(dense)];
      const [gs] = torch.autograd.grad(ys, [strided], g);
      const [gd] = torch.autograd.grad(yd, [dense], g);
      const same = (a: torch.Tensor, b: torch.Tensor) =>
        Array.from(a.toArray() as Float32Array).every((v, i) => Object.is(v, (b.toArray() as Float32Array)[i]));
      expect(same(ys, yd)).toBe(true);
      expect(same(gs!, gd!)).toBe(true);
    });
  });
});
