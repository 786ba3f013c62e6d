// The recurrent layers (test/golden/gen_rnn.py): nn.RNN, nn.LSTM, nn.GRU and
// their cells against PyTorch 1.13: seeded init, outputs and final states,
// grads of the input, initial states and parameters, printed forms, messages.

import { fromJson, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";
import { recordGrads, runModuleCase } from "./moduleCase.js";

interface Desc {
  kind: string;
  args: number[];
  opts: Record<string, unknown>;
}
type Recurrent = {
  call(x: Tensor, hx: unknown): unknown;
  train(mode?: boolean): unknown;
  stateDict(): Record<string, Tensor>;
  namedParameters(): [string, Tensor][];
  dispose(): void;
};

function build(torch: Torch, d: Desc): Recurrent {
  const nn = torch.nn as unknown as Record<string, new (...a: unknown[]) => Recurrent>;
  return new nn[d.kind]!(...d.args, d.opts);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as {
    module: Desc;
    x: TensorJson;
    hx: TensorJson[];
    seed: number;
    forward_seed: number;
    train: boolean;
    grad_outs: TensorJson[];
  };
  return runModuleCase(
    torch,
    c,
    () => build(torch, c.module),
    (m, obs) => {
      const x = fromJson(torch, c.x, true);
      const hs = c.hx.map((h) => fromJson(torch, h, true));
      torch.manualSeed(c.forward_seed);
      const res = m.call(x, hs.length === 0 ? null : hs.length === 1 ? hs[0] : hs);
      const cell = c.module.kind.endsWith("Cell");
      const outs: Tensor[] = cell
        ? Array.isArray(res)
          ? (res as Tensor[])
          : [res as Tensor]
        : [(res as [Tensor, unknown])[0], ...[(res as [Tensor, Tensor | Tensor[]])[1]].flat()];
      obs.outs = outs.map((o) => observe(o));
      const loss = outs.map((o, i) => o.mul(fromJson(torch, c.grad_outs[i]!)).sum()).reduce((a, b) => a.add(b));
      return recordGrads(torch, obs, m, loss, [x, ...hs], null);
    },
  );
}

function reprs(torch: Torch): Observed {
  const nn = torch.nn;
  const made = {
    rnn: new nn.RNN(3, 4),
    rnn_all: new nn.RNN(3, 4, {
      numLayers: 2,
      nonlinearity: "relu",
      bias: false,
      batchFirst: true,
      dropout: 0.5,
      bidirectional: true,
    }),
    lstm_proj: new nn.LSTM(3, 5, { projSize: 2 }),
    gru: new nn.GRU(3, 4, { numLayers: 3 }),
    rnn_cell: new nn.RNNCell(3, 4, { nonlinearity: "relu" }),
    lstm_cell: new nn.LSTMCell(3, 4, { bias: false }),
    gru_cell: new nn.GRUCell(3, 4),
  };
  const out = Object.fromEntries(Object.entries(made).map(([k, m]) => [k, String(m)]));
  for (const m of Object.values(made)) m.dispose();
  return { reprs: out };
}

/** Runs `call` on a fresh module, freeing it after. */
function using<M extends { dispose(): void }>(m: M, call: (m: M) => unknown): unknown {
  try {
    return call(m);
  } finally {
    m.dispose();
  }
}

const errors: Record<string, (torch: Torch) => unknown> = {
  err_lstm_input_size: (torch) => using(new torch.nn.LSTM(3, 4), (m) => m.forward(torch.zeros(5, 2, 6))),
  err_lstm_hidden_shape: (torch) =>
    using(new torch.nn.LSTM(3, 4), (m) =>
      m.forward(torch.zeros(5, 2, 3), [torch.zeros(1, 3, 4), torch.zeros(1, 2, 4)]),
    ),
  err_lstm_cell_shape: (torch) =>
    using(new torch.nn.LSTM(3, 4), (m) =>
      m.forward(torch.zeros(5, 2, 3), [torch.zeros(1, 2, 4), torch.zeros(1, 2, 5)]),
    ),
  err_gru_hidden_dims: (torch) =>
    using(new torch.nn.GRU(3, 4), (m) => m.forward(torch.zeros(5, 2, 3), torch.zeros(2, 4))),
  err_gru_unbatched_hidden_dims: (torch) =>
    using(new torch.nn.GRU(3, 4), (m) => m.forward(torch.zeros(5, 3), torch.zeros(1, 1, 4))),
  err_proj_size: (torch) => new torch.nn.LSTM(3, 4, { projSize: 4 }),
  err_dropout: (torch) => new torch.nn.GRU(3, 4, { dropout: 1.5 }),
  err_nonlinearity: (torch) => new torch.nn.RNN(3, 4, { nonlinearity: "sigmoid" as "relu" }),
  err_cell_input_dims: (torch) => using(new torch.nn.GRUCell(3, 4), (m) => m.forward(torch.zeros(1, 2, 3))),
};

const tol = (g: Golden) =>
  (g.x as { dtype?: string } | undefined)?.dtype === "float64"
    ? { rtol: 1e-10, atol: 1e-12 }
    : { rtol: 1e-4, atol: 1e-5 };

function runPad(torch: Torch, g: Golden): Observed {
  const c = g as unknown as { seqs: TensorJson[]; opts: object; grad_out: TensorJson };
  const seqs = c.seqs.map((j) => fromJson(torch, j, true));
  const out = torch.nn.utils.rnn.padSequence(seqs, c.opts);
  const grads = torch.autograd.grad(out, seqs, fromJson(torch, c.grad_out));
  return { out: observe(out), grads: grads.map((t) => observe(t!)) };
}

export const rnn: Family = (golden) => [
  ...fromGolden(golden, runPad, { compare: ["out", "grads"], skip: (g) => g.kind !== "pad_sequence" }),
  ...fromGolden(golden, run, {
    compare: ["state", "repr", "outs", "names", "grad_inputs", "grads"],
    skip: (g) => g.module === undefined,
    tol,
  }),
  ...fromGolden(golden, (torch) => reprs(torch), { compare: ["reprs"], skip: (g) => g.name !== "reprs" }),
  ...errorPrograms(golden, errors),
];
