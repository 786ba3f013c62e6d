// torch.optim.RMSprop, Adagrad and Adadelta: one fused kernel per parameter
// (assembly/kernels/optim2.ts), in the order of operations of PyTorch
// 1.13's single-tensor implementations.

import { Tensor } from "../tensor.js";
import { fullLike } from "../ops/creation.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { CountedOptimizer, runUpdate } from "./fused.js";

/** The keyword arguments of torch.optim.RMSprop, camelCase. */
export interface RMSpropOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Smoothing constant of the running average of the squared gradient (default 0.99). */
  alpha: number;
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Normalise by the gradient's estimated variance instead of its second moment (default false). */
  centered: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * RMSprop (Hinton): divides the gradient by the root of a running average
 * of its square; state `step`, `squareAvg`, `momentumBuffer` (momentum > 0)
 * and `gradAvg` (centered), PyTorch's square_avg, momentum_buffer, grad_avg.
 */
export class RMSprop extends CountedOptimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, opts: Partial<RMSpropOptions> = {}) {
    super(
      "RMSprop",
      params,
      { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false },
      opts,
      { buffers: ["squareAvg"], optional: ["momentumBuffer", "gradAvg"] },
    );
  }

  protected _checkOptions(o: RMSpropOptions): void {
    if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
    if (!(o.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.momentum >= 0)) throw new RangeError(`Invalid momentum value: ${o.momentum}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
    if (!(o.alpha >= 0)) throw new RangeError(`Invalid alpha value: ${o.alpha}`);
  }

  protected override _initState(group: ParamGroup<RMSpropOptions>, p: Tensor, state: ParamState): void {
    super._initState(group, p, state);
    // Also when momentum or centered was switched on after some steps (PyTorch would fail on the missing key).
    if (group.momentum > 0 && state.momentumBuffer === undefined) state.momentumBuffer = this._firstBuffer(p);
    if (group.centered && state.gradAvg === undefined) state.gradAvg = this._firstBuffer(p);
  }

  protected _update(group: ParamGroup<RMSpropOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    this._nextStep(state);
    const ga = group.centered ? (state.gradAvg as Tensor) : null;
    const buf = group.momentum > 0 ? (state.momentumBuffer as Tensor) : null;
    runUpdate(
      "rmsprop",
      p,
      [g, state.squareAvg as Tensor, ga, buf],
      [group.lr, group.alpha, group.eps, group.weightDecay, group.momentum, group.maximize ? 1 : 0],
      30,
    );
  }
}

/** The keyword arguments of torch.optim.Adagrad, camelCase. */
export interface AdagradOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Learning-rate decay: step k uses lr / (1 + (k - 1) * lrDecay) (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** The starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator (default 1e-10). */
  eps: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Adagrad (Duchi et al.): divides by the root of the sum of all squared
 * gradients so far; state `step` and `sum`, made for every parameter when
 * the optimizer is made, as PyTorch does.
 */
export class Adagrad extends CountedOptimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, opts: Partial<AdagradOptions> = {}) {
    super(
      "Adagrad",
      params,
      { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false },
      opts,
      { buffers: ["sum"] },
    );
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const state: ParamState = {};
        this._initState(group, p, state);
        this.state.set(p, state);
      }
    }
  }

  protected _checkOptions(o: AdagradOptions): void {
    if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
    if (!(o.lrDecay >= 0)) throw new RangeError(`Invalid lr_decay value: ${o.lrDecay}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
    if (!(o.initialAccumulatorValue >= 0))
      throw new RangeError(`Invalid initial_accumulator_value value: ${o.initialAccumulatorValue}`);
    if (!(o.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${o.eps}`);
  }

  protected override _firstBuffer(p: Tensor): Tensor {
    // The constructor's value, not the group's: PyTorch 1.13 fills every sum with it.
    return fullLike(p, this.defaults.initialAccumulatorValue)._own();
  }

  protected _update(group: ParamGroup<AdagradOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    const step = this._nextStep(state);
    const clr = group.lr / (1 + (step - 1) * group.lrDecay);
    runUpdate("adagrad", p, [g, state.sum as Tensor], [-clr, group.eps, group.weightDecay, group.maximize ? 1 : 0], 20);
  }
}

/** The keyword arguments of torch.optim.Adadelta, camelCase. */
export interface AdadeltaOptions {
  /** Scales the delta before it is applied (default 1.0). */
  lr: number;
  /** Decay rate of the running averages (default 0.9). */
  rho: number;
  /** Added inside the square roots (default 1e-6). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Adadelta (Zeiler): the step is the ratio of running RMS of past updates
 * and of gradients; state `step`, `squareAvg`, `accDelta` (PyTorch's
 * square_avg, acc_delta).
 */
export class Adadelta extends CountedOptimizer<AdadeltaOptions> {
  constructor(params: Params<AdadeltaOptions>, opts: Partial<AdadeltaOptions> = {}) {
    const defaults: AdadeltaOptions = { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };
    super("Adadelta", params, defaults, opts, { buffers: ["squareAvg", "accDelta"] });
  }

  protected _checkOptions(o: AdadeltaOptions): void {
    if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
    if (!(o.rho >= 0 && o.rho <= 1)) throw new RangeError(`Invalid rho value: ${o.rho}`);
    if (!(o.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
  }

  protected _update(group: ParamGroup<AdadeltaOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    this._nextStep(state);
    runUpdate(
      "adadelta",
      p,
      [g, state.squareAvg as Tensor, state.accDelta as Tensor],
      [group.lr, group.rho, group.eps, group.weightDecay, group.maximize ? 1 : 0],
      30,
    );
  }
}
