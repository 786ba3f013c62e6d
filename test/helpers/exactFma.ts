// An exact float32 fused multiply-add for reference values, by integer
// arithmetic (BigInt) rather than the floating-point tricks the kernels use:
// a * b + c is formed exactly as an integer times a power of two, then
// rounded once to float32 (to nearest, ties to even, with subnormals).
//
// Plain float32 +, -, *, / and sqrt need nothing of the kind: computed in
// float64 and rounded with Math.fround they are correctly rounded
// (float64 has more than 2 * 24 + 2 bits).

const view = new DataView(new ArrayBuffer(8));
const f32 = new Float32Array(1),
  u32 = new Uint32Array(f32.buffer);

/** A finite double as an integer mantissa and a power of two: x = m * 2^e. */
function split(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0),
    lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n;
  return [hi >>> 31 ? -m : m, (biased === 0 ? 1 : biased) - 1075];
}

const bitLength = (m: bigint): number => m.toString(2).length;

/** fma(a, b, c) for float32 values a, b, c, rounded once to float32. */
export function fma32(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return Math.fround(a * b + c);
  const [ma, ea] = split(a),
    [mb, eb] = split(b),
    [mc, ec] = split(c);
  const mp = ma * mb,
    ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  // An exact zero takes IEEE's sign rule, which the float64 expression gets right.
  if (sum === 0n) return Math.fround(a * b + c);
  const negative = sum < 0n;
  const mag = negative ? -sum : sum;
  const top = bitLength(mag) - 1 + e; // exponent of the leading bit
  const lsb = Math.max(top - 23, -149); // float32's last kept bit (subnormals: 2^-149)
  const drop = lsb - e;
  let q: bigint;
  if (drop <= 0) q = mag << BigInt(-drop);
  else {
    q = mag >> BigInt(drop);
    const rest = mag - (q << BigInt(drop)),
      half = 1n << BigInt(drop - 1);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  }
  const r = Math.fround(Number(q) * 2 ** lsb); // exact but for overflow to infinity
  return negative ? -r : r;
}

/** The float32 after x (toward +infinity, for finite x > 0). */
function nextUp(x: number): number {
  f32[0] = x;
  u32[0] = u32[0]! + 1;
  return f32[0]!;
}

/** Whether a double lies exactly halfway between two float32 values. */
function onHalfway(r: number): boolean {
  const near = Math.fround(r);
  if (near === r || !Number.isFinite(near)) return false;
  f32[0] = near;
  u32[0] = u32[0]! + (r > near === near > 0 ? 1 : -1); // the float on r's other side
  return (near + f32[0]!) / 2 === r;
}

/**
 * A float32 x for which computing fma(x, b, c) in float64 and rounding that
 * to float32 gives the wrong answer: the float64 sum lands on a halfway
 * point between two floats near c, which the exact sum is not on. Null if
 * none of the first `tries` halfway points above and below c has one.
 */
export function doubleRoundingCase(b: number, c: number, tries = 4096): number | null {
  const ulp = nextUp(Math.abs(c)) - Math.abs(c);
  for (let k = 0; k < tries; k++) {
    for (const side of [1, -1]) {
      f32[0] = (side * (k + 0.5) * ulp) / b;
      const target = u32[0]!;
      for (let d = -1; d <= 1; d++) {
        u32[0] = target + d;
        const x = f32[0]!;
        if (onHalfway(x * b + c) && Math.fround(x * b + c) !== fma32(x, b, c)) return x;
      }
    }
  }
  return null;
}

/**
 * Whether fma(x, b, c) has such an x depends on b: the float32 b (> 0) at or
 * above `b0` that has one for `c`, and the x.
 */
export function withDoubleRounding(b0: number, c: number, sign = 1): [number, number] {
  for (let b = Math.fround(b0), k = 0; k < 1000; b = nextUp(b), k++) {
    const x = doubleRoundingCase(sign * b, c);
    if (x !== null) return [b, x];
  }
  throw new Error(`no float32 near ${b0} has inputs that make float64 round onto a halfway point`);
}
