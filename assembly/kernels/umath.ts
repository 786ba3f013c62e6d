// Special functions behind the unary math ops of unary.ts (codes 40 and up):
// erfc, erfinv, lgamma, digamma, trigamma, polygamma and the Hurwitz zeta.
//
// erfc follows the method of fdlibm's s_erf.c (its published rational
// approximations, |error| < 2^-57 on each interval): measured within 2 ulp of
// glibc. lgamma is a Taylor series in zeta values around 1 and 2, a
// recurrence down to [2, 3], Stirling's series from 10 up and the reflection
// formula below 0: within 2 ulp of glibc for x > 0; near the negative roots
// (x ~ -2.457, -2.747, ...) the reflection cancels, up to ~1500 ulp there.
// digamma, trigamma, zeta, polygamma and erfinv are PyTorch 1.13's own
// algorithms (aten/src/ATen/native/Math.h: Cephes' psi and zeta, the
// trigamma series, Pavlis' rational erfinv with two Newton steps), in the
// element type as PyTorch computes them, so they round where PyTorch does.

// ---- erfc / erf (fdlibm's intervals and coefficients) ----

const ERX: f64 = 8.45062911510467529297e-1;
const PP: usize = memory.data<f64>([
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3,
  -2.37630166566501626084e-5,
]);
const QQ: usize = memory.data<f64>([
  1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4,
  -3.9602282787753681232e-6,
]);
const PA: usize = memory.data<f64>([
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1,
  -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
]);
const QA: usize = memory.data<f64>([
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1,
  1.36370839120290507362e-2, 1.1984499846799107417e-2,
]);
const RA: usize = memory.data<f64>([
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1,
  -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592,
]);
const SA: usize = memory.data<f64>([
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
]);
const RB: usize = memory.data<f64>([
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2,
  -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
]);
const SB: usize = memory.data<f64>([
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
]);

/** t[0] + z (t[1] + z (t[2] + ... + z t[n-1])) by Horner's rule, over the n f64 at t. */
@inline function poly(z: f64, t: usize, n: i32): f64 {
  let r = load<f64>(t + ((<usize>(n - 1)) << 3));
  for (let k = n - 2; k >= 0; k--) r = load<f64>(t + ((<usize>k) << 3)) + z * r;
  return r;
}

/** (erf(x) - x) / x on |x| < 0.84375. */
@inline function erfSmall(x: f64): f64 {
  let z = x * x;
  return poly(z, PP, 5) / poly(z, QQ, 6);
}

/** erf(1 + s) - ERX on 0.84375 <= 1 + s < 1.25. */
@inline function erfNearOne(s: f64): f64 {
  return poly(s, PA, 7) / poly(s, QA, 7);
}

/** erfc(a) for 1.25 <= a < 28: exp(-a^2 - 0.5625 + R/S) / a, with a^2 split so its rounding does not enter exp. */
function erfcTail(a: f64): f64 {
  let s = 1 / (a * a);
  let near = a < 2.857142857142857;
  let r = near ? poly(s, RA, 8) : poly(s, RB, 7);
  let q = near ? poly(s, SA, 9) : poly(s, SB, 8);
  let z = reinterpret<f64>(reinterpret<u64>(a) & 0xffffffff00000000);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + r / q)) / a;
}

/** The complementary error function 1 - erf(x), accurate where it is tiny (x up to ~27). */
export function erfc64(x: f64): f64 {
  if (isNaN<f64>(x)) return x;
  let a = abs<f64>(x);
  if (a < 0.84375) {
    if (a < 1.3877787807814457e-17) return 1 - x;
    let y = erfSmall(x);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x - 0.5 + x * y);
  }
  if (a < 1.25) {
    let pq = erfNearOne(a - 1);
    return x >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (a < 28) {
    if (x < -6) return 2;
    let t = erfcTail(a);
    return x > 0 ? t : 2 - t;
  }
  return x > 0 ? 0 : 2;
}

/** erf to ~1 ulp (fdlibm's intervals), for the Newton steps of erfinv. */
function erfFine(x: f64): f64 {
  if (isNaN<f64>(x)) return x;
  let a = abs<f64>(x);
  if (a < 0.84375) return x + x * erfSmall(x);
  let y: f64 = 1;
  if (a < 1.25) y = ERX + erfNearOne(a - 1);
  else if (a < 6) y = 1 - erfcTail(a);
  return x < 0 ? -y : y;
}

// ---- erfinv (PyTorch's calc_erfinv) ----

@inline function erfT<T>(x: T): T {
  return <T>erfFine(<f64>x);
}


@inline function expT<T>(x: T): T {
  return <T>Math.exp(<f64>x);
}


@inline function logT<T>(x: T): T {
  return <T>Math.log(<f64>x);
}

/** PyTorch's erfinv: Pavlis' rational approximation, then two Newton steps, all in T. */
export function erfinvT<T>(y: T): T {
  let ya = abs<T>(y);
  if (ya > <T>1) return <T>NaN;
  if (ya == <T>1) return copysign<T>(<T>Infinity, y);
  let x: T;
  if (ya <= <T>0.7) {
    let z = y * y;
    let num = ((<T>-0.140543331 * z + <T>0.914624893) * z + <T>-1.645349621) * z + <T>0.886226899;
    let dem = (((<T>0.012229801 * z + <T>-0.329097515) * z + <T>1.442710462) * z + <T>-2.118377725) * z + <T>1;
    x = (y * num) / dem;
  } else {
    let z = sqrt<T>(-logT<T>((<T>1 - ya) / <T>2));
    let num = ((<T>1.641345311 * z + <T>3.429567803) * z + <T>-1.624906493) * z + <T>-1.970840454;
    let dem = (<T>1.6370678 * z + <T>3.5438892) * z + <T>1;
    x = copysign<T>(num, y) / dem;
  }
  let k = <T>2 / <T>1.7724538509055159; // 2 / sqrt(pi)
  x = x - (erfT<T>(x) - y) / (k * expT<T>(-x * x));
  x = x - (erfT<T>(x) - y) / (k * expT<T>(-x * x));
  return x;
}

// ---- lgamma ----

// zeta(k) and zeta(k) - 1 for k = 2..59 (mpmath): the Taylor coefficients of lgamma around 1 and 2.
const ZETA: usize = memory.data<f64>([
  1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.0173430619844492, 1.008349277381923,
  1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194, 1.000246086553308, 1.0001227133475785,
  1.0000612481350588, 1.000030588236307, 1.0000152822594086, 1.0000076371976379, 1.000003817293265, 1.0000019082127165,
  1.0000009539620338, 1.0000004769329869, 1.0000002384505027, 1.000000119219926, 1.000000059608189, 1.0000000298035034,
  1.0000000149015549, 1.0000000074507118, 1.000000003725334, 1.0000000018626598, 1.0000000009313275, 1.0000000004656628,
  1.000000000232831, 1.0000000001164155, 1.0000000000582077, 1.0000000000291038, 1.000000000014552, 1.000000000007276,
  1.000000000003638, 1.000000000001819, 1.0000000000009095, 1.0000000000004547, 1.0000000000002274, 1.0000000000001137,
  1.0000000000000568, 1.0000000000000284, 1.0000000000000142, 1.000000000000007, 1.0000000000000036, 1.0000000000000018,
  1.0000000000000009, 1.0000000000000004, 1.0000000000000002, 1.0000000000000002, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
]);
const ZETA_M1: usize = memory.data<f64>([
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993, 0.01734306198444914,
  0.008349277381922827, 0.00407735619794434, 0.0020083928260822143, 0.0009945751278180853, 0.0004941886041194645,
  0.0002460865533080483, 0.00012271334757848915, 6.124813505870483e-5, 3.058823630702049e-5, 1.528225940865187e-5,
  7.637197637899763e-6, 3.81729326499984e-6, 1.908212716553939e-6, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8, 1.4901554828365043e-8,
  7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9, 9.313274324196682e-10, 4.656629065033784e-10,
  2.3283118336765053e-10, 1.164155017270052e-10, 5.820772087902701e-11, 2.9103850444971e-11, 1.4551921891041985e-11,
  7.275959835057482e-12, 3.637979547378651e-12, 1.818989650307066e-12, 9.094947840263888e-13, 4.547473783042154e-13,
  2.2737368458246524e-13, 1.136868407680228e-13, 5.684341987627585e-14, 2.842170976889302e-14, 1.4210854828031608e-14,
  7.105427395210853e-15, 3.552713691337114e-15, 1.7763568435791204e-15, 8.881784210930816e-16, 4.440892103143813e-16,
  2.220446050798042e-16, 1.1102230251410661e-16, 5.551115124845481e-17, 2.775557562136124e-17, 1.3877787809725232e-17,
  6.938893904544153e-18, 3.4694469521659225e-18, 1.7347234760475765e-18,
]);
const ZETA_TERMS = 58;
const EULER: f64 = 0.5772156649015329;
const HALF_LOG_2PI: f64 = 0.9189385332046728;

/** lgamma(1 + z) = -gamma z + sum_k (-1)^k zeta(k) / k z^k, for |z| <= 0.5. */
function lgamma1p(z: f64): f64 {
  let s: f64 = 0;
  for (let i = ZETA_TERMS - 1; i >= 0; i--) {
    let c = load<f64>(ZETA + ((<usize>i) << 3)) / <f64>(i + 2);
    s = s * z + ((i & 1) == 0 ? c : -c);
  }
  return z * (-EULER + z * s);
}

/** lgamma(2 + z) = (1 - gamma) z + sum_k (-1)^k (zeta(k) - 1) / k z^k, for |z| <= 1. */
function lgamma2p(z: f64): f64 {
  let s: f64 = 0;
  for (let i = ZETA_TERMS - 1; i >= 0; i--) {
    let c = load<f64>(ZETA_M1 + ((<usize>i) << 3)) / <f64>(i + 2);
    s = s * z + ((i & 1) == 0 ? c : -c);
  }
  return z * (1 - EULER + z * s);
}

/** |sin(pi x)|, reduced exactly to |pi r| <= pi/2 first. */
function absSinPi(x: f64): f64 {
  let r = x % 2.0;
  if (r > 1) r -= 2;
  else if (r < -1) r += 2;
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return abs<f64>(Math.sin(Math.PI * r));
}

/** log|gamma(x)| for x > 0. */
function lgammaPositive(x: f64): f64 {
  if (x < 0.5) return lgamma1p(x) - Math.log(x);
  if (x < 1.5) return lgamma1p(x - 1);
  if (x <= 3) return lgamma2p(x - 2);
  if (x < 10) {
    let p: f64 = 1;
    while (x > 3) {
      x -= 1;
      p *= x;
    }
    return lgamma2p(x - 2) + Math.log(p);
  }
  // Stirling: the Bernoulli terms B_2k / (2k (2k - 1) x^(2k - 1)), k = 1..8.
  let z = 1 / (x * x);
  let s =
    0.08333333333333333 +
    z *
      (-0.002777777777777778 +
        z *
          (7.936507936507937e-4 +
            z *
              (-5.952380952380953e-4 +
                z *
                  (8.417508417508417e-4 +
                    z * (-0.0019175269175269176 + z * (0.00641025641025641 + z * -0.029550653594771242))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + s / x;
}

/** log|gamma(x)|: inf at the poles (0 and the negative integers) and at +-inf, as PyTorch. */
export function lgamma64(x: f64): f64 {
  if (isNaN<f64>(x)) return x;
  if (!isFinite<f64>(x)) return Infinity;
  // lgamma(1) = lgamma(2) = +0 exactly (the series around 1 would give -0).
  if (x == 1 || x == 2) return 0;
  if (x > 0) return lgammaPositive(x);
  if (x == floor<f64>(x)) return Infinity;
  // gamma(x) = gamma(1 + x) / x near 0; the reflection formula further out.
  if (x > -0.5) return lgamma1p(x) - Math.log(-x);
  return Math.log(Math.PI / absSinPi(x)) - lgammaPositive(1 - x);
}

// ---- digamma, trigamma, zeta, polygamma (PyTorch's Math.h) ----

const PSI_10: f64 = 2.25175258906672110764;

/** PyTorch's calc_digamma in T: -inf at +0, inf at -0, NaN at the negative integers. */
export function digammaT<T>(x: T): T {
  if (x == <T>0) return copysign<T>(<T>Infinity, -x);
  if (x < <T>0) {
    if (x == trunc<T>(x)) return <T>NaN;
    // The fractional part: tan(pi r) is more accurate than tan(pi x).
    let r = <f64>x - trunc<f64>(<f64>x);
    let piOverTan = <T>(Math.PI / Math.tan(Math.PI * r));
    return digammaT<T>(<T>1 - x) - piOverTan;
  }
  let result: T = 0;
  while (x < <T>10) {
    result -= <T>1 / x;
    x += <T>1;
  }
  if (x == <T>10) return result + <T>PSI_10;
  let y: T = 0;
  if (x < <T>1e17) {
    let z = <T>1 / (x * x);
    let p = <T>8.33333333333333333333e-2 * z + <T>-2.10927960927960927961e-2;
    p = p * z + <T>7.57575757575757575758e-3;
    p = p * z + <T>-4.16666666666666666667e-3;
    p = p * z + <T>3.96825396825396825397e-3;
    p = p * z + <T>-8.33333333333333333333e-3;
    p = p * z + <T>8.33333333333333333333e-2;
    y = z * p;
  }
  return result + logT<T>(x) - <T>0.5 / x - y;
}

/** PyTorch's calc_trigamma in T. */
export function trigammaT<T>(x: T): T {
  let sign: T = 1;
  let result: T = 0;
  if (x < <T>0.5) {
    sign = -1;
    let s = <T>Math.sin(<f64>(<T>Math.PI * x));
    result -= (<T>Math.PI * <T>Math.PI) / (s * s);
    x = <T>1 - x;
  }
  for (let i = 0; i < 6; i++) {
    result += <T>1 / (x * x);
    x += <T>1;
  }
  let ixx = <T>1 / (x * x);
  result += (<T>1 + <T>1 / (<T>2 * x) + ixx * (<T>(1.0 / 6) - ixx * (<T>(1.0 / 30) - ixx * <T>(1.0 / 42)))) / x;
  return sign * result;
}

const MACHEP: f64 = 1.11022302462515654042e-16;
const ZETA_A: usize = memory.data<f64>([
  12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12,
  1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18,
]);

/** Hurwitz zeta(x, q) as Cephes computes it (PyTorch's zeta, in double for both float types). */
export function zeta64(x: f64, q: f64): f64 {
  if (x == 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q == floor<f64>(q)) return Infinity;
    if (x != floor<f64>(x)) return NaN;
  }
  let s = Math.pow(q, -x);
  let a = q;
  let i = 0;
  let b: f64 = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = Math.pow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  let w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k: f64 = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = (a * b) / load<f64>(ZETA_A + ((<usize>j) << 3));
    s = s + t;
    t = abs<f64>(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** PyTorch's polygamma(n, x): digamma, trigamma, or (-1)^(n+1) n! zeta(n + 1, x). */
export function polygammaT<T>(n: i32, x: T): T {
  if (n == 0) return digammaT<T>(x);
  if (n == 1) return trigammaT<T>(x);
  let sign: T = (n & 1) != 0 ? 1 : -1;
  let fact = <T>Math.exp(<f64>(<T>lgamma64(<f64>n + 1)));
  return sign * fact * <T>zeta64(<f64>(n + 1), <f64>x);
}
