// The bad-input harness: fixtures that every case must leave alone, the junk
// values the sweep substitutes, and the checks run after every call
// (memory unchanged, fixtures and their grads unchanged, heap intact, grad
// mode restored, the next valid op works).

import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import * as abi from "../../src/wasm/abi.js";

/** Tensors, a module and an optimizer that exist before each case and must come out unchanged. */
export interface Fixtures {
  /** float32 [2, 3] leaf, requires grad, has a .grad */
  a: Tensor;
  /** float32 [2, 3] plain */
  b: Tensor;
  /** float32 [3, 4] leaf, requires grad */
  w: Tensor;
  /** float64 [2, 3] leaf, requires grad, has a .grad */
  d: Tensor;
  /** int64 [2] class indices / index values 0 and 2 */
  idx: Tensor;
  /** bool [2, 3] */
  mask: Tensor;
  /** float32 0-d */
  s: Tensor;
  /** float32 [3, 2]: the transpose of a [2, 3] base (not contiguous) */
  tr: Tensor;
  /** float32 [2, 3] probabilities in (0, 1) */
  p: Tensor;
  /** [2, 3] -> [2, 3] Linear and its SGD optimizer (with momentum state) */
  model: InstanceType<typeof torch.nn.Linear>;
  opt: InstanceType<typeof torch.optim.SGD>;
}

/** Values a caller might pass by mistake. The tensors among them are made in setupFixtures. */
export interface Junk {
  /** a tensor from an earlier init() generation (the first of `stalePool` not disposed yet) */
  stale: Tensor;
  /** tensors from an earlier init() generation (a call that disposes one, torch.dispose say, takes the next) */
  stalePool: Tensor[];
  /** a disposed tensor */
  disposed: Tensor;
}

export const F = {} as Fixtures;
export const J = {} as Junk;

/**
 * Makes a tensor in the current generation, then starts a new one with a
 * different init option (its tensors become "stale"), then makes the
 * fixtures. Call once from beforeAll.
 */
export async function setupFixtures(): Promise<void> {
  await torch.init();
  J.stalePool = Array.from({ length: 64 }, () => torch.ones(2, 3));
  Object.defineProperty(J, "stale", { get: () => J.stalePool.find((t) => !t.isDisposed) ?? J.stalePool[0] });
  await torch.init({ simd: "baseline" });
  J.disposed = torch.ones(2, 3);
  J.disposed.dispose();
  torch.manualSeed(0);
  F.a = torch.tensor(
    [
      [1, -2, 3],
      [0.5, 4, -6],
    ],
    { dtype: "float32", requiresGrad: true },
  );
  F.b = torch.tensor(
    [
      [0.25, 2, -1],
      [3, -0.5, 1.5],
    ],
    { dtype: "float32" },
  );
  F.w = torch.tensor(
    [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ],
    { dtype: "float32", requiresGrad: true },
  );
  F.d = torch.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  F.idx = torch.tensor([0, 2]);
  F.mask = torch.tensor([
    [true, false, true],
    [false, true, false],
  ]);
  F.s = torch.tensor(2.5);
  F.tr = torch
    .tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: "float32" },
    )
    .t();
  F.p = torch.tensor([
    [0.1, 0.5, 0.9],
    [0.3, 0.7, 0.2],
  ]);
  torch.tidy(() => {
    F.a.mul(F.b).sum().backward();
    F.d.pow(2).sum().backward();
  });
  F.model = new torch.nn.Linear(3, 3);
  F.opt = new torch.optim.SGD(F.model.parameters(), { lr: 0.1, momentum: 0.9 });
  torch.tidy(() => {
    F.model.call(F.b).sum().backward();
    F.opt.step();
  });
}

/**
 * Things a row's args() (or a case's setup) made that its arguments do not
 * reach (the leaves under a graph, say): checked and disposed with them.
 */
export const aside: unknown[] = [];

/** Registers `v` to be checked and disposed with the call's arguments; returns it. */
export function keepAside<T>(v: T): T {
  aside.push(v);
  return v;
}

// ---- snapshots ---------------------------------------------------------------

interface TensorState {
  values: number[];
  shape: readonly number[];
  dtype: string;
  version: number;
  requiresGrad: boolean;
  gradFn: string | null;
  grad: number[] | null;
}

export interface Snapshot {
  tensors: number;
  bytesInUse: number;
  wasmBytes: number;
  liveBlocks: number;
  gradEnabled: boolean;
  fixtures: Record<string, TensorState>;
}

const values = (t: Tensor): number[] => Array.from(t.toArray() as ArrayLike<number | bigint>, Number);

function stateOf(t: Tensor): TensorState {
  return {
    values: values(t),
    shape: t.shape.slice(),
    dtype: t.dtype,
    version: t._version,
    requiresGrad: t.requiresGrad,
    gradFn: t.gradFn?.name() ?? null,
    grad: t.isLeaf && t.grad !== null ? values(t.grad) : null,
  };
}

/** Every tensor of the fixtures, by a name for messages (including the model's parameters and the optimizer's state). */
function fixtureTensors(): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  for (const [k, v] of Object.entries(F)) if (v instanceof torch.Tensor) out.push([k, v]);
  for (const [k, p] of F.model.namedParameters()) out.push([`model.${k}`, p]);
  F.opt.state.forEach((st, p) => {
    const i = F.model.parameters().indexOf(p);
    for (const [k, v] of Object.entries(st)) if (v instanceof torch.Tensor) out.push([`opt.state[${i}].${k}`, v]);
  });
  return out;
}

/** Memory counters and the fixtures' states (`known`: fixture states already read, reused as they are). */
export function snapshot(known?: Snapshot["fixtures"]): Snapshot {
  const m = torch.memory();
  let fixtures: Record<string, TensorState> = {};
  if (known !== undefined) fixtures = known;
  else for (const [k, t] of fixtureTensors()) fixtures[k] = stateOf(t);
  return {
    tensors: m.tensors,
    bytesInUse: m.bytesInUse,
    wasmBytes: m.wasmBytes,
    liveBlocks: abi.runtime().exports.liveBlockCount(),
    gradEnabled: torch.isGradEnabled(),
    fixtures,
  };
}

/** Only memory counters (cheap): for calls whose arguments are fresh tensors. */
export function memoryNow(): { tensors: number; bytesInUse: number; liveBlocks: number } {
  const m = torch.memory();
  return { tensors: m.tensors, bytesInUse: m.bytesInUse, liveBlocks: abi.runtime().exports.liveBlockCount() };
}

/** What differs between two snapshots (empty when nothing does); `memory: false` skips the memory counters. */
export function diff(before: Snapshot, after: Snapshot, opts: { memory?: boolean; wasm?: boolean } = {}): string[] {
  const out: string[] = [];
  if (opts.memory !== false) {
    if (after.tensors !== before.tensors) out.push(`memory().tensors ${before.tensors} -> ${after.tensors}`);
    if (after.bytesInUse !== before.bytesInUse)
      out.push(`memory().bytesInUse ${before.bytesInUse} -> ${after.bytesInUse}`);
    if (after.liveBlocks !== before.liveBlocks) out.push(`live blocks ${before.liveBlocks} -> ${after.liveBlocks}`);
    if (opts.wasm !== false && after.wasmBytes !== before.wasmBytes)
      out.push(`memory().wasmBytes ${before.wasmBytes} -> ${after.wasmBytes}`);
  }
  if (after.gradEnabled !== before.gradEnabled)
    out.push(`isGradEnabled() ${before.gradEnabled} -> ${after.gradEnabled}`);
  for (const [k, s] of Object.entries(before.fixtures)) {
    const t = after.fixtures[k];
    if (t === undefined) {
      out.push(`fixture ${k} is gone`);
      continue;
    }
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    for (const f of ["values", "shape", "dtype", "version", "requiresGrad", "gradFn", "grad"] as const) {
      if (!same(s[f], t[f])) out.push(`fixture ${k}.${f}: ${JSON.stringify(s[f])} -> ${JSON.stringify(t[f])}`);
    }
  }
  const heap = abi.runtime().exports.checkHeap();
  if (heap < 0) out.push("checkHeap() found a corrupt heap");
  return out;
}

/** A valid op after a failure: the runtime still computes, and nothing is left behind. */
export function nextOpWorks(): string[] {
  const before = memoryNow();
  const v = torch.tidy(() => F.b.add(1).mul(F.b).sum().item());
  const after = memoryNow();
  const out: string[] = [];
  if (Math.abs((v as number) - 21.8125) > 1e-5)
    out.push(`a valid op after the error computed ${String(v)}, expected 21.8125`);
  if (after.bytesInUse !== before.bytesInUse || after.tensors !== before.tensors)
    out.push("a valid op after the error leaked");
  return out;
}

// ---- errors ------------------------------------------------------------------

/** Messages of errors the JS engine or wasm throws by itself: seeing one means a check is missing. */
export const RAW_ENGINE_ERROR = new RegExp(
  [
    "Cannot read propert",
    "Cannot set propert",
    "Cannot create property",
    "is not a function",
    "is not iterable",
    "is not a constructor",
    "Invalid array length",
    "Invalid typed array length",
    "Maximum call stack",
    "unreachable",
    "memory access out of bounds",
    "offset is out of bounds",
    "Cannot convert",
    "Cannot mix BigInt",
    "Reduce of empty array",
    "is not defined",
    "Invalid count value",
    "Array buffer allocation failed",
    "Class constructor",
    "Cannot assign to read only",
    "Cannot destructure",
    "object null is not",
    "undefined is not a function",
    "undefined is not iterable",
    "null is not an object",
    "Function.prototype.apply",
    "toFixed\\(\\)",
    "Invalid string length",
    "Invalid time value",
    "wasm kernel aborted",
  ].join("|"),
);

export type ErrorClass = typeof TypeError | typeof RangeError | typeof Error;

/** Describes a value for test names and the errors doc. */
export function show(v: unknown): string {
  if (v instanceof torch.Tensor) {
    if (J.stalePool.includes(v)) return "a tensor of an earlier init()";
    if (v.isDisposed) return "a disposed tensor";
    return `${v.dtype}${JSON.stringify(v.shape)} tensor`;
  }
  if (typeof v === "function") return "a function";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
