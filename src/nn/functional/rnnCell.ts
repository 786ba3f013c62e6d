// The elementwise part of an LSTM or GRU step as one kernel forward and one
// backward (assembly/kernels/rnnCell.ts), recorded as PyTorch's fused cells
// are (ThnnFusedLstmCellBackward0, ThnnFusedGruCellBackward0). nn.LSTM and
// nn.GRU run their steps through these; the cells (LSTMCell, GRUCell) stay
// composed of ops, whose grad_fns are the ones PyTorch 1.13 records on CPU.
// The forward is the composed step's operations, except that float32 sigmoid
// and tanh run in float32 arithmetic, within a few ulp of the ops' (see
// kernels/rnnCell.ts); under createGraph the backward is composed of ops
// from the saved inputs, so it can be differentiated again.

import { Tensor } from "../../tensor.js";
import { itemSize, type DType } from "../../dtype.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { toDType } from "../../ops/launch.js";
import { add, sub, mul } from "../../ops/binary.js";
import { sigmoid, square, tanh } from "../../ops/unary.js";
import { cat, chunk } from "../../ops/movement.js";
import { zerosLike } from "../../ops/creation.js";
import { contiguousOf } from "./common.js";
import type { Formula } from "../../autograd/registry.js";

/** Whether the fused kernels serve this dtype (others run the composed step). */
export const fusedCellDType = (dtype: DType): boolean => dtype === "float32" || dtype === "float64";

/** What ThnnFusedLstmCellBackward0 keeps: the inputs, and the activated gates and tanh(c') (ws). */
export interface LstmCellSaved {
  gates: Tensor;
  c: Tensor;
  ws: Tensor;
  /** The fused backward's grads of gates and c, made by the first formula that runs. */
  done?: [Tensor, Tensor];
}

/** What ThnnFusedGruCellBackward0 keeps: the inputs, and r, z, n, h_n (ws). */
export interface GruCellSaved {
  gi: Tensor;
  gh: Tensor;
  h: Tensor;
  ws: Tensor;
  done?: [Tensor, Tensor, Tensor];
}

/**
 * One LSTM step from gates = x W_ih^T + b_ih + h W_hh^T + b_hh [N, 4H] and
 * c [N, H]: [h', c'] with c' = f c + i g and h' = o tanh(c').
 */
export function lstmCellFused(gates: Tensor, c: Tensor): [Tensor, Tensor] {
  const [n, h] = c.shape as [number, number];
  return scoped(() => {
    const g = contiguousOf(gates),
      cc = contiguousOf(c);
    const hy = Tensor._empty([n, h], c.dtype),
      cy = Tensor._empty([n, h], c.dtype),
      ws = Tensor._empty([n, 5 * h], c.dtype);
    abi.kernel("lstm_cell", c.dtype)(g._addr(), 0, 0, cc._addr(), hy._addr(), 0, cy._addr(), ws._addr(), n, h);
    return record("lstmCell", [hy, cy], [gates, c], { ws } satisfies Omit<LstmCellSaved, "gates" | "c">);
  });
}

/** The LSTM step of ATen's CPU cell, of ops, from gates [N, 4H] and c: [h', c']. */
export function composedLstmStep(gates: Tensor, c: Tensor): [Tensor, Tensor] {
  const [i, f, g, o] = chunk(gates, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
  const cy = add(mul(sigmoid(f), c), mul(sigmoid(i), tanh(g)));
  return [mul(sigmoid(o), tanh(cy)), cy];
}

/** The GRU step of ATen's CPU cell, of ops, from gi, gh [N, 3H] and h: h' = (h - n) z + n. */
export function composedGruStep(gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const [ir, iz, inn] = chunk(gi, 3, 1) as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = chunk(gh, 3, 1) as [Tensor, Tensor, Tensor];
  const r = sigmoid(add(hr, ir));
  const z = sigmoid(add(hz, iz));
  const n = tanh(add(inn, mul(hn, r)));
  return add(mul(sub(h, n), z), n);
}

/** One GRU step from gi [N, 3H], gh [N, 3H] (b_hh included) and h [N, H]: h' = (h - n) z + n. */
export function gruCellFused(gi: Tensor, gh: Tensor, hx: Tensor): Tensor {
  const [n, h] = hx.shape as [number, number];
  return scoped(() => {
    const a = contiguousOf(gi),
      b = contiguousOf(gh),
      x = contiguousOf(hx);
    const hy = Tensor._empty([n, h], hx.dtype),
      ws = Tensor._empty([n, 4 * h], hx.dtype);
    abi.kernel("gru_cell", hx.dtype)(a._addr(), b._addr(), 0, x._addr(), hy._addr(), 0, ws._addr(), n, h);
    return record("gruCell", hy, [gi, gh, hx], { ws } satisfies Omit<GruCellSaved, "gi" | "gh" | "h">);
  });
}

/** A grad as a contiguous tensor of `dtype`, or null for a zero one. */
export function gradOf(g: Tensor | null | undefined, dtype: DType): Tensor | null {
  return g == null ? null : contiguousOf(toDType(g, dtype).t);
}

/**
 * A fused backward that makes the grads of every input in one kernel pass:
 * `all` runs for the first formula the engine calls, the others take theirs.
 */
function onePass<S extends { done?: Tensor[] }>(
  all: (g: Tensor, s: S, grads: readonly (Tensor | null)[]) => NonNullable<S["done"]>,
): Formula<S> {
  return (g, s, grads, which) => (s.done ??= all(g, s, grads))[which]!;
}

/** The grad of gates (0) or c (1) in one kernel pass for both (the rule's fused backward). */
export const lstmCellGradFused = onePass<LstmCellSaved>((_g, s, grads) => {
  const dtype = s.c.dtype;
  const [n, h] = s.c.shape as [number, number];
  const dhy = gradOf(grads[0], dtype),
    dcy = gradOf(grads[1], dtype);
  const c = contiguousOf(s.c);
  const dgates = Tensor._empty([n, 4 * h], dtype),
    dc = Tensor._empty([n, h], dtype);
  abi.kernel("lstm_cell_backward", dtype)(
    dhy?._addr() ?? 0,
    h * itemSize[dtype],
    0,
    dcy?._addr() ?? 0,
    s.ws._addr(),
    c._addr(),
    dgates._addr(),
    dc._addr(),
    n,
    h,
  );
  return [dgates, dc];
});

/** The same grads written with ops from the saved gates and c (differentiable again). */
export function lstmCellGrad(
  _g: Tensor,
  s: Pick<LstmCellSaved, "gates" | "c">,
  grads: readonly (Tensor | null)[],
  which: number,
): Tensor {
  const [pi, pf, pg, po] = chunk(s.gates, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
  const i = sigmoid(pi),
    f = sigmoid(pf),
    g = tanh(pg),
    o = sigmoid(po);
  const tc = tanh(add(mul(f, s.c), mul(i, g)));
  const dhy = grads[0] ?? zerosLike(s.c);
  // d c' = dcy + dhy o (1 - tanh(c')^2)
  let gc = mul(mul(dhy, o), sub(1, square(tc)));
  if (grads[1] != null) gc = add(grads[1], gc);
  if (which === 1) return mul(gc, f);
  const dSigmoid = (d: Tensor, y: Tensor): Tensor => mul(mul(d, sub(1, y)), y);
  return cat(
    [dSigmoid(mul(gc, g), i), dSigmoid(mul(gc, s.c), f), mul(mul(gc, i), sub(1, square(g))), dSigmoid(mul(dhy, tc), o)],
    1,
  );
}

/** The grad of gi (0), gh (1) or h (2) in one kernel pass for all three (the rule's fused backward). */
export const gruCellGradFused = onePass<GruCellSaved>((g, s) => {
  const dtype = s.h.dtype;
  const [n, h] = s.h.shape as [number, number];
  const dhy = gradOf(g, dtype)!;
  const hx = contiguousOf(s.h);
  const dgi = Tensor._empty([n, 3 * h], dtype),
    dgh = Tensor._empty([n, 3 * h], dtype),
    dh = Tensor._empty([n, h], dtype);
  abi.kernel("gru_cell_backward", dtype)(
    dhy._addr(),
    h * itemSize[dtype],
    0,
    s.ws._addr(),
    hx._addr(),
    dgi._addr(),
    dgh._addr(),
    dh._addr(),
    n,
    h,
  );
  return [dgi, dgh, dh];
});

/** The same grads written with ops from the saved gi, gh and h (differentiable again). */
export function gruCellGrad(
  d: Tensor,
  s: Pick<GruCellSaved, "gi" | "gh" | "h">,
  _grads: readonly (Tensor | null)[],
  which: number,
): Tensor {
  const [ir, iz, inn] = chunk(s.gi, 3, 1) as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = chunk(s.gh, 3, 1) as [Tensor, Tensor, Tensor];
  const r = sigmoid(add(hr, ir)),
    z = sigmoid(add(hz, iz));
  const n = tanh(add(inn, mul(hn, r)));
  const dS = mul(d, z);
  if (which === 2) return dS;
  // h' = (h - n) z + n: d n = d - d z, then through tanh, r and z's sigmoids
  const dn = mul(sub(d, dS), sub(1, square(n)));
  const dr = mul(mul(mul(dn, hn), sub(1, r)), r);
  const dz = mul(mul(mul(d, sub(s.h, n)), sub(1, z)), z);
  return cat([dr, dz, which === 0 ? dn : mul(dn, r)], 1);
}
