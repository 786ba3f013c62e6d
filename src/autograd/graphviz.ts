// A picture of the graph: torchviz's make_dot for torchlet. toDot walks an
// output's grad_fn graph (nextFunctions, as backward does) and writes
// Graphviz DOT with torchviz's conventions, so the picture reads the same:
//
//   lightblue box   a leaf (the tensor behind an AccumulateGrad), named from
//                   `params` when it is one of them, with its shape
//   grey box        a backward node (grad_fn): AddBackward0, AccumulateGrad...
//   orange box      a tensor the node saved for backward (showSaved), with
//                   the name the node saved it under and its shape
//   green box       the output(s) toDot was given, with shape
//
// Edges run the way the forward pass did (inputs at the top, the output at
// the bottom); a saved tensor hangs off its node by an undirected edge.
// Node ids are numbered in the order the walk meets them, so the text is the
// same for the same program, run after run.
//
// Layout is Graphviz's: toSvg hands the DOT to a renderer the caller brings
// (@viz-js/viz, Graphviz compiled to wasm), so torchlet keeps no runtime
// dependency and no layout code of its own.

import { Tensor } from "../tensor.js";
import { Node, SavedTensor } from "./node.js";
import { checkBooleanOption, checkNumberOption, checkOptionsObject, isPlainObject, kindOf } from "../args.js";

/** Options of {@link toDot}: torchviz's make_dot(var, params, show_attrs, show_saved, max_attr_chars). */
export interface DotOptions {
  /**
   * Names for tensors, shown with their shape: usually the leaves, e.g.
   * `model.namedParameters()` or `{ w, b }`. A named output is named too.
   */
  params?: Record<string, Tensor> | Iterable<readonly [string, Tensor]>;
  /** Show each node's saved non-tensor values (alpha, dim, ...) under its name. Default false. */
  showAttrs?: boolean;
  /** Draw the tensors each node saved for backward, with their names and shapes. Default false. */
  showSaved?: boolean;
  /** Attribute values longer than this are cut with "..." (default 50, at least 3). */
  maxAttrChars?: number;
}

/**
 * The part of a Graphviz renderer toSvg uses: `renderString(dot, { format })`.
 * `await (await import("@viz-js/viz")).instance()` is one.
 */
export interface GraphvizRenderer {
  /** Renders DOT text as SVG text (@viz-js/viz's instance has this method). */
  renderString(dot: string, options: { format: "svg" }): string;
}

// torchviz's node attributes, but Courier for its "monospace": Graphviz without
// font files (@viz-js/viz) sizes boxes for Courier as fixed width and for an
// unknown name as Times, which cuts long names off in a browser's monospace.
const NODE_ATTRS = "align=left fontname=Courier fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled";

/** A DOT string literal: quoted, with `\` and `"` escaped and newlines as DOT's `\n`. */
const quote = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** torchviz's size_to_str: "(2, 3)", "(3)", "()". */
const sizeText = (shape: readonly number[]): string => `(${shape.join(", ")})`;

/** A saved value as PyTorch prints it (Python's spelling of None, True, tuples). */
function pyText(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (Array.isArray(v)) return v.length === 1 ? `(${pyText(v[0])},)` : `(${v.map(pyText).join(", ")})`;
  if (typeof v === "object") return JSON.stringify(v) ?? String(v);
  return String(v);
}

/**
 * What a node saved for backward, by name (self, other, result, dim...).
 * Read from the node's own record of it; a node that keeps none gives [].
 */
function savedOf(node: Node): [string, unknown][] {
  const saved = (node as unknown as { saved?: unknown }).saved;
  if (saved === null || typeof saved !== "object") return [];
  return Object.entries(saved as Record<string, unknown>).filter(
    ([, v]) => v !== null && v !== undefined && typeof v !== "function",
  );
}

const isSavedList = (v: unknown): v is unknown[] => Array.isArray(v) && v.some((e) => e instanceof SavedTensor);

/** torchviz's get_fn_name: the class name, then (showAttrs) a two-column table of the saved values. */
function fnLabel(node: Node, showAttrs: boolean, maxAttrChars: number): string {
  const name = node.name();
  if (!showAttrs) return name;
  const attrs = savedOf(node).map(([k, v]): [string, string] => [
    k,
    v instanceof SavedTensor ? "[saved tensor]" : isSavedList(v) ? "[saved tensors]" : pyText(v),
  ]);
  if (attrs.length === 0) return name;
  const col1 = Math.max(...attrs.map(([k]) => k.length));
  const col2 = Math.min(Math.max(...attrs.map(([, v]) => v.length)), Math.max(maxAttrChars, 3));
  const cut = (s: string): string => (s.length > col2 ? `${s.slice(0, col2 - 3)}...` : s);
  const rows = attrs.map(([k, v]) => `${k.padEnd(col1)}: ${cut(v).padStart(col2)}`);
  return [name, "-".repeat(Math.max(col1 + col2 + 2, name.length)), ...rows].join("\n");
}

function namesOf(params: unknown, fn: string): Map<Tensor, string> {
  const names = new Map<Tensor, string>();
  if (params === undefined) return names;
  let entries: Iterable<unknown>;
  if (isPlainObject(params)) entries = Object.entries(params);
  else if (params !== null && typeof params === "object" && Symbol.iterator in params)
    entries = params as Iterable<unknown>;
  else
    throw new TypeError(
      `${fn}(): params must be an object of named tensors or [name, tensor] pairs, but got ${kindOf(params)}`,
    );
  for (const entry of entries) {
    const [name, t] = Array.isArray(entry) ? entry : [];
    if (typeof name !== "string")
      throw new TypeError(`${fn}(): params must hold [name, tensor] pairs, but got ${kindOf(entry)}`);
    if (!(t instanceof Tensor))
      throw new TypeError(`${fn}(): params["${name}"] must be a Tensor, but got ${kindOf(t)}`);
    if (!names.has(t)) names.set(t, name);
  }
  return names;
}

const DOT_KEYS = ["params", "showAttrs", "showSaved", "maxAttrChars"];

/**
 * The graph that computed `output` (one tensor or several), as Graphviz DOT
 * text: torchviz's `make_dot(var, params=dict(model.named_parameters()))`.
 * Leaves are light blue and named from `params`, backward nodes grey
 * (AccumulateGrad feeds each leaf's grad), saved tensors orange
 * (`showSaved`), outputs green; each tensor shows its shape. Render it with
 * Graphviz (`dot -Tsvg`), or with {@link toSvg}.
 *
 * ```ts
 * const loss = model.forward(x).sub(y).square().mean();
 * const dot = torch.autograd.toDot(loss, { params: model.namedParameters(), showSaved: true });
 * ```
 */
export function toDot(output: Tensor | readonly Tensor[], options: DotOptions = {}): string {
  return dotOf(output, options, "autograd.toDot");
}

/** toDot, with `fn` naming the public function in error messages. */
function dotOf(output: unknown, options: unknown, fn: string): string {
  const outputs =
    output instanceof Tensor ? [output] : Array.isArray(output) ? [...(output as readonly Tensor[])] : null;
  if (outputs === null || !outputs.every((t) => t instanceof Tensor)) {
    throw new TypeError(`${fn}(): output must be a Tensor or an array of Tensors, but got ${kindOf(output)}`);
  }
  const opts = checkOptionsObject<DotOptions>(options, fn, DOT_KEYS);
  const names = namesOf(opts.params, fn);
  const showAttrs = checkBooleanOption(opts.showAttrs, fn, "showAttrs") ?? false;
  const showSaved = checkBooleanOption(opts.showSaved, fn, "showSaved") ?? false;
  const maxAttrChars = checkNumberOption(opts.maxAttrChars, fn, "maxAttrChars") ?? 50;
  if (!Number.isInteger(maxAttrChars))
    throw new RangeError(`${fn}(): maxAttrChars must be an integer, but got ${maxAttrChars}`);

  const lines: string[] = [];
  const ids = new Map<Node | Tensor | SavedTensor, string>();
  let next = 0;
  const idOf = (x: Node | Tensor | SavedTensor): string => {
    let id = ids.get(x);
    if (id === undefined) ids.set(x, (id = `n${next++}`));
    return id;
  };
  const tensorLabel = (t: Tensor, name = names.get(t)): string =>
    name ? `${name}\n${sizeText(t.shape)}` : sizeText(t.shape);
  const box = (id: string, label: string, fill?: string): void => {
    lines.push(`\t${id} [label=${quote(label)}${fill ? ` fillcolor=${fill}` : ""}]`);
  };
  const edge = (from: string, to: string, undirected = false): void => {
    lines.push(`\t${from} -> ${to}${undirected ? " [dir=none]" : ""}`);
  };

  const seen = new Set<Node | Tensor>();
  const savedBox = (node: Node, s: SavedTensor, name: string): void => {
    const id = idOf(s);
    edge(idOf(node), id, true);
    // A backward without retainGraph gives the saved tensors back; PyTorch would raise on reading them.
    box(id, s.handle === null ? `${name}\n(freed)` : tensorLabel(s.handle, name), "orange");
  };
  // torchviz's add_nodes, in its order: saved tensors, the leaf, the node, then its inputs depth first.
  const addNodes = (node: Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (showSaved) {
      for (const [name, v] of savedOf(node)) {
        if (v instanceof SavedTensor) savedBox(node, v, name);
        else if (isSavedList(v)) v.forEach((s, i) => s instanceof SavedTensor && savedBox(node, s, `${name}[${i}]`));
      }
    }
    const leaf = (node as { variable?: unknown }).variable;
    if (leaf instanceof Tensor) {
      seen.add(leaf);
      box(idOf(leaf), tensorLabel(leaf), "lightblue");
      edge(idOf(leaf), idOf(node));
    }
    box(idOf(node), fnLabel(node, showAttrs, maxAttrChars));
    for (const [input] of node.nextFunctions) {
      if (input === null) continue;
      edge(idOf(input), idOf(node));
      addNodes(input);
    }
  };
  for (const t of outputs) {
    if (seen.has(t)) continue;
    seen.add(t);
    box(idOf(t), tensorLabel(t), "darkolivegreen1");
    const gradFn = t.gradFn;
    if (gradFn !== null) {
      addNodes(gradFn);
      edge(idOf(gradFn), idOf(t));
    }
  }
  // torchviz's resize_graph: a size that grows with the graph, so a large one is not shrunk to fit 12 inches.
  const size = Math.max(12, lines.length * 0.15);
  return ["digraph {", `\tgraph [size="${size},${size}"]`, `\tnode [${NODE_ATTRS}]`, ...lines, "}", ""].join("\n");
}

/**
 * The graph of {@link toDot} drawn as SVG text by a Graphviz renderer the
 * caller brings (torchlet has no dependencies), e.g. @viz-js/viz:
 *
 * ```ts
 * const viz = await (await import("@viz-js/viz")).instance();
 * element.innerHTML = torch.autograd.toSvg(loss, { viz, params: { w, b } });
 * ```
 */
export function toSvg(output: Tensor | readonly Tensor[], options: DotOptions & { viz: GraphvizRenderer }): string {
  const { viz, ...rest } = checkOptionsObject<DotOptions & { viz: GraphvizRenderer }>(options, "autograd.toSvg", [
    ...DOT_KEYS,
    "viz",
  ]);
  if (typeof (viz as { renderString?: unknown } | null | undefined)?.renderString !== "function") {
    // Worded without the import expression itself: dist/index.js is checked to contain none.
    throw new TypeError(
      "autograd.toSvg(): options.viz must be a Graphviz renderer, such as the instance() of @viz-js/viz",
    );
  }
  const svg = viz!.renderString(dotOf(output, rest, "autograd.toSvg"), { format: "svg" });
  if (typeof svg !== "string")
    throw new TypeError(`autograd.toSvg(): options.viz.renderString returned ${kindOf(svg)}, not SVG text`);
  return svg;
}
