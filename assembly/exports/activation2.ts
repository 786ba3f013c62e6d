// Kernels of the activations in kernels/activation2.ts: `activation2_<dtype>` and
// `activation2_backward_<dtype>`, op one of its op codes, p, q, r its parameters.
// Limits: meta-block entries as in exports/elementwise.ts.

import * as A from "../kernels/activation2";

export function activation2_f32(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2<f32>(A.LEAKY_RELU, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2<f32>(A.ELU, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2<f32>(A.SOFTPLUS, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2<f32>(A.HARDSIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2<f32>(A.HARDSWISH, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2<f32>(A.MISH, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2<f32>(A.LOG_SIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2<f32>(A.HARDTANH, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2<f32>(A.THRESHOLD, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2<f32>(A.SOFTSHRINK, x, o, meta, p, q, r);
  else A.activation2<f32>(A.HARDSHRINK, x, o, meta, p, q, r);
}
export function activation2_f64(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2<f64>(A.LEAKY_RELU, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2<f64>(A.ELU, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2<f64>(A.SOFTPLUS, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2<f64>(A.HARDSIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2<f64>(A.HARDSWISH, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2<f64>(A.MISH, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2<f64>(A.LOG_SIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2<f64>(A.HARDTANH, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2<f64>(A.THRESHOLD, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2<f64>(A.SOFTSHRINK, x, o, meta, p, q, r);
  else A.activation2<f64>(A.HARDSHRINK, x, o, meta, p, q, r);
}
export function activation2_backward_f32(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2Backward<f32>(A.LEAKY_RELU, g, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2Backward<f32>(A.ELU, g, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2Backward<f32>(A.SOFTPLUS, g, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2Backward<f32>(A.HARDSIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2Backward<f32>(A.HARDSWISH, g, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2Backward<f32>(A.MISH, g, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2Backward<f32>(A.LOG_SIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2Backward<f32>(A.HARDTANH, g, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2Backward<f32>(A.THRESHOLD, g, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2Backward<f32>(A.SOFTSHRINK, g, x, o, meta, p, q, r);
  else if (op == A.HARDSHRINK) A.activation2Backward<f32>(A.HARDSHRINK, g, x, o, meta, p, q, r);
  else A.activation2Backward<f32>(A.ELU_RESULT, g, x, o, meta, p, q, r);
}
export function activation2_backward_f64(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2Backward<f64>(A.LEAKY_RELU, g, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2Backward<f64>(A.ELU, g, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2Backward<f64>(A.SOFTPLUS, g, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2Backward<f64>(A.HARDSIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2Backward<f64>(A.HARDSWISH, g, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2Backward<f64>(A.MISH, g, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2Backward<f64>(A.LOG_SIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2Backward<f64>(A.HARDTANH, g, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2Backward<f64>(A.THRESHOLD, g, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2Backward<f64>(A.SOFTSHRINK, g, x, o, meta, p, q, r);
  else if (op == A.HARDSHRINK) A.activation2Backward<f64>(A.HARDSHRINK, g, x, o, meta, p, q, r);
  else A.activation2Backward<f64>(A.ELU_RESULT, g, x, o, meta, p, q, r);
}
