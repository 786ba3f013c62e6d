"""Golden data for the convolutions: F.conv1d, F.conv2d, F.conv_transpose1d,
F.conv_transpose2d (values, printed forms, grad_fn and graph, first-order
grads, double-backward vectors), their error messages, and the modules
nn.Conv1d/2d, nn.ConvTranspose1d/2d (seeded init, repr, state-dict keys,
forward/backward with every padding_mode): test/conv.test.ts and the conv
conformance family.

Functional cases: "op", "args" [{"spec", "grad"} or None], "kwargs", "out",
"printed", "grad_fn", "graph", "grad_out", "grads" (of input, weight, bias
in order, for those with "grad"), and for some cases "double": the grads of
sum(grads[i] * v[i]) w.r.t. the same leaves, with "double_v" the v.
"double_graph" is the graph of each grad made under create_graph
(ConvolutionBackwardBackward0). Inputs are multiples of 1/64, so float32
sums are exact; integer cases (int_* inputs) check PyTorch's integer
convolutions, wrapping included."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand

r = Recorder("conv")


def graph(fn, depth=0):
    if fn is None or depth > 8:
        return None
    return [type(fn).__name__, [graph(n, depth + 1) for n, _ in fn.next_functions]]


FNS = {"conv1d": F.conv1d, "conv2d": F.conv2d, "conv_transpose1d": F.conv_transpose1d, "conv_transpose2d": F.conv_transpose2d}
seed = [1000]


def t(shape, dtype="float32", grad=True, layout="contiguous"):
    seed[0] += 1
    v = rand(shape, seed[0], lo=-1.0, hi=1.0, dtype=getattr(torch, dtype))
    if layout == "slice":
        return {"spec": spec(v, layout="slice", step=2), "grad": grad}
    return {"spec": spec(v), "grad": grad}


def ti(shape, dtype, lo, hi):
    """An integer input spec of values in [lo, hi] (no grad)."""
    seed[0] += 1
    g = torch.Generator().manual_seed(seed[0])
    v = torch.randint(lo, hi + 1, shape, generator=g).to(getattr(torch, dtype))
    return {"spec": spec(v, int32=True), "grad": False}


def case(name, op, args, kwargs=None, double=False):
    kwargs = kwargs or {}
    leaves, xs = [], []
    for a in args:
        if a is None:
            xs.append(None)
            continue
        leaf, x = make(a["spec"], requires_grad=a["grad"])
        leaves.append((leaf, a["grad"]))
        xs.append(x)
    out = FNS[op](*xs, **kwargs)
    fields = dict(op=op, args=args, kwargs=kwargs, out=out, printed=str(out),
                  grad_fn=type(out.grad_fn).__name__, graph=graph(out.grad_fn))
    wanted = [l for l, g in leaves if g]
    go = rand(list(out.shape), 99, lo=-1.0, hi=1.0, dtype=out.dtype)
    fields["grad_out"] = spec(go)
    if out.requires_grad and out.numel() > 0 and wanted:
        grads = torch.autograd.grad(out, wanted, go, create_graph=double)
        fields["grads"] = [g.detach() for g in grads]
        if double:
            vs = [rand(list(g.shape), 7 + i, lo=-1.0, hi=1.0, dtype=g.dtype) for i, g in enumerate(grads)]
            s = sum((g * v).sum() for g, v in zip(grads, vs))
            fields["double_v"] = [spec(v) for v in vs]
            fields["double_graph"] = [graph(g.grad_fn) for g in grads]
            fields["double"] = list(torch.autograd.grad(s, wanted, allow_unused=True))
    r.add(name, **fields)


# ---- conv2d ----
case("conv2d_basic", "conv2d", [t([2, 3, 6, 5]), t([4, 3, 3, 2]), t([4])], double=True)
case("conv2d_stride_pad", "conv2d", [t([2, 3, 7, 6]), t([4, 3, 3, 3]), t([4])], {"stride": 2, "padding": 1})
case("conv2d_tuples_dilation", "conv2d", [t([1, 2, 9, 8]), t([3, 2, 3, 2]), t([3])],
     {"stride": (2, 1), "padding": (1, 2), "dilation": (2, 1)}, double=True)
case("conv2d_same_odd", "conv2d", [t([2, 2, 5, 6]), t([3, 2, 3, 3]), t([3])], {"padding": "same"})
case("conv2d_same_even_dilated", "conv2d", [t([1, 2, 6, 7]), t([2, 2, 2, 4]), None], {"padding": "same", "dilation": (3, 1)})
case("conv2d_valid", "conv2d", [t([1, 2, 5, 5]), t([2, 2, 3, 3]), None], {"padding": "valid"})
case("conv2d_groups2", "conv2d", [t([2, 4, 5, 5]), t([6, 2, 3, 3]), t([6])], {"groups": 2, "padding": 1}, double=True)
case("conv2d_depthwise", "conv2d", [t([2, 3, 6, 6]), t([6, 1, 3, 3]), t([6])], {"groups": 3, "stride": 2, "padding": 1})
case("conv2d_nobias", "conv2d", [t([2, 3, 5, 4]), t([2, 3, 2, 2]), None])
case("conv2d_unbatched", "conv2d", [t([3, 5, 5]), t([2, 3, 3, 3]), t([2])], {"padding": 1})
case("conv2d_sliced_input", "conv2d", [t([4, 2, 5, 5], layout="slice"), t([3, 2, 3, 3]), t([3])])
case("conv2d_float64", "conv2d", [t([2, 3, 5, 5], "float64"), t([4, 3, 3, 3], "float64"), t([4], "float64")],
     {"stride": 2, "padding": (0, 1)}, double=True)
case("conv2d_1x1", "conv2d", [t([2, 5, 3, 4]), t([3, 5, 1, 1]), t([3])])
case("conv2d_kernel_is_input", "conv2d", [t([2, 2, 3, 3]), t([3, 2, 3, 3]), t([3])])
case("conv2d_big_pad_stride3", "conv2d", [t([1, 2, 4, 4]), t([2, 2, 2, 2]), t([2])], {"stride": 3, "padding": 2})
case("conv2d_empty_batch", "conv2d", [t([0, 3, 5, 5]), t([4, 3, 3, 3]), t([4])])
case("conv2d_weight_only_grad", "conv2d", [t([2, 3, 5, 5], grad=False), t([2, 3, 3, 3]), None], {"padding": 1})
case("conv2d_input_only_grad", "conv2d", [t([2, 3, 5, 5]), t([2, 3, 3, 3], grad=False), t([2], grad=False)], {"padding": 1},
     double=True)

# ---- conv1d ----
case("conv1d_basic", "conv1d", [t([2, 3, 9]), t([4, 3, 3]), t([4])], double=True)
case("conv1d_stride_pad_dil", "conv1d", [t([2, 2, 11]), t([3, 2, 3]), t([3])], {"stride": 2, "padding": 2, "dilation": 2})
case("conv1d_groups", "conv1d", [t([1, 4, 8]), t([4, 2, 3]), None], {"groups": 2, "padding": 1})
case("conv1d_same_even", "conv1d", [t([2, 2, 7]), t([2, 2, 4]), t([2])], {"padding": "same"})
case("conv1d_unbatched", "conv1d", [t([3, 6]), t([2, 3, 2]), t([2])], {"stride": 2})
case("conv1d_float64", "conv1d", [t([2, 3, 8], "float64"), t([2, 3, 3], "float64"), t([2], "float64")],
     {"padding": 1}, double=True)

# ---- conv_transpose2d ----
case("conv_transpose2d_basic", "conv_transpose2d", [t([2, 3, 4, 5]), t([3, 2, 3, 3]), t([2])], double=True)
case("conv_transpose2d_stride_pad_outpad", "conv_transpose2d", [t([2, 3, 4, 4]), t([3, 4, 3, 3]), t([4])],
     {"stride": 2, "padding": 1, "output_padding": 1}, double=True)
case("conv_transpose2d_groups_dilation", "conv_transpose2d", [t([1, 4, 3, 4]), t([4, 3, 2, 3]), t([6])],
     {"groups": 2, "dilation": (2, 1), "stride": (1, 2)})
case("conv_transpose2d_outpad_dilation", "conv_transpose2d", [t([1, 2, 3, 3]), t([2, 2, 3, 3]), None],
     {"stride": 1, "output_padding": 2, "dilation": 3})
case("conv_transpose2d_unbatched", "conv_transpose2d", [t([3, 3, 3]), t([3, 2, 2, 2]), t([2])], {"stride": 2})
case("conv_transpose2d_float64", "conv_transpose2d", [t([2, 2, 3, 3], "float64"), t([2, 3, 3, 3], "float64"), t([3], "float64")],
     {"stride": 2, "padding": (1, 0), "output_padding": (0, 1)}, double=True)

# ---- conv_transpose1d ----
case("conv_transpose1d_basic", "conv_transpose1d", [t([2, 3, 5]), t([3, 2, 3]), t([2])], double=True)
case("conv_transpose1d_stride_outpad_dil", "conv_transpose1d", [t([1, 2, 4]), t([2, 3, 3]), t([3])],
     {"stride": 3, "padding": 1, "output_padding": 2, "dilation": 2})
case("conv_transpose1d_groups", "conv_transpose1d", [t([2, 4, 5]), t([4, 1, 2]), None], {"groups": 4, "stride": 2})

# ---- padding="same" with an even kernel: F.pad first (ConstantPadNdBackward0) ----
case("conv1d_same_even_unbatched", "conv1d", [t([2, 7]), t([3, 2, 2]), t([3])], {"padding": "same"})
case("conv2d_same_even_double", "conv2d", [t([1, 2, 4, 5], "float64"), t([2, 2, 2, 3], "float64"), t([2], "float64")],
     {"padding": "same"}, double=True)

# ---- integers: PyTorch's CPU kernels convolve them (transposed: int64 only) ----
case("conv2d_int64", "conv2d", [ti([2, 3, 5, 5], "int64", -9, 9), ti([4, 3, 3, 3], "int64", -9, 9), ti([4], "int64", -50, 50)],
     {"stride": 2, "padding": 1})
case("conv2d_int64_large", "conv2d", [ti([1, 2, 4, 4], "int64", 2 ** 40, 2 ** 40 + 99), ti([2, 2, 2, 2], "int64", -3, 3), None])
case("conv2d_int32_groups", "conv2d", [ti([1, 4, 5, 4], "int32", -99, 99), ti([6, 2, 3, 2], "int32", -99, 99), ti([6], "int32", -99, 99)],
     {"groups": 2, "stride": (1, 2)})
case("conv2d_int64_dilated", "conv2d", [ti([1, 2, 6, 5], "int64", -9, 9), ti([2, 2, 2, 2], "int64", -9, 9), ti([2], "int64", -9, 9)],
     {"dilation": (2, 1), "padding": "same"})
case("conv2d_int16_wraps", "conv2d", [ti([1, 2, 4, 4], "int16", 1000, 3000), ti([2, 2, 2, 2], "int16", -3000, 3000), None])
case("conv2d_int8_wraps", "conv2d", [ti([2, 2, 4, 4], "int8", -128, 127), ti([3, 2, 2, 2], "int8", -128, 127), ti([3], "int8", -128, 127)])
case("conv2d_uint8_wraps", "conv2d", [ti([1, 3, 4, 5], "uint8", 0, 255), ti([2, 3, 3, 3], "uint8", 0, 255), ti([2], "uint8", 0, 255)],
     {"padding": 1})
case("conv2d_int64_same_even", "conv2d", [ti([1, 2, 4, 5], "int64", -9, 9), ti([3, 2, 2, 2], "int64", -9, 9), None], {"padding": "same"})
case("conv1d_int64_unbatched", "conv1d", [ti([3, 8], "int64", -9, 9), ti([2, 3, 3], "int64", -9, 9), ti([2], "int64", -9, 9)],
     {"stride": 2, "padding": 1})
case("conv1d_uint8", "conv1d", [ti([2, 2, 6], "uint8", 0, 20), ti([2, 2, 2], "uint8", 0, 20), None])
case("conv_transpose2d_int64", "conv_transpose2d", [ti([2, 3, 3, 3], "int64", -9, 9), ti([3, 2, 3, 3], "int64", -9, 9), ti([2], "int64", -9, 9)],
     {"stride": 2, "padding": 1, "output_padding": 1})
case("conv_transpose1d_int64_groups", "conv_transpose1d", [ti([1, 4, 5], "int64", -9, 9), ti([4, 1, 2], "int64", -9, 9), None],
     {"groups": 2, "stride": 2})
# conv1d (not transposed) converts a bias of another dtype to the input's, as a cast does
case("conv1d_int8_float_bias", "conv1d", [ti([2, 2, 5], "int8", -9, 9), ti([4, 2, 2], "int8", -9, 9),
     {"spec": spec(torch.tensor([300.5, -2.7, 2.7, -129.0])), "grad": False}])
case("conv1d_int64_int16_bias", "conv1d", [ti([1, 2, 5], "int64", -9, 9), ti([2, 2, 2], "int64", -9, 9), ti([2], "int16", -999, 999)],
     {"dilation": 2})
case("conv2d_int64_empty", "conv2d", [ti([0, 2, 4, 4], "int64", 0, 1), ti([3, 2, 2, 2], "int64", 0, 1), None])

# ---- errors ----
x4 = torch.zeros(2, 3, 8, 8)
r.error("err_conv2d_channels", lambda: F.conv2d(x4, torch.zeros(4, 2, 3, 3)))
r.error("err_conv2d_kernel_too_large", lambda: F.conv2d(x4, torch.zeros(4, 3, 9, 9)))
r.error("err_conv2d_kernel_too_large_padded", lambda: F.conv2d(torch.zeros(1, 3, 2, 2), torch.zeros(4, 3, 3, 3), padding=(1, 0)))
r.error("err_conv1d_kernel_too_large", lambda: F.conv1d(torch.zeros(2, 3, 8), torch.zeros(4, 3, 11)))
r.error("err_conv2d_groups_channels", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), groups=2))
r.error("err_conv2d_groups_divisible", lambda: F.conv2d(x4, torch.zeros(4, 1, 3, 3), groups=3))
r.error("err_conv2d_groups_at_least", lambda: F.conv2d(x4, torch.zeros(0, 3, 3, 3)))
r.error("err_conv2d_groups_nonpositive", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), groups=0))
r.error("err_conv2d_weight_dims", lambda: F.conv2d(x4, torch.zeros(4, 3, 3)))
r.error("err_conv1d_weight_dims", lambda: F.conv1d(torch.zeros(2, 3, 8), torch.zeros(4, 3, 3, 3)))
r.error("err_conv2d_bias_size", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), torch.zeros(3)))
r.error("err_conv1d_bias_dims", lambda: F.conv1d(torch.zeros(2, 3, 8), torch.zeros(4, 3, 3), torch.zeros(4, 1)))
r.error("err_conv2d_stride_zero", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), stride=0))
r.error("err_conv2d_padding_negative", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), padding=(1, -1)))
r.error("err_conv2d_dilation_zero", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), dilation=0))
r.error("err_conv2d_same_strided", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), padding="same", stride=2))
r.error("err_conv2d_padding_string", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), padding="foo"))
r.error("err_conv2d_input_dims", lambda: F.conv2d(torch.zeros(3, 8), torch.zeros(4, 3, 3, 3)))
r.error("err_conv1d_input_dims", lambda: F.conv1d(torch.zeros(1, 2, 3, 8), torch.zeros(4, 3, 3)))
r.error("err_conv2d_stride_length", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3), stride=(1, 1, 1)))
r.error("err_conv1d_padding_length", lambda: F.conv1d(torch.zeros(2, 3, 8), torch.zeros(4, 3, 3), padding=(1, 1)))
r.error("err_conv2d_dtype", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3, dtype=torch.float64)))
r.error("err_conv1d_bias_dtype", lambda: F.conv1d(torch.zeros(2, 3, 8), torch.zeros(4, 3, 3), torch.zeros(4, dtype=torch.float64)))
r.error("err_conv_transpose2d_output_padding", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), stride=2, output_padding=2))
r.error("err_conv_transpose1d_output_padding", lambda: F.conv_transpose1d(torch.zeros(2, 3, 8), torch.zeros(3, 4, 3), stride=2, output_padding=2))
r.error("err_conv_transpose2d_output_padding_negative", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), output_padding=-1))
r.error("err_conv_transpose2d_channels", lambda: F.conv_transpose2d(x4, torch.zeros(4, 4, 3, 3)))
r.error("err_conv_transpose2d_groups", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), groups=2))
r.error("err_conv_transpose2d_bias", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), torch.zeros(3)))
r.error("err_conv_transpose2d_padding_string", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), padding="same"))
r.error("err_conv_transpose2d_output_too_small", lambda: F.conv_transpose2d(x4, torch.zeros(3, 4, 3, 3), padding=5))
r.error("err_conv_transpose1d_output_too_small", lambda: F.conv_transpose1d(torch.zeros(2, 3, 8), torch.zeros(3, 4, 3), padding=5))
r.error("err_conv_transpose2d_input_dims", lambda: F.conv_transpose2d(torch.zeros(8, 8), torch.zeros(3, 4, 3, 3)))
xl = torch.zeros(2, 3, 8, 8, dtype=torch.int64)
r.error("err_conv2d_bool", lambda: F.conv2d(x4.bool(), torch.zeros(4, 3, 3, 3, dtype=torch.bool)))
r.error("err_conv1d_bool_float_weight", lambda: F.conv1d(torch.zeros(2, 3, 8, dtype=torch.bool), torch.zeros(4, 3, 3)))
r.error("err_conv_transpose1d_bool", lambda: F.conv_transpose1d(torch.zeros(2, 3, 8, dtype=torch.bool), torch.zeros(3, 4, 3, dtype=torch.bool)))
r.error("err_conv2d_half", lambda: F.conv2d(x4.half(), torch.zeros(4, 3, 3, 3)))
r.error("err_conv_transpose2d_int32", lambda: F.conv_transpose2d(xl.int(), torch.zeros(3, 4, 3, 3, dtype=torch.int32)))
r.error("err_conv_transpose2d_uint8", lambda: F.conv_transpose2d(xl.byte(), torch.zeros(3, 4, 3, 3)))
r.error("err_conv2d_int32_dilated", lambda: F.conv2d(xl.int(), torch.zeros(4, 3, 3, 3, dtype=torch.int32), dilation=2))
r.error("err_conv1d_uint8_dilated_bias", lambda: F.conv1d(torch.zeros(2, 3, 8, dtype=torch.uint8), torch.zeros(4, 3, 3, dtype=torch.uint8),
                                                          torch.zeros(4), dilation=2))
r.error("err_conv2d_int64_float_weight", lambda: F.conv2d(xl, torch.zeros(4, 3, 3, 3)))
r.error("err_conv2d_int32_int64_weight", lambda: F.conv2d(xl.int(), torch.zeros(4, 3, 3, 3, dtype=torch.int64)))
r.error("err_conv2d_float_int64_weight", lambda: F.conv2d(x4, torch.zeros(4, 3, 3, 3, dtype=torch.int64)))
r.error("err_conv2d_int64_float_bias", lambda: F.conv2d(xl, torch.zeros(4, 3, 3, 3, dtype=torch.int64), torch.zeros(4)))
r.error("err_conv_transpose2d_int64_int32_bias", lambda: F.conv_transpose2d(xl, torch.zeros(3, 4, 3, 3, dtype=torch.int64),
                                                                            torch.zeros(4, dtype=torch.int32)))

# ---- modules ----


def sd(m):
    return list(m.state_dict().items())


INITS = {
    "conv1d": (lambda: nn.Conv1d(3, 4, 3), 0),
    "conv2d": (lambda: nn.Conv2d(1, 6, 5), 1),
    "conv2d_options": (lambda: nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), dilation=2, groups=2, bias=False), 2),
    "conv2d_same_reflect": (lambda: nn.Conv2d(2, 3, 3, padding="same", padding_mode="reflect"), 3),
    "conv2d_circular": (lambda: nn.Conv2d(2, 2, 3, padding=1, padding_mode="circular"), 4),
    "conv2d_float64": (lambda: nn.Conv2d(2, 3, 2, dtype=torch.float64), 5),
    "conv_transpose1d": (lambda: nn.ConvTranspose1d(3, 2, 4, stride=2), 6),
    "conv_transpose2d": (lambda: nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), 7),
    "conv_transpose2d_nobias_dilation": (lambda: nn.ConvTranspose2d(2, 3, (2, 3), dilation=(2, 1), bias=False), 8),
    "conv1d_valid_replicate": (lambda: nn.Conv1d(2, 2, 2, padding="valid", padding_mode="replicate"), 9),
}
for kind, (mk, s) in INITS.items():
    torch.manual_seed(s)
    m = mk()
    r.add(f"module_init_{kind}", kind=kind, seed=s, state=sd(m), repr=repr(m))

# forward/backward of modules from their seeded init, every padding_mode
FORWARD = {
    "conv2d_zeros": (lambda: nn.Conv2d(2, 3, 3, padding=1), [2, 2, 5, 4]),
    "conv2d_reflect": (lambda: nn.Conv2d(2, 3, 3, padding=(1, 2), padding_mode="reflect"), [2, 2, 5, 4]),
    "conv2d_replicate": (lambda: nn.Conv2d(2, 3, 3, stride=2, padding=2, padding_mode="replicate"), [2, 2, 5, 4]),
    "conv2d_circular": (lambda: nn.Conv2d(2, 3, (3, 2), padding=(1, 1), padding_mode="circular"), [2, 2, 5, 4]),
    "conv2d_same_reflect_even": (lambda: nn.Conv2d(2, 2, (2, 4), padding="same", padding_mode="reflect"), [1, 2, 5, 6]),
    "conv1d_reflect": (lambda: nn.Conv1d(2, 3, 3, padding=2, padding_mode="reflect"), [2, 2, 6]),
    "conv1d_circular": (lambda: nn.Conv1d(2, 3, 3, padding=1, padding_mode="circular"), [1, 2, 6]),
    "conv1d_unbatched": (lambda: nn.Conv1d(2, 3, 3, padding=1), [2, 6]),
    "conv1d_replicate": (lambda: nn.Conv1d(2, 2, 2, padding=1, padding_mode="replicate"), [1, 2, 4]),
    "conv_transpose2d": (lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1), [2, 2, 3, 3]),
    "conv_transpose1d": (lambda: nn.ConvTranspose1d(2, 3, 3, stride=2), [2, 2, 4]),
}
for kind, (mk, shape) in FORWARD.items():
    torch.manual_seed(100)
    m = mk()
    x = rand(shape, 5, lo=-1.0, hi=1.0).requires_grad_(True)
    y = m(x)
    go = rand(list(y.shape), 6, lo=-1.0, hi=1.0)
    y.backward(go)
    r.add(f"module_forward_{kind}", kind=kind, input=x.detach(), state=sd(m), out=y, grad_fn=type(y.grad_fn).__name__,
          grad_out=go, grad_input=x.grad, grads=[(n, p.grad) for n, p in m.named_parameters()])

# a module's output_size argument to ConvTranspose forward
torch.manual_seed(100)
ct = nn.ConvTranspose2d(2, 2, 3, stride=2)
xo = rand([1, 2, 3, 3], 5, lo=-1.0, hi=1.0)
r.add("module_conv_transpose2d_output_size", state=sd(ct), input=xo, out=ct(xo, output_size=[8, 8]))

r.error("err_module_padding_mode", lambda: nn.Conv2d(2, 2, 3, padding_mode="foo"))
r.error("err_module_groups_in", lambda: nn.Conv2d(3, 2, 3, groups=2))
r.error("err_module_groups_out", lambda: nn.Conv2d(2, 3, 3, groups=2))
r.error("err_module_same_strided", lambda: nn.Conv2d(2, 3, 3, padding="same", stride=2))
r.error("err_module_padding_string", lambda: nn.Conv2d(2, 3, 3, padding="foo"))
r.error("err_module_transpose_padding_mode", lambda: nn.ConvTranspose2d(2, 3, 3, padding_mode="reflect"))
r.error("err_module_output_size", lambda: ct(xo, output_size=[20, 20]))

r.write()
