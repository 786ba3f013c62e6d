// The elementwise part of one LSTM or GRU step, forward and backward, over
// contiguous [N, k * H] blocks (the gate matmuls are gemm's). The ops they
// replace run per time step on N * H elements each, so one pass instead of
// about ten kernel launches and their temporaries is most of the win.
//
// Forward: the composite step of src/nn/modules/rnn.ts (ATen's CPU cell),
// the same float operations in the same order, except that float32 sigmoid
// and tanh run in float32 arithmetic on math.ts's expf (sigmoidF, tanhF
// below), not through the correctly rounded twins torch.sigmoid and
// torch.tanh use: the gates are most of a recurrent step's elementwise
// work, and widened to float64 they were most of this kernel's time.
// Measured over every float32 in [-20, 20] and every 997th bit pattern of
// the whole range: sigmoidF within 4 ulp of the composite's sigmoid
// (PyTorch's formula on a correctly rounded exp), and within 2 ulp of the
// correctly rounded sigmoid, as that one is; tanhF within 1 ulp of the
// correctly rounded tanh. An f32x4 lane and the scalar twin agree bit for
// bit, so the bits do not depend on H's remainder mod 4; a float32 layer
// and its cell (LSTMCell, composed of ops) differ by those few ulp. float64:
// Math.exp / Math.tanh, the cell's bits.
// Backward: the chain rule of that composite, with PyTorch's
// sigmoid_backward (g (1 - y) y) and tanh_backward (g (1 - y^2)); only
// products and sums, so the generic v128 form serves float32 and float64.
//
// Workspaces (saved for backward, as PyTorch's fused CUDA cells keep them):
// LSTM [N, 5H] = i, f, g, o, tanh(c'); GRU [N, 4H] = r, z, n, h_n.
//
// The layer steps (nn.LSTM / nn.GRU over a sequence) pass the parts of the
// gates separately, to save a pass over them per step: gh = h W_hh^T without
// its bias, the bias b_hh (0: none) and the input gates gi (0: already in
// gh); a gate is (gh + b) + gi, which is what linear (gemm adding its sum to
// the bias) and then add give when the gemm's k fits one slab. hcopy (0:
// none) gets a second copy of h' (the next step's input). Backward, the grad
// of h' is dout (row stride ldout bytes, 0: zero) + drec (0: zero).

import { horner5 } from "./coef";
import * as M from "./math";
import { splat4 } from "./math";
import { lanes } from "./simd";

// tanh below |x| = 0.625 as x + x z P(z), z = x^2, with Cephes' tanhf
// polynomial (S. L. Moshier, Cephes Math Library); above it 1 - 2 / (e^2|x| + 1).
const TANH_SMALL: f32 = 0.625;

/** P(z) of the small form, in float32 or in each lane. */
@inline function tanhP<V>(z: V): V {
  return horner5<V, f32>(
    z,
    -3.33332819422e-1,
    1.33314422036e-1,
    -5.37397155531e-2,
    2.06390887954e-2,
    -5.70498872745e-3,
  );
}

/** PyTorch's formula, 1 / (1 + exp(-x)), in float32 arithmetic with expf. */
@inline function sigmoidF4(x: v128): v128 {
  return f32x4.div(splat4(1), f32x4.add(splat4(1), M.expf4(f32x4.neg(x))));
}

/** The scalar twin of sigmoidF4. */
@inline function sigmoidF(x: f32): f32 {
  return <f32>1 / (<f32>1 + M.expf(-x));
}

/** tanh in float32 arithmetic (see TANH_SMALL): on |x|, then the sign of x put back. */
@inline function tanhF4(x: v128): v128 {
  let a = f32x4.abs(x);
  let e = M.expf4(f32x4.add(a, a));
  let big = f32x4.sub(splat4(1), f32x4.div(splat4(2), f32x4.add(e, splat4(1))));
  let z = f32x4.mul(a, a);
  let small = f32x4.add(f32x4.mul(f32x4.mul(tanhP<v128>(z), z), a), a);
  let y = v128.bitselect(small, big, f32x4.lt(a, splat4(TANH_SMALL)));
  return v128.or(y, v128.and(x, splat4(-0.0))); // y >= 0 (or NaN)
}

/** The scalar twin of tanhF4. */
@inline function tanhF(x: f32): f32 {
  let a = abs<f32>(x);
  let y: f32;
  if (a < TANH_SMALL) {
    let z = a * a;
    y = tanhP<f32>(z) * z * a + a;
  } else {
    y = <f32>1 - <f32>2 / (M.expf(a + a) + <f32>1);
  }
  return copysign<f32>(y, x);
}


@inline function sigmoidT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>sigmoidF(<f32>x);
  return <T>(1 / (1 + Math.exp(-(<f64>x))));
}


@inline function tanhT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>tanhF(<f32>x);
  return <T>Math.tanh(<f64>x);
}


@inline function at<T>(p: usize, i: i32): usize {
  return p + ((<usize>i) << alignof<T>());
}

/** Byte address of row b of a [N, k] block, or 0 for an absent operand. */
@inline function row<T>(p: usize, b: i32, k: i32): usize {
  return p != 0 ? at<T>(p, b * k) : 0;
}

/** Gate vector at column j of row pointers gh, gi and bias b: (gh + b) + gi, the absent ones left out. */
@inline function gateV<T>(pg: usize, pb: usize, pi: usize, j: i32): v128 {
  let v = v128.load(at<T>(pg, j));
  if (pb != 0) v = v128.add<T>(v, v128.load(at<T>(pb, j)));
  if (pi != 0) v = v128.add<T>(v, v128.load(at<T>(pi, j)));
  return v;
}

/** The scalar twin of gateV. */
@inline function gateS<T>(pg: usize, pb: usize, pi: usize, j: i32): T {
  let v = load<T>(at<T>(pg, j));
  if (pb != 0) v = v + load<T>(at<T>(pb, j));
  if (pi != 0) v = v + load<T>(at<T>(pi, j));
  return v;
}

/**
 * LSTM step: gates [N, 4H] (i, f, g, o pre-activations: gh + bias + gi, see
 * the file comment), c [N, H] -> hy = o tanh(c') (and hcopy), cy = c' =
 * f c + i g, ws [N, 5H].
 */
@inline export function lstmCell<T>(
  gates: usize,
  bias: usize,
  gi: usize,
  c: usize,
  hy: usize,
  hcopy: usize,
  cy: usize,
  ws: usize,
  n: i32,
  h: i32,
): void {
  for (let b = 0; b < n; b++) {
    let pg = at<T>(gates, b * 4 * h),
      pi = row<T>(gi, b, 4 * h),
      pc = at<T>(c, b * h),
      ph = at<T>(hy, b * h),
      pk = row<T>(hcopy, b, h),
      py = at<T>(cy, b * h),
      pw = at<T>(ws, b * 5 * h);
    let j = 0;
    if (sizeof<T>() == 4) {
      for (; j + 4 <= h; j += 4) {
        let i = sigmoidF4(gateV<T>(pg, bias, pi, j));
        let f = sigmoidF4(gateV<T>(pg, bias, pi, h + j));
        let g = tanhF4(gateV<T>(pg, bias, pi, 2 * h + j));
        let o = sigmoidF4(gateV<T>(pg, bias, pi, 3 * h + j));
        let cv = f32x4.add(f32x4.mul(f, v128.load(at<T>(pc, j))), f32x4.mul(i, g));
        let tc = tanhF4(cv);
        let hv = f32x4.mul(o, tc);
        v128.store(at<T>(py, j), cv);
        v128.store(at<T>(ph, j), hv);
        if (pk != 0) v128.store(at<T>(pk, j), hv);
        v128.store(at<T>(pw, j), i);
        v128.store(at<T>(pw, h + j), f);
        v128.store(at<T>(pw, 2 * h + j), g);
        v128.store(at<T>(pw, 3 * h + j), o);
        v128.store(at<T>(pw, 4 * h + j), tc);
      }
    }
    for (; j < h; j++) {
      let i = sigmoidT<T>(gateS<T>(pg, bias, pi, j));
      let f = sigmoidT<T>(gateS<T>(pg, bias, pi, h + j));
      let g = tanhT<T>(gateS<T>(pg, bias, pi, 2 * h + j));
      let o = sigmoidT<T>(gateS<T>(pg, bias, pi, 3 * h + j));
      let cv = f * load<T>(at<T>(pc, j)) + i * g;
      let tc = tanhT<T>(cv);
      store<T>(at<T>(py, j), cv);
      store<T>(at<T>(ph, j), o * tc);
      if (pk != 0) store<T>(at<T>(pk, j), o * tc);
      store<T>(at<T>(pw, j), i);
      store<T>(at<T>(pw, h + j), f);
      store<T>(at<T>(pw, 2 * h + j), g);
      store<T>(at<T>(pw, 3 * h + j), o);
      store<T>(at<T>(pw, 4 * h + j), tc);
    }
  }
}

/** The grad of h' at column j of rows dout, drec (either 0 for a zero one). */
@inline function gradV<T>(pd: usize, pr: usize, j: i32): v128 {
  if (pd == 0) return pr != 0 ? v128.load(at<T>(pr, j)) : v128.splat<T>(0);
  let v = v128.load(at<T>(pd, j));
  return pr != 0 ? v128.add<T>(v, v128.load(at<T>(pr, j))) : v;
}

/** The scalar twin of gradV. */
@inline function gradS<T>(pd: usize, pr: usize, j: i32): T {
  if (pd == 0) return pr != 0 ? load<T>(at<T>(pr, j)) : <T>0;
  let v = load<T>(at<T>(pd, j));
  return pr != 0 ? v + load<T>(at<T>(pr, j)) : v;
}

/**
 * LSTM step backward: the grad of h' (dout + drec, see the file comment),
 * dcy [N, H] (0 for a grad that is zero), ws, c -> dgates [N, 4H], dc [N, H].
 */
@inline export function lstmCellBackward<T>(
  dout: usize,
  ldout: i32,
  drec: usize,
  dcy: usize,
  ws: usize,
  c: usize,
  dgates: usize,
  dc: usize,
  n: i32,
  h: i32,
): void {
  const L = lanes<T>();
  let one = v128.splat<T>(1);
  for (let b = 0; b < n; b++) {
    let pw = at<T>(ws, b * 5 * h),
      pc = at<T>(c, b * h),
      pd = dout != 0 ? dout + <usize>(b * ldout) : 0,
      pr = row<T>(drec, b, h),
      pdc = at<T>(dcy, b * h),
      pdg = at<T>(dgates, b * 4 * h),
      pdx = at<T>(dc, b * h);
    let j = 0;
    for (; j + L <= h; j += L) {
      let i = v128.load(at<T>(pw, j)),
        f = v128.load(at<T>(pw, h + j)),
        g = v128.load(at<T>(pw, 2 * h + j)),
        o = v128.load(at<T>(pw, 3 * h + j)),
        tc = v128.load(at<T>(pw, 4 * h + j));
      let gh = gradV<T>(pd, pr, j);
      let gc = v128.mul<T>(v128.mul<T>(gh, o), v128.sub<T>(one, v128.mul<T>(tc, tc)));
      if (dcy != 0) gc = v128.add<T>(v128.load(at<T>(pdc, j)), gc);
      let di = v128.mul<T>(v128.mul<T>(v128.mul<T>(gc, g), v128.sub<T>(one, i)), i);
      let df = v128.mul<T>(v128.mul<T>(v128.mul<T>(gc, v128.load(at<T>(pc, j))), v128.sub<T>(one, f)), f);
      let dg = v128.mul<T>(v128.mul<T>(gc, i), v128.sub<T>(one, v128.mul<T>(g, g)));
      let dout = v128.mul<T>(v128.mul<T>(v128.mul<T>(gh, tc), v128.sub<T>(one, o)), o);
      v128.store(at<T>(pdg, j), di);
      v128.store(at<T>(pdg, h + j), df);
      v128.store(at<T>(pdg, 2 * h + j), dg);
      v128.store(at<T>(pdg, 3 * h + j), dout);
      v128.store(at<T>(pdx, j), v128.mul<T>(gc, f));
    }
    for (; j < h; j++) {
      let i = load<T>(at<T>(pw, j)),
        f = load<T>(at<T>(pw, h + j)),
        g = load<T>(at<T>(pw, 2 * h + j)),
        o = load<T>(at<T>(pw, 3 * h + j)),
        tc = load<T>(at<T>(pw, 4 * h + j));
      let gh = gradS<T>(pd, pr, j);
      let gc = gh * o * (<T>1 - tc * tc);
      if (dcy != 0) gc = load<T>(at<T>(pdc, j)) + gc;
      store<T>(at<T>(pdg, j), gc * g * (<T>1 - i) * i);
      store<T>(at<T>(pdg, h + j), gc * load<T>(at<T>(pc, j)) * (<T>1 - f) * f);
      store<T>(at<T>(pdg, 2 * h + j), gc * i * (<T>1 - g * g));
      store<T>(at<T>(pdg, 3 * h + j), gh * tc * (<T>1 - o) * o);
      store<T>(at<T>(pdx, j), gc * f);
    }
  }
}

/**
 * GRU step: gi, gh [N, 3H] (r, z, n parts of x W_ih^T + b_ih and
 * h W_hh^T, plus bias b_hh when not 0), h [N, H] -> hy = (h - n) z + n
 * (and hcopy), ws [N, 4H], where r = sigmoid(h_r + i_r),
 * z = sigmoid(h_z + i_z), n = tanh(i_n + h_n r).
 */
@inline export function gruCell<T>(
  gi: usize,
  gh: usize,
  bias: usize,
  hx: usize,
  hy: usize,
  hcopy: usize,
  ws: usize,
  n: i32,
  h: i32,
): void {
  for (let b = 0; b < n; b++) {
    let pi = at<T>(gi, b * 3 * h),
      pg = at<T>(gh, b * 3 * h),
      px = at<T>(hx, b * h),
      py = at<T>(hy, b * h),
      pk = row<T>(hcopy, b, h),
      pw = at<T>(ws, b * 4 * h);
    let j = 0;
    if (sizeof<T>() == 4) {
      for (; j + 4 <= h; j += 4) {
        let r = sigmoidF4(f32x4.add(gateV<T>(pg, bias, 0, j), v128.load(at<T>(pi, j))));
        let z = sigmoidF4(f32x4.add(gateV<T>(pg, bias, 0, h + j), v128.load(at<T>(pi, h + j))));
        let hn = gateV<T>(pg, bias, 0, 2 * h + j);
        let nv = tanhF4(f32x4.add(v128.load(at<T>(pi, 2 * h + j)), f32x4.mul(hn, r)));
        let y = f32x4.add(f32x4.mul(f32x4.sub(v128.load(at<T>(px, j)), nv), z), nv);
        v128.store(at<T>(py, j), y);
        if (pk != 0) v128.store(at<T>(pk, j), y);
        v128.store(at<T>(pw, j), r);
        v128.store(at<T>(pw, h + j), z);
        v128.store(at<T>(pw, 2 * h + j), nv);
        v128.store(at<T>(pw, 3 * h + j), hn);
      }
    }
    for (; j < h; j++) {
      let r = sigmoidT<T>(gateS<T>(pg, bias, 0, j) + load<T>(at<T>(pi, j)));
      let z = sigmoidT<T>(gateS<T>(pg, bias, 0, h + j) + load<T>(at<T>(pi, h + j)));
      let hn = gateS<T>(pg, bias, 0, 2 * h + j);
      let nv = tanhT<T>(load<T>(at<T>(pi, 2 * h + j)) + hn * r);
      let y = (load<T>(at<T>(px, j)) - nv) * z + nv;
      store<T>(at<T>(py, j), y);
      if (pk != 0) store<T>(at<T>(pk, j), y);
      store<T>(at<T>(pw, j), r);
      store<T>(at<T>(pw, h + j), z);
      store<T>(at<T>(pw, 2 * h + j), nv);
      store<T>(at<T>(pw, 3 * h + j), hn);
    }
  }
}

/** GRU step backward: the grad of h' (dout + drec, see the file comment), ws, h [N, H] -> dgi, dgh [N, 3H], dh [N, H]. */
@inline export function gruCellBackward<T>(
  dout: usize,
  ldout: i32,
  drec: usize,
  ws: usize,
  hx: usize,
  dgi: usize,
  dgh: usize,
  dh: usize,
  n: i32,
  h: i32,
): void {
  const L = lanes<T>();
  let one = v128.splat<T>(1);
  for (let b = 0; b < n; b++) {
    let pw = at<T>(ws, b * 4 * h),
      px = at<T>(hx, b * h),
      pd = dout != 0 ? dout + <usize>(b * ldout) : 0,
      pr = row<T>(drec, b, h),
      pi = at<T>(dgi, b * 3 * h),
      pg = at<T>(dgh, b * 3 * h),
      pdx = at<T>(dh, b * h);
    let j = 0;
    for (; j + L <= h; j += L) {
      let r = v128.load(at<T>(pw, j)),
        z = v128.load(at<T>(pw, h + j)),
        nv = v128.load(at<T>(pw, 2 * h + j)),
        hn = v128.load(at<T>(pw, 3 * h + j));
      let d = gradV<T>(pd, pr, j);
      let dS = v128.mul<T>(d, z);
      let dz = v128.mul<T>(d, v128.sub<T>(v128.load(at<T>(px, j)), nv));
      let dn = v128.mul<T>(v128.sub<T>(d, dS), v128.sub<T>(one, v128.mul<T>(nv, nv)));
      let dr = v128.mul<T>(v128.mul<T>(v128.mul<T>(dn, hn), v128.sub<T>(one, r)), r);
      let dzp = v128.mul<T>(v128.mul<T>(dz, v128.sub<T>(one, z)), z);
      v128.store(at<T>(pi, j), dr);
      v128.store(at<T>(pi, h + j), dzp);
      v128.store(at<T>(pi, 2 * h + j), dn);
      v128.store(at<T>(pg, j), dr);
      v128.store(at<T>(pg, h + j), dzp);
      v128.store(at<T>(pg, 2 * h + j), v128.mul<T>(dn, r));
      v128.store(at<T>(pdx, j), dS);
    }
    for (; j < h; j++) {
      let r = load<T>(at<T>(pw, j)),
        z = load<T>(at<T>(pw, h + j)),
        nv = load<T>(at<T>(pw, 2 * h + j)),
        hn = load<T>(at<T>(pw, 3 * h + j));
      let d = gradS<T>(pd, pr, j);
      let dS = d * z;
      let dz = d * (load<T>(at<T>(px, j)) - nv);
      let dn = (d - dS) * (<T>1 - nv * nv);
      let dr = dn * hn * (<T>1 - r) * r;
      let dzp = dz * (<T>1 - z) * z;
      store<T>(at<T>(pi, j), dr);
      store<T>(at<T>(pi, h + j), dzp);
      store<T>(at<T>(pi, 2 * h + j), dn);
      store<T>(at<T>(pg, j), dr);
      store<T>(at<T>(pg, h + j), dzp);
      store<T>(at<T>(pg, 2 * h + j), dn * r);
      store<T>(at<T>(pdx, j), dS);
    }
  }
}
