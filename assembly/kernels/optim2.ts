// Fused updates of RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam and
// ASGD: one pass per parameter over the parameter, its gradient and its
// state, all contiguous with `n` elements.
//
// Each update does what PyTorch 1.13's single-tensor implementation
// (_single_tensor_<name> in torch/optim/<name>.py) does with a chain of
// tensor ops, in the same order and with the same roundings, as optim.ts
// explains: scalars rounded to the parameter's dtype, `add(b, alpha)` and
// `addcmul` one fma (value * t1 first), addcdiv (value * t1) / t2, a tensor
// divided by a number divided by the number rounded to the dtype, and
// `number / tensor` as Python computes it, reciprocal(t) * number.
//
// Scalar loops only: these updates are a few dozen flops per element and
// the parameters of models that use them are memory-bound either way; a
// four-lane form needs optim.ts's fmaRisk4 fallback per fma.

import { fmaT } from "./nnmath";

/** The optimizers `update` steps. */
export enum Update {
  RMSPROP,
  ADAGRAD,
  ADADELTA,
  ADAMAX,
  NADAM,
  RADAM,
  ASGD,
}

/** The gradient after maximize and the L2 penalty: (maximize ? -g : g) + weight_decay * p. */
@inline function decayed<T>(g: T, p: T, wd: T, maximize: bool): T {
  let d = maximize ? -g : g;
  return wd != <T>0 ? fmaT<T>(p, wd, d) : d;
}

/** s = s * k + ((1 - k) * d) * d, stored back at `at`: the running mean of d² (`omk` is 1 - k). */
@inline function squares<T>(at: usize, d: T, k: T, omk: T): T {
  let s = fmaT<T>(omk * d, d, load<T>(at) * k);
  store<T>(at, s);
  return s;
}

/** m = m * k + (1 - k) * d, stored back at `at`: the running mean of d. */
@inline function moment<T>(at: usize, d: T, k: T, omk: T): T {
  let m = fmaT<T>(d, omk, load<T>(at) * k);
  store<T>(at, m);
  return m;
}

/**
 * One update of optimizer `op` over n elements of `p`, with gradient `g`
 * and state s0, s1, s2 (0 where absent). `wd` is weight_decay; h0..h8 are
 * the op's numbers, computed in f64 by the caller and rounded to T here:
 *
 * RMSprop: s0 square_avg, s1 grad_avg (centered) or 0, s2 momentum_buffer
 * or 0; h0 alpha, h1 1 - alpha, h4 eps, h5 -lr, h6 momentum.
 *   s = s * alpha + ((1 - alpha) * d) * d
 *   ga = ga * alpha + (1 - alpha) * d;  avg = sqrt(s + (-1 * ga) * ga)   (centered)
 *   avg = sqrt(s)                                                        (otherwise)
 *   avg = avg + eps
 *   buf = buf * momentum + d / avg;  p = p - lr * buf                    (momentum > 0)
 *   p = p + (-lr * d) / avg                                              (otherwise)
 *
 * Adagrad: s0 state_sum; h4 eps, h5 -lr / (1 + (step - 1) * lr_decay).
 *   s = s + d * d;  p = p + (h5 * d) / (sqrt(s) + eps)
 *
 * Adadelta: s0 square_avg, s1 acc_delta; h0 rho, h1 1 - rho, h4 eps, h5 -lr.
 *   s = s * rho + ((1 - rho) * d) * d
 *   delta = (sqrt(acc + eps) / sqrt(s + eps)) * d
 *   acc = acc * rho + ((1 - rho) * delta) * delta
 *   p = p - lr * delta
 *
 * Adamax: s0 exp_avg, s1 exp_inf; h0 beta1, h1 1 - beta1, h2 beta2, h4 eps,
 * h5 -lr / (1 - beta1 ** step).
 *   m = m * beta1 + (1 - beta1) * d
 *   u = amax(u * beta2, |d| + eps)      (NaN wins, as torch.amax)
 *   p = p + (h5 * m) / u
 *
 * NAdam: s0 exp_avg, s1 exp_avg_sq; h0 beta1, h1 1 - beta1, h2 beta2,
 * h3 1 - beta2, h4 eps, h5 c1 = -lr * (1 - mu) / (1 - mu_product),
 * h6 c2 = -lr * mu_next / (1 - mu_product_next), h7 bias_correction2.
 *   m = m * beta1 + (1 - beta1) * d;  v = v * beta2 + ((1 - beta2) * d) * d
 *   denom = sqrt(v / bias_correction2) + eps
 *   p = p + (c1 * d) / denom;  p = p + (c2 * m) / denom
 *
 * RAdam: s0, s1 and h0..h4 as NAdam; h5 lr, h6 rect (> 0 when the variance
 * is tractable, rho_t > 5), h7 bias_correction1, h8 sqrt(bias_correction2).
 *   x = (m / bias_correction1) * lr
 *   x = (x * (reciprocal(sqrt(v) + eps) * sqrt(bias_correction2))) * rect   (rect > 0)
 *   p = p - x
 *
 * ASGD: s0 ax; h0 decay = 1 - lambd * eta, h5 -eta, h6 mu (eta and mu the
 * state's values before this step).
 *   p = p * decay;  p = p - eta * d
 *   ax = mu != 1 ? ax + (p - ax) * mu : p
 */
@inline export function update<T>(
  op: i32,
  p: usize,
  g: usize,
  s0: usize,
  s1: usize,
  s2: usize,
  n: i32,
  wd: f64,
  maximize: bool,
  h0: f64,
  h1: f64,
  h2: f64,
  h3: f64,
  h4: f64,
  h5: f64,
  h6: f64,
  h7: f64,
  h8: f64,
): void {
  const SH = alignof<T>();
  let w = <T>wd,
    k1 = <T>h0,
    omk1 = <T>h1,
    k2 = <T>h2,
    omk2 = <T>h3,
    e = <T>h4,
    c5 = <T>h5,
    c6 = <T>h6,
    c7 = <T>h7,
    c8 = <T>h8;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, w, maximize);
    if (op == Update.RMSPROP) {
      let s = squares<T>(s0 + o, d, k1, omk1);
      let avg: T;
      if (s1 != 0) {
        let ga = moment<T>(s1 + o, d, k1, omk1);
        avg = sqrt<T>(fmaT<T>(-ga, ga, s));
      } else avg = sqrt<T>(s);
      avg = avg + e;
      if (s2 != 0) {
        let b = load<T>(s2 + o) * c6 + d / avg;
        store<T>(s2 + o, b);
        pv = fmaT<T>(b, c5, pv);
      } else pv = pv + (c5 * d) / avg;
    } else if (op == Update.ADAGRAD) {
      let s = fmaT<T>(d, d, load<T>(s0 + o));
      store<T>(s0 + o, s);
      pv = pv + (c5 * d) / (sqrt<T>(s) + e);
    } else if (op == Update.ADADELTA) {
      let std = sqrt<T>(squares<T>(s0 + o, d, k1, omk1) + e);
      let delta = (sqrt<T>(load<T>(s1 + o) + e) / std) * d;
      squares<T>(s1 + o, delta, k1, omk1);
      pv = fmaT<T>(delta, c5, pv);
    } else if (op == Update.ADAMAX) {
      let mv = moment<T>(s0 + o, d, k1, omk1);
      let a = load<T>(s1 + o) * k2,
        b = abs<T>(d) + e;
      let uv = a != a ? a : b != b ? b : a > b ? a : b;
      store<T>(s1 + o, uv);
      pv = pv + (c5 * mv) / uv;
    } else if (op == Update.NADAM || op == Update.RADAM) {
      let mv = moment<T>(s0 + o, d, k1, omk1);
      let vv = squares<T>(s1 + o, d, k2, omk2);
      if (op == Update.NADAM) {
        let denom = sqrt<T>(vv / c7) + e;
        pv = pv + (c5 * d) / denom;
        pv = pv + (c6 * mv) / denom;
      } else {
        let x = (mv / c7) * c5;
        if (h6 > 0) x = x * ((<T>1 / (sqrt<T>(vv) + e)) * c8) * c6;
        pv = fmaT<T>(x, <T>-1, pv);
      }
    } else {
      pv = fmaT<T>(d, c5, pv * k1);
      let a = load<T>(s0 + o);
      store<T>(s0 + o, h6 != 1 ? a + (pv - a) * c6 : pv);
    }
    store<T>(p + o, pv);
  }
}
