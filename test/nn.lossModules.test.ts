// The loss modules against PyTorch 1.13 (test/golden/gen_loss_modules.py):
// printed form, stateDict keys and buffers, output and input grad for each
// option set. Plus the buffers' ownership and the options checks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { checkCase } from "./conformance/check.js";
import { sumTol } from "./conformance/families/fromGolden.js";
import { runLossModule, type LossModuleCase } from "./conformance/families/lossModules.js";

const golden = loadGolden<LossModuleCase>("loss_modules");
const { nn } = torch;

describe("loss modules against PyTorch", () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const keys = c.error !== undefined ? ["error"] : ["repr", "stateKeys", "state", "output", "grad"];
      const expected = Object.fromEntries(keys.map((k) => [k, (c as unknown as Record<string, unknown>)[k]]));
      const why = torch.tidy(() =>
        checkCase(expected, runLossModule(torch, c), c.error ? undefined : sumTol(c.input.dtype)),
      );
      expect(why).toBeNull();
    });
  }
});

describe("loss module API", () => {
  test("options are kept as camelCase attributes; weights are owned buffers", () => {
    const w = torch.tensor([1, 2, 3], { dtype: "float32" });
    const ce = new nn.CrossEntropyLoss({ weight: w, ignoreIndex: 2, labelSmoothing: 0.1, reduction: "sum" });
    expect([ce.reduction, ce.ignoreIndex, ce.labelSmoothing]).toEqual(["sum", 2, 0.1]);
    expect(ce.weight).toBe(w);
    expect(torch.tidy(() => ce.buffers())).toEqual([w]);
    const pw = torch.tensor([2, 2, 2], { dtype: "float32" });
    const bce = new nn.BCEWithLogitsLoss({ posWeight: pw });
    expect(bce.posWeight).toBe(pw);
    expect(Object.keys(torch.tidy(() => bce.stateDict({ keepVars: true })))).toEqual(["pos_weight"]);
    ce.dispose();
    bce.dispose();
  });

  test("bad options", () => {
    expect(() => new nn.MSELoss({ reduction: "avg" as never })).toThrow("avg is not a valid value for reduction");
    expect(() => new nn.HuberLoss({ detla: 1 } as never)).toThrow('unknown option "detla"');
    expect(() => new nn.SmoothL1Loss({ beta: "1" as never })).toThrow("argument 'beta' must be a number");
  });

  test("a loss inside a model prints as PyTorch's", () => {
    class Net extends nn.Module {
      fc = new nn.Linear(2, 2);
      loss = new nn.CrossEntropyLoss();
    }
    const n = new Net();
    expect(String(n)).toBe(
      "Net(\n  (fc): Linear(in_features=2, out_features=2, bias=True)\n  (loss): CrossEntropyLoss()\n)",
    );
    n.dispose();
  });
});
