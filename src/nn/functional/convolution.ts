// aten::convolution: the one op behind conv1d/2d and conv_transpose1d/2d
// (conv.ts checks their arguments), recorded as ConvolutionBackward0. The
// kernels are convKernels.ts. Its geometry is explicit: padding is what comes
// before each spatial dim and the output's spatial size is given, so the
// asymmetric padding of padding="same" and the grads' shapes need no copy.
//
// Backward (PyTorch's convolution_backward):
//   input   a convolution the other way round: the transposed one for a
//           convolution, the plain one for a transposed convolution;
//   weight  fused: im2col + gemm summed over images. Under createGraph, a
//           convolution of the (transposed) input with the output grad as
//           its kernel, stride and dilation swapped, so it is differentiable
//           again (double backward);
//   bias    the output grad summed over all dims but the channels.
// Under createGraph the three come from one op, convolution_backward
// (ConvolutionBackwardBackward0, as in PyTorch), whose own rule (its double
// backward) is written with convolutions.

import { Tensor } from "../../tensor.js";
import * as abi from "../../wasm/abi.js";
import { launch } from "../../ops/launch.js";
import { scoped } from "../../memory.js";
import { edgeOf, record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { add } from "../../ops/binary.js";
import { sum } from "../../ops/reduce.js";
import { expand, permute, reshape, transpose } from "../../ops/views.js";
import { contiguousOf } from "./common.js";
import { convForwardInto, convTransposeInto, convWeightGradInto, type Geom2 } from "./convKernels.js";

/** The geometry of a convolution, one entry per spatial dim (1 or 2 of them). */
export interface ConvParams {
  stride: readonly number[];
  /** Implicit zeros before each spatial dim (those after follow from outSize). */
  padding: readonly number[];
  dilation: readonly number[];
  groups: number;
  transposed: boolean;
  /** The output's spatial size. */
  outSize: readonly number[];
}

/** What ConvolutionBackward0 keeps. */
export interface ConvSaved extends ConvParams {
  input: Tensor;
  weight: Tensor;
  inputSize: readonly number[];
  weightSize: readonly number[];
  /** Which of input, weight and bias had an edge when recorded (PyTorch's output_mask). */
  mask: readonly boolean[];
}

/** What ConvolutionBackwardBackward0 keeps: the forward's, plus the output grad and where each grad is among the outputs. */
export interface ConvBackwardSaved extends ConvSaved {
  grad: Tensor;
  /** For input, weight and bias: the position of its grad among the op's outputs, or -1. */
  slots: readonly number[];
}

/** The 2-d geometry of a pass over images of spatial size `image` with columns on the grid `grid`. */
function geom2(p: ConvParams, image: readonly number[], kernel: readonly number[], grid: readonly number[]): Geom2 {
  const two = (v: readonly number[], fill: number): [number, number] =>
    v.length === 1 ? [fill, v[0]!] : [v[0]!, v[1]!];
  const [H, W] = two(image, 1),
    [KH, KW] = two(kernel, 1),
    [OH, OW] = two(grid, 1);
  const [sh, sw] = two(p.stride, 1),
    [ph, pw] = two(p.padding, 0),
    [dh, dw] = two(p.dilation, 1);
  return { H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw };
}

/**
 * The convolution of input [N, C, *sp] with weight ([O, C / groups, *k], or
 * [C, O / groups, *k] when transposed) plus bias [O], checked by the caller;
 * float32 or float64 operands of one dtype.
 */
export function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams): Tensor {
  const N = input.shape[0]!,
    G = p.groups;
  const O = p.transposed ? weight.shape[1]! * G : weight.shape[0]!;
  const sp = input.shape.slice(2),
    k = weight.shape.slice(2);
  return scoped(() => {
    const x = contiguousOf(input),
      w = contiguousOf(weight),
      b = bias === null ? null : contiguousOf(bias);
    const out = Tensor._empty([N, O, ...p.outSize], input.dtype);
    if (p.transposed) {
      convTransposeInto(x, w, out, G, geom2(p, p.outSize, k, sp));
      if (b !== null && out.numel() > 0) addBias(out, b);
    } else {
      convForwardInto(x, w, b, out, G, geom2(p, sp, k, p.outSize));
    }
    const { stride, padding, dilation, groups, transposed, outSize } = p;
    return record("convolution", out, [input, weight, bias], {
      stride,
      padding,
      dilation,
      groups,
      transposed,
      outSize,
      inputSize: input.shape,
      weightSize: weight.shape,
      mask: [input, weight, bias].map((t) => edgeOf(t)[0] !== null),
    } satisfies Omit<ConvSaved, "input" | "weight">);
  });
}

/**
 * aten::convolution_backward: the grads of input, weight and bias (those
 * `s.mask` asks for, in that order) from the output grad `g`, as one op
 * whose node is ConvolutionBackwardBackward0 (inputs: g, input, weight).
 */
export function convolutionBackward(g: Tensor, s: ConvSaved): (Tensor | null)[] {
  return scoped(() => {
    const grads = noGrad(() => [
      s.mask[0] ? convInputGrad(g, s) : null,
      s.mask[1] ? convWeightGradFused(g, s) : null,
      s.mask[2] ? convBiasGrad(g) : null,
    ]);
    const outputs = grads.filter((t): t is Tensor => t !== null);
    let next = 0;
    const slots = grads.map((t) => (t === null ? -1 : next++));
    const { input, weight, ...rest } = s;
    record("convolutionBackward", outputs, [g, input, weight], { ...rest, slots } satisfies Omit<
      ConvBackwardSaved,
      "input" | "weight" | "grad"
    >);
    return grads;
  });
}

/** The bias grad `gb` [O] as a grad of an output of `shape` [N, O, ...]. */
function biasAsOutput(gb: Tensor, shape: readonly number[]): Tensor {
  return expand(reshape(gb, [1, shape[1]!, ...shape.slice(2).map(() => 1)]), shape);
}

/**
 * ConvolutionBackwardBackward0 (PyTorch's _convolution_double_backward): the
 * grads of g, input and weight from the grads `gg` of the grads of input,
 * weight and bias. The op is bilinear in (input, weight) and linear in g, so
 * each is a convolution: d/dg = conv(ggI, weight) + conv(input, ggW) + ggB,
 * d/dinput = the input grad with ggW as the weight, d/dweight = the weight
 * grad with ggI as the input.
 */
export function convBackwardGrad(
  _g: Tensor | null,
  s: ConvBackwardSaved,
  gg: readonly (Tensor | null)[],
  i: number,
): Tensor | null {
  const [ggI, ggW, ggB] = s.slots.map((k) => (k < 0 ? null : (gg[k] ?? null)));
  if (i === 1) return ggW ? convInputGrad(s.grad, { ...s, weight: ggW }) : null;
  if (i === 2) return ggI ? convWeightGrad(s.grad, { ...s, input: ggI }) : null;
  const terms: Tensor[] = [];
  if (ggI) terms.push(convolution(ggI, s.weight, ggB ?? null, s));
  else if (ggB) terms.push(biasAsOutput(ggB, s.grad.shape));
  if (ggW) terms.push(convolution(s.input, ggW, null, s));
  return terms.length === 0 ? null : terms.reduce((a, b) => add(a, b));
}

/** out [N, O, ...] += bias [O] broadcast over the other dims, in place (out is fresh). */
function addBias(out: Tensor, b: Tensor): void {
  const N = out.shape[0]!,
    O = out.shape[1]!,
    L = out.numel() / Math.max(1, N * O);
  const o3 = out._view([N, O, L], [O * L, L, 1], 0);
  const b3 = b._view([N, O, L], [0, b._strides[0]!, 0], b._offset);
  try {
    addInto(o3, b3);
  } finally {
    o3.dispose();
    b3.dispose();
  }
}

/** dst += src (same shape, dst contiguous). */
function addInto(dst: Tensor, src: Tensor): void {
  launch(abi.kernel("add", dst.dtype, "convolution"), dst, [dst, src], [1]);
}

/** The input grad: the convolution the other way round, onto the input's spatial size. */
export function convInputGrad(g: Tensor, s: ConvSaved): Tensor {
  const { stride, padding, dilation, groups } = s;
  return convolution(g, s.weight, null, {
    stride,
    padding,
    dilation,
    groups,
    transposed: !s.transposed,
    outSize: s.inputSize.slice(2),
  });
}

/** The bias grad: g summed over the batch and spatial dims. */
export function convBiasGrad(g: Tensor): Tensor {
  const dims = [0, ...Array.from({ length: g.ndim - 2 }, (_, i) => i + 2)];
  return sum(g, dims);
}

/**
 * The weight grad written as a convolution (differentiable): the sliding
 * operand `a` (the input; the output grad for a transposed convolution) as a
 * batch of its per-group channels, convolved with `b` (the output grad; the
 * input) as the kernel, stride and dilation swapped.
 */
export function convWeightGrad(g: Tensor, s: ConvSaved): Tensor {
  const [a, b] = s.transposed ? [g, s.input] : [s.input, g];
  const G = s.groups,
    N = a.shape[0]!,
    Ca = a.shape[1]!,
    spA = a.shape.slice(2);
  const nd = spA.length;
  const sp = Array.from({ length: nd }, (_, i) => i + 3);
  // a' [Ca / G, G * N, *sp]: batch = a channel within its group, channels = (group, image).
  const a1 = reshape(permute(reshape(a, [N, G, Ca / G, ...spA]), [2, 1, 0, ...sp]), [Ca / G, G * N, ...spA]);
  const b1 = transpose(b, 0, 1);
  const k = s.weightSize.slice(2);
  const y = convolution(a1, b1, null, {
    stride: s.dilation,
    dilation: s.stride,
    padding: s.padding,
    groups: G,
    transposed: false,
    outSize: k,
  });
  return transpose(y, 0, 1);
}

/** The weight grad in one pass of im2col + gemm (createGraph off). */
export function convWeightGradFused(g: Tensor, s: ConvSaved): Tensor {
  const [a, b] = s.transposed ? [g, s.input] : [s.input, g];
  const out = Tensor._empty(s.weightSize, s.input.dtype);
  try {
    const ac = contiguousOf(a),
      bc = contiguousOf(b);
    convWeightGradInto(ac, bc, out, s.groups, geom2(s, a.shape.slice(2), s.weightSize.slice(2), b.shape.slice(2)));
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}
