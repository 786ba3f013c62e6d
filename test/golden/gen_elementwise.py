"""Golden data for the elementwise ops (test/elementwise.test.ts, test/elementwise.kernels.test.ts).

Kinds of case:
  op        one op on input specs and JS numbers: out, printed form, grad_fn
            name and next_functions, grads of every float input's base for
            loss = sum(out * w), and the second derivatives d/d(base, w) of
            sum(grad * v) (double backward).
  error     the message an op raises.
  sweep     a unary float op over a wide value sweep (ulp-level comparisons).

In-place ops and the "modified by an inplace operation" scenarios are in
gen_inplace.py; the shared helpers in elementwise_cases.py.
"""
import math
from functools import partial

import torch

from common import Recorder, refused, small_spec as small, spec, rand
from elementwise_cases import num, boolean, NONE, make_input, apply, case as record_case, error as record_error

r = Recorder("elementwise")
case = partial(record_case, r)
error = partial(record_error, r)

# ---- inputs ------------------------------------------------------------------------

A = spec(rand([2, 3], 1))
B = spec(rand([2, 3], 2))
C31 = spec(rand([3, 1], 3))
R14 = spec(rand([1, 4], 4))
Z = spec(rand([], 5))
Z2 = spec(rand([], 6))
At = spec(rand([3, 2], 7), layout="t")                       # [2, 3], strides [1, 2]
Ae = spec(rand([1, 3], 8), layout="expand", shape=[2, 3])     # [2, 3], strides [0, 1]
As = spec(rand([4, 3], 9), layout="slice", step=2)           # [2, 3], strides [6, 1]
E0 = spec(torch.zeros(0))
E20 = spec(torch.zeros(2, 0))
A64 = spec(rand([2, 3], 10, dtype=torch.float64))
B64 = spec(rand([2, 3], 11, dtype=torch.float64))
P = spec(rand([2, 3], 12, lo=0.25, hi=3.0))                   # positive (log, sqrt, pow base)
P64 = spec(rand([2, 3], 13, lo=0.25, hi=3.0, dtype=torch.float64))
Pt = spec(rand([3, 2], 14, lo=0.25, hi=3.0), layout="t")
U = spec(rand([2, 3], 15, lo=-0.75, hi=0.75))                 # inside (-1, 1)
I = spec([[1, -2, 3], [0, 5, -7]], dtype="int32")
I2 = spec([[2, 3, -2], [4, -3, 1]], dtype="int32")
Bo = spec([[True, False, True], [False, False, True]], dtype="bool")
Bo2 = spec([[True, True, False], [False, True, True]], dtype="bool")
SPECIAL = spec([float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0])
TIES = spec([[1.0, -0.5, 2.0], [0.0, 3.0, -1.0]])             # ties with A2 below
TIES2 = spec([[1.0, 0.5, -2.0], [0.0, 3.0, 1.0]])

# ---- binary arithmetic ------------------------------------------------------------

# (case name suffix, operands): shapes, layouts and dtypes every binary op meets.
BINARY_OPERANDS = [
    ("same", [A, B]), ("broadcast_31_14", [C31, R14]), ("0d_nd", [Z, A]), ("nd_0d", [A, Z]), ("0d_0d", [Z, Z2]),
    ("transposed", [At, B]), ("expanded", [A, Ae]), ("sliced", [As, At]), ("f64", [A64, B64]), ("f32_f64", [A, B64]),
    ("int_int", [I, I2]), ("int_f32", [I, A]), ("bool_f32", [Bo, A]), ("empty", [E20, spec(rand([2, 1], 16))]),
    ("empty_1d", [E0, E0]), ("self", [A, A]),
]

for op in ["add", "sub", "mul", "div", "maximum", "minimum"]:
    for suffix, operands in BINARY_OPERANDS:
        if not (op == "sub" and suffix == "bool_f32"):  # PyTorch refuses to subtract a bool tensor
            case(f"{op}_{suffix}", op, operands)
    error(f"{op}_err_broadcast", op, [spec(rand([2, 3], 17)), spec(rand([2, 4], 18))])
    error(f"{op}_err_broadcast_3d", op, [spec(rand([5, 2, 3], 19)), spec(rand([4, 3], 20))])

for op in ["add", "sub", "mul", "div"]:
    case(f"{op}_number", op, [A, num(2.5)])
    case(f"{op}_number_int", op, [A, num(2)])
    case(f"{op}_number_first", op, [num(1.5), A])
    case(f"{op}_number_first_0d", op, [num(3), Z])
    case(f"{op}_int_number_float", op, [I, num(2.5)])
    case(f"{op}_int_number_int", op, [I, num(3)])
    case(f"{op}_0d_f64_with_f32", op, [A, spec(rand([], 21, dtype=torch.float64))])
    case(f"{op}_0d_int_with_f32", op, [A, spec([4], dtype="int32")])
    case(f"{op}_special", op, [SPECIAL, spec([2.0, -1.0, 0.0, -0.0, float("inf"), float("nan"), 0.5, 4.0, 1.0, -3.0])])
    if op != "sub":
        case(f"{op}_bool_bool", op, [Bo, Bo2])
        case(f"{op}_bool_int_number", op, [Bo, num(2)])
        case(f"{op}_bool_true", op, [Bo, boolean(True)])

case("add_alpha", "add", [A, B], {"alpha": 2.5})
case("add_alpha_int", "add", [I, I2], {"alpha": 3})
case("add_alpha_number", "add", [A, num(2)], {"alpha": -1.5})
case("sub_alpha", "sub", [A, B], {"alpha": 0.5})
case("sub_alpha_number_first", "sub", [num(2), A], {"alpha": 3})
error("add_err_alpha_float_int", "add", [I, I2], {"alpha": 2.5})
error("sub_err_alpha_float_int", "sub", [I, I2], {"alpha": 1.5})
for other in [Bo2, A, num(2), boolean(True)]:
    error(f"sub_err_bool_{len(r.cases)}", "sub", [Bo, other])
error("sub_err_int_bool", "sub", [I, Bo])
error("sub_err_float_true", "sub", [A, boolean(True)])

case("div_trunc", "div", [spec([[5.0, -5.0, 0.0], [-0.0, 1.0, 7.5]]), spec([[2.0, 2.0, -3.0], [3.0, 0.0, -2.0]])], {"roundingMode": "trunc"})
case("div_floor", "div", [spec([[5.0, -5.0, 0.0], [-0.0, 1.0, 7.5]]), spec([[2.0, 2.0, -3.0], [3.0, 0.0, -2.0]])], {"roundingMode": "floor"})
case("div_floor_grad", "div", [A, P], {"roundingMode": "floor"})
case("div_trunc_number", "div", [A, num(0.75)], {"roundingMode": "trunc"})
case("div_floor_int", "div", [I, I2], {"roundingMode": "floor"})
case("div_trunc_int", "div", [I, I2], {"roundingMode": "trunc"})
case("div_floor_int_number", "div", [I, num(-2)], {"roundingMode": "floor"})
case("div_floor_int_float_number", "div", [I, num(2.5)], {"roundingMode": "floor"})
case("div_floor_f64", "div", [A64, P64], {"roundingMode": "floor"})
error("div_err_int_zero_trunc", "div", [I, spec([[1, 0, 1], [1, 1, 1]], dtype="int32")], {"roundingMode": "trunc"})
error("div_err_int_zero_floor", "div", [I, num(0)], {"roundingMode": "floor"})
error("div_err_bool_floor", "div", [Bo, Bo2], {"roundingMode": "floor"})
error("div_err_bool_trunc", "div", [Bo, Bo2], {"roundingMode": "trunc"})
error("div_err_rounding_mode", "div", [A, B], {"roundingMode": "round"})

case("maximum_ties", "maximum", [TIES, TIES2])
case("minimum_ties", "minimum", [TIES, TIES2])
case("maximum_nan_zeros", "maximum", [spec([float("nan"), 1.0, -0.0, 0.0, 2.0]), spec([1.0, float("nan"), 0.0, -0.0, 2.0])], grad=False)
case("minimum_nan_zeros", "minimum", [spec([float("nan"), 1.0, -0.0, 0.0, 2.0]), spec([1.0, float("nan"), 0.0, -0.0, 2.0])], grad=False)
case("maximum_bool", "maximum", [Bo, Bo2])
case("minimum_int_bool", "minimum", [I, Bo])
error("maximum_err_number", "maximum", [A, num(2)])
error("minimum_err_number", "minimum", [A, num(2.5)])

# ---- pow ---------------------------------------------------------------------------

for e in [2, 3, 0.5, -0.5, -1, -2, 0, 1, 2.5, -1.5, 1.0 / 3]:
    case(f"pow_scalar_{e}", "pow", [P, num(float(e) if isinstance(e, float) else e)])
case("pow_scalar_negative_base", "pow", [A, num(2)])
case("pow_scalar_negative_base_frac", "pow", [A, num(0.5)])
case("pow_scalar_zero_base", "pow", [spec([[0.0, 1.0, -0.0], [2.0, 0.0, 3.0]]), num(2)])
case("pow_scalar_zero_base_frac", "pow", [spec([[0.0, 1.0, 4.0], [2.0, 0.0, 3.0]]), num(0.5)])
case("pow_scalar_f64", "pow", [P64, num(2.5)])
case("pow_scalar_0d", "pow", [Z, num(3)])
case("pow_scalar_transposed", "pow", [Pt, num(1.5)])
case("pow_tensor", "pow", [P, A])
case("pow_tensor_broadcast", "pow", [spec(rand([3, 1], 22, lo=0.25, hi=3.0)), R14])
case("pow_tensor_zero_base", "pow", [spec([[0.0, 0.0, 0.0], [2.0, 0.0, 1.0]]), spec([[2.0, 0.0, -1.0], [0.5, 1.5, 3.0]])])
case("pow_tensor_f64", "pow", [P64, A64])
case("pow_tensor_f32_f64", "pow", [P, A64])
case("pow_number_base", "pow", [num(2), A])
case("pow_number_base_frac", "pow", [num(2.5), A])
case("pow_number_base_zero", "pow", [num(0), spec([[2.0, 0.0, -1.0], [0.5, 1.5, 3.0]])])
case("pow_number_base_one", "pow", [num(1), spec([[2.0, float("nan"), -1.0], [0.5, 1.5, 3.0]])])
case("pow_number_base_negative", "pow", [num(-2), A])
case("pow_int_int", "pow", [I, spec([[2, 3, 0], [1, 2, 3]], dtype="int32")])
case("pow_int_negative_exponents", "pow", [spec([1, -1, -1, 2, 0, 3], dtype="int32"), spec([-1, -1, -2, -1, 2, 2], dtype="int32")])
case("pow_int_number", "pow", [I, num(2)])
case("pow_int_number_float", "pow", [I, num(0.5)])
case("pow_int_true", "pow", [I, boolean(True)])
case("pow_number_base_int", "pow", [num(2), I2])
case("pow_number_base_float_int", "pow", [num(2.5), I2])
case("pow_bool_number", "pow", [Bo, num(2)])
case("pow_bool_f32", "pow", [Bo, A])
case("pow_empty", "pow", [E20, num(2)])
case("pow_special", "pow", [SPECIAL, num(2.5)])
error("pow_err_int_negative", "pow", [I, num(-1)])
error("pow_err_bool_bool", "pow", [Bo, Bo2])
error("pow_err_bool_true", "pow", [Bo, boolean(True)])

# ---- remainder ---------------------------------------------------------------------

case("remainder_tensor", "remainder", [A, P])
case("remainder_number", "remainder", [A, num(0.75)])
case("remainder_negative_divisor", "remainder", [A, num(-0.75)])
case("remainder_broadcast", "remainder", [C31, spec(rand([1, 4], 23, lo=0.5, hi=2.0))])
case("remainder_special", "remainder", [spec([-0.0, 0.0, 3.0, -3.0, float("inf"), 2.0, 5.5, -5.5]), spec([2.0, -2.0, float("inf"), float("inf"), 2.0, 0.0, -2.0, 2.0])], grad=False)
case("remainder_int", "remainder", [spec([5, -5, 5, -5], dtype="int32"), spec([3, 3, -3, -3], dtype="int32")])
case("remainder_int_number", "remainder", [I, num(2)])
case("remainder_int_float_number", "remainder", [I, num(2.5)])
case("remainder_float_zero", "remainder", [A, num(0)])
case("remainder_number_first", "remainder", [num(2), P])
case("remainder_f64", "remainder", [A64, P64])
case("remainder_bool_f32", "remainder", [Bo, P])
error("remainder_err_int_zero", "remainder", [I, num(0)])
error("remainder_err_int_zero_tensor", "remainder", [I, spec([[1, 0, 1], [1, 1, 1]], dtype="int32")])
error("remainder_err_bool", "remainder", [Bo, Bo2])

# ---- unary ---------------------------------------------------------------------------

DOMAIN = {"sqrt": P, "rsqrt": P, "log": P, "log1p": U, "reciprocal": P}
UNARY = ["neg", "abs", "sign", "sqrt", "rsqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tanh", "sigmoid",
         "relu", "square", "reciprocal", "floor", "ceil", "trunc", "round", "clone"]


def unary_cases(op):
    X = DOMAIN.get(op, A)
    case(f"{op}_f32", op, [X])
    case(f"{op}_f64", op, [P64 if X in (P, U) else A64])
    case(f"{op}_transposed", op, [Pt if X in (P, U) else At])
    case(f"{op}_expanded", op, [spec(rand([1, 3], 24, lo=0.25, hi=0.75), layout="expand", shape=[2, 3])])
    case(f"{op}_sliced", op, [spec(rand([4, 3], 25, lo=0.25, hi=0.75), layout="slice", step=2)])
    case(f"{op}_0d", op, [spec(rand([], 26, lo=0.25, hi=0.75))])
    case(f"{op}_empty", op, [E20])
    case(f"{op}_special", op, [SPECIAL])
    case(f"{op}_int", op, [I])
    if op in ("neg", "abs", "relu", "floor", "ceil", "trunc", "round"):
        error(f"{op}_err_bool", op, [Bo])
    else:
        case(f"{op}_bool", op, [Bo])


for op in UNARY:
    unary_cases(op)
case("abs_zero_grad", "abs", [spec([-1.0, -0.0, 0.0, 2.0])])
case("relu_zero_grad", "relu", [spec([-1.0, -0.0, 0.0, 2.0, float("nan")])])
case("sqrt_zero_grad", "sqrt", [spec([0.0, 1.0, 4.0])])
case("round_half_even", "round", [spec([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999998])])
case("sign_large", "sign", [spec([-0.0] * 5 + [float("nan")] * 5 + [2.0, -3.0] * 5)], grad=False)
case("relu_negzero_large", "relu", [spec([-0.0] * 20)], grad=False)

# ---- clamp ---------------------------------------------------------------------------

case("clamp_both", "clamp", [A, num(-0.5), num(0.75)])
case("clamp_min", "clamp", [A, num(0)])
case("clamp_max", "clamp", [A, NONE, num(0.5)])
case("clamp_at_bounds", "clamp", [spec([[-1.0, 0.0, 1.0], [0.5, -0.5, 2.0]]), num(-0.5), num(0.5)])
case("clamp_f64", "clamp", [A64, num(-1), num(1)])
case("clamp_int", "clamp", [I, num(0), num(2)])
case("clamp_int_float_bounds", "clamp", [I, num(0.5), num(2.5)])
case("clamp_bool_int_bounds", "clamp", [Bo, num(0), num(2)])
case("clamp_bool_float_bound", "clamp", [Bo, num(0.5)])
case("clamp_min_gt_max", "clamp", [A, num(1), num(0)])
case("clamp_nan_bound", "clamp", [A, num(float("nan")), num(0.0)])
case("clamp_nan_min_only", "clamp", [A, num(float("nan"))])
case("clamp_nan_input", "clamp", [spec([float("nan"), 1.0, -0.0, 0.0, -3.0]), num(0.0), num(0.5)])
case("clamp_transposed", "clamp", [At, num(-1), num(1)])
case("clamp_empty", "clamp", [E20, num(0)])
case("clamp_tensor_bounds", "clamp", [A, spec(rand([2, 1], 27, lo=-1, hi=0)), spec(rand([1, 3], 28, lo=0, hi=1))])
case("clamp_tensor_min_only", "clamp", [A, spec(rand([3], 29, lo=-1, hi=1))])
case("clamp_tensor_max_only", "clamp", [A, NONE, spec(rand([2, 1], 34, lo=-1, hi=1))])
case("clamp_tensor_crossed", "clamp", [A, spec([[0.5, 0.5, 0.5]]), spec([[0.0], [1.0]])])
case("clamp_tensor_int_float", "clamp", [I, spec([0.5, 1.5, -2.5])])
error("clamp_err_none", "clamp", [A])

# ---- comparisons and where -------------------------------------------------------------

for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case(f"{op}_same", op, [TIES, TIES2])
    case(f"{op}_broadcast", op, [C31, R14])
    case(f"{op}_number", op, [A, num(0.5)])
    case(f"{op}_int_float", op, [I, A])
    case(f"{op}_int_number_float", op, [I, num(1.5)])
    case(f"{op}_bool", op, [Bo, Bo2])
    case(f"{op}_bool_number", op, [Bo, num(0.5)])
    case(f"{op}_nan", op, [SPECIAL, spec([float("nan"), float("inf"), 0.0, -0.0, 0.0, 1.0, 2.0, 0.5, -2.5, 2.0])])
    case(f"{op}_transposed", op, [At, As])
    case(f"{op}_empty", op, [E20, num(0)])
    error(f"{op}_err_broadcast", op, [A, spec(rand([4], 30))])

COND = spec([[True, False, True], [False, True, False]], dtype="bool")
case("where_tensors", "where", [COND, A, B])
case("where_broadcast", "where", [spec([[True], [False]], dtype="bool"), spec(rand([2, 1], 31)), spec(rand([1, 3], 32))])
case("where_number_other", "where", [COND, A, num(2.0)])
case("where_number_self", "where", [COND, num(2.0), B])
case("where_numbers", "where", [COND, num(1.5), num(0)])
case("where_numbers_int", "where", [COND, num(1), num(0)])
case("where_mixed", "where", [COND, I, A])
case("where_number_int_f64", "where", [COND, num(1), B64])
case("where_transposed", "where", [spec([[True, False], [False, True], [True, True]], dtype="bool", layout="t"), At, As])
case("where_empty", "where", [spec(torch.zeros(2, 0, dtype=torch.bool)), E20, num(1.0)])
error("where_err_float_cond", "where", [A, A, B])
error("where_err_int_cond", "where", [I, A, B])
error("where_err_broadcast", "where", [COND, A, spec(rand([4], 33))])

# ---- value sweeps ------------------------------------------------------------------------------


def f32_sweep(lo, hi, n, extra=()):
    """n values spread over [lo, hi] (linearly and by magnitude), plus specials, all exact float32."""
    lin = torch.linspace(lo, hi, n, dtype=torch.float64)
    mags = torch.logspace(-45, 38, n // 2, dtype=torch.float64)
    vals = torch.cat([lin, mags, -mags, torch.tensor([0.0, -0.0, math.inf, -math.inf, math.nan] + list(extra), dtype=torch.float64)])
    vals = vals.to(torch.float32)
    return vals


SWEEPS = {
    "exp": f32_sweep(-110, 95, 500, [88.72283, 88.72284, -87.33654, -103.97208, -103.97209, 1e-30]),
    "expm1": f32_sweep(-20, 95, 500, [1e-7, -1e-7, 0.3465736, -0.3465736, 88.7]),
    "log": f32_sweep(-1, 10, 500, [1.0 - 2**-24, 1.0 + 2**-23, 1e-45, 1.1754942e-38]),
    "log1p": f32_sweep(-1, 10, 500, [-1.0 + 2**-24, -0.9999, 1e-8, -1e-8, 2**-30]),
    "tanh": f32_sweep(-12, 12, 500, [1e-20, -1e-20, 9.01, -9.01, 0.55, -0.55]),
    "sigmoid": f32_sweep(-110, 110, 500, [-88.7, -88.8, -103.9, 16.6, 17.0]),
    "sin": f32_sweep(-100, 100, 500, [1e6, -1e6, 1048575.9, 1048576.0, 3.0e38, 1e-40, 355.0, 103993.0]),
    "cos": f32_sweep(-100, 100, 500, [1e6, -1e6, 1048575.9, 1048576.0, 3.0e38, 1e-40, 355.0, 103993.0]),
    "sqrt": f32_sweep(-1, 100, 200),
    "rsqrt": f32_sweep(-1, 100, 200),
    "reciprocal": f32_sweep(-100, 100, 200),
    "erf": f32_sweep(-6, 6, 500, [1e-8, -1e-8, 0.84375, -0.84375, 1.25, 2.857143, 3.9, 5.9]),
}
for op, x in SWEEPS.items():
    y = getattr(torch, op)(x)
    # PyTorch's vectorised (Sleef) and scalar paths differ by an ulp here and there; record both.
    ys = torch.stack([getattr(torch, op)(v.reshape(1)) for v in x]).reshape(-1)
    r.add(f"sweep_{op}", kind="sweep", op=op, x=x, out=y, outScalar=ys, dtype="float32")
    x64 = x.to(torch.float64) * 1.0000001
    r.add(f"sweep_{op}_f64", kind="sweep", op=op, x=x64, out=getattr(torch, op)(x64), dtype="float64")

# Ops added since: appended, so the shared weight counter leaves the cases above as they were.
unary_cases("erf")

# ---- small dtypes (uint8, int8, int16, float16, bfloat16) ------------------------------------
# The same ops on PyTorch's small dtypes: forward values, type promotion and the
# "not implemented for 'Half'" refusals, from the same generator. Ops PyTorch
# refuses for a dtype are recorded as errors, so the table of what works comes
# from PyTorch, not from a list kept here.


def case_or_error(name, op, inputs, args=None):
    if refused(lambda: apply(op, [make_input(s, False)[1] for s in inputs], args or {})):
        error(f"{name}_refused", op, inputs, args)
    else:
        case(name, op, inputs, args, grad=False)


SMALL_VALUES = {
    "uint8": ([[1, 200, 3], [0, 255, 7]], [[2, 100, 250], [4, 3, 1]]),
    "int8": ([[1, -2, 127], [0, -128, -7]], [[2, 3, -2], [4, -3, 1]]),
    "int16": ([[1, -2, 32000], [0, -32768, -7]], [[2, 3, -2], [4, -3, 1]]),
    "float16": ([[1.5, -2.25, 60000.0], [0.0, -0.000061, 3.140625]], [[0.5, 3.0, 2.0], [-4.0, 1e-3, 0.1]]),
    "bfloat16": ([[1.5, -2.25, 1.0e37], [0.0, -1e-30, 3.140625]], [[0.5, 3.0, 2.0], [-4.0, 1e-3, 0.1]]),
}
SMALL_UNARY = ["neg", "abs", "sign", "sqrt", "rsqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tanh", "sigmoid",
               "relu", "reciprocal", "floor", "ceil", "trunc", "round", "erf", "square"]
for dt, (va, vb) in SMALL_VALUES.items():
    Sa, Sb = small(va, dt), small(vb, dt)
    St = small([[v[i] for v in va] for i in range(3)], dt, layout="t")
    Sz = small(3, dt)
    for op in ["add", "sub", "mul", "div", "maximum", "minimum", "pow", "remainder"]:
        case_or_error(f"{op}_{dt}", op, [Sa, Sb])
    for op in ["add", "mul", "div"]:
        case_or_error(f"{op}_{dt}_transposed_0d", op, [St, Sz])
        case_or_error(f"{op}_{dt}_number", op, [Sa, num(3)])
        case_or_error(f"{op}_{dt}_number_float", op, [Sa, num(0.5)])
        case_or_error(f"{op}_{dt}_f32", op, [Sa, B])
        case_or_error(f"{op}_{dt}_int64", op, [Sa, I2])
    for op in SMALL_UNARY:
        case_or_error(f"{op}_{dt}", op, [Sa])
        case_or_error(f"{op}_{dt}_transposed", op, [St])
    case_or_error(f"div_{dt}_floor", "div", [Sa, Sb], {"roundingMode": "floor"})
    case_or_error(f"div_{dt}_trunc", "div", [Sa, Sb], {"roundingMode": "trunc"})
    for op in ["eq", "lt", "ge"]:
        case_or_error(f"{op}_{dt}", op, [Sa, Sb])
        case_or_error(f"{op}_{dt}_number", op, [Sa, num(1)])
    case_or_error(f"clamp_{dt}", "clamp", [Sa, num(0), num(5)])
    case_or_error(f"where_{dt}", "where", [COND, Sa, Sb])
    case_or_error(f"where_{dt}_f32", "where", [COND, Sa, A])
    case_or_error(f"add_{dt}_empty", "add", [small(torch.zeros(2, 0).tolist(), dt), num(1)])

r.write()
