// Attention fused over blocks of keys (kernels/attention.ts): forward (out
// and the rows' logsumexp) and backward (dq, dk, dv) for the batch-heads
// [bh0, bh0 + count), `meta` the kernel's argument block, `work` the bytes
// attention_work_<dtype> gives (one region per concurrent call).

import * as A from "../kernels/attention";

export function attention_work_f32(L: i32, S: i32, E: i32, Ev: i32, backward: i32): f64 {
  return <f64>A.attentionWorkBytes<f32>(L, S, E, Ev, backward);
}
export function attention_work_f64(L: i32, S: i32, E: i32, Ev: i32, backward: i32): f64 {
  return <f64>A.attentionWorkBytes<f64>(L, S, E, Ev, backward);
}
export function attention_f32(meta: usize, bh0: i32, count: i32, work: usize, scale: f64): void {
  A.attention<f32>(meta, bh0, count, work, <f32>scale, false);
}
export function attention_f64(meta: usize, bh0: i32, count: i32, work: usize, scale: f64): void {
  A.attention<f64>(meta, bh0, count, work, scale, false);
}
export function attention_backward_f32(meta: usize, bh0: i32, count: i32, work: usize, scale: f64): void {
  A.attention<f32>(meta, bh0, count, work, <f32>scale, true);
}
export function attention_backward_f64(meta: usize, bh0: i32, count: i32, work: usize, scale: f64): void {
  A.attention<f64>(meta, bh0, count, work, scale, true);
}
