// PyTorch's gradgradcheck, built on autograd.gradcheck.

import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

/** x -> grad(<f(x), w>, x) under createGraph: its gradcheck is f's gradgradcheck. */
export function gradOfF(fn: (...xs: Tensor[]) => Tensor, n: number, w: Tensor) {
  return (...xs: Tensor[]): Tensor[] => {
    const ins = xs.slice(0, n);
    const out = fn(...ins);
    const grads = torch.autograd.grad(out.mul(w).sum(), ins, null, { createGraph: true, allowUnused: true });
    return grads.map((g, i) => g ?? torch.zerosLike(ins[i]!));
  };
}
