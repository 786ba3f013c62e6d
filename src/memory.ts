// Who frees what: storages are refcounted by the tensor handles that view
// them; `tidy` scopes dispose what was made inside them; a
// FinalizationRegistry reclaims handles the program dropped without dispose().

import * as abi from "./wasm/abi.js";

/** A block of wasm memory shared by a tensor and its views. */
export class Storage {
  refs = 1;
  constructor(
    public ptr: number,
    public readonly nbytes: number,
    public readonly generation: number,
  ) {}

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs === 0) {
      // A storage of an earlier init() generation belongs to a memory that is gone.
      if (abi.isInitialised() && abi.runtime().generation === this.generation) abi.free(this.ptr);
      this.ptr = 0;
    }
  }
}

/** Allocates storage for `nbytes` bytes in the live runtime. */
export function allocStorage(nbytes: number): Storage {
  const r = abi.runtime();
  return new Storage(abi.alloc(nbytes), nbytes, r.generation);
}

/** Something a tensor handle holds that must be given back when the handle dies. */
export interface Releasable {
  release(): void;
}

/**
 * What the FinalizationRegistry keeps for a handle: its storage and the graph
 * node it holds a reference to (never the tensor itself, or it would never be
 * collected).
 */
export interface HandleRecord {
  storage: Storage;
  node: Releasable | null;
  /** A view's hold on what it knows of its base (src/autograd/viewTracking.ts). */
  view: Releasable | null;
  /** Alive outside every tidy scope and owned by nothing: counted in `looseHandles` (see loosen). */
  loose: boolean;
}

/** Live handles of the init() generation `countedGeneration`: a new generation starts from 0, and old handles no longer count. */
let liveTensors = 0;
let countedGeneration = -1;

const generationNow = (): number => (abi.isInitialised() ? abi.runtime().generation : -1);

export function countTensor(delta: number): void {
  const g = generationNow();
  if (g !== countedGeneration) {
    countedGeneration = g;
    liveTensors = 0;
  }
  liveTensors += delta;
}

export function releaseRecord(h: HandleRecord): void {
  if (h.storage.generation === countedGeneration && countedGeneration === generationNow()) liveTensors--;
  tighten(h);
  h.storage.release();
  if (h.node !== null) {
    const n = h.node;
    h.node = null;
    n.release();
  }
  if (h.view !== null) {
    const v = h.view;
    h.view = null;
    v.release();
  }
}

const registry: FinalizationRegistry<HandleRecord> | null =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry<HandleRecord>(releaseRecord) : null;

export function watch(target: object, h: HandleRecord): void {
  registry?.register(target, h, target);
}

export function unwatch(target: object): void {
  registry?.unregister(target);
}

// ---- tidy scopes ---------------------------------------------------------------

/** What tidy needs of a tensor. */
export interface Scoped {
  readonly isDisposed: boolean;
  /** Owned by something that outlives scopes (a leaf's grad, a parameter, optimizer state, a graph node). */
  _owned: boolean;
  dispose(): void;
  /** Called when the handle leaves the outermost scope alive (it joins the FinalizationRegistry). */
  _escape(): void;
}

const scopes: Scoped[][] = [];

/**
 * Records a new handle in the innermost tidy scope, if any, and says whether
 * it did. A handle made inside a scope is freed by the scope (or leaves it
 * through `_escape`), so it joins the FinalizationRegistry only when it
 * outlives every scope or becomes owned: registering and unregistering every
 * temporary costs more than the op that made it.
 */
export function track(t: Scoped): boolean {
  const s = scopes[scopes.length - 1];
  if (s === undefined) return false;
  s.push(t);
  return true;
}

/** Ends ownership of a handle: it joins the innermost tidy scope (or is left to the GC). */
export function disown(t: Scoped): void {
  if (!t._owned) return;
  t._owned = false;
  if (!track(t)) t._escape();
}

/**
 * Runs `fn` and disposes every tensor made inside it, except those it returns
 * (at any depth inside arrays, objects, class instances' own properties,
 * Maps and Sets; a WeakMap or WeakSet in the result is an error) and those
 * owned by something else.
 * Returned tensors move to the enclosing scope. Async functions are refused:
 * their tensors would be made after the scope ended.
 */
export function tidy<T>(fn: () => T): T;
export function tidy<T>(name: string, fn: () => T): T;
export function tidy<T>(a: string | (() => T), b?: () => T): T {
  const fn = typeof a === "function" ? a : b;
  if (typeof fn !== "function") throw new TypeError("tidy(fn): fn must be a function");
  const scope: Scoped[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    disposeScope(scope, new Set());
    throw e;
  }
  scopes.pop();
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    disposeScope(scope, new Set());
    throw new TypeError("tidy(fn): fn must be synchronous; it returned a Promise");
  }
  const keep = new Set<Scoped>();
  try {
    collect(result, keep, true, "tidy(fn)");
  } catch (e) {
    disposeScope(scope, new Set());
    throw e;
  }
  disposeScope(scope, keep);
  const parent = scopes[scopes.length - 1];
  if (parent !== undefined) for (const t of keep) parent.push(t);
  else for (const t of keep) t._escape();
  return result;
}

/**
 * Opens a scope for the engine and for ops built of other ops: each gradient
 * formula and composite forward runs inside one, and `closeScope` frees the
 * temporaries it made. Lighter than tidy: no closure, no Set, and the kept
 * values are named by the caller rather than searched for.
 */
export function openScope(): void {
  scopes.push([]);
}

/**
 * Closes the innermost scope: frees every handle made in it except `keep` (a
 * handle, or an array of handles and nulls; null keeps nothing, as when the
 * body threw) and those owned by something else. Kept handles move to the
 * enclosing scope.
 */
export function closeScope(keep: Scoped | readonly (Scoped | null)[] | null): void {
  const scope = scopes.pop()!;
  const parent = scopes[scopes.length - 1];
  const list = Array.isArray(keep) ? (keep as readonly (Scoped | null)[]) : null;
  const one = list === null ? (keep as Scoped | null) : null;
  const many = list !== null && list.length > 8 ? new Set(list) : null;
  for (let i = 0; i < scope.length; i++) {
    const t = scope[i]!;
    if (t.isDisposed || t._owned) continue;
    const kept = list === null ? t === one : many !== null ? many.has(t) : list.includes(t);
    if (!kept) t.dispose();
    else if (parent !== undefined) parent.push(t);
    else t._escape();
  }
}

/** Runs `fn` in a scope (openScope): what it made and did not return is freed, also when it throws. */
export function scoped<T extends Scoped | readonly (Scoped | null)[] | null>(fn: () => T): T {
  scopes.push([]);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    closeScope(null);
    throw e;
  }
  closeScope(result);
  return result;
}

function disposeScope(scope: Scoped[], keep: Set<Scoped>): void {
  for (const t of scope) if (!t.isDisposed && !t._owned && !keep.has(t)) t.dispose();
}

function isScoped(v: unknown): v is Scoped {
  return (
    v !== null &&
    typeof v === "object" &&
    typeof (v as Scoped).dispose === "function" &&
    typeof (v as Scoped)._escape === "function" &&
    "_owned" in v
  );
}

/**
 * Every tensor reachable from `v`, at any depth (cycles are fine): through
 * arrays, plain objects, Maps (keys and values) and Sets, and with
 * `instances` through the own enumerable properties of any other object (a
 * class instance). What cannot be looked inside (a WeakMap or WeakSet) is an
 * error rather than a tensor silently missed. Iterative: deep structures do
 * not overflow the stack.
 */
function collect(v: unknown, out: Set<Scoped>, instances: boolean, fn: string): void {
  const seen = new Set<object>();
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    if (isScoped(x)) {
      out.add(x);
      continue;
    }
    if (ArrayBuffer.isView(x)) continue;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) stack.push(x[i]);
      continue;
    }
    if (x instanceof Map) {
      for (const [k, y] of x) stack.push(k, y);
      continue;
    }
    if (x instanceof Set) {
      for (const y of x) stack.push(y);
      continue;
    }
    if (x instanceof WeakMap || x instanceof WeakSet) {
      throw new TypeError(
        `${fn}: cannot look inside a ${x instanceof WeakMap ? "WeakMap" : "WeakSet"} for tensors to keep; return its tensors in an array, object, Map or Set`,
      );
    }
    const proto = Object.getPrototypeOf(x);
    if (instances || proto === Object.prototype || proto === null) for (const y of Object.values(x)) stack.push(y);
  }
}

/** Frees a tensor-like value or every tensor inside an array, plain object, Map or Set (at any depth). */
export function dispose(v: unknown): void {
  const found = new Set<Scoped>();
  collect(v, found, false, "dispose()");
  for (const t of found) t.dispose();
}

/** What `memory()` reports (torchlet's counterpart of torch.cuda.memory_stats for wasm memory). */
export interface MemoryInfo {
  /** Live tensor handles (views and tensors saved by the graph count too). */
  tensors: number;
  /** Bytes of wasm memory held by live blocks. */
  bytesInUse: number;
  /** The most bytes held at once since init(). */
  peakBytes: number;
  /** Size of the wasm memory. */
  wasmBytes: number;
}

/** Live tensor handles and wasm memory use of this instance (no PyTorch counterpart on the CPU). */
export function memory(): MemoryInfo {
  const ex = abi.runtime().exports;
  return {
    tensors: countedGeneration === generationNow() ? liveTensors : 0,
    bytesInUse: ex.bytesInUse(),
    peakBytes: ex.peakBytes(),
    wasmBytes: ex.memory.buffer.byteLength,
  };
}

// ---- leaks: handles alive outside tidy ------------------------------------------

/** Handles alive outside every tidy scope and owned by nothing: only dispose() or the collector frees them. */
let looseHandles = 0;

/** Counts a handle that left every scope unowned. */
export function loosen(h: HandleRecord): void {
  if (h.loose) return;
  h.loose = true;
  looseHandles++;
}

/** Uncounts a handle that was freed or became owned. */
export function tighten(h: HandleRecord): void {
  if (!h.loose) return;
  h.loose = false;
  looseHandles--;
}

/** How many tensor handles are alive in tidy scopes (those the scopes will free). */
function scopedHandles(): number {
  let n = 0;
  for (const s of scopes) for (const t of s) if (!t.isDisposed && !t._owned) n++;
  return n;
}

/** Live handles, those outside tidy (loose) and those in tidy scopes, for messages. */
export function handleCounts(): string {
  const inScopes = scopedHandles();
  const where =
    scopes.length === 0
      ? "no tidy scope is open"
      : `${inScopes} in the ${scopes.length} open tidy scope${scopes.length === 1 ? "" : "s"}`;
  return `${liveTensors} tensors are alive: ${looseHandles} outside any torch.tidy() scope and not owned by a module or optimizer; ${where}`;
}

/** The one-line fix the leak and out-of-memory messages show. */
export const TIDY_FIX =
  "for (...) torch.tidy(() => { optimizer.zeroGrad(); const loss = ...; loss.backward(); optimizer.step(); })";

/**
 * A synchronous loop never lets the FinalizationRegistry run: handles dropped
 * outside tidy stay until the job ends. backward() checks how many are alive:
 * when, within one job, the count grew at each of the last LEAK_STEPS calls,
 * by LEAK_HANDLES in all and by two or more a call, the loop is leaking every
 * step, and it fails now rather than running out of memory later.
 */
const LEAK_STEPS = 64;
const LEAK_HANDLES = 10_000;

let leakCheck = true;
/** True while no task has run since the first backward() of the current job. */
let sameJob = false;
let jobStart = 0;
let lastCount = 0;
let streak = 0;
let calls = 0;

/**
 * Turns the check for tensors leaking from a synchronous training loop on or
 * off (on by default): turn it off when a loop keeps many tensors alive on
 * purpose, several more at each step, without tidy.
 */
export function setLeakCheck(on: boolean): void {
  if (typeof on !== "boolean") throw new TypeError(`setLeakCheck(on): on must be a boolean, but got ${typeof on}`);
  leakCheck = on;
  sameJob = false;
}

/** Whether the leak check is on (setLeakCheck). */
export function isLeakCheckEnabled(): boolean {
  return leakCheck;
}

/** Called by backward(): throws when a synchronous loop leaks handles at every step (see LEAK_STEPS). */
export function checkLeaks(): void {
  if (!leakCheck || scopes.length > 0) return;
  const n = looseHandles;
  if (!sameJob) {
    // A timer marks the end of the job: the finalizers can run from then on, so counting starts again. Microtasks
    // would not do: an `await` of a settled promise does not let the FinalizationRegistry run either.
    const timer = typeof setTimeout === "function" ? setTimeout(endJob, 0) : null;
    if (timer === null) return;
    (timer as { unref?: () => void }).unref?.();
    sameJob = true;
    jobStart = lastCount = n;
    streak = calls = 0;
    return;
  }
  calls++;
  streak = n > lastCount ? streak + 1 : 0;
  lastCount = n;
  // Two or more a step: a loop that keeps one tensor a step (a detached loss) is not leaking its graph.
  if (streak < LEAK_STEPS || n - jobStart < LEAK_HANDLES || n - jobStart < 2 * calls) return;
  sameJob = false;
  throw new Error(
    `torchlet: tensors are leaking: ${n - jobStart} more tensors are alive outside torch.tidy() than at the first ` +
      `backward() of this loop, more at each of the last ${streak} backward() calls (${handleCounts()}). ` +
      "A synchronous loop never lets the garbage collector free tensors it drops (FinalizationRegistry callbacks " +
      "run only after the loop returns), so each step would add memory and time until out of memory. " +
      `Run each step in torch.tidy(), which frees what the step made and keeps parameters, grads and optimizer state:\n  ${TIDY_FIX}\n` +
      "(or dispose() what each step makes). If the loop keeps these tensors on purpose, turn this check off with " +
      "torch.setLeakCheck(false) or init({ leakCheck: false }).",
  );
}

/** Handles outside tidy past which an out-of-memory message shows the tidy fix. */
const OOM_FIX_HANDLES = 100;

/** The end of an out-of-memory message: the counts, and the fix when many tensors were left outside tidy. */
function oomDetail(): string {
  const counts = handleCounts();
  if (looseHandles < OOM_FIX_HANDLES) return counts;
  return (
    `${counts}. Tensors dropped outside torch.tidy() are freed only by the garbage collector, which never runs ` +
    `during a synchronous loop; run each step in torch.tidy(): ${TIDY_FIX}`
  );
}

abi.setOomDetail(oomDetail);

function endJob(): void {
  sameJob = false;
}
