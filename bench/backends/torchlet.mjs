// torchlet as a benchmark backend: the bundle users import (dist/index.js).
// A backend module exports `name`, `variants` (columns, with the Node flags
// each needs), `setup(variant)` and `cases`: one function per benchmark that
// returns the work to time (`run`, a closure; `async: true` when it returns a
// promise) and a `dispose`. run.mjs puts each variant in its own column.

import * as torch from "../../dist/index.js";
import { values, seed, mlpData, MLP, BN, packageVersion, CONV, pairCases } from "../data.mjs";
import { netCases } from "./torchlet-nets.mjs";

export const name = "torchlet";

/** Variants are columns of their own: the two binaries torchlet ships. */
export const variants = {
  baseline: { nodeFlags: [] },
  relaxed: { nodeFlags: ["--experimental-wasm-relaxed-simd"] },
};

export async function setup(variant) {
  await torch.init({ simd: variant });
  const info = torch.backendInfo();
  if (info.simd !== variant) throw new Error(`asked for ${variant} SIMD, got ${info.simd}`);
  return { version: packageVersion("torchlet"), simd: info.simd, threads: 1 };
}

const F = torch.nn.functional;

export const cases = {
  ...pairCases({
    tensor: torch.fromArray,
    free: torch.dispose,
    mm: (a, b) => torch.mm(a, b).dispose(),
    expMulAdd: (a, b) => torch.tidy(() => torch.add(torch.mul(torch.exp(a), b), a)).dispose(),
  }),
  /** The seed program, forward and backward; grads accumulate into w.grad and b.grad as in PyTorch. */
  seed() {
    const x = torch.ones(5),
      y = torch.zeros(3);
    const w = torch.fromArray(seed.w, [5, 3]).requiresGrad_();
    const b = torch.fromArray(seed.b, [3]).requiresGrad_();
    return {
      run: () =>
        torch.tidy(() => {
          const z = torch.add(torch.matmul(x, w), b);
          F.binaryCrossEntropyWithLogits(z, y).backward();
        }),
      dispose: () => torch.dispose([x, y, w, b]),
    };
  },
  /** One SGD step of a 784-256-10 MLP on a 64-example batch. */
  mlp() {
    const d = mlpData();
    const model = new torch.nn.Sequential(
      new torch.nn.Linear(MLP.inputs, MLP.hidden),
      new torch.nn.ReLU(),
      new torch.nn.Linear(MLP.hidden, MLP.classes),
    );
    torch.noGrad(() => {
      model[0].weight.copy_(torch.fromArray(d.w1, [MLP.hidden, MLP.inputs]));
      model[0].bias.copy_(torch.fromArray(d.b1, [MLP.hidden]));
      model[2].weight.copy_(torch.fromArray(d.w2, [MLP.classes, MLP.hidden]));
      model[2].bias.copy_(torch.fromArray(d.b2, [MLP.classes]));
    });
    const x = torch.fromArray(d.x, [MLP.batch, MLP.inputs]);
    const labels = torch.fromArray(d.labels, [MLP.batch]);
    const opt = new torch.optim.SGD(model.parameters(), { lr: MLP.lr });
    return {
      run: () =>
        torch.tidy(() => {
          opt.zeroGrad();
          F.crossEntropy(model.call(x), labels).backward();
          opt.step();
        }),
      dispose: () => {
        torch.dispose([x, labels]);
        model.dispose();
      },
    };
  },
  /** F.batchNorm in training mode (batch statistics, running stats updated), then its backward to x, weight and bias. */
  batchnorm() {
    const shape = [BN.batch, BN.channels, BN.size, BN.size];
    const n = shape.reduce((a, b) => a * b, 1);
    const x = torch.fromArray(values(n, 5), shape).requiresGrad_();
    const g = torch.fromArray(values(n, 6), shape);
    const w = torch.fromArray(values(BN.channels, 7), [BN.channels]).requiresGrad_();
    const b = torch.fromArray(values(BN.channels, 8), [BN.channels]).requiresGrad_();
    const rm = torch.zeros(BN.channels),
      rv = torch.ones(BN.channels);
    return {
      run: () =>
        torch.tidy(() => {
          const grads = torch.autograd.grad(
            F.batchNorm(x, rm, rv, { weight: w, bias: b, training: true }),
            [x, w, b],
            g,
          );
          torch.dispose(grads);
        }),
      dispose: () => torch.dispose([x, g, w, b, rm, rv]),
    };
  },
  /** conv2d 3x3 with padding 1 and a bias, NCHW. */
  conv2d() {
    const { batch: n, channels: c, size: s, kernel: k } = CONV;
    const x = torch.fromArray(values(n * c * s * s, 5), [n, c, s, s]);
    const w = torch.fromArray(values(c * c * k * k, 6), [c, c, k, k]);
    const b = torch.fromArray(values(c, 7), [c]);
    return {
      run: () => F.conv2d(x, w, b, { padding: 1 }).dispose(),
      dispose: () => torch.dispose([x, w, b]),
    };
  },
  /** The same conv2d, then backward of the sum: grads of input, weight and bias (accumulated). */
  conv2dTrain() {
    const { batch: n, channels: c, size: s, kernel: k } = CONV;
    const x = torch.fromArray(values(n * c * s * s, 5), [n, c, s, s]).requiresGrad_();
    const w = torch.fromArray(values(c * c * k * k, 6), [c, c, k, k]).requiresGrad_();
    const b = torch.fromArray(values(c, 7), [c]).requiresGrad_();
    return {
      run: () => torch.tidy(() => F.conv2d(x, w, b, { padding: 1 }).sum().backward()),
      dispose: () => torch.dispose([x, w, b]),
    };
  },
  ...netCases,
};
