"""Golden data for F.interpolate (nearest, linear, bilinear with
align_corners both ways, size or scale_factor), pixel_shuffle /
pixel_unshuffle, unfold / fold, lp_pool2d, max_unpool2d, dropout1d /
dropout2d under a seed, and their modules (Upsample, PixelShuffle,
PixelUnshuffle, Unfold, Fold, LPPool2d, MaxUnpool2d, Dropout1d/2d,
Unflatten): values, input grads, grad_fn names, messages and reprs. Same
case shapes as gen_pool.py, plus "seed" (torch.manual_seed before the op)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, spec, make, rand
from helpers import add_grad, grad_fn_name

r = Recorder("resample")


def arg_json(a):
    return spec(a) if isinstance(a, torch.Tensor) else a


def arg_torch(a):
    if isinstance(a, torch.Tensor):
        return a.long() if a.dtype == torch.int32 else a
    return tuple(a) if isinstance(a, list) else a


def case(name, op, x, args=(), kwargs=None, dtype="float32", layout="contiguous", grad=True, seed=None):
    kwargs = kwargs or {}
    s = spec(x.to(getattr(torch, dtype)), layout=layout)
    leaf, xin = make(s, requires_grad=grad)
    if seed is not None:
        torch.manual_seed(seed)
    out = getattr(F, op)(xin, *[arg_torch(a) for a in args], **kwargs)
    fields = dict(op=op, input=s, args=[arg_json(a) for a in args], kwargs=kwargs, out=out,
                  grad_fn=grad_fn_name(out))
    if seed is not None:
        fields["seed"] = seed
    if grad:
        add_grad(fields, out, leaf)
    r.add(name, **fields)


x3 = rand([2, 3, 5], 1)
x4 = rand([2, 2, 3, 4], 2)
# ---- interpolate ----------------------------------------------------------------
case("nearest2d_scale2", "interpolate", x4, [], {"scale_factor": 2})
case("nearest2d_size", "interpolate", x4, [], {"size": [5, 7]})
case("nearest2d_down", "interpolate", rand([1, 2, 7, 9], 3), [], {"size": [3, 4]})
case("nearest2d_scale_frac", "interpolate", x4, [], {"scale_factor": [1.7, 2.3]})
case("nearest2d_recompute", "interpolate", x4, [], {"scale_factor": [1.7, 2.3], "recompute_scale_factor": True})
case("nearest1d_scale3", "interpolate", x3, [], {"scale_factor": 3})
case("nearest1d_size", "interpolate", x3, [], {"size": 8})
case("nearest2d_float64", "interpolate", x4, [], {"scale_factor": 1.5}, dtype="float64")
case("nearest2d_noncontiguous", "interpolate", rand([4, 2, 3, 4], 4), [], {"scale_factor": 2}, layout="slice")
case("nearest2d_empty_batch", "interpolate", rand([0, 2, 3, 4], 5), [], {"scale_factor": 2})
for ac in [False, True]:
    tag = "ac" if ac else "noac"
    case(f"bilinear_scale2_{tag}", "interpolate", x4, [], {"scale_factor": 2, "mode": "bilinear", "align_corners": ac})
    case(f"bilinear_size_{tag}", "interpolate", x4, [], {"size": [5, 9], "mode": "bilinear", "align_corners": ac})
    case(f"bilinear_down_{tag}", "interpolate", rand([1, 2, 7, 9], 6), [], {"size": [3, 4], "mode": "bilinear", "align_corners": ac})
    case(f"bilinear_frac_{tag}", "interpolate", x4, [], {"scale_factor": [1.7, 2.3], "mode": "bilinear", "align_corners": ac})
    case(f"bilinear_float64_{tag}", "interpolate", x4, [], {"size": [6, 7], "mode": "bilinear", "align_corners": ac}, dtype="float64")
    case(f"linear_{tag}", "interpolate", x3, [], {"size": 9, "mode": "linear", "align_corners": ac})
case("bilinear_default_corners", "interpolate", x4, [], {"scale_factor": 2, "mode": "bilinear"})
case("bilinear_to_one", "interpolate", x4, [], {"size": [1, 1], "mode": "bilinear", "align_corners": True})
case("bilinear_noncontiguous", "interpolate", rand([4, 2, 3, 4], 7), [], {"scale_factor": 2, "mode": "bilinear"}, layout="slice")

# ---- pixel shuffle, unfold / fold --------------------------------------------------
case("pixel_shuffle", "pixel_shuffle", rand([2, 8, 2, 3], 8), [2])
case("pixel_shuffle_3d", "pixel_shuffle", rand([9, 2, 2], 9), [3])
case("pixel_shuffle_5d", "pixel_shuffle", rand([2, 1, 4, 2, 2], 10), [2])
case("pixel_unshuffle", "pixel_unshuffle", rand([2, 2, 4, 6], 11), [2])
case("pixel_unshuffle_float64", "pixel_unshuffle", rand([1, 2, 6, 3], 12), [3], dtype="float64")
case("unfold_k2", "unfold", rand([2, 2, 4, 5], 13), [2])
case("unfold_k3_pad_stride", "unfold", rand([1, 3, 6, 7], 14), [3], {"padding": 1, "stride": 2})
case("unfold_dilation_rect", "unfold", rand([1, 2, 6, 7], 15), [[2, 3]], {"dilation": [2, 1], "stride": [1, 2]})
case("unfold_unbatched", "unfold", rand([2, 4, 4], 16), [2])
case("unfold_float64", "unfold", rand([1, 2, 5, 5], 17), [3], {"padding": 1}, dtype="float64")
case("fold_k2_s2", "fold", rand([2, 8, 4], 18), [[4, 4], 2], {"stride": 2})
case("fold_overlap", "fold", rand([1, 18, 20], 19), [[4, 5], 3], {"padding": 1, "stride": 1})
case("fold_unbatched", "fold", rand([4, 9], 20), [[4, 4], 2], {"stride": 1})
# ---- lp_pool2d, max_unpool2d --------------------------------------------------------
case("lp_pool2d_p2", "lp_pool2d", rand([1, 2, 4, 6], 21) + 2.5, [2, 2])
case("lp_pool2d_p3_stride", "lp_pool2d", rand([1, 2, 5, 6], 22) + 2.5, [3, [2, 3]], {"stride": 1, "ceil_mode": True})
xu = rand([1, 2, 4, 4], 23)
_, ind = F.max_pool2d(rand([1, 2, 8, 8], 24), 2, return_indices=True)
case("max_unpool2d", "max_unpool2d", xu, [ind.int(), 2])
case("max_unpool2d_output_size", "max_unpool2d", xu, [ind.int(), 2], {"output_size": [9, 9]})
_, ind3 = F.max_pool2d(rand([1, 2, 5, 5], 25), 3, stride=1, return_indices=True)
case("max_unpool2d_overlap", "max_unpool2d", rand([1, 2, 3, 3], 26), [ind3.int(), 3], {"stride": 1})
# ---- channel dropout ----------------------------------------------------------------
xd = rand([4, 6, 3, 3], 27) + 3
case("dropout2d", "dropout2d", xd, [], {"p": 0.5}, seed=1)
case("dropout2d_p03", "dropout2d", xd, [], {"p": 0.3}, seed=2)
case("dropout2d_unbatched", "dropout2d", rand([6, 3, 3], 28) + 3, [], {"p": 0.5}, seed=3)
case("dropout2d_eval", "dropout2d", xd, [], {"p": 0.5, "training": False})
case("dropout1d", "dropout1d", rand([4, 6, 5], 29) + 3, [], {"p": 0.5}, seed=4)
case("dropout1d_unbatched", "dropout1d", rand([6, 5], 30) + 3, [], {"p": 0.4}, seed=5)


def err(name, op, shape, args=(), kwargs=None, dtype="float32"):
    kwargs = kwargs or {}
    x = torch.zeros(shape, dtype=getattr(torch, dtype))
    r.error(name, lambda: getattr(F, op)(x, *[arg_torch(a) for a in args], **kwargs), op=op, shape=shape, dtype=dtype,
            requires_grad=False, args=[arg_json(a) for a in args], kwargs=kwargs)


S4 = [1, 2, 4, 4]
err("err_interpolate_no_size", "interpolate", S4)
err("err_interpolate_both", "interpolate", S4, [], {"size": 3, "scale_factor": 2})
err("err_interpolate_size_dims", "interpolate", S4, [], {"size": [3, 3, 3]})
err("err_interpolate_scale_dims", "interpolate", S4, [], {"scale_factor": [2, 2, 2]})
err("err_interpolate_corners_nearest", "interpolate", S4, [], {"scale_factor": 2, "align_corners": True})
err("err_interpolate_linear_4d", "interpolate", S4, [], {"scale_factor": 2, "mode": "linear"})
err("err_interpolate_bilinear_3d", "interpolate", [1, 2, 4], [], {"scale_factor": 2, "mode": "bilinear"})
err("err_interpolate_2d_input", "interpolate", [4, 4], [], {"scale_factor": 2})
err("err_pixel_shuffle_2d", "pixel_shuffle", [4, 4], [2])
err("err_pixel_shuffle_channels", "pixel_shuffle", [1, 5, 2, 2], [2])
err("err_pixel_shuffle_zero", "pixel_shuffle", [1, 4, 2, 2], [0])
err("err_pixel_unshuffle_height", "pixel_unshuffle", [1, 1, 5, 4], [2])
err("err_pixel_unshuffle_width", "pixel_unshuffle", [1, 1, 4, 5], [2])
err("err_unfold_kernel_too_big", "unfold", S4, [5])
err("err_unfold_kernel_zero", "unfold", S4, [0])
err("err_unfold_stride_zero", "unfold", S4, [2], {"stride": 0})
err("err_unfold_padding_negative", "unfold", S4, [2], {"padding": -1})
err("err_unfold_dilation_zero", "unfold", S4, [2], {"dilation": 0})
err("err_fold_rows", "fold", [1, 5, 4], [[4, 4], 2])
err("err_fold_blocks", "fold", [1, 4, 5], [[4, 4], 2], {"stride": 2})
err("err_fold_4d", "fold", [2, 1, 4, 4], [[4, 4], 2], {"stride": 2})
err("err_dropout2d_p", "dropout2d", S4, [], {"p": 1.5})
err("err_dropout1d_4d", "dropout1d", S4, [], {"p": 0.5})
err("err_max_unpool2d_indices_shape", "max_unpool2d", S4, [torch.zeros(1, 2, 3, 4, dtype=torch.int32), 2])
err("err_max_unpool2d_output_size", "max_unpool2d", S4, [torch.zeros(1, 2, 4, 4, dtype=torch.int32), 2], {"output_size": [3, 3]})

MODULES = [
    ("Upsample", [], {"scale_factor": 2}, rand([1, 2, 3, 3], 40)),
    ("Upsample", [], {"size": [4, 5], "mode": "bilinear", "align_corners": True}, rand([1, 2, 3, 3], 40)),
    ("Upsample", [], {"scale_factor": [2, 3], "mode": "bilinear"}, rand([1, 2, 3, 3], 40)),
    ("PixelShuffle", [2], {}, rand([1, 8, 2, 2], 41)),
    ("PixelUnshuffle", [2], {}, rand([1, 2, 4, 4], 42)),
    ("Unfold", [[2, 3]], {"padding": 1}, rand([1, 2, 4, 4], 43)),
    ("Fold", [[4, 4], 2], {"stride": 2}, rand([1, 8, 4], 44)),
    ("LPPool2d", [2, 3], {}, rand([1, 2, 6, 6], 45) + 2.5),
    ("LPPool2d", [2.5, [2, 3]], {"stride": 1, "ceil_mode": True}, rand([1, 2, 6, 6], 45) + 2.5),
    ("Unflatten", [1, [2, 3]], {}, rand([2, 6, 2], 46)),
    ("Dropout2d", [0.5], {}, rand([2, 6, 2, 2], 47) + 3),
    ("Dropout1d", [0.25], {}, rand([2, 6, 3], 48) + 3),
]
for i, (kind, args, kwargs, xin) in enumerate(MODULES):
    m = getattr(nn, kind)(*[tuple(a) if isinstance(a, list) else a for a in args],
                          **{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})
    leaf = xin.clone().requires_grad_(True)
    torch.manual_seed(7)
    out = m(leaf)
    go = rand(list(out.shape), 43)
    out.backward(go)
    r.add(f"module_{kind}_{i}", kind=kind, ctor_args=args, ctor_kwargs=kwargs, repr=repr(m), input=spec(xin), seed=7,
          out=out, grad_out=spec(go), grads=[leaf.grad], grad_fn=out.grad_fn.name())
m = nn.MaxUnpool2d(2, stride=1, padding=0)
r.add("module_MaxUnpool2d_repr", kind="MaxUnpool2d", ctor_args=[2], ctor_kwargs={"stride": 1, "padding": 0}, repr=repr(m))

r.write()
