// How the small dtypes compute, as PyTorch CPU does: float16 and bfloat16 in
// float32 (their "opmath" type), rounding each result once; uint8, int8 and
// int16 in int32, wrapping the result back (C++ promotes small integers to
// int before any arithmetic, so the low bits are the same). Operands are
// brought to the small dtype first (a JS number becomes a float16 value),
// then widened exactly; the wide kernel runs; the result is cast back.
// Widening, computing and narrowing costs two extra passes over memory.

import { Tensor } from "../tensor.js";
import { isHalf, isSmallInt, type DType } from "../dtype.js";
import { castTo, copyInto } from "./launch.js";

/** The dtype a dtype's arithmetic runs in. */
export const wideOf = (d: DType): DType => (isHalf(d) ? "float32" : isSmallInt(d) ? "int32" : d);

/** Whether arithmetic in `d` runs in a wider dtype. */
export const isNarrow = (d: DType): boolean => isHalf(d) || isSmallInt(d);

/**
 * The CPU kernels PyTorch 1.13 does not have for float16, by torchlet's
 * kernel name, with the name its "not implemented for 'Half'" message uses.
 * bfloat16 and the small integers have them all (those torchlet has).
 */
const HALF_MISSING: Readonly<Record<string, string>> = {
  sqrt: "sqrt_vml_cpu",
  rsqrt: "rsqrt_cpu",
  exp: "exp_vml_cpu",
  log: "log_vml_cpu",
  log1p: "log1p_vml_cpu",
  expm1: "expm1_vml_cpu",
  erf: "erf_vml_cpu",
  sin: "sin_vml_cpu",
  cos: "cos_vml_cpu",
  tanh: "tanh_vml_cpu",
  sigmoid: "sigmoid_cpu",
  relu: "clamp_min_cpu",
  floor: "floor_vml_cpu",
  ceil: "ceil_vml_cpu",
  trunc: "trunc_vml_cpu",
  round: "round_vml_cpu",
  clamp: "clamp_scalar_cpu",
  prod: "prod_cpu",
  cumsum: "cumsum_out_cpu",
  cumprod: "cumprod_out_cpu",
  cummax: "cummax_cpu",
  cummin: "cummin_cpu",
  logcumsumexp: "logcumsumexp_out_cpu",
  topk: "topk_cpu",
  kthvalue: "kthvalue_cpu",
  median: "median_cpu",
  medianDim: "median_out",
  unique: "unique",
  diag: "diag",
  logsumexp: "exp_vml_cpu",
  mm: "addmm_impl_cpu_",
  bmm: "bmm",
  mv: "addmv_impl_cpu",
  dot: "dot",
  matmul: "addmm_impl_cpu_",
  // the math ops of issue 17 (src/ops/unaryMath.ts)
  erfc: "erfc_vml_cpu",
  erfinv: "erfinv_vml_cpu",
  tan: "tan_vml_cpu",
  asin: "asin_vml_cpu",
  acos: "acos_vml_cpu",
  atan: "atan_vml_cpu",
  sinh: "sinh_cpu",
  cosh: "cosh_cpu",
  asinh: "asinh_cpu",
  acosh: "acosh_cpu",
  atanh: "atanh_cpu",
  log2: "log2_vml_cpu",
  log10: "log10_vml_cpu",
  lgamma: "lgamma_vml_cpu",
  digamma: "digamma",
  sinc: "sinc_cpu",
  logit: "logit_cpu",
};

/** The same for bfloat16. */
const BFLOAT16_MISSING: Readonly<Record<string, string>> = { prod: "prod_cpu" };

/** Throws PyTorch's message when it has no CPU kernel of `op` for `dtype`. */
export function checkNarrowSupport(op: string, dtype: DType): void {
  const missing = dtype === "float16" ? HALF_MISSING : dtype === "bfloat16" ? BFLOAT16_MISSING : null;
  if (missing !== null && Object.prototype.hasOwnProperty.call(missing, op))
    throw new TypeError(`"${missing[op]}" not implemented for '${dtype === "float16" ? "Half" : "BFloat16"}'`);
}

/** `t` in its wide dtype: `t` itself when it is not narrow, else a new (owned) tensor. */
export function widened(t: Tensor): { t: Tensor; owned: boolean } {
  const w = wideOf(t.dtype);
  return w === t.dtype ? { t, owned: false } : { t: castTo(t, w), owned: true };
}

/**
 * Fills `out` (a narrow dtype, any strides) by running `compute` on a
 * contiguous tensor of its shape in the wide dtype, then narrowing.
 */
export function throughWide(out: Tensor, compute: (wide: Tensor) => void): void {
  const w = Tensor._empty(out.shape, wideOf(out.dtype));
  try {
    compute(w);
    copyInto(out, w);
  } finally {
    w.dispose();
  }
}

/**
 * Runs `compute` on wide copies of narrow tensors that keep their geometry
 * (the storage span each one walks, widened, viewed at its own strides and
 * offset 0), so strides computed for the originals fit the copies; then
 * narrows `out`'s copy back over `out`'s span. For kernels that only exist in
 * the wide dtypes and take strides from the caller (scatter, index_*).
 */
export function throughWideSpan(
  out: Tensor,
  others: readonly Tensor[],
  compute: (out: Tensor, others: Tensor[]) => void,
): void {
  const made: Tensor[] = [];
  try {
    const spanOf = (t: Tensor): [Tensor, Tensor] => {
      let span = t.numel() === 0 ? 0 : 1;
      if (span > 0) for (let k = 0; k < t.shape.length; k++) span += (t.shape[k]! - 1) * t.strides[k]!;
      const flat = t._view([span], [1], t._offset);
      made.push(flat);
      const wide = castTo(flat, wideOf(t.dtype));
      made.push(wide);
      const view = wide._view(t.shape, t.strides, 0);
      made.push(view);
      return [flat, view];
    };
    const [outFlat, outWide] = spanOf(out);
    const wides = others.map((t) => (isNarrow(t.dtype) ? spanOf(t)[1] : t));
    compute(outWide, wides);
    copyInto(outFlat, made[1]!);
  } finally {
    for (const t of made) t.dispose();
  }
}
