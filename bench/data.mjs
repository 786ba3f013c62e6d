// The inputs every backend gets: the same values, generated here, so no
// column depends on a library's random generator.

import { readFileSync } from "node:fs";

/** Deterministic float32 values in [-1, 1) from a 32-bit LCG. */
export function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * The matmul and elementwise cases, for a backend that gives `tensor(values,
 * shape)` to make an input, `free(tensors)`, and `mm(a, b)` and
 * `expMulAdd(a, b)` that run one call and free what it made.
 */
export function pairCases({ tensor, free, mm, expMulAdd }) {
  const work = (a, b, op) => ({ run: () => op(a, b), dispose: () => free([a, b]) });
  return {
    /** C = A · B for N x N float32 matrices. */
    matmul: (n) => work(tensor(values(n * n, 1), [n, n]), tensor(values(n * n, 2), [n, n]), mm),
    /** y = exp(a) * b + a over n float32 values, as three ops. */
    elementwise: (n) => work(tensor(values(n, 3), [n]), tensor(values(n, 4), [n]), expMulAdd),
  };
}

/** values() times a scale, as a Float32Array. */
export function scaled(n, seed, scale) {
  return values(n, seed).map((v) => v * scale);
}

/** Row-major [rows, cols] -> row-major [cols, rows]. */
export function transposed(a, rows, cols) {
  const out = new Float32Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/**
 * The seed program (PyTorch's autograd tutorial): x = ones(5), y = zeros(3),
 * w (5x3) and b (3) requiring grad, z = x @ w + b, loss =
 * binary_cross_entropy_with_logits(z, y) (mean), loss.backward().
 */
export const seed = {
  w: values(15, 5), // [5, 3]
  b: values(3, 6),
};

/**
 * The MLP step: 64 x 784 inputs -> Linear(784, 256) -> ReLU -> Linear(256, 10)
 * -> cross-entropy (mean) against class indices -> backward -> SGD (lr 0.01).
 * Weights are given in PyTorch's layout ([out, in]); backends whose dense
 * layer is x @ W take the transposes.
 */
export const MLP = { batch: 64, inputs: 784, hidden: 256, classes: 10, lr: 0.01 };
export function mlpData() {
  const { batch, inputs, hidden, classes } = MLP;
  return {
    x: values(batch * inputs, 7),
    labels: Int32Array.from({ length: batch }, (_, i) => (i * 7) % classes),
    w1: scaled(hidden * inputs, 8, 1 / Math.sqrt(inputs)), // [hidden, inputs]
    b1: scaled(hidden, 9, 1 / Math.sqrt(inputs)),
    w2: scaled(classes * hidden, 10, 1 / Math.sqrt(hidden)), // [classes, hidden]
    b2: scaled(classes, 11, 1 / Math.sqrt(hidden)),
  };
}

/** Training steps the RSS row runs before reading the process's peak RSS. */
export const RSS_STEPS = 200;

/** The installed version of an npm package ("torchlet" is this repository). */
export function packageVersion(pkg) {
  const path = pkg === "torchlet" ? "../package.json" : `../node_modules/${pkg}/package.json`;
  return JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")).version;
}

/** The batch_norm row: a BatchNorm2d layer's forward and backward in training mode. */
export const BN = { batch: 16, channels: 64, size: 16 };
/** The conv2d benchmark: 3x3, 64 -> 64 channels, 32x32 images, batch 16, padding 1 (NCHW sizes). */
export const CONV = { batch: 16, channels: 64, size: 32, kernel: 3 };
/** Flops of one forward pass of the conv2d benchmark (2 per multiply-add). */
export const CONV_FLOP = 2 * CONV.batch * CONV.channels * CONV.channels * CONV.kernel ** 2 * CONV.size ** 2;

/** Deterministic integers in [0, high) from the same 32-bit LCG as values(): state mod high. */
export function ints(n, seed, high) {
  const out = new Int32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % high;
  }
  return out;
}

/**
 * A model's parameters as data, so every column (and the PyTorch worker, which
 * gets this list over its protocol) builds the same tensors: [name, shape,
 * init], init "ones", "zeros" or a scale for values() with seed `base + i`.
 * Names and layouts are PyTorch's ([out, in] weights, OIHW filters).
 */
export function paramValues(spec, base) {
  return spec.map(([name, shape, init], i) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data =
      init === "ones"
        ? new Float32Array(n).fill(1)
        : init === "zeros"
          ? new Float32Array(n)
          : scaled(n, base + i, init);
    return { name, shape, data };
  });
}

const linear = (name, out, inp, bias = true) => [
  [`${name}.weight`, [out, inp], 1 / Math.sqrt(inp)],
  ...(bias ? [[`${name}.bias`, [out], 1 / Math.sqrt(inp)]] : []),
];
const conv = (name, out, inp, k, bias = true) => [
  [`${name}.weight`, [out, inp, k, k], 1 / Math.sqrt(inp * k * k)],
  ...(bias ? [[`${name}.bias`, [out], 1 / Math.sqrt(inp * k * k)]] : []),
];
const norm = (name, n) => [
  [`${name}.weight`, [n], "ones"],
  [`${name}.bias`, [n], "zeros"],
];

/**
 * The LeNet-5 training step (MNIST-sized random input, 28x28, one channel):
 * conv(1->6, 5x5) relu maxpool2, conv(6->16, 5x5) relu maxpool2, flatten (256),
 * linear 256-120 relu, 120-84 relu, 84-10, cross-entropy (mean), backward,
 * SGD (lr 0.01).
 */
export const LENET = {
  batch: 64,
  size: 28,
  classes: 10,
  lr: 0.01,
  seed: 20,
  inputs: { x: ["float", [64, 1, 28, 28], 21, 1], labels: ["int", [64], 22, 10] },
  params: [
    ...conv("conv1", 6, 1, 5),
    ...conv("conv2", 16, 6, 5),
    ...linear("fc1", 120, 256),
    ...linear("fc2", 84, 120),
    ...linear("fc3", 10, 84),
  ],
};

/**
 * A ResNet basic block, forward + backward (grads of the input and every
 * parameter for a given output gradient): conv3x3 (no bias) - batch norm
 * (training) - relu - conv3x3 - batch norm, plus the input, relu.
 */
export const RESBLOCK = {
  batch: 16,
  channels: 64,
  size: 16,
  seed: 40,
  inputs: { x: ["float", [16, 64, 16, 16], 41, 1], g: ["float", [16, 64, 16, 16], 42, 1] },
  params: [
    ...conv("conv1", 64, 64, 3, false),
    ...norm("bn1", 64),
    ...conv("conv2", 64, 64, 3, false),
    ...norm("bn2", 64),
  ],
};

/** Causal attention forward + backward (grads of q, k and v for a given output gradient). */
export const ATTN = {
  batch: 8,
  heads: 4,
  seq: 128,
  headDim: 32,
  inputs: Object.fromEntries(["q", "k", "v", "g"].map((n, i) => [n, ["float", [8, 4, 128, 32], 50 + i, 1]])),
};

/**
 * The LSTM language-model step: embedding (vocab 65 -> 64), nn.LSTM (2 layers,
 * hidden 128, batch_first), linear 128 -> 65, cross-entropy over every
 * position, backward, Adam (lr 1e-3); batch 16, sequence 64.
 */
export const LSTM_LM = { vocab: 65, embed: 64, hidden: 128, layers: 2, batch: 16, seq: 64, lr: 1e-3, seed: 60 };
LSTM_LM.inputs = { tokens: ["int", [16, 64], 61, 65], targets: ["int", [16, 64], 62, 65] };
LSTM_LM.params = [
  ["embedding.weight", [LSTM_LM.vocab, LSTM_LM.embed], 1],
  ...[0, 1].flatMap((l) => {
    const inp = l === 0 ? LSTM_LM.embed : LSTM_LM.hidden;
    const h = LSTM_LM.hidden;
    return [
      [`lstm.weight_ih_l${l}`, [4 * h, inp], 1 / Math.sqrt(h)],
      [`lstm.weight_hh_l${l}`, [4 * h, h], 1 / Math.sqrt(h)],
      [`lstm.bias_ih_l${l}`, [4 * h], 1 / Math.sqrt(h)],
      [`lstm.bias_hh_l${l}`, [4 * h], 1 / Math.sqrt(h)],
    ];
  }),
  ...linear("head", LSTM_LM.vocab, LSTM_LM.hidden),
];

/**
 * The GPT training step, a nanoGPT-style character model: token and position
 * embeddings, n_layer pre-LayerNorm blocks (causal self-attention with a fused
 * qkv linear, GELU MLP 4x), final LayerNorm, lm head tied to the token
 * embedding; cross-entropy, backward, clip_grad_norm 1.0, AdamW (lr 1e-3,
 * weight decay 0.1 on matrices only). Biases everywhere, no dropout.
 */
export const GPT = {
  vocab: 65,
  layers: 4,
  heads: 4,
  embd: 128,
  block: 64,
  batch: 16,
  lr: 1e-3,
  weightDecay: 0.1,
  seed: 80,
};
GPT.inputs = { tokens: ["int", [16, 64], 81, 65], targets: ["int", [16, 64], 82, 65] };
GPT.params = [
  ["wte.weight", [GPT.vocab, GPT.embd], 0.02 * Math.sqrt(3)],
  ["wpe.weight", [GPT.block, GPT.embd], 0.02 * Math.sqrt(3)],
  ...Array.from({ length: GPT.layers }, (_, l) => [
    ...norm(`h.${l}.ln_1`, GPT.embd),
    ...linear(`h.${l}.attn.c_attn`, 3 * GPT.embd, GPT.embd),
    ...linear(`h.${l}.attn.c_proj`, GPT.embd, GPT.embd),
    ...norm(`h.${l}.ln_2`, GPT.embd),
    ...linear(`h.${l}.mlp.c_fc`, 4 * GPT.embd, GPT.embd),
    ...linear(`h.${l}.mlp.c_proj`, GPT.embd, 4 * GPT.embd),
  ]).flat(),
  ...norm("ln_f", GPT.embd),
];

/**
 * The int64 indexing rows, forward + backward: index_select and embedding of
 * `indices` rows of a rows x cols float32 table (int64 indices), and gather
 * along dim 0 with an indices x cols int64 index.
 */
export const INDEXING = {
  rows: 65536,
  cols: 128,
  indices: 16384,
  inputs: {
    table: ["float", [65536, 128], 90, 1],
    index: ["int", [16384], 91, 65536],
    gatherIndex: ["int", [16384, 128], 92, 65536],
    g: ["float", [16384, 128], 93, 1],
  },
};

/**
 * A config's `inputs` ([kind, shape, seed, scale or high] each) as
 * { name: { shape, data } }: Float32Array values() times the scale, or
 * Int32Array ints() below `high`; only `names` when given.
 */
export function inputValues(cfg, names = Object.keys(cfg.inputs)) {
  return Object.fromEntries(
    names.map((name) => {
      const [kind, shape, seed, arg] = cfg.inputs[name];
      const n = shape.reduce((a, b) => a * b, 1);
      return [name, { shape, data: kind === "int" ? ints(n, seed, arg) : scaled(n, seed, arg) }];
    }),
  );
}

/** Every config the rows use, as the PyTorch worker receives them over its protocol. */
export const CONFIGS = { MLP, BN, CONV, LENET, RESBLOCK, ATTN, LSTM_LM, GPT, INDEXING, RSS_STEPS };
