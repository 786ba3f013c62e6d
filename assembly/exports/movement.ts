// Kernels of gather / index_select and scatter_add / index_add (the backward
// of both), and scatter with a reduction: scatter (copy; also index_copy,
// index_fill, masked_scatter), scatter_mul, scatter_amax, scatter_amin.
// Names are `<op>_<dtype>`. Each returns 0, or the first out-of-range index
// (see kernels/movement.ts).
// cat and stack use copy_* / cast_* from exports/elementwise.ts.
// Limits: the walked shape's element count, dimSize, every index and every
// element offset (index * dimStride included) at most 2^31 - 1.

import * as M from "../kernels/movement";

export function gather_f32(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<f32>(self, idx, out, meta, dimStride, dimSize); }
export function gather_f64(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<f64>(self, idx, out, meta, dimStride, dimSize); }
export function gather_i32(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<i32>(self, idx, out, meta, dimStride, dimSize); }
export function gather_u8(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<u8>(self, idx, out, meta, dimStride, dimSize); }
export function gather_i64(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<i64>(self, idx, out, meta, dimStride, dimSize); }
export function scatter_add_f32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f32>(M.SCATTER_ADD, src, idx, out, meta, dimStride, dimSize); }
export function scatter_add_f64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f64>(M.SCATTER_ADD, src, idx, out, meta, dimStride, dimSize); }
export function scatter_add_i32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i32>(M.SCATTER_ADD, src, idx, out, meta, dimStride, dimSize); }
export function scatter_add_i64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i64>(M.SCATTER_ADD, src, idx, out, meta, dimStride, dimSize); }
export function scatter_f32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f32>(M.SCATTER_COPY, src, idx, out, meta, dimStride, dimSize); }
export function scatter_f64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f64>(M.SCATTER_COPY, src, idx, out, meta, dimStride, dimSize); }
export function scatter_i32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i32>(M.SCATTER_COPY, src, idx, out, meta, dimStride, dimSize); }
export function scatter_u8(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<u8>(M.SCATTER_COPY, src, idx, out, meta, dimStride, dimSize); }
export function scatter_mul_f32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f32>(M.SCATTER_MUL, src, idx, out, meta, dimStride, dimSize); }
export function scatter_mul_f64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f64>(M.SCATTER_MUL, src, idx, out, meta, dimStride, dimSize); }
export function scatter_mul_i32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i32>(M.SCATTER_MUL, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amax_f32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f32>(M.SCATTER_AMAX, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amax_f64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f64>(M.SCATTER_AMAX, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amax_i32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i32>(M.SCATTER_AMAX, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amin_f32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f32>(M.SCATTER_AMIN, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amin_f64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<f64>(M.SCATTER_AMIN, src, idx, out, meta, dimStride, dimSize); }
export function scatter_amin_i32(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterReduce<i32>(M.SCATTER_AMIN, src, idx, out, meta, dimStride, dimSize); }
// index_select and index_add are gather and scatter_add, called with the index
// expanded along the walked shape.
export { gather_f32 as index_select_f32, gather_f64 as index_select_f64, gather_i32 as index_select_i32, gather_u8 as index_select_u8, gather_i64 as index_select_i64 };
export { scatter_add_f32 as index_add_f32, scatter_add_f64 as index_add_f64, scatter_add_i32 as index_add_i32, scatter_add_i64 as index_add_i64 };
