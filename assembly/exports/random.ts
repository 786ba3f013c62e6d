// Kernels of the mt19937 generator: seeding, raw draws, and the uniform,
// normal, randint, randperm and bernoulli fills (contiguous outputs of n elements).
// `g` is a generator state block (kernels/random.ts); names are `<op>_<dtype>`.
// Limits: n at most 2^31 - 1 elements (randperm: values up to n - 1 exact in
// the dtype, so 2^24 for float32).

import * as R from "../kernels/random";
import * as N from "../kernels/normal";

export function generator_default(): usize { return R.defaultGenerator; }
export function generator_bytes(): i32 { return R.GEN_BYTES; }
export function generator_seed(g: usize, seed: u32): void { R.seedGenerator(g, seed); }
/** One raw 32-bit draw, as an unsigned value in an f64 (JS gets no u32). */
export function generator_random(g: usize): f64 { return <f64>R.random32(g); }

export function uniform_f32(g: usize, out: usize, n: i32, from: f64, to: f64): void { R.uniformFill<f32>(g, out, n, <f32>from, <f32>to); }
export function uniform_f64(g: usize, out: usize, n: i32, from: f64, to: f64): void { R.uniformFill<f64>(g, out, n, from, to); }
export function normal_fill_f32(g: usize, out: usize, n: i32, mean: f64, std: f64): void { N.normalFill<f32>(g, out, n, <f32>mean, <f32>std, true); }
export function normal_fill_f64(g: usize, out: usize, n: i32, mean: f64, std: f64): void { N.normalFill<f64>(g, out, n, mean, std, false); }
/** The scalar reference of normal_fill_f32's SIMD blocks (for tests). */
export function normal_fill_scalar_f32(g: usize, out: usize, n: i32, mean: f64, std: f64): void { N.normalFill<f32>(g, out, n, <f32>mean, <f32>std, false); }
export function normal_serial_f32(g: usize, out: usize, n: i32, mean: f64, std: f64): void { N.normalSerial<f32>(g, out, n, mean, std); }
export function normal_serial_f64(g: usize, out: usize, n: i32, mean: f64, std: f64): void { N.normalSerial<f64>(g, out, n, mean, std); }
export function randint_f32(g: usize, out: usize, n: i32, range: f64, base: f64): void { R.randintFill<f32>(g, out, n, range, base); }
export function randint_f64(g: usize, out: usize, n: i32, range: f64, base: f64): void { R.randintFill<f64>(g, out, n, range, base); }
export function randint_i32(g: usize, out: usize, n: i32, range: f64, base: f64): void { R.randintFill<i32>(g, out, n, range, base); }
export function randint_u8(g: usize, out: usize, n: i32, range: f64, base: f64): void { R.randintFill<u8>(g, out, n, range, base); }
export function randint_i64(g: usize, out: usize, n: i32, range: f64, base: f64): void { R.randintFill<i64>(g, out, n, range, base); }
export function randperm_f32(g: usize, out: usize, n: i32): void { R.randpermFill<f32>(g, out, n); }
export function randperm_f64(g: usize, out: usize, n: i32): void { R.randpermFill<f64>(g, out, n); }
export function randperm_i32(g: usize, out: usize, n: i32): void { R.randpermFill<i32>(g, out, n); }
export function randperm_i64(g: usize, out: usize, n: i32): void { R.randpermFill<i64>(g, out, n); }
export function bernoulli_scalar_f32(g: usize, out: usize, n: i32, p: f64): void { R.bernoulliScalarFill<f32>(g, out, n, p); }
export function bernoulli_scalar_f64(g: usize, out: usize, n: i32, p: f64): void { R.bernoulliScalarFill<f64>(g, out, n, p); }
export function bernoulli_scalar_i32(g: usize, out: usize, n: i32, p: f64): void { R.bernoulliScalarFill<i32>(g, out, n, p); }
export function bernoulli_scalar_u8(g: usize, out: usize, n: i32, p: f64): void { R.bernoulliScalarFill<u8>(g, out, n, p); }
export function bernoulli_scalar_i64(g: usize, out: usize, n: i32, p: f64): void { R.bernoulliScalarFill<i64>(g, out, n, p); }
export function bernoulli_tensor_f32(g: usize, out: usize, probs: usize, n: i32): void { R.bernoulliTensorFill<f32>(g, out, probs, n); }
export function bernoulli_tensor_f64(g: usize, out: usize, probs: usize, n: i32): void { R.bernoulliTensorFill<f64>(g, out, probs, n); }
