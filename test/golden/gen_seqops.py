"""Golden data for the ops of issue 17 that sequence models reach for
(test/seqops.test.ts, the seqops conformance family): masking and triangles,
scans, sorting and selection, and shape ops.

A case applies one op (by torchlet's name, with JSON args) to input specs
(see common.py) and records from real PyTorch:
  out      the result (a list for ops returning several tensors)
  gradFn   the grad_fn name of the (first) output
  grads    d/d(base) of sum(out_k * w_k) over the float outputs, w_k from rand()
Index results are int64 in PyTorch and stored as int32 (torchlet's index
dtype is switching to int64; the tests compare values). Input specs of dtype
int32 are made int64 here, as shape_cases.py does.
"""
import torch

from common import Recorder, refused, small_spec as small, spec, rand
from helpers import Seeds
from shape_cases import make_input, name_of, run_op

r = Recorder("seqops")
nxt = Seeds(7000).next


def opt(a, k, default=None):
    return a[k] if k in a else default


def num(v):
    """A JSON number argument: "nan" / "inf" / "-inf" spelled out."""
    return float(v) if isinstance(v, str) else v


def apply(op, xs, a):
    x = xs[0] if xs else None
    # ---- masking and triangles ----
    if op == "maskedFill":
        return x.masked_fill(xs[1], xs[2] if len(xs) > 2 else num(a["value"]))
    if op == "maskedFill_":
        return x.clone().masked_fill_(xs[1], num(a["value"]))
    if op == "tril":
        return torch.tril(x, opt(a, "diagonal", 0))
    if op == "triu":
        return torch.triu(x, opt(a, "diagonal", 0))
    if op == "tril_":
        return x.clone().tril_(opt(a, "diagonal", 0))
    if op == "triu_":
        return x.clone().triu_(opt(a, "diagonal", 0))
    if op == "where":
        cond = xs[0]
        ins = xs[1:]
        b = ins.pop(0) if "a" not in a else a["a"]
        c = ins.pop(0) if "b" not in a else a["b"]
        return torch.where(cond, b, c)
    # ---- scans ----
    if op in ("cumsum", "cumprod"):
        dt = {"float64": torch.float64, "float32": torch.float32, "int32": torch.int64}.get(a.get("dtype"))
        return getattr(torch, op)(x, a["dim"], dtype=dt)
    if op == "logcumsumexp":
        return torch.logcumsumexp(x, a["dim"])
    if op in ("cummax", "cummin"):
        return list(getattr(torch, op)(x, a["dim"]))
    if op == "diff":
        pre = xs[1] if a.get("prepend") else None
        app = xs[-1] if a.get("append") else None
        return torch.diff(x, n=a.get("n", 1), dim=a.get("dim", -1), prepend=pre, append=app)
    # ---- shape ----
    if op == "flip":
        return torch.flip(x, a["dims"])
    if op == "roll":
        return torch.roll(x, a["shifts"], a["dims"]) if "dims" in a else torch.roll(x, a["shifts"])
    if op == "repeat":
        return x.repeat(*a["sizes"])
    if op == "tile":
        return torch.tile(x, a["dims"])
    # ---- sorting and selection ----
    if op == "sort":
        if "stable" in a:
            return list(torch.sort(x, stable=a["stable"], dim=a.get("dim", -1), descending=a.get("descending", False)))
        return list(torch.sort(x, a.get("dim", -1), descending=a.get("descending", False)))
    if op == "argsort":
        return torch.argsort(x, a.get("dim", -1), descending=a.get("descending", False))
    if op == "topk":
        return list(torch.topk(x, a["k"], a.get("dim", -1), largest=a.get("largest", True)))
    if op == "kthvalue":
        return list(torch.kthvalue(x, a["k"], a.get("dim", -1), keepdim=a.get("keepdim", False)))
    if op == "median":
        if "dim" not in a:
            return torch.median(x)
        return list(torch.median(x, a["dim"], keepdim=a.get("keepdim", False)))
    if op == "mode":
        return list(torch.mode(x, a.get("dim", -1), keepdim=a.get("keepdim", False)))
    if op == "unique":
        out = torch.unique(x, return_inverse=a.get("returnInverse", False), return_counts=a.get("returnCounts", False))
        return list(out) if isinstance(out, tuple) else out
    if op == "searchsorted":
        v = xs[1] if len(xs) > 1 else a["value"]
        return torch.searchsorted(x, v, right=a.get("right", False), side=a.get("side"))
    if op == "bucketize":
        return torch.bucketize(x, xs[1], right=a.get("right", False))
    # ---- views and copies of shape ----
    if op == "movedim":
        return torch.movedim(x, a["source"], a["destination"])
    if op == "moveaxis":
        return torch.moveaxis(x, a["source"], a["destination"])
    if op == "swapaxes":
        return torch.swapaxes(x, a["dim0"], a["dim1"])
    if op == "swapdims":
        return x.swapdims(a["dim0"], a["dim1"])
    if op == "unflatten":
        return x.unflatten(a["dim"], a["sizes"])
    if op in ("atleast1d", "atleast2d", "atleast3d"):
        return getattr(torch, "atleast_" + op[-2:])(x)
    if op == "meshgrid":
        return list(torch.meshgrid(*xs, indexing=a.get("indexing", "ij")))
    if op == "rot90":
        return torch.rot90(x, a.get("k", 1), a.get("dims", [0, 1]))
    if op == "repeatInterleave":
        rep = xs[1] if len(xs) > 1 else a["repeats"]
        return torch.repeat_interleave(x, rep, dim=a.get("dim"))
    if op == "diagonal":
        return torch.diagonal(x, a.get("offset", 0), a.get("dim1", 0), a.get("dim2", 1))
    if op == "diag":
        return torch.diag(x, a.get("diagonal", 0))
    if op == "diagEmbed":
        return torch.diag_embed(x, a.get("offset", 0), a.get("dim1", -2), a.get("dim2", -1))
    # ---- products ----
    if op in ("addmm", "addmv", "baddbmm"):
        return getattr(torch, op)(x, xs[1], xs[2], beta=a.get("beta", 1), alpha=a.get("alpha", 1))
    if op == "cross":
        return torch.cross(x, xs[1], dim=a.get("dim"))
    if op == "tensordot":
        return torch.tensordot(x, xs[1], dims=a["dims"])
    if op == "kron":
        return torch.kron(x, xs[1])
    if op == "cdist":
        return torch.cdist(x, xs[1], p=num(a.get("p", 2.0)))
    raise ValueError(op)


def case(name, op, inputs, args=None, grad=True):
    args = args or {}
    bases, _, out, outs, multi = run_op(apply, op, inputs, args, grad)
    rec = {
        "op": op,
        "inputs": inputs,
        "args": args,
        "out": outs if multi else out,
        "gradFn": name_of(outs[0].grad_fn) if outs and isinstance(outs[0], torch.Tensor) else None,
    }
    leaves = [b for b in bases if b.requires_grad]
    diff = [o for o in outs if isinstance(o, torch.Tensor) and o.requires_grad]
    if leaves and diff:
        ws = [rand(list(o.shape), nxt(), dtype=o.dtype) for o in diff]
        loss = sum((o * w).sum() for o, w in zip(diff, ws))
        grads = torch.autograd.grad(loss, leaves, allow_unused=True)
        rec["weights"] = ws
        rec["grads"] = list(grads)
    r.add(name, **rec)


def error(name, op, inputs, args=None):
    args = args or {}
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), op=op, inputs=inputs, args=args)


def along(op, rows):
    """One case per (suffix, input, dim) row: `op` over that input along dim."""
    for suffix, x, dim in rows:
        case(f"{op}_{suffix}", op, [x], {"dim": dim})


def bools(data):
    return spec(data, dtype="bool")


M = spec(rand([2, 3], 1))
M64 = spec(rand([2, 3], 2, dtype=torch.float64))
Mt = spec(rand([3, 2], 3), layout="t")  # [2, 3] transposed
S4 = spec(rand([3, 4], 4))
B3 = spec(rand([2, 3, 3], 5))
Sq = spec(rand([4, 4], 6))
Sqt = spec(rand([4, 3], 7), layout="t")  # [3, 4]
Z = spec(rand([], 8))
E03 = spec(torch.zeros(0, 3))
V3 = spec(rand([3], 9))
Mi = spec([[1, 2, 3], [4, 5, 6]], dtype="int32")
Mb = spec([[True, False, True], [False, False, True]], dtype="bool")
mask3 = bools([True, False, True])
mask21 = bools([[True], [False]])
mask23 = bools([[True, False, False], [False, True, True]])
maskZ = bools(True)
mask03 = spec(torch.zeros(0, 3, dtype=torch.bool))

# ---- masked_fill ----
case("maskedFill_row_mask", "maskedFill", [M, mask3], {"value": 1.5})
case("maskedFill_col_mask", "maskedFill", [M, mask21], {"value": -2.0})
case("maskedFill_neg_inf", "maskedFill", [M, mask23], {"value": "-inf"})
case("maskedFill_broadcast_input", "maskedFill", [V3, mask23], {"value": 0.25})
case("maskedFill_tensor_value", "maskedFill", [M, mask3, spec(0.75)])
case("maskedFill_float64", "maskedFill", [M64, mask23], {"value": 3.0})
case("maskedFill_transposed", "maskedFill", [Mt, mask3], {"value": 9.0})
case("maskedFill_0d", "maskedFill", [Z, maskZ], {"value": 4.0})
case("maskedFill_empty", "maskedFill", [E03, mask03], {"value": 1.0})
case("maskedFill_int", "maskedFill", [Mi, mask3], {"value": 7})
case("maskedFill_bool", "maskedFill", [Mb, mask3], {"value": True})
case("maskedFill_inplace", "maskedFill_", [M, mask21], {"value": 2.5})
error("maskedFill_value_dims", "maskedFill", [M, mask3, spec([1.0, 2.0])])
error("maskedFill_mask_shape", "maskedFill", [M, bools([True, False, True, False])], {"value": 1.0})
error("maskedFill_inplace_grows", "maskedFill_", [V3, mask23], {"value": 1.0})

# ---- tril / triu ----
for fn in ("tril", "triu"):
    case(f"{fn}_default", fn, [S4])
    case(f"{fn}_diag_pos", fn, [S4], {"diagonal": 1})
    case(f"{fn}_diag_neg", fn, [S4], {"diagonal": -1})
    case(f"{fn}_diag_far", fn, [S4], {"diagonal": 5})
    case(f"{fn}_diag_far_neg", fn, [S4], {"diagonal": -4})
    case(f"{fn}_batched", fn, [B3], {"diagonal": 0})
    case(f"{fn}_transposed", fn, [Sqt], {"diagonal": 1})
    case(f"{fn}_float64", fn, [M64])
    case(f"{fn}_int", fn, [Mi])
    case(f"{fn}_bool", fn, [Mb], {"diagonal": 1})
    case(f"{fn}_empty", fn, [E03])
    case(f"{fn}_inplace", f"{fn}_", [Sq], {"diagonal": -1})
    error(f"{fn}_1d", fn, [V3])

# ---- where with numbers ----
case("where_tensor_number", "where", [mask23, M], {"b": 0.5})
case("where_number_tensor", "where", [mask3, M], {"a": -1.5})
case("where_numbers_float", "where", [mask23], {"a": 1.5, "b": 2.5})
case("where_numbers_int", "where", [mask23], {"a": 1, "b": 2})
case("where_float64_number", "where", [mask3, M64], {"b": 0.5})
case("where_int_number", "where", [mask3, Mi], {"b": 2.5})

# ---- scans ----
L = spec(rand([2, 3, 4], 20))
L64 = spec(rand([3, 5], 21, dtype=torch.float64))
Lt = spec(rand([5, 3], 22), layout="t")  # [3, 5]
Ls = spec(rand([6, 4], 23), layout="slice", step=2)  # [3, 4]
Le = spec(rand([1, 4], 24), layout="expand", shape=[3, 4])
W = spec(rand([4, 7], 25))  # inner dim 7: SIMD columns and a tail
Zr = spec([[1.0, 0.0, 2.0, -1.5], [0.0, 3.0, 0.0, 2.0], [1.5, 2.0, -0.5, 0.0]])
NAN, INF = float("nan"), float("inf")
Nan = spec([[1.0, NAN, 3.0, 3.0, 2.0, NAN, 0.5], [2.0, 2.0, 1.0, 1.0, INF, 5.0, -INF]])
Inf = spec([[-INF, -INF, 1.0, INF, 2.0], [INF, INF, 0.0, -INF, 1.0]])
Long = spec(torch.tensor([[0.5, -1.25, 2.0] * 40], dtype=torch.float32).reshape(1, 120) * torch.linspace(1, 3, 120))
Ii = spec([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3]], dtype="int32")
Bb = spec([[True, False, True, True], [False, False, True, False]], dtype="bool")
Ti = spec([[2.0, 1.0, 2.0, 3.0, 3.0, 1.0]])
for fn in ("cumsum", "cumprod"):
    along(fn, [("dim0", L, 0), ("dim1", L, 1), ("dim_neg", L, -1), ("columns", W, 0), ("float64", L64, 1)])
    along(fn, [("transposed", Lt, 1), ("sliced", Ls, 0), ("expanded", Le, 0), ("0d", Z, 0), ("empty", E03, 0)])
    along(fn, [("int", Ii, 1), ("bool", Bb, 1)])
    case(f"{fn}_dtype_float64", fn, [L], {"dim": 2, "dtype": "float64"})
    case(f"{fn}_nan_inf", fn, [Nan], {"dim": 1})
    error(f"{fn}_dim_out_of_range", fn, [L], {"dim": 3})
case("cumsum_long_row", "cumsum", [Long], {"dim": 1})
along("cumprod", [("zeros", Zr, 1), ("zeros_dim0", Zr, 0)])
along("logcumsumexp", [("dim1", L, 1), ("dim_neg", W, -2), ("float64", L64, 1), ("transposed", Lt, 0)])
along("logcumsumexp", [("0d", Z, -1), ("empty", E03, 1)])
case("logcumsumexp_infinities", "logcumsumexp", [Inf], {"dim": 1}, grad=False)
case("logcumsumexp_nan", "logcumsumexp", [Nan], {"dim": 1}, grad=False)
error("logcumsumexp_int", "logcumsumexp", [Ii], {"dim": 0})
for fn in ("cummax", "cummin"):
    along(fn, [("dim1", L, 1), ("dim0", L, 0), ("dim_neg", W, -1), ("ties", Ti, 1), ("nan", Nan, 1), ("float64", L64, 0)])
    along(fn, [("transposed", Lt, 1), ("0d", Z, 0), ("empty", E03, 1), ("int", Ii, 1), ("bool", Bb, 1)])
case("diff_default", "diff", [L])
case("diff_dim0", "diff", [L], {"dim": 0})
case("diff_n2", "diff", [W], {"n": 2, "dim": -1})
case("diff_n_past_size", "diff", [M], {"n": 5})
case("diff_prepend_append", "diff", [M, spec(rand([2, 1], 30)), spec(rand([2, 2], 31))], {"prepend": True, "append": True})
case("diff_transposed", "diff", [Lt], {"dim": 1})
case("diff_float64", "diff", [L64])
case("diff_int", "diff", [Ii])
case("diff_bool", "diff", [Bb])
case("diff_empty", "diff", [E03], {"dim": 0})
error("diff_0d", "diff", [Z])
error("diff_prepend_dims", "diff", [M, V3], {"prepend": True})

# ---- flip, roll, repeat, tile ----
case("flip_dim0", "flip", [L], {"dims": [0]})
case("flip_two_dims", "flip", [L], {"dims": [0, -1]})
case("flip_transposed", "flip", [Lt], {"dims": [1]})
case("flip_expanded", "flip", [Le], {"dims": [0, 1]})
case("flip_none", "flip", [M], {"dims": []})
case("flip_0d", "flip", [Z], {"dims": []})
case("flip_empty", "flip", [E03], {"dims": [1]})
case("flip_int", "flip", [Ii], {"dims": [1]})
error("flip_repeated_dim", "flip", [L], {"dims": [0, 0]})
error("flip_dim_range", "flip", [M], {"dims": [2]})
case("roll_flat", "roll", [L], {"shifts": 5})
case("roll_dim", "roll", [L], {"shifts": 1, "dims": 1})
case("roll_negative", "roll", [L], {"shifts": -2, "dims": -1})
case("roll_two_dims", "roll", [L], {"shifts": [1, 3], "dims": [0, 2]})
case("roll_past_size", "roll", [Lt], {"shifts": 7, "dims": 0})
case("roll_0d", "roll", [Z], {"shifts": 2})
case("roll_empty", "roll", [E03], {"shifts": 1, "dims": 0})
error("roll_misaligned", "roll", [L], {"shifts": [1, 2], "dims": [0]})
case("repeat_same_dims", "repeat", [M], {"sizes": [2, 3]})
case("repeat_more_dims", "repeat", [V3], {"sizes": [2, 1, 2]})
case("repeat_transposed", "repeat", [Mt], {"sizes": [1, 2]})
case("repeat_zero", "repeat", [M], {"sizes": [0, 2]})
case("repeat_0d", "repeat", [Z], {"sizes": [3]})
case("repeat_int", "repeat", [Ii], {"sizes": [2, 1]})
error("repeat_too_few", "repeat", [L], {"sizes": [2, 2]})
case("tile_fewer_dims", "tile", [L], {"dims": [2]})
case("tile_more_dims", "tile", [M], {"dims": [2, 1, 2]})

# ---- sorting and selection ----
Srt = spec([[3.0, 1.0, 2.0, 1.0, 3.0, 3.0, 1.0], [2.0, NAN, 1.0, NAN, 5.0, 0.0, 2.0]])
Dst = spec(rand([3, 5], 40))  # no ties in a row (checked below)
Dst3 = spec(torch.randperm(24, generator=torch.Generator().manual_seed(41)).reshape(2, 3, 4).float() / 4 - 3)
Dstt = spec(torch.randperm(15, generator=torch.Generator().manual_seed(42)).reshape(5, 3).float() / 2, layout="t")
Dst64 = spec(torch.randperm(12, generator=torch.Generator().manual_seed(43)).reshape(3, 4).double() / 3)
Di = spec([[5, 3, 9, 1], [2, 8, 4, 6]], dtype="int32")
Dnan = spec([[1.0, NAN, -2.0, 4.0, 0.5], [3.0, 2.0, 1.0, NAN, 0.0]])
Odd = spec(torch.randperm(35, generator=torch.Generator().manual_seed(44)).reshape(5, 7).float() - 10)
Modes = spec([[3.0, 1.0, 2.0, 1.0, 3.0, 3.0, 1.0], [2.0, 4.0, 4.0, 0.0, 2.0, 2.0, 5.0]])
case("sort_default", "sort", [Srt])
case("sort_descending", "sort", [Srt], {"descending": True})
case("sort_stable", "sort", [Srt], {"stable": True})
case("sort_stable_descending", "sort", [Srt], {"stable": True, "descending": True, "dim": 1})
case("sort_dim0", "sort", [Dst3], {"dim": 0})
case("sort_dim1_desc", "sort", [Dst3], {"dim": 1, "descending": True})
case("sort_transposed", "sort", [Dstt], {"dim": 0})
case("sort_float64", "sort", [Dst64], {"dim": -1})
case("sort_int", "sort", [Di], {"dim": 1})
case("sort_bool", "sort", [Bb], {"dim": 1})
case("sort_0d", "sort", [Z])
case("sort_empty", "sort", [E03], {"dim": 0})
error("sort_dim_range", "sort", [M], {"dim": 2})
case("argsort_default", "argsort", [Srt])
case("argsort_descending", "argsort", [Dst3], {"dim": 1, "descending": True})
case("topk_largest", "topk", [Dst3], {"k": 2})
case("topk_smallest", "topk", [Dst3], {"k": 3, "largest": False})
case("topk_dim0", "topk", [Dstt], {"k": 2, "dim": 0})
case("topk_nan", "topk", [Dnan], {"k": 2})
case("topk_all", "topk", [Dst64], {"k": 4})
case("topk_zero", "topk", [M], {"k": 0})
case("topk_int", "topk", [Di], {"k": 2})
case("topk_0d", "topk", [Z], {"k": 1})
Wide = torch.randperm(80, generator=torch.Generator().manual_seed(45)).reshape(2, 40).float() / 8 - 5
Wide[1, 17] = NAN
case("topk_few_of_many", "topk", [spec(Wide)], {"k": 3})
case("topk_few_of_many_smallest", "topk", [spec(Wide)], {"k": 4, "largest": False})
case("topk_few_of_many_dim0", "topk", [spec(Wide.t().contiguous())], {"k": 2, "dim": 0})
error("topk_k_too_big", "topk", [M], {"k": 4})
case("kthvalue_default", "kthvalue", [Dst3], {"k": 2})
case("kthvalue_keepdim", "kthvalue", [Dst3], {"k": 1, "dim": 1, "keepdim": True})
case("kthvalue_transposed", "kthvalue", [Dstt], {"k": 3, "dim": 0})
case("kthvalue_nan", "kthvalue", [Dnan], {"k": 4})
case("kthvalue_int", "kthvalue", [Di], {"k": 3})
case("kthvalue_0d", "kthvalue", [Z], {"k": 1})
error("kthvalue_k_range", "kthvalue", [M], {"k": 4, "dim": 1})
case("median_all_odd", "median", [Odd])
case("median_all_even", "median", [Dst3])
case("median_all_ties", "median", [Srt_no_nan := spec([[3.0, 1.0, 2.0, 1.0, 3.0, 3.0, 1.0, 2.0]])])
case("median_all_nan", "median", [Dnan])
case("median_all_0d", "median", [Z])
case("median_all_int", "median", [Di])
case("median_dim", "median", [Odd], {"dim": 1})
case("median_dim_even", "median", [Dst3], {"dim": -1})
case("median_dim_keepdim", "median", [Dst3], {"dim": 0, "keepdim": True})
case("median_dim_nan", "median", [Dnan], {"dim": 1})
case("median_dim_transposed", "median", [Dstt], {"dim": 0})
case("median_dim_empty", "median", [E03], {"dim": 1})
case("mode_default", "mode", [Modes])
case("mode_dim0", "mode", [Modes], {"dim": 0})
case("mode_keepdim", "mode", [Modes], {"dim": 1, "keepdim": True})
case("mode_int", "mode", [spec([[1, 2, 2, 3, 3], [4, 4, 1, 1, 1]], dtype="int32")])
case("mode_bool", "mode", [Bb])
case("mode_0d", "mode", [Z])
error("mode_empty_dim", "mode", [E03], {"dim": 0})
U = spec([[3, 1, 2], [1, 3, 5]], dtype="int32")
Uf = spec([2.5, -1.0, 2.5, 0.0, -1.0, 7.0])
case("unique_int", "unique", [U], grad=False)
case("unique_inverse_counts", "unique", [U], {"returnInverse": True, "returnCounts": True}, grad=False)
case("unique_float_inverse", "unique", [Uf], {"returnInverse": True}, grad=False)
case("unique_counts", "unique", [Uf], {"returnCounts": True}, grad=False)
case("unique_bool", "unique", [Bb], grad=False)
case("unique_empty", "unique", [E03], {"returnCounts": True}, grad=False)
Bnd = spec([1.0, 3.0, 5.0, 7.0])
Bnd2 = spec([[1.0, 3.0, 5.0, 7.0], [2.0, 4.0, 6.0, 8.0]])
Q = spec([[0.0, 3.0, 6.0], [7.0, 8.0, 1.0]])
case("searchsorted_left", "searchsorted", [Bnd, Q])
case("searchsorted_right", "searchsorted", [Bnd, Q], {"right": True})
case("searchsorted_side_right", "searchsorted", [Bnd, Q], {"side": "right"})
case("searchsorted_batched", "searchsorted", [Bnd2, Q])
case("searchsorted_number", "searchsorted", [Bnd], {"value": 4})
case("searchsorted_nan", "searchsorted", [spec([1.0, 3.0, NAN]), spec([NAN, 2.0, 3.0])])
case("searchsorted_int", "searchsorted", [spec([1, 3, 5], dtype="int32"), spec([[0, 3], [5, 9]], dtype="int32")])
case("searchsorted_empty_values", "searchsorted", [Bnd, spec(torch.zeros(0))])
error("searchsorted_batch_mismatch", "searchsorted", [Bnd2, spec([[0.0, 3.0, 6.0]])])
error("searchsorted_side_conflict", "searchsorted", [Bnd, Q], {"side": "left", "right": True})
case("bucketize_left", "bucketize", [Q, Bnd])
case("bucketize_right", "bucketize", [Q, Bnd], {"right": True})
case("bucketize_0d", "bucketize", [spec(5.0), Bnd])
error("bucketize_2d_boundaries", "bucketize", [Q, Bnd2])

# ---- views and copies of shape ----
case("movedim_one", "movedim", [L], {"source": 0, "destination": 2})
case("movedim_two", "movedim", [L], {"source": [0, 1], "destination": [2, 0]})
case("moveaxis_negative", "moveaxis", [L], {"source": -1, "destination": 0})
error("movedim_repeated", "movedim", [L], {"source": [0, 0], "destination": [1, 2]})
case("swapaxes", "swapaxes", [L], {"dim0": 0, "dim1": 2})
case("swapdims_negative", "swapdims", [Lt], {"dim0": -1, "dim1": 0})
case("unflatten", "unflatten", [S4], {"dim": 1, "sizes": [2, 2]})
case("unflatten_infer", "unflatten", [L], {"dim": -1, "sizes": [2, -1]})
error("unflatten_bad_sizes", "unflatten", [S4], {"dim": 1, "sizes": [3, 2]})
for fn in ("atleast1d", "atleast2d", "atleast3d"):
    case(f"{fn}_0d", fn, [Z])
    case(f"{fn}_1d", fn, [V3])
    case(f"{fn}_2d", fn, [M])
case("meshgrid_ij", "meshgrid", [V3, spec(rand([2], 50))])
case("meshgrid_xy", "meshgrid", [V3, spec(rand([2], 51))], {"indexing": "xy"})
case("meshgrid_three", "meshgrid", [V3, spec(rand([2], 52)), spec(rand([], 53))])
for k in (1, 2, 3, -1, 0, 5):
    case(f"rot90_k{k}".replace("-", "neg"), "rot90", [S4], {"k": k})
case("rot90_dims", "rot90", [L], {"k": 1, "dims": [2, 0]})
case("rot90_transposed", "rot90", [Lt], {"k": 1})
error("rot90_same_dims", "rot90", [L], {"k": 1, "dims": [1, 1]})
case("repeatInterleave_dim", "repeatInterleave", [M], {"repeats": 2, "dim": 0})
case("repeatInterleave_flat", "repeatInterleave", [M], {"repeats": 2})
case("repeatInterleave_tensor", "repeatInterleave", [M, spec([1, 0, 2], dtype="int32")], {"dim": 1})
case("diagonal_main", "diagonal", [S4])
case("diagonal_offset", "diagonal", [S4], {"offset": 1})
case("diagonal_negative_offset", "diagonal", [S4], {"offset": -2})
case("diagonal_batched_dims", "diagonal", [L], {"offset": 0, "dim1": 1, "dim2": 2})
case("diagonal_far", "diagonal", [S4], {"offset": 5})
case("diagonal_transposed", "diagonal", [Lt], {"dim1": -1, "dim2": 0})
error("diagonal_same_dims", "diagonal", [S4], {"dim1": 1, "dim2": 1})
case("diag_vector", "diag", [V3])
case("diag_vector_offset", "diag", [V3], {"diagonal": -1})
case("diag_matrix", "diag", [S4])
case("diag_matrix_offset", "diag", [S4], {"diagonal": 2})
case("diag_int", "diag", [Ii])
error("diag_3d", "diag", [L])
case("diagEmbed", "diagEmbed", [M])
case("diagEmbed_offset", "diagEmbed", [M], {"offset": 1})
case("diagEmbed_dims", "diagEmbed", [M], {"offset": -1, "dim1": 0, "dim2": 2})

# ---- products ----
P35 = spec(rand([3, 5], 60))
P34 = spec(rand([3, 4], 61))
P45 = spec(rand([4, 5], 62))
P4 = spec(rand([4], 63))
P3 = spec(rand([3], 64))
case("addmm", "addmm", [P35, P34, P45])
case("addmm_scaled", "addmm", [spec(rand([5], 65)), P34, P45], {"beta": 0.5, "alpha": -2.0})
case("addmm_beta0", "addmm", [spec([[NAN] * 5] * 3), P34, P45], {"beta": 0.0})
case("addmm_transposed", "addmm", [P35, spec(rand([4, 3], 66), layout="t"), P45])
case("addmm_float64", "addmm", [spec(rand([3, 2], 67, dtype=torch.float64)), spec(rand([3, 4], 68, dtype=torch.float64)), spec(rand([4, 2], 69, dtype=torch.float64))])
error("addmm_shapes", "addmm", [P35, P34, P35])
error("addmm_input_shape", "addmm", [P34, P34, P45])
case("addmv", "addmv", [P3, P34, P4])
case("addmv_scaled", "addmv", [spec(rand([1], 70)), P34, P4], {"beta": 2.0, "alpha": 0.5})
error("addmv_shapes", "addmv", [P3, P34, spec(rand([5], 71))])
B235 = spec(rand([2, 3, 5], 72))
B234 = spec(rand([2, 3, 4], 73))
B245 = spec(rand([2, 4, 5], 74))
case("baddbmm", "baddbmm", [B235, B234, B245])
case("baddbmm_scaled_broadcast", "baddbmm", [spec(rand([3, 1], 75)), B234, B245], {"beta": -1.0, "alpha": 3.0})
error("baddbmm_shapes", "baddbmm", [B235, B234, B235])
C3 = spec(rand([4, 3], 76))
case("cross_last", "cross", [C3, spec(rand([4, 3], 77))], {"dim": -1})
case("cross_default_dim", "cross", [spec(rand([3, 4], 78)), spec(rand([3, 4], 79))])
case("cross_broadcast", "cross", [C3, spec(rand([1, 3], 80))], {"dim": 1})
error("cross_no_size_3", "cross", [spec(rand([2, 4], 81)), spec(rand([2, 4], 82))])
error("cross_dim_not_3", "cross", [spec(rand([3, 4], 83)), spec(rand([3, 4], 84))], {"dim": 1})
case("tensordot_lists", "tensordot", [L, spec(rand([4, 3], 85))], {"dims": [[1, 2], [1, 0]]})
case("tensordot_count", "tensordot", [L, spec(rand([3, 4, 2], 86))], {"dims": 2})
case("tensordot_zero", "tensordot", [V3, spec(rand([2], 87))], {"dims": 0})
error("tensordot_mismatch", "tensordot", [M, spec(rand([4, 3], 88))], {"dims": [[1], [0]]})
case("kron_matrices", "kron", [M, spec(rand([2, 2], 89))])
case("kron_vector_matrix", "kron", [P3, M])
X1 = spec(rand([3, 4], 90))
X2 = spec(rand([5, 4], 91))
for p in (2.0, 1.0, 0.0, 3.0, 1.5, "inf"):
    case(f"cdist_p{p}".replace(".", "_"), "cdist", [X1, X2], {"p": p})
case("cdist_batched", "cdist", [spec(rand([2, 3, 4], 92)), spec(rand([2, 5, 4], 93))])
case("cdist_broadcast_batch", "cdist", [X1, spec(rand([2, 5, 4], 94))], {"p": 1.0})
case("cdist_zero_distance", "cdist", [X1, spec(rand([3, 4], 90))])
case("cdist_float64", "cdist", [spec(rand([2, 3], 95, dtype=torch.float64)), spec(rand([4, 3], 96, dtype=torch.float64))])
error("cdist_negative_p", "cdist", [X1, X2], {"p": -1.0})
error("cdist_columns", "cdist", [X1, spec(rand([5, 3], 97))])
error("cdist_1d", "cdist", [V3, X2])

# ---- integer dtypes (appended: the weights of earlier cases come from one stream) ----
case("repeatInterleave_tensor_int32", "repeatInterleave", [M, spec([1, 0, 2], dtype="int32", int32=True)], {"dim": 1})
error("repeatInterleave_float_repeats", "repeatInterleave", [M, spec([1.0, 0.0, 2.0])], {"dim": 1})
error("cdist_int_x2", "cdist", [X1, spec([[1, 2, 3, 4]], dtype="int64")])
error("cdist_int_before_p", "cdist", [spec([[1, 2, 3, 4]], dtype="int64"), X2], {"p": -1.0})

# ---- small dtypes (uint8, int8, int16, float16, bfloat16) ----
# The same ops on PyTorch's small dtypes (forward values; what PyTorch refuses
# is recorded as an error, so which ops work comes from PyTorch).
SMALL_VALUES = {
    "uint8": [[1, 200, 3, 0], [255, 7, 9, 100], [4, 4, 250, 1]],
    "int8": [[1, -128, 3, 0], [127, -7, 9, 100], [4, 4, -50, 1]],
    "int16": [[1, -32768, 3, 0], [32767, -7, 9, 100], [4, 4, -50, 1]],
    "float16": [[1.5, -2.25, 60000.0, 0.0], [65504.0, -7.0, 0.099975586, 100.0], [4.0, 4.0, -50.0, 1.0]],
    "bfloat16": [[1.5, -2.25, 3.0e38, 0.0], [3.0e38, -7.0, 0.099609375, 100.0], [4.0, 4.0, -50.0, 1.0]],
}


def case_or_error(name, op, inputs, args=None):
    if refused(lambda: apply(op, [make_input(s, False)[1] for s in inputs], args or {})):
        error(f"{name}_refused", op, inputs, args)
    else:
        case(name, op, inputs, args, grad=False)


MASK = spec([[True, False, True, False], [False, False, True, True], [True, True, False, False]], dtype="bool")
for dt, values in SMALL_VALUES.items():
    S = small(values, dt)
    St = small(torch.tensor(values, dtype=torch.float64).t().tolist(), dt, layout="t")  # S's values, transposed in memory
    for name, op, ins, a in [
        ("maskedFill", "maskedFill", [S, MASK], {"value": 5}),
        ("tril", "tril", [St], {"diagonal": -1}),
        ("triu", "triu", [S], {}),
        ("cumsum", "cumsum", [S], {"dim": 1}),
        ("cumsum_t", "cumsum", [St], {"dim": 0}),
        ("cumprod", "cumprod", [S], {"dim": 0}),
        ("cummax", "cummax", [St], {"dim": 1}),
        ("cummin", "cummin", [S], {"dim": 0}),
        ("logcumsumexp", "logcumsumexp", [S], {"dim": 1}),
        ("diff", "diff", [S], {"dim": 1}),
        ("flip", "flip", [St], {"dims": [0, 1]}),
        ("roll", "roll", [S], {"shifts": 1, "dims": 1}),
        ("repeat", "repeat", [S], {"sizes": [2, 1]}),
        ("tile", "tile", [St], {"dims": [1, 2]}),
        ("sort", "sort", [S], {"dim": 1}),
        ("sort_desc_t", "sort", [St], {"dim": 0, "descending": True}),
        ("argsort", "argsort", [S], {"dim": 0}),
        ("topk", "topk", [St], {"k": 2, "dim": 0}),  # no ties: PyTorch's order of tied elements is its sort's
        ("kthvalue", "kthvalue", [St], {"k": 2, "dim": 0}),
        ("median", "median", [S], {}),
        ("median_dim", "median", [S], {"dim": 1}),
        ("mode", "mode", [S], {"dim": 0}),
        ("unique", "unique", [S], {"returnInverse": True, "returnCounts": True}),
        ("searchsorted", "searchsorted", [small([0, 1, 3, 9, 100], dt), small([[1, 5], [100, 0]], dt)], {}),
        ("movedim", "movedim", [S], {"source": 0, "destination": 1}),
        ("rot90", "rot90", [St], {}),
        ("repeatInterleave", "repeatInterleave", [S], {"repeats": 2, "dim": 0}),
        ("diagonal", "diagonal", [S], {"offset": 1}),
        ("diag", "diag", [small([1, 2, 3], dt)], {}),
        ("diagEmbed", "diagEmbed", [S], {}),
        ("kron", "kron", [small([[1, 2], [3, 4]], dt), small([[0, 1], [1, 2]], dt)], {}),
    ]:
        case_or_error(f"{name}_{dt}", op, ins, a)

r.write()
