// The Tensor methods PyTorch 1.13 has for nn activations (dir(torch.Tensor)
// against torch.nn.functional: hardshrink, log_softmax, prelu, relu, relu_,
// sigmoid, sigmoid_, softmax, tanh, tanh_): each gives what the functional
// form gives, values and node.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";

const F = torch.nn.functional;
const x = () =>
  torch.tensor(
    [
      [-1.5, -0.25, 0],
      [0.4, 0.75, 2],
    ],
    { requiresGrad: true },
  );

function expectSame(a: torch.Tensor, b: torch.Tensor): void {
  expect(a.shape).toEqual(b.shape);
  expect(Array.from(a.toArray() as Float32Array)).toEqual(Array.from(b.toArray() as Float32Array));
  expect(a.gradFn?.name()).toBe(b.gradFn?.name());
}

describe("activation Tensor methods equal nn.functional", () => {
  const pairs: [string, (t: torch.Tensor) => torch.Tensor, (t: torch.Tensor) => torch.Tensor][] = [
    ["hardshrink", (t) => t.hardshrink(), (t) => F.hardshrink(t)],
    ["hardshrink(lambd)", (t) => t.hardshrink(0.3), (t) => F.hardshrink(t, 0.3)],
    ["hardshrink({ lambd })", (t) => t.hardshrink({ lambd: 1 }), (t) => F.hardshrink(t, { lambd: 1 })],
    ["prelu", (t) => t.prelu(torch.tensor([0.25])), (t) => F.prelu(t, torch.tensor([0.25]))],
    ["relu", (t) => t.relu(), (t) => F.relu(t)],
    ["sigmoid", (t) => t.sigmoid(), (t) => torch.sigmoid(t)],
    ["tanh", (t) => t.tanh(), (t) => torch.tanh(t)],
    ["softmax", (t) => t.softmax(1), (t) => F.softmax(t, 1)],
    ["logSoftmax", (t) => t.logSoftmax(-1), (t) => F.logSoftmax(t, -1)],
    ["relu_", (t) => t.clone().relu_(), (t) => F.relu(t)],
    ["sigmoid_", (t) => t.clone().sigmoid_(), (t) => torch.sigmoid(t)],
    ["tanh_", (t) => t.clone().tanh_(), (t) => torch.tanh(t)],
  ];
  test.each(pairs)("%s", (_name, method, functional) => {
    torch.tidy(() => {
      const a = x();
      const m = method(a);
      const f = functional(a);
      expect(Array.from(m.toArray() as Float32Array)).toEqual(Array.from(f.toArray() as Float32Array));
      const [gm] = torch.autograd.grad(m.sum(), [a]);
      const [gf] = torch.autograd.grad(f.sum(), [a]);
      expectSame(gm!, gf!);
    });
  });
  test("hardshrink and prelu record the functional form's node", () => {
    torch.tidy(() => {
      const a = x();
      expectSame(a.hardshrink(0.5), F.hardshrink(a, 0.5));
      const w = torch.tensor([0.1]);
      expectSame(a.prelu(w), F.prelu(a, w));
    });
  });
});
