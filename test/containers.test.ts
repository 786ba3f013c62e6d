// Containers against PyTorch 1.13 (test/golden/gen_containers.py): the
// printed form, parameter/module names, state-dict keys and length of
// ModuleList, ModuleDict, ParameterList, ParameterDict and Sequential after
// the same edits; PyTorch's messages. Plus iteration, training-mode
// propagation, optimizers over the parameters and the JS-only API.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { checkCase } from "./conformance/check.js";
import { CONTAINER_KEYS, runContainer } from "./conformance/families/containers.js";

const golden = loadGolden<Record<string, unknown>>("containers");
const { nn } = torch;

describe("containers against PyTorch", () => {
  for (const c of golden.cases) {
    test(String(c.name), () => {
      const keys = c.error !== undefined ? ["error"] : CONTAINER_KEYS.filter((k) => k in c);
      const expected = Object.fromEntries(keys.map((k) => [k, c[k]]));
      expect(torch.tidy(() => checkCase(expected, runContainer(torch, c)))).toBeNull();
    });
  }
});

describe("Module hooks and paths", () => {
  test("a pre-hook returning one value replaces the single argument; handles remove", () => {
    const m = new nn.Tanh();
    const calls: string[] = [];
    const h1 = m.registerForwardPreHook(() => torch.zeros(2));
    const h2 = m.registerForwardHook(
      (_mod, args, out) => void calls.push(`${(args[0] as Tensor).shape}:${(out as Tensor).shape}`),
    );
    torch.tidy(() => {
      expect((m.call(torch.ones(3)) as Tensor).tolist()).toEqual([0, 0]);
    });
    h1.remove();
    h2.remove();
    torch.tidy(() => void m.call(torch.ones(3)));
    expect(calls).toEqual(["2:2"]);
    expect(() => m.registerForwardHook(5 as never)).toThrow("registerForwardHook(hook): hook must be a function");
  });

  test("getSubmodule('') is the module itself; getParameter needs a Parameter", () => {
    const s = new nn.Sequential(new nn.Linear(2, 2));
    expect(s.getSubmodule("")).toBe(s);
    expect(s.getParameter("0.bias")).toBe((s.get(0) as InstanceType<typeof nn.Linear>).bias);
    expect(() => s.getParameter("0.forward")).toThrow("`forward` is not an nn.Parameter");
    s.dispose();
  });
});

describe("container API", () => {
  test("ModuleList: for...of, get, negative indices, eval() reaches the entries", () => {
    const l = new nn.ModuleList([new nn.Linear(2, 2), new nn.Dropout()]);
    expect([...l].map((m) => m.constructor.name)).toEqual(["Linear", "Dropout"]);
    expect(l.get(-1)).toBe(l.get(1));
    l.eval();
    expect(l.get(1).training).toBe(false);
    expect(l.parameters().length).toBe(2);
    const opt = new torch.optim.SGD(l.parameters(), { lr: 0.1 });
    expect(opt.paramGroups[0]!.params.length).toBe(2);
    l.dispose();
  });

  test("ModuleDict: iteration over keys, has, items, replacing keeps the position", () => {
    const d = new nn.ModuleDict([
      ["x", new nn.ReLU()],
      ["y", new nn.Tanh()],
    ]);
    expect([...d]).toEqual(["x", "y"]);
    expect(d.has("x") && !d.has("z")).toBe(true);
    d.set("x", new nn.Sigmoid());
    expect(d.items().map(([k, m]) => `${k}:${String(m)}`)).toEqual(["x:Sigmoid()", "y:Tanh()"]);
    expect(() => d.get("z")).toThrow("'z'");
  });

  test("ParameterList makes tensors Parameters; its entries train", () => {
    const pl = new nn.ParameterList([torch.ones(2)]);
    const p = pl.get(0);
    expect(p instanceof nn.Parameter).toBe(true);
    expect(p.requiresGrad).toBe(true);
    expect([...pl]).toEqual([p]);
    expect(() => pl.call()).toThrow("ParameterList should not be called.");
    pl.dispose();
  });

  test("Sequential.get and slice share the modules", () => {
    const a = new nn.Linear(2, 2),
      b = new nn.ReLU();
    const s = new nn.Sequential(a, b);
    expect(s.get(0)).toBe(a);
    expect(s.slice(1).get(0)).toBe(b);
    expect(s.slice(5).length).toBe(0);
    s.dispose();
  });
});
