"""Golden data for the losses of test/nn.losses2.test.ts: kl_div,
poisson_nll_loss, gaussian_nll_loss, cosine_embedding_loss,
margin_ranking_loss, hinge_embedding_loss, triplet_margin_loss,
multilabel_soft_margin_loss, multi_margin_loss, soft_margin_loss, and
cosine_similarity, pairwise_distance, normalize.

A case lists its positional tensor arguments ("args": [{"spec", "grad"}])
and keyword options ("kwargs": numbers, strings, booleans or
{"tensor": spec}); the test calls F.<op> with them, backpropagates
`grad_out` (or 1 for a 0-d result) and compares the value, the grads of the
arguments marked "grad", the grad_fn name and the printed form."""
import warnings

import torch
import torch.nn.functional as F
from common import Recorder, spec, make, rand

warnings.simplefilter("ignore")
r = Recorder("losses2")

FNS = {n: getattr(F, n) for n in [
    "kl_div", "poisson_nll_loss", "gaussian_nll_loss", "cosine_embedding_loss", "margin_ranking_loss",
    "hinge_embedding_loss", "triplet_margin_loss", "multilabel_soft_margin_loss", "multi_margin_loss",
    "soft_margin_loss", "cosine_similarity", "pairwise_distance", "normalize"]}


def kw_value(v):
    return make(v["tensor"])[1] if isinstance(v, dict) else v


def args_of(args, grad=True):
    leaves, xs = [], []
    for a in args:
        leaf, x = make(a["spec"], requires_grad=grad and a["grad"])
        if x.dtype == torch.int32:
            x = x.long()  # torchlet's int32 indices stand for PyTorch's int64
        leaves.append(leaf)
        xs.append(x)
    return leaves, xs


def case(name, op, args, kwargs=None, grad_seed=99):
    kwargs = kwargs or {}
    leaves, xs = args_of(args)
    out = FNS[op](*xs, **{k: kw_value(v) for k, v in kwargs.items()})
    fields = dict(op=op, args=args, kwargs=kwargs, out=out, printed=str(out), grad_fn=type(out.grad_fn).__name__)
    wanted = [l for l, a in zip(leaves, args) if a["grad"]]
    go = None
    if out.dim() > 0:
        go = rand(list(out.shape), grad_seed, dtype=out.dtype)
        fields["grad_out"] = spec(go)
    if out.numel() > 0 and wanted:
        grads = torch.autograd.grad(out, wanted, go, allow_unused=True)
        fields["grads"] = list(grads)
    r.add(name, **fields)


def err(name, op, args, kwargs=None):
    kwargs = kwargs or {}
    _, xs = args_of(args, grad=False)
    r.error(name, lambda: FNS[op](*xs, **{k: kw_value(v) for k, v in kwargs.items()}), op=op, args=args, kwargs=kwargs)


def f(values, dtype="float32", grad=False, layout="contiguous"):
    if layout == "t":
        values = values.t().contiguous()
    return {"spec": spec(values, dtype=dtype, layout=layout), "grad": grad}


def idx(values):
    return {"spec": spec(torch.tensor(values, dtype=torch.int32)), "grad": False}


REDS = ["mean", "sum", "none"]
x34 = rand([3, 4], 1)
y34 = rand([3, 4], 2)
sign34 = torch.where(rand([3, 4], 3) >= 0, 1.0, -1.0)

# kl_div: input log-probabilities, target probabilities with an exact zero (xlogy(0, 0) = 0)
lp = torch.log_softmax(x34, 1)
tp = torch.softmax(y34, 1)
tp[0, 1] = 0.0
for red in REDS + ["batchmean"]:
    for lt in [False, True]:
        tgt = torch.log_softmax(y34, 1) if lt else tp
        case(f"kl_div_{red}_{'log' if lt else 'prob'}", "kl_div", [f(lp, grad=True), f(tgt, grad=not lt)],
             {"reduction": red, "log_target": lt})
case("kl_div_float64", "kl_div", [f(lp, "float64", True), f(tp, "float64", True)], {"reduction": "batchmean"})
case("kl_div_transposed", "kl_div", [f(lp, grad=True, layout="t"), f(tp)], {"reduction": "sum"})
case("kl_div_0d", "kl_div", [f(lp[0, 0], grad=True), f(tp[0, 2])], {"reduction": "batchmean"})
case("kl_div_empty", "kl_div", [f(torch.zeros(0, 3), grad=True), f(torch.zeros(0, 3))], {"reduction": "sum"})

# poisson_nll_loss: targets with 0, 1 and > 1 (the Stirling term applies above 1)
pt = torch.tensor([[0.0, 1.0, 2.0, 5.0], [3.0, 0.0, 1.5, 7.0], [1.0, 4.0, 0.5, 2.0]])
xpos = x34.abs() + 0.25
for red in REDS:
    for log_input in [True, False]:
        for full in [False, True]:
            xi = x34 if log_input else xpos
            case(f"poisson_{red}_{'log' if log_input else 'lin'}_{'full' if full else 'part'}", "poisson_nll_loss",
                 [f(xi, grad=True), f(pt, grad=True)], {"log_input": log_input, "full": full, "reduction": red})
case("poisson_eps", "poisson_nll_loss", [f(xpos - 0.25, grad=True), f(pt)], {"log_input": False, "eps": 0.1})
case("poisson_float64", "poisson_nll_loss", [f(x34, "float64", True), f(pt, "float64", True)], {"full": True})
case("poisson_broadcast", "poisson_nll_loss", [f(x34, grad=True), f(pt[0], grad=True)])

# gaussian_nll_loss: heteroscedastic var, var one dim short, var with a last dim of 1, a var below eps
var34 = x34.abs() + 0.125
var34[1, 2] = 0.0
for red in REDS:
    for full in [False, True]:
        case(f"gaussian_{red}_{'full' if full else 'part'}", "gaussian_nll_loss",
             [f(x34, grad=True), f(y34, grad=True), f(var34, grad=True)], {"full": full, "reduction": red})
case("gaussian_var_short", "gaussian_nll_loss", [f(x34, grad=True), f(y34), f(var34[:, 0] + 0.5, grad=True)])
case("gaussian_var_last1", "gaussian_nll_loss", [f(x34, grad=True), f(y34), f(var34[:, :1] + 0.5, grad=True)])
case("gaussian_eps", "gaussian_nll_loss", [f(x34, grad=True), f(y34), f(var34, grad=True)], {"eps": 0.25})
case("gaussian_float64", "gaussian_nll_loss", [f(x34, "float64", True), f(y34, "float64", True), f(var34, "float64", True)])

# cosine_embedding_loss
a45, b45 = rand([4, 5], 4), rand([4, 5], 5)
b45[3] = 0.0  # a zero vector: the 1e-12 in the magnitudes
lab4 = [1.0, -1.0, -1.0, 1.0]
for red in REDS:
    for margin in [0.0, 0.25]:
        case(f"cosine_embedding_{red}_m{margin}", "cosine_embedding_loss",
             [f(a45, grad=True), f(b45, grad=True), f(lab4)], {"margin": margin, "reduction": red})
case("cosine_embedding_1d", "cosine_embedding_loss", [f(a45[0], grad=True), f(b45[1], grad=True), f(-1.0)], {"margin": -0.5})
case("cosine_embedding_float64", "cosine_embedding_loss", [f(a45, "float64", True), f(b45, "float64", True), f(lab4, "float64")])

# margin_ranking_loss
m1, m2 = rand([6], 6), rand([6], 7)
lab6 = [1.0, -1.0, 1.0, 1.0, -1.0, -1.0]
for red in REDS:
    for margin in [0.0, 0.5]:
        case(f"margin_ranking_{red}_m{margin}", "margin_ranking_loss", [f(m1, grad=True), f(m2, grad=True), f(lab6, grad=True)],
             {"margin": margin, "reduction": red})
case("margin_ranking_2d", "margin_ranking_loss", [f(x34, grad=True), f(y34, grad=True), f(sign34)])
case("margin_ranking_float64", "margin_ranking_loss", [f(m1, "float64", True), f(m2, "float64", True), f(lab6, "float64")])

# hinge_embedding_loss
for red in REDS:
    for margin in [1.0, 0.5]:
        case(f"hinge_embedding_{red}_m{margin}", "hinge_embedding_loss", [f(x34, grad=True), f(sign34)],
             {"margin": margin, "reduction": red})
case("hinge_embedding_transposed", "hinge_embedding_loss", [f(x34, grad=True, layout="t"), f(sign34)])
case("hinge_embedding_float64", "hinge_embedding_loss", [f(x34, "float64", True), f(sign34, "float64")])

# triplet_margin_loss
n45 = rand([4, 5], 8)
for red in REDS:
    case(f"triplet_{red}", "triplet_margin_loss", [f(a45, grad=True), f(b45, grad=True), f(n45, grad=True)], {"reduction": red})
case("triplet_p1_margin", "triplet_margin_loss", [f(a45, grad=True), f(b45, grad=True), f(n45, grad=True)], {"p": 1.0, "margin": 2.0})
case("triplet_p3_eps", "triplet_margin_loss", [f(a45, grad=True), f(b45, grad=True), f(n45, grad=True)], {"p": 3.0, "eps": 0.01})
case("triplet_swap", "triplet_margin_loss", [f(a45, grad=True), f(n45 * 0.1, grad=True), f(b45, grad=True)], {"swap": True, "reduction": "none"})
case("triplet_1d", "triplet_margin_loss", [f(a45[0], grad=True), f(b45[0], grad=True), f(n45[0], grad=True)])
case("triplet_float64", "triplet_margin_loss", [f(a45, "float64", True), f(b45, "float64", True), f(n45, "float64", True)], {"swap": True})

# multilabel_soft_margin_loss
ml = (rand([3, 4], 9) >= 0).float()
w4 = rand([4], 10).abs() + 0.25
for red in REDS:
    case(f"multilabel_soft_margin_{red}", "multilabel_soft_margin_loss", [f(x34 * 4, grad=True), f(ml, grad=True)], {"reduction": red})
    case(f"multilabel_soft_margin_weight_{red}", "multilabel_soft_margin_loss", [f(x34, grad=True), f(ml)],
         {"reduction": red, "weight": {"tensor": spec(w4)}})
case("multilabel_soft_margin_float64", "multilabel_soft_margin_loss", [f(x34, "float64", True), f(ml, "float64")])

# multi_margin_loss
tm = [0, 3, 2]
for red in REDS:
    for p in [1, 2]:
        case(f"multi_margin_{red}_p{p}", "multi_margin_loss", [f(x34, grad=True), idx(tm)], {"p": p, "reduction": red})
    case(f"multi_margin_weight_{red}", "multi_margin_loss", [f(x34, grad=True), idx(tm)],
         {"margin": 0.5, "weight": {"tensor": spec(w4)}, "reduction": red})
case("multi_margin_1d", "multi_margin_loss", [f(x34[0], grad=True), idx(1)])
case("multi_margin_transposed", "multi_margin_loss", [f(x34, grad=True, layout="t"), idx(tm)], {"p": 2})
case("multi_margin_float64", "multi_margin_loss", [f(x34, "float64", True), idx(tm)], {"p": 2, "weight": {"tensor": spec(w4, dtype="float64")}})

# soft_margin_loss
for red in REDS:
    case(f"soft_margin_{red}", "soft_margin_loss", [f(x34 * 8, grad=True), f(sign34)], {"reduction": red})
case("soft_margin_transposed", "soft_margin_loss", [f(x34, grad=True, layout="t"), f(sign34)])
case("soft_margin_float64", "soft_margin_loss", [f(x34, "float64", True), f(y34, "float64")])
case("soft_margin_empty", "soft_margin_loss", [f(torch.zeros(0, 3), grad=True), f(torch.zeros(0, 3))], {"reduction": "sum"})

# cosine_similarity, pairwise_distance, normalize
case("cosine_similarity", "cosine_similarity", [f(a45, grad=True), f(b45, grad=True)])
case("cosine_similarity_dim0", "cosine_similarity", [f(a45, grad=True), f(b45, grad=True)], {"dim": 0})
case("cosine_similarity_neg_dim_eps", "cosine_similarity", [f(a45, grad=True), f(b45, grad=True)], {"dim": -1, "eps": 0.5})
case("cosine_similarity_broadcast", "cosine_similarity", [f(a45, grad=True), f(b45[0], grad=True)], {"dim": -1})
case("cosine_similarity_float64", "cosine_similarity", [f(a45, "float64", True), f(b45, "float64", True)])
for p in [2.0, 1.0, 3.0]:
    case(f"pairwise_distance_p{p}", "pairwise_distance", [f(a45, grad=True), f(b45, grad=True)], {"p": p})
case("pairwise_distance_keepdim", "pairwise_distance", [f(a45, grad=True), f(b45, grad=True)], {"keepdim": True, "eps": 0.0})
case("pairwise_distance_broadcast", "pairwise_distance", [f(a45, grad=True), f(b45[1], grad=True)])
case("pairwise_distance_1d", "pairwise_distance", [f(a45[0], grad=True), f(b45[1], grad=True)])
case("pairwise_distance_float64", "pairwise_distance", [f(a45, "float64", True), f(b45, "float64", True)])
case("normalize", "normalize", [f(b45, grad=True)])
case("normalize_p1_dim0", "normalize", [f(b45, grad=True)], {"p": 1.0, "dim": 0})
case("normalize_neg_dim_transposed", "normalize", [f(a45, grad=True, layout="t")], {"dim": -1})
case("normalize_float64", "normalize", [f(b45, "float64", True)], {"eps": 0.5})

# errors
err("err_kl_div_reduction", "kl_div", [f(lp), f(tp)], {"reduction": "avg"})
err("err_poisson_reduction", "poisson_nll_loss", [f(x34), f(pt)], {"reduction": "avg"})
err("err_gaussian_var_size", "gaussian_nll_loss", [f(x34), f(y34), f(var34[:2])])
err("err_gaussian_var_negative", "gaussian_nll_loss", [f(x34), f(y34), f(-var34 - 1)])
err("err_cosine_embedding_target_2d", "cosine_embedding_loss", [f(a45), f(b45), f(x34)])
err("err_cosine_embedding_inputs_3d", "cosine_embedding_loss", [f(a45[None]), f(b45[None]), f(lab4)])
err("err_margin_ranking_dims", "margin_ranking_loss", [f(m1), f(m2), f(x34)])
err("err_multi_margin_p", "multi_margin_loss", [f(x34), idx(tm)], {"p": 3})
err("err_multi_margin_weight_2d", "multi_margin_loss", [f(x34), idx(tm)], {"weight": {"tensor": spec(x34)}})
err("err_multi_margin_target", "multi_margin_loss", [f(x34), idx([0, 4, 1])])
err("err_triplet_dims", "triplet_margin_loss", [f(a45), f(b45), f(n45[0])])
err("err_soft_margin_reduction", "soft_margin_loss", [f(x34), f(sign34)], {"reduction": "avg"})


# ---- ctc_loss (appended: its own cases, lengths as lists) --------------------------------------
def ctc_case(name, T, N, C, targets, input_lengths, target_lengths, seed, **kw):
    lp = torch.log_softmax(rand([T, N, C] if N else [T, C], seed), -1)
    args = [f(lp, grad=True), idx(targets)]
    kwargs = dict(kw)
    leaf = make(args[0]["spec"], requires_grad=True)[0]
    out = F.ctc_loss(leaf, torch.tensor(targets, dtype=torch.long), input_lengths, target_lengths, **kwargs)
    fields = dict(op="ctc_loss", args=args, input_lengths=input_lengths, target_lengths=target_lengths, kwargs=kwargs,
                  out=out, printed=str(out), grad_fn=type(out.grad_fn).__name__)
    go = None
    if out.dim() > 0:
        go = rand(list(out.shape), 99, dtype=out.dtype)
        fields["grad_out"] = spec(go)
    fields["grads"] = list(torch.autograd.grad(out, [leaf], go))
    r.add(name, **fields)


for red in REDS:
    ctc_case(f"ctc_{red}", 6, 3, 5, [[1, 2, 2], [3, 1, 0], [4, 4, 4]], [6, 5, 6], [3, 2, 1], 50, reduction=red)
ctc_case("ctc_blank_last_concat", 5, 2, 4, [0, 1, 2, 1], [5, 4], [2, 2], 51, blank=3)
ctc_case("ctc_unbatched", 5, 0, 4, [1, 2], [5], [2], 52, reduction="none")
ctc_case("ctc_zero_target", 4, 2, 3, [[1, 1], [2, 0]], [4, 3], [2, 0], 53, reduction="sum")
ctc_case("ctc_infinite_zero_infinity", 3, 2, 4, [[1, 1, 1], [2, 3, 0]], [3, 3], [3, 2], 54, reduction="none", zero_infinity=True)
ctc_case("ctc_infinite_mean", 3, 2, 4, [[1, 1, 1], [2, 3, 0]], [3, 3], [3, 2], 54, reduction="mean", zero_infinity=True)
r.write()
