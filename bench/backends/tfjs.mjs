// TensorFlow.js 4.22 as a peer: @tensorflow/tfjs (core with every gradient
// registered, and the cpu backend) plus @tensorflow/tfjs-backend-wasm
// (XNNPACK, SIMD; one thread here: Node 20 gives it no workers).
// Each op runs eagerly and synchronously on both backends, so a returned
// tensor is computed.

import { createRequire } from "node:module";
import { values, seed, mlpData, MLP, BN, CONV, transposed, packageVersion, pairCases } from "../data.mjs";
import { netCases, conv } from "./tfjs-nets.mjs";
import { seqCases } from "./tfjs-seq.mjs";

const require = createRequire(import.meta.url);
let tf;

export const name = "tfjs";

export const variants = {
  wasm: { nodeFlags: [] },
  cpu: { nodeFlags: [] },
};

/** Sizes a column leaves out (set by setup): the cpu backend's 1024 matmul and conv2d take seconds per call. */
export const maxSize = {};

export async function setup(variant) {
  const warn = console.warn;
  console.warn = () => {}; // "Hi, looks like you are running TensorFlow.js in Node.js" (advice to install tfjs-node)
  try {
    tf = require("@tensorflow/tfjs");
    const wasm = require("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend(variant))) throw new Error(`tfjs backend ${variant} did not initialise`);
    if (variant === "cpu") {
      maxSize.matmul = 512;
      // The cpu backend's conv2d of the benchmark size takes seconds per call.
      maxSize.conv2d = -1;
      maxSize.conv2dTrain = -1;
      // So do the network rows (a LeNet step took 5-15 s).
      for (const kind of ["lenet", "resblock", "attention", "gpt", "lstm"]) maxSize[kind] = -1;
    }
    await tf.ready();
    const threads = variant === "wasm" ? wasm.getThreadsCount() : 1;
    return { version: packageVersion("@tensorflow/tfjs-core"), backend: tf.getBackend(), threads };
  } finally {
    console.warn = warn;
  }
}

export const cases = {
  ...pairCases({
    tensor: (v, shape) => tf.tensor(v, shape),
    free: (ts) => tf.dispose(ts),
    mm: (a, b) => tf.matMul(a, b).dispose(),
    expMulAdd: (a, b) => tf.tidy(() => tf.add(tf.mul(tf.exp(a), b), a)).dispose(),
  }),
  /** tf.matMul needs matrices: x is [1, 5] and y [1, 3]. Grads are computed, not accumulated (tfjs has no .grad). */
  seed() {
    const x = tf.ones([1, 5]),
      y = tf.zeros([1, 3]);
    const w = tf.variable(tf.tensor2d(seed.w, [5, 3]));
    const b = tf.variable(tf.tensor1d(seed.b));
    return {
      run: () =>
        tf.tidy(() => {
          tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(y, tf.add(tf.matMul(x, w), b)), [w, b]);
        }),
      dispose: () => tf.dispose([x, y, w, b]),
    };
  },
  /** Dense layers as x @ W (W is [in, out]); labels one-hot (tfjs has no sparse cross-entropy); tf.train.sgd. */
  mlp() {
    const d = mlpData();
    const { batch, inputs, hidden, classes, lr } = MLP;
    const w1 = tf.variable(tf.tensor2d(transposed(d.w1, hidden, inputs), [inputs, hidden]));
    const b1 = tf.variable(tf.tensor1d(d.b1));
    const w2 = tf.variable(tf.tensor2d(transposed(d.w2, classes, hidden), [hidden, classes]));
    const b2 = tf.variable(tf.tensor1d(d.b2));
    const x = tf.tensor2d(d.x, [batch, inputs]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(d.labels, "int32"), classes).toFloat());
    const opt = tf.train.sgd(lr);
    const loss = () =>
      tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2));
    return {
      run: () => tf.tidy(() => opt.minimize(loss, false, [w1, b1, w2, b2])),
      dispose: () => {
        tf.dispose([w1, b1, w2, b2, x, y]);
        opt.dispose();
      },
    };
  },
  /** tf.batchNorm over NHWC input with tf.moments over N, H, W (training mode), and its grads to x, scale and offset. */
  batchnorm() {
    const shape = [BN.batch, BN.size, BN.size, BN.channels];
    const n = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor4d(values(n, 5), shape);
    const g = tf.tensor4d(values(n, 6), shape);
    const scale = tf.tensor1d(values(BN.channels, 7));
    const offset = tf.tensor1d(values(BN.channels, 8));
    const f = tf.grads((xv, s, o) => {
      const { mean, variance } = tf.moments(xv, [0, 1, 2]);
      return tf.batchNorm(xv, mean, variance, o, s, 1e-5);
    });
    return {
      run: () => tf.tidy(() => f([x, scale, offset], g)),
      dispose: () => tf.dispose([x, g, scale, offset]),
    };
  },
  /** tf.conv2d is NHWC with an HWIO filter: the same sizes, 'same' padding, plus the bias. */
  conv2d() {
    const { batch: n, channels: c, size: s, kernel: k } = CONV;
    const x = tf.tensor4d(values(n * c * s * s, 5), [n, s, s, c]);
    const w = tf.tensor4d(values(c * c * k * k, 6), [k, k, c, c]);
    const b = tf.tensor1d(values(c, 7));
    return {
      run: () => tf.tidy(() => tf.add(tf.conv2d(x, w, 1, "same"), b)).dispose(),
      dispose: () => tf.dispose([x, w, b]),
    };
  },
  /** Forward, then the grads of the sum w.r.t. input, filter and bias (tf.grads; on wasm the filter's is composed). */
  conv2dTrain() {
    const { batch: n, channels: c, size: s, kernel: k } = CONV;
    const x = tf.tensor4d(values(n * c * s * s, 5), [n, s, s, c]);
    const w = tf.tensor4d(values(c * c * k * k, 6), [k, k, c, c]);
    const b = tf.tensor1d(values(c, 7));
    const g = tf.grads((xi, wi, bi) => tf.sum(tf.add(conv(xi, wi, 1), bi)));
    return {
      run: () => tf.tidy(() => g([x, w, b])),
      dispose: () => tf.dispose([x, w, b]),
    };
  },
  ...netCases,
  ...seqCases,
};
