// torch.optim.ASGD: one fused kernel per parameter (assembly/kernels/
// optim2.ts), in the order of operations of PyTorch 1.13's
// _single_tensor_asgd. eta and mu live in float32 0-d tensors in PyTorch;
// here they are numbers rounded to float32 the same way.

import { Tensor } from "../tensor.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { CountedOptimizer, runUpdate } from "./fused.js";

/** The keyword arguments of torch.optim.ASGD, camelCase. */
export interface ASGDOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Decay term (default 1e-4). */
  lambd: number;
  /** Power of the eta update (default 0.75). */
  alpha: number;
  /** The step at which averaging starts (default 1e6). */
  t0: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Averaged stochastic gradient descent (Polyak and Juditsky); state `step`,
 * `eta`, `mu` (float32 numbers) and `ax`, the running average of the
 * parameter.
 */
export class ASGD extends CountedOptimizer<ASGDOptions> {
  constructor(params: Params<ASGDOptions>, opts: Partial<ASGDOptions> = {}) {
    const defaults: ASGDOptions = { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false };
    super("ASGD", params, defaults, opts, { numbers: ["eta", "mu"], buffers: ["ax"] });
  }

  protected _checkOptions(o: ASGDOptions): void {
    if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
  }

  protected override _firstNumbers(group: ParamGroup<ASGDOptions>): Record<string, number> {
    return { eta: Math.fround(group.lr), mu: 1 };
  }

  protected _update(group: ParamGroup<ASGDOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = this._nextStep(state);
    const eta = state.eta as number,
      mu = state.mu as number;
    runUpdate(
      "asgd",
      p,
      [g, state.ax as Tensor],
      [1 - group.lambd * eta, eta, mu, group.weightDecay, group.maximize ? 1 : 0],
      20,
    );
    const { lr, lambd, alpha, t0 } = group;
    state.eta = Math.fround(lr / Math.pow(1 + lambd * lr * step, alpha));
    state.mu = Math.fround(1 / Math.max(1, step - t0));
  }
}
