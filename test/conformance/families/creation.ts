// Creation ops (test/golden/gen_creation.py): arange and linspace bit for
// bit, torch.tensor's dtype inference, full, eye. The golden error cases and
// the *Like layouts are programs written only in test/creation.test.ts,
// which runs the op cases with the same applyOp.

import { decode, observe } from "../values.js";
import type { CreationCase } from "../goldenCases.js";
import type { Family, Num, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

const ops = new Set(["arange", "linspace", "tensor", "full", "eye"]);

/** JSON data back to JS values ("nan" and "inf" strings to numbers). */
const revive = (v: unknown): unknown => (Array.isArray(v) ? v.map(revive) : typeof v === "string" ? decode(v as Num) : v);

/** The creation op a case names (arange, linspace, tensor, full or eye), as a user writes it. */
export function applyOp(torch: Torch, c: CreationCase): Tensor {
  const args = c.args as number[];
  const dtype = c.dtype ?? undefined;
  switch (c.op) {
    case "arange": return dtype ? torch.arange(...args, { dtype }) : torch.arange(...args);
    case "linspace": return torch.linspace(args[0]!, args[1]!, args[2]!, { dtype: dtype! });
    case "tensor": return torch.tensor(revive(c.data), { dtype: c.kwargs?.dtype, requiresGrad: c.kwargs?.requires_grad });
    case "full": {
      const [size, value] = c.args as [number[], number | boolean];
      return torch.full(size, value);
    }
    case "eye": return dtype ? torch.eye(args[0]!, args[1] ?? args[0]!, { dtype }) : args.length === 1 ? torch.eye(args[0]!) : torch.eye(args[0]!, args[1]!);
  }
  throw new Error(`unknown op ${String(c.op)}`);
}

const run = (torch: Torch, g: Golden): Observed => ({ out: observe(applyOp(torch, g as unknown as CreationCase)) });

export const creation: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out"], skip: (g) => !ops.has(String(g.op)), tol: () => ({ rtol: 0, atol: 0 }) });
