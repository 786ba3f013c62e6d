// Exact gelu for training (kernels/activation.ts): the forward also writes
// the cdf its backward starts from. `gelu_keep_cdf_<dtype>` operands (out,
// x, cdf); `gelu_backward_cdf_<dtype>` operands (out, g, x, cdf).

import * as A from "../kernels/activation";

export function gelu_keep_cdf_f32(x: usize, c: usize, o: usize, meta: usize): void {
  A.activation<f32>(A.GELU_KEEP, x, o, meta, c);
}
export function gelu_keep_cdf_f64(x: usize, c: usize, o: usize, meta: usize): void {
  A.activation<f64>(A.GELU_KEEP, x, o, meta, c);
}
export function gelu_backward_cdf_f32(g: usize, x: usize, c: usize, o: usize, meta: usize): void {
  A.activationBackward<f32>(A.GELU_KEEP, g, x, o, meta, c);
}
export function gelu_backward_cdf_f64(g: usize, x: usize, c: usize, o: usize, meta: usize): void {
  A.activationBackward<f64>(A.GELU_KEEP, g, x, o, meta, c);
}
