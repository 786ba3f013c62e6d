// Reduction kernels. Every reduction takes (a, out, indices, meta, p, q) (see
// kernels/reduceWalk.ts for meta; out or indices may be 0 where unused; p and q
// are op parameters). softmax-family kernels take (a, out, outer, D, inner,
// strideOuter, strideD, strideInner); see kernels/softmax.ts.
// Limits: the input's and output's element counts (and every dim and element
// offset in meta) at most 2^31 - 1; softmax-family: outer * D * inner and the
// element offsets at most 2^31 - 1.

import * as R from "../kernels/reduce";
import * as E from "../kernels/extremum";
import * as S from "../kernels/softmax";
import * as C from "../kernels/scan";

export function sum_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<f32>(a, o, meta, 1); }
export function sum_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<f64>(a, o, meta, 1); }
export function sum_i32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<i32>(a, o, meta, 1); }
export function sum_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<i64>(a, o, meta, 1); }
/** p: the number of elements each output averages. */
export function mean_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<f32>(a, o, meta, p); }
export function mean_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<f64>(a, o, meta, p); }
export function prod_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.prod<f32>(a, o, meta); }
export function prod_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.prod<f64>(a, o, meta); }
export function prod_i32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.prod<i32>(a, o, meta); }
export function prod_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.prod<i64>(a, o, meta); }
export function max_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<f32>(E.MAX, a, o, idx, meta); }
export function max_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<f64>(E.MAX, a, o, idx, meta); }
export function max_i32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i32>(E.MAX, a, o, idx, meta); }
export function max_u8(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<u8>(E.MAX, a, o, idx, meta); }
export function max_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i64>(E.MAX, a, o, idx, meta); }
export function min_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<f32>(E.MIN, a, o, idx, meta); }
export function min_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<f64>(E.MIN, a, o, idx, meta); }
export function min_i32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i32>(E.MIN, a, o, idx, meta); }
export function min_u8(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<u8>(E.MIN, a, o, idx, meta); }
export function min_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i64>(E.MIN, a, o, idx, meta); }
/** p: the correction (1 for unbiased); q: 1 for std. */
export function var_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.variance<f32>(a, o, meta, p, q != 0); }
export function var_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.variance<f64>(a, o, meta, p, q != 0); }
/** p: the order of the norm (any real, or +-Infinity). */
export function norm_f32(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { normOf<f32>(a, o, meta, p); }
export function norm_f64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { normOf<f64>(a, o, meta, p); }

@inline function normOf<T>(a: usize, o: usize, meta: usize, p: f64): void {
  if (p == 2) R.norm<T>(R.NORM_2, a, o, meta, p);
  else if (p == 1) R.norm<T>(R.NORM_1, a, o, meta, p);
  else if (p == Infinity) R.norm<T>(R.NORM_INF, a, o, meta, p);
  else if (p == -Infinity) R.norm<T>(R.NORM_NEG_INF, a, o, meta, p);
  else if (p == 0) R.norm<T>(R.NORM_0, a, o, meta, p);
  else R.norm<T>(R.NORM_P, a, o, meta, p);
}

export function softmax_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f32>(S.SOFTMAX, a, o, O, D, I, sO, sD, sI); }
export function softmax_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f64>(S.SOFTMAX, a, o, O, D, I, sO, sD, sI); }
export function log_softmax_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f32>(S.LOG_SOFTMAX, a, o, O, D, I, sO, sD, sI); }
export function log_softmax_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f64>(S.LOG_SOFTMAX, a, o, O, D, I, sO, sD, sI); }
export function logsumexp_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f32>(S.LOGSUMEXP, a, o, O, D, I, sO, sD, sI); }
export function logsumexp_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f64>(S.LOGSUMEXP, a, o, O, D, I, sO, sD, sI); }
export function prod_exclusive_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f32>(S.PROD_EXCLUSIVE, a, o, O, D, I, sO, sD, sI); }
export function prod_exclusive_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { S.softmax<f64>(S.PROD_EXCLUSIVE, a, o, O, D, I, sO, sD, sI); }

// Scans (kernels/scan.ts): (a, out, outer, D, inner, strideOuter, strideD,
// strideInner) as the softmax family; cummax / cummin also write int32
// indices. Limits as the softmax family.
export function cumsum_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f32>(C.CUMSUM, a, o, O, D, I, sO, sD, sI); }
export function cumsum_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f64>(C.CUMSUM, a, o, O, D, I, sO, sD, sI); }
export function cumsum_i32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<i32>(C.CUMSUM, a, o, O, D, I, sO, sD, sI); }
export function cumprod_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f32>(C.CUMPROD, a, o, O, D, I, sO, sD, sI); }
export function cumprod_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f64>(C.CUMPROD, a, o, O, D, I, sO, sD, sI); }
export function cumprod_i32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<i32>(C.CUMPROD, a, o, O, D, I, sO, sD, sI); }
export function logcumsumexp_f32(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f32>(C.LOGCUMSUMEXP, a, o, O, D, I, sO, sD, sI); }
export function logcumsumexp_f64(a: usize, o: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.scan<f64>(C.LOGCUMSUMEXP, a, o, O, D, I, sO, sD, sI); }
export function cummax_f32(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<f32>(true, a, o, idx, O, D, I, sO, sD, sI); }
export function cummax_f64(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<f64>(true, a, o, idx, O, D, I, sO, sD, sI); }
export function cummax_i32(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<i32>(true, a, o, idx, O, D, I, sO, sD, sI); }
export function cummax_u8(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<u8>(true, a, o, idx, O, D, I, sO, sD, sI); }
export function cummin_f32(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<f32>(false, a, o, idx, O, D, I, sO, sD, sI); }
export function cummin_f64(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<f64>(false, a, o, idx, O, D, I, sO, sD, sI); }
export function cummin_i32(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<i32>(false, a, o, idx, O, D, I, sO, sD, sI); }
export function cummin_u8(a: usize, o: usize, idx: usize, O: i32, D: i32, I: i32, sO: i32, sD: i32, sI: i32): void { C.cumExtremum<u8>(false, a, o, idx, O, D, I, sO, sD, sI); }
