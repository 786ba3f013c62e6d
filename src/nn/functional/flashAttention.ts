// The fused attention of F.scaledDotProductAttention (attention.ts) for
// float32 and float64 without a mask (or causal) and without dropout: one
// kernel over blocks of keys (assembly/kernels/attention.ts) that keeps only
// the output and each row's logsumexp, recorded as PyTorch 2's CPU flash
// attention node. Its backward is one kernel recomputing the scores from q,
// k and the logsumexp; under createGraph it is composed of ops (scores,
// softmax and the products again) so the graph of the backward can be
// differentiated.

import { Tensor } from "../../tensor.js";
import { itemSize } from "../../dtype.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { THRESHOLDS, activePool } from "../../threads/parallel.js";
import { CTL } from "../../threads/control.js";
import { mul, sub } from "../../ops/binary.js";
import { ge, where } from "../../ops/compare.js";
import { arange } from "../../ops/ranges.js";
import { matmul } from "../../ops/linalg.js";
import { softmax } from "../../ops/softmax.js";
import { sum } from "../../ops/reduce.js";
import { transpose, unsqueeze } from "../../ops/views.js";

/** What the fused attention node keeps: q, k, v, its output, the rows' logsumexp and the options. */
export interface FlashAttentionSaved {
  query: Tensor;
  key: Tensor;
  value: Tensor;
  out: Tensor;
  lse: Tensor;
  causal: boolean;
  scale: number;
  /** The three grads, once one formula has run (the kernel makes them together). */
  done?: (Tensor | null)[];
}

const sameDims = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Whether the fused kernel computes this call: float32 or float64 operands
 * with the same leading dims and no empty dim, no mask, no dropout, and a
 * binary that has the kernels.
 */
export function flashApplies(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, p: number): boolean {
  if (mask !== null || p > 0 || (q.dtype !== "float32" && q.dtype !== "float64")) return false;
  const nd = q.ndim;
  if (k.ndim !== nd || v.ndim !== nd) return false;
  const batch = q.shape.slice(0, nd - 2);
  if (!sameDims(batch, k.shape.slice(0, nd - 2)) || !sameDims(batch, v.shape.slice(0, nd - 2))) return false;
  if ([q, k, v].some((t) => t.shape.includes(0))) return false;
  return typeof abi.runtime().exports[`attention_${q.dtype === "float32" ? "f32" : "f64"}`] === "function";
}

/** `t` with a unit stride in its last dim (a copy when it has none). */
function rowsOf(t: Tensor): Tensor {
  return t.shape[t.ndim - 1] === 1 || t._strides[t.ndim - 1] === 1 ? t : t.contiguous();
}

/** Byte addresses of each [rows, cols] matrix of `t` (its leading dims flattened, in order). */
function matrixAddresses(t: Tensor, count: number): number[] {
  const lead = t.ndim - 2,
    size = itemSize[t.dtype],
    base = t._addr();
  const out = new Array<number>(count);
  const idx = new Array<number>(lead).fill(0);
  for (let b = 0; b < count; b++) {
    let off = 0;
    for (let d = 0; d < lead; d++) off += idx[d]! * t._strides[d]!;
    out[b] = base + off * size;
    for (let d = lead - 1; d >= 0; d--) {
      if (++idx[d]! < t.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** The row stride of `t`'s matrices (any value when they have one row). */
const rowStride = (t: Tensor): number => t._strides[t.ndim - 2]!;

/** One call's operands (each with a unit last stride) and sizes. */
interface Call {
  q: Tensor;
  k: Tensor;
  v: Tensor;
  causal: boolean;
  scale: number;
  /** The leading dims, and their product: the batch-heads. */
  batch: number[];
  heads: number;
  L: number;
  S: number;
  E: number;
  Ev: number;
}

function callOf(query: Tensor, key: Tensor, value: Tensor, causal: boolean, scale: number): Call {
  const q = rowsOf(query),
    k = rowsOf(key),
    v = rowsOf(value);
  const nd = q.ndim,
    batch = q.shape.slice(0, nd - 2);
  return {
    q,
    k,
    v,
    causal,
    scale,
    batch,
    heads: batch.reduce((a, b) => a * b, 1),
    L: q.shape[nd - 2]!,
    S: k.shape[nd - 2]!,
    E: q.shape[nd - 1]!,
    Ev: v.shape[nd - 1]!,
  };
}

/**
 * Runs the forward kernel (into out and lse) or, given dO and the grads,
 * the backward one, over the batch-heads split over the thread pool by
 * whole batch-heads (each computed by one call, in one order, so the
 * result does not depend on the threads).
 */
function runHeads(c: Call, out: Tensor, lse: Tensor, back: { g: Tensor; grads: Tensor[] } | null): void {
  const { heads, L, S, E, Ev } = c,
    dtype = c.q.dtype;
  const fn = abi.kernel(back === null ? "attention" : "attention_backward", dtype, "scaled_dot_product_attention");
  const workOf = abi.kernel("attention_work", dtype) as (...a: number[]) => number;
  const each = (workOf(L, S, E, Ev, back === null ? 0 : 1) + 15) & ~15;
  // multiply-adds: two products a block forward, five backward
  const madds = heads * L * S * (E + Ev) * (c.causal ? 0.5 : 1) * (back === null ? 1 : 2.5);
  const p = activePool();
  const parallel = p !== null && heads > 1 && madds >= THRESHOLDS.gemm && p.has(fn);
  const per = parallel ? Math.ceil(heads / Math.min(4 * p.threads, CTL.MAX_CHUNKS, heads)) : heads;
  const chunks = Math.ceil(heads / per);
  const operands = back === null ? [c.q, c.k, c.v] : [c.q, c.k, c.v, back.g];
  // The meta block and the tables go to the scratch area when they fit (the usual case), else to a block.
  const tableWords = operands.length * heads,
    META_WORDS = 32;
  const inScratch = META_WORDS + tableWords <= abi.runtime().scratchBytes / 4;
  const tableMem = inScratch ? 0 : abi.alloc(tableWords * 4);
  let work = 0;
  try {
    work = abi.alloc(each * chunks);
    const tabs = operands.map((t, i) => {
      const addrs = matrixAddresses(t, heads);
      if (inScratch) return abi.writeScratchI32(addrs, META_WORDS + i * heads);
      abi.heapI32().set(addrs, (tableMem >>> 2) + i * heads);
      return tableMem + i * heads * 4;
    });
    const words = [L, S, E, Ev, c.causal ? 1 : 0, ...tabs.slice(0, 3), ...[c.q, c.k, c.v].map(rowStride)];
    words.push(out._addr(), lse._addr());
    if (back !== null) words.push(tabs[3]!, rowStride(back.g), ...back.grads.map((t) => t._addr()));
    const meta = abi.writeScratchI32(words);
    const args = Array.from({ length: chunks }, (_, i) => [
      meta,
      i * per,
      Math.min(per, heads - i * per),
      work + i * each,
      c.scale,
    ]);
    if (parallel && chunks > 1) p.run(fn, args, madds >= THRESHOLDS.wakeGemm);
    else fn(...args[0]!);
  } finally {
    if (work !== 0) abi.free(work);
    if (tableMem !== 0) abi.free(tableMem);
  }
}

/**
 * softmax(q·kᵀ · scale (+ causal mask)) · v in one kernel; records the node
 * when an input requires grad. Call it inside `scoped` after flashApplies.
 */
export function flashAttention(query: Tensor, key: Tensor, value: Tensor, causal: boolean, scale: number): Tensor {
  const c = callOf(query, key, value, causal, scale);
  const out = Tensor._empty([...c.batch, c.L, c.Ev], c.q.dtype);
  const lse = Tensor._empty([...c.batch, c.L], c.q.dtype);
  runHeads(c, out, lse, null);
  return record("scaledDotProductFlashAttention", out, [query, key, value], { lse, causal, scale });
}

/** dq (0), dk (1) or dv (2): one kernel pass makes all three (the rule's fused backward). */
export function flashAttentionGradFused(g: Tensor, s: FlashAttentionSaved, _grads: unknown, which: number): Tensor {
  if (s.done === undefined) {
    const c = callOf(s.query, s.key, s.value, s.causal, s.scale);
    const grads = [
      [c.L, c.E],
      [c.S, c.E],
      [c.S, c.Ev],
    ].map((m) => Tensor._empty([...c.batch, ...m], c.q.dtype));
    runHeads(c, s.out, s.lse, { g: rowsOf(g), grads });
    s.done = grads;
  }
  return s.done[which]!;
}

/** The same grads written with ops (the attention weights recomputed), so they can be differentiated again. */
export function flashAttentionGrad(g: Tensor, s: FlashAttentionSaved, _grads: unknown, which: number): Tensor {
  if (s.done === undefined) {
    const { query: q, key: k, value: v } = s;
    let scores = mul(matmul(q, transpose(k, -2, -1)), s.scale);
    if (s.causal) {
      const L = q.shape[q.ndim - 2]!,
        S = k.shape[k.ndim - 2]!;
      scores = where(ge(unsqueeze(arange(L), 1), unsqueeze(arange(S), 0)), scores, -Infinity);
    }
    const p = softmax(scores, -1);
    const dv = matmul(transpose(p, -2, -1), g);
    const dp = matmul(g, transpose(v, -2, -1));
    // softmax's backward, then the scale of the scores
    const ds = mul(mul(p, sub(dp, sum(mul(dp, p), { dim: -1, keepdim: true }))), s.scale);
    s.done = [matmul(ds, k), matmul(transpose(ds, -2, -1), q), dv];
  }
  return s.done[which]!;
}
