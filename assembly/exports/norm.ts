// Kernels of the normalisation layers (kernels/batchnorm.ts). Names are `<op>_<dtype>`.
// Limits: N * C * S at most 2^31 - 1 elements; [c0, c1) a range of channels.

import * as B from "../kernels/batchnorm";

export function batch_norm_f32(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, invstd: usize, runMean: usize, runVar: usize, N: i32, C: i32, S: i32, c0: i32, c1: i32, eps: f64, momentum: f64, training: i32): void { B.batchNorm<f32>(x, gamma, beta, y, mean, invstd, runMean, runVar, N, C, S, c0, c1, eps, momentum, training); }
export function batch_norm_f64(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, invstd: usize, runMean: usize, runVar: usize, N: i32, C: i32, S: i32, c0: i32, c1: i32, eps: f64, momentum: f64, training: i32): void { B.batchNorm<f64>(x, gamma, beta, y, mean, invstd, runMean, runVar, N, C, S, c0, c1, eps, momentum, training); }
export function batch_norm_backward_f32(dy: usize, x: usize, mean: usize, invstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, N: i32, C: i32, S: i32, c0: i32, c1: i32, training: i32): void { B.batchNormBackward<f32>(dy, x, mean, invstd, gamma, dx, dgamma, dbeta, N, C, S, c0, c1, training); }
export function batch_norm_backward_f64(dy: usize, x: usize, mean: usize, invstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, N: i32, C: i32, S: i32, c0: i32, c1: i32, training: i32): void { B.batchNormBackward<f64>(dy, x, mean, invstd, gamma, dx, dgamma, dbeta, N, C, S, c0, c1, training); }

// group_norm: G divides C; `work` is 4 * C f64 of scratch
export function group_norm_f32(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, rstd: usize, N: i32, C: i32, S: i32, G: i32, eps: f64): void { B.groupNorm<f32>(x, gamma, beta, y, mean, rstd, N, C, S, G, eps); }
export function group_norm_f64(x: usize, gamma: usize, beta: usize, y: usize, mean: usize, rstd: usize, N: i32, C: i32, S: i32, G: i32, eps: f64): void { B.groupNorm<f64>(x, gamma, beta, y, mean, rstd, N, C, S, G, eps); }
export function group_norm_backward_f32(dy: usize, x: usize, mean: usize, rstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, work: usize, N: i32, C: i32, S: i32, G: i32): void { B.groupNormBackward<f32>(dy, x, mean, rstd, gamma, dx, dgamma, dbeta, work, N, C, S, G); }
export function group_norm_backward_f64(dy: usize, x: usize, mean: usize, rstd: usize, gamma: usize, dx: usize, dgamma: usize, dbeta: usize, work: usize, N: i32, C: i32, S: i32, G: i32): void { B.groupNormBackward<f64>(dy, x, mean, rstd, gamma, dx, dgamma, dbeta, work, N, C, S, G); }
