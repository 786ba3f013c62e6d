// One direction of one layer of nn.LSTM or nn.GRU as a single autograd node,
// as ATen's fused CPU layers run it. The input projection of every step,
// gi = x W_ih^T + b_ih [L, N, kH], is one matmul before the recurrence
// (made by the caller); per step the forward runs only h W_hh^T + b_hh and
// the fused gates (kernels/rnnCell.ts). The backward runs per step only the
// gates' backward and dh = dgates W_hh; the grads of W_hh and b_hh are one
// matmul and one sum over all steps after the recurrence, and the grad of gi
// is the buffer of every step's gate grads (its own node then makes dW_ih,
// db_ih and dx from it, again one matmul each).
//
// The forward gives the per-step composite's bits (linear(h, W_hh, b_hh),
// then + gi, then the fused cell). Outputs are the step outputs h_t, one
// tensor per time step, then (LSTM) c of the last step processed. The node
// keeps the name of the fused cell, ThnnFusedLstmCellBackward0 (GRU:
// ThnnFusedGruCellBackward0): the layer's output is the stack of its steps,
// whose grad_fns lead to it. Under createGraph the grads are composed of
// ops from the saved inputs, so they can be differentiated again.

import { Tensor } from "../../tensor.js";
import type { DType } from "../../dtype.js";
import { itemSize } from "../../dtype.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { copyInto } from "../../ops/launch.js";
import { add, binaryInto } from "../../ops/binary.js";
import { gemmInto } from "../../ops/linalgKernels.js";
import { matmul, mm } from "../../ops/linalg.js";
import { sum } from "../../ops/reduce.js";
import { stack } from "../../ops/movement.js";
import { select, t, view } from "../../ops/views.js";
import { linear } from "./linear.js";
import { contiguousOf } from "./common.js";
import { composedGruStep, composedLstmStep, gradOf, gruCellGrad, lstmCellGrad } from "./rnnCell.js";

/** What a layer node keeps: its inputs, per-step buffers by time step, and the order of the steps. */
interface LayerSaved {
  gi: Tensor;
  h0: Tensor;
  w: Tensor;
  b: Tensor | null;
  /** The state each step read, [L, N, H]: h0 for the first step processed. */
  hprev: Tensor;
  /** The kernels' workspaces, [L, N, 5H] (LSTM) or [L, N, 4H] (GRU). */
  ws: Tensor;
  reverse: boolean;
  /** The grads of every input, made by the first formula that runs. */
  done?: (Tensor | null)[];
}

/** An LSTM layer's node also keeps c0 and the cell state each step read. */
interface LstmLayerSaved extends LayerSaved {
  c0: Tensor;
  cprev: Tensor;
}

/** Slot `s` (a time step) of a [L, ...] buffer, as a tensor. */
const at = (buf: Tensor, s: number): Tensor => select(buf, 0, s);

/** Byte address of slot `s` of a contiguous [L, ...] buffer (no tensor made in the step loops). */
const addrAt = (buf: Tensor, s: number): number => buf._addr() + s * buf._strides[0]! * itemSize[buf.dtype];

/** The time step of the p-th step processed. */
const stepAt = (p: number, L: number, reverse: boolean): number => (reverse ? L - 1 - p : p);

/** out := linear(h, W, b) from wt = W^T, as linear rounds it: b, then gemm accumulating h W^T (or h W^T alone). */
function hiddenGates(out: Tensor, h: Tensor, wt: Tensor, b: Tensor | null): void {
  if (b === null) return gemmInto(h, wt, out, "mm");
  copyInto(out, b);
  gemmInto(h, wt, out, "addmm", true);
}

/**
 * Runs the steps of one layer and direction: `step(p, s, hp, hy)` writes
 * step s's output into hy from the state hp it reads; each output but the
 * last processed is copied into the next step's slot of hprev.
 */
function runSteps(
  gi: Tensor,
  h0: Tensor,
  hidden: number,
  reverse: boolean,
  step: (p: number, s: number, hp: Tensor, hy: Tensor) => void,
): { outs: Tensor[]; hprev: Tensor } {
  const [L, n] = gi.shape as [number, number];
  const hprev = Tensor._empty([L, n, hidden], gi.dtype);
  const outs = new Array<Tensor>(L);
  noGrad(() => {
    copyInto(at(hprev, stepAt(0, L, reverse)), h0);
    for (let p = 0; p < L; p++) {
      const s = stepAt(p, L, reverse);
      const hp = at(hprev, s);
      const hy = Tensor._empty([n, hidden], gi.dtype);
      step(p, s, hp, hy);
      if (p < L - 1) copyInto(at(hprev, stepAt(p + 1, L, reverse)), hy);
      outs[s] = hy;
    }
  });
  return { outs, hprev };
}

/**
 * One LSTM layer and direction over the input gates `gi` [L, N, 4H] (L >= 1)
 * from h0, c0 [N, H]: the step outputs h_t [N, H] by time step, then c of the
 * last step processed.
 */
export function lstmLayer(gi: Tensor, h0: Tensor, c0: Tensor, w: Tensor, b: Tensor | null, reverse: boolean): Tensor[] {
  const [L, n] = gi.shape as [number, number];
  const h = c0.shape[1]!;
  const dtype = gi.dtype;
  return scoped(() => {
    const g = contiguousOf(gi);
    const cprev = Tensor._empty([L, n, h], dtype),
      ws = Tensor._empty([L, n, 5 * h], dtype),
      gates = Tensor._empty([n, 4 * h], dtype),
      cLast = Tensor._empty([n, h], dtype);
    const cell = abi.kernel("lstm_cell", dtype);
    const wt = t(w);
    noGrad(() => copyInto(at(cprev, stepAt(0, L, reverse)), c0));
    const { outs, hprev } = runSteps(g, h0, h, reverse, (p, s, hp, hy) => {
      hiddenGates(gates, hp, wt, b);
      binaryInto("add", gates, gates, at(g, s));
      const cy = p < L - 1 ? addrAt(cprev, stepAt(p + 1, L, reverse)) : cLast._addr();
      cell(gates._addr(), addrAt(cprev, s), hy._addr(), cy, addrAt(ws, s), n, h);
    });
    return record("lstmLayer", [...outs, cLast], [gi, h0, c0, w, b], {
      hprev,
      cprev,
      ws,
      reverse,
    } satisfies Omit<LstmLayerSaved, "gi" | "h0" | "c0" | "w" | "b">);
  });
}

/** One GRU layer and direction over `gi` [L, N, 3H] (L >= 1) from h0 [N, H]: the step outputs by time step. */
export function gruLayer(gi: Tensor, h0: Tensor, w: Tensor, b: Tensor | null, reverse: boolean): Tensor[] {
  const [L, n] = gi.shape as [number, number];
  const h = h0.shape[1]!;
  const dtype = gi.dtype;
  return scoped(() => {
    const g = contiguousOf(gi);
    const ws = Tensor._empty([L, n, 4 * h], dtype),
      gh = Tensor._empty([n, 3 * h], dtype);
    const cell = abi.kernel("gru_cell", dtype);
    const wt = t(w);
    const { outs, hprev } = runSteps(g, h0, h, reverse, (_p, s, hp, hy) => {
      hiddenGates(gh, hp, wt, b);
      cell(addrAt(g, s), gh._addr(), hp._addr(), hy._addr(), addrAt(ws, s), n, h);
    });
    return record("gruLayer", outs, [gi, h0, w, b], { hprev, ws, reverse } satisfies Omit<
      LayerSaved,
      "gi" | "h0" | "w" | "b"
    >);
  });
}

/** dW = sum over steps of dgates_t^T h_{t-1} and db = the sum of dgates_t: one matmul and one sum. */
function weightGrads(dg: Tensor, hprev: Tensor): [Tensor, Tensor] {
  const [L, n, k] = dg.shape as [number, number, number];
  const flat = view(dg, [L * n, k]);
  return [mm(t(flat), view(hprev, [L * n, hprev.shape[2]!])), sum(flat, 0)];
}

/** The grad of output `s` (a step's h) as a new contiguous tensor, or null. */
function stepGrad(grads: readonly (Tensor | null)[], s: number, dtype: DType): Tensor | null {
  const g = grads[s];
  if (g == null) return null;
  const out = Tensor._empty(g.shape, dtype);
  copyInto(out, g);
  return out;
}

/**
 * The backward's recurrence: `step(st, dh)` runs the cell backward of time
 * step st from dh, the grad of its output h (null for zero); `dgates(st)` is
 * the slot its grad of h W_hh^T went to and `partial` the cell's own part of
 * the grad of the state it read, or null. Returns the grad of h0.
 */
function backSteps(
  s: LayerSaved,
  grads: readonly (Tensor | null)[],
  step: (st: number, dh: Tensor | null) => { dgates: Tensor; partial: Tensor | null },
): Tensor {
  const L = s.gi.shape[0]!,
    dtype = s.gi.dtype;
  let dh = stepGrad(grads, stepAt(L - 1, L, s.reverse), dtype);
  for (let p = L - 1; p >= 0; p--) {
    const { dgates, partial } = step(stepAt(p, L, s.reverse), dh);
    // dh of the state step p read: dgates W (+ partial) + the grad of the output of the step before
    const before = p > 0 ? stepGrad(grads, stepAt(p - 1, L, s.reverse), dtype) : null;
    const acc = partial ?? before ?? Tensor._empty([dgates.shape[0]!, s.w.shape[1]!], dtype);
    gemmInto(dgates, s.w, acc, "mm", acc === partial || acc === before);
    if (partial !== null && before !== null) binaryInto("add", acc, acc, before);
    dh = acc;
  }
  return dh!;
}

/** The LSTM layer's grads of gi, h0, c0, W_hh, b_hh in one pass of kernels (no graph). */
function lstmLayerFused(s: LstmLayerSaved, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  const [L, n, h4] = s.gi.shape as [number, number, number];
  const dtype = s.gi.dtype;
  const back = abi.kernel("lstm_cell_backward", dtype);
  const dg = Tensor._empty([L, n, h4], dtype);
  let dc = gradOf(grads[L], dtype);
  const dh0 = backSteps(s, grads, (st, dh) => {
    const dcNew = Tensor._empty([n, h4 / 4], dtype);
    const addrs = [addrAt(s.ws, st), addrAt(s.cprev, st), addrAt(dg, st), dcNew._addr()] as const;
    back(dh?._addr() ?? 0, dc?._addr() ?? 0, ...addrs, n, h4 / 4);
    dc = dcNew;
    return { dgates: at(dg, st), partial: null };
  });
  return [dg, dh0, dc, ...weightGrads(dg, s.hprev)];
}

/** The GRU layer's grads of gi, h0, W_hh, b_hh in one pass of kernels (no graph). */
function gruLayerFused(s: LayerSaved, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  const [L, n, h3] = s.gi.shape as [number, number, number];
  const dtype = s.gi.dtype;
  const back = abi.kernel("gru_cell_backward", dtype);
  const dgi = Tensor._empty([L, n, h3], dtype),
    dgh = Tensor._empty([L, n, h3], dtype);
  const dh0 = backSteps(s, grads, (st, dh) => {
    const partial = Tensor._empty([n, h3 / 3], dtype);
    const d = dh ?? Tensor._empty([n, h3 / 3], dtype).zero_();
    back(
      d._addr(),
      addrAt(s.ws, st),
      addrAt(s.hprev, st),
      addrAt(dgi, st),
      addrAt(dgh, st),
      partial._addr(),
      n,
      h3 / 3,
    );
    return { dgates: at(dgh, st), partial };
  });
  return [dgi, dh0, ...weightGrads(dgh, s.hprev)];
}

/**
 * The composed form: the forward re-run with ops from the saved inputs, then
 * each step's composed cell backward (rnnCell.ts) and dh = dgates W, all ops.
 */
function layerComposed(s: LayerSaved, grads: readonly (Tensor | null)[], c0: Tensor | null): (Tensor | null)[] {
  const L = s.gi.shape[0]!;
  const lstm = c0 !== null;
  const gates = new Array<Tensor>(L),
    hs = new Array<Tensor>(L),
    cs = new Array<Tensor>(L),
    ghs = new Array<Tensor>(L);
  let h = s.h0,
    c = c0;
  for (let p = 0; p < L; p++) {
    const st = stepAt(p, L, s.reverse);
    const gh = linear(h, s.w, s.b);
    hs[st] = h;
    if (lstm) {
      cs[st] = c!;
      gates[st] = add(gh, select(s.gi, 0, st));
      [h, c] = composedLstmStep(gates[st], c!);
    } else {
      ghs[st] = gh;
      h = composedGruStep(select(s.gi, 0, st), gh, h);
    }
  }
  const dgs = new Array<Tensor>(L),
    dgis = new Array<Tensor>(L);
  let dh: Tensor | null = null,
    dc: Tensor | null = lstm ? (grads[L] ?? null) : null;
  for (let p = L - 1; p >= 0; p--) {
    const st = stepAt(p, L, s.reverse);
    const g = grads[st] ?? null;
    const dhy = g === null ? dh : dh === null ? g : add(g, dh);
    let dprev: Tensor | null;
    if (lstm) {
      const cell = { gates: gates[st]!, c: cs[st]! };
      dgs[st] = lstmCellGrad(dhy!, cell, [dhy, dc], 0);
      dc = lstmCellGrad(dhy!, cell, [dhy, dc], 1);
      dprev = null;
    } else {
      const d = dhy ?? Tensor._empty(hs[st]!.shape, hs[st]!.dtype).zero_();
      const cell = { gi: select(s.gi, 0, st), gh: ghs[st]!, h: hs[st]! };
      dgis[st] = gruCellGrad(d, cell, [d], 0);
      dgs[st] = gruCellGrad(d, cell, [d], 1);
      dprev = gruCellGrad(d, cell, [d], 2);
    }
    const rec = matmul(dgs[st]!, s.w);
    dh = dprev === null ? rec : add(dprev, rec);
  }
  const dg = stack(dgs);
  const [dw, db] = weightGrads(dg, stack(hs));
  return lstm ? [dg, dh, dc, dw, db] : [stack(dgis), dh, dw, db];
}

/** The formulas of the LSTM layer node (input i: gi, h0, c0, W_hh, b_hh), fused or composed. */
export const lstmLayerGrad =
  (fused: boolean) =>
  (_g: Tensor, s: LstmLayerSaved, grads: readonly (Tensor | null)[], which: number): Tensor | null =>
    (s.done ??= fused ? lstmLayerFused(s, grads) : layerComposed(s, grads, s.c0))[which] ?? null;

/** The formulas of the GRU layer node (input i: gi, h0, W_hh, b_hh), fused or composed. */
export const gruLayerGrad =
  (fused: boolean) =>
  (_g: Tensor, s: LayerSaved, grads: readonly (Tensor | null)[], which: number): Tensor | null =>
    (s.done ??= fused ? gruLayerFused(s, grads) : layerComposed(s, grads, null))[which] ?? null;
