// Kernels of the pooling ops (kernels/pool.ts). Names are `<op>_<dtype>`.
// Limits: planes * H * W and planes * OH * OW at most 2^31 - 1 elements; tab
// holds 3 * (OH + OW) i32 words.

import * as P from "../kernels/pool";

export function max_pool2d_f32(x: usize, o: usize, idx: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, dilH: i32, dilW: i32, sW: i32, owLo: i32, owHi: i32): void { P.maxPool2d<f32>(x, o, idx, planes, H, W, OH, OW, tab, dilH, dilW, sW, owLo, owHi); }
export function max_pool2d_f64(x: usize, o: usize, idx: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, dilH: i32, dilW: i32, sW: i32, owLo: i32, owHi: i32): void { P.maxPool2d<f64>(x, o, idx, planes, H, W, OH, OW, tab, dilH, dilW, sW, owLo, owHi); }
export function avg_pool2d_f32(x: usize, o: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, divisor: i32, adaptive: i32, sW: i32, owLo: i32, owHi: i32): void { P.avgPool2d<f32>(x, o, planes, H, W, OH, OW, tab, divisor, adaptive, sW, owLo, owHi); }
export function avg_pool2d_f64(x: usize, o: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, divisor: i32, adaptive: i32, sW: i32, owLo: i32, owHi: i32): void { P.avgPool2d<f64>(x, o, planes, H, W, OH, OW, tab, divisor, adaptive, sW, owLo, owHi); }
export function avg_pool2d_backward_f32(g: usize, gin: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, divisor: i32, adaptive: i32): void { P.avgPool2dBackward<f32>(g, gin, planes, H, W, OH, OW, tab, divisor, adaptive); }
export function avg_pool2d_backward_f64(g: usize, gin: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, tab: usize, divisor: i32, adaptive: i32): void { P.avgPool2dBackward<f64>(g, gin, planes, H, W, OH, OW, tab, divisor, adaptive); }
export function max_pool2d_backward_f32(g: usize, idx: usize, gin: usize, planes: i32, HW: i32, OHW: i32): void { P.maxPool2dBackward<f32>(g, idx, gin, planes, HW, OHW); }
export function max_pool2d_backward_f64(g: usize, idx: usize, gin: usize, planes: i32, HW: i32, OHW: i32): void { P.maxPool2dBackward<f64>(g, idx, gin, planes, HW, OHW); }
