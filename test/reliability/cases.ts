// Cases many rows share: a bad tensor `input`, and the in-place checks.

import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, type Call, type Case, type Row } from "./table.js";

/** The rest of a call's arguments, given as they are or made fresh per call. */
export type Rest = unknown[] | (() => unknown[]);

/** `rest` as a function that gives the arguments. */
export const restOf =
  (rest: Rest): (() => unknown[]) =>
  () =>
    typeof rest === "function" ? rest() : rest;

/**
 * Cases every op taking a tensor `input` first shares: disposed, of an
 * earlier init(), an array. `argNames`: what PyTorch's message may call the
 * argument.
 */
export function inputCases(name: string, rest: Rest = [], argNames = "input|self"): Case[] {
  const r = restOf(rest);
  return [
    c(
      "input disposed",
      (f) => f(J.disposed, ...r()),
      Error,
      /this tensor \(shape \[2, 3\], float32\) was disposed and can no longer be used/,
    ),
    c(
      "input of an earlier init()",
      (f) => f(J.stale, ...r()),
      Error,
      /this tensor belongs to an earlier torchlet instance/,
    ),
    c(
      "input an array",
      (f) => f([1, 2], ...r()),
      TypeError,
      new RegExp(`${name}\\(\\): argument '(${argNames})' must be a Tensor`),
    ),
  ];
}

/** An in-place call on a leaf that requires grad (F.a). */
export const leafCase = (rest: Rest): Case =>
  c(
    "a leaf that requires grad",
    (f) => f(F.a, ...restOf(rest)()),
    Error,
    /a leaf Variable that requires grad is being used in an in-place operation./,
  );

/** Cases every in-place method shares: a leaf or a view of one that requires grad, disposed, of an earlier init(). */
export function inplaceCases(rest: Rest = []): Case[] {
  const r = restOf(rest);
  return [
    leafCase(r),
    c("disposed", (f) => f(J.disposed, ...r()), Error, /was disposed/),
    c("of an earlier init()", (f) => f(J.stale, ...r()), Error, /earlier torchlet instance/),
    c(
      "a view of a leaf that requires grad",
      (f) => f(F.a.select(0, 0), ...r()),
      Error,
      /a view of a leaf Variable that requires grad is being used in an in-place operation./,
    ),
  ];
}

/**
 * A row for `nn.<name>.forward` on the module `make` gives: valid with
 * `input()` (and `rest()` after it), and with the input disposed; `more`
 * adds the module's own cases.
 */
export function forwardRow(
  name: string,
  make: () => unknown,
  input: () => unknown,
  more: Case[] = [],
  rest: () => unknown[] = () => [],
): void {
  fn(
    `nn.${name}.forward`,
    ((mod: { forward(...x: unknown[]): unknown }, ...x: unknown[]) => mod.forward(...x)) as Call,
    () => [make(), input(), ...rest()],
    [c("input disposed", (f) => f(make(), J.disposed, ...rest()), Error, /was disposed/), ...more],
    { receiver: true },
  );
}

/** Two leaves that require grad: valid optimizer params. */
export const optimParams = (): Tensor[] => [
  torch.ones(2, { requiresGrad: true }),
  torch.ones(3, { requiresGrad: true }),
];

/** Cases every optimizer constructor shares about its options. */
export const optimOptionCases = (name: string): Case[] => [
  c("negative lr", (f) => f(optimParams(), { lr: -1 }), RangeError, /Invalid learning rate: -1/),
  c(
    "lr a string",
    (f) => f(optimParams(), { lr: "0.1" }),
    TypeError,
    new RegExp(`${name}\\(\\): lr must be a number, but got string`),
  ),
  c(
    "unknown option",
    (f) => f(optimParams(), { learningRate: 0.1 }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "learningRate"`),
  ),
];

/** A fresh [[1, 2, 3], [4, 5, 6]] of `dtype`, to write in place. */
export const fresh23 = (dtype: "float32" | "int32" = "float32"): Tensor =>
  torch.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype },
  );

/** Fresh logits [[1, 2, 3], [0.5, -1, 2]] that require grad. */
export const logits = (): Tensor =>
  torch.tensor(
    [
      [1, 2, 3],
      [0.5, -1, 2],
    ],
    { requiresGrad: true },
  );

/** A small fresh MLP: Linear(3, 4), ReLU, Linear(4, 2). */
export const mlp = () =>
  new torch.nn.Sequential(new torch.nn.Linear(3, 4), new torch.nn.ReLU(), new torch.nn.Linear(4, 2));

/** A row for a method of the receiver `args()[0]` (a module, an optimizer); `extra` adds to the row. */
export const methodRow = <R>(
  name: string,
  call: (receiver: R, ...a: unknown[]) => unknown,
  args: () => unknown[],
  cases: Case[],
  extra: Partial<Row> = {},
): void => fn(name, call as never, args, cases, { receiver: true, ...extra });

/** An in-place op on an int64 tensor (then `rest`) whose result is a float: PyTorch refuses the cast. */
export const floatIntoLong = (what: string, ...rest: unknown[]): Case =>
  c(
    what,
    (f) => f(torch.ones(2, { dtype: "int64" }), ...rest),
    TypeError,
    /result type Float can't be cast to the desired output type Long/,
  );

/** A row for a method of the receiver `make()` that takes no arguments: nothing to validate. */
export const noArgsRow = <R>(
  name: string,
  call: (receiver: R) => unknown,
  make: () => unknown,
  extra: Partial<Row> = {},
): void => methodRow<R>(name, call, () => [make()], [], { none: "no arguments", ...extra });

/** A hook that returns `result` (not a tensor): PyTorch names the Python type it got, `pyType`. */
export const badHookCase = (what: string, result: unknown, pyType: string): Case =>
  c(
    what,
    (f, [y]) => f(y),
    TypeError,
    new RegExp(`expected Variable, but hook returned '${pyType}'`),
    () => {
      const y = F.a.mul(2);
      y.registerHook((() => result) as never);
      return [y.sum(), y];
    },
  );

/** An options object with a key the function does not know (`reduce`), passed by `run`. */
export const unknownKey = (name: string, run: (f: Call, o: unknown) => unknown): Case =>
  c(
    "unknown option",
    (f) => run(f, { reduce: false }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "reduce"`),
  );
