// Kernels of the activations in kernels/activation2.ts: `activation2_<dtype>` and
// `activation2_backward_<dtype>`, op one of its op codes, p, q, r its parameters.
// Limits: meta-block entries as in exports/elementwise.ts.

import * as A from "../kernels/activation2";

export function activation2_f32(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { A.activation2Op<f32>(false, op, 0, x, o, meta, p, q, r); }
export function activation2_f64(x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { A.activation2Op<f64>(false, op, 0, x, o, meta, p, q, r); }
export function activation2_backward_f32(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { A.activation2Op<f32>(true, op, g, x, o, meta, p, q, r); }
export function activation2_backward_f64(g: usize, x: usize, o: usize, meta: usize, op: i32, p: f64, q: f64, r: f64): void { A.activation2Op<f64>(true, op, g, x, o, meta, p, q, r); }
