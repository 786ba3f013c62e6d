// torchlet as a benchmark backend: the bundle users import (dist/index.js).
// A backend module exports `name`, `setup(variant)` and `cases`: one function
// per benchmark that returns the work to time (a closure), and a `dispose`.
// Peers (TensorFlow.js, js-pytorch, ...) are added as sibling modules with the
// same shape; run.mjs puts each in its own column.

import * as torch from "../../dist/index.js";

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
  return { simd: info.simd };
}

/** Deterministic values in [-1, 1) (no dependence on the random family). */
function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export const cases = {
  /** C = A · B for N x N float32 matrices. */
  matmul(n) {
    const a = torch.fromArray(values(n * n, 1), [n, n]);
    const b = torch.fromArray(values(n * n, 2), [n, n]);
    return {
      run: () => torch.mm(a, b).dispose(),
      dispose: () => torch.dispose([a, b]),
    };
  },
  /** y = exp(a) * b + a over n float32 values (three kernels, two temporaries). */
  elementwise(n) {
    const a = torch.fromArray(values(n, 3), [n]);
    const b = torch.fromArray(values(n, 4), [n]);
    return {
      run: () => {
        const e = torch.exp(a);
        const p = torch.mul(e, b);
        torch.add(p, a).dispose();
        e.dispose();
        p.dispose();
      },
      dispose: () => torch.dispose([a, b]),
    };
  },
};
