// Kernels of the activations in kernels/activation2.ts: `activation2_<dtype>` and
// `activation2_backward_<dtype>`, op one of its op codes, p, q, r its parameters.
// Limits: meta-block entries as in exports/elementwise.ts.

import * as A from "../kernels/activation2";

// One dispatch per direction, instantiated per dtype: each branch names its op
// as a constant, so the kernel is specialised per op.
@inline function forward<T>(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2<T>(A.LEAKY_RELU, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2<T>(A.ELU, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2<T>(A.SOFTPLUS, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2<T>(A.HARDSIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2<T>(A.HARDSWISH, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2<T>(A.MISH, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2<T>(A.LOG_SIGMOID, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2<T>(A.HARDTANH, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2<T>(A.THRESHOLD, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2<T>(A.SOFTSHRINK, x, o, meta, p, q, r);
  else A.activation2<T>(A.HARDSHRINK, x, o, meta, p, q, r);
}
@inline function backward<T>(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void {
  if (op == A.LEAKY_RELU) A.activation2Backward<T>(A.LEAKY_RELU, g, x, o, meta, p, q, r);
  else if (op == A.ELU) A.activation2Backward<T>(A.ELU, g, x, o, meta, p, q, r);
  else if (op == A.SOFTPLUS) A.activation2Backward<T>(A.SOFTPLUS, g, x, o, meta, p, q, r);
  else if (op == A.HARDSIGMOID) A.activation2Backward<T>(A.HARDSIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDSWISH) A.activation2Backward<T>(A.HARDSWISH, g, x, o, meta, p, q, r);
  else if (op == A.MISH) A.activation2Backward<T>(A.MISH, g, x, o, meta, p, q, r);
  else if (op == A.LOG_SIGMOID) A.activation2Backward<T>(A.LOG_SIGMOID, g, x, o, meta, p, q, r);
  else if (op == A.HARDTANH) A.activation2Backward<T>(A.HARDTANH, g, x, o, meta, p, q, r);
  else if (op == A.THRESHOLD) A.activation2Backward<T>(A.THRESHOLD, g, x, o, meta, p, q, r);
  else if (op == A.SOFTSHRINK) A.activation2Backward<T>(A.SOFTSHRINK, g, x, o, meta, p, q, r);
  else if (op == A.HARDSHRINK) A.activation2Backward<T>(A.HARDSHRINK, g, x, o, meta, p, q, r);
  else A.activation2Backward<T>(A.ELU_RESULT, g, x, o, meta, p, q, r);
}

export function activation2_f32(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { forward<f32>(x, o, meta, op, p, q, r); }
export function activation2_f64(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { forward<f64>(x, o, meta, op, p, q, r); }
export function activation2_backward_f32(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { backward<f32>(g, x, o, meta, op, p, q, r); }
export function activation2_backward_f64(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { backward<f64>(g, x, o, meta, op, p, q, r); }
