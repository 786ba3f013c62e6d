// The functions of torch.special that are not aliases of torch ops: erfcx,
// ndtri, log_ndtr, i0/i0e/i1/i1e, entr (kernels in assembly/kernels/
// special.ts), xlog1py and zeta (binary, either operand may be a number),
// ndtr, multigammaln (mvlgamma) and round with `decimals`. Each records
// PyTorch 1.13's node; the rules are in ./rules.ts.

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { scalarTypeName, isFloating, type DType } from "../dtype.js";
import { record } from "../autograd/function.js";
import { noGrad } from "../autograd/gradMode.js";
import type { OpName } from "../autograd/registry.js";
import { scoped } from "../memory.js";
import { pyType, checkOptionsObject } from "../args.js";
import { castTo, checkTensor, checkTensorLike, resultTypeOf } from "../ops/launch.js";
import { unaryForward, erf, round as roundHalfEven } from "../ops/unary.js";
import { add, mul, div, binaryForward } from "../ops/binary.js";
import { lgamma } from "../ops/unaryMath.js";
import { arange } from "../ops/ranges.js";
import { unsqueeze } from "../ops/views.js";
import { sum } from "../ops/reduce.js";

const notImplemented = (cpu: string, d: DType): TypeError =>
  new TypeError(`"${cpu}" not implemented for '${scalarTypeName[d]}'`);

/** Which narrow float dtypes PyTorch 1.13's CPU kernel of a function has. */
type Narrow = "none" | "bfloat16" | "both";

/** The dtype a float function computes in: integers and bools give float32; narrow floats as PyTorch has them. */
function floatDType(d: DType, narrow: Narrow, cpu: string): DType {
  if (!isFloating(d)) return "float32";
  if (d === "float16" && narrow !== "both") throw notImplemented(cpu, d);
  if (d === "bfloat16" && narrow === "none") throw notImplemented(cpu, d);
  return d;
}

interface SpecialUnary {
  /** The wasm kernel, `<kernel>_<suffix>`. */
  kernel: string;
  op: OpName;
  narrow: Narrow;
  /** PyTorch's name for the function in its messages, `special_<name>` in arguments. */
  fn: string;
  /** The kernel PyTorch's "not implemented for" message names, when it is not `<kernel>_cpu`. */
  cpu?: string;
}

function specialUnary(s: SpecialUnary) {
  return (input: Tensor): Tensor => {
    checkTensor(input, s.fn, "input");
    const cpu = s.cpu ?? `${s.kernel}_cpu`;
    const dtype = floatDType(input.dtype, s.narrow, cpu);
    return record(s.op, unaryForward(s.kernel, input, dtype, 0, 0, cpu), [input]);
  };
}

/** torch.special.erfcx: the scaled complementary error function exp(x^2) erfc(x); integers give float32. */
export const erfcx = specialUnary({ kernel: "erfcx", op: "specialErfcx", narrow: "none", fn: "special_erfcx" });
/** torch.special.ndtri: the inverse of the standard normal CDF (-inf at 0, inf at 1, NaN outside [0, 1]). */
export const ndtri = specialUnary({ kernel: "ndtri", op: "specialNdtri", narrow: "none", fn: "special_ndtri" });
/** torch.special.log_ndtr: the log of the standard normal CDF, accurate far into both tails. */
export const logNdtr = specialUnary({
  kernel: "log_ndtr",
  op: "specialLogNdtr",
  narrow: "none",
  fn: "special_log_ndtr",
});
/** torch.special.i0 (torch.i0): the modified Bessel function of the first kind of order 0. */
export const i0 = specialUnary({ kernel: "i0", op: "i0", narrow: "bfloat16", fn: "i0", cpu: "i0_vml_cpu" });
/** torch.special.i0e: exp(-|x|) i0(x), the exponentially scaled i0. */
export const i0e = specialUnary({ kernel: "i0e", op: "specialI0e", narrow: "bfloat16", fn: "special_i0e" });
/** torch.special.i1: the modified Bessel function of the first kind of order 1. */
export const i1 = specialUnary({ kernel: "i1", op: "specialI1", narrow: "none", fn: "special_i1" });
/** torch.special.i1e: exp(-|x|) i1(x), the exponentially scaled i1. */
export const i1e = specialUnary({ kernel: "i1e", op: "specialI1e", narrow: "none", fn: "special_i1e" });
/** torch.special.entr: the elementwise entropy -x ln(x), 0 at 0 and -inf below 0. */
export const entr = specialUnary({ kernel: "entr", op: "specialEntr", narrow: "bfloat16", fn: "special_entr" });

/** torch.special.ndtr: the standard normal CDF, (1 + erf(x / sqrt(2))) / 2 as PyTorch computes it (MulBackward1). */
export function ndtr(input: Tensor): Tensor {
  checkTensor(input, "special_ndtr", "input");
  const out = noGrad(() => scoped(() => mul(add(erf(mul(input, Math.SQRT1_2)), 1), 0.5)));
  return record("specialNdtr", out, [input]);
}

/**
 * torch.special.<name> of two tensors or numbers: the kernel `name`, PyTorch's
 * special_<name> in messages and <name>_cpu as its dtype's kernel; `ops` are
 * recorded for (tensor, tensor), (number, tensor) and (tensor, number).
 */
function specialBinary(name: string, narrow: Narrow, ops: readonly [OpName, OpName, OpName]) {
  const fn = `special_${name}`,
    cpu = `${name}_cpu`;
  return (input: TensorLike, other: TensorLike): Tensor => {
    checkTensorLike(input, fn, "self");
    checkTensorLike(other, fn, "other");
    if (!(input instanceof Tensor) && !(other instanceof Tensor))
      throw new TypeError(
        `${fn}() received an invalid combination of arguments - got (${pyType(input)}, ${pyType(other)}), but expected one of:`,
      );
    const dtype = floatDType(resultTypeOf([input, other]), narrow, cpu);
    const out = binaryForward(name as Parameters<typeof binaryForward>[0], input, other, dtype, 1, cpu);
    if (!(input instanceof Tensor)) return record(ops[1], out, [other as Tensor], { self: input });
    if (!(other instanceof Tensor)) return record(ops[2], out, [input], { other });
    return record(ops[0], out, [input, other]);
  };
}

/** torch.special.xlog1py: input * log1p(other), 0 where input is 0 unless other is NaN; either may be a number. */
export const xlog1py = specialBinary("xlog1py", "both", [
  "specialXlog1py",
  "specialXlog1pyScalarSelf",
  "specialXlog1pyScalarOther",
]);

/** torch.special.zeta: the Hurwitz zeta function sum_k (k + other)^-input; either may be a number. */
export const zeta = specialBinary("zeta", "none", ["specialZeta", "specialZetaScalarSelf", "specialZetaScalarOther"]);

/**
 * torch.special.multigammaln (torch.mvlgamma): the log of the multivariate
 * gamma function of dimension `p`, sum_i lgamma(x - i/2) + p(p-1)/4 log(pi)
 * (MvlgammaBackward0).
 */
export function multigammaln(input: Tensor, p: number): Tensor {
  checkTensor(input, "special_multigammaln", "input");
  if (typeof p !== "number" || !Number.isInteger(p))
    throw new TypeError(`special_multigammaln(): argument 'p' (position 2) must be int, not ${pyType(p)}`);
  if (input.dtype === "bool") throw new TypeError("The input tensor may not be a boolean tensor.");
  if (p < 1) throw new RangeError("p has to be greater than or equal to 1");
  const dtype = isFloating(input.dtype) ? input.dtype : "float32";
  const out = noGrad(() =>
    scoped(() => {
      const args = arange(-p / 2 + 0.5, 0.5, 0.5, { dtype });
      const terms = lgamma(add(args, unsqueeze(input, -1)));
      return add(sum(terms, -1), (p * (p - 1) * Math.log(Math.PI)) / 4);
    }),
  );
  return record("mvlgamma", out, [input], { p });
}

/** Options of torch.special.round. */
export interface RoundOptions {
  /** Digits after the point to round to (negative: to tens, hundreds, ...); 0 by default. */
  decimals?: number;
}

/** x rounded (half to even) to `decimals` digits, as PyTorch's round_decimals kernel in `x`'s dtype. */
function roundDecimals(x: Tensor, decimals: number): Tensor {
  const ten = 10 ** Math.abs(decimals);
  if (decimals < 0) return mul(roundHalfEven(div(x, ten)), ten);
  return div(roundHalfEven(mul(x, ten)), ten);
}

/**
 * torch.special.round: each element rounded to `decimals` digits (0 by
 * default), halves to even; floating inputs only (RoundBackward1).
 */
export function round(input: Tensor, opts?: RoundOptions): Tensor {
  checkTensor(input, "special_round", "input");
  const { decimals = 0 } = checkOptionsObject<RoundOptions>(opts, "special_round", ["decimals"]);
  if (typeof decimals !== "number" || !Number.isInteger(decimals))
    throw new TypeError(`special_round(): argument 'decimals' must be int, not ${pyType(decimals)}`);
  const d = input.dtype;
  const cpu = decimals === 0 ? "round_vml_cpu" : "round_cpu";
  if (!isFloating(d) || d === "float16") throw notImplemented(cpu, d);
  const out =
    decimals === 0
      ? unaryForward("round", input, d)
      : noGrad(() =>
          scoped(() => {
            // bfloat16 computes in float32 (PyTorch's opmath) and rounds once.
            if (d !== "bfloat16") return roundDecimals(input, decimals);
            return castTo(roundDecimals(castTo(input, "float32"), decimals), d);
          }),
        );
  return record("roundDecimals", out, [input], { decimals });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.i0: the modified Bessel function of the first kind of order 0 (torch.i0, I0Backward0). */
    i0(): Tensor;
  }
}

addMethods({
  i0(this: Tensor): Tensor {
    return i0(this);
  },
});
