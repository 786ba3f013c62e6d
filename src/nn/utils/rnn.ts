// torch.nn.utils.rnn: pad_sequence (a list of variable-length sequences as
// one padded batch) and pack_sequence; the packed-sequence functions are in
// packed.ts.

import { Tensor } from "../../tensor.js";
import { scoped } from "../../memory.js";
import { full } from "../../ops/creation.js";
import { cat, stack } from "../../ops/movement.js";
import { checkTensor } from "../../ops/launch.js";
import { checkBooleanOption, checkNumberOption, optionalArgs, shown } from "../../args.js";
import { packPaddedSequence, type PackedSequence } from "./packed.js";

export {
  PackedSequence,
  packPaddedSequence,
  padPackedSequence,
  type PackPaddedOptions,
  type PadPackedOptions,
} from "./packed.js";

/** The keyword arguments of pad_sequence. */
export interface PadSequenceOptions {
  /** Output [B, T, *] instead of [T, B, *] (default false). */
  batchFirst?: boolean;
  /** The value of the padding (default 0). */
  paddingValue?: number;
}

/**
 * Stacks `sequences` ([L_i, *] each, the same trailing dims and dtype) into
 * [T, B, *] (or [B, T, *] with `batchFirst`), T the longest length, the rest
 * filled with `paddingValue`. Differentiable in every sequence.
 */
export function padSequence(sequences: readonly Tensor[], opts: PadSequenceOptions = {}): Tensor {
  const fn = "pad_sequence";
  if (!Array.isArray(sequences))
    throw new TypeError(`${fn}(): sequences must be an array of tensors, but got ${shown(sequences)}`);
  if (sequences.length === 0) throw new RangeError("received an empty list of sequences");
  sequences.forEach((s, i) => checkTensor(s, fn, `sequences[${i}]`));
  const o = optionalArgs([opts], fn, [], ["batchFirst", "paddingValue"]) as PadSequenceOptions;
  const batchFirst = checkBooleanOption(o.batchFirst, fn, "batch_first") ?? false;
  const value = checkNumberOption(o.paddingValue, fn, "padding_value") ?? 0;
  const first = sequences[0]!;
  if (first.ndim === 0) throw new RangeError(`${fn}(): sequences must be at least 1-D, but sequences[0] is 0-D`);
  const trailing = first.shape.slice(1);
  for (const [i, s] of sequences.entries()) {
    if (s.ndim !== first.ndim || s.shape.slice(1).some((d: number, k: number) => d !== trailing[k]))
      throw new RangeError(
        `${fn}(): sequences[${i}] has shape [${s.shape.join(", ")}], but the trailing dims must be [${trailing.join(", ")}]`,
      );
    if (s.dtype !== first.dtype)
      throw new TypeError(`${fn}(): sequences[${i}] is ${s.dtype}, but sequences[0] is ${first.dtype}`);
  }
  const T = Math.max(...sequences.map((s) => s.shape[0]!));
  return scoped(() => {
    const padded = sequences.map((s) =>
      s.shape[0] === T ? s : cat([s, full([T - s.shape[0]!, ...trailing], value, { dtype: s.dtype })]),
    );
    return stack(padded, batchFirst ? 0 : 1);
  });
}

/** The options of pack_sequence. */
export interface PackSequenceOptions {
  /** The sequences must come sorted by decreasing length (default true). */
  enforceSorted?: boolean;
}

/**
 * torch.nn.utils.rnn.pack_sequence: packs a list of sequences ([L_i, *]
 * each) as pad_sequence then pack_padded_sequence do.
 */
export function packSequence(sequences: readonly Tensor[], opts: PackSequenceOptions = {}): PackedSequence {
  const o = optionalArgs([opts], "pack_sequence", [], ["enforceSorted"]) as PackSequenceOptions;
  const enforceSorted = checkBooleanOption(o.enforceSorted, "pack_sequence", "enforce_sorted") ?? true;
  const padded = padSequence(sequences);
  try {
    return packPaddedSequence(
      padded,
      sequences.map((s) => s.shape[0]!),
      { enforceSorted },
    );
  } finally {
    padded.dispose();
  }
}
