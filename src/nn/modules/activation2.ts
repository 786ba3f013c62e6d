// The activation modules over src/nn/functional/activation2.ts and
// activation3.ts: PyTorch's class names, constructor options and printed
// forms (`LeakyReLU(negative_slope=0.01)`, `Softplus(beta=1, threshold=20)`).

import type { Tensor } from "../../tensor.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject } from "../../args.js";
import { full } from "../../ops/creation.js";
import { Module, pyFloat } from "../module.js";
import { Parameter } from "../parameter.js";
import { building, factoryOptions, type FactoryOptions } from "./layers.js";
import * as A from "../functional/activation2.js";
import * as G from "../functional/activation3.js";

const inplaceRepr = (inplace: boolean, first: boolean): string =>
  inplace ? (first ? "inplace=True" : ", inplace=True") : "";

/** Reads a module's options: only `keys`, numbers where asked, `inplace` a boolean. */
function options<O extends object>(opts: unknown, cls: string, keys: readonly string[]): Partial<O> {
  const o = checkOptionsObject<O>(opts, cls, keys) as Record<string, unknown>;
  for (const k of keys) {
    if (k === "inplace") checkBooleanOption(o[k], cls, k);
    else if (k !== "dim") checkNumberOption(o[k], cls, k);
  }
  return o as Partial<O>;
}

/** A module class whose only option is `inplace`; `showInplace` says whether PyTorch prints it. */
function simple(
  name: string,
  fn: (input: Tensor, opts: A.InplaceOption) => Tensor,
  showInplace: boolean,
): new (opts?: A.InplaceOption) => Module & { readonly inplace: boolean; forward(input: Tensor): Tensor } {
  const cls = class extends Module {
    /** Overwrite the input with the result. */
    readonly inplace: boolean;
    constructor(opts: A.InplaceOption = {}) {
      super();
      this.inplace = options<A.InplaceOption>(opts, name, ["inplace"]).inplace ?? false;
    }
    override forward(input: Tensor): Tensor {
      return fn(input, { inplace: this.inplace });
    }
    override extraRepr(): string {
      return showInplace ? inplaceRepr(this.inplace, true) : "";
    }
    protected override _getName(): string {
      return name;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** A module class without options. */
function plain(name: string, fn: (input: Tensor) => Tensor): new () => Module & { forward(input: Tensor): Tensor } {
  const cls = class extends Module {
    override forward(input: Tensor): Tensor {
      return fn(input);
    }
    protected override _getName(): string {
      return name;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** F.leaky_relu as a module: `{ negativeSlope = 0.01, inplace }`. */
export class LeakyReLU extends Module {
  /** The slope for negative inputs. */
  readonly negativeSlope: number;
  /** Overwrite the input with the result. */
  readonly inplace: boolean;
  constructor(opts: A.LeakyReluOptions = {}) {
    super();
    const o = options<A.LeakyReluOptions>(opts, "LeakyReLU", ["negativeSlope", "inplace"]);
    this.negativeSlope = o.negativeSlope ?? 0.01;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return A.leakyRelu(input, { negativeSlope: this.negativeSlope, inplace: this.inplace });
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${inplaceRepr(this.inplace, false)}`;
  }
  protected override _getName(): string {
    return "LeakyReLU";
  }
}

/** F.elu (or F.celu) as a module: `{ alpha = 1, inplace }`. */
function eluModule(
  name: "ELU" | "CELU",
  fn: typeof A.elu,
): new (
  opts?: A.EluOptions,
) => Module & { readonly alpha: number; readonly inplace: boolean; forward(input: Tensor): Tensor } {
  const cls = class extends Module {
    /** The scale of the negative part. */
    readonly alpha: number;
    /** Overwrite the input with the result. */
    readonly inplace: boolean;
    constructor(opts: A.EluOptions = {}) {
      super();
      const o = options<A.EluOptions>(opts, name, ["alpha", "inplace"]);
      this.alpha = o.alpha ?? 1;
      this.inplace = o.inplace ?? false;
    }
    override forward(input: Tensor): Tensor {
      return fn(input, { alpha: this.alpha, inplace: this.inplace });
    }
    override extraRepr(): string {
      return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace, false)}`;
    }
    protected override _getName(): string {
      return name;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** x for x > 0, alpha * (exp(x) - 1) otherwise. */
export const ELU = eluModule("ELU", A.elu);
export type ELU = InstanceType<typeof ELU>;
/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
export const CELU = eluModule("CELU", A.celu);
export type CELU = InstanceType<typeof CELU>;
/** scale * elu(x) with PyTorch's fixed alpha and scale. */
export const SELU = simple("SELU", A.selu, true);
export type SELU = InstanceType<typeof SELU>;

/** F.softplus as a module: `{ beta = 1, threshold = 20 }`. */
export class Softplus extends Module {
  /** Default 1. */
  readonly beta: number;
  /** Default 20. */
  readonly threshold: number;
  constructor(opts: A.SoftplusOptions = {}) {
    super();
    const o = options<A.SoftplusOptions>(opts, "Softplus", ["beta", "threshold"]);
    this.beta = o.beta ?? 1;
    this.threshold = o.threshold ?? 20;
  }
  override forward(input: Tensor): Tensor {
    return A.softplus(input, { beta: this.beta, threshold: this.threshold });
  }
  override extraRepr(): string {
    // PyTorch prints the numbers as given; its defaults are the ints 1 and 20.
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
  protected override _getName(): string {
    return "Softplus";
  }
}

/** F.hardtanh as a module: `{ minVal = -1, maxVal = 1, inplace }`. */
export class Hardtanh extends Module {
  /** Default -1. */
  readonly minVal: number;
  /** Default 1. */
  readonly maxVal: number;
  /** Overwrite the input with the result. */
  readonly inplace: boolean;
  constructor(opts: A.HardtanhOptions = {}) {
    super();
    const o = options<A.HardtanhOptions>(opts, "Hardtanh", ["minVal", "maxVal", "inplace"]);
    this.minVal = o.minVal ?? -1;
    this.maxVal = o.maxVal ?? 1;
    this.inplace = o.inplace ?? false;
    if (this.maxVal <= this.minVal) throw new RangeError("max_val must be greater than min_val");
  }
  override forward(input: Tensor): Tensor {
    return A.hardtanh(input, { minVal: this.minVal, maxVal: this.maxVal, inplace: this.inplace });
  }
  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}${inplaceRepr(this.inplace, false)}`;
  }
  protected override _getName(): string {
    return "Hardtanh";
  }
}

/** min(max(0, x), 6). */
export const ReLU6 = simple("ReLU6", A.relu6, true);
export type ReLU6 = InstanceType<typeof ReLU6>;
/** relu6(x + 3) / 6. */
export const Hardsigmoid = simple("Hardsigmoid", A.hardsigmoid, false);
export type Hardsigmoid = InstanceType<typeof Hardsigmoid>;
/** x * relu6(x + 3) / 6. */
export const Hardswish = simple("Hardswish", A.hardswish, false);
export type Hardswish = InstanceType<typeof Hardswish>;
/** x * tanh(softplus(x)). */
export const Mish = simple("Mish", A.mish, false);
export type Mish = InstanceType<typeof Mish>;
/** log(sigmoid(x)). */
export const LogSigmoid = plain("LogSigmoid", A.logsigmoid);
export type LogSigmoid = InstanceType<typeof LogSigmoid>;
/** x / (1 + |x|). */
export const Softsign = plain("Softsign", G.softsign);
export type Softsign = InstanceType<typeof Softsign>;
/** x - tanh(x). */
export const Tanhshrink = plain("Tanhshrink", G.tanhshrink);
export type Tanhshrink = InstanceType<typeof Tanhshrink>;

/** F.softshrink or F.hardshrink as a module: `{ lambd = 0.5 }`. */
function shrinkModule(
  name: "Softshrink" | "Hardshrink",
  fn: (input: Tensor, lambd?: number) => Tensor,
): new (opts?: { lambd?: number }) => Module & { readonly lambd: number; forward(input: Tensor): Tensor } {
  const cls = class extends Module {
    /** The half-width of the band mapped to 0. */
    readonly lambd: number;
    constructor(opts: { lambd?: number } = {}) {
      super();
      this.lambd = options<{ lambd: number }>(opts, name, ["lambd"]).lambd ?? 0.5;
    }
    override forward(input: Tensor): Tensor {
      return fn(input, this.lambd);
    }
    override extraRepr(): string {
      return pyFloat(this.lambd);
    }
    protected override _getName(): string {
      return name;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** x -+ lambd outside [-lambd, lambd], 0 inside. */
export const Softshrink = shrinkModule("Softshrink", A.softshrink);
export type Softshrink = InstanceType<typeof Softshrink>;
/** x outside [-lambd, lambd], 0 inside. */
export const Hardshrink = shrinkModule("Hardshrink", A.hardshrink);
export type Hardshrink = InstanceType<typeof Hardshrink>;

/** F.threshold as a module: `value` where x <= threshold. */
export class Threshold extends Module {
  /** The threshold. */
  readonly threshold: number;
  /** The value below it. */
  readonly value: number;
  /** Overwrite the input with the result. */
  readonly inplace: boolean;
  constructor(threshold: number, value: number, opts: A.InplaceOption = {}) {
    super();
    this.threshold = threshold;
    this.value = value;
    this.inplace = options<A.InplaceOption>(opts, "Threshold", ["inplace"]).inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return A.threshold(input, this.threshold, this.value, { inplace: this.inplace });
  }
  override extraRepr(): string {
    return `threshold=${pyFloat(this.threshold)}, value=${pyFloat(this.value)}${inplaceRepr(this.inplace, false)}`;
  }
  protected override _getName(): string {
    return "Threshold";
  }
}

/** F.rrelu as a module: random slopes in training mode, their mean in eval mode. */
export class RReLU extends Module {
  /** Default 1/8. */
  readonly lower: number;
  /** Default 1/3. */
  readonly upper: number;
  /** Overwrite the input with the result. */
  readonly inplace: boolean;
  constructor(opts: { lower?: number; upper?: number; inplace?: boolean } = {}) {
    super();
    const o = options<{ lower: number; upper: number; inplace: boolean }>(opts, "RReLU", ["lower", "upper", "inplace"]);
    this.lower = o.lower ?? 1 / 8;
    this.upper = o.upper ?? 1 / 3;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return A.rrelu(input, { lower: this.lower, upper: this.upper, training: this.training, inplace: this.inplace });
  }
  override extraRepr(): string {
    return `lower=${pyFloat(this.lower)}, upper=${pyFloat(this.upper)}${inplaceRepr(this.inplace, false)}`;
  }
  protected override _getName(): string {
    return "RReLU";
  }
}

/** F.glu as a module: `{ dim = -1 }`. */
export class GLU extends Module {
  /** The dim split in halves. */
  readonly dim: number;
  constructor(opts: G.GluOptions = {}) {
    super();
    this.dim = options<G.GluOptions>(opts, "GLU", ["dim"]).dim ?? -1;
  }
  override forward(input: Tensor): Tensor {
    return G.glu(input, { dim: this.dim });
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
  protected override _getName(): string {
    return "GLU";
  }
}

/** F.softmin as a module: `new Softmin(1)` or `new Softmin({ dim: 1 })`; no dim picks PyTorch's implicit one. */
export class Softmin extends Module {
  /** The dim the result sums to 1 along, or null for PyTorch's implicit choice. */
  readonly dim: number | null;
  constructor(dim?: number | { dim?: number | null } | null) {
    super();
    this.dim =
      typeof dim === "object" && dim !== null
        ? (options<{ dim: number }>(dim, "Softmin", ["dim"]).dim ?? null)
        : (dim ?? null);
  }
  override forward(input: Tensor): Tensor {
    return G.softmin(input, this.dim ?? undefined);
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? "None"}`;
  }
  protected override _getName(): string {
    return "Softmin";
  }
}

/** Options of nn.PReLU. */
export interface PReLUOptions extends FactoryOptions {
  /** 1 (one slope for all channels, the default) or the number of channels (dim 1). */
  numParameters?: number;
  /** The slopes' initial value (default 0.25). */
  init?: number;
}

/** F.prelu with a learnable slope per channel (or one shared): parameter `weight`. */
export class PReLU extends Module {
  /** The number of slopes. */
  readonly numParameters: number;
  /** The learnable slopes, of shape [numParameters]. */
  weight: Tensor;
  constructor(opts: PReLUOptions = {}) {
    super();
    const o = factoryOptions<PReLUOptions & { dtype: FactoryOptions["dtype"] }>(opts, "PReLU", [
      "numParameters",
      "init",
    ]);
    this.numParameters = checkNumberOption(o.numParameters, "PReLU", "numParameters") ?? 1;
    const value = checkNumberOption(o.init, "PReLU", "init") ?? 0.25;
    this.weight = null as unknown as Tensor;
    building(this, () => {
      this.weight = Parameter(full([this.numParameters], value, { dtype: o.dtype }));
    });
  }
  override forward(input: Tensor): Tensor {
    return G.prelu(input, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
  protected override _getName(): string {
    return "PReLU";
  }
}
