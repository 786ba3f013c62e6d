// What the fused optimizers share: the kernel call over a parameter and its
// same-shaped tensors, PyTorch's checks, and the state of the optimizers
// that count their steps.

import { Tensor } from "../tensor.js";
import * as abi from "../wasm/abi.js";
import { itemSize } from "../dtype.js";
import { runFlat } from "../threads/parallel.js";
import { zerosLike } from "../ops/creation.js";
import { Optimizer, withDefaults, type ParamGroup, type ParamState, type Params } from "./optimizer.js";

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

/** The options Adam's relatives share (their defaults: see each optimizer's options). */
export interface AdamLikeOptions {
  /** Learning rate. */
  lr: number;
  /** Decay rates of the running average of the gradient and of the second statistic (the square, or the infinity norm). */
  betas: readonly [number, number];
  /** Added to the denominator. */
  eps: number;
  /** L2 penalty added to the gradient. */
  weightDecay: number;
}

/** PyTorch's checks of lr, eps, betas and weight_decay, in its order. */
export function checkAdamLike(o: AdamLikeOptions): void {
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

/** The state of a step-counted optimizer besides `step`, each list in PyTorch's key order. */
export interface CountedState {
  /** Tensors made at a parameter's first step, after `step` and the numbers. */
  buffers: readonly string[];
  /** Numbers made at the first step, after `step` (their values: `_firstNumbers`). */
  numbers?: readonly string[];
  /** Tensors made later, when an option asks for them; checked at each step as the buffers are. */
  optional?: readonly string[];
}

/**
 * An optimizer whose per-parameter state is a step count, then numbers, then
 * tensors of the parameter's shape, all made at the parameter's first step.
 * A subclass says its options, its state's names and its update.
 */
export abstract class CountedOptimizer<O extends object> extends Optimizer<O> {
  protected override readonly _tensorKeys: readonly string[];
  protected override readonly _countKeys: readonly string[] = ["step"];
  private readonly _layout: CountedState;

  constructor(name: string, params: Params<O>, defaults: O, opts: unknown, layout: CountedState) {
    super(params, withDefaults(name, defaults, opts), name);
    this._layout = layout;
    this._tensorKeys = [...layout.buffers, ...(layout.optional ?? [])];
  }

  protected override _checkState(s: ParamState, id: string): void {
    checkLoadedState(s, id, this._layout.buffers, this._layout.numbers);
  }

  protected override _initState(group: ParamGroup<O>, p: Tensor, state: ParamState): void {
    if (state.step !== undefined) return;
    state.step = 0;
    const numbers = this._firstNumbers(group);
    for (const k of this._layout.numbers ?? []) state[k] = numbers[k]!;
    for (const k of this._layout.buffers) state[k] = this._firstBuffer(p);
  }

  /** The values of the state's numbers at a parameter's first step. */
  protected _firstNumbers(_group: ParamGroup<O>): Record<string, number> {
    return {};
  }

  /** A buffer as a parameter's first step makes it (owned by the optimizer). */
  protected _firstBuffer(p: Tensor): Tensor {
    return zerosLike(p)._own();
  }

  /** Counts one more step in a parameter's state and returns the new count. */
  protected _nextStep(state: ParamState): number {
    const step = (state.step as number) + 1;
    state.step = step;
    return step;
  }
}
