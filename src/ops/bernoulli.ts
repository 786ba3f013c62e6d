// Bernoulli draws with PyTorch CPU's numbers: Tensor.bernoulli_(p) (what
// dropout's mask is made with: torch's CPU dropout is
// `input * empty_like(input).bernoulli_(1 - p).div_(1 - p)`) and
// torch.bernoulli(probs). A draw is 1 when a uniform sample falls below p:
// 53 bits for a number p, the probabilities' own precision for a tensor.

import { Tensor } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import * as abi from "../wasm/abi.js";
import { emptyLikeOf } from "./creation.js";
import { launch } from "./launch.js";
import { inPlaceFill } from "./inplace.js";
import { checkInPlace, cppNumber, fillInOrder, made, type SampleOptions } from "./random.js";
import { pickGenerator } from "./generator.js";
import { checkOptionsObject, optionalArgs, typeOf } from "../args.js";

/** Fills `t` with 1 (probability p) or 0 in place (Tensor.bernoulli_). */
export function bernoulli_(t: Tensor, ...args: BernoulliArgs): Tensor {
  checkInPlace(t, "bernoulli_");
  const o = optionalArgs(args, "bernoulli_", ["p"], ["generator"]);
  const p = o.p === undefined ? 0.5 : o.p;
  if (typeof p !== "number") throw new TypeError(`bernoulli_(): p must be a number, but got ${typeOf(p)}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${cppNumber(p)}`);
  const gen = pickGenerator(o.generator, "bernoulli_");
  const kernel = abi.kernel("bernoulli_scalar", t.dtype, "bernoulli_scalar_cpu_");
  return inPlaceFill(t, "bernoulli", () => fillInOrder(t, gen, (g, out, n) => kernel(g, out, n, p)));
}

/** The keyword arguments of torch.bernoulli: `{ p, generator }`. */
export interface BernoulliOptions extends SampleOptions {
  /** Draw every element with this probability instead of the input's values. */
  p?: number;
}

/**
 * A new tensor of 0s and 1s shaped (and laid out) like `input`, each 1 with
 * the probability `input` holds there (torch.bernoulli), or with `p` when given.
 */
export function bernoulli(input: Tensor, opts?: BernoulliOptions): Tensor {
  if (!(input instanceof Tensor)) throw new TypeError("bernoulli(): argument 'input' must be a Tensor");
  input._check();
  const o = checkOptionsObject<BernoulliOptions>(opts, "bernoulli", ["p", "generator"]);
  const gen = pickGenerator(o.generator, "bernoulli");
  if (o.p !== undefined) {
    const p = o.p;
    return made(emptyLikeOf(input, undefined, "bernoulli"), {}, (t) => bernoulli_(t, p, { generator: gen }));
  }
  const kernel = abi.kernel("bernoulli_tensor", input.dtype, "bernoulli_tensor_cpu_p_");
  const probs = input.toArray();
  for (let i = 0; i < probs.length; i++) {
    if (!(probs[i]! >= 0 && probs[i]! <= 1))
      throw new RangeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
  }
  return made(emptyLikeOf(input, undefined, "bernoulli"), {}, (out) => {
    // The probabilities laid out like `out`, so both are read in its memory order.
    const p = emptyLikeOf(out, undefined, "bernoulli");
    try {
      launch(abi.kernel("copy", input.dtype), p, [input], [0, 0]);
      kernel(gen._acquire(), out._addr(), p._addr(), out.numel());
    } finally {
      p.dispose();
    }
  });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Fills this tensor with 1 (probability p, default 0.5) or 0 in place. */
    bernoulli_(...args: BernoulliArgs): Tensor;
  }
}

addMethodsOf({ bernoulli_ });

/** bernoulli_'s call forms after the tensor: `(p?, opts?)` or `({ p, generator })`. */
type BernoulliArgs = [p?: number, opts?: SampleOptions] | [opts: SampleOptions & { p?: number }];
