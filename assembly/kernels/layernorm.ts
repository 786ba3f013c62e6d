// layer_norm over contiguous rows: x [M, N] normalised over each row of N,
// with an optional elementwise affine (gamma, beta of N; 0 when absent).
// After aten/src/ATen/native/cpu/layer_norm_kernel.cpp (PyTorch 1.13); the
// row moments are computed in f64 (PyTorch uses a float Welford cascade), so
// float32 results agree to an ulp or so.

import { fmaT } from "./nnmath";

/**
 * y = (x * rstd + (-rstd * mean)) * gamma + beta per row, with
 * rstd = 1 / sqrt(var + eps) (biased variance). Writes mean [M] and rstd [M].
 */
@inline export function layerNorm<T>(
  x: usize,
  gamma: usize,
  beta: usize,
  y: usize,
  mean: usize,
  rstd: usize,
  M: i32,
  N: i32,
  eps: f64,
): void {
  const SH = alignof<T>();
  for (let i = 0; i < M; i++) {
    let row = x + ((<usize>(i * N)) << SH);
    let out = y + ((<usize>(i * N)) << SH);
    let s: f64 = 0;
    for (let j = 0; j < N; j++) s += <f64>load<T>(row + ((<usize>j) << SH));
    let m: f64 = N > 0 ? s / <f64>N : 0;
    let v: f64 = 0;
    for (let j = 0; j < N; j++) {
      let d = <f64>load<T>(row + ((<usize>j) << SH)) - m;
      v += d * d;
    }
    v = N > 0 ? v / <f64>N : 0;
    let meanT = <T>m;
    let varT = <T>v;
    let r: T;
    if (sizeof<T>() == 4) r = <T>(<f32>1 / Mathf.sqrt(max<f32>(<f32>varT, 0) + <f32>eps));
    else r = <T>(1 / Math.sqrt(max<f64>(<f64>varT, 0) + eps));
    let bias: T = -r * meanT;
    for (let j = 0; j < N; j++) {
      let xv = load<T>(row + ((<usize>j) << SH));
      let g: T = gamma != 0 ? load<T>(gamma + ((<usize>j) << SH)) : <T>1;
      let b: T = beta != 0 ? load<T>(beta + ((<usize>j) << SH)) : <T>0;
      store<T>(out + ((<usize>j) << SH), fmaT<T>(fmaT<T>(xv, r, bias), g, b));
    }
    store<T>(mean + ((<usize>i) << SH), meanT);
    store<T>(rstd + ((<usize>i) << SH), r);
  }
}

/**
 * The gradients of layer_norm: dx [M, N] (when dx != 0), and dgamma, dbeta
 * [N] summed over rows (when non-zero; zeroed here first).
 *   ds = sum(dy * gamma * x), db = sum(dy * gamma)
 *   b = (db * mean - ds) * rstd^3 / N, c = -b * mean - db * rstd / N
 *   dx = rstd * dy * gamma + b * x + c
 *   dgamma += dy * (x - mean) * rstd, dbeta += dy
 */
@inline export function layerNormBackward<T>(
  dy: usize,
  x: usize,
  mean: usize,
  rstd: usize,
  gamma: usize,
  dx: usize,
  dgamma: usize,
  dbeta: usize,
  M: i32,
  N: i32,
): void {
  const SH = alignof<T>();
  if (dgamma != 0) memory.fill(dgamma, 0, (<usize>N) << SH);
  if (dbeta != 0) memory.fill(dbeta, 0, (<usize>N) << SH);
  let scale: f64 = N > 0 ? 1 / <f64>N : 0;
  for (let i = 0; i < M; i++) {
    let off = (<usize>(i * N)) << SH;
    let mv = <f64>load<T>(mean + ((<usize>i) << SH));
    let a = <f64>load<T>(rstd + ((<usize>i) << SH));
    if (dgamma != 0 || dbeta != 0) {
      for (let j = 0; j < N; j++) {
        let o = (<usize>j) << SH;
        let d = load<T>(dy + off + o);
        if (dgamma != 0) {
          let xh = <T>((<f64>load<T>(x + off + o) - mv) * a);
          store<T>(dgamma + o, load<T>(dgamma + o) + d * xh);
        }
        if (dbeta != 0) store<T>(dbeta + o, load<T>(dbeta + o) + d);
      }
    }
    if (dx == 0) continue;
    let ds: f64 = 0,
      db: f64 = 0;
    for (let j = 0; j < N; j++) {
      let o = (<usize>j) << SH;
      let g: f64 = gamma != 0 ? <f64>load<T>(gamma + o) : 1;
      let dg = <f64>load<T>(dy + off + o) * g;
      ds += dg * <f64>load<T>(x + off + o);
      db += dg;
    }
    let b = (db * mv - ds) * a * a * a * scale;
    let c = -b * mv - db * a * scale;
    for (let j = 0; j < N; j++) {
      let o = (<usize>j) << SH;
      let g: f64 = gamma != 0 ? <f64>load<T>(gamma + o) : 1;
      let v = a * <f64>load<T>(dy + off + o) * g + b * <f64>load<T>(x + off + o) + c;
      store<T>(dx + off + o, <T>v);
    }
  }
}
