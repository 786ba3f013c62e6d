// Kernels of nn: fused losses (and later optimizers). Names are `<op>_<dtype>`.

import * as L from "../kernels/loss";

export function bce_with_logits_f32(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.bceWithLogits<f32>(x, t, w, pw, o, meta, reduce != 0); }
export function bce_with_logits_f64(x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, reduce: i32): void { L.bceWithLogits<f64>(x, t, w, pw, o, meta, reduce != 0); }
export function bce_with_logits_backward_f32(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.bceWithLogitsBackward<f32>(g, x, t, w, pw, o, meta, scale); }
export function bce_with_logits_backward_f64(g: usize, x: usize, t: usize, w: usize, pw: usize, o: usize, meta: usize, scale: f64): void { L.bceWithLogitsBackward<f64>(g, x, t, w, pw, o, meta, scale); }
