// Kernels of nn: fused losses, activations, layer_norm and optimizer updates. Names are `<op>_<dtype>`.
// Limits: meta-block entries as in exports/elementwise.ts; nll_loss N * C * S,
// log_softmax_backward outer * D * inner, layer_norm M * N and the
// optimizers' n at most 2^31 - 1 elements.

import * as L from "../kernels/loss";

export function bce_with_logits_f32(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.bceWithLogits<f32>(x, t, w, pw, o, meta, reduce != 0); }
export function bce_with_logits_f64(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.bceWithLogits<f64>(x, t, w, pw, o, meta, reduce != 0); }
export function bce_with_logits_backward_f32(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.bceWithLogitsBackward<f32>(g, x, t, w, pw, o, meta, scale); }
export function bce_with_logits_backward_f64(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.bceWithLogitsBackward<f64>(g, x, t, w, pw, o, meta, scale); }

import * as A from "../kernels/activation";
import * as LN from "../kernels/layernorm";
import * as O from "../kernels/optim";

// pointwise losses: op is L.MSE, L.SMOOTH_L1, L.HUBER or L.BCE; p is beta or delta
export function pointwise_loss_f32(x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, reduce: i32): i32 {
  if (op == L.MSE) return L.pointwiseLoss<f32>(L.MSE, x, t, w, o, meta, p, reduce != 0);
  if (op == L.SMOOTH_L1) return L.pointwiseLoss<f32>(L.SMOOTH_L1, x, t, w, o, meta, p, reduce != 0);
  if (op == L.HUBER) return L.pointwiseLoss<f32>(L.HUBER, x, t, w, o, meta, p, reduce != 0);
  return L.pointwiseLoss<f32>(L.BCE, x, t, w, o, meta, p, reduce != 0);
}
export function pointwise_loss_f64(x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, reduce: i32): i32 {
  if (op == L.MSE) return L.pointwiseLoss<f64>(L.MSE, x, t, w, o, meta, p, reduce != 0);
  if (op == L.SMOOTH_L1) return L.pointwiseLoss<f64>(L.SMOOTH_L1, x, t, w, o, meta, p, reduce != 0);
  if (op == L.HUBER) return L.pointwiseLoss<f64>(L.HUBER, x, t, w, o, meta, p, reduce != 0);
  return L.pointwiseLoss<f64>(L.BCE, x, t, w, o, meta, p, reduce != 0);
}
export function pointwise_loss_backward_f32(g: usize, x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, norm: f64, div: f64): void {
  if (op == L.MSE) L.pointwiseLossBackward<f32>(L.MSE, g, x, t, w, o, meta, p, norm, div);
  else if (op == L.SMOOTH_L1) L.pointwiseLossBackward<f32>(L.SMOOTH_L1, g, x, t, w, o, meta, p, norm, div);
  else if (op == L.HUBER) L.pointwiseLossBackward<f32>(L.HUBER, g, x, t, w, o, meta, p, norm, div);
  else L.pointwiseLossBackward<f32>(L.BCE, g, x, t, w, o, meta, p, norm, div);
}
export function pointwise_loss_backward_f64(g: usize, x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, norm: f64, div: f64): void {
  if (op == L.MSE) L.pointwiseLossBackward<f64>(L.MSE, g, x, t, w, o, meta, p, norm, div);
  else if (op == L.SMOOTH_L1) L.pointwiseLossBackward<f64>(L.SMOOTH_L1, g, x, t, w, o, meta, p, norm, div);
  else if (op == L.HUBER) L.pointwiseLossBackward<f64>(L.HUBER, g, x, t, w, o, meta, p, norm, div);
  else L.pointwiseLossBackward<f64>(L.BCE, g, x, t, w, o, meta, p, norm, div);
}

// nll_loss over [N, C, S]; reduction 0 none, 1 mean, 2 sum
export function nll_loss_f32(x: usize, t: usize, w: usize, o: usize, tw: usize, N: i32, C: i32, S: i32, ignore: i32, reduction: i32): i32 { return L.nllLoss<f32>(x, t, w, o, tw, N, C, S, ignore, reduction); }
export function nll_loss_f64(x: usize, t: usize, w: usize, o: usize, tw: usize, N: i32, C: i32, S: i32, ignore: i32, reduction: i32): i32 { return L.nllLoss<f64>(x, t, w, o, tw, N, C, S, ignore, reduction); }
export function nll_loss_backward_f32(g: usize, t: usize, w: usize, tw: usize, o: usize, N: i32, C: i32, S: i32, ignore: i32, reduction: i32): void { L.nllLossBackward<f32>(g, t, w, tw, o, N, C, S, ignore, reduction); }
export function nll_loss_backward_f64(g: usize, t: usize, w: usize, tw: usize, o: usize, N: i32, C: i32, S: i32, ignore: i32, reduction: i32): void { L.nllLossBackward<f64>(g, t, w, tw, o, N, C, S, ignore, reduction); }
export function log_softmax_backward_f32(g: usize, y: usize, o: usize, outer: i32, D: i32, inner: i32): void { L.logSoftmaxBackward<f32>(g, y, o, outer, D, inner); }
export function log_softmax_backward_f64(g: usize, y: usize, o: usize, outer: i32, D: i32, inner: i32): void { L.logSoftmaxBackward<f64>(g, y, o, outer, D, inner); }

// activations: op is A.GELU, A.GELU_TANH or A.SILU
export function activation_f32(x: usize, o: usize, meta: usize, op: i32): void {
  if (op == A.GELU) A.activation<f32>(A.GELU, x, o, meta);
  else if (op == A.GELU_TANH) A.activation<f32>(A.GELU_TANH, x, o, meta);
  else A.activation<f32>(A.SILU, x, o, meta);
}
export function activation_f64(x: usize, o: usize, meta: usize, op: i32): void {
  if (op == A.GELU) A.activation<f64>(A.GELU, x, o, meta);
  else if (op == A.GELU_TANH) A.activation<f64>(A.GELU_TANH, x, o, meta);
  else A.activation<f64>(A.SILU, x, o, meta);
}
export function activation_backward_f32(g: usize, x: usize, o: usize, meta: usize, op: i32): void {
  if (op == A.GELU) A.activationBackward<f32>(A.GELU, g, x, o, meta);
  else if (op == A.GELU_TANH) A.activationBackward<f32>(A.GELU_TANH, g, x, o, meta);
  else A.activationBackward<f32>(A.SILU, g, x, o, meta);
}
export function activation_backward_f64(g: usize, x: usize, o: usize, meta: usize, op: i32): void {
  if (op == A.GELU) A.activationBackward<f64>(A.GELU, g, x, o, meta);
  else if (op == A.GELU_TANH) A.activationBackward<f64>(A.GELU_TANH, g, x, o, meta);
  else A.activationBackward<f64>(A.SILU, g, x, o, meta);
}

// layer_norm over contiguous rows [M, N]; absent gamma/beta/outputs are 0
export function layer_norm_f32(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, rstd: usize, M: i32, N: i32, eps: f64): void { LN.layerNorm<f32>(x, gamma, beta, y, mean, rstd, M, N, eps); }
export function layer_norm_f64(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, rstd: usize, M: i32, N: i32, eps: f64): void { LN.layerNorm<f64>(x, gamma, beta, y, mean, rstd, M, N, eps); }
export function layer_norm_backward_f32(dy: usize, x: usize, mean: usize, rstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, M: i32, N: i32): void { LN.layerNormBackward<f32>(dy, x, mean, rstd, gamma, dx, dgamma, dbeta, M, N); }
export function layer_norm_backward_f64(dy: usize, x: usize, mean: usize, rstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, M: i32, N: i32): void { LN.layerNormBackward<f64>(dy, x, mean, rstd, gamma, dx, dgamma, dbeta, M, N); }

// optimizers over contiguous n elements
export function sgd_f32(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, nesterov: i32, maximize: i32, first: i32): void {
  O.sgd<f32>(p, g, buf, n, lr, momentum, dampening, weightDecay, nesterov != 0, maximize != 0, first != 0);
}
export function sgd_f64(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, nesterov: i32, maximize: i32, first: i32): void {
  O.sgd<f64>(p, g, buf, n, lr, momentum, dampening, weightDecay, nesterov != 0, maximize != 0, first != 0);
}
export function adam_f32(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, stepSize: f64, bc2Sqrt: f64, amsgrad: i32, maximize: i32, decoupled: i32): void {
  O.adam<f32>(p, g, m, v, vmax, n, lr, beta1, beta2, eps, weightDecay, stepSize, bc2Sqrt, amsgrad != 0, maximize != 0, decoupled != 0);
}
export function adam_f64(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, stepSize: f64, bc2Sqrt: f64, amsgrad: i32, maximize: i32, decoupled: i32): void {
  O.adam<f64>(p, g, m, v, vmax, n, lr, beta1, beta2, eps, weightDecay, stepSize, bc2Sqrt, amsgrad != 0, maximize != 0, decoupled != 0);
}

// 1.0 as a static operand (never written): the weight of an unweighted loss,
// broadcast with stride 0, so losses need no one-element tensor per call.
const ONE_F32: usize = memory.data<f32>([1.0, 1.0, 1.0, 1.0], 16);
const ONE_F64: usize = memory.data<f64>([1.0, 1.0], 16);
export function one_f32(): usize { return ONE_F32; }
export function one_f64(): usize { return ONE_F64; }

// the optimizers of kernels/optim2.ts, over contiguous n elements
import * as O2 from "../kernels/optim2";
export function rmsprop_f32(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64, maximize: i32): void { O2.rmsprop<f32>(p, g, sq, gavg, buf, n, lr, alpha, eps, weightDecay, momentum, maximize != 0); }
export function rmsprop_f64(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64, maximize: i32): void { O2.rmsprop<f64>(p, g, sq, gavg, buf, n, lr, alpha, eps, weightDecay, momentum, maximize != 0); }
export function adagrad_f32(p: usize, g: usize, sum: usize, n: i32, negClr: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.adagrad<f32>(p, g, sum, n, negClr, eps, weightDecay, maximize != 0); }
export function adagrad_f64(p: usize, g: usize, sum: usize, n: i32, negClr: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.adagrad<f64>(p, g, sum, n, negClr, eps, weightDecay, maximize != 0); }
export function adadelta_f32(p: usize, g: usize, sq: usize, acc: usize, n: i32, lr: f64, rho: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.adadelta<f32>(p, g, sq, acc, n, lr, rho, eps, weightDecay, maximize != 0); }
export function adadelta_f64(p: usize, g: usize, sq: usize, acc: usize, n: i32, lr: f64, rho: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.adadelta<f64>(p, g, sq, acc, n, lr, rho, eps, weightDecay, maximize != 0); }
export function adamax_f32(p: usize, g: usize, m: usize, u: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, negClr: f64, maximize: i32): void { O2.adamax<f32>(p, g, m, u, n, beta1, beta2, eps, weightDecay, negClr, maximize != 0); }
export function adamax_f64(p: usize, g: usize, m: usize, u: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, negClr: f64, maximize: i32): void { O2.adamax<f64>(p, g, m, u, n, beta1, beta2, eps, weightDecay, negClr, maximize != 0); }
export function nadam_f32(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc2: f64, c1: f64, c2: f64): void { O2.nadam<f32>(p, g, m, v, n, beta1, beta2, eps, weightDecay, bc2, c1, c2); }
export function nadam_f64(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc2: f64, c1: f64, c2: f64): void { O2.nadam<f64>(p, g, m, v, n, beta1, beta2, eps, weightDecay, bc2, c1, c2); }
export function radam_f32(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc1: f64, lr: f64, rect: f64, bc2Sqrt: f64): void { O2.radam<f32>(p, g, m, v, n, beta1, beta2, eps, weightDecay, bc1, lr, rect, bc2Sqrt); }
export function radam_f64(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc1: f64, lr: f64, rect: f64, bc2Sqrt: f64): void { O2.radam<f64>(p, g, m, v, n, beta1, beta2, eps, weightDecay, bc1, lr, rect, bc2Sqrt); }
export function asgd_f32(p: usize, g: usize, ax: usize, n: i32, decay: f64, eta: f64, mu: f64, weightDecay: f64, maximize: i32): void { O2.asgd<f32>(p, g, ax, n, decay, eta, mu, weightDecay, maximize != 0); }
export function asgd_f64(p: usize, g: usize, ax: usize, n: i32, decay: f64, eta: f64, mu: f64, weightDecay: f64, maximize: i32): void { O2.asgd<f64>(p, g, ax, n, decay, eta, mu, weightDecay, maximize != 0); }
