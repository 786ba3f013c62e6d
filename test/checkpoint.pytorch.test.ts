// PyTorch resumes a run torchlet saved: scripts/checkpoint-to-pytorch.py
// loads the checkpoint into nn.Sequential + torch.optim.Adam/SGD + StepLR and
// trains on, and its losses are torchlet's own next losses to within
// float32 rounding (the runs differ only in the order sums are taken).
// Skipped when /usr/bin/python3 with torch is not there to ask.

import { describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

const { nn, optim } = torch;
const here = dirname(fileURLToPath(import.meta.url));
const python = "/usr/bin/python3";
const hasTorch = existsSync(python) && spawnSync(python, ["-c", "import torch"]).status === 0;
const why = hasTorch ? "" : " (skipped: needs /usr/bin/python3 with torch)";

const cases = [
  {
    name: "Adam (amsgrad, weight decay) + StepLR",
    optimizer: "Adam",
    make: (p: Tensor[]) => new optim.Adam(p, { lr: 0.05, weightDecay: 0.01, amsgrad: true }),
  },
  {
    name: "SGD (Nesterov momentum) + StepLR",
    optimizer: "SGD",
    make: (p: Tensor[]) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true }),
  },
];

describe(`PyTorch resumes torchlet's checkpoint${why}`, () => {
  for (const k of cases) {
    test.skipIf(!hasTorch)(`${k.name}: PyTorch's next losses are torchlet's`, () => {
      torch.manualSeed(0);
      const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Tanh(), new nn.Linear(8, 3));
      const opt = k.make(model.parameters());
      const sched = new optim.lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
      torch.manualSeed(123);
      const x = torch.randn(16, 4)._own(),
        y = torch.randn(16, 3)._own();
      const step = (): number =>
        torch.tidy(() => {
          opt.zeroGrad();
          const loss = nn.functional.mseLoss(model.forward(x) as Tensor, y);
          loss.backward();
          opt.step();
          sched.step();
          return loss.item() as number;
        });
      for (let i = 0; i < 3; i++) step();
      const dir = mkdtempSync(join(tmpdir(), "torchlet-ckpt-"));
      try {
        writeFileSync(
          join(dir, "run.safetensors"),
          torch.saveCheckpoint({ model, optimizer: opt, scheduler: sched, epoch: 3 }),
        );
        writeFileSync(join(dir, "batch.safetensors"), torch.save({ input: x, target: y }));
        const lr = sched.getLastLr();
        const ours = [step(), step(), step(), step()];
        const r = spawnSync(
          python,
          [
            join(here, "..", "scripts", "checkpoint-to-pytorch.py"),
            join(dir, "run.safetensors"),
            ...["--model", "linear,tanh,linear", "--optimizer", k.optimizer, "--scheduler", "StepLR"],
            ...["--batch", join(dir, "batch.safetensors"), "--loss", "mse", "--steps", "4"],
          ],
          { encoding: "utf8" },
        );
        expect(r.status, r.stderr).toBe(0);
        const theirs = JSON.parse(r.stdout) as { epoch: number; lr: number[]; losses: number[] };
        expect(theirs.epoch).toBe(3);
        expect(theirs.lr).toEqual(lr);
        // The first loss depends on the weights alone; the later ones also on the
        // optimizer's state and the scheduled learning rates. Measured: at most
        // 1.5 float32 ulps apart (matmul's sums in another order).
        theirs.losses.forEach((l, i) => {
          expect(Math.abs(l - ours[i]!) / Math.abs(ours[i]!), `loss ${i}: ${l} vs ${ours[i]}`).toBeLessThan(
            8 * 2 ** -24,
          );
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
        opt.dispose();
        model.dispose();
        x.dispose();
        y.dispose();
      }
    });
  }
});
