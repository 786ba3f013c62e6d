// Fused optimizer updates: one pass per parameter over the parameter, its
// gradient and its state, all contiguous with `n` elements.
//
// Each kernel does what torch.optim's single-tensor implementation
// (_single_tensor_sgd, _single_tensor_adam, _single_tensor_adamw in PyTorch
// 1.13) does with a chain of tensor ops, in the same order of operations and
// the same roundings: scalars are rounded to the parameter's dtype as
// PyTorch's CPU kernels round them, and `a + alpha * b` (add with alpha,
// addcmul) is one fused multiply-add, as PyTorch's AVX2 build computes it
// (exact here through nnmath.ts). addcdiv is not fused (its last step is a
// division).

import { fmaT, fmaLo, fmaHi, fmaRisk4, narrow4 } from "./nnmath";

/** torch.maximum: NaN wins. */
@inline function maximumT<T>(a: T, b: T): T {
  if (a != a) return a;
  if (b != b) return b;
  return a > b ? a : b;
}

/**
 * SGD, per element:
 *   d = maximize ? -g : g
 *   d = d + weight_decay * p                     (if weight_decay != 0)
 *   buf = first ? d : buf * momentum + (1 - dampening) * d   (if momentum != 0)
 *   d = nesterov ? d + momentum * buf : buf
 *   p = p - lr * d
 * `buf` is 0 when momentum is 0.
 *
 * f32 runs four elements at a time, each fma as fma32 computes it; a group
 * with a lane fma32 would not round straight to f32 (fmaRisk4) is left to
 * the scalar code before anything of it is stored.
 */
@inline export function sgd<T>(
  p: usize,
  g: usize,
  buf: usize,
  n: i32,
  lr: f64,
  momentum: f64,
  dampening: f64,
  weightDecay: f64,
  nesterov: bool,
  maximize: bool,
  first: bool,
): void {
  const SH = alignof<T>();
  let negLr = <T>-lr;
  let mom = <T>momentum;
  let keep = <T>(1 - dampening);
  let wd = <T>weightDecay;
  let vNegLr = f32x4.splat(<f32>negLr);
  let vMom = f32x4.splat(<f32>mom);
  let vKeep = f32x4.splat(<f32>keep);
  let vWd = f32x4.splat(<f32>wd);
  // p = fma(d, -lr, p); maximizing is fma(g, lr, p), the same bits as fma(-g, -lr, p).
  let plain = momentum == 0 && weightDecay == 0;
  let vStep = f32x4.splat(<f32>(maximize ? lr : -lr));
  let i = 0;
  while (i < n) {
    if (sizeof<T>() == 4) {
      for (; i + 4 <= n; i += 4) {
        let o = (<usize>i) << 2;
        let d = v128.load(g + o);
        let pv = v128.load(p + o);
        if (plain) {
          let lo = fmaLo(d, vStep, pv),
            hi = fmaHi(d, vStep, pv);
          if (v128.any_true(fmaRisk4(d, vStep, pv, lo, hi))) break;
          v128.store(p + o, narrow4(lo, hi));
          continue;
        }
        if (maximize) d = f32x4.neg(d);
        let risk = i64x2.splat(0);
        if (weightDecay != 0) {
          let lo = fmaLo(pv, vWd, d),
            hi = fmaHi(pv, vWd, d);
          risk = v128.or(risk, fmaRisk4(pv, vWd, d, lo, hi));
          d = narrow4(lo, hi);
        }
        let b = d;
        if (momentum != 0) {
          if (!first) {
            let prev = f32x4.mul(v128.load(buf + o), vMom);
            let lo = fmaLo(d, vKeep, prev),
              hi = fmaHi(d, vKeep, prev);
            risk = v128.or(risk, fmaRisk4(d, vKeep, prev, lo, hi));
            b = narrow4(lo, hi);
          }
          if (nesterov) {
            let lo = fmaLo(b, vMom, d),
              hi = fmaHi(b, vMom, d);
            risk = v128.or(risk, fmaRisk4(b, vMom, d, lo, hi));
            d = narrow4(lo, hi);
          } else d = b;
        }
        let lo = fmaLo(d, vNegLr, pv),
          hi = fmaHi(d, vNegLr, pv);
        risk = v128.or(risk, fmaRisk4(d, vNegLr, pv, lo, hi));
        if (v128.any_true(risk)) break;
        if (momentum != 0) v128.store(buf + o, b);
        v128.store(p + o, narrow4(lo, hi));
      }
    }
    // The scalar code: the rest, or (f32) the group the lanes left.
    let to = sizeof<T>() == 4 ? min(i + 4, n) : n;
    for (; i < to; i++) {
      let o = (<usize>i) << SH;
      let pv = load<T>(p + o);
      let d = load<T>(g + o);
      if (maximize) d = -d;
      if (weightDecay != 0) d = fmaT<T>(pv, wd, d);
      if (momentum != 0) {
        let b: T = first ? d : fmaT<T>(d, keep, load<T>(buf + o) * mom);
        store<T>(buf + o, b);
        d = nesterov ? fmaT<T>(b, mom, d) : b;
      }
      store<T>(p + o, fmaT<T>(d, negLr, pv));
    }
  }
}

/**
 * Adam and AdamW, per element (step already counted; the bias corrections
 * come from the caller in f64, as Python computes them):
 *   p = p * (1 - lr * weight_decay)              (AdamW, `decoupled`)
 *   d = maximize ? -g : g
 *   d = d + weight_decay * p                     (Adam, if weight_decay != 0)
 *   m = m * beta1 + (1 - beta1) * d
 *   v = v * beta2 + ((1 - beta2) * d) * d
 *   vmax = maximum(vmax, v)                      (amsgrad; then used for v)
 *   p = p + (-step_size * m) / (sqrt(v) / sqrt(bias_correction2) + eps)
 * `vmax` is 0 without amsgrad.
 *
 * f32 runs four elements at a time in the scalar order of operations (f32x4
 * mul, div, sqrt and add round as their scalar forms do; the fmas as
 * fma32); a group with a risky fma lane (fmaRisk4) is left to the scalar
 * code before anything of it is stored.
 */
@inline export function adam<T>(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vmax: usize,
  n: i32,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  stepSize: f64,
  bc2Sqrt: f64,
  amsgrad: bool,
  maximize: bool,
  decoupled: bool,
): void {
  const SH = alignof<T>();
  let decay = <T>(1 - lr * weightDecay);
  let wd = <T>weightDecay;
  let b1 = <T>beta1,
    omb1 = <T>(1 - beta1);
  let b2 = <T>beta2,
    omb2 = <T>(1 - beta2);
  let epsT = <T>eps;
  let negStep = <T>-stepSize;
  let bc2 = <T>bc2Sqrt;
  let vDecay = f32x4.splat(<f32>decay);
  let vWd = f32x4.splat(<f32>wd);
  let vB1 = f32x4.splat(<f32>b1),
    vOmb1 = f32x4.splat(<f32>omb1);
  let vB2 = f32x4.splat(<f32>b2),
    vOmb2 = f32x4.splat(<f32>omb2);
  let vEps = f32x4.splat(<f32>epsT);
  let vNegStep = f32x4.splat(<f32>negStep);
  let vBc2 = f32x4.splat(<f32>bc2);
  let i = 0;
  while (i < n) {
    if (sizeof<T>() == 4) {
      for (; i + 4 <= n; i += 4) {
        let o = (<usize>i) << 2;
        let pv = v128.load(p + o);
        if (decoupled) pv = f32x4.mul(pv, vDecay);
        let d = v128.load(g + o);
        if (maximize) d = f32x4.neg(d);
        let risk = i32x4.splat(0);
        if (!decoupled && weightDecay != 0) {
          let lo = fmaLo(pv, vWd, d),
            hi = fmaHi(pv, vWd, d);
          risk = fmaRisk4(pv, vWd, d, lo, hi);
          d = narrow4(lo, hi);
        }
        let mPrev = f32x4.mul(v128.load(m + o), vB1);
        let mLo = fmaLo(d, vOmb1, mPrev),
          mHi = fmaHi(d, vOmb1, mPrev);
        risk = v128.or(risk, fmaRisk4(d, vOmb1, mPrev, mLo, mHi));
        let scaled = f32x4.mul(vOmb2, d);
        let vPrev = f32x4.mul(v128.load(v + o), vB2);
        let vLo = fmaLo(scaled, d, vPrev),
          vHi = fmaHi(scaled, d, vPrev);
        risk = v128.or(risk, fmaRisk4(scaled, d, vPrev, vLo, vHi));
        if (v128.any_true(risk)) break;
        let mv = narrow4(mLo, mHi),
          vv = narrow4(vLo, vHi);
        let second = vv;
        if (amsgrad) {
          // maximumT: the stored max when it is larger or NaN, else vv.
          let old = v128.load(vmax + o);
          second = v128.bitselect(old, vv, v128.or(f32x4.gt(old, vv), f32x4.ne(old, old)));
          v128.store(vmax + o, second);
        }
        let denom = f32x4.add(f32x4.div(f32x4.sqrt(second), vBc2), vEps);
        v128.store(m + o, mv);
        v128.store(v + o, vv);
        v128.store(p + o, f32x4.add(pv, f32x4.div(f32x4.mul(vNegStep, mv), denom)));
      }
    }
    // The scalar code: the rest, or (f32) the group the lanes left.
    let to = sizeof<T>() == 4 ? min(i + 4, n) : n;
    for (; i < to; i++) {
      let o = (<usize>i) << SH;
      let pv = load<T>(p + o);
      if (decoupled) pv = pv * decay;
      let d = load<T>(g + o);
      if (maximize) d = -d;
      if (!decoupled && weightDecay != 0) d = fmaT<T>(pv, wd, d);
      let mv = fmaT<T>(d, omb1, load<T>(m + o) * b1);
      let vv = fmaT<T>(omb2 * d, d, load<T>(v + o) * b2);
      store<T>(m + o, mv);
      store<T>(v + o, vv);
      let second = vv;
      if (amsgrad) {
        second = maximumT<T>(load<T>(vmax + o), vv);
        store<T>(vmax + o, second);
      }
      let denom = sqrt<T>(second) / bc2 + epsT;
      store<T>(p + o, pv + (negStep * mv) / denom);
    }
  }
}
