// Tensor.long() and Tensor.int(): casts to PyTorch's integer dtypes by name.
// (The general casts, `.to(dtype)` and the other dtype-named methods, live
// with the dtypes they name.)

import { Tensor } from "../tensor.js";
import type { DType } from "../dtype.js";
import { addMethods } from "../methods.js";
import { castTo, checkTensor } from "./launch.js";

/** `t` itself when it already has `dtype` (as PyTorch returns self), else a converted copy. */
function castNamed(t: Tensor, dtype: DType, name: string): Tensor {
  checkTensor(t, name, "self");
  return t.dtype === dtype ? t : castTo(t, dtype);
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.long: the values as int64 (floats truncate toward zero; bools
     * become 0 and 1); the tensor itself when it is already int64.
     */
    long(): Tensor;
    /**
     * Tensor.int: the values as int32 (floats truncate toward zero; int64
     * values wrap modulo 2^32, as in PyTorch); the tensor itself when it is
     * already int32.
     */
    int(): Tensor;
  }
}

addMethods({
  long(this: Tensor) {
    return castNamed(this, "int64", "long");
  },
  int(this: Tensor) {
    return castNamed(this, "int32", "int");
  },
});
