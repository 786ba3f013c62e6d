// torch.nn.utils.rnn's packed sequences: PackedSequence, pack_padded_sequence
// and pad_packed_sequence (pack_sequence is in rnn.ts), built step by step as PyTorch 1.13's
// _pack_padded_sequence / _pad_packed_sequence build them, so the data,
// batch_sizes and the graph (PackPaddedSequenceBackward0; CopySlices for
// the padded result) are PyTorch's.

import { Tensor } from "../../tensor.js";
import { INDEX_DTYPE } from "../../dtype.js";
import { normDim } from "../../shape.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { dispose, scoped } from "../../memory.js";
import { checkBooleanOption, checkNumberOption, optionalArgs, shown } from "../../args.js";
import { checkTensor } from "../../ops/launch.js";
import { full, zeros } from "../../ops/creation.js";
import { fromArray } from "../../ops/fromData.js";
import { cat } from "../../ops/movement.js";
import { indexSelect } from "../../ops/indexing.js";
import { copy_ } from "../../ops/inplace.js";
import { contiguous, select, slice, transpose, view } from "../../ops/views.js";

const int64 = (values: readonly number[]): Tensor => fromArray(values, [values.length], { dtype: INDEX_DTYPE });

/** The permutation that undoes `perm` (PyTorch's invert_permutation). */
const inverted = (perm: readonly number[]): number[] => {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
};

/**
 * torch.nn.utils.rnn.PackedSequence: a batch of variable-length sequences
 * packed time step by time step: `data` holds step 0 of every sequence,
 * then step 1 of those still running, ...; `batchSizes` (int64) how many
 * sequences run at each step; `sortedIndices` / `unsortedIndices` (int64,
 * or null when the batch came sorted by decreasing length) the order the
 * sequences were packed in and its inverse. Iterates as PyTorch's named
 * tuple: `const [data, batchSizes] = packed`.
 */
export class PackedSequence {
  /** The packed steps: [sum of lengths, *]. */
  readonly data: Tensor;
  /** How many sequences run at each time step (int64, non-increasing). */
  readonly batchSizes: Tensor;
  /** The order the batch was packed in: slot k holds sequence sortedIndices[k] (null: it came sorted). */
  readonly sortedIndices: Tensor | null;
  /** The inverse permutation of sortedIndices (null with it). */
  readonly unsortedIndices: Tensor | null;

  /** Wraps packed data; `unsortedIndices` defaults to the inverse of `sortedIndices`. */
  constructor(
    data: Tensor,
    batchSizes: Tensor,
    sortedIndices: Tensor | null = null,
    unsortedIndices: Tensor | null = null,
  ) {
    checkTensor(data, "PackedSequence", "data");
    checkTensor(batchSizes, "PackedSequence", "batch_sizes");
    this.data = data;
    this.batchSizes = batchSizes;
    this.sortedIndices = sortedIndices;
    this.unsortedIndices =
      unsortedIndices ??
      (sortedIndices === null ? null : int64(inverted((sortedIndices.tolist() as number[]).map(Number))));
  }

  /** data, batchSizes, sortedIndices, unsortedIndices: PyTorch's tuple order. */
  *[Symbol.iterator](): IterableIterator<Tensor | null> {
    yield this.data;
    yield this.batchSizes;
    yield this.sortedIndices;
    yield this.unsortedIndices;
  }

  /** Frees the four tensors. */
  dispose(): void {
    dispose([this.data, this.batchSizes, this.sortedIndices, this.unsortedIndices]);
  }
}

/** The lengths argument as integers (a list or a tensor, as torch.as_tensor(lengths, dtype=int64)). */
function lengthsOf(lengths: unknown): number[] {
  let values: unknown[];
  if (lengths instanceof Tensor) {
    lengths._check();
    if (lengths.ndim !== 1)
      throw new RangeError(
        `'lengths' argument should be a 1D CPU int64 tensor, but got ${lengths.ndim}D cpu Long tensor`,
      );
    values = (lengths.tolist() as unknown[]).map(Number);
  } else if (Array.isArray(lengths)) {
    values = lengths;
    if (values.some((v) => Array.isArray(v)))
      throw new RangeError("'lengths' argument should be a 1D CPU int64 tensor, but got 2D cpu Long tensor");
  } else
    throw new TypeError(
      `pack_padded_sequence(): lengths must be a list of ints or a tensor, but got ${shown(lengths)}`,
    );
  return values.map((v) => {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new TypeError(`pack_padded_sequence(): lengths must be numbers, but got ${shown(v)}`);
    return Math.trunc(v);
  });
}

/** The options of pack_padded_sequence. */
export interface PackPaddedOptions {
  /** input is [B, T, *] rather than [T, B, *] (default false). */
  batchFirst?: boolean;
  /** lengths must come sorted in decreasing order (default true); false sorts the batch first. */
  enforceSorted?: boolean;
}

/**
 * torch.nn.utils.rnn.pack_padded_sequence: packs a padded batch ([T, B, *],
 * or [B, T, *] with `batchFirst`) of sequences of `lengths` into a
 * PackedSequence. Differentiable in `input` (PackPaddedSequenceBackward0).
 */
export function packPaddedSequence(
  input: Tensor,
  lengths: readonly number[] | Tensor,
  opts: PackPaddedOptions = {},
): PackedSequence {
  const fn = "pack_padded_sequence";
  checkTensor(input, fn, "input");
  const o = optionalArgs([opts], fn, [], ["batchFirst", "enforceSorted"]) as PackPaddedOptions;
  const batchFirst = checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false;
  const enforceSorted = checkBooleanOption(o.enforceSorted, fn, "enforce_sorted") ?? true;
  let lens = lengthsOf(lengths);
  let order: number[] | null = null;
  if (!enforceSorted) {
    order = lens.map((_, i) => i).sort((a, b) => lens[b]! - lens[a]! || a - b);
    lens = order.map((i) => lens[i]!);
  }
  normDim(batchFirst ? 0 : 1, input.ndim);
  normDim(1, input.ndim);
  const made = scoped(() => {
    const sorted = order === null ? null : int64(order);
    const x = sorted === null ? input : indexSelect(input, batchFirst ? 0 : 1, sorted);
    const [data, batchSizes] = packSteps(x, lens, batchFirst);
    return [
      record("packPaddedSequence", data, [x], { shape: x.shape, batchSizes, batchFirst }),
      int64(batchSizes),
      sorted,
    ];
  });
  const [data, batchSizes, sorted] = made as [Tensor, Tensor, Tensor | null];
  return new PackedSequence(data, batchSizes, sorted, sorted === null ? null : int64(inverted(order!)));
}

/** The packed data (without a graph) and the batch sizes of a sorted padded batch. */
function packSteps(padded: Tensor, lens: readonly number[], batchFirst: boolean): [Tensor, number[]] {
  return noGrad(() => {
    const x = batchFirst ? transpose(padded, 0, 1) : padded;
    const B = x.shape[1]!;
    if (x.numel() === 0) throw new RangeError("Cannot pack empty tensors.");
    if (lens.length !== B)
      throw new RangeError(
        `Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${B})`,
      );
    if (!(lens[B - 1]! > 0))
      throw new RangeError(
        "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
      );
    for (let i = 0; i < B - 1; i++)
      if (lens[B - 1 - i]! > lens[B - 2 - i]!)
        throw new RangeError(
          "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.",
        );
    // PyTorch reads past the input here (its data then disagrees with batch_sizes); refuse instead.
    if (lens[0]! > x.shape[0]!)
      throw new RangeError(
        `pack_padded_sequence(): a length of ${lens[0]} is more than the ${x.shape[0]} steps of the input`,
      );
    const steps: Tensor[] = [];
    const batchSizes: number[] = [];
    let prev = 0;
    for (let i = 0; i < B; i++) {
      const l = lens[B - 1 - i]!;
      if (l > prev) {
        const running = B - i;
        steps.push(view(contiguous(slice(slice(x, 0, prev, l), 1, 0, running)), [-1, ...x.shape.slice(2)]));
        for (let j = prev; j < l; j++) batchSizes.push(running);
        prev = l;
      }
    }
    return [cat(steps), batchSizes];
  });
}

/**
 * The gradient of pack_padded_sequence: zeros of the input's shape with
 * each step's rows of `grad` written back (PyTorch's
 * _pack_padded_sequence_backward), differentiable in `grad`.
 */
export function packPaddedSequenceBackward(
  grad: Tensor,
  shape: readonly number[],
  batchSizes: readonly number[],
  batchFirst: boolean,
): Tensor {
  const timeMajor = batchFirst ? [shape[1]!, shape[0]!, ...shape.slice(2)] : shape.slice();
  const g = zeros(timeMajor, { dtype: grad.dtype });
  let offset = 0;
  batchSizes.forEach((bs, i) => {
    copy_(slice(select(g, 0, i), 0, 0, bs), slice(grad, 0, offset, offset + bs));
    offset += bs;
  });
  return batchFirst ? transpose(g, 0, 1) : g;
}

/** The options of pad_packed_sequence. */
export interface PadPackedOptions {
  /** Return [B, T, *] rather than [T, B, *] (default false). */
  batchFirst?: boolean;
  /** The value of the padding (default 0). */
  paddingValue?: number;
  /** Pad to this many steps (at least the longest sequence's length). */
  totalLength?: number | null;
}

/**
 * torch.nn.utils.rnn.pad_packed_sequence: the inverse of
 * pack_padded_sequence: [padded, lengths], padded [T, B, *] (or [B, T, *]
 * with `batchFirst`) in the batch's original order, lengths int64.
 * Differentiable in the packed data.
 */
export function padPackedSequence(sequence: PackedSequence, opts: PadPackedOptions = {}): [Tensor, Tensor] {
  const fn = "pad_packed_sequence";
  if (!(sequence instanceof PackedSequence))
    throw new TypeError(`${fn}(): sequence must be a PackedSequence, but got ${shown(sequence)}`);
  const o = optionalArgs([opts], fn, [], ["batchFirst", "paddingValue", "totalLength"]) as PadPackedOptions;
  const batchFirst = checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false;
  const value = checkNumberOption(o.paddingValue, fn, "padding_value") ?? 0;
  const total = o.totalLength === null ? undefined : checkNumberOption(o.totalLength, fn, "total_length");
  const sizes = (sequence.batchSizes.tolist() as unknown[]).map(Number);
  const steps = sizes.length;
  if (total !== undefined && total < steps)
    throw new RangeError(
      `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${total} and max sequence length being ${steps}`,
    );
  const data = sequence.data;
  return scoped(() => {
    const T = total !== undefined && total > 0 ? total : steps;
    const B = sizes[0] ?? 0;
    let out = full([T, B, ...data.shape.slice(1)], value, { dtype: data.dtype });
    const lengths = new Array<number>(B);
    let offset = 0,
      prevBatch = B,
      prevI = 0,
      next = B - 1;
    for (let i = 0; i <= steps; i++) {
      const batch = i !== steps ? sizes[i]! : 0;
      if (batch !== prevBatch) {
        const l = prevBatch * (i - prevI);
        const tmp = slice(data, 0, offset, offset + l);
        copy_(
          slice(slice(out, 0, prevI, i), 1, 0, prevBatch),
          view(tmp, [i - prevI, prevBatch, ...data.shape.slice(1)]),
        );
        offset += l;
        prevI = i;
      }
      for (let j = 0; j < prevBatch - batch; j++) lengths[next--] = i;
      prevBatch = batch;
    }
    if (batchFirst) out = transpose(out, 0, 1);
    let lens = int64(lengths);
    const unsorted = sequence.unsortedIndices;
    if (unsorted !== null) {
      out = indexSelect(out, batchFirst ? 0 : 1, unsorted);
      lens = indexSelect(lens, 0, unsorted);
    }
    return [out, lens] as [Tensor, Tensor];
  });
}
