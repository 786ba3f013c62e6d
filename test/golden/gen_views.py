"""Golden data for the views (test/views.test.ts): view, reshape, flatten,
unsqueeze, squeeze, transpose, t, T, permute, expand, expandAs, contiguous,
narrow, slice, select. Values, grads, grad_fn names, next_functions, printed
forms and error messages from real PyTorch; see shape_cases.py."""
import warnings

import torch

from common import Recorder, spec, rand
from shape_cases import ShapeCases

warnings.filterwarnings("ignore")  # x.T on non-2-D tensors is deprecated in 1.13
r = Recorder("views")
c = ShapeCases(r)

A = spec(rand([2, 3, 4], 1))                          # contiguous [2, 3, 4]
At = spec(rand([4, 3], 2), layout="t")                # [3, 4], strides [1, 3]
Ae = spec(rand([1, 4], 3), layout="expand", shape=[3, 4])  # [3, 4], strides [0, 1]
As = spec(rand([6, 4], 4), layout="slice", step=2)   # [3, 4], strides [8, 1]
A64 = spec(rand([2, 3], 5, dtype=torch.float64))
Z = spec(rand([], 6))                                 # 0-d
E = spec(torch.zeros(0, 3))                           # empty
S1 = spec(rand([1, 3, 1, 2], 7))
V = spec(rand([5], 8))
I = spec([[1, 2, 3], [4, 5, 6]], dtype="int32")
B = spec([[True, False, True], [False, False, True]], dtype="bool")

# ---- view / reshape ----
c.case("view_2d", "view", [A], {"shape": [6, 4]})
c.case("view_infer", "view", [A], {"shape": [4, -1]})
c.case("view_flat", "view", [A], {"shape": [-1]})
c.case("view_1x", "view", [A], {"shape": [1, 24, 1]})
c.case("view_float64", "view", [A64], {"shape": [3, 2]})
c.case("view_transposed_ok", "view", [At], {"shape": [3, 4, 1]})
c.case("view_sliced_ok", "view", [As], {"shape": [3, 2, 2]})
c.case("view_expanded_ok", "view", [Ae], {"shape": [3, 2, 2]})
c.case("view_0d_to_1x1", "view", [Z], {"shape": [1, 1]})
c.case("view_0d_infer", "view", [Z], {"shape": [-1]})
c.case("view_0d_to_0d", "view", [Z], {"shape": []})
c.case("view_empty", "view", [E], {"shape": [3, 0]})
c.case("view_empty_infer", "view", [E], {"shape": [-1]})
c.case("view_empty_infer_3", "view", [E], {"shape": [5, -1]})
c.case("view_int", "view", [I], {"shape": [3, 2]})
c.error("view_err_transposed", "view", [At], {"shape": [12]})
c.error("view_err_sliced", "view", [As], {"shape": [12]})
c.error("view_err_expanded", "view", [Ae], {"shape": [-1]})
c.error("view_err_two_infer", "view", [A], {"shape": [-1, -1]})
c.error("view_err_size", "view", [A], {"shape": [5, -1]})
c.error("view_err_size_exact", "view", [A], {"shape": [5, 5]})
c.error("view_err_negative", "view", [A], {"shape": [-2, 12]})
c.error("view_err_ambiguous", "view", [E], {"shape": [0, -1]})
c.error("view_err_ambiguous2", "view", [E], {"shape": [-1, 0]})

c.case("reshape_viewable", "reshape", [A], {"shape": [3, 8]})
c.case("reshape_same", "reshape", [A], {"shape": [2, 3, 4]})
c.case("reshape_transposed", "reshape", [At], {"shape": [-1]})
c.case("reshape_transposed_2", "reshape", [At], {"shape": [2, 6]})
c.case("reshape_expanded", "reshape", [Ae], {"shape": [12]})
c.case("reshape_sliced", "reshape", [As], {"shape": [2, 6]})
c.case("reshape_0d", "reshape", [Z], {"shape": [1]})
c.case("reshape_empty", "reshape", [E], {"shape": [0, 5]})
c.case("reshape_bool_transposed", "reshape", [spec([[True, False, True], [False, False, True]], dtype="bool", layout="t")], {"shape": [6]})
c.error("reshape_err", "reshape", [A], {"shape": [7, -1]})

# ---- flatten ----
c.case("flatten_all", "flatten", [A])
c.case("flatten_12", "flatten", [A], {"start": 1, "end": 2})
c.case("flatten_01", "flatten", [A], {"start": 0, "end": 1})
c.case("flatten_neg", "flatten", [A], {"start": -2, "end": -1})
c.case("flatten_same_dim_self", "flatten", [A], {"start": 1, "end": 1})
c.case("flatten_1d_self", "flatten", [V])
c.case("flatten_0d", "flatten", [Z])
c.case("flatten_0d_neg", "flatten", [Z], {"start": -1, "end": -1})
c.case("flatten_transposed", "flatten", [At])
c.error("flatten_err_order", "flatten", [A], {"start": 2, "end": 1})
c.error("flatten_err_dim", "flatten", [A], {"start": 0, "end": 3})
c.error("flatten_err_0d", "flatten", [Z], {"start": 1})

# ---- unsqueeze / squeeze ----
c.case("unsqueeze_0", "unsqueeze", [A], {"dim": 0})
c.case("unsqueeze_last", "unsqueeze", [A], {"dim": 3})
c.case("unsqueeze_neg", "unsqueeze", [A], {"dim": -2})
c.case("unsqueeze_transposed", "unsqueeze", [At], {"dim": 1})
c.case("unsqueeze_0d", "unsqueeze", [Z], {"dim": 0})
c.case("unsqueeze_0d_neg", "unsqueeze", [Z], {"dim": -1})
c.error("unsqueeze_err", "unsqueeze", [A], {"dim": 4})
c.error("unsqueeze_err_neg", "unsqueeze", [A], {"dim": -5})
c.error("unsqueeze_err_0d", "unsqueeze", [Z], {"dim": 1})

c.case("squeeze_all", "squeeze", [S1])
c.case("squeeze_dim", "squeeze", [S1], {"dim": 2})
c.case("squeeze_dim_neg", "squeeze", [S1], {"dim": -4})
c.case("squeeze_dim_not_one", "squeeze", [S1], {"dim": 1})
c.case("squeeze_none", "squeeze", [A])
c.case("squeeze_0d", "squeeze", [Z])
c.case("squeeze_0d_dim", "squeeze", [Z], {"dim": 0})
c.case("squeeze_expanded", "squeeze", [spec(rand([1, 3], 9), layout="expand", shape=[1, 1, 3])])
c.error("squeeze_err", "squeeze", [S1], {"dim": 4})

# ---- transpose / t / T / permute ----
c.case("transpose_02", "transpose", [A], {"dim0": 0, "dim1": 2})
c.case("transpose_neg", "transpose", [A], {"dim0": -1, "dim1": 0})
c.case("transpose_same", "transpose", [A], {"dim0": 1, "dim1": 1})
c.case("transpose_transposed", "transpose", [At], {"dim0": 0, "dim1": 1})
c.case("transpose_0d", "transpose", [Z], {"dim0": 0, "dim1": -1})
c.case("transpose_bool", "transpose", [B], {"dim0": 0, "dim1": 1})
c.error("transpose_err", "transpose", [A], {"dim0": 0, "dim1": 3})

c.case("t_2d", "t", [A64])
c.case("t_1d", "t", [V])
c.case("t_0d", "t", [Z])
c.case("t_transposed", "t", [At])
c.case("t_sliced", "t", [As])
c.error("t_err_3d", "t", [A])

c.case("T_2d", "T", [A64])
c.case("T_3d", "T", [A])
c.case("T_1d", "T", [V])

c.case("permute_201", "permute", [A], {"dims": [2, 0, 1]})
c.case("permute_neg", "permute", [A], {"dims": [-1, 0, 1]})
c.case("permute_identity", "permute", [A], {"dims": [0, 1, 2]})
c.case("permute_expanded", "permute", [Ae], {"dims": [1, 0]})
c.case("permute_0d", "permute", [Z], {"dims": []})
c.case("permute_int", "permute", [I], {"dims": [1, 0]})
c.error("permute_err_len", "permute", [A], {"dims": [0, 1]})
c.error("permute_err_dup", "permute", [A], {"dims": [0, 1, 1]})
c.error("permute_err_range", "permute", [A], {"dims": [0, 1, 3]})

# ---- expand / expandAs ----
R = spec(rand([1, 3], 10))
c.case("expand_rows", "expand", [R], {"shape": [4, 3]})
c.case("expand_keep", "expand", [R], {"shape": [-1, 3]})
c.case("expand_lead", "expand", [R], {"shape": [2, 4, 3]})
c.case("expand_lead_keep", "expand", [R], {"shape": [2, -1, -1]})
c.case("expand_same", "expand", [A], {"shape": [2, 3, 4]})
c.case("expand_to_zero", "expand", [R], {"shape": [0, 3]})
c.case("expand_0d", "expand", [Z], {"shape": [2, 2]})
c.case("expand_1d", "expand", [V], {"shape": [3, 5]})
c.case("expand_transposed", "expand", [spec(rand([3, 1], 11), layout="t")], {"shape": [2, 1, 3]})
c.case("expand_int", "expand", [spec([[7, 8, 9]], dtype="int32")], {"shape": [2, 3]})
c.error("expand_err_fewer", "expand", [A], {"shape": [3, 4]})
c.error("expand_err_fewer_f64", "expand", [A64], {"shape": [3]})
c.error("expand_err_fewer_int", "expand", [I], {"shape": [3]})
c.error("expand_err_fewer_bool", "expand", [B], {"shape": [3]})
c.error("expand_err_mismatch", "expand", [A], {"shape": [2, 5, 4]})
c.error("expand_err_lead_infer", "expand", [A], {"shape": [-1, 2, 3, 4]})
c.case("expandAs", "expandAs", [R, spec(rand([2, 4, 3], 12))])

# ---- contiguous ----
c.case("contiguous_self", "contiguous", [A])
c.case("contiguous_transposed", "contiguous", [At])
c.case("contiguous_expanded", "contiguous", [Ae])
c.case("contiguous_sliced", "contiguous", [As])
c.case("contiguous_0d", "contiguous", [Z])

# ---- narrow / slice / select ----
c.case("narrow_mid", "narrow", [A], {"dim": 1, "start": 1, "length": 2})
c.case("narrow_neg_start", "narrow", [A], {"dim": -1, "start": -3, "length": 2})
c.case("narrow_empty_at_end", "narrow", [A], {"dim": 1, "start": 3, "length": 0})
c.case("narrow_transposed", "narrow", [At], {"dim": 0, "start": 1, "length": 2})
c.case("narrow_expanded", "narrow", [Ae], {"dim": 0, "start": 0, "length": 2})
c.error("narrow_err_0d", "narrow", [Z], {"dim": 0, "start": 0, "length": 1})
c.error("narrow_err_start", "narrow", [A], {"dim": 1, "start": 4, "length": 0})
c.error("narrow_err_start_neg", "narrow", [A], {"dim": 1, "start": -4, "length": 1})
c.error("narrow_err_length", "narrow", [A], {"dim": 1, "start": 2, "length": 2})
c.error("narrow_err_neg_length", "narrow", [A], {"dim": 1, "start": 0, "length": -1})
c.error("narrow_err_dim", "narrow", [A], {"dim": 3, "start": 0, "length": 1})

c.case("slice_from", "slice", [A], {"dim": 1, "start": 1})
c.case("slice_step", "slice", [A], {"dim": 2, "step": 2})
c.case("slice_step3", "slice", [spec(rand([8, 2], 13))], {"dim": 0, "start": 1, "step": 3})
c.case("slice_neg", "slice", [A], {"dim": -1, "start": -3, "end": -1})
c.case("slice_clamped", "slice", [A], {"dim": 1, "start": -10, "end": 10})
c.case("slice_empty", "slice", [A], {"dim": 1, "start": 2, "end": 1})
c.case("slice_past_end", "slice", [A], {"dim": 1, "start": 5, "end": 10})
c.case("slice_transposed", "slice", [At], {"dim": 1, "start": 1, "end": 4, "step": 2})
c.case("slice_of_slice", "slice", [As], {"dim": 0, "start": 1})
c.error("slice_err_0d", "slice", [Z], {"dim": 0, "start": 0, "end": 1})

c.case("select_0", "select", [A], {"dim": 0, "index": 1})
c.case("select_neg", "select", [A], {"dim": -1, "index": -1})
c.case("select_mid", "select", [A], {"dim": 1, "index": 0})
c.case("select_to_0d", "select", [V], {"dim": 0, "index": 3})
c.case("select_transposed", "select", [At], {"dim": 1, "index": 2})
c.case("select_expanded", "select", [Ae], {"dim": 0, "index": 2})
c.case("select_bool", "select", [B], {"dim": 1, "index": 2})
c.error("select_err_index", "select", [A], {"dim": 1, "index": 3})
c.error("select_err_index_neg", "select", [A], {"dim": 1, "index": -4})
c.error("select_err_dim", "select", [A], {"dim": 3, "index": 0})
c.error("select_err_0d", "select", [Z], {"dim": 0, "index": 0})

r.write()
