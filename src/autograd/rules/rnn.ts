// The fused recurrent steps of nn.LSTM and nn.GRU (src/nn/functional/rnnCell.ts):
// one node per step with PyTorch's fused-cell names. Without createGraph
// one kernel pass makes every input's grad; with it, the formulas are
// composed of ops.

import { register, type RnnOp } from "../registry.js";
import { gruCellGrad, gruCellGradFused, lstmCellGrad, lstmCellGradFused } from "../../nn/functional/rnnCell.js";
import { gruLayerGrad, lstmLayerGrad } from "../../nn/functional/rnnLayer.js";

export const rnnRules = register<RnnOp>({
  lstmCell: {
    name: "ThnnFusedLstmCellBackward0",
    save: { gates: 0, c: 1 },
    grads: lstmCellGrad,
    fused: lstmCellGradFused,
  },
  gruCell: {
    name: "ThnnFusedGruCellBackward0",
    save: { gi: 0, gh: 1, h: 2 },
    grads: gruCellGrad,
    fused: gruCellGradFused,
  },
  lstmLayer: {
    name: "ThnnFusedLstmCellBackward0",
    save: { gi: 0, h0: 1, c0: 2, w: 3, b: 4 },
    grads: lstmLayerGrad(false),
    fused: lstmLayerGrad(true),
  },
  gruLayer: {
    name: "ThnnFusedGruCellBackward0",
    save: { gi: 0, h0: 1, w: 2, b: 3 },
    grads: gruLayerGrad(false),
    fused: gruLayerGrad(true),
  },
});
