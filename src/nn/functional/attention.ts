// Attention: F.scaledDotProductAttention (PyTorch 2.x's API, spelled out in
// the ops its documentation gives as the definition) and
// F.multiHeadAttentionForward (PyTorch 1.13's, step for step: q is scaled
// before q·kᵀ and masks are added to the product, so the numbers round as
// PyTorch's do). Both are composites: their graphs are those of the ops.

import { Tensor } from "../../tensor.js";
import { isFloating, torchName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import { checkTensor } from "../../ops/launch.js";
import { add, div, mul } from "../../ops/binary.js";
import { ge, where } from "../../ops/compare.js";
import { arange } from "../../ops/ranges.js";
import { bmm, matmul } from "../../ops/linalg.js";
import { softmax } from "../../ops/softmax.js";
import { sum } from "../../ops/reduce.js";
import { chunk, cat } from "../../ops/movement.js";
import { contiguous, expand, reshape, squeeze, transpose, unsqueeze, view } from "../../ops/views.js";
import { zeros } from "../../ops/creation.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject, shown } from "../../args.js";
import { dropout } from "./dropout.js";
import { linear } from "./linear.js";
import { flashApplies, flashAttention } from "./flashAttention.js";

/** The keyword arguments of F.scaled_dot_product_attention. */
export interface ScaledDotProductAttentionOptions {
  /** A bool mask (true: takes part) or a float mask added to the scores; broadcast to [..., L, S]. */
  attnMask?: Tensor | null;
  /** Dropout probability on the attention weights (default 0; applied whenever it is > 0, as in PyTorch). */
  dropoutP?: number;
  /** Masks out the keys after each query (a lower-triangular mask); not with attnMask. */
  isCausal?: boolean;
  /** Multiplies q·kᵀ (default 1 / sqrt(query.size(-1))). */
  scale?: number | null;
}

const shape = (t: Tensor): string => `[${t.shape.join(", ")}]`;

/** A bool [L, S] tensor, true where key j may be seen by query i (j <= i). */
function causalMask(L: number, S: number): Tensor {
  return scoped(() => ge(unsqueeze(arange(L), 1), unsqueeze(arange(S), 0)));
}

/** `scores` with -inf where a bool `allowed` is false, or plus a float mask. */
function applyMask(scores: Tensor, mask: Tensor, allowedWhenTrue: boolean): Tensor {
  if (mask.dtype === "bool") return allowedWhenTrue ? where(mask, scores, -Infinity) : where(mask, -Infinity, scores);
  return add(scores, mask);
}

/** Checks that query, key and value are tensors (PyTorch's messages, naming `fn`). */
export function checkQKV(fn: string, query: unknown, key: unknown, value: unknown): void {
  checkTensor(query, fn, "query");
  checkTensor(key, fn, "key");
  checkTensor(value, fn, "value");
}

/**
 * softmax(q·kᵀ · scale + mask) · v over the last two dims (PyTorch 2.x's
 * F.scaled_dot_product_attention): `query` [..., L, E], `key` [..., S, E],
 * `value` [..., S, Ev] give [..., L, Ev]. A row whose keys are all masked
 * out gives NaN, as in PyTorch.
 */
export function scaledDotProductAttention(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  opts: ScaledDotProductAttentionOptions = {},
): Tensor {
  const fn = "scaled_dot_product_attention";
  checkQKV(fn, query, key, value);
  const o = checkOptionsObject<ScaledDotProductAttentionOptions>(opts, fn, [
    "attnMask",
    "dropoutP",
    "isCausal",
    "scale",
  ]);
  const mask = o.attnMask ?? null;
  if (mask !== null) checkTensor(mask, fn, "attn_mask");
  const p = checkNumberOption(o.dropoutP, fn, "dropout_p") ?? 0;
  const isCausal = checkBooleanOption(o.isCausal, fn, "is_causal") ?? false;
  const scale = o.scale == null ? null : checkNumberOption(o.scale, fn, "scale")!;
  for (const [t, name] of [
    [query, "query"],
    [key, "key"],
    [value, "value"],
  ] as const) {
    if (t.ndim < 2) throw new RangeError(`${fn}(): ${name} must be at least 2-D, but got ${t.ndim}-D`);
  }
  if (!isFloating(query.dtype))
    throw new TypeError(`${fn}(): query must be a floating point tensor, but got ${torchName[query.dtype]}`);
  if (key.dtype !== query.dtype || value.dtype !== query.dtype) {
    throw new TypeError(
      `Expected query, key, and value to have the same dtype, but got query.dtype: ${torchName[query.dtype]} ` +
        `key.dtype: ${torchName[key.dtype]} and value.dtype: ${torchName[value.dtype]} instead.`,
    );
  }
  const E = query.shape[query.ndim - 1]!;
  if (key.shape[key.ndim - 1] !== E) {
    throw new RangeError(`${fn}(): query ${shape(query)} and key ${shape(key)} must have the same last dim`);
  }
  if (key.shape[key.ndim - 2] !== value.shape[value.ndim - 2]) {
    throw new RangeError(`${fn}(): key ${shape(key)} and value ${shape(value)} must have the same number of keys`);
  }
  if (isCausal && mask !== null)
    throw new RangeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (mask !== null && mask.dtype !== "bool" && mask.dtype !== query.dtype) {
    throw new TypeError(
      `${fn}(): attn_mask must be bool or of query's dtype (${torchName[query.dtype]}), but got ${torchName[mask.dtype]}`,
    );
  }
  const L = query.shape[query.ndim - 2]!,
    S = key.shape[key.ndim - 2]!;
  return scoped(() => {
    // Without a mask or dropout one kernel over blocks of keys computes it (flashAttention.ts).
    if (flashApplies(query, key, value, mask, p))
      return flashAttention(query, key, value, isCausal, scale ?? 1 / Math.sqrt(E));
    let scores = mul(matmul(query, transpose(key, -2, -1)), scale ?? 1 / Math.sqrt(E));
    if (isCausal) scores = applyMask(scores, causalMask(L, S), true);
    if (mask !== null) scores = applyMask(scores, mask, true);
    let weights = softmax(scores, -1);
    if (p > 0) weights = dropout(weights, { p });
    return matmul(weights, value);
  });
}

/**
 * The keyword arguments of F.multi_head_attention_forward (PyTorch 1.13),
 * camelCase. Masks follow nn.MultiheadAttention's convention: a bool true
 * means "may not attend".
 */
export interface MultiHeadAttentionForwardOptions {
  /** [N, S] (or [S] unbatched): keys to ignore (bool true, or a float added to the scores). */
  keyPaddingMask?: Tensor | null;
  /** Also return the attention weights (default true). */
  needWeights?: boolean;
  /** [L, S] or [N * numHeads, L, S]: bool true masks a pair out; a float mask is added. */
  attnMask?: Tensor | null;
  /** Average the returned weights over the heads (default true). */
  averageAttnWeights?: boolean;
  /** Applies dropout (default true). */
  training?: boolean;
  /** Separate q/k/v projection weights instead of inProjWeight (kdim/vdim differing from embedDim). */
  useSeparateProjWeight?: boolean;
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  /** Learned key/value rows appended to every sequence ([1, 1, E] each). */
  biasK?: Tensor | null;
  biasV?: Tensor | null;
  /** Appends a zero key and value (default false). */
  addZeroAttn?: boolean;
}

const MHA_KEYS = [
  "keyPaddingMask",
  "needWeights",
  "attnMask",
  "averageAttnWeights",
  "training",
  "useSeparateProjWeight",
  "qProjWeight",
  "kProjWeight",
  "vProjWeight",
  "biasK",
  "biasV",
  "addZeroAttn",
];

/**
 * _mha_shape_check's checks of key, value, key_padding_mask and attn_mask's
 * rank for a query of rank `qd` (3 batched, 2 unbatched).
 */
function mhaRankCheck(qd: 2 | 3, k: Tensor, v: Tensor, kpm: Tensor | null, mask: Tensor | null): void {
  const what = qd === 3 ? "batched (3-D)" : "unbatched (2-D)";
  if (k.ndim !== qd || v.ndim !== qd) {
    throw new RangeError(
      `For ${what} \`query\`, expected \`key\` and \`value\` to be ${qd}-D` +
        ` but found ${k.ndim}-D and ${v.ndim}-D tensors respectively`,
    );
  }
  if (kpm !== null && kpm.ndim !== qd - 1) {
    throw new RangeError(
      `For ${what} \`query\`, expected \`key_padding_mask\` to be \`None\` or ${qd - 1}-D` +
        ` but found ${kpm.ndim}-D tensor instead`,
    );
  }
  if (mask !== null && mask.ndim !== 2 && mask.ndim !== 3) {
    throw new RangeError(
      `For ${what} \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D` +
        ` but found ${mask.ndim}-D tensor instead`,
    );
  }
}

/** The shape checks of PyTorch's _mha_shape_check; returns whether the input is batched. */
function mhaShapeCheck(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  kpm: Tensor | null,
  mask: Tensor | null,
  heads: number,
): boolean {
  if (q.ndim !== 2 && q.ndim !== 3)
    throw new RangeError(`query should be unbatched 2D or batched 3D tensor but received ${q.ndim}-D query tensor`);
  mhaRankCheck(q.ndim, k, v, kpm, mask);
  if (q.ndim === 2 && mask !== null && mask.ndim === 3) {
    const want = [heads, q.shape[0]!, k.shape[0]!];
    if (mask.shape.some((d, i) => d !== want[i])) {
      throw new RangeError(
        `Expected \`attn_mask\` shape to be (${want.join(", ")}) but got torch.Size([${mask.shape.join(", ")}])`,
      );
    }
  }
  return q.ndim === 3;
}

const size = (s: readonly number[]): string => `torch.Size([${s.join(", ")}])`;

/** The in-projection of PyTorch's _in_projection_packed: one linear when q, k and v are one tensor. */
function inProjectionPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  const E = q.shape[q.ndim - 1]!;
  if (k === v) {
    if (q === k) return chunk(linear(q, w, b), 3, -1);
    const [wq, wkv] = [w.narrow(0, 0, E), w.narrow(0, E, 2 * E)];
    const [bq, bkv] = b === null ? [null, null] : [b.narrow(0, 0, E), b.narrow(0, E, 2 * E)];
    return [linear(q, wq, bq), ...chunk(linear(k, wkv, bkv), 2, -1)];
  }
  const [wq, wk, wv] = chunk(w, 3);
  const [bq, bk, bv] = b === null ? [null, null, null] : chunk(b, 3);
  return [linear(q, wq!, bq!), linear(k, wk!, bk!), linear(v, wv!, bv!)];
}

/** `mask` padded with one column of zeros / false on the right (F.pad(mask, (0, 1))). */
function padLast(mask: Tensor): Tensor {
  const s = mask.shape.slice();
  s[s.length - 1] = 1;
  return cat([mask, zeros(s, { dtype: mask.dtype })], -1);
}

/** A mask's dtype checked as PyTorch checks attn_mask and key_padding_mask. */
function checkMaskDType(mask: Tensor | null, what: "attn_mask" | "key_padding_mask"): void {
  if (mask === null || mask.dtype === "bool" || isFloating(mask.dtype)) return;
  if (what === "key_padding_mask")
    throw new TypeError("only bool and floating types of key_padding_mask are supported");
  throw new TypeError(`Only float, byte, and bool types are supported for attn_mask, not ${torchName[mask.dtype]}`);
}

/**
 * Multi-head attention as nn.MultiheadAttention computes it (PyTorch 1.13's
 * F.multi_head_attention_forward): `query` [L, N, E], `key` [S, N, Ek],
 * `value` [S, N, Ev] (or unbatched without N). Returns `[output, weights]`:
 * output [L, N, E]; weights [N, L, S] (averaged over heads, or
 * [N, heads, L, S]) or null when `needWeights` is false.
 */
export function multiHeadAttentionForward(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  embedDimToCheck: number,
  numHeads: number,
  inProjWeight: Tensor | null,
  inProjBias: Tensor | null,
  dropoutP: number,
  outProjWeight: Tensor,
  outProjBias: Tensor | null,
  opts: MultiHeadAttentionForwardOptions = {},
): [Tensor, Tensor | null] {
  const fn = "multi_head_attention_forward";
  checkQKV(fn, query, key, value);
  const o = checkOptionsObject<MultiHeadAttentionForwardOptions>(opts, fn, MHA_KEYS);
  const kpm0 = o.keyPaddingMask ?? null;
  const mask0 = o.attnMask ?? null;
  if (kpm0 !== null) checkTensor(kpm0, fn, "key_padding_mask");
  if (mask0 !== null) checkTensor(mask0, fn, "attn_mask");
  const needWeights = checkBooleanOption(o.needWeights, fn, "need_weights") ?? true;
  const average = checkBooleanOption(o.averageAttnWeights, fn, "average_attn_weights") ?? true;
  const training = checkBooleanOption(o.training, fn, "training") ?? true;
  const separate = checkBooleanOption(o.useSeparateProjWeight, fn, "use_separate_proj_weight") ?? false;
  const addZeroAttn = checkBooleanOption(o.addZeroAttn, fn, "add_zero_attn") ?? false;
  for (const [v, name] of [
    [embedDimToCheck, "embed_dim_to_check"],
    [numHeads, "num_heads"],
  ] as const) {
    if (typeof v !== "number" || !Number.isInteger(v) || v <= 0)
      throw new TypeError(`${fn}(): ${name} must be a positive integer, but got ${shown(v)}`);
  }
  if (typeof dropoutP !== "number" || !(dropoutP >= 0 && dropoutP <= 1))
    throw new RangeError(`dropout probability has to be between 0 and 1, but got ${shown(dropoutP)}`);
  for (const [t, name] of [
    [inProjWeight, "in_proj_weight"],
    [inProjBias, "in_proj_bias"],
    [outProjWeight, "out_proj_weight"],
    [outProjBias, "out_proj_bias"],
  ] as const)
    if (t !== null) checkTensor(t, fn, name);
  const batched = mhaShapeCheck(query, key, value, kpm0, mask0, numHeads);
  checkMaskDType(kpm0, "key_padding_mask");
  checkMaskDType(mask0, "attn_mask");
  const biasK = o.biasK ?? null,
    biasV = o.biasV ?? null;
  return scoped(() => {
    let q0 = query,
      k0 = key,
      v0 = value,
      kpm = kpm0;
    if (!batched) {
      q0 = unsqueeze(query, 1);
      k0 = key === query ? q0 : unsqueeze(key, 1);
      v0 = value === key ? k0 : unsqueeze(value, 1);
      if (kpm !== null) kpm = unsqueeze(kpm, 0);
    }
    const [tgtLen, bsz, embedDim] = q0.shape as [number, number, number];
    let srcLen = k0.shape[0]!;
    if (embedDim !== embedDimToCheck)
      throw new RangeError(`was expecting embedding dimension of ${embedDimToCheck}, but got ${embedDim}`);
    const headDim = Math.floor(embedDim / numHeads);
    if (headDim * numHeads !== embedDim)
      throw new RangeError(`embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
    if (separate) {
      if (k0.shape[0] !== v0.shape[0] || k0.shape[1] !== v0.shape[1]) {
        throw new RangeError(
          `key's sequence and batch dims ${size(k0.shape.slice(0, 2))} do not match value's ${size(v0.shape.slice(0, 2))}`,
        );
      }
    } else if (k0.shape.some((d, i) => d !== v0.shape[i]) || k0.ndim !== v0.ndim) {
      throw new RangeError(`key shape ${size(k0.shape)} does not match value shape ${size(v0.shape)}`);
    }
    let q: Tensor, k: Tensor, v: Tensor;
    if (!separate) {
      if (inProjWeight === null) throw new TypeError("use_separate_proj_weight is False but in_proj_weight is None");
      [q, k, v] = inProjectionPacked(q0, k0, v0, inProjWeight, inProjBias) as [Tensor, Tensor, Tensor];
    } else {
      const [wq, wk, wv] = [o.qProjWeight ?? null, o.kProjWeight ?? null, o.vProjWeight ?? null];
      if (wq === null) throw new TypeError("use_separate_proj_weight is True but q_proj_weight is None");
      if (wk === null) throw new TypeError("use_separate_proj_weight is True but k_proj_weight is None");
      if (wv === null) throw new TypeError("use_separate_proj_weight is True but v_proj_weight is None");
      const [bq, bk, bv] = inProjBias === null ? [null, null, null] : chunk(inProjBias, 3);
      [q, k, v] = [linear(q0, wq, bq!), linear(k0, wk, bk!), linear(v0, wv, bv!)];
    }
    let mask = mask0;
    if (mask !== null) {
      if (mask.ndim === 2) {
        if (mask.shape[0] !== tgtLen || mask.shape[1] !== srcLen) {
          throw new RangeError(
            `The shape of the 2D attn_mask is ${size(mask.shape)}, but should be (${tgtLen}, ${srcLen}).`,
          );
        }
        mask = unsqueeze(mask, 0);
      } else {
        const want = [bsz * numHeads, tgtLen, srcLen];
        if (mask.shape.some((d, i) => d !== want[i])) {
          throw new RangeError(
            `The shape of the 3D attn_mask is ${size(mask.shape)}, but should be (${want.join(", ")}).`,
          );
        }
      }
    }
    if (biasK !== null && biasV !== null) {
      k = cat([k, expand(biasK, [1, bsz, embedDim])]);
      v = cat([v, expand(biasV, [1, bsz, embedDim])]);
      if (mask !== null) mask = padLast(mask);
      if (kpm !== null) kpm = padLast(kpm);
    } else if (biasK !== null || biasV !== null) {
      throw new RangeError("multi_head_attention_forward(): bias_k and bias_v must be given together");
    }
    q = transpose(view(contiguous(q), [tgtLen, bsz * numHeads, headDim]), 0, 1);
    k = transpose(view(contiguous(k), [k.shape[0]!, bsz * numHeads, headDim]), 0, 1);
    v = transpose(view(contiguous(v), [v.shape[0]!, bsz * numHeads, headDim]), 0, 1);
    if (addZeroAttn) {
      k = cat([k, zeros([bsz * numHeads, 1, headDim], { dtype: k.dtype })], 1);
      v = cat([v, zeros([bsz * numHeads, 1, headDim], { dtype: v.dtype })], 1);
      if (mask !== null) mask = padLast(mask);
      if (kpm !== null) kpm = padLast(kpm);
    }
    srcLen = k.shape[1]!;
    if (kpm !== null) {
      if (kpm.shape[0] !== bsz || kpm.shape[1] !== srcLen) {
        throw new RangeError(`expecting key_padding_mask shape of (${bsz}, ${srcLen}), but got ${size(kpm.shape)}`);
      }
      const merged = reshape(expand(view(kpm, [bsz, 1, 1, srcLen]), [-1, numHeads, -1, -1]), [
        bsz * numHeads,
        1,
        srcLen,
      ]);
      if (mask === null) mask = merged;
      else if (mask.dtype === "bool") mask = where(mask, true, merged);
      else mask = where(merged, -Infinity, mask);
    }
    if (mask !== null && mask.dtype === "bool") mask = where(mask, -Infinity, zeros([], { dtype: q.dtype }));
    const p = training ? dropoutP : 0;
    const qScaled = div(q, Math.sqrt(headDim));
    let weights = bmm(qScaled, transpose(k, -2, -1));
    if (mask !== null) weights = add(mask, weights);
    weights = softmax(weights, -1);
    if (p > 0) weights = dropout(weights, { p });
    let out = bmm(weights, v);
    out = view(contiguous(transpose(out, 0, 1)), [tgtLen * bsz, embedDim]);
    out = linear(out, outProjWeight, outProjBias);
    out = view(out, [tgtLen, bsz, out.shape[1]!]);
    if (!needWeights) return [batched ? out : squeeze(out, 1), null] as [Tensor, Tensor | null];
    weights = view(weights, [bsz, numHeads, tgtLen, srcLen]);
    if (average) weights = div(sum(weights, 1), numHeads);
    if (!batched) return [squeeze(out, 1), squeeze(weights, 0)] as [Tensor, Tensor | null];
    return [out, weights] as [Tensor, Tensor | null];
  });
}
