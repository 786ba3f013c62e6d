// batch_norm and group_norm over contiguous x [N, C, S] (S: the product of
// the spatial dims, 1 for [N, C]).
//
// batch_norm: channel c's statistics run over its N rows of S contiguous
// elements. Work is split by channel ranges [c0, c1) (src/nn/functional/
// batchNorm.ts cuts them over the thread pool), and every channel is
// computed by the same code in the same order, so results are bit-identical
// with threads. After aten/src/ATen/native/Normalization.cpp and
// cpu/batch_norm_kernel.cpp (PyTorch 1.13): the sums are accumulated in f64
// (PyTorch's accscalar_t for float on the CPU), mean and variance in two
// passes, invstd = 1 / sqrt(var + eps) in f64; the per-channel affine
// alpha = invstd * w, beta = b - mean * alpha in T, then y = x * alpha + beta.
// The row sums run in two f64x2 accumulators (four lanes for f32 input),
// then a scalar tail.
//
// group_norm: each (n, group) is a row of D * S elements (D = C / G), with
// per-channel weight and bias; after cpu/group_norm_kernel.cpp, with the
// moments in f64 as layernorm.ts does.

import { vmadd } from "./simd";
import { fmaT } from "./nnmath";

/** The second result of rowSumDot (globals are per instance, so per thread). */
let dotResult: f64 = 0;


@inline function hiF64(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}


@inline function hsum(a: v128): f64 {
  return f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
}

/** Σ p[0..S) in f64. */
@inline function rowSum<T>(p: usize, S: i32): f64 {
  const SH = alignof<T>();
  let a0 = f64x2.splat(0),
    a1 = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= S; j += 4) {
    let q = p + ((<usize>j) << SH);
    if (sizeof<T>() == 4) {
      let v = v128.load(q);
      a0 = f64x2.add(a0, f64x2.promote_low_f32x4(v));
      a1 = f64x2.add(a1, hiF64(v));
    } else {
      a0 = f64x2.add(a0, v128.load(q));
      a1 = f64x2.add(a1, v128.load(q, 16));
    }
  }
  let s = hsum(f64x2.add(a0, a1));
  for (; j < S; j++) s += <f64>load<T>(p + ((<usize>j) << SH));
  return s;
}

/** Σ (p[j] - m)² over [0, S) in f64. */
@inline function rowSqDev<T>(p: usize, S: i32, m: f64): f64 {
  const SH = alignof<T>();
  let mv = f64x2.splat(m);
  let a0 = f64x2.splat(0),
    a1 = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= S; j += 4) {
    let q = p + ((<usize>j) << SH);
    let lo: v128, hi: v128;
    if (sizeof<T>() == 4) {
      let v = v128.load(q);
      lo = f64x2.sub(f64x2.promote_low_f32x4(v), mv);
      hi = f64x2.sub(hiF64(v), mv);
    } else {
      lo = f64x2.sub(v128.load(q), mv);
      hi = f64x2.sub(v128.load(q, 16), mv);
    }
    a0 = f64x2.add(a0, f64x2.mul(lo, lo));
    a1 = f64x2.add(a1, f64x2.mul(hi, hi));
  }
  let s = hsum(f64x2.add(a0, a1));
  for (; j < S; j++) {
    let d = <f64>load<T>(p + ((<usize>j) << SH)) - m;
    s += d * d;
  }
  return s;
}

/** Σ dy over [0, S) (returned) and Σ dy * (x - m) (in dotResult), in f64, one pass. */
@inline function rowSumDot<T>(dy: usize, x: usize, S: i32, m: f64): f64 {
  const SH = alignof<T>();
  let mv = f64x2.splat(m);
  let s0 = f64x2.splat(0),
    s1 = f64x2.splat(0),
    d0 = f64x2.splat(0),
    d1 = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= S; j += 4) {
    let o = (<usize>j) << SH;
    let glo: v128, ghi: v128, xlo: v128, xhi: v128;
    if (sizeof<T>() == 4) {
      let g = v128.load(dy + o),
        v = v128.load(x + o);
      glo = f64x2.promote_low_f32x4(g);
      ghi = hiF64(g);
      xlo = f64x2.promote_low_f32x4(v);
      xhi = hiF64(v);
    } else {
      glo = v128.load(dy + o);
      ghi = v128.load(dy + o, 16);
      xlo = v128.load(x + o);
      xhi = v128.load(x + o, 16);
    }
    s0 = f64x2.add(s0, glo);
    s1 = f64x2.add(s1, ghi);
    d0 = f64x2.add(d0, f64x2.mul(glo, f64x2.sub(xlo, mv)));
    d1 = f64x2.add(d1, f64x2.mul(ghi, f64x2.sub(xhi, mv)));
  }
  let s = hsum(f64x2.add(s0, s1)),
    d = hsum(f64x2.add(d0, d1));
  for (; j < S; j++) {
    let o = (<usize>j) << SH;
    let g = <f64>load<T>(dy + o);
    s += g;
    d += g * (<f64>load<T>(x + o) - m);
  }
  dotResult = d;
  return s;
}

/** y[j] = x[j] * a + b over [0, S). */
@inline function rowAffine<T>(x: usize, y: usize, S: i32, a: T, b: T): void {
  const SH = alignof<T>();
  const L = 16 / sizeof<T>();
  let av = v128.splat<T>(a),
    bv = v128.splat<T>(b);
  let j = 0;
  for (; j + L <= S; j += L) {
    let o = (<usize>j) << SH;
    v128.store(y + o, vmadd<T>(v128.load(x + o), av, bv));
  }
  for (; j < S; j++) {
    let o = (<usize>j) << SH;
    store<T>(y + o, load<T>(x + o) * a + b);
  }
}

/**
 * batch_norm forward for channels [c0, c1). Training: the batch statistics,
 * written to mean and invstd, and (when runMean != 0) the running stats
 * updated in place with `momentum` (unbiased variance). Eval: mean and
 * invstd from the running stats (written to mean and invstd too, which the
 * backward reads). gamma, beta: 0 when absent.
 */
@inline export function batchNorm<T>(
  x: usize,
  gamma: usize,
  beta: usize,
  y: usize,
  mean: usize,
  invstd: usize,
  runMean: usize,
  runVar: usize,
  N: i32,
  C: i32,
  S: i32,
  c0: i32,
  c1: i32,
  eps: f64,
  momentum: f64,
  training: i32,
): void {
  const SH = alignof<T>();
  const rowBytes = (<usize>S) << SH;
  const stride = <usize>C * rowBytes;
  const n = <f64>N * <f64>S;
  for (let c = c0; c < c1; c++) {
    let co = (<usize>c) << SH;
    let base = <usize>c * rowBytes;
    let m: T, r: T;
    if (training != 0) {
      let s: f64 = 0;
      for (let i = 0; i < N; i++) s += rowSum<T>(x + base + <usize>i * stride, S);
      let mu = s / n;
      let v: f64 = 0;
      for (let i = 0; i < N; i++) v += rowSqDev<T>(x + base + <usize>i * stride, S, mu);
      m = <T>mu;
      r = <T>(1 / Math.sqrt(v / n + eps));
      if (runMean != 0) {
        store<T>(runMean + co, <T>(momentum * mu + (1 - momentum) * <f64>load<T>(runMean + co)));
        store<T>(runVar + co, <T>(momentum * (v / (n - 1)) + (1 - momentum) * <f64>load<T>(runVar + co)));
      }
    } else {
      m = load<T>(runMean + co);
      let rv = load<T>(runVar + co);
      r = <T>1 / <T>sqrt<T>(rv + <T>eps);
    }
    store<T>(mean + co, m);
    store<T>(invstd + co, r);
    let w: T = gamma != 0 ? load<T>(gamma + co) : <T>1;
    let b: T = beta != 0 ? load<T>(beta + co) : <T>0;
    let alpha: T = r * w;
    let shift: T = b - m * alpha;
    for (let i = 0; i < N; i++) {
      let o = base + <usize>i * stride;
      rowAffine<T>(x + o, y + o, S, alpha, shift);
    }
  }
}

/**
 * batch_norm backward for channels [c0, c1): dx (when != 0), dgamma and
 * dbeta (each when != 0). One pass for Σ dy and Σ dy * (x - mean), then
 *   training: dx = (dy - Σdy / n - (x - mean) * k) * invstd * w,
 *             k = Σ dy (x - mean) * invstd² / n
 *   eval:     dx = dy * invstd * w
 *   dgamma = Σ dy (x - mean) * invstd, dbeta = Σ dy.
 */
@inline export function batchNormBackward<T>(
  dy: usize,
  x: usize,
  mean: usize,
  invstd: usize,
  gamma: usize,
  dx: usize,
  dgamma: usize,
  dbeta: usize,
  N: i32,
  C: i32,
  S: i32,
  c0: i32,
  c1: i32,
  training: i32,
): void {
  const SH = alignof<T>();
  const L = 16 / sizeof<T>();
  const rowBytes = (<usize>S) << SH;
  const stride = <usize>C * rowBytes;
  const n = <f64>N * <f64>S;
  for (let c = c0; c < c1; c++) {
    let co = (<usize>c) << SH;
    let base = <usize>c * rowBytes;
    let mu = load<T>(mean + co);
    let r = load<T>(invstd + co);
    let sum: f64 = 0,
      dot: f64 = 0;
    if (training != 0 || dgamma != 0 || dbeta != 0) {
      for (let i = 0; i < N; i++) {
        let o = base + <usize>i * stride;
        sum += rowSumDot<T>(dy + o, x + o, S, <f64>mu);
        dot += dotResult;
      }
    }
    if (dgamma != 0) store<T>(dgamma + co, <T>(dot * <f64>r));
    if (dbeta != 0) store<T>(dbeta + co, <T>sum);
    if (dx == 0) continue;
    let w: T = gamma != 0 ? load<T>(gamma + co) : <T>1;
    let k: T = <T>((dot * <f64>r * <f64>r) / n);
    let gm: T = <T>(sum / n);
    let rv = v128.splat<T>(r),
      wv = v128.splat<T>(w),
      kv = v128.splat<T>(k),
      gv = v128.splat<T>(gm),
      mv = v128.splat<T>(mu);
    for (let i = 0; i < N; i++) {
      let o = base + <usize>i * stride;
      let pg = dy + o,
        px = x + o,
        pd = dx + o;
      let j = 0;
      if (training != 0) {
        for (; j + L <= S; j += L) {
          let q = (<usize>j) << SH;
          let d = v128.mul<T>(v128.sub<T>(v128.load(px + q), mv), kv);
          let t = v128.sub<T>(v128.sub<T>(v128.load(pg + q), gv), d);
          v128.store(pd + q, v128.mul<T>(v128.mul<T>(t, rv), wv));
        }
        for (; j < S; j++) {
          let q = (<usize>j) << SH;
          let d = (load<T>(px + q) - mu) * k;
          store<T>(pd + q, (load<T>(pg + q) - gm - d) * r * w);
        }
      } else {
        for (; j + L <= S; j += L) {
          let q = (<usize>j) << SH;
          v128.store(pd + q, v128.mul<T>(v128.mul<T>(v128.load(pg + q), rv), wv));
        }
        for (; j < S; j++) {
          let q = (<usize>j) << SH;
          store<T>(pd + q, load<T>(pg + q) * r * w);
        }
      }
    }
  }
}

/**
 * group_norm forward: rows (n, g) of D * S elements; mean and rstd [N, G];
 * y = x * scale + bias with scale = rstd * gamma[c], bias = -scale * mean + beta[c].
 */
@inline export function groupNorm<T>(
  x: usize,
  gamma: usize,
  beta: usize,
  y: usize,
  mean: usize,
  rstd: usize,
  N: i32,
  C: i32,
  S: i32,
  G: i32,
  eps: f64,
): void {
  const SH = alignof<T>();
  const D = C / G;
  const len = D * S;
  for (let i = 0; i < N * G; i++) {
    let row = x + <usize>i * ((<usize>len) << SH);
    let out = y + <usize>i * ((<usize>len) << SH);
    let m: f64 = len > 0 ? rowSum<T>(row, len) / <f64>len : 0;
    let v: f64 = len > 0 ? rowSqDev<T>(row, len, m) / <f64>len : 0;
    let meanT = <T>m;
    let r: T;
    if (sizeof<T>() == 4) r = <T>(<f32>1 / Mathf.sqrt(max<f32>(<f32>v, 0) + <f32>eps));
    else r = <T>(1 / Math.sqrt(max<f64>(v, 0) + eps));
    store<T>(mean + ((<usize>i) << SH), meanT);
    store<T>(rstd + ((<usize>i) << SH), r);
    let g = i % G;
    for (let d = 0; d < D; d++) {
      let c = g * D + d;
      let co = (<usize>c) << SH;
      let scale: T = r * (gamma != 0 ? load<T>(gamma + co) : <T>1);
      let bias: T = fmaT<T>(-scale, meanT, beta != 0 ? load<T>(beta + co) : <T>0);
      let o = (<usize>(d * S)) << SH;
      rowAffine<T>(row + o, out + o, S, scale, bias);
    }
  }
}

/**
 * group_norm backward: dx (when != 0), dgamma and dbeta [C] (each when != 0).
 * Per (n, c): ds = Σ dy * x, db = Σ dy; per (n, g), with s = 1 / (D * S):
 *   c2 = (Σ db·γ * mean - Σ ds·γ) * rstd³ * s, c3 = -c2 * mean - Σ db·γ * rstd * s
 *   dx = rstd * γ * dy + c2 * x + c3
 *   dgamma[c] = Σ_n (ds - db * mean) * rstd, dbeta[c] = Σ_n db.
 * `work` holds 4 * C f64 (ds and db of one n; dgamma and dbeta sums).
 */
@inline export function groupNormBackward<T>(
  dy: usize,
  x: usize,
  mean: usize,
  rstd: usize,
  gamma: usize,
  dx: usize,
  dgamma: usize,
  dbeta: usize,
  work: usize,
  N: i32,
  C: i32,
  S: i32,
  G: i32,
): void {
  const SH = alignof<T>();
  const D = C / G;
  const scale: f64 = D * S > 0 ? 1 / <f64>(D * S) : 0;
  const dsW = work,
    dbW = work + ((<usize>C) << 3),
    dgW = work + ((<usize>C) << 4),
    dbetaW = dgW + ((<usize>C) << 3);
  memory.fill(dgW, 0, (<usize>C) << 4);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      let o = (<usize>(n * C + c) * <usize>S) << SH;
      let db = rowSumDot<T>(dy + o, x + o, S, 0);
      store<f64>(dsW + ((<usize>c) << 3), dotResult);
      store<f64>(dbW + ((<usize>c) << 3), db);
    }
    for (let g = 0; g < G; g++) {
      let go = (<usize>(n * G + g)) << SH;
      let mv = <f64>load<T>(mean + go),
        a = <f64>load<T>(rstd + go);
      let dsg: f64 = 0,
        dbg: f64 = 0;
      for (let d = 0; d < D; d++) {
        let c = g * D + d;
        let gv: f64 = gamma != 0 ? <f64>load<T>(gamma + ((<usize>c) << SH)) : 1;
        let ds = load<f64>(dsW + ((<usize>c) << 3)),
          db = load<f64>(dbW + ((<usize>c) << 3));
        dsg += ds * gv;
        dbg += db * gv;
        let pg = dgW + ((<usize>c) << 3),
          pb = dbetaW + ((<usize>c) << 3);
        store<f64>(pg, load<f64>(pg) + (ds - db * mv) * a);
        store<f64>(pb, load<f64>(pb) + db);
      }
      if (dx == 0) continue;
      let c2 = (dbg * mv - dsg) * a * a * a * scale;
      let c3 = -c2 * mv - dbg * a * scale;
      for (let d = 0; d < D; d++) {
        let c = g * D + d;
        let c1 = a * (gamma != 0 ? <f64>load<T>(gamma + ((<usize>c) << SH)) : 1);
        let o = (<usize>(n * C + c) * <usize>S) << SH;
        for (let j = 0; j < S; j++) {
          let q = o + ((<usize>j) << SH);
          store<T>(dx + q, <T>(c1 * <f64>load<T>(dy + q) + c2 * <f64>load<T>(x + q) + c3));
        }
      }
    }
  }
  for (let c = 0; c < C; c++) {
    let co = (<usize>c) << SH;
    if (dgamma != 0) store<T>(dgamma + co, <T>load<f64>(dgW + ((<usize>c) << 3)));
    if (dbeta != 0) store<T>(dbeta + co, <T>load<f64>(dbetaW + ((<usize>c) << 3)));
  }
}
