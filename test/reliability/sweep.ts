// Running a call under the bad-input checks, and the sweep: every row's valid
// call with one argument (or one option, or one list element) at a time
// replaced by a junk value. Whatever happens must be either success or an
// Error of class TypeError, RangeError or Error with a message of torchlet's
// own (never one the JS engine or wasm throws by itself), and afterwards
// memory, the fixtures and the arguments must be as they were.

import * as torch from "../../src/index.js";
import { Tensor } from "../../src/index.js";
import {
  F,
  J,
  RAW_ENGINE_ERROR,
  aside,
  diff,
  memoryNow,
  nextOpWorks,
  show,
  snapshot,
  type Snapshot,
} from "./harness.js";
import type { Call, Row } from "./table.js";

const { nn, optim } = torch;

/** Everything the fixtures hold; never disposed by the checks. */
export function fixtureSet(): Set<unknown> {
  const s = new Set<unknown>([...Object.values(F), ...J.stalePool, J.disposed]);
  for (const p of F.model.parameters()) s.add(p);
  return s;
}

/** The tensors inside a value (arrays, plain objects, modules, optimizers), with a path for messages. */
export function tensorsIn(
  v: unknown,
  path = "arg",
  out: [string, Tensor][] = [],
  depth = 0,
  seen = new Set<unknown>(),
): [string, Tensor][] {
  if (v === null || typeof v !== "object" || depth > 6 || seen.has(v)) return out;
  seen.add(v);
  if (v instanceof Tensor) {
    out.push([path, v]);
    return out;
  }
  if (v instanceof nn.Module) {
    for (const [k, p] of v.namedParameters()) tensorsIn(p, `${path}.${k}`, out, depth + 1, seen);
    for (const [k, b] of v.namedBuffers()) tensorsIn(b, `${path}.${k}`, out, depth + 1, seen);
    return out;
  }
  if (v instanceof optim.Optimizer) {
    v.paramGroups.forEach((g: { params: Tensor[] }, i: number) =>
      g.params.forEach((p, j) => tensorsIn(p, `${path}.group${i}[${j}]`, out, depth + 1, seen)),
    );
    let i = 0;
    for (const st of v.state.values()) {
      for (const [k, t] of Object.entries(st)) tensorsIn(t, `${path}.state${i}.${k}`, out, depth + 1, seen);
      i++;
    }
    return out;
  }
  if (Array.isArray(v)) v.forEach((x, i) => tensorsIn(x, `${path}[${i}]`, out, depth + 1, seen));
  else if ([Object.prototype, null].includes(Object.getPrototypeOf(v)))
    for (const [k, x] of Object.entries(v)) tensorsIn(x, `${path}.${k}`, out, depth + 1, seen);
  return out;
}

/** Disposes what a call's arguments or result hold, except the fixtures. */
export function release(v: unknown, keep: Set<unknown>): void {
  const walk = (x: unknown, depth: number, seen: Set<unknown>): void => {
    if (x === null || typeof x !== "object" || depth > 6 || seen.has(x) || keep.has(x)) return;
    seen.add(x);
    if (x instanceof Tensor) {
      x.dispose();
      return;
    }
    if (x instanceof optim.Optimizer) {
      x.dispose();
      for (const g of x.paramGroups) for (const p of g.params) walk(p, depth + 1, seen);
      return;
    }
    if (x instanceof nn.Module) {
      for (const t of [...x.parameters(), ...x.buffers()]) walk(t, depth + 1, seen);
      return;
    }
    if (Array.isArray(x) || x instanceof nn.utils.rnn.PackedSequence) for (const y of x) walk(y, depth + 1, seen);
    else if ([Object.prototype, null].includes(Object.getPrototypeOf(x)))
      for (const y of Object.values(x)) walk(y, depth + 1, seen);
  };
  walk(v, 0, new Set());
}

/** Values of the tensors in `v`, to see that a failed call left its arguments alone. */
function argState(v: unknown, keep: Set<unknown>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [path, t] of tensorsIn(v)) {
    if (keep.has(t) || t.isDisposed) continue;
    try {
      const g = t.isLeaf ? t._grad : null;
      m.set(
        path,
        JSON.stringify([
          Array.from(t.toArray() as ArrayLike<number | bigint>, Number),
          t.shape,
          t.dtype,
          t._version,
          t.requiresGrad,
          g === null || g.isDisposed ? null : Array.from(g.toArray() as ArrayLike<number | bigint>, Number),
        ]),
      );
    } catch {
      // a stale tensor among the arguments: nothing to compare
    }
  }
  return m;
}

export interface Outcome {
  threw: boolean;
  error?: unknown;
  problems: string[];
}

/** Whether an error is one torchlet made on purpose: the right classes and no engine message. */
export function errorProblems(e: unknown): string[] {
  if (!(e instanceof Error)) return [`threw a non-Error: ${String(e)}`];
  const cls = e.constructor;
  const out: string[] = [];
  if (cls !== TypeError && cls !== RangeError && cls !== Error) out.push(`threw ${cls.name}: ${e.message}`);
  if (RAW_ENGINE_ERROR.test(e.message))
    out.push(`threw the engine's own message (a check is missing): ${e.name}: ${e.message}`);
  if (/"_[a-zA-Z]/.test(e.message)) out.push(`the message names an internal field: ${e.message}`);
  if (e.message.length < 8) out.push(`message too short: "${e.message}"`);
  return out;
}

/**
 * Runs `run(made)` with `made = setup()`: checks memory, fixtures, arguments and
 * heap afterwards. On error: everything must be as before. On success
 * (`allowSuccess`): once the result and the arguments are disposed, memory
 * must be back where it was before setup (unless `keeps`).
 */
export async function check(
  setup: () => unknown[],
  run: (made: unknown[]) => unknown,
  opts: {
    allowSuccess: boolean;
    keeps?: boolean;
    /** The fixtures' states as last read (a sweep reads them once per call, after it): updated in place. */
    known?: { fixtures: Snapshot["fixtures"] | undefined };
    /** Run a valid op after a failure (default true; a sweep runs one per row instead). */
    nextOp?: boolean;
  },
): Promise<Outcome> {
  const keep = fixtureSet();
  const base = memoryNow();
  aside.length = 0;
  const made = [...setup()];
  // What setup put aside rides along after the arguments: checked and disposed with them, never passed.
  const extra = aside.splice(0);
  const madeAll = [made, extra];
  const before: Snapshot = snapshot(opts.known?.fixtures);
  const args0 = argState(madeAll, keep);
  let result: unknown;
  let threw = false;
  let error: unknown;
  try {
    result = run(made);
    if (result instanceof Promise) result = await result;
  } catch (e) {
    threw = true;
    error = e;
  }
  const problems: string[] = [];
  const after = snapshot();
  if (opts.known) opts.known.fixtures = after.fixtures;
  if (threw) {
    problems.push(...errorProblems(error));
    problems.push(...diff(before, after));
    const args1 = argState(madeAll, keep);
    for (const [k, v] of args0)
      if (args1.get(k) !== v) problems.push(`argument ${k} changed: ${v} -> ${args1.get(k) ?? "(gone)"}`);
  } else {
    if (!opts.allowSuccess) problems.push(`did not throw (returned ${show(result)})`);
    problems.push(...diff(before, after, { memory: false }));
  }
  release(result, keep);
  release(madeAll, keep);
  if (!threw && !opts.keeps) {
    const now = memoryNow();
    if (now.bytesInUse !== base.bytesInUse || now.tensors !== base.tensors) {
      problems.push(
        `after a successful call and disposing its result and arguments, memory went ${JSON.stringify(base)} -> ${JSON.stringify(now)}`,
      );
    }
  }
  if (!torch.isGradEnabled()) {
    problems.push("grad mode left off");
    torch.setGradEnabled(true);
  }
  if (threw && opts.nextOp !== false) problems.push(...nextOpWorks());
  return { threw, error, problems };
}

// ---- junk -----------------------------------------------------------------------

export interface JunkValue {
  label: string;
  make: () => unknown;
  /** A tensor: the only junk a method's receiver gets. */
  tensor?: boolean;
  /** What the error must say when this junk makes a call fail. */
  expect?: RegExp;
}

export const junk: readonly JunkValue[] = [
  { label: "undefined", make: () => undefined },
  { label: "null", make: () => null },
  { label: "NaN", make: () => NaN },
  { label: "Infinity", make: () => Infinity },
  { label: "-Infinity", make: () => -Infinity },
  { label: "-1", make: () => -1 },
  { label: "-7", make: () => -7 },
  { label: "2.5", make: () => 2.5 },
  { label: "2^40", make: () => 2 ** 40 },
  { label: "0", make: () => 0 },
  { label: "true", make: () => true },
  { label: '"x"', make: () => "x" },
  { label: '""', make: () => "" },
  { label: "10n", make: () => 10n },
  { label: "{}", make: () => ({}) },
  { label: "[]", make: () => [] },
  { label: "[[1, 2], [3]] (ragged)", make: () => [[1, 2], [3]] },
  { label: '["a", 1]', make: () => ["a", 1] },
  { label: "[1.5, -2]", make: () => [1.5, -2] },
  { label: "a function", make: () => () => 1 },
  { label: "a Map", make: () => new Map() },
  {
    label: "a disposed tensor",
    make: () => J.disposed,
    tensor: true,
    expect: /was disposed and can no longer be used/,
  },
  {
    label: "a tensor of an earlier init()",
    make: () => J.stale,
    tensor: true,
    expect: /belongs to an earlier torchlet instance/,
  },
  {
    label: "an int32 tensor",
    make: () =>
      torch.tensor([
        [1, 0, 2],
        [2, 1, 0],
      ]),
    tensor: true,
  },
  { label: "a bool tensor", make: () => torch.tensor([true, false]), tensor: true },
  {
    label: "a float64 tensor",
    make: () =>
      torch.tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: "float64" },
      ),
    tensor: true,
  },
  { label: "a 0-d tensor", make: () => torch.tensor(1.5), tensor: true },
  { label: "a [5, 1] tensor", make: () => torch.zeros(5, 1), tensor: true },
  { label: "a [0] tensor", make: () => torch.zeros(0), tensor: true },
  {
    label: "a transposed [3, 2] tensor",
    make: () => {
      const base = torch.zeros(2, 3);
      const t = base.t();
      base.dispose();
      return t;
    },
    tensor: true,
  },
];

/** One mutation of a row's valid arguments. */
export interface Mutation {
  where: string;
  junk: JunkValue;
  apply: (args: unknown[], value: unknown) => unknown[];
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** The positions a row's arguments offer: each argument, each option of an options object, each element of a short list. */
export function positions(
  row: Row,
  args: readonly unknown[],
): { where: string; apply: (args: unknown[], value: unknown) => unknown[]; receiver: boolean }[] {
  const out: { where: string; apply: (args: unknown[], value: unknown) => unknown[]; receiver: boolean }[] = [];
  args.forEach((a, i) => {
    if (row.keepArgs?.[i] !== undefined) return;
    const receiver = row.receiver === true && i === 0;
    if (receiver && !(a instanceof Tensor)) return;
    out.push({ where: `argument ${i}`, receiver, apply: (xs, v) => xs.map((x, j) => (j === i ? v : x)) });
    if (receiver) return;
    if (isPlain(a)) {
      const dict = row.dictArgs?.includes(i) === true;
      for (const k of Object.keys(a)) {
        out.push({
          where: `option ${k}`,
          receiver: false,
          apply: (xs, v) => xs.map((x, j) => (j === i ? { ...(x as object), [k]: v } : x)),
        });
      }
      const where = dict ? "an extra key" : "an unknown option";
      out.push({
        where,
        receiver: false,
        apply: (xs, v) => xs.map((x, j) => (j === i ? { ...(x as object), bogusOption: v } : x)),
      });
    } else if (Array.isArray(a) && a.length > 0 && a.length <= 4) {
      a.forEach((_, e) =>
        out.push({
          where: `element ${e} of argument ${i}`,
          receiver: false,
          apply: (xs, v) => xs.map((x, j) => (j === i ? (x as unknown[]).map((y, q) => (q === e ? v : y)) : x)),
        }),
      );
    }
    // One argument fewer / one more: calls with an argument missing or extra.
  });
  if (row.keepArgs === undefined) {
    out.push({ where: "all arguments missing", receiver: false, apply: (xs) => (row.receiver ? xs.slice(0, 1) : []) });
  }
  return out;
}

/** Runs the valid call and every mutation; returns the problems found and counts. */
export async function sweepRow(
  row: Row,
): Promise<{ tried: number; threw: number; problems: string[]; successes: string[] }> {
  const problems: string[] = [];
  const successes: string[] = [];
  let tried = 0,
    threw = 0;
  const call = row.call as Call;
  // The valid call itself must work and leave nothing behind.
  const known: { fixtures: Snapshot["fixtures"] | undefined } = { fixtures: undefined };
  const valid = await check(
    () => row.args!(),
    (a) => call(...a),
    { allowSuccess: true, keeps: row.keeps, known },
  );
  tried++;
  if (valid.threw) problems.push(`the valid call threw: ${String((valid.error as Error)?.message ?? valid.error)}`);
  problems.push(...valid.problems.map((p) => `valid call: ${p}`));
  const probe = row.args!();
  const where = positions(row, probe);
  release([probe, aside.splice(0)], fixtureSet());
  for (const pos of where) {
    const values = pos.receiver
      ? junk.filter((j) => j.tensor)
      : pos.where === "all arguments missing"
        ? [junk[0]!]
        : junk;
    for (const j of values) {
      tried++;
      let replacedTensor = false;
      const out = await check(
        () => {
          const original = row.args!();
          const v = j.make();
          const mutated = pos.apply(original, v);
          replacedTensor = mutated.some((x, i) => x !== original[i] && original[i] instanceof Tensor);
          // The originals stay in what was made, so the ones the junk replaced are disposed too.
          return [mutated, v, original];
        },
        (m) => call(...(m[0] as unknown[])),
        { allowSuccess: true, keeps: row.keeps, known, nextOp: false },
      );
      const label = `${pos.where} = ${j.label}`;
      if (out.threw) {
        threw++;
        const msg = (out.error as Error)?.message ?? "";
        const metadataOk = row.metadata === true;
        if (j.expect !== undefined && replacedTensor && !j.expect.test(msg) && !metadataOk)
          problems.push(`${label}: expected ${j.expect}, got "${msg}"`);
      } else {
        if (pos.where === "an unknown option") problems.push(`${label}: an unknown option was accepted silently`);
        else successes.push(`${label}`);
      }
      problems.push(...out.problems.map((p) => `${label}: ${p}`));
    }
  }
  // After all the failures: a valid op, and the row's own valid call, still work.
  problems.push(...nextOpWorks().map((p) => `after the sweep: ${p}`));
  const again = await check(
    () => row.args!(),
    (a) => call(...a),
    { allowSuccess: true, keeps: row.keeps },
  );
  if (again.threw)
    problems.push(`after the sweep the valid call threw: ${String((again.error as Error)?.message ?? again.error)}`);
  return { tried, threw, problems, successes };
}
