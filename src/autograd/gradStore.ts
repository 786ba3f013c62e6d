// Who owns the grads in flight during a backward pass (engine.ts): the pass
// holds every grad tensor it has not handed over yet and frees what is left
// when it ends, so a failing pass (out of memory, a bad hook) leaks nothing.

import type { Tensor } from "../tensor.js";
import { aliasOf as alias } from "./function.js";

/**
 * The grads the engine owns right now. `take` adopts a fresh tensor (one a
 * rule or hook just made), or aliases one that is owned already (a grad in
 * flight handed out twice, a saved tensor); `drop` frees one; `hand` gives
 * one away. What is still held when the pass ends is freed.
 */
export class GradStore {
  private readonly held = new Set<Tensor>();

  take(t: Tensor): Tensor {
    const h = this.held.has(t) || t._owned ? alias(t) : t._own(false);
    this.held.add(h);
    return h;
  }

  /** Holds an alias of a tensor the caller keeps. */
  takeAlias(t: Tensor): Tensor {
    const h = alias(t);
    this.held.add(h);
    return h;
  }

  drop(t: Tensor | null): void {
    if (t !== null && this.held.delete(t)) t.dispose();
  }

  /** Gives up ownership of `t` (to .grad, or to autograd.grad's caller). */
  hand(t: Tensor): Tensor {
    this.held.delete(t);
    return t;
  }

  holds(t: Tensor): boolean {
    return this.held.has(t);
  }

  clear(): void {
    for (const t of this.held) t.dispose();
    this.held.clear();
  }
}
