// torch.optim.SGD, one fused kernel per parameter (sgd_<dtype>), in the order
// of operations of PyTorch's _single_tensor_sgd.

import { Tensor } from "../tensor.js";
import { Optimizer, withDefaults, type ParamGroup, type ParamState, type Params } from "./optimizer.js";
import { runUpdate } from "./fused.js";

/**
 * The update's time per element relative to a plain elementwise op's, which
 * sizes it for the thread pool: per 200K float32 values a plain add takes
 * 30 us, SGD 287 us, SGD with momentum 907 us.
 */
const UPDATE_COST = 10,
  MOMENTUM_UPDATE_COST = 30;

/** The keyword arguments of torch.optim.SGD, camelCase (`weightDecay` for weight_decay). */
export interface SGDOptions {
  /** Learning rate (default 1e-3, as PyTorch 2). */
  lr: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Dampening for momentum (default 0). */
  dampening: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Stochastic gradient descent, optionally with momentum (PyTorch's form:
 * buf = momentum * buf + (1 - dampening) * grad; p -= lr * buf, or
 * p -= lr * (grad + momentum * buf) with Nesterov).
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, opts: Partial<SGDOptions> = {}) {
    super(
      params,
      withDefaults(
        "SGD",
        { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false },
        opts,
      ),
      "SGD",
    );
  }

  protected _checkOptions(o: SGDOptions): void {
    if (!(o.lr >= 0)) throw new RangeError(`Invalid learning rate: ${o.lr}`);
    if (!(o.momentum >= 0)) throw new RangeError(`Invalid momentum value: ${o.momentum}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0))
      throw new RangeError("Nesterov momentum requires a momentum and zero dampening");
  }

  protected override readonly _tensorKeys = ["momentumBuffer"];

  protected override _checkState(s: ParamState, id: string): void {
    if (s.momentumBuffer !== undefined && !(s.momentumBuffer instanceof Tensor)) {
      throw new TypeError(`loaded state dict: momentumBuffer of parameter ${id} must be a Tensor`);
    }
  }

  /** Momentum buffers made by _initState and not yet written: their first update copies the grad in. */
  private readonly _fresh = new WeakSet<Tensor>();

  protected override _initState(group: ParamGroup<SGDOptions>, p: Tensor, state: ParamState): void {
    if (group.momentum !== 0 && state.momentumBuffer === undefined) {
      const b = this._stateTensor(p);
      this._fresh.add(b);
      state.momentumBuffer = b;
    }
  }

  protected _update(group: ParamGroup<SGDOptions>, p: Tensor, g: Tensor, state: ParamState): void {
    let buf: Tensor | null = null;
    let first = false;
    if (group.momentum !== 0) {
      buf = state.momentumBuffer as Tensor;
      first = this._fresh.delete(buf);
    }
    runUpdate(
      "sgd",
      p,
      [g, buf],
      [
        group.lr,
        group.momentum,
        group.dampening,
        group.weightDecay,
        group.nesterov ? 1 : 0,
        group.maximize ? 1 : 0,
        first ? 1 : 0,
      ],
      group.momentum !== 0 ? MOMENTUM_UPDATE_COST : UPDATE_COST,
    );
  }
}
