"""Golden data for F.pad (constant, reflect, replicate, circular; PyTorch's
pad order, last dim first; negative pads) and the padding modules
(ZeroPad2d, ConstantPad1d/2d, ReflectionPad1d/2d, ReplicationPad1d/2d):
values, input grads, grad_fn names, messages and reprs. Same case shapes as
gen_pool.py (the "pool" conformance family runs both)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand
from helpers import add_grad, grad_fn_name

r = Recorder("pad")


def case(name, x, pad, kwargs=None, dtype="float32", layout="contiguous", grad=True):
    kwargs = kwargs or {}
    s = spec(x.to(getattr(torch, dtype)), layout=layout)
    leaf, xin = make(s, requires_grad=grad)
    out = F.pad(xin, pad, **kwargs)
    fields = dict(op="pad", input=s, args=[pad], kwargs=kwargs, out=out,
                  grad_fn=grad_fn_name(out))
    if grad:
        add_grad(fields, out, leaf)
    r.add(name, **fields)


x3 = rand([2, 3, 5], 1)
x4 = rand([2, 2, 4, 5], 2)
for mode in ["constant", "reflect", "replicate", "circular"]:
    kw = {"mode": mode}
    case(f"{mode}_1d", x3, [2, 1], kw)
    case(f"{mode}_2d", x4, [1, 2, 3, 1], kw)
    if mode != "circular":  # _pad_circular wants a batch dim
        case(f"{mode}_2d_unbatched", rand([3, 4, 5], 3), [1, 1, 2, 2], kw)
        case(f"{mode}_1d_unbatched", rand([3, 5], 4), [3, 0], kw)
    case(f"{mode}_float64", x4, [1, 2, 0, 1], kw, dtype="float64")
    case(f"{mode}_noncontiguous", rand([4, 2, 4, 5], 5), [2, 1, 1, 2], kw, layout="slice")
    case(f"{mode}_empty_batch", rand([0, 2, 4, 5], 6), [1, 1, 1, 1], kw)
    case(f"{mode}_negative", x4, [-1, 2, 1, -2], kw)
case("constant_value", x4, [1, 1, 2, 0], {"value": 2.5})
case("constant_3dims", x4, [1, 0, 0, 2, 1, 1])
case("constant_all_dims", rand([2, 3], 7), [1, 1, 0, 2])
case("constant_0d_pad_empty", x3, [])
case("constant_crop", x4, [-1, -1, -1, -1])
case("constant_int", torch.tensor([[1, 2, 3]], dtype=torch.int32), [1, 2], {"value": 7}, dtype="int32", grad=False)
case("reflect_full", x3, [4, 4], {"mode": "reflect"})
case("replicate_wide", x3, [7, 6], {"mode": "replicate"})
case("circular_full", x3, [5, 5], {"mode": "circular"})


def err(name, shape, pad, kwargs=None, dtype="float32"):
    kwargs = kwargs or {}
    x = torch.zeros(shape, dtype=getattr(torch, dtype))
    r.error(name, lambda: F.pad(x, pad, **kwargs), op="pad", shape=shape, dtype=dtype, requires_grad=False,
            args=[pad], kwargs=kwargs)


err("err_pad_odd", [1, 2, 3], [1])
err("err_pad_too_long", [1, 2, 3], [1] * 8)
err("err_reflect_too_big_1d", [1, 2, 3], [3, 3], {"mode": "reflect"})
err("err_reflect_too_big_2d_w", [1, 2, 3, 3], [3, 0, 0, 0], {"mode": "reflect"})
err("err_reflect_too_big_2d_h", [1, 2, 3, 3], [0, 0, 3, 0], {"mode": "reflect"})
err("err_reflect_value", [1, 2, 3], [1, 1], {"mode": "reflect", "value": 2})
err("err_reflect_1d_input", [3], [1, 1], {"mode": "reflect"})
err("err_replicate_1d_input", [3], [1, 1], {"mode": "replicate"})
err("err_circular_unbatched", [3, 4, 5], [1, 1, 2, 2], {"mode": "circular"})
err("err_circular_wraps", [1, 2, 3], [4, 1], {"mode": "circular"})
err("err_replicate_empty_dim", [1, 2, 0], [1, 1], {"mode": "replicate"})
err("err_replicate_int", [1, 2, 3], [1, 1], {"mode": "replicate"}, dtype="int32")
err("err_reflect_int", [1, 2, 3], [1, 1], {"mode": "reflect"}, dtype="int32")
err("err_constant_crop_negative", [1, 2, 3], [-2, -2])

MODULES = [
    ("ZeroPad2d", [2], {}, x4),
    ("ZeroPad2d", [[1, 2, 0, 3]], {}, x4),
    ("ConstantPad1d", [2, 3.5], {}, x3),
    ("ConstantPad1d", [[1, 3], -1.0], {}, x3),
    ("ConstantPad2d", [[1, 0, 2, 1], 0.5], {}, x4),
    ("ReflectionPad1d", [2], {}, x3),
    ("ReflectionPad2d", [[1, 2, 3, 0]], {}, x4),
    ("ReplicationPad1d", [[3, 1]], {}, x3),
    ("ReplicationPad2d", [2], {}, x4),
]
for i, (kind, args, kwargs, xin) in enumerate(MODULES):
    m = getattr(nn, kind)(*[tuple(a) if isinstance(a, list) else a for a in args], **kwargs)
    leaf = xin.clone().requires_grad_(True)
    out = m(leaf)
    go = rand(list(out.shape), 43)
    out.backward(go)
    r.add(f"module_{kind}_{i}", kind=kind, ctor_args=args, ctor_kwargs=kwargs, repr=repr(m), input=spec(xin),
          out=out, grad_out=spec(go), grads=[leaf.grad], grad_fn=out.grad_fn.name())

r.write()
