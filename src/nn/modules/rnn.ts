// The recurrent layers of PyTorch 1.13: nn.RNN (tanh or relu), nn.LSTM
// (with proj_size) and nn.GRU, and their cells. Parameters are registered
// under PyTorch's names in its order (weight_ih_l0, weight_hh_l0, bias_ih_l0,
// bias_hh_l0, weight_hr_l0, then the _reverse ones, layer by layer) and drawn
// from U(-1/sqrt(hidden), 1/sqrt(hidden)) in that order, so
// `torch.manualSeed(s)` gives PyTorch's initial weights.
//
// Each step is ATen's cell, op for op (gates = linear(x) + linear(h); GRU's
// h' = (h - n) * z + n), so the numbers round as PyTorch's CPU kernels do;
// the input projection of a whole layer is one matmul, as ATen precomputes
// it. The layers run the elementwise part of an LSTM or GRU step as one
// fused kernel (functional/rnnCell.ts: the composed step's operations, but
// float32 sigmoid and tanh within a few ulp of the ops'); the cells compose
// it of ops, so their grad_fns are PyTorch 1.13's on CPU.

import { Tensor } from "../../tensor.js";
import { checkBooleanOption, checkNumberOption, optionalArgs, shown } from "../../args.js";
import { empty, zeros } from "../../ops/creation.js";
import { add } from "../../ops/binary.js";
import { relu, tanh } from "../../ops/unary.js";
import { cat, stack } from "../../ops/movement.js";
import { matmul } from "../../ops/linalg.js";
import { select, squeeze, t, transpose, unsqueeze } from "../../ops/views.js";
import { scoped } from "../../memory.js";
import { checkTensor } from "../../ops/launch.js";
import { Module, pyBool, pyFloat } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import { linear } from "../functional/linear.js";
import { dropout } from "../functional/dropout.js";
import { building, type FactoryOptions } from "./layers.js";
import { PackedSequence, packPaddedSequence, padPackedSequence } from "../utils/packed.js";
import { indexSelect } from "../../ops/indexing.js";
import { clone } from "../../ops/unary.js";
import { slice } from "../../ops/views.js";
import {
  composedGruStep,
  composedLstmStep,
  fusedCellDType,
  gruCellFused,
  lstmCellFused,
} from "../functional/rnnCell.js";
import { gruLayer, lstmLayer } from "../functional/rnnLayer.js";

type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";
const own = (m: object): Record<string, unknown> => m as Record<string, unknown>;
const size = (s: readonly number[]): string => `[${s.join(", ")}]`;
const tuple = (s: readonly number[]): string => `(${s.join(", ")})`;

/** weight_ih_l0 -> weightIhL0: PyTorch's attribute in camelCase, a getter beside the registered name. */
function addCamelGetters(m: Module<never, unknown>): void {
  for (const [name] of (m as unknown as Module).namedParameters({ recurse: false })) {
    const camel = name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    if (camel !== name)
      Object.defineProperty(m, camel, { get: () => own(m)[name], enumerable: false, configurable: true });
  }
}

function checkSize(v: unknown, fn: string, name: string, min = 1): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min)
    throw new TypeError(`${fn}(): ${name} must be an integer >= ${min}, but got ${shown(v)}`);
  return v;
}

/** The weights of one layer and direction, in PyTorch's order. */
interface CellWeights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
  wHr: Tensor | null;
}

/**
 * One step of a cell: the new hidden state (and cell state for LSTM) from the
 * precomputed input gates; `fused`: LSTM and GRU gates in one kernel.
 */
function cellStep(
  mode: Mode,
  gi: Tensor,
  h: Tensor,
  c: Tensor | null,
  w: CellWeights,
  fused: boolean,
): [Tensor, Tensor | null] {
  const gh = linear(h, w.wHh, w.bHh);
  if (mode === "RNN_TANH") return [tanh(add(gi, gh)), null];
  if (mode === "RNN_RELU") return [relu(add(gi, gh)), null];
  if (mode === "LSTM") {
    let hy: Tensor, cy: Tensor;
    [hy, cy] = (fused ? lstmCellFused : composedLstmStep)(add(gh, gi), c!);
    if (w.wHr !== null) hy = matmul(hy, t(w.wHr));
    return [hy, cy];
  }
  return [(fused ? gruCellFused : composedGruStep)(gi, gh, h), null];
}

/** Runs one direction of one layer over `x` [L, N, H]; returns the outputs [L, N, Hout] and the last states. */
function runDirection(
  mode: Mode,
  x: Tensor,
  h0: Tensor,
  c0: Tensor | null,
  w: CellWeights,
  reverse: boolean,
): [Tensor, Tensor, Tensor | null] {
  const L = x.shape[0]!;
  const gates = linear(x, w.wIh, w.bIh); // all steps' input projections at once
  const fused = fusedCellDType(x.dtype);
  if (fused && L > 0 && w.wHr === null && (mode === "LSTM" || mode === "GRU")) {
    // the whole recurrence as one node (functional/rnnLayer.ts)
    const outs =
      mode === "LSTM" ? lstmLayer(gates, h0, c0!, w.wHh, w.bHh, reverse) : gruLayer(gates, h0, w.wHh, w.bHh, reverse);
    const c = mode === "LSTM" ? outs.pop()! : null;
    return [stack(outs), outs[reverse ? 0 : L - 1]!, c];
  }
  const outs: Tensor[] = new Array<Tensor>(L);
  let h = h0,
    c = c0;
  for (let s = 0; s < L; s++) {
    const step = reverse ? L - 1 - s : s;
    [h, c] = cellStep(mode, select(gates, 0, step), h, c, w, fused);
    outs[step] = h;
  }
  const out = L === 0 ? empty([0, h0.shape[0]!, h0.shape[1]!], { dtype: x.dtype }) : stack(outs);
  return [out, h, c];
}

/** The keyword arguments of nn.RNN, nn.LSTM and nn.GRU. */
export interface RNNOptions extends FactoryOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** nn.RNN only: "tanh" (default) or "relu". */
  nonlinearity?: "tanh" | "relu";
  /** Biases b_ih and b_hh (default true). */
  bias?: boolean;
  /** Input and output are [N, L, H] (default false: [L, N, H]). */
  batchFirst?: boolean;
  /** Dropout on each layer's output but the last, while training (default 0). */
  dropout?: number;
  /** A second, reversed direction (default false). */
  bidirectional?: boolean;
  /** nn.LSTM only: projects h to this size (default 0: none). */
  projSize?: number;
}

/** What RNNBase keeps of its options. */
abstract class RNNBase extends Module<[Tensor | PackedSequence, ...unknown[]], unknown> {
  /** PyTorch's mode: "RNN_TANH", "RNN_RELU", "LSTM" or "GRU". */
  readonly mode: Mode;
  /** input_size. */
  readonly inputSize: number;
  /** hidden_size. */
  readonly hiddenSize: number;
  /** num_layers. */
  readonly numLayers: number;
  /** Whether the layers have biases. */
  readonly bias: boolean;
  /** batch_first. */
  readonly batchFirst: boolean;
  /** The dropout probability between layers. */
  readonly dropout: number;
  /** Whether each layer also runs the reversed sequence. */
  readonly bidirectional: boolean;
  /** proj_size (0: none). */
  readonly projSize: number;

  protected constructor(mode: Mode, fn: string, inputSize: number, hiddenSize: number, opts: RNNOptions) {
    super();
    const allowed = ["numLayers", "bias", "batchFirst", "dropout", "bidirectional", "dtype"];
    if (mode === "LSTM") allowed.push("projSize");
    if (mode === "RNN_TANH") allowed.push("nonlinearity");
    const o = optionalArgs([opts], fn, [], allowed) as RNNOptions;
    this.mode = mode === "RNN_TANH" && o.nonlinearity === "relu" ? "RNN_RELU" : mode;
    if (o.nonlinearity !== undefined && o.nonlinearity !== "tanh" && o.nonlinearity !== "relu")
      throw new RangeError(`Unknown nonlinearity '${String(o.nonlinearity)}'`);
    this.inputSize = checkSize(inputSize, fn, "input_size", 0);
    this.hiddenSize = checkSize(hiddenSize, fn, "hidden_size", 0);
    this.numLayers = o.numLayers === undefined ? 1 : checkSize(o.numLayers, fn, "num_layers");
    if (this.numLayers > 2 ** 16)
      throw new RangeError(`${fn}(): num_layers ${this.numLayers} is more than torchlet supports (65536)`);
    this.bias = checkBooleanOption(o.bias, fn, "bias") ?? true;
    this.batchFirst = checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false;
    this.bidirectional = checkBooleanOption(o.bidirectional, fn, "bidirectional") ?? false;
    const p = checkNumberOption(o.dropout, fn, "dropout") ?? 0;
    if (!(p >= 0 && p <= 1))
      throw new RangeError(
        "dropout should be a number in range [0, 1] representing the probability of an element being zeroed",
      );
    this.dropout = p;
    this.projSize = o.projSize === undefined ? 0 : checkSize(o.projSize, fn, "proj_size", 0);
    if (this.projSize > 0 && this.projSize >= this.hiddenSize)
      throw new RangeError("proj_size has to be smaller than hidden_size");
    const gates = { LSTM: 4, GRU: 3, RNN_TANH: 1, RNN_RELU: 1 }[this.mode] * this.hiddenSize;
    const real = this.projSize > 0 ? this.projSize : this.hiddenSize;
    const dirs = this.bidirectional ? 2 : 1;
    const dtype = o.dtype;
    building(this, () => {
      for (let layer = 0; layer < this.numLayers; layer++) {
        for (let d = 0; d < dirs; d++) {
          const sfx = `_l${layer}${d === 1 ? "_reverse" : ""}`;
          const inSize = layer === 0 ? this.inputSize : real * dirs;
          const param = (shape: number[]): Tensor => Parameter(empty(shape, { dtype }));
          this.registerParameter(`weight_ih${sfx}`, param([gates, inSize]));
          this.registerParameter(`weight_hh${sfx}`, param([gates, real]));
          if (this.bias) {
            this.registerParameter(`bias_ih${sfx}`, param([gates]));
            this.registerParameter(`bias_hh${sfx}`, param([gates]));
          }
          if (this.projSize > 0) this.registerParameter(`weight_hr${sfx}`, param([this.projSize, this.hiddenSize]));
        }
      }
      this.resetParameters();
    });
    addCamelGetters(this as unknown as Module<never, unknown>);
  }

  /** PyTorch's reset_parameters: every weight ~ U(-1/sqrt(hidden), 1/sqrt(hidden)), in registration order. */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /** The weights of a layer and direction. */
  protected _weights(layer: number, reverse: boolean): CellWeights {
    const sfx = `_l${layer}${reverse ? "_reverse" : ""}`;
    const get = (n: string): Tensor | null => (own(this)[`${n}${sfx}`] as Tensor | undefined) ?? null;
    return {
      wIh: get("weight_ih")!,
      wHh: get("weight_hh")!,
      bIh: get("bias_ih"),
      bHh: get("bias_hh"),
      wHr: get("weight_hr"),
    };
  }

  /** The shape h0 must have for an input of `batch` sequences. */
  protected _hiddenShape(batch: number, cell = false): number[] {
    const size = cell || this.projSize === 0 ? this.hiddenSize : this.projSize;
    return [this.numLayers * (this.bidirectional ? 2 : 1), batch, size];
  }

  /**
   * The layers over `input` (batched [L, N, H], or [N, L, H] batchFirst, or
   * unbatched [L, H]) from `hx` (and `cx` for LSTM): [output, h_n, c_n].
   */
  protected _run(input: Tensor, hx: Tensor | null, cx: Tensor | null, fn: string): [Tensor, Tensor, Tensor | null] {
    checkTensor(input, fn, "input");
    const batched = input.ndim === 3;
    const lstm = this.mode === "LSTM";
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new RangeError(`${fn}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor`);
    for (const [s, name] of [
      [hx, "hx"],
      [cx, "cx"],
    ] as const) {
      if (s === null) continue;
      checkTensor(s, fn, name);
      if (!batched && s.ndim !== 2)
        throw new RangeError(`For unbatched 2-D input, ${name} should also be 2-D but got ${s.ndim}-D tensor`);
      if (batched && s.ndim !== 3)
        throw new RangeError(`For batched 3-D input, ${name} should also be 3-D but got ${s.ndim}-D tensor`);
    }
    return scoped(() => {
      let x = batched ? input : unsqueeze(input, this.batchFirst ? 0 : 1);
      let h = hx === null ? null : batched ? hx : unsqueeze(hx, 1);
      let c = cx === null ? null : batched ? cx : unsqueeze(cx, 1);
      if (x.shape[2] !== this.inputSize)
        throw new RangeError(
          `input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${x.shape[2]}`,
        );
      if (this.batchFirst) x = transpose(x, 0, 1);
      const batch = x.shape[1]!;
      const hShape = this._hiddenShape(batch),
        cShape = this._hiddenShape(batch, true);
      h ??= zeros(hShape, { dtype: x.dtype });
      if (lstm) c ??= zeros(cShape, { dtype: x.dtype });
      const check = (s: Tensor, want: number[], what: string) => {
        if (s.shape.length !== 3 || s.shape.some((d, i) => d !== want[i]))
          throw new RangeError(`Expected ${what} size ${tuple(want)}, got ${size(s.shape)}`);
      };
      check(h, hShape, lstm ? "hidden[0]" : "hidden");
      if (lstm) check(c!, cShape, "hidden[1]");
      const dirs = this.bidirectional ? 2 : 1;
      const hn: Tensor[] = [],
        cn: Tensor[] = [];
      let layerInput = x;
      for (let layer = 0; layer < this.numLayers; layer++) {
        const outs: Tensor[] = [];
        for (let d = 0; d < dirs; d++) {
          const k = layer * dirs + d;
          const [out, hl, cl] = runDirection(
            this.mode,
            layerInput,
            select(h, 0, k),
            lstm ? select(c!, 0, k) : null,
            this._weights(layer, d === 1),
            d === 1,
          );
          outs.push(out);
          hn.push(hl);
          if (cl !== null) cn.push(cl);
        }
        layerInput = dirs === 1 ? outs[0]! : cat(outs, 2);
        if (this.dropout > 0 && this.training && layer < this.numLayers - 1)
          layerInput = dropout(layerInput, { p: this.dropout });
      }
      let output = this.batchFirst ? transpose(layerInput, 0, 1) : layerInput;
      let hOut = stack(hn);
      let cOut = lstm ? stack(cn) : null;
      if (!batched) {
        output = squeeze(output, this.batchFirst ? 0 : 1);
        hOut = squeeze(hOut, 1);
        if (cOut !== null) cOut = squeeze(cOut, 1);
      }
      return [output, hOut, cOut] as [Tensor, Tensor, Tensor | null];
    });
  }

  /**
   * The layers over a PackedSequence: each run of sequences of one length
   * (they are sorted by length) goes through `_run` as a batch of its own
   * length, so every sequence's h_n is its state after its last step, as
   * PyTorch's packed RNN gives it. hx/cx are in the batch's original order
   * (as the output h_n and c_n are).
   */
  protected _runPacked(
    input: PackedSequence,
    hx: Tensor | null,
    cx: Tensor | null,
    fn: string,
  ): [PackedSequence, Tensor, Tensor | null] {
    const sizes = (input.batchSizes.tolist() as unknown[]).map(Number);
    const B = sizes[0] ?? 0;
    const lengths = Array.from({ length: B }, (_, k) => sizes.filter((s) => s > k).length);
    const lstm = this.mode === "LSTM";
    for (const [st, want, what] of [
      [hx, this._hiddenShape(B), lstm ? "hidden[0]" : "hidden"],
      [cx, this._hiddenShape(B, true), "hidden[1]"],
    ] as const) {
      if (st === null) continue;
      checkTensor(st, fn, what);
      if (st.shape.length !== 3 || st.shape.some((d, i) => d !== want[i]))
        throw new RangeError(`Expected ${what} size ${tuple(want)}, got ${size(st.shape)}`);
    }
    const made = scoped(() => {
      const sorted = input.sortedIndices;
      const inOrder = (st: Tensor | null): Tensor | null =>
        st !== null && sorted !== null ? indexSelect(st, 1, sorted) : st;
      const h0 = inOrder(hx),
        c0 = inOrder(cx);
      const [padded] = padPackedSequence(new PackedSequence(input.data, input.batchSizes));
      const T = sizes.length;
      const outs: Tensor[] = [],
        hs: Tensor[] = [],
        cs: Tensor[] = [];
      for (let a = 0; a < B;) {
        let b = a;
        while (b < B && lengths[b] === lengths[a]) b++;
        const L = lengths[a]!;
        const part = (st: Tensor | null): Tensor | null => (st === null ? null : slice(st, 1, a, b));
        let x = slice(slice(padded, 0, 0, L), 1, a, b);
        if (this.batchFirst) x = transpose(x, 0, 1);
        const [out, h, c] = this._run(x, part(h0), part(c0), fn);
        const timeMajor = this.batchFirst ? transpose(out, 0, 1) : out;
        outs.push(L === T ? timeMajor : cat([timeMajor, zeros([T - L, b - a, out.shape[2]!], { dtype: out.dtype })]));
        hs.push(h);
        if (c !== null) cs.push(c);
        a = b;
      }
      const data = packPaddedSequence(cat(outs, 1), lengths).data;
      const back = (st: Tensor): Tensor =>
        input.unsortedIndices === null ? st : indexSelect(st, 1, input.unsortedIndices);
      return [data, back(cat(hs, 1)), lstm ? back(cat(cs, 1)) : null];
    });
    const [data, h, c] = made as [Tensor, Tensor, Tensor | null];
    const keep = (t: Tensor | null): Tensor | null => (t === null ? null : clone(t));
    const output = new PackedSequence(
      data,
      clone(input.batchSizes),
      keep(input.sortedIndices),
      keep(input.unsortedIndices),
    );
    return [output, h, c];
  }

  /** `_runPacked` for a PackedSequence, else `_run`. */
  protected _runAny(
    input: Tensor | PackedSequence,
    hx: Tensor | null,
    cx: Tensor | null,
    fn: string,
  ): [Tensor | PackedSequence, Tensor, Tensor | null] {
    return input instanceof PackedSequence ? this._runPacked(input, hx, cx, fn) : this._run(input, hx, cx, fn);
  }

  /** `_runAny` for the layers with no cell state (RNN, GRU): `[output, h_n]`. */
  protected _runHidden(
    input: Tensor | PackedSequence,
    hx: Tensor | null,
    fn: string,
  ): [Tensor | PackedSequence, Tensor] {
    const [out, h] = this._runAny(input, hx, null, fn);
    return [out, h];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += `, bias=${pyBool(this.bias)}`;
    if (this.batchFirst) s += `, batch_first=${pyBool(this.batchFirst)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += `, bidirectional=${pyBool(this.bidirectional)}`;
    return s;
  }
}

/** An Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu). forward returns `[output, h_n]`. */
export class RNN extends RNNBase {
  protected static override readonly _pyName: string = "RNN";

  /** "tanh" or "relu". */
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super("RNN_TANH", "RNN", inputSize, hiddenSize, opts);
    this.nonlinearity = this.mode === "RNN_RELU" ? "relu" : "tanh";
  }

  /**
   * `input` [L, N, inputSize] (or [N, L, ...] batchFirst, or [L, inputSize],
   * or a PackedSequence, which gives a PackedSequence output) and h0:
   * `[output, h_n]`.
   */
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    return this._runHidden(input, hx, "RNN");
  }
}

/** A long short-term memory layer; forward returns `[output, [h_n, c_n]]`, as PyTorch's nested tuple. */
export class LSTM extends RNNBase {
  protected static override readonly _pyName: string = "LSTM";

  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super("LSTM", "LSTM", inputSize, hiddenSize, opts);
  }

  /** `input` (a tensor, or a PackedSequence for a PackedSequence output) and the initial `[h0, c0]` (or null for zeros): `[output, [h_n, c_n]]`. */
  override forward(input: PackedSequence, hx?: readonly [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  override forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  override forward(
    input: Tensor | PackedSequence,
    hx: readonly [Tensor, Tensor] | null = null,
  ): [Tensor | PackedSequence, [Tensor, Tensor]] {
    if (hx !== null && (!Array.isArray(hx) || hx.length !== 2))
      throw new TypeError(`LSTM: hx must be an array [h0, c0] or null, but got ${shown(hx)}`);
    const [out, h, c] = this._runAny(input, hx?.[0] ?? null, hx?.[1] ?? null, "LSTM");
    return [out, [h, c!]];
  }
}

/** A gated recurrent unit layer; forward returns `[output, h_n]`. */
export class GRU extends RNNBase {
  protected static override readonly _pyName: string = "GRU";

  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super("GRU", "GRU", inputSize, hiddenSize, opts);
  }

  /** `input` (a tensor, or a PackedSequence for a PackedSequence output) and h0 (or null for zeros): `[output, h_n]`. */
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    return this._runHidden(input, hx, "GRU");
  }
}

// ---- cells -------------------------------------------------------------------------------------------

/** The keyword arguments of the cells. */
export interface RNNCellOptions extends FactoryOptions {
  /** Biases b_ih and b_hh (default true). */
  bias?: boolean;
  /** RNNCell only: "tanh" (default) or "relu". */
  nonlinearity?: "tanh" | "relu";
}

abstract class RNNCellBase extends Module<[Tensor, ...unknown[]], unknown> {
  /** input_size. */
  readonly inputSize: number;
  /** hidden_size. */
  readonly hiddenSize: number;
  /** Whether the cell has biases. */
  readonly bias: boolean;
  /** weight_ih [chunks * hiddenSize, inputSize]. */
  declare readonly weight_ih: Tensor;
  /** weight_hh [chunks * hiddenSize, hiddenSize]. */
  declare readonly weight_hh: Tensor;
  /** bias_ih, or null without bias. */
  declare readonly bias_ih: Tensor | null;
  /** bias_hh, or null without bias. */
  declare readonly bias_hh: Tensor | null;

  protected constructor(
    fn: string,
    inputSize: number,
    hiddenSize: number,
    chunks: number,
    opts: RNNCellOptions,
    keys: string[],
  ) {
    super();
    const o = optionalArgs([opts], fn, [], ["bias", "dtype", ...keys]) as RNNCellOptions;
    this.inputSize = checkSize(inputSize, fn, "input_size", 0);
    this.hiddenSize = checkSize(hiddenSize, fn, "hidden_size", 0);
    this.bias = checkBooleanOption(o.bias, fn, "bias") ?? true;
    const dtype = o.dtype;
    building(this, () => {
      this.registerParameter("weight_ih", Parameter(empty([chunks * hiddenSize, inputSize], { dtype })));
      this.registerParameter("weight_hh", Parameter(empty([chunks * hiddenSize, hiddenSize], { dtype })));
      this.registerParameter("bias_ih", this.bias ? Parameter(empty([chunks * hiddenSize], { dtype })) : null);
      this.registerParameter("bias_hh", this.bias ? Parameter(empty([chunks * hiddenSize], { dtype })) : null);
      this.resetParameters();
    });
    addCamelGetters(this as unknown as Module<never, unknown>);
  }

  /** Every weight ~ U(-1/sqrt(hidden), 1/sqrt(hidden)), in registration order. */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /** One step from `input` [N, inputSize] or [inputSize] and the states (zeros when null). */
  protected _step(
    mode: Mode,
    fn: string,
    input: Tensor,
    hx: Tensor | null,
    cx: Tensor | null,
  ): [Tensor, Tensor | null] {
    checkTensor(input, fn, "input");
    if (input.ndim !== 1 && input.ndim !== 2)
      throw new RangeError(`${fn}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
    const batched = input.ndim === 2;
    return scoped(() => {
      const x = batched ? input : unsqueeze(input, 0);
      const n = x.shape[0]!;
      if (x.shape[1] !== this.inputSize)
        throw new RangeError(`input has inconsistent input_size: got ${x.shape[1]} expected ${this.inputSize}`);
      const state = (s: Tensor | null, i: number): Tensor => {
        if (s === null) return zeros([n, this.hiddenSize], { dtype: x.dtype });
        checkTensor(s, fn, i === 0 ? "hx" : "cx");
        const b = batched ? s : unsqueeze(s, 0);
        if (b.ndim !== 2 || b.shape[0] !== n || b.shape[1] !== this.hiddenSize)
          throw new RangeError(
            `hidden${i} has inconsistent hidden_size: got ${b.shape.at(-1)}, expected ${this.hiddenSize}`,
          );
        return b;
      };
      const w = { wIh: this.weight_ih, wHh: this.weight_hh, bIh: this.bias_ih, bHh: this.bias_hh, wHr: null };
      const [h, c] = cellStep(
        mode,
        linear(x, w.wIh, w.bIh),
        state(hx, 0),
        mode === "LSTM" ? state(cx, 1) : null,
        w,
        false,
      );
      return (batched ? [h, c] : [squeeze(h, 0), c === null ? null : squeeze(c, 0)]) as [Tensor, Tensor | null];
    });
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}` + (this.bias ? "" : ", bias=False");
  }
}

/** One step of an Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu). */
export class RNNCell extends RNNCellBase {
  protected static override readonly _pyName: string = "RNNCell";

  /** "tanh" or "relu". */
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, opts: RNNCellOptions = {}) {
    super("RNNCell", inputSize, hiddenSize, 1, opts, ["nonlinearity"]);
    const nl = opts?.nonlinearity ?? "tanh";
    if (nl !== "tanh" && nl !== "relu") {
      this.dispose();
      throw new RangeError(`Unknown nonlinearity: ${String(nl)}`);
    }
    this.nonlinearity = nl;
  }

  /** h' for `input` [N, inputSize] (or [inputSize]) and `hx` (zeros when null). */
  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return this._step(this.nonlinearity === "relu" ? "RNN_RELU" : "RNN_TANH", "RNNCell", input, hx, null)[0];
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity !== "tanh" ? `, nonlinearity=${this.nonlinearity}` : "");
  }
}

/** One LSTM step; forward returns `[h', c']`. */
export class LSTMCell extends RNNCellBase {
  protected static override readonly _pyName: string = "LSTMCell";

  constructor(inputSize: number, hiddenSize: number, opts: RNNCellOptions = {}) {
    super("LSTMCell", inputSize, hiddenSize, 4, opts, []);
  }

  /** `[h', c']` for `input` and `[hx, cx]` (zeros when null). */
  override forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    if (hx !== null && (!Array.isArray(hx) || hx.length !== 2))
      throw new TypeError(`LSTMCell: hx must be an array [h, c] or null, but got ${shown(hx)}`);
    const [h, c] = this._step("LSTM", "LSTMCell", input, hx?.[0] ?? null, hx?.[1] ?? null);
    return [h, c!];
  }
}

/** One GRU step: h' = (h - n) * z + n. */
export class GRUCell extends RNNCellBase {
  protected static override readonly _pyName: string = "GRUCell";

  constructor(inputSize: number, hiddenSize: number, opts: RNNCellOptions = {}) {
    super("GRUCell", inputSize, hiddenSize, 3, opts, []);
  }

  /** h' for `input` and `hx` (zeros when null). */
  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return this._step("GRU", "GRUCell", input, hx, null)[0];
  }
}
