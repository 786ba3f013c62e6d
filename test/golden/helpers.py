"""Helpers several golden generators share, beside common.py's: seed
counters, views by layout, grad_fn graphs, and making a case's arguments."""
import torch

from common import make, rand, spec


class Seeds:
    """A counter of seeds: each next() is one more than the last."""

    def __init__(self, start):
        self.value = start

    def next(self):
        self.value += 1
        return self.value


def layout_view(base, s):
    """(base, input): the view an input spec's layout makes of its base."""
    layout = s.get("layout", "contiguous")
    if layout == "t":
        return base, base.t()
    if layout == "expand":
        return base, base.expand(*s["shape"])
    if layout == "slice":
        return base, base[:: s["step"]]
    return base, base


def graph_str(fn, sep=","):
    """The grad_fn graph as nested names: "MmBackward0(AccumulateGrad,TBackward0(AccumulateGrad))"."""
    if fn is None:
        return "None"
    kids = [graph_str(f, sep) for f, _ in fn.next_functions]
    return type(fn).__name__ + ("(" + sep.join(kids) + ")" if kids else "")


def graph_tree(fn, depth=0):
    """The grad_fn graph as [name, [children]] to depth 8."""
    if fn is None or depth > 8:
        return None
    return [type(fn).__name__, [graph_tree(n, depth + 1) for n, _ in fn.next_functions]]


def make_args(args, long_int32=False):
    """(leaves, xs) for a case's arguments ({"spec", "grad"} or None): each
    input made from its spec, and (leaf, whether it requires grad) for each
    one made; int32 inputs become int64 with `long_int32`."""
    made = [None if a is None else make(a["spec"], requires_grad=a["grad"]) for a in args]
    leaves = [(m[0], a["grad"]) for m, a in zip(made, args) if m is not None]
    xs = [None if m is None else m[1].long() if long_int32 and m[1].dtype == torch.int32 else m[1] for m in made]
    return leaves, xs


def grad_fn_name(out):
    """out.grad_fn.name(), or None without a grad_fn."""
    return out.grad_fn.name() if out.grad_fn is not None else None


def add_grad(fields, out, leaf, seed=99):
    """Records in `fields` a grad_out drawn with `seed` and the grad of `out` for `leaf` under it."""
    go = rand(list(out.shape), seed, dtype=out.dtype)
    fields["grad_out"] = spec(go)
    fields["grads"] = [torch.autograd.grad(out, leaf, go)[0]]


def train_losses(model, opt, batches):
    """One optimizer step per (x, y) batch on cross-entropy: each step's loss."""
    losses = []
    for x, y in batches:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses
