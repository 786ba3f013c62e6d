// Activations of nn.functional: gelu (erf and tanh forms) and silu, each one
// fused kernel forward and one backward (assembly/kernels/activation.ts),
// recorded as GeluBackward0 / SiluBackward0. Under createGraph their
// backward is composed of ops, so it can be differentiated again (gelu's
// through torch.erf).
// relu, softmax and logSoftmax are torch's own ops, re-exported.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import * as abi from "../../wasm/abi.js";
import { needsGrad, record } from "../../autograd/function.js";
import { scoped } from "../../memory.js";
import { checkTensor, launch } from "../../ops/launch.js";
import { add, sub, mul } from "../../ops/binary.js";
import { erf, exp, sigmoid, square, tanh } from "../../ops/unary.js";
import { checkArgs } from "./common.js";

/** The kernels' op codes (assembly/kernels/activation.ts). */
const GELU = 0,
  GELU_TANH = 1,
  SILU = 2;
type Op = typeof GELU | typeof GELU_TANH | typeof SILU;

const SQRT1_2 = Math.SQRT1_2;
const TWO_SQRTPI = 2 / Math.sqrt(Math.PI);
const KAPPA = 0.044715;

/** The keyword argument of F.gelu: `{ approximate }`. */
export interface GeluOptions {
  /** "none" (the default): x * Phi(x) with the exact normal CDF; "tanh": the tanh approximation. */
  approximate?: "none" | "tanh";
}

/** What the activation rules keep. */
export interface ActivationSaved {
  op: Op;
  self: Tensor;
  /** exact gelu under autograd: 0.5 * (1 + erf(x / sqrt 2)) from the forward, so the backward skips erf */
  cdf?: Tensor;
}

function forward(op: Op, input: Tensor, kernelName: string): Tensor {
  if (!isFloating(input.dtype))
    throw new TypeError(`"${kernelName}" not implemented for '${scalarTypeName[input.dtype]}'`);
  const out = Tensor._empty(input.shape, input.dtype);
  try {
    launch(abi.kernel("activation", input.dtype, kernelName), out, [input], [op]);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

/** Gaussian error linear unit: x * Phi(x), or its tanh approximation (GeluBackward0). */
export function gelu(input: Tensor, opts: GeluOptions = {}): Tensor {
  checkArgs("gelu", { input }, opts, ["approximate"]);
  const approximate = opts.approximate ?? "none";
  if (approximate !== "none" && approximate !== "tanh")
    throw new RangeError("approximate argument must be either none or tanh.");
  const op = approximate === "tanh" ? GELU_TANH : GELU;
  if (op === GELU && needsGrad([input]) && isFloating(input.dtype)) {
    return scoped(() => {
      const out = Tensor._empty(input.shape, input.dtype);
      const cdf = Tensor._empty(input.shape, input.dtype);
      launch(abi.kernel("gelu_keep_cdf", input.dtype, "GeluKernelImpl"), out, [input, cdf], []);
      return record("gelu", out, [input], { op, cdf });
    });
  }
  return record("gelu", forward(op, input, "GeluKernelImpl"), [input], { op });
}

/** Sigmoid linear unit (swish): x * sigmoid(x) (SiluBackward0). */
export function silu(input: Tensor): Tensor {
  checkTensor(input, "silu", "input");
  return record("silu", forward(SILU, input, "silu_cpu"), [input], { op: SILU });
}

/** The gradient of gelu or silu w.r.t. the input in one kernel (the rules' fused backward). */
export function activationGradFused(g: Tensor, s: ActivationSaved): Tensor {
  const x = s.self;
  const out = Tensor._empty(x.shape, x.dtype);
  if (s.cdf !== undefined) launch(abi.kernel("gelu_backward_cdf", x.dtype), out, [g, x, s.cdf], []);
  else launch(abi.kernel("activation_backward", x.dtype), out, [g, x], [s.op]);
  return out;
}

/** The gradient of gelu or silu w.r.t. the input, written with ops (differentiable again). */
export function activationGrad(g: Tensor, s: ActivationSaved): Tensor {
  const x = s.self;
  if (s.op === SILU) {
    // g * s * (1 + x * (1 - s))
    const sg = sigmoid(x);
    const inner = add(mul(x, sub(1, sg)), 1);
    return mul(mul(g, sg), inner);
  }
  if (s.op === GELU) {
    // g * (cdf + x * pdf), cdf = 0.5 (1 + erf(x / sqrt 2)), pdf = exp(-x^2 / 2) / sqrt(2 pi)
    const cdf = mul(add(erf(mul(x, SQRT1_2)), 1), 0.5);
    const pdf = mul(exp(mul(square(x), -0.5)), TWO_SQRTPI * SQRT1_2 * 0.5);
    return mul(g, add(cdf, mul(x, pdf)));
  }
  // tanh form: g * (0.5 (1 + th) + 0.5 x (1 - th^2) kBeta (1 + 3 kKappa x^2))
  const kBeta = Math.SQRT2 * TWO_SQRTPI * 0.5;
  const x2 = square(x);
  const inner = mul(add(x, mul(mul(x2, x), KAPPA)), kBeta);
  const th = tanh(inner);
  const left = mul(add(th, 1), 0.5);
  const dTanh = sub(1, square(th));
  const dInner = mul(add(mul(x2, 3 * KAPPA), 1), kBeta);
  const right = mul(mul(mul(x, 0.5), dTanh), dInner);
  return mul(g, add(left, right));
}
