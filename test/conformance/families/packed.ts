// torch.nn.utils.rnn's packed sequences (test/golden/gen_packed.py):
// pack_padded_sequence, pad_packed_sequence, pack_sequence, and nn.RNN /
// LSTM / GRU over a PackedSequence (outputs, h_n, grads of the input, the
// initial states and the parameters). Each case
// compares the PackedSequence's four fields (or the padded batch and its
// lengths), the first output's grad_fn name, its grads and errors.

import { fromJson, isFloat, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";
import { applyCase, firstDtype, weightedLoss, withGrads, type OpCase } from "./opCase.js";

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

type PackedCase = OpCase<PackedArgs>;

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

interface RnnPackedCase {
  module: { kind: "RNN" | "LSTM" | "GRU"; args: [number, number]; opts: Record<string, unknown> };
  seed: number;
  x: TensorJson;
  lengths: number[];
  enforceSorted: boolean;
  hx: TensorJson[];
  weights: TensorJson[];
}

/** An RNN, LSTM or GRU (seeded as PyTorch's) over a PackedSequence: the output's fields, h_n (c_n) and grads. */
function runRecurrent(torch: Torch, c: RnnPackedCase): Observed {
  const { rnn } = torch.nn.utils;
  torch.manualSeed(c.seed);
  const m = new torch.nn[c.module.kind](...c.module.args, c.module.opts);
  try {
    const x = fromJson(torch, c.x, true);
    const hs = c.hx.map((h) => fromJson(torch, h, true));
    const p = rnn.packPaddedSequence(x, c.lengths, {
      batchFirst: (c.module.opts.batchFirst as boolean | undefined) ?? false,
      enforceSorted: c.enforceSorted,
    });
    let out: InstanceType<typeof rnn.PackedSequence>, finals: Tensor[];
    if (c.module.kind === "LSTM") {
      const [o, [h, cn]] = (m as InstanceType<typeof torch.nn.LSTM>).forward(p, hs.length ? [hs[0]!, hs[1]!] : null);
      [out, finals] = [o, [h, cn]];
    } else {
      const [o, h] = (m as InstanceType<typeof torch.nn.GRU>).forward(p, hs[0] ?? null);
      [out, finals] = [o, [h]];
    }
    const diff = [out.data, ...finals];
    const loss = weightedLoss(torch, diff, c.weights);
    const params = m.namedParameters();
    const grads = torch.autograd.grad(loss, [x, ...hs, ...params.map(([, q]) => q)]);
    const n = 1 + hs.length;
    return {
      out: [...out, ...finals].map((t) => (t === null ? null : observe(t))),
      gradInputs: grads.slice(0, n).map((t) => observe(t!)),
      gradParams: params.map(([name], i) => [name, observe(grads[n + i]!)]),
    };
  } finally {
    m.dispose();
  }
}

function run(torch: Torch, g: Golden): Observed {
  if (g.op === "rnnPacked") return runRecurrent(torch, g as unknown as RnnPackedCase);
  const c = g as unknown as PackedCase;
  const r = applyCase(torch, c, applyPacked, (s) => isFloat(s.dtype));
  if ("error" in r) return r;
  const { made, out: outs } = r;
  const first = outs[0]!;
  const obs: Observed = {
    out: outs.map((t) => (t === null ? null : observe(t))),
    gradFn: first.gradFn?.name() ?? null,
  };
  if (c.grads === undefined) return obs;
  return withGrads(torch, obs, weightedLoss(torch, [first], c.weights!), made);
}

export const packed: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "gradFn", "grads", "gradInputs", "gradParams", "error"],
    tol: (g) => (g.op === "rnnPacked" ? sumTol("float32") : sumTol(firstDtype(g))),
  });
