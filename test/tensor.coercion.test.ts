// How a tensor behaves where JavaScript coerces it: printed form for strings,
// a TypeError for arithmetic (Python raises on `"a" + tensor`), and the nested
// list for JSON.
import { describe, expect, it } from "vitest";
import * as torch from "../src/index.js";

describe("tensor coercion", () => {
  it("String() and template literals give the printed form", () => {
    const t = torch.tensor([1.5, 2]);
    expect(String(t)).toBe("tensor([1.5000, 2.0000])");
    expect(`${t}`).toBe("tensor([1.5000, 2.0000])");
  });

  it("arithmetic coercion throws a TypeError that names the methods to use", () => {
    const t = torch.tensor([1, 2]);
    const coerce = [
      () => (t as unknown as number) + 2,
      () => "a" + (t as unknown as string),
      () => (t as unknown as number) * 1,
      () => +(t as unknown as number),
      () => (t as unknown as number) < 3,
    ];
    for (const f of coerce) expect(f).toThrow(/cannot be converted to a JavaScript primitive: use t\.add\(2\)/);
    expect(coerce[0]).toThrow(TypeError);
  });

  it("JSON.stringify writes the nested list", () => {
    expect(
      JSON.stringify(
        torch.tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe("[[1,2],[3,4]]");
    expect(JSON.stringify({ w: torch.tensor([true, false]) })).toBe('{"w":[true,false]}');
    expect(JSON.stringify(torch.tensor(0.5))).toBe("0.5");
  });
});
