"""Golden data for the elementwise ops (test/elementwise*.test.ts, test/inplace.test.ts).

Kinds of case:
  op        one op on input specs and JS numbers: out, printed form, grad_fn
            name and next_functions, grads of every float input's base for
            loss = sum(out * w), and the second derivatives d/d(base, w) of
            sum(grad * v) (double backward).
  error     the message an op raises.
  inplace   an in-place op on a leaf, on `x * 2` (a non-leaf), under no_grad,
            with number or tensor operands: the value, printed form, version,
            grad_fn and next_functions, and the grads that reach the leaves.
  scenario  a named script (the same one is written in the TS test) and the
            error PyTorch raises, e.g. backward through a saved tensor that an
            in-place op modified.
  sweep     a unary float op over a wide value sweep (ulp-level comparisons).

torchlet's int32 is PyTorch's default integer dtype, so int specs run as int64.
"""
import math

import torch

from common import Recorder, spec, rand, make, enc

r = Recorder("elementwise")
seed = [5000]


def next_seed():
    seed[0] += 1
    return seed[0]


def num(v):
    """A JS number operand."""
    return {"num": enc(v) if isinstance(v, float) else v}


def boolean(v):
    return {"bool": v}


NONE = {"none": True}


def make_input(s, requires_grad):
    """(base, input) as common.make, except that the base is a tensor of its own (not a view of the
    flat data, which in-place checks would see) and int specs become int64."""
    if "num" in s:
        v = s["num"]
        return None, float(v) if isinstance(v, str) else v
    if "bool" in s:
        return None, s["bool"]
    if "none" in s:
        return None, None
    base, _ = make(s, False)
    base = (base.to(torch.int64) if base.dtype == torch.int32 else base).clone()
    if requires_grad and s["dtype"] in ("float32", "float64"):
        base.requires_grad_(True)
    layout = s.get("layout", "contiguous")
    if layout == "t":
        return base, base.t()
    if layout == "expand":
        return base, base.expand(*s["shape"])
    if layout == "slice":
        return base, base[:: s["step"]]
    return base, base


def apply(op, xs, a):
    x = xs[0] if xs else None
    y = xs[1] if len(xs) > 1 else None
    tensor_first = isinstance(x, torch.Tensor)
    if op == "add":
        if not tensor_first:
            return x + y
        return torch.add(x, y, alpha=a["alpha"]) if "alpha" in a else torch.add(x, y)
    if op == "sub":
        if not tensor_first:
            return torch.rsub(y, x, alpha=a["alpha"]) if "alpha" in a else x - y
        return torch.sub(x, y, alpha=a["alpha"]) if "alpha" in a else torch.sub(x, y)
    if op == "mul":
        return x * y if not tensor_first else torch.mul(x, y)
    if op == "div":
        if "roundingMode" in a:
            return torch.div(x, y, rounding_mode=a["roundingMode"])
        return x / y if not tensor_first else torch.div(x, y)
    if op == "pow":
        return torch.pow(x, y)
    if op == "remainder":
        return torch.remainder(x, y)
    if op in ("maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"):
        return getattr(torch, op)(x, y)
    if op == "where":
        return torch.where(xs[0], xs[1], xs[2])
    if op == "clamp":
        lo = xs[1] if len(xs) > 1 else None
        hi = xs[2] if len(xs) > 2 else None
        return torch.clamp(x, lo, hi)
    if op == "square":
        return torch.square(x)
    return getattr(torch, op)(x)


def dense(ts):
    """PyTorch returns some zero grads as storage-less ZeroTensors; record them as plain zeros."""
    return [t if t is None or not t._is_zerotensor() else torch.zeros(t.shape, dtype=t.dtype) for t in ts]


def name_of(fn):
    return None if fn is None else type(fn).__name__


def is_float(t):
    return isinstance(t, torch.Tensor) and t.dtype in (torch.float32, torch.float64)


def case(name, op, inputs, args=None, double=True, grad=True):
    args = args or {}
    made = [make_input(s, grad) for s in inputs]
    bases = [b for b, _ in made]
    xs = [x for _, x in made]
    out = apply(op, xs, args)
    rec = {"op": op, "inputs": inputs, "args": args, "grad": grad, "out": out, "str": str(out), "gradFn": name_of(out.grad_fn)}
    if out.grad_fn is not None:
        rec["next"] = [[name_of(n), nr] for n, nr in out.grad_fn.next_functions]
    leaves = [b for b in bases if b is not None and b.requires_grad]
    if leaves and out.requires_grad:
        w = rand(list(out.shape), next_seed(), dtype=out.dtype).requires_grad_(True)
        rec["weight"] = w
        try:
            grads = torch.autograd.grad((out * w).sum(), leaves, create_graph=True, allow_unused=True)
        except RuntimeError as e:
            rec["gradError"] = str(e).split("\n")[0]
            r.add(name, kind="op", **rec)
            return
        rec["grads"] = dense(grads)
        used = [g for g in grads if g is not None and g.requires_grad]
        if double and used and out.numel() > 0:
            vs = [rand(list(g.shape), next_seed(), dtype=g.dtype) for g in used]
            s2 = sum((g * v).sum() for g, v in zip(used, vs))
            rec["vs"] = vs
            rec["gg"] = dense(torch.autograd.grad(s2, leaves + [w], allow_unused=True))
    r.add(name, kind="op", **rec)


def error(name, op, inputs, args=None):
    args = args or {}
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), kind="error", op=op, inputs=inputs, args=args)


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

for op in ["add", "sub", "mul", "div", "maximum", "minimum"]:
    case(f"{op}_same", op, [A, B])
    case(f"{op}_broadcast_31_14", op, [C31, R14])
    case(f"{op}_0d_nd", op, [Z, A])
    case(f"{op}_nd_0d", op, [A, Z])
    case(f"{op}_0d_0d", op, [Z, Z2])
    case(f"{op}_transposed", op, [At, B])
    case(f"{op}_expanded", op, [A, Ae])
    case(f"{op}_sliced", op, [As, At])
    case(f"{op}_f64", op, [A64, B64])
    case(f"{op}_f32_f64", op, [A, B64])
    case(f"{op}_int_int", op, [I, I2])
    case(f"{op}_int_f32", op, [I, A])
    if op != "sub":
        case(f"{op}_bool_f32", op, [Bo, A])
    case(f"{op}_empty", op, [E20, spec(rand([2, 1], 16))])
    case(f"{op}_empty_1d", op, [E0, E0])
    case(f"{op}_self", op, [A, A])
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
for op in UNARY:
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

# ---- in place ------------------------------------------------------------------------------


def inplace(name, op, self_spec, args, mode="leaf_nograd", opts=None, error_case=False, arg_grad=True):
    """mode: "plain" (self needs no grad), "leaf" (a leaf that requires grad, expected to fail),
    "leaf_nograd" (the same under no_grad), "nonleaf" (self = leaf * 2), "view_leaf" (self = leaf[0]),
    "view_nonleaf" (self = (leaf * 2)[0])."""
    opts = opts or {}
    base, x = make_input(self_spec, mode != "plain")
    arg_made = [make_input(a, arg_grad) for a in args]
    arg_leaves = [b for b, _ in arg_made if b is not None and b.requires_grad]
    arg_vals = [v for _, v in arg_made]
    if mode in ("nonleaf", "view_nonleaf"):
        self_t = x * 2
    else:
        self_t = x
    if mode in ("view_leaf", "view_nonleaf"):
        self_t = self_t[0]

    def run():
        if mode == "leaf_nograd":
            with torch.no_grad():
                return getattr(self_t, op)(*arg_vals, **opts)
        return getattr(self_t, op)(*arg_vals, **opts)

    fields = dict(kind="inplace", op=op, target=self_spec, inputs=args, args=opts, mode=mode, argGrad=arg_grad)
    if error_case:
        r.error(name, run, **fields)
        return
    out = run()
    assert out is self_t
    rec = dict(fields, out=out, str=str(out), version=out._version, gradFn=name_of(out.grad_fn))
    if out.grad_fn is not None:
        rec["next"] = [[name_of(n), nr] for n, nr in out.grad_fn.next_functions]
    leaves = ([base] if base is not None and base.requires_grad else []) + arg_leaves
    if out.requires_grad and leaves:
        w = rand(list(out.shape), next_seed(), dtype=out.dtype)
        rec["weight"] = w
        rec["grads"] = dense(torch.autograd.grad((out * w).sum(), leaves, allow_unused=True))
    r.add(name, **rec)


N = spec(rand([2, 3], 40))
M = spec(rand([2, 3], 41))
for mode in ["plain", "leaf_nograd", "nonleaf"]:
    inplace(f"add__{mode}", "add_", N, [M], mode)
    inplace(f"add__number_{mode}", "add_", N, [num(1.5)], mode)
    inplace(f"add__alpha_{mode}", "add_", N, [M], mode, {"alpha": 2.0})
    inplace(f"sub__{mode}", "sub_", N, [M], mode)
    inplace(f"mul__{mode}", "mul_", N, [M], mode)
    inplace(f"mul__number_{mode}", "mul_", N, [num(3)], mode)
    inplace(f"div__{mode}", "div_", N, [spec(rand([2, 3], 42, lo=0.5, hi=2))], mode)
    inplace(f"div__number_{mode}", "div_", N, [num(4)], mode)
    inplace(f"div__floor_{mode}", "div_", N, [num(0.75)], mode, {"rounding_mode": "floor"})
    inplace(f"pow__number_{mode}", "pow_", spec(rand([2, 3], 43, lo=0.25, hi=2)), [num(2.5)], mode)
    inplace(f"pow__tensor_{mode}", "pow_", spec(rand([2, 3], 44, lo=0.25, hi=2)), [M], mode)
    inplace(f"clamp__{mode}", "clamp_", N, [num(-0.5), num(0.5)], mode)
    inplace(f"zero__{mode}", "zero_", N, [], mode)
    inplace(f"fill__{mode}", "fill_", N, [num(2.5)], mode)
    inplace(f"fill__tensor_{mode}", "fill_", N, [spec(rand([], 45))], mode)
    inplace(f"copy__{mode}", "copy_", N, [M], mode)
    inplace(f"copy__broadcast_{mode}", "copy_", N, [spec(rand([3], 46))], mode)
    inplace(f"copy__f64_{mode}", "copy_", N, [spec(rand([2, 3], 47, dtype=torch.float64))], mode)
    for u in ["neg_", "abs_", "sqrt_", "rsqrt_", "exp_", "log_", "log1p_", "expm1_", "sin_", "cos_", "tanh_", "sigmoid_",
              "relu_", "reciprocal_", "sign_", "floor_", "round_", "square_"]:
        inplace(f"{u}_{mode}", u, spec(rand([2, 3], 48, lo=0.25, hi=0.75)) if u in ("sqrt_", "rsqrt_", "log_", "log1p_", "reciprocal_") else N, [], mode)
inplace("add__broadcast_other", "add_", N, [spec(rand([3], 49))], "nonleaf")
inplace("add__plain_from_grad", "add_", N, [M], "plain")
inplace("mul__self_alias", "mul_", N, [num(1)], "nonleaf")
inplace("add__transposed_self", "add_", At, [B], "nonleaf")
inplace("add__int", "add_", I, [I2], "plain")
inplace("add__int_number", "add_", I, [num(2)], "plain")
inplace("add__f32_f64", "add_", N, [spec(rand([2, 3], 50, dtype=torch.float64))], "nonleaf")
inplace("add__bool_true", "add_", Bo, [boolean(True)], "plain")
inplace("div__int_floor", "div_", I, [num(2)], "plain", {"rounding_mode": "floor"})
inplace("copy__int_from_float", "copy_", I, [spec([[1.7, -2.7, 3.2], [0.5, -0.5, 9.9]])], "plain")
inplace("copy__bool_from_float", "copy_", Bo, [spec([[1.7, 0.0, 3.2], [0.0, -0.5, float("nan")]])], "plain")
inplace("copy__number", "copy_", N, [num(2)], "plain")
inplace("fill__int_float", "fill_", I, [num(2.7)], "plain")
inplace("fill__int_negative_float", "fill_", I, [num(-2.7)], "plain")
inplace("fill__bool_two", "fill_", Bo, [num(2)], "plain")
inplace("clamp__int", "clamp_", I, [num(0), num(2)], "plain")
inplace("zero__expanded", "zero_", Ae, [], "plain")
inplace("fill__expanded", "fill_", Ae, [num(1.5)], "plain")
inplace("relu__int", "relu_", I, [], "plain")
inplace("add__sliced_self", "add_", As, [num(1)], "plain")
inplace("copy__sliced_self", "copy_", As, [B], "plain", arg_grad=False)
inplace("add__leaf_err", "add_", N, [num(1)], "leaf", error_case=True)
inplace("zero__leaf_err", "zero_", N, [], "leaf", error_case=True)
inplace("copy__leaf_err", "copy_", N, [M], "leaf", error_case=True)
inplace("exp__leaf_err", "exp_", N, [], "leaf", error_case=True)
inplace("add__view_leaf_err", "add_", N, [num(1)], "view_leaf", error_case=True)
inplace("add__int_float_err", "add_", I, [num(1.5)], "plain", error_case=True)
inplace("mul__int_tensor_float_err", "mul_", I, [A], "plain", error_case=True)
inplace("div__int_err", "div_", I, [num(2)], "plain", error_case=True)
inplace("add__bool_int_err", "add_", Bo, [num(1)], "plain", error_case=True)
inplace("exp__int_err", "exp_", I, [], "plain", error_case=True)
inplace("clamp__int_float_err", "clamp_", I, [num(0.5)], "plain", error_case=True)
inplace("neg__bool_err", "neg_", Bo, [], "plain", error_case=True)
inplace("sub__bool_err", "sub_", Bo, [Bo2], "plain", error_case=True)
inplace("add__broadcast_out_err", "add_", spec(rand([3], 51)), [A], "plain", error_case=True)
inplace("copy__broadcast_out_err", "copy_", spec(rand([3], 52)), [A], "plain", error_case=True)
inplace("copy__bad_shape_err", "copy_", spec(rand([3], 53)), [spec(rand([4], 54))], "plain", error_case=True)
inplace("add__expanded_err", "add_", Ae, [num(1)], "plain", error_case=True)
inplace("copy__expanded_err", "copy_", Ae, [B], "plain", error_case=True)
inplace("fill__nd_tensor_err", "fill_", N, [spec([2.0])], "plain", error_case=True)

# ---- scenarios (the same scripts are written in test/inplace.test.ts) ----------------------------


def scenario(name, fn):
    r.error(name, fn, kind="scenario")


def s_saved_input_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.mul(1)
    b = a.mul(a)
    a.add_(1)
    b.sum().backward()


def s_saved_result_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.exp()
    a.add_(1)
    a.sum().backward()


def s_saved_input_2x2():
    x = torch.ones(2, 2, requires_grad=True)
    a = x * 2
    b = a * a
    a.mul_(3)
    b.sum().backward()


def s_saved_input_f64():
    x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    a = x * 2
    b = a.sin()
    a.mul_(3)
    b.sum().backward()


def s_mul_self_inplace():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.mul(2)
    y.mul_(y)
    y.sum().backward()


def s_leaf_modified_under_no_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    b = x * x
    with torch.no_grad():
        x.add_(1)
    b.sum().backward()


def s_other_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(2, dtype=torch.float64)
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_int_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(2, dtype=torch.int64)
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_0d_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(())
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_modified_through_view():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.exp()
    v = a.detach()
    v.add_(1)
    a.sum().backward()


for name, fn in list(globals().items()):
    if name.startswith("s_"):
        scenario(name[2:], fn)

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
}
for op, x in SWEEPS.items():
    y = getattr(torch, op)(x)
    # PyTorch's vectorised (Sleef) and scalar paths differ by an ulp here and there; record both.
    ys = torch.stack([getattr(torch, op)(v.reshape(1)) for v in x]).reshape(-1)
    r.add(f"sweep_{op}", kind="sweep", op=op, x=x, out=y, outScalar=ys, dtype="float32")
    x64 = x.to(torch.float64) * 1.0000001
    r.add(f"sweep_{op}_f64", kind="sweep", op=op, x=x64, out=getattr(torch, op)(x64), dtype="float64")

r.write()
