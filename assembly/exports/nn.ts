// Kernels of nn: fused losses, activations, layer_norm and optimizer updates. Names are `<op>_<dtype>`.
// Limits: meta-block entries as in exports/elementwise.ts; nll_loss N * C * S,
// log_softmax_backward outer * D * inner, layer_norm M * N and the
// optimizers' n at most 2^31 - 1 elements.

import * as L from "../kernels/loss";

export function bce_with_logits_f32(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.elementwiseLoss<f32>(L.Loss.BCE_WITH_LOGITS, x, t, w, pw, 0, o, meta, reduce != 0, 0, 0, 0); }
export function bce_with_logits_f64(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.elementwiseLoss<f64>(L.Loss.BCE_WITH_LOGITS, x, t, w, pw, 0, o, meta, reduce != 0, 0, 0, 0); }
export function bce_with_logits_backward_f32(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.elementwiseLoss<f32>(L.Loss.BCE_WITH_LOGITS + L.Loss.BACKWARD, g, x, t, w, pw, o, meta, false, 0, scale, 0); }
export function bce_with_logits_backward_f64(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.elementwiseLoss<f64>(L.Loss.BCE_WITH_LOGITS + L.Loss.BACKWARD, g, x, t, w, pw, o, meta, false, 0, scale, 0); }

import * as A from "../kernels/activation";
import * as LN from "../kernels/layernorm";
import * as O from "../kernels/optim";

// pointwise losses: op is L.Loss.MSE, L.Loss.SMOOTH_L1, L.Loss.HUBER or L.Loss.BCE; p is beta or delta
export function pointwise_loss_f32(x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, reduce: i32): i32 {
  if (op == L.Loss.MSE) return L.elementwiseLoss<f32>(L.Loss.MSE, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  if (op == L.Loss.SMOOTH_L1) return L.elementwiseLoss<f32>(L.Loss.SMOOTH_L1, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  if (op == L.Loss.HUBER) return L.elementwiseLoss<f32>(L.Loss.HUBER, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  return L.elementwiseLoss<f32>(L.Loss.BCE, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
}
export function pointwise_loss_f64(x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, reduce: i32): i32 {
  if (op == L.Loss.MSE) return L.elementwiseLoss<f64>(L.Loss.MSE, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  if (op == L.Loss.SMOOTH_L1) return L.elementwiseLoss<f64>(L.Loss.SMOOTH_L1, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  if (op == L.Loss.HUBER) return L.elementwiseLoss<f64>(L.Loss.HUBER, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
  return L.elementwiseLoss<f64>(L.Loss.BCE, x, t, w, 0, 0, o, meta, reduce != 0, p, 0, 0);
}
export function pointwise_loss_backward_f32(g: usize, x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, norm: f64, div: f64): void {
  if (op == L.Loss.MSE) L.elementwiseLoss<f32>(L.Loss.MSE + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else if (op == L.Loss.SMOOTH_L1) L.elementwiseLoss<f32>(L.Loss.SMOOTH_L1 + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else if (op == L.Loss.HUBER) L.elementwiseLoss<f32>(L.Loss.HUBER + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else L.elementwiseLoss<f32>(L.Loss.BCE + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
}
export function pointwise_loss_backward_f64(g: usize, x: usize, t: usize, w: usize, o: usize, meta: usize, op: i32, p: f64, norm: f64, div: f64): void {
  if (op == L.Loss.MSE) L.elementwiseLoss<f64>(L.Loss.MSE + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else if (op == L.Loss.SMOOTH_L1) L.elementwiseLoss<f64>(L.Loss.SMOOTH_L1 + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else if (op == L.Loss.HUBER) L.elementwiseLoss<f64>(L.Loss.HUBER + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
  else L.elementwiseLoss<f64>(L.Loss.BCE + L.Loss.BACKWARD, g, x, t, w, 0, o, meta, false, p, norm, div);
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
export function rmsprop_f32(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64, maximize: i32): void { O2.update<f32>(O2.Update.RMSPROP, p, g, sq, gavg, buf, n, weightDecay, maximize != 0, alpha, 1 - alpha, 0, 0, eps, -lr, momentum, 0, 0); }
export function rmsprop_f64(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64, maximize: i32): void { O2.update<f64>(O2.Update.RMSPROP, p, g, sq, gavg, buf, n, weightDecay, maximize != 0, alpha, 1 - alpha, 0, 0, eps, -lr, momentum, 0, 0); }
export function adagrad_f32(p: usize, g: usize, sum: usize, n: i32, negClr: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.update<f32>(O2.Update.ADAGRAD, p, g, sum, 0, 0, n, weightDecay, maximize != 0, 0, 0, 0, 0, eps, negClr, 0, 0, 0); }
export function adagrad_f64(p: usize, g: usize, sum: usize, n: i32, negClr: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.update<f64>(O2.Update.ADAGRAD, p, g, sum, 0, 0, n, weightDecay, maximize != 0, 0, 0, 0, 0, eps, negClr, 0, 0, 0); }
export function adadelta_f32(p: usize, g: usize, sq: usize, acc: usize, n: i32, lr: f64, rho: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.update<f32>(O2.Update.ADADELTA, p, g, sq, acc, 0, n, weightDecay, maximize != 0, rho, 1 - rho, 0, 0, eps, -lr, 0, 0, 0); }
export function adadelta_f64(p: usize, g: usize, sq: usize, acc: usize, n: i32, lr: f64, rho: f64, eps: f64, weightDecay: f64, maximize: i32): void { O2.update<f64>(O2.Update.ADADELTA, p, g, sq, acc, 0, n, weightDecay, maximize != 0, rho, 1 - rho, 0, 0, eps, -lr, 0, 0, 0); }
export function adamax_f32(p: usize, g: usize, m: usize, u: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, negClr: f64, maximize: i32): void { O2.update<f32>(O2.Update.ADAMAX, p, g, m, u, 0, n, weightDecay, maximize != 0, beta1, 1 - beta1, beta2, 0, eps, negClr, 0, 0, 0); }
export function adamax_f64(p: usize, g: usize, m: usize, u: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, negClr: f64, maximize: i32): void { O2.update<f64>(O2.Update.ADAMAX, p, g, m, u, 0, n, weightDecay, maximize != 0, beta1, 1 - beta1, beta2, 0, eps, negClr, 0, 0, 0); }
export function nadam_f32(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc2: f64, c1: f64, c2: f64): void { O2.update<f32>(O2.Update.NADAM, p, g, m, v, 0, n, weightDecay, false, beta1, 1 - beta1, beta2, 1 - beta2, eps, c1, c2, bc2, 0); }
export function nadam_f64(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc2: f64, c1: f64, c2: f64): void { O2.update<f64>(O2.Update.NADAM, p, g, m, v, 0, n, weightDecay, false, beta1, 1 - beta1, beta2, 1 - beta2, eps, c1, c2, bc2, 0); }
export function radam_f32(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc1: f64, lr: f64, rect: f64, bc2Sqrt: f64): void { O2.update<f32>(O2.Update.RADAM, p, g, m, v, 0, n, weightDecay, false, beta1, 1 - beta1, beta2, 1 - beta2, eps, lr, rect, bc1, bc2Sqrt); }
export function radam_f64(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, bc1: f64, lr: f64, rect: f64, bc2Sqrt: f64): void { O2.update<f64>(O2.Update.RADAM, p, g, m, v, 0, n, weightDecay, false, beta1, 1 - beta1, beta2, 1 - beta2, eps, lr, rect, bc1, bc2Sqrt); }
export function asgd_f32(p: usize, g: usize, ax: usize, n: i32, decay: f64, eta: f64, mu: f64, weightDecay: f64, maximize: i32): void { O2.update<f32>(O2.Update.ASGD, p, g, ax, 0, 0, n, weightDecay, maximize != 0, decay, 0, 0, 0, 0, -eta, mu, 0, 0); }
export function asgd_f64(p: usize, g: usize, ax: usize, n: i32, decay: f64, eta: f64, mu: f64, weightDecay: f64, maximize: i32): void { O2.update<f64>(O2.Update.ASGD, p, g, ax, 0, 0, n, weightDecay, maximize != 0, decay, 0, 0, 0, 0, -eta, mu, 0, 0); }
