"""Golden data for the unary math ops of issue 17 (test/umath.test.ts): erfc,
erfinv, tan, asin, acos, atan, sinh, cosh, asinh, acosh, atanh, log2, log10,
exp2, lgamma, digamma, polygamma, sinc, deg2rad, rad2deg, logit and frac.

Kinds of case (as gen_elementwise.py): op (values, printed form, grad_fn,
grads of sum(out * w), double-backward vectors), error, and sweep (one op
over a wide float32 / float64 value sweep, compared in ulps). Ops ending in
"_" run in place on a copy of the input.
"""
import math
from functools import partial

import torch

import common
import elementwise_cases
from common import Recorder, spec, rand
from elementwise_cases import case as record_case, error as record_error

# The shared weight counter starts here whatever ran before (generate.py runs all families in one process).
elementwise_cases.seed.value = 9000

# Half-precision inputs for the "not implemented for 'Half'" cases.
common.TORCH_DTYPES.setdefault("float16", torch.float16)
common.TORCH_DTYPES.setdefault("bfloat16", torch.bfloat16)

r = Recorder("umath")
case = partial(record_case, r)
error = partial(record_error, r)

NAN, INF = float("nan"), float("inf")

# Domains (lo, hi) where each op and its gradient are finite.
ANY = (-2.0, 2.0)
UNIT = (-0.75, 0.75)
POS = (0.25, 3.0)
ABOVE1 = (1.25, 3.0)
PROB = (0.125, 0.875)
DOMAIN = {
    "erfc": ANY, "erfinv": UNIT, "tan": (-1.25, 1.25), "asin": UNIT, "acos": UNIT, "atan": ANY, "sinh": ANY,
    "cosh": ANY, "asinh": ANY, "acosh": ABOVE1, "atanh": UNIT, "log2": POS, "log10": POS, "exp2": ANY,
    "lgamma": POS, "digamma": POS, "polygamma": POS, "sinc": ANY, "deg2rad": ANY, "rad2deg": ANY, "logit": PROB,
    "frac": ANY,
}
SPECIAL = [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 2.0, -0.75, 1e-8, 30.0]

seeds = iter(range(100, 10000))


def values(op, shape, dtype=torch.float32):
    lo, hi = DOMAIN[op]
    return rand(shape, next(seeds), lo=lo, hi=hi, dtype=dtype)


def unary_cases(op, args=None):
    """The cases every unary op meets (gen_elementwise.py's unary_cases over the op's domain)."""
    a = args or {}
    name = op if not a else f"{op}_{'_'.join(f'{k}{v}' for k, v in a.items())}"
    case(f"{name}_f32", op, [spec(values(op, [2, 3]))], a)
    case(f"{name}_f64", op, [spec(values(op, [2, 3], torch.float64))], a)
    case(f"{name}_transposed", op, [spec(values(op, [3, 2]), layout="t")], a)
    case(f"{name}_expanded", op, [spec(values(op, [1, 3]), layout="expand", shape=[2, 3])], a)
    case(f"{name}_sliced", op, [spec(values(op, [4, 3]), layout="slice", step=2)], a)
    case(f"{name}_0d", op, [spec(values(op, []))], a)
    case(f"{name}_empty", op, [spec(torch.zeros(2, 0))], a)
    case(f"{name}_special", op, [spec(SPECIAL)], a, double=False)
    case(f"{name}_special_f64", op, [spec(SPECIAL, dtype="float64")], a, double=False)
    case(f"{name}_int", op, [spec([[1, -2, 3], [0, 5, -7]], dtype="int32")], a)
    case(f"{name}_bool", op, [spec([[True, False, True], [False, False, True]], dtype="bool")], a)
    case(f"{name}_inplace", f"{op}_", [spec(values(op, [2, 3]))], a)


OPS = ["erfc", "erfinv", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "log2", "log10",
       "exp2", "lgamma", "digamma", "sinc", "deg2rad", "rad2deg"]
for op in OPS:
    unary_cases(op)
for n in [0, 1, 2, 3]:
    unary_cases("polygamma", {"n": n})
unary_cases("logit")
unary_cases("logit", {"eps": 0.25})

# frac: floating inputs only.
for suffix, s in [("f32", spec(values("frac", [2, 3]))), ("f64", spec(values("frac", [2, 3], torch.float64))),
                  ("transposed", spec(values("frac", [3, 2]), layout="t")), ("0d", spec(values("frac", []))),
                  ("empty", spec(torch.zeros(2, 0))), ("special", spec(SPECIAL))]:
    case(f"frac_{suffix}", "frac", [s], double=suffix != "special")
case("frac_inplace", "frac_", [spec(values("frac", [2, 3]))])
error("frac_err_int", "frac", [spec([[1, -2, 3]], dtype="int32")])
error("frac_err_bool", "frac", [spec([True, False], dtype="bool")])

# Edge domains: the special functions outside their easy range, with grads.
NEG = spec([-0.5, -1.5, -2.25, -3.75, -0.125, -10.5, -2.5])
for op in ["lgamma", "digamma"]:
    case(f"{op}_negative", op, [NEG])
    case(f"{op}_negative_f64", op, [spec([-0.5, -1.5, -2.25, -3.75, -0.125, -10.5, -2.5], dtype="float64")])
    case(f"{op}_large", op, [spec([10.0, 12.5, 100.0, 1e6, 1e17, 3e20, 1e30])], double=False)
for n in [1, 2, 3]:
    case(f"polygamma_negative_n{n}", "polygamma", [NEG], {"n": n})
    case(f"polygamma_large_n{n}", "polygamma", [spec([10.0, 12.5, 100.0, 1e4])], {"n": n}, double=False)
case("lgamma_poles", "lgamma", [spec([0.0, -0.0, -1.0, -2.0, -100.0, 1.0, 2.0])], grad=False)
case("lgamma_near_roots", "lgamma", [spec([0.9990234375, 1.0009765625, 1.9990234375, 2.0009765625], dtype="float64")])
case("digamma_poles", "digamma", [spec([0.0, -0.0, -1.0, -2.0, 1.0, 10.0])], grad=False)
case("erfinv_edges", "erfinv", [spec([1.0, -1.0, 1.5, -1.5, 0.999999, -0.999999, 1e-30, 0.9375])], grad=False)
case("erfinv_tails_f64", "erfinv", [spec([0.999, -0.9999, 0.99999999, 0.71, -0.7, 0.69], dtype="float64")])
case("erfc_tails", "erfc", [spec([5.0, 7.0, 9.0, 15.0, 26.0, 27.5, -6.5, -30.0])], double=False)
case("erfc_tails_f64", "erfc", [spec([5.0, 9.0, 10.0, 15.0, 26.0, 27.0, -6.5, -30.0, 0.84375, 1.25, 2.857], dtype="float64")], double=False)
case("acosh_edges", "acosh", [spec([1.0, 0.5, -1.0, 1e10, 1.0000001])], grad=False)
case("atanh_edges", "atanh", [spec([1.0, -1.0, 1.5, 0.999, -1e-10])], grad=False)
case("asin_outside", "asin", [spec([1.0, -1.0, 1.5, -1.25])], grad=False)
case("tan_large", "tan", [spec([1e6, -1e6, 1048575.9, 1048576.0, 3.0e38, 1e-40, 355.0, 103993.0])], grad=False)
case("tan_large_f64", "tan", [spec([1e6, -1e6, 1048575.9, 1048576.0, 3.0e300, 1e-310, 355.0, 103993.0], dtype="float64")], grad=False)
case("sinc_zero", "sinc", [spec([0.0, -0.0, 1.0, -2.0, 0.5, 1e-20])])
case("sinc_large_f64", "sinc", [spec([1e6 + 0.25, -3e5 + 0.5, 1e20], dtype="float64")], grad=False)
case("sinh_overflow", "sinh", [spec([89.0, 90.0, -90.0, 710.0, 1e-20])], grad=False)
case("exp2_edges", "exp2", [spec([128.0, 127.5, -149.0, -150.0, -126.0, 1e-10])], grad=False)
case("log2_edges", "log2", [spec([0.0, -1.0, 1.0, 1024.0, 1e-45, 3.0])], grad=False)
case("logit_edges", "logit", [spec([0.0, 1.0, -0.5, 1.5, 0.5])])
case("logit_edges_eps", "logit", [spec([0.0, 1.0, -0.5, 1.5, 0.5, 0.05, 0.95])], {"eps": 0.1})
case("logit_eps_zero", "logit", [spec([0.0, 1.0, 0.5])], {"eps": 0.0}, grad=False)
case("logit_eps_negative", "logit", [spec([0.0, 1.0, 0.5, 1.5])], {"eps": -1.0}, grad=False)
case("deg2rad_int_degrees", "deg2rad", [spec([180, 90, -45], dtype="int32")])

# Errors.
error("polygamma_err_negative_n", "polygamma", [spec([1.0, 2.0])], {"n": -1})
error("polygamma_inplace_err_int", "polygamma_", [spec([1, 2], dtype="int32")], {"n": 1})
for op in ["tan_", "erfinv_", "lgamma_", "digamma_", "exp2_", "sinc_", "frac_"]:
    error(f"{op[:-1]}_inplace_err_int", op, [spec([1, 2], dtype="int32")])
for op in ["erfc", "tan", "lgamma", "digamma", "sinc", "log2", "acosh", "erfinv", "sinh"]:
    error(f"{op}_err_half", op, [spec([0.5], dtype="float16")])
for n in [0, 1, 2]:
    error(f"polygamma_err_half_n{n}", "polygamma", [spec([0.5], dtype="float16")], {"n": n})
for op in ["exp2", "rad2deg", "deg2rad", "frac", "lgamma", "erfinv"]:
    case(f"{op}_bfloat16", op, [spec([0.5, -1.25, 2.0], dtype="bfloat16")], grad=False)
for op in ["exp2", "rad2deg", "frac"]:
    case(f"{op}_float16", op, [spec([0.5, -1.25, 2.0], dtype="float16")], grad=False)

# ---- value sweeps ----


def f32_sweep(lo, hi, n, extra=()):
    """n values over [lo, hi] and by magnitude (both signs), plus specials, all exact float32."""
    lin = torch.linspace(lo, hi, n, dtype=torch.float64)
    mags = torch.logspace(-45, 38, n // 2, dtype=torch.float64)
    vals = torch.cat([lin, mags, -mags, torch.tensor([0.0, -0.0, INF, -INF, NAN] + list(extra), dtype=torch.float64)])
    return vals.to(torch.float32)


SWEEPS = {
    "erfc": f32_sweep(-6, 12, 500, [0.84375, 1.25, 2.857143, 6.0, 9.19, 10.05]),
    "erfinv": torch.cat([f32_sweep(-1, 1, 800), torch.tensor([0.7, -0.7, 0.6999999, 0.9999999, 1 - 2**-24])]),
    "tan": f32_sweep(-10, 10, 500, [1.5707964, -1.5707964, 1e5, 1048575.9]),
    "asin": f32_sweep(-1, 1, 500), "acos": f32_sweep(-1, 1, 500), "atan": f32_sweep(-10, 10, 500),
    "sinh": f32_sweep(-90, 90, 500, [1e-5, -1e-5, 0.5, 88.7]), "cosh": f32_sweep(-90, 90, 500, [89.4, -89.4]),
    "asinh": f32_sweep(-10, 10, 500), "acosh": f32_sweep(1, 10, 500), "atanh": f32_sweep(-1, 1, 500),
    "log2": f32_sweep(-1, 10, 500, [1.0 - 2**-24, 1.0 + 2**-23]), "log10": f32_sweep(-1, 10, 500, [1.0 - 2**-24, 1.0 + 2**-23]),
    "exp2": f32_sweep(-150, 130, 500, [127.99, -126.5, -149.5]),
    "lgamma": f32_sweep(0, 40, 800, [1.0, 2.0, 0.999, 1.001, 2.001, 1.9999, 4e36]),
    "lgamma_neg": f32_sweep(-20, 0, 400),
    "digamma": f32_sweep(-10, 30, 800, [1.4616321, 1.4616322, 1e17]),
    "sinc": f32_sweep(-20, 20, 500, [1e-20, 0.5, 1.5]),
}
for key, x in SWEEPS.items():
    op = key.split("_")[0]
    if key == "lgamma_neg":
        x = x[(x < 0) & (x != torch.floor(x))]  # off the poles; near the negative roots the reflection cancels
    y = getattr(torch, op)(x)
    ys = torch.stack([getattr(torch, op)(v.reshape(1)) for v in x]).reshape(-1)
    # Compared with PyTorch's scalar path (glibc's float functions): its vectorised one (Sleef, kept as
    # outVector) overflows early in sinh/cosh and rounds some subnormal results of erfc differently.
    r.add(f"sweep_{key}", kind="sweep", op=op, x=x, out=ys, outVector=y, dtype="float32")
    x64 = x.to(torch.float64) * 1.0000001
    r.add(f"sweep_{key}_f64", kind="sweep", op=op, x=x64, out=getattr(torch, op)(x64), dtype="float64")
for n in [1, 2, 3]:
    x = f32_sweep(-10, 30, 400)
    x = x[(x.abs() < 1e6)]
    r.add(f"sweep_polygamma{n}", kind="sweep", op="polygamma", n=n, x=x, out=torch.polygamma(n, x), dtype="float32")
    x64 = x.to(torch.float64) * 1.0000001
    r.add(f"sweep_polygamma{n}_f64", kind="sweep", op="polygamma", n=n, x=x64, out=torch.polygamma(n, x64), dtype="float64")

r.write()
