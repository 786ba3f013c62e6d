"""Golden data for the linear algebra ops (test/linalg.ops.test.ts): matmul in
every shape case (1-D/2-D/batched/broadcast/empty), mm, bmm, mv, dot, outer,
on contiguous and non-contiguous inputs, float32/float64/int32. Recorded from
real PyTorch 1.13:
  out        the result; str its printed form
  chain      the whole grad_fn graph, e.g. "MmBackward0(AccumulateGrad, TBackward0(AccumulateGrad))"
  grads      d/d(base) of sum(out * w), w from rand()
  gradChain  the grad_fn graphs of those grads under create_graph
  gg         d/d(base, w) of sum(grads * v): the backward of the backward
An input spec (common.py) may carry "mT": true, meaning .transpose(-2, -1)
after its layout (a batch of transposed matrices)."""
import torch

from common import Recorder, make, rand, refused, spec
from helpers import Seeds, graph_str

r = Recorder("linalg")
next_seed = Seeds(5000).next


def chain(fn):
    return graph_str(fn, ", ")


def is_float(spec_):
    return spec_["dtype"] in ("float32", "float64")


def build(s, requires_grad, long_ints=True):
    """The leaf and the op's input for a spec. Integer specs are int64
    already (common.spec); an int32 one runs as int64 unless `long_ints` is off."""
    base, x = make(s, requires_grad)
    if long_ints and base.dtype == torch.int32:
        base = base.to(torch.int64)
        x = base.as_strided(x.shape, x.stride(), x.storage_offset())
    if s.get("mT"):
        x = x.transpose(-2, -1)
    return base, x


def apply(op, xs):
    a, b = xs
    return {
        "matmul": torch.matmul,
        "mm": torch.mm,
        "bmm": torch.bmm,
        "mv": torch.mv,
        "dot": torch.dot,
        "outer": torch.outer,
    }[op](a, b)


def case(name, op, inputs, double=True):
    grad = all(is_float(s) for s in inputs)
    made = [build(s, grad) for s in inputs]
    bases = [m[0] for m in made]
    out = apply(op, [m[1] for m in made])
    rec = {"op": op, "inputs": inputs, "out": out, "str": str(out), "chain": chain(out.grad_fn)}
    if grad:
        w = rand(list(out.shape), next_seed(), dtype=out.dtype).requires_grad_(True)
        grads = torch.autograd.grad((out * w).sum(), bases, create_graph=True)
        rec["w"] = w
        rec["grads"] = list(grads)
        rec["gradChain"] = [chain(g.grad_fn) for g in grads]
        if double and out.numel() > 0 and all(g.numel() > 0 for g in grads):
            vs = [rand(list(g.shape), next_seed(), dtype=g.dtype) for g in grads]
            s2 = sum((g * v).sum() for g, v in zip(grads, vs))
            gg = torch.autograd.grad(s2, bases + [w], allow_unused=True)
            rec["vs"] = vs
            rec["gg"] = [None if g is None else g for g in gg]
    r.add(name, **rec)


def error(name, op, inputs):
    xs = [build(s, False, long_ints=False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs), op=op, inputs=inputs)


def spec_mT(base, layout, kw):
    """spec(base, layout, **kw); with kw["mT"], of the input transposed in its last two dims."""
    mT = kw.pop("mT", False)
    s = spec(base, layout=layout, **kw)
    if mT:
        s["mT"] = True
        s["shape"] = s["shape"][:-2] + s["shape"][-2:][::-1]
    return s


def t(shape, dtype="float32", layout="contiguous", **kw):
    """A random input spec of `shape` (for layout "t" the base is the transposed shape)."""
    torch_dtype = {"float32": torch.float32, "float64": torch.float64, "int32": torch.int32}[dtype]
    if layout == "t":
        base = rand(list(reversed(shape)), next_seed(), dtype=torch_dtype)
    elif layout == "slice":
        base = rand([shape[0] * kw.get("step", 2)] + list(shape[1:]), next_seed(), dtype=torch_dtype)
    elif layout == "expand":
        base = rand(kw.pop("base"), next_seed(), dtype=torch_dtype)
        kw["shape"] = shape
    else:
        base = rand(list(shape), next_seed(), dtype=torch_dtype)
    if dtype == "int32":
        base = (base * 4).to(torch.int32)
    return spec_mT(base, layout, kw)


# ---- matmul: every dimensionality -------------------------------------------------
for a, b in [
    ([3], [3]), ([2, 3], [3]), ([3], [3, 4]), ([2, 3], [3, 4]),
    ([5, 2, 3], [3, 4]), ([5, 2, 3], [3]), ([3], [5, 3, 4]), ([2, 3], [5, 3, 4]),
    ([5, 2, 3], [5, 3, 4]), ([5, 2, 3], [1, 3, 4]), ([1, 2, 3], [5, 3, 4]),
    ([2, 1, 2, 3], [5, 3, 4]), ([2, 5, 2, 3], [5, 3, 4]), ([5, 2, 3], [2, 5, 3, 4]),
    ([4, 5, 2, 3], [3, 4]), ([2, 5, 2, 3], [3]), ([3], [2, 5, 3, 4]),
    ([1, 2, 3], [3, 4]), ([2, 3], [1, 3, 4]), ([5, 1, 3], [3, 4]), ([5, 2, 3], [3, 1]),
    ([1, 3], [3, 4]), ([3, 1], [1, 4]), ([1], [1]), ([1, 3], [5, 3, 4]), ([2, 3], [5, 3, 1]), ([1, 3], [2, 3, 1]),
]:
    case(f"matmul_{'x'.join(map(str, a))}_{'x'.join(map(str, b))}", "matmul", [t(a), t(b)])

# Empty dims: zero-size outputs and empty sums (zeros).
for a, b in [([0, 3], [3, 4]), ([2, 0], [0, 3]), ([3, 5, 0], [0, 0]), ([0, 2, 3], [3, 4]),
             ([0, 2, 3], [0, 3, 4]), ([2, 2, 0], [2, 0, 4]), ([2, 3], [0, 3, 4]), ([0], [0]),
             ([2, 0], [0]), ([0], [0, 3]), ([3, 0], [2, 0, 5])]:
    case(f"matmul_empty_{'x'.join(map(str, a))}_{'x'.join(map(str, b))}", "matmul", [t(a), t(b)])

# Tiles and panels: sizes around the micro-kernel's 4 x 8 tile.
case("matmul_37x70_70x19", "matmul", [t([37, 70]), t([70, 19])])
case("matmul_3x9x17_17x33", "matmul", [t([3, 9, 17]), t([17, 33])], double=False)

# Non-contiguous operands: transposed, sliced, expanded, batches of transposed matrices.
case("matmul_t_n", "matmul", [t([4, 3], layout="t"), t([3, 5])])
case("matmul_n_t", "matmul", [t([4, 3]), t([3, 5], layout="t")])
case("matmul_t_t", "matmul", [t([4, 3], layout="t"), t([3, 5], layout="t")])
case("matmul_slice_n", "matmul", [t([3, 4], layout="slice"), t([4, 2])])
case("matmul_expand_rows", "matmul", [t([3, 4], layout="expand", base=[1, 4]), t([4, 2])])
case("matmul_expand_cols", "matmul", [t([3, 4]), t([4, 5], layout="expand", base=[4, 1])])
case("matmul_expand_batch", "matmul", [t([5, 2, 3], layout="expand", base=[1, 2, 3]), t([5, 3, 4])])
case("matmul_bmT_2d", "matmul", [t([5, 3, 2], mT=True), t([3, 4])])
case("matmul_2d_bmT", "matmul", [t([2, 3]), t([5, 4, 3], mT=True)])
case("matmul_bmT_bmT", "matmul", [t([5, 3, 2], mT=True), t([5, 4, 3], mT=True)])
case("matmul_bmT_vec", "matmul", [t([5, 3, 2], mT=True), t([3])])
case("matmul_vec_bmT", "matmul", [t([3]), t([5, 4, 3], mT=True)])
case("matmul_slice_vec", "matmul", [t([4, 3]), t([3], layout="slice")])
case("matmul_4d_expand_bmT", "matmul", [t([2, 1, 3, 2], mT=True), t([5, 3, 4], layout="expand", base=[1, 3, 4])])

# float64 and int32.
case("matmul_f64_2d", "matmul", [t([3, 4], "float64"), t([4, 2], "float64")])
case("matmul_f64_3d", "matmul", [t([2, 3, 4], "float64"), t([2, 4, 5], "float64", layout="contiguous")])
case("matmul_f64_vec", "matmul", [t([4], "float64"), t([4, 3], "float64", layout="t")])
case("matmul_f64_big", "matmul", [t([9, 13], "float64"), t([13, 7], "float64")], double=False)
case("matmul_i32_2d", "matmul", [t([3, 4], "int32"), t([4, 2], "int32")])
case("matmul_i32_3d", "matmul", [t([2, 3, 4], "int32"), t([4, 9], "int32")])
case("matmul_i32_dot", "matmul", [t([5], "int32"), t([5], "int32")])
case("matmul_i32_mv", "matmul", [t([3, 5], "int32", layout="t"), t([5], "int32")])

# ---- mm, bmm, mv, dot, outer ------------------------------------------------------
case("mm", "mm", [t([2, 3]), t([3, 4])])
case("mm_t_t", "mm", [t([3, 5], layout="t"), t([5, 2], layout="t")])
case("mm_slice_expand", "mm", [t([3, 4], layout="slice", step=3), t([4, 6], layout="expand", base=[1, 6])])
case("mm_k0", "mm", [t([2, 0]), t([0, 3])])
case("mm_m0", "mm", [t([0, 3]), t([3, 4])])
case("mm_f64", "mm", [t([3, 2], "float64", layout="t"), t([2, 4], "float64")])
case("mm_i32", "mm", [t([2, 3], "int32"), t([3, 3], "int32")])
case("bmm", "bmm", [t([3, 2, 4]), t([3, 4, 5])])
case("bmm_mT", "bmm", [t([3, 4, 2], mT=True), t([3, 5, 4], mT=True)])
case("bmm_expand", "bmm", [t([4, 2, 3], layout="expand", base=[1, 2, 3]), t([4, 3, 5])])
case("bmm_empty", "bmm", [t([0, 2, 3]), t([0, 3, 4])])
case("bmm_k0", "bmm", [t([2, 2, 0]), t([2, 0, 3])])
case("bmm_f64", "bmm", [t([2, 3, 3], "float64"), t([2, 3, 2], "float64")])
case("bmm_i32", "bmm", [t([2, 3, 3], "int32"), t([2, 3, 2], "int32")])
case("mv", "mv", [t([3, 4]), t([4])])
case("mv_t", "mv", [t([3, 9], layout="t"), t([9])])
case("mv_slice", "mv", [t([3, 4], layout="slice"), t([4], layout="slice")])
case("mv_expand", "mv", [t([3, 4], layout="expand", base=[1, 4]), t([4], layout="expand", base=[1])])
case("mv_big_t", "mv", [t([13, 21], layout="t"), t([21])])
case("mv_empty", "mv", [t([2, 0]), t([0])])
case("mv_f64", "mv", [t([5, 3], "float64"), t([3], "float64")])
case("mv_i32", "mv", [t([5, 3], "int32"), t([3], "int32")])
case("dot", "dot", [t([5]), t([5])])
case("dot_long", "dot", [t([37]), t([37], layout="slice")])
case("dot_expand", "dot", [t([4], layout="expand", base=[1]), t([4])])
case("dot_empty", "dot", [t([0]), t([0])])
case("dot_f64", "dot", [t([6], "float64"), t([6], "float64")])
case("dot_i32", "dot", [t([6], "int32"), t([6], "int32")])
case("outer", "outer", [t([3]), t([4])])
case("outer_slice", "outer", [t([3], layout="slice"), t([2])])
case("outer_f32_f64", "outer", [t([3]), t([2], "float64")])
case("outer_i32", "outer", [t([3], "int32"), t([2], "int32")])
case("outer_empty", "outer", [t([0]), t([2])])

# ---- errors -------------------------------------------------------------------------
F, D, I = "float32", "float64", "int32"
B = {"baseShape": [2, 3], "dtype": "bool", "data": [True, False, True, True, False, False], "layout": "contiguous", "shape": [2, 3]}
B2 = {"baseShape": [3, 2], "dtype": "bool", "data": [True, False, True, True, False, False], "layout": "contiguous", "shape": [3, 2]}
error("err_matmul_0d", "matmul", [t([]), t([3])])
error("err_matmul_0d_rhs", "matmul", [t([3]), t([])])
error("err_matmul_mm", "matmul", [t([2, 3]), t([4, 5])])
error("err_matmul_dot", "matmul", [t([3]), t([4])])
error("err_matmul_vec_mat", "matmul", [t([3]), t([4, 5])])
error("err_matmul_mv", "matmul", [t([2, 3]), t([4])])
error("err_matmul_fold_mv", "matmul", [t([5, 2, 3]), t([4])])
error("err_matmul_fold_mm", "matmul", [t([2, 1, 2, 3]), t([5, 3])])
error("err_matmul_fold_flip", "matmul", [t([4, 3]), t([5, 2, 3])])
error("err_matmul_bmm", "matmul", [t([5, 2, 3]), t([5, 4, 5])])
error("err_matmul_broadcast", "matmul", [t([2, 2, 3]), t([5, 3, 4])])
error("err_matmul_dtype", "matmul", [t([2, 3]), t([3, 4], D)])
error("err_matmul_dtype_dot", "matmul", [t([3]), t([3], D)])
error("err_matmul_dtype_fold", "matmul", [t([5, 2, 3]), t([3, 4], D)])
error("err_matmul_dtype_bmm", "matmul", [t([5, 2, 3]), t([5, 3, 4], D)])
error("err_matmul_int_float", "matmul", [t([2, 3], I), t([3, 4])])
error("err_matmul_bool", "matmul", [B, B2])
error("err_mm_1d", "mm", [t([3]), t([3, 4])])
error("err_mm_3d", "mm", [t([2, 3]), t([2, 3, 4])])
error("err_mm_shape", "mm", [t([2, 3]), t([4, 5])])
error("err_mm_shape_dtype", "mm", [t([2, 3]), t([4, 5], D)])
error("err_mm_dtype", "mm", [t([2, 3]), t([3, 4], D)])
error("err_mm_dtype2", "mm", [t([2, 3], D), t([3, 4])])
error("err_mm_float_int", "mm", [t([2, 3]), t([3, 4], I)])
error("err_mm_bool", "mm", [B, B2])
error("err_bmm_2d", "bmm", [t([2, 3]), t([3, 4])])
error("err_bmm_rhs_2d", "bmm", [t([2, 2, 3]), t([3, 4])])
error("err_bmm_batch", "bmm", [t([2, 2, 3]), t([3, 3, 4])])
error("err_bmm_inner", "bmm", [t([2, 2, 3]), t([2, 4, 4])])
error("err_bmm_dtype", "bmm", [t([2, 2, 3]), t([2, 3, 4], D)])
error("err_mv_1d", "mv", [t([3]), t([3])])
error("err_mv_2d_vec", "mv", [t([2, 3]), t([3, 1])])
error("err_mv_size", "mv", [t([2, 3]), t([4])])
error("err_mv_dtype", "mv", [t([2, 3]), t([3], D)])
error("err_mv_float_int", "mv", [t([2, 3]), t([3], I)])
error("err_dot_2d", "dot", [t([2, 3]), t([2, 3])])
error("err_dot_0d", "dot", [t([]), t([])])
error("err_dot_size", "dot", [t([3]), t([4])])
error("err_dot_dtype", "dot", [t([3]), t([3], D)])
error("err_dot_dtype_size", "dot", [t([3]), t([4], D)])
error("err_outer_2d", "outer", [t([2, 3]), t([4])])
error("err_outer_0d", "outer", [t([]), t([4])])
error("err_outer_vec2", "outer", [t([3]), t([4, 1])])

# ---- small dtypes (uint8, int8, int16, float16, bfloat16) ------------------------------
# Products on PyTorch's small dtypes: integers wrap, bfloat16 accumulates in
# float32 and rounds once; float16 products are refused by the CPU build
# ("addmm_impl_cpu_" not implemented for 'Half'), recorded as errors.


def ts(shape, dtype, layout="contiguous", **kw):
    """A random small-dtype spec of `shape`: small integers (exact in every small dtype)."""
    base_shape = list(reversed(shape)) if layout == "t" else list(shape)
    g = torch.Generator().manual_seed(next_seed())
    lo = 0 if dtype == "uint8" else -3
    base = torch.randint(lo, 4, base_shape, generator=g).to(getattr(torch, dtype))
    return spec_mT(base, layout, kw)


def case_or_error(name, op, inputs):
    if refused(lambda: apply(op, [build(s, False)[1] for s in inputs])):
        error(f"{name}_refused", op, inputs)
    else:
        case(name, op, inputs)


for dt in ["uint8", "int8", "int16", "float16", "bfloat16"]:
    for a, b in [([3], [3]), ([2, 3], [3]), ([3], [3, 4]), ([2, 3], [3, 4]), ([5, 2, 3], [3, 4]),
                 ([5, 2, 3], [5, 3, 4]), ([2, 5, 2, 3], [5, 3, 4]), ([37, 70], [70, 19])]:
        case_or_error(f"matmul_{dt}_{'x'.join(map(str, a))}_{'x'.join(map(str, b))}", "matmul", [ts(a, dt), ts(b, dt)])
    case_or_error(f"matmul_{dt}_t_t", "matmul", [ts([4, 3], dt, layout="t"), ts([3, 5], dt, layout="t")])
    case_or_error(f"matmul_{dt}_bmT", "matmul", [ts([5, 3, 2], dt, mT=True), ts([5, 4, 3], dt, mT=True)])
    case_or_error(f"mm_{dt}", "mm", [ts([4, 3], dt), ts([3, 5], dt)])
    case_or_error(f"bmm_{dt}", "bmm", [ts([2, 4, 3], dt), ts([2, 3, 5], dt)])
    case_or_error(f"mv_{dt}", "mv", [ts([4, 3], dt, layout="t"), ts([3], dt)])
    case_or_error(f"dot_{dt}", "dot", [ts([7], dt), ts([7], dt)])
    case_or_error(f"outer_{dt}", "outer", [ts([3], dt), ts([4], dt)])
    case_or_error(f"matmul_{dt}_empty", "matmul", [ts([2, 0], dt), ts([0, 3], dt)])
error("err_matmul_bfloat16_float32", "matmul", [ts([2, 3], "bfloat16"), t([3, 4])])

r.write()
