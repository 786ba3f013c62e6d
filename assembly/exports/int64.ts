// The int64 kernels (PyTorch's default integer dtype, "Long"): the same
// generic drivers as the other dtypes, specialised for i64, plus the one
// conversion index-consuming ops use (index_narrow_i64). Names are
// `<op>_i64`; arguments and limits as in the family's own export file
// (elementwise.ts, reduce.ts, movement.ts, linalg.ts, random.ts). Scalar
// arguments (alpha, fill values, clamp bounds) arrive as f64: every integral
// f64 converts exactly, so the facade refuses the int64 values a JS number
// cannot hold before calling.

import * as B from "../kernels/binary";
import * as U from "../kernels/unary";
import * as C from "../kernels/compare";
import * as R from "../kernels/reduce";
import * as E from "../kernels/extremum";
import * as M from "../kernels/movement";
import * as RN from "../kernels/random";
import { gemm, gemmScratchBytes } from "../kernels/matmul";
import { gemv, dot } from "../kernels/gemv";

export function add_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.ADD, a, b, o, meta, <i64>s); }
export function sub_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.SUB, a, b, o, meta, <i64>s); }
export function mul_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MUL, a, b, o, meta, <i64>s); }
export function maximum_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MAXIMUM, a, b, o, meta, <i64>s); }
export function minimum_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.MINIMUM, a, b, o, meta, <i64>s); }
export function pow_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(B.POW, a, b, o, meta, <i64>s); }
export function remainder_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.REMAINDER, a, b, o, meta, <i64>s); }
export function div_trunc_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.DIV_TRUNC, a, b, o, meta, <i64>s); }
export function div_floor_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(B.DIV_FLOOR, a, b, o, meta, <i64>s); }

export function neg_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.NEG, a, o, meta, p, q); }
export function abs_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.ABS, a, o, meta, p, q); }
export function sign_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.SIGN, a, o, meta, p, q); }
export function relu_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.RELU, a, o, meta, p, q); }
export function square_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.SQUARE, a, o, meta, p, q); }
export function cube_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CUBE, a, o, meta, p, q); }
export function clamp_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CLAMP, a, o, meta, p, q); }
export function copy_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.COPY, a, o, meta, p, q); }
export function floor_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.FLOOR, a, o, meta, p, q); }
export function ceil_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.CEIL, a, o, meta, p, q); }
export function trunc_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.TRUNC, a, o, meta, p, q); }
export function round_i64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { U.unary<i64>(U.ROUND, a, o, meta, p, q); }
export function fill_i64(o: usize, meta: usize, v: f64): void { U.fill<i64>(o, meta, v); }

export function cast_f32_i64(a: usize, o: usize, meta: usize): void { U.cast<f32, i64>(a, o, meta); }
export function cast_f64_i64(a: usize, o: usize, meta: usize): void { U.cast<f64, i64>(a, o, meta); }
export function cast_i32_i64(a: usize, o: usize, meta: usize): void { U.cast<i32, i64>(a, o, meta); }
export function cast_u8_i64(a: usize, o: usize, meta: usize): void { U.cast<u8, i64>(a, o, meta); }
export function cast_i64_f32(a: usize, o: usize, meta: usize): void { U.cast<i64, f32>(a, o, meta); }
export function cast_i64_f64(a: usize, o: usize, meta: usize): void { U.cast<i64, f64>(a, o, meta); }
export function cast_i64_i32(a: usize, o: usize, meta: usize): void { U.cast<i64, i32>(a, o, meta); }
export function cast_i64_u8(a: usize, o: usize, meta: usize): void { U.cast<i64, u8>(a, o, meta); }

export function eq_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.EQ, a, b, o, meta); }
export function ne_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.NE, a, b, o, meta); }
export function lt_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LT, a, b, o, meta); }
export function le_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.LE, a, b, o, meta); }
export function gt_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.GT, a, b, o, meta); }
export function ge_i64(a: usize, b: usize, o: usize, meta: usize): void { C.compare<i64>(C.GE, a, b, o, meta); }
export function where_i64(c: usize, a: usize, b: usize, o: usize, meta: usize): void { C.where<i64>(c, a, b, o, meta); }

export function sum_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.sum<i64>(a, o, meta, 1); }
export function prod_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { R.prod<i64>(a, o, meta); }
export function max_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i64>(E.MAX, a, o, idx, meta); }
export function min_i64(a: usize, o: usize, idx: usize, meta: usize, p: f64, q: f64): void { E.extremum<i64>(E.MIN, a, o, idx, meta); }

export function gather_i64(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<i64>(self, idx, out, meta, dimStride, dimSize); }
export function index_select_i64(self: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.gather<i64>(self, idx, out, meta, dimStride, dimSize); }
export function scatter_add_i64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterAdd<i64>(src, idx, out, meta, dimStride, dimSize); }
export function index_add_i64(src: usize, idx: usize, out: usize, meta: usize, dimStride: i32, dimSize: i32): i32 { return M.scatterAdd<i64>(src, idx, out, meta, dimStride, dimSize); }

export function gemm_i64(args: usize): void { gemm<i64>(args); }
export function gemm_scratch_i64(m: i32, n: i32, k: i32): i32 { return gemmScratchBytes<i64>(m, n, k); }
export function gemv_i64(a: usize, rs: i32, cs: i32, x: usize, sx: i32, y: usize, m: i32, k: i32, acc: i32): void { gemv<i64>(a, rs, cs, x, sx, y, m, k, acc != 0); }
export function dot_i64(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void { dot<i64>(a, sa, b, sb, n, out); }

export function randint_i64(g: usize, out: usize, n: i32, range: f64, base: f64): void { RN.randintFill<i64>(g, out, n, range, base); }
export function randperm_i64(g: usize, out: usize, n: i32): void { RN.randpermFill<i64>(g, out, n); }
export function bernoulli_scalar_i64(g: usize, out: usize, n: i32, p: f64): void { RN.bernoulliScalarFill<i64>(g, out, n, p); }

/**
 * Copies n contiguous int64 indices at `src` into int32 at `dst`. Returns 0,
 * or 1 + the position of the first value outside the int32 range (the kernels
 * that read indices take int32; such a value is out of bounds for any dim).
 */
export function index_narrow_i64(src: usize, dst: usize, n: i32): i32 {
  let i = 0;
  // Four at a time: the low words, and whether each sign-extends back to its
  // value; a failing group is left to the scalar loop, which finds the value.
  for (; i + 4 <= n; i += 4) {
    let a = v128.load(src + ((<usize>i) << 3)),
      b = v128.load(src + ((<usize>i) << 3), 16);
    let lo = v128.shuffle<i32>(a, b, 0, 2, 4, 6);
    let ok = v128.and(i64x2.eq(a, i64x2.extend_low_i32x4_s(lo)), i64x2.eq(b, i64x2.extend_high_i32x4_s(lo)));
    if (!i64x2.all_true(ok)) break;
    v128.store(dst + ((<usize>i) << 2), lo);
  }
  for (; i < n; i++) {
    let v = load<i64>(src + ((<usize>i) << 3));
    if (v != <i64>(<i32>v)) return i + 1;
    store<i32>(dst + ((<usize>i) << 2), <i32>v);
  }
  return 0;
}
