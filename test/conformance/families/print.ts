// Printing (test/golden/gen_print.py): String(t) is PyTorch's repr byte for
// byte. Pure JavaScript number formatting, so the family where engines'
// differences in number-to-string would show. test/print.test.ts runs these
// cases under vitest.

import type { PrintCase } from "../goldenCases.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { decode } from "../values.js";
import { fromGolden, type Golden } from "./fromGolden.js";

/** The tensor a case prints: rebuilt from its values, as a leaf, a leaf that requires grad, or mul(1) of one. */
export function build(torch: Torch, c: PrintCase): Tensor {
  const leaf = torch.fromArray(c.values.map(decode), c.shape, { dtype: c.dtype, requiresGrad: c.how !== "leaf" });
  return c.how === "mul1" ? leaf.mul(1) : leaf;
}

/** The default print options, then the case's (sci_mode as sciMode). */
function setOptions(torch: Torch, o: PrintCase["options"]): void {
  torch.setPrintOptions({ profile: "default" });
  if (o === null) return;
  const { sci_mode, ...rest } = o;
  torch.setPrintOptions({ ...rest, ...(sci_mode === undefined ? {} : { sciMode: sci_mode }) });
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as PrintCase;
  try {
    setOptions(torch, c.options);
    return { repr: String(build(torch, c)) };
  } finally {
    torch.setPrintOptions({ profile: "default" });
  }
}

export const print: Family = (golden) => fromGolden(golden, run, { compare: ["repr"] });
