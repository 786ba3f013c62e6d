// Fused loss kernels. Operands arrive as a meta block (see strided.ts) with
// the output first; absent optional operands (weight, pos_weight) are a 0-d
// tensor of 1 broadcast with stride 0, so one loop serves every combination.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import * as M from "./math";
import { fmaT } from "./nnmath";

/**
 * binary_cross_entropy_with_logits, elementwise, as PyTorch computes it:
 *   m = max(-x, 0)
 *   loss = (1 - t) * x + ((pw - 1) * t + 1) * (log(exp(-m) + exp(-x - m)) + m)
 * multiplied by the weight. Operands (out, x, t, w, pw). With `reduce` set,
 * `o` receives the sum over all elements (accumulated in f64) instead.
 */
@inline export function bceWithLogits<T>(
  x: usize,
  t: usize,
  w: usize,
  pw: usize,
  o: usize,
  meta: usize,
  reduce: bool,
): void {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sx = rowStride(meta, 1);
  let st = rowStride(meta, 2);
  let sw = rowStride(meta, 3);
  let sp = rowStride(meta, 4);
  let acc: f64 = 0;
  if (firstRow(meta)) {
    do {
      let px = rowPtr<T>(x, meta, 1);
      let pt = rowPtr<T>(t, meta, 2);
      let pwp = rowPtr<T>(w, meta, 3);
      let ppp = rowPtr<T>(pw, meta, 4);
      let po = rowPtr<T>(o, meta, 0);
      for (let i = 0; i < n; i++) {
        let xi = load<T>(elem<T>(px, i, sx));
        let ti = load<T>(elem<T>(pt, i, st));
        let wi = load<T>(elem<T>(pwp, i, sw));
        let pi = load<T>(elem<T>(ppp, i, sp));
        let m: T = max<T>(-xi, 0);
        let lw: T = (pi - 1) * ti + 1;
        let l: T;
        if (sizeof<T>() == 4) {
          l = <T>(
            ((<f32>1 - <f32>ti) * <f32>xi +
              <f32>lw * (Mathf.log(Mathf.exp(-(<f32>m)) + Mathf.exp(-(<f32>xi) - <f32>m)) + <f32>m))
          );
        } else {
          l = <T>(
            ((1 - <f64>ti) * <f64>xi +
              <f64>lw * (Math.log(Math.exp(-(<f64>m)) + Math.exp(-(<f64>xi) - <f64>m)) + <f64>m))
          );
        }
        l = l * wi;
        if (reduce) acc += <f64>l;
        else store<T>(elem<T>(po, i, so), l);
      }
    } while (nextRow(meta));
  }
  if (reduce) store<T>(o, <T>acc);
}

/**
 * The gradient w.r.t. the input: (sigmoid(x) * (pw * t + 1 - t) - pw * t) * w * g * scale.
 * Operands (out, g, x, t, w, pw); `scale` is 1/numel for the mean reduction.
 */
@inline export function bceWithLogitsBackward<T>(
  g: usize,
  x: usize,
  t: usize,
  w: usize,
  pw: usize,
  o: usize,
  meta: usize,
  scale: f64,
): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sg = rowStride(meta, 1);
  let sx = rowStride(meta, 2);
  let st = rowStride(meta, 3);
  let sw = rowStride(meta, 4);
  let sp = rowStride(meta, 5);
  let sc = <T>scale;
  do {
    let pg = rowPtr<T>(g, meta, 1);
    let px = rowPtr<T>(x, meta, 2);
    let pt = rowPtr<T>(t, meta, 3);
    let pwp = rowPtr<T>(w, meta, 4);
    let ppp = rowPtr<T>(pw, meta, 5);
    let po = rowPtr<T>(o, meta, 0);
    for (let i = 0; i < n; i++) {
      let gi = load<T>(elem<T>(pg, i, sg));
      let xi = load<T>(elem<T>(px, i, sx));
      let ti = load<T>(elem<T>(pt, i, st));
      let wi = load<T>(elem<T>(pwp, i, sw));
      let pi = load<T>(elem<T>(ppp, i, sp));
      let sig: T;
      if (sizeof<T>() == 4) sig = <T>(<f32>1 / (<f32>1 + Mathf.exp(-(<f32>xi))));
      else sig = <T>(1 / (1 + Math.exp(-(<f64>xi))));
      let pt_ = pi * ti;
      let r: T = (sig * (pt_ + 1 - ti) - pt_) * wi * gi * sc;
      store<T>(elem<T>(po, i, so), r);
    }
  } while (nextRow(meta));
}

// ---- pointwise losses: mse, smooth_l1, huber, binary_cross_entropy ------------

export const MSE = 0;
export const SMOOTH_L1 = 1;
export const HUBER = 2;
export const BCE = 3;

/**
 * The elementwise loss of `op` as PyTorch 1.13's CPU kernels compute it
 * (aten/src/ATen/native/Loss.cpp, cpu/PointwiseOpsKernel.cpp); `p` is beta
 * (smooth_l1) or delta (huber). BCE clamps both logs at -100.
 */
@inline function lossOp<T>(op: i32, x: T, t: T, p: T): T {
  if (op == MSE) {
    let d = x - t;
    return d * d;
  }
  if (op == SMOOTH_L1) {
    let z = abs<T>(x - t);
    return z < p ? (<T>0.5 * z * z) / p : z - <T>0.5 * p;
  }
  if (op == HUBER) {
    let z = abs<T>(x - t);
    return z < p ? <T>0.5 * z * z : p * (z - <T>0.5 * p);
  }
  // (t - 1) * max(log1p(-x), -100) - t * max(log(x), -100)
  let l1: T, l0: T;
  if (sizeof<T>() == 4) {
    l1 = <T>max<f32>(M.log1pf32(-(<f32>x)), -100);
    l0 = <T>max<f32>(M.logf32(<f32>x), -100);
  } else {
    l1 = <T>max<f64>(Math.log1p(-(<f64>x)), -100);
    l0 = <T>max<f64>(Math.log(<f64>x), -100);
  }
  return (t - <T>1) * l1 - t * l0;
}

/**
 * loss = op(x, t) * w, elementwise. Operands (out, x, t, w); an absent weight
 * is a 0-d 1 broadcast with stride 0. With `reduce` set, `o` receives the sum
 * (accumulated in f64). Returns 1 when a BCE input lies outside [0, 1] (or is
 * NaN), else 0.
 */
@inline export function pointwiseLoss<T>(
  op: i32,
  x: usize,
  t: usize,
  w: usize,
  o: usize,
  meta: usize,
  p: f64,
  reduce: bool,
): i32 {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sx = rowStride(meta, 1);
  let st = rowStride(meta, 2);
  let sw = rowStride(meta, 3);
  let acc: f64 = 0;
  let bad = 0;
  let pt = <T>p;
  if (firstRow(meta)) {
    do {
      let px = rowPtr<T>(x, meta, 1);
      let ptt = rowPtr<T>(t, meta, 2);
      let pw = rowPtr<T>(w, meta, 3);
      let po = rowPtr<T>(o, meta, 0);
      for (let i = 0; i < n; i++) {
        let xi = load<T>(elem<T>(px, i, sx));
        let ti = load<T>(elem<T>(ptt, i, st));
        let wi = load<T>(elem<T>(pw, i, sw));
        if (op == BCE && !(xi >= 0 && xi <= 1)) bad = 1;
        let l = lossOp<T>(op, xi, ti, pt) * wi;
        if (reduce) acc += <f64>l;
        else store<T>(elem<T>(po, i, so), l);
      }
    } while (nextRow(meta));
  }
  if (reduce) store<T>(o, <T>acc);
  return bad;
}

/**
 * The gradient w.r.t. the input of op, times w and g. Operands (out, g, x, t, w).
 * `norm` is the mse/smooth_l1/huber factor (2 or 1, over numel for "mean");
 * `p` is beta or delta; for BCE `div` is numel for "mean" (else 1), applied last.
 */
@inline export function pointwiseLossBackward<T>(
  op: i32,
  g: usize,
  x: usize,
  t: usize,
  w: usize,
  o: usize,
  meta: usize,
  p: f64,
  norm: f64,
  div: f64,
): void {
  let n = rowLength(meta);
  if (!firstRow(meta)) return;
  let so = rowStride(meta, 0);
  let sg = rowStride(meta, 1);
  let sx = rowStride(meta, 2);
  let st = rowStride(meta, 3);
  let sw = rowStride(meta, 4);
  let pt = <T>p,
    nt = <T>norm,
    dt = <T>div;
  do {
    let pg = rowPtr<T>(g, meta, 1);
    let px = rowPtr<T>(x, meta, 2);
    let ptt = rowPtr<T>(t, meta, 3);
    let pw = rowPtr<T>(w, meta, 4);
    let po = rowPtr<T>(o, meta, 0);
    for (let i = 0; i < n; i++) {
      let gi = load<T>(elem<T>(pg, i, sg));
      let xi = load<T>(elem<T>(px, i, sx));
      let ti = load<T>(elem<T>(ptt, i, st));
      let wi = load<T>(elem<T>(pw, i, sw));
      let r: T;
      if (op == MSE) {
        r = nt * (xi - ti) * gi;
      } else if (op == SMOOTH_L1) {
        // PyTorch's vectorised form: norm * (x >= beta ? sign : x / beta) * g
        let d = xi - ti;
        let s: T = abs<T>(d) >= pt ? (d > 0 ? <T>1 : <T>-1) : d / pt;
        r = nt * s * gi;
      } else if (op == HUBER) {
        let d = xi - ti;
        r = d <= -pt ? -nt * gi * pt : d >= pt ? nt * gi * pt : nt * d * gi;
      } else {
        // g * (x - t) / max((1 - x) * x, 1e-12), then * w, then / numel
        let den = max<T>((<T>1 - xi) * xi, <T>1e-12);
        r = (gi * (xi - ti)) / den;
      }
      r = r * wi;
      if (op == BCE) r = r / dt;
      store<T>(elem<T>(po, i, so), r);
    }
  } while (nextRow(meta));
}

// ---- nll_loss over [N, C, S] ---------------------------------------------------

const nllLossSums: usize = memory.data(8 * 8, 16);
const nllWeightSums: usize = memory.data(8 * 8, 16);

/**
 * nll_loss / nll_loss2d forward over a contiguous input [N, C, S] (S = 1 for
 * nll_loss), int32 targets [N, S], optional weight [C] (w == 0: none).
 * reduction 0 ("none"): out[N*S] = -x[n, t, s] * w[t] (0 where ignored);
 * otherwise out[0] = the sum, divided by the total weight for "mean" (1), and
 * tw[0] = the total weight. The sum is PyTorch's cascade (8 levels of partial
 * sums in T), so float32 results round as PyTorch's do.
 * Returns 0, or 1 + the position of the first target outside [0, C).
 */
@inline export function nllLoss<T>(
  x: usize,
  target: usize,
  w: usize,
  o: usize,
  tw: usize,
  N: i32,
  C: i32,
  S: i32,
  ignore: i32,
  reduction: i32,
): i32 {
  const SH = alignof<T>();
  let total = N * S;
  if (reduction == 0) {
    for (let b = 0; b < N; b++) {
      for (let s = 0; s < S; s++) {
        let li = b * S + s;
        let cur = load<i32>(target + ((<usize>li) << 2));
        if (cur == ignore) {
          store<T>(o + ((<usize>li) << SH), <T>0);
          continue;
        }
        if (cur < 0 || cur >= C) return li + 1;
        let wv: T = w != 0 ? load<T>(w + ((<usize>cur) << SH)) : <T>1;
        let xv = load<T>(x + ((<usize>((b * C + cur) * S + s)) << SH));
        store<T>(o + ((<usize>li) << SH), -xv * wv);
      }
    }
    return 0;
  }
  // Cascade summation, as aten/src/ATen/native/LossNLL.cpp (nll_loss_out_frame).
  const LEVELS = 8;
  let levelPower: i32 = 4;
  if (total > 1) {
    let ceilLog2 = 32 - clz<i32>(total - 1);
    levelPower = max<i32>(4, ceilLog2 / LEVELS);
  }
  let levelMask: i32 = (1 << levelPower) - 1;
  let lossSums = nllLossSums,
    weightSums = nllWeightSums;
  for (let j = 0; j < LEVELS; j++) {
    store<T>(lossSums + ((<usize>j) << SH), <T>0);
    store<T>(weightSums + ((<usize>j) << SH), <T>0);
  }
  let ignored = 0;
  for (let li = 0; li < total; li++) {
    let b = li / S,
      s = li % S;
    let cur = load<i32>(target + ((<usize>li) << 2));
    if (cur == ignore) {
      ignored++;
      continue;
    }
    if (cur < 0 || cur >= C) return li + 1;
    let xv = load<T>(x + ((<usize>((b * C + cur) * S + s)) << SH));
    if (w != 0) {
      let wv = load<T>(w + ((<usize>cur) << SH));
      // `sum -= x * w`: one fma in PyTorch's AVX2 build
      store<T>(lossSums, fmaT<T>(-xv, wv, load<T>(lossSums)));
      store<T>(weightSums, load<T>(weightSums) + wv);
    } else {
      store<T>(lossSums, load<T>(lossSums) - xv);
    }
    for (let j = 0; j + 1 < LEVELS; j++) {
      let mask = levelMask << (j * levelPower);
      if ((li & mask) != 0) break;
      let pl = lossSums + ((<usize>j) << SH),
        pw = weightSums + ((<usize>j) << SH);
      store<T>(pl + (1 << SH), load<T>(pl + (1 << SH)) + load<T>(pl));
      store<T>(pw + (1 << SH), load<T>(pw + (1 << SH)) + load<T>(pw));
      store<T>(pl, <T>0);
      store<T>(pw, <T>0);
    }
  }
  let totalWeight: T = <T>0;
  let out: T = <T>0;
  // std::accumulate from level 0 up
  for (let j = 0; j < LEVELS; j++) {
    totalWeight += load<T>(weightSums + ((<usize>j) << SH));
    out += load<T>(lossSums + ((<usize>j) << SH));
  }
  if (w == 0) totalWeight = <T>(total - ignored);
  if (reduction == 1) out = out / totalWeight;
  store<T>(o, out);
  store<T>(tw, totalWeight);
  return 0;
}

/**
 * The gradient of nll_loss w.r.t. its input, written into a zeroed contiguous
 * [N, C, S] `o`: at each (n, target, s) not ignored,
 * w[t] * -(g / total weight for "mean", else g); g is per element for "none".
 */
@inline export function nllLossBackward<T>(
  g: usize,
  target: usize,
  w: usize,
  tw: usize,
  o: usize,
  N: i32,
  C: i32,
  S: i32,
  ignore: i32,
  reduction: i32,
): void {
  const SH = alignof<T>();
  let total = N * S;
  memory.fill(o, 0, (<usize>(total * C)) << SH);
  let gs: T = reduction == 0 ? <T>0 : load<T>(g);
  let grad: T = reduction == 1 ? -(gs / load<T>(tw)) : -gs;
  for (let li = 0; li < total; li++) {
    let b = li / S,
      s = li % S;
    let cur = load<i32>(target + ((<usize>li) << 2));
    if (cur == ignore || cur < 0 || cur >= C) continue;
    let gv = reduction == 0 ? -load<T>(g + ((<usize>li) << SH)) : grad;
    let v = w != 0 ? load<T>(w + ((<usize>cur) << SH)) * gv : gv;
    store<T>(o + ((<usize>((b * C + cur) * S + s)) << SH), v);
  }
}

/**
 * _log_softmax_backward_data over contiguous rows [O, D, I] along D:
 * out = g - exp(y) * sum_d(g). `g` and `y` have the same layout as `out`.
 */
@inline export function logSoftmaxBackward<T>(g: usize, y: usize, o: usize, O: i32, D: i32, I: i32): void {
  const SH = alignof<T>();
  for (let a = 0; a < O; a++) {
    for (let c = 0; c < I; c++) {
      let base = <usize>(a * D * I + c);
      let sum: T = <T>0;
      for (let d = 0; d < D; d++) sum += load<T>(g + ((base + <usize>(d * I)) << SH));
      for (let d = 0; d < D; d++) {
        let off = (base + <usize>(d * I)) << SH;
        let e: T;
        if (sizeof<T>() == 4) e = <T>M.expf32(<f32>load<T>(y + off));
        else e = <T>Math.exp(<f64>load<T>(y + off));
        store<T>(o + off, load<T>(g + off) - e * sum);
      }
    }
  }
}
