// The int64 conversion that index-consuming ops use (index_narrow_i64). The
// other int64 kernels (PyTorch's default integer dtype, "Long") stand with
// their family's exports (elementwise.ts, reduce.ts, movement.ts, linalg.ts,
// random.ts): the same generic drivers, specialised for i64. Their scalar
// arguments (alpha, fill values, clamp bounds) arrive as f64: every integral
// f64 converts exactly, so the facade refuses the int64 values a JS number
// cannot hold before calling.

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
