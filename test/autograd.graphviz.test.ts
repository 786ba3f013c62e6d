// torch.autograd.toDot / toSvg (src/autograd/graphviz.ts), torchviz's
// make_dot: the structure of the DOT text for the autograd tour's programs.
// The expected graphs are what real PyTorch 1.13 builds for the same Python
// (walked with next_functions and the _saved_* attributes, as torchviz
// does); the comment above each test shows that walk.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";

interface Box {
  label: string;
  fill: string | null;
}
interface Graph {
  boxes: Map<string, Box>;
  edges: [string, string, boolean][];
}

/** Reads back the subset of DOT that toDot writes: `id [label="..." fillcolor=c]` and `a -> b [dir=none]`. */
function parse(dot: string): Graph {
  const boxes = new Map<string, Box>();
  const edges: [string, string, boolean][] = [];
  const lines = dot.split("\n");
  expect(lines[0]).toBe("digraph {");
  expect(lines.at(-2)).toBe("}");
  for (const line of lines.slice(1, -2)) {
    let m = /^\t(n\d+) \[label="((?:[^"\\]|\\.)*)"(?: fillcolor=(\w+))?\]$/.exec(line);
    if (m) {
      expect(boxes.has(m[1]!), `${m[1]} declared twice`).toBe(false);
      boxes.set(m[1]!, {
        label: m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)),
        fill: m[3] ?? null,
      });
      continue;
    }
    m = /^\t(n\d+) -> (n\d+)( \[dir=none\])?$/.exec(line);
    if (m) edges.push([m[1]!, m[2]!, m[3] !== undefined]);
    else expect(line).toMatch(/^\t(graph|node) \[/);
  }
  for (const [a, b] of edges) expect(boxes.has(a) && boxes.has(b), `edge ${a} -> ${b}`).toBe(true);
  return { boxes, edges };
}

/** The graph as "from -> to" lines over labels (first line of each), sorted: comparable without ids. */
function shape(g: Graph): string[] {
  const name = (id: string) => `${g.boxes.get(id)!.label.split("\n")[0]}`;
  return g.edges.map(([a, b, u]) => `${name(a)} ${u ? "--" : "->"} ${name(b)}`).sort();
}

const fills = (g: Graph, fill: string) =>
  [...g.boxes.values()]
    .filter((b) => b.fill === fill)
    .map((b) => b.label)
    .sort();

describe("toDot", () => {
  // PyTorch: BinaryCrossEntropyWithLogitsBackward0 <- AddBackward0 <- SqueezeBackward3 <- MmBackward0
  //          <- AccumulateGrad (w, (5, 3)); AddBackward0 <- AccumulateGrad (b, (3,)); MmBackward0 saved self (1, 5)
  test("the tour's BCE loss: leaves named from params, AccumulateGrad, the output", () => {
    torch.manualSeed(0);
    const x = torch.ones(5),
      y = torch.zeros(3);
    const w = torch.randn(5, 3, { requiresGrad: true }),
      b = torch.randn(3, { requiresGrad: true });
    const z = torch.matmul(x, w).add(b);
    const loss = torch.nn.functional.binaryCrossEntropyWithLogits(z, y);
    const g = parse(torch.autograd.toDot(loss, { params: { w, b } }));
    expect(shape(g)).toEqual([
      "AccumulateGrad -> AddBackward0",
      "AccumulateGrad -> MmBackward0",
      "AddBackward0 -> BinaryCrossEntropyWithLogitsBackward0",
      "BinaryCrossEntropyWithLogitsBackward0 -> ()",
      "MmBackward0 -> SqueezeBackward3",
      "SqueezeBackward3 -> AddBackward0",
      "b -> AccumulateGrad",
      "w -> AccumulateGrad",
    ]);
    expect(fills(g, "lightblue")).toEqual(["b\n(3)", "w\n(5, 3)"]);
    expect(fills(g, "darkolivegreen1")).toEqual(["()"]);
    expect(fills(g, "orange")).toEqual([]);
    // Each leaf feeds its own AccumulateGrad.
    for (const leaf of ["w\n(5, 3)", "b\n(3)"]) {
      const id = [...g.boxes].find(([, v]) => v.label === leaf)![0];
      const acc = g.edges.filter(([a]) => a === id).map(([, to]) => g.boxes.get(to)!.label);
      expect(acc).toEqual(["AccumulateGrad"]);
    }
    // Named outputs are named; unnamed leaves show their shape only.
    const named = parse(
      torch.autograd.toDot([z, loss], {
        params: [
          ["loss", loss],
          ["z", z],
        ],
      }),
    );
    expect(fills(named, "darkolivegreen1")).toEqual(["loss\n()", "z\n(3)"]);
    expect(fills(named, "lightblue")).toEqual(["(3)", "(5, 3)"]);
    // z's node is drawn once, with an edge to z and one on to the loss.
    expect(shape(named).filter((e) => e.startsWith("AddBackward0"))).toEqual([
      "AddBackward0 -> BinaryCrossEntropyWithLogitsBackward0",
      "AddBackward0 -> z",
    ]);
  });

  // PyTorch: MeanBackward0 <- MulBackward0 (other: ()) <- MulBackward0 (self (2, 2), other (2, 2))
  //          <- AddBackward0 twice (the same node) <- AccumulateGrad (2, 2)
  test("a reused value: two edges from one node, the node drawn once", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    const y = x.add(2);
    const out = y.mul(y).mul(3).mean();
    const g = parse(torch.autograd.toDot(out, { params: { x }, showSaved: true }));
    expect(shape(g)).toEqual([
      "AccumulateGrad -> AddBackward0",
      "AddBackward0 -> MulBackward0",
      "AddBackward0 -> MulBackward0",
      "MeanBackward0 -> ()",
      "MulBackward0 -- other",
      "MulBackward0 -- self",
      "MulBackward0 -> MeanBackward0",
      "MulBackward0 -> MulBackward0",
      "x -> AccumulateGrad",
    ]);
    expect([...g.boxes.values()].filter((b) => b.label === "AddBackward0").length).toBe(1);
    expect(fills(g, "orange")).toEqual(["other\n(2, 2)", "self\n(2, 2)"]);
    // Saved tensors hang off their node by undirected edges.
    for (const [, to, undirected] of g.edges) expect(undirected).toBe(g.boxes.get(to)!.fill === "orange");
  });

  // PyTorch: TBackward0 <- PowBackward0 (exponent: 2, self: (4, 5)) <- AddBackward0 (alpha: 1) <- AccumulateGrad (4, 5)
  test("showAttrs and showSaved: torchviz's table of saved values and the saved tensors' shapes", () => {
    const inp = torch.eye(4, 5, { requiresGrad: true });
    const out = inp.add(1).pow(2).t();
    const g = parse(torch.autograd.toDot(out, { params: { inp }, showAttrs: true, showSaved: true }));
    const labels = [...g.boxes.values()].map((b) => b.label);
    expect(labels).toContain("AddBackward0\n------------\nalpha: 1");
    expect(labels).toContain(
      "PowBackward0\n------------------------\nself    : [saved tensor]\nexponent:              2",
    );
    expect(labels).toContain("TBackward0");
    expect(fills(g, "orange")).toEqual(["self\n(4, 5)"]);
    expect(fills(g, "lightblue")).toEqual(["inp\n(4, 5)"]);
    expect(fills(g, "darkolivegreen1")).toEqual(["(5, 4)"]);
    // maxAttrChars cuts long values as torchviz does.
    const cut = parse(torch.autograd.toDot(out, { showAttrs: true, maxAttrChars: 5 }));
    expect([...cut.boxes.values()].map((b) => b.label)).toContain(
      "PowBackward0\n---------------\nself    : [s...\nexponent:     2",
    );
  });

  // PyTorch: AddBackward0 <- PowBackward0 (self: ()) <- AccumulateGrad (); the no_grad input adds no edge.
  test("an input computed under noGrad has no edge", () => {
    const x = torch.tensor(1.0, { requiresGrad: true });
    const y1 = x.pow(2);
    const y2 = torch.noGrad(() => x.pow(3));
    const g = parse(torch.autograd.toDot(y1.add(y2), { params: { x } }));
    expect(shape(g)).toEqual([
      "AccumulateGrad -> PowBackward0",
      "AddBackward0 -> ()",
      "PowBackward0 -> AddBackward0",
      "x -> AccumulateGrad",
    ]);
    expect(fills(g, "lightblue")).toEqual(["x\n()"]);
  });

  test("a tensor without a graph is one green box; a leaf too", () => {
    const lone = parse(torch.autograd.toDot(torch.ones(2, 3)));
    expect([...lone.boxes.values()]).toEqual([{ label: "(2, 3)", fill: "darkolivegreen1" }]);
    const w = torch.zeros(3, { requiresGrad: true });
    expect([...parse(torch.autograd.toDot(w, { params: { w } })).boxes.values()]).toEqual([
      { label: "w\n(3)", fill: "darkolivegreen1" },
    ]);
  });

  test("after backward the saved tensors are freed, and drawn so", () => {
    const x = torch.ones(3, { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    const g = parse(torch.autograd.toDot(y, { showSaved: true }));
    expect(fills(g, "orange")).toEqual(["other\n(freed)", "self\n(freed)"]);
  });

  test("a model's namedParameters() names its leaves", () => {
    torch.manualSeed(0);
    const model = new torch.nn.Sequential(new torch.nn.Linear(4, 3), new torch.nn.ReLU(), new torch.nn.Linear(3, 1));
    const loss = model.forward(torch.ones(2, 4)).sum();
    const g = parse(torch.autograd.toDot(loss, { params: model.namedParameters() }));
    expect(fills(g, "lightblue")).toEqual(["0.bias\n(3)", "0.weight\n(3, 4)", "2.bias\n(1)", "2.weight\n(1, 3)"]);
    expect(shape(g).filter((e) => e.startsWith("AccumulateGrad")).length).toBe(4);
  });

  test("the text is the same run after run, and DOT-escaped", () => {
    const program = () => {
      const a = torch.ones(2, { requiresGrad: true });
      return [a, a.mul(2).add(a).sum()] as const;
    };
    const [leaf, one] = program(),
      [, two] = program();
    const dotOne = torch.autograd.toDot(one, { showSaved: true, showAttrs: true });
    expect(torch.autograd.toDot(two, { showSaved: true, showAttrs: true })).toBe(dotOne);
    const dot = torch.autograd.toDot(one, { params: { 'a "quoted"\\name': leaf } });
    expect(dot).toContain('[label="a \\"quoted\\"\\\\name\\n(2)" fillcolor=lightblue]');
    expect(fills(parse(dot), "lightblue")).toEqual(['a "quoted"\\name\n(2)']);
  });

  test("bad arguments", () => {
    expect(() => torch.autograd.toDot(3 as unknown as Tensor)).toThrow(TypeError);
    expect(() => torch.autograd.toDot(torch.ones(1), { params: { w: 1 as unknown as Tensor } })).toThrow(
      /params\["w"\]/,
    );
  });
});

describe("toSvg", () => {
  test("hands the DOT to the renderer it is given", () => {
    const x = torch.ones(2, { requiresGrad: true });
    const y = x.exp();
    const calls: [string, unknown][] = [];
    const svg = torch.autograd.toSvg(y, {
      viz: { renderString: (dot, o) => (calls.push([dot, o]), "<svg/>") },
      params: { x },
    });
    expect(svg).toBe("<svg/>");
    expect(calls).toEqual([[torch.autograd.toDot(y, { params: { x } }), { format: "svg" }]]);
    expect(() => torch.autograd.toSvg(y, {} as never)).toThrow(/@viz-js\/viz/);
  });

  test("with @viz-js/viz (Graphviz in wasm): every node is drawn", async () => {
    const viz = await (await import("@viz-js/viz")).instance();
    const w = torch.ones(3, 2, { requiresGrad: true });
    const out = torch.matmul(torch.ones(4, 3), w).relu().mean();
    const svg = torch.autograd.toSvg(out, { viz, params: { w }, showSaved: true });
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const name of [
      "MeanBackward0",
      "ReluBackward0",
      "MmBackward0",
      "AccumulateGrad",
      "w",
      "(3, 2)",
      "()",
      "result",
    ]) {
      expect(texts, name).toContain(name);
    }
    expect((svg.match(/class="node"/g) ?? []).length).toBe(
      parse(torch.autograd.toDot(out, { params: { w }, showSaved: true })).boxes.size,
    );
  });
});
