// What the fused optimizers of assembly/kernels/optim2.ts share: the kernel
// call over a parameter and its same-shaped tensors, and PyTorch's checks.

import { Tensor } from "../tensor.js";
import * as abi from "../wasm/abi.js";
import { itemSize } from "../dtype.js";
import { runFlat } from "../threads/parallel.js";

/**
 * Runs the `<op>_<dtype>` update over `p` and `tensors` (its grad and state,
 * contiguous, p's shape and dtype; null passes address 0, "absent"), then
 * the element count, then `scalars`. Elementwise, so with init({ threads })
 * a range of elements is the same update split over the pool; `cost` is the
 * time per element relative to a plain add.
 */
export function runUpdate(op: string, p: Tensor, tensors: (Tensor | null)[], scalars: number[], cost: number): void {
  const fn = abi.kernel(op, p.dtype, op);
  const size = itemSize[p.dtype];
  const addrs = [p._addr(), ...tensors.map((t) => (t === null ? 0 : t._addr()))];
  runFlat(
    fn,
    p.numel(),
    (start, len) => [...addrs.map((a) => (a === 0 ? 0 : a + start * size)), len, ...scalars],
    cost,
  );
}

/** PyTorch's checks of lr, eps, betas and weight_decay, in its order. */
export function checkAdamLike(o: {
  lr: number;
  eps: number;
  betas: readonly [number, number];
  weightDecay: number;
}): void {
  if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
  if (!(o.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${o.eps}`);
  const [b1, b2] = o.betas;
  if (!(b1 >= 0 && b1 < 1)) throw new RangeError(`Invalid beta parameter at index 0: ${b1}`);
  if (!(b2 >= 0 && b2 < 1)) throw new RangeError(`Invalid beta parameter at index 1: ${b2}`);
  if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
}

/**
 * A loaded state that has a step count must hold each of `keys` as a
 * tensor (what the update reads), and `numbers` as numbers.
 */
export function checkLoadedState(
  s: Record<string, unknown>,
  id: string,
  keys: readonly string[],
  numbers: readonly string[] = [],
): void {
  if (s.step === undefined) return;
  for (const k of keys) {
    if (!(s[k] instanceof Tensor))
      throw new TypeError(`loaded state dict: the state of parameter ${id} has a step count but no ${k} tensor`);
  }
  for (const k of numbers) {
    if (typeof s[k] !== "number")
      throw new TypeError(`loaded state dict: the state of parameter ${id} has a step count but no ${k} number`);
  }
}
