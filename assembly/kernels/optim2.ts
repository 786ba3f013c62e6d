// Fused updates of RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam and
// ASGD: one pass per parameter over the parameter, its gradient and its
// state, all contiguous with `n` elements.
//
// Each kernel does what PyTorch 1.13's single-tensor implementation
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


@inline function sqrtT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.sqrt(<f32>x);
  return <T>Math.sqrt(<f64>x);
}


@inline function absT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.abs(<f32>x);
  return <T>Math.abs(<f64>x);
}

/** The gradient after maximize and the L2 penalty: (maximize ? -g : g) + weight_decay * p. */
@inline function decayed<T>(g: T, p: T, wd: T, maximize: bool): T {
  let d = maximize ? -g : g;
  return wd != <T>0 ? fmaT<T>(p, wd, d) : d;
}

/**
 * RMSprop, per element (`gavg` 0 unless centered, `buf` 0 without momentum):
 *   s = s * alpha + ((1 - alpha) * d) * d
 *   ga = ga * alpha + (1 - alpha) * d;  avg = sqrt(s + (-1 * ga) * ga)   (centered)
 *   avg = sqrt(s)                                                        (otherwise)
 *   avg = avg + eps
 *   buf = buf * momentum + d / avg;  p = p - lr * buf                    (momentum > 0)
 *   p = p + (-lr * d) / avg                                              (otherwise)
 */
export function rmsprop<T>(
  p: usize,
  g: usize,
  sq: usize,
  gavg: usize,
  buf: usize,
  n: i32,
  lr: f64,
  alpha: f64,
  eps: f64,
  weightDecay: f64,
  momentum: f64,
  maximize: bool,
): void {
  const SH = alignof<T>();
  let a = <T>alpha,
    oma = <T>(1 - alpha),
    e = <T>eps,
    wd = <T>weightDecay,
    mom = <T>momentum,
    negLr = <T>-lr;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, maximize);
    let s = fmaT<T>(oma * d, d, load<T>(sq + o) * a);
    store<T>(sq + o, s);
    let avg: T;
    if (gavg != 0) {
      let ga = fmaT<T>(d, oma, load<T>(gavg + o) * a);
      store<T>(gavg + o, ga);
      avg = sqrtT<T>(fmaT<T>(-ga, ga, s));
    } else avg = sqrtT<T>(s);
    avg = avg + e;
    if (buf != 0) {
      let b = load<T>(buf + o) * mom + d / avg;
      store<T>(buf + o, b);
      store<T>(p + o, fmaT<T>(b, negLr, pv));
    } else store<T>(p + o, pv + (negLr * d) / avg);
  }
}

/**
 * Adagrad, per element (`negClr` is -lr / (1 + (step - 1) * lr_decay)):
 *   s = s + d * d;  p = p + (negClr * d) / (sqrt(s) + eps)
 */
export function adagrad<T>(
  p: usize,
  g: usize,
  sum: usize,
  n: i32,
  negClr: f64,
  eps: f64,
  weightDecay: f64,
  maximize: bool,
): void {
  const SH = alignof<T>();
  let c = <T>negClr,
    e = <T>eps,
    wd = <T>weightDecay;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, maximize);
    let s = fmaT<T>(d, d, load<T>(sum + o));
    store<T>(sum + o, s);
    store<T>(p + o, pv + (c * d) / (sqrtT<T>(s) + e));
  }
}

/**
 * Adadelta, per element:
 *   s = s * rho + ((1 - rho) * d) * d
 *   delta = (sqrt(acc + eps) / sqrt(s + eps)) * d
 *   acc = acc * rho + ((1 - rho) * delta) * delta
 *   p = p - lr * delta
 */
export function adadelta<T>(
  p: usize,
  g: usize,
  sq: usize,
  acc: usize,
  n: i32,
  lr: f64,
  rho: f64,
  eps: f64,
  weightDecay: f64,
  maximize: bool,
): void {
  const SH = alignof<T>();
  let r = <T>rho,
    omr = <T>(1 - rho),
    e = <T>eps,
    wd = <T>weightDecay,
    negLr = <T>-lr;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, maximize);
    let s = fmaT<T>(omr * d, d, load<T>(sq + o) * r);
    store<T>(sq + o, s);
    let std = sqrtT<T>(s + e);
    let delta = (sqrtT<T>(load<T>(acc + o) + e) / std) * d;
    store<T>(acc + o, fmaT<T>(omr * delta, delta, load<T>(acc + o) * r));
    store<T>(p + o, fmaT<T>(delta, negLr, pv));
  }
}

/**
 * Adamax, per element (`negClr` is -lr / (1 - beta1 ** step)):
 *   m = m * beta1 + (1 - beta1) * d
 *   u = amax(u * beta2, |d| + eps)      (NaN wins, as torch.amax)
 *   p = p + (negClr * m) / u
 */
export function adamax<T>(
  p: usize,
  g: usize,
  m: usize,
  u: usize,
  n: i32,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  negClr: f64,
  maximize: bool,
): void {
  const SH = alignof<T>();
  let b1 = <T>beta1,
    omb1 = <T>(1 - beta1),
    b2 = <T>beta2,
    e = <T>eps,
    wd = <T>weightDecay,
    c = <T>negClr;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, maximize);
    let mv = fmaT<T>(d, omb1, load<T>(m + o) * b1);
    store<T>(m + o, mv);
    let a = load<T>(u + o) * b2,
      b = absT<T>(d) + e;
    let uv = a != a ? a : b != b ? b : a > b ? a : b;
    store<T>(u + o, uv);
    store<T>(p + o, pv + (c * mv) / uv);
  }
}

/**
 * NAdam, per element (the caller computes bias_correction2 and the two
 * step sizes c1 = -lr * (1 - mu) / (1 - mu_product) and
 * c2 = -lr * mu_next / (1 - mu_product_next)):
 *   m = m * beta1 + (1 - beta1) * d;  v = v * beta2 + ((1 - beta2) * d) * d
 *   denom = sqrt(v / bias_correction2) + eps
 *   p = p + (c1 * d) / denom;  p = p + (c2 * m) / denom
 */
export function nadam<T>(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  bc2: f64,
  c1: f64,
  c2: f64,
): void {
  const SH = alignof<T>();
  let b1 = <T>beta1,
    omb1 = <T>(1 - beta1),
    b2 = <T>beta2,
    omb2 = <T>(1 - beta2),
    e = <T>eps,
    wd = <T>weightDecay,
    bc = <T>bc2,
    s1 = <T>c1,
    s2 = <T>c2;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, false);
    let mv = fmaT<T>(d, omb1, load<T>(m + o) * b1);
    let vv = fmaT<T>(omb2 * d, d, load<T>(v + o) * b2);
    store<T>(m + o, mv);
    store<T>(v + o, vv);
    let denom = sqrtT<T>(vv / bc) + e;
    pv = pv + (s1 * d) / denom;
    store<T>(p + o, pv + (s2 * mv) / denom);
  }
}

/**
 * RAdam, per element (`rect` > 0 when the variance is tractable, rho_t > 5):
 *   m = m * beta1 + (1 - beta1) * d;  v = v * beta2 + ((1 - beta2) * d) * d
 *   x = (m / bias_correction1) * lr
 *   x = (x * (reciprocal(sqrt(v) + eps) * sqrt(bias_correction2))) * rect   (rect > 0)
 *   p = p - x
 */
export function radam<T>(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  bc1: f64,
  lr: f64,
  rect: f64,
  bc2Sqrt: f64,
): void {
  const SH = alignof<T>();
  let b1 = <T>beta1,
    omb1 = <T>(1 - beta1),
    b2 = <T>beta2,
    omb2 = <T>(1 - beta2),
    e = <T>eps,
    wd = <T>weightDecay,
    bc = <T>bc1,
    l = <T>lr,
    r = <T>rect,
    bs = <T>bc2Sqrt;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, false);
    let mv = fmaT<T>(d, omb1, load<T>(m + o) * b1);
    let vv = fmaT<T>(omb2 * d, d, load<T>(v + o) * b2);
    store<T>(m + o, mv);
    store<T>(v + o, vv);
    let x = (mv / bc) * l;
    if (rect > 0) x = x * ((<T>1 / (sqrtT<T>(vv) + e)) * bs) * r;
    store<T>(p + o, fmaT<T>(x, <T>-1, pv));
  }
}

/**
 * ASGD, per element (`decay` is 1 - lambd * eta, eta and mu the state's
 * values before this step):
 *   p = p * decay;  p = p - eta * d
 *   ax = mu != 1 ? ax + (p - ax) * mu : p
 */
export function asgd<T>(
  p: usize,
  g: usize,
  ax: usize,
  n: i32,
  decay: f64,
  eta: f64,
  mu: f64,
  weightDecay: f64,
  maximize: bool,
): void {
  const SH = alignof<T>();
  let dec = <T>decay,
    negEta = <T>-eta,
    m = <T>mu,
    wd = <T>weightDecay;
  for (let i = 0; i < n; i++) {
    let o = (<usize>i) << SH;
    let pv = load<T>(p + o);
    let d = decayed<T>(load<T>(g + o), pv, wd, maximize);
    pv = fmaT<T>(d, negEta, pv * dec);
    store<T>(p + o, pv);
    let a = load<T>(ax + o);
    store<T>(ax + o, mu != 1 ? a + (pv - a) * m : pv);
  }
}
