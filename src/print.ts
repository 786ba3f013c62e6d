// PyTorch's printed form of a tensor, byte for byte. The spec is
// torch/_tensor_str.py (PyTorch 1.13): _Formatter picks one format for all
// elements (integer mode, fixed point, or scientific) and one width,
// _vector_str wraps rows at the line width, _tensor_str_with_formatter nests
// brackets, summarisation keeps `edgeitems` at each end of every dim past
// `threshold` elements, and _add_suffixes appends dtype=, requires_grad=,
// grad_fn= (wrapping them too). Numbers are formatted like Python's format():
// from the exact binary value, rounding ties to even.

import { isHalf, isSmallInt, type DType } from "./dtype.js";
import { isPlainObject, kindOf } from "./args.js";

/** The print options in force (torch.set_printoptions's arguments), read by `String(x)`. */
export interface PrintOptions {
  /** Digits after the point (fixed) or in the mantissa (scientific). Default 4. */
  precision: number;
  /** Element count above which a tensor is summarised with `...`. Default 1000. */
  threshold: number;
  /** Items kept at the start and end of each summarised dim. Default 3. */
  edgeitems: number;
  /** Characters per line before rows wrap. Default 80. */
  linewidth: number;
  /** Force scientific notation on (true) or off (false); null lets the values decide. */
  sciMode: boolean | null;
}

const printOptions: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };

const PROFILES = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
} as const;

/** The argument of `setPrintOptions`: PyTorch's keyword arguments, camelCase (`sciMode` for sci_mode). */
export interface SetPrintOptions extends Partial<PrintOptions> {
  /** "default", "short" (precision 2, edgeitems 2) or "full" (never summarise), applied before the other options. */
  profile?: keyof typeof PROFILES;
}

const OPTION_KEYS = new Set(["precision", "threshold", "edgeitems", "linewidth", "sciMode", "profile"]);

/**
 * torch.set_printoptions: options left out keep their value, except sciMode,
 * which (as in PyTorch) goes back to automatic unless given.
 */
export function setPrintOptions(opts: SetPrintOptions = {}): void {
  if (!isPlainObject(opts as unknown))
    throw new TypeError(`setPrintOptions(): options must be an object, but got ${kindOf(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!OPTION_KEYS.has(k))
      throw new TypeError(`setPrintOptions(): unknown option "${k}" (expected ${[...OPTION_KEYS].join(", ")})`);
  }
  const next: PrintOptions = { ...printOptions };
  if (opts.profile !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(PROFILES, opts.profile)) {
      throw new TypeError(
        `setPrintOptions(): profile must be "default", "short" or "full", but got ${typeof opts.profile === "string" ? JSON.stringify(opts.profile) : kindOf(opts.profile)}`,
      );
    }
    Object.assign(next, PROFILES[opts.profile]);
  }
  for (const k of ["precision", "threshold", "edgeitems", "linewidth"] as const) {
    const v = opts[k];
    if (v === undefined) continue;
    const ok = typeof v === "number" && v >= 0 && (Number.isInteger(v) || (k === "threshold" && v === Infinity));
    if (!ok)
      throw new TypeError(
        `setPrintOptions(): ${k} must be a non-negative integer${k === "threshold" ? " or Infinity" : ""}, but got ${String(v)}`,
      );
    next[k] = v;
  }
  if (opts.sciMode !== undefined && opts.sciMode !== null && typeof opts.sciMode !== "boolean") {
    throw new TypeError(`setPrintOptions(): sciMode must be a boolean or null, but got ${String(opts.sciMode)}`);
  }
  next.sciMode = opts.sciMode ?? null;
  Object.assign(printOptions, next);
}

// ---- numbers as Python's format() writes them -------------------------------------

/**
 * Applies Python's tie rule to a JS rounding. `rounded` is JS's result
 * (correct, except that it breaks exact ties away from zero); `long` is the
 * same number with 30 more digits, exact enough to see a tie. On a tie,
 * Python keeps the even candidate: the truncated one when its last digit is
 * even (a double has at most 17 significant digits, so a tie shows as a 5
 * followed by zeros within those 30 digits).
 */
function halfEven(rounded: string, long: string, extra: number): string {
  const tail = long.slice(long.length - extra);
  if (!/^50*$/.test(tail)) return rounded;
  let down = long.slice(0, long.length - extra);
  if (down.endsWith(".")) down = down.slice(0, -1);
  const last = down.charCodeAt(down.length - 1) - 48;
  return (last & 1) === 0 ? down : rounded;
}

/** Python's "{:.Nf}".format(x) for a double. */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  if (a >= 1e21) {
    // toFixed switches to exponent form here; such a double is an integer, exactly.
    return sign + BigInt(a).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  }
  const extra = Math.min(30, 100 - digits);
  return sign + halfEven(a.toFixed(digits), a.toFixed(digits + extra), extra);
}

/** Python's "{:.Ne}".format(x): N mantissa digits, an exponent with a sign and at least two digits. */
export function formatExp(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  const extra = Math.min(30, 100 - digits);
  const [longMant, longExp] = a.toExponential(digits + extra).split("e") as [string, string];
  const [mant, exp] = a.toExponential(digits).split("e") as [string, string];
  // Both candidates of a tie share the long form's exponent unless rounding up carried into a new power of ten.
  const picked = halfEven(mant, longMant, extra);
  const e = Number(picked === mant ? exp : longExp);
  return `${sign}${picked}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

// ---- _Formatter ------------------------------------------------------------------------

interface Formatter {
  width: number;
  format(v: number | bigint): string;
}

/** One format and width for all of `values` (the summarised ones when summarising), as _Formatter. */
function makeFormatter(all: ArrayLike<number | bigint>, dtype: DType): Formatter {
  const p = printOptions.precision;
  if (dtype === "bool" || dtype === "int32" || dtype === "int64" || isSmallInt(dtype)) {
    const values = all;
    const str = dtype === "bool" ? (v: number | bigint) => (v ? "True" : "False") : (v: number | bigint) => String(v);
    let width = 1;
    for (let i = 0; i < values.length; i++) width = Math.max(width, str(values[i]!).length);
    return { width, format: (v) => str(v).padStart(width) };
  }
  const values = all as ArrayLike<number>;
  let width = 1;
  let intMode = true;
  let sciMode = false;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v !== 0) finite.push(v);
  }
  if (finite.length > 0) {
    let min = Infinity,
      max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) intMode = false;
    }
    const measure = (f: (v: number) => string, pad: number): void => {
      for (const v of finite) width = Math.max(width, f(v).length + pad);
    };
    if (intMode) {
      if (max / min > 1000 || max > 1e8) {
        sciMode = true;
        measure((v) => formatExp(v, p), 0);
      } else measure((v) => formatFixed(v, 0), 1); // room for the "." that marks a float
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      sciMode = true;
      measure((v) => formatExp(v, p), 0);
    } else measure((v) => formatFixed(v, p), 0);
  }
  if (printOptions.sciMode !== null) sciMode = printOptions.sciMode;
  const w = width;
  return {
    width: w,
    format(v: number): string {
      let s: string;
      if (sciMode) s = formatExp(v, p);
      else if (intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
      else s = formatFixed(v, p);
      return s.padStart(w);
    },
  };
}

// ---- layout ------------------------------------------------------------------------------

const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

/** The indices kept along a dim of size n: all, or edgeitems at each end (get_summarized_data). */
function kept(n: number, summarize: boolean): { head: number[]; tail: number[] } {
  const e = printOptions.edgeitems;
  if (summarize && n > 2 * e) return { head: range(0, e), tail: range(n - e, n) };
  return { head: range(0, n), tail: [] };
}

/** The bracketed body: _tensor_str (values row-major, contiguous). */
function body(values: ArrayLike<number | bigint>, shape: readonly number[], dtype: DType, indent: number): string {
  const summarize = values.length > printOptions.threshold;
  const strides: number[] = new Array(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  // The formatter sees only the values that will be printed.
  const shown: (number | bigint)[] = [];
  const collect = (d: number, base: number): void => {
    if (d === shape.length) {
      shown.push(values[base]!);
      return;
    }
    const { head, tail } = kept(shape[d]!, summarize);
    for (const i of [...head, ...tail]) collect(d + 1, base + i * strides[d]!);
  };
  collect(0, 0);
  const fmt = makeFormatter(shown, dtype);

  const vector = (base: number, n: number, ind: number): string => {
    const perLine = Math.max(1, Math.floor((printOptions.linewidth - ind) / (fmt.width + 2)));
    const { head, tail } = kept(n, summarize);
    const data = head.map((i) => fmt.format(values[base + i]!));
    if (tail.length > 0) data.push(" ...", ...tail.map((i) => fmt.format(values[base + i]!)));
    const lines: string[] = [];
    for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(", "));
    return "[" + lines.join(",\n" + " ".repeat(ind + 1)) + "]";
  };

  const nested = (d: number, base: number, ind: number): string => {
    const dims = shape.length - d;
    if (dims === 0) return fmt.format(values[base]!);
    if (dims === 1) return vector(base, shape[d]!, ind);
    const { head, tail } = kept(shape[d]!, summarize);
    const slices = head.map((i) => nested(d + 1, base + i * strides[d]!, ind + 1));
    if (tail.length > 0) slices.push("...", ...tail.map((i) => nested(d + 1, base + i * strides[d]!, ind + 1)));
    return "[" + slices.join("," + "\n".repeat(dims - 1) + " ".repeat(ind + 1)) + "]";
  };
  return nested(0, 0, indent);
}

/** _add_suffixes: ", suffix" while it fits on the last line, else a new line at the indent. */
function addSuffixes(str: string, suffixes: readonly string[], indent: number): string {
  const parts = [str];
  let lastLineLen = str.length - str.lastIndexOf("\n") + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > printOptions.linewidth) {
      parts.push(",\n" + " ".repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(", " + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

/** Python's str(tuple(shape)). */
const pyTuple = (shape: readonly number[]): string => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`);

export interface PrintInput {
  /** Row-major values (bool as 0/1; int64 as bigints). */
  values: ArrayLike<number | bigint>;
  shape: readonly number[];
  dtype: DType;
  /** The grad_fn's name ("AddBackward0"), or null. */
  gradFn: string | null;
  requiresGrad: boolean;
}

/**
 * The string PyTorch prints for a tensor with these values and attributes:
 * float32, int64 and bool (the dtypes PyTorch infers) print without a dtype
 * suffix unless empty; an empty tensor that is not float32 names its dtype.
 */
export function formatTensor(t: PrintInput): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  let str: string;
  if (t.values.length === 0) {
    if (t.shape.length !== 1) suffixes.push(`size=${pyTuple(t.shape)}`);
    if (t.dtype !== "float32") suffixes.push(`dtype=torch.${t.dtype}`);
    str = "[]";
  } else {
    if (t.dtype === "float64" || t.dtype === "int32" || isSmallInt(t.dtype) || isHalf(t.dtype))
      suffixes.push(`dtype=torch.${t.dtype}`);
    str = body(t.values, t.shape, t.dtype, indent);
  }
  if (t.gradFn !== null) suffixes.push(`grad_fn=<${t.gradFn}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + str, suffixes, indent);
}
