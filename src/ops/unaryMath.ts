// The unary math ops of issue 17: erfc, erfinv, the trigonometric and
// hyperbolic functions and their inverses, log2/log10/exp2, lgamma, digamma,
// polygamma, sinc, deg2rad/rad2deg, logit and frac. Each is a spec in
// unarySpecs (src/ops/unary.ts: one kernel, integer and bool inputs give
// float32; the in-place `_` methods come from src/ops/inplace.ts), except
// polygamma and logit, which take a parameter; their kernels are in
// assembly/kernels/unary.ts and umath.ts.

import { Tensor } from "../tensor.js";
import { addMethods, addMethodsOf } from "../methods.js";
import { pyType, optionalArgs } from "../args.js";
import { record } from "../autograd/function.js";
import { checkTensor } from "./launch.js";
import { unaryDType, unaryForward, unaryOp, unarySpecs, type UnarySpec } from "./unary.js";
import { unaryParam_ } from "./inplace.js";

/** torch.erfc: 1 - erf(x), accurate where it is tiny; integer and bool inputs give float32. */
export const erfc = unaryOp(unarySpecs.erfc);
/** torch.erfinv: the inverse error function (NaN outside [-1, 1], +-inf at +-1); integer and bool inputs give float32. */
export const erfinv = unaryOp(unarySpecs.erfinv);
/** torch.tan: the tangent of each element (radians); integer and bool inputs give float32. */
export const tan = unaryOp(unarySpecs.tan);
/** torch.asin: the arcsine of each element, NaN outside [-1, 1]. */
export const asin = unaryOp(unarySpecs.asin);
/** torch.acos: the arccosine of each element, NaN outside [-1, 1]. */
export const acos = unaryOp(unarySpecs.acos);
/** torch.atan: the arctangent of each element. */
export const atan = unaryOp(unarySpecs.atan);
/** torch.sinh: the hyperbolic sine of each element; integer and bool inputs give float32. */
export const sinh = unaryOp(unarySpecs.sinh);
/** torch.cosh: the hyperbolic cosine of each element; integer and bool inputs give float32. */
export const cosh = unaryOp(unarySpecs.cosh);
/** torch.asinh: the inverse hyperbolic sine of each element. */
export const asinh = unaryOp(unarySpecs.asinh);
/** torch.acosh: the inverse hyperbolic cosine of each element, NaN below 1. */
export const acosh = unaryOp(unarySpecs.acosh);
/** torch.atanh: the inverse hyperbolic tangent of each element, NaN outside [-1, 1]. */
export const atanh = unaryOp(unarySpecs.atanh);
/** torch.log2: the base-2 logarithm of each element; integer and bool inputs give float32. */
export const log2 = unaryOp(unarySpecs.log2);
/** torch.log10: the base-10 logarithm of each element; integer and bool inputs give float32. */
export const log10 = unaryOp(unarySpecs.log10);
/** torch.exp2: 2 to the power of each element; integer and bool inputs give float32. */
export const exp2 = unaryOp(unarySpecs.exp2);
/** torch.lgamma: log |gamma(x)| of each element (inf at 0 and the negative integers). */
export const lgamma = unaryOp(unarySpecs.lgamma);
/** torch.digamma: the logarithmic derivative of gamma, d/dx lgamma(x) (-inf at 0, NaN at the negative integers). */
export const digamma = unaryOp(unarySpecs.digamma);
/** torch.sinc: sin(pi x) / (pi x), 1 at 0; integer and bool inputs give float32. */
export const sinc = unaryOp(unarySpecs.sinc);
/** torch.deg2rad: each element converted from degrees to radians; integer and bool inputs give float32. */
export const deg2rad = unaryOp(unarySpecs.deg2rad);
/** torch.rad2deg: each element converted from radians to degrees; integer and bool inputs give float32. */
export const rad2deg = unaryOp(unarySpecs.rad2deg);
/** torch.frac: x - trunc(x), the fractional part with x's sign; floating inputs only, as in PyTorch. */
export const frac = unaryOp(unarySpecs.frac);

const polygammaSpec: UnarySpec = { name: "polygamma", op: "polygamma", float: true, inplaceOp: "polygammaInplace" };
const logitSpec: UnarySpec = { name: "logit", op: "logit", float: true, torchOp: "logit_cpu" };

/** polygamma's n: a non-negative integer, with PyTorch's messages. */
function checkOrder(n: unknown, fn: string): number {
  if (typeof n !== "number" || !Number.isInteger(n))
    throw new TypeError(`${fn}(): argument 'n' (position 1) must be int, not ${pyType(n)}`);
  if (n < 0) throw new RangeError("polygamma(n, x) does not support negative n.");
  return n;
}

/** PyTorch's float16 message: it names the kernel polygamma(n) dispatches to. */
function checkHalf(n: number, input: Tensor): void {
  if (input.dtype === "float16") {
    const name = n === 0 ? "digamma" : n === 1 ? "trigamma" : "polygamma";
    throw new TypeError(`"${name}" not implemented for 'Half'`);
  }
}

/**
 * torch.polygamma(n, input): the n-th derivative of digamma (n = 0 is
 * digamma itself); integer and bool inputs give float32 (PolygammaBackward0).
 */
export function polygamma(n: number, input: Tensor): Tensor {
  checkOrder(n, "polygamma");
  checkTensor(input, "polygamma", "input");
  checkHalf(n, input);
  const dtype = unaryDType(polygammaSpec, input.dtype);
  const out = unaryForward("polygamma", input, dtype, n);
  return record("polygamma", out, [input], { n });
}

/** logit's eps from `logit(x, eps)` or `logit(x, { eps })`: a number, or null/undefined for none. */
function epsOf(args: readonly unknown[], fn: string): number | null {
  const { eps } = optionalArgs(args, fn, ["eps"]);
  if (eps === undefined || eps === null) return null;
  if (typeof eps !== "number") throw new TypeError(`${fn}(): argument 'eps' must be float, not ${pyType(eps)}`);
  return eps;
}

/** Options of torch.logit. */
export interface LogitOptions {
  /** Inputs are clamped to [eps, 1 - eps] first; none (the default) leaves them as they are. */
  eps?: number | null;
}

/**
 * torch.logit: log(x / (1 - x)) of each element, with x clamped to
 * [eps, 1 - eps] when `eps` is given (`logit(x, 1e-6)` or `logit(x, { eps })`);
 * integer and bool inputs give float32 (LogitBackward0).
 */
export function logit(input: Tensor, ...args: [eps?: number | null] | [opts?: LogitOptions]): Tensor {
  checkTensor(input, "logit", "input");
  const eps = epsOf(args, "logit");
  const dtype = unaryDType(logitSpec, input.dtype);
  const out = unaryForward("logit", input, dtype, eps ?? -1, 0, "logit_cpu");
  return record("logit", out, [input], { eps });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.erfc: 1 - erf(x) for each element; integer inputs give float32. */
    erfc(): Tensor;
    /** Tensor.erfinv: the inverse error function of each element; integer inputs give float32. */
    erfinv(): Tensor;
    /** Tensor.tan: the tangent of each element; integer inputs give float32. */
    tan(): Tensor;
    /** Tensor.asin: the arcsine of each element; integer inputs give float32. */
    asin(): Tensor;
    /** Tensor.acos: the arccosine of each element; integer inputs give float32. */
    acos(): Tensor;
    /** Tensor.atan: the arctangent of each element; integer inputs give float32. */
    atan(): Tensor;
    /** Tensor.sinh: the hyperbolic sine of each element; integer inputs give float32. */
    sinh(): Tensor;
    /** Tensor.cosh: the hyperbolic cosine of each element; integer inputs give float32. */
    cosh(): Tensor;
    /** Tensor.asinh: the inverse hyperbolic sine of each element; integer inputs give float32. */
    asinh(): Tensor;
    /** Tensor.acosh: the inverse hyperbolic cosine of each element; integer inputs give float32. */
    acosh(): Tensor;
    /** Tensor.atanh: the inverse hyperbolic tangent of each element; integer inputs give float32. */
    atanh(): Tensor;
    /** Tensor.log2: the base-2 logarithm of each element; integer inputs give float32. */
    log2(): Tensor;
    /** Tensor.log10: the base-10 logarithm of each element; integer inputs give float32. */
    log10(): Tensor;
    /** Tensor.exp2: 2 to the power of each element; integer inputs give float32. */
    exp2(): Tensor;
    /** Tensor.lgamma: log |gamma(x)| of each element; integer inputs give float32. */
    lgamma(): Tensor;
    /** Tensor.digamma: d/dx lgamma(x) of each element; integer inputs give float32. */
    digamma(): Tensor;
    /** Tensor.polygamma: the n-th derivative of digamma of each element (see `torch.polygamma`). */
    polygamma(n: number): Tensor;
    /** Tensor.sinc: sin(pi x) / (pi x) of each element; integer inputs give float32. */
    sinc(): Tensor;
    /** Tensor.deg2rad: degrees to radians; integer inputs give float32. */
    deg2rad(): Tensor;
    /** Tensor.rad2deg: radians to degrees; integer inputs give float32. */
    rad2deg(): Tensor;
    /** Tensor.logit: log(x / (1 - x)), x clamped to [eps, 1 - eps] when eps is given (see `torch.logit`). */
    logit(...args: [eps?: number | null] | [opts?: LogitOptions]): Tensor;
    /** Tensor.frac: x - trunc(x) of each element; floating tensors only. */
    frac(): Tensor;
    /** Tensor.erfc_: in-place `torch.erfc`; returns self. */
    erfc_(): Tensor;
    /** Tensor.erfinv_: in-place `torch.erfinv`; returns self. */
    erfinv_(): Tensor;
    /** Tensor.tan_: in-place `torch.tan`; returns self. */
    tan_(): Tensor;
    /** Tensor.asin_: in-place `torch.asin`; returns self. */
    asin_(): Tensor;
    /** Tensor.acos_: in-place `torch.acos`; returns self. */
    acos_(): Tensor;
    /** Tensor.atan_: in-place `torch.atan`; returns self. */
    atan_(): Tensor;
    /** Tensor.sinh_: in-place `torch.sinh`; returns self. */
    sinh_(): Tensor;
    /** Tensor.cosh_: in-place `torch.cosh`; returns self. */
    cosh_(): Tensor;
    /** Tensor.asinh_: in-place `torch.asinh`; returns self. */
    asinh_(): Tensor;
    /** Tensor.acosh_: in-place `torch.acosh`; returns self. */
    acosh_(): Tensor;
    /** Tensor.atanh_: in-place `torch.atanh`; returns self. */
    atanh_(): Tensor;
    /** Tensor.log2_: in-place `torch.log2`; returns self. */
    log2_(): Tensor;
    /** Tensor.log10_: in-place `torch.log10`; returns self. */
    log10_(): Tensor;
    /** Tensor.exp2_: in-place `torch.exp2`; returns self. */
    exp2_(): Tensor;
    /** Tensor.lgamma_: in-place `torch.lgamma`; returns self. */
    lgamma_(): Tensor;
    /** Tensor.digamma_: in-place `torch.digamma`; returns self. */
    digamma_(): Tensor;
    /** Tensor.polygamma_: in-place `torch.polygamma(n, self)`; returns self. */
    polygamma_(n: number): Tensor;
    /** Tensor.sinc_: in-place `torch.sinc`; returns self. */
    sinc_(): Tensor;
    /** Tensor.deg2rad_: in-place `torch.deg2rad`; returns self. */
    deg2rad_(): Tensor;
    /** Tensor.rad2deg_: in-place `torch.rad2deg`; returns self. */
    rad2deg_(): Tensor;
    /** Tensor.logit_: in-place `torch.logit`; returns self. */
    logit_(...args: [eps?: number | null] | [opts?: LogitOptions]): Tensor;
    /** Tensor.frac_: in-place `torch.frac`; returns self. */
    frac_(): Tensor;
  }
}

addMethodsOf({ erfc, erfinv, tan, asin, acos, atan, sinh, cosh, asinh, acosh, atanh, log2, log10, exp2 });
addMethodsOf({ lgamma, digamma, sinc, deg2rad, rad2deg, frac, logit });
addMethods({
  polygamma(this: Tensor, n: number) {
    return polygamma(n, this);
  },
  polygamma_(this: Tensor, n: number) {
    checkOrder(n, "polygamma_");
    checkTensor(this, "polygamma_", "self");
    checkHalf(n, this);
    return unaryParam_(polygammaSpec, this, n, { n });
  },
  logit_(this: Tensor, ...args: [eps?: number | null] | [opts?: LogitOptions]) {
    checkTensor(this, "logit_", "self");
    const eps = epsOf(args, "logit_");
    return unaryParam_(logitSpec, this, eps ?? -1, { eps });
  },
});
