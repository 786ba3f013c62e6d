// F.ctc_loss: connectionist temporal classification, PyTorch 1.13's CPU
// algorithm. The alpha recursion (forward) and beta recursion (backward)
// run in log space over the values copied out of wasm memory, in double
// precision: one pass over T x (2S + 1) per sample. The per-sample losses
// get CtcLossBackward0; "mean" divides by the target lengths and takes
// the mean, "sum" sums, as 1.13's composite does.

import { Tensor } from "../../tensor.js";
import { isFloating } from "../../dtype.js";
import { showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { fromArray } from "../../ops/fromData.js";
import { div, mul } from "../../ops/binary.js";
import { eq, where } from "../../ops/compare.js";
import { mean, sum } from "../../ops/reduce.js";
import { squeeze, unsqueeze, view } from "../../ops/views.js";
import { kindOf } from "../../args.js";
import { checkReduction, type Reduction, checkArgs } from "./common.js";

/** The keyword arguments of F.ctc_loss: `{ blank, reduction, zeroInfinity }`. */
export interface CtcLossOptions {
  /** The blank label (default 0). */
  blank?: number;
  /** "mean" (default: each loss divided by its target length, then the mean), "sum" or "none". */
  reduction?: Reduction;
  /** Replace infinite losses (inputs too short for their targets) and their grads by zeros (default false). */
  zeroInfinity?: boolean;
}

/** What ctc_loss keeps for backward. */
export interface CtcSaved {
  input: Tensor;
  lp: Float64Array;
  T: number;
  N: number;
  C: number;
  targets: number[][];
  inputLengths: number[];
  alpha: Float64Array[];
  nll: Float64Array;
  blank: number;
  zeroInfinity: boolean;
}

const NEG_INF = -Infinity;

/** log(exp(a) + exp(b) + exp(c)) as 1.13 computes it: shifted by the largest, 0 when all are -inf. */
function logSum3(a: number, b: number, c: number): number {
  let m = Math.max(a, b, c);
  if (m === NEG_INF) m = 0;
  return Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m)) + m;
}

function lengths(v: unknown, name: string): number[] {
  if (v instanceof Tensor) return Array.from(v.toArray() as ArrayLike<number | bigint>, Number);
  if (Array.isArray(v) && v.every((x) => Number.isInteger(x))) return v as number[];
  throw new TypeError(`ctcLoss(): ${name} must be a Tensor or an array of integers, but got ${kindOf(v)}`);
}

/**
 * The CTC loss of each sample's label sequence given per-frame
 * log-probabilities `logProbs` (T x N x C, or T x C for one sample);
 * `targets` padded (N x S) or concatenated (sum of targetLengths).
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: Tensor | readonly number[],
  targetLengths: Tensor | readonly number[],
  opts: CtcLossOptions = {},
): Tensor {
  checkArgs("ctcLoss", { log_probs: logProbs, targets }, opts, ["blank", "reduction", "zeroInfinity"]);
  const reduction = checkReduction(opts.reduction);
  const blank = opts.blank ?? 0;
  const zeroInfinity = opts.zeroInfinity ?? false;
  if (!isFloating(logProbs.dtype)) throw new TypeError(`"ctc_loss_cpu" not implemented for '${logProbs.dtype}'`);
  const batched = logProbs.ndim === 3;
  if (!batched && logProbs.ndim !== 2)
    throw new RangeError(`ctc_loss(): log_probs must be 2-D or 3-D, but got shape ${showShape(logProbs.shape)}`);
  const T = logProbs.shape[0]!,
    N = batched ? logProbs.shape[1]! : 1,
    C = logProbs.shape[batched ? 2 : 1]!;
  const il = lengths(inputLengths, "input_lengths"),
    tl = lengths(targetLengths, "target_lengths");
  if (!(blank >= 0 && blank < C)) throw new RangeError("blank must be in label range");
  if (il.length !== N) throw new RangeError("input_lengths must be of size batch_size");
  if (tl.length !== N) throw new RangeError("target_lengths must be of size batch_size");
  const tg = Array.from(targets.toArray() as ArrayLike<number | bigint>, Number);
  const maxTarget = Math.max(0, ...tl);
  const seqs: number[][] = [];
  if (targets.ndim <= 1 || !batched) {
    let pos = 0;
    for (const len of tl) {
      seqs.push(tg.slice(pos, pos + len));
      pos += len;
    }
    if (targets.ndim === 1 && targets.shape[0]! < pos)
      throw new RangeError(
        `Expected tensor to have size at least ${pos} at dimension 0, but got size ${targets.shape[0]}`,
      );
  } else {
    const S = targets.shape[1]!;
    if (targets.shape[0] !== N)
      throw new RangeError(`Expected tensor to have size ${N} at dimension 0, but got size ${targets.shape[0]}`);
    if (S < maxTarget)
      throw new RangeError(
        `Expected tensor to have size at least ${maxTarget} at dimension 1, but got size ${S} for argument #2 'targets' (while checking arguments for ctc_loss_cpu)`,
      );
    for (let b = 0; b < N; b++) seqs.push(tg.slice(b * S, b * S + tl[b]!));
  }
  for (const len of il) {
    if (len > T)
      throw new RangeError(
        `Expected input_lengths to have value at most ${T}, but got value ${len} (while checking arguments for ctc_loss_cpu)`,
      );
  }
  const lp = Float64Array.from(logProbs.toArray() as Float32Array | Float64Array);
  const alpha: Float64Array[] = [];
  const nll = new Float64Array(N);
  for (let b = 0; b < N; b++) {
    const L = seqs[b]!.length,
      S2 = 2 * L + 1,
      len = il[b]!;
    const prime = (s: number): number => (s % 2 === 0 ? blank : seqs[b]![(s - 1) / 2]!);
    const at = (t: number, c: number): number => lp[(t * N + b) * C + c]!;
    const a = new Float64Array(Math.max(len, 1) * S2).fill(NEG_INF);
    if (len > 0) {
      a[0] = at(0, blank);
      if (L > 0) a[1] = at(0, prime(1));
    }
    for (let t = 1; t < len; t++) {
      for (let s = 0; s < S2; s++) {
        const cur = prime(s);
        const l1 = a[(t - 1) * S2 + s]!;
        const l2 = s > 0 ? a[(t - 1) * S2 + s - 1]! : NEG_INF;
        const l3 = s > 1 && prime(s - 2) !== cur ? a[(t - 1) * S2 + s - 2]! : NEG_INF;
        a[t * S2 + s] = logSum3(l1, l2, l3) + at(t, cur);
      }
    }
    alpha.push(a);
    const last = Math.max(len - 1, 0);
    nll[b] = L === 0 ? -a[last * S2]! : -logSum3(a[last * S2 + 2 * L]!, a[last * S2 + 2 * L - 1]!, NEG_INF);
  }
  const saved: Omit<CtcSaved, "input"> = {
    lp,
    T,
    N,
    C,
    targets: seqs,
    inputLengths: il,
    alpha,
    nll,
    blank,
    zeroInfinity,
  };
  return scoped(() => {
    const lp3 = batched ? logProbs : unsqueeze(logProbs, 1);
    let res = record("ctcLoss", fromArray(nll, [N], { dtype: logProbs.dtype }), [lp3, targets], saved);
    if (zeroInfinity) res = where(eq(res, Infinity), 0, res);
    if (reduction === "mean") {
      const tlt = fromArray(
        tl.map((x) => Math.max(x, 1)),
        [N],
        { dtype: logProbs.dtype },
      );
      return mean(div(res, tlt));
    }
    if (reduction === "sum") return sum(res);
    return batched ? res : squeeze(res, 0);
  });
}

/** The grad of ctc_loss w.r.t. log_probs (T x N x C), 1.13's beta recursion and eq. (16), times each sample's grad. */
export function ctcLossGradInput(g: Tensor, s: CtcSaved): Tensor {
  const { lp, T, N, C, blank } = s;
  const grad = new Float64Array(T * N * C);
  for (let b = 0; b < N; b++) {
    const seq = s.targets[b]!,
      L = seq.length,
      S2 = 2 * L + 1,
      len = s.inputLengths[b]!,
      nll = s.nll[b]!,
      a = s.alpha[b]!;
    if (s.zeroInfinity && nll === Infinity) continue;
    const prime = (k: number): number => (k % 2 === 0 ? blank : seq[(k - 1) / 2]!);
    const at = (t: number, c: number): number => lp[(t * N + b) * C + c]!;
    const acc = new Float64Array(len * C).fill(NEG_INF);
    const beta = new Float64Array(Math.max(len, 1) * S2).fill(NEG_INF);
    if (len > 0) {
      const t = len - 1;
      beta[t * S2 + 2 * L] = at(t, blank);
      acc[t * C + blank] = a[t * S2 + 2 * L]! + beta[t * S2 + 2 * L]!;
      if (L > 0) {
        const cur = prime(2 * L - 1);
        beta[t * S2 + 2 * L - 1] = at(t, cur);
        acc[t * C + cur] = a[t * S2 + 2 * L - 1]! + beta[t * S2 + 2 * L - 1]!;
      }
    }
    for (let t = len - 2; t >= 0; t--) {
      for (let k = 2 * L; k >= 0; k--) {
        const cur = prime(k);
        const l1 = beta[(t + 1) * S2 + k]!;
        const l2 = k < 2 * L ? beta[(t + 1) * S2 + k + 1]! : NEG_INF;
        const l3 = k < 2 * L - 1 && prime(k + 2) !== cur ? beta[(t + 1) * S2 + k + 2]! : NEG_INF;
        const bv = logSum3(l1, l2, l3) + at(t, cur);
        beta[t * S2 + k] = bv;
        const ab = a[t * S2 + k]! + bv;
        const lc = acc[t * C + cur]!;
        if (lc === NEG_INF) acc[t * C + cur] = ab;
        else {
          const m = Math.max(lc, ab);
          acc[t * C + cur] = Math.log(Math.exp(lc - m) + Math.exp(ab - m)) + m;
        }
      }
    }
    for (let t = 0; t < len; t++) {
      for (let c = 0; c < C; c++) {
        const l = at(t, c);
        grad[(t * N + b) * C + c] = Math.exp(l) - Math.exp(acc[t * C + c]! + nll - l);
      }
    }
  }
  const local = fromArray(grad, [T, N, C], { dtype: s.input.dtype });
  return mul(local, view(g, [1, N, 1]));
}
