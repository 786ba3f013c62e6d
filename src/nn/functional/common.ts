// Plumbing shared by the nn.functional ops: option checks in PyTorch's words,
// the reduction argument and kernel launches over broadcast operands.

import { Tensor } from "../../tensor.js";
import { broadcastStrides, coalesce, sameShape } from "../../shape.js";
import * as abi from "../../wasm/abi.js";
import { castTo, checkTensor } from "../../ops/launch.js";
import { isPlainObject, kindOf } from "../../args.js";

/** How a loss reduces its elementwise values: their mean (the default), their sum, or not at all. */
export type Reduction = "mean" | "sum" | "none";

/** The reduction option, checked: PyTorch's "X is not a valid value for reduction". */
export function checkReduction(r: unknown): Reduction {
  if (r === undefined) return "mean";
  if (r === "mean" || r === "sum" || r === "none") return r;
  throw new RangeError(`${String(r)} is not a valid value for reduction`);
}

/** The kernels' code for a reduction: 0 none, 1 mean, 2 sum. */
export const reductionCode = (r: Reduction): number => (r === "none" ? 0 : r === "mean" ? 1 : 2);

/** Throws on option keys the function does not know (a misspelt option would otherwise be ignored). */
export function checkOptionKeys(opts: unknown, fn: string, allowed: readonly string[]): void {
  if (opts === undefined) return;
  // null too is refused: the functions read their options right after this check.
  if (!isPlainObject(opts)) throw new TypeError(`${fn}(): options must be an object, but got ${kindOf(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) throw new TypeError(`${fn}(): unknown option "${k}" (expected ${allowed.join(", ")})`);
  }
}

/** Checks a function's tensor arguments (named as its messages name them, in order), then its option keys. */
export function checkArgs(fn: string, tensors: Record<string, unknown>, opts: unknown, keys: readonly string[]): void {
  for (const [name, t] of Object.entries(tensors)) checkTensor(t, fn, name);
  checkOptionKeys(opts, fn, keys);
}

export { checkNumber } from "../../args.js";

/**
 * The adjoint of a chain of steps that each resize one dim: `back(r, step,
 * shape)` for each step, last first, `shape` being r's shape with the step's
 * dim at its size before the step.
 */
export function reverseSteps<S extends { dim: number; size: number }>(
  g: Tensor,
  steps: readonly S[],
  back: (r: Tensor, step: S, shape: number[]) => Tensor,
): Tensor {
  let r = g;
  for (let i = steps.length - 1; i >= 0; i--) {
    const st = steps[i]!;
    const shape = r.shape.slice();
    shape[st.dim] = st.size;
    r = back(r, st, shape);
  }
  return r;
}

/** @internal What a kernel launch reads of an input: a tensor, or a constant such as `one(dtype)`. */
export type Operand = Pick<Tensor, "shape" | "_strides" | "_addr">;

const ones: Partial<Record<"float32" | "float64", Operand>> = {};

/** @internal The constant 1 as a 0-d operand of a floating dtype (static wasm data, nothing allocated). */
export function one(dtype: "float32" | "float64"): Operand {
  let o = ones[dtype];
  if (o === undefined) {
    const name = dtype === "float32" ? "one_f32" : "one_f64";
    o = ones[dtype] = { shape: [], _strides: [], _addr: () => (abi.runtime().exports[name] as () => number)() };
  }
  return o;
}

/** @internal Calls a kernel whose operands are `out` followed by `inputs`, all broadcast to `shape`. */
export function launchShaped(
  fn: (...a: number[]) => unknown,
  out: Tensor,
  outStrides: readonly number[],
  inputs: readonly Operand[],
  shape: readonly number[],
  extra: readonly number[],
): unknown {
  const strides = [
    outStrides,
    ...inputs.map((t) => (sameShape(t.shape, shape) ? t._strides : broadcastStrides(t.shape, t._strides, shape))),
  ];
  const c = coalesce(shape, strides);
  const addrs = inputs.map((t) => t._addr());
  return fn(...addrs, out._addr(), abi.writeMeta(c.shape, c.strides), ...extra);
}

/**
 * A contiguous tensor with t's values: t itself when already contiguous, else
 * a copy (callers run in a scope, which frees it).
 */
export function contiguousOf(t: Tensor): Tensor {
  return t.isContiguous() ? t : castTo(t, t.dtype);
}
