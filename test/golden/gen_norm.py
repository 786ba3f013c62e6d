"""Golden data for the normalisation ops and modules: batch_norm (training
and eval, running stats with momentum), group_norm, instance_norm,
local_response_norm; BatchNorm1d/2d, InstanceNorm1d/2d, GroupNorm and
LocalResponseNorm over several training steps (running stats, the state
dict with num_batches_tracked), eval mode, reprs and PyTorch's messages.
test/conformance/families/norm.ts runs the cases in every runtime.

Functional cases: "op", "args" (input specs or None, in F's order),
"kwargs", "out", "grad_out", "grads" (of the args with "grad"), "grad_fn",
and "running": the running stats after the call (batch_norm and
instance_norm with running stats)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand

r = Recorder("norm")

FNS = {
    "batch_norm": lambda x, rm, rv, w, b, **kw: F.batch_norm(x, rm, rv, w, b, **kw),
    "group_norm": lambda x, w, b, **kw: F.group_norm(x, kw.pop("num_groups"), w, b, **kw),
    "instance_norm": lambda x, rm, rv, w, b, **kw: F.instance_norm(x, rm, rv, w, b, **kw),
    "local_response_norm": lambda x, **kw: F.local_response_norm(x, **kw),
}


def case(name, op, args, kwargs=None, grad_seed=99):
    kwargs = kwargs or {}
    leaves, xs, running = [], [], []
    for a in args:
        if a is None:
            xs.append(None)
            continue
        leaf, x = make(a["spec"], requires_grad=a["grad"])
        if a.get("running"):
            x = leaf.clone()  # updated in place: a fresh tensor
            running.append(x)
        leaves.append((leaf, a["grad"]))
        xs.append(x)
    out = FNS[op](*xs, **dict(kwargs))
    fields = dict(op=op, args=args, kwargs=kwargs, out=out, grad_fn=type(out.grad_fn).__name__)
    if running:
        fields["running"] = [t for t in running]
    wanted = [l for l, g in leaves if g]
    go = rand(list(out.shape), grad_seed, dtype=out.dtype)
    fields["grad_out"] = go
    if out.requires_grad and wanted:
        fields["grads"] = [g if g is not None else None for g in torch.autograd.grad(out, wanted, go, allow_unused=True)]
    r.add(name, **fields)


def f(values, dtype="float32", grad=True, layout="contiguous", running=False):
    v = values.to(getattr(torch, dtype))
    s = spec(v, layout=layout) if layout != "t" else spec(v.t().contiguous(), layout="t")
    out = {"spec": s, "grad": grad}
    if running:
        out["running"] = True
    return out


def stat(values, dtype="float32"):
    return f(values, dtype, grad=False, running=True)


# ---- batch_norm ---------------------------------------------------------------
x4 = rand([4, 3, 5, 5], 1) * 2 + 0.5
x2 = rand([6, 4], 2) * 3
x3 = rand([3, 4, 7], 3)
w3, b3 = rand([3], 4) + 1, rand([3], 5)
w4, b4 = rand([4], 6) + 1, rand([4], 7)
rm3, rv3 = rand([3], 8) * 0.5, rand([3], 9, 0.25, 2.0)
rm4, rv4 = rand([4], 10) * 0.5, rand([4], 11, 0.25, 2.0)
for dtype in ["float32", "float64"]:
    case(f"batch_norm_2d_train_{dtype}", "batch_norm", [f(x4, dtype), stat(rm3, dtype), stat(rv3, dtype), f(w3, dtype), f(b3, dtype)], {"training": True})
    case(f"batch_norm_2d_eval_{dtype}", "batch_norm", [f(x4, dtype), stat(rm3, dtype), stat(rv3, dtype), f(w3, dtype), f(b3, dtype)], {"training": False})
case("batch_norm_1d_train", "batch_norm", [f(x2), stat(rm4), stat(rv4), f(w4), f(b4)], {"training": True, "momentum": 0.3, "eps": 1e-3})
case("batch_norm_1d_3d_train", "batch_norm", [f(x3), stat(rm4), stat(rv4), f(w4), f(b4)], {"training": True})
case("batch_norm_1d_3d_eval", "batch_norm", [f(x3), stat(rm4), stat(rv4), f(w4), f(b4)], {"training": False, "eps": 1e-2})
case("batch_norm_no_running", "batch_norm", [f(x4), None, None, f(w3), f(b3)], {"training": True})
case("batch_norm_no_affine", "batch_norm", [f(x4), stat(rm3), stat(rv3), None, None], {"training": True, "momentum": 0.5})
case("batch_norm_weight_only", "batch_norm", [f(x3), None, None, f(w4), None], {"training": True})
case("batch_norm_eval_no_affine", "batch_norm", [f(x4), stat(rm3), stat(rv3), None, None], {"training": False})
case("batch_norm_transposed", "batch_norm", [f(rand([6, 4], 12) * 2, layout="t"), stat(rm4), stat(rv4), f(w4), f(b4)], {"training": True})
case("batch_norm_sliced", "batch_norm", [f(rand([8, 3, 4, 4], 13), layout="slice"), stat(rm3), stat(rv3), f(w3), f(b3)], {"training": True})
case("batch_norm_input_grad_only", "batch_norm", [f(x4), stat(rm3), stat(rv3), f(w3, grad=False), f(b3, grad=False)], {"training": True})
case("batch_norm_params_grad_only", "batch_norm", [f(x4, grad=False), stat(rm3), stat(rv3), f(w3), f(b3)], {"training": True})
case("batch_norm_eval_params_grad_only", "batch_norm", [f(x4, grad=False), stat(rm3), stat(rv3), f(w3), f(b3)], {"training": False})
case("batch_norm_large", "batch_norm", [f(rand([2, 4, 9, 9], 14) * 2), stat(torch.zeros(4)), stat(torch.ones(4)), f(rand([4], 15) + 1), f(rand([4], 16))], {"training": True})
case("batch_norm_empty", "batch_norm", [f(torch.zeros(0, 3)), stat(rm3), stat(rv3), f(w3), f(b3)], {"training": True})

# ---- group_norm ---------------------------------------------------------------
x6 = rand([2, 6, 4, 3], 20) * 2
w6, b6 = rand([6], 21) + 1, rand([6], 22)
for dtype in ["float32", "float64"]:
    case(f"group_norm_{dtype}", "group_norm", [f(x6, dtype), f(w6, dtype), f(b6, dtype)], {"num_groups": 3})
case("group_norm_one_group", "group_norm", [f(x6), f(w6), f(b6)], {"num_groups": 1, "eps": 1e-3})
case("group_norm_per_channel", "group_norm", [f(x6), None, None], {"num_groups": 6})
case("group_norm_3d", "group_norm", [f(rand([3, 4, 5], 23)), f(w4), f(b4)], {"num_groups": 2})
case("group_norm_2d", "group_norm", [f(rand([3, 4], 24) * 2), f(w4), None], {"num_groups": 2})
case("group_norm_sliced", "group_norm", [f(rand([4, 6, 4, 3], 25), layout="slice"), f(w6), f(b6)], {"num_groups": 2})
case("group_norm_empty", "group_norm", [f(torch.zeros(0, 6, 2)), f(w6), f(b6)], {"num_groups": 3})

# ---- instance_norm ------------------------------------------------------------
for dtype in ["float32", "float64"]:
    case(f"instance_norm_{dtype}", "instance_norm", [f(x4, dtype), None, None, None, None])
case("instance_norm_affine", "instance_norm", [f(x4), None, None, f(w3), f(b3)], {"eps": 1e-3})
case("instance_norm_running", "instance_norm", [f(x3), stat(rm4), stat(rv4), f(w4), f(b4)], {"momentum": 0.2})
case("instance_norm_eval", "instance_norm", [f(x3), stat(rm4), stat(rv4), f(w4), f(b4)], {"use_input_stats": False})

# ---- local_response_norm ------------------------------------------------------
for size in [1, 2, 3, 5]:
    case(f"local_response_norm_size{size}", "local_response_norm", [f(x4)], {"size": size})
case("local_response_norm_params", "local_response_norm", [f(x3)], {"size": 3, "alpha": 0.1, "beta": 0.5, "k": 2.0})
case("local_response_norm_float64", "local_response_norm", [f(x4, "float64")], {"size": 4, "alpha": 0.05})


# ---- modules ------------------------------------------------------------------
MODULES = {
    "BatchNorm1d": (lambda: nn.BatchNorm1d(4), [6, 4]),
    "BatchNorm1d_3d": (lambda: nn.BatchNorm1d(4, momentum=0.3), [3, 4, 5]),
    "BatchNorm1d_cumulative": (lambda: nn.BatchNorm1d(4, momentum=None), [5, 4]),
    "BatchNorm2d": (lambda: nn.BatchNorm2d(3), [4, 3, 3, 3]),
    "BatchNorm2d_no_affine": (lambda: nn.BatchNorm2d(3, affine=False, eps=1e-3), [2, 3, 4, 2]),
    "BatchNorm2d_no_stats": (lambda: nn.BatchNorm2d(3, track_running_stats=False), [2, 3, 2, 2]),
    "BatchNorm2d_float64": (lambda: nn.BatchNorm2d(3, dtype=torch.float64), [2, 3, 2, 3]),
    "InstanceNorm1d": (lambda: nn.InstanceNorm1d(4), [2, 4, 5]),
    "InstanceNorm1d_unbatched": (lambda: nn.InstanceNorm1d(4, affine=True), [4, 5]),
    "InstanceNorm2d_tracked": (lambda: nn.InstanceNorm2d(3, affine=True, track_running_stats=True), [2, 3, 3, 2]),
    "GroupNorm": (lambda: nn.GroupNorm(2, 4), [3, 4, 2, 2]),
    "GroupNorm_no_affine": (lambda: nn.GroupNorm(4, 4, affine=False), [2, 4, 3]),
    "LocalResponseNorm": (lambda: nn.LocalResponseNorm(3, alpha=0.01), [2, 5, 2, 2]),
}
for i, (kind, (make_module, shape)) in enumerate(MODULES.items()):
    m = make_module()
    dtype = m.weight.dtype if getattr(m, "weight", None) is not None else torch.float32
    if kind.endswith("float64"):
        dtype = torch.float64
    steps = []
    for step in range(3):
        x = (rand(shape, 100 + 10 * i + step) * (step + 1) + step).to(dtype).requires_grad_(True)
        y = m(x)
        go = rand(list(y.shape), 200 + 10 * i + step, dtype=dtype)
        y.backward(go)
        steps.append({"input": x, "out": y, "grad_out": go, "grad_input": x.grad})
    grads = [(n, p.grad) for n, p in m.named_parameters()]
    state = list(m.state_dict().items())
    m.eval()
    xe = (rand(shape, 300 + i) * 1.5).to(dtype)
    ye = m(xe.requires_grad_(True))
    r.add(f"module_{kind}", kind=kind, steps=[list(s.items()) for s in steps], grads=grads, state=state,
          eval_input=xe, eval_out=ye, grad_fn=type(y.grad_fn).__name__, eval_grad_fn=type(ye.grad_fn).__name__, repr=repr(m))

reprs = {
    "BatchNorm2d": repr(nn.BatchNorm2d(6)),
    "BatchNorm1d_momentum_none": repr(nn.BatchNorm1d(4, momentum=None)),
    "BatchNorm1d_opts": repr(nn.BatchNorm1d(8, eps=1e-3, momentum=0.01, affine=False, track_running_stats=False)),
    "InstanceNorm2d": repr(nn.InstanceNorm2d(3)),
    "InstanceNorm1d_affine": repr(nn.InstanceNorm1d(3, affine=True, track_running_stats=True)),
    "GroupNorm": repr(nn.GroupNorm(2, 4)),
    "GroupNorm_opts": repr(nn.GroupNorm(3, 6, eps=1e-4, affine=False)),
    "LocalResponseNorm": repr(nn.LocalResponseNorm(2)),
    "LocalResponseNorm_opts": repr(nn.LocalResponseNorm(5, alpha=0.001, beta=0.5, k=2.0)),
    "Sequential": repr(nn.Sequential(nn.BatchNorm2d(3), nn.GroupNorm(1, 3))),
}
r.add("module_reprs", reprs=reprs)
r.add("module_state_keys", keys={
    "BatchNorm2d": list(nn.BatchNorm2d(3).state_dict().keys()),
    "BatchNorm2d_no_affine": list(nn.BatchNorm2d(3, affine=False).state_dict().keys()),
    "BatchNorm2d_no_stats": list(nn.BatchNorm2d(3, track_running_stats=False).state_dict().keys()),
    "InstanceNorm2d": list(nn.InstanceNorm2d(3).state_dict().keys()),
    "InstanceNorm2d_tracked": list(nn.InstanceNorm2d(3, affine=True, track_running_stats=True).state_dict().keys()),
    "GroupNorm": list(nn.GroupNorm(1, 3).state_dict().keys()),
})


# ---- errors -------------------------------------------------------------------
def err(name, fn):
    r.error(name, fn)


err("err_batch_norm_one_value", lambda: F.batch_norm(torch.zeros(1, 3), torch.zeros(3), torch.ones(3), training=True))
err("err_batch_norm_one_value_3d", lambda: F.batch_norm(torch.zeros(1, 3, 1), None, None, training=True))
err("err_batch_norm_running_mean", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(4), torch.ones(3)))
err("err_batch_norm_running_var", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(3), torch.ones(4)))
err("err_batch_norm_weight", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(3), torch.ones(3), torch.ones(4)))
err("err_batch_norm_bias", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(3), torch.ones(3), None, torch.ones(2)))
err("err_batch_norm_eval_no_stats", lambda: F.batch_norm(torch.zeros(2, 3), None, None, training=False))
err("err_batch_norm_int", lambda: F.batch_norm(torch.zeros(2, 3, dtype=torch.int32), torch.zeros(3), torch.ones(3), training=True))
err("err_batch_norm_mixed_dtype", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64), training=True))
err("err_batchnorm1d_dim", lambda: nn.BatchNorm1d(3)(torch.zeros(2, 3, 4, 5)))
err("err_batchnorm2d_dim", lambda: nn.BatchNorm2d(3)(torch.zeros(2, 3, 4)))
err("err_batchnorm1d_one_value", lambda: nn.BatchNorm1d(3)(torch.zeros(1, 3)))
err("err_batchnorm2d_channels", lambda: nn.BatchNorm2d(3)(torch.zeros(2, 4, 2, 2)))
err("err_group_norm_groups", lambda: F.group_norm(torch.zeros(2, 6, 3), 4))
err("err_group_norm_weight", lambda: F.group_norm(torch.zeros(2, 6, 3), 3, torch.ones(5)))
err("err_group_norm_bias", lambda: F.group_norm(torch.zeros(2, 6, 3), 3, None, torch.ones(2, 3)))
err("err_groupnorm_module", lambda: nn.GroupNorm(4, 6))
err("err_instance_norm_spatial", lambda: F.instance_norm(torch.zeros(2, 3)))
err("err_instance_norm_spatial_3d", lambda: F.instance_norm(torch.zeros(2, 3, 1)))
err("err_instancenorm1d_dim", lambda: nn.InstanceNorm1d(3)(torch.zeros(2, 3, 4, 5)))
err("err_instancenorm2d_dim", lambda: nn.InstanceNorm2d(3)(torch.zeros(2, 3)))
err("err_instancenorm2d_affine_channels", lambda: nn.InstanceNorm2d(3, affine=True)(torch.zeros(2, 4, 3, 3)))
err("err_batch_norm_1d_input", lambda: F.batch_norm(torch.zeros(3), None, None, training=True))
err("err_batch_norm_1d_input_stats", lambda: F.batch_norm(torch.zeros(3), torch.zeros(3), torch.ones(3)))
err("err_local_response_norm_dim", lambda: F.local_response_norm(torch.zeros(2, 3), 2))
r.write()
