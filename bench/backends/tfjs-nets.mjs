// TensorFlow.js's network and indexing rows, spread into tfjs.mjs's cases.
// The same values as every column (bench/data.mjs), in TensorFlow's layouts:
// NHWC activations (the values taken as they come, as the conv2d row does),
// HWIO filters and [in, out] dense weights (PyTorch's transposed).
//
// tfjs-backend-wasm 4.22 registers no Conv2DBackpropFilter (nor
// UnsortedSegmentSum, the gradient of tf.gather): on that backend conv2d's
// filter gradient is written with the kernels it has, as TensorFlow's own
// identity (a conv2d of the transposed input with the output gradient as the
// filter), through tf.customGrad. The int64 indexing rows are n/a in tfjs
// (tfjs.mjs says why).

import { createRequire } from "node:module";
import { LENET, RESBLOCK, ATTN, inputValues, paramValues, transposed } from "../data.mjs";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");

/** A config's inputs as tensors (integers as int32, tfjs's index dtype). */
export function inputs(cfg, ...names) {
  const out = {};
  for (const [name, { shape, data }] of Object.entries(inputValues(cfg, names.length ? names : undefined)))
    out[name] = tf.tensor(data, shape, data instanceof Int32Array ? "int32" : "float32");
  return out;
}

/**
 * A config's parameters as variables in tfjs's layouts: OIHW -> HWIO,
 * [out, in] -> [in, out] (except the tables named in `asIs`: embeddings).
 */
export function variables(cfg, asIs = []) {
  const out = {};
  for (const { name, shape, data } of paramValues(cfg.params, cfg.seed)) {
    let value;
    if (asIs.includes(name)) value = tf.tensor(data, shape);
    else if (shape.length === 4) value = tf.tidy(() => tf.transpose(tf.tensor(data, shape), [2, 3, 1, 0]));
    else if (shape.length === 2) value = tf.tensor(transposed(data, shape[0], shape[1]), [shape[1], shape[0]]);
    else value = tf.tensor(data, shape);
    out[name] = tf.variable(value);
    value.dispose();
  }
  return out;
}

/**
 * tf.conv2d, stride 1, symmetric zero padding `pad`, differentiable in the
 * filter on every backend.
 */
export function conv(x, w, pad) {
  if (tf.getKernel("Conv2DBackpropFilter", tf.getBackend())) return tf.conv2d(x, w, 1, pad);
  if (!composed.has(pad)) composed.set(pad, composedGrad(pad));
  return composed.get(pad)(x, w);
}

const composed = new Map();

/** tf.conv2d with its gradients written out: conv2dTranspose for the input, a conv2d for the filter. */
function composedGrad(pad) {
  return tf.customGrad((x, w, save) => {
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, pad),
      gradFunc: (dy, [xs, ws]) => {
        // dW[a, b, i, o] = sum over n, h, w of x_pad[n, h + a, w + b, i] dy[n, h, w, o]:
        // a conv2d of x as [i, H, W, n] with dy as the filter [h, w, n, o].
        // Explicit padding: tf.conv2d with a numeric pad sizes the output as if the filter were square.
        const xt = tf.transpose(xs, [3, 1, 2, 0]);
        const explicit = [
          [0, 0],
          [pad, pad],
          [pad, pad],
          [0, 0],
        ];
        const dw = tf.transpose(tf.conv2d(xt, tf.transpose(dy, [1, 2, 0, 3]), 1, explicit), [1, 2, 0, 3]);
        return [tf.conv2dTranspose(dy, ws, xs.shape, 1, pad), dw];
      },
    };
  });
}

/** Batch norm in training mode: batch statistics over N, H, W (tf.moments), eps 1e-5. */
function batchNorm(h, gamma, beta) {
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  return tf.batchNorm(h, mean, variance, beta, gamma, 1e-5);
}

export const disposeAll = (...objs) => {
  for (const o of objs) tf.dispose(Object.values(o));
};

export const netCases = {
  /** LeNet-5 with one-hot labels, tf.losses.softmaxCrossEntropy, tf.train.sgd().minimize. */
  lenet() {
    const { x: x0, labels } = inputs(LENET);
    const { batch, size, classes } = LENET;
    const x = x0.reshape([batch, size, size, 1]);
    const y = tf.tidy(() => tf.oneHot(labels, classes).toFloat());
    const v = variables(LENET);
    const opt = tf.train.sgd(LENET.lr);
    const dense = (h, name) => tf.add(tf.matMul(h, v[`${name}.weight`]), v[`${name}.bias`]);
    const loss = () => {
      let h = tf.maxPool(tf.relu(tf.add(conv(x, v["conv1.weight"], 0), v["conv1.bias"])), 2, 2, "valid");
      h = tf.maxPool(tf.relu(tf.add(conv(h, v["conv2.weight"], 0), v["conv2.bias"])), 2, 2, "valid");
      h = tf.relu(dense(h.reshape([batch, -1]), "fc1"));
      h = tf.relu(dense(h, "fc2"));
      return tf.losses.softmaxCrossEntropy(y, dense(h, "fc3"));
    };
    return {
      run: () => tf.tidy(() => opt.minimize(loss, false, Object.values(v))),
      dispose: () => {
        disposeAll({ x0, x, y, labels }, v);
        opt.dispose();
      },
    };
  },
  /** The ResNet basic block (batch norm on batch statistics; no running stats), grads of x and the parameters. */
  resblock() {
    const { x: x0, g: g0 } = inputs(RESBLOCK);
    const { batch, channels, size } = RESBLOCK;
    const [x, g] = [x0, g0].map((t) => t.reshape([batch, size, size, channels]));
    const v = variables(RESBLOCK);
    const names = ["conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias"];
    const f = tf.grads((xi, w1, g1, b1, w2, g2, b2) =>
      tf.relu(tf.add(batchNorm(conv(tf.relu(batchNorm(conv(xi, w1, 1), g1, b1)), w2, 1), g2, b2), xi)),
    );
    return {
      run: () => tf.tidy(() => f([x, ...names.map((n) => v[n])], g)),
      dispose: () => disposeAll({ x0, g0, x, g }, v),
    };
  },
  /** Composed: q k^T * scale + a 0 / -inf causal bias, softmax, @ v; grads of q, k and v. */
  attention() {
    const { q, k, v, g } = inputs(ATTN);
    const t = ATTN.seq;
    const bias = tf.tidy(() =>
      tf.where(tf.greater(tf.range(0, t).reshape([1, t]), tf.range(0, t).reshape([t, 1])), -Infinity, 0),
    );
    const scale = 1 / Math.sqrt(ATTN.headDim);
    const f = tf.grads((qi, ki, vi) =>
      tf.matMul(tf.softmax(tf.add(tf.mul(tf.matMul(qi, ki, false, true), scale), bias)), vi),
    );
    return {
      run: () => tf.tidy(() => f([q, k, v], g)),
      dispose: () => disposeAll({ q, k, v, g, bias }),
    };
  },
};
