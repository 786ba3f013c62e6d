// Exact fused multiply-add in JavaScript (a * b + c, one rounding), for ops
// whose PyTorch CPU results come from fma-contracted code (arange, linspace).
// The same method as assembly/kernels/fma.ts: rounding to odd (S. Boldo,
// G. Melquiond, "Emulation of FMA and correctly rounded sums: proved
// algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008).

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // index of the low word

/** x + y rounded to odd: the nearest double, moved to its odd neighbour when the sum is inexact. */
function addOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const err = x - (s - bb) + (y - bb); // exact error of s (TwoSum)
  if (err === 0) return s;
  f64[0] = s;
  if ((u32[LO]! & 1) !== 0) return s;
  // Step one unit in the last place toward the exact value (sign-magnitude bits).
  const up = err > 0 === s > 0;
  const lo = u32[LO]!,
    hi = u32[1 - LO]!;
  if (up) {
    u32[LO] = (lo + 1) >>> 0;
    if (u32[LO] === 0) u32[1 - LO] = hi + 1;
  } else {
    u32[LO] = (lo - 1) >>> 0;
    if (lo === 0) u32[1 - LO] = hi - 1;
  }
  return f64[0]!;
}

/** fma(a, b, c) in float32 for float32 operands: exact product, sum rounded to odd, then to float32. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b; // exact: 24 + 24 bits fit in a double
  if (!Number.isFinite(p) || c === 0) return Math.fround(p + c);
  return Math.fround(addOdd(p, c));
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** fma(a, b, c) in float64: Dekker's exact product, then Boldo and Melquiond's Algorithm 5. */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  if (
    !Number.isFinite(uh) ||
    uh === 0 ||
    c === 0 ||
    !Number.isFinite(c) ||
    Math.abs(a) > 1e290 ||
    Math.abs(b) > 1e290 ||
    Math.abs(uh) < 1e-280
  ) {
    return uh + c;
  }
  let t = SPLIT * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b),
    bl = b - bh;
  const ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  const th = c + uh;
  const bb = th - c;
  const tl = c - (th - bb) + (uh - bb);
  return th + addOdd(tl, ul);
}
