// safetensors (test/golden/gen_safetensors.py): files written from PyTorch
// load to the same tensors (bit for bit), key set and metadata, and saving
// what was loaded gives back the same bytes; a file torchlet cannot hold
// gives the same error everywhere. Malformed-input cases stay in
// test/safetensors.test.ts.

import { errorOf, observe } from "../values.js";
import type { SafetensorsCase } from "../goldenCases.js";
import type { Case, Family, Tensor, Torch, Value } from "../types.js";
import { fixture } from "./files.js";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const safetensors: Family = (golden) =>
  (golden.cases as unknown as SafetensorsCase[]).map((c): Case => {
    const bytes = () => fixture(golden, c.file);
    if (c.error) {
      return {
        family: golden.family,
        name: c.name,
        expected: { error: c.error },
        run: (torch: Torch) => ({ error: errorOf(() => torch.load(bytes())) }),
      };
    }
    const expected: Record<string, unknown> = { keys: [...c.order].sort(), tensors: c.tensors, metadata: c.metadata };
    if (c.writable) expected.resaved = true;
    return {
      family: golden.family,
      name: c.name,
      expected,
      tol: { rtol: 0, atol: 0 },
      run: (torch: Torch) => {
        const b = bytes();
        const loaded = torch.load(b) as Record<string, Tensor>;
        const out: Record<string, Value> = {
          // JS objects list integer-like keys first; the set of names is what must agree.
          keys: Object.keys(loaded).sort(),
          tensors: c.tensors!.map(([name]) => [name, loaded[name] ? observe(loaded[name]!) : null]),
          metadata: torch.loadMetadata(b) as Value,
        };
        if (c.writable) out.resaved = sameBytes(torch.save(loaded, { metadata: c.metadata }), b);
        return out;
      },
    };
  });
