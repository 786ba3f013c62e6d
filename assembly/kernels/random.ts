// The mt19937 generator and PyTorch CPU's uniform and integer draws, with the
// same arithmetic as ATen (CPUGeneratorImpl, core/DistributionsHelper.h,
// core/TransformationHelper.h), so a seed gives PyTorch's numbers.
//
// A generator is a block of GEN_BYTES (the default one is static; the JS side
// allocates others):
//   [0, 2496)  u32 state[624]
//   2496       i32 left   draws until the next twist, plus one (at::mt19937's left_)
//   2500       i32 next   index of the next state word
//   2504       i32 whether a second Box-Muller sample is cached
//   2512       f64 that sample (normal_distribution<double> caches it, see normal.ts)

import { fmaf, fma64 } from "./fma";

const N: i32 = 624;
const M: i32 = 397;
const LEFT: usize = 2496;
const NEXT: usize = 2500;
export const HAS_NORMAL: usize = 2504;
export const NORMAL: usize = 2512;
export const GEN_BYTES: i32 = 2528;

/** The default generator's state. */
export const defaultGenerator: usize = memory.data(GEN_BYTES, 16);

/** Standard mt19937 init_genrand (Matsumoto and Nishimura, 2002), as at::mt19937(seed) does with the low 32 bits. */
export function seedGenerator(g: usize, seed: u32): void {
  store<u32>(g, seed);
  let prev = seed;
  for (let j = 1; j < N; j++) {
    prev = 1812433253 * (prev ^ (prev >> 30)) + <u32>j;
    store<u32>(g + ((<usize>j) << 2), prev);
  }
  store<i32>(g + LEFT, 1);
  store<i32>(g + NEXT, 0);
  store<i32>(g + HAS_NORMAL, 0);
  store<f64>(g + NORMAL, 0);
}


@inline function mix(u: u32, v: u32): u32 {
  return (u & 0x80000000) | (v & 0x7fffffff);
}


@inline function twistWord(u: u32, v: u32): u32 {
  return (mix(u, v) >> 1) ^ ((v & 1) != 0 ? 0x9908b0df : 0);
}

/** Regenerates all 624 words at once (at::mt19937::next_state). */
function twist(g: usize): void {
  let i = 0;
  for (; i < N - M; i++) {
    let p = g + ((<usize>i) << 2);
    store<u32>(p, load<u32>(p, M << 2) ^ twistWord(load<u32>(p), load<u32>(p, 4)));
  }
  for (; i < N - 1; i++) {
    let p = g + ((<usize>i) << 2);
    store<u32>(p, load<u32>(p - ((N - M) << 2)) ^ twistWord(load<u32>(p), load<u32>(p, 4)));
  }
  let p = g + ((<usize>(N - 1)) << 2);
  store<u32>(p, load<u32>(p - ((N - M) << 2)) ^ twistWord(load<u32>(p), load<u32>(g)));
  store<i32>(g + LEFT, N);
  store<i32>(g + NEXT, 0);
}

/** One tempered 32-bit draw (at::mt19937::operator()). */
@inline export function random32(g: usize): u32 {
  let left = load<i32>(g + LEFT) - 1;
  if (left <= 0)
    twist(g); // <= also survives a state that was never seeded
  else store<i32>(g + LEFT, left);
  let next = load<i32>(g + NEXT);
  store<i32>(g + NEXT, next + 1);
  let y = load<u32>(g + ((<usize>next) << 2));
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >> 18;
  return y;
}

/** CPUGeneratorImpl::random64: the first draw is the high word. */
@inline export function random64(g: usize): u64 {
  let hi = <u64>random32(g);
  let lo = <u64>random32(g);
  return (hi << 32) | lo;
}

/** A float in [0, 1) from the low 24 bits of one draw (uniform_real for float). */
@inline export function uniform01f(g: usize): f32 {
  return <f32>(random32(g) & 0xffffff) * <f32>5.9604644775390625e-8; // 2^-24
}

/** A double in [0, 1) from the low 53 bits of random64 (uniform_real for double). */
@inline export function uniform01(g: usize): f64 {
  return <f64>(random64(g) & 0x1fffffffffffff) * 1.1102230246251565e-16; // 2^-53
}

/**
 * n draws of uniform_real_distribution<T>(from, to) into contiguous out:
 * x * (to - from) + from in T, which PyTorch's AVX2 build fuses into one fma.
 */
@inline export function uniformFill<T>(g: usize, out: usize, n: i32, from: T, to: T): void {
  const SH = alignof<T>();
  let range: T = to - from;
  let plain = from == 0 && range == 1; // fma(x, 1, 0) == x
  for (let i = 0; i < n; i++) {
    let v: T;
    if (sizeof<T>() == 4) {
      let x = uniform01f(g);
      v = <T>(plain ? x : fmaf(x, <f32>range, <f32>from));
    } else {
      let x = uniform01(g);
      v = <T>(plain ? x : fma64(x, <f64>range, <f64>from));
    }
    store<T>(out + ((<usize>i) << SH), v);
  }
}

/**
 * n draws of uniform_int_from_to_distribution: (draw % range) + base, with a
 * 64-bit draw when range needs more than 32 bits. `range` and `base` are
 * integers carried in doubles (|base| < 2^53, range <= 2^33).
 */
@inline export function randintFill<T>(g: usize, out: usize, n: i32, range: f64, base: f64): void {
  const SH = alignof<T>();
  let r = <u64>range;
  let b = <i64>base;
  let wide = r >= (<u64>1) << 32;
  for (let i = 0; i < n; i++) {
    let draw: u64 = wide ? random64(g) : <u64>random32(g);
    let v = <i64>(draw % r) + b;
    if (isFloat<T>()) store<T>(out + ((<usize>i) << SH), <T>v);
    else if (sizeof<T>() == 1) store<T>(out + ((<usize>i) << SH), <T>(v != 0));
    else store<T>(out + ((<usize>i) << SH), <T>v);
  }
}

/** randperm_cpu: the identity, then a forward Fisher-Yates with random() % (n - i). */
@inline export function randpermFill<T>(g: usize, out: usize, n: i32): void {
  const SH = alignof<T>();
  for (let i = 0; i < n; i++) store<T>(out + ((<usize>i) << SH), <T>i);
  for (let i = 0; i < n - 1; i++) {
    let z = <i32>(<u64>random32(g) % <u64>(n - i));
    let pi = out + ((<usize>i) << SH);
    let pz = out + ((<usize>(z + i)) << SH);
    let sav = load<T>(pi);
    store<T>(pi, load<T>(pz));
    store<T>(pz, sav);
  }
}

/** n draws of bernoulli_distribution<double>(p): a 53-bit uniform below p (Tensor.bernoulli_(p)). */
@inline export function bernoulliScalarFill<T>(g: usize, out: usize, n: i32, p: f64): void {
  const SH = alignof<T>();
  for (let i = 0; i < n; i++) store<T>(out + ((<usize>i) << SH), <T>(uniform01(g) < p ? 1 : 0));
}

/**
 * One draw per probability (torch.bernoulli(probs)): bernoulli_distribution of
 * the probabilities' type, so a 24-bit uniform for float and 53 bits for double.
 */
@inline export function bernoulliTensorFill<T>(g: usize, out: usize, probs: usize, n: i32): void {
  const SH = alignof<T>();
  for (let i = 0; i < n; i++) {
    let p = load<T>(probs + ((<usize>i) << SH));
    let u: T = sizeof<T>() == 4 ? <T>uniform01f(g) : <T>uniform01(g);
    store<T>(out + ((<usize>i) << SH), <T>(u < p ? 1 : 0));
  }
}
