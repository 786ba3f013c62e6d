// softmax, logSoftmax and logsumexp: max-subtracted kernels over a dim
// (assembly/kernels/softmax.ts).

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { isFloating, scalarTypeName, type DType } from "../dtype.js";
import { coalesce, normDim } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { checkTensor, castTo, filledBy } from "./launch.js";
import { checkNarrowSupport } from "./wide.js";
import { checkOptions, reduceArgs, reduceNew, reducedDims, inDType, type Dims } from "./reduce.js";

/** An input seen as [outer, D, inner] with element strides; `src` is the input or an owned contiguous copy. */
export interface Lanes {
  src: Tensor;
  O: number;
  D: number;
  I: number;
  sO: number;
  sD: number;
  sI: number;
}

/** Collapses a group of dims to one (size, stride), or null when their strides do not allow it. */
function collapse(shape: readonly number[], strides: readonly number[]): [number, number] | null {
  if (shape.length === 0) return [1, 1];
  const c = coalesce(shape, [strides]);
  if (c.shape.length > 1) return null;
  return [c.shape[0]!, c.strides[0]![0]!];
}

/**
 * Lays `t` out for the kernels with `dims` reduced: [before, dim, after]
 * for a single dim, [kept, reduced, 1] for several; copies to contiguous
 * memory when a group does not collapse to one stride.
 */
export function lanesOf(t: Tensor, dims: readonly number[]): Lanes {
  const sh = t.shape,
    st = t._strides;
  if (dims.length <= 1) {
    const d = dims[0] ?? 0;
    const D = sh.length === 0 ? 1 : sh[d]!;
    const sD = sh.length === 0 ? 1 : st[d]!;
    const outer = collapse(sh.slice(0, d), st.slice(0, d));
    const inner = collapse(sh.slice(d + 1), st.slice(d + 1));
    if (outer !== null && inner !== null)
      return { src: t, O: outer[0], D, I: inner[0], sO: outer[1], sD, sI: inner[1] };
    const copy = castTo(t, t.dtype);
    const I = sh.slice(d + 1).reduce((a, b) => a * b, 1);
    return { src: copy, O: sh.slice(0, d).reduce((a, b) => a * b, 1), D, I, sO: D * I, sD: I, sI: 1 };
  }
  // Several dims: kept dims first, reduced dims last, as one row per output.
  const order = [...sh.keys()].filter((d) => !dims.includes(d)).concat(dims);
  const kept = order.slice(0, sh.length - dims.length);
  const outer = collapse(
    kept.map((d) => sh[d]!),
    kept.map((d) => st[d]!),
  );
  const red = collapse(
    dims.map((d) => sh[d]!),
    dims.map((d) => st[d]!),
  );
  const O = kept.reduce((a, d) => a * sh[d]!, 1);
  const D = dims.reduce((a, d) => a * sh[d]!, 1);
  if (outer !== null && red !== null) return { src: t, O, D, I: 1, sO: outer[1], sD: red[1], sI: 1 };
  const permuted = t._view(
    order.map((d) => sh[d]!),
    order.map((d) => st[d]!),
    t._offset,
  );
  try {
    return { src: castTo(permuted, t.dtype), O, D, I: 1, sO: D, sD: 1, sI: 1 };
  } finally {
    permuted.dispose();
  }
}

/** Runs lane kernel `kernel` (the softmax family, the scans) of `t` over `dims` into `out`. */
export function runLanes(kernel: string, t: Tensor, dims: readonly number[], out: Tensor, torchOp: string): void {
  const fn = abi.kernel(kernel, t.dtype, torchOp);
  if (out.numel() === 0) return;
  const l = lanesOf(t, dims);
  try {
    fn(l.src._addr(), out._addr(), l.O, l.D, l.I, l.sO, l.sD, l.sI);
  } finally {
    if (l.src !== t) l.src.dispose();
  }
}

interface SoftmaxOptions {
  dim?: number;
  dtype?: DType;
}

function softmaxLike(kind: "softmax" | "log_softmax", input: Tensor, args: readonly unknown[]): Tensor {
  const fn = kind === "softmax" ? "softmax" : "logSoftmax";
  checkTensor(input, fn, "input");
  const [a, b] = args;
  const o =
    typeof a === "number"
      ? { ...checkOptions<SoftmaxOptions>(b, fn, ["dtype"]), dim: a }
      : checkOptions<SoftmaxOptions>(a, fn, ["dim", "dtype"]);
  if (o.dim === undefined) throw new TypeError(`${fn}() missing 1 required positional argument: "dim"`);
  const d = normDim(o.dim, input.shape.length);
  const dtype = o.dtype ?? input.dtype;
  if (!isFloating(dtype) || dtype === "float16") {
    // PyTorch names its CPU kernel in the message: the last-dim one, or the general one.
    const impl = d >= input.shape.length - 1 ? `${kind}_lastdim_kernel_impl` : "softmax_kernel_impl";
    throw new TypeError(`"${impl}" not implemented for '${scalarTypeName[dtype]}'`);
  }
  const out = roundedOnce(input, dtype, (src, wide) => {
    const r = Tensor._empty(src.shape, wide);
    try {
      runLanes(kind, src, src.shape.length === 0 ? [] : [d], r, fn);
    } catch (e) {
      r.dispose();
      throw e;
    }
    return r;
  });
  return record(kind === "softmax" ? "softmax" : "logSoftmax", out, [input], { dim: d });
}

/**
 * `compute(src, wide)` on `input` cast to `dtype`, where bfloat16 computes
 * in float32 and rounds once at the end, as PyTorch's CPU kernels do.
 */
function roundedOnce(input: Tensor, dtype: DType, compute: (src: Tensor, wide: DType) => Tensor): Tensor {
  const wide = dtype === "bfloat16" ? "float32" : dtype;
  const computed = inDType(input, wide, (src) => compute(src, wide));
  if (wide === dtype) return computed;
  try {
    return castTo(computed, dtype);
  } finally {
    computed.dispose();
  }
}

/** exp(x - max) / sum(exp(x - max)) along `dim` (SoftmaxBackward0); `{ dtype }` casts the input first. */
export function softmax(input: Tensor, dim: number | SoftmaxOptions, opts?: SoftmaxOptions): Tensor {
  return softmaxLike("softmax", input, [dim, opts]);
}

/** (x - max) - log(sum(exp(x - max))) along `dim` (LogSoftmaxBackward0). */
export function logSoftmax(input: Tensor, dim: number | SoftmaxOptions, opts?: SoftmaxOptions): Tensor {
  return softmaxLike("log_softmax", input, [dim, opts]);
}

/** log(sum(exp(x))) over `dim` (a dim or a list), computed stably; integers give float32 (LogsumexpBackward0). */
export function logsumexp(input: Tensor, ...args: LogsumexpArgs): Tensor {
  checkTensor(input, "logsumexp", "input");
  const o = reduceArgs(args, "logsumexp");
  if (o.dim === undefined || o.dim === null)
    throw new TypeError(`logsumexp() missing 1 required positional argument: "dim"`);
  const dims = reducedDims(input, o.dim);
  const keepdim = o.keepdim ?? false;
  const dtype = isFloating(input.dtype) ? input.dtype : "float32";
  checkNarrowSupport("logsumexp", dtype);
  const out = roundedOnce(input, dtype, (src, wide) =>
    reduceNew(src, dims, keepdim, wide, (r) => runLanes("logsumexp", src, dims, r, "logsumexp")),
  );
  return record("logsumexp", out, [input], { dims, keepdim });
}

/**
 * The product of all other elements of each slice along `dim` (all elements
 * when null): prod's gradient, computed as PyTorch does (not recorded).
 */
export function prodExclusive(t: Tensor, dim: number | null): Tensor {
  return filledBy(Tensor._empty(t.shape, t.dtype), (out) =>
    runLanes("prod_exclusive", t, dim === null ? t.shape.map((_, i) => i) : [dim], out, "prod"),
  );
}

/** logsumexp's call forms after the input: `(dim, keepdim?)`, `(dim, { keepdim })` or `({ dim, keepdim })`. */
type LogsumexpArgs = [dim: Dims | { dim: Dims; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }];

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.softmax: exp(x) / sum(exp(x)) along `dim`; `{ dim, dtype }` works too. */
    softmax(dim: number | SoftmaxOptions, opts?: SoftmaxOptions): Tensor;
    /**
     * Tensor.logSoftmax: PyTorch's log_softmax, log(softmax(x)) along `dim`,
     * computed stably; `{ dim, dtype }` works too.
     */
    logSoftmax(dim: number | SoftmaxOptions, opts?: SoftmaxOptions): Tensor;
    /** Tensor.logsumexp: see torch.logsumexp (log of the sum of exp over `dim`, computed stably). */
    logsumexp(...args: LogsumexpArgs): Tensor;
  }
}

addMethods({
  softmax(this: Tensor, dim: number | SoftmaxOptions, opts?: SoftmaxOptions) {
    return softmax(this, dim, opts);
  },
  logSoftmax(this: Tensor, dim: number | SoftmaxOptions, opts?: SoftmaxOptions) {
    return logSoftmax(this, dim, opts);
  },
  logsumexp(this: Tensor, ...args: LogsumexpArgs) {
    return logsumexp(this, ...args);
  },
});
