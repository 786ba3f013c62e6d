"""Golden data for the fused losses (test/nn.losses.test.ts)."""
import torch
import torch.nn.functional as F
from common import Recorder, spec, make, rand

r = Recorder("losses")

x23 = rand([2, 3], 1)
t23 = (rand([2, 3], 2) + 2) / 4  # targets in [0, 1]
w23 = rand([2, 3], 3).abs()
pw3 = rand([3], 4).abs() + 0.5

inputs = {
    "2x3": (spec(x23), spec(t23)),
    "2x3_transposed_input": (spec(x23.t().contiguous(), layout="t"), spec(t23)),
    "0d": (spec(x23[0, 0]), spec(t23[0, 0])),
    "empty": (spec(torch.zeros(0, 3)), spec(torch.zeros(0, 3))),
}
extras = {
    "plain": {},
    "weight": {"weight": spec(w23)},
    "pos_weight": {"pos_weight": spec(pw3)},
    "both": {"weight": spec(w23[0]), "pos_weight": spec(pw3)},
}
for iname, (xs, ts) in inputs.items():
    for ename, ex in extras.items():
        if iname == "0d" and ename != "plain" or iname == "empty" and ename == "weight":
            continue
        for red in ["mean", "sum", "none"]:
            for dtype in ["float32", "float64"]:
                if dtype == "float64" and (ename not in ("plain", "both") or iname != "2x3"):
                    continue
                def cast(sp):
                    sp = dict(sp)
                    sp["dtype"] = dtype
                    return sp
                xsd, tsd = cast(xs), cast(ts)
                exd = {k: cast(v) for k, v in ex.items()}
                xl, x = make(xsd, requires_grad=True)
                tl, t = make(tsd, requires_grad=True)
                kw = {k: make(v)[1] for k, v in exd.items()}
                out = F.binary_cross_entropy_with_logits(x, t, reduction=red, **kw)
                g = torch.ones_like(out) if red == "none" else None
                if out.numel() > 0:
                    gx, gt = torch.autograd.grad(out, [xl, tl], g)
                else:
                    gx, gt = torch.zeros_like(xl), torch.zeros_like(tl)
                r.add(f"bce_logits_{iname}_{ename}_{red}_{dtype}", op="bce_with_logits", input=xsd, target=tsd,
                      opts={**exd, "reduction": red}, out=out, grad_input=gx, grad_target=gt,
                      printed=str(out), grad_fn=type(out.grad_fn).__name__)

r.error("bce_logits_shape_mismatch", lambda: F.binary_cross_entropy_with_logits(torch.zeros(3), torch.zeros(2)), op="bce_with_logits",
        input=spec([0.0, 0.0, 0.0]), target=spec([0.0, 0.0]), opts={})
r.error("bce_logits_bad_reduction", lambda: F.binary_cross_entropy_with_logits(torch.zeros(3), torch.zeros(3), reduction="avg"), op="bce_with_logits",
        input=spec([0.0, 0.0, 0.0]), target=spec([0.0, 0.0, 0.0]), opts={"reduction": "avg"})


# ---- the other losses: generic cases ---------------------------------------------
# A case lists its tensor arguments ("args": [{"spec", "grad"}]) and keyword
# options ("kwargs": numbers, strings, or {"tensor": spec}); the test calls
# F.<op> with them, backpropagates `grad_out` (reduction "none") or 1, and
# compares the value, the grads of the arguments marked "grad", the grad_fn name
# and the printed form.

FNS = {
    "binary_cross_entropy": F.binary_cross_entropy, "mse_loss": F.mse_loss, "l1_loss": F.l1_loss,
    "smooth_l1_loss": F.smooth_l1_loss, "huber_loss": F.huber_loss, "nll_loss": F.nll_loss,
    "cross_entropy": F.cross_entropy,
}


def kw_value(v):
    return make(v["tensor"])[1] if isinstance(v, dict) else v


def case(name, op, args, kwargs=None, grad_seed=99):
    kwargs = kwargs or {}
    leaves, xs = [], []
    for a in args:
        leaf, x = make(a["spec"], requires_grad=a["grad"])
        if x.dtype == torch.int32:
            x = x.long()  # class indices are int64 (specs already are; see common.spec)
        leaves.append(leaf)
        xs.append(x)
    out = FNS[op](*xs, **{k: kw_value(v) for k, v in kwargs.items()})
    fields = dict(op=op, args=args, kwargs=kwargs, out=out, printed=str(out), grad_fn=type(out.grad_fn).__name__)
    wanted = [l for l, a in zip(leaves, args) if a["grad"]]
    if out.dim() > 0:
        go = rand(list(out.shape), grad_seed, dtype=out.dtype)
        fields["grad_out"] = spec(go)
    else:
        go = None
    if out.numel() > 0 and wanted:
        grads = torch.autograd.grad(out, wanted, go, allow_unused=True)
        fields["grads"] = [g if g is not None else None for g in grads]
    r.add(name, **fields)


def f(values, dtype="float32", grad=False):
    return {"spec": spec(values, dtype=dtype), "grad": grad}


def idx(values):
    return {"spec": spec(torch.tensor(values, dtype=torch.int32)), "grad": False}


def probs(shape, seed):
    return torch.softmax(rand(shape, seed), -1)


x23, t23b = rand([2, 3], 5), rand([2, 3], 6)
p23 = ((rand([2, 3], 7) + 2) / 4).clamp(0.03125, 0.96875)
REDS = ["mean", "sum", "none"]

# binary_cross_entropy: inputs include exact 0 and 1 (the logs clamp at -100)
pb = torch.tensor([[0.0, 0.25, 1.0], [0.5, 0.75, 0.125]])
tb = torch.tensor([[0.0, 1.0, 1.0], [0.5, 0.0, 1.0]])
for red in REDS:
    for dtype in ["float32", "float64"]:
        case(f"bce_{red}_{dtype}", "binary_cross_entropy", [f(p23, dtype, True), f((t23b + 2) / 4, dtype, True)], {"reduction": red})
    case(f"bce_weight_{red}", "binary_cross_entropy", [f(p23, grad=True), f((t23b + 2) / 4, grad=True)],
         {"reduction": red, "weight": {"tensor": spec(rand([3], 8).abs())}})
    case(f"bce_clamped_{red}", "binary_cross_entropy", [f(pb), f(tb)], {"reduction": red})

# mse / l1 / smooth_l1 / huber
for op in ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"]:
    params = {"smooth_l1_loss": [("beta", 1.0), ("beta", 0.5), ("beta", 0.0)], "huber_loss": [("delta", 1.0), ("delta", 0.5), ("delta", 2.0)]}.get(op, [(None, None)])
    for pname, pval in params:
        extra = {} if pname is None else {pname: pval}
        tag = "" if pname is None else f"_{pname}{pval}"
        for red in REDS:
            case(f"{op}{tag}_{red}", op, [f(x23, grad=True), f(t23b, grad=True)], {"reduction": red, **extra})
        case(f"{op}{tag}_float64", op, [f(x23, "float64", True), f(t23b, "float64", True)], extra)
    case(f"{op}_transposed", op, [{"spec": spec(x23.t().contiguous(), layout="t"), "grad": True}, f(t23b, grad=True)])
    case(f"{op}_broadcast_target", op, [f(x23, grad=True), f(t23b[0], grad=True)])

# nll_loss
lp = torch.log_softmax(rand([4, 5], 9), 1)
w5 = rand([5], 10).abs() + 0.25
t4 = [0, 4, 2, 4]
for red in REDS:
    case(f"nll_{red}", "nll_loss", [f(lp, grad=True), idx(t4)], {"reduction": red})
    case(f"nll_weight_{red}", "nll_loss", [f(lp, grad=True), idx(t4)], {"reduction": red, "weight": {"tensor": spec(w5)}})
    case(f"nll_ignore_{red}", "nll_loss", [f(lp, grad=True), idx([0, -100, 2, 4])], {"reduction": red})
    case(f"nll_ignore4_weight_{red}", "nll_loss", [f(lp, grad=True), idx(t4)], {"reduction": red, "ignore_index": 4, "weight": {"tensor": spec(w5)}})
    case(f"nll_1d_{red}", "nll_loss", [f(lp[1], grad=True), idx(3)], {"reduction": red})
    case(f"nll_3d_{red}", "nll_loss", [f(rand([2, 5, 3], 11), grad=True), idx([[0, 1, 4], [3, -100, 2]])], {"reduction": red})
    case(f"nll_4d_{red}", "nll_loss", [f(rand([2, 3, 2, 2], 12), grad=True), idx([[[0, 1], [2, 2]], [[1, 0], [0, 1]]])],
         {"reduction": red, "weight": {"tensor": spec(torch.tensor([0.5, 1.0, 2.0]))}})
case("nll_all_ignored_mean", "nll_loss", [f(lp, grad=True), idx([-100, -100, -100, -100])])
case("nll_float64", "nll_loss", [f(lp, "float64", True), idx(t4)], {"weight": {"tensor": spec(w5, dtype="float64")}})
big = rand([100, 10], 13) * 4
tbig = torch.randint(0, 10, (100,), generator=torch.Generator().manual_seed(14)).tolist()
case("nll_cascade_100", "nll_loss", [f(big, grad=True), idx(tbig)])
case("nll_cascade_100_weight", "nll_loss", [f(big, grad=True), idx(tbig)], {"weight": {"tensor": spec(rand([10], 15).abs() + 0.5)}})

# cross_entropy
logits = rand([4, 5], 16) * 2
for red in REDS:
    case(f"ce_{red}", "cross_entropy", [f(logits, grad=True), idx(t4)], {"reduction": red})
    case(f"ce_weight_ignore_{red}", "cross_entropy", [f(logits, grad=True), idx([0, 4, -100, 1])], {"reduction": red, "weight": {"tensor": spec(w5)}})
    case(f"ce_ls_{red}", "cross_entropy", [f(logits, grad=True), idx(t4)], {"reduction": red, "label_smoothing": 0.1})
    case(f"ce_ls_weight_ignore_{red}", "cross_entropy", [f(logits, grad=True), idx([0, 4, 1, 1])],
         {"reduction": red, "label_smoothing": 0.25, "weight": {"tensor": spec(w5)}, "ignore_index": 1})
    case(f"ce_probs_{red}", "cross_entropy", [f(logits, grad=True), f(probs([4, 5], 17), grad=True)], {"reduction": red})
    case(f"ce_probs_weight_ls_{red}", "cross_entropy", [f(logits, grad=True), f(probs([4, 5], 17), grad=True)],
         {"reduction": red, "weight": {"tensor": spec(w5)}, "label_smoothing": 0.2})
    case(f"ce_1d_{red}", "cross_entropy", [f(logits[0], grad=True), idx(2)], {"reduction": red})
    case(f"ce_3d_{red}", "cross_entropy", [f(rand([2, 5, 3], 18), grad=True), idx([[0, 1, 4], [3, 2, 2]])], {"reduction": red})
    case(f"ce_3d_ls_{red}", "cross_entropy", [f(rand([2, 5, 3], 18), grad=True), idx([[0, 1, 4], [3, -100, 2]])], {"reduction": red, "label_smoothing": 0.1})
case("ce_float64", "cross_entropy", [f(logits, "float64", True), idx(t4)], {"weight": {"tensor": spec(w5, dtype="float64")}, "label_smoothing": 0.05})
case("ce_transposed_logits", "cross_entropy", [{"spec": spec(logits.t().contiguous(), layout="t"), "grad": True}, idx([0, 1, 2, 0])])
case("ce_big", "cross_entropy", [f(big, grad=True), idx(tbig)])


def err(name, op, args, kwargs=None):
    kwargs = kwargs or {}
    xs = [make(a["spec"])[1] for a in args]
    xs = [x.long() if x.dtype == torch.int32 else x for x in xs]
    r.error(name, lambda: FNS[op](*xs, **{k: kw_value(v) for k, v in kwargs.items()}), op=op, args=args, kwargs=kwargs)


err("err_nll_target_oob", "nll_loss", [f(lp), idx([0, 1, 7, 2])])
err("err_nll_target_negative", "nll_loss", [f(lp), idx([0, 1, -1, 2])])
err("err_nll_batch", "nll_loss", [f(lp), idx([0, 1, 2])])
err("err_nll_weight", "nll_loss", [f(lp), idx(t4)], {"weight": {"tensor": spec(torch.ones(4))}})
err("err_nll_3d_target", "nll_loss", [f(rand([2, 5, 3], 11)), idx([[0, 1], [3, 2]])])
err("err_nll_float_target", "nll_loss", [f(lp), f([0.0, 1.0, 2.0, 3.0])])
err("err_nll_bad_reduction", "nll_loss", [f(lp), idx(t4)], {"reduction": "avg"})
err("err_ce_ls", "cross_entropy", [f(logits), idx(t4)], {"label_smoothing": 1.5})
err("err_ce_multi_target", "cross_entropy", [f(logits), f(rand([4, 6], 3))])
err("err_ce_probs_weight", "cross_entropy", [f(logits), f(probs([4, 5], 17))], {"weight": {"tensor": spec(torch.ones(4))}})
err("err_bce_range", "binary_cross_entropy", [f([1.5, 0.5]), f([1.0, 0.0])])
err("err_bce_size", "binary_cross_entropy", [f([0.5]), f([1.0, 0.0])])
err("err_smooth_l1_beta", "smooth_l1_loss", [f([1.0]), f([0.0])], {"beta": -1.0})
err("err_huber_delta", "huber_loss", [f([1.0]), f([0.0])], {"delta": 0.0})
r.write()
