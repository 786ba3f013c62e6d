// torch.nn.utils.rnn's packed sequences (test/golden/gen_packed.py):
// pack_padded_sequence, pad_packed_sequence and pack_sequence. Each case
// compares the PackedSequence's four fields (or the padded batch and its
// lengths), the first output's grad_fn name, its grads and errors.

import { errorOf, fromJson, isFloat, make, observe, type InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

interface PackedArgs {
  lengths?: number[];
  tensorLengths?: boolean;
  floatLengths?: boolean;
  batchFirst?: boolean;
  enforceSorted?: boolean;
  padBatchFirst?: boolean;
  paddingValue?: number;
  totalLength?: number;
}

interface PackedCase {
  op: string;
  inputs: InputSpec[];
  args: PackedArgs;
  error?: string;
  grads?: (TensorJson | null)[];
  weights?: TensorJson[];
}

/** The program a case names, written as a torchlet user writes it. */
export function applyPacked(torch: Torch, op: string, xs: Tensor[], a: PackedArgs): (Tensor | null)[] {
  const { rnn } = torch.nn.utils;
  const lengths = a.tensorLengths
    ? torch.tensor(a.lengths!, { dtype: a.floatLengths ? "float32" : "int64" })
    : a.lengths!;
  const pack = (): InstanceType<typeof rnn.PackedSequence> =>
    rnn.packPaddedSequence(xs[0]!, lengths, {
      batchFirst: a.batchFirst ?? false,
      enforceSorted: a.enforceSorted ?? true,
    });
  if (op === "packPadded") return [...pack()];
  if (op === "padPacked") {
    const [padded, lens] = rnn.padPackedSequence(pack(), {
      batchFirst: a.padBatchFirst ?? false,
      paddingValue: a.paddingValue ?? 0,
      totalLength: a.totalLength ?? null,
    });
    return [padded, lens];
  }
  if (op === "packSequence") return [...rnn.packSequence(xs, { enforceSorted: a.enforceSorted ?? true })];
  throw new Error(`unknown op ${op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as PackedCase;
  if (c.error !== undefined)
    return {
      error: errorOf(() =>
        applyPacked(
          torch,
          c.op,
          c.inputs.map((s) => make(torch, s)[1]),
          c.args,
        ),
      ),
    };
  const made = c.inputs.map((s) => make(torch, s, isFloat(s.dtype)));
  const outs = applyPacked(
    torch,
    c.op,
    made.map((m) => m[1]),
    c.args,
  );
  const first = outs[0]!;
  const obs: Observed = {
    out: outs.map((t) => (t === null ? null : observe(t))),
    gradFn: first.gradFn?.name() ?? null,
  };
  if (c.grads === undefined) return obs;
  const w = fromJson(torch, c.weights![0]!);
  const leaves = made.filter((m) => m[0].requiresGrad).map((m) => m[0]);
  const grads = torch.autograd.grad(first.mul(w).sum(), leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

const dtypeOf = (g: Golden): unknown => (g.inputs as InputSpec[] | undefined)?.[0]?.dtype;

export const packed: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out", "gradFn", "grads", "error"], tol: (g) => sumTol(dtypeOf(g)) });
