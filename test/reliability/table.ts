// The bad-input table's types and builders. A row per public name (see
// surface.ts): a valid call (the sweep derives its bad calls from it) and the
// hand-written cases, each with the error class and what the message must say.
// The rows themselves are in rows-*.ts, one file per family.

import * as torch from "../../src/index.js";
import type { ErrorClass } from "./harness.js";

export type Call = (...args: any[]) => unknown;

export interface Case {
  /** What was wrong, as the errors doc lists it. */
  what: string;
  /**
   * Makes the bad call through the row's function (so torch.f and Tensor.f
   * share their cases), with what `setup` made.
   */
  run: (f: Call, made: any[]) => unknown;
  /**
   * Makes the tensors (modules, ...) the call needs, before memory is
   * measured; they must come out of the call unchanged and are disposed after.
   */
  setup?: () => unknown[];
  error: ErrorClass;
  /** What the message must say. */
  message: RegExp;
}

export interface Row {
  name: string;
  call: Call;
  /** Fresh valid arguments for `call` (tensors made here are disposed after the call). */
  args?: () => unknown[];
  cases: Case[];
  /** args[0] is the receiver of a method: the sweep puts only tensors there. */
  receiver?: boolean;
  /** Why the sweep leaves this row out. */
  noSweep?: string;
  /** Arg positions the sweep leaves alone (a callback, say), with why. */
  keepArgs?: Record<number, string>;
  /** A successful call may keep memory (optimizer state, a generator's draws): skip the success-path memory check. */
  keeps?: boolean;
  /** Nothing to validate (a getter, a call without arguments): why. */
  none?: string;
  /** Shares its cases with that row (a method and its function); the doc says so instead of repeating them. */
  sameAs?: string;
  /** Arg positions holding a dictionary (named tensors, a state dict), not options: extra keys are not unknown options. */
  dictArgs?: number[];
  /** Reads only metadata: using a disposed tensor may succeed. */
  metadata?: boolean;
}

export const rows = new Map<string, Row>();

function add(row: Row): void {
  if (rows.has(row.name)) throw new Error(`duplicate row ${row.name}`);
  rows.set(row.name, row);
}

/** A case: what was wrong, the call, the error class, what the message says, and what to make first. */
export const c = (
  what: string,
  run: (f: Call, made: any[]) => unknown,
  error: ErrorClass,
  message: RegExp,
  setup?: () => unknown[],
): Case => (setup === undefined ? { what, run, error, message } : { what, run, error, message, setup });

type Extra = Omit<Partial<Row>, "name" | "call" | "args" | "cases">;

/** A row for a function or constructor that is not also a Tensor method. */
export function fn(name: string, call: Call, args: (() => unknown[]) | null, cases: Case[], extra: Extra = {}): void {
  add({ name, call, ...(args === null ? {} : { args }), cases, ...extra });
}

/** Rows for `torch.<name>(input, ...)` and `Tensor.<name>(...)`, sharing args and cases. */
export function op(
  name: string,
  args: () => unknown[],
  cases: Case[],
  extra: Extra & { method?: boolean; fnName?: string } = {},
): void {
  const { method: withMethod = true, fnName = name, ...rest } = extra;
  const f = (torch as unknown as Record<string, Call>)[fnName];
  if (typeof f !== "function") throw new Error(`torch.${fnName} is not a function`);
  add({ name: `torch.${fnName}`, call: f, args, cases, ...rest });
  if (withMethod) method(name, args, cases, { sameAs: `torch.${fnName}`, ...rest });
}

/** A row for a Tensor method without a torch.* function (in-place ops, backward, ...). */
export function method(name: string, args: () => unknown[], cases: Case[], extra: Extra = {}): void {
  add({
    name: `Tensor.${name}`,
    call: (x: Record<string, Call>, ...r: unknown[]) => x[name]!(...r),
    args,
    cases,
    receiver: true,
    ...extra,
  });
}

/** A row for a property: reading it (and writing it when `set` is given). */
export function prop(
  cls: string,
  name: string,
  cases: Case[],
  extra: Extra & { setArgs?: () => unknown[] } = {},
): void {
  const { setArgs, ...rest } = extra;
  const call = setArgs
    ? (x: Record<string, unknown>, v: unknown) => {
        x[name] = v;
        return undefined;
      }
    : (x: Record<string, unknown>) => x[name];
  add({ name: `${cls}.${name}`, call, ...(setArgs ? { args: setArgs } : {}), cases, receiver: true, ...rest });
}

/** Rows that take nothing to validate. */
export function none(names: readonly string[], why: string): void {
  for (const name of names) add({ name, call: () => undefined, cases: [], none: why });
}
