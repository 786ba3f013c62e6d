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
// then + gi, then the fused cell): a step is one gemm for h W_hh^T and one
// kernel that adds b_hh and gi as linear and add round them, runs the gates
// and also writes h' into the next step's input slot. Outputs are the step outputs h_t, one
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
import { add } from "../../ops/binary.js";
import { packedGemm, type PackedGemm } from "../../ops/linalgKernels.js";
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

/**
 * out := h W^T (by `gemm`, over W^T packed; h the address of a contiguous
 * [N, H]), and the bias address the cell kernel adds after it: linear's
 * bits (a gemm adds its sum to the bias it starts from) when the gemm sums
 * k = H in one slab; else the bias goes in first, as linear does it, and
 * the kernel adds none.
 */
function hiddenGates(out: Tensor, h: number, gemm: PackedGemm, b: Tensor | null, oneSlab: boolean): number {
  if (b === null || oneSlab) {
    gemm.run(h, out._addr(), false);
    return b === null ? 0 : b._addr();
  }
  copyInto(out, b);
  gemm.run(h, out._addr(), true);
  return 0;
}

/** `run(gemm)` with packedGemm(w, m) for the step gemms (w packed once, not per step), freed after. */
function withPacked<R>(w: Tensor, m: number, run: (gemm: PackedGemm) => R): R {
  const gemm = packedGemm(w, m);
  try {
    return run(gemm);
  } finally {
    gemm.dispose();
  }
}

/** What a forward step gets: addresses of its operands (see kernels/rnnCell.ts). */
interface StepArgs {
  /** h W_hh^T [N, kH] (with b_hh when `bias` is 0). */
  gh: number;
  /** b_hh, or 0. */
  bias: number;
  /** This step's slot of gi [N, kH]. */
  gi: number;
  /** The state the step reads [N, H]. */
  hp: number;
  /** The step's output [N, H]. */
  hy: number;
  /** The next step's slot of hprev, or 0 for the last step processed. */
  hcopy: number;
}

/**
 * Runs the steps of one layer and direction over `gi` [L, N, kH]: per step
 * the gemm of hiddenGates, then `step(p, s, args)` (the p-th step
 * processed, time step s) runs the cell kernel.
 */
function runSteps(
  gi: Tensor,
  h0: Tensor,
  w: Tensor,
  b: Tensor | null,
  reverse: boolean,
  step: (p: number, s: number, args: StepArgs) => void,
): { outs: Tensor[]; hprev: Tensor } {
  const [L, n, k] = gi.shape as [number, number, number];
  const hidden = w.shape[1]!,
    dtype = gi.dtype;
  const g = contiguousOf(gi),
    bias = b === null ? null : contiguousOf(b),
    wt = t(w);
  const hprev = Tensor._empty([L, n, hidden], dtype),
    gh = Tensor._empty([n, k], dtype);
  const outs = new Array<Tensor>(L);
  const oneSlab = hidden <= (abi.kernel("rnn_gemm_kc", dtype)() as number);
  noGrad(() => {
    copyInto(at(hprev, stepAt(0, L, reverse)), h0);
    withPacked(wt, n, (gemm) => {
      for (let p = 0; p < L; p++) {
        const s = stepAt(p, L, reverse);
        const hy = Tensor._empty([n, hidden], dtype);
        const hp = addrAt(hprev, s);
        step(p, s, {
          bias: hiddenGates(gh, hp, gemm, bias, oneSlab),
          gh: gh._addr(),
          gi: addrAt(g, s),
          hp,
          hy: hy._addr(),
          hcopy: p < L - 1 ? addrAt(hprev, stepAt(p + 1, L, reverse)) : 0,
        });
        outs[s] = hy;
      }
    });
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
    const cprev = Tensor._empty([L, n, h], dtype),
      ws = Tensor._empty([L, n, 5 * h], dtype),
      cLast = Tensor._empty([n, h], dtype);
    const cell = abi.kernel("lstm_cell", dtype);
    noGrad(() => copyInto(at(cprev, stepAt(0, L, reverse)), c0));
    const { outs, hprev } = runSteps(gi, h0, w, b, reverse, (p, s, a) => {
      const cy = p < L - 1 ? addrAt(cprev, stepAt(p + 1, L, reverse)) : cLast._addr();
      cell(a.gh, a.bias, a.gi, addrAt(cprev, s), a.hy, a.hcopy, cy, addrAt(ws, s), n, h);
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
  return scoped(() => {
    const ws = Tensor._empty([L, n, 4 * h], gi.dtype);
    const cell = abi.kernel("gru_cell", gi.dtype);
    const { outs, hprev } = runSteps(gi, h0, w, b, reverse, (_p, s, a) => {
      cell(a.gi, a.gh, a.bias, a.hp, a.hy, a.hcopy, addrAt(ws, s), n, h);
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

/**
 * The grad of output `s` (a step's h [N, H]) as the kernels read it: its
 * address and row stride in bytes (rows of unit stride), a contiguous copy
 * when it is not so; [0, 0] for a zero grad.
 */
function stepGrad(grads: readonly (Tensor | null)[], s: number, dtype: DType): [number, number] {
  const g = grads[s];
  if (g == null) return [0, 0];
  const rows = g.dtype === dtype && (g.shape[1]! <= 1 || g._strides[1] === 1) ? g : gradOf(g, dtype)!;
  return [rows._addr(), (rows.shape[0]! <= 1 ? rows.shape[1]! : rows._strides[0]!) * itemSize[dtype]];
}

/**
 * The backward's recurrence: `step(st, dout, drec)` runs the cell backward
 * of time step st, whose output's grad is dout (its address and row stride,
 * see stepGrad) + drec (the address of the grad through the next step, 0
 * at first); it returns the address of the slot its grad of h W_hh^T went
 * to, and the cell's own part of the grad of the state it read (or null).
 * Returns the grad of h0.
 */
function backSteps(
  s: LayerSaved,
  grads: readonly (Tensor | null)[],
  step: (st: number, dout: [number, number], drec: number) => { dgates: number; partial: Tensor | null },
): Tensor {
  const [L, n] = s.gi.shape as [number, number],
    dtype = s.gi.dtype;
  let drec: Tensor | null = null;
  withPacked(s.w, n, (gemm) => {
    for (let p = L - 1; p >= 0; p--) {
      const st = stepAt(p, L, s.reverse);
      const { dgates, partial } = step(st, stepGrad(grads, st, dtype), drec?._addr() ?? 0);
      // the grad of the state step p read: dgates W (+ partial)
      const acc = partial ?? Tensor._empty([n, s.w.shape[1]!], dtype);
      gemm.run(dgates, acc._addr(), partial !== null);
      drec = acc;
    }
  });
  return drec!;
}

/** The LSTM layer's grads of gi, h0, c0, W_hh, b_hh in one pass of kernels (no graph). */
function lstmLayerFused(s: LstmLayerSaved, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  const [L, n, h4] = s.gi.shape as [number, number, number];
  const dtype = s.gi.dtype;
  const back = abi.kernel("lstm_cell_backward", dtype);
  const dg = Tensor._empty([L, n, h4], dtype);
  let dc = gradOf(grads[L], dtype);
  const dh0 = backSteps(s, grads, (st, dout, drec) => {
    const dcNew = Tensor._empty([n, h4 / 4], dtype);
    const addrs = [addrAt(s.ws, st), addrAt(s.cprev, st), addrAt(dg, st), dcNew._addr()] as const;
    back(...dout, drec, dc?._addr() ?? 0, ...addrs, n, h4 / 4);
    dc = dcNew;
    return { dgates: addrAt(dg, st), partial: null };
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
  const dh0 = backSteps(s, grads, (st, dout, drec) => {
    const partial = Tensor._empty([n, h3 / 3], dtype);
    const addrs = [addrAt(s.ws, st), addrAt(s.hprev, st), addrAt(dgi, st), addrAt(dgh, st)] as const;
    back(...dout, drec, ...addrs, partial._addr(), n, h3 / 3);
    return { dgates: addrAt(dgh, st), partial };
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
