// The layer modules: Linear, Embedding, LayerNorm, Dropout, Identity, Flatten.
// Each creates its parameters the way PyTorch does (same shapes, same
// initialisers drawn in the same order), so `torch.manualSeed(s)` followed by
// the same constructors gives PyTorch's initial weights.

import { Tensor } from "../../tensor.js";
import { isFloating, parseDType, torchName, type DType } from "../../dtype.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject, optionalArgs, shown } from "../../args.js";
import { noGrad } from "../../autograd/gradMode.js";
import { empty, ones, zeros } from "../../ops/creation.js";
import { flatten } from "../../ops/views.js";
import { Module, pyBool, pyFloat, pyTuple, type AnyModule } from "../module.js";
import { Parameter } from "../parameter.js";
import { checkTensor } from "../../ops/launch.js";
import * as init from "../init.js";
import { linear } from "../functional/linear.js";
import { dropout } from "../functional/dropout.js";
import { layerNorm } from "../functional/layerNorm.js";
import { embedding } from "../functional/embedding.js";

/** Options shared by modules that create parameters. */
export interface FactoryOptions {
  /** The parameters' dtype (default float32). */
  dtype?: DType;
}

/** A size argument (in_features, num_features, ...): a non-negative integer. */
export function checkSize(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw new TypeError(`${what} must be a non-negative integer, but got ${shown(v)}`);
  return v;
}

/**
 * @internal A module's options, checked before anything is allocated: known keys, and
 * a floating dtype (parameters require grad).
 */
export function factoryOptions<O extends FactoryOptions>(
  opts: unknown,
  fn: string,
  keys: readonly string[],
): Partial<O> & { dtype: DType } {
  const o = checkOptionsObject<O>(opts, fn, [...keys, "dtype"]);
  const dtype = o.dtype === undefined ? "float32" : parseDType(o.dtype, `${fn}(): dtype`);
  if (!isFloating(dtype))
    throw new TypeError(`only Tensors of floating point dtype can require gradients (got ${torchName[dtype]})`);
  return { ...o, dtype };
}

/** Runs a constructor's allocations; on failure frees what was made (the module is never returned). */
export function building(m: AnyModule, make: () => void): void {
  try {
    make();
  } catch (e) {
    (m as unknown as Module).dispose();
    throw e;
  }
}

/** y = x·Wᵀ + b, with weight [outFeatures, inFeatures] and bias [outFeatures] (null with `bias: false`). */
export class Linear extends Module {
  protected static override readonly _pyName: string = "Linear";
  /** in_features: the size of each input sample (the last dim). */
  readonly inFeatures: number;
  /** out_features: the size of each output sample. */
  readonly outFeatures: number;
  /** The learnable weight, of shape [outFeatures, inFeatures]. */
  weight: Tensor;
  /** The learnable bias, of shape [outFeatures]; null when made with `{ bias: false }`. */
  bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, opts: { bias?: boolean } & FactoryOptions = {}) {
    super();
    this.inFeatures = checkSize(inFeatures, "in_features");
    this.outFeatures = checkSize(outFeatures, "out_features");
    const o = factoryOptions<{ bias: boolean; dtype: DType }>(opts, "Linear", ["bias"]);
    const bias = checkBooleanOption(o.bias, "Linear", "bias") ?? true;
    const dtype = o.dtype;
    this.weight = null as unknown as Tensor;
    this.bias = null;
    building(this, () => {
      this.weight = Parameter(empty([outFeatures, inFeatures], { dtype }));
      this.bias = bias ? Parameter(empty([outFeatures], { dtype })) : null;
      this.resetParameters();
    });
  }

  /** PyTorch's init: kaiming_uniform_(weight, a=sqrt(5)), then bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const { fanIn } = init.calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** A lookup table: rows of weight [numEmbeddings, embeddingDim] picked by int64 (or int32) indices; weight ~ N(0, 1). */
export class Embedding extends Module {
  protected static override readonly _pyName: string = "Embedding";
  /** num_embeddings: the number of rows of the table. */
  readonly numEmbeddings: number;
  /** embedding_dim: the size of each row. */
  readonly embeddingDim: number;
  /** padding_idx: the row that gets no gradient (made non-negative), or null. */
  readonly paddingIdx: number | null;
  /** The learnable table, of shape [numEmbeddings, embeddingDim]. */
  weight: Tensor;

  constructor(numEmbeddings: number, embeddingDim: number, opts: { paddingIdx?: number | null } & FactoryOptions = {}) {
    super();
    this.numEmbeddings = checkSize(numEmbeddings, "num_embeddings");
    this.embeddingDim = checkSize(embeddingDim, "embedding_dim");
    const o = factoryOptions<{ paddingIdx: number | null; dtype: DType }>(opts, "Embedding", ["paddingIdx"]);
    let pad = o.paddingIdx ?? null;
    if (pad !== null && (typeof pad !== "number" || !Number.isInteger(pad))) {
      throw new TypeError(`Embedding(): paddingIdx must be an integer or null, but got ${shown(pad)}`);
    }
    if (pad !== null) {
      if (pad > 0 && pad >= numEmbeddings) throw new RangeError("Padding_idx must be within num_embeddings");
      if (pad < 0) {
        if (pad < -numEmbeddings) throw new RangeError("Padding_idx must be within num_embeddings");
        pad += numEmbeddings;
      }
    }
    this.paddingIdx = pad;
    this.weight = null as unknown as Tensor;
    building(this, () => {
      this.weight = Parameter(empty([numEmbeddings, embeddingDim], { dtype: o.dtype }));
      this.resetParameters();
    });
  }

  /** weight ~ N(0, 1), with the padding row zeroed. */
  resetParameters(): void {
    init.normal_(this.weight);
    if (this.paddingIdx !== null) {
      const row = this.weight.select(0, this.paddingIdx);
      noGrad(() => row.fill_(0));
      row.dispose();
    }
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, { paddingIdx: this.paddingIdx });
  }

  override extraRepr(): string {
    return (
      `${this.numEmbeddings}, ${this.embeddingDim}` +
      (this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : "")
    );
  }
}

/** Layer normalisation over the last dims (normalizedShape), with weight (ones) and bias (zeros) unless elementwiseAffine is false. */
export class LayerNorm extends Module {
  protected static override readonly _pyName: string = "LayerNorm";
  /** normalized_shape: the trailing dims normalised over. */
  readonly normalizedShape: readonly number[];
  /** Added to the variance before its square root. */
  readonly eps: number;
  /** elementwise_affine: whether the module has a learnable weight and bias. */
  readonly elementwiseAffine: boolean;
  /** The learnable scale, of shape normalizedShape (null without elementwiseAffine). */
  weight: Tensor | null;
  /** The learnable shift, of shape normalizedShape (null without elementwiseAffine). */
  bias: Tensor | null;

  constructor(
    normalizedShape: number | readonly number[],
    opts: { eps?: number; elementwiseAffine?: boolean; bias?: boolean } & FactoryOptions = {},
  ) {
    super();
    if (typeof normalizedShape !== "number" && !Array.isArray(normalizedShape)) {
      throw new TypeError(
        `LayerNorm(): normalized_shape must be an integer or an array of integers, but got ${shown(normalizedShape)}`,
      );
    }
    this.normalizedShape = typeof normalizedShape === "number" ? [normalizedShape] : Array.from(normalizedShape);
    const o = factoryOptions<{ eps: number; elementwiseAffine: boolean; bias: boolean; dtype: DType }>(
      opts,
      "LayerNorm",
      ["eps", "elementwiseAffine", "bias"],
    );
    this.eps = checkNumberOption(o.eps, "LayerNorm", "eps") ?? 1e-5;
    this.elementwiseAffine = checkBooleanOption(o.elementwiseAffine, "LayerNorm", "elementwiseAffine") ?? true;
    const bias = checkBooleanOption(o.bias, "LayerNorm", "bias") ?? true;
    const dtype = o.dtype;
    this.weight = null;
    this.bias = null;
    building(this, () => {
      this.weight = this.elementwiseAffine ? Parameter(ones(this.normalizedShape, { dtype })) : null;
      this.bias = this.elementwiseAffine && bias ? Parameter(zeros(this.normalizedShape, { dtype })) : null;
    });
  }

  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}

export interface DropoutModuleOptions {
  /** The probability of zeroing an element (default 0.5). */
  p?: number;
  /** Scale the input in place (default false). */
  inplace?: boolean;
}

/** Zeroes elements with probability p while training (scaling the rest by 1 / (1 - p)); the identity in eval mode. */
export class Dropout extends Module {
  protected static override readonly _pyName: string = "Dropout";
  /** The probability of zeroing an element. */
  readonly p: number;
  /** Whether forward scales its input in place. */
  readonly inplace: boolean;

  /**
   * `new nn.Dropout()`, `new nn.Dropout(0.1)`, `new nn.Dropout({ p: 0.1, inplace: true })`,
   * `new nn.Dropout(0.1, { inplace: true })`, or PyTorch's positional `new nn.Dropout(0.1, true)`.
   */
  constructor(p?: number | DropoutModuleOptions, opts?: { inplace?: boolean } | boolean) {
    super();
    const o: DropoutModuleOptions =
      typeof p === "object" && p !== null
        ? checkOptionsObject<DropoutModuleOptions>(p, "Dropout", ["p", "inplace"])
        : { p };
    if (typeof opts === "boolean") o.inplace = opts;
    else if (opts !== undefined) {
      if (typeof p === "object" && p !== null) throw new TypeError("Dropout(): options given twice");
      o.inplace = checkOptionsObject<{ inplace?: boolean }>(opts, "Dropout", ["inplace"]).inplace;
    }
    const prob = o.p ?? 0.5;
    if (typeof prob !== "number")
      throw new TypeError(
        `Dropout(): p must be a number, but got ${typeof prob === "string" ? `the string ${JSON.stringify(prob)}` : shown(prob)}`,
      );
    if (!(prob >= 0 && prob <= 1))
      throw new RangeError(`dropout probability has to be between 0 and 1, but got ${prob}`);
    this.p = prob;
    this.inplace = checkBooleanOption(o.inplace, "Dropout", "inplace") ?? false;
  }

  override forward(input: Tensor): Tensor {
    return dropout(input, { p: this.p, training: this.training, inplace: this.inplace });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

/** Returns its input. */
export class Identity extends Module {
  protected static override readonly _pyName: string = "Identity";
  override forward(input: Tensor): Tensor {
    checkTensor(input, "Identity", "input");
    return input;
  }
}

/** One of Flatten's dims, which must be an integer. */
function flattenDim(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new TypeError(`Flatten(): ${name} must be an integer, but got ${shown(v)}`);
  return v;
}

/** Flattens dims startDim..endDim (default 1..-1: everything but the batch dim). */
export class Flatten extends Module {
  protected static override readonly _pyName: string = "Flatten";
  /** The first dim flattened (start_dim, default 1). */
  readonly startDim: number;
  /** The last dim flattened (end_dim, default -1). */
  readonly endDim: number;

  /** `new Flatten(startDim?, endDim?)`, `new Flatten(1, { endDim })` or `new Flatten({ startDim, endDim })`. */
  constructor(
    ...args:
      | [startDim?: number, endDim?: number]
      | [startDim: number, opts: { endDim?: number }]
      | [opts: { startDim?: number; endDim?: number }]
  ) {
    super();
    const { startDim, endDim } = optionalArgs(args, "Flatten", ["startDim", "endDim"], [], { startDim: 1, endDim: -1 });
    this.startDim = flattenDim(startDim, "start_dim");
    this.endDim = flattenDim(endDim, "end_dim");
  }

  override forward(input: Tensor): Tensor {
    return flatten(input, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
