// torch.norm: vector p-norms over dims (NormBackward1), and the Frobenius
// norm over two dims, which PyTorch 1.13 computes as sqrt(sum(x * x)).

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { scoped } from "../memory.js";
import { isFloating, scalarTypeName, type DType } from "../dtype.js";
import { record } from "../autograd/function.js";
import { checkTensor } from "./launch.js";
import { mul } from "./binary.js";
import { sqrt } from "./unary.js";
import { isPlainObject } from "../args.js";
import { checkOptions, inDType, reduceInto, reduceNew, reducedDims, sum, type Dims } from "./reduce.js";

/** The `p` of torch.norm: a number (Infinity for the max norm), "fro" or "nuc". */
export type NormOrder = number | "fro" | "nuc";

/** The keyword arguments of torch.norm (p, dim, keepdim, dtype). */
export interface NormOptions {
  /** The order of the norm (default "fro", the 2-norm of the flattened dims). */
  p?: NormOrder | null;
  /** The dim or dims reduced (default: all). */
  dim?: Dims | null;
  /** Keep the reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Compute in, and return, this floating dtype. */
  dtype?: DType;
}

const keys = ["p", "dim", "keepdim", "dtype"];

/** `(p?, dim?, keepdim?, options?)` or `(options)`, as Tensor.norm(p='fro', dim=None, keepdim=False, dtype=None). */
function parse(args: readonly unknown[]): NormOptions {
  const positional: unknown[] = [];
  let opts: NormOptions = {};
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (isPlainObject(v)) {
      if (i !== args.length - 1) throw new TypeError("norm(): the options object must come last");
      opts = checkOptions<NormOptions>(v, "norm", keys.slice(positional.length));
    } else positional.push(v);
  }
  if (positional.length > 3)
    throw new TypeError(
      `norm(): expected at most 3 positional arguments (p, dim, keepdim), but got ${positional.length}`,
    );
  const [p, dim, keepdim] = positional;
  const o: NormOptions = { ...opts };
  if (p !== undefined) o.p = p as NormOrder | null;
  if (dim !== undefined) o.dim = dim as Dims | null;
  if (keepdim !== undefined) {
    if (typeof keepdim !== "boolean") throw new TypeError("norm(): argument 'keepdim' must be bool");
    o.keepdim = keepdim;
  }
  return o;
}

/** The p-norm over dims (all by default): p = 2 | 1 | Infinity | -Infinity | 0 | any real, or "fro". */
export function norm(input: Tensor, ...args: NormArgs): Tensor {
  checkTensor(input, "norm", "input");
  const o = parse(args);
  const p = o.p ?? "fro";
  const keepdim = o.keepdim ?? false;
  if (!isFloating(input.dtype)) {
    throw new TypeError(
      `norm(): input dtype should be either floating point or complex. Got ${scalarTypeName[input.dtype]} instead.`,
    );
  }
  if (typeof p === "string") {
    if (p === "nuc") throw new Error("norm(): the nuclear norm ('nuc') needs an SVD, which torchlet does not have");
    if (p !== "fro") throw new Error(`only valid string values are 'fro' and 'nuc', found ${p}`);
    if (o.dtype !== undefined && o.dtype !== null)
      throw new TypeError("dtype argument is not supported in frobenius norm");
    const list = o.dim === undefined || o.dim === null ? [] : typeof o.dim === "number" ? [o.dim] : Array.from(o.dim);
    if (list.length > 2)
      throw new RangeError(`Expected at most 2 dimensions, but got ${list.length} dimensions instead.`);
    if (list.length === 2) return frobenius(input, list, keepdim);
    return vectorNorm(input, 2, list.length === 0 ? null : list, keepdim, null);
  }
  if (typeof p !== "number" || Number.isNaN(p))
    throw new TypeError(`norm(): argument 'p' must be a number or "fro", but got ${String(p)}`);
  return vectorNorm(input, p, o.dim ?? null, keepdim, o.dtype ?? null);
}

function vectorNorm(input: Tensor, p: number, dim: Dims | null, keepdim: boolean, dtype: DType | null): Tensor {
  const dims = reducedDims(input, dim);
  const d = dtype ?? input.dtype;
  const out = inDType(input, d, (src) =>
    reduceNew(src, dims, keepdim, d, (r) => reduceInto("norm", src, dims, { out: r, p })),
  );
  return record(dtype === null ? "norm" : "normDtype", out, [input], { p, dims, keepdim });
}

/** sqrt(sum(x * x, dims)), with PyTorch's graph (SqrtBackward0 over SumBackward1 over MulBackward0). */
function frobenius(input: Tensor, dims: number[], keepdim: boolean): Tensor {
  return scoped(() => sqrt(sum(mul(input, input), { dim: dims, keepdim })));
}

/** norm's call forms after the input: `(p?, dim?, keepdim?, opts?)`, each may be replaced by the options. */
type NormArgs = [
  p?: NormOrder | null | NormOptions,
  dim?: Dims | null | NormOptions,
  keepdim?: boolean | NormOptions,
  opts?: NormOptions,
];

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.norm: see torch.norm (the p-norm of all elements or over `dim`; default p = 2). */
    norm(...args: NormArgs): Tensor;
  }
}

addMethods({
  norm(this: Tensor, ...args: NormArgs) {
    return norm(this, ...args);
  },
});
