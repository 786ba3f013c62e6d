// Kernels of the small dtypes (uint8 "ui8", int8 "i8", int16 "i16", float16
// "f16", bfloat16 "bf16"; bool keeps "u8"): casts to and from every dtype
// (a, out, meta), copies (a, out, meta, p, q: as copy_f32), fills (out, meta,
// value), where (cond, a, b, out, meta), gather and index_select. Their
// arithmetic runs in int32 or float32 kernels (src/ops/wide.ts).
// Same limits as exports/elementwise.ts.

import * as V from "../kernels/convert";
import * as C from "../kernels/compare";
import * as M from "../kernels/movement";

export function cast_u8_ui8(a: usize, o: usize, meta: usize): void { V.convert<u8, u8>(V.K_BOOL, V.K_U8, a, o, meta); }
export function cast_u8_i8(a: usize, o: usize, meta: usize): void { V.convert<u8, i8>(V.K_BOOL, V.K_I8, a, o, meta); }
export function cast_u8_i16(a: usize, o: usize, meta: usize): void { V.convert<u8, i16>(V.K_BOOL, V.K_I16, a, o, meta); }
export function cast_u8_f16(a: usize, o: usize, meta: usize): void { V.convert<u8, u16>(V.K_BOOL, V.K_F16, a, o, meta); }
export function cast_u8_bf16(a: usize, o: usize, meta: usize): void { V.convert<u8, u16>(V.K_BOOL, V.K_BF16, a, o, meta); }
export function cast_ui8_u8(a: usize, o: usize, meta: usize): void { V.convert<u8, u8>(V.K_U8, V.K_BOOL, a, o, meta); }
export function cast_ui8_i8(a: usize, o: usize, meta: usize): void { V.convert<u8, i8>(V.K_U8, V.K_I8, a, o, meta); }
export function cast_ui8_i16(a: usize, o: usize, meta: usize): void { V.convert<u8, i16>(V.K_U8, V.K_I16, a, o, meta); }
export function cast_ui8_i32(a: usize, o: usize, meta: usize): void { V.convert<u8, i32>(V.K_U8, V.K_I32, a, o, meta); }
export function cast_ui8_f16(a: usize, o: usize, meta: usize): void { V.convert<u8, u16>(V.K_U8, V.K_F16, a, o, meta); }
export function cast_ui8_bf16(a: usize, o: usize, meta: usize): void { V.convert<u8, u16>(V.K_U8, V.K_BF16, a, o, meta); }
export function cast_ui8_f32(a: usize, o: usize, meta: usize): void { V.convert<u8, f32>(V.K_U8, V.K_F32, a, o, meta); }
export function cast_ui8_f64(a: usize, o: usize, meta: usize): void { V.convert<u8, f64>(V.K_U8, V.K_F64, a, o, meta); }
export function cast_i8_u8(a: usize, o: usize, meta: usize): void { V.convert<i8, u8>(V.K_I8, V.K_BOOL, a, o, meta); }
export function cast_i8_ui8(a: usize, o: usize, meta: usize): void { V.convert<i8, u8>(V.K_I8, V.K_U8, a, o, meta); }
export function cast_i8_i16(a: usize, o: usize, meta: usize): void { V.convert<i8, i16>(V.K_I8, V.K_I16, a, o, meta); }
export function cast_i8_i32(a: usize, o: usize, meta: usize): void { V.convert<i8, i32>(V.K_I8, V.K_I32, a, o, meta); }
export function cast_i8_f16(a: usize, o: usize, meta: usize): void { V.convert<i8, u16>(V.K_I8, V.K_F16, a, o, meta); }
export function cast_i8_bf16(a: usize, o: usize, meta: usize): void { V.convert<i8, u16>(V.K_I8, V.K_BF16, a, o, meta); }
export function cast_i8_f32(a: usize, o: usize, meta: usize): void { V.convert<i8, f32>(V.K_I8, V.K_F32, a, o, meta); }
export function cast_i8_f64(a: usize, o: usize, meta: usize): void { V.convert<i8, f64>(V.K_I8, V.K_F64, a, o, meta); }
export function cast_i16_u8(a: usize, o: usize, meta: usize): void { V.convert<i16, u8>(V.K_I16, V.K_BOOL, a, o, meta); }
export function cast_i16_ui8(a: usize, o: usize, meta: usize): void { V.convert<i16, u8>(V.K_I16, V.K_U8, a, o, meta); }
export function cast_i16_i8(a: usize, o: usize, meta: usize): void { V.convert<i16, i8>(V.K_I16, V.K_I8, a, o, meta); }
export function cast_i16_i32(a: usize, o: usize, meta: usize): void { V.convert<i16, i32>(V.K_I16, V.K_I32, a, o, meta); }
export function cast_i16_f16(a: usize, o: usize, meta: usize): void { V.convert<i16, u16>(V.K_I16, V.K_F16, a, o, meta); }
export function cast_i16_bf16(a: usize, o: usize, meta: usize): void { V.convert<i16, u16>(V.K_I16, V.K_BF16, a, o, meta); }
export function cast_i16_f32(a: usize, o: usize, meta: usize): void { V.convert<i16, f32>(V.K_I16, V.K_F32, a, o, meta); }
export function cast_i16_f64(a: usize, o: usize, meta: usize): void { V.convert<i16, f64>(V.K_I16, V.K_F64, a, o, meta); }
export function cast_i32_ui8(a: usize, o: usize, meta: usize): void { V.convert<i32, u8>(V.K_I32, V.K_U8, a, o, meta); }
export function cast_i32_i8(a: usize, o: usize, meta: usize): void { V.convert<i32, i8>(V.K_I32, V.K_I8, a, o, meta); }
export function cast_i32_i16(a: usize, o: usize, meta: usize): void { V.convert<i32, i16>(V.K_I32, V.K_I16, a, o, meta); }
export function cast_i32_f16(a: usize, o: usize, meta: usize): void { V.convert<i32, u16>(V.K_I32, V.K_F16, a, o, meta); }
export function cast_i32_bf16(a: usize, o: usize, meta: usize): void { V.convert<i32, u16>(V.K_I32, V.K_BF16, a, o, meta); }
export function cast_f16_u8(a: usize, o: usize, meta: usize): void { V.convert<u16, u8>(V.K_F16, V.K_BOOL, a, o, meta); }
export function cast_f16_ui8(a: usize, o: usize, meta: usize): void { V.convert<u16, u8>(V.K_F16, V.K_U8, a, o, meta); }
export function cast_f16_i8(a: usize, o: usize, meta: usize): void { V.convert<u16, i8>(V.K_F16, V.K_I8, a, o, meta); }
export function cast_f16_i16(a: usize, o: usize, meta: usize): void { V.convert<u16, i16>(V.K_F16, V.K_I16, a, o, meta); }
export function cast_f16_i32(a: usize, o: usize, meta: usize): void { V.convert<u16, i32>(V.K_F16, V.K_I32, a, o, meta); }
export function cast_f16_bf16(a: usize, o: usize, meta: usize): void { V.convert<u16, u16>(V.K_F16, V.K_BF16, a, o, meta); }
export function cast_f16_f32(a: usize, o: usize, meta: usize): void { V.convert<u16, f32>(V.K_F16, V.K_F32, a, o, meta); }
export function cast_f16_f64(a: usize, o: usize, meta: usize): void { V.convert<u16, f64>(V.K_F16, V.K_F64, a, o, meta); }
export function cast_bf16_u8(a: usize, o: usize, meta: usize): void { V.convert<u16, u8>(V.K_BF16, V.K_BOOL, a, o, meta); }
export function cast_bf16_ui8(a: usize, o: usize, meta: usize): void { V.convert<u16, u8>(V.K_BF16, V.K_U8, a, o, meta); }
export function cast_bf16_i8(a: usize, o: usize, meta: usize): void { V.convert<u16, i8>(V.K_BF16, V.K_I8, a, o, meta); }
export function cast_bf16_i16(a: usize, o: usize, meta: usize): void { V.convert<u16, i16>(V.K_BF16, V.K_I16, a, o, meta); }
export function cast_bf16_i32(a: usize, o: usize, meta: usize): void { V.convert<u16, i32>(V.K_BF16, V.K_I32, a, o, meta); }
export function cast_bf16_f16(a: usize, o: usize, meta: usize): void { V.convert<u16, u16>(V.K_BF16, V.K_F16, a, o, meta); }
export function cast_bf16_f32(a: usize, o: usize, meta: usize): void { V.convert<u16, f32>(V.K_BF16, V.K_F32, a, o, meta); }
export function cast_bf16_f64(a: usize, o: usize, meta: usize): void { V.convert<u16, f64>(V.K_BF16, V.K_F64, a, o, meta); }
export function cast_f32_ui8(a: usize, o: usize, meta: usize): void { V.convert<f32, u8>(V.K_F32, V.K_U8, a, o, meta); }
export function cast_f32_i8(a: usize, o: usize, meta: usize): void { V.convert<f32, i8>(V.K_F32, V.K_I8, a, o, meta); }
export function cast_f32_i16(a: usize, o: usize, meta: usize): void { V.convert<f32, i16>(V.K_F32, V.K_I16, a, o, meta); }
export function cast_f32_f16(a: usize, o: usize, meta: usize): void { V.convert<f32, u16>(V.K_F32, V.K_F16, a, o, meta); }
export function cast_f32_bf16(a: usize, o: usize, meta: usize): void { V.convert<f32, u16>(V.K_F32, V.K_BF16, a, o, meta); }
export function cast_f64_ui8(a: usize, o: usize, meta: usize): void { V.convert<f64, u8>(V.K_F64, V.K_U8, a, o, meta); }
export function cast_f64_i8(a: usize, o: usize, meta: usize): void { V.convert<f64, i8>(V.K_F64, V.K_I8, a, o, meta); }
export function cast_f64_i16(a: usize, o: usize, meta: usize): void { V.convert<f64, i16>(V.K_F64, V.K_I16, a, o, meta); }
export function cast_f64_f16(a: usize, o: usize, meta: usize): void { V.convert<f64, u16>(V.K_F64, V.K_F16, a, o, meta); }
export function cast_f64_bf16(a: usize, o: usize, meta: usize): void { V.convert<f64, u16>(V.K_F64, V.K_BF16, a, o, meta); }

// The small dtypes of one width share their copy, where and gather kernels
// (they move bits); fills convert the value to each dtype.
function copy8(a: usize, o: usize, meta: usize, p: f64, q: f64): void { V.copyBits<u8>(a, o, meta); }
function copy16(a: usize, o: usize, meta: usize, p: f64, q: f64): void { V.copyBits<u16>(a, o, meta); }
function where8(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<u8>(c, a, b, o, meta); }
function where16(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<u16>(c, a, b, o, meta); }
function gather8(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<u8>(self, idx, out, meta, dimStride, dimSize); }
function gather16(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<u16>(self, idx, out, meta, dimStride, dimSize); }
export { copy8 as copy_ui8, copy8 as copy_i8, copy16 as copy_i16, copy16 as copy_f16, copy16 as copy_bf16 };
export { where8 as where_ui8, where8 as where_i8, where16 as where_i16, where16 as where_f16, where16 as where_bf16 };
export { gather8 as gather_ui8, gather8 as gather_i8, gather16 as gather_i16, gather16 as gather_f16, gather16 as gather_bf16 };
export { gather8 as index_select_ui8, gather8 as index_select_i8, gather16 as index_select_i16, gather16 as index_select_f16, gather16 as index_select_bf16 };
export function fill_ui8(o: usize, meta: usize, v: f64): void { V.fillAs<u8>(V.K_U8, o, meta, v); }
export function fill_i8(o: usize, meta: usize, v: f64): void { V.fillAs<u8>(V.K_I8, o, meta, v); }
export function fill_i16(o: usize, meta: usize, v: f64): void { V.fillAs<u16>(V.K_I16, o, meta, v); }
export function fill_f16(o: usize, meta: usize, v: f64): void { V.fillAs<u16>(V.K_F16, o, meta, v); }
export function fill_bf16(o: usize, meta: usize, v: f64): void { V.fillAs<u16>(V.K_BF16, o, meta, v); }
