// Exact gelu for training (kernels/activation.ts): the forward also writes
// the cdf its backward starts from. `gelu_keep_cdf_<dtype>` operands (out,
// x, cdf); `gelu_backward_cdf_<dtype>` operands (out, g, x, cdf).

import * as A from "../kernels/activation";

export function gelu_keep_cdf_f32(x: usize, c: usize, o: usize, meta: usize): void {
  A.geluKeepCdf<f32>(x, c, o, meta);
}
export function gelu_keep_cdf_f64(x: usize, c: usize, o: usize, meta: usize): void {
  A.geluKeepCdf<f64>(x, c, o, meta);
}
export function gelu_backward_cdf_f32(g: usize, x: usize, c: usize, o: usize, meta: usize): void {
  A.geluBackwardFromCdf<f32>(g, x, c, o, meta);
}
export function gelu_backward_cdf_f64(g: usize, x: usize, c: usize, o: usize, meta: usize): void {
  A.geluBackwardFromCdf<f64>(g, x, c, o, meta);
}
