// Fused loss kernels. Operands arrive as a meta block (see strided.ts) with
// the output first; absent optional operands (weight, pos_weight) are a 0-d
// tensor of 1 broadcast with stride 0, so one loop serves every combination.

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";

/**
 * binary_cross_entropy_with_logits, elementwise, as PyTorch computes it:
 *   m = max(-x, 0)
 *   loss = (1 - t) * x + ((pw - 1) * t + 1) * (log(exp(-m) + exp(-x - m)) + m)
 * multiplied by the weight. Operands (out, x, t, w, pw). With `reduce` set,
 * `o` receives the sum over all elements (accumulated in f64) instead.
 */
@inline export function bceWithLogits<T>(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: bool): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sx = <isize>metaStride(meta, 1, ndim - 1);
  let st = <isize>metaStride(meta, 2, ndim - 1);
  let sw = <isize>metaStride(meta, 3, ndim - 1);
  let sp = <isize>metaStride(meta, 4, ndim - 1);
  let acc: f64 = 0;
  if (n != 0 && outerCount(meta) != 0) {
    resetCounters(ndim);
    do {
      let px = x + (<usize>rowOffset(meta, 1) << SH);
      let pt = t + (<usize>rowOffset(meta, 2) << SH);
      let pwp = w + (<usize>rowOffset(meta, 3) << SH);
      let ppp = pw + (<usize>rowOffset(meta, 4) << SH);
      let po = o + (<usize>rowOffset(meta, 0) << SH);
      for (let i = 0; i < n; i++) {
        let xi = load<T>(px + (<usize>(<isize>i * sx) << SH));
        let ti = load<T>(pt + (<usize>(<isize>i * st) << SH));
        let wi = load<T>(pwp + (<usize>(<isize>i * sw) << SH));
        let pi = load<T>(ppp + (<usize>(<isize>i * sp) << SH));
        let m: T = max<T>(-xi, 0);
        let lw: T = (pi - 1) * ti + 1;
        let l: T;
        if (sizeof<T>() == 4) {
          l = <T>((<f32>1 - <f32>ti) * <f32>xi + <f32>lw * (Mathf.log(Mathf.exp(-<f32>m) + Mathf.exp(-<f32>xi - <f32>m)) + <f32>m));
        } else {
          l = <T>((1 - <f64>ti) * <f64>xi + <f64>lw * (Math.log(Math.exp(-<f64>m) + Math.exp(-<f64>xi - <f64>m)) + <f64>m));
        }
        l = l * wi;
        if (reduce) acc += <f64>l;
        else store<T>(po + (<usize>(<isize>i * so) << SH), l);
      }
    } while (ndim > 1 && nextRow(meta));
  }
  if (reduce) store<T>(o, <T>acc);
}

/**
 * The gradient w.r.t. the input: (sigmoid(x) * (pw * t + 1 - t) - pw * t) * w * g * scale.
 * Operands (out, g, x, t, w, pw); `scale` is 1/numel for the mean reduction.
 */
@inline export function bceWithLogitsBackward<T>(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sg = <isize>metaStride(meta, 1, ndim - 1);
  let sx = <isize>metaStride(meta, 2, ndim - 1);
  let st = <isize>metaStride(meta, 3, ndim - 1);
  let sw = <isize>metaStride(meta, 4, ndim - 1);
  let sp = <isize>metaStride(meta, 5, ndim - 1);
  let sc = <T>scale;
  resetCounters(ndim);
  do {
    let pg = g + (<usize>rowOffset(meta, 1) << SH);
    let px = x + (<usize>rowOffset(meta, 2) << SH);
    let pt = t + (<usize>rowOffset(meta, 3) << SH);
    let pwp = w + (<usize>rowOffset(meta, 4) << SH);
    let ppp = pw + (<usize>rowOffset(meta, 5) << SH);
    let po = o + (<usize>rowOffset(meta, 0) << SH);
    for (let i = 0; i < n; i++) {
      let gi = load<T>(pg + (<usize>(<isize>i * sg) << SH));
      let xi = load<T>(px + (<usize>(<isize>i * sx) << SH));
      let ti = load<T>(pt + (<usize>(<isize>i * st) << SH));
      let wi = load<T>(pwp + (<usize>(<isize>i * sw) << SH));
      let pi = load<T>(ppp + (<usize>(<isize>i * sp) << SH));
      let sig: T;
      if (sizeof<T>() == 4) sig = <T>(<f32>1 / (<f32>1 + Mathf.exp(-<f32>xi)));
      else sig = <T>(1 / (1 + Math.exp(-<f64>xi)));
      let pt_ = pi * ti;
      let r: T = (sig * (pt_ + 1 - ti) - pt_) * wi * gi * sc;
      store<T>(po + (<usize>(<isize>i * so) << SH), r);
    }
  } while (ndim > 1 && nextRow(meta));
}
