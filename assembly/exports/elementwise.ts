// Elementwise kernels: binary (a, b, out, meta, alpha; integer division and
// remainder return 1 after a zero divisor), unary (a, out, meta, p, q;
// float64 sin/cos return how many arguments were too large for them),
// fill (out, meta, value), casts (a, out, meta), comparisons (a, b, out, meta),
// where (cond, a, b, out, meta). Names are `<op>_<dtype>`.
// Limits (every entry here): the meta block's dims, their product (the
// output's element count) and each operand's largest element offset
// sum(index * stride) at most 2^31 - 1.

import * as B from "../kernels/binary";
import * as U from "../kernels/unary";
import * as C from "../kernels/compare";

export function add_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.ADD, a, b, o, meta, <f32>s); }
export function add_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.ADD, a, b, o, meta, <f64>s); }
export function add_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.ADD, a, b, o, meta, <i32>s); }
export function add_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.ADD, a, b, o, meta, <i64>s); }
export function sub_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.SUB, a, b, o, meta, <f32>s); }
export function sub_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.SUB, a, b, o, meta, <f64>s); }
export function sub_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.SUB, a, b, o, meta, <i32>s); }
export function sub_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.SUB, a, b, o, meta, <i64>s); }
export function mul_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.MUL, a, b, o, meta, <f32>s); }
export function mul_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.MUL, a, b, o, meta, <f64>s); }
export function mul_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.MUL, a, b, o, meta, <i32>s); }
export function mul_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MUL, a, b, o, meta, <i64>s); }
export function div_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.DIV, a, b, o, meta, <f32>s); }
export function div_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.DIV, a, b, o, meta, <f64>s); }
export function maximum_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.MAXIMUM, a, b, o, meta, <f32>s); }
export function maximum_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.MAXIMUM, a, b, o, meta, <f64>s); }
export function maximum_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.MAXIMUM, a, b, o, meta, <i32>s); }
export function maximum_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MAXIMUM, a, b, o, meta, <i64>s); }
export function minimum_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.MINIMUM, a, b, o, meta, <f32>s); }
export function minimum_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.MINIMUM, a, b, o, meta, <f64>s); }
export function minimum_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.MINIMUM, a, b, o, meta, <i32>s); }
export function minimum_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MINIMUM, a, b, o, meta, <i64>s); }
export function pow_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.POW, a, b, o, meta, <f32>s); }
export function pow_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.POW, a, b, o, meta, <f64>s); }
export function pow_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(B.POW, a, b, o, meta, <i32>s); }
export function pow_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.POW, a, b, o, meta, <i64>s); }
export function remainder_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.REMAINDER, a, b, o, meta, <f32>s); }
export function remainder_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.REMAINDER, a, b, o, meta, <f64>s); }
export function remainder_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i32>(B.REMAINDER, a, b, o, meta, <i32>s); }
export function remainder_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.REMAINDER, a, b, o, meta, <i64>s); }
export function div_trunc_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.DIV_TRUNC, a, b, o, meta, <f32>s); }
export function div_trunc_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.DIV_TRUNC, a, b, o, meta, <f64>s); }
export function div_trunc_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i32>(B.DIV_TRUNC, a, b, o, meta, <i32>s); }
export function div_trunc_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.DIV_TRUNC, a, b, o, meta, <i64>s); }
export function div_floor_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(B.DIV_FLOOR, a, b, o, meta, <f32>s); }
export function div_floor_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(B.DIV_FLOOR, a, b, o, meta, <f64>s); }
export function div_floor_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i32>(B.DIV_FLOOR, a, b, o, meta, <i32>s); }
export function div_floor_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.DIV_FLOOR, a, b, o, meta, <i64>s); }
export function neg_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.NEG, a, o, meta, p, q); }
export function neg_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.NEG, a, o, meta, p, q); }
export function neg_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.NEG, a, o, meta, p, q); }
export function neg_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.NEG, a, o, meta, p, q); }
export function abs_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ABS, a, o, meta, p, q); }
export function abs_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ABS, a, o, meta, p, q); }
export function abs_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.ABS, a, o, meta, p, q); }
export function abs_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.ABS, a, o, meta, p, q); }
export function sign_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SIGN, a, o, meta, p, q); }
export function sign_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.SIGN, a, o, meta, p, q); }
export function sign_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.SIGN, a, o, meta, p, q); }
export function sign_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.SIGN, a, o, meta, p, q); }
export function sqrt_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SQRT, a, o, meta, p, q); }
export function sqrt_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.SQRT, a, o, meta, p, q); }
export function rsqrt_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.RSQRT, a, o, meta, p, q); }
export function rsqrt_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.RSQRT, a, o, meta, p, q); }
export function exp_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.EXP, a, o, meta, p, q); }
export function exp_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.EXP, a, o, meta, p, q); }
export function log_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LOG, a, o, meta, p, q); }
export function log_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LOG, a, o, meta, p, q); }
export function log1p_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LOG1P, a, o, meta, p, q); }
export function log1p_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LOG1P, a, o, meta, p, q); }
export function expm1_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.EXPM1, a, o, meta, p, q); }
export function expm1_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.EXPM1, a, o, meta, p, q); }
export function erf_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ERF, a, o, meta, p, q); }
export function erf_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ERF, a, o, meta, p, q); }
export function sin_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SIN, a, o, meta, p, q); }
export function sin_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): i32 { return U.unary<f64>(U.SIN, a, o, meta, p, q); }
export function cos_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.COS, a, o, meta, p, q); }
export function cos_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): i32 { return U.unary<f64>(U.COS, a, o, meta, p, q); }
export function tanh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.TANH, a, o, meta, p, q); }
export function tanh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.TANH, a, o, meta, p, q); }
export function sigmoid_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SIGMOID, a, o, meta, p, q); }
export function sigmoid_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.SIGMOID, a, o, meta, p, q); }
export function relu_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.RELU, a, o, meta, p, q); }
export function relu_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.RELU, a, o, meta, p, q); }
export function relu_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.RELU, a, o, meta, p, q); }
export function relu_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.RELU, a, o, meta, p, q); }
export function square_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SQUARE, a, o, meta, p, q); }
export function square_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.SQUARE, a, o, meta, p, q); }
export function square_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.SQUARE, a, o, meta, p, q); }
export function square_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.SQUARE, a, o, meta, p, q); }
export function reciprocal_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.RECIPROCAL, a, o, meta, p, q); }
export function reciprocal_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.RECIPROCAL, a, o, meta, p, q); }
export function clamp_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.CLAMP, a, o, meta, p, q); }
export function clamp_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.CLAMP, a, o, meta, p, q); }
export function clamp_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.CLAMP, a, o, meta, p, q); }
export function clamp_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CLAMP, a, o, meta, p, q); }
export function pow_scalar_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.POW_SCALAR, a, o, meta, p, q); }
export function pow_scalar_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.POW_SCALAR, a, o, meta, p, q); }
export function cube_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.CUBE, a, o, meta, p, q); }
export function cube_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.CUBE, a, o, meta, p, q); }
export function cube_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.CUBE, a, o, meta, p, q); }
export function cube_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CUBE, a, o, meta, p, q); }
export function reciprocal_square_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.RECIPROCAL_SQUARE, a, o, meta, p, q); }
export function reciprocal_square_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.RECIPROCAL_SQUARE, a, o, meta, p, q); }
export function copy_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.COPY, a, o, meta, p, q); }
export function copy_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.COPY, a, o, meta, p, q); }
export function copy_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.COPY, a, o, meta, p, q); }
export function floor_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.FLOOR, a, o, meta, p, q); }
export function floor_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.FLOOR, a, o, meta, p, q); }
export function floor_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.FLOOR, a, o, meta, p, q); }
export function floor_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.FLOOR, a, o, meta, p, q); }
export function ceil_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.CEIL, a, o, meta, p, q); }
export function ceil_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.CEIL, a, o, meta, p, q); }
export function ceil_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.CEIL, a, o, meta, p, q); }
export function ceil_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CEIL, a, o, meta, p, q); }
export function trunc_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.TRUNC, a, o, meta, p, q); }
export function trunc_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.TRUNC, a, o, meta, p, q); }
export function trunc_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.TRUNC, a, o, meta, p, q); }
export function trunc_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.TRUNC, a, o, meta, p, q); }
export function round_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ROUND, a, o, meta, p, q); }
export function round_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ROUND, a, o, meta, p, q); }
export function round_i32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i32>(U.ROUND, a, o, meta, p, q); }
export function round_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.ROUND, a, o, meta, p, q); }
export function copy_u8(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<u8>(U.COPY, a, o, meta, p, q); }
export function copy_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.COPY, a, o, meta, p, q); }
export function fill_f32(o: usize, meta: usize, v: f64): void { U.fill<f32>(o, meta, v); }
export function fill_f64(o: usize, meta: usize, v: f64): void { U.fill<f64>(o, meta, v); }
export function fill_i32(o: usize, meta: usize, v: f64): void { U.fill<i32>(o, meta, v); }
export function fill_u8(o: usize, meta: usize, v: f64): void { U.fill<u8>(o, meta, v); }
export function fill_i64(o: usize, meta: usize, v: f64): void { U.fill<i64>(o, meta, v); }
export function cast_f32_f64(a: usize, o: usize, meta: usize): void { U.cast<f32, f64>(a, o, meta); }
export function cast_f32_i32(a: usize, o: usize, meta: usize): void { U.cast<f32, i32>(a, o, meta); }
export function cast_f32_u8(a: usize, o: usize, meta: usize): void { U.cast<f32, u8>(a, o, meta); }
export function cast_f32_i64(a: usize, o: usize, meta: usize): void { U.cast<f32, i64>(a, o, meta); }
export function cast_f64_f32(a: usize, o: usize, meta: usize): void { U.cast<f64, f32>(a, o, meta); }
export function cast_f64_i32(a: usize, o: usize, meta: usize): void { U.cast<f64, i32>(a, o, meta); }
export function cast_f64_u8(a: usize, o: usize, meta: usize): void { U.cast<f64, u8>(a, o, meta); }
export function cast_f64_i64(a: usize, o: usize, meta: usize): void { U.cast<f64, i64>(a, o, meta); }
export function cast_i32_f32(a: usize, o: usize, meta: usize): void { U.cast<i32, f32>(a, o, meta); }
export function cast_i32_f64(a: usize, o: usize, meta: usize): void { U.cast<i32, f64>(a, o, meta); }
export function cast_i32_u8(a: usize, o: usize, meta: usize): void { U.cast<i32, u8>(a, o, meta); }
export function cast_i32_i64(a: usize, o: usize, meta: usize): void { U.cast<i32, i64>(a, o, meta); }
export function cast_u8_f32(a: usize, o: usize, meta: usize): void { U.cast<u8, f32>(a, o, meta); }
export function cast_u8_f64(a: usize, o: usize, meta: usize): void { U.cast<u8, f64>(a, o, meta); }
export function cast_u8_i32(a: usize, o: usize, meta: usize): void { U.cast<u8, i32>(a, o, meta); }
export function cast_u8_i64(a: usize, o: usize, meta: usize): void { U.cast<u8, i64>(a, o, meta); }
export function cast_i64_f32(a: usize, o: usize, meta: usize): void { U.cast<i64, f32>(a, o, meta); }
export function cast_i64_f64(a: usize, o: usize, meta: usize): void { U.cast<i64, f64>(a, o, meta); }
export function cast_i64_i32(a: usize, o: usize, meta: usize): void { U.cast<i64, i32>(a, o, meta); }
export function cast_i64_u8(a: usize, o: usize, meta: usize): void { U.cast<i64, u8>(a, o, meta); }
export function eq_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.EQ, a, b, o, meta); }
export function eq_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.EQ, a, b, o, meta); }
export function eq_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.EQ, a, b, o, meta); }
export function eq_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.EQ, a, b, o, meta); }
export function eq_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.EQ, a, b, o, meta); }
export function ne_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.NE, a, b, o, meta); }
export function ne_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.NE, a, b, o, meta); }
export function ne_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.NE, a, b, o, meta); }
export function ne_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.NE, a, b, o, meta); }
export function ne_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.NE, a, b, o, meta); }
export function lt_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.LT, a, b, o, meta); }
export function lt_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.LT, a, b, o, meta); }
export function lt_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.LT, a, b, o, meta); }
export function lt_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.LT, a, b, o, meta); }
export function lt_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LT, a, b, o, meta); }
export function le_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.LE, a, b, o, meta); }
export function le_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.LE, a, b, o, meta); }
export function le_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.LE, a, b, o, meta); }
export function le_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.LE, a, b, o, meta); }
export function le_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LE, a, b, o, meta); }
export function gt_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.GT, a, b, o, meta); }
export function gt_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.GT, a, b, o, meta); }
export function gt_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.GT, a, b, o, meta); }
export function gt_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.GT, a, b, o, meta); }
export function gt_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.GT, a, b, o, meta); }
export function ge_f32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f32>(C.GE, a, b, o, meta); }
export function ge_f64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<f64>(C.GE, a, b, o, meta); }
export function ge_i32(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i32>(C.GE, a, b, o, meta); }
export function ge_u8(a: usize, b: usize, o: usize, meta: usize): void { C.compare<u8>(C.GE, a, b, o, meta); }
export function ge_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.GE, a, b, o, meta); }
export function where_f32(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<f32>(c, a, b, o, meta); }
export function where_f64(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<f64>(c, a, b, o, meta); }
export function where_i32(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<i32>(c, a, b, o, meta); }
export function where_u8(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<u8>(c, a, b, o, meta); }
export function where_i64(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<i64>(c, a, b, o, meta); }
// The math ops of issue 17; tan and float64 sinc return how many arguments their trig could not reduce.
export function erfc_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ERFC, a, o, meta, p, q); }
export function erfc_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ERFC, a, o, meta, p, q); }
export function erfinv_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ERFINV, a, o, meta, p, q); }
export function erfinv_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ERFINV, a, o, meta, p, q); }
export function tan_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): i32 { return U.unary<f32>(U.TAN, a, o, meta, p, q); }
export function tan_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): i32 { return U.unary<f64>(U.TAN, a, o, meta, p, q); }
export function asin_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ASIN, a, o, meta, p, q); }
export function asin_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ASIN, a, o, meta, p, q); }
export function acos_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ACOS, a, o, meta, p, q); }
export function acos_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ACOS, a, o, meta, p, q); }
export function atan_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ATAN, a, o, meta, p, q); }
export function atan_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ATAN, a, o, meta, p, q); }
export function sinh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SINH, a, o, meta, p, q); }
export function sinh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.SINH, a, o, meta, p, q); }
export function cosh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.COSH, a, o, meta, p, q); }
export function cosh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.COSH, a, o, meta, p, q); }
export function asinh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ASINH, a, o, meta, p, q); }
export function asinh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ASINH, a, o, meta, p, q); }
export function acosh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ACOSH, a, o, meta, p, q); }
export function acosh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ACOSH, a, o, meta, p, q); }
export function atanh_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.ATANH, a, o, meta, p, q); }
export function atanh_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.ATANH, a, o, meta, p, q); }
export function log2_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LOG2, a, o, meta, p, q); }
export function log2_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LOG2, a, o, meta, p, q); }
export function log10_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LOG10, a, o, meta, p, q); }
export function log10_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LOG10, a, o, meta, p, q); }
export function exp2_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.EXP2, a, o, meta, p, q); }
export function exp2_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.EXP2, a, o, meta, p, q); }
export function lgamma_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LGAMMA, a, o, meta, p, q); }
export function lgamma_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LGAMMA, a, o, meta, p, q); }
export function digamma_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.DIGAMMA, a, o, meta, p, q); }
export function digamma_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.DIGAMMA, a, o, meta, p, q); }
export function polygamma_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.POLYGAMMA, a, o, meta, p, q); }
export function polygamma_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.POLYGAMMA, a, o, meta, p, q); }
export function sinc_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.SINC, a, o, meta, p, q); }
export function sinc_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): i32 { return U.unary<f64>(U.SINC, a, o, meta, p, q); }
export function frac_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.FRAC, a, o, meta, p, q); }
export function frac_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.FRAC, a, o, meta, p, q); }
export function logit_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.LOGIT, a, o, meta, p, q); }
export function logit_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.LOGIT, a, o, meta, p, q); }
export function deg2rad_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.DEG2RAD, a, o, meta, p, q); }
export function deg2rad_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.DEG2RAD, a, o, meta, p, q); }
export function rad2deg_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f32>(U.RAD2DEG, a, o, meta, p, q); }
export function rad2deg_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<f64>(U.RAD2DEG, a, o, meta, p, q); }
