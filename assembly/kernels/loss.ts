// Fused loss kernels. Operands arrive as a meta block (see strided.ts) with
// the output first; absent optional operands (weight, pos_weight) are a 0-d
// tensor of 1 broadcast with stride 0, so one loop serves every combination.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import * as M from "./math";
import { fmaT } from "./nnmath";
import { expT } from "./tmath";

// ---- elementwise losses: mse, smooth_l1, huber, binary_cross_entropy(_with_logits)

/** The elementwise losses; BACKWARD added to one is its gradient w.r.t. the input. */
export enum Loss {
  MSE = 0,
  SMOOTH_L1 = 1,
  HUBER = 2,
  BCE = 3,
  BCE_WITH_LOGITS = 4,
  BACKWARD = 8,
}

/**
 * The elementwise loss of `op` as PyTorch 1.13's CPU kernels compute it
 * (aten/src/ATen/native/Loss.cpp, cpu/PointwiseOpsKernel.cpp); `p` is beta
 * (smooth_l1) or delta (huber). BCE clamps both logs at -100.
 */
@inline function lossOp<T>(op: i32, x: T, t: T, p: T): T {
  if (op == Loss.MSE) {
    let d = x - t;
    return d * d;
  }
  if (op == Loss.SMOOTH_L1) {
    let z = abs<T>(x - t);
    return z < p ? (<T>0.5 * z * z) / p : z - <T>0.5 * p;
  }
  if (op == Loss.HUBER) {
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
 * The gradient of op w.r.t. the input, before the weight. `nt` is the
 * mse/smooth_l1/huber factor (2 or 1, over numel for "mean"), `p` beta or delta.
 */
@inline function lossGrad<T>(op: i32, g: T, x: T, t: T, p: T, nt: T): T {
  if (op == Loss.MSE) return nt * (x - t) * g;
  if (op == Loss.SMOOTH_L1) {
    // PyTorch's vectorised form: norm * (x >= beta ? sign : x / beta) * g
    let d = x - t;
    let s: T = abs<T>(d) >= p ? (d > 0 ? <T>1 : <T>-1) : d / p;
    return nt * s * g;
  }
  if (op == Loss.HUBER) {
    let d = x - t;
    return d <= -p ? -nt * g * p : d >= p ? nt * g * p : nt * d * g;
  }
  // g * (x - t) / max((1 - x) * x, 1e-12), then * w, then / numel
  let den = max<T>((<T>1 - x) * x, <T>1e-12);
  return (g * (x - t)) / den;
}

/**
 * binary_cross_entropy_with_logits as PyTorch computes it:
 *   m = max(-x, 0)
 *   loss = (1 - t) * x + ((pw - 1) * t + 1) * (log(exp(-m) + exp(-x - m)) + m)
 */
@inline function bceLogits<T>(x: T, t: T, pw: T): T {
  let m: T = max<T>(-x, 0);
  let lw: T = (pw - 1) * t + 1;
  if (sizeof<T>() == 4) {
    return <T>(
      ((<f32>1 - <f32>t) * <f32>x +
        <f32>lw * (Mathf.log(Mathf.exp(-(<f32>m)) + Mathf.exp(-(<f32>x) - <f32>m)) + <f32>m))
    );
  }
  return <T>((1 - <f64>t) * <f64>x + <f64>lw * (Math.log(Math.exp(-(<f64>m)) + Math.exp(-(<f64>x) - <f64>m)) + <f64>m));
}

/** Its gradient w.r.t. the input: (sigmoid(x) * (pw * t + 1 - t) - pw * t) * w * g * scale. */
@inline function bceLogitsGrad<T>(g: T, x: T, t: T, w: T, pw: T, scale: T): T {
  let sig: T;
  if (sizeof<T>() == 4) sig = <T>(<f32>1 / (<f32>1 + Mathf.exp(-(<f32>x))));
  else sig = <T>(1 / (1 + Math.exp(-(<f64>x))));
  let pt = pw * t;
  return (sig * (pt + 1 - t) - pt) * w * g * scale;
}

/** Operands of op's meta block, the output included. */
@inline function operands(op: i32): i32 {
  let k = (op & 7) == Loss.BCE_WITH_LOGITS ? 5 : 4;
  return op >= Loss.BACKWARD ? k + 1 : k;
}

/**
 * The elementwise loss `op` (or, with BACKWARD added, its gradient) over a
 * meta block whose operands are:
 *   MSE, SMOOTH_L1, HUBER, BCE       (out, x, t, w)
 *   BCE_WITH_LOGITS                  (out, x, t, w, pw)
 *   MSE .. BCE + BACKWARD            (out, g, x, t, w)
 *   BCE_WITH_LOGITS + BACKWARD       (out, g, x, t, w, pw)
 * `a`..`e` are the operands after the output, in that order (0 past the
 * last). The losses multiply by w; `p` is beta or delta. For the gradients
 * `q` is the mse/smooth_l1/huber factor (2 or 1, over numel for "mean") or,
 * with logits, the scale (1/numel for "mean"); for BCE `r` is numel for
 * "mean" (else 1), divided by last. With `reduce` set, `o` receives the sum
 * over all elements (accumulated in f64) instead. Returns 1 when a BCE input
 * lies outside [0, 1] (or is NaN), else 0.
 */
@inline export function elementwiseLoss<T>(
  op: i32,
  a: usize,
  b: usize,
  c: usize,
  d: usize,
  e: usize,
  o: usize,
  meta: usize,
  reduce: bool,
  p: f64,
  q: f64,
  r: f64,
): i32 {
  let k = operands(op);
  let n = rowLength(meta);
  let so = rowStride(meta, 0),
    sa = rowStride(meta, 1),
    sb = rowStride(meta, 2),
    sc = rowStride(meta, 3);
  let sd: isize = k > 4 ? rowStride(meta, 4) : 0,
    se: isize = k > 5 ? rowStride(meta, 5) : 0;
  let pt = <T>p,
    qt = <T>q,
    rt = <T>r;
  let acc: f64 = 0;
  let bad = 0;
  if (firstRow(meta)) {
    do {
      let po = rowPtr<T>(o, meta, 0),
        pa = rowPtr<T>(a, meta, 1),
        pb = rowPtr<T>(b, meta, 2),
        pc = rowPtr<T>(c, meta, 3);
      let pd: usize = k > 4 ? rowPtr<T>(d, meta, 4) : 0,
        pe: usize = k > 5 ? rowPtr<T>(e, meta, 5) : 0;
      for (let i = 0; i < n; i++) {
        let ai = load<T>(elem<T>(pa, i, sa)),
          bi = load<T>(elem<T>(pb, i, sb)),
          ci = load<T>(elem<T>(pc, i, sc));
        let di: T = k > 4 ? load<T>(elem<T>(pd, i, sd)) : <T>0,
          ei: T = k > 5 ? load<T>(elem<T>(pe, i, se)) : <T>0;
        let l: T;
        if (op == Loss.BCE_WITH_LOGITS) l = bceLogits<T>(ai, bi, di) * ci;
        else if (op == Loss.BCE_WITH_LOGITS + Loss.BACKWARD) l = bceLogitsGrad<T>(ai, bi, ci, di, ei, qt);
        else if (op < Loss.BACKWARD) {
          if (op == Loss.BCE && !(ai >= 0 && ai <= 1)) bad = 1;
          l = lossOp<T>(op, ai, bi, pt) * ci;
        } else {
          l = lossGrad<T>(op - Loss.BACKWARD, ai, bi, ci, pt, qt) * di;
          if (op == Loss.BCE + Loss.BACKWARD) l = l / rt;
        }
        if (reduce) acc += <f64>l;
        else store<T>(elem<T>(po, i, so), l);
      }
    } while (nextRow(meta));
  }
  if (reduce) store<T>(o, <T>acc);
  return bad;
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
        store<T>(o + off, load<T>(g + off) - expT<T>(load<T>(y + off)) * sum);
      }
    }
  }
}
