// torch.optim.Adam and AdamW, one fused kernel per parameter (adam_<dtype>),
// in the order of operations of PyTorch 1.13's _single_tensor_adam and
// _single_tensor_adamw. The bias corrections are computed here in double
// precision, as Python computes them.

import { Tensor } from "../tensor.js";
import { zerosLike } from "../ops/creation.js";
import { fma } from "../ops/fma.js";
import { Optimizer, withDefaults, type ParamGroup, type ParamState, type Params } from "./optimizer.js";
import { checkAdamLike, runUpdate } from "./fused.js";

/** The update's time per element relative to a plain elementwise op's (Adam 924 us per 200K float32 values, a plain add 30): sizes it for the thread pool. */
const UPDATE_COST = 30;

/**
 * The keyword arguments of torch.optim.Adam and AdamW, camelCase
 * (`weightDecay`, `amsgrad`; `betas` as a two-element array).
 */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** Weight decay: an L2 penalty for Adam (default 0), decoupled for AdamW (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past squared-gradient averages (AMSGrad; default false). */
  amsgrad: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * x ** n for an integer n >= 0, correctly rounded. Python's `beta ** step`
 * (C's pow) is correctly rounded nearly always (checked: it differs in ~0.1%
 * of beta ** step for steps up to 3000, none of them below step 300 for the
 * usual betas); V8's Math.pow is an ulp off far more often (0.9 ** 4), which
 * shows in float64 Adam. Squaring in double-double arithmetic keeps ~100 bits.
 */
export function powInt(x: number, n: number): number {
  let rh = 1,
    rl = 0; // result
  let bh = x,
    bl = 0; // x^(2^k)
  const mul = (ah: number, al: number, ch: number, cl: number): [number, number] => {
    const p = ah * ch;
    const e = fma(ah, ch, -p) + (ah * cl + al * ch);
    const h = p + e;
    return [h, e - (h - p)];
  };
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) [rh, rl] = mul(rh, rl, bh, bl);
    if (k > 1) [bh, bl] = mul(bh, bl, bh, bl);
  }
  return rh + rl;
}

abstract class AdamBase extends Optimizer<AdamOptions> {
  protected abstract readonly decoupled: boolean;
  protected override readonly _tensorKeys = ["expAvg", "expAvgSq", "maxExpAvgSq"];
  protected override readonly _countKeys = ["step"];

  constructor(name: string, params: Params<AdamOptions>, opts: Partial<AdamOptions>, weightDecay: number) {
    const defaults: AdamOptions = {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay,
      amsgrad: false,
      maximize: false,
    };
    super(params, withDefaults(name, defaults, opts), name);
  }

  protected _checkOptions(o: AdamOptions): void {
    checkAdamLike(o);
  }

  protected override _checkState(s: ParamState, id: string): void {
    if (s.step === undefined) return;
    if (typeof s.step !== "number" || !(s.expAvg instanceof Tensor) || !(s.expAvgSq instanceof Tensor)) {
      throw new TypeError(
        `loaded state dict: the state of parameter ${id} needs a step count and expAvg and expAvgSq tensors`,
      );
    }
  }

  protected override _checkStepState(p: Tensor, state: unknown): void {
    super._checkStepState(p, state);
    const s = state as ParamState;
    if (s.step !== undefined && (s.expAvg === undefined || s.expAvgSq === undefined)) {
      throw new TypeError(
        `${this._name}.step(): the state of a parameter has a step count but no ${s.expAvg === undefined ? "expAvg" : "expAvgSq"}`,
      );
    }
  }

  protected override _initState(group: ParamGroup<AdamOptions>, p: Tensor, state: ParamState): void {
    if (state.step === undefined) {
      // In PyTorch's key order; step() removes all three if making a tensor fails.
      state.step = 0;
      state.expAvg = zerosLike(p)._own();
      state.expAvgSq = zerosLike(p)._own();
    }
    // Also when amsgrad was switched on after some steps.
    if (group.amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = zerosLike(p)._own();
  }

  protected _update(group: ParamGroup<AdamOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = (state.step as number) + 1;
    state.step = step;
    const [beta1, beta2] = group.betas;
    const biasCorrection1 = 1 - powInt(beta1, step);
    const biasCorrection2 = 1 - powInt(beta2, step);
    const stepSize = group.lr / biasCorrection1;
    const vmax = group.amsgrad ? (state.maxExpAvgSq as Tensor) : null;
    runUpdate(
      "adam",
      p,
      [g, state.expAvg as Tensor, state.expAvgSq as Tensor, vmax],
      [
        group.lr,
        beta1,
        beta2,
        group.eps,
        group.weightDecay,
        stepSize,
        Math.sqrt(biasCorrection2),
        group.amsgrad ? 1 : 0,
        group.maximize ? 1 : 0,
        this.decoupled ? 1 : 0,
      ],
      UPDATE_COST,
    );
  }
}

/** Adam (Kingma and Ba), with weightDecay as an L2 penalty added to the gradient. */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  constructor(params: Params<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super("Adam", params, opts, 0);
  }
}

/** AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, p *= 1 - lr * weightDecay (default 1e-2). */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  constructor(params: Params<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super("AdamW", params, opts, 1e-2);
  }
}
