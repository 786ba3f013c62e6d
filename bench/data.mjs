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
