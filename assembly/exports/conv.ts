// Kernels of the convolution family (kernels/conv.ts). Names are `<op>_<dtype>`.
//
// im2col_<T>(x, cols, planes, geom): the columns of `planes` contiguous
//   H x W planes of x into cols (planes x KH * KW x OH * OW).
// col2im_<T>(cols, x, planes, geom): x's planes set to the sum of their columns.
// geom points at 12 i32 words: H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw.
// Limits: planes * H * W and planes * KH * KW * OH * OW at most 2^31 - 1.

import { im2col, col2im } from "../kernels/conv";

export function im2col_f32(x: usize, cols: usize, planes: i32, geom: usize): void { im2col<f32>(x, cols, planes, geom); }
export function im2col_f64(x: usize, cols: usize, planes: i32, geom: usize): void { im2col<f64>(x, cols, planes, geom); }
export function col2im_f32(cols: usize, x: usize, planes: i32, geom: usize): void { col2im<f32>(cols, x, planes, geom); }
export function col2im_f64(cols: usize, x: usize, planes: i32, geom: usize): void { col2im<f64>(cols, x, planes, geom); }
