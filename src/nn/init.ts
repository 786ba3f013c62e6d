// torch.nn.init: in-place initialisers with PyTorch's fan and gain
// arithmetic (torch/nn/init.py), drawing from the generator through
// Tensor.uniform_ / normal_, so after manualSeed they give PyTorch's values
// wherever torchlet's sampling matches PyTorch CPU's. Each runs under noGrad
// and returns its tensor.

import type { Tensor } from "../tensor.js";
import { noGrad } from "../autograd/gradMode.js";
import { checkTensor } from "../ops/launch.js";
import type { Generator } from "../ops/generator.js";
import "../ops/random.js";
import "../ops/inplace.js";
import { checkOptionsObject, kindOf, optionalArgs } from "../args.js";

/** The nonlinearities calculateGain knows, PyTorch's names. */
export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

/** Which fan a kaiming initialiser scales by, PyTorch's names. */
export type FanMode = "fan_in" | "fan_out";

/** The options of kaimingUniform_ and kaimingNormal_ (PyTorch's arguments a, mode, nonlinearity, generator). */
export interface KaimingOptions {
  /** The negative slope of the leaky_relu that follows (default 0). */
  a?: number;
  /** "fan_in" (the default) keeps the forward pass's variance, "fan_out" the backward's. */
  mode?: FanMode;
  /** Default "leaky_relu" (with `a`). */
  nonlinearity?: Nonlinearity;
  /** The generator to draw from (default: the global one). */
  generator?: Generator | null;
}

/** The options of xavierUniform_ and xavierNormal_. */
export interface GainOptions {
  /** A scaling factor (default 1). */
  gain?: number;
  /** The generator to draw from (default: the global one). */
  generator?: Generator | null;
}

const LINEAR_FNS = new Set([
  "linear",
  "conv1d",
  "conv2d",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  "conv_transpose3d",
]);

/**
 * torch.nn.init.calculate_gain: the recommended gain for a nonlinearity
 * (`param`: leaky_relu's negative slope, default 0.01), positional or as
 * `{ param }`.
 */
export function calculateGain(
  nonlinearity: Nonlinearity | string,
  param?: number | null | { param?: number | null },
): number {
  param = optionalArgs([param], "calculateGain", ["param"]).param as number | null | undefined;
  if (LINEAR_FNS.has(nonlinearity) || nonlinearity === "sigmoid") return 1;
  if (nonlinearity === "tanh") return 5.0 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2.0);
  if (nonlinearity === "leaky_relu") {
    let slope: number;
    if (param === undefined || param === null) slope = 0.01;
    else if (typeof param === "number") slope = param;
    else throw new TypeError(`negative_slope ${String(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === "selu") return 3.0 / 4;
  throw new RangeError(`Unsupported nonlinearity ${nonlinearity}`);
}

/**
 * torch.nn.init._calculate_fan_in_and_fan_out: fan_in and fan_out of a
 * weight, size(1) and size(0) each times the receptive field (the sizes
 * after dim 1), as an object.
 */
export function calculateFanInAndFanOut(tensor: Tensor): { fanIn: number; fanOut: number } {
  checkTensor(tensor, "calculateFanInAndFanOut", "tensor");
  if (tensor.ndim < 2)
    throw new RangeError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: tensor.shape[1]! * receptive, fanOut: tensor.shape[0]! * receptive };
}

function correctFan(tensor: Tensor, mode: unknown, fn: string): number {
  if (typeof mode !== "string")
    throw new TypeError(`${fn}(): mode must be a string ("fan_in" or "fan_out"), but got ${kindOf(mode)}`);
  const m = mode.toLowerCase();
  if (m !== "fan_in" && m !== "fan_out")
    throw new RangeError(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  return m === "fan_in" ? fanIn : fanOut;
}

const gen = (o: { generator?: Generator | null } | undefined) => ({ generator: o?.generator ?? null });

/** The sampling options of an initialiser (only `generator`), checked. */
const sampling = (o: unknown, fn: string) =>
  gen(checkOptionsObject<{ generator: Generator | null }>(o, fn, ["generator"]));

/** The sampling option of the initialisers. */
export interface SamplingOptions {
  /** The generator to draw from (default: the global one). */
  generator?: Generator | null;
}

/**
 * The arguments after the tensor of an initialiser with two parameters named
 * `A` and `B`: both positional, the first positional and the second an
 * option, or both options.
 */
type TwoParams<A extends string, B extends string> =
  | [first?: number, second?: number, opts?: SamplingOptions]
  | [first: number, opts: SamplingOptions & { [K in B]?: number }]
  | [opts: SamplingOptions & { [K in A | B]?: number }];

/** Fills `tensor` by `fill(first, second, sampling)` under noGrad: the parameters are `defaults`' keys. */
function fillWith(
  tensor: Tensor,
  fn: string,
  args: readonly unknown[],
  defaults: Record<string, number>,
  fill: (first: number, second: number, s: SamplingOptions) => Tensor,
): Tensor {
  checkTensor(tensor, fn, "tensor");
  const names = Object.keys(defaults);
  const o = optionalArgs(args, fn, names, ["generator"], defaults);
  const s = sampling({ generator: o.generator }, fn);
  return noGrad(() => fill(o[names[0]!] as number, o[names[1]!] as number, s));
}

/**
 * torch.nn.init.uniform_: fills with draws from U(a, b) (defaults 0, 1),
 * positional or as options: `uniform_(w, -0.1, 0.1)`, `uniform_(w, { a: -0.1, b: 0.1 })`.
 */
export function uniform_(tensor: Tensor, ...args: TwoParams<"a", "b">): Tensor {
  return fillWith(tensor, "uniform_", args, { a: 0, b: 1 }, (a, b, s) => tensor.uniform_(a, b, s));
}

/**
 * torch.nn.init.normal_: fills with draws from N(mean, std^2) (defaults 0,
 * 1), positional or as options: `normal_(w, 0, 0.02)`, `normal_(w, { std: 0.02 })`.
 */
export function normal_(tensor: Tensor, ...args: TwoParams<"mean", "std">): Tensor {
  return fillWith(tensor, "normal_", args, { mean: 0, std: 1 }, (mean, std, s) => tensor.normal_(mean, std, s));
}

/** torch.nn.init.constant_: fills with `val`. */
export function constant_(tensor: Tensor, val: number): Tensor {
  checkTensor(tensor, "constant_", "tensor");
  return noGrad(() => tensor.fill_(val));
}

/** torch.nn.init.zeros_: fills with zeros. */
export function zeros_(tensor: Tensor): Tensor {
  checkTensor(tensor, "zeros_", "tensor");
  return noGrad(() => tensor.zero_());
}

/** torch.nn.init.ones_: fills with ones. */
export function ones_(tensor: Tensor): Tensor {
  checkTensor(tensor, "ones_", "tensor");
  return constant_(tensor, 1);
}

/** The gain and sampling options of a xavier initialiser: a number, or { gain, generator }. */
function gainArgs(tensor: Tensor, g: unknown, fn: string): { gain: number; sample: { generator: Generator | null } } {
  checkTensor(tensor, fn, "tensor");
  if (typeof g === "number" || g === undefined) return { gain: g ?? 1, sample: gen(undefined) };
  if (g === null || typeof g !== "object") throw new TypeError(`${fn}(): gain must be a number, but got ${kindOf(g)}`);
  const o = checkOptionsObject<GainOptions>(g, fn, ["gain", "generator"]);
  if (o.gain !== undefined && typeof o.gain !== "number")
    throw new TypeError(`${fn}(): gain must be a number, but got ${kindOf(o.gain)}`);
  return { gain: o.gain ?? 1, sample: gen(o) };
}

/** A xavier initialiser's std = gain * sqrt(2 / (fan_in + fan_out)) and sampling options. */
function xavier(tensor: Tensor, gain: unknown, fn: string): { std: number; sample: { generator: Generator | null } } {
  const g = gainArgs(tensor, gain, fn);
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  return { std: g.gain * Math.sqrt(2.0 / (fanIn + fanOut)), sample: g.sample };
}

/** torch.nn.init.xavier_uniform_ (Glorot): U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)); `gain` positional or as `{ gain, generator }`. */
export function xavierUniform_(tensor: Tensor, gain?: number | GainOptions): Tensor {
  const x = xavier(tensor, gain, "xavierUniform_");
  const a = Math.sqrt(3.0) * x.std;
  return uniform_(tensor, -a, a, x.sample);
}

/** torch.nn.init.xavier_normal_ (Glorot): N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)); `gain` positional or as `{ gain, generator }`. */
export function xavierNormal_(tensor: Tensor, gain?: number | GainOptions): Tensor {
  const x = xavier(tensor, gain, "xavierNormal_");
  return normal_(tensor, 0, x.std, x.sample);
}

let warnedEmpty = false;
function emptyNoOp(tensor: Tensor): boolean {
  if (!tensor.shape.includes(0)) return false;
  if (!warnedEmpty) {
    warnedEmpty = true;
    console.warn("UserWarning: Initializing zero-element tensors is a no-op");
  }
  return true;
}

/** A kaiming initialiser's options, checked, and its std = gain / sqrt(fan); null for an empty tensor (a no-op). */
function kaiming(tensor: Tensor, opts: KaimingOptions, fn: string): { std: number; o: KaimingOptions } | null {
  checkTensor(tensor, fn, "tensor");
  const o: KaimingOptions = checkOptionsObject<KaimingOptions>(opts, fn, ["a", "mode", "nonlinearity", "generator"]);
  if (emptyNoOp(tensor)) return null;
  const fan = correctFan(tensor, o.mode ?? "fan_in", fn);
  const gain = calculateGain(o.nonlinearity ?? "leaky_relu", o.a ?? 0);
  return { std: gain / Math.sqrt(fan), o };
}

/** torch.nn.init.kaiming_uniform_ (He): U(-bound, bound) with bound = gain * sqrt(3 / fan); every argument is an option. nn.Linear uses a = sqrt(5). */
export function kaimingUniform_(tensor: Tensor, opts: KaimingOptions = {}): Tensor {
  const k = kaiming(tensor, opts, "kaimingUniform_");
  if (k === null) return tensor;
  const bound = Math.sqrt(3.0) * k.std;
  return uniform_(tensor, -bound, bound, gen(k.o));
}

/** torch.nn.init.kaiming_normal_ (He): N(0, std^2) with std = gain / sqrt(fan); every argument is an option. */
export function kaimingNormal_(tensor: Tensor, opts: KaimingOptions = {}): Tensor {
  const k = kaiming(tensor, opts, "kaimingNormal_");
  return k === null ? tensor : normal_(tensor, 0, k.std, gen(k.o));
}
