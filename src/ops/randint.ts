// Random integers: randint, randintLike (Tensor.random_(from, to) in ATen)
// and randperm, with PyTorch CPU's draws for the same seed.
//
// The draws are those of PyTorch's (one 32-bit draw per element while the
// range fits in 32 bits, else a 64-bit draw), for every integer dtype.

import { Tensor } from "../tensor.js";
import { cppTypeName, isFloating, type DType } from "../dtype.js";
import { checkSize } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { emptyLikeOf, finish } from "./creation.js";
import { fillInOrder, limits, made, splitOptions, type RandomOptions } from "./random.js";
import type { Generator } from "./generator.js";
import { typeOf } from "../args.js";

function checkInt(v: unknown, fn: string, arg: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    const what = typeof v === "number" ? String(v) : typeOf(v);
    throw new TypeError(`${fn}(): argument '${arg}' must be an integer, but got ${what}`);
  }
  return v;
}

/** Reads `(high, size, opts?)` or `(low, high, size, opts?)`. */
function parseBounds(
  args: readonly unknown[],
  fn: string,
  sizeRequired: boolean,
): { low: number; high: number; rest: unknown[] } {
  let k = 0;
  while (k < args.length && typeof args[k] === "number") k++;
  if (k < 1 || k > 2) {
    throw new TypeError(
      `${fn}() takes (high${sizeRequired ? ", size" : ""}) or (low, high${sizeRequired ? ", size" : ""}), but got ${args.length} arguments`,
    );
  }
  const low = k === 2 ? checkInt(args[0], fn, "low") : 0;
  const high = checkInt(args[k - 1], fn, "high");
  return { low, high, rest: args.slice(k) };
}

/** update_from / update_to of ATen: bounds moved to values the float type holds. */
function representableBounds(from: number, to: number, dtype: DType): [number, number] {
  if (dtype !== "float32") return [from, to];
  const digits = 24;
  const log2 = (v: number): number => Math.abs(v).toString(2).length - 1; // floor(log2 |v|) of an integer
  const fromPlus1 = Math.trunc(Math.fround(from + 1));
  if (fromPlus1 < from) from = fromPlus1 + 2 ** (log2(from + 1) - digits + 1);
  const toMinus1 = Math.trunc(Math.fround(to - 1));
  if (toMinus1 >= to) to = toMinus1 - 2 ** (log2(to - 1) - digits + 1);
  return [from, to];
}

/** Fills `t` with integers in [from, to), as Tensor.random_(from, to). */
function randomFromTo(t: Tensor, from: number, to: number, gen: Generator): void {
  if (!(from < to))
    throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  if (isFloating(t.dtype)) {
    [from, to] = representableBounds(from, to, t.dtype);
    if (!(from < to)) {
      throw new RangeError(
        `random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${from} >= to=${to}`,
      );
    }
  } else {
    const [min, max] = limits[t.dtype];
    if (from < min || from > max) throw new RangeError(`from is out of bounds for ${cppTypeName[t.dtype]}`);
    if (to - 1 < min || to - 1 > max) throw new RangeError(`to - 1 is out of bounds for ${cppTypeName[t.dtype]}`);
  }
  const kernel = abi.kernel("randint", t.dtype, "random_from_to_kernel_cpu");
  fillInOrder(t, gen, (g, out, n) => kernel(g, out, n, to - from, from));
}

function checkSizeArray(size: unknown, fn: string): number[] {
  if (!Array.isArray(size)) {
    throw new TypeError(
      `${fn}(): argument 'size' must be an array of integers, but got ${size === undefined ? "nothing" : typeof size}`,
    );
  }
  return size.map((s) => checkSize(s, `${fn}(): size`));
}

/**
 * Random integers in [low, high) (low defaults to 0): randint(10, [2, 3]),
 * randint(-5, 5, [4], { dtype, requiresGrad, generator }). Default dtype
 * int64, as in PyTorch.
 */
export function randint(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const { low, high, rest } = parseBounds(args, "randint", true);
  const shape = checkSizeArray(rest[0], "randint");
  if (rest.length > 2)
    throw new TypeError(
      `randint(): expected at most an options object after size, but got ${rest.length - 1} more arguments`,
    );
  const { opts, gen } = splitOptions(rest[1], "randint");
  const dtype = opts.dtype ?? "int64";
  return made(Tensor._empty(shape, dtype), opts, (t) => randomFromTo(t, low, high, gen));
}

/** randint with the shape (and layout) of `input`: randintLike(x, high) or randintLike(x, low, high, opts). */
export function randintLike(input: Tensor, ...args: (number | RandomOptions)[]): Tensor {
  const { low, high, rest } = parseBounds(args, "randintLike", false);
  if (rest.length > 1)
    throw new TypeError(
      `randintLike(): expected at most an options object after high, but got ${rest.length} more arguments`,
    );
  const { opts, gen } = splitOptions(rest[0], "randintLike");
  const t = emptyLikeOf(input, opts.dtype, "randintLike");
  return made(t, opts, (x) => randomFromTo(x, low, high, gen));
}

/** A random permutation of 0..n-1 (randperm_cpu's Fisher-Yates): int64 unless a dtype is given. */
export function randperm(n: number, opts?: RandomOptions): Tensor {
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new TypeError(`randperm(): argument 'n' must be an integer, but got ${typeof n === "number" ? n : typeof n}`);
  }
  const size = checkSize(n, "randperm(): n");
  const { opts: o, gen } = splitOptions(opts, "randperm");
  const dtype = o.dtype ?? "int64";
  const kernel = abi.kernel("randperm", dtype, "randperm");
  const t = Tensor._empty([size], dtype);
  if (size > 0) kernel(gen._acquire(), t._addr(), size);
  return finish(t, o);
}
