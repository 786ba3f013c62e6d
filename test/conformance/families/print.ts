// Printing (test/golden/gen_print.py): String(t) is PyTorch's repr byte for
// byte. Pure JavaScript number formatting, so the family where engines'
// differences in number-to-string would show.

import type { Family, Num, Observed, Torch } from "../types.js";
import { decode } from "../values.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Options = { precision?: number; threshold?: number; edgeitems?: number; linewidth?: number; sci_mode?: boolean; profile?: "default" | "short" | "full" };

function run(torch: Torch, g: Golden): Observed {
  const values = (g.values as Num[]).map((v) => (typeof v === "boolean" ? Number(v) : decode(v)));
  const how = g.how as "leaf" | "requires_grad" | "mul1";
  const options = g.options as Options | null;
  torch.setPrintOptions({ profile: "default" });
  try {
    if (options !== null) {
      const { sci_mode, ...rest } = options;
      torch.setPrintOptions({ ...rest, ...(sci_mode === undefined ? {} : { sciMode: sci_mode }) });
    }
    const leaf = torch.fromArray(values, g.shape as number[], { dtype: g.dtype as never, requiresGrad: how !== "leaf" });
    return { repr: String(how === "mul1" ? leaf.mul(1) : leaf) };
  } finally {
    torch.setPrintOptions({ profile: "default" });
  }
}

export const print: Family = (golden) => fromGolden(golden, run, { compare: ["repr"] });
