// The index dtype contract between ops: what index-returning ops produce and
// how index-consuming kernels receive their indices. Kernels read int32
// elements; every op that takes an index tensor passes it through
// `indexForKernel`, so the index dtype can change in this one file.
//
// PyTorch's indices are int64. An int64 index is narrowed to int32 once per
// call (a SIMD pass that also checks the range: index_narrow_i64); an int32
// index goes to the kernel as it is.

import { Tensor } from "../tensor.js";
import { INDEX_DTYPE } from "../dtype.js";
import { isContiguous } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { castTo } from "./launch.js";

export { INDEX_DTYPE };

/** Whether `t` holds indices an op accepts (PyTorch: int64, and int32 where it allows it). */
export const isIndexTensor = (t: Tensor): boolean => t.dtype === "int64" || t.dtype === "int32";

/**
 * `index` as kernels read it (int32 elements, the same shape; contiguous when
 * converted), or a TypeError with `message` when its dtype cannot hold
 * indices. An int64 value outside the int32 range is out of bounds for any
 * dim: a RangeError naming it. Call it inside a scope (`scoped`): the result
 * may be a temporary conversion.
 */
export function indexForKernel(index: Tensor, message: string): Tensor {
  if (!isIndexTensor(index)) throw new TypeError(message);
  if (index.dtype === "int32") return index;
  const n = index.numel();
  const src = isContiguous(index.shape, index._strides) ? index : castTo(index, "int64");
  const out = Tensor._empty(index.shape, "int32");
  if (n === 0) return out;
  const bad = abi.kernel("index_narrow", "int64")(src._addr(), out._addr(), n) as number;
  if (bad !== 0) {
    const v = abi.view("int64", src._addr(), n)[bad - 1]!;
    throw new RangeError(`index ${v} is out of bounds (indices must lie within the int32 range)`);
  }
  return out;
}
