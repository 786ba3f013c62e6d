// The index dtype contract between ops: what index-returning ops produce and
// how index-consuming kernels receive their indices. Kernels read int32
// elements; every op that takes an index tensor passes it through
// `indexForKernel`, so the index dtype can change in this one file.

import { Tensor } from "../tensor.js";
import { INDEX_DTYPE } from "../dtype.js";

export { INDEX_DTYPE };

/** Whether `t` holds indices an op accepts (PyTorch: int64, and int32 where it allows it). */
export const isIndexTensor = (t: Tensor): boolean => t.dtype === "int32";

/**
 * `index` as kernels read it (int32 elements), or a TypeError with `message`
 * when its dtype cannot hold indices. Call it inside a scope (`scoped`): the
 * result may be a temporary conversion.
 */
export function indexForKernel(index: Tensor, message: string): Tensor {
  if (!isIndexTensor(index)) throw new TypeError(message);
  return index;
}
