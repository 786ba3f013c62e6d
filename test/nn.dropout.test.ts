// nn.Dropout's constructor forms and inplace, against PyTorch 1.13's
// behaviour: Dropout(0.2, True) prints "Dropout(p=0.2, inplace=True)" and
// scales its input in place (the same tensor comes back, its grad_fn
// MulBackward0), drawing the same mask as the out-of-place form.
import { describe, expect, it } from "vitest";
import * as torch from "../src/index.js";

const nn = torch.nn;

describe("nn.Dropout", () => {
  it("takes p positionally or in the options, and inplace as PyTorch's positional bool or an option", () => {
    expect(String(new nn.Dropout())).toBe("Dropout(p=0.5, inplace=False)");
    expect(String(new nn.Dropout(0.1))).toBe("Dropout(p=0.1, inplace=False)");
    expect(String(new nn.Dropout({ p: 0.1 }))).toBe("Dropout(p=0.1, inplace=False)");
    expect(String(new nn.Dropout({ p: 0.2, inplace: true }))).toBe("Dropout(p=0.2, inplace=True)");
    expect(String(new nn.Dropout(0.2, { inplace: true }))).toBe("Dropout(p=0.2, inplace=True)");
    expect(String(new nn.Dropout(0.2, true))).toBe("Dropout(p=0.2, inplace=True)");
  });

  it("inplace scales the input itself with the mask the out-of-place form draws", () => {
    const x = torch.ones(4, 5, { requiresGrad: true });
    torch.manualSeed(0);
    const expected = new nn.Dropout(0.2).call(x.mul(1));
    const y = x.mul(1);
    const before = y._version;
    torch.manualSeed(0);
    const z = new nn.Dropout(0.2, true).call(y);
    expect(z).toBe(y);
    expect(y._version).toBe(before + 1);
    expect(y.gradFn?.name()).toBe("MulBackward0");
    expect(Array.from(y.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
      Array.from(expected.toArray() as ArrayLike<number | bigint>, Number),
    );
    y.sum().backward();
    expect(Array.from(x.grad!.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
      Array.from(expected.toArray() as ArrayLike<number | bigint>, Number),
    );
  });

  it("in eval mode inplace returns the input untouched", () => {
    const y = torch.ones(3);
    const d = new nn.Dropout(0.5, true);
    d.eval();
    expect(d.call(y)).toBe(y);
    expect(y._version).toBe(0);
  });
});
