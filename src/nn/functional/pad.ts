// F.pad as PyTorch 1.13's at::pad computes it: "constant" is
// constant_pad_nd (ConstantPadNdBackward0; negative pads crop), "reflect"
// and "replicate" gather along each padded dim by an index table
// (ReflectionPad{1,2,3}DBackward0 / ReplicationPad..., whose backward adds
// the grad back at the same indices), and "circular" is _pad_circular's
// slice copies into a new tensor, so its grad_fn is CopySlices as in PyTorch.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { checkNumel } from "../../shape.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { copyInto, filledBy } from "../../ops/launch.js";
import { filled, empty } from "../../ops/creation.js";
import { indexAddToZeros, indexSelect } from "../../ops/indexing.js";
import { narrow, slice } from "../../ops/views.js";
import { copy_ } from "../../ops/inplace.js";
import type { OpName } from "../../autograd/registry.js";
import { checkArgs, reverseSteps } from "./common.js";

/** The padding modes of F.pad. */
export type PadMode = "constant" | "reflect" | "replicate" | "circular";

/** The keyword arguments of F.pad. */
export interface PadOptions {
  /** How to fill the padding (default "constant"). */
  mode?: PadMode;
  /** The fill value of "constant" (default 0). */
  value?: number | null;
}

/** What the index pads keep: per padded dim, its size before and the source of each output position. */
export interface IndexPadSaved {
  steps: { dim: number; size: number; index: number[] }[];
  shape: readonly number[];
}

/** constant_pad_nd: negative pads narrow the input first, then the rest is filled with `value`. */
export function constantPadNd(input: Tensor, pad: readonly number[], value: number): Tensor {
  const nd = input.shape.length;
  const k = pad.length / 2;
  if (k > nd)
    throw new RangeError(
      `Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${nd}dimensions.`,
    );
  return scoped(() => {
    let c = input;
    const outShape = input.shape.slice();
    noGrad(() => {
      for (let i = 0; i < k; i++) {
        const d = nd - 1 - i,
          l = pad[2 * i]!,
          r = pad[2 * i + 1]!;
        if (l < 0) c = narrow(c, d, -l, c.shape[d]! + l);
        if (r < 0) c = narrow(c, d, 0, c.shape[d]! + r);
      }
    });
    for (let i = 0; i < k; i++) {
      const d = nd - 1 - i,
        l = pad[2 * i]!,
        r = pad[2 * i + 1]!;
      const n = input.shape[d]! + l + r;
      if (n < 0)
        throw new RangeError(
          `The input size ${input.shape[d]}, plus negative padding ${l} and ${r} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
        );
      outShape[d] = n;
    }
    const out = filledBy(filled(outShape, value, input.dtype), (o) => {
      noGrad(() => {
        let region = o;
        for (let i = 0; i < k; i++) {
          const d = nd - 1 - i;
          region = narrow(region, d, Math.max(pad[2 * i]!, 0), c.shape[d]!);
        }
        if (region.numel() > 0) copyInto(region, c);
      });
    });
    return record("constantPadNd", out, [input], { pad });
  });
}

/** The backward of constant_pad_nd: the same op with the pads negated. */
export const constantPadNdGrad = (g: Tensor, s: { pad: readonly number[] }): Tensor =>
  constantPadNd(
    g,
    s.pad.map((p) => -p),
    0,
  );

/** An int32 tensor of `values` (an index table; the caller's scope frees it). */
function indexTensor(values: readonly number[]): Tensor {
  const t = Tensor._empty([values.length], "int32");
  if (values.length > 0) (abi.view("int32", t._addr(), values.length) as Int32Array).set(values);
  return t;
}

/** The source index of each output position along one dim. */
function padIndex(size: number, l: number, r: number, mode: "reflect" | "replicate"): number[] {
  const out: number[] = [];
  for (let o = 0; o < size + l + r; o++) {
    let i = o - l;
    if (mode === "replicate") i = Math.min(Math.max(i, 0), size - 1);
    else {
      if (i < 0) i = -i;
      if (i >= size) i = 2 * (size - 1) - i;
    }
    out.push(i);
  }
  return out;
}

/** reflection_pad / replication_pad over the last pad.length / 2 dims, recorded as `op`. */
function indexPad(op: OpName, input: Tensor, pad: readonly number[], mode: "reflect" | "replicate"): Tensor {
  const nd = input.shape.length;
  return scoped(() => {
    const steps: IndexPadSaved["steps"] = [];
    let x = input;
    noGrad(() => {
      for (let i = 0; i < pad.length / 2; i++) {
        const d = nd - 1 - i;
        const n = input.shape[d]! + pad[2 * i]! + pad[2 * i + 1]!;
        // An empty result reads no index (and a huge pad of an empty batch must not make a huge table).
        const index = input.numel() === 0 ? [] : padIndex(input.shape[d]!, pad[2 * i]!, pad[2 * i + 1]!, mode);
        steps.push({ dim: d, size: x.shape[d]!, index });
        if (x.numel() === 0) {
          const shape = x.shape.slice();
          shape[d] = n;
          x = Tensor._empty(shape, x.dtype);
        } else x = indexSelect(x, d, indexTensor(index));
      }
    });
    const out = x === input ? input.clone() : x;
    return record(op, out, [input], { steps, shape: input.shape } satisfies IndexPadSaved);
  });
}

/** The backward of the index pads: each step's grad added back at its indices, last step first. */
export function indexPadGrad(g: Tensor, s: IndexPadSaved): Tensor {
  return reverseSteps(g, s.steps, (r, st, shape) =>
    r.numel() === 0 ? filled(shape, 0, r.dtype) : indexAddToZeros(shape, st.dim, indexTensor(st.index), r),
  );
}

/** _pad_circular: the input copied into the middle, then each side copied from the opposite edge. */
function circularPad(input: Tensor, pad: readonly number[]): Tensor {
  const nd = input.shape.length,
    k = pad.length / 2;
  if (pad.length + 4 !== nd * 2)
    throw new RangeError(`Invalid padding size, expected ${(nd - 2) * 2} but got ${pad.length}`);
  const outShape = input.shape.slice();
  for (let i = 0; i < k; i++) {
    const d = nd - 1 - i,
      l = pad[2 * i]!,
      r = pad[2 * i + 1]!,
      size = input.shape[d]!;
    if (!(l <= size && r <= size)) throw new RangeError("Padding value causes wrapping around more than once.");
    outShape[d] = size + l + r;
    if (outShape[d]! < 0) throw new RangeError("Negative padding value is resulting in an empty dimension.");
  }
  return scoped(() => {
    const out = empty(outShape, { dtype: input.dtype });
    let outSlice = out,
      inSlice = input;
    for (let i = 0; i < k; i++) {
      const d = nd - 1 - i,
        l = pad[2 * i]!,
        r = pad[2 * i + 1]!;
      outSlice = slice(outSlice, d, Math.max(l, 0), outShape[d]! - Math.max(r, 0));
      inSlice = slice(inSlice, d, Math.max(-l, 0), input.shape[d]! - Math.max(-r, 0));
    }
    copy_(outSlice, inSlice);
    for (let i = 0; i < k; i++) {
      const d = nd - 1 - i,
        l = pad[2 * i]!,
        r = pad[2 * i + 1]!,
        n = outShape[d]!;
      if (l > 0) copy_(slice(out, d, 0, l), slice(out, d, n - l - Math.max(r, 0), n - Math.max(r, 0)));
      if (r > 0) copy_(slice(out, d, n - r, n), slice(out, d, Math.max(l, 0), Math.max(l, 0) + r));
    }
    return out;
  });
}

/** reflection_pad's check: each pad smaller than its dim (PyTorch's "Argument #4/#6" words). */
function checkReflect(input: Tensor, pad: readonly number[]): void {
  const nd = input.shape.length;
  for (let i = 0; i < pad.length / 2; i++) {
    const d = nd - 1 - i,
      l = pad[2 * i]!,
      r = pad[2 * i + 1]!;
    if (l >= input.shape[d]! || r >= input.shape[d]!) {
      const what = pad.length === 2 ? `[${input.shape.join(", ")}]` : String(nd);
      throw new RangeError(
        `Argument #${4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input ${what}`,
      );
    }
  }
}

/**
 * F.pad: pads the last pad.length / 2 dims of `input`, `pad` listing
 * (before, after) pairs from the last dim backwards, as PyTorch does:
 * `F.pad(x, [1, 1, 2, 0])` pads the last dim by 1 on each side and the one
 * before by 2 at its start. Negative pads crop ("constant", "replicate").
 */
export function pad(input: Tensor, pad: readonly number[], opts: PadOptions = {}): Tensor {
  checkArgs("pad", { input }, opts, ["mode", "value"]);
  if (!Array.isArray(pad) || pad.some((p) => typeof p !== "number" || !Number.isInteger(p)))
    throw new TypeError("pad(): argument 'pad' must be an array of integers");
  const mode = opts.mode ?? "constant";
  const nd = input.shape.length;
  if (pad.length % 2 !== 0) throw new RangeError("Padding length must be divisible by 2");
  if (pad.length > nd * 2) throw new RangeError("Padding length too large");
  if (mode === "constant") return constantPadNd(input, pad, opts.value ?? 0);
  if (mode !== "reflect" && mode !== "replicate" && mode !== "circular")
    throw new TypeError(`Unrecognised padding mode ${String(mode)}`);
  if (opts.value !== undefined && opts.value !== null && opts.value !== 0)
    throw new RangeError(`Padding mode "${mode}" doesn't take in value argument`);
  const k = pad.length / 2;
  const outShape = input.shape.map((n, d) =>
    d < nd - k ? n : n + pad[2 * (nd - 1 - d)]! + pad[2 * (nd - 1 - d) + 1]!,
  );
  if (outShape.every((n) => n >= 0)) checkNumel(outShape);
  if (!(k >= 1 && k <= 3 && (nd === k + 1 || nd === k + 2)))
    throw new TypeError("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
  if (mode === "circular") return circularPad(input, pad);
  const batched = nd === k + 2;
  for (let d = batched ? 1 : 0; d < nd; d++)
    if (input.shape[d] === 0)
      throw new RangeError(
        `Expected ${k + 1}D or ${k + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [${input.shape.join(", ")}]`,
      );
  const name = mode === "reflect" ? `reflection_pad${k}d` : `replication_pad${k}d_cpu`;
  if (!isFloating(input.dtype)) throw new TypeError(`"${name}" not implemented for '${scalarTypeName[input.dtype]}'`);
  if (mode === "reflect") {
    checkReflect(input, pad);
    return indexPad(`reflectionPad${k}d` as OpName, input, pad, "reflect");
  }
  for (let i = 0; i < k; i++) {
    const d = nd - 1 - i;
    if (input.shape[d]! + pad[2 * i]! + pad[2 * i + 1]! < 1)
      throw new RangeError(
        `input (${input.shape.slice(nd - k).join(", ")}) is too small. Calculated output: ${pad.length} pads give a dim of size < 1`,
      );
  }
  return indexPad(`replicationPad${k}d` as OpName, input, pad, "replicate");
}
