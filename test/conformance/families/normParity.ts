// Training parity with batch norm and dropout (test/golden/gen_norm_parity.py):
// BatchNorm2d over the input viewed as [B, 2, 2, 2], Linear, BatchNorm1d,
// ReLU, Dropout(0.2), Linear, loaded from PyTorch's initial weights (the
// .safetensors fixture), trained 50 steps with SGD (momentum) on PyTorch's
// batches after manualSeed(11): every step's loss, the final state dict
// (running stats, num_batches_tracked) and the eval-mode output on a
// held-out batch within 1e-4 relative of PyTorch's, in every runtime.

import { fromJson, observe } from "../values.js";
import type { Family, Tensor, TensorJson, Torch, Value } from "../types.js";
import { fixture } from "./files.js";
import { float32, trainingCases, trainLosses } from "./parity.js";

interface NormParityCase {
  name: string;
  seed?: number;
  losses?: number[];
  final?: [string, TensorJson][];
  held?: TensorJson;
  eval_out?: TensorJson;
  xs?: TensorJson[];
  targets?: number[][];
}

/** gen_norm_parity.py's Net, in torchlet. */
function makeNet(torch: Torch) {
  const nn = torch.nn;
  const F = nn.functional;
  class Net extends nn.Module {
    bn0 = new nn.BatchNorm2d(2);
    fc1 = new nn.Linear(8, 16);
    bn1 = new nn.BatchNorm1d(16);
    drop = new nn.Dropout(0.2);
    fc2 = new nn.Linear(16, 3);
    override forward(x: Tensor): Tensor {
      const h = this.bn0.call(x.view(-1, 2, 2, 2)).flatten(1);
      return this.fc2.call(this.drop.call(F.relu(this.bn1.call(this.fc1.call(h)))));
    }
  }
  return new Net();
}

export const normParity: Family = (golden) =>
  trainingCases<NormParityCase>(
    golden,
    (c) => c.losses !== undefined,
    (c, data) => ({
      expected: { losses: float32(c.losses!), final: c.final as unknown as Value, eval_out: c.eval_out! },
      tol: { rtol: 1e-4, atol: 1e-6 },
      run: (torch: Torch) => {
        const model = makeNet(torch);
        const opt = new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
        try {
          torch.tidy(() => model.loadStateDict(torch.load(fixture(golden, "init.safetensors"))));
          torch.manualSeed(c.seed!);
          const losses = trainLosses(torch, model, opt, data);
          opt.zeroGrad();
          model.eval();
          const evalOut = torch.tidy(() => observe(torch.noGrad(() => model.call(fromJson(torch, c.held!)))));
          const sd = model.stateDict();
          const final = c.final!.map(([name]) => [name, observe(sd[name]!)]);
          for (const t of Object.values(sd)) t.dispose();
          return { losses, final: final as Value, eval_out: evalOut };
        } finally {
          opt.dispose();
          model.dispose();
        }
      },
    }),
  );
