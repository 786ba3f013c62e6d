// torch.optim.Adamax, NAdam and RAdam: one fused kernel per parameter
// (assembly/kernels/optim2.ts), in the order of operations of PyTorch
// 1.13's single-tensor implementations. The scalars (bias corrections,
// step sizes, NAdam's momentum schedule) are computed here in double
// precision as Python computes them; the numbers PyTorch keeps in float32
// 0-d tensors (mu_product) are rounded to float32 as it rounds them.

import { Tensor } from "../tensor.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { powInt } from "./adam.js";
import { checkAdamLike, CountedOptimizer, runUpdate, type AdamLikeOptions } from "./fused.js";

/** The optimizers of this file: Adam's checks of their options. */
abstract class AdamLikeOptimizer<O extends AdamLikeOptions> extends CountedOptimizer<O> {
  protected _checkOptions(o: O): void {
    checkAdamLike(o);
  }
}

/**
 * The keyword arguments of torch.optim.Adamax, camelCase (`betas` as a
 * two-element array); defaults lr 2e-3, betas [0.9, 0.999], eps 1e-8 (added
 * to the infinity norm), weightDecay 0.
 */
export interface AdamaxOptions extends AdamLikeOptions {
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/** Adamax (Kingma and Ba): Adam with the infinity norm; state `step`, `expAvg`, `expInf` (exp_avg, exp_inf). */
export class Adamax extends AdamLikeOptimizer<AdamaxOptions> {
  constructor(params: Params<AdamaxOptions>, opts: Partial<AdamaxOptions> = {}) {
    const defaults: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };
    super("Adamax", params, defaults, opts, { buffers: ["expAvg", "expInf"] });
  }

  protected _update(group: ParamGroup<AdamaxOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = this._nextStep(state);
    const [beta1, beta2] = group.betas;
    const clr = group.lr / (1 - powInt(beta1, step));
    runUpdate(
      "adamax",
      p,
      [g, state.expAvg as Tensor, state.expInf as Tensor],
      [beta1, beta2, group.eps, group.weightDecay, -clr, group.maximize ? 1 : 0],
      30,
    );
  }
}

/**
 * The keyword arguments of torch.optim.NAdam, camelCase; defaults lr 2e-3,
 * betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 */
export interface NAdamOptions extends AdamLikeOptions {
  /** The momentum schedule's decay (default 4e-3). */
  momentumDecay: number;
}

/**
 * NAdam (Dozat): Adam with Nesterov momentum; state `step`, `muProduct`
 * (a float32 number, as PyTorch's 0-d tensor), `expAvg`, `expAvgSq`.
 */
export class NAdam extends AdamLikeOptimizer<NAdamOptions> {
  constructor(params: Params<NAdamOptions>, opts: Partial<NAdamOptions> = {}) {
    const defaults: NAdamOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 };
    super("NAdam", params, defaults, opts, { numbers: ["muProduct"], buffers: ["expAvg", "expAvgSq"] });
  }

  protected override _checkOptions(o: NAdamOptions): void {
    super._checkOptions(o);
    if (!(o.momentumDecay >= 0)) throw new RangeError(`Invalid momentum_decay value: ${o.momentumDecay}`);
  }

  protected override _firstNumbers(): Record<string, number> {
    return { muProduct: 1 };
  }

  protected _update(group: ParamGroup<NAdamOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = this._nextStep(state);
    const [beta1, beta2] = group.betas;
    const lr = group.lr;
    const bc2 = 1 - powInt(beta2, step);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * group.momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * group.momentumDecay));
    const f = Math.fround;
    const muProduct = f((state.muProduct as number) * f(mu));
    state.muProduct = muProduct;
    const muProductNext = f(f(muProduct * f(mu)) * f(muNext));
    const c1 = (-lr * (1 - mu)) / (1 - muProduct);
    const c2 = (-lr * muNext) / (1 - muProductNext);
    runUpdate(
      "nadam",
      p,
      [g, state.expAvg as Tensor, state.expAvgSq as Tensor],
      [beta1, beta2, group.eps, group.weightDecay, bc2, c1, c2],
      40,
    );
  }
}

/**
 * The keyword arguments of torch.optim.RAdam, camelCase; defaults lr 1e-3,
 * betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 */
export type RAdamOptions = AdamLikeOptions;

/**
 * RAdam (Liu et al.): Adam whose adaptive step is rectified, and left out
 * while the variance estimate is intractable (rho_t <= 5); state `step`,
 * `expAvg`, `expAvgSq`.
 */
export class RAdam extends AdamLikeOptimizer<RAdamOptions> {
  constructor(params: Params<RAdamOptions>, opts: Partial<RAdamOptions> = {}) {
    const defaults: RAdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 };
    super("RAdam", params, defaults, opts, { buffers: ["expAvg", "expAvgSq"] });
  }

  protected _update(group: ParamGroup<RAdamOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = this._nextStep(state);
    const [beta1, beta2] = group.betas;
    const b2Step = powInt(beta2, step);
    const bc1 = 1 - powInt(beta1, step);
    const bc2 = 1 - b2Step;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * b2Step) / bc2;
    // 0 tells the kernel to leave out the adaptive term, as PyTorch does for rho_t <= 5.
    const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    runUpdate(
      "radam",
      p,
      [g, state.expAvg as Tensor, state.expAvgSq as Tensor],
      [beta1, beta2, group.eps, group.weightDecay, bc1, group.lr, rect, Math.sqrt(bc2)],
      40,
    );
  }
}
