// Creation ops (test/golden/gen_creation.py): arange and linspace bit for
// bit, torch.tensor's dtype inference, full, eye. The golden error cases and
// the *Like layouts are programs written only in test/creation.test.ts.

import { decode, observe } from "../values.js";
import type { Family, Num, Observed, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

const ops = new Set(["arange", "linspace", "tensor", "full", "eye"]);
const revive = (v: unknown): unknown => (Array.isArray(v) ? v.map(revive) : typeof v === "string" ? decode(v as Num) : v);

function run(torch: Torch, g: Golden): Observed {
  const args = g.args as number[];
  const dtype = (g.dtype ?? undefined) as "float32" | "float64" | "int32" | "bool" | undefined;
  switch (g.op) {
    case "arange":
      return { out: observe(dtype ? torch.arange(...(args as [number]), { dtype }) : torch.arange(...(args as [number]))) };
    case "linspace":
      return { out: observe(torch.linspace(args[0]!, args[1]!, args[2]!, { dtype: dtype! })) };
    case "tensor": {
      const kw = (g.kwargs ?? {}) as { dtype?: typeof dtype; requires_grad?: boolean };
      return { out: observe(torch.tensor(revive(g.data), { dtype: kw.dtype, requiresGrad: kw.requires_grad })) };
    }
    case "full": {
      const [size, value] = g.args as [number[], number | boolean];
      return { out: observe(torch.full(size, value)) };
    }
    case "eye":
      return {
        out: observe(
          dtype ? torch.eye(args[0]!, args[1] ?? args[0]!, { dtype }) : args.length === 1 ? torch.eye(args[0]!) : torch.eye(args[0]!, args[1]!),
        ),
      };
  }
  throw new Error(`unknown op ${String(g.op)}`);
}

export const creation: Family = (golden) =>
  fromGolden(golden, run, { compare: ["out"], skip: (g) => !ops.has(String(g.op)), tol: () => ({ rtol: 0, atol: 0 }) });
