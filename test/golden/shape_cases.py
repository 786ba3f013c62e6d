"""Case recording shared by gen_views.py and gen_movement.py.

A case applies one op (by torchlet's name, with JSON args) to input specs
(see common.py) and records, from real PyTorch:
  out        the result (a list for split/chunk/unbind)
  str        its printed form(s)
  gradFn     its grad_fn name(s), next: its next_functions as [name, nr]
  isSelf     whether the op returned its input object itself
  grads      d/d(base) of sum(out_k * w_k), w_k from rand() (float inputs)
  gradGradFn the grad_fn names of those grads under create_graph
  ggW        d/dw_k of sum(grads_j * v_j): the backward of the backward
The test (test/helpers/shapeCases.ts) runs the same op in torchlet.
"""
import torch

from common import make, rand, value_json


def make_input(s, requires_grad):
    """common.make, except that int32 specs become int64: torchlet's int32 is PyTorch's default integer dtype."""
    base, x = make(s, requires_grad)
    if base.dtype != torch.int32:
        return base, x
    base = base.to(torch.int64)
    return base, base.as_strided(x.shape, x.stride(), x.storage_offset())


def index_tensor(a):
    dtype = torch.float32 if a["index"]["dtype"] == "float32" else torch.int64  # torchlet's int32 is PyTorch's int64 here
    idx = torch.tensor(a["index"]["data"], dtype=dtype).reshape(a["index"]["shape"])
    return idx.t() if a.get("indexT") else idx


def apply(op, xs, a):
    x = xs[0] if xs else None
    if op == "view":
        return x.view(a["shape"])
    if op == "reshape":
        return x.reshape(a["shape"])
    if op == "flatten":
        return x.flatten(a.get("start", 0), a.get("end", -1))
    if op == "unsqueeze":
        return x.unsqueeze(a["dim"])
    if op == "squeeze":
        return x.squeeze(a["dim"]) if "dim" in a else x.squeeze()
    if op == "transpose":
        return x.transpose(a["dim0"], a["dim1"])
    if op == "t":
        return x.t()
    if op == "T":
        return x.T
    if op == "permute":
        return x.permute(a["dims"])
    if op == "expand":
        return x.expand(a["shape"])
    if op == "expandAs":
        return x.expand_as(xs[1])
    if op == "contiguous":
        return x.contiguous()
    if op == "narrow":
        return x.narrow(a["dim"], a["start"], a["length"])
    if op == "slice":  # aten's slice itself: Python indexing would add a slice of every earlier dim
        return torch.ops.aten.slice(x, a["dim"], a.get("start"), a.get("end"), a.get("step", 1))
    if op == "select":
        return x.select(a["dim"], a["index"])
    if op == "cat":
        return torch.cat(list(xs) * a.get("repeat", 1), a["dim"])
    if op == "stack":
        return torch.stack(list(xs) * a.get("repeat", 1), a["dim"])
    if op == "split":
        return torch.split(x, a["split"], a["dim"])
    if op == "chunk":
        return torch.chunk(x, a["chunks"], a["dim"])
    if op == "unbind":
        return torch.unbind(x, a["dim"])
    if op == "indexSelect":
        return torch.index_select(x, a["dim"], index_tensor(a))
    if op == "gather":
        return torch.gather(x, a["dim"], index_tensor(a))
    raise ValueError(op)


def name_of(fn):
    return None if fn is None else type(fn).__name__


def is_float(t):
    return t.dtype in (torch.float32, torch.float64)


def run_op(apply_fn, op, inputs, args, grad=True):
    """Makes a case's inputs (float ones require grad when `grad`) and applies
    the op: (bases, inputs made, out, outs as a list, whether out is a list)."""
    made = [make_input(s, grad and s["dtype"] in ("float32", "float64")) for s in inputs]
    bases = [b for b, _ in made]
    xs = [x for _, x in made]
    out = apply_fn(op, xs, args)
    multi = isinstance(out, (tuple, list))
    return bases, xs, out, list(out) if multi else [out], multi


class ShapeCases:
    def __init__(self, recorder, apply_fn=None):
        self.r = recorder
        self.seed = 1000
        self.apply = apply_fn or apply

    def case(self, name, op, inputs, args=None, double=True):
        args = args or {}
        bases, xs, out, outs, multi = run_op(self.apply, op, inputs, args)
        rec = {
            "op": op,
            "inputs": inputs,
            "args": args,
            "out": outs if multi else out,
            "str": [str(o) for o in outs] if multi else str(out),
            "gradFn": [name_of(o.grad_fn) for o in outs] if multi else name_of(out.grad_fn),
            "isSelf": (not multi) and any(out is x for x in xs),
        }
        fn = outs[0].grad_fn if outs else None
        if fn is not None:
            rec["next"] = [[name_of(n), nr] for n, nr in fn.next_functions]
        leaves = [b for b in bases if b.requires_grad]
        if leaves and outs and any(o.requires_grad for o in outs):
            ws = []
            for o in outs:
                self.seed += 1
                ws.append(rand(list(o.shape), self.seed, dtype=o.dtype).requires_grad_(True))
            loss = sum((o * w).sum() for o, w in zip(outs, ws))
            grads = torch.autograd.grad(loss, leaves, create_graph=True, allow_unused=True)
            rec["weights"] = ws
            rec["grads"] = list(grads)  # None for an input that does not reach the output (expandAs's other)
            rec["gradGradFn"] = [None if g is None else name_of(g.grad_fn) for g in grads]
            used = [g for g in grads if g is not None]
            if double and all(o.numel() > 0 for o in outs):
                vs = []
                for g in used:
                    self.seed += 1
                    vs.append(rand(list(g.shape), self.seed, dtype=g.dtype))
                s2 = sum((g * v).sum() for g, v in zip(used, vs))
                rec["vs"] = vs
                rec["ggW"] = list(torch.autograd.grad(s2, ws))
        self.r.add(name, **rec)

    def error(self, name, op, inputs, args=None):
        args = args or {}
        xs = [make_input(s, False)[1] for s in inputs]
        self.r.error(name, lambda: self.apply(op, xs, args), op=op, inputs=inputs, args=args)


def idx(data):
    t = torch.tensor(data, dtype=torch.int64)
    return value_json(t)
