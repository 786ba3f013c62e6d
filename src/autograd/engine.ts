// The backward engine. Read this first, then derivatives.ts.
//
// 1. Find every node reachable from the outputs and count, for each, how many
//    edges point at it (its dependencies).
// 2. Seed the outputs' grads and run nodes in topological order: a node runs
//    once all nodes that feed it have run, so a shared subgraph is walked
//    once, with its incoming grads summed. Among ready nodes the most recently
//    created runs first, as in PyTorch.
// 3. Running a node: its tensor hooks see (and may replace) each incoming
//    grad; retainGrad() tensors keep a copy; then its rule turns output grads
//    into input grads: the fused backward when there is one and no graph of
//    the backward is built, else the formulas, in a scope that frees what
//    they made and did not return (FunctionNode._apply in function.ts). Each
//    input grad is summed down to its input's shape here, the one place
//    broadcasting is undone, and cast to its dtype.
// 4. AccumulateGrad nodes add into the leaves' .grad (autograd.grad captures
//    instead), if the leaf still requires grad. Without retainGraph, a node
//    frees its saved tensors once run.
//
// Every grad tensor in flight is owned by the engine (gradStore.ts) and
// disposed once consumed; the same tensor handed out twice is first aliased,
// so each owner disposes its own handle.
//
// A pass runs in named phases (class Pass): seed the roots, resolve the
// targets, count dependencies, run the ready nodes one by one, and, for a
// pass run from inside another, restore the outer pass's bookkeeping.

import { Tensor } from "../tensor.js";
import { sameShape, showShape } from "../shape.js";
import type { InputMeta, Node } from "./node.js";
import { AccumulateGrad, aliasOf as alias, edgeOf } from "./function.js";
import { GradStore } from "./gradStore.js";
import { isGradEnabled, setGradEnabled } from "./gradMode.js";
import { disown } from "../memory.js";
import { pyType } from "../args.js";
import { legacyTypeName } from "../dtype.js";
import { sumToShape, accumulateInto, castGrad, onesFor } from "./gradOps.js";

export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: capture the grads of these tensors instead of accumulating. */
  capture: readonly Tensor[] | null;
  /** backward({ inputs }): accumulate only into these tensors. */
  only: readonly Tensor[] | null;
  allowUnused: boolean;
}

/** Backward passes so far (each stamps the nodes it reaches), and how many are running now. */
let passes = 0;
let running = 0;
/**
 * Backward passes run from hooks, one inside another, before the engine
 * refuses: far more than any real use nests, and well below the depth at
 * which the JS stack overflows (PyTorch's engine switches threads at 60).
 */
const MAX_NESTED_PASSES = 64;

/** Runs a backward pass. Returns the captured grads (autograd.grad), else an empty array. */
export function runBackward(
  outputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null)[],
  opts: EngineOptions,
): (Tensor | null)[] {
  if (running >= MAX_NESTED_PASSES) {
    throw new Error(
      `backward() nested ${running} deep: a hook that calls backward() or autograd.grad() on the graph it ` +
        "belongs to runs itself again without end; compute what the hook needs outside the backward pass",
    );
  }
  const pass = new Pass(opts, running > 0);
  running++;
  try {
    const roots = pass.seedRoots(outputs, gradOutputs);
    pass.resolveTargets();
    pass.countDependencies(roots);
    pass.run(roots);
    return pass.finish();
  } finally {
    pass.end();
    running--;
  }
}

interface Root {
  node: Node;
  nr: number;
  grad: Tensor;
}

/** An outer pass's bookkeeping on a node, put back when a nested pass ends. */
interface Outer {
  node: Node;
  pass: number;
  deps: number;
  buf: (Tensor | null)[] | null;
}

/** One backward pass. Its bookkeeping lives on the nodes, stamped with the pass's number. */
class Pass {
  readonly grads = new GradStore();
  /** The nodes this pass reached (their _buf is cleared at the end). */
  private readonly reached: Node[] = [];
  /** For a pass run from inside another (a hook calling autograd.grad): the outer pass's bookkeeping. */
  private readonly outer: Outer[] | null;
  /** Targets of capture/only: for each node, output number -> index in the target list. */
  private readonly targets = new Map<Node, Map<number, number>>();
  /** With targets, the nodes that lead to one; without, every node is needed and this stays empty. */
  private readonly needed = new Set<Node>();
  private readonly allNeeded: boolean;
  /** autograd.grad's results, handed over only when the pass completes. */
  private captured: (Tensor | null)[] = [];
  private completed = false;
  readonly number = ++passes;

  constructor(
    private readonly opts: EngineOptions,
    nested: boolean,
  ) {
    this.outer = nested ? [] : null;
    this.allNeeded = (opts.capture ?? opts.only) === null;
  }

  /** Phase 1: each output's node and its starting grad (given, or 1 for a scalar). */
  seedRoots(outputs: readonly Tensor[], gradOutputs: readonly (Tensor | null)[]): Root[] {
    return outputs.map((out, i) => {
      out._check();
      // Checks the edge, not the flag: a view made under noGrad requires grad (through its base) but has none.
      const [node, nr] = edgeOf(out);
      if (node === null) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
      const g = gradOutputs[i] ?? null;
      if (g === null) {
        if (out.numel() !== 1) throw new Error("grad can be implicitly created only for scalar outputs");
        return { node, nr, grad: this.grads.take(onesFor(out)) };
      }
      g._check();
      if (!sameShape(g.shape, out.shape)) {
        throw new RangeError(
          `Mismatch in shape: grad_output[${i}] has a shape of torch.Size(${showShape(g.shape)}) and output[${i}] ` +
            `has a shape of torch.Size(${showShape(out.shape)}).`,
        );
      }
      return { node, nr, grad: this.grads.takeAlias(g) }; // the caller keeps its tensor
    });
  }

  /**
   * Phase 2: the (node, output number) of each capture/only target. A target
   * without an edge (a view made under noGrad) is never reached: it gets no
   * grad (autograd.grad calls it unused).
   */
  resolveTargets(): void {
    const { capture, only } = this.opts;
    (capture ?? only)?.forEach((t, i) => {
      t._check();
      if (!t.requiresGrad) {
        // PyTorch's words: backward's inputs are retained with retain_grad, which is what refuses.
        throw new Error(
          capture
            ? "One of the differentiated Tensors does not require grad"
            : "can't retain_grad on Tensor that has requires_grad=False",
        );
      }
      const [node, nr] = edgeOf(t);
      if (node === null) return;
      const m = this.targets.get(node) ?? new Map<number, number>();
      m.set(nr, i);
      this.targets.set(node, m);
    });
  }

  /** Stamps a node as reached by this pass (saving an outer pass's bookkeeping); false if it was already. */
  private reach(n: Node): boolean {
    if (n._pass === this.number) return false;
    this.outer?.push({ node: n, pass: n._pass, deps: n._deps, buf: n._buf });
    n._pass = this.number;
    n._deps = 0;
    n._buf = null;
    this.reached.push(n);
    return true;
  }

  /**
   * Phase 3: a depth-first walk from the roots counting, for each node, the
   * edges that point at it; with targets, which nodes lead to one (post-order,
   * children first).
   */
  countDependencies(roots: readonly Root[]): void {
    const stackNodes: Node[] = [];
    const stackNext: number[] = [];
    for (const r of roots) {
      if (this.reach(r.node)) {
        stackNodes.push(r.node);
        stackNext.push(0);
      }
    }
    const order: Node[] = [];
    while (stackNodes.length > 0) {
      const top = stackNodes.length - 1;
      const node = stackNodes[top]!;
      const i = stackNext[top]!;
      if (i < node._next.length) {
        stackNext[top] = i + 1;
        const child = node._next[i]![0];
        if (child === null) continue;
        const fresh = this.reach(child);
        child._deps++;
        if (fresh) {
          stackNodes.push(child);
          stackNext.push(0);
        }
      } else {
        stackNodes.pop();
        stackNext.pop();
        if (!this.allNeeded) order.push(node);
      }
    }
    for (const node of order) {
      if (this.targets.has(node) || node._next.some(([c]) => c !== null && this.needed.has(c))) this.needed.add(node);
    }
  }

  private isNeeded(n: Node): boolean {
    return this.allNeeded || this.needed.has(n);
  }

  /** Adds `g` (held) to the grads `node` has received for output `nr`. */
  private addToBuffer(node: Node, nr: number, g: Tensor): void {
    let buf = node._buf;
    if (buf === null) {
      buf = new Array<Tensor | null>(node._numOutputs).fill(null);
      node._buf = buf;
    }
    const prev = buf[nr] ?? null;
    if (prev === null) buf[nr] = g;
    else {
      buf[nr] = this.grads.take(prev.add(g));
      this.grads.drop(prev);
      this.grads.drop(g);
    }
  }

  /** Phase 4: runs the nodes in topological order, the most recently created ready node first. */
  run(roots: readonly Root[]): void {
    for (const r of roots) this.addToBuffer(r.node, r.nr, r.grad);
    if (this.opts.capture) this.captured = new Array<Tensor | null>(this.opts.capture.length).fill(null);
    const ready: Node[] = roots.map((r) => r.node).filter((n, i, a) => a.indexOf(n) === i && n._deps === 0);
    const prevMode = isGradEnabled();
    setGradEnabled(this.opts.createGraph);
    try {
      while (ready.length > 0) this.runNode(popLatest(ready), ready);
    } finally {
      setGradEnabled(prevMode);
    }
  }

  /** Runs one node: hooks, captured grads, then accumulation (a leaf) or the node's rule. */
  private runNode(node: Node, ready: Node[]): void {
    const grads = node._buf ?? new Array<Tensor | null>(node._numOutputs).fill(null);
    node._buf = null;
    // As PyTorch 1.13's AccumulateGrad, nothing for a leaf that stopped requiring grad after an op recorded
    // the edge (requiresGrad_(false)): its hooks do not run and its .grad stays as it was.
    const inert = node instanceof AccumulateGrad && !node.variable.requiresGrad;
    if (!inert) runHooks(node, grads, this.grads);
    const hit = this.targets.get(node);
    if (hit !== undefined && this.opts.capture) this.capture(node, hit, grads);
    if (node instanceof AccumulateGrad) {
      const { capture, only, createGraph } = this.opts;
      const g = grads[0] ?? null;
      if (!inert && capture === null && (only === null || hit !== undefined) && g !== null) {
        accumulateInto(node.variable, this.grads.hand(g), createGraph);
      }
    } else if (this.isNeeded(node)) {
      this.apply(node, grads, ready);
    } else {
      for (const [child] of node._next) if (child !== null && --child._deps === 0) ready.push(child);
    }
    for (const g of grads) this.grads.drop(g);
  }

  /** autograd.grad's grads for a target node's outputs. */
  private capture(node: Node, hit: Map<number, number>, grads: (Tensor | null)[]): void {
    // A captured non-leaf may also lie on the path to another input: then its grad flows on too.
    const onward = node._next.some(([c]) => c !== null && this.isNeeded(c));
    for (const [nr, idx] of hit) {
      const g = grads[nr] ?? null;
      if (g === null) continue;
      if (onward) {
        this.captured[idx] = alias(g);
        continue;
      }
      this.captured[idx] = this.grads.hand(g);
      grads[nr] = null;
    }
  }

  /**
   * Runs a node's rule and passes each input grad on, summed down to its
   * input's shape (the one place broadcasting is undone) and cast to its
   * dtype. Without retainGraph the node then frees what it saved.
   */
  private apply(node: Node, grads: (Tensor | null)[], ready: Node[]): void {
    const outs = hasGrad(grads) ? node._apply(grads, this.opts.createGraph) : [];
    const next = node._next;
    let i = 0;
    try {
      for (; i < next.length; i++) {
        const [child, nr] = next[i]!;
        if (child === null) continue;
        const g = outs[i] ?? null;
        if (g !== null && this.isNeeded(child))
          this.addToBuffer(child, nr, this.shaped(this.grads.take(g), node._inputs[i] ?? null));
        else if (g !== null && !this.grads.holds(g) && !g._owned) g.dispose(); // a grad nobody downstream needs
        if (--child._deps === 0) ready.push(child);
      }
    } catch (e) {
      // Summing or casting grad i failed (out of memory): the rule's later grads are nobody's yet.
      this.disposeUnowned(outs, i + 1);
      throw e;
    }
    if (!this.opts.retainGraph) {
      node._freeSaved();
      node._freed = true;
    }
  }

  /** A held grad summed down to its input's shape and cast to its dtype (each step held in turn). */
  private shaped(g: Tensor, meta: InputMeta | null): Tensor {
    if (meta === null) return g;
    const summed = sumToShape(g, meta.shape);
    if (summed !== g) {
      this.grads.drop(g);
      g = this.grads.take(summed);
    }
    const cast = castGrad(g, meta.dtype);
    if (cast !== g) {
      this.grads.drop(g);
      g = this.grads.take(cast);
    }
    return g;
  }

  /** Frees the grads in outs[from..] that no one owns. */
  private disposeUnowned(outs: readonly (Tensor | null)[], from: number): void {
    const gone = new Set<Tensor>();
    for (let j = from; j < outs.length; j++) {
      const r = outs[j] ?? null;
      if (r === null || this.grads.holds(r) || r._owned || r.isDisposed || gone.has(r)) continue;
      gone.add(r);
      r.dispose();
    }
  }

  /** Hands autograd.grad's results to the caller (refusing an unused input unless allowed). */
  finish(): (Tensor | null)[] {
    const capture = this.opts.capture;
    if (capture) {
      // Captured grads go to the caller: they join its tidy scope like any new tensor.
      for (const g of this.captured) if (g !== null) disown(g);
      if (!this.opts.allowUnused && this.captured.some((g) => g === null)) {
        throw new Error(
          "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
        );
      }
    }
    this.completed = true;
    return this.captured;
  }

  /** Phase 5: frees what is still held and restores the outer pass's bookkeeping, if any. */
  end(): void {
    this.grads.clear();
    // A pass that failed (out of memory in a later node, an unused input) returns no grads: free those captured.
    if (!this.completed) for (const g of this.captured) g?.dispose();
    for (const n of this.reached) n._buf = null;
    const outer = this.outer;
    if (outer === null) return;
    for (let i = outer.length - 1; i >= 0; i--) {
      const { node, pass, deps, buf } = outer[i]!;
      node._pass = pass;
      node._deps = deps;
      node._buf = buf;
    }
  }
}

function hasGrad(grads: readonly (Tensor | null)[]): boolean {
  for (let i = 0; i < grads.length; i++) if (grads[i] != null) return true;
  return false;
}

/** Pops the node created last (highest sequence number). */
function popLatest(ready: Node[]): Node {
  let best = 0;
  for (let i = 1; i < ready.length; i++) if (ready[i]!._seq > ready[best]!._seq) best = i;
  const n = ready[best]!;
  ready[best] = ready[ready.length - 1]!;
  ready.pop();
  return n;
}

/** Tensor hooks first (each may replace the grad), then retainGrad copies. */
function runHooks(node: Node, grads: (Tensor | null)[], store: GradStore): void {
  if (node._hooks !== null) {
    for (const [nr, hooks] of node._hooks) {
      for (const hook of hooks) {
        const g = grads[nr] ?? null;
        if (g === null) continue;
        const r: unknown = hook(g);
        if (r === undefined || r === null || r === g) continue;
        if (!(r instanceof Tensor)) throw new TypeError(`expected Variable, but hook returned '${pyType(r)}'`);
        // Taken before the checks, so a grad PyTorch refuses is freed with the others when backward throws.
        grads[nr] = store.take(r);
        store.drop(g);
        const name = hook.name || "<anonymous>";
        if (r.dtype !== g.dtype) {
          throw new Error(
            `hook '${name}' has changed the type of value (was ${legacyTypeName[g.dtype]} got ${legacyTypeName[r.dtype]})`,
          );
        }
        if (!sameShape(r.shape, g.shape)) {
          throw new RangeError(
            `hook '${name}' has changed the size of value (was ${showShape(g.shape)} got ${showShape(r.shape)})`,
          );
        }
      }
    }
  }
  if (node._retain !== null) {
    for (const [nr, t] of node._retain) {
      const g = grads[nr] ?? null;
      if (g === null || t.isDisposed) continue;
      accumulateInto(t, store.take(g), isGradEnabled());
    }
  }
}
