"""Golden data for the pooling ops (test/nn.pool.test.ts and the "pool"
conformance family): F.max_pool1d/2d, avg_pool1d/2d, adaptive_avg_pool1d/2d,
adaptive_max_pool1d/2d, their values, indices, input grads, grad_fn names
and error messages, and the modules' reprs and forward/backward.

A functional case: "op" (F's name), "input" (an input spec of common.py),
"args" (positional arguments after the input), "kwargs" (Python's keyword
names), "out" (a tensor, or [values, indices]), "grad_fn", "grad_out" and
"grads" ([the input's grad], through the values)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand

r = Recorder("pool")


def case(name, op, x, args=(), kwargs=None, dtype="float32", layout="contiguous", grad=True):
    kwargs = kwargs or {}
    s = spec(x.to(getattr(torch, dtype)), layout=layout)
    leaf, xin = make(s, requires_grad=grad)
    out = getattr(F, op)(xin, *args, **kwargs)
    values = out[0] if isinstance(out, tuple) else out
    fields = dict(op=op, input=s, args=list(args), kwargs=kwargs, out=list(out) if isinstance(out, tuple) else out,
                  grad_fn=type(values.grad_fn).__name__ if values.grad_fn is not None else None)
    if grad:
        go = rand(list(values.shape), 99, dtype=values.dtype)
        fields["grad_out"] = spec(go)
        fields["grads"] = [torch.autograd.grad(values, leaf, go)[0]]
    r.add(name, **fields)


x66 = rand([2, 3, 6, 6], 1)
x77 = rand([2, 2, 7, 7], 2)
x3d = rand([3, 5, 5], 3)
wide = rand([1, 2, 5, 19], 4)
ties = (rand([1, 2, 6, 6], 5) * 2).round() / 2  # many equal values: the first maximum wins
nanx = rand([1, 1, 4, 4], 6)
nanx[0, 0, 1, 1] = float("nan")
nanx[0, 0, 3, 2] = float("nan")
nanx[0, 0, 2, 3] = float("inf")
ninf = torch.full([1, 1, 4, 4], float("-inf"))
ninf[0, 0, 0, 0] = 1.0

# ---- max_pool2d ---------------------------------------------------------------
case("max_pool2d_k2", "max_pool2d", x66, [2])
case("max_pool2d_k3_s2_p1", "max_pool2d", x66, [3], {"stride": 2, "padding": 1})
case("max_pool2d_dilation", "max_pool2d", x77, [2], {"stride": 1, "dilation": 2})
case("max_pool2d_dilation_pad", "max_pool2d", x77, [3], {"stride": 2, "padding": 1, "dilation": 2})
case("max_pool2d_ceil", "max_pool2d", x77, [3], {"stride": 2, "ceil_mode": True})
case("max_pool2d_ceil_pad", "max_pool2d", x66, [3], {"stride": 2, "padding": 1, "ceil_mode": True})
case("max_pool2d_indices", "max_pool2d", x66, [3], {"stride": 2, "padding": 1, "return_indices": True})
case("max_pool2d_3d_input", "max_pool2d", x3d, [2], {"stride": 1, "return_indices": True})
case("max_pool2d_rect", "max_pool2d", x77, [[2, 3]], {"stride": [1, 2], "padding": [1, 1]})
case("max_pool2d_ties", "max_pool2d", ties, [3], {"stride": 1, "return_indices": True})
case("max_pool2d_nan_inf", "max_pool2d", nanx, [2], {"stride": 1, "return_indices": True}, grad=False)
case("max_pool2d_all_neg_inf", "max_pool2d", ninf, [2], {"return_indices": True}, grad=False)
case("max_pool2d_float64", "max_pool2d", x66, [3], {"stride": 2, "padding": 1}, dtype="float64")
case("max_pool2d_noncontiguous", "max_pool2d", rand([4, 3, 6, 6], 7), [2], layout="slice")
case("max_pool2d_empty_batch", "max_pool2d", rand([0, 2, 4, 4], 8), [2], {"return_indices": True})
case("max_pool2d_wide_s1", "max_pool2d", wide, [3], {"stride": 1, "padding": 1, "return_indices": True})
case("max_pool2d_wide_s2", "max_pool2d", wide, [2], {"stride": 2, "return_indices": True})
case("max_pool2d_wide_s2_dil", "max_pool2d", wide, [2], {"stride": [1, 2], "dilation": [1, 2], "return_indices": True})

# ---- max_pool1d ---------------------------------------------------------------
x1 = rand([2, 3, 11], 9)
case("max_pool1d_k2", "max_pool1d", x1, [2])
case("max_pool1d_indices", "max_pool1d", x1, [3], {"stride": 2, "padding": 1, "return_indices": True})
case("max_pool1d_dilation_ceil", "max_pool1d", x1, [2], {"stride": 2, "dilation": 2, "ceil_mode": True})
case("max_pool1d_2d_input", "max_pool1d", rand([3, 9], 10), [3])
case("max_pool1d_float64", "max_pool1d", x1, [3], {"stride": 1}, dtype="float64")
case("max_pool1d_empty_output_nograd", "max_pool1d", rand([1, 2, 4], 11), [6], grad=False)

# ---- avg_pool2d ---------------------------------------------------------------
case("avg_pool2d_k2", "avg_pool2d", x66, [2])
case("avg_pool2d_k3_s2_p1", "avg_pool2d", x66, [3], {"stride": 2, "padding": 1})
case("avg_pool2d_exclude_pad", "avg_pool2d", x66, [3], {"stride": 2, "padding": 1, "count_include_pad": False})
case("avg_pool2d_ceil", "avg_pool2d", x77, [3], {"stride": 2, "ceil_mode": True})
case("avg_pool2d_ceil_pad", "avg_pool2d", x77, [3], {"stride": 2, "padding": 1, "ceil_mode": True})
case("avg_pool2d_ceil_pad_exclude", "avg_pool2d", x77, [3], {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False})
case("avg_pool2d_divisor", "avg_pool2d", x66, [3], {"stride": 2, "padding": 1, "divisor_override": 5})
case("avg_pool2d_rect", "avg_pool2d", x77, [[2, 3]], {"stride": [1, 2], "padding": [1, 1]})
case("avg_pool2d_3d_input", "avg_pool2d", x3d, [2], {"stride": 1})
case("avg_pool2d_float64", "avg_pool2d", x66, [3], {"stride": 2, "padding": 1}, dtype="float64")
case("avg_pool2d_noncontiguous", "avg_pool2d", rand([4, 3, 6, 6], 12), [2], layout="slice")
case("avg_pool2d_empty_batch", "avg_pool2d", rand([0, 2, 4, 4], 13), [2])
case("avg_pool2d_wide_s1", "avg_pool2d", wide, [3], {"stride": 1, "padding": 1})
case("avg_pool2d_wide_s2", "avg_pool2d", wide, [2])
case("avg_pool2d_wide_s2_pad_exclude", "avg_pool2d", wide, [3], {"stride": 2, "padding": 1, "count_include_pad": False})

# ---- avg_pool1d ---------------------------------------------------------------
case("avg_pool1d_k2", "avg_pool1d", x1, [2])
case("avg_pool1d_pad", "avg_pool1d", x1, [3], {"stride": 2, "padding": 1})
case("avg_pool1d_exclude_pad_ceil", "avg_pool1d", x1, [3], {"stride": 2, "padding": 1, "count_include_pad": False, "ceil_mode": True})
case("avg_pool1d_2d_input", "avg_pool1d", rand([3, 9], 14), [3], {"stride": 1})

# ---- adaptive pools -------------------------------------------------------------
case("adaptive_avg_pool2d_3", "adaptive_avg_pool2d", x77, [3])
case("adaptive_avg_pool2d_rect", "adaptive_avg_pool2d", rand([2, 2, 5, 7], 15), [[2, None]])
case("adaptive_avg_pool2d_upsample", "adaptive_avg_pool2d", rand([1, 2, 3, 3], 16), [[5, 4]])
case("adaptive_avg_pool2d_1x1", "adaptive_avg_pool2d", x66, [1])
case("adaptive_avg_pool2d_3d_input", "adaptive_avg_pool2d", x3d, [[2, 3]])
case("adaptive_avg_pool2d_float64", "adaptive_avg_pool2d", x77, [4], dtype="float64")
case("adaptive_avg_pool2d_noncontiguous", "adaptive_avg_pool2d", rand([4, 3, 6, 6], 17), [4], layout="slice")
case("adaptive_avg_pool2d_empty_batch", "adaptive_avg_pool2d", rand([0, 2, 4, 4], 18), [3])
case("adaptive_avg_pool1d_4", "adaptive_avg_pool1d", x1, [4])
case("adaptive_avg_pool1d_1", "adaptive_avg_pool1d", x1, [1])
case("adaptive_max_pool2d_3", "adaptive_max_pool2d", x77, [3])
case("adaptive_max_pool2d_indices", "adaptive_max_pool2d", rand([2, 2, 5, 7], 19), [[2, 3]], {"return_indices": True})
case("adaptive_max_pool2d_none", "adaptive_max_pool2d", rand([1, 2, 5, 7], 20), [[None, 3]])
case("adaptive_max_pool2d_float64", "adaptive_max_pool2d", x77, [4], dtype="float64")
case("adaptive_max_pool2d_empty_batch", "adaptive_max_pool2d", rand([0, 2, 4, 4], 21), [3], {"return_indices": True})
case("adaptive_max_pool1d_4", "adaptive_max_pool1d", x1, [4], {"return_indices": True})

# ---- errors: an input of zeros of "shape" (and "dtype"), F's op and its arguments ----
def err(name, op, shape, args=(), kwargs=None, dtype="float32", grad=False):
    kwargs = kwargs or {}
    x = torch.zeros(shape, dtype=getattr(torch, dtype)).requires_grad_(grad)
    r.error(name, lambda: getattr(F, op)(x, *[tuple(a) if isinstance(a, list) else a for a in args], **kwargs),
            op=op, shape=shape, dtype=dtype, requires_grad=grad, args=list(args), kwargs=kwargs)


S4, S3 = [1, 2, 4, 4], [1, 2, 4]
err("err_max_pool2d_kernel_too_big", "max_pool2d", S4, [5])
err("err_max_pool2d_pad_half", "max_pool2d", S4, [3], {"padding": 2})
err("err_max_pool2d_pad_negative", "max_pool2d", S4, [2], {"padding": -1})
err("err_max_pool2d_kernel_zero", "max_pool2d", S4, [0], {"stride": 1})
err("err_max_pool2d_stride_zero", "max_pool2d", S4, [2], {"stride": 0})
err("err_max_pool2d_dilation_zero", "max_pool2d", S4, [2], {"dilation": 0})
err("err_max_pool2d_2d_input", "max_pool2d", [4, 4], [2])
err("err_max_pool2d_empty_channels", "max_pool2d", [1, 0, 4, 4], [2])
err("err_max_pool2d_int", "max_pool2d", S4, [2], dtype="int32")
err("err_max_pool2d_kernel_list", "max_pool2d", S4, [[2, 2, 2]])
err("err_max_pool2d_stride_list", "max_pool2d", S4, [2], {"stride": [1, 1, 1]})
err("err_max_pool1d_kernel_zero", "max_pool1d", S3, [0])
err("err_max_pool1d_stride_zero", "max_pool1d", S3, [2], {"stride": 0})
err("err_max_pool1d_pad_half", "max_pool1d", S3, [3], {"padding": 2})
err("err_max_pool1d_dilation_zero", "max_pool1d", S3, [2], {"dilation": 0})
err("err_max_pool1d_1d_input", "max_pool1d", [4], [2])
err("err_max_pool1d_int", "max_pool1d", S3, [2], dtype="int32")
err("err_max_pool1d_kernel_too_big_grad", "max_pool1d", S3, [5], grad=True)
err("err_max_pool1d_indices_1d_input", "max_pool1d", [4], [2], {"return_indices": True})
err("err_avg_pool2d_kernel_too_big", "avg_pool2d", S4, [5])
err("err_avg_pool2d_pad_half", "avg_pool2d", S4, [3], {"padding": 2})
err("err_avg_pool2d_divisor_zero", "avg_pool2d", S4, [2], {"divisor_override": 0})
err("err_avg_pool2d_int", "avg_pool2d", S4, [2], dtype="int32")
err("err_avg_pool2d_2d_input", "avg_pool2d", [2, 4], [2])
err("err_avg_pool2d_padding_list", "avg_pool2d", S4, [2], {"padding": [1, 1, 1]})
err("err_avg_pool1d_kernel_too_big", "avg_pool1d", S3, [5])
err("err_avg_pool1d_pad_half", "avg_pool1d", S3, [3], {"padding": 2})
err("err_avg_pool1d_1d_input", "avg_pool1d", [4], [3])
err("err_avg_pool1d_kernel_list", "avg_pool1d", S3, [[2, 2]])
err("err_adaptive_avg_pool2d_1d_input", "adaptive_avg_pool2d", [4], [3])
err("err_adaptive_avg_pool2d_size_list", "adaptive_avg_pool2d", S4, [[1, 2, 3]])
err("err_adaptive_avg_pool2d_negative", "adaptive_avg_pool2d", S4, [-1])
err("err_adaptive_avg_pool2d_empty_dim", "adaptive_avg_pool2d", [1, 2, 0, 3], [3])
err("err_adaptive_max_pool2d_1d_input", "adaptive_max_pool2d", [4], [3])
err("err_adaptive_max_pool2d_empty_dim", "adaptive_max_pool2d", [1, 2, 0, 3], [3])
err("err_adaptive_avg_pool1d_1d_input", "adaptive_avg_pool1d", [4], [3])
err("err_adaptive_max_pool1d_1d_input", "adaptive_max_pool1d", [4], [3])

# ---- modules --------------------------------------------------------------------
MODULES = [
    ("MaxPool2d", [2], {}, x66),
    ("MaxPool2d", [3], {"stride": 2, "padding": 1, "dilation": 1, "ceil_mode": True}, x77),
    ("MaxPool2d", [[2, 3]], {"stride": [1, 2]}, x77),
    ("MaxPool2d", [2], {"return_indices": True}, x66),
    ("MaxPool1d", [3], {"stride": 2}, x1),
    ("AvgPool2d", [2], {}, x66),
    ("AvgPool2d", [3], {"stride": 2, "padding": 1, "count_include_pad": False, "divisor_override": 4}, x66),
    ("AvgPool1d", [2], {}, x1),
    ("AvgPool1d", [3], {"stride": 1, "padding": 1}, x1),
    ("AdaptiveAvgPool2d", [[3, None]], {}, x77),
    ("AdaptiveAvgPool2d", [1], {}, x66),
    ("AdaptiveAvgPool1d", [4], {}, x1),
    ("AdaptiveMaxPool2d", [3], {}, x77),
    ("AdaptiveMaxPool2d", [[2, 3]], {"return_indices": True}, x77),
    ("AdaptiveMaxPool1d", [4], {}, x1),
]
for i, (kind, args, kwargs, xin) in enumerate(MODULES):
    m = getattr(nn, kind)(*[tuple(a) if isinstance(a, list) else a for a in args],
                          **{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})
    leaf = xin.clone().requires_grad_(True)
    out = m(leaf)
    values = out[0] if isinstance(out, tuple) else out
    go = rand(list(values.shape), 43)
    values.backward(go)
    r.add(f"module_{kind}_{i}", kind=kind, ctor_args=args, ctor_kwargs=kwargs, repr=repr(m), input=spec(xin),
          out=list(out) if isinstance(out, tuple) else out, grad_out=spec(go), grads=[leaf.grad],
          grad_fn=type(values.grad_fn).__name__)

r.write()
