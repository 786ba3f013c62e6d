// The normalisation modules: BatchNorm1d/2d, InstanceNorm1d/2d, GroupNorm,
// LocalResponseNorm. Parameters and buffers carry PyTorch's names (weight,
// bias, running_mean, running_var, num_batches_tracked) in PyTorch's order,
// so state dicts move between the two unchanged; the buffers are also
// reachable by their camelCase names (runningMean, ...).

import { Tensor } from "../../tensor.js";
import { INDEX_DTYPE, type DType } from "../../dtype.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject } from "../../args.js";
import { noGrad } from "../../autograd/gradMode.js";
import { ones, zeros } from "../../ops/creation.js";
import { unsqueeze, squeeze } from "../../ops/views.js";
import { Module, pyBool, pyFloat } from "../module.js";
import { Parameter } from "../parameter.js";
import { checkTensor } from "../../ops/launch.js";
import { batchNorm } from "../functional/batchNorm.js";
import { groupNorm } from "../functional/groupNorm.js";
import { instanceNorm, localResponseNorm } from "../functional/instanceNorm.js";
import { building, checkSize, factoryOptions, type FactoryOptions } from "./layers.js";

/** The options of the BatchNorm and InstanceNorm modules. */
export interface NormModuleOptions extends FactoryOptions {
  /** Added to the variance before its square root (default 1e-5). */
  eps?: number;
  /** The weight of each batch in the running stats (default 0.1); null: their cumulative average. */
  momentum?: number | null;
  /** Whether the module has a learnable weight and bias (BatchNorm default true, InstanceNorm false). */
  affine?: boolean;
  /** Whether the module keeps running stats (BatchNorm default true, InstanceNorm false). */
  trackRunningStats?: boolean;
}

/** The input ranks each module's forward takes (InstanceNorm's first one is unbatched). */
const inputRanks: Record<string, readonly number[]> = {
  BatchNorm1d: [2, 3],
  BatchNorm2d: [4],
  InstanceNorm1d: [2, 3],
  InstanceNorm2d: [3, 4],
};

/** What BatchNorm and InstanceNorm share: PyTorch's _NormBase. */
abstract class NormBase extends Module {
  /** num_features: the number of channels, C. */
  readonly numFeatures: number;
  /** Added to the variance before its square root. */
  readonly eps: number;
  /** The weight of each batch in the running stats; null for their cumulative average. */
  momentum: number | null;
  /** Whether the module has a learnable weight and bias. */
  readonly affine: boolean;
  /** Whether the module keeps running stats. */
  readonly trackRunningStats: boolean;
  /** The learnable per-channel scale [C] (ones; null without affine). */
  weight: Tensor | null;
  /** The learnable per-channel shift [C] (zeros; null without affine). */
  bias: Tensor | null;
  /** The running mean [C] (a buffer; null without trackRunningStats); runningMean is the same tensor. */
  declare running_mean: Tensor | null;
  /** The running variance [C] (a buffer; null without trackRunningStats); runningVar is the same tensor. */
  declare running_var: Tensor | null;
  /** The number of training batches seen, a 0-d integer buffer (null without trackRunningStats). */
  declare num_batches_tracked: Tensor | null;

  /** The input ranks forward takes. */
  protected readonly _ranks: readonly number[];

  /** `affine` and `track` are the defaults of affine and trackRunningStats. */
  constructor(numFeatures: number, opts: NormModuleOptions, affine: boolean, track: boolean) {
    super();
    const fn = this._getName();
    this._ranks = inputRanks[fn]!;
    this.numFeatures = checkSize(numFeatures, "num_features");
    const o = factoryOptions<NormModuleOptions & { dtype: DType }>(opts, fn, [
      "eps",
      "momentum",
      "affine",
      "trackRunningStats",
    ]);
    this.eps = checkNumberOption(o.eps, fn, "eps") ?? 1e-5;
    this.momentum = o.momentum === null ? null : (checkNumberOption(o.momentum, fn, "momentum") ?? 0.1);
    this.affine = checkBooleanOption(o.affine, fn, "affine") ?? affine;
    this.trackRunningStats = checkBooleanOption(o.trackRunningStats, fn, "trackRunningStats") ?? track;
    const dtype = o.dtype;
    this.weight = null;
    this.bias = null;
    building(this, () => {
      if (this.affine) {
        this.weight = Parameter(ones([numFeatures], { dtype }));
        this.bias = Parameter(zeros([numFeatures], { dtype }));
      }
      const t = this.trackRunningStats;
      this.registerBuffer("running_mean", t ? zeros([numFeatures], { dtype }) : null);
      this.registerBuffer("running_var", t ? ones([numFeatures], { dtype }) : null);
      this.registerBuffer("num_batches_tracked", t ? zeros([], { dtype: INDEX_DTYPE }) : null);
    });
  }

  /** running_mean by its camelCase name. */
  get runningMean(): Tensor | null {
    return this.running_mean;
  }

  /** running_var by its camelCase name. */
  get runningVar(): Tensor | null {
    return this.running_var;
  }

  /** num_batches_tracked by its camelCase name. */
  get numBatchesTracked(): Tensor | null {
    return this.num_batches_tracked;
  }

  /** PyTorch's reset_running_stats: zero mean, unit variance, no batches counted. */
  resetRunningStats(): void {
    noGrad(() => {
      this.running_mean?.zero_();
      this.running_var?.fill_(1);
      this.num_batches_tracked?.zero_();
    });
  }

  /** PyTorch's reset_parameters: the running stats reset, weight ones, bias zeros. */
  resetParameters(): void {
    this.resetRunningStats();
    noGrad(() => {
      this.weight?.fill_(1);
      this.bias?.zero_();
    });
  }

  /** Refuses an input of a rank forward does not take, in PyTorch's words. */
  protected _checkInputDim(input: Tensor): void {
    checkTensor(input, this._getName(), "input");
    const d = input.shape.length;
    if (!this._ranks.includes(d))
      throw new RangeError(`expected ${this._ranks.map((r) => `${r}D`).join(" or ")} input (got ${d}D input)`);
  }

  override extraRepr(): string {
    return (
      `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? "None" : pyFloat(this.momentum)}, ` +
      `affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`
    );
  }
}

/** PyTorch's _BatchNorm: batch_norm with this module's parameters and running stats. */
abstract class BatchNormBase extends NormBase {
  constructor(numFeatures: number, opts: NormModuleOptions = {}) {
    super(numFeatures, opts, true, true);
  }

  override forward(input: Tensor): Tensor {
    this._checkInputDim(input);
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      const n = this.num_batches_tracked;
      noGrad(() => n.add_(1));
      factor = this.momentum ?? 1 / n.item();
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useStats = !this.training || this.trackRunningStats;
    const [mean, variance] = useStats ? [this.running_mean, this.running_var] : [null, null];
    const { weight, bias, eps } = this;
    return batchNorm(input, mean, variance, { weight, bias, training: bnTraining, momentum: factor, eps });
  }
}

/** Batch normalisation over [N, C] or [N, C, L] input, per channel C. */
export class BatchNorm1d extends BatchNormBase {
  protected static override readonly _pyName: string = "BatchNorm1d";
}

/** Batch normalisation over [N, C, H, W] input, per channel C. */
export class BatchNorm2d extends BatchNormBase {
  protected static override readonly _pyName: string = "BatchNorm2d";
}

/** PyTorch's _InstanceNorm: instance_norm with this module's parameters and running stats; unbatched input too. */
abstract class InstanceNormBase extends NormBase {
  constructor(numFeatures: number, opts: NormModuleOptions = {}) {
    super(numFeatures, opts, false, false);
  }

  override forward(input: Tensor): Tensor {
    this._checkInputDim(input);
    if (input.shape.length === this._ranks[0]) {
      const batched = unsqueeze(input, 0);
      try {
        const out = this._normalize(batched);
        try {
          return squeeze(out, 0);
        } finally {
          out.dispose();
        }
      } finally {
        batched.dispose();
      }
    }
    return this._normalize(input);
  }

  private _normalize(input: Tensor): Tensor {
    return instanceNorm(input, {
      runningMean: this.running_mean,
      runningVar: this.running_var,
      weight: this.weight,
      bias: this.bias,
      useInputStats: this.training || !this.trackRunningStats,
      momentum: this.momentum ?? 0.1,
      eps: this.eps,
    });
  }
}

/** Instance normalisation over [N, C, L] (or unbatched [C, L]) input: each channel of each sample over L. */
export class InstanceNorm1d extends InstanceNormBase {
  protected static override readonly _pyName: string = "InstanceNorm1d";
}

/** Instance normalisation over [N, C, H, W] (or unbatched [C, H, W]) input: each channel of each sample over H, W. */
export class InstanceNorm2d extends InstanceNormBase {
  protected static override readonly _pyName: string = "InstanceNorm2d";
}

/** Group normalisation: numChannels split into numGroups groups, each normalised per sample; weight ones, bias zeros. */
export class GroupNorm extends Module {
  protected static override readonly _pyName: string = "GroupNorm";
  /** num_groups: the number of groups the channels are split into. */
  readonly numGroups: number;
  /** num_channels: the number of channels, C. */
  readonly numChannels: number;
  /** Added to the variance before its square root. */
  readonly eps: number;
  /** Whether the module has a learnable weight and bias. */
  readonly affine: boolean;
  /** The learnable per-channel scale [C] (null without affine). */
  weight: Tensor | null;
  /** The learnable per-channel shift [C] (null without affine). */
  bias: Tensor | null;

  constructor(numGroups: number, numChannels: number, opts: { eps?: number; affine?: boolean } & FactoryOptions = {}) {
    super();
    this.numGroups = checkSize(numGroups, "num_groups");
    this.numChannels = checkSize(numChannels, "num_channels");
    if (numGroups === 0 || numChannels % numGroups !== 0)
      throw new RangeError("num_channels must be divisible by num_groups");
    const o = factoryOptions<{ eps: number; affine: boolean; dtype: DType }>(opts, "GroupNorm", ["eps", "affine"]);
    this.eps = checkNumberOption(o.eps, "GroupNorm", "eps") ?? 1e-5;
    this.affine = checkBooleanOption(o.affine, "GroupNorm", "affine") ?? true;
    this.weight = null;
    this.bias = null;
    building(this, () => {
      if (this.affine) {
        this.weight = Parameter(ones([numChannels], { dtype: o.dtype }));
        this.bias = Parameter(zeros([numChannels], { dtype: o.dtype }));
      }
    });
  }

  override forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}

/** Local response normalisation across channels (F.localResponseNorm); no parameters. */
export class LocalResponseNorm extends Module {
  protected static override readonly _pyName: string = "LocalResponseNorm";
  /** The number of neighbouring channels in the window. */
  readonly size: number;
  /** The multiplicative factor. */
  readonly alpha: number;
  /** The exponent. */
  readonly beta: number;
  /** The additive factor. */
  readonly k: number;

  constructor(size: number, opts: { alpha?: number; beta?: number; k?: number } = {}) {
    super();
    this.size = checkSize(size, "size");
    const o = checkOptionsObject<{ alpha: number; beta: number; k: number }>(opts, "LocalResponseNorm", [
      "alpha",
      "beta",
      "k",
    ]);
    this.alpha = checkNumberOption(o.alpha, "LocalResponseNorm", "alpha") ?? 1e-4;
    this.beta = checkNumberOption(o.beta, "LocalResponseNorm", "beta") ?? 0.75;
    this.k = checkNumberOption(o.k, "LocalResponseNorm", "k") ?? 1;
  }

  override forward(input: Tensor): Tensor {
    return localResponseNorm(input, this.size, { alpha: this.alpha, beta: this.beta, k: this.k });
  }

  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}
