// Attention fused over blocks of keys: softmax(q·kᵀ · scale) · v for one
// (batch, head) at a time without the L x S matrix, forward and backward
// (FlashAttention-2's loop nests, Dao 2023, arXiv:2307.08691).
//
//   forward   loop over query blocks of BR rows
//              loop over key blocks of BC keys (none above the diagonal when causal)
//               S = Q_i K_jᵀ · scale; online softmax: m' = max(m, rowmax S),
//               P = exp(S - m'), l = l · exp(m - m') + rowsum P, O = O · exp(m - m') + P V_j
//             O / l and the row's logsumexp m + log l are all it keeps
//   backward  D = rowsum(dO * O); loop over key blocks j, query blocks i
//               P = exp(S - lse) recomputed, dV_j += Pᵀ dO_i, dP = dO_i V_jᵀ,
//               dS = P * (dP - D) · scale, dQ_i += dS K_j, dK_j += dSᵀ Q_i
//
// Every product is one shape, C[rows, n] (+)= A[rows, k] · B[k, n] with B's
// rows contiguous (`mm`): a 2-row x 4-vector register tile, 8 accumulators
// as in matmul.ts's micro-kernel (more spill on V8's 16 xmm registers); the
// n of the score blocks is BC, whole tiles. The operands
// it streams (Kᵀ, V, padded Q, K, dO) are copied per (batch, head) into
// the caller's working memory, padded with zeros to whole blocks and
// vectors, so no loop has a ragged edge; the copies are O(T · d) against
// the O(T² · d) products. Rows of a block past the last query read the
// last row again and write padding rows nobody reads.
//
// Operands are [L, E] (q), [S, E] (k), [S, Ev] (v), [L, Ev] (dO) per
// (batch, head), at the addresses of a table (one u32 per batch-head, so
// any leading strides work) with a row stride and unit column stride; out
// [BH, L, Ev], lse [BH, L], dq, dk, dv are contiguous; `Meta` is the
// argument block.

import { lanes } from "./simd";
import { mm, padInto, transposeInto, unpad } from "./attentionBlocks";
import { expf4, logf32 } from "./math";

/** The argument block (i32 words; tables and tensors are byte addresses, row strides in elements). */
@unmanaged
class Meta {
  L: i32;
  S: i32;
  E: i32;
  Ev: i32;
  causal: i32;
  qTab: u32;
  kTab: u32;
  vTab: u32;
  rsQ: i32;
  rsK: i32;
  rsV: i32;
  out: u32;
  lse: u32;
  /** backward only: dO's table and row stride, and the grads */
  gTab: u32;
  rsG: i32;
  dq: u32;
  dk: u32;
  dv: u32;
}

/** The address of batch-head bh's matrix in a table. */
@inline function matrixOf(tab: u32, bh: i32): usize {
  return <usize>load<u32>(<usize>tab + ((<usize>bh) << 2));
}

/** Query rows of a block. */
export const BR: i32 = 32;
/** Keys of a block: a BR x BC block of f32 scores is 4 KiB. */
export const BC: i32 = 32;

/** n rounded up to a multiple of m. */
@inline function roundUp(n: i32, m: i32): i32 {
  return ((n + m - 1) / m) * m;
}

/** exp of each lane: math.ts's float32 expf4 (within 1 ulp; its scalar twin is expf), Math.exp per f64 lane. */
@inline function vexp<T>(v: v128): v128 {
  if (sizeof<T>() == 4) return expf4(v);
  let lo = Math.exp(f64x2.extract_lane(v, 0)),
    hi = Math.exp(f64x2.extract_lane(v, 1));
  return f64x2.replace_lane(f64x2.splat(lo), 1, hi);
}

/** exp(x) through the vector form, so a lane and a lone value round alike. */
@inline function exp1<T>(x: T): T {
  return v128.extract_lane<T>(vexp<T>(v128.splat<T>(x)), 0);
}

/** The row's logsumexp m + log(l). */
@inline function logsumexp<T>(m: T, l: T): T {
  return m + (sizeof<T>() == 4 ? <T>logf32(<f32>l) : <T>Math.log(<f64>l));
}

/** The lane indices start, start + 1, ... as T. */
@inline function lanesFrom<T>(start: i32): v128 {
  if (sizeof<T>() == 4) return f32x4(<f32>start, <f32>(start + 1), <f32>(start + 2), <f32>(start + 3));
  return f64x2(<f64>start, <f64>(start + 1));
}

/** The sum of the lanes. */
@inline function hsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    return <T>(
      (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)))
    );
  }
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}

/** The largest lane. */
@inline function hmax<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    let h = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    return <T>f32x4.extract_lane(f32x4.max(h, v128.shuffle<f32>(h, h, 1, 0, 3, 2)), 0);
  }
  return <T>f64x2.extract_lane(f64x2.max(v, v128.shuffle<f64>(v, v, 1, 0)), 0);
}

/** Keys of row i of a block at kb that take part: below S, and up to i when causal (at most BC). */
@inline function keysOf(i: i32, kb: i32, m: Meta): i32 {
  let S = m.S;
  let end = m.causal != 0 ? min(S, i + 1) : S;
  return min(BC, end - kb);
}

/** The working memory of one call of the forward (backward = 0) or the backward, in bytes. */
export function attentionWorkBytes<T>(L: i32, S: i32, E: i32, Ev: i32, backward: i32): usize {
  const W = lanes<T>();
  let Lp = roundUp(L, BR),
    Sp = roundUp(S, BC),
    Ep = roundUp(E, W),
    Evp = roundUp(Ev, W);
  let n: i64 =
    backward != 0
      ? <i64>Lp * Ep * 2 +
        <i64>Sp * Ep * 2 +
        <i64>(E + Ev) * Sp +
        <i64>Lp * Evp +
        <i64>(2 * BR * BC + Lp) +
        <i64>Sp * Evp
      : <i64>E * Sp + <i64>Sp * Evp + <i64>(BR * BC + BR * Evp + 2 * BR);
  return <usize>(n * sizeof<T>());
}

/** One query block's online-softmax update of its scores `sb` against the keys at kb (forward). */
@inline function onlineSoftmax<T>(
  sb: usize,
  ob: usize,
  mb: usize,
  qb: i32,
  rows: i32,
  kb: i32,
  m: Meta,
  scale: T,
): void {
  const SZ = sizeof<T>(),
    W = lanes<T>();
  // the rows' running max m at mb, running sum l after it; O's rows of Evp
  let lb = mb + <usize>BR * SZ,
    Evp = roundUp(m.Ev, W);
  let vs = v128.splat<T>(scale);
  for (let r = 0; r < rows; r++) {
    let row = sb + <usize>r * BC * SZ;
    let n = keysOf(qb + r, kb, m);
    if (n <= 0) {
      memory.fill(row, 0, <usize>BC * SZ);
      continue;
    }
    // the row's largest scaled score (the scaled scores are made again below rather than stored)
    let mx = <T>-Infinity;
    let j = 0;
    let vm = v128.splat<T>(mx);
    for (; j + W <= n; j += W) vm = v128.max<T>(vm, v128.mul<T>(v128.load(row + <usize>j * SZ), vs));
    mx = hmax<T>(vm);
    for (; j < n; j++) mx = max<T>(mx, load<T>(row + <usize>j * SZ) * scale);
    let mOld = load<T>(mb + <usize>r * SZ);
    let mNew = max<T>(mOld, mx);
    let vn = v128.splat<T>(mNew);
    // P = exp(s * scale - m') on the keys below n (0 past them), and its row sum
    let vsum = v128.splat<i32>(0);
    let vi = lanesFrom<T>(0);
    let vk = v128.splat<T>(<T>n);
    for (j = 0; j < n; j += W) {
      let x = v128.sub<T>(v128.mul<T>(v128.load(row + <usize>j * SZ), vs), vn);
      let p = v128.and(vexp<T>(x), v128.lt<T>(vi, vk));
      v128.store(row + <usize>j * SZ, p);
      vsum = v128.add<T>(vsum, p);
      vi = v128.add<T>(vi, v128.splat<T>(<T>W));
    }
    for (; j < BC; j += W) v128.store(row + <usize>j * SZ, v128.splat<i32>(0));
    let alpha = exp1<T>(mOld - mNew);
    store<T>(lb + <usize>r * SZ, load<T>(lb + <usize>r * SZ) * alpha + hsum<T>(vsum));
    store<T>(mb + <usize>r * SZ, mNew);
    if (alpha != 1) {
      let va = v128.splat<T>(alpha);
      let o = ob + <usize>r * Evp * SZ;
      for (let d = 0; d < Evp; d += W) v128.store(o + <usize>d * SZ, v128.mul<T>(v128.load(o + <usize>d * SZ), va));
    }
  }
}

/** Forward for batch-head bh: its rows of out and lse (see the top of the file). */
function forwardHead<T>(m: Meta, bh: i32, L: i32, S: i32, E: i32, Ev: i32, causal: bool, work: usize, scale: T): void {
  const SZ = sizeof<T>(),
    W = lanes<T>();
  let Sp = roundUp(S, BC),
    Evp = roundUp(Ev, W);
  // bytes of a row of Kᵀ, of a score block and of V / O
  let sB = <usize>Sp * SZ,
    cB = <usize>BC * SZ,
    vB = <usize>Evp * SZ;
  let kt = work,
    vp = kt + <usize>E * Sp * SZ,
    sb = vp + <usize>Sp * Evp * SZ,
    ob = sb + <usize>BR * BC * SZ,
    mb = ob + <usize>BR * Evp * SZ,
    lb = mb + <usize>BR * SZ;
  let q = matrixOf(m.qTab, bh),
    qB = <usize>m.rsQ * SZ;
  transposeInto<T>(matrixOf(m.kTab, bh), m.rsK, S, E, kt, Sp);
  padInto<T>(matrixOf(m.vTab, bh), m.rsV, S, Ev, vp, Sp, Evp);
  let out = <usize>m.out + <usize>bh * L * Ev * SZ,
    lse = <usize>m.lse + <usize>bh * L * SZ;
  for (let qb = 0; qb < L; qb += BR) {
    let rows = min(BR, L - qb);
    memory.fill(ob, 0, <usize>BR * Evp * SZ);
    for (let r = 0; r < rows; r++) {
      store<T>(mb + <usize>r * SZ, <T>-Infinity);
      store<T>(lb + <usize>r * SZ, 0);
    }
    let kEnd = causal ? min(S, qb + rows) : S;
    for (let kb = 0; kb < kEnd; kb += BC) {
      mm<T>(q + <usize>qb * qB, qB, SZ, rows, kt + <usize>kb * SZ, sB, sb, cB, E, BC / W, false);
      onlineSoftmax<T>(sb, ob, mb, qb, rows, kb, m, scale);
      let kc = min(BC, kEnd - kb);
      mm<T>(sb, cB, SZ, rows, vp + <usize>kb * vB, vB, ob, vB, kc, Evp / W, true);
    }
    for (let r = 0; r < rows; r++) {
      let l = load<T>(lb + <usize>r * SZ);
      let o = ob + <usize>r * Evp * SZ,
        dst = out + <usize>(qb + r) * Ev * SZ;
      let d = 0;
      let vl = v128.splat<T>(l);
      for (; d + W <= Ev; d += W) v128.store(dst + <usize>d * SZ, v128.div<T>(v128.load(o + <usize>d * SZ), vl));
      for (; d < Ev; d++) store<T>(dst + <usize>d * SZ, load<T>(o + <usize>d * SZ) / l);
      store<T>(lse + <usize>(qb + r) * SZ, logsumexp<T>(load<T>(mb + <usize>r * SZ), l));
    }
  }
}

/** P = exp(S · scale - lse) of a block's scores in place, 0 where a key takes no part (backward). */
@inline function recomputeP<T>(pb: usize, lse: usize, qb: i32, rows: i32, kb: i32, m: Meta, scale: T): void {
  const SZ = sizeof<T>(),
    W = lanes<T>();
  let vs = v128.splat<T>(scale);
  for (let r = 0; r < rows; r++) {
    let row = pb + <usize>r * BC * SZ;
    let n = max(0, keysOf(qb + r, kb, m));
    let vl = v128.splat<T>(load<T>(lse + <usize>(qb + r) * SZ));
    for (let j = 0; j < n; j += W) {
      let x = v128.sub<T>(v128.mul<T>(v128.load(row + <usize>j * SZ), vs), vl);
      v128.store(row + <usize>j * SZ, vexp<T>(x));
    }
    for (let j = n; j < BC; j++) store<T>(row + <usize>j * SZ, 0);
  }
}

/** dS = P * (dP - D) · scale of a block, into dP's place. */
@inline function scoresGrad<T>(pb: usize, dpb: usize, dd: usize, qb: i32, rows: i32, scale: T): void {
  const SZ = sizeof<T>(),
    W = lanes<T>();
  let vs = v128.splat<T>(scale);
  for (let r = 0; r < rows; r++) {
    let off = <usize>r * BC * SZ;
    let vd = v128.splat<T>(load<T>(dd + <usize>(qb + r) * SZ));
    for (let j = 0; j < BC; j += W) {
      let o = off + <usize>j * SZ;
      let x = v128.mul<T>(v128.load(pb + o), v128.sub<T>(v128.load(dpb + o), vd));
      v128.store(dpb + o, v128.mul<T>(x, vs));
    }
  }
}

/** Backward for batch-head bh: its dq, dk, dv from q, k, v, dO, out and lse. */
function backwardHead<T>(m: Meta, bh: i32, L: i32, S: i32, E: i32, Ev: i32, causal: bool, work: usize, scale: T): void {
  const SZ = sizeof<T>(),
    W = lanes<T>();
  let Lp = roundUp(L, BR),
    Sp = roundUp(S, BC),
    Ep = roundUp(E, W),
    Evp = roundUp(Ev, W);
  // bytes of a row of Q / K, of Kᵀ / Vᵀ, of a score block and of dO / dV
  let eB = <usize>Ep * SZ,
    sB = <usize>Sp * SZ,
    cB = <usize>BC * SZ,
    vB = <usize>Evp * SZ;
  let qp = work,
    kp = qp + <usize>Lp * Ep * SZ,
    kt = kp + <usize>Sp * Ep * SZ,
    vt = kt + <usize>E * Sp * SZ,
    gp = vt + <usize>Ev * Sp * SZ,
    pb = gp + <usize>Lp * Evp * SZ,
    dpb = pb + <usize>BR * BC * SZ,
    dd = dpb + <usize>BR * BC * SZ,
    dqa = dd + <usize>Lp * SZ,
    dka = dqa + <usize>Lp * Ep * SZ,
    dva = dka + <usize>Sp * Ep * SZ;
  let k = matrixOf(m.kTab, bh);
  padInto<T>(matrixOf(m.qTab, bh), m.rsQ, L, E, qp, Lp, Ep);
  padInto<T>(k, m.rsK, S, E, kp, Sp, Ep);
  transposeInto<T>(k, m.rsK, S, E, kt, Sp);
  transposeInto<T>(matrixOf(m.vTab, bh), m.rsV, S, Ev, vt, Sp);
  padInto<T>(matrixOf(m.gTab, bh), m.rsG, L, Ev, gp, Lp, Evp);
  let out = <usize>m.out + <usize>bh * L * Ev * SZ,
    lse = <usize>m.lse + <usize>bh * L * SZ;
  for (let i = 0; i < L; i++) {
    let s = <T>0;
    let gr = gp + <usize>i * Evp * SZ,
      orow = out + <usize>i * Ev * SZ;
    for (let d = 0; d < Ev; d++) s += load<T>(gr + <usize>d * SZ) * load<T>(orow + <usize>d * SZ);
    store<T>(dd + <usize>i * SZ, s);
  }
  memory.fill(dqa, 0, (<usize>Lp * Ep + <usize>Sp * Ep + <usize>Sp * Evp) * SZ);
  for (let kb = 0; kb < S; kb += BC) {
    let kc = min(BC, S - kb);
    let q0 = causal ? (kb / BR) * BR : 0;
    for (let qb = q0; qb < L; qb += BR) {
      let rows = min(BR, L - qb);
      mm<T>(qp + <usize>qb * eB, eB, SZ, rows, kt + <usize>kb * SZ, sB, pb, cB, E, BC / W, false);
      recomputeP<T>(pb, lse, qb, rows, kb, m, scale);
      // dV_j += Pᵀ dO_i
      mm<T>(pb, SZ, cB, kc, gp + <usize>qb * vB, vB, dva + <usize>kb * vB, vB, rows, Evp / W, true);
      // dP = dO_i V_jᵀ, then dS
      mm<T>(gp + <usize>qb * vB, vB, SZ, rows, vt + <usize>kb * SZ, sB, dpb, cB, Ev, BC / W, false);
      scoresGrad<T>(pb, dpb, dd, qb, rows, scale);
      // dQ_i += dS K_j, dK_j += dSᵀ Q_i
      mm<T>(dpb, cB, SZ, rows, kp + <usize>kb * eB, eB, dqa + <usize>qb * eB, eB, kc, Ep / W, true);
      mm<T>(dpb, SZ, cB, kc, qp + <usize>qb * eB, eB, dka + <usize>kb * eB, eB, rows, Ep / W, true);
    }
  }
  unpad<T>(dqa, Ep, L, E, <usize>m.dq + <usize>bh * L * E * SZ);
  unpad<T>(dka, Ep, S, E, <usize>m.dk + <usize>bh * S * E * SZ);
  unpad<T>(dva, Evp, S, Ev, <usize>m.dv + <usize>bh * S * Ev * SZ);
}

/**
 * Attention for batch-heads [bh0, bh0 + count): the forward (out, lse) or
 * the backward (dq, dk, dv); `work` is attentionWorkBytes of working memory.
 */
export function attention<T>(meta: usize, bh0: i32, count: i32, work: usize, scale: T, backward: bool): void {
  let m = changetype<Meta>(meta);
  let causal = m.causal != 0;
  for (let bh = bh0; bh < bh0 + count; bh++) {
    if (backward) backwardHead<T>(m, bh, m.L, m.S, m.E, m.Ev, causal, work, scale);
    else forwardHead<T>(m, bh, m.L, m.S, m.E, m.Ev, causal, work, scale);
  }
}
