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
//    into input grads. Each input grad is summed down to its input's shape
//    here, the one place broadcasting is undone, and cast to its dtype.
// 4. AccumulateGrad nodes add into the leaves' .grad (autograd.grad captures
//    instead), if the leaf still requires grad. Without retainGraph, a node
//    frees its saved tensors once run.
//
// Every grad tensor in flight is owned by the engine and disposed once
// consumed; the same tensor handed out twice is first aliased, so each owner
// disposes its own handle.

import { Tensor } from "../tensor.js";
import { sameShape, showShape } from "../shape.js";
import { Node } from "./node.js";
import { AccumulateGrad, aliasOf as alias, edgeOf } from "./function.js";
import { isGradEnabled, setGradEnabled } from "./gradMode.js";
import { disown } from "../memory.js";
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

/** Runs a backward pass. Returns the captured grads (autograd.grad), else an empty array. */
export function runBackward(outputs: readonly Tensor[], gradOutputs: readonly (Tensor | null)[], opts: EngineOptions): (Tensor | null)[] {
  const roots: { node: Node; nr: number; grad: Tensor }[] = [];
  // The nodes this pass reached (their _buf is cleared at the end), and, for a
  // backward run from inside another (a hook calling autograd.grad), the
  // outer pass's bookkeeping on them, put back at the end.
  const reached: Node[] = [];
  const nested: { node: Node; pass: number; deps: number; buf: (Tensor | null)[] | null }[] | null = running > 0 ? [] : null;
  running++;
  // autograd.grad's results, handed over only when the pass completes.
  let captured: (Tensor | null)[] = [];
  let done = false;
  // Grads the engine owns right now. `take` adopts a fresh tensor (one a rule
  // or hook just made), or aliases one that is owned already (a grad in
  // flight handed out twice, a saved tensor).
  const held = new Set<Tensor>();
  const take = (t: Tensor): Tensor => {
    const h = held.has(t) || t._owned ? alias(t) : t._own(false); // the finally below frees what is still held
    held.add(h);
    return h;
  };
  const takeAlias = (t: Tensor): Tensor => {
    const h = alias(t);
    held.add(h);
    return h;
  };
  const drop = (t: Tensor | null): void => {
    if (t !== null && held.delete(t)) t.dispose();
  };

  try {
    outputs.forEach((out, i) => {
      out._check();
      // Checks the edge, not the flag: a view made under noGrad requires grad (through its base) but has none.
      const [node, nr] = edgeOf(out);
      if (node === null) {
        throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
      }
      let g = gradOutputs[i] ?? null;
      let grad: Tensor;
      if (g === null) {
        if (out.numel() !== 1) throw new Error("grad can be implicitly created only for scalar outputs");
        grad = take(onesFor(out));
      } else {
        g._check();
        if (!sameShape(g.shape, out.shape)) {
          throw new RangeError(
            `Mismatch in shape: grad_output[${i}] has a shape of torch.Size(${showShape(g.shape)}) and output[${i}] ` +
              `has a shape of torch.Size(${showShape(out.shape)}).`,
          );
        }
        grad = takeAlias(g); // the caller keeps its tensor
      }
      roots.push({ node, nr, grad });
    });

    // Targets of capture/only: (node, nr) pairs. A target without an edge (a view made under noGrad) is
    // never reached: it gets no grad (autograd.grad calls it unused).
    const targetList = opts.capture ?? opts.only;
    const targets = new Map<Node, Map<number, number>>();
    targetList?.forEach((t, i) => {
      t._check();
      if (!t.requiresGrad) {
        // PyTorch's words: backward's inputs are retained with retain_grad, which is what refuses.
        throw new Error(opts.capture ? "One of the differentiated Tensors does not require grad" : "can't retain_grad on Tensor that has requires_grad=False");
      }
      const [node, nr] = edgeOf(t);
      if (node === null) return;
      const m = targets.get(node) ?? new Map<number, number>();
      m.set(nr, i);
      targets.set(node, m);
    });
    // Without targets every node is needed (allNeeded), and the set below stays empty.
    const allNeeded = targetList === null;

    // 1. Dependencies, and (with targets) which nodes lead to a target. The
    // counts and buffers live on the nodes, stamped with this pass's number
    // (no maps: a small graph's backward is mostly bookkeeping).
    const pass = ++passes;
    const reach = (n: Node): boolean => {
      if (n._pass === pass) return false;
      if (nested !== null) nested.push({ node: n, pass: n._pass, deps: n._deps, buf: n._buf });
      n._pass = pass;
      n._deps = 0;
      n._buf = null;
      reached.push(n);
      return true;
    };
    const stackNodes: Node[] = [];
    const stackNext: number[] = [];
    for (const r of roots) {
      if (reach(r.node)) {
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
        const fresh = reach(child);
        child._deps++;
        if (fresh) {
          stackNodes.push(child);
          stackNext.push(0);
        }
      } else {
        stackNodes.pop();
        stackNext.pop();
        if (!allNeeded) order.push(node); // post-order, children first: only what leads to a target needs it
      }
    }
    const needed = new Set<Node>();
    if (!allNeeded) {
      for (const node of order) {
        if (targets.has(node) || node._next.some(([c]) => c !== null && needed.has(c))) needed.add(node);
      }
    }
    const isNeeded = (n: Node): boolean => allNeeded || needed.has(n);

    // 2. Seed buffers.
    const addToBuffer = (node: Node, nr: number, g: Tensor): void => {
      let buf = node._buf;
      if (buf === null) {
        buf = new Array<Tensor | null>(node._numOutputs).fill(null);
        node._buf = buf;
      }
      const prev = buf[nr] ?? null;
      if (prev === null) buf[nr] = g;
      else {
        buf[nr] = take(accumulateOutOfPlace(prev, g));
        drop(prev);
        drop(g);
      }
    };
    for (const r of roots) addToBuffer(r.node, r.nr, r.grad);

    if (opts.capture) captured = new Array<Tensor | null>(opts.capture.length).fill(null);
    const ready: Node[] = roots.map((r) => r.node).filter((n, i, a) => a.indexOf(n) === i && n._deps === 0);
    const prevMode = isGradEnabled();
    setGradEnabled(opts.createGraph);
    try {
      while (ready.length > 0) {
        const node = popLatest(ready);
        const grads = node._buf ?? new Array<Tensor | null>(node._numOutputs).fill(null);
        node._buf = null;
        // As PyTorch 1.13's AccumulateGrad, nothing for a leaf that stopped requiring grad after an op recorded
        // the edge (requiresGrad_(false)): its hooks do not run and its .grad stays as it was.
        const inert = node instanceof AccumulateGrad && !node.variable.requiresGrad;
        if (!inert) runHooks(node, grads, take, drop);
        const hit = targets.get(node);
        if (hit !== undefined && opts.capture) {
          // A captured non-leaf may also lie on the path to another input: then its grad flows on too.
          const onward = node._next.some(([c]) => c !== null && isNeeded(c));
          for (const [nr, idx] of hit) {
            const g = grads[nr] ?? null;
            if (g === null) continue;
            if (onward) {
              captured[idx] = alias(g);
              continue;
            }
            held.delete(g);
            captured[idx] = g;
            grads[nr] = null;
          }
        }
        if (node instanceof AccumulateGrad) {
          if (!inert && opts.capture === null && (opts.only === null || hit !== undefined)) {
            const g = grads[0] ?? null;
            if (g !== null) {
              held.delete(g);
              accumulateInto(node.variable, g, opts.createGraph);
            }
          }
        } else if (isNeeded(node)) {
          const outs = hasGrad(grads) ? node._apply(grads) : [];
          const next = node._next;
          let i = 0;
          try {
            for (; i < next.length; i++) {
              const [child, nr] = next[i]!;
              if (child === null) continue;
              let g = outs[i] ?? null;
              if (g !== null && isNeeded(child)) {
                g = take(g);
                const meta = node._inputs[i];
                if (meta) {
                  const shaped = sumToShape(g, meta.shape);
                  if (shaped !== g) {
                    drop(g);
                    g = take(shaped);
                  }
                  const cast = castGrad(g, meta.dtype);
                  if (cast !== g) {
                    drop(g);
                    g = take(cast);
                  }
                }
                addToBuffer(child, nr, g);
              } else if (g !== null && !held.has(g) && !g._owned) {
                g.dispose(); // a grad nobody downstream needs
              }
              if (--child._deps === 0) ready.push(child);
            }
          } catch (e) {
            // Summing or casting grad i failed (out of memory): the rule's later grads are
            // nobody's yet (grads[] and the engine's own are freed by drop and the finally).
            const gone = new Set<Tensor>();
            for (let j = i + 1; j < outs.length; j++) {
              const r = outs[j] ?? null;
              if (r === null || held.has(r) || r._owned || r.isDisposed || gone.has(r)) continue;
              gone.add(r);
              r.dispose();
            }
            throw e;
          }
          if (!opts.retainGraph) {
            node._freeSaved();
            node._freed = true;
          }
        } else {
          for (const [child] of node._next) {
            if (child === null) continue;
            if (--child._deps === 0) ready.push(child);
          }
        }
        for (const g of grads) drop(g);
      }
    } finally {
      setGradEnabled(prevMode);
    }

    if (opts.capture) {
      // Captured grads go to the caller: they join its tidy scope like any new tensor.
      for (const g of captured) if (g !== null) disown(g);
      opts.capture.forEach((_t, i) => {
        if (captured[i] === null && !opts.allowUnused) {
          throw new Error(
            "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
          );
        }
      });
    }
    done = true;
    return captured;
  } finally {
    for (const t of held) t.dispose();
    // A pass that failed (out of memory in a later node, an unused input) returns no grads: free those captured.
    if (!done) for (const g of captured) g?.dispose();
    for (const n of reached) n._buf = null;
    if (nested !== null) {
      for (let i = nested.length - 1; i >= 0; i--) {
        const { node, pass, deps, buf } = nested[i]!;
        node._pass = pass;
        node._deps = deps;
        node._buf = buf;
      }
    }
    running--;
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
function runHooks(node: Node, grads: (Tensor | null)[], take: (t: Tensor) => Tensor, drop: (t: Tensor | null) => void): void {
  if (node._hooks !== null) {
    for (const [nr, hooks] of node._hooks) {
      for (const hook of hooks) {
        const g = grads[nr] ?? null;
        if (g === null) continue;
        const r = hook(g);
        if (r instanceof Tensor && r !== g) {
          // Taken before the check, so a grad of the wrong shape is freed with the others when backward throws.
          grads[nr] = take(r);
          drop(g);
          if (!sameShape(r.shape, g.shape)) {
            throw new RangeError(`hook returned a grad of shape ${showShape(r.shape)}, expected ${showShape(g.shape)}`);
          }
        }
      }
    }
  }
  if (node._retain !== null) {
    for (const [nr, t] of node._retain) {
      const g = grads[nr] ?? null;
      if (g === null || t.isDisposed) continue;
      accumulateInto(t, take(g), isGradEnabled());
    }
  }
}

function accumulateOutOfPlace(a: Tensor, b: Tensor): Tensor {
  return a.add(b);
}
