// jax-js 0.1 as a peer, on its wasm device (one thread: Node 20 has no global
// Worker, which its thread pool needs). Arrays are lazy and reference-counted
// (every op consumes its arguments; `.ref` keeps one), so each call ends with
// `await blockUntilReady(...)` and the work is timed to completion.
// Variants: eager ops, and the same functions under jit (fused kernels), in
// the baseline-SIMD and relaxed-SIMD engines.

import { init, numpy as np, nn, jit, grad, valueAndGrad, defaultDevice, tree, blockUntilReady } from "@jax-js/jax";
import { values, seed, mlpData, MLP, transposed, packageVersion, ATTN, inputValues } from "../data.mjs";

export const name = "jax-js";

export const variants = {
  eager: { nodeFlags: [] },
  jit: { nodeFlags: [] },
  "jit relaxed": { nodeFlags: ["--experimental-wasm-relaxed-simd"] },
};

let useJit = false;

export async function setup(variant) {
  await init("wasm");
  defaultDevice("wasm");
  useJit = variant !== "eager";
  return {
    version: packageVersion("@jax-js/jax"),
    device: "wasm",
    jit: useJit,
    threads: typeof Worker === "undefined" ? 1 : "pool",
  };
}

const maybeJit = (f) => (useJit ? jit(f) : f);

export const cases = {
  matmul(n) {
    const a = np.array(values(n * n, 1)).reshape([n, n]);
    const b = np.array(values(n * n, 2)).reshape([n, n]);
    const f = maybeJit((a, b) => np.matmul(a, b));
    return {
      async: true,
      run: async () => (await blockUntilReady(f(a.ref, b.ref))).dispose(),
      dispose: () => [a, b].forEach((t) => t.dispose()),
    };
  },
  elementwise(n) {
    const a = np.array(values(n, 3));
    const b = np.array(values(n, 4));
    const f = maybeJit((a, b) => np.exp(a.ref).mul(b).add(a));
    return {
      async: true,
      run: async () => (await blockUntilReady(f(a.ref, b.ref))).dispose(),
      dispose: () => [a, b].forEach((t) => t.dispose()),
    };
  },
  /** BCE with logits written as jax.nn does: mean(max(z, 0) - z y + log1p(exp(-|z|))); grad w.r.t. (w, b). */
  seed() {
    const x = np.ones([5]),
      y = np.zeros([3]);
    const w = np.array(seed.w).reshape([5, 3]),
      b = np.array(seed.b);
    const loss = (w, b) => {
      const z = np.matmul(x.ref, w).add(b);
      return np.mean(
        np
          .maximum(z.ref, 0)
          .sub(z.ref.mul(y.ref))
          .add(np.log1p(np.exp(np.negative(np.abs(z))))),
      );
    };
    const g = maybeJit(grad(loss, { argnums: [0, 1] }));
    return {
      async: true,
      run: async () => {
        const grads = await blockUntilReady(g(w.ref, b.ref));
        grads.forEach((t) => t.dispose());
      },
      dispose: () => [x, y, w, b].forEach((t) => t.dispose()),
    };
  },
  /** x @ W + b with W [in, out]; one-hot labels; SGD as a tree map over (params, grads). */
  mlp() {
    const d = mlpData();
    const { batch, inputs, hidden, classes, lr } = MLP;
    let params = {
      w1: np.array(transposed(d.w1, hidden, inputs)).reshape([inputs, hidden]),
      b1: np.array(d.b1),
      w2: np.array(transposed(d.w2, classes, hidden)).reshape([hidden, classes]),
      b2: np.array(d.b2),
    };
    const x = np.array(d.x).reshape([batch, inputs]);
    const y = nn.oneHot(np.array(d.labels, { dtype: np.int32 }), classes);
    const loss = (p, x, y) => {
      const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
      const logits = np.matmul(h, p.w2).add(p.b2);
      return np.mean(np.sum(nn.logSoftmax(logits, -1).mul(y), -1)).mul(-1);
    };
    const step = maybeJit((p, x, y) => {
      const [l, g] = valueAndGrad(loss)(tree.ref(p), x, y);
      return [l, tree.map((w, gw) => w.sub(gw.mul(lr)), p, g)];
    });
    return {
      async: true,
      run: async () => {
        const [l, next] = step(params, x.ref, y.ref);
        params = next;
        await blockUntilReady([l, params]);
        l.dispose();
      },
      dispose: () => [x, y].forEach((t) => t.dispose()),
    };
  },
  /**
   * Composed as in PyTorch's and tfjs's columns (jax-js's nn.dotProductAttention
   * needs iterator helpers, which Node 20 lacks): q k^T * scale plus a 0 / -inf
   * causal bias, softmax, @ v. Grads of q, k and v as the grad of
   * sum(out * g), which adds one multiply and one sum to the work.
   */
  attention() {
    const { batch, heads, seq: t, headDim } = ATTN;
    const d = inputValues(ATTN);
    const [q, k, v, g] = ["q", "k", "v", "g"].map((n) => np.array(d[n].data).reshape([batch, heads, t, headDim]));
    const causal = Float32Array.from({ length: t * t }, (_, i) => (i % t > Math.floor(i / t) ? -Infinity : 0));
    const bias = np.array(causal).reshape([t, t]);
    const scale = 1 / Math.sqrt(headDim);
    const attend = (q, k, v) =>
      np.matmul(nn.softmax(np.matmul(q, np.matrixTranspose(k)).mul(scale).add(bias.ref), -1), v);
    const f = maybeJit(grad((q, k, v) => np.sum(attend(q, k, v).mul(g.ref)), { argnums: [0, 1, 2] }));
    return {
      async: true,
      run: async () => {
        const grads = await blockUntilReady(f(q.ref, k.ref, v.ref));
        grads.forEach((t) => t.dispose());
      },
      dispose: () => [q, k, v, g, bias].forEach((t) => t.dispose()),
    };
  },
};
