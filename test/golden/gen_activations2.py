"""Golden data for the activations of test/nn.activations2.test.ts:
leaky_relu, elu, selu, celu, softplus, softsign, hardtanh, relu6,
hardsigmoid, hardswish, mish, logsigmoid, tanhshrink, softshrink,
hardshrink, threshold, glu, prelu, softmin, rrelu (eval), their in-place
forms, and the modules' reprs and state dicts.

A case calls F.<op>(*args, *pos, **kwargs): "args" are tensor specs
({"spec", "grad"}), "pos" the positional numbers after them (threshold's
threshold and value). With "inplace_on_clone" the op gets args[0].clone()
(a non-leaf), as an in-place op needs. The test backpropagates `grad_out`
and compares the value, the grads of the args marked "grad", the grad_fn
name and the printed form; "dtype" cases cast the input to a small dtype
first and record either the value or PyTorch's message."""
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
from common import Recorder, spec, make, rand

warnings.simplefilter("ignore")
r = Recorder("activations2")

FNS = {n: getattr(F, n) for n in [
    "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "celu", "celu_", "softplus", "softsign", "hardtanh",
    "hardtanh_", "relu6", "hardsigmoid", "hardswish", "mish", "logsigmoid", "tanhshrink", "softshrink",
    "hardshrink", "threshold", "threshold_", "glu", "prelu", "softmin", "rrelu", "rrelu_"]}
FNS["selu_"] = torch.selu_
SMALL = {"bfloat16": torch.bfloat16, "float16": torch.float16, "int64": torch.int64}


def apply(c_op, xs, pos, kwargs, inplace_on_clone=False):
    if inplace_on_clone:
        xs = [xs[0].clone()] + xs[1:]
    if "dtype" in kwargs:
        kwargs = {**kwargs, "dtype": getattr(torch, kwargs["dtype"])}
    return FNS[c_op](*xs, *pos, **kwargs)


def case(name, op, args, pos=None, kwargs=None, inplace_on_clone=False, grad_seed=99):
    pos, kwargs = pos or [], kwargs or {}
    leaves, xs = zip(*[make(a["spec"], requires_grad=a["grad"]) for a in args])
    out = apply(op, list(xs), pos, kwargs, inplace_on_clone)
    fields = dict(op=op, args=args, pos=pos, kwargs=kwargs, out=out, printed=str(out),
                  grad_fn=type(out.grad_fn).__name__)
    if inplace_on_clone:
        fields["inplace_on_clone"] = True
    wanted = [l for l, a in zip(leaves, args) if a["grad"]]
    go = rand(list(out.shape), grad_seed, dtype=out.dtype) if out.dim() > 0 else torch.tensor(0.75, dtype=out.dtype)
    fields["grad_out"] = spec(go, dtype={torch.float64: "float64"}.get(out.dtype, "float32"))
    if out.numel() > 0 and wanted:
        fields["grads"] = list(torch.autograd.grad(out, wanted, go, allow_unused=True))
    r.add(name, **fields)


def err(name, op, args, pos=None, kwargs=None, inplace_on_clone=False, leaf_grad=False):
    pos, kwargs = pos or [], kwargs or {}
    # A fresh leaf (make's base is a reshaped view of the data)
    xs = [make(a["spec"])[1].detach().clone().requires_grad_(leaf_grad) for a in args]
    r.error(name, lambda: apply(op, xs, pos, kwargs, inplace_on_clone), op=op, args=args, pos=pos, kwargs=kwargs,
            leaf_grad=leaf_grad, inplace_on_clone=inplace_on_clone)


def dtype_case(name, op, dtype, values, pos=None, kwargs=None):
    """The op on `values` cast to a small dtype: the value (as float32 data) or PyTorch's message."""
    pos, kwargs = pos or [], kwargs or {}
    x = torch.tensor(values).to(SMALL[dtype])
    try:
        out = FNS[op](x, *pos, **kwargs)
    except Exception as e:  # noqa: BLE001
        r.add(name, op=op, cast=dtype, values=values, pos=pos, kwargs=kwargs, error=str(e).split("\n")[0])
        return
    r.add(name, op=op, cast=dtype, values=values, pos=pos, kwargs=kwargs, out=out, printed=str(out))


def f(values, dtype="float32", grad=False, layout="contiguous"):
    if layout == "t":
        values = values.t().contiguous()
    return {"spec": spec(values, dtype=dtype, layout=layout), "grad": grad}


# Values that cross every op's kinks: +-3 (hard*), +-0.5 (shrinks), 0, and large ones (softplus' threshold).
x34 = rand([3, 4], 1, lo=-4, hi=4)
x34[0, 0], x34[0, 1], x34[1, 1], x34[2, 3] = 0.0, 3.0 + 1 / 64, -3.0 - 1 / 64, 0.75
special = [float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 3.0, -3.0, 0.5, -0.5, 25.0, -25.0, 1e-30, -100.0]

POINTWISE = [
    ("leaky_relu", [], {}), ("leaky_relu", [], {"negative_slope": 0.2}), ("elu", [], {}),
    ("elu", [], {"alpha": 0.5}), ("selu", [], {}), ("celu", [], {}), ("celu", [], {"alpha": 2.0}),
    ("softplus", [], {}), ("softplus", [], {"beta": 2.0, "threshold": 3.0}), ("softsign", [], {}),
    ("hardtanh", [], {}), ("hardtanh", [], {"min_val": -2.0, "max_val": 0.5}), ("relu6", [], {}),
    ("hardsigmoid", [], {}), ("hardswish", [], {}), ("mish", [], {}), ("logsigmoid", [], {}),
    ("tanhshrink", [], {}), ("softshrink", [], {}), ("softshrink", [], {"lambd": 1.25}), ("hardshrink", [], {}),
    ("hardshrink", [], {"lambd": 1.25}), ("threshold", [0.5, -2.0], {}), ("rrelu", [], {}),
    ("rrelu", [], {"lower": 0.25, "upper": 0.5}),
]


def tag(op, pos, kwargs):
    return "_".join([op] + [str(p) for p in pos] + [f"{k}{v}" for k, v in kwargs.items()])


for op, pos, kw in POINTWISE:
    t = tag(op, pos, kw)
    case(f"{t}_f32", op, [f(x34, grad=True)], pos, kw)
    case(f"{t}_f64", op, [f(x34, "float64", True)], pos, kw)
    case(f"{t}_special", op, [f(torch.tensor(special))], pos, kw)
for op, pos, kw in POINTWISE[::2]:
    t = tag(op, pos, kw)
    case(f"{t}_transposed", op, [f(x34, grad=True, layout="t")], pos, kw)
    case(f"{t}_0d", op, [f(x34[1, 2], grad=True)], pos, kw)
    case(f"{t}_empty", op, [f(torch.zeros(0, 3), grad=True)], pos, kw)
    for dt in SMALL:
        dtype_case(f"{t}_{dt}", op, dt, [-3.5, -1.0, -0.25, 0.0, 0.5, 2.0, 4.0], pos, kw)
for op, pos, kw in POINTWISE[1::2]:
    for dt in SMALL:
        dtype_case(f"{tag(op, pos, kw)}_{dt}", op, dt, [-3.5, -1.0, 0.5, 4.0], pos, kw)
# Sliced (every other row) and expanded inputs.
case("elu_sliced", "elu", [{"spec": spec(x34, layout="slice"), "grad": True}])
case("softplus_expanded", "softplus", [{"spec": spec(x34[:1], layout="expand", shape=[3, 4]), "grad": True}])

# In-place forms on a non-leaf (the grad reaches the leaf through CloneBackward0).
INPLACE = [
    ("leaky_relu_", [], {}), ("leaky_relu", [], {"negative_slope": 0.1, "inplace": True}), ("elu_", [], {}),
    ("elu", [], {"alpha": 0.5, "inplace": True}), ("selu_", [], {}), ("selu", [], {"inplace": True}),
    ("celu_", [], {"alpha": 2.0}), ("hardtanh_", [], {}), ("hardtanh", [], {"min_val": -2.0, "inplace": True}),
    ("relu6", [], {"inplace": True}), ("hardsigmoid", [], {"inplace": True}), ("hardswish", [], {"inplace": True}),
    ("mish", [], {"inplace": True}), ("threshold_", [0.5, -2.0], {}), ("threshold", [0.5, -2.0], {"inplace": True}),
    ("rrelu_", [], {}), ("rrelu", [], {"inplace": True}),
]
for op, pos, kw in INPLACE:
    t = tag(op, pos, kw)
    case(f"inplace_{t}", op, [f(x34, grad=True)], pos, kw, inplace_on_clone=True)
    case(f"inplace_{t}_f64", op, [f(x34, "float64", True)], pos, kw, inplace_on_clone=True)
    err(f"inplace_{t}_leaf", op, [f(x34)], pos, kw, leaf_grad=True)
    if op.endswith("_") or kw.get("inplace"):
        case(f"inplace_{t}_nograd", op, [f(x34)], pos, kw, inplace_on_clone=True)

# glu: halves along dim (negative dims, odd sizes)
x46 = rand([4, 6], 2)
for d in [-1, 0, 1, -2]:
    case(f"glu_dim{d}", "glu", [f(x46, grad=True)], [], {"dim": d})
case("glu_default", "glu", [f(x46, grad=True)])
case("glu_f64", "glu", [f(x46, "float64", True)], [], {"dim": 0})
case("glu_transposed", "glu", [f(x46, grad=True, layout="t")], [], {"dim": 1})
case("glu_3d", "glu", [f(rand([2, 4, 2], 3), grad=True)], [], {"dim": 1})
case("glu_empty", "glu", [f(torch.zeros(0, 4), grad=True)], [], {"dim": 1})
err("glu_odd", "glu", [f(rand([2, 3], 4))], [], {"dim": 1})
err("glu_0d", "glu", [f(torch.tensor(1.0))])
err("glu_dim_range", "glu", [f(x46)], [], {"dim": 2})
for dt in SMALL:
    dtype_case(f"glu_{dt}", "glu", dt, [-3.5, -1.0, 0.5, 4.0])

# prelu: one weight, or one per channel (dim 1)
x2343 = rand([2, 3, 4], 5)
w1 = torch.tensor([0.25])
w3 = torch.tensor([0.25, -0.5, 1.5])
case("prelu_shared", "prelu", [f(x2343, grad=True), f(w1, grad=True)])
case("prelu_channels", "prelu", [f(x2343, grad=True), f(w3, grad=True)])
case("prelu_channels_f64", "prelu", [f(x2343, "float64", True), f(w3, "float64", True)])
case("prelu_2d", "prelu", [f(x34[:, :3], grad=True), f(w3, grad=True)])
case("prelu_1d", "prelu", [f(x34[0], grad=True), f(w1, grad=True)])
case("prelu_0d", "prelu", [f(x34[1, 1], grad=True), f(w1, grad=True)])
case("prelu_transposed", "prelu", [f(x34, grad=True, layout="t"), f(w1, grad=True)])
case("prelu_empty", "prelu", [f(torch.zeros(0, 3), grad=True), f(w3, grad=True)])
err("prelu_bad_channels", "prelu", [f(x2343), f(torch.tensor([0.1, 0.2]))])
err("prelu_weight_2d", "prelu", [f(x2343), f(torch.tensor([[0.1, 0.2, 0.3]]))])

# softmin (dim, dtype)
for d in [0, 1, -1, -2]:
    case(f"softmin_dim{d}", "softmin", [f(x34, grad=True)], [], {"dim": d})
case("softmin_f64", "softmin", [f(x34, "float64", True)], [], {"dim": 1})
case("softmin_dtype", "softmin", [f(x34, grad=True)], [], {"dim": 1, "dtype": "float64"})
case("softmin_transposed", "softmin", [f(x34, grad=True, layout="t")], [], {"dim": 0})
case("softmin_0d", "softmin", [f(x34[0, 2], grad=True)], [], {"dim": 0})
case("softmin_empty", "softmin", [f(torch.zeros(0, 3), grad=True)], [], {"dim": 1})
err("softmin_dim_range", "softmin", [f(x34)], [], {"dim": 2})

# Modules: printed form, output, state dict.
MODULES = [
    ("LeakyReLU", {}), ("LeakyReLU", {"negative_slope": 0.2, "inplace": True}), ("ELU", {}), ("ELU", {"alpha": 0.5}),
    ("SELU", {}), ("SELU", {"inplace": True}), ("CELU", {"alpha": 2.0}), ("Softplus", {}),
    ("Softplus", {"beta": 2, "threshold": 3}), ("Softplus", {"beta": 0.5}), ("Softsign", {}), ("Hardtanh", {}),
    ("Hardtanh", {"min_val": -2.0, "max_val": 0.5, "inplace": True}), ("ReLU6", {}), ("ReLU6", {"inplace": True}),
    ("Hardsigmoid", {}), ("Hardswish", {}), ("Mish", {}), ("LogSigmoid", {}), ("Tanhshrink", {}), ("Softshrink", {}),
    ("Softshrink", {"lambd": 1.25}), ("Hardshrink", {}), ("Threshold", {"threshold": 0.5, "value": -2.0}),
    ("GLU", {}), ("GLU", {"dim": 0}), ("Softmin", {"dim": 1}), ("Softmin", {}), ("PReLU", {}),
    ("PReLU", {"num_parameters": 3, "init": 0.1}), ("RReLU", {}), ("RReLU", {"lower": 0.25, "upper": 0.5}),
    ("ELU", {"alpha": 1.5, "inplace": True}), ("CELU", {}), ("Hardsigmoid", {"inplace": True}),
]
xm = rand([2, 3, 4], 6, lo=-4, hi=4)
for cls, kw in MODULES:
    m = getattr(nn, cls)(**kw)
    m.eval()
    x = xm.clone()
    out = m(x)
    sd = {k: v for k, v in m.state_dict().items()}
    r.add(f"module_{cls}_{'_'.join(f'{k}{v}' for k, v in kw.items())}", module=cls, kwargs=kw, repr=repr(m),
          input=spec(xm), out=out, state_keys=list(sd.keys()), state=list(sd.values()))
r.write()
