// The activations of activation2.ts composed of ops, for a binary built
// before assembly/kernels/activation2.ts (the kernels are preferred).

import type { Tensor } from "../../tensor.js";
import { noGrad } from "../../autograd/gradMode.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { add, div, minimum, mul, sub } from "../../ops/binary.js";
import { exp, log1p, neg, tanh } from "../../ops/unary.js";
import { ge, gt, le, lt, where } from "../../ops/compare.js";
import { clamp } from "../../ops/clamp.js";
import { zerosLike } from "../../ops/creation.js";

let present: boolean | undefined;

/** Whether the loaded binary has the activation2 kernels. */
export function haveKernels(): boolean {
  if (present === undefined) {
    try {
      abi.kernel("activation2", "float32");
      present = true;
    } catch {
      present = false;
    }
  }
  return present;
}

/** op(x) (the kernels' op codes) composed of ops, without recording. */
export function activation2Ref(op: number, x: Tensor, p: number, q: number, r: number): Tensor {
  return noGrad(() =>
    scoped(() => {
      switch (op) {
        case 0:
          return where(gt(x, 0), x, mul(x, p));
        case 1:
          return where(le(x, 0), mul(sub(exp(mul(x, r)), 1), p), mul(x, q));
        case 2:
          return where(gt(mul(x, p), q), x, div(log1p(exp(mul(x, p))), p));
        case 3:
          return div(clamp(add(x, 3), 0, 6), 6);
        case 4:
          return div(mul(x, clamp(add(x, 3), 0, 6)), 6);
        case 5:
          return mul(x, tanh(log1p(exp(x))));
        case 6:
          return sub(minimum(x, zerosLike(x)), log1p(exp(minimum(x, neg(x)))));
        case 7:
          return clamp(x, p, q);
        case 8:
          return where(le(x, p), q, x);
        case 9:
          return where(gt(x, p), sub(x, p), where(lt(x, -p), add(x, p), 0));
        default:
          return where(ge(x, -p), where(le(x, p), 0, x), x);
      }
    }),
  );
}
