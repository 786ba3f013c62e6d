// default_collate: a list of samples into a batch. Tensors are stacked;
// numbers become a tensor (integers in the default integer dtype, any
// fraction makes it float64, as Python floats do); booleans a bool tensor;
// strings stay a list; arrays and plain objects are collated element by
// element, keeping their structure.

import { Tensor } from "../../tensor.js";
import { stack } from "../../ops/movement.js";
import { tensor } from "../../ops/fromData.js";
import { isPlainObject, kindOf } from "../../args.js";

/** A DataLoader's `collateFn` (PyTorch's collate_fn): a list of samples to a batch. */
export type CollateFn<S = unknown, B = unknown> = (batch: S[]) => B;

/**
 * torch.utils.data.default_collate: stacks tensors and numbers of a list of
 * samples into batch tensors, recursing into arrays and plain objects (Python's
 * tuples and dicts).
 */
export function defaultCollate(batch: unknown[]): unknown {
  if (!Array.isArray(batch)) throw new TypeError(`defaultCollate(): batch must be a list of samples, but got ${kindOf(batch)}`);
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === "number") {
    const nums = batch as number[];
    return nums.every((x) => Number.isInteger(x)) ? tensor(nums) : tensor(nums, { dtype: "float64" });
  }
  if (typeof elem === "boolean") return tensor(batch as boolean[], { dtype: "bool" });
  if (typeof elem === "string") return batch;
  if (isPlainObject(elem)) {
    for (const d of batch) if (!isPlainObject(d)) throw new TypeError(`default_collate: expected every sample to be an object like the first, but got ${kindOf(d)}`);
    return Object.fromEntries(Object.keys(elem).map((k) => [k, defaultCollate(batch.map((d) => (d as Record<string, unknown>)[k]))]));
  }
  if (Array.isArray(elem)) {
    const size = elem.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === size)) throw new RangeError("each element in list of batch should be of equal size");
    return elem.map((_, j) => defaultCollate(batch.map((b) => (b as unknown[])[j])));
  }
  throw new TypeError(`default_collate: batch must contain tensors, numbers, dicts or lists; found ${kindOf(elem)}`);
}
