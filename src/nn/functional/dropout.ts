// dropout as PyTorch 1.13 computes it on the CPU: a Bernoulli(1 - p) mask
// scaled by 1 / (1 - p), multiplied in (MulBackward0). The mask comes from
// the generator exactly as bernoulli_(1 - p) draws it there (one double
// uniform per element, kept when below 1 - p), so after manualSeed the same
// elements are dropped as in PyTorch.

import type { Tensor } from "../../tensor.js";
import { isFloating } from "../../dtype.js";
import { noGrad } from "../../autograd/gradMode.js";
import { checkTensor, castTo } from "../../ops/launch.js";
import { mul, div } from "../../ops/binary.js";
import { lt } from "../../ops/compare.js";
import { zeros } from "../../ops/creation.js";
import { rand } from "../../ops/random.js";
import type { Generator } from "../../ops/generator.js";
import { checkNumber, checkOptionKeys, withTemps } from "./common.js";

export interface DropoutOptions {
  /** The probability of zeroing an element (default 0.5). */
  p?: number;
  /** Whether to drop at all (default true); nn.Dropout passes its module's `training`. */
  training?: boolean;
  /** Draw the mask from this generator instead of the default one. */
  generator?: Generator | null;
}

/**
 * Zeroes each element with probability `p` and scales the rest by
 * 1 / (1 - p). With `training: false`, `p: 0` or an empty input it returns
 * `input` itself, as PyTorch does (the same tensor, not a copy).
 */
export function dropout(input: Tensor, opts: DropoutOptions = {}): Tensor {
  checkTensor(input, "dropout", "input");
  checkOptionKeys(opts, "dropout", ["p", "training", "generator"]);
  const p = opts.p === undefined ? 0.5 : checkNumber(opts.p, "dropout", "p");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  const training = opts.training ?? true;
  if (p === 0 || !training || input.numel() === 0) return input;
  if (!isFloating(input.dtype)) throw new TypeError(`dropout(): expected a floating point input, but got ${input.dtype}`);
  return withTemps((tmp) => {
    if (p === 1) return mul(input, tmp.add(zeros([], { dtype: input.dtype })));
    const noise = noGrad(() => {
      const u = tmp.add(rand(input.shape, { dtype: "float64", generator: opts.generator ?? null }));
      const keep = tmp.add(castTo(tmp.add(lt(u, 1 - p)), input.dtype));
      return tmp.add(div(keep, 1 - p));
    });
    return mul(input, noise);
  });
}
