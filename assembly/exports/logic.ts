// Kernels of the logic ops (src/ops/logic.ts). Bitwise: binary ones take
// (a, b, out, meta, alpha) and unary ones (a, out, meta, p, q), as in
// elementwise.ts; alpha, p and q are unused. int32 and int64 only: uint8,
// int8 and int16 run the int32 kernels through src/ops/wide.ts, bool runs
// the logical ops. Logical: (a, b, out, meta) like the comparisons, bool
// out; the u8 form serves bool and uint8. Limits as elementwise.ts.

import * as B from "../kernels/binary";
import * as U from "../kernels/unary";
import * as C from "../kernels/compare";

export function bitwise_and_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.BITWISE_AND, a, b, o, meta, 0); }
export function bitwise_and_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.BITWISE_AND, a, b, o, meta, 0); }
export function bitwise_or_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.BITWISE_OR, a, b, o, meta, 0); }
export function bitwise_or_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.BITWISE_OR, a, b, o, meta, 0); }
export function bitwise_xor_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.BITWISE_XOR, a, b, o, meta, 0); }
export function bitwise_xor_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.BITWISE_XOR, a, b, o, meta, 0); }
export function bitwise_left_shift_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.LSHIFT, a, b, o, meta, 0); }
export function bitwise_left_shift_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.LSHIFT, a, b, o, meta, 0); }
export function bitwise_right_shift_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.RSHIFT, a, b, o, meta, 0); }
export function bitwise_right_shift_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.RSHIFT, a, b, o, meta, 0); }
export function bitwise_not_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.BITWISE_NOT, a, o, meta, p, q); }
export function bitwise_not_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.BITWISE_NOT, a, o, meta, p, q); }
export function logical_and_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.LOGICAL_AND, a, b, o, meta); }
export function logical_and_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.LOGICAL_AND, a, b, o, meta); }
export function logical_and_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.LOGICAL_AND, a, b, o, meta); }
export function logical_and_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LOGICAL_AND, a, b, o, meta); }
export function logical_and_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.LOGICAL_AND, a, b, o, meta); }
export function logical_or_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.LOGICAL_OR, a, b, o, meta); }
export function logical_or_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.LOGICAL_OR, a, b, o, meta); }
export function logical_or_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.LOGICAL_OR, a, b, o, meta); }
export function logical_or_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LOGICAL_OR, a, b, o, meta); }
export function logical_or_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.LOGICAL_OR, a, b, o, meta); }
export function logical_xor_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.LOGICAL_XOR, a, b, o, meta); }
export function logical_xor_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.LOGICAL_XOR, a, b, o, meta); }
export function logical_xor_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.LOGICAL_XOR, a, b, o, meta); }
export function logical_xor_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LOGICAL_XOR, a, b, o, meta); }
export function logical_xor_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.LOGICAL_XOR, a, b, o, meta); }
