"""Golden data for the in-place ops (test/inplace.test.ts).

Kinds of case:
  inplace   an in-place op on a plain tensor, on a leaf (expected to fail), on
            a leaf under no_grad, on `x * 2` (a non-leaf), on views, with
            number or tensor operands: the value, printed form, version,
            grad_fn and next_functions, and the grads that reach the leaves.
  scenario  a named script (the same one is written in test/inplace.test.ts)
            and the error PyTorch raises, e.g. backward through a saved tensor
            that an in-place op modified.
  views     in-place ops on views (PyTorch's CopySlices and the regenerated
            AsStridedBackward0 of stale views), as a small step program run by
            both sides (run_steps here, runSteps in test/helpers/viewSteps.ts):
            the observed tensors' values, printed forms, versions, grad_fn
            names, str(grad_fn) and next_functions, the grads of a weighted sum,
            with createGraph a second derivative, or the error and the step
            that raised it.
"""
import torch

from common import Recorder, refused, small_spec as small, spec, rand, make, value_json
from elementwise_cases import num, boolean, make_input, name_of, dense, next_seed, Seeds

r = Recorder("inplace")

A = spec(rand([2, 3], 1))
B = spec(rand([2, 3], 2))
At = spec(rand([3, 2], 7), layout="t")
Ae = spec(rand([1, 3], 8), layout="expand", shape=[2, 3])
As = spec(rand([4, 3], 9), layout="slice", step=2)
I = spec([[1, -2, 3], [0, 5, -7]], dtype="int32")
I2 = spec([[2, 3, -2], [4, -3, 1]], dtype="int32")
Bo = spec([[True, False, True], [False, False, True]], dtype="bool")
Bo2 = spec([[True, True, False], [False, True, True]], dtype="bool")

def inplace(name, op, self_spec, args, mode="leaf_nograd", opts=None, error_case=False, arg_grad=True):
    """mode: "plain" (self needs no grad), "leaf" (a leaf that requires grad, expected to fail),
    "leaf_nograd" (the same under no_grad), "nonleaf" (self = leaf * 2), "view_leaf" (self = leaf[0]),
    "view_nonleaf" (self = (leaf * 2)[0])."""
    opts = opts or {}
    base, x = make_input(self_spec, mode != "plain")
    arg_made = [make_input(a, arg_grad) for a in args]
    arg_leaves = [b for b, _ in arg_made if b is not None and b.requires_grad]
    arg_vals = [v for _, v in arg_made]
    if mode in ("nonleaf", "view_nonleaf"):
        self_t = x * 2
    else:
        self_t = x
    if mode in ("view_leaf", "view_nonleaf"):
        self_t = self_t[0]

    def run():
        if mode == "leaf_nograd":
            with torch.no_grad():
                return getattr(self_t, op)(*arg_vals, **opts)
        return getattr(self_t, op)(*arg_vals, **opts)

    fields = dict(kind="inplace", op=op, target=self_spec, inputs=args, args=opts, mode=mode, argGrad=arg_grad)
    if error_case:
        r.error(name, run, **fields)
        return
    out = run()
    assert out is self_t
    rec = dict(fields, out=out, str=str(out), version=out._version, gradFn=name_of(out.grad_fn))
    if out.grad_fn is not None:
        rec["next"] = [[name_of(n), nr] for n, nr in out.grad_fn.next_functions]
    leaves = ([base] if base is not None and base.requires_grad else []) + arg_leaves
    if out.requires_grad and leaves:
        w = rand(list(out.shape), next_seed(), dtype=out.dtype)
        rec["weight"] = w
        rec["grads"] = dense(torch.autograd.grad((out * w).sum(), leaves, allow_unused=True))
    r.add(name, **rec)


N = spec(rand([2, 3], 40))
M = spec(rand([2, 3], 41))
for mode in ["plain", "leaf_nograd", "nonleaf"]:
    inplace(f"add__{mode}", "add_", N, [M], mode)
    inplace(f"add__number_{mode}", "add_", N, [num(1.5)], mode)
    inplace(f"add__alpha_{mode}", "add_", N, [M], mode, {"alpha": 2.0})
    inplace(f"sub__{mode}", "sub_", N, [M], mode)
    inplace(f"mul__{mode}", "mul_", N, [M], mode)
    inplace(f"mul__number_{mode}", "mul_", N, [num(3)], mode)
    inplace(f"div__{mode}", "div_", N, [spec(rand([2, 3], 42, lo=0.5, hi=2))], mode)
    inplace(f"div__number_{mode}", "div_", N, [num(4)], mode)
    inplace(f"div__floor_{mode}", "div_", N, [num(0.75)], mode, {"rounding_mode": "floor"})
    inplace(f"pow__number_{mode}", "pow_", spec(rand([2, 3], 43, lo=0.25, hi=2)), [num(2.5)], mode)
    inplace(f"pow__tensor_{mode}", "pow_", spec(rand([2, 3], 44, lo=0.25, hi=2)), [M], mode)
    inplace(f"clamp__{mode}", "clamp_", N, [num(-0.5), num(0.5)], mode)
    inplace(f"zero__{mode}", "zero_", N, [], mode)
    inplace(f"fill__{mode}", "fill_", N, [num(2.5)], mode)
    inplace(f"fill__tensor_{mode}", "fill_", N, [spec(rand([], 45))], mode)
    inplace(f"copy__{mode}", "copy_", N, [M], mode)
    inplace(f"copy__broadcast_{mode}", "copy_", N, [spec(rand([3], 46))], mode)
    inplace(f"copy__f64_{mode}", "copy_", N, [spec(rand([2, 3], 47, dtype=torch.float64))], mode)
    for u in ["neg_", "abs_", "sqrt_", "rsqrt_", "exp_", "log_", "log1p_", "expm1_", "sin_", "cos_", "tanh_", "sigmoid_",
              "relu_", "reciprocal_", "sign_", "floor_", "round_", "square_"]:
        inplace(f"{u}_{mode}", u, spec(rand([2, 3], 48, lo=0.25, hi=0.75)) if u in ("sqrt_", "rsqrt_", "log_", "log1p_", "reciprocal_") else N, [], mode)
inplace("add__broadcast_other", "add_", N, [spec(rand([3], 49))], "nonleaf")
inplace("add__plain_from_grad", "add_", N, [M], "plain")
inplace("mul__self_alias", "mul_", N, [num(1)], "nonleaf")
inplace("add__transposed_self", "add_", At, [B], "nonleaf")
inplace("add__int", "add_", I, [I2], "plain")
inplace("add__int_number", "add_", I, [num(2)], "plain")
inplace("add__f32_f64", "add_", N, [spec(rand([2, 3], 50, dtype=torch.float64))], "nonleaf")
inplace("add__bool_true", "add_", Bo, [boolean(True)], "plain")
inplace("div__int_floor", "div_", I, [num(2)], "plain", {"rounding_mode": "floor"})
inplace("copy__int_from_float", "copy_", I, [spec([[1.7, -2.7, 3.2], [0.5, -0.5, 9.9]])], "plain")
inplace("copy__bool_from_float", "copy_", Bo, [spec([[1.7, 0.0, 3.2], [0.0, -0.5, float("nan")]])], "plain")
inplace("copy__number", "copy_", N, [num(2)], "plain")
inplace("fill__int_float", "fill_", I, [num(2.7)], "plain")
inplace("fill__int_negative_float", "fill_", I, [num(-2.7)], "plain")
inplace("fill__bool_two", "fill_", Bo, [num(2)], "plain")
inplace("clamp__int", "clamp_", I, [num(0), num(2)], "plain")
inplace("zero__expanded", "zero_", Ae, [], "plain")
inplace("fill__expanded", "fill_", Ae, [num(1.5)], "plain")
inplace("relu__int", "relu_", I, [], "plain")
inplace("add__sliced_self", "add_", As, [num(1)], "plain")
inplace("copy__sliced_self", "copy_", As, [B], "plain", arg_grad=False)
inplace("add__leaf_err", "add_", N, [num(1)], "leaf", error_case=True)
inplace("zero__leaf_err", "zero_", N, [], "leaf", error_case=True)
inplace("copy__leaf_err", "copy_", N, [M], "leaf", error_case=True)
inplace("exp__leaf_err", "exp_", N, [], "leaf", error_case=True)
inplace("add__view_leaf_err", "add_", N, [num(1)], "view_leaf", error_case=True)
inplace("add__int_float_err", "add_", I, [num(1.5)], "plain", error_case=True)
inplace("mul__int_tensor_float_err", "mul_", I, [A], "plain", error_case=True)
inplace("div__int_err", "div_", I, [num(2)], "plain", error_case=True)
inplace("add__bool_int_err", "add_", Bo, [num(1)], "plain", error_case=True)
inplace("exp__int_err", "exp_", I, [], "plain", error_case=True)
inplace("clamp__int_float_err", "clamp_", I, [num(0.5)], "plain", error_case=True)
inplace("neg__bool_err", "neg_", Bo, [], "plain", error_case=True)
inplace("sub__bool_err", "sub_", Bo, [Bo2], "plain", error_case=True)
inplace("add__broadcast_out_err", "add_", spec(rand([3], 51)), [A], "plain", error_case=True)
inplace("copy__broadcast_out_err", "copy_", spec(rand([3], 52)), [A], "plain", error_case=True)
inplace("copy__bad_shape_err", "copy_", spec(rand([3], 53)), [spec(rand([4], 54))], "plain", error_case=True)
inplace("add__expanded_err", "add_", Ae, [num(1)], "plain", error_case=True)
inplace("copy__expanded_err", "copy_", Ae, [B], "plain", error_case=True)
inplace("fill__nd_tensor_err", "fill_", N, [spec([2.0])], "plain", error_case=True)

# ---- scenarios (the same scripts are written in test/inplace.test.ts) ----------------------------


def scenario(name, fn):
    r.error(name, fn, kind="scenario")


def s_saved_input_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.mul(1)
    b = a.mul(a)
    a.add_(1)
    b.sum().backward()


def s_saved_result_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.exp()
    a.add_(1)
    a.sum().backward()


def s_saved_input_2x2():
    x = torch.ones(2, 2, requires_grad=True)
    a = x * 2
    b = a * a
    a.mul_(3)
    b.sum().backward()


def s_saved_input_f64():
    x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    a = x * 2
    b = a.sin()
    a.mul_(3)
    b.sum().backward()


def s_mul_self_inplace():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.mul(2)
    y.mul_(y)
    y.sum().backward()


def s_leaf_modified_under_no_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    b = x * x
    with torch.no_grad():
        x.add_(1)
    b.sum().backward()


def other_modified(make_other):
    """x * other, then other changed in place: the backward needs the other it saved."""
    def script():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        c = make_other()
        b = x * c
        c.add_(1)
        b.sum().backward()
    return script


s_other_modified = other_modified(lambda: torch.ones(2, dtype=torch.float64))
s_int_modified = other_modified(lambda: torch.ones(2, dtype=torch.int64))
s_0d_modified = other_modified(lambda: torch.ones(()))


def s_modified_through_view():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.exp()
    v = a.detach()
    v.add_(1)
    a.sum().backward()


for name, fn in list(globals().items()):
    if name.startswith("s_"):
        scenario(name[2:], fn)

# ---- in-place ops on views (the same step programs run in test/inplace.test.ts) --------------------
#
# tensors: name -> {"spec", "grad"}; steps: ["let", name, op, src, *args] (an out-of-place or view op),
# ["inplace", op, target, *args] (a trailing dict holds keyword options), ["nograd", step],
# ["dispose", name] (torchlet only; a no-op here), ["detach_", name], ["gradFn", name] (reads it), ["backward", name],
# ["seed", n] (manual_seed).
# Arguments "$name" refer to tensors.


def view_op(x, op, args):
    if op == "slice":
        dim, start, end, step = args
        return x[(slice(None),) * dim + (slice(start, end, step),)]
    if op == "unbind":
        return x.unbind(args[0])[args[1]]
    if op == "split":
        return x.split(args[0], args[1])[args[2]]
    if op == "chunk":
        return x.chunk(args[0], args[1])[args[2]]
    if op in ("view", "reshape", "permute", "expand"):
        return getattr(x, op)(*args[0])
    return getattr(x, op)(*args)


def run_steps(tensors, steps):
    env = {}
    leaves = []
    for name, t in tensors.items():
        base, _ = make(t["spec"], False)
        v = (base.to(torch.int64) if base.dtype == torch.int32 else base).clone().requires_grad_(t.get("grad", False))
        env[name] = v
        if t.get("grad", False):
            leaves.append(v)

    def arg(a):
        return env[a[1:]] if isinstance(a, str) and a.startswith("$") else a

    def run(step):
        kind = step[0]
        if kind == "nograd":
            with torch.no_grad():
                run(step[1])
        elif kind == "dispose":
            pass
        elif kind == "let":
            _, name, op, src, *args = step
            args = [arg(a) for a in args]
            x = env[src]
            if op in ("mul", "add", "sub", "div"):
                env[name] = getattr(torch, op)(x, *args)
            elif op in ("exp", "sin", "clone", "detach", "sum"):
                env[name] = getattr(x, op)(*args)
            else:
                env[name] = view_op(x, op, args)
        elif kind == "inplace":
            _, op, target, *args = step
            kw = args.pop() if args and isinstance(args[-1], dict) else {}
            out = getattr(env[target], op)(*[arg(a) for a in args], **kw)
            assert out is env[target]
        elif kind == "detach_":
            env[step[1]].detach_()
        elif kind == "gradFn":
            env[step[1]].grad_fn
        elif kind == "backward":
            env[step[1]].backward()
        elif kind == "seed":
            torch.manual_seed(step[1])
        else:
            raise ValueError(kind)

    return env, leaves, run


def node_name(fn):
    """PyTorch's fn.name() ("torch::autograd::CopySlices"), except for AccumulateGrad: torchlet's name() is its
    class name there, as in every other golden file (name_of)."""
    if fn is None:
        return None
    return "AccumulateGrad" if fn.name() == "torch::autograd::AccumulateGrad" else fn.name()


def observe(t):
    fn = t.grad_fn
    rec = dict(out=t, str=str(t), version=t._version, requiresGrad=t.requires_grad, isLeaf=t.is_leaf,
               gradFn=node_name(fn), gradFnStr=None if fn is None else str(fn).split(" at 0x")[0] + ">")
    if fn is not None:
        rec["next"] = [[node_name(n), nr] for n, nr in fn.next_functions]
    return {k: value_json(v) for k, v in rec.items()}


def first_error(run, steps):
    """Runs the steps in order: (index, PyTorch's message) of the first that raises, or None."""
    for i, step in enumerate(steps):
        try:
            run(step)
        except Exception as e:  # noqa: BLE001
            return i, str(e).split("\n")[0]
    return None


view_seed = Seeds(7000)  # (elementwise_cases.Seeds)


def views_case(name, tensors, steps, observe_names=(), loss=None, double=False):
    env, leaves, run = run_steps(tensors, steps)
    fields = dict(kind="views", tensors=tensors, steps=steps, observe=list(observe_names), loss=loss, double=double)
    failed = first_error(run, steps)
    if failed:
        r.add(name, error=failed[1], errorStep=failed[0], **fields)
        return
    obs = [observe(env[n]) for n in observe_names]
    if loss is None:
        r.add(name, obs=obs, **fields)
        return
    out = env[loss]
    w = rand(list(out.shape), view_seed.next(), dtype=out.dtype)
    try:
        grads = torch.autograd.grad((out * w).sum(), leaves, allow_unused=True, create_graph=double)
    except Exception as e:  # noqa: BLE001
        r.add(name, obs=obs, weight=w, error=str(e).split("\n")[0], errorStep=len(steps), **fields)
        return
    rec = dict(obs=obs, weight=w, grads=dense(grads))
    if double:
        used = [g for g in grads if g is not None and g.requires_grad]
        vs = [rand(list(g.shape), view_seed.next(), dtype=g.dtype) for g in used]
        total = sum((g * v).sum() for g, v in zip(used, vs))
        rec["vs"] = vs
        rec["gg"] = dense(torch.autograd.grad(total, leaves, allow_unused=True))
    r.add(name, **rec, **fields)


LEAF = {"spec": spec(rand([4, 3], 70)), "grad": True}
LEAF64 = {"spec": spec(rand([4, 3], 71, dtype=torch.float64)), "grad": True}
PLAIN = {"spec": spec(rand([4, 3], 72))}
W3 = {"spec": spec(rand([3], 73, lo=0.5, hi=1.5)), "grad": True}
W2 = {"spec": spec(rand([2], 74, lo=0.5, hi=1.5)), "grad": True}
W0 = {"spec": spec(rand([], 75)), "grad": True}
P = {"spec": spec(rand([4, 3], 76, lo=0.25, hi=0.75))}  # positive, for sqrt_/log_/pow_

# The view each view op makes of a [4, 3] tensor, and the shape of a matching operand.
VIEWS = {
    "select": (["select", 0, 1], [3]),
    "select_col": (["select", 1, 2], [4]),
    "narrow": (["narrow", 0, 1, 2], [2, 3]),
    "slice_step": (["slice", 0, 0, None, 2], [2, 3]),
    "transpose": (["transpose", 0, 1], [3, 4]),
    "t": (["t"], [3, 4]),
    "view": (["view", [2, 6]], [2, 6]),
    "reshape": (["reshape", [12]], [12]),
    "flatten": (["flatten"], [12]),
    "permute": (["permute", [1, 0]], [3, 4]),
    "unsqueeze": (["unsqueeze", 1], [4, 1, 3]),
}

# Every in-place op on a select and on a narrow of a non-leaf; the grads through the base's CopySlices.
INPLACE_OPS = {
    "add_tensor": (["add_", "$w"], "w"),
    "add_alpha": (["add_", "$w", {"alpha": 2.0}], "w"),
    "add_number": (["add_", 1.5], None),
    "sub_tensor": (["sub_", "$w"], "w"),
    "mul_number": (["mul_", 2], None),
    "mul_tensor": (["mul_", "$w"], "w"),
    "div_tensor": (["div_", "$w"], "w"),
    "div_number": (["div_", 4], None),
    "copy": (["copy_", "$w"], "w"),
    "fill_number": (["fill_", 2.5], None),
    "fill_tensor": (["fill_", "$s"], "s"),
    "zero": (["zero_"], None),
    "clamp": (["clamp_", -0.5, 0.5], None),
    "exp": (["exp_"], None),
    "sigmoid": (["sigmoid_"], None),
    "tanh": (["tanh_"], None),
    "sin": (["sin_"], None),
    "neg": (["neg_"], None),
    "relu": (["relu_"], None),
    "square": (["square_"], None),
    "pow_number": (["pow_", 3], None),
    "pow_tensor": (["pow_", "$w"], "w"),
}

for vname in ("select", "narrow"):
    vargs, vshape = VIEWS[vname]
    for oname, (call, operand) in INPLACE_OPS.items():
        tensors = {"a": LEAF}
        if operand == "w":
            tensors["w"] = {"spec": spec(rand(vshape, 77, lo=0.5, hi=1.5)), "grad": True}
        elif operand == "s":
            tensors["s"] = W0
        base = "p" if oname.startswith("pow") else "a"
        if base == "p":
            tensors = {"p": {"spec": P["spec"], "grad": True}, **{k: v for k, v in tensors.items() if k != "a"}}
        views_case(f"{oname}_{vname}_nonleaf", tensors,
                   [["let", "b", "mul", base, 1.5], ["let", "v", vargs[0], "b", *vargs[1:]], ["inplace", call[0], "v", *call[1:]]],
                   ["b", "v"], loss="b")

# mul_, copy_ and exp_ through every view op; the loss through the view itself too.
for vname, (vargs, vshape) in VIEWS.items():
    w = {"spec": spec(rand(vshape, 78, lo=0.5, hi=1.5)), "grad": True}
    steps = [["let", "b", "mul", "a", 1.5], ["let", "v", vargs[0], "b", *vargs[1:]]]
    views_case(f"mul_{vname}", {"a": LEAF}, steps + [["inplace", "mul_", "v", 3]], ["b", "v"], loss="b")
    views_case(f"copy_{vname}", {"a": LEAF, "w": w}, steps + [["inplace", "copy_", "v", "$w"]], ["b", "v"], loss="b")
    views_case(f"exp_{vname}_loss_view", {"a": LEAF}, steps + [["inplace", "exp_", "v"]], ["b", "v"], loss="v")
    # A plain tensor written with values that require grad through the view.
    views_case(f"plain_copy_{vname}", {"z": PLAIN, "w": w}, [["let", "v", vargs[0], "z", *vargs[1:]], ["inplace", "copy_", "v", "$w"]],
               ["z", "v"], loss="z")
    views_case(f"plain_mul_{vname}", {"z": PLAIN, "w": w}, [["let", "v", vargs[0], "z", *vargs[1:]], ["inplace", "mul_", "v", "$w"]],
               ["z", "v"], loss="z")

B = [["let", "b", "mul", "a", 1.5]]
views_case("plain_add_broadcast", {"z": PLAIN, "w": W3}, [["let", "v", "narrow", "z", 0, 1, 2], ["inplace", "add_", "v", "$w"]], ["z", "v"], loss="z")
views_case("plain_fill_tensor", {"z": PLAIN, "s": W0}, [["let", "v", "select", "z", 1, 0], ["inplace", "fill_", "v", "$s"]], ["z", "v"], loss="z")
views_case("plain_plain_values", {"z": PLAIN, "o": {"spec": spec(rand([3], 79))}},
           [["let", "v", "select", "z", 0, 2], ["inplace", "copy_", "v", "$o"]], ["z", "v"])
views_case("plain_int_from_grad", {"z": {"spec": spec([[1, 2, 3], [4, 5, 6]], dtype="int32")}, "w": W3},
           [["let", "v", "select", "z", 0, 1], ["inplace", "copy_", "v", "$w"]], ["z", "v"])
views_case("plain_view_loss", {"z": PLAIN, "w": W3}, [["let", "v", "select", "z", 0, 1], ["inplace", "copy_", "v", "$w"]], ["v"], loss="v")
views_case("plain_then_other_view", {"z": PLAIN, "w": W3},
           [["let", "v", "select", "z", 0, 1], ["let", "u", "narrow", "z", 0, 0, 3], ["inplace", "copy_", "v", "$w"]], ["u"], loss="u")
views_case("plain_base_written", {"z": PLAIN, "w": {"spec": spec(rand([4, 3], 80)), "grad": True}},
           [["let", "v", "select", "z", 0, 1], ["inplace", "mul_", "z", "$w"]], ["z", "v"], loss="v")

# The base modified in place: its views' grad_fns are regenerated (AsStridedBackward0 of its new grad_fn).
views_case("base_mul_then_view", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["inplace", "mul_", "b", 3]], ["v"], loss="v")
views_case("base_exp_then_view", {"a": LEAF}, B + [["let", "v", "narrow", "b", 1, 1, 2], ["inplace", "exp_", "b"]], ["v", "b"], loss="v")
views_case("base_then_view_of_view", {"a": LEAF},
           B + [["let", "v", "select", "b", 0, 1], ["inplace", "mul_", "b", 3], ["let", "u", "narrow", "v", 0, 1, 2]], ["u", "v"], loss="u")
views_case("base_then_view_op", {"a": LEAF}, B + [["let", "v", "t", "b"], ["inplace", "add_", "b", 1], ["let", "u", "mul", "v", 2]], ["u"], loss="u")
views_case("base_nograd_then_view", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["nograd", ["inplace", "mul_", "b", 3]]], ["v"], loss="v")
views_case("leaf_nograd_then_view", {"a": LEAF}, [["let", "v", "select", "a", 0, 0], ["nograd", ["inplace", "add_", "a", 1]]], ["v"], loss="v")
views_case("view_nograd_then_base", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["nograd", ["inplace", "mul_", "v", 3]]], ["v", "b"], loss="b")
views_case("base_then_expanded_view", {"a": LEAF}, B + [["let", "v", "narrow", "b", 0, 1, 1], ["let", "e", "expand", "v", [3, 3]], ["inplace", "mul_", "b", 2]],
           ["e"], loss="e")
views_case("base_then_stepped_view", {"a": LEAF}, B + [["let", "v", "slice", "b", 1, 0, None, 2], ["inplace", "sin_", "b"]], ["v"], loss="v")

# Chains of views, several views, repeated writes.
views_case("chain_t_select_narrow", {"a": LEAF},
           B + [["let", "v", "t", "b"], ["let", "u", "select", "v", 0, 1], ["let", "x", "narrow", "u", 0, 1, 3], ["inplace", "mul_", "x", 5]],
           ["b", "v", "u", "x"], loss="b")
views_case("chain_outer_written_inner_used", {"a": LEAF},
           B + [["let", "v", "narrow", "b", 0, 1, 2], ["let", "u", "select", "v", 1, 0], ["inplace", "add_", "v", 1]], ["u", "v"], loss="u")
views_case("chain_inner_written_outer_used", {"a": LEAF, "w": W2},
           B + [["let", "v", "narrow", "b", 0, 1, 2], ["let", "u", "select", "v", 1, 0], ["inplace", "mul_", "u", "$w"]], ["u", "v", "b"], loss="v")
views_case("two_views_both_written", {"a": LEAF, "w": {"spec": spec(rand([4], 81, lo=0.5, hi=1.5)), "grad": True}},
           B + [["let", "v1", "select", "b", 0, 0], ["let", "v2", "select", "b", 1, 1], ["inplace", "mul_", "v1", 2], ["inplace", "mul_", "v2", "$w"]],
           ["b", "v1", "v2"], loss="b")
views_case("two_views_loss_first", {"a": LEAF},
           B + [["let", "v1", "select", "b", 0, 0], ["let", "v2", "select", "b", 1, 1], ["inplace", "mul_", "v1", 2], ["inplace", "exp_", "v2"]],
           ["v1"], loss="v1")
views_case("view_written_twice", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 2], ["inplace", "mul_", "v", 2], ["inplace", "sin_", "v"]], ["b", "v"], loss="b")
views_case("view_base_view", {"a": LEAF},
           B + [["let", "v", "select", "b", 0, 2], ["inplace", "mul_", "v", 2], ["inplace", "add_", "b", 1], ["inplace", "exp_", "v"]], ["b", "v"], loss="b")
views_case("view_written_then_new_view", {"a": LEAF},
           B + [["let", "v", "select", "b", 0, 2], ["inplace", "mul_", "v", 2], ["let", "u", "narrow", "b", 0, 1, 3]], ["u"], loss="u")
views_case("overlapping_views", {"a": LEAF},
           B + [["let", "v1", "narrow", "b", 0, 0, 3], ["let", "v2", "narrow", "b", 0, 1, 3], ["inplace", "mul_", "v1", 2], ["inplace", "exp_", "v2"]],
           ["b", "v1", "v2"], loss="b")
views_case("view_of_detached", {"a": LEAF, "w": W3},
           B + [["let", "d", "detach", "b"], ["let", "v", "select", "d", 0, 1], ["inplace", "copy_", "v", "$w"]], ["d", "v", "b"], loss="d")
views_case("base_disposed", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 1], ["let", "u", "select", "b", 0, 2], ["dispose", "b"],
                                              ["inplace", "mul_", "v", 2]], ["v", "u"], loss="u")
views_case("base_disposed_loss_view", {"a": LEAF}, B + [["let", "v", "narrow", "b", 0, 1, 2], ["dispose", "b"], ["inplace", "exp_", "v"]],
           ["v"], loss="v")
views_case("uniform_select", {"a": LEAF}, B + [["seed", 5], ["let", "v", "select", "b", 0, 1], ["inplace", "uniform_", "v"]], ["b", "v"], loss="b")
views_case("normal_narrow", {"a": LEAF}, B + [["seed", 6], ["let", "v", "narrow", "b", 1, 1, 2], ["inplace", "normal_", "v"]], ["b", "v"], loss="b")
views_case("bernoulli_plain_grad_p", {"z": PLAIN}, [["seed", 7], ["let", "v", "select", "z", 0, 1], ["inplace", "bernoulli_", "v", 0.5]], ["z", "v"])
views_case("view_written_nograd", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 1], ["nograd", ["inplace", "mul_", "v", 2]]], ["b", "v"], loss="b")

# Saved tensors modified through views: backward fails with PyTorch's message (or not, when nothing saved changed).
views_case("saved_view_modified", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["let", "c", "mul", "v", "$v"], ["inplace", "mul_", "v", 2]],
           loss="c")
views_case("saved_base_modified_by_view", {"a": LEAF}, B + [["let", "c", "mul", "b", "$b"], ["let", "v", "select", "b", 0, 0], ["inplace", "mul_", "v", 2]],
           loss="c")
views_case("saved_view_modified_by_base", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["let", "c", "sin", "v"], ["inplace", "mul_", "b", 2]],
           loss="c")
views_case("saved_result_modified_by_base", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["inplace", "exp_", "v"], ["inplace", "mul_", "b", 2]],
           loss="b")
views_case("saved_other_view_unchanged", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["let", "c", "exp", "v"], ["inplace", "mul_", "b", 2]],
           ["c"], loss="c")
views_case("second_backward", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["inplace", "add_", "v", 1], ["let", "c", "sum", "b"],
                                                  ["backward", "c"]], loss="b")

# Views that may not be modified in place, leaves, overlap: PyTorch's errors, in its order.
for mname, mview in [("unbind", ["unbind", 0, 1]), ("split", ["split", 2, 0, 0]), ("chunk", ["chunk", 2, 1, 1]), ("split_sizes", ["split", [1, 3], 0, 1])]:
    views_case(f"multi_{mname}_nonleaf_err", {"a": LEAF}, B + [["let", "v", mview[0], "b", *mview[1:]], ["inplace", "mul_", "v", 2]])
views_case("multi_leaf_err", {"a": LEAF}, [["let", "v", "unbind", "a", 0, 2], ["inplace", "add_", "v", 1]])
views_case("multi_before_shape_err", {"a": LEAF, "o": {"spec": spec(rand([5], 82))}}, B + [["let", "v", "unbind", "b", 0, 0], ["inplace", "add_", "v", "$o"]])
views_case("multi_plain_grad_value_err", {"z": PLAIN, "w": W3}, [["let", "v", "unbind", "z", 0, 0], ["inplace", "copy_", "v", "$w"]])
views_case("multi_plain_ok", {"z": PLAIN}, [["let", "v", "unbind", "z", 0, 0], ["inplace", "add_", "v", 1]], ["z", "v"])
views_case("multi_view_of_view_err", {"a": LEAF}, B + [["let", "v", "unbind", "b", 0, 0], ["let", "u", "narrow", "v", 0, 0, 2], ["inplace", "add_", "u", 1]])
views_case("multi_indirect_err", {"a": LEAF}, B + [["let", "v", "split", "b", 2, 0, 1], ["inplace", "mul_", "b", 2], ["let", "u", "add", "v", 1]])
views_case("multi_indirect_gradfn_err", {"a": LEAF}, B + [["let", "v", "unbind", "b", 1, 0], ["inplace", "mul_", "b", 2], ["gradFn", "v"]])
views_case("multi_nograd_ok", {"a": LEAF}, B + [["let", "v", "unbind", "b", 0, 0], ["nograd", ["inplace", "add_", "v", 1]]], ["b"], loss="b")
views_case("nograd_view_err", {"a": LEAF}, B + [["nograd", ["let", "v", "select", "b", 0, 0]], ["inplace", "mul_", "v", 2]])
views_case("nograd_view_grad_value_err", {"z": PLAIN, "w": W3}, [["nograd", ["let", "v", "select", "z", 0, 0]], ["inplace", "copy_", "v", "$w"]])
views_case("nograd_view_indirect_err", {"a": LEAF}, B + [["nograd", ["let", "v", "select", "b", 0, 0]], ["inplace", "mul_", "b", 2], ["gradFn", "v"]])
views_case("nograd_view_nograd_ok", {"a": LEAF}, B + [["nograd", ["let", "v", "select", "b", 0, 0]], ["nograd", ["inplace", "mul_", "v", 2]]], ["b"], loss="b")
views_case("view_leaf_err", {"a": LEAF}, [["let", "v", "narrow", "a", 1, 0, 2], ["inplace", "mul_", "v", 2]])
views_case("view_leaf_copy_err", {"a": LEAF, "w": W3}, [["let", "v", "select", "a", 0, 0], ["inplace", "copy_", "v", "$w"]])
views_case("view_leaf_before_overlap_err", {"a": LEAF}, [["let", "v", "narrow", "a", 0, 0, 1], ["let", "e", "expand", "v", [2, 3]], ["inplace", "add_", "e", 1]])
views_case("view_leaf_before_shape_err", {"a": LEAF, "o": {"spec": spec(rand([5], 83))}}, [["let", "v", "select", "a", 0, 0], ["inplace", "add_", "v", "$o"]])
views_case("expanded_nonleaf_overlap_err", {"a": LEAF}, B + [["let", "v", "narrow", "b", 0, 0, 1], ["let", "e", "expand", "v", [2, 3]], ["inplace", "add_", "e", 1]])
views_case("expanded_plain_grad_value_err", {"z": PLAIN, "w": {"spec": spec(rand([2, 3], 84)), "grad": True}},
           [["let", "v", "narrow", "z", 0, 0, 1], ["let", "e", "expand", "v", [2, 3]], ["inplace", "copy_", "e", "$w"]])
views_case("detach__view_err", {"a": LEAF}, B + [["let", "v", "select", "b", 0, 0], ["detach_", "v"]])
views_case("detach__plain_view_err", {"z": PLAIN}, [["let", "v", "select", "z", 0, 0], ["detach_", "v"]])

# float64, with a second derivative through CopySlices (createGraph).
D = [["let", "b", "mul", "a", 1.5]]
views_case("double_mul_tensor", {"a": LEAF64, "w": {"spec": spec(rand([3], 85, dtype=torch.float64)), "grad": True}},
           D + [["let", "v", "select", "b", 0, 1], ["inplace", "mul_", "v", "$w"], ["let", "c", "mul", "b", "$b"]], ["b"], loss="c", double=True)
views_case("double_exp", {"a": LEAF64}, D + [["let", "v", "narrow", "b", 1, 0, 2], ["inplace", "exp_", "v"]], ["b"], loss="b", double=True)
views_case("double_sin_base_then_view", {"a": LEAF64}, D + [["let", "v", "t", "b"], ["inplace", "sin_", "b"], ["let", "c", "mul", "v", "$v"]],
           ["v"], loss="c", double=True)
views_case("double_plain_copy", {"z": {"spec": spec(rand([4, 3], 86, dtype=torch.float64))}, "w": {"spec": spec(rand([3], 87, dtype=torch.float64)), "grad": True}},
           [["let", "v", "select", "z", 0, 2], ["inplace", "copy_", "v", "$w"], ["let", "c", "mul", "z", "$z"]], ["z"], loss="c", double=True)
views_case("double_expanded_view", {"a": LEAF64},
           D + [["let", "v", "narrow", "b", 0, 1, 1], ["let", "e", "expand", "v", [3, 3]], ["inplace", "sin_", "b"], ["let", "c", "mul", "e", "$e"]],
           ["e"], loss="c", double=True)

# ---- small dtypes: in-place ops on uint8, int8, int16, float16 and bfloat16 ----
# Each casts its result to self's dtype (wrapping small integers); what PyTorch
# refuses for a dtype is recorded as an error.


SMALL_VALUES = {
    "uint8": ([[1, 200, 3], [0, 255, 7]], [[2, 100, 250], [4, 3, 1]]),
    "int8": ([[1, -128, 127], [0, -7, 9]], [[2, 3, -2], [4, -3, 1]]),
    "int16": ([[1, -32768, 32000], [0, -7, 9]], [[2, 3, -2], [4, -3, 1]]),
    "float16": ([[1.5, -2.25, 60000.0], [0.0, -0.000061, 3.140625]], [[0.5, 3.0, 2.0], [-4.0, 1e-3, 0.1]]),
    "bfloat16": ([[1.5, -2.25, 1.0e37], [0.0, -1e-30, 3.140625]], [[0.5, 3.0, 2.0], [-4.0, 1e-3, 0.1]]),
}
F32 = spec([[0.5, -1.25, 3.0], [2.0, 0.75, -8.5]])
for dt, (va, vb) in SMALL_VALUES.items():
    S, S2 = small(va, dt), small(vb, dt)
    St = small([[row[i] for row in va] for i in range(3)], dt, layout="t")
    for name, op, target, args, opts in [
        ("add_", "add_", S, [S2], None),
        ("add__number", "add_", S, [num(3)], None),
        ("mul__transposed", "mul_", St, [S2], None),
        ("sub__f32", "sub_", S, [F32], None),
        ("div__floor", "div_", S, [S2], {"rounding_mode": "floor"}),
        ("clamp_", "clamp_", S, [num(0), num(5)], None),
        ("copy__f32", "copy_", St, [F32], None),
        ("fill_", "fill_", S, [num(2.7)], None),
        ("zero_", "zero_", St, [], None),
    ]:
        label = f"{name}_{dt}"
        xs = [make_input(a, False)[1] for a in args]
        if refused(lambda: getattr(make_input(target, False)[1].clone(), op)(*xs, **(opts or {}))):
            inplace(f"{label}_refused", op, target, args, "plain", opts, error_case=True, arg_grad=False)
        else:
            inplace(label, op, target, args, "plain", opts, arg_grad=False)

r.write()
