// nn.MultiheadAttention and the transformer layers of PyTorch 1.13:
// TransformerEncoderLayer, TransformerEncoder, TransformerDecoderLayer,
// TransformerDecoder. Parameters and submodules are registered under
// PyTorch's names and in its order (state-dict keys such as
// `self_attn.in_proj_weight`, `layers.0.linear1.weight`), with camelCase
// getters beside them (`selfAttn`, `inProjWeight`), and drawn from the
// generator in PyTorch's order, so `torch.manualSeed(s)` gives PyTorch's
// initial weights. The encoder and decoder stacks deep-copy their layer as
// PyTorch's do: every layer starts with the same weights.
//
// PyTorch 1.13 takes a native "fast path" in eval mode for some inputs; it
// computes the same function, and torchlet always takes the path the
// training mode takes.

import { Tensor } from "../../tensor.js";
import { itemSize } from "../../dtype.js";
import { checkBooleanOption, checkNumberOption, optionalArgs, shown } from "../../args.js";
import { empty } from "../../ops/creation.js";
import { add } from "../../ops/binary.js";
import { relu } from "../../ops/unary.js";
import { transpose } from "../../ops/views.js";
import { scoped } from "../../memory.js";
import { checkTensor } from "../../ops/launch.js";
import { cloneModule, Module, type AnyModule } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import { gelu } from "../functional/activation.js";
import { checkQKV, multiHeadAttentionForward } from "../functional/attention.js";
import { building, Dropout, LayerNorm, Linear, type FactoryOptions } from "./layers.js";
import { ModuleList } from "./containers.js";

const own = (m: object): Record<string, unknown> => m as Record<string, unknown>;

function checkPositiveInt(v: unknown, fn: string, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0)
    throw new TypeError(`${fn}(): ${name} must be a positive integer, but got ${shown(v)}`);
  return v;
}

/** nn.MultiheadAttention's out_proj: a Linear that prints under PyTorch's class name for it. */
export class NonDynamicallyQuantizableLinear extends Linear {
  protected override _getName(): string {
    return "NonDynamicallyQuantizableLinear";
  }
}

/** The keyword arguments of nn.MultiheadAttention's constructor. */
export interface MultiheadAttentionOptions extends FactoryOptions {
  /** Dropout on the attention weights while training (default 0). */
  dropout?: number;
  /** Biases on the in- and out-projections (default true). */
  bias?: boolean;
  /** Learned key and value rows appended to the keys and values (default false). */
  addBiasKv?: boolean;
  /** A zero key and value appended (default false). */
  addZeroAttn?: boolean;
  /** The keys' feature size (default embedDim). */
  kdim?: number | null;
  /** The values' feature size (default embedDim). */
  vdim?: number | null;
  /** Inputs and outputs are [N, L, E] instead of [L, N, E] (default false). */
  batchFirst?: boolean;
}

/** The keyword arguments of MultiheadAttention.forward. */
export interface MultiheadAttentionForwardOptions {
  /** [N, S] (or [S]): keys to ignore, bool true or a float added to the scores. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights too (default true). */
  needWeights?: boolean;
  /** [L, S] or [N * numHeads, L, S]: bool true masks a pair out; a float mask is added. */
  attnMask?: Tensor | null;
  /** Average the weights over heads (default true). */
  averageAttnWeights?: boolean;
}

/**
 * Attention from `numHeads` heads of size embedDim / numHeads: forward(query,
 * key, value, opts) returns `[output, weights]` (weights null with
 * `needWeights: false`), as PyTorch returns a tuple.
 */
export class MultiheadAttention extends Module<
  [Tensor, Tensor, Tensor, MultiheadAttentionForwardOptions?],
  [Tensor, Tensor | null]
> {
  /** embed_dim: the model's feature size. */
  readonly embedDim: number;
  /** kdim: the keys' feature size. */
  readonly kdim: number;
  /** vdim: the values' feature size. */
  readonly vdim: number;
  /** num_heads: the number of parallel heads. */
  readonly numHeads: number;
  /** The dropout probability on the attention weights. */
  readonly dropout: number;
  /** batch_first: inputs are [N, L, E]. */
  readonly batchFirst: boolean;
  /** head_dim: embedDim / numHeads. */
  readonly headDim: number;
  /** add_zero_attn. */
  readonly addZeroAttn: boolean;

  constructor(embedDim: number, numHeads: number, opts: MultiheadAttentionOptions = {}) {
    super();
    const fn = "MultiheadAttention";
    this.embedDim = checkPositiveInt(embedDim, fn, "embed_dim");
    this.numHeads = checkPositiveInt(numHeads, fn, "num_heads");
    const o = optionalArgs(
      [opts],
      fn,
      [],
      ["dropout", "bias", "addBiasKv", "addZeroAttn", "kdim", "vdim", "batchFirst", "dtype"],
    ) as MultiheadAttentionOptions;
    this.kdim = o.kdim == null ? embedDim : checkPositiveInt(o.kdim, fn, "kdim");
    this.vdim = o.vdim == null ? embedDim : checkPositiveInt(o.vdim, fn, "vdim");
    this.dropout = checkNumberOption(o.dropout, fn, "dropout") ?? 0;
    this.batchFirst = checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false;
    this.addZeroAttn = checkBooleanOption(o.addZeroAttn, fn, "add_zero_attn") ?? false;
    const bias = checkBooleanOption(o.bias, fn, "bias") ?? true;
    const addBiasKv = checkBooleanOption(o.addBiasKv, fn, "add_bias_kv") ?? false;
    this.headDim = Math.floor(embedDim / numHeads);
    if (this.headDim * numHeads !== embedDim) throw new RangeError("embed_dim must be divisible by num_heads");
    const dtype = o.dtype;
    const E = embedDim;
    building(this, () => {
      const p = (shape: number[]): Tensor => Parameter(empty(shape, { dtype }));
      if (!this._qkvSameEmbedDim) {
        this.registerParameter("q_proj_weight", p([E, E]));
        this.registerParameter("k_proj_weight", p([E, this.kdim]));
        this.registerParameter("v_proj_weight", p([E, this.vdim]));
        this.registerParameter("in_proj_weight", null);
      } else {
        this.registerParameter("in_proj_weight", p([3 * E, E]));
        this.registerParameter("q_proj_weight", null);
        this.registerParameter("k_proj_weight", null);
        this.registerParameter("v_proj_weight", null);
      }
      this.registerParameter("in_proj_bias", bias ? p([3 * E]) : null);
      this.registerModule("out_proj", new NonDynamicallyQuantizableLinear(E, E, { bias, dtype }));
      this.registerParameter("bias_k", addBiasKv ? p([1, 1, E]) : null);
      this.registerParameter("bias_v", addBiasKv ? p([1, 1, E]) : null);
      this.resetParameters();
    });
  }

  /** @internal whether keys and values have the model's feature size (one packed in-projection) */
  get _qkvSameEmbedDim(): boolean {
    return this.kdim === this.embedDim && this.vdim === this.embedDim;
  }
  /** in_proj_weight [3 * embedDim, embedDim], or null when kdim/vdim differ. */
  get inProjWeight(): Tensor | null {
    return own(this).in_proj_weight as Tensor | null;
  }
  /** in_proj_bias [3 * embedDim], or null without bias. */
  get inProjBias(): Tensor | null {
    return own(this).in_proj_bias as Tensor | null;
  }
  /** q_proj_weight (only when kdim/vdim differ from embedDim). */
  get qProjWeight(): Tensor | null {
    return own(this).q_proj_weight as Tensor | null;
  }
  /** k_proj_weight (only when kdim/vdim differ from embedDim). */
  get kProjWeight(): Tensor | null {
    return own(this).k_proj_weight as Tensor | null;
  }
  /** v_proj_weight (only when kdim/vdim differ from embedDim). */
  get vProjWeight(): Tensor | null {
    return own(this).v_proj_weight as Tensor | null;
  }
  /** The output projection (out_proj). */
  get outProj(): Linear {
    return own(this).out_proj as Linear;
  }
  /** bias_k [1, 1, embedDim] with addBiasKv, else null. */
  get biasK(): Tensor | null {
    return own(this).bias_k as Tensor | null;
  }
  /** bias_v [1, 1, embedDim] with addBiasKv, else null. */
  get biasV(): Tensor | null {
    return own(this).bias_v as Tensor | null;
  }

  /** PyTorch's _reset_parameters: xavier_uniform_ projections, zero biases, xavier_normal_ bias_k/bias_v. */
  resetParameters(): void {
    if (this._qkvSameEmbedDim) init.xavierUniform_(this.inProjWeight!);
    else for (const w of [this.qProjWeight, this.kProjWeight, this.vProjWeight]) init.xavierUniform_(w!);
    if (this.inProjBias !== null) {
      init.constant_(this.inProjBias, 0);
      init.constant_(this.outProj.bias!, 0);
    }
    if (this.biasK !== null) init.xavierNormal_(this.biasK);
    if (this.biasV !== null) init.xavierNormal_(this.biasV);
  }

  override forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    opts: MultiheadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const fn = "MultiheadAttention.forward";
    checkQKV(fn, query, key, value);
    const o = optionalArgs(
      [opts],
      fn,
      [],
      ["keyPaddingMask", "needWeights", "attnMask", "averageAttnWeights"],
    ) as MultiheadAttentionForwardOptions;
    const batched = query.ndim === 3;
    return scoped(() => {
      let [q, k, v] = [query, key, value];
      // Transposed once per distinct tensor: the in-projection packs q, k, v that are one tensor.
      if (this.batchFirst && batched) {
        q = transpose(query, 1, 0);
        k = key === query ? q : transpose(key, 1, 0);
        v = value === key ? k : value === query ? q : transpose(value, 1, 0);
      }
      const [out, weights] = multiHeadAttentionForward(
        q,
        k,
        v,
        this.embedDim,
        this.numHeads,
        this.inProjWeight,
        this.inProjBias,
        this.dropout,
        this.outProj.weight,
        this.outProj.bias,
        {
          training: this.training,
          keyPaddingMask: o.keyPaddingMask ?? null,
          needWeights: o.needWeights ?? true,
          attnMask: o.attnMask ?? null,
          averageAttnWeights: o.averageAttnWeights ?? true,
          biasK: this.biasK,
          biasV: this.biasV,
          addZeroAttn: this.addZeroAttn,
          useSeparateProjWeight: !this._qkvSameEmbedDim,
          qProjWeight: this.qProjWeight,
          kProjWeight: this.kProjWeight,
          vProjWeight: this.vProjWeight,
        },
      );
      return [this.batchFirst && batched ? transpose(out, 1, 0) : out, weights] as [Tensor, Tensor | null];
    });
  }

  protected override _getName(): string {
    return "MultiheadAttention";
  }
}

/** A transformer layer's activation: "relu", "gelu", a function of a tensor, or a module (registered as `activation`). */
export type TransformerActivation = "relu" | "gelu" | ((x: Tensor) => Tensor) | AnyModule;

/** The keyword arguments of nn.TransformerEncoderLayer and nn.TransformerDecoderLayer. */
export interface TransformerLayerOptions extends FactoryOptions {
  /** dim_feedforward: the hidden size of the feed-forward block (default 2048). */
  dimFeedforward?: number;
  /** Dropout probability everywhere in the layer (default 0.1). */
  dropout?: number;
  /** The feed-forward block's activation (default "relu"). */
  activation?: TransformerActivation;
  /** layer_norm_eps (default 1e-5). */
  layerNormEps?: number;
  /** Inputs are [N, L, E] (default false: [L, N, E]). */
  batchFirst?: boolean;
  /** LayerNorm before each block instead of after the residual (default false). */
  normFirst?: boolean;
}

const LAYER_KEYS = ["dimFeedforward", "dropout", "activation", "layerNormEps", "batchFirst", "normFirst", "dtype"];

interface LayerParts {
  dimFeedforward: number;
  dropout: number;
  eps: number;
  batchFirst: boolean;
  normFirst: boolean;
  dtype: FactoryOptions["dtype"];
  activation: TransformerActivation;
}

function layerParts(dModel: number, nhead: number, opts: TransformerLayerOptions, fn: string): LayerParts {
  checkPositiveInt(dModel, fn, "d_model");
  checkPositiveInt(nhead, fn, "nhead");
  const o = optionalArgs([opts], fn, [], LAYER_KEYS) as TransformerLayerOptions;
  const activation = o.activation ?? "relu";
  if (typeof activation === "string" && activation !== "relu" && activation !== "gelu")
    throw new RangeError(`activation should be relu/gelu, not ${activation}`);
  if (typeof activation !== "string" && typeof activation !== "function" && !(activation instanceof Module))
    throw new TypeError(
      `${fn}(): activation must be "relu", "gelu", a function or a Module, but got ${shown(activation)}`,
    );
  return {
    dimFeedforward: o.dimFeedforward === undefined ? 2048 : checkPositiveInt(o.dimFeedforward, fn, "dim_feedforward"),
    dropout: checkNumberOption(o.dropout, fn, "dropout") ?? 0.1,
    eps: checkNumberOption(o.layerNormEps, fn, "layer_norm_eps") ?? 1e-5,
    batchFirst: checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false,
    normFirst: checkBooleanOption(o.normFirst, fn, "norm_first") ?? false,
    dtype: o.dtype,
    activation,
  };
}

/** The feed-forward block and norms shared by both layer kinds. */
abstract class TransformerLayer extends Module<[Tensor, ...unknown[]], Tensor> {
  /** norm_first: normalise before each block. */
  readonly normFirst: boolean;
  /** The activation given as a string or a function (a module one is the `activation` submodule). */
  protected readonly _activationFn: ((x: Tensor) => Tensor) | null;

  protected constructor(normFirst: boolean, activation: TransformerActivation) {
    super();
    this.normFirst = normFirst;
    this._activationFn =
      activation === "relu"
        ? relu
        : activation === "gelu"
          ? (x) => gelu(x)
          : activation instanceof Module
            ? null
            : (activation as (x: Tensor) => Tensor);
    Object.defineProperty(this, "_activationFn", { enumerable: false });
  }

  protected _activation(x: Tensor): Tensor {
    return this._activationFn === null ? this._m("activation").call(x) : this._activationFn(x);
  }

  /** The layer's submodule `name` (PyTorch's attribute of that name). */
  protected _m<M extends AnyModule = Module>(name: string): M {
    return own(this)[name] as M;
  }

  /** The feed-forward block: dropout2(linear2(dropout(activation(linear1(x))))). */
  protected _ffBlock(x: Tensor, last: string): Tensor {
    const h = this._m<Dropout>("dropout").call(this._activation(this._m<Linear>("linear1").call(x)));
    return this._m<Dropout>(last).call(this._m<Linear>("linear2").call(h));
  }

  /** Self- or cross-attention, then its dropout. */
  protected _attnBlock(
    attn: string,
    drop: string,
    x: Tensor,
    mem: Tensor,
    mask: Tensor | null,
    padding: Tensor | null,
  ): Tensor {
    const [out] = this._m<MultiheadAttention>(attn).call(x, mem, mem, {
      attnMask: mask,
      keyPaddingMask: padding,
      needWeights: false,
    });
    return this._m<Dropout>(drop).call(out);
  }

  /** Residual blocks in PyTorch's order: x + block(norm(x)) with normFirst, else norm(x + block(x)). */
  protected _residual(x: Tensor, norm: string, block: (y: Tensor) => Tensor): Tensor {
    const n = this._m<LayerNorm>(norm);
    return this.normFirst ? add(x, block(n.call(x))) : n.call(add(x, block(x)));
  }
}

/** Registers the modules both layer kinds share, after their attention blocks, in PyTorch's order. */
function addFeedForward(m: Module, dModel: number, p: LayerParts, norms: number): void {
  const { dtype } = p;
  m.registerModule("linear1", new Linear(dModel, p.dimFeedforward, { dtype }));
  m.registerModule("dropout", new Dropout(p.dropout));
  m.registerModule("linear2", new Linear(p.dimFeedforward, dModel, { dtype }));
  for (let i = 1; i <= norms; i++) m.registerModule(`norm${i}`, new LayerNorm(dModel, { eps: p.eps, dtype }));
  for (let i = 1; i <= norms; i++) m.registerModule(`dropout${i}`, new Dropout(p.dropout));
  if (p.activation instanceof Module) m.registerModule("activation", p.activation as AnyModule);
}

/** The keyword arguments of TransformerEncoderLayer.forward. */
export interface EncoderLayerForwardOptions {
  /** src_mask: [S, S] or [N * nhead, S, S] (bool true masks out, or float added). */
  srcMask?: Tensor | null;
  /** src_key_padding_mask: [N, S]. */
  srcKeyPaddingMask?: Tensor | null;
}

/** Self-attention and a feed-forward block, each with a residual and LayerNorm (PyTorch 1.13's layer). */
export class TransformerEncoderLayer extends TransformerLayer {
  constructor(dModel: number, nhead: number, opts: TransformerLayerOptions = {}) {
    const p = layerParts(dModel, nhead, opts, "TransformerEncoderLayer");
    super(p.normFirst, p.activation);
    building(this, () => {
      this.registerModule(
        "self_attn",
        new MultiheadAttention(dModel, nhead, { dropout: p.dropout, batchFirst: p.batchFirst, dtype: p.dtype }),
      );
      addFeedForward(this, dModel, p, 2);
    });
  }

  /** The self-attention block (self_attn). */
  get selfAttn(): MultiheadAttention {
    return this._m<MultiheadAttention>("self_attn");
  }

  override forward(src: Tensor, opts: EncoderLayerForwardOptions = {}): Tensor {
    checkTensor(src, "TransformerEncoderLayer.forward", "src");
    const o = optionalArgs(
      [opts],
      "TransformerEncoderLayer.forward",
      [],
      ["srcMask", "srcKeyPaddingMask"],
    ) as EncoderLayerForwardOptions;
    const mask = o.srcMask ?? null,
      padding = o.srcKeyPaddingMask ?? null;
    return scoped(() => {
      const x = this._residual(src, "norm1", (y) => this._attnBlock("self_attn", "dropout1", y, y, mask, padding));
      return this._residual(x, "norm2", (y) => this._ffBlock(y, "dropout2"));
    });
  }

  protected override _getName(): string {
    return "TransformerEncoderLayer";
  }
}

/** The keyword arguments of TransformerDecoderLayer.forward and TransformerDecoder.forward. */
export interface DecoderForwardOptions {
  /** tgt_mask: [T, T] (e.g. a causal mask). */
  tgtMask?: Tensor | null;
  /** memory_mask: [T, S]. */
  memoryMask?: Tensor | null;
  /** tgt_key_padding_mask: [N, T]. */
  tgtKeyPaddingMask?: Tensor | null;
  /** memory_key_padding_mask: [N, S]. */
  memoryKeyPaddingMask?: Tensor | null;
}

const DECODER_KEYS = ["tgtMask", "memoryMask", "tgtKeyPaddingMask", "memoryKeyPaddingMask"];

/** Self-attention, attention over the encoder's memory, and a feed-forward block (PyTorch 1.13's layer). */
export class TransformerDecoderLayer extends TransformerLayer {
  constructor(dModel: number, nhead: number, opts: TransformerLayerOptions = {}) {
    const p = layerParts(dModel, nhead, opts, "TransformerDecoderLayer");
    super(p.normFirst, p.activation);
    building(this, () => {
      const mha = (): MultiheadAttention =>
        new MultiheadAttention(dModel, nhead, { dropout: p.dropout, batchFirst: p.batchFirst, dtype: p.dtype });
      this.registerModule("self_attn", mha());
      this.registerModule("multihead_attn", mha());
      addFeedForward(this, dModel, p, 3);
    });
  }

  /** The self-attention block (self_attn). */
  get selfAttn(): MultiheadAttention {
    return this._m<MultiheadAttention>("self_attn");
  }
  /** The attention over the memory (multihead_attn). */
  get multiheadAttn(): MultiheadAttention {
    return this._m<MultiheadAttention>("multihead_attn");
  }

  override forward(tgt: Tensor, memory: Tensor, opts: DecoderForwardOptions = {}): Tensor {
    const fn = "TransformerDecoderLayer.forward";
    checkTensor(tgt, fn, "tgt");
    checkTensor(memory, fn, "memory");
    const o = optionalArgs([opts], fn, [], DECODER_KEYS) as DecoderForwardOptions;
    return scoped(() => {
      let x = this._residual(tgt, "norm1", (y) =>
        this._attnBlock("self_attn", "dropout1", y, y, o.tgtMask ?? null, o.tgtKeyPaddingMask ?? null),
      );
      x = this._residual(x, "norm2", (y) =>
        this._attnBlock("multihead_attn", "dropout2", y, memory, o.memoryMask ?? null, o.memoryKeyPaddingMask ?? null),
      );
      return this._residual(x, "norm3", (y) => this._ffBlock(y, "dropout3"));
    });
  }

  protected override _getName(): string {
    return "TransformerDecoderLayer";
  }
}

/** More layers than any model has; a larger count is a mistake, refused before copying. */
const MAX_LAYERS = 2 ** 16;

/** numLayers deep copies of `layer` in a ModuleList (PyTorch's _get_clones). */
function clones(layer: AnyModule, numLayers: number, fn: string): ModuleList {
  if (!(layer instanceof Module)) throw new TypeError(`${fn}(): the layer must be a Module, but got ${shown(layer)}`);
  if (typeof numLayers !== "number" || !Number.isInteger(numLayers) || numLayers < 0)
    throw new TypeError(`${fn}(): num_layers must be a non-negative integer, but got ${shown(numLayers)}`);
  const bytes = [...layer.parameters(), ...layer.buffers()].reduce((n, t) => n + t.numel() * itemSize[t.dtype], 0);
  if (numLayers > MAX_LAYERS || bytes * numLayers > 2 ** 32)
    throw new RangeError(
      `torchlet: out of memory: could not allocate ${bytes * numLayers} bytes for ${numLayers} copies of the layer`,
    );
  const list = new ModuleList();
  try {
    for (let i = 0; i < numLayers; i++) list.append(cloneModule(layer) as unknown as Module);
  } catch (e) {
    list.dispose();
    throw e;
  }
  return list;
}

/** A stack of numLayers copies of an encoder layer, then an optional norm. */
export class TransformerEncoder extends Module<[Tensor, EncoderLayerForwardOptions?], Tensor> {
  /** The number of layers. */
  readonly numLayers: number;

  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, opts: { norm?: AnyModule | null } = {}) {
    super();
    const o = optionalArgs([opts], "TransformerEncoder", [], ["norm", "enableNestedTensor", "maskCheck"]) as {
      norm?: AnyModule | null;
    };
    this.numLayers = numLayers;
    this.registerModule("layers", clones(encoderLayer, numLayers, "TransformerEncoder"));
    this.registerModule("norm", o.norm ?? null);
  }

  /** The layers (a ModuleList of TransformerEncoderLayer). */
  declare readonly layers: ModuleList;
  /** The final norm, or null. */
  declare readonly norm: Module | null;

  override forward(src: Tensor, opts: EncoderLayerForwardOptions = {}): Tensor {
    checkTensor(src, "TransformerEncoder.forward", "src");
    const o = optionalArgs([opts], "TransformerEncoder.forward", [], ["mask", "srcKeyPaddingMask", "srcMask"]) as {
      mask?: Tensor | null;
      srcMask?: Tensor | null;
      srcKeyPaddingMask?: Tensor | null;
    };
    const layerOpts = { srcMask: o.mask ?? o.srcMask ?? null, srcKeyPaddingMask: o.srcKeyPaddingMask ?? null };
    return scoped(() => {
      let out = src;
      for (const m of this.layers) out = (m as unknown as TransformerEncoderLayer).call(out, layerOpts);
      return this.norm === null ? out : this.norm.call(out);
    });
  }

  protected override _getName(): string {
    return "TransformerEncoder";
  }
}

/** A stack of numLayers copies of a decoder layer, then an optional norm. */
export class TransformerDecoder extends Module<[Tensor, Tensor, DecoderForwardOptions?], Tensor> {
  /** The number of layers. */
  readonly numLayers: number;

  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, opts: { norm?: AnyModule | null } = {}) {
    super();
    const o = optionalArgs([opts], "TransformerDecoder", [], ["norm"]) as { norm?: AnyModule | null };
    this.numLayers = numLayers;
    this.registerModule("layers", clones(decoderLayer, numLayers, "TransformerDecoder"));
    this.registerModule("norm", o.norm ?? null);
  }

  /** The layers (a ModuleList of TransformerDecoderLayer). */
  declare readonly layers: ModuleList;
  /** The final norm, or null. */
  declare readonly norm: Module | null;

  override forward(tgt: Tensor, memory: Tensor, opts: DecoderForwardOptions = {}): Tensor {
    checkTensor(tgt, "TransformerDecoder.forward", "tgt");
    checkTensor(memory, "TransformerDecoder.forward", "memory");
    const o = optionalArgs([opts], "TransformerDecoder.forward", [], DECODER_KEYS) as DecoderForwardOptions;
    return scoped(() => {
      let out = tgt;
      for (const m of this.layers) out = (m as unknown as TransformerDecoderLayer).call(out, memory, o);
      return this.norm === null ? out : this.norm.call(out);
    });
  }

  protected override _getName(): string {
    return "TransformerDecoder";
  }
}
