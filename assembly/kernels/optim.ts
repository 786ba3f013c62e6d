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
  let i = 0;
  if (sizeof<T>() == 4) i = sgd4(p, g, buf, n, lr, momentum, dampening, weightDecay, nesterov, maximize, first);
  sgdScalar<T>(p, g, buf, i, n, lr, momentum, dampening, weightDecay, nesterov, maximize, first);
}

/** The scalar SGD over elements [from, to). */
@inline function sgdScalar<T>(
  p: usize,
  g: usize,
  buf: usize,
  from: i32,
  to: i32,
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
  for (let i = from; i < to; i++) {
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

/**
 * f32 SGD four elements at a time, each fma as fma32 computes it; a group
 * with a lane fma32 would not round straight to f32 (fmaRisk4) is left to
 * the scalar code before anything of it is stored. Returns how many
 * elements it did.
 */
function sgd4(
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
): i32 {
  let negLr = f32x4.splat(<f32>-lr);
  let mom = f32x4.splat(<f32>momentum);
  let keep = f32x4.splat(<f32>(1 - dampening));
  let wd = f32x4.splat(<f32>weightDecay);
  let i = 0;
  if (momentum == 0 && weightDecay == 0) {
    // p = fma(d, -lr, p); maximizing is fma(g, lr, p), the same bits as fma(-g, -lr, p).
    let step = f32x4.splat(<f32>(maximize ? lr : -lr));
    for (; i + 4 <= n; i += 4) {
      let o = (<usize>i) << 2;
      let pv = v128.load(p + o);
      let d = v128.load(g + o);
      let lo = fmaLo(d, step, pv),
        hi = fmaHi(d, step, pv);
      if (v128.any_true(fmaRisk4(d, step, pv, lo, hi))) {
        sgdScalar<f32>(p, g, buf, i, i + 4, lr, momentum, dampening, weightDecay, nesterov, maximize, first);
        continue;
      }
      v128.store(p + o, narrow4(lo, hi));
    }
    return i;
  }
  for (; i + 4 <= n; i += 4) {
    let o = (<usize>i) << 2;
    let pv = v128.load(p + o);
    let d = v128.load(g + o);
    if (maximize) d = f32x4.neg(d);
    let risk = i64x2.splat(0);
    if (weightDecay != 0) {
      let lo = fmaLo(pv, wd, d),
        hi = fmaHi(pv, wd, d);
      risk = v128.or(risk, fmaRisk4(pv, wd, d, lo, hi));
      d = narrow4(lo, hi);
    }
    let b = d;
    if (momentum != 0) {
      if (!first) {
        let prev = f32x4.mul(v128.load(buf + o), mom);
        let lo = fmaLo(d, keep, prev),
          hi = fmaHi(d, keep, prev);
        risk = v128.or(risk, fmaRisk4(d, keep, prev, lo, hi));
        b = narrow4(lo, hi);
      }
      if (nesterov) {
        let lo = fmaLo(b, mom, d),
          hi = fmaHi(b, mom, d);
        risk = v128.or(risk, fmaRisk4(b, mom, d, lo, hi));
        d = narrow4(lo, hi);
      } else d = b;
    }
    let lo = fmaLo(d, negLr, pv),
      hi = fmaHi(d, negLr, pv);
    risk = v128.or(risk, fmaRisk4(d, negLr, pv, lo, hi));
    if (v128.any_true(risk)) {
      sgdScalar<f32>(p, g, buf, i, i + 4, lr, momentum, dampening, weightDecay, nesterov, maximize, first);
      continue;
    }
    if (momentum != 0) v128.store(buf + o, b);
    v128.store(p + o, narrow4(lo, hi));
  }
  return i;
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
  let i = 0;
  if (sizeof<T>() == 4)
    i = adam4(p, g, m, v, vmax, n, lr, beta1, beta2, eps, weightDecay, stepSize, bc2Sqrt, amsgrad, maximize, decoupled);
  adamScalar<T>(
    p,
    g,
    m,
    v,
    vmax,
    i,
    n,
    lr,
    beta1,
    beta2,
    eps,
    weightDecay,
    stepSize,
    bc2Sqrt,
    amsgrad,
    maximize,
    decoupled,
  );
}

/** The scalar Adam over elements [from, to). */
@inline function adamScalar<T>(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vmax: usize,
  from: i32,
  to: i32,
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
  for (let i = from; i < to; i++) {
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

/**
 * f32 Adam four elements at a time, in adamScalar's order of operations
 * (f32x4 mul, div, sqrt and add round as their scalar forms do; the fmas
 * as fma32); a group with a risky fma lane (fmaRisk4) is left to the scalar
 * code before anything of it is stored. Returns how many elements it did.
 */
function adam4(
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
): i32 {
  let decay = f32x4.splat(<f32>(1 - lr * weightDecay));
  let wd = f32x4.splat(<f32>weightDecay);
  let b1 = f32x4.splat(<f32>beta1),
    omb1 = f32x4.splat(<f32>(1 - beta1));
  let b2 = f32x4.splat(<f32>beta2),
    omb2 = f32x4.splat(<f32>(1 - beta2));
  let epsV = f32x4.splat(<f32>eps);
  let negStep = f32x4.splat(<f32>-stepSize);
  let bc2 = f32x4.splat(<f32>bc2Sqrt);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let o = (<usize>i) << 2;
    let pv = v128.load(p + o);
    if (decoupled) pv = f32x4.mul(pv, decay);
    let d = v128.load(g + o);
    if (maximize) d = f32x4.neg(d);
    let risk = i32x4.splat(0);
    if (!decoupled && weightDecay != 0) {
      let lo = fmaLo(pv, wd, d),
        hi = fmaHi(pv, wd, d);
      risk = fmaRisk4(pv, wd, d, lo, hi);
      d = narrow4(lo, hi);
    }
    let mPrev = f32x4.mul(v128.load(m + o), b1);
    let mLo = fmaLo(d, omb1, mPrev),
      mHi = fmaHi(d, omb1, mPrev);
    risk = v128.or(risk, fmaRisk4(d, omb1, mPrev, mLo, mHi));
    let scaled = f32x4.mul(omb2, d);
    let vPrev = f32x4.mul(v128.load(v + o), b2);
    let vLo = fmaLo(scaled, d, vPrev),
      vHi = fmaHi(scaled, d, vPrev);
    risk = v128.or(risk, fmaRisk4(scaled, d, vPrev, vLo, vHi));
    if (v128.any_true(risk)) {
      adamScalar<f32>(
        p,
        g,
        m,
        v,
        vmax,
        i,
        i + 4,
        lr,
        beta1,
        beta2,
        eps,
        weightDecay,
        stepSize,
        bc2Sqrt,
        amsgrad,
        maximize,
        decoupled,
      );
      continue;
    }
    let mv = narrow4(mLo, mHi),
      vv = narrow4(vLo, vHi);
    let second = vv;
    if (amsgrad) {
      // maximumT: the stored max when it is larger or NaN, else vv.
      let old = v128.load(vmax + o);
      second = v128.bitselect(old, vv, v128.or(f32x4.gt(old, vv), f32x4.ne(old, old)));
      v128.store(vmax + o, second);
    }
    let denom = f32x4.add(f32x4.div(f32x4.sqrt(second), bc2), epsV);
    v128.store(m + o, mv);
    v128.store(v + o, vv);
    v128.store(p + o, f32x4.add(pv, f32x4.div(f32x4.mul(negStep, mv), denom)));
  }
  return i;
}
