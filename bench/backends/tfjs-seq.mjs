// TensorFlow.js's sequence-model rows (bench/data.mjs GPT and LSTM_LM),
// spread into tfjs.mjs's cases, on the same parameter values as every
// column. tfjs-backend-wasm has no gradient for tf.gather (no
// UnsortedSegmentSum), so token embeddings are one-hot rows times the table,
// as small tfjs character models write them; the position table is added
// whole (positions 0..T-1 of a T-row table).

import { createRequire } from "node:module";
import { GPT, LSTM_LM } from "../data.mjs";
import { inputs, variables, disposeAll } from "./tfjs-nets.mjs";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");

/** One-hot float rows of an int32 tensor's entries, [entries, depth]. */
const oneHot = (ids, depth) => tf.tidy(() => tf.oneHot(ids.reshape([-1]), depth).toFloat());

/** Adam with PyTorch's epsilon (tfjs's default is 1e-7). */
const adam = (lr) => tf.train.adam(lr, 0.9, 0.999, 1e-8);

export const seqCases = {
  /**
   * The GPT step composed from tfjs ops: LayerNorm from tf.moments, exact GELU
   * from tf.erf, attention as in the attention row; clip_grad_norm and AdamW's
   * decoupled weight decay written out around tf.train.adam (tfjs has no AdamW).
   */
  gpt() {
    const { vocab, layers, heads, embd: c, block: t, batch: b, lr, weightDecay } = GPT;
    const { tokens, targets } = inputs(GPT);
    const [x1, y] = [oneHot(tokens, vocab), oneHot(targets, vocab)];
    const v = variables(GPT, ["wte.weight", "wpe.weight"]);
    const decay = Object.values(v).filter((w) => w.rank >= 2);
    const bias = tf.tidy(() =>
      tf.where(tf.greater(tf.range(0, t).reshape([1, t]), tf.range(0, t).reshape([t, 1])), -Infinity, 0),
    );
    const scale = 1 / Math.sqrt(c / heads);
    const ln = (x, name) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(
        tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), v[`${name}.weight`]),
        v[`${name}.bias`],
      );
    };
    const lin = (x, name) => tf.add(tf.matMul(x, v[`${name}.weight`]), v[`${name}.bias`]);
    const gelu = (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
    const split = (x) => x.reshape([b, t, heads, c / heads]).transpose([0, 2, 1, 3]);
    const loss = () => {
      // Activations stay [B*T, C] between the attention blocks.
      let x = tf.add(tf.matMul(x1, v["wte.weight"]).reshape([b, t, c]), v["wpe.weight"]).reshape([b * t, c]);
      for (let l = 0; l < layers; l++) {
        const [q, k, vv] = tf.split(lin(ln(x, `h.${l}.ln_1`), `h.${l}.attn.c_attn`), 3, 1).map(split);
        const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), scale), bias));
        const yy = tf
          .matMul(att, vv)
          .transpose([0, 2, 1, 3])
          .reshape([b * t, c]);
        x = tf.add(x, lin(yy, `h.${l}.attn.c_proj`));
        x = tf.add(x, lin(gelu(lin(ln(x, `h.${l}.ln_2`), `h.${l}.mlp.c_fc`)), `h.${l}.mlp.c_proj`));
      }
      return tf.losses.softmaxCrossEntropy(y, tf.matMul(ln(x, "ln_f"), v["wte.weight"], false, true));
    };
    const opt = adam(lr);
    return {
      run: () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(loss, Object.values(v));
          const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
          const coef = tf.minimum(tf.div(1, tf.add(norm, 1e-6)), 1);
          for (const w of decay) w.assign(tf.mul(w, 1 - lr * weightDecay));
          opt.applyGradients(Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, tf.mul(g, coef)])));
        }),
      dispose: () => {
        disposeAll({ tokens, targets, x1, y, bias }, v);
        opt.dispose();
      },
    };
  },
  /**
   * The LSTM LM step with two tf.layers.lstm layers (sigmoid gates as PyTorch;
   * kernel = weight_ih^T, recurrent kernel = weight_hh^T, bias = b_ih + b_hh,
   * the same gate order), tf.train.adam().minimize.
   */
  lstm() {
    const { vocab, embed, hidden, layers, batch: b, seq: t, lr } = LSTM_LM;
    const { tokens, targets } = inputs(LSTM_LM);
    const [x1, y] = [oneHot(tokens, vocab), oneHot(targets, vocab)];
    const v = variables(LSTM_LM, ["embedding.weight"]);
    const cells = Array.from({ length: layers }, () =>
      tf.layers.lstm({ units: hidden, returnSequences: true, recurrentActivation: "sigmoid" }),
    );
    // Built on a first call, then given the spec's values ([in, 4h] layouts: variables() transposed them).
    tf.tidy(() => cells.reduce((h, cell) => cell.apply(h), tf.zeros([b, t, embed])));
    cells.forEach((cell, l) =>
      tf.tidy(() =>
        cell.setWeights([
          v[`lstm.weight_ih_l${l}`],
          v[`lstm.weight_hh_l${l}`],
          tf.add(v[`lstm.bias_ih_l${l}`], v[`lstm.bias_hh_l${l}`]),
        ]),
      ),
    );
    const list = [v["embedding.weight"], v["head.weight"], v["head.bias"]];
    const loss = () => {
      const e = tf.matMul(x1, v["embedding.weight"]).reshape([b, t, embed]);
      const h = cells.reduce((x, cell) => cell.apply(x), e).reshape([b * t, hidden]);
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, v["head.weight"]), v["head.bias"]));
    };
    const opt = adam(lr);
    return {
      // With no variable list, minimize() trains every trainable variable: the LSTM layers' too.
      run: () => tf.tidy(() => opt.minimize(loss)),
      dispose: () => {
        disposeAll({ tokens, targets, x1, y }, v);
        cells.forEach((cell) => cell.dispose());
        opt.dispose();
      },
    };
  },
};
