// String(tensor) against PyTorch's repr, byte for byte (test/golden/print.json
// from gen_print.py): the print conformance family rebuilds each case from
// its values and compares; here also with no memory left behind.

import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { formatExp, formatFixed, formatTensor } from "../src/print.js";
import { loadGolden } from "./helpers/golden.js";
import { build } from "./conformance/families/print.js";
import { testFamily } from "./helpers/family.js";
import type { PrintCase } from "./conformance/goldenCases.js";

const golden = loadGolden<PrintCase>("print");

afterEach(() => torch.setPrintOptions({ profile: "default" }));

describe("String(t) is PyTorch's repr", () => testFamily("print"));

describe("console output", () => {
  test("util.inspect and console.log give the same string", () => {
    const c = golden.cases.find((x) => x.name === "api 2x2 4.5")!;
    const t = build(torch, c);
    expect(inspect(t)).toBe(c.repr);
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) =>
      void lines.push(a.map((x) => (typeof x === "string" ? x : inspect(x))).join(" "));
    try {
      console.log(t);
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([c.repr]);
    expect(`${t}`).toBe(c.repr);
  });
});

describe("Python's number formatting", () => {
  test("ties round half to even on the exact binary value", () => {
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect(formatFixed(0.09375, 4)).toBe("0.0938");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(3.5, 0)).toBe("4");
    expect(formatFixed(9.5, 0)).toBe("10");
    expect(formatFixed(-0.5, 0)).toBe("-0");
    expect(formatFixed(0.1, 20)).toBe("0.10000000000000000555");
    expect(formatFixed(1e22, 2)).toBe("10000000000000000000000.00");
    expect(formatExp(9.5, 0)).toBe("1e+01");
    expect(formatExp(8.5, 0)).toBe("8e+00");
    expect(formatExp(100005, 4)).toBe("1.0000e+05");
    expect(formatExp(100015, 4)).toBe("1.0002e+05");
    expect(formatExp(1e-300, 2)).toBe("1.00e-300");
    expect(formatExp(-0, 4)).toBe("-0.0000e+00");
  });

  test("a long grad_fn name wraps onto its own line", () => {
    const s = formatTensor({
      values: new Float32Array([0.6931]),
      shape: [],
      dtype: "float32",
      gradFn: "BinaryCrossEntropyWithLogitsBackward0".repeat(2),
      requiresGrad: true,
    });
    expect(s).toBe(
      "tensor(0.6931,\n       grad_fn=<BinaryCrossEntropyWithLogitsBackward0BinaryCrossEntropyWithLogitsBackward0>)",
    );
  });
});

describe("setPrintOptions", () => {
  test("checks its options", () => {
    expect(() => torch.setPrintOptions({ precison: 2 } as never)).toThrow(
      'setPrintOptions(): unknown option "precison"',
    );
    expect(() => torch.setPrintOptions({ precision: -1 })).toThrow(
      "setPrintOptions(): precision must be a non-negative integer",
    );
    expect(() => torch.setPrintOptions({ linewidth: 2.5 })).toThrow("linewidth must be a non-negative integer");
    expect(() => torch.setPrintOptions({ profile: "long" as never })).toThrow(
      'profile must be "default", "short" or "full"',
    );
    expect(() => torch.setPrintOptions({ sciMode: "yes" as never })).toThrow("sciMode must be a boolean or null");
    torch.setPrintOptions({ threshold: Infinity });
  });

  test("sciMode goes back to automatic unless given, like sci_mode", () => {
    const t = torch.tensor([1.5, 2.5]);
    torch.setPrintOptions({ sciMode: true });
    expect(String(t)).toBe("tensor([1.5000e+00, 2.5000e+00])");
    torch.setPrintOptions({ precision: 2 });
    expect(String(t)).toBe("tensor([1.50, 2.50])");
  });
});
