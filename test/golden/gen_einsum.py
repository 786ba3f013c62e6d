"""Golden data for torch.einsum, torch.trace, torch.unique along a dim,
torch.unique_consecutive, torch.linalg.multi_dot and torch.chain_matmul
(test/einsum.test.ts, the einsum conformance
family), from PyTorch 1.13 without opt_einsum (operands contracted left to
right, as torchlet does).

A case applies `einsum(equation, *inputs)` (or another op of this family,
named by `op`) to input specs (see common.py) and records:
  out      the result
  gradFn   the grad_fn name of the result
  graph    the whole backward graph as nested names, e.g.
           "PermuteBackward0(AccumulateGrad)"
  grads    d/d(base) of sum(out * w), w from rand()
  knownGrads  the same where PyTorch 1.13 is wrong and torchlet is not (the
           trace of a tall matrix: 1.13's trace_backward writes past the
           diagonal, pytorch/pytorch#171704, fixed later); not compared
Error cases record PyTorch's message. Inputs with a `cast` arg are cast to
that dtype after they are made (for the small dtypes common.make lacks).
"""
import warnings

import torch

from common import Recorder, spec, rand
from helpers import Seeds, graph_str
from shape_cases import make_input

warnings.filterwarnings("ignore", message="torch.chain_matmul is deprecated")
assert not torch.backends.opt_einsum.is_available(), "the goldens assume PyTorch without opt_einsum"

r = Recorder("einsum")
nxt = Seeds(9100).next

DT = {"float16": torch.float16, "bfloat16": torch.bfloat16, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32, "float64": torch.float64}


def apply(op, xs, a):
    if "cast" in a:
        xs = [x.to(DT[a["cast"]]) for x in xs]
    if op == "einsum":
        if a.get("list"):
            return torch.einsum(a["equation"], xs)
        if "sublists" in a:
            args = []
            for x, s in zip(xs, a["sublists"]):
                args += [x, [Ellipsis if v == "..." else v for v in s]]
            if "outSublist" in a:
                args.append([Ellipsis if v == "..." else v for v in a["outSublist"]])
            return torch.einsum(*args)
        return torch.einsum(a["equation"], *xs)
    if op == "trace":
        return torch.trace(xs[0])
    if op == "multiDot":
        return torch.linalg.multi_dot(xs)
    if op == "chainMatmul":
        return torch.chain_matmul(*xs)
    if op in ("unique", "uniqueConsecutive"):
        f = torch.unique if op == "unique" else torch.unique_consecutive
        out = f(xs[0], return_inverse=a.get("returnInverse", False), return_counts=a.get("returnCounts", False), dim=a.get("dim"))
        return list(out) if isinstance(out, tuple) else out
    raise ValueError(op)


def is_float(t):
    return t.dtype in (torch.float32, torch.float64)


def case(name, inputs, args, op="einsum", grad=True, known_grads=False):
    made = [make_input(s, grad and s["dtype"] in ("float32", "float64") and "cast" not in args) for s in inputs]
    bases = [b for b, _ in made]
    out = apply(op, [x for _, x in made], args)
    if isinstance(out, list):
        r.add(name, op=op, inputs=inputs, args=args, out=out)
        return
    rec = {"op": op, "inputs": inputs, "args": args, "out": out, "gradFn": type(out.grad_fn).__name__ if out.grad_fn else None}
    if out.grad_fn is not None:
        rec["graph"] = graph_str(out.grad_fn)
    leaves = [b for b in bases if b.requires_grad]
    if leaves and out.requires_grad:
        w = rand(list(out.shape), nxt(), dtype=out.dtype)
        grads = torch.autograd.grad((out * w).sum(), leaves, allow_unused=True)
        rec["weights"] = [w]
        rec["knownGrads" if known_grads else "grads"] = list(grads)
    r.add(name, **rec)


def error(name, inputs, args, op="einsum"):
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), op=op, inputs=inputs, args=args)


def ein(name, equation, *inputs, **extra):
    case(name, list(inputs), {"equation": equation, **extra})


S = iter(range(1, 1000))


def R(*shape, dtype=torch.float32, layout="contiguous", **kw):
    return spec(rand(list(shape), 9000 + next(S), dtype=dtype), layout=layout, **kw)


# ---- matrix products ----
ein("matmul", "ij,jk->ik", R(3, 4), R(4, 5))
ein("matmul_implicit", "ij,jk", R(3, 4), R(4, 5))
ein("matmul_spaces", " i j , j k -> i k ", R(3, 4), R(4, 5))
ein("matmul_transposed_out", "ij,jk->ki", R(3, 4), R(4, 5))
ein("bmm", "bij,bjk->bik", R(2, 3, 4), R(2, 4, 5))
ein("attention_scores", "bhqd,bhkd->bhqk", R(2, 3, 4, 5), R(2, 3, 6, 5))
ein("attention_values", "bhqk,bhkd->bhqd", R(2, 3, 4, 6), R(2, 3, 6, 5))
ein("matvec", "ij,j->i", R(3, 4), R(4))
ein("dot", "i,i->", R(5), R(5))
ein("dot_implicit", "i,i", R(5), R(5))
ein("outer", "i,j->ij", R(3), R(4))
ein("hadamard", "ij,ij->ij", R(3, 4), R(3, 4))
ein("frobenius", "ij,ij->", R(3, 4), R(3, 4))
ein("tensor_vector", "ijk,k->ij", R(2, 3, 4), R(4))
ein("bilinear", "bn,anm,bm->ba", R(2, 3), R(5, 3, 4), R(2, 4))
ein("chain3", "ij,jk,kl->il", R(2, 3), R(3, 4), R(4, 5))
ein("chain4_scalar", "ab,bc,cd,da->", R(2, 3), R(3, 4), R(4, 5), R(5, 2))
ein("sum_one_sided", "ijk,l->l", R(2, 3, 4), R(5))
ein("broadcast_size1", "ij,kj", R(2, 3), R(4, 1))
ein("upper_and_lower", "Ab,bA->", R(2, 3), R(3, 2))
ein("upper_before_lower", "bA,Ab", R(2, 3), R(3, 2))
ein("float64", "ij,jk->ik", R(3, 4, dtype=torch.float64), R(4, 5, dtype=torch.float64))
ein("float64_attention", "bhqd,bhkd->bhqk", R(1, 2, 3, 4, dtype=torch.float64), R(1, 2, 5, 4, dtype=torch.float64))

# ---- one operand: permutes, diagonals, sums ----
ein("identity", "ij", R(3, 4))
ein("transpose_implicit", "ji", R(3, 4))
ein("transpose", "ij->ji", R(3, 4))
ein("permute3", "ijk->kij", R(2, 3, 4))
ein("sum_all", "ij->", R(3, 4))
ein("sum_rows", "ij->j", R(3, 4))
ein("diag", "ii->i", R(3, 3))
ein("trace", "ii", R(3, 3))
ein("trace_explicit", "ii->", R(3, 3))
ein("batch_diag", "bii->bi", R(2, 3, 3))
ein("diag_middle", "iji->ji", R(3, 2, 3))
ein("triple_diag", "iii->i", R(3, 3, 3))
ein("diag_then_contract", "iij,j", R(3, 3, 4), R(4))
ein("diag_two_operands", "ii,jj->ij", R(3, 3), R(2, 2))

# ---- ellipsis ----
ein("ellipsis_batched_matmul", "...ij,...jk", R(2, 3, 4), R(4, 5))
ein("ellipsis_broadcast", "...ij,...jk->...ik", R(2, 1, 3, 4), R(5, 4, 2))
ein("ellipsis_middle", "i...j,j...->i...", R(2, 3, 4), R(4, 3))
ein("ellipsis_summed", "...ij->ij", R(2, 3, 4, 5))
ein("ellipsis_out_middle", "b...i->i...b", R(2, 3, 4, 5))
ein("ellipsis_empty", "...i,...i->...", R(4), R(4))
ein("ellipsis_scalar", "...,...->...", R(), R(3))
ein("ellipsis_only", "...", R(2, 3))
ein("ellipsis_implicit_sum", "...ii", R(2, 3, 3))

# ---- 0-d, empty, non-contiguous ----
ein("scalar_operands", ",->", R(), R())
ein("scalar_times_matrix", ",ij->ij", R(), R(2, 3))
ein("scalar_no_arrow", "", R())
ein("empty_rows", "ij,jk->ik", spec(torch.zeros(0, 3)), R(3, 4))
ein("empty_contraction", "ij,jk->ik", spec(torch.zeros(2, 0)), spec(torch.zeros(0, 4)))
ein("empty_dot", "i,i", spec(torch.zeros(0)), spec(torch.zeros(0)))
ein("empty_trace", "ii->", spec(torch.zeros(0, 0)))
ein("transposed_operand", "ij,jk->ik", R(4, 3, layout="t"), R(4, 5))
ein("expanded_operand", "ij,jk->ik", spec(rand([1, 4], 9300), layout="expand", shape=[3, 4]), R(4, 5))
ein("sliced_operand", "ij,jk->ik", R(6, 4, layout="slice"), R(5, 4, layout="t"))
ein("transposed_diag", "ii->i", R(3, 3, layout="t"))

# ---- other call forms ----
case("operand_list", [R(3, 4), R(4, 5)], {"equation": "ij,jk->ik", "list": True})
case("sublist", [R(3, 4), R(4, 5)], {"sublists": [[0, 1], [1, 2]], "outSublist": [0, 2]})
case("sublist_implicit_upper", [R(3, 4), R(4, 5)], {"sublists": [[27, 2], [2, 30]]})
case("sublist_ellipsis", [R(2, 3, 4), R(4, 5)], {"sublists": [["...", 0, 1], ["...", 1, 2]], "outSublist": ["...", 0, 2]})

# ---- dtypes ----
Ii = spec([[1, 2, 3], [4, 5, 6]], dtype="int64")
Ij = spec([[1, -1], [2, 0], [0, 3]], dtype="int64")
case("int64_matmul", [Ii, Ij], {"equation": "ij,jk->ik"})
case("int64_sum", [Ii], {"equation": "ij->i"})
case("int64_outer", [spec([1, 2], dtype="int64"), spec([3, 4, 5], dtype="int64")], {"equation": "i,j->ij"})
case("mixed_mul_promotes", [R(3), R(4, dtype=torch.float64)], {"equation": "i,j->ij"})
case("bool_permute", [spec([[True, False, True]], dtype="bool")], {"equation": "ij->ji"})
case("bool_outer", [spec([True, False], dtype="bool"), spec([True, True, False], dtype="bool")], {"equation": "i,j->ij"})
case("int32_matmul", [Ii, Ij], {"equation": "ij,jk->ik", "cast": "int32"})
case("uint8_dot", [spec([1, 2, 3], dtype="int64"), spec([4, 5, 6], dtype="int64")], {"equation": "i,i", "cast": "uint8"})
case("float16_outer", [R(3), R(2)], {"equation": "i,j->ij", "cast": "float16"})
case("bfloat16_transpose", [R(2, 3)], {"equation": "ij->ji", "cast": "bfloat16"})

# ---- errors ----
E = lambda name, eq, *ins: error(name, list(ins), {"equation": eq})
E("error_size_mismatch", "ij,jk", R(2, 3), R(4, 5))
E("error_ellipsis_broadcast", "...ij,...jk", R(2, 3, 4), R(3, 4, 5))
E("error_too_many_dims", "ij", R(2, 3, 4))
E("error_too_few_dims_ellipsis", "...ij", R(2))
E("error_fewer_operands", "ij,jk", R(2, 3))
E("error_more_operands", "ij", R(2, 3), R(3, 4))
E("error_invalid_char", "i1", R(2, 2))
E("error_invalid_output_char", "ij->1", R(2, 3))
E("error_second_arrow", "i->i->i", R(2))
E("error_output_unknown", "ij->k", R(2, 3))
E("error_output_twice", "ij->ii", R(2, 3))
E("error_diag_sizes", "ii", R(2, 3))
E("error_broken_ellipsis", "i..j", R(2, 3))
E("error_two_ellipses", "......", R(2, 3))
E("error_output_two_ellipses", "ij->....", R(2, 3))
E("error_output_broken_ellipsis", "ij->i..", R(2, 3))
E("error_bmm_dtypes", "ij,jk", R(2, 3), R(3, 4, dtype=torch.float64))
E("error_no_operands", "ij")
error("error_half_bmm", [R(2, 3), R(3, 2)], {"equation": "ij,jk", "cast": "float16"})
error("error_sublist_range", [R(2, 3)], {"sublists": [[0, 52]]})

# ---- trace (appended: the weights of earlier cases come from one stream) ----
T = lambda name, x, **kw: case(name, [x], kw, op="trace", known_grads=name == "trace_tall")
T("trace_square", R(3, 3))
T("trace_wide", R(3, 5))
T("trace_tall", R(4, 2))
T("trace_float64", R(3, 3, dtype=torch.float64))
T("trace_transposed", R(4, 3, layout="t"))
T("trace_expanded", spec(rand([1, 3], 9400), layout="expand", shape=[3, 3]))
T("trace_sliced", R(6, 3, layout="slice"))
T("trace_empty", spec(torch.zeros(0, 3)))
T("trace_int64", Ii)
T("trace_int32", Ii, cast="int32")
T("trace_uint8", Ii, cast="uint8")
T("trace_int8", Ii, cast="int8")
error("error_trace_3d", [R(2, 3, 4)], {}, op="trace")
error("error_trace_1d", [R(3)], {}, op="trace")
error("error_trace_0d", [R()], {}, op="trace")
error("error_trace_bool", [spec([[True, False], [False, True]], dtype="bool")], {}, op="trace")
error("error_trace_half", [R(2, 2)], {"cast": "float16"}, op="trace")
error("error_trace_bfloat16", [R(2, 2)], {"cast": "bfloat16"}, op="trace")

# ---- unique along a dim, unique_consecutive (no graph: grad=False, as seqops' unique) ----
U2 = spec([[1, 2, 1, 2], [3, 0, 3, 0], [1, 2, 1, 2], [0, 5, 0, 5]], dtype="int64")
Uf = spec([[0.5, -1.0, 0.5], [2.0, 2.0, 2.0], [0.5, -1.0, 0.5], [0.5, -1.0, 0.25]])
U3 = spec([[[1, 1], [2, 2]], [[1, 1], [2, 2]], [[0, 1], [2, 2]]], dtype="int64")
UD = lambda name, x, **a: case(name, [x], a, op="unique", grad=False)
UD("uniqueDim_rows", U2, dim=0)
UD("uniqueDim_cols_inverse_counts", U2, dim=1, returnInverse=True, returnCounts=True)
UD("uniqueDim_negative_dim", U2, dim=-1, returnCounts=True)
UD("uniqueDim_float_rows", Uf, dim=0, returnInverse=True)
UD("uniqueDim_3d_middle", U3, dim=1, returnInverse=True, returnCounts=True)
UD("uniqueDim_3d_first", U3, dim=0, returnInverse=True, returnCounts=True)
UD("uniqueDim_transposed", spec([[1, 3, 1], [2, 0, 2]], dtype="int64", layout="t"), dim=0, returnInverse=True)
UD("uniqueDim_bool", spec([[True, False], [True, False], [False, False]], dtype="bool"), dim=0, returnCounts=True)
UD("uniqueDim_float64", spec(rand([3, 2], 9500, dtype=torch.float64)), dim=1)
UD("uniqueDim_empty_selected", spec(torch.zeros(0, 3)), dim=0, returnInverse=True, returnCounts=True)
UD("uniqueDim_uint8", U2, dim=0, cast="uint8", returnCounts=True)
UD("uniqueDim_bfloat16", Uf, dim=0, cast="bfloat16", returnInverse=True)
UC = lambda name, x, **a: case(name, [x], a, op="uniqueConsecutive", grad=False)
Uc = spec([1, 1, 2, 2, 3, 1, 1, 2], dtype="int64")
UC("uniqueConsecutive_flat", Uc)
UC("uniqueConsecutive_flat_inverse_counts", Uc, returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_2d_flat_inverse", U2, returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_float", spec([0.5, 0.5, -1.0, 0.5, 2.0, 2.0]), returnCounts=True)
UC("uniqueConsecutive_dim0", spec([[1, 2], [1, 2], [3, 4], [1, 2]], dtype="int64"), dim=0, returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_dim1", spec([[1, 1, 2], [3, 3, 4]], dtype="int64"), dim=1, returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_negative_dim", spec([[1, 1, 2], [3, 3, 4]], dtype="int64"), dim=-1)
UC("uniqueConsecutive_0d", spec(3.5), returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_empty", spec(torch.zeros(0, 3)), returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_empty_dim", spec(torch.zeros(3, 0)), dim=1, returnInverse=True, returnCounts=True)
UC("uniqueConsecutive_bool", spec([True, True, False, True], dtype="bool"), returnCounts=True)
UC("uniqueConsecutive_sliced", spec([[1, 2], [9, 9], [1, 2], [9, 9], [3, 3]], dtype="int64", layout="slice"), dim=0, returnCounts=True)
UC("uniqueConsecutive_int8", Uc, cast="int8", returnInverse=True)
error("error_uniqueDim_0d", [spec(3.0)], {"dim": 0}, op="unique")
error("error_uniqueDim_two_empty_dims", [spec(torch.zeros(0, 0))], {"dim": 0}, op="unique")
error("error_uniqueDim_empty_not_selected", [spec(torch.zeros(0, 3))], {"dim": 1}, op="unique")
error("error_uniqueDim_half", [Uf], {"dim": 0, "cast": "float16"}, op="unique")
error("error_uniqueDim_range", [U2], {"dim": 2}, op="unique")
error("error_uniqueConsecutive_half", [Uf], {"cast": "float16"}, op="uniqueConsecutive")
error("error_uniqueConsecutive_dim_half", [Uf], {"dim": 0, "cast": "float16"}, op="uniqueConsecutive")
error("error_uniqueConsecutive_empty_not_selected", [spec(torch.zeros(3, 0))], {"dim": 0}, op="uniqueConsecutive")

# ---- multi_dot, chain_matmul ----
MD = lambda name, *xs: case(name, list(xs), {}, op="multiDot")
MD("multiDot_two", R(3, 4), R(4, 5))
MD("multiDot_three_right_first", R(3, 4), R(4, 5), R(5, 2))
MD("multiDot_three_left_first", R(2, 5), R(5, 4), R(4, 3))
MD("multiDot_three_tie", R(2, 2), R(2, 2), R(2, 2))
MD("multiDot_four", R(2, 3), R(3, 4), R(4, 5), R(5, 6))
MD("multiDot_five_mixed", R(6, 2), R(2, 5), R(5, 1), R(1, 4), R(4, 3))
MD("multiDot_vector_first", R(4), R(4, 3))
MD("multiDot_vector_last", R(3, 4), R(4))
MD("multiDot_vectors", R(4), R(4, 5), R(5))
MD("multiDot_dot", R(4), R(4))
MD("multiDot_float64", R(2, 3, dtype=torch.float64), R(3, 4, dtype=torch.float64), R(4, 2, dtype=torch.float64))
MD("multiDot_noncontiguous", R(4, 3, layout="t"), R(8, 2, layout="slice"), R(5, 2, layout="t"))
MD("multiDot_empty_rows", spec(torch.zeros(0, 3)), R(3, 2))
MD("multiDot_empty_inner", spec(torch.zeros(2, 0)), spec(torch.zeros(0, 2)))
case("multiDot_int64", [Ii, Ij], {}, op="multiDot")
CM = lambda name, *xs: case(name, list(xs), {}, op="chainMatmul")
CM("chainMatmul_one", R(2, 3))
CM("chainMatmul_three", R(3, 4), R(4, 5), R(5, 2))
CM("chainMatmul_four", R(2, 3), R(3, 4), R(4, 5), R(5, 6))
ME = lambda name, *xs: error(name, list(xs), {}, op="multiDot")
ME("error_multiDot_one", R(3))
ME("error_multiDot_none")
ME("error_multiDot_shapes", R(2, 3), R(4, 5))
ME("error_multiDot_vector_shapes", R(3), R(4, 5))
ME("error_multiDot_middle_shapes", R(2, 3), R(3, 4), R(5, 6))
ME("error_multiDot_first_3d", R(2, 3, 4), R(4, 5))
ME("error_multiDot_last_3d", R(2, 3), R(3, 4, 5))
ME("error_multiDot_middle_1d", R(2, 3), R(3), R(3, 2))
ME("error_multiDot_dtypes", Ii, R(3, 2))
ME("error_multiDot_bool", spec([[True, False]], dtype="bool"), spec([[True], [False]], dtype="bool"))
error("error_chainMatmul_none", [], {}, op="chainMatmul")
error("error_chainMatmul_1d", [R(3)], {}, op="chainMatmul")
error("error_chainMatmul_3d", [R(2, 3), R(3, 4, 5)], {}, op="chainMatmul")

# ---- einsum over the small dtypes (appended) ----
Ones23 = spec([[1, 2, 0], [3, 1, 1]], dtype="int64")
Ones32 = spec([[1, 0], [2, 1], [0, 3]], dtype="int64")
for dt in ("int8", "uint8", "int16", "bfloat16"):
    case(f"small_{dt}_matmul", [Ones23, Ones32], {"equation": "ij,jk", "cast": dt})
    case(f"small_{dt}_sum", [Ones23], {"equation": "ij->", "cast": dt})
    case(f"small_{dt}_rowdot", [Ones23, Ones23], {"equation": "ij,ij->i", "cast": dt})
case("small_bool_sum", [spec([[True, False], [True, True]], dtype="bool")], {"equation": "ij->"})
case("small_float16_sum", [Ones23], {"equation": "ij->", "cast": "float16"})
error("error_bool_bmm", [spec([[True, False]], dtype="bool"), spec([[True], [False]], dtype="bool")], {"equation": "ij,jk"})
error("error_float16_rowdot", [Ones23, Ones23], {"equation": "ij,ij->i", "cast": "float16"})

r.write()
