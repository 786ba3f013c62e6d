// Scans along a dim: cumsum, cumprod, logcumsumexp, cummax / cummin
// (assembly/kernels/scan.ts), and diff (a composite of narrow and sub).

import { Tensor } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { INDEX_DTYPE, isFloating, messageTypeName, parseDType, type DType } from "../dtype.js";
import { normDim } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor, filledBy } from "./launch.js";
import { lanesOf, runLanes } from "./softmax.js";
import { returnTypes, type ValuesIndices } from "./extrema.js";
import { narrow } from "./views.js";
import { sub } from "./binary.js";
import { ne } from "./compare.js";
import { cat } from "./movement.js";
import { clone } from "./unary.js";
import { checkOptionsObject } from "../args.js";
import { checkNarrowSupport, isNarrow, wideOf } from "./wide.js";

/** The dtype integer sums and products come out in: PyTorch's int64, torchlet's default integer. */
const LONG: DType = "int64";

/** The dim argument: required, an integer, wrapped. */
function scanDim(fn: string, input: Tensor, dim: unknown): number {
  if (dim === undefined)
    throw new TypeError(
      `${fn}() received an invalid combination of arguments - got (Tensor), but expected (Tensor input, int dim)`,
    );
  return normDim(dim, input.shape.length);
}

/** Runs scan kernel `kernel` of `src` (already in the output dtype) along `dim` into a new tensor. */
function scanInto(kernel: string, src: Tensor, dim: number, torchOp: string): Tensor {
  return filledBy(Tensor._empty(src.shape, src.dtype), (out) =>
    runLanes(kernel, src, src.shape.length === 0 ? [] : [dim], out, torchOp),
  );
}

/** Options of cumsum and cumprod. */
interface ScanOptions {
  /** The dtype of the result (the input is converted first). */
  dtype?: DType;
}

function dtypeOption(fn: string, opts: unknown): DType | undefined {
  const o = checkOptionsObject<ScanOptions>(opts, fn, ["dtype"]);
  return o.dtype === undefined ? undefined : parseDType(o.dtype);
}

/** cumsum / cumprod: integers and bools sum in PyTorch's int64 (torchlet's default integer) unless `dtype` says. */
function sumLike(kind: "cumsum" | "cumprod", input: Tensor, dim: unknown, opts: unknown): Tensor {
  checkTensor(input, kind, "input");
  const d = scanDim(kind, input, dim);
  const dtype = dtypeOption(kind, opts) ?? (isFloating(input.dtype) ? input.dtype : LONG);
  checkNarrowSupport(kind, dtype);
  // int64 scans run in float64 (no int64 scan kernel): exact while the running values stay within 2^53.
  // bfloat16 accumulates in float32 (PyTorch's acc_type) and each result is rounded once.
  const work: DType = dtype === "bool" || dtype === "int64" ? "float64" : wideOf(dtype);
  const src = input.dtype === work ? input : castTo(input, work);
  let out: Tensor;
  try {
    out = scanInto(kind, src, d, kind);
  } finally {
    if (src !== input) src.dispose();
  }
  if (work !== dtype) {
    const r = castTo(out, dtype);
    out.dispose();
    out = r;
  }
  return record(kind, out, [input], { dim: d });
}

/**
 * torch.cumsum: running sums along `dim` (CumsumBackward0). Floats
 * accumulate in float64 as PyTorch's CPU kernel does; integers and bools
 * give int64 in PyTorch (torchlet's default integer) unless `{ dtype }`.
 */
export const cumsum = (input: Tensor, dim: number, opts?: ScanOptions): Tensor => sumLike("cumsum", input, dim, opts);
/** torch.cumprod: running products along `dim` (CumprodBackward0, zero-safe as PyTorch's). */
export const cumprod = (input: Tensor, dim: number, opts?: ScanOptions): Tensor => sumLike("cumprod", input, dim, opts);

/** torch.logcumsumexp: log(cumsum(exp(x))) along `dim`, computed stably (LogcumsumexpBackward0). */
export function logcumsumexp(input: Tensor, dim: number): Tensor {
  checkTensor(input, "logcumsumexp", "input");
  const d = scanDim("logcumsumexp", input, dim);
  if (!isFloating(input.dtype))
    throw new TypeError(`"logcumsumexp_out_cpu" not implemented for '${messageTypeName[input.dtype]}'`);
  checkNarrowSupport("logcumsumexp", input.dtype);
  const out = isNarrow(input.dtype)
    ? scoped(() => castTo(scanInto("logcumsumexp", castTo(input, wideOf(input.dtype)), d, "logcumsumexp"), input.dtype))
    : scanInto("logcumsumexp", input, d, "logcumsumexp");
  return record("logcumsumexp", out, [input], { dim: d });
}

/**
 * The cummax / cummin kernel's loop for int64 [O, D, I] lanes at element
 * strides (sO, sD, sI) into contiguous values and int32 indices; a tie
 * moves the index on, as in PyTorch.
 */
function cumExtremumInt64(
  isMax: boolean,
  a: number,
  o: number,
  idx: number,
  O: number,
  D: number,
  I: number,
  sO: number,
  sD: number,
  sI: number,
): void {
  // Views made after every allocation (lanesOf's copy included): nothing here grows memory.
  const src = abi.view("int64", a, (O - 1) * sO + (D - 1) * sD + (I - 1) * sI + 1);
  const vals = abi.view("int64", o, O * D * I);
  const ix = abi.view("int32", idx, O * D * I);
  for (let k = 0; k < O; k++)
    for (let i = 0; i < I; i++) {
      const p = k * sO + i * sI;
      let best = src[p]!;
      let at = 0;
      for (let j = 0; j < D; j++) {
        const x = src[p + j * sD]!;
        if (isMax ? x >= best : x <= best) {
          best = x;
          at = j;
        }
        const q = (k * D + j) * I + i;
        vals[q] = best;
        ix[q] = at;
      }
    }
}

/** cummax / cummin: the running extremum and the index where it was taken. */
function cumExtremum(kind: "cummax" | "cummin", input: Tensor, dim: unknown): ValuesIndices {
  checkTensor(input, kind, "input");
  const d = scanDim(kind, input, dim);
  checkNarrowSupport(kind, input.dtype);
  if (isNarrow(input.dtype)) {
    // Small integers and bfloat16 widen exactly, so the extremum of the wide copy is the extremum.
    const r = scoped(() => {
      const w = cumExtremum(kind, castTo(input, wideOf(input.dtype)), d);
      return [castTo(w.values, input.dtype), w.indices] as const;
    });
    record(kind, [r[0], r[1]], [input], { dim: d, indices: r[1], shape: input.shape });
    return returnTypes(kind, r[0], r[1]);
  }
  // No int64 kernel: int64 lanes are scanned here as bigints (exact at any magnitude).
  const fn =
    input.dtype === "int64" ? cumExtremumInt64.bind(null, kind === "cummax") : abi.kernel(kind, input.dtype, kind);
  const values = Tensor._empty(input.shape, input.dtype);
  let idx: Tensor | null = null;
  let indices: Tensor | null = null;
  try {
    idx = Tensor._empty(input.shape, "int32");
    if (input.numel() > 0) {
      const l = lanesOf(input, input.shape.length === 0 ? [] : [d]);
      try {
        fn(l.src._addr(), values._addr(), idx._addr(), l.O, l.D, l.I, l.sO, l.sD, l.sI);
      } finally {
        if (l.src !== input) l.src.dispose();
      }
    }
    // The kernel writes int32 indices; the index dtype may be wider.
    indices = INDEX_DTYPE === "int32" ? idx : castTo(idx, INDEX_DTYPE);
  } catch (e) {
    values.dispose();
    idx?.dispose();
    throw e;
  }
  if (indices !== idx) idx.dispose();
  record(kind, [values, indices], [input], { dim: d, indices, shape: input.shape });
  return returnTypes(kind, values, indices);
}

/** torch.cummax: `{ values, indices }` of the running maximum along `dim` (a tie or a NaN moves the index on). */
export const cummax = (input: Tensor, dim: number): ValuesIndices => cumExtremum("cummax", input, dim);
/** torch.cummin: `{ values, indices }` of the running minimum along `dim`. */
export const cummin = (input: Tensor, dim: number): ValuesIndices => cumExtremum("cummin", input, dim);

/** Options of torch.diff. */
export interface DiffOptions {
  /** How many times to difference (default 1). */
  n?: number;
  /** The dim (default -1). */
  dim?: number;
  /** Values put before `input` along dim (same number of dims). */
  prepend?: Tensor | null;
  /** Values put after `input` along dim. */
  append?: Tensor | null;
}

/**
 * torch.diff: the n-th forward difference along `dim` (x[i + 1] - x[i]; for
 * bools, x[i + 1] != x[i]), with `prepend` / `append` joined first.
 */
export function diff(input: Tensor, options?: DiffOptions): Tensor {
  checkTensor(input, "diff", "input");
  const opts = checkOptionsObject<DiffOptions>(options, "diff", ["n", "dim", "prepend", "append"]);
  const n = opts.n ?? 1;
  const dim = opts.dim ?? -1;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw new TypeError(`diff(): argument 'n' must be int, not ${typeof n}`);
  if (input.shape.length === 0) throw new RangeError("diff expects input to be at least one-dimensional");
  for (const t of [opts.prepend, opts.append])
    if (t !== undefined && t !== null) {
      checkTensor(t, "diff", "prepend");
      if (t.shape.length !== input.shape.length)
        throw new RangeError("diff expects prepend or append to be the same dimension as input");
    }
  const d = normDim(dim, input.shape.length);
  if (n < 0) return input;
  if (n === 0) return clone(input);
  return scoped(() => {
    const parts = [opts.prepend, input, opts.append].filter((t): t is Tensor => t !== undefined && t !== null);
    let cur = parts.length > 1 ? cat(parts, d) : input;
    for (let k = 0; k < n && cur.shape[d]! > 0; k++) {
      const len = cur.shape[d]! - 1;
      const hi = narrow(cur, d, 1, len),
        lo = narrow(cur, d, 0, len);
      cur = cur.dtype === "bool" ? ne(hi, lo) : sub(hi, lo);
    }
    return cur; // input itself when its dim is empty, as in PyTorch
  });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.cumsum: see torch.cumsum. */
    cumsum(dim: number, opts?: ScanOptions): Tensor;
    /** Tensor.cumprod: see torch.cumprod. */
    cumprod(dim: number, opts?: ScanOptions): Tensor;
    /** Tensor.logcumsumexp: see torch.logcumsumexp. */
    logcumsumexp(dim: number): Tensor;
    /** Tensor.cummax: see torch.cummax. */
    cummax(dim: number): ValuesIndices;
    /** Tensor.cummin: see torch.cummin. */
    cummin(dim: number): ValuesIndices;
    /** Tensor.diff: see torch.diff. */
    diff(opts?: DiffOptions): Tensor;
  }
}

addMethodsOf({ cumsum, cumprod, logcumsumexp, cummax, cummin, diff });

export type { ScanOptions };
