"""Golden data for nn.functional (activations, linear, dropout, layer_norm,
embedding), the modules (init under a seed, forward/backward, state_dict keys,
repr, load_state_dict messages) and nn.init (gains, fans, bounds, values under
a seed): test/nn.functional.test.ts and test/nn.modules.test.ts.

Functional cases use the same shape as the generic loss cases (gen_losses.py):
"args" [{"spec", "grad"}], "kwargs", "out", "grads" (with "grad_out" for
non-scalar outputs), "grad_fn", "printed", plus "graph": the backward graph
as nested [name, [children]] lists."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand
from helpers import graph_tree, make_args

r = Recorder("nn")


FNS = {
    "gelu": F.gelu, "silu": F.silu, "relu": F.relu, "softmax": F.softmax, "log_softmax": F.log_softmax,
    "linear": F.linear,
    "layer_norm": lambda x, w=None, b=None, normalized_shape=None, eps=1e-5: F.layer_norm(x, normalized_shape, w, b, eps), "embedding": F.embedding, "dropout": F.dropout,
}


def kw_value(v):
    return make(v["tensor"])[1] if isinstance(v, dict) and "tensor" in v else v


def case(name, op, args, kwargs=None, seed=None, grad_seed=99):
    kwargs = kwargs or {}
    leaves, xs = make_args(args, long_int32=True)
    if seed is not None:
        torch.manual_seed(seed)
    out = FNS[op](*xs, **{k: kw_value(v) for k, v in kwargs.items()})
    fields = dict(op=op, args=args, kwargs=kwargs, out=out, printed=str(out),
                  grad_fn=type(out.grad_fn).__name__, graph=graph_tree(out.grad_fn), seed=seed)
    wanted = [l for l, g in leaves if g]
    go = rand(list(out.shape), grad_seed, dtype=out.dtype) if out.dim() > 0 else None
    if go is not None:
        fields["grad_out"] = spec(go)
    if out.requires_grad and out.numel() > 0 and wanted:
        fields["grads"] = list(torch.autograd.grad(out, wanted, go, allow_unused=True))
    r.add(name, **fields)


def f(values, dtype="float32", grad=True, layout="contiguous"):
    v = values if isinstance(values, torch.Tensor) else torch.tensor(values)
    if layout == "t":
        return {"spec": spec(v.t().contiguous().to(getattr(torch, dtype)), layout="t"), "grad": grad}
    return {"spec": spec(v.to(getattr(torch, dtype))), "grad": grad}


def idx(values):
    return {"spec": spec(torch.tensor(values, dtype=torch.int32)), "grad": False}


x = rand([3, 4], 1) * 2
x[0, 0] = 0.0
for dtype in ["float32", "float64"]:
    case(f"gelu_{dtype}", "gelu", [f(x, dtype)])
    case(f"gelu_tanh_{dtype}", "gelu", [f(x, dtype)], {"approximate": "tanh"})
    case(f"silu_{dtype}", "silu", [f(x, dtype)])
case("gelu_wide", "gelu", [f(torch.linspace(-8, 8, 65))])
case("gelu_tanh_wide", "gelu", [f(torch.linspace(-8, 8, 65))], {"approximate": "tanh"})
case("silu_wide", "silu", [f(torch.linspace(-30, 30, 61))])
case("gelu_transposed", "gelu", [f(x, layout="t")])
case("relu", "relu", [f(x)])
case("softmax", "softmax", [f(x)], {"dim": 1})
case("log_softmax", "log_softmax", [f(x)], {"dim": 0})

# linear: the graph PyTorch 1.13 records depends on the input's dims and contiguity
w34 = rand([5, 4], 2)
b5 = rand([5], 3)
case("linear_2d_bias", "linear", [f(x), f(w34), f(b5)])
case("linear_2d", "linear", [f(x), f(w34)])
case("linear_2d_transposed_input", "linear", [f(rand([4, 3], 4).t().contiguous(), layout="t"), f(w34), f(b5)])
case("linear_3d_bias", "linear", [f(rand([2, 3, 4], 5)), f(w34), f(b5)])
case("linear_3d", "linear", [f(rand([2, 3, 4], 5)), f(w34)])
case("linear_1d_bias", "linear", [f(rand([4], 6)), f(w34), f(b5)])
case("linear_4d_bias", "linear", [f(rand([2, 2, 3, 4], 7)), f(w34), f(b5)])
case("linear_float64", "linear", [f(x, "float64"), f(w34, "float64"), f(b5, "float64")])
case("linear_bias_only_grad", "linear", [f(x, grad=False), f(w34, grad=False), f(b5)])

# layer_norm
xl = rand([3, 2, 4], 8) * 3
case("layer_norm_last", "layer_norm", [f(xl)], {"normalized_shape": [4]})
case("layer_norm_affine", "layer_norm", [f(xl), f(rand([4], 9)), f(rand([4], 10))], {"normalized_shape": [4]})
case("layer_norm_2dims", "layer_norm", [f(xl), f(rand([2, 4], 11)), f(rand([2, 4], 12))], {"normalized_shape": [2, 4], "eps": 1e-3})
case("layer_norm_weight_only", "layer_norm", [f(xl), f(rand([4], 9)), None], {"normalized_shape": [4]})
case("layer_norm_float64", "layer_norm", [f(xl, "float64"), f(rand([4], 9), "float64"), f(rand([4], 10), "float64")], {"normalized_shape": [4]})

# embedding
emb_w = rand([6, 3], 13)
case("embedding", "embedding", [idx([[0, 2, 5], [2, 2, 1]]), f(emb_w)])
case("embedding_padding", "embedding", [idx([[0, 2, 5], [2, 0, 1]]), f(emb_w)], {"padding_idx": 2})
case("embedding_1d", "embedding", [idx([4, 4, 3]), f(emb_w)])

# dropout: PyTorch's Bernoulli draws under a seed
xd = rand([4, 8], 14) + 3
for p in [0.1, 0.5, 0.9]:
    case(f"dropout_p{p}", "dropout", [f(xd)], {"p": p}, seed=1234)
case("dropout_p1", "dropout", [f(xd)], {"p": 1.0}, seed=1234)
case("dropout_odd_size", "dropout", [f(rand([37], 15))], {"p": 0.3}, seed=7)
case("dropout_float64", "dropout", [f(xd, "float64")], {"p": 0.25}, seed=5)
case("dropout_transposed", "dropout", [f(xd, layout="t")], {"p": 0.5}, seed=3)


# ---- errors ---------------------------------------------------------------------

def err(name, fn, **fields):
    r.error(name, fn, **fields)


err("err_gelu_approximate", lambda: F.gelu(x, approximate="foo"))
err("err_linear_shapes", lambda: F.linear(torch.zeros(3, 4), torch.zeros(5, 3), torch.zeros(5)))
err("err_layer_norm_shape", lambda: F.layer_norm(torch.zeros(3, 4), [5]))
err("err_embedding_index", lambda: F.embedding(torch.tensor([10]), torch.zeros(5, 3)))
err("err_embedding_float_index", lambda: F.embedding(torch.tensor([1.0]), torch.zeros(5, 3)))
err("err_dropout_p", lambda: F.dropout(torch.zeros(3), 1.5))


# ---- modules ------------------------------------------------------------------------

def sd(m):
    return {k: v for k, v in m.state_dict().items()}


torch.manual_seed(0)
lin = nn.Linear(8, 16)
r.add("module_linear_init_seed0", seed=0, kind="Linear", args=[8, 16], state=list(sd(lin).items()), repr=repr(lin))
torch.manual_seed(3)
lin_nb = nn.Linear(5, 2, bias=False)
r.add("module_linear_nobias_init_seed3", seed=3, kind="Linear", args=[5, 2], opts={"bias": False}, state=list(sd(lin_nb).items()), repr=repr(lin_nb))
torch.manual_seed(4)
lin64 = nn.Linear(3, 2, dtype=torch.float64)
r.add("module_linear_float64_seed4", seed=4, kind="Linear", args=[3, 2], opts={"dtype": "float64"}, state=list(sd(lin64).items()), repr=repr(lin64))
torch.manual_seed(1)
emb = nn.Embedding(10, 4, padding_idx=3)
r.add("module_embedding_seed1", seed=1, kind="Embedding", args=[10, 4], opts={"paddingIdx": 3}, state=list(sd(emb).items()), repr=repr(emb))
ln = nn.LayerNorm([2, 3], eps=1e-6)
r.add("module_layernorm", kind="LayerNorm", args=[[2, 3]], opts={"eps": 1e-6}, state=list(sd(ln).items()), repr=repr(ln))

# A Sequential MLP: init under a seed, forward/backward on fixed data, keys, repr
torch.manual_seed(42)
mlp = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.GELU(), nn.Dropout(0.25), nn.LayerNorm(16), nn.Linear(16, 3))
xin = rand([5, 8], 20)
torch.manual_seed(7)
y = mlp(xin)
loss = F.cross_entropy(y, torch.tensor([0, 2, 1, 1, 0]))
loss.backward()
r.add("module_sequential_mlp", seed=42, forward_seed=7, input=xin, target=[0, 2, 1, 1, 0], state=list(sd(mlp).items()),
      out=y, loss=loss, grads=[(n, p.grad) for n, p in mlp.named_parameters()], repr=repr(mlp),
      names=[n for n, _ in mlp.named_parameters()])
mlp.eval()
r.add("module_sequential_mlp_eval", input=xin, out=mlp(xin))

# every module: forward and backward from its seeded init (input grad and parameter grads)
MODULES = {
    "Linear": (lambda: nn.Linear(4, 3), rand([2, 4], 30)),
    "Linear_nobias_3d": (lambda: nn.Linear(4, 3, bias=False), rand([2, 5, 4], 31)),
    "ReLU": (lambda: nn.ReLU(), rand([3, 4], 32)),
    "GELU": (lambda: nn.GELU(), rand([3, 4], 33)),
    "GELU_tanh": (lambda: nn.GELU(approximate="tanh"), rand([3, 4], 33)),
    "SiLU": (lambda: nn.SiLU(), rand([3, 4], 34)),
    "Tanh": (lambda: nn.Tanh(), rand([3, 4], 35)),
    "Sigmoid": (lambda: nn.Sigmoid(), rand([3, 4], 36)),
    "Softmax": (lambda: nn.Softmax(dim=1), rand([3, 4], 37)),
    "LogSoftmax": (lambda: nn.LogSoftmax(dim=0), rand([3, 4], 38)),
    "Dropout": (lambda: nn.Dropout(0.4), rand([3, 4], 39)),
    "LayerNorm": (lambda: nn.LayerNorm(4), rand([3, 4], 40) * 2),
    "Flatten": (lambda: nn.Flatten(), rand([2, 3, 2], 41)),
    "Identity": (lambda: nn.Identity(), rand([2, 2], 42)),
}
for kind, (make_module, xin) in MODULES.items():
    torch.manual_seed(100)
    m = make_module()
    state = list(sd(m).items())
    x_leaf = xin.clone().requires_grad_(True)
    torch.manual_seed(101)
    y = m(x_leaf)
    go = rand(list(y.shape), 43)
    y.backward(go)
    r.add(f"module_forward_{kind}", kind=kind, input=xin, state=state, out=y, grad_out=go, grad_input=x_leaf.grad,
          grads=[(n, p.grad) for n, p in m.named_parameters()], grad_fn=type(y.grad_fn).__name__)
emb = (torch.manual_seed(100), nn.Embedding(6, 3, padding_idx=1))[1]
ye = emb(torch.tensor([[0, 1, 5], [5, 2, 1]]))
ge = rand(list(ye.shape), 44)
ye.backward(ge)
r.add("module_forward_Embedding", kind="Embedding", indices=[[0, 1, 5], [5, 2, 1]], state=list(sd(emb).items()), out=ye, grad_out=ge,
      grads=[(n, p.grad) for n, p in emb.named_parameters()], grad_fn=type(ye.grad_fn).__name__)

# repr of the small modules
reprs = {
    "ReLU": repr(nn.ReLU()), "GELU": repr(nn.GELU()), "GELU_tanh": repr(nn.GELU(approximate="tanh")),
    "Tanh": repr(nn.Tanh()), "Sigmoid": repr(nn.Sigmoid()), "SiLU": repr(nn.SiLU()), "Dropout": repr(nn.Dropout(0.2)),
    "Dropout_default": repr(nn.Dropout()), "Softmax": repr(nn.Softmax(dim=1)), "LogSoftmax": repr(nn.LogSoftmax(dim=-1)),
    "Identity": repr(nn.Identity()), "Flatten": repr(nn.Flatten()), "LayerNorm_noaffine": repr(nn.LayerNorm([2, 3], elementwise_affine=False)),
    "Embedding": repr(nn.Embedding(10, 3)),
}
r.add("module_reprs", reprs=reprs)

# load_state_dict messages
m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
sd2 = dict(m.state_dict())
del sd2["0.weight"]
sd2["extra"] = torch.zeros(1)
sd2["2.bias"] = torch.zeros(4)
try:
    m.load_state_dict(sd2)
except RuntimeError as e:
    r.add("module_load_state_dict_errors", message=str(e))
res = m.load_state_dict({k: v for k, v in m.state_dict().items() if k != "0.bias"} | {"1.foo": torch.zeros(1)}, strict=False)
r.add("module_load_state_dict_nonstrict", missing=res.missing_keys, unexpected=res.unexpected_keys)


# ---- nn.init ----------------------------------------------------------------------

gains = {n: nn.init.calculate_gain(n) for n in ["linear", "conv2d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]}
gains["leaky_relu_0.2"] = nn.init.calculate_gain("leaky_relu", 0.2)
fans = {str(s): list(nn.init._calculate_fan_in_and_fan_out(torch.empty(s))) for s in [[3, 4], [16, 8, 3, 3], [2, 5, 7]]}
r.add("init_gains_fans", gains=gains, fans=fans)
seeded = {}
for name, fn in [
    ("uniform_", lambda t: nn.init.uniform_(t, -0.5, 2.0)),
    ("normal_", lambda t: nn.init.normal_(t, 1.0, 0.5)),
    ("xavier_uniform_", lambda t: nn.init.xavier_uniform_(t)),
    ("xavier_uniform_gain", lambda t: nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("relu"))),
    ("xavier_normal_", lambda t: nn.init.xavier_normal_(t)),
    ("kaiming_uniform_", lambda t: nn.init.kaiming_uniform_(t)),
    ("kaiming_uniform_fan_out_relu", lambda t: nn.init.kaiming_uniform_(t, mode="fan_out", nonlinearity="relu")),
    ("kaiming_normal_", lambda t: nn.init.kaiming_normal_(t)),
    ("kaiming_normal_a", lambda t: nn.init.kaiming_normal_(t, a=0.1, mode="fan_out")),
    ("constant_", lambda t: nn.init.constant_(t, 0.3)),
    ("zeros_", lambda t: nn.init.zeros_(t)),
    ("ones_", lambda t: nn.init.ones_(t)),
]:
    torch.manual_seed(11)
    t = torch.empty(6, 5)
    fn(t)
    seeded[name] = t
r.add("init_seeded", seed=11, shape=[6, 5], values=list(seeded.items()))
err("err_init_fan", lambda: nn.init.xavier_uniform_(torch.empty(3)))
err("err_init_gain", lambda: nn.init.calculate_gain("foo"))
err("err_init_mode", lambda: nn.init.kaiming_uniform_(torch.empty(3, 4), mode="foo"))
r.write()
