"""Helpers shared by gen_elementwise.py and gen_inplace.py: operands (input specs
from common.py, JS numbers, booleans, an absent bound), building them in
PyTorch, applying an op by torchlet's name, and recording op/error cases.

Integer specs are int64, PyTorch's default integer dtype (common.spec).
"""
import torch

from common import make, enc, rand
from helpers import Seeds, layout_view


seed = Seeds(5000)


def next_seed():
    return seed.next()


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
    return layout_view(base, s)


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
    # The math ops with a parameter (gen_umath.py), and in-place forms on a copy of the input.
    if op in ("polygamma", "polygamma_"):
        return torch.polygamma(a["n"], x) if op == "polygamma" else x.clone().polygamma_(a["n"])
    if op in ("logit", "logit_"):
        eps = a.get("eps")
        return torch.logit(x, eps) if op == "logit" else x.clone().logit_(eps)
    if op.endswith("_"):
        return getattr(x.clone(), op)()
    return getattr(torch, op)(x)


def dense(ts):
    """PyTorch returns some zero grads as storage-less ZeroTensors; record them as plain zeros."""
    return [t if t is None or not t._is_zerotensor() else torch.zeros(t.shape, dtype=t.dtype) for t in ts]


def name_of(fn):
    return None if fn is None else type(fn).__name__


def is_float(t):
    return isinstance(t, torch.Tensor) and t.dtype in (torch.float32, torch.float64)


def case(r, name, op, inputs, args=None, double=True, grad=True):
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


def error(r, name, op, inputs, args=None):
    args = args or {}
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), kind="error", op=op, inputs=inputs, args=args)
