// dropout as PyTorch 1.13 computes it on the CPU (_dropout_impl):
// noise = empty_like(input, contiguous).bernoulli_(1 - p).div_(1 - p);
// input * noise (MulBackward0). The noise is contiguous whatever the input's
// layout (LEGACY_CONTIGUOUS_MEMORY_FORMAT), so draws follow the logical order;
// bernoulli_ draws PyTorch CPU's numbers, so after manualSeed the same
// elements are dropped as in PyTorch.

import type { Tensor } from "../../tensor.js";
import { isFloating } from "../../dtype.js";
import { noGrad } from "../../autograd/gradMode.js";
import { mul } from "../../ops/binary.js";
import { empty, zeros } from "../../ops/creation.js";
import { bernoulli_ } from "../../ops/bernoulli.js";
import "../../ops/inplace.js";
import type { Generator } from "../../ops/generator.js";
import { checkNumber, checkArgs } from "./common.js";
import { scoped } from "../../memory.js";

/**
 * input * noise, the noise of `noiseShape` (broadcast over input) drawn as
 * Bernoulli(1 - p) / (1 - p); input itself when nothing drops.
 */
export function dropWith(
  input: Tensor,
  p: number,
  training: boolean,
  noiseShape: readonly number[],
  generator: Generator | null,
  inplace: boolean,
): Tensor {
  if (p === 0 || !training || input.numel() === 0) return input;
  if (!isFloating(input.dtype))
    throw new TypeError(`dropout(): expected a floating point input, but got ${input.dtype}`);
  return scoped(() => {
    let noise: Tensor;
    if (p === 1) noise = zeros([], { dtype: input.dtype });
    else {
      noise = empty(noiseShape, { dtype: input.dtype });
      noGrad(() => bernoulli_(noise, 1 - p, { generator }).div_(1 - p));
    }
    return inplace ? input.mul_(noise) : mul(input, noise);
  });
}

/** The keyword arguments of F.dropout: `{ p, training, inplace }`, and `generator` (torchlet only). */
export interface DropoutOptions {
  /** The probability of zeroing an element (default 0.5). */
  p?: number;
  /** Whether to drop at all (default true); nn.Dropout passes its module's `training`. */
  training?: boolean;
  /** Draw the mask from this generator instead of the default one. */
  generator?: Generator | null;
  /** Scale `input` itself (its version goes up) instead of a new tensor (default false). */
  inplace?: boolean;
}

/**
 * Zeroes each element with probability `p` and scales the rest by
 * 1 / (1 - p). With `training: false`, `p: 0` or an empty input it returns
 * `input` itself, as PyTorch does (the same tensor, not a copy); with
 * `inplace: true` it multiplies `input` in place and returns it.
 */
export function dropout(input: Tensor, opts: DropoutOptions = {}): Tensor {
  checkArgs("dropout", { input }, opts, ["p", "training", "generator", "inplace"]);
  const p = opts.p === undefined ? 0.5 : checkNumber(opts.p, "dropout", "p");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (opts.training !== undefined && typeof opts.training !== "boolean") {
    throw new TypeError(
      `dropout(): argument 'training' must be bool, but got ${opts.training === null ? "null" : typeof opts.training}`,
    );
  }
  if (opts.inplace !== undefined && typeof opts.inplace !== "boolean") {
    throw new TypeError(
      `dropout(): argument 'inplace' must be bool, but got ${opts.inplace === null ? "null" : typeof opts.inplace}`,
    );
  }
  return dropWith(input, p, opts.training ?? true, input.shape, opts.generator ?? null, opts.inplace === true);
}
