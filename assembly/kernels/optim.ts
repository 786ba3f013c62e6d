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

import { fmaT } from "./nnmath";

@inline function sqrtT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.sqrt(<f32>x);
  return <T>Math.sqrt(<f64>x);
}

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
@inline export function sgd<T>(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, nesterov: bool, maximize: bool, first: bool): void {
  const SH = alignof<T>();
  let negLr = <T>-lr;
  let mom = <T>momentum;
  let keep = <T>(1 - dampening);
  let wd = <T>weightDecay;
  for (let i = 0; i < n; i++) {
    let o = <usize>i << SH;
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
  p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, stepSize: f64, bc2Sqrt: f64,
  amsgrad: bool, maximize: bool, decoupled: bool,
): void {
  const SH = alignof<T>();
  let decay = <T>(1 - lr * weightDecay);
  let wd = <T>weightDecay;
  let b1 = <T>beta1, omb1 = <T>(1 - beta1);
  let b2 = <T>beta2, omb2 = <T>(1 - beta2);
  let epsT = <T>eps;
  let negStep = <T>-stepSize;
  let bc2 = <T>bc2Sqrt;
  for (let i = 0; i < n; i++) {
    let o = <usize>i << SH;
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
    let denom = sqrtT<T>(second) / bc2 + epsT;
    store<T>(p + o, pv + negStep * mv / denom);
  }
}
