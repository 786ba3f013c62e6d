// torch.optim.LBFGS, PyTorch 1.13's algorithm (torch/optim/lbfgs.py, after
// minFunc): the two-loop recursion over a limited history of steps and
// gradient changes, with a fixed step or a strong-Wolfe line search. The
// vectors are flat tensors of the parameters' dtype; the scalars PyTorch
// keeps in 0-d tensors (dot products, ro, H_diag) are numbers rounded to
// that dtype.

import { Tensor } from "../tensor.js";
import { noGrad, enableGrad } from "../autograd/gradMode.js";
import { tidy } from "../memory.js";
import { cat } from "../ops/movement.js";
import { zeros } from "../ops/creation.js";
import { kindOf } from "../args.js";
import {
  Optimizer,
  withDefaults,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamState,
  type Params,
} from "./optimizer.js";

/** The state keys holding a list of tensors (the update history). */
const HISTORY = ["oldDirs", "oldStps"] as const;
import { strongWolfe } from "./lineSearch.js";

/** The keyword arguments of torch.optim.LBFGS, camelCase (`lineSearchFn` null or "strong_wolfe"). */
export interface LBFGSOptions {
  /** Learning rate (default 1). */
  lr: number;
  /** Most iterations per step() (default 20). */
  maxIter: number;
  /** Most closure evaluations per step() (default null: maxIter * 5 / 4, rounded down). */
  maxEval: number | null;
  /** Stop when the largest gradient element is at most this (default 1e-7). */
  toleranceGrad: number;
  /** Stop when the loss or the step changes less than this (default 1e-9). */
  toleranceChange: number;
  /** How many past updates approximate the Hessian (default 100). */
  historySize: number;
  /** null (a fixed step of lr) or "strong_wolfe" (default null). */
  lineSearchFn: "strong_wolfe" | null;
}

/** A loss the closure returned, as a number (float(loss) in Python). */
function lossValue(v: unknown): number {
  if (v instanceof Tensor) return Number(v.item());
  if (typeof v === "number") return v;
  throw new TypeError(`LBFGS: the closure must return the loss (a Tensor or a number), but got ${kindOf(v)}`);
}

/**
 * L-BFGS: a quasi-Newton method; `step(closure)` calls the closure (which
 * zeroes the grads, computes the loss, calls backward and returns the loss)
 * as often as its iterations and line search need. One parameter group
 * only. Its state lives with the first parameter, as in PyTorch:
 * `funcEvals`, `nIter`, `d`, `t`, `oldDirs`, `oldStps`, `ro`, `HDiag`,
 * `prevFlatGrad`, `prevLoss`.
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  private readonly _params: Tensor[];

  constructor(params: Params<LBFGSOptions>, opts: Partial<LBFGSOptions> = {}) {
    const o = withDefaults(
      "LBFGS",
      {
        lr: 1,
        maxIter: 20,
        maxEval: null as number | null,
        toleranceGrad: 1e-7,
        toleranceChange: 1e-9,
        historySize: 100,
        lineSearchFn: null as "strong_wolfe" | null,
      },
      opts,
    );
    if (o.maxEval === null) o.maxEval = Math.floor((o.maxIter * 5) / 4);
    super(params, o, "LBFGS");
    if (this.paramGroups.length !== 1)
      throw new RangeError("LBFGS doesn't support per-parameter options (parameter groups)");
    this._params = this.paramGroups[0]!.params;
  }

  protected _checkOptions(o: LBFGSOptions): void {
    for (const k of ["lr", "maxIter", "toleranceGrad", "toleranceChange", "historySize"] as const) {
      if (typeof o[k] !== "number") throw new TypeError(`LBFGS(): ${k} must be a number, but got ${kindOf(o[k])}`);
    }
    if (o.maxEval !== null && typeof o.maxEval !== "number")
      throw new TypeError(`LBFGS(): maxEval must be a number or null, but got ${kindOf(o.maxEval)}`);
    if (o.lineSearchFn !== null && o.lineSearchFn !== "strong_wolfe") {
      // PyTorch accepts any value here and fails in step(); refusing it early is kinder.
      throw new RangeError("only 'strong_wolfe' is supported");
    }
  }

  override addParamGroup(group: { params: Iterable<Tensor> } & Partial<LBFGSOptions>): void {
    if (this.paramGroups.length > 0)
      throw new RangeError("LBFGS doesn't support per-parameter options (parameter groups)");
    super.addParamGroup(group);
  }

  protected _update(_group: ParamGroup<LBFGSOptions>, _p: Tensor, _g: Tensor, _state: ParamState): void {
    throw new Error("LBFGS updates all parameters at once in step(closure)");
  }

  /** Rounds a scalar to the parameters' dtype, as PyTorch's 0-d tensors hold it. */
  private _round(x: number): number {
    return this._params[0]!.dtype === "float32" ? Math.fround(x) : x;
  }

  private _gatherFlatGrad(): Tensor {
    return cat(
      this._params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p.dtype }) : p.grad.reshape(-1))),
    );
  }

  /** p += stepSize * update, each parameter its slice of the flat update. */
  private _addGrad(stepSize: number, update: Tensor): void {
    let offset = 0;
    for (const p of this._params) {
      const n = p.numel();
      tidy(() => p.add_(update.narrow(0, offset, n).view(p.shape as number[]), { alpha: stepSize }));
      offset += n;
    }
  }

  private _directionalEvaluate(closure: () => unknown, x: Tensor[], t: number, d: Tensor): [number, Tensor] {
    this._addGrad(t, d);
    const loss = lossValue(enableGrad(closure));
    const flatGrad = this._gatherFlatGrad();
    this._params.forEach((p, i) => p.copy_(x[i]!));
    return [loss, flatGrad];
  }

  /**
   * Performs one optimization step (up to maxIter iterations) and returns
   * the loss the first call of `closure` returned.
   */
  override step<R = undefined>(closure?: () => R): R | undefined {
    if (typeof closure !== "function")
      throw new TypeError(`LBFGS.step(closure): closure must be a function, but got ${kindOf(closure)}`);
    const group = this.paramGroups[0]!;
    const first = this._params[0]!;
    let state = this.state.get(first);
    if (state === undefined) {
      state = {};
      this.state.set(first, state);
    }
    const s = state as Record<string, unknown>;
    s.funcEvals ??= 0;
    s.nIter ??= 0;
    const origLoss = enableGrad(closure);
    noGrad(() => tidy(() => this._iterate(closure, group, s, lossValue(origLoss))));
    return origLoss;
  }

  private _iterate(
    closure: () => unknown,
    group: LBFGSOptions,
    state: Record<string, unknown>,
    firstLoss: number,
  ): void {
    const { lr, maxIter, toleranceGrad, toleranceChange, lineSearchFn, historySize } = group;
    const maxEval = group.maxEval ?? Math.floor((maxIter * 5) / 4);
    const r = (x: number): number => this._round(x);
    const absMax = (t: Tensor): number => Number(t.abs().max().item());
    let loss = firstLoss;
    let currentEvals = 1;
    state.funcEvals = (state.funcEvals as number) + 1;
    let flatGrad = this._gatherFlatGrad();
    if (absMax(flatGrad) <= toleranceGrad) return;

    let d = (state.d as Tensor | undefined) ?? null;
    let t = (state.t as number | undefined) ?? 0;
    let oldDirs = (state.oldDirs as Tensor[] | undefined) ?? [];
    let oldStps = (state.oldStps as Tensor[] | undefined) ?? [];
    let ro = (state.ro as number[] | undefined) ?? [];
    let hDiag = (state.HDiag as number | undefined) ?? 1;
    let prevFlatGrad = (state.prevFlatGrad as Tensor | undefined) ?? null;
    let prevLoss = (state.prevLoss as number | undefined) ?? 0;
    const own = (x: Tensor): Tensor => x._own();
    const replace = (old: Tensor | null, x: Tensor): Tensor => {
      if (old !== null && old !== x) old.dispose();
      return own(x);
    };

    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      state.nIter = (state.nIter as number) + 1;
      if (state.nIter === 1) {
        d = replace(d, flatGrad.neg());
        for (const x of [...oldDirs, ...oldStps]) x.dispose();
        oldDirs = [];
        oldStps = [];
        ro = [];
        hDiag = 1;
      } else {
        const y = flatGrad.sub(prevFlatGrad!);
        const sv = d!.mul(t);
        const ys = r(Number(y.dot(sv).item()));
        if (ys > 1e-10) {
          if (oldDirs.length === historySize) {
            oldDirs.shift()!.dispose();
            oldStps.shift()!.dispose();
            ro.shift();
          }
          oldDirs.push(own(y));
          oldStps.push(own(sv));
          ro.push(r(1 / ys));
          hDiag = r(ys / r(Number(y.dot(y).item())));
        }
        const numOld = oldDirs.length;
        const al: number[] = new Array<number>(numOld).fill(0);
        const q = flatGrad.neg();
        for (let i = numOld - 1; i >= 0; i--) {
          al[i] = r(r(Number(oldStps[i]!.dot(q).item())) * ro[i]!);
          q.add_(oldDirs[i]!, { alpha: -al[i]! });
        }
        const rv = q.mul(hDiag);
        for (let i = 0; i < numOld; i++) {
          const be = r(r(Number(oldDirs[i]!.dot(rv).item())) * ro[i]!);
          rv.add_(oldStps[i]!, { alpha: r(al[i]! - be) });
        }
        d = replace(d, rv);
      }
      if (prevFlatGrad === null) prevFlatGrad = own(flatGrad.clone());
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;
      // min(1., 1. / |g|_1) * lr: the quotient is a 0-d tensor in PyTorch, rounded to the dtype.
      t = state.nIter === 1 ? Math.min(1, r(1 / r(Number(flatGrad.abs().sum().item())))) * lr : lr;
      const gtd = r(Number(flatGrad.dot(d!).item()));
      if (gtd > -toleranceChange) break;

      let lsFuncEvals = 0;
      let optCond = false;
      if (lineSearchFn !== null) {
        const xInit = this._params.map((p) => p.clone());
        const res = strongWolfe(
          (x, tt, dd) => this._directionalEvaluate(closure, x, tt, dd),
          xInit,
          t,
          d!,
          loss,
          flatGrad,
          gtd,
          {
            toleranceChange,
            round: r,
          },
        );
        [loss, flatGrad, t, lsFuncEvals] = res;
        this._addGrad(t, d!);
        optCond = absMax(flatGrad) <= toleranceGrad;
      } else {
        this._addGrad(t, d!);
        if (nIter !== maxIter) {
          loss = lossValue(enableGrad(closure));
          flatGrad = this._gatherFlatGrad();
          optCond = absMax(flatGrad) <= toleranceGrad;
          lsFuncEvals = 1;
        }
      }
      currentEvals += lsFuncEvals;
      state.funcEvals = (state.funcEvals as number) + lsFuncEvals;
      if (nIter === maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      if (absMax(d!.mul(t)) <= toleranceChange) break;
      if (Math.abs(loss - prevLoss) < toleranceChange) break;
    }
    state.d = d;
    state.t = t;
    state.oldDirs = oldDirs;
    state.oldStps = oldStps;
    state.ro = ro;
    state.HDiag = hDiag;
    state.prevFlatGrad = prevFlatGrad;
    state.prevLoss = prevLoss;
  }

  /** The state as the base class gives it, the history's tensors as new handles too (dispose them, or use tidy). */
  override stateDict(): OptimizerStateDict<LBFGSOptions> {
    const sd = super.stateDict();
    for (const st of Object.values(sd.state) as Record<string, unknown>[]) {
      for (const k of HISTORY) {
        const v = st[k];
        if (Array.isArray(v)) st[k] = v.map((t: Tensor) => t.detach());
      }
      if (Array.isArray(st.ro)) st.ro = [...(st.ro as number[])];
    }
    return sd;
  }

  /** Restores options and state saved by stateDict, the history (oldDirs, oldStps, ro) copied too. */
  override loadStateDict(sd: OptimizerStateDict<LBFGSOptions>): void {
    const lists: Record<string, Record<string, unknown[]>> = {};
    const plain: Record<number, ParamState> = {};
    const given = (sd as { state?: unknown } | null)?.state;
    if (given !== null && typeof given === "object") {
      for (const [id, st] of Object.entries(given as Record<string, Record<string, unknown>>)) {
        if (st === null || typeof st !== "object") continue;
        const rest: Record<string, unknown> = {};
        lists[id] = {};
        for (const [k, v] of Object.entries(st)) {
          if (v === null) continue; // d and friends are null before the first iteration
          if (k === "d" || k === "prevFlatGrad") {
            // Flat over all parameters, so not of the first parameter's shape the base class checks.
            if (!(v instanceof Tensor))
              throw new TypeError(`loaded state dict: state "${k}" of parameter ${id} must be a Tensor`);
            lists[id]![k] = [v];
            continue;
          }
          if ((HISTORY as readonly string[]).includes(k) || k === "ro") {
            const ok = Array.isArray(v) && v.every((x) => (k === "ro" ? typeof x === "number" : x instanceof Tensor));
            if (!ok)
              throw new TypeError(
                `loaded state dict: state "${k}" of parameter ${id} must be an array of ${k === "ro" ? "numbers" : "Tensors"}`,
              );
            lists[id]![k] = v;
          } else rest[k] = v;
        }
        plain[Number(id)] = rest as ParamState;
      }
    }
    super.loadStateDict({ ...sd, state: plain });
    const first = this._params[0]!;
    const state = this.state.get(first) as Record<string, unknown> | undefined;
    const mine = lists["0"];
    if (state === undefined || mine === undefined) return;
    for (const [k, v] of Object.entries(mine)) {
      if (k === "ro") state[k] = [...(v as number[])];
      else if (k === "d" || k === "prevFlatGrad") state[k] = (v[0] as Tensor).clone()._own();
      else state[k] = (v as Tensor[]).map((t) => t.clone()._own());
    }
  }

  /** Frees the optimizer's state, the history's tensors too. */
  override dispose(): void {
    for (const s of this.state.values()) {
      for (const k of ["oldDirs", "oldStps"])
        for (const x of (s[k] as unknown as Tensor[] | undefined) ?? []) x.dispose();
    }
    super.dispose();
  }
}
