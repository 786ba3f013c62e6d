"""Golden data for the reductions family (test/reduce*.test.ts): sum, mean,
prod, max, min, amax, amin, argmax, argmin, var, std, logsumexp, softmax,
log_softmax, norm.

A case calls `torch.<op>(x, *args, **kwargs)` on a named input (from the
"inputs" case) and records the output(s), the grad_fn name, and for float
inputs the gradient of the base tensor for a fixed upstream gradient `gout`.
Input specs may carry "perm": the view the op sees is base (or its layout
view) permuted, so 3-D inputs are tested transposed too. kwargs use
torchlet's option names; a "dtype" kwarg is a torchlet dtype name.
"""
import math

import torch
from common import Recorder, make, rand, refused, small_spec, spec, TORCH_DTYPES

r = Recorder("reduce")
INF = float("inf")
NAN = float("nan")

# ---- inputs ----------------------------------------------------------------------
inputs = {}


def add_input(name, values, dtype="float32", perm=None, **layout):
    s = spec(values, dtype=dtype, **layout)
    if perm is not None:
        s["perm"] = perm
        s["shape"] = [s["shape"][p] for p in perm]
    inputs[name] = s


add_input("x3", rand([2, 3, 4], 1))
add_input("x3_f64", rand([2, 3, 4], 2, dtype=torch.float64), dtype="float64")
add_input("x3_perm", rand([4, 2, 3], 3), perm=[1, 2, 0])          # [2, 3, 4], no dim contiguous in order
add_input("x3_expand", rand([2, 1, 4], 4), layout="expand", shape=[2, 3, 4])
add_input("x3_slice", rand([4, 3, 4], 5), layout="slice", step=2)  # [2, 3, 4]
add_input("x2_t", rand([5, 3], 6), layout="t")                      # [3, 5]
add_input("ties", [[[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [-1.0, 5.0, 0.0, 5.0]],
                   [[4.0, 4.0, 1.0, 4.0], [0.0, 0.0, 0.0, 0.0], [7.0, -7.0, 7.0, 1.0]]])
add_input("nans", [[1.0, NAN, 3.0, NAN], [2.0, 0.0, -1.0, 5.0], [NAN, 1.0, 1.0, 0.0]])
add_input("zeros", [[2.0, 0.0, 3.0, 1.5], [0.0, 0.0, 1.0, 2.0], [1.0, 2.0, 3.0, 0.5], [-1.0, 0.5, 0.0, 2.0]])
add_input("infs", [[-INF, 1.0, 2.0], [-INF, -INF, -INF], [INF, 1.0, 0.0], [0.0, 0.0, 0.0]])
add_input("scalar", 1.5)
add_input("empty", torch.zeros(0, 3))
add_input("ints", [[1, 2, -3], [4, 0, 6]], dtype="int32")
add_input("bools", [[True, False, True], [True, True, True]], dtype="bool")
add_input("long_row", rand([2, 600], 7))            # rows past the 512-element run, with vector and scalar tails
add_input("wide", rand([40, 21], 8))                  # outer path: >32 rows (f64 flush), 16 + 4 + 1 lanes
r.add("inputs", specs=inputs)


def build(name, requires_grad):
    s = inputs[name]
    base, x = make(s, requires_grad)
    if "perm" in s:
        x = x.permute(*s["perm"])
    return base, x


def to_torch_kwargs(kwargs):
    out = dict(kwargs)
    if "dtype" in out:
        out["dtype"] = TORCH_DTYPES[out["dtype"]]
    return out


def grad_fn_name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def case(name, op, inp, *args, prints=False, **kwargs):
    """Records torch.<op>(input, *args, **kwargs): outputs, grad_fn, base grad (float inputs)."""
    floating = inputs[inp]["dtype"] in ("float32", "float64")
    base, x = build(inp, floating)
    fn = getattr(torch, op)
    out = fn(x, *args, **to_torch_kwargs(kwargs))
    fields = {"op": op, "input": inp, "args": [enc_arg(a) for a in args], "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
    if isinstance(out, tuple):
        values, indices = out
        fields.update(values=values, indices=indices, gradFn=grad_fn_name(values))
        primary = values
    else:
        fields.update(out=out, gradFn=grad_fn_name(out))
        primary = out
    if prints:
        fields["printed"] = str(out)
    # Big inputs check values only, except where the gradient has its own path.
    big = base.numel() > 200 and op not in ("sum", "amax", "softmax", "log_softmax")
    if floating and primary.requires_grad and not big:
        g = rand(list(primary.shape), 1000 + len(r.cases), dtype=primary.dtype)
        primary.backward(g)
        fields.update(gout=g, grad=base.grad)
    elif floating and not primary.requires_grad:
        fields.update(grad=None)
    r.add(name, **fields)


def enc_arg(a):
    if isinstance(a, float) and math.isinf(a):
        return "inf" if a > 0 else "-inf"
    if isinstance(a, tuple):
        return list(a)
    return a


def error(name, op, inp, *args, **kwargs):
    base, x = build(inp, False)
    fields = {"op": op, "input": inp, "args": [enc_arg(a) for a in args], "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
    r.error(name, lambda: getattr(torch, op)(x, *args, **to_torch_kwargs(kwargs)), **fields)


# ---- every dim/keepdim combination on 3-D inputs ---------------------------------
DIM_LISTS = [None, 0, 1, 2, -1, -2, [0, 1], [0, 2], [1, 2], [0, 1, 2], [-1, 0]]
INT_DIMS = [None, 0, 1, 2, -1, -3]
for inp in ["x3", "x3_f64", "x3_perm", "x3_expand", "x3_slice"]:
    full = inp in ("x3", "x3_f64")
    dims = DIM_LISTS if full else [None, 0, 2, [0, 2], [1, 2]]
    ints = INT_DIMS if full else [None, 0, 2]
    for keepdim in [False, True]:
        kd = {"keepdim": True} if keepdim else {}
        for d in dims:
            tag = f"{inp}_{d}_{keepdim}".replace(" ", "")
            for op in ["sum", "mean", "amax", "amin", "var", "std"]:
                if d is None:
                    if not keepdim:
                        case(f"{op}_{tag}", op, inp)
                    continue
                case(f"{op}_{tag}", op, inp, d, **kd)
            if d is not None:
                case(f"logsumexp_{tag}", "logsumexp", inp, d, **kd)
            for p in ([2, 1, INF, -INF, 3.0, 0.5, 0] if full else [2, INF]):
                if d is None and keepdim:
                    continue
                if keepdim and p not in (2, INF):
                    continue
                case(f"norm{p}_{tag}", "norm", inp, p, d, **kd)
        for d in ints:
            tag = f"{inp}_{d}_{keepdim}"
            kd = {"keepdim": True} if keepdim else {}
            if d is None:
                if not keepdim:
                    for op in ["prod", "max", "min", "argmax", "argmin"]:
                        case(f"{op}_{tag}", op, inp)
                continue
            for op in ["prod", "max", "min", "argmax", "argmin"]:
                case(f"{op}_{tag}", op, inp, d, **kd)
            if not keepdim:
                case(f"softmax_{tag}", "softmax", inp, d)
                case(f"log_softmax_{tag}", "log_softmax", inp, d)

# argmax keepdim without a dim keeps every dim as 1
case("argmax_keepdim_nodim", "argmax", "x3", keepdim=True)

# ---- 2-D transposed, long rows, wide rows (SIMD paths and their tails) ----------
for inp in ["x2_t", "long_row", "wide"]:
    for d in ([None, 1] if inp == "long_row" else [None, 0, 1, -1]):
        for op in ["sum", "mean", "amax", "amin", "var", "norm"]:
            if d is None:
                case(f"{op}_{inp}_all", op, inp)
            else:
                case(f"{op}_{inp}_{d}", op, inp, d)
        if d is not None:
            for op in ["max", "min", "argmax", "argmin", "softmax", "log_softmax", "logsumexp"]:
                case(f"{op}_{inp}_{d}", op, inp, d)
        else:
            for op in ["max", "argmin"]:
                case(f"{op}_{inp}_all", op, inp)

# ---- ties, NaN, zeros, infinities ---------------------------------------------------
for d in [None, 0, 1, 2, -1]:
    for op in ["max", "min", "argmax", "argmin"]:
        case(f"{op}_ties_{d}", op, "ties", *([] if d is None else [d]))
    for op in ["amax", "amin"]:
        case(f"{op}_ties_{d}", op, "ties", *([] if d is None else [d]))
case("amax_ties_02", "amax", "ties", [0, 2], keepdim=True)
case("norm_inf_ties", "norm", "ties", INF, 2)
case("norm_neginf_ties", "norm", "ties", -INF, 1)
for d in [None, 0, 1]:
    sfx = "all" if d is None else d
    for op in ["max", "min", "argmax", "argmin", "amax", "amin", "sum", "mean", "prod", "norm"]:
        case(f"{op}_nans_{sfx}", op, "nans", *([] if d is None else [d]))
    if d is not None:
        for op in ["softmax", "log_softmax", "logsumexp"]:
            case(f"{op}_nans_{sfx}", op, "nans", d)
for d in [None, 0, 1, -1]:
    case(f"prod_zeros_{d}", "prod", "zeros", *([] if d is None else [d]))
case("prod_zeros_1_keepdim", "prod", "zeros", 1, keepdim=True)
case("norm_zeros_rows", "norm", "zeros", 2, 1)
case("std_const_rows", "std", "ties", 2)
for d in [0, 1]:
    for op in ["softmax", "log_softmax", "logsumexp"]:
        case(f"{op}_infs_{d}", op, "infs", d)
    case(f"amax_infs_{d}", "amax", "infs", d)

# ---- 0-d and empty -------------------------------------------------------------------
for op, args in [("sum", []), ("sum", [0]), ("sum", [-1]), ("mean", []), ("mean", [0]), ("prod", []), ("prod", [0]),
                 ("max", []), ("max", [0]), ("min", [0]), ("amax", []), ("amax", [0]), ("amin", [-1]), ("argmax", []),
                 ("argmax", [0]), ("argmin", [0]), ("var", [0]), ("std", []), ("logsumexp", [0]), ("softmax", [0]),
                 ("log_softmax", [0]), ("norm", []), ("norm", [1]), ("norm", [INF, 0])]:
    case(f"{op}_scalar_{'_'.join(map(str, args))}", op, "scalar", *args)
case("sum_scalar_keepdim", "sum", "scalar", 0, keepdim=True)
for op, args in [("sum", []), ("sum", [0]), ("sum", [1]), ("mean", []), ("mean", [0]), ("mean", [1]), ("prod", []),
                 ("prod", [0]), ("var", []), ("var", [0]), ("std", [1]), ("logsumexp", [0]), ("logsumexp", [1]),
                 ("softmax", [0]), ("log_softmax", [1]), ("norm", []), ("norm", [INF]), ("norm", [INF, 0]),
                 ("norm", [2, 1]), ("max", [1]), ("amax", [1]), ("argmax", [1])]:
    case(f"{op}_empty_{'_'.join(map(str, args))}", op, "empty", *args)

# ---- integer and bool inputs ------------------------------------------------------------
for op, args in [("sum", []), ("sum", [0]), ("prod", []), ("prod", [1]), ("max", []), ("max", [1]), ("min", [0]),
                 ("amax", [1]), ("amin", []), ("argmax", []), ("argmin", [1]), ("logsumexp", [1])]:
    case(f"{op}_ints_{'_'.join(map(str, args))}", op, "ints", *args)
for op, args in [("sum", []), ("sum", [0]), ("prod", [1]), ("max", []), ("max", [0]), ("amax", [1]), ("min", [1]), ("logsumexp", [1])]:
    case(f"{op}_bools_{'_'.join(map(str, args))}", op, "bools", *args)
case("mean_ints_dtype", "mean", "ints", dtype="float64")
case("sum_ints_dtype", "sum", "ints", dtype="float32")
case("sum_x3_dtype", "sum", "x3", 1, dtype="float64")
case("prod_ints_dtype", "prod", "ints", dtype="float32")
case("softmax_ints_dtype", "softmax", "ints", 1, dtype="float64")
case("log_softmax_x3_dtype", "log_softmax", "x3", 0, dtype="float64")

# ---- var/std call forms ----------------------------------------------------------------------
case("var_unbiased_false", "var", "x3", False)
case("var_dim_unbiased_false", "var", "x3", 1, False)
case("std_dim_unbiased_keepdim", "std", "x3", [0, 2], False, True)
case("var_correction0", "var", "x3", 1, correction=0)
case("std_correction2", "std", "x3", [0, 1], correction=2, keepdim=True)
case("var_none_correction0", "var", "x3", None, correction=0)
case("var_n1", "var", "x3", 0, correction=2)       # dof 0: inf/nan values and gradients

# ---- norm call forms -----------------------------------------------------------------------
case("norm_default", "norm", "x3")
case("norm_fro", "norm", "x3", "fro")
case("norm_fro_dim", "norm", "x3", "fro", 1)
case("norm_fro_2dims", "norm", "x3", "fro", [0, 2], keepdim=True)
case("norm_fro_2dims_neg", "norm", "x3", "fro", [-1, 0])
case("norm_dim_kw", "norm", "x3", dim=1)
case("norm_p_dim_kw", "norm", "x3", 3.0, dim=[0, 1], keepdim=True)
case("norm_dtype", "norm", "x3", 2, 1, dtype="float64")
case("norm_neg_p", "norm", "zeros", -1.5, 1)
case("norm_p15_zero_rows", "norm", "zeros", 1.5, 0)

# ---- printed forms -----------------------------------------------------------------------------
case("print_max_dim", "max", "ties", 1, prints=True)
case("print_min_keepdim", "min", "x3", 2, prints=True, keepdim=True)
case("print_sum", "sum", "x3", [0, 1], prints=True)
case("print_argmax", "argmax", "x3", 1, prints=True)
case("print_softmax", "softmax", "x2_t", 0, prints=True)
case("print_ints_sum", "sum", "ints", 1, prints=True)
case("print_bools_max", "max", "bools", 1, prints=True)

# ---- errors --------------------------------------------------------------------------------------
error("err_max_empty", "max", "empty")
error("err_min_empty", "min", "empty")
error("err_max_empty_dim", "max", "empty", 0)
error("err_amax_empty", "amax", "empty")
error("err_amin_empty_dim", "amin", "empty", 0)
error("err_argmax_empty", "argmax", "empty")
error("err_argmin_empty_dim", "argmin", "empty", 0)
error("err_mean_int", "mean", "ints")
error("err_mean_bool", "mean", "bools", 0)
error("err_var_int", "var", "ints")
error("err_std_bool", "std", "bools")
error("err_argmax_bool", "argmax", "bools")
error("err_softmax_int_last", "softmax", "ints", 1)
error("err_softmax_int_first", "softmax", "ints", 0)
error("err_log_softmax_int_last", "log_softmax", "ints", -1)
error("err_softmax_bool", "softmax", "bools", 1)
error("err_norm_int", "norm", "ints")
error("err_norm_bool", "norm", "bools", 1)
error("err_norm_fro_3dims", "norm", "x3", "fro", [0, 1, 2])
error("err_norm_bad_str", "norm", "x3", "abc")
error("err_sum_dup", "sum", "x3", [0, -3])
error("err_sum_range", "sum", "x3", 3)
error("err_softmax_range", "softmax", "x3", -4)
error("err_amax_range", "amax", "x3", [0, 5])
error("err_scalar_dim1", "sum", "scalar", 1)
error("err_scalar_dup", "sum", "scalar", [0, -1])

# ---- small dtypes (uint8, int8, int16, float16, bfloat16) -----------------------------------
# The same reductions on PyTorch's small dtypes (sums of integers give int64,
# half sums accumulate in float32); what PyTorch refuses is recorded as an error.
SMALL = {
    "uint8": [[[1, 200, 3, 0], [255, 7, 9, 100], [4, 4, 250, 1]], [[0, 0, 1, 2], [128, 127, 3, 3], [5, 6, 7, 8]]],
    "int8": [[[1, -128, 3, 0], [127, -7, 9, 100], [4, 4, -50, 1]], [[0, 0, -1, 2], [-128, 127, 3, 3], [5, -6, 7, 8]]],
    "int16": [[[1, -32768, 3, 0], [32767, -7, 9, 100], [4, 4, -50, 1]], [[0, 0, -1, 2], [-128, 127, 3, 3], [5, -6, 7, 8]]],
    "float16": [[[1.5, -2.25, 60000.0, 0.0], [65504.0, -7.0, 0.099975586, 100.0], [4.0, 4.0, -50.0, 1.0]],
                [[0.0, 0.0, -1.0, 2.0], [-128.0, 127.0, 3.0, 3.0], [5.0, -6.0, 7.0, 8.0]]],
    "bfloat16": [[[1.5, -2.25, 3.0e38, 0.0], [3.0e38, -7.0, 0.099609375, 100.0], [4.0, 4.0, -50.0, 1.0]],
                 [[0.0, 0.0, -1.0, 2.0], [-128.0, 127.0, 3.0, 3.0], [5.0, -6.0, 7.0, 8.0]]],
}


def small_input(name, values, dt, **layout):
    inputs[name] = small_spec(values, dt, **layout)


def case_or_error(name, op, inp, *args, **kwargs):
    if refused(lambda: getattr(torch, op)(build(inp, False)[1], *args, **to_torch_kwargs(kwargs))):
        error(f"{name}_refused", op, inp, *args, **kwargs)
    else:
        case(name, op, inp, *args, **kwargs)


for dt, values in SMALL.items():
    small_input(f"s_{dt}", values, dt)
    small_input(f"s_{dt}_t", torch.tensor(values, dtype=torch.float64)[0].tolist(), dt, layout="t")
    tag = f"s_{dt}"
    for op in ["sum", "prod", "mean", "amax", "amin", "argmax", "argmin"]:
        case_or_error(f"{op}_{tag}", op, tag)
        case_or_error(f"{op}_{tag}_1", op, tag, 1)
        case_or_error(f"{op}_{tag}_neg1_keepdim", op, tag, -1, keepdim=True)
        case_or_error(f"{op}_{tag}_t_0", op, f"{tag}_t", 0)
    for op in ["max", "min"]:
        case_or_error(f"{op}_{tag}", op, tag)
        case_or_error(f"{op}_{tag}_1", op, tag, 1)
    case_or_error(f"sum_{tag}_dims", "sum", tag, [0, 2])
    case_or_error(f"sum_{tag}_float64", "sum", tag, 1, dtype="float64")
    for op in ["var", "std", "logsumexp", "softmax", "log_softmax"]:
        case_or_error(f"{op}_{tag}_1", op, tag, 1)
    case_or_error(f"norm_{tag}", "norm", tag)
    case_or_error(f"norm_{tag}_inf_1", "norm", tag, INF, 1)
    case(f"print_sum_{tag}", "sum", tag, 1, prints=True)

r.write()
