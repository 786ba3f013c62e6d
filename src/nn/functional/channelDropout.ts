// dropout1d / dropout2d: whole channels zeroed, as PyTorch 1.13's
// feature_dropout computes them (_dropout_impl with make_feature_noise):
// noise = empty([N, C, 1, ...]).bernoulli_(1 - p).div_(1 - p); input * noise
// (MulBackward0). dropout1d unsqueezes an unbatched [C, L] input first and
// squeezes after; PyTorch 1.13's dropout2d takes any input as batched
// (a 3-d one as [N, C, L], with a warning there), and so does this one.

import type { Tensor } from "../../tensor.js";
import { scoped } from "../../memory.js";
import { squeeze, unsqueeze } from "../../ops/views.js";
import { checkNumber, checkArgs } from "./common.js";
import { dropWith } from "./dropout.js";

/** The keyword arguments of F.dropout1d / F.dropout2d. */
export interface ChannelDropoutOptions {
  /** The probability of zeroing a channel (default 0.5). */
  p?: number;
  /** Whether to drop at all (default true); the modules pass their `training`. */
  training?: boolean;
}

/** feature_dropout: the noise has input's first two dims (N, C) and 1 for each other. */
const featureDropout = (input: Tensor, p: number, training: boolean): Tensor =>
  dropWith(
    input,
    p,
    training,
    input.shape.map((n, i) => (i < 2 ? n : 1)),
    null,
    false,
  );

function channelDropout(fn: string, input: Tensor, opts: ChannelDropoutOptions, batchedDims: number): Tensor {
  checkArgs(fn, { input }, opts, ["p", "training"]);
  const p = opts.p === undefined ? 0.5 : checkNumber(opts.p, fn, "p");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  const nd = input.shape.length;
  if (batchedDims === 3 && nd !== 2 && nd !== 3)
    throw new RangeError(
      `dropout1d: Expected 2D or 3D input, but received a ${nd}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  const training = opts.training ?? true;
  const batched = batchedDims === 4 || nd === batchedDims;
  if (batched) return featureDropout(input, p, training);
  return scoped(() => {
    const out = featureDropout(unsqueeze(input, 0), p, training);
    return squeeze(out, 0);
  });
}

/** F.dropout1d: zeroes whole channels of a [N, C, L] or [C, L] input with probability p, scaling the rest by 1 / (1 - p). */
export const dropout1d = (input: Tensor, opts: ChannelDropoutOptions = {}): Tensor =>
  channelDropout("dropout1d", input, opts, 3);

/** F.dropout2d: zeroes whole channels of a [N, C, H, W] or [C, H, W] input with probability p. */
export const dropout2d = (input: Tensor, opts: ChannelDropoutOptions = {}): Tensor =>
  channelDropout("dropout2d", input, opts, 4);
