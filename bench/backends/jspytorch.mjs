// js-pytorch 0.7 as a peer: PyTorch's API in plain JavaScript, values in
// nested JS arrays, CPU only (its GPU device needs gpu.js and the native
// `gl` module; package.json overrides that dependency with a stub).

import { torch } from "js-pytorch";
import { values, seed, mlpData, MLP, transposed, packageVersion } from "../data.mjs";

export const name = "js-pytorch";

export const variants = { cpu: { nodeFlags: [] } };

/** Larger matmuls take seconds per call (nested-array loops). */
export const maxSize = { matmul: 256 };

export async function setup() {
  return { version: packageVersion("js-pytorch"), threads: 1 };
}

/** Row-major values as the nested arrays js-pytorch stores. */
function nested(flat, shape) {
  if (shape.length === 1) return Array.from(flat);
  const [rows, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: rows }, (_, i) => nested(flat.subarray(i * size, (i + 1) * size), rest));
}

export const cases = {
  matmul(n) {
    const a = torch.tensor(nested(values(n * n, 1), [n, n]));
    const b = torch.tensor(nested(values(n * n, 2), [n, n]));
    return { run: () => torch.matmul(a, b), dispose: () => {} };
  },
  elementwise(n) {
    const a = torch.tensor(nested(values(n, 3), [n]));
    const b = torch.tensor(nested(values(n, 4), [n]));
    return { run: () => torch.add(torch.mul(torch.exp(a), b), a), dispose: () => {} };
  },
  /**
   * js-pytorch has no binary_cross_entropy_with_logits: mean(log(1 + exp(z)) - z y).
   * Its matmul backward needs matrices: x is [1, 5] and y [1, 3]. zero_grad()
   * each step, or every forward would add to the leaves' lists of children.
   */
  seed() {
    const x = torch.ones([1, 5]),
      y = torch.zeros([1, 3]);
    const w = torch.tensor(nested(seed.w, [5, 3]), true);
    const b = torch.tensor(nested(seed.b, [3]), true);
    return {
      run: () => {
        const z = torch.add(torch.matmul(x, w), b);
        const loss = torch.mean(torch.log(torch.add(torch.exp(z), 1)).sub(torch.mul(z, y)));
        loss.backward();
        w.zero_grad();
        b.zero_grad();
      },
      dispose: () => {},
    };
  },
  /** nn.Linear is x @ W + b with W [in, out]; SGD written as its Adam writes updates (p._data = (p - lr g)._data). */
  mlp() {
    const d = mlpData();
    const { batch, inputs, hidden, classes, lr } = MLP;
    const l1 = new torch.nn.Linear(inputs, hidden),
      l2 = new torch.nn.Linear(hidden, classes);
    l1.W._data = nested(transposed(d.w1, hidden, inputs), [inputs, hidden]);
    l1.b._data = nested(d.b1, [hidden]);
    l2.W._data = nested(transposed(d.w2, classes, hidden), [hidden, classes]);
    l2.b._data = nested(d.b2, [classes]);
    const relu = new torch.nn.ReLU(),
      lossFn = new torch.nn.CrossEntropyLoss();
    const x = torch.tensor(nested(d.x, [batch, inputs]));
    const y = torch.tensor(Array.from(d.labels));
    const params = [l1.W, l1.b, l2.W, l2.b];
    return {
      run: () => {
        const loss = lossFn.forward(l2.forward(relu.forward(l1.forward(x))), y);
        loss.backward();
        for (const p of params) p._data = p.add(p._grad.mul(-lr))._data;
        for (const p of params) p.zero_grad();
      },
      dispose: () => {},
    };
  },
};
