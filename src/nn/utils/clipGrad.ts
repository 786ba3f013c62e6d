// torch.nn.utils.clip_grad_norm_ and clip_grad_value_, as PyTorch 1.13
// computes them: the norm of each grad, the norm of those norms, and one
// coefficient max_norm / (total + 1e-6), clamped to 1, that every grad is
// multiplied by in place (also when it is 1: PyTorch multiplies anyway, to
// avoid a device sync, so a NaN total makes every grad NaN as there).

import { Tensor } from "../../tensor.js";
import { tidy } from "../../memory.js";
import { noGrad } from "../../autograd/gradMode.js";
import { norm } from "../../ops/norm.js";
import { stack } from "../../ops/movement.js";
import { abs, reciprocal } from "../../ops/unary.js";
import { add, mul } from "../../ops/binary.js";
import { clamp } from "../../ops/clamp.js";
import { amax } from "../../ops/extrema.js";
import { zeros } from "../../ops/creation.js";
import { mul_, clamp_ } from "../../ops/inplace.js";
import { checkBooleanOption, checkOptionsObject, kindOf } from "../../args.js";
import { pyFloat } from "../module.js";

/**
 * The keyword arguments of clip_grad_norm_: `{ normType, errorIfNonfinite }`
 * (PyTorch's norm_type, error_if_nonfinite).
 */
export interface ClipGradNormOptions {
  /** The p of the p-norm (default 2; Infinity or "inf" for the largest absolute value). */
  normType?: number | "inf";
  /** Throw when the total norm is NaN or infinite (default false, as PyTorch 1.13). */
  errorIfNonfinite?: boolean;
}

/** The parameters a clip function takes: one tensor or an iterable of them. */
function paramList(parameters: Tensor | Iterable<Tensor>, fn: string): Tensor[] {
  if (parameters instanceof Tensor) return [parameters];
  if (
    parameters === null ||
    typeof parameters !== "object" ||
    typeof (parameters as Iterable<Tensor>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `${fn}(): parameters must be a Tensor or an iterable of Tensors, but got ${kindOf(parameters)}`,
    );
  }
  const list = Array.from(parameters);
  for (const p of list) {
    if (!(p instanceof Tensor)) throw new TypeError(`${fn}(): parameters must be Tensors, but got ${kindOf(p)}`);
    p._check();
    p.grad?._check();
  }
  return list;
}

function number(v: unknown, fn: string, name: string): number {
  if (typeof v !== "number") throw new TypeError(`${fn}(): ${name} must be a number, but got ${kindOf(v)}`);
  return v;
}

/**
 * Scales the grads of `parameters` in place so that their total norm (as if
 * concatenated into one vector) is at most `maxNorm`; returns the total norm
 * before clipping (a new 0-d tensor; 0 when no parameter has a grad).
 */
export function clipGradNorm_(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number,
  opts: ClipGradNormOptions = {},
): Tensor {
  const o = checkOptionsObject<ClipGradNormOptions>(opts, "clipGradNorm_", ["normType", "errorIfNonfinite"]);
  const grads = paramList(parameters, "clipGradNorm_")
    .map((p) => p.grad)
    .filter((g): g is Tensor => g !== null);
  number(maxNorm, "clipGradNorm_", "maxNorm");
  const nt =
    o.normType === undefined ? 2.0 : o.normType === "inf" ? Infinity : number(o.normType, "clipGradNorm_", "normType");
  const errorIfNonfinite = checkBooleanOption(o.errorIfNonfinite, "clipGradNorm_", "errorIfNonfinite") ?? false;
  if (grads.length === 0) return zeros([]); // torch.tensor(0.): float32
  return noGrad(() =>
    tidy(() => {
      let total: Tensor;
      if (nt === Infinity) {
        const norms = grads.map((g) => amax(abs(g)));
        total = norms.length === 1 ? norms[0]! : amax(stack(norms));
      } else {
        total = norm(stack(grads.map((g) => norm(g, nt))), nt);
      }
      const t = total.item() as number;
      if (errorIfNonfinite && !Number.isFinite(t)) {
        throw new Error(
          `The total norm of order ${Number.isFinite(nt) ? pyFloat(nt) : nt > 0 ? "inf" : "-inf"} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
        );
      }
      // Python's `max_norm / tensor` is tensor.reciprocal() * max_norm.
      const coef = clamp(mul(reciprocal(add(total, 1e-6)), maxNorm), undefined, 1.0);
      for (const g of grads) mul_(g, coef);
      return total;
    }),
  );
}

/** Clamps every grad of `parameters` into [-clipValue, clipValue] in place. */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  const list = paramList(parameters, "clipGradValue_");
  const v = number(clipValue, "clipGradValue_", "clipValue");
  noGrad(() => {
    for (const p of list) if (p.grad !== null) clamp_(p.grad, -v, v);
  });
}
