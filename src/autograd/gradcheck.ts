// torch.autograd.gradcheck: compares the engine's gradients with central
// finite differences, in float64, one input element at a time.

import { checkBooleanOption, checkOptionsObject, kindOf } from "../args.js";
import { Tensor } from "../tensor.js";
import { tidy } from "../memory.js";
import * as abi from "../wasm/abi.js";
import { grad } from "./grad.js";
import { noGrad, enableGrad } from "./gradMode.js";
import type { Tensors } from "./functional.js";

/**
 * The keyword arguments of torch.autograd.gradcheck: `{ eps, atol, rtol,
 * raiseException }` (PyTorch's raise_exception).
 */
export interface GradcheckOptions {
  /** The finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw on mismatch (default) or return false. */
  raiseException?: boolean;
}

/** Storage indices (in elements) of a tensor's elements in row-major order. */
function elementIndices(t: Tensor): number[] {
  const out: number[] = [];
  const walk = (d: number, off: number): void => {
    if (d === t.shape.length) {
      out.push(off);
      return;
    }
    for (let i = 0; i < t.shape[d]!; i++) walk(d + 1, off + i * t._strides[d]!);
  };
  walk(0, t._offset);
  return out;
}

function flatValues(outs: readonly Tensor[]): number[] {
  const vals: number[] = [];
  for (const o of outs) for (const v of o.toArray() as Float64Array) vals.push(v);
  return vals;
}

/**
 * Checks the gradients of `fn` at `inputs` (float64 tensors; those that
 * require grad are checked). Returns true, or throws (or returns false) with
 * the first mismatching Jacobian entry.
 */
export function gradcheck(fn: (...args: Tensor[]) => Tensors, inputs: Tensors, opts: GradcheckOptions = {}): boolean {
  if (typeof fn !== "function") throw new TypeError(`gradcheck(): fn must be a function, but got ${kindOf(fn)}`);
  const o = checkOptionsObject<GradcheckOptions>(opts, "gradcheck", ["eps", "atol", "rtol", "raiseException"]);
  for (const k of ["eps", "atol", "rtol"] as const) {
    const v = o[k];
    if (v !== undefined && !(typeof v === "number" && (k === "eps" ? v > 0 : v >= 0))) {
      throw new RangeError(
        `gradcheck(): ${k} must be a ${k === "eps" ? "positive" : "non-negative"} number, but got ${typeof v === "number" ? v : kindOf(v)}`,
      );
    }
  }
  checkBooleanOption(o.raiseException, "gradcheck", "raiseException");
  opts = o;
  const eps = o.eps ?? 1e-6,
    atol = o.atol ?? 1e-5,
    rtol = o.rtol ?? 1e-3;
  const list: unknown[] | null =
    inputs instanceof Tensor ? [inputs] : Array.isArray(inputs) ? Array.from(inputs) : null;
  if (list === null || list.some((t) => !(t instanceof Tensor)))
    throw new TypeError("gradcheck(): inputs must be a Tensor or an array of Tensors");
  const ins = list as Tensor[];
  for (const t of ins) t._check();
  for (const t of ins) {
    if (t.requiresGrad && t.dtype !== "float64") {
      console.warn(`gradcheck: input of dtype ${t.dtype} is not float64; the check is unlikely to be precise`);
    }
  }
  const run = (): Tensor[] => {
    const r = enableGrad(() => fn(...ins));
    return r instanceof Tensor ? [r] : Array.from(r);
  };
  return tidy(() => {
    const outs = run();
    const outSizes = outs.map((o) => o.numel());
    const nOut = outSizes.reduce((a, b) => a + b, 0);
    for (let j = 0; j < ins.length; j++) {
      const x = ins[j]!;
      if (!x.requiresGrad) continue;
      const idx = elementIndices(x);
      // numerical[k][i] = d out_i / d x_k
      const numerical: number[][] = [];
      for (const k of idx) {
        const read = () => abi.view("float64", x._st.ptr, x._st.nbytes / 8);
        const orig = read()[k]!;
        read()[k] = orig + eps;
        const plus = noGrad(() => tidy(() => flatValues(run())));
        read()[k] = orig - eps;
        const minus = noGrad(() => tidy(() => flatValues(run())));
        read()[k] = orig;
        numerical.push(plus.map((p, i) => (p - minus[i]!) / (2 * eps)));
      }
      // analytical: one reverse pass per output element.
      const analytical: number[][] = idx.map(() => new Array<number>(nOut).fill(0));
      let row = 0;
      outs.forEach((o, oi) => {
        const flat = o.reshape([-1]);
        for (let e = 0; e < outSizes[oi]!; e++, row++) {
          if (!o.requiresGrad) continue;
          const [g] = grad(flat.select(0, e), [x], null, { retainGraph: true, allowUnused: true });
          if (g) (g.toArray() as Float64Array).forEach((v, k) => (analytical[k]![row] = v));
        }
      });
      for (let k = 0; k < idx.length; k++) {
        for (let i = 0; i < nOut; i++) {
          const a = analytical[k]![i]!,
            n = numerical[k]![i]!;
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            if (opts.raiseException === false) return false;
            throw new Error(
              `Jacobian mismatch for output ${outputOf(i, outSizes)} with respect to input ${j},\n` +
                `numerical:${n}\nanalytical:${a}\n(at input element ${k}, output element ${i})`,
            );
          }
        }
      }
    }
    return true;
  });
}

function outputOf(i: number, sizes: number[]): number {
  for (let o = 0, acc = 0; o < sizes.length; o++) {
    acc += sizes[o]!;
    if (i < acc) return o;
  }
  return sizes.length - 1;
}
