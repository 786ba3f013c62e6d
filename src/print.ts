// PyTorch's printed form of a tensor, byte for byte (torch/_tensor_str.py with
// the default print options: precision 4, threshold 1000, edgeitems 3,
// linewidth 80). Values are formatted from their exact binary value with
// round-half-even, as Python's format() does.

import type { DType } from "./dtype.js";

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

export const printOptions: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };

const DEFAULTS: PrintOptions = { ...printOptions };

/** torch.set_printoptions: precision, threshold, edgeitems, linewidth, sciMode, or a profile. */
export function setPrintOptions(opts: Partial<PrintOptions> & { profile?: "default" | "short" | "full" }): void {
  if (opts.profile !== undefined) {
    Object.assign(printOptions, DEFAULTS);
    if (opts.profile === "short") Object.assign(printOptions, { precision: 2, edgeitems: 2 });
    if (opts.profile === "full") printOptions.threshold = Infinity;
  }
  for (const k of ["precision", "threshold", "edgeitems", "linewidth"] as const) {
    const v = opts[k];
    if (v !== undefined) {
      if (typeof v !== "number" || !(v >= 0)) throw new TypeError(`setPrintOptions(): ${k} must be a non-negative number`);
      printOptions[k] = v;
    }
  }
  printOptions.sciMode = opts.sciMode ?? null;
}

// ---- number formatting like Python's format() --------------------------------

/** Python's "{:.Nf}" for a double: exact value, ties to even. */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) s = bigFixed(a, digits);
  else {
    s = a.toFixed(digits);
    // JS rounds exact ties away from zero, Python to even: on a tie whose JS result is odd, truncate.
    const long = a.toFixed(Math.min(100, digits + 30));
    const tail = long.slice(long.length - 30);
    if (/^50*$/.test(tail) && isOddLastDigit(s) === true) {
      s = long.slice(0, long.length - (digits === 0 ? 31 : 30));
    }
  }
  return neg ? "-" + s : s;
}

/** Whether the last digit of a decimal string is odd (null if it has none). */
function isOddLastDigit(s: string): boolean | null {
  const c = s.charCodeAt(s.length - 1) - 48;
  return c >= 0 && c <= 9 ? (c & 1) === 1 : null;
}

/** toFixed switches to exponent form at 1e21; Python does not. */
function bigFixed(a: number, digits: number): string {
  const int = BigInt(a).toString();
  return digits > 0 ? `${int}.${"0".repeat(digits)}` : int;
}

/** Python's "{:.Ne}": mantissa with N digits, exponent sign and at least two digits, ties to even. */
export function formatExp(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toExponential(digits);
  const long = a.toExponential(Math.min(100, digits + 30));
  const [mant, exp] = long.split("e") as [string, string];
  const tail = mant.slice(mant.length - 30);
  const kept = s.split("e")[0]!;
  if (/^50*$/.test(tail) && isOddLastDigit(kept) === true) {
    s = `${mant.slice(0, mant.length - (digits === 0 ? 31 : 30))}e${exp}`;
  }
  const [m, e] = s.split("e") as [string, string];
  const sign = e[0] === "-" ? "-" : "+";
  const digitsE = e.replace(/^[+-]/, "");
  return `${neg ? "-" : ""}${m}e${sign}${digitsE.length < 2 ? "0" + digitsE : digitsE}`;
}

// ---- the formatter ---------------------------------------------------------------

interface Formatter {
  width: number;
  format(v: number): string;
}

function makeFormatter(values: ArrayLike<number>, dtype: DType): Formatter {
  const p = printOptions.precision;
  let width = 1;
  if (dtype === "bool" || dtype === "int32") {
    const str = dtype === "bool" ? (v: number) => (v ? "True" : "False") : (v: number) => String(v);
    for (let i = 0; i < values.length; i++) width = Math.max(width, str(values[i]!).length);
    return { width, format: (v) => str(v).padStart(width) };
  }
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v !== 0) finite.push(v);
  }
  let intMode = true;
  let sciMode = false;
  if (finite.length > 0) {
    let min = Infinity, max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) intMode = false;
    }
    if (intMode) {
      if (max / min > 1000 || max > 1e8) {
        sciMode = true;
        for (const v of finite) width = Math.max(width, formatExp(v, p).length);
      } else {
        for (const v of finite) width = Math.max(width, formatFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      sciMode = true;
      for (const v of finite) width = Math.max(width, formatExp(v, p).length);
    } else {
      for (const v of finite) width = Math.max(width, formatFixed(v, p).length);
    }
  }
  if (printOptions.sciMode !== null) sciMode = printOptions.sciMode;
  const w = width;
  return {
    width: w,
    format(v: number): string {
      let s: string;
      if (sciMode) s = formatExp(v, p);
      else if (intMode) {
        s = formatFixed(v, 0);
        if (Number.isFinite(v)) s += ".";
      } else s = formatFixed(v, p);
      return s.padStart(w);
    },
  };
}

// ---- layout ----------------------------------------------------------------------

/** Values of the edge items only (what PyTorch's get_summarized_data keeps). */
function summarizedValues(values: ArrayLike<number>, shape: readonly number[], strides: readonly number[]): number[] {
  const e = printOptions.edgeitems;
  const out: number[] = [];
  const walk = (d: number, base: number): void => {
    if (d === shape.length) {
      out.push(values[base]!);
      return;
    }
    const n = shape[d]!;
    const idx = n > 2 * e ? [...range(0, e), ...range(n - e, n)] : range(0, n);
    for (const i of idx) walk(d + 1, base + i * strides[d]!);
  };
  walk(0, 0);
  return out;
}

const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

function body(values: ArrayLike<number>, shape: readonly number[], dtype: DType, indent: number): string {
  const numel = values.length;
  if (numel === 0) return "[]";
  const summarize = numel > printOptions.threshold;
  const strides: number[] = new Array(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const fmt = makeFormatter(summarize ? summarizedValues(values, shape, strides) : values, dtype);
  const e = printOptions.edgeitems;

  const vector = (base: number, n: number, ind: number): string => {
    const elementLength = fmt.width + 2;
    const perLine = Math.max(1, Math.floor((printOptions.linewidth - ind) / elementLength));
    let data: string[];
    if (summarize && n > 2 * e) {
      data = [...range(0, e).map((i) => fmt.format(values[base + i]!)), " ...", ...range(n - e, n).map((i) => fmt.format(values[base + i]!))];
    } else data = range(0, n).map((i) => fmt.format(values[base + i]!));
    const lines: string[] = [];
    for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(", "));
    return "[" + lines.join(",\n" + " ".repeat(ind + 1)) + "]";
  };

  const rec = (d: number, base: number, ind: number): string => {
    const dims = shape.length - d;
    if (dims === 0) return fmt.format(values[base]!);
    if (dims === 1) return vector(base, shape[d]!, ind);
    const n = shape[d]!;
    let slices: string[];
    if (summarize && n > 2 * e) {
      slices = [...range(0, e).map((i) => rec(d + 1, base + i * strides[d]!, ind + 1)), "...",
        ...range(n - e, n).map((i) => rec(d + 1, base + i * strides[d]!, ind + 1))];
    } else slices = range(0, n).map((i) => rec(d + 1, base + i * strides[d]!, ind + 1));
    return "[" + slices.join("," + "\n".repeat(dims - 1) + " ".repeat(ind + 1)) + "]";
  };
  return rec(0, 0, indent);
}

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

const pyTuple = (shape: readonly number[]): string => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`);

export interface PrintInput {
  values: ArrayLike<number>;
  shape: readonly number[];
  dtype: DType;
  /** e.g. "AddBackward0", or null */
  gradFn: string | null;
  requiresGrad: boolean;
}

/** The string PyTorch prints for a tensor with these values and attributes. */
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
    // int32 is torchlet's default integer dtype, as int64 is PyTorch's: no suffix.
    if (t.dtype === "float64") suffixes.push("dtype=torch.float64");
    str = body(t.values, t.shape, t.dtype, indent);
  }
  if (t.gradFn !== null) suffixes.push(`grad_fn=<${t.gradFn}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + str, suffixes, indent);
}
