// The activation modules over src/nn/functional/activation2.ts and
// activation3.ts: PyTorch's class names, constructor options and printed
// forms (`LeakyReLU(negative_slope=0.01)`, `Softplus(beta=1, threshold=20)`).

import type { Tensor } from "../../tensor.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject } from "../../args.js";
import { full } from "../../ops/creation.js";
import { Module, pyFloat } from "../module.js";
import { pointwise } from "./activation.js";
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

/** A module that applies one function with the options it keeps (`H`, read-only fields). */
type OptionsModule<H> = Module & Readonly<H> & { forward(input: Tensor): Tensor };

/**
 * A module class over `fn(input, options)`: the options are `defaults`' keys
 * (in the order the unknown-option message lists them), kept as fields,
 * printed by `repr` and checked together by `check`.
 */
function withOptions<H extends { [K in keyof H]: number | boolean }>(
  name: string,
  defaults: H,
  fn: (input: Tensor, opts: H) => Tensor,
  repr: (m: H) => string,
  check: (m: H) => void = () => undefined,
): new (opts?: Partial<H>) => OptionsModule<H> {
  const keys = Object.keys(defaults) as (keyof H & string)[];
  const cls = class extends Module {
    protected static override readonly _pyName: string = name;
    constructor(opts: Partial<H> = {}) {
      super();
      const o = options<H>(opts, name, keys);
      for (const k of keys) (this as unknown as H)[k] = o[k] ?? defaults[k];
      check(this as unknown as H);
    }
    override forward(input: Tensor): Tensor {
      const self = this as unknown as H;
      return fn(input, Object.fromEntries(keys.map((k) => [k, self[k]])) as unknown as H);
    }
    override extraRepr(): string {
      return repr(this as unknown as H);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls as unknown as new (opts?: Partial<H>) => OptionsModule<H>;
}

/** The option of the modules that may overwrite their input. */
interface Inplace {
  /** Overwrite the input with the result. */
  inplace: boolean;
}

/** A module class whose only option is `inplace`; `showInplace` says whether PyTorch prints it. */
const simple = (name: string, fn: (input: Tensor, opts: A.InplaceOption) => Tensor, showInplace: boolean) =>
  withOptions<Inplace>(name, { inplace: false }, fn, (m) => (showInplace ? inplaceRepr(m.inplace, true) : ""));

/** LeakyReLU's options. */
interface LeakyReluFields extends Inplace {
  /** The slope for negative inputs. */
  negativeSlope: number;
}

/** F.leaky_relu as a module: `{ negativeSlope = 0.01, inplace }`. */
export const LeakyReLU = withOptions<LeakyReluFields>(
  "LeakyReLU",
  { negativeSlope: 0.01, inplace: false },
  A.leakyRelu,
  (m) => `negative_slope=${pyFloat(m.negativeSlope)}${inplaceRepr(m.inplace, false)}`,
);
export type LeakyReLU = InstanceType<typeof LeakyReLU>;

/** The options of ELU and CELU. */
interface EluFields extends Inplace {
  /** The scale of the negative part. */
  alpha: number;
}

/** F.elu (or F.celu) as a module: `{ alpha = 1, inplace }`. */
const eluModule = (name: "ELU" | "CELU", fn: typeof A.elu) =>
  withOptions<EluFields>(
    name,
    { alpha: 1, inplace: false },
    fn,
    (m) => `alpha=${pyFloat(m.alpha)}${inplaceRepr(m.inplace, false)}`,
  );

/** x for x > 0, alpha * (exp(x) - 1) otherwise. */
export const ELU = eluModule("ELU", A.elu);
export type ELU = InstanceType<typeof ELU>;
/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
export const CELU = eluModule("CELU", A.celu);
export type CELU = InstanceType<typeof CELU>;
/** scale * elu(x) with PyTorch's fixed alpha and scale. */
export const SELU = simple("SELU", A.selu, true);
export type SELU = InstanceType<typeof SELU>;

/** Softplus's options. */
interface SoftplusFields {
  /** Default 1. */
  beta: number;
  /** Default 20. */
  threshold: number;
}

/** F.softplus as a module: `{ beta = 1, threshold = 20 }`. */
export const Softplus = withOptions<SoftplusFields>(
  "Softplus",
  { beta: 1, threshold: 20 },
  A.softplus,
  // PyTorch prints the numbers as given; its defaults are the ints 1 and 20.
  (m) => `beta=${m.beta}, threshold=${m.threshold}`,
);
export type Softplus = InstanceType<typeof Softplus>;

/** Hardtanh's options. */
interface HardtanhFields extends Inplace {
  /** Default -1. */
  minVal: number;
  /** Default 1. */
  maxVal: number;
}

/** F.hardtanh as a module: `{ minVal = -1, maxVal = 1, inplace }`. */
export const Hardtanh = withOptions<HardtanhFields>(
  "Hardtanh",
  { minVal: -1, maxVal: 1, inplace: false },
  A.hardtanh,
  (m) => `min_val=${pyFloat(m.minVal)}, max_val=${pyFloat(m.maxVal)}${inplaceRepr(m.inplace, false)}`,
  (m) => {
    if (m.maxVal <= m.minVal) throw new RangeError("max_val must be greater than min_val");
  },
);
export type Hardtanh = InstanceType<typeof Hardtanh>;

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
export const LogSigmoid = pointwise("LogSigmoid", A.logsigmoid);
export type LogSigmoid = InstanceType<typeof LogSigmoid>;
/** x / (1 + |x|). */
export const Softsign = pointwise("Softsign", G.softsign);
export type Softsign = InstanceType<typeof Softsign>;
/** x - tanh(x). */
export const Tanhshrink = pointwise("Tanhshrink", G.tanhshrink);
export type Tanhshrink = InstanceType<typeof Tanhshrink>;

/** The option of Softshrink and Hardshrink. */
interface ShrinkFields {
  /** The half-width of the band mapped to 0. */
  lambd: number;
}

/** F.softshrink or F.hardshrink as a module: `{ lambd = 0.5 }`. */
const shrinkModule = (name: "Softshrink" | "Hardshrink", fn: (input: Tensor, lambd?: number) => Tensor) =>
  withOptions<ShrinkFields>(
    name,
    { lambd: 0.5 },
    (x, o) => fn(x, o.lambd),
    (m) => pyFloat(m.lambd),
  );

/** x -+ lambd outside [-lambd, lambd], 0 inside. */
export const Softshrink = shrinkModule("Softshrink", A.softshrink);
export type Softshrink = InstanceType<typeof Softshrink>;
/** x outside [-lambd, lambd], 0 inside. */
export const Hardshrink = shrinkModule("Hardshrink", A.hardshrink);
export type Hardshrink = InstanceType<typeof Hardshrink>;

/** F.threshold as a module: `value` where x <= threshold. */
export class Threshold extends Module {
  protected static override readonly _pyName: string = "Threshold";
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
}

/** F.rrelu as a module: random slopes in training mode, their mean in eval mode. */
export class RReLU extends Module {
  protected static override readonly _pyName: string = "RReLU";
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
}

/** F.glu as a module: `{ dim = -1 }`. */
export class GLU extends Module {
  protected static override readonly _pyName: string = "GLU";
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
}

/** F.softmin as a module: `new Softmin(1)` or `new Softmin({ dim: 1 })`; no dim picks PyTorch's implicit one. */
export class Softmin extends Module {
  protected static override readonly _pyName: string = "Softmin";
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
  protected static override readonly _pyName: string = "PReLU";
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
}
