// sin and cos in double, correctly rounded but for the rarest cases, for the
// Box-Muller angles 2 pi u (0 <= u < 1) of PyTorch's double normals.
//
// PyTorch takes glibc's sin and cos, which round correctly for all but ~0.1%
// of these inputs; AssemblyScript's (musl's) differ from them in ~3%. Working
// in double-double (two doubles per value) and rounding once at the end
// brings torchlet to glibc's result wherever glibc is correctly rounded.
//
// Reduction: theta - k pi/2 with pi/2 split into 33-bit parts, so k * part is
// exact for the small k here and the running sum loses nothing (pi/2 to ~180
// bits: a double below 8 is never closer than ~2^-61 to a multiple of pi/2).
// Kernels: Taylor series of sin and cos on |r| <= pi/4, the leading terms in
// double-double, the tail (below 2^-19 of the result) in double.

// Double-double arithmetic (T. J. Dekker, "A floating-point technique for
// extending the available precision", Numer. Math. 18, 1971): each function
// returns the high part and leaves the low part in `lo`.
let lo: f64 = 0;


@inline function twoSum(a: f64, b: f64): f64 {
  let s = a + b;
  let bb = s - a;
  lo = a - (s - bb) + (b - bb);
  return s;
}


@inline function twoProd(a: f64, b: f64): f64 {
  let p = a * b;
  let t = 134217729.0 * a; // 2^27 + 1: Veltkamp's split
  let ah = t - (t - a),
    al = a - ah;
  t = 134217729.0 * b;
  let bh = t - (t - b),
    bl = b - bh;
  lo = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}


@inline function ddAdd(ah: f64, al: f64, bh: f64, bl: f64): f64 {
  let s = twoSum(ah, bh);
  let e = lo + al + bl;
  let h = s + e;
  lo = e - (h - s);
  return h;
}


@inline function ddMul(ah: f64, al: f64, bh: f64, bl: f64): f64 {
  let p = twoProd(ah, bh);
  let e = lo + (ah * bl + al * bh);
  let h = p + e;
  lo = e - (h - p);
  return h;
}

// pi/2 = P1 + P2 + P3 + P4 + P5 + P6, the first five with 33 significant bits.
const P1: f64 = 1.5707963267341256;
const P2: f64 = 6.077100506303966e-11;
const P3: f64 = 2.0222662487111665e-21;
const P4: f64 = 8.478427660348229e-32;
const P5: f64 = 2.0670321098684437e-43;
const P6: f64 = -4.2044856255549717e-54;
const TWO_OVER_PI: f64 = 0.6366197723675814;

// 1/n! as double-doubles (hi, lo) for the leading terms.
const S3H: f64 = -0.16666666666666666,
  S3L: f64 = -9.25185853854297e-18;
const S5H: f64 = 0.008333333333333333,
  S5L: f64 = 1.1564823173178714e-19;
const S7H: f64 = -0.0001984126984126984,
  S7L: f64 = -1.7209558293420705e-22;
const C4H: f64 = 0.041666666666666664,
  C4L: f64 = 2.3129646346357427e-18;
const C6H: f64 = -0.001388888888888889,
  C6L: f64 = 5.300543954373577e-20;
const C8H: f64 = 2.48015873015873e-5,
  C8L: f64 = 2.1511947866775882e-23;

/** sin(r)/r - (1 - r^2/6 + r^4/120 - r^6/5040) over r^8, in double (x2 = r^2). */
@inline function sinTail(x2: f64): f64 {
  return (
    1.0 / 362880 +
    x2 *
      (-1.0 / 39916800 +
        x2 *
          (1.0 / 6227020800 +
            x2 *
              (-1.0 / 1307674368000 +
                x2 * (1.0 / 355687428096000 + x2 * (-1.0 / 1.21645100408832e17 + x2 * (1.0 / 5.109094217170944e19))))))
  );
}

/** (cos(r) - (1 - r^2/2 + r^4/24 - r^6/720 + r^8/40320)) / r^10, in double. */
@inline function cosTail(x2: f64): f64 {
  return (
    -1.0 / 3628800 +
    x2 *
      (1.0 / 479001600 +
        x2 *
          (-1.0 / 87178291200 +
            x2 *
              (1.0 / 20922789888000 +
                x2 *
                  (-1.0 / 6402373705728000 + x2 * (1.0 / 2.43290200817664e18 + x2 * (-1.0 / 1.1240007277776077e21))))))
  );
}

/** (x2h, x2l) (ch, cl) + (kh, kl) in double-double: one Horner step (high part; low in `lo`). */
@inline function ddHorner(x2h: f64, x2l: f64, ch: f64, cl: f64, kh: f64, kl: f64): f64 {
  let m = ddMul(x2h, x2l, ch, cl);
  return ddAdd(kh, kl, m, lo);
}

/** sin of the double-double r (|r| <= pi/4), rounded once. x2 = r^2 as (x2h, x2l). */
@inline function sinKernel(rh: f64, rl: f64, x2h: f64, x2l: f64): f64 {
  let c = ddAdd(S7H, S7L, x2h * sinTail(x2h), 0);
  c = ddHorner(x2h, x2l, c, lo, S5H, S5L);
  c = ddHorner(x2h, x2l, c, lo, S3H, S3L);
  c = ddMul(x2h, x2l, c, lo); // r^2 (-1/6 + ...)
  c = ddMul(rh, rl, c, lo); // r^3 (-1/6 + ...)
  let h = ddAdd(rh, rl, c, lo);
  return h + lo;
}

/** cos of the double-double r (|r| <= pi/4), rounded once. */
@inline function cosKernel(x2h: f64, x2l: f64): f64 {
  let c = ddAdd(C8H, C8L, x2h * cosTail(x2h), 0);
  c = ddHorner(x2h, x2l, c, lo, C6H, C6L);
  c = ddHorner(x2h, x2l, c, lo, C4H, C4L);
  c = ddHorner(x2h, x2l, c, lo, -0.5, 0);
  c = ddMul(x2h, x2l, c, lo); // r^2 (-1/2 + ...)
  let h = ddAdd(1, 0, c, lo);
  return h + lo;
}

/** sin(theta) and cos(theta) for 0 <= theta < 8, written to sinOut / cosOut. */
export let sinOut: f64 = 0;
export let cosOut: f64 = 0;

export function sincos(theta: f64): void {
  let k = <i32>Math.floor(theta * TWO_OVER_PI + 0.5);
  let kd = <f64>k;
  // theta - k P1 is exact (Sterbenz), and each k Pi has at most 36 bits.
  let rh = twoSum(theta - kd * P1, -kd * P2);
  let rl = lo;
  rh = ddAdd(rh, rl, -kd * P3, 0);
  rl = lo;
  rh = ddAdd(rh, rl, -kd * P4, 0);
  rl = lo;
  rh = ddAdd(rh, rl, -kd * P5, -kd * P6);
  rl = lo;
  let x2h = ddMul(rh, rl, rh, rl);
  let x2l = lo;
  let s = sinKernel(rh, rl, x2h, x2l);
  let c = cosKernel(x2h, x2l);
  switch (k & 3) {
    case 0: {
      sinOut = s;
      cosOut = c;
      break;
    }
    case 1: {
      sinOut = c;
      cosOut = -s;
      break;
    }
    case 2: {
      sinOut = -s;
      cosOut = -c;
      break;
    }
    default: {
      sinOut = -c;
      cosOut = s;
      break;
    }
  }
}
