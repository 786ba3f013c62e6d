"""Golden data for the fused losses (test/nn-losses.test.ts)."""
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
r.write()
