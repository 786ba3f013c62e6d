// var and std, with Bessel's correction (unbiased by default, as PyTorch 1.13).

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { isFloating } from "../dtype.js";
import { record } from "../autograd/function.js";
import { checkTensor } from "./launch.js";
import { checkOptions, reduceInto, reduceNew, reducedDims, type Dims } from "./reduce.js";

/** The keyword arguments of torch.var and torch.std: dim, unbiased, correction, keepdim. */
export interface VarOptions {
  /** The dim or dims reduced (default: all). */
  dim?: Dims | null;
  /** false: divide by n rather than n - 1 (the older spelling of `correction: 0`). */
  unbiased?: boolean;
  /** Subtracted from the count: 1 is unbiased (the default), 0 the population statistic. */
  correction?: number;
  /** Keep the reduced dims with size 1 (default false). */
  keepdim?: boolean;
}

const keys = ["dim", "unbiased", "correction", "keepdim"];
const isDims = (v: unknown): v is Dims => typeof v === "number" || Array.isArray(v);

/**
 * PyTorch's call forms: `(unbiased)`, `(dim, unbiased?, keepdim?)`, with an
 * options object last or alone: `x.var(1, { correction: 0, keepdim: true })`.
 */
function parse(fn: string, args: readonly unknown[]): VarOptions {
  const [a, b, c, d] = args;
  if (typeof a === "boolean") {
    if (args.length > 1) throw new TypeError(`${fn}(): expected (unbiased) alone, but got ${args.length} arguments`);
    return { unbiased: a };
  }
  if (a === null || isDims(a)) {
    const o: VarOptions = { dim: a };
    const rest = [b, c, d];
    let i = 0;
    if (typeof rest[i] === "boolean") o.unbiased = rest[i++] as boolean;
    if (typeof rest[i] === "boolean") o.keepdim = rest[i++] as boolean;
    const extra = rest[i];
    if (rest.slice(i + 1).some((v) => v !== undefined)) throw new TypeError(`${fn}(): too many arguments`);
    if (extra !== undefined) {
      const opts = checkOptions<VarOptions>(
        extra,
        fn,
        keys.filter((k) => k !== "dim"),
      );
      for (const k of ["unbiased", "keepdim"] as const) {
        if (opts[k] !== undefined && o[k] !== undefined)
          throw new TypeError(`${fn}(): got multiple values for argument '${k}'`);
      }
      Object.assign(o, opts);
    }
    return o;
  }
  if (args.length > 1)
    throw new TypeError(
      `${fn}(): expected (dim, unbiased, keepdim, options) or (options), but got ${args.length} arguments`,
    );
  return checkOptions<VarOptions>(a, fn, keys);
}

function correctionOf(fn: string, o: VarOptions): number {
  if (o.unbiased !== undefined && typeof o.unbiased !== "boolean")
    throw new TypeError(`${fn}(): argument 'unbiased' must be bool`);
  if (o.correction !== undefined && o.correction !== null) {
    if (o.unbiased !== undefined) throw new TypeError(`${fn}(): cannot specify both unbiased and correction`);
    if (typeof o.correction !== "number" || !Number.isFinite(o.correction))
      throw new TypeError(`${fn}(): argument 'correction' must be a number`);
    return o.correction;
  }
  return o.unbiased === false ? 0 : 1;
}

function varOrStd(fn: "var" | "std", input: Tensor, args: readonly unknown[]): Tensor {
  checkTensor(input, fn, "input");
  if (!isFloating(input.dtype)) throw new TypeError("std and var only support floating point and complex dtypes");
  const o = parse(fn, args);
  const correction = correctionOf(fn, o);
  const dims = reducedDims(input, o.dim);
  const keepdim = o.keepdim ?? false;
  const out = reduceNew(input, dims, keepdim, input.dtype, (r) =>
    reduceInto("var", input, dims, { out: r, p: correction, q: fn === "std" ? 1 : 0 }, fn),
  );
  return record(fn, out, [input], { dims, correction, keepdim });
}

/** Variance over dims (all by default), dividing by n - correction (VarBackward0). */
export const variance = (input: Tensor, ...args: Args): Tensor => varOrStd("var", input, args);
/** Standard deviation: the square root of var (StdBackward0). */
export const std = (input: Tensor, ...args: Args): Tensor => varOrStd("std", input, args);

type Args = [
  dimOrUnbiased?: Dims | boolean | VarOptions | null,
  unbiased?: boolean | VarOptions,
  keepdim?: boolean | VarOptions,
  opts?: VarOptions,
];

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.var: the variance over `dim` (all elements by default), unbiased
     * unless `{ unbiased: false }` or `{ correction: 0 }`.
     */
    var(...args: Args): Tensor;
    /**
     * Tensor.std: the standard deviation over `dim` (all elements by default),
     * unbiased unless `{ unbiased: false }` or `{ correction: 0 }`.
     */
    std(...args: Args): Tensor;
  }
}

addMethods({
  var(this: Tensor, ...args: unknown[]) {
    return varOrStd("var", this, args);
  },
  std(this: Tensor, ...args: unknown[]) {
    return varOrStd("std", this, args);
  },
});
