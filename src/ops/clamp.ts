// clamp(input, min?, max?): number bounds (ClampBackward1) or tensor bounds
// that broadcast with the input (ClampBackward0, with an edge per bound).

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { record } from "../autograd/function.js";
import { checkTensor, resultTypeOf } from "./launch.js";
import { filled } from "./creation.js";
import { binaryForward } from "./binary.js";
import { unaryForward } from "./unary.js";
import { optionalArgs } from "../args.js";

/** One bound of clamp: a number, a tensor that broadcasts with the input, or absent (null/undefined, Python's None). */
export type Bound = number | Tensor | null | undefined;

/** clamp's bounds as options (PyTorch's keyword arguments min and max). */
export interface ClampOptions {
  /** The lower bound. */
  min?: Bound;
  /** The upper bound. */
  max?: Bound;
}

/** clamp's call forms after the input: `(min, max?)`, `(min, { max })` or `({ min?, max? })`. */
export type ClampArgs = [min?: Bound, max?: Bound] | [min: Bound, opts: { max?: Bound }] | [opts: ClampOptions];

/** The bounds of clamp or clamp_, from positional arguments or the options object. */
export function clampBounds(args: readonly unknown[], op: string): { min: unknown; max: unknown } {
  const o = optionalArgs(args, op, ["min", "max"]);
  return { min: o.min, max: o.max };
}

/** Validates one bound of clamp: a number, a tensor, or absent (null/undefined). */
function checkBound(v: unknown, name: string, op = "clamp"): number | Tensor | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Tensor) {
    v._check();
    return v;
  }
  if (typeof v !== "number")
    throw new TypeError(`${op}(): argument '${name}' must be a number or a Tensor, but got ${typeof v}`);
  return v;
}

/** clamp's and clamp_'s bounds checked, the result dtype, and whether PyTorch fills NaN (both number bounds given, one NaN). */
export function clampArgs(input: Tensor, min: unknown, max: unknown, op = "clamp") {
  const lo = checkBound(min, "min", op);
  const hi = checkBound(max, "max", op);
  if (lo === null && hi === null) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const given = [lo, hi].filter((b): b is number | Tensor => b !== null);
  const dtype = resultTypeOf([input, ...given]);
  const nanFill = typeof lo === "number" && typeof hi === "number" && (Number.isNaN(lo) || Number.isNaN(hi));
  return { lo, hi, dtype, nanFill };
}

/**
 * torch.clamp: limits values to [min, max]; either bound may be omitted
 * (null/undefined), not both. Bounds are numbers or tensors that broadcast,
 * positional as in PyTorch or as options: `clamp(x, { max: 1 })`.
 */
export function clamp(input: Tensor, ...args: ClampArgs): Tensor {
  checkTensor(input, "clamp", "input");
  const { min, max } = clampBounds(args, "clamp");
  const { lo, hi, dtype, nanFill } = clampArgs(input, min, max);
  if (lo instanceof Tensor || hi instanceof Tensor) return clampTensor(input, lo, hi);
  const out = nanFill
    ? filled(input.shape, NaN, dtype)
    : unaryForward("clamp", input, dtype, lo ?? -Infinity, hi ?? Infinity);
  return record("clamp", out, [input], { min: lo, max: hi });
}

/** clamp with a tensor bound: maximum with min, then minimum with max (NaN in a bound propagates), as PyTorch's clamp.Tensor. */
function clampTensor(input: Tensor, lo: TensorLike | null, hi: TensorLike | null): Tensor {
  const dtype = resultTypeOf([input, ...[lo, hi].filter((b): b is TensorLike => b !== null)]);
  let out = lo === null ? null : binaryForward("maximum", input, lo, dtype);
  if (hi !== null) {
    let next: Tensor;
    try {
      next = binaryForward("minimum", out ?? input, hi, dtype);
    } finally {
      // Also when `hi` does not broadcast: the max with `lo` is a temporary either way.
      out?.dispose();
    }
    out = next;
  }
  return record("clampTensor", out!, [input, lo, hi]);
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.clamp: see torch.clamp. */
    clamp(...args: ClampArgs): Tensor;
  }
}

addMethodsOf({ clamp });
