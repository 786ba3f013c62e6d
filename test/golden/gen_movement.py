"""Golden data for the movement ops (test/movement.test.ts): cat, stack,
split, chunk, unbind, indexSelect, gather. Values, grads, grad_fn names,
next_functions, printed forms and error messages from real PyTorch; see
shape_cases.py. Index tensors are int64, as PyTorch's."""
import torch

from common import Recorder, small_spec as small, spec, rand
from shape_cases import ShapeCases, idx

r = Recorder("movement")
c = ShapeCases(r)

A = spec(rand([2, 3, 4], 1))
B = spec(rand([2, 2, 4], 2))
C = spec(rand([2, 3, 1], 3))
At = spec(rand([4, 3], 4), layout="t")                     # [3, 4] transposed
Ae = spec(rand([1, 4], 5), layout="expand", shape=[3, 4])  # [3, 4] expanded
As = spec(rand([6, 4], 6), layout="slice", step=2)         # [3, 4] sliced
M = spec(rand([3, 4], 7))
M2 = spec(rand([2, 4], 8))
M64 = spec(rand([3, 4], 9, dtype=torch.float64))
Mi = spec([[1, 2, 3, 4], [5, 6, 7, 8]], dtype="int32")
Mb = spec([[True, False, True, True]], dtype="bool")
Z = spec(rand([], 10))
Z2 = spec(rand([], 11))
E1 = spec(torch.zeros(0))            # the legacy "skip me" shape
E2 = spec(torch.zeros(0, 4))
V = spec(rand([5], 12))
V2 = spec(rand([3], 13))

# ---- cat ----
c.case("cat_dim0", "cat", [M, M2], {"dim": 0})
c.case("cat_dim1", "cat", [A, B], {"dim": 1})
c.case("cat_dim_last", "cat", [A, C], {"dim": -1})
c.case("cat_three", "cat", [M, At, As], {"dim": 0})
c.case("cat_noncontiguous", "cat", [At, Ae, As], {"dim": 1})
c.case("cat_single", "cat", [M], {"dim": 1})
c.case("cat_same_twice", "cat", [M], {"dim": 0, "repeat": 2})
c.case("cat_1d", "cat", [V, V2], {"dim": 0})
c.case("cat_skip_empty_1d", "cat", [M, E1, M2], {"dim": 0})
c.case("cat_skip_empty_1d_dim1", "cat", [E1, M], {"dim": 1})
c.case("cat_all_empty", "cat", [E1, E1], {"dim": 0}, double=False)
c.case("cat_all_empty_any_dim", "cat", [E1, E1], {"dim": 5}, double=False)
c.case("cat_skip_empty_dim_checked_on_others", "cat", [E1, M], {"dim": -2})
c.case("cat_empty_2d", "cat", [E2, M2], {"dim": 0})
c.case("cat_int_float", "cat", [Mi, M2], {"dim": 0})
c.case("cat_float_double", "cat", [M, M64], {"dim": 0})
c.case("cat_bool_int", "cat", [Mb, Mi], {"dim": 0})
c.case("cat_ints", "cat", [Mi, Mi], {"dim": 1})
c.error("cat_err_sizes", "cat", [spec(rand([2, 3], 14)), spec(rand([3, 3], 15))], {"dim": 1})
c.error("cat_err_sizes_third", "cat", [A, A, B], {"dim": 2})
c.error("cat_err_ndim", "cat", [A, M], {"dim": 0})
c.error("cat_err_empty_2d_ndim", "cat", [A, E2], {"dim": 0})
c.error("cat_err_0d", "cat", [Z, Z2], {"dim": 0})
c.error("cat_err_0d_second", "cat", [V, Z], {"dim": 0})
c.error("cat_err_dim", "cat", [A, A], {"dim": 3})
c.error("cat_err_list", "cat", [], {"dim": 0})

# ---- stack ----
c.case("stack_dim0", "stack", [M, At], {"dim": 0})
c.case("stack_dim1", "stack", [M, Ae, As], {"dim": 1})
c.case("stack_dim_last", "stack", [A, A], {"dim": -1})
c.case("stack_0d", "stack", [Z, Z2], {"dim": 0})
c.case("stack_0d_neg", "stack", [Z, Z2], {"dim": -1})
c.case("stack_single", "stack", [V], {"dim": 0})
c.case("stack_same_twice", "stack", [V], {"dim": 1, "repeat": 2})
c.case("stack_empty", "stack", [E2, E2], {"dim": 1}, double=False)
c.case("stack_promote", "stack", [spec([1, 2], dtype="int32"), spec([0.5, 1.5])], {"dim": 0})
c.error("stack_err_sizes", "stack", [A, B], {"dim": 0})
c.error("stack_err_transposed", "stack", [M, spec(rand([3, 4], 16), layout="t")], {"dim": 0})
c.error("stack_err_dim", "stack", [A, A], {"dim": 4})
c.error("stack_err_dim_neg", "stack", [A, A], {"dim": -5})
c.error("stack_err_list", "stack", [], {"dim": 0})

# ---- split / chunk / unbind ----
Big = spec(rand([4, 5], 17))
c.case("split_even", "split", [spec(rand([4, 6], 18))], {"split": 2, "dim": 1})
c.case("split_uneven", "split", [Big], {"split": 2, "dim": 1})
c.case("split_larger", "split", [Big], {"split": 10, "dim": 0})
c.case("split_neg_dim", "split", [A], {"split": 1, "dim": -2})
c.case("split_sections", "split", [Big], {"split": [1, 3, 1], "dim": 1})
c.case("split_sections_zero", "split", [Big], {"split": [2, 0, 2], "dim": 0})
c.case("split_sections_one", "split", [Big], {"split": [5], "dim": 1})
c.case("split_transposed", "split", [At], {"split": 2, "dim": 1})
c.case("split_expanded", "split", [Ae], {"split": [1, 2], "dim": 0})
c.case("split_empty", "split", [E2], {"split": 2, "dim": 0}, double=False)
c.case("split_empty_zero", "split", [E2], {"split": 0, "dim": 0}, double=False)
c.case("split_int", "split", [Mi], {"split": 3, "dim": 1})
c.error("split_err_zero", "split", [A], {"split": 0, "dim": 1})
c.error("split_err_negative", "split", [A], {"split": -1, "dim": 1})
c.error("split_err_sum", "split", [A], {"split": [1, 1], "dim": 1})
c.error("split_err_negative_section", "split", [A], {"split": [4, -1], "dim": 1})
c.error("split_err_0d", "split", [Z], {"split": 1, "dim": 0})
c.error("split_err_dim", "split", [A], {"split": 1, "dim": 3})

c.case("chunk_2", "chunk", [A], {"chunks": 2, "dim": 1})
c.case("chunk_fewer", "chunk", [spec(rand([4, 6], 19))], {"chunks": 4, "dim": 1})
c.case("chunk_uneven", "chunk", [V], {"chunks": 4, "dim": 0})
c.case("chunk_more_than_size", "chunk", [V2], {"chunks": 5, "dim": 0})
c.case("chunk_neg_dim", "chunk", [A], {"chunks": 3, "dim": -1})
c.case("chunk_transposed", "chunk", [At], {"chunks": 3, "dim": 0})
c.case("chunk_empty_dim", "chunk", [spec(torch.zeros(4, 0))], {"chunks": 3, "dim": 1}, double=False)
c.error("chunk_err_zero", "chunk", [A], {"chunks": 0, "dim": 1})
c.error("chunk_err_negative", "chunk", [A], {"chunks": -1, "dim": 1})
c.error("chunk_err_0d", "chunk", [Z], {"chunks": 1, "dim": 0})

c.case("unbind_0", "unbind", [A], {"dim": 0})
c.case("unbind_1", "unbind", [A], {"dim": 1})
c.case("unbind_neg", "unbind", [At], {"dim": -1})
c.case("unbind_1d", "unbind", [V2], {"dim": 0})
c.case("unbind_bool", "unbind", [Mb], {"dim": 1})
c.error("unbind_err_0d", "unbind", [Z], {"dim": 0})
c.error("unbind_err_dim", "unbind", [A], {"dim": 3})

# ---- indexSelect ----
c.case("index_select_dim0", "indexSelect", [M], {"dim": 0, "index": idx([2, 0])})
c.case("index_select_dim1_repeats", "indexSelect", [A], {"dim": 1, "index": idx([2, 0, 2, 2])})
c.case("index_select_last", "indexSelect", [A], {"dim": -1, "index": idx([3, 1])})
c.case("index_select_empty_index", "indexSelect", [A], {"dim": 1, "index": idx([])}, double=False)
c.case("index_select_0d_index", "indexSelect", [A], {"dim": 1, "index": idx(1)})
c.case("index_select_0d_self", "indexSelect", [Z], {"dim": 0, "index": idx([0])})
c.case("index_select_0d_both", "indexSelect", [Z], {"dim": -1, "index": idx(0)})
c.case("index_select_transposed", "indexSelect", [At], {"dim": 1, "index": idx([3, 0, 0])})
c.case("index_select_expanded", "indexSelect", [Ae], {"dim": 0, "index": idx([1, 2])})
c.case("index_select_sliced", "indexSelect", [As], {"dim": 1, "index": idx([1, 1, 3])})
c.case("index_select_1d", "indexSelect", [V], {"dim": 0, "index": idx([4, 0, 4, 1])})
c.case("index_select_float64", "indexSelect", [M64], {"dim": 1, "index": idx([0, 3])})
c.case("index_select_int", "indexSelect", [Mi], {"dim": 1, "index": idx([3, 3, 0])})
c.case("index_select_bool", "indexSelect", [Mb], {"dim": 1, "index": idx([1, 0])})
c.case("index_select_empty_self_empty_index", "indexSelect", [E2], {"dim": 0, "index": idx([])}, double=False)
c.error("index_select_err_2d_index", "indexSelect", [A], {"dim": 1, "index": idx([[0]])})
c.error("index_select_err_float_index", "indexSelect", [A], {"dim": 1, "index": {"shape": [1], "dtype": "float32", "data": [0.0]}})
c.error("index_select_err_range_1d", "indexSelect", [V], {"dim": 0, "index": idx([5])})
c.error("index_select_err_range_dim0", "indexSelect", [M], {"dim": 0, "index": idx([0, 3])})
c.error("index_select_err_negative_dim0", "indexSelect", [M], {"dim": 0, "index": idx([-1])})
c.error("index_select_err_range_0d", "indexSelect", [Z], {"dim": 0, "index": idx([1])})
c.error("index_select_err_empty_self", "indexSelect", [E2], {"dim": 0, "index": idx([0])})
c.error("index_select_err_dim", "indexSelect", [A], {"dim": 3, "index": idx([0])})

# ---- gather ----
G = idx([[[0, 1, 2, 0]], [[2, 2, 1, 0]]])    # [2, 1, 4] into A along dim 1
c.case("gather_dim1", "gather", [A], {"dim": 1, "index": G})
c.case("gather_dim0", "gather", [M], {"dim": 0, "index": idx([[2, 0, 1, 1], [0, 0, 0, 2]])})
c.case("gather_last_smaller", "gather", [M], {"dim": -1, "index": idx([[3, 0], [1, 1]])})
c.case("gather_longer_than_self", "gather", [M], {"dim": 1, "index": idx([[0, 1, 2, 3, 3, 2, 1, 0]])})
c.case("gather_duplicates", "gather", [V], {"dim": 0, "index": idx([1, 1, 1, 4, 4])})
c.case("gather_transposed_self", "gather", [At], {"dim": 0, "index": idx([[2, 1, 0, 0], [1, 1, 1, 2]])})
c.case("gather_expanded_self", "gather", [Ae], {"dim": 1, "index": idx([[3, 2], [1, 0], [0, 0]])})
c.case("gather_transposed_index", "gather", [M], {"dim": 1, "index": idx([[0, 1, 2], [3, 3, 0]]), "indexT": True})
c.case("gather_0d", "gather", [Z], {"dim": 0, "index": idx(0)})
c.case("gather_0d_self_1d_index", "gather", [Z], {"dim": 0, "index": idx([0, 0])})
c.case("gather_1d_self_0d_index", "gather", [V], {"dim": 0, "index": idx(3)})
c.case("gather_empty_index", "gather", [M], {"dim": 1, "index": {"shape": [3, 0], "dtype": "int32", "data": []}}, double=False)
c.case("gather_float64", "gather", [M64], {"dim": 1, "index": idx([[1], [0], [3]])})
c.case("gather_int", "gather", [Mi], {"dim": 1, "index": idx([[3, 0], [1, 2]])})
c.case("gather_bool", "gather", [Mb], {"dim": 1, "index": idx([[3, 1, 1]])})
c.error("gather_err_ndim", "gather", [A], {"dim": 1, "index": idx([[0]])})
c.error("gather_err_size", "gather", [A], {"dim": 1, "index": {"shape": [3, 3, 4], "dtype": "int32", "data": [0] * 36}})
c.error("gather_err_range", "gather", [A], {"dim": 1, "index": idx([[[0, 1, 3, 0]]])})
c.error("gather_err_negative", "gather", [A], {"dim": 1, "index": idx([[[0, 1, -1, 0]]])})
c.error("gather_err_0d_range", "gather", [Z], {"dim": 0, "index": idx(1)})
c.error("gather_err_empty_self", "gather", [E2], {"dim": 0, "index": idx([[0]])})
c.error("gather_err_dim", "gather", [M], {"dim": 2, "index": idx([[0]])})

# ---- small dtypes (uint8, int8, int16, float16, bfloat16) ----
# Movement and view ops copy or alias elements, whatever the dtype; cat and
# stack promote mixed dtypes as PyTorch's result_type does.
SMALL_VALUES = {
    "uint8": [[1, 200, 3, 0], [255, 7, 9, 100], [4, 4, 250, 1]],
    "int8": [[1, -128, 3, 0], [127, -7, 9, 100], [4, 4, -50, 1]],
    "int16": [[1, -32768, 3, 0], [32767, -7, 9, 100], [4, 4, -50, 1]],
    "float16": [[1.5, -2.25, 60000.0, 0.0], [65504.0, -7.0, 0.099975586, float("nan")], [4.0, float("-inf"), -50.0, 1.0]],
    "bfloat16": [[1.5, -2.25, 3.0e38, 0.0], [3.0e38, -7.0, 0.099609375, float("nan")], [4.0, float("inf"), -50.0, 1.0]],
}


SMALLS = {}
for dt, values in SMALL_VALUES.items():
    S = SMALLS[dt] = small(values, dt)
    St = small(torch.tensor(values, dtype=torch.float64).t().tolist(), dt, layout="t")  # [3, 4], transposed
    c.case(f"cat_{dt}", "cat", [S, St], {"dim": 0})
    c.case(f"cat_{dt}_dim1", "cat", [St, S], {"dim": -1})
    c.case(f"stack_{dt}", "stack", [S, St], {"dim": 1})
    c.case(f"split_{dt}", "split", [St], {"split": 3, "dim": 1})
    c.case(f"chunk_{dt}", "chunk", [S], {"chunks": 2, "dim": 0})
    c.case(f"unbind_{dt}", "unbind", [St], {"dim": 1})
    c.case(f"index_select_{dt}", "indexSelect", [S], {"dim": 1, "index": idx([3, 0, 0, 2])})
    c.case(f"gather_{dt}", "gather", [St], {"dim": 0, "index": idx([[2, 1, 0, 0], [1, 1, 1, 2]])})
    c.case(f"permute_{dt}_contiguous", "contiguous", [St])
    c.case(f"reshape_{dt}_transposed", "reshape", [St], {"shape": [2, 6]})
    c.case(f"view_{dt}", "view", [S], {"shape": [4, 3]})
    c.case(f"expand_{dt}", "expand", [small([[1, 2, 3, 4]], dt)], {"shape": [3, 4]})
    c.case(f"narrow_{dt}", "narrow", [St], {"dim": 1, "start": 1, "length": 2})
    c.case(f"select_{dt}", "select", [S], {"dim": 1, "index": -1})
    c.case(f"slice_{dt}", "slice", [S], {"dim": 1, "start": 0, "end": 4, "step": 2})
    c.case(f"cat_{dt}_float32", "cat", [S, M], {"dim": 0})
    c.case(f"cat_{dt}_int64", "cat", [S, spec([[1, 2, 3, 4]])], {"dim": 0})
    c.case(f"cat_{dt}_empty", "cat", [S, small(torch.zeros(0, 4).tolist(), dt)], {"dim": 0})
for a, b in [("uint8", "int8"), ("int8", "int16"), ("float16", "bfloat16"), ("uint8", "float16"), ("bfloat16", "int16")]:
    c.case(f"cat_{a}_{b}", "cat", [SMALLS[a], SMALLS[b]], {"dim": 0})
    c.case(f"stack_{a}_{b}", "stack", [SMALLS[a], SMALLS[b]], {"dim": 0})

r.write()
