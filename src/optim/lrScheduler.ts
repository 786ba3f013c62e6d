// torch.optim.lr_scheduler: the schedulers of PyTorch 1.13, with its
// formulas in its order of operations. Most are chainable: step() computes
// the next learning rate from the group's current one (lr * gamma), not from
// a closed form, so the floating-point results are PyTorch's only if the
// same recursion is followed; the closed forms are used where PyTorch uses
// them (step(epoch), SequentialLR's milestones).
//
// A subclass sets its fields, then calls _attach (what PyTorch's
// _LRScheduler.__init__ does before its first step) and _initialStep: a
// JavaScript base constructor cannot see the subclass's fields, which
// PyTorch sets before calling super().__init__.

import { Optimizer } from "./optimizer.js";
import { Tensor } from "../tensor.js";
import { checkOptionsObject, kindOf } from "../args.js";

/** A parameter group as a scheduler sees it: its options by name (lr, momentum, betas, initialLr, ...). */
type Group = Record<string, unknown> & { lr: number };

/** A scheduler's state: its numbers and lists, in PyTorch's state_dict's fields (camelCase). */
export type SchedulerStateDict = Record<string, unknown>;

/** The function LambdaLR and MultiplicativeLR take: the epoch count to a factor of the learning rate. */
export type LrLambda = (epoch: number) => number;

const groupsOf = (opt: Optimizer<object>): Group[] => opt.paramGroups as unknown as Group[];

function checkOptimizer(optimizer: unknown): Optimizer<object> {
  if (!(optimizer instanceof Optimizer)) {
    const name =
      optimizer === null
        ? "NoneType"
        : typeof optimizer === "object"
          ? ((optimizer as object).constructor?.name ?? "object")
          : typeof optimizer;
    throw new TypeError(`${name} is not an Optimizer`);
  }
  return optimizer;
}

/** A number option or argument (PyTorch's float/int), or a TypeError naming it. */
function num(v: unknown, cls: string, name: string): number {
  if (typeof v !== "number") throw new TypeError(`${cls}(): ${name} must be a number, but got ${kindOf(v)}`);
  return v;
}

/** A number option that may be absent (its default). */
const optNum = (v: unknown, dflt: number, cls: string, name: string): number =>
  v === undefined ? dflt : num(v, cls, name);

/** Python's "{:.4e}" (two-digit exponent). */
function sci(x: number): string {
  const [m, e] = x.toExponential(4).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

/** What kind of value a state field holds, for messages and checks. */
const kindOfValue = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Checks a state dict before loadStateDict copies it in: a state dict may come
 * from an untrusted file (loadCheckpoint), so it may neither replace a method
 * or the prototype nor change a field's kind (a number stays a number or
 * null, a list of numbers a list of numbers); fields the scheduler lacks are
 * taken as PyTorch's __dict__.update takes them.
 */
function checkLoadedState(target: object, state: SchedulerStateDict): void {
  for (const [k, v] of Object.entries(state)) {
    if (k === "__proto__" || (k in target && typeof (target as Record<string, unknown>)[k] === "function"))
      throw new TypeError(`loadStateDict(): "${k}" is not a state field of the scheduler`);
    if (!Object.prototype.hasOwnProperty.call(target, k) || NOT_STATE.has(k) || k === "optimizer") continue;
    const old = (target as Record<string, unknown>)[k];
    // null is a state value in PyTorch too (ReduceLROnPlateau's mode_worse before its first step).
    if (old === null || old === undefined || v === null || v === undefined) continue;
    const numbers = (a: unknown): boolean => Array.isArray(a) && a.every((x) => typeof x === "number");
    if (kindOfValue(v) !== kindOfValue(old) || (numbers(old) && (old as number[]).length > 0 && !numbers(v))) {
      throw new TypeError(
        `loadStateDict(): ${k.startsWith("_") ? `the internal state ${k.slice(1)}` : `state "${k}"`} must be ${numbers(old) ? "a list of numbers" : `a ${kindOfValue(old)}`}, but got ${kindOf(v)}`,
      );
    }
  }
}

/** A deep copy of a state value (numbers, strings, arrays, plain objects). */
function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
  return v;
}

/** One value per parameter group: a list of that length, or one value repeated. */
function formatParam<T>(name: string, optimizer: Optimizer<object>, param: T | readonly T[]): T[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) throw new RangeError(`expected ${n} values for ${name}, got ${param.length}`);
    for (const v of param)
      if (typeof v !== "number")
        throw new TypeError(`${name} must be a number or a list of numbers, but got ${kindOf(v)}`);
    return [...(param as T[])];
  }
  if (typeof param !== "number")
    throw new TypeError(`${name} must be a number or a list of numbers, but got ${kindOf(param)}`);
  return Array.from({ length: n }, () => param as T);
}

interface BaseOptions {
  /** The index of the last epoch when resuming (default -1: start). */
  lastEpoch?: number;
  /** Print each update of the learning rate (default false). */
  verbose?: boolean;
}

/** Fields a stateDict leaves out or writes itself: the optimizer, functions, the wrapped schedulers. */
const NOT_STATE = new Set(["optimizer", "lrLambdas", "_schedulers"]);

const BASE_KEYS = ["lastEpoch", "verbose"] as const;

/** The base of the epoch-driven schedulers (PyTorch's _LRScheduler). */
export abstract class LRScheduler {
  /** The optimizer whose learning rates are scheduled. */
  optimizer!: Optimizer<object>;
  /** Each group's initial learning rate. */
  baseLrs: number[] = [];
  /** The index of the last step taken (-1 before the first). */
  lastEpoch = -1;
  /** Print each learning-rate change (PyTorch 1.13's verbose). */
  verbose = false;
  protected _stepCount = 0;
  protected _lastLr: number[] = [];

  /** Attaches to the optimizer: records each group's initialLr (PyTorch's initial_lr) and the base learning rates. */
  protected _attach(optimizer: Optimizer<object>, lastEpoch = -1, verbose = false): void {
    this.optimizer = checkOptimizer(optimizer);
    if (typeof verbose !== "boolean") throw new TypeError(`verbose must be a boolean, but got ${kindOf(verbose)}`);
    if (!Number.isInteger(lastEpoch)) throw new TypeError(`lastEpoch must be an integer, but got ${kindOf(lastEpoch)}`);
    const groups = groupsOf(optimizer);
    if (lastEpoch === -1) {
      for (const g of groups) if (!("initialLr" in g)) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!("initialLr" in g))
          throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
    this.verbose = verbose;
  }

  /**
   * The first lines of a subclass's constructor: its options checked (the
   * base ones and `keys`), then the optimizer.
   */
  protected _options<O extends object = object>(
    cls: string,
    optimizer: unknown,
    opts: unknown,
    keys: readonly string[] = [],
  ): Partial<BaseOptions & O> {
    const o = checkOptionsObject<BaseOptions & O>(opts, cls, [...BASE_KEYS, ...keys]);
    checkOptimizer(optimizer);
    return o;
  }

  /** The last lines of a subclass's constructor, once its fields are set: attach, then the first step. */
  protected _start(optimizer: Optimizer<object>, o: BaseOptions): void {
    this._attach(optimizer, o.lastEpoch, o.verbose);
    this._initialStep();
  }

  protected _initialStep(): void {
    this._stepCount = 0;
    this.step();
  }

  /** The learning rates of the next step, from the groups' current ones (the chainable form). */
  protected abstract _getLr(): number[];

  /** Each group's current learning rate times `factor` (1 keeps it): a chainable step. */
  protected _chained(factor = 1): number[] {
    return groupsOf(this.optimizer).map((g) => g.lr * factor);
  }

  /** The learning rates at lastEpoch in closed form, where the scheduler has one (used by step(epoch)). */
  protected _getClosedFormLr(): number[] | null {
    return null;
  }

  /** The learning rates the last step set, one per parameter group. */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /**
   * Advances one epoch (or batch) and sets each group's learning rate. Passing
   * `epoch` is deprecated in PyTorch (it jumps to that epoch using the closed
   * form where there is one).
   */
  step(epoch?: number): void {
    this._stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this._getLr();
    } else {
      if (typeof epoch !== "number") throw new TypeError(`step(): epoch must be a number, but got ${kindOf(epoch)}`);
      this.lastEpoch = epoch;
      values = this._getClosedFormLr() ?? this._getLr();
    }
    this._setLrs(values, epoch);
  }

  protected _setLrs(values: number[], epoch?: number): void {
    const groups = groupsOf(this.optimizer);
    groups.forEach((g, i) => {
      if (i >= values.length) return;
      g.lr = values[i]!;
      this._printLr(i, values[i]!, epoch);
    });
    this._lastLr = groups.map((g) => g.lr);
  }

  protected _printLr(group: number, lr: number, epoch?: number): void {
    if (!this.verbose) return;
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${sci(lr)}.`);
    else {
      const e = Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2);
      console.log(`Epoch ${e}: adjusting learning rate of group ${group} to ${sci(lr)}.`);
    }
  }

  /** The scheduler's state (everything but the optimizer), as plain numbers and lists. */
  stateDict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) {
      if (NOT_STATE.has(k) || typeof v === "function") continue;
      out[k] = copy(v);
    }
    return out;
  }

  /** Restores a state saved by stateDict (the optimizer's own state is loaded separately). */
  loadStateDict(state: SchedulerStateDict): void {
    if (state === null || typeof state !== "object" || Array.isArray(state)) {
      throw new TypeError(`loadStateDict(): expected a scheduler state dict, but got ${kindOf(state)}`);
    }
    checkLoadedState(this, state);
    for (const [k, v] of Object.entries(state)) {
      if (NOT_STATE.has(k)) continue;
      (this as Record<string, unknown>)[k] = copy(v);
    }
  }
}

/** The schedulers driven by one function of the epoch per parameter group (LambdaLR, MultiplicativeLR). */
abstract class LambdaScheduler extends LRScheduler {
  /** lr_lambdas: one function per parameter group, from the epoch to a factor of the learning rate. */
  lrLambdas: LrLambda[];

  constructor(cls: string, optimizer: Optimizer<object>, lrLambda: LrLambda | readonly LrLambda[], opts: BaseOptions) {
    super();
    const o = this._options(cls, optimizer, opts);
    this.lrLambdas = lambdas(optimizer, lrLambda);
    this._start(optimizer, o);
  }

  /** Functions are not state: they are saved as null (PyTorch saves only callable objects' attributes). */
  protected _lambdaFreeState(): SchedulerStateDict {
    return { ...super.stateDict(), lrLambdas: this.lrLambdas.map(() => null) };
  }
}

function lambdas(optimizer: Optimizer<object>, lrLambda: LrLambda | readonly LrLambda[]): LrLambda[] {
  const n = optimizer.paramGroups.length;
  const list = Array.isArray(lrLambda)
    ? [...(lrLambda as LrLambda[])]
    : Array.from({ length: n }, () => lrLambda as LrLambda);
  if (list.length !== n) throw new RangeError(`Expected ${n} lr_lambdas, but got ${list.length}`);
  for (const f of list)
    if (typeof f !== "function")
      throw new TypeError(`lrLambda must be a function or a list of functions, but got ${kindOf(f)}`);
  return list;
}

/** lr = initial lr * lrLambda(epoch), per group. */
export class LambdaLR extends LambdaScheduler {
  constructor(optimizer: Optimizer<object>, lrLambda: LrLambda | readonly LrLambda[], opts: BaseOptions = {}) {
    super("LambdaLR", optimizer, lrLambda, opts);
  }

  protected _getLr(): number[] {
    return this.lrLambdas.map((f, i) => this.baseLrs[i]! * f(this.lastEpoch));
  }

  /** The scheduler's state, its functions saved as null. */
  override stateDict(): SchedulerStateDict {
    return this._lambdaFreeState();
  }
}

/** lr = lr * lrLambda(epoch) at every step after the first. */
export class MultiplicativeLR extends LambdaScheduler {
  constructor(optimizer: Optimizer<object>, lrLambda: LrLambda | readonly LrLambda[], opts: BaseOptions = {}) {
    super("MultiplicativeLR", optimizer, lrLambda, opts);
  }

  protected _getLr(): number[] {
    if (this.lastEpoch > 0) return groupsOf(this.optimizer).map((g, i) => g.lr * this.lrLambdas[i]!(this.lastEpoch));
    return this._chained();
  }

  /** The scheduler's state, its functions saved as null. */
  override stateDict(): SchedulerStateDict {
    return this._lambdaFreeState();
  }
}

/** Multiplies the learning rate by gamma every stepSize epochs. */
export class StepLR extends LRScheduler {
  /** step_size: epochs between decays. */
  stepSize: number;
  /** The factor of each decay. */
  gamma: number;

  constructor(optimizer: Optimizer<object>, stepSize: number, opts: BaseOptions & { gamma?: number } = {}) {
    super();
    const o = this._options<{ gamma: number }>("StepLR", optimizer, opts, ["gamma"]);
    this.stepSize = num(stepSize, "StepLR", "stepSize");
    this.gamma = optNum(o.gamma, 0.1, "StepLR", "gamma");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    return this._chained(this.lastEpoch === 0 || pyMod(this.lastEpoch, this.stepSize) !== 0 ? 1 : this.gamma);
  }

  protected override _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/** Python's % (the result has the divisor's sign). */
const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

/** Multiplies the learning rate by gamma at each milestone (by gamma^k for a milestone listed k times). */
export class MultiStepLR extends LRScheduler {
  /** The milestones, sorted, repeated as often as given (PyTorch keeps a Counter). */
  milestones: number[];
  /** The factor of each decay. */
  gamma: number;

  constructor(
    optimizer: Optimizer<object>,
    milestones: readonly number[],
    opts: BaseOptions & { gamma?: number } = {},
  ) {
    super();
    const o = this._options<{ gamma: number }>("MultiStepLR", optimizer, opts, ["gamma"]);
    if (!Array.isArray(milestones) || !milestones.every((m) => typeof m === "number")) {
      throw new TypeError(`MultiStepLR(): milestones must be a list of numbers, but got ${kindOf(milestones)}`);
    }
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.gamma = optNum(o.gamma, 0.1, "MultiStepLR", "gamma");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    return this._chained(count === 0 ? 1 : this.gamma ** count);
  }

  protected override _getClosedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length; // bisect_right
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}

/** Multiplies the learning rate by factor until epoch totalIters. */
export class ConstantLR extends LRScheduler {
  /** The factor applied until totalIters. */
  factor: number;
  /** total_iters: the steps the factor lasts. */
  totalIters: number;

  constructor(optimizer: Optimizer<object>, opts: BaseOptions & { factor?: number; totalIters?: number } = {}) {
    super();
    const o = this._options<{ factor: number; totalIters: number }>("ConstantLR", optimizer, opts, [
      "factor",
      "totalIters",
    ]);
    const factor = optNum(o.factor, 1.0 / 3, "ConstantLR", "factor");
    if (factor > 1.0 || factor < 0)
      throw new RangeError("Constant multiplicative factor expected to be between 0 and 1.");
    this.factor = factor;
    this.totalIters = optNum(o.totalIters, 5, "ConstantLR", "totalIters");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    if (this.lastEpoch === 0) return this._chained(this.factor);
    if (this.lastEpoch > this.totalIters || this.lastEpoch !== this.totalIters) return this._chained();
    return this._chained(1.0 / this.factor);
  }

  protected override _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (this.factor + Number(this.lastEpoch >= this.totalIters) * (1 - this.factor)));
  }
}

/** Changes the multiplicative factor linearly from startFactor to endFactor over totalIters epochs. */
export class LinearLR extends LRScheduler {
  /** start_factor: the factor of the first step. */
  startFactor: number;
  /** end_factor: the factor after totalIters. */
  endFactor: number;
  /** total_iters: the steps of the linear change. */
  totalIters: number;

  constructor(
    optimizer: Optimizer<object>,
    opts: BaseOptions & { startFactor?: number; endFactor?: number; totalIters?: number } = {},
  ) {
    super();
    const o = this._options<{ startFactor: number; endFactor: number; totalIters: number }>(
      "LinearLR",
      optimizer,
      opts,
      ["startFactor", "endFactor", "totalIters"],
    );
    const startFactor = optNum(o.startFactor, 1.0 / 3, "LinearLR", "startFactor"),
      endFactor = optNum(o.endFactor, 1.0, "LinearLR", "endFactor");
    if (startFactor > 1.0 || startFactor < 0)
      throw new RangeError("Starting multiplicative factor expected to be between 0 and 1.");
    if (endFactor > 1.0 || endFactor < 0)
      throw new RangeError("Ending multiplicative factor expected to be between 0 and 1.");
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = optNum(o.totalIters, 5, "LinearLR", "totalIters");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    if (this.lastEpoch === 0) return this._chained(this.startFactor);
    if (this.lastEpoch > this.totalIters) return this._chained();
    const { startFactor: s, endFactor: e, totalIters: t } = this;
    return this._chained(1.0 + (e - s) / (t * s + (this.lastEpoch - 1) * (e - s)));
  }

  protected override _getClosedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: t } = this;
    return this.baseLrs.map((b) => b * (s + ((e - s) * Math.min(t, this.lastEpoch)) / t));
  }
}

/** Multiplies the learning rate by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  /** The factor each step multiplies the lr by. */
  gamma: number;

  constructor(optimizer: Optimizer<object>, gamma: number, opts: BaseOptions = {}) {
    super();
    const o = this._options("ExponentialLR", optimizer, opts);
    this.gamma = num(gamma, "ExponentialLR", "gamma");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    return this._chained(this.lastEpoch === 0 ? 1 : this.gamma);
  }

  protected override _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

/** Decays the learning rate by a polynomial of the given power over totalIters epochs. */
export class PolynomialLR extends LRScheduler {
  /** total_iters: the steps until the lr reaches 0. */
  totalIters: number;
  /** The power of the polynomial. */
  power: number;

  constructor(optimizer: Optimizer<object>, opts: BaseOptions & { totalIters?: number; power?: number } = {}) {
    super();
    const o = this._options<{ totalIters: number; power: number }>("PolynomialLR", optimizer, opts, [
      "totalIters",
      "power",
    ]);
    this.totalIters = optNum(o.totalIters, 5, "PolynomialLR", "totalIters");
    this.power = optNum(o.power, 1.0, "PolynomialLR", "power");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return this._chained();
    const t = this.totalIters;
    return this._chained(((1.0 - this.lastEpoch / t) / (1.0 - (this.lastEpoch - 1) / t)) ** this.power);
  }

  protected override _getClosedFormLr(): number[] {
    return this.baseLrs.map(
      (b) => b * (1.0 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power,
    );
  }
}

/** Cosine annealing from the initial learning rate to etaMin over tMax epochs (and back, periodically). */
export class CosineAnnealingLR extends LRScheduler {
  /** T_max: the steps of half a cosine period. */
  tMax: number;
  /** eta_min: the lowest learning rate. */
  etaMin: number;

  constructor(optimizer: Optimizer<object>, tMax: number, opts: BaseOptions & { etaMin?: number } = {}) {
    super();
    const o = this._options<{ etaMin: number }>("CosineAnnealingLR", optimizer, opts, ["etaMin"]);
    this.tMax = num(tMax, "CosineAnnealingLR", "tMax");
    this.etaMin = optNum(o.etaMin, 0, "CosineAnnealingLR", "etaMin");
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    const { etaMin, tMax, lastEpoch: e } = this;
    if (e === 0) return this._chained();
    if (this._stepCount === 1 && e > 0) {
      return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / tMax))) / 2);
    }
    if (pyMod(e - 1 - tMax, 2 * tMax) === 0) {
      return groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    return groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * e) / tMax)) / (1 + Math.cos((Math.PI * (e - 1)) / tMax))) * (g.lr - etaMin) + etaMin,
    );
  }

  protected override _getClosedFormLr(): number[] {
    const { etaMin, tMax, lastEpoch: e } = this;
    return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((Math.PI * e) / tMax))) / 2);
  }
}

/** Cosine annealing with warm restarts (SGDR): periods t0, t0 * tMult, t0 * tMult^2, ... */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  /** T_0: the steps of the first period. */
  t0: number;
  /** T_i: the steps of the current period. */
  tI: number;
  /** T_mult: the factor each restart grows the period by. */
  tMult: number;
  /** eta_min: the lowest learning rate. */
  etaMin: number;
  /** T_cur: the steps since the last restart. */
  tCur: number;

  constructor(optimizer: Optimizer<object>, t0: number, opts: BaseOptions & { tMult?: number; etaMin?: number } = {}) {
    super();
    const o = this._options<{ tMult: number; etaMin: number }>("CosineAnnealingWarmRestarts", optimizer, opts, [
      "tMult",
      "etaMin",
    ]);
    const tMult = optNum(o.tMult, 1, "CosineAnnealingWarmRestarts", "tMult");
    if (!Number.isInteger(t0) || t0 <= 0) throw new RangeError(`Expected positive integer T_0, but got ${t0}`);
    if (!Number.isInteger(tMult) || tMult < 1) throw new RangeError(`Expected integer T_mult >= 1, but got ${tMult}`);
    this.t0 = t0;
    this.tI = t0;
    this.tMult = tMult;
    this.etaMin = optNum(o.etaMin, 0, "CosineAnnealingWarmRestarts", "etaMin");
    this.tCur = o.lastEpoch ?? -1;
    this._start(optimizer, o);
  }

  protected _getLr(): number[] {
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2,
    );
  }

  /** Steps one epoch, or to `epoch` (fractional epochs allowed: step(epoch + i / itersPerEpoch)). */
  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur - this.tI;
        this.tI = this.tI * this.tMult;
      }
    } else {
      if (typeof epoch !== "number") throw new TypeError(`step(): epoch must be a number, but got ${kindOf(epoch)}`);
      if (epoch < 0) throw new RangeError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.t0) {
        if (this.tMult === 1) this.tCur = pyMod(epoch, this.t0);
        else {
          const n = Math.trunc(Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
          this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this._setLrs(this._getLr(), epoch);
  }
}

type OneCycleOptions = BaseOptions & {
  totalSteps?: number | null;
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  pctStart?: number;
  annealStrategy?: "cos" | "linear";
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
};

interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

/** The 1cycle policy: warm up to maxLr, then anneal far below the initial learning rate (per batch). */
export class OneCycleLR extends LRScheduler {
  /** total_steps: the steps of the whole cycle. */
  totalSteps: number;
  /** anneal_strategy: "cos" or "linear". */
  annealStrategy: "cos" | "linear";
  /** cycle_momentum: whether momentum cycles inversely to the lr. */
  cycleMomentum: boolean;
  /** Whether the optimizer's momentum is its betas[0] (Adam) rather than `momentum` (SGD). */
  useBeta1 = false;
  private _schedulePhases: Phase[];

  constructor(optimizer: Optimizer<object>, maxLr: number | readonly number[], opts: OneCycleOptions = {}) {
    super();
    const o = checkOptionsObject<OneCycleOptions>(opts, "OneCycleLR", [
      ...BASE_KEYS,
      "totalSteps",
      "epochs",
      "stepsPerEpoch",
      "pctStart",
      "annealStrategy",
      "cycleMomentum",
      "baseMomentum",
      "maxMomentum",
      "divFactor",
      "finalDivFactor",
      "threePhase",
    ]);
    checkOptimizer(optimizer);
    const { totalSteps, epochs, stepsPerEpoch } = o;
    const given = (v: unknown): v is number => v !== undefined && v !== null;
    if (!given(totalSteps) && !given(epochs) && !given(stepsPerEpoch)) {
      throw new RangeError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    } else if (given(totalSteps)) {
      if (!Number.isInteger(totalSteps) || totalSteps <= 0)
        throw new RangeError(`Expected positive integer total_steps, but got ${totalSteps}`);
      this.totalSteps = totalSteps;
    } else {
      if (!Number.isInteger(epochs) || epochs! <= 0)
        throw new RangeError(`Expected positive integer epochs, but got ${epochs}`);
      if (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch! <= 0)
        throw new RangeError(`Expected positive integer steps_per_epoch, but got ${stepsPerEpoch}`);
      this.totalSteps = epochs! * stepsPerEpoch!;
    }
    const pctStart = optNum(o.pctStart, 0.3, "OneCycleLR", "pctStart");
    const t = this.totalSteps;
    this._schedulePhases = o.threePhase
      ? [
          {
            endStep: pctStart * t - 1,
            startLr: "initialLr",
            endLr: "maxLr",
            startMomentum: "maxMomentum",
            endMomentum: "baseMomentum",
          },
          {
            endStep: 2 * pctStart * t - 2,
            startLr: "maxLr",
            endLr: "initialLr",
            startMomentum: "baseMomentum",
            endMomentum: "maxMomentum",
          },
          {
            endStep: t - 1,
            startLr: "initialLr",
            endLr: "minLr",
            startMomentum: "maxMomentum",
            endMomentum: "maxMomentum",
          },
        ]
      : [
          {
            endStep: pctStart * t - 1,
            startLr: "initialLr",
            endLr: "maxLr",
            startMomentum: "maxMomentum",
            endMomentum: "baseMomentum",
          },
          {
            endStep: t - 1,
            startLr: "maxLr",
            endLr: "minLr",
            startMomentum: "baseMomentum",
            endMomentum: "maxMomentum",
          },
        ];
    if (typeof pctStart !== "number" || pctStart < 0 || pctStart > 1)
      throw new RangeError(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    const anneal = o.annealStrategy ?? "cos";
    if (anneal !== "cos" && anneal !== "linear")
      throw new RangeError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${anneal}`);
    this.annealStrategy = anneal;
    const maxLrs = formatParam("max_lr", optimizer, maxLr);
    const divFactor = optNum(o.divFactor, 25.0, "OneCycleLR", "divFactor"),
      finalDivFactor = optNum(o.finalDivFactor, 1e4, "OneCycleLR", "finalDivFactor");
    const lastEpoch = o.lastEpoch ?? -1;
    const groups = groupsOf(optimizer);
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i]! / divFactor;
        g.maxLr = maxLrs[i]!;
        g.minLr = (g.initialLr as number) / finalDivFactor;
      });
    }
    this.cycleMomentum = o.cycleMomentum ?? true;
    if (typeof this.cycleMomentum !== "boolean")
      throw new TypeError(`OneCycleLR(): cycleMomentum must be a boolean, but got ${kindOf(this.cycleMomentum)}`);
    if (this.cycleMomentum) {
      const d = optimizer.defaults as Record<string, unknown>;
      if (!("momentum" in d) && !("betas" in d))
        throw new RangeError("optimizer must support momentum with `cycle_momentum` option enabled");
      this.useBeta1 = "betas" in d;
      const maxMomentums = formatParam("max_momentum", optimizer, o.maxMomentum ?? 0.95);
      const baseMomentums = formatParam("base_momentum", optimizer, o.baseMomentum ?? 0.85);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          if (this.useBeta1) g.betas = [maxMomentums[i]!, ...(g.betas as number[]).slice(1)];
          else g.momentum = maxMomentums[i]!;
          g.maxMomentum = maxMomentums[i]!;
          g.baseMomentum = baseMomentums[i]!;
        });
      }
    }
    this._attach(optimizer, lastEpoch, o.verbose);
    this._initialStep();
  }

  private _anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === "cos") {
      const cosOut = Math.cos(Math.PI * pct) + 1;
      return end + ((start - end) / 2.0) * cosOut;
    }
    return (end - start) * pct + start;
  }

  protected _getLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new RangeError(
        `Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`,
      );
    }
    const phases = this._schedulePhases;
    return groupsOf(this.optimizer).map((g) => {
      let startStep = 0;
      let lr = 0,
        momentum = 0;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i]!;
        if (stepNum <= p.endStep || i === phases.length - 1) {
          const pct = (stepNum - startStep) / (p.endStep - startStep);
          lr = this._anneal(g[p.startLr] as number, g[p.endLr] as number, pct);
          if (this.cycleMomentum)
            momentum = this._anneal(g[p.startMomentum] as number, g[p.endMomentum] as number, pct);
          break;
        }
        startStep = p.endStep;
      }
      if (this.cycleMomentum) {
        if (this.useBeta1) g.betas = [momentum, ...(g.betas as number[]).slice(1)];
        else g.momentum = momentum;
      }
      return lr;
    });
  }
}

type CyclicOptions = BaseOptions & {
  stepSizeUp?: number;
  stepSizeDown?: number | null;
  mode?: "triangular" | "triangular2" | "exp_range";
  gamma?: number;
  scaleFn?: ((x: number) => number) | null;
  scaleMode?: "cycle" | "iterations";
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
};

/** Cycles the learning rate between baseLr and maxLr (per batch), momentum inversely. */
export class CyclicLR extends LRScheduler {
  /** max_lrs: the upper learning rate of each group. */
  maxLrs: number[];
  /** The steps of one cycle. */
  totalSize: number;
  /** The fraction of a cycle spent increasing. */
  stepRatio: number;
  /** "triangular", "triangular2" or "exp_range" (ignored when a scaleFn is given). */
  mode: string;
  /** The factor of "exp_range". */
  gamma: number;
  /** scale_mode: whether the scale function reads the cycle number or the step count. */
  scaleMode: "cycle" | "iterations";
  /** cycle_momentum: whether momentum cycles inversely to the lr. */
  cycleMomentum: boolean;
  /** base_momentum of each group. */
  baseMomentums: number[] = [];
  /** max_momentum of each group. */
  maxMomentums: number[] = [];
  private _scaleFnCustom: ((x: number) => number) | null;

  constructor(
    optimizer: Optimizer<object>,
    baseLr: number | readonly number[],
    maxLr: number | readonly number[],
    opts: CyclicOptions = {},
  ) {
    super();
    const o = checkOptionsObject<CyclicOptions>(opts, "CyclicLR", [
      ...BASE_KEYS,
      "stepSizeUp",
      "stepSizeDown",
      "mode",
      "gamma",
      "scaleFn",
      "scaleMode",
      "cycleMomentum",
      "baseMomentum",
      "maxMomentum",
    ]);
    checkOptimizer(optimizer);
    const lastEpoch = o.lastEpoch ?? -1;
    const baseLrs = formatParam("base_lr", optimizer, baseLr);
    const groups = groupsOf(optimizer);
    if (lastEpoch === -1) groups.forEach((g, i) => (g.lr = baseLrs[i]!));
    this.maxLrs = formatParam("max_lr", optimizer, maxLr);
    const up = optNum(o.stepSizeUp, 2000, "CyclicLR", "stepSizeUp");
    const down = o.stepSizeDown === null ? up : optNum(o.stepSizeDown, up, "CyclicLR", "stepSizeDown");
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    const mode = o.mode ?? "triangular";
    const scaleFn = o.scaleFn ?? null;
    if (!["triangular", "triangular2", "exp_range"].includes(mode) && scaleFn === null)
      throw new RangeError("mode is invalid and scale_fn is None");
    this.mode = mode;
    this.gamma = optNum(o.gamma, 1.0, "CyclicLR", "gamma");
    if (scaleFn !== null && typeof scaleFn !== "function")
      throw new TypeError(`CyclicLR(): scaleFn must be a function, but got ${kindOf(scaleFn)}`);
    this._scaleFnCustom = scaleFn;
    this.scaleMode = scaleFn === null ? (mode === "exp_range" ? "iterations" : "cycle") : (o.scaleMode ?? "cycle");
    this.cycleMomentum = o.cycleMomentum ?? true;
    if (typeof this.cycleMomentum !== "boolean")
      throw new TypeError(`CyclicLR(): cycleMomentum must be a boolean, but got ${kindOf(this.cycleMomentum)}`);
    if (this.cycleMomentum) {
      if (!("momentum" in (optimizer.defaults as object)))
        throw new RangeError("optimizer must support momentum with `cycle_momentum` option enabled");
      const baseMomentums = formatParam("base_momentum", optimizer, o.baseMomentum ?? 0.8);
      if (lastEpoch === -1) groups.forEach((g, i) => (g.momentum = baseMomentums[i]!));
      this.baseMomentums = groups.map((g) => g.momentum as number);
      this.maxMomentums = formatParam("max_momentum", optimizer, o.maxMomentum ?? 0.9);
    }
    this._attach(optimizer, lastEpoch, o.verbose);
    this._initialStep();
    this.baseLrs = baseLrs;
  }

  private _scaleFn(x: number): number {
    if (this._scaleFnCustom !== null) return this._scaleFnCustom(x);
    if (this.mode === "triangular") return 1.0;
    if (this.mode === "triangular2") return 1 / 2.0 ** (x - 1);
    return this.gamma ** x;
  }

  protected _getLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1.0 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const at = this.scaleMode === "cycle" ? cycle : this.lastEpoch;
    const lrs = this.baseLrs.map((baseLr, i) => {
      const baseHeight = (this.maxLrs[i]! - baseLr) * scaleFactor;
      return baseLr + baseHeight * this._scaleFn(at);
    });
    if (this.cycleMomentum) {
      const momentums = this.baseMomentums.map((b, i) => {
        const baseHeight = (this.maxMomentums[i]! - b) * scaleFactor;
        return this.maxMomentums[i]! - baseHeight * this._scaleFn(at);
      });
      groupsOf(this.optimizer).forEach((g, i) => (g.momentum = momentums[i]!));
    }
    return lrs;
  }
}

/** Runs schedulers one after another, switching at the milestones. */
export class SequentialLR extends LRScheduler {
  private _schedulers: LRScheduler[];
  private _milestones: number[];

  constructor(
    optimizer: Optimizer<object>,
    schedulers: readonly LRScheduler[],
    milestones: readonly number[],
    opts: BaseOptions = {},
  ) {
    super();
    const o = this._options("SequentialLR", optimizer, opts);
    if (!Array.isArray(schedulers) || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw new TypeError(`SequentialLR(): schedulers must be a list of schedulers, but got ${kindOf(schedulers)}`);
    }
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new RangeError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (!Array.isArray(milestones) || !milestones.every((m) => typeof m === "number")) {
      throw new TypeError(`SequentialLR(): milestones must be a list of numbers, but got ${kindOf(milestones)}`);
    }
    if (milestones.length !== schedulers.length - 1) {
      throw new RangeError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    this._schedulers = [...schedulers];
    this._milestones = [...milestones];
    const lastEpoch = o.lastEpoch ?? -1;
    if (!Number.isInteger(lastEpoch))
      throw new TypeError(`SequentialLR(): lastEpoch must be an integer, but got ${kindOf(lastEpoch)}`);
    this.lastEpoch = lastEpoch + 1;
    this.optimizer = optimizer;
    for (const g of groupsOf(optimizer)) g.lr = g.initialLr as number;
    for (const s of this._schedulers) s.lastEpoch -= 1;
    this._schedulers[0]!["_initialStep"]();
    this._lastLr = this._schedulers[0]!.getLastLr();
  }

  protected _getLr(): number[] {
    return this._lastLr;
  }

  override step(): void {
    this.lastEpoch += 1;
    const idx = this._milestones.filter((m) => m <= this.lastEpoch).length; // bisect_right
    const s = this._schedulers[idx]!;
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this._lastLr = s.getLastLr();
  }

  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(state: SchedulerStateDict): void {
    super.loadStateDict(state);
    (state._schedulers as SchedulerStateDict[]).forEach((s, i) => this._schedulers[i]!.loadStateDict(s));
  }
}

/** Steps several schedulers at once, each on the learning rate the one before it set. */
export class ChainedScheduler extends LRScheduler {
  private _schedulers: LRScheduler[];

  constructor(schedulers: readonly LRScheduler[]) {
    super();
    if (!Array.isArray(schedulers) || schedulers.length === 0 || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw new TypeError(
        `ChainedScheduler(): schedulers must be a non-empty list of schedulers, but got ${kindOf(schedulers)}`,
      );
    }
    for (let i = 1; i < schedulers.length; i++) {
      if (schedulers[i]!.optimizer !== schedulers[0]!.optimizer) {
        throw new RangeError(
          `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`,
        );
      }
    }
    this._schedulers = [...schedulers];
    this.optimizer = schedulers[0]!.optimizer;
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  protected _getLr(): number[] {
    return this._lastLr;
  }

  override step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(state: SchedulerStateDict): void {
    super.loadStateDict(state);
    (state._schedulers as SchedulerStateDict[]).forEach((s, i) => this._schedulers[i]!.loadStateDict(s));
  }
}

type PlateauOptions = {
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: "rel" | "abs";
  cooldown?: number;
  minLr?: number | readonly number[];
  eps?: number;
  verbose?: boolean;
};

/** Reduces the learning rate by factor when a metric has stopped improving for patience epochs. */
export class ReduceLROnPlateau {
  /** The optimizer whose learning rates are reduced. */
  optimizer: Optimizer<object>;
  /** The factor each reduction multiplies the lr by. */
  factor: number;
  /** min_lrs: the lowest learning rate of each group. */
  minLrs: number[];
  /** Epochs with no improvement before a reduction. */
  patience: number;
  /** Print each learning-rate change (PyTorch 1.13's verbose). */
  verbose: boolean;
  /** Epochs to wait after a reduction before counting bad epochs again. */
  cooldown: number;
  /** cooldown_counter: epochs of cooldown left. */
  cooldownCounter = 0;
  /** "min": the metric should fall; "max": rise. */
  mode: "min" | "max" = "min";
  /** How much better a metric must be to count as an improvement. */
  threshold = 1e-4;
  /** threshold_mode: "rel" (relative) or "abs" (absolute) improvement. */
  thresholdMode: "rel" | "abs" = "rel";
  /** The best metric so far. */
  best = Infinity;
  /** num_bad_epochs: epochs since the last improvement. */
  numBadEpochs = 0;
  /** mode_worse: the worst value of the metric, the start of `best`. */
  modeWorse = Infinity;
  /** The smallest change of lr that is applied. */
  eps: number;
  /** last_epoch: the epochs stepped so far. */
  lastEpoch = 0;
  protected _lastLr: number[];

  constructor(optimizer: Optimizer<object>, opts: PlateauOptions = {}) {
    const o = checkOptionsObject<PlateauOptions>(opts, "ReduceLROnPlateau", [
      "mode",
      "factor",
      "patience",
      "threshold",
      "thresholdMode",
      "cooldown",
      "minLr",
      "eps",
      "verbose",
    ]);
    const factor = optNum(o.factor, 0.1, "ReduceLROnPlateau", "factor");
    if (factor >= 1.0) throw new RangeError("Factor should be < 1.0.");
    this.factor = factor;
    this.optimizer = checkOptimizer(optimizer);
    const n = optimizer.paramGroups.length;
    const minLr = o.minLr ?? 0;
    if (!(typeof minLr === "number" || (Array.isArray(minLr) && minLr.every((v) => typeof v === "number")))) {
      throw new TypeError(`ReduceLROnPlateau(): minLr must be a number or a list of numbers, but got ${kindOf(minLr)}`);
    }
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new RangeError(`expected ${n} min_lrs, got ${minLr.length}`);
      this.minLrs = [...minLr];
    } else this.minLrs = Array.from({ length: n }, () => minLr as number);
    this.patience = optNum(o.patience, 10, "ReduceLROnPlateau", "patience");
    this.verbose = o.verbose ?? false;
    if (typeof this.verbose !== "boolean")
      throw new TypeError(`ReduceLROnPlateau(): verbose must be a boolean, but got ${kindOf(this.verbose)}`);
    this.cooldown = optNum(o.cooldown, 0, "ReduceLROnPlateau", "cooldown");
    this.eps = optNum(o.eps, 1e-8, "ReduceLROnPlateau", "eps");
    this._initIsBetter(
      o.mode ?? "min",
      optNum(o.threshold, 1e-4, "ReduceLROnPlateau", "threshold"),
      o.thresholdMode ?? "rel",
    );
    this._reset();
    this._lastLr = groupsOf(optimizer).map((g) => g.lr);
  }

  private _reset(): void {
    this.best = this.modeWorse;
    this.cooldownCounter = 0;
    this.numBadEpochs = 0;
  }

  /** Records the epoch's metric (a number or a one-element tensor) and reduces the learning rate if it has stalled. */
  step(metrics: number | { item(): number | boolean }): void {
    if (typeof metrics !== "number" && !(metrics instanceof Tensor && metrics.numel() === 1)) {
      throw new TypeError(
        `ReduceLROnPlateau.step(): metrics must be a number or a one-element tensor, but got ${kindOf(metrics)}`,
      );
    }
    const current = typeof metrics === "number" ? metrics : Number(metrics.item());
    const epoch = this.lastEpoch + 1;
    this.lastEpoch = epoch;
    if (this._isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this._inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this._reduceLr(epoch);
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  private _reduceLr(epoch: number): void {
    groupsOf(this.optimizer).forEach((g, i) => {
      const oldLr = g.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i]!);
      if (oldLr - newLr > this.eps) {
        g.lr = newLr;
        if (this.verbose)
          console.log(
            `Epoch ${String(epoch).padStart(5, "0")}: reducing learning rate of group ${i} to ${sci(newLr)}.`,
          );
      }
    });
  }

  private get _inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  private _isBetter(a: number, best: number): boolean {
    if (this.mode === "min" && this.thresholdMode === "rel") return a < best * (1 - this.threshold);
    if (this.mode === "min" && this.thresholdMode === "abs") return a < best - this.threshold;
    if (this.mode === "max" && this.thresholdMode === "rel") return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  private _initIsBetter(mode: string, threshold: number, thresholdMode: string): void {
    if (mode !== "min" && mode !== "max") throw new RangeError(`mode ${mode} is unknown!`);
    if (thresholdMode !== "rel" && thresholdMode !== "abs")
      throw new RangeError(`threshold mode ${thresholdMode} is unknown!`);
    this.modeWorse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
  }

  /** The learning rates after the last step, one per parameter group. */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** ReduceLROnPlateau.state_dict: the scheduler's numbers (not the optimizer), for `loadStateDict`. */
  stateDict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer") out[k] = copy(v);
    return out;
  }

  /** ReduceLROnPlateau.load_state_dict: restores what `stateDict()` returned. */
  loadStateDict(state: SchedulerStateDict): void {
    if (state === null || typeof state !== "object" || Array.isArray(state)) {
      throw new TypeError(`loadStateDict(): expected a scheduler state dict, but got ${kindOf(state)}`);
    }
    checkLoadedState(this, state);
    for (const [k, v] of Object.entries(state)) if (k !== "optimizer") (this as Record<string, unknown>)[k] = copy(v);
    this._initIsBetter(this.mode, this.threshold, this.thresholdMode);
  }
}
