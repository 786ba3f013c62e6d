// layer_norm over contiguous rows: x [M, N] normalised over each row of N,
// with an optional elementwise affine (gamma, beta of N; 0 when absent).
// After aten/src/ATen/native/cpu/layer_norm_kernel.cpp (PyTorch 1.13); the
// row moments are computed in f64 (PyTorch uses a float Welford cascade), so
// float32 results agree to an ulp or so.

import { fmaT } from "./nnmath";

// ---- float32 rows, four lanes at a time ------------------------------------------
//
// The float32 forms keep the f64 row moments and the f64 arithmetic of dx,
// on f64x2 halves of each f32x4 (a row of a transformer's activations is a
// few hundred floats: the scalar f64 loops and the exact float32 fma cost
// ~7 ns an element). Each affine step is rounded once in f64 and once to
// f32 (fmaT's exact fma differs only where that double rounding lands on a
// tie); a row's tail runs the same operations one lane at a time.

/** The low and high f32 pairs of v as f64x2. */
@inline function lo2(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}


@inline function hi2(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** Two f64x2 rounded to one f32x4. */
@inline function narrow(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** a * b + c in f64 rounded to f32 (the lanes' operation). */
@inline function affine32(a: f32, b: f32, c: f32): f32 {
  return <f32>(<f64>a * <f64>b + <f64>c);
}

/** affine32 on four lanes, b and c as f64x2 splats. */
@inline function affine4(a: v128, b: v128, c: v128): v128 {
  return narrow(f64x2.add(f64x2.mul(lo2(a), b), c), f64x2.add(f64x2.mul(hi2(a), b), c));
}

/** affine32 on four lanes, each operand per lane. */
@inline function affine4v(a: v128, b: v128, c: v128): v128 {
  return narrow(f64x2.add(f64x2.mul(lo2(a), lo2(b)), lo2(c)), f64x2.add(f64x2.mul(hi2(a), hi2(b)), hi2(c)));
}

/** The sum of the two lanes. */
@inline function hsum2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

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
  if (sizeof<T>() == 4) {
    let N4 = N & ~3;
    for (let i = 0; i < M; i++) {
      let row = x + ((<usize>i * N) << 2);
      let out = y + ((<usize>i * N) << 2);
      let vs = f64x2.splat(0);
      let j = 0;
      for (; j < N4; j += 4) {
        let v = v128.load(row + ((<usize>j) << 2));
        vs = f64x2.add(vs, f64x2.add(lo2(v), hi2(v)));
      }
      let s = hsum2(vs);
      for (; j < N; j++) s += <f64>load<f32>(row + ((<usize>j) << 2));
      let m = N > 0 ? s / <f64>N : 0;
      let vm = f64x2.splat(m);
      let vv = f64x2.splat(0);
      for (j = 0; j < N4; j += 4) {
        let v = v128.load(row + ((<usize>j) << 2));
        let a = f64x2.sub(lo2(v), vm),
          b = f64x2.sub(hi2(v), vm);
        vv = f64x2.add(vv, f64x2.add(f64x2.mul(a, a), f64x2.mul(b, b)));
      }
      let v = hsum2(vv);
      for (; j < N; j++) {
        let d = <f64>load<f32>(row + ((<usize>j) << 2)) - m;
        v += d * d;
      }
      let meanT = <f32>m;
      let r = <f32>1 / Mathf.sqrt(max<f32>(<f32>(N > 0 ? v / <f64>N : 0), 0) + <f32>eps);
      let bias = -r * meanT;
      let vr = f64x2.splat(<f64>r),
        vb = f64x2.splat(<f64>bias);
      for (j = 0; j < N4; j += 4) {
        let o = (<usize>j) << 2;
        let t = affine4(v128.load(row + o), vr, vb);
        let g = gamma != 0 ? v128.load(gamma + o) : f32x4.splat(1);
        let b = beta != 0 ? v128.load(beta + o) : f32x4.splat(0);
        v128.store(out + o, affine4v(t, g, b));
      }
      for (; j < N; j++) {
        let o = (<usize>j) << 2;
        let t = affine32(load<f32>(row + o), r, bias);
        let g: f32 = gamma != 0 ? load<f32>(gamma + o) : 1;
        let b: f32 = beta != 0 ? load<f32>(beta + o) : 0;
        store<f32>(out + o, affine32(t, g, b));
      }
      store<f32>(mean + ((<usize>i) << 2), meanT);
      store<f32>(rstd + ((<usize>i) << 2), r);
    }
    return;
  }
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
  if (sizeof<T>() == 4) {
    if (dgamma != 0) memory.fill(dgamma, 0, (<usize>N) << 2);
    if (dbeta != 0) memory.fill(dbeta, 0, (<usize>N) << 2);
    let N4 = N & ~3;
    let scale: f64 = N > 0 ? 1 / <f64>N : 0;
    let one = f32x4.splat(1);
    for (let i = 0; i < M; i++) {
      let off = (<usize>i * N) << 2;
      let mv = <f64>load<f32>(mean + ((<usize>i) << 2));
      let a = <f64>load<f32>(rstd + ((<usize>i) << 2));
      let vmv = f64x2.splat(mv),
        va = f64x2.splat(a);
      // dgamma += dy * <f32>((x - mean) * rstd), dbeta += dy; ds, db of the row
      let vds = f64x2.splat(0),
        vdb = f64x2.splat(0);
      let j = 0;
      for (; j < N4; j += 4) {
        let o = (<usize>j) << 2;
        let d = v128.load(dy + off + o),
          xv = v128.load(x + off + o);
        if (dgamma != 0) {
          let xh = narrow(f64x2.mul(f64x2.sub(lo2(xv), vmv), va), f64x2.mul(f64x2.sub(hi2(xv), vmv), va));
          v128.store(dgamma + o, f32x4.add(v128.load(dgamma + o), f32x4.mul(d, xh)));
        }
        if (dbeta != 0) v128.store(dbeta + o, f32x4.add(v128.load(dbeta + o), d));
        let g = gamma != 0 ? v128.load(gamma + o) : one;
        let dgl = f64x2.mul(lo2(d), lo2(g)),
          dgh = f64x2.mul(hi2(d), hi2(g));
        vds = f64x2.add(vds, f64x2.add(f64x2.mul(dgl, lo2(xv)), f64x2.mul(dgh, hi2(xv))));
        vdb = f64x2.add(vdb, f64x2.add(dgl, dgh));
      }
      let ds = hsum2(vds),
        db = hsum2(vdb);
      for (; j < N; j++) {
        let o = (<usize>j) << 2;
        let d = load<f32>(dy + off + o),
          xv = load<f32>(x + off + o);
        if (dgamma != 0) store<f32>(dgamma + o, load<f32>(dgamma + o) + d * <f32>((<f64>xv - mv) * a));
        if (dbeta != 0) store<f32>(dbeta + o, load<f32>(dbeta + o) + d);
        let dg = <f64>d * (gamma != 0 ? <f64>load<f32>(gamma + o) : 1);
        ds += dg * <f64>xv;
        db += dg;
      }
      if (dx == 0) continue;
      let b = (db * mv - ds) * a * a * a * scale;
      let c = -b * mv - db * a * scale;
      let vb = f64x2.splat(b),
        vc = f64x2.splat(c);
      for (j = 0; j < N4; j += 4) {
        let o = (<usize>j) << 2;
        let d = v128.load(dy + off + o),
          xv = v128.load(x + off + o);
        let g = gamma != 0 ? v128.load(gamma + o) : one;
        let lo = f64x2.add(f64x2.add(f64x2.mul(f64x2.mul(va, lo2(d)), lo2(g)), f64x2.mul(vb, lo2(xv))), vc);
        let hi = f64x2.add(f64x2.add(f64x2.mul(f64x2.mul(va, hi2(d)), hi2(g)), f64x2.mul(vb, hi2(xv))), vc);
        v128.store(dx + off + o, narrow(lo, hi));
      }
      for (; j < N; j++) {
        let o = (<usize>j) << 2;
        let g: f64 = gamma != 0 ? <f64>load<f32>(gamma + o) : 1;
        let v = a * <f64>load<f32>(dy + off + o) * g + b * <f64>load<f32>(x + off + o) + c;
        store<f32>(dx + off + o, <f32>v);
      }
    }
    return;
  }
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
