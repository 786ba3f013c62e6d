"""Golden data for the in-place ops (test/inplace.test.ts).

Kinds of case:
  inplace   an in-place op on a plain tensor, on a leaf (expected to fail), on
            a leaf under no_grad, on `x * 2` (a non-leaf), on views, with
            number or tensor operands: the value, printed form, version,
            grad_fn and next_functions, and the grads that reach the leaves.
  scenario  a named script (the same one is written in test/inplace.test.ts)
            and the error PyTorch raises, e.g. backward through a saved tensor
            that an in-place op modified.
"""
import torch

from common import Recorder, spec, rand
from elementwise_cases import num, boolean, make_input, name_of, dense, next_seed

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


def s_other_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(2, dtype=torch.float64)
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_int_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(2, dtype=torch.int64)
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_0d_modified():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.ones(())
    b = x * c
    c.add_(1)
    b.sum().backward()


def s_modified_through_view():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x.exp()
    v = a.detach()
    v.add_(1)
    a.sum().backward()


for name, fn in list(globals().items()):
    if name.startswith("s_"):
        scenario(name[2:], fn)

r.write()
