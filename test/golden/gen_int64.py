"""Golden data for int64, PyTorch's default integer dtype: inference,
printing beside int32, type promotion of every dtype pair, arithmetic and
comparisons past 2^31 and 2^53, integer sums and products (int64, never
wrapped at 2^31), index-returning ops, int64 indices, casts.

Each case is a small program named by the case; test/conformance/families/
int64.ts holds the same programs in torchlet's spelling. A case records the
result (values, dtype) and its printed form. Values past 2^53 are exact in
the JSON; torchlet reads them through BigInt64Array, and the printed forms
compare them digit for digit.
"""
import torch

from common import Recorder

r = Recorder("int64")


def case(name, fn):
    out = fn()
    r.add(name, out=out, repr=str(out))


B = 2**53
DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}

# ---- inference and printing ---------------------------------------------------------
case("tensor of ints", lambda: torch.tensor([1, 2, 3]))
case("tensor of ints int32", lambda: torch.tensor([1, 2, 3], dtype=torch.int32))
case("0-d int", lambda: torch.tensor(7))
case("0-d int32", lambda: torch.tensor(-7, dtype=torch.int32))
case("bigints past 2^53", lambda: torch.tensor([B + 1, -(B + 3), 2**62]))
case("int64 limits", lambda: torch.tensor([2**63 - 1, -(2**63)]))
case("full int", lambda: torch.full((2, 2), 3))
case("arange int", lambda: torch.arange(5))
case("empty int64", lambda: torch.tensor([], dtype=torch.int64))
case("cast floats to int64", lambda: torch.tensor([1.7, -2.7, 0.5]).long())
case("cast int64 to float32", lambda: torch.tensor([B + 1, 3]).float())
case("cast int64 to int32 wraps", lambda: torch.tensor([2**32 + 5, -1]).int())

# ---- sums and products are int64 -----------------------------------------------------
case("sum past 2^31", lambda: torch.tensor([2**30, 2**30, 2**30]).sum())
case("int32 sum is int64", lambda: torch.tensor([2**31 - 1, 1, 5], dtype=torch.int32).sum())
case("bool sum is int64", lambda: torch.tensor([True, False, True]).sum())
case("sum over a dim", lambda: torch.tensor([[2**31 - 1, 5], [2**31 - 1, 7]]).sum(0))
case("sum past 2^53", lambda: torch.tensor([B, B, 3]).sum())
case("prod past 2^31", lambda: torch.tensor([65536, 65536, 3]).prod())
case("int32 prod is int64", lambda: torch.tensor([65536, 65536], dtype=torch.int32).prod())
case("prod over a dim", lambda: torch.tensor([[3, 1 << 20], [5, 1 << 20]]).prod(1))

# ---- promotion: every pair of tensor dtypes ------------------------------------------
VALUES = {"float32": [1.5, -2.0], "float64": [0.25, 3.0], "int64": [B + 1, -3], "int32": [7, -8], "bool": [True, False]}
for a in DTYPES:
    for b in DTYPES:
        case(f"add {a} {b}", lambda a=a, b=b: torch.tensor(VALUES[a], dtype=DTYPES[a]) + torch.tensor(VALUES[b], dtype=DTYPES[b]))
case("int64 + int", lambda: torch.tensor([B, 1]) + 1)
case("int64 + float", lambda: torch.tensor([1, 2]) + 0.5)
case("int32 + 0-d int64", lambda: torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(5))
case("bool + int", lambda: torch.tensor([True, False]) + 1)

# ---- arithmetic ------------------------------------------------------------------
X = [B + 1, -(2**40) - 7, 12, -13, 0]
case("sub", lambda: torch.tensor(X) - torch.tensor([1, 2, 3, 4, 5]))
case("mul past 2^53", lambda: torch.tensor([3037000499, -94906267]) * torch.tensor([3037000499, 94906267]))
case("mul wraps at 2^63", lambda: torch.tensor([2**62]) * 4)
case("add alpha", lambda: torch.add(torch.tensor(X), torch.tensor([1, 1, 1, 1, 1]), alpha=3))
case("true div", lambda: torch.tensor([7, -7, 2**40]) / torch.tensor([2, 2, 3]))
case("div trunc", lambda: torch.div(torch.tensor([7, -7, 2**40 + 1]), torch.tensor([2, 2, 3]), rounding_mode="trunc"))
case("div floor", lambda: torch.div(torch.tensor([7, -7, -(2**40) - 1]), torch.tensor([2, 2, 3]), rounding_mode="floor"))
case("remainder", lambda: torch.remainder(torch.tensor([7, -7, 7, -7, B + 1]), torch.tensor([3, 3, -3, -3, 10])))
case("pow", lambda: torch.pow(torch.tensor([3, -2, 2, 1, -1, 5]), torch.tensor([39, 5, 62, -1, -3, 0])))
case("maximum", lambda: torch.maximum(torch.tensor(X), torch.tensor([B, 0, 12, -14, 1])))
case("minimum", lambda: torch.minimum(torch.tensor(X), torch.tensor([B, 0, 12, -14, 1])))
case("neg", lambda: torch.neg(torch.tensor(X)))
case("abs", lambda: torch.abs(torch.tensor(X)))
case("sign", lambda: torch.sign(torch.tensor(X)))
case("square", lambda: torch.square(torch.tensor([3037000499, -5, 0])))
case("relu", lambda: torch.relu(torch.tensor(X)))
case("clamp", lambda: torch.clamp(torch.tensor(X), -100, 2**40))
case("long vector ops", lambda: torch.arange(-20, 21) * torch.arange(40, -1, -1) + (2**40))

# ---- comparisons and where -------------------------------------------------------------
case("eq past 2^53", lambda: torch.tensor([B, B + 1, B + 2]) == torch.tensor([B, B, B + 2]))
case("gt past 2^53", lambda: torch.tensor([B, B + 1, -B - 1]) > torch.tensor([B + 1, B, -B]))
case("le int64 int32", lambda: torch.tensor([1, 2, 3]) <= torch.tensor([2, 2, 2], dtype=torch.int32))
case("where", lambda: torch.where(torch.tensor([True, False, True]), torch.tensor([B + 1, 2, 3]), torch.tensor([4, 5, B + 7])))

# ---- reductions that return values or indices ----------------------------------------
M = [[B + 1, 5, B + 1], [-3, -(B + 9), 4]]
case("max", lambda: torch.tensor(M).max())
case("min dim", lambda: torch.tensor(M).min(1))
case("amax dim", lambda: torch.tensor(M).amax(0))
case("argmax is int64", lambda: torch.tensor([[1.5, 7.0, 7.0], [9.0, -1.0, 2.0]]).argmax(1))
case("argmax of int64", lambda: torch.tensor(M).argmax())
case("max dim indices", lambda: torch.tensor([[1.5, 7.0, 7.0], [9.0, -1.0, 2.0]]).max(0))

# ---- int64 indices -------------------------------------------------------------------
W = [[0.5, -1.0], [2.0, 3.5], [4.0, -4.5]]
case("index_select int64 index", lambda: torch.index_select(torch.tensor(W), 0, torch.tensor([2, 0, 2])))
case("index_select of int64 values", lambda: torch.index_select(torch.tensor(M), 1, torch.tensor([2, 0])))
case("gather int64 index", lambda: torch.gather(torch.tensor(W), 1, torch.tensor([[1, 0], [1, 1], [0, 0]])))
case("embedding int64 index", lambda: torch.nn.functional.embedding(torch.tensor([[2, 0], [1, 1]]), torch.tensor(W)))
case("matmul int64", lambda: torch.tensor([[3, -2, 2**20], [1, 0, 2]]) @ torch.tensor([[2**31, 1], [4, 5], [2**20, -1]]))
case("mv int64", lambda: torch.mv(torch.arange(12).reshape(3, 4) * (2**33), torch.tensor([1, -1, 2, 3])))
case("dot int64", lambda: torch.dot(torch.arange(1, 20) * (2**40), torch.arange(19, 0, -1)))
case("bmm int64", lambda: torch.bmm(torch.arange(24).reshape(2, 3, 4) - 11, torch.arange(16).reshape(2, 4, 2) * 3))
case("cat int32 int64", lambda: torch.cat([torch.tensor([1, 2], dtype=torch.int32), torch.tensor([B + 1])]))
case("transposed int64 made contiguous", lambda: (torch.arange(6).reshape(2, 3) * (2**40)).t().contiguous())
case("sum of a transposed int64", lambda: (torch.arange(12).reshape(3, 4) * (2**40)).t().sum(1))

r.write()
