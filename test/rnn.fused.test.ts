// nn.LSTM and nn.GRU run each layer and direction as one node whose steps
// run the gates in one fused kernel (src/nn/functional/rnnLayer.ts,
// rnnCell.ts); the cells compose the same step of ops. Here the layer and a
// loop of its cell with the same weights must give the same outputs (bit for
// bit in float64, where the kernel rounds as the ops do; float32's gates run
// within a few ulp of them) and the same grads; plus gradchecks
// of the layer node, one and both directions (fused backward first order,
// the composed formulas under double backward). PyTorch's numbers for the layers
// are the rnn golden family's (test/rnn.golden.test.ts).

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { f64, gradcheckSuites } from "./helpers/gradcheck.js";

const { nn } = torch;
type Dtype = "float32" | "float64";
type Slots = Record<string, Tensor>;

/** The layer's layer-0 weights copied into the cell. */
function copyWeights(layer: object, cell: object): void {
  const l = layer as Slots,
    c = cell as Slots;
  torch.noGrad(() => {
    for (const n of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]) c[n]!.copy_(l[`${n}_l0`]!);
  });
}

/** The layer's outputs and the same steps run through the cell; then their grads of one loss. */
function compare(kind: "LSTM" | "GRU", dtype: Dtype, nonContiguousH: boolean) {
  return torch.tidy(() => {
    torch.manualSeed(3);
    const layer = new nn[kind](5, 6, { dtype });
    const cell = kind === "LSTM" ? new nn.LSTMCell(5, 6, { dtype }) : new nn.GRUCell(5, 6, { dtype });
    try {
      copyWeights(layer, cell);
      const x = torch.randn([4, 3, 5], { dtype, requiresGrad: true });
      // h0 [1, 3, 6] as a transposed view (strides [.., 1, 3]) or a plain tensor
      const h0 = nonContiguousH
        ? torch.randn([6, 3], { dtype }).t().unsqueeze(0).requiresGrad_()
        : torch.randn([1, 3, 6], { dtype, requiresGrad: true });
      const c0 = torch.randn([1, 3, 6], { dtype, requiresGrad: true });
      const params = [...layer.parameters(), ...cell.parameters()];
      const lossOf = (outs: Tensor[]) =>
        outs.map((o, i) => o.mul(torch.linspace(-1, 1 + i, o.numel(), { dtype }).reshape(o.shape)).sum());
      // the layer
      let outs: Tensor[];
      if (kind === "LSTM") {
        const [out, [hn, cn]] = (layer as InstanceType<typeof nn.LSTM>).call(x, [h0, c0]);
        outs = [out, hn, cn];
      } else {
        const [out, hn] = (layer as InstanceType<typeof nn.GRU>).call(x, h0);
        outs = [out, hn];
      }
      const node = outs[0]!.gradFn!.nextFunctions[0]![0]!.name();
      // the cell, step by step
      let h = h0.select(0, 0),
        c = c0.select(0, 0);
      const steps: Tensor[] = [];
      for (let s = 0; s < 4; s++) {
        if (kind === "LSTM") [h, c] = (cell as InstanceType<typeof nn.LSTMCell>).call(x.select(0, s), [h, c]);
        else h = (cell as InstanceType<typeof nn.GRUCell>).call(x.select(0, s), h);
        steps.push(h);
      }
      const ref = [torch.stack(steps), h.unsqueeze(0), ...(kind === "LSTM" ? [c.unsqueeze(0)] : [])];
      const wrt = kind === "LSTM" ? [x, h0, c0] : [x, h0];
      const nl = layer.parameters().length;
      const gl = torch.autograd.grad(
        lossOf(outs).reduce((a, b) => a.add(b)),
        [...wrt, ...params.slice(0, nl)],
      );
      const gc = torch.autograd.grad(
        lossOf(ref).reduce((a, b) => a.add(b)),
        [...wrt, ...params.slice(nl)],
        null,
        {
          allowUnused: true,
        },
      );
      const arr = (t: Tensor | null) => Array.from(t!.toArray() as Float32Array | Float64Array);
      return { node, outs: outs.map(arr), ref: ref.map(arr), gl: gl.map(arr), gc: gc.map(arr) };
    } finally {
      layer.dispose();
      cell.dispose();
    }
  });
}

/** Every value of `got` within tol * max(1, |want|) of `want`'s. */
function expectNear(got: number[][], want: number[][], tol: number): void {
  got.forEach((g, i) =>
    g.forEach((v, j) => {
      const w = want[i]![j]!;
      expect(Math.abs(v - w)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w)));
    }),
  );
}

describe("fused LSTM and GRU steps equal the composed cells", () => {
  for (const kind of ["LSTM", "GRU"] as const) {
    for (const dtype of ["float32", "float64"] as const) {
      for (const nonContiguousH of [false, true]) {
        test(`${kind} ${dtype}${nonContiguousH ? ", non-contiguous h0" : ""}`, () => {
          const before = torch.memory().tensors;
          const r = compare(kind, dtype, nonContiguousH);
          expect(r.node).toBe(kind === "LSTM" ? "ThnnFusedLstmCellBackward0" : "ThnnFusedGruCellBackward0");
          // float32 gates run in float32 arithmetic, within a few ulp of the
          // cell's ops (assembly/kernels/rnnCell.ts); float64's are the ops
          if (dtype === "float64") expect(r.outs).toEqual(r.ref);
          else expectNear(r.outs, r.ref, 2e-6);
          // the backward sums the same terms in another order
          expectNear(r.gl, r.gc, dtype === "float32" ? 2e-6 : 1e-13);
          expect(torch.memory().tensors).toBe(before);
        });
      }
    }
  }

  test("an empty batch", () => {
    torch.tidy(() => {
      const lstm = new nn.LSTM(3, 4);
      const x = torch.randn([2, 0, 3], { requiresGrad: true });
      const [out, [h, c]] = lstm.call(x);
      expect([out.shape, h.shape, c.shape]).toEqual([
        [2, 0, 4],
        [1, 0, 4],
        [1, 0, 4],
      ]);
      out.sum().add(c.sum()).backward();
      expect(x.grad!.shape).toEqual([2, 0, 3]);
      lstm.dispose();
    });
  });
});

/** A layer over gradcheck's inputs as its layer-0 weights (no bias), the drawn ones freed. */
function layerOn(kind: "LSTM" | "GRU", wi: Tensor, wh: Tensor) {
  const layer = new nn[kind](3, 2, { dtype: "float64", bias: false });
  const slots = layer as unknown as Slots;
  slots.weight_ih_l0!.dispose();
  slots.weight_hh_l0!.dispose();
  slots.weight_ih_l0 = wi;
  slots.weight_hh_l0 = wh;
  return layer;
}
const p64 = (shape: number[], seed: number) => f64(shape, seed, -0.8, 0.8);
gradcheckSuites(
  [
    [
      "LSTM layer, 3 steps",
      () => [p64([3, 2, 3], 1), p64([1, 2, 2], 2), p64([1, 2, 2], 3), p64([8, 3], 4), p64([8, 2], 5)],
      (x, h, c, wi, wh) => {
        const layer = layerOn("LSTM", wi!, wh!);
        try {
          const [out, [, cn]] = (layer as InstanceType<typeof nn.LSTM>).call(x!, [h!, c!]);
          return out.sum(0).add(cn.squeeze(0));
        } finally {
          layer.dispose();
        }
      },
    ],
    [
      "GRU layer, 3 steps",
      () => [p64([3, 2, 3], 6), p64([1, 2, 2], 7), p64([6, 3], 8), p64([6, 2], 9)],
      (x, h, wi, wh) => {
        const layer = layerOn("GRU", wi!, wh!);
        try {
          return (layer as InstanceType<typeof nn.GRU>).call(x!, h!)[0];
        } finally {
          layer.dispose();
        }
      },
    ],
  ],
  { first: "fused recurrent gradcheck (float64)", second: "fused recurrent gradgradcheck (float64)" },
);

/** A layer (float64) whose parameters are gradcheck's inputs, by PyTorch name; the drawn ones freed. */
function layerWith(kind: "LSTM" | "GRU", opts: object, weights: Record<string, Tensor>) {
  const layer = new nn[kind](2, 2, { dtype: "float64", ...opts });
  const slots = layer as unknown as Slots;
  for (const [name, w] of Object.entries(weights)) {
    slots[name]!.dispose();
    slots[name] = w;
  }
  return layer;
}
/** Both directions' weights and biases of a bidirectional layer of `gates` x 2 over 2 inputs. */
const bidiWeights = (gates: number, seed: number) => [
  p64([gates, 2], seed),
  p64([gates, 2], seed + 1),
  p64([gates], seed + 2),
  p64([gates], seed + 3),
  p64([gates, 2], seed + 4),
  p64([gates, 2], seed + 5),
  p64([gates], seed + 6),
  p64([gates], seed + 7),
];
const bidiNames = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];
const named = (ws: (Tensor | undefined)[]): Record<string, Tensor> =>
  Object.fromEntries(
    [...bidiNames, ...bidiNames.map((n) => `${n}_reverse`)].map((n, i) => [n, ws[i]!] as [string, Tensor]),
  );
gradcheckSuites(
  [
    [
      "bidirectional LSTM with biases, grads through h_n and c_n only",
      () => [p64([3, 2, 2], 20), p64([2, 2, 2], 21), p64([2, 2, 2], 22), ...bidiWeights(8, 23)],
      (x, h, c, ...ws) => {
        const layer = layerWith("LSTM", { bidirectional: true }, named(ws));
        try {
          const [, [hn, cn]] = (layer as InstanceType<typeof nn.LSTM>).call(x!, [h!, c!]);
          return hn.add(cn.mul(2));
        } finally {
          layer.dispose();
        }
      },
    ],
    [
      "bidirectional GRU with biases, batch first",
      () => [p64([2, 3, 2], 40), p64([2, 2, 2], 41), ...bidiWeights(6, 42)],
      (x, h, ...ws) => {
        const layer = layerWith("GRU", { bidirectional: true, batchFirst: true }, named(ws));
        try {
          const [out, hn] = (layer as InstanceType<typeof nn.GRU>).call(x!, h!);
          return out.sum(1).add(hn.transpose(0, 1).reshape([2, 4]));
        } finally {
          layer.dispose();
        }
      },
    ],
  ],
  {
    first: "recurrent layer nodes, both directions: gradcheck (float64)",
    second: "recurrent layer nodes, both directions: gradgradcheck (float64)",
  },
);
