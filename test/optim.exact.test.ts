// The float32 SGD and Adam kernels work four elements at a time in float64
// lanes and hand a group to scalar code when a lane's fused multiply-add
// might round differently (assembly/kernels/nnmath.ts, fmaRisk4). The golden
// tests (optim.test.ts) check them against PyTorch on a few dozen values;
// here 1,027 values (256 groups of four and a tail) go through three steps
// of every option and are compared bit for bit with a reference written
// from torch.optim's single-tensor formulas in plain float32 arithmetic
// and an exact fma (test/helpers/exactFma.ts). The values include the kinds
// the fast path must not get wrong: sums that are exact in float64 and land
// on a halfway point (every other lane with momentum and no dampening),
// sums that float64 rounds onto a halfway point (found by search, so the
// scalar fallback is taken), results near float32's subnormals, zeros.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { rng } from "./helpers/random.js";
import { fma32, withDoubleRounding } from "./helpers/exactFma.js";

const f = Math.fround;
const N = 1027;

/** Float32 values of several kinds, from a seed. */
function values(seed: number): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const kind = r();
    const sign = r() < 0.5 ? -1 : 1;
    if (kind < 0.6) out[i] = sign * r() * 10 ** (-4 + 5 * r());
    else if (kind < 0.8)
      out[i] = (sign * Math.floor(r() * 256)) / 64; // few bits: exact sums
    else if (kind < 0.87) out[i] = 0;
    else if (kind < 0.94)
      out[i] = sign * r() * 1e-37; // near float32's subnormals
    else out[i] = sign * (1 + Math.floor(r() * 8) / 8);
  }
  return out;
}

interface Sgd {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}
interface Adam {
  lr: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

/** torch.optim.SGD's single-tensor update in float32, one element. */
function sgdRef(o: Sgd, p: Float32Array, g: Float32Array, buf: Float32Array, first: boolean): void {
  const mom = f(o.momentum ?? 0),
    keep = f(1 - (o.dampening ?? 0)),
    wd = f(o.weightDecay ?? 0),
    negLr = f(-o.lr);
  for (let i = 0; i < p.length; i++) {
    let d = o.maximize ? -g[i]! : g[i]!;
    if (wd !== 0) d = fma32(p[i]!, wd, d);
    if (mom !== 0) {
      buf[i] = first ? d : fma32(d, keep, f(buf[i]! * mom));
      d = o.nesterov ? fma32(buf[i]!, mom, d) : buf[i]!;
    }
    p[i] = fma32(d, negLr, p[i]!);
  }
}

/** torch.optim.Adam's (AdamW's when decoupled) single-tensor update in float32. */
function adamRef(
  o: Adam,
  decoupled: boolean,
  step: number,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vmax: Float32Array,
): void {
  const [beta1, beta2] = o.betas ?? [0.9, 0.999];
  const lr = o.lr,
    wdv = o.weightDecay ?? (decoupled ? 0.01 : 0);
  const stepSize = lr / (1 - beta1 ** step),
    bc2 = f(Math.sqrt(1 - beta2 ** step));
  const decay = f(1 - lr * wdv),
    wd = f(wdv),
    b1 = f(beta1),
    omb1 = f(1 - beta1),
    b2 = f(beta2),
    omb2 = f(1 - beta2);
  const eps = f(o.eps ?? 1e-8),
    negStep = f(-stepSize);
  for (let i = 0; i < p.length; i++) {
    let pv = p[i]!;
    if (decoupled) pv = f(pv * decay);
    let d = o.maximize ? -g[i]! : g[i]!;
    if (!decoupled && wd !== 0) d = fma32(pv, wd, d);
    m[i] = fma32(d, omb1, f(m[i]! * b1));
    v[i] = fma32(f(omb2 * d), d, f(v[i]! * b2));
    let second = v[i]!;
    if (o.amsgrad) second = vmax[i] = Number.isNaN(vmax[i]!) || vmax[i]! > second ? vmax[i]! : second;
    const denom = f(f(f(Math.sqrt(second)) / bc2) + eps);
    p[i] = f(pv + f(f(negStep * m[i]!) / denom));
  }
}

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer.slice(0)));

function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  const a = bits(actual),
    e = bits(expected);
  const bad = a.findIndex((x, i) => x !== e[i]);
  if (bad >= 0)
    expect.fail(
      `${what}: element ${bad} is ${actual[bad]} (0x${a[bad]!.toString(16)}), the exact formula gives ${expected[bad]} (0x${e[bad]!.toString(16)})`,
    );
}

/**
 * Options and inputs for SGD: some elements make float64 round the first fma's
 * sum onto a halfway point it is not on. Whether such inputs exist depends on
 * the fma's constant, so lr (plain SGD) or weightDecay is moved to the
 * nearest float32 that has them.
 */
function sgdInputs(o: Sgd): { o: Sgd; p: Float32Array; grads: Float32Array[] } {
  const p = values(11),
    grads = [values(12), values(13), values(14)],
    g = grads[0]!;
  if (o.weightDecay) {
    // d = fma(p, wd, g)
    const [wd, x] = withDoubleRounding(o.weightDecay, 1.5);
    o = { ...o, weightDecay: wd };
    for (const i of [5, 402, 1021]) [p[i], g[i]] = [x, 1.5];
  } else if (!o.momentum) {
    // p = fma(g, -lr, p); maximizing, fma(-g, -lr, p)
    const [lr, x] = withDoubleRounding(o.lr, 1.5, -1);
    o = { ...o, lr };
    for (const i of [5, 402, 1021]) [p[i], g[i]] = [1.5, o.maximize ? -x : x];
  }
  return { o, p, grads };
}

const SGD_CASES: [string, Sgd][] = [
  ["plain", { lr: 0.01 }],
  ["maximize", { lr: 0.01, maximize: true }],
  ["momentum", { lr: 0.1, momentum: 0.9 }],
  ["momentum, dampening", { lr: 0.05, momentum: 0.8, dampening: 0.3 }],
  ["nesterov, weight decay", { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01 }],
  ["weight decay", { lr: 0.2, weightDecay: 0.01 }],
];
const ADAM_CASES: [string, Adam][] = [
  ["default", { lr: 1e-3 }],
  ["weight decay, betas, eps", { lr: 0.01, weightDecay: 0.1, betas: [0.8, 0.99], eps: 1e-6 }],
  ["amsgrad, maximize", { lr: 0.01, amsgrad: true, maximize: true }],
];

describe("float32 optimizer kernels against an exact reference", () => {
  test("the inputs reach the scalar fallback: float64 rounds some fma sums onto a halfway point", () => {
    const [lr, g] = withDoubleRounding(0.01, 1.5, -1);
    expect(f(g * -lr + 1.5)).not.toBe(fma32(g, -lr, 1.5));
  });

  for (const [name, options] of SGD_CASES) {
    test(`SGD ${name}`, () => {
      const { o, p, grads } = sgdInputs(options);
      const param = torch.nn.Parameter(torch.tensor(p));
      const opt = new torch.optim.SGD([param], o);
      const ref = p.slice(),
        buf = new Float32Array(N);
      grads.forEach((g, k) => {
        param.grad = torch.tensor(g);
        opt.step();
        sgdRef(o, ref, g, buf, k === 0);
        expectSameBits(param.toArray() as Float32Array, ref, `step ${k + 1}`);
      });
      if (o.momentum)
        expectSameBits(
          (opt.state.get(param)!.momentumBuffer as Tensor).toArray() as Float32Array,
          buf,
          "momentum buffer",
        );
      torch.dispose([param, param.grad!]);
    });
  }

  for (const decoupled of [false, true]) {
    for (const [name, o] of ADAM_CASES) {
      test(`${decoupled ? "AdamW" : "Adam"} ${name}`, () => {
        const p = values(23),
          grads = [values(24), values(25), values(26)];
        const param = torch.nn.Parameter(torch.tensor(p));
        const opt = decoupled ? new torch.optim.AdamW([param], o) : new torch.optim.Adam([param], o);
        const ref = p.slice(),
          m = new Float32Array(N),
          v = new Float32Array(N),
          vmax = new Float32Array(N);
        grads.forEach((g, k) => {
          param.grad = torch.tensor(g);
          opt.step();
          adamRef(o, decoupled, k + 1, ref, g, m, v, vmax);
          expectSameBits(param.toArray() as Float32Array, ref, `step ${k + 1}`);
        });
        const state = opt.state.get(param)!;
        expectSameBits((state.expAvg as Tensor).toArray() as Float32Array, m, "expAvg");
        expectSameBits((state.expAvgSq as Tensor).toArray() as Float32Array, v, "expAvgSq");
        if (o.amsgrad) expectSameBits((state.maxExpAvgSq as Tensor).toArray() as Float32Array, vmax, "maxExpAvgSq");
        torch.dispose([param, param.grad!]);
      });
    }
  }
});
