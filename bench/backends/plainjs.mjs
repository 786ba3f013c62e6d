// The floor: what a program gets with no library, plain loops over
// Float32Arrays (row-major, i-k-j order so the inner loop runs along rows).
// The MLP step has its gradients derived by hand. The seed program has no
// row here: without autograd there is no per-op machinery to measure.

import { values, mlpData, MLP } from "../data.mjs";

export const name = "plain JS";

export const variants = { loops: { nodeFlags: [] } };

/** N = 1024 takes seconds per call. */
export const maxSize = { matmul: 512 };

export async function setup() {
  return { version: process.version, threads: 1 };
}

/** c[m, n] (+)= a[m, k] · b[k, n], or with b given as [n, k] when bT. */
function gemm(a, b, c, m, k, n, bT = false) {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      if (bT) for (let j = 0; j < n; j++) c[ci + j] += av * b[j * k + p];
      else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
      }
    }
  }
}

export const cases = {
  matmul(n) {
    const a = values(n * n, 1),
      b = values(n * n, 2);
    return { run: () => gemm(a, b, new Float32Array(n * n), n, n, n), dispose: () => {} };
  },
  elementwise(n) {
    const a = values(n, 3),
      b = values(n, 4);
    return {
      run: () => {
        const y = new Float32Array(n);
        for (let i = 0; i < n; i++) y[i] = Math.exp(a[i]) * b[i] + a[i];
        return y;
      },
      dispose: () => {},
    };
  },
  mlp() {
    const d = mlpData();
    const { batch: B, inputs: I, hidden: H, classes: C, lr } = MLP;
    const { x, labels, w1, b1, w2, b2 } = d; // w1 [H, I], w2 [C, H]
    const w1T = new Float32Array(I * H),
      w2T = new Float32Array(H * C);
    return {
      run: () => {
        // forward: h = relu(x w1ᵀ + b1), logits = h w2ᵀ + b2
        for (let i = 0; i < I; i++) for (let j = 0; j < H; j++) w1T[i * H + j] = w1[j * I + i];
        for (let i = 0; i < H; i++) for (let j = 0; j < C; j++) w2T[i * C + j] = w2[j * H + i];
        const h = new Float32Array(B * H);
        for (let r = 0; r < B; r++) h.set(b1, r * H);
        gemm(x, w1T, h, B, I, H);
        for (let i = 0; i < h.length; i++) if (h[i] < 0) h[i] = 0;
        const z = new Float32Array(B * C);
        for (let r = 0; r < B; r++) z.set(b2, r * C);
        gemm(h, w2T, z, B, H, C);
        // softmax cross-entropy (mean) and its grad dz = (softmax - onehot) / B
        let loss = 0;
        for (let r = 0; r < B; r++) {
          let mx = -Infinity;
          for (let c = 0; c < C; c++) mx = Math.max(mx, z[r * C + c]);
          let s = 0;
          for (let c = 0; c < C; c++) s += Math.exp(z[r * C + c] - mx);
          loss += Math.log(s) + mx - z[r * C + labels[r]];
          for (let c = 0; c < C; c++) z[r * C + c] = (Math.exp(z[r * C + c] - mx) / s - (c === labels[r] ? 1 : 0)) / B;
        }
        // backward: dw2 = dzᵀ h, dh = dz w2 (masked by relu), dw1 = dhᵀ x
        const dw2 = new Float32Array(C * H),
          dh = new Float32Array(B * H),
          dw1 = new Float32Array(H * I);
        const dzT = new Float32Array(C * B),
          dhT = new Float32Array(H * B);
        for (let r = 0; r < B; r++) for (let c = 0; c < C; c++) dzT[c * B + r] = z[r * C + c];
        gemm(dzT, h, dw2, C, B, H);
        gemm(z, w2, dh, B, C, H);
        for (let i = 0; i < dh.length; i++) if (h[i] === 0) dh[i] = 0;
        for (let r = 0; r < B; r++) for (let j = 0; j < H; j++) dhT[j * B + r] = dh[r * H + j];
        gemm(dhT, x, dw1, H, B, I);
        // SGD
        for (let i = 0; i < w1.length; i++) w1[i] -= lr * dw1[i];
        for (let i = 0; i < w2.length; i++) w2[i] -= lr * dw2[i];
        for (let j = 0; j < H; j++) {
          let s = 0;
          for (let r = 0; r < B; r++) s += dh[r * H + j];
          b1[j] -= lr * s;
        }
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let r = 0; r < B; r++) s += z[r * C + c];
          b2[c] -= lr * s;
        }
        return loss / B;
      },
      dispose: () => {},
    };
  },
};
