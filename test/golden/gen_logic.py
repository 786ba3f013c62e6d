"""Golden data for the logic ops: any, all, isnan, isinf, isposinf, isneginf,
isfinite, isreal, logical_and/or/xor/not, bitwise_and/or/xor/not,
bitwise_left_shift/right_shift, isclose, allclose, equal.

Each case names an `op` and its `inputs`: input specs (common.py's, in any
of torchlet's dtypes), or {"scalar": v} for a Python number. `kw` holds the
keyword arguments; `method` marks a Tensor method call on inputs[0] and
`inplace` its in-place form (the result is the written view). Cases record
`out` (a tensor, or a Python bool for allclose / equal) and, when an input
requires grad, whether the result does; error cases record PyTorch's message.
"""
import torch

from common import DTYPES, Recorder, spec
from helpers import layout_view

rec = Recorder("logic")
DT = {v: k for k, v in DTYPES.items()}
ALL = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"]
FLOATS = ["float16", "bfloat16", "float32", "float64"]
INTS = ["uint8", "int8", "int16", "int32", "int64"]

# Values each dtype holds exactly: zeros, signs, the dtype's edges, NaN and infinities for floats.
VALUES = {
    "bool": [True, False, True, True, False, False],
    "uint8": [0, 1, 2, 200, 255, 7],
    "int8": [0, 1, -2, 127, -128, -7],
    "int16": [0, 1, -2, 32767, -32768, 300],
    "int32": [0, 1, -2, 2147483647, -2147483648, 65537],
    "int64": [0, 1, -2, 2**40 + 3, -(2**40), 9],
    "float16": [0.0, 1.5, -2.0, float("nan"), float("inf"), -float("inf")],
    "bfloat16": [0.0, 1.5, -2.0, float("nan"), float("inf"), -float("inf")],
    "float32": [0.0, 1.5, -2.0, float("nan"), float("inf"), -float("inf")],
    "float64": [-0.0, 1e-300, -2.0, float("nan"), float("inf"), -float("inf")],
}
# A second operand per dtype, same length, for binary ops.
OTHER = {
    "bool": [True, True, False, True, False, True],
    "uint8": [3, 0, 6, 55, 1, 2],
    "int8": [3, 0, -6, 55, 1, -1],
    "int16": [3, 0, -6, -1, 5, 300],
    "int32": [3, 0, -6, 1, -1, 1 << 20],
    "int64": [3, 0, -6, -1, 2**40, 5],
    "float16": [1.0, 0.0, -2.0, 1.0, float("inf"), float("nan")],
    "bfloat16": [1.0, 0.0, -2.0, 1.0, float("inf"), float("nan")],
    "float32": [1.0, 0.0, -2.0, 1.0, float("inf"), float("nan")],
    "float64": [1.0, 0.0, -2.0, 1.0, float("inf"), float("nan")],
}
# Shift counts inside [0, width) of the narrowest dtype, and some outside.
SHIFTS = {"uint8": [0, 1, 3, 7, 2, 5], "int8": [0, 1, 3, 7, 2, 5], "int16": [0, 1, 3, 15, 2, 9]}
SHIFTS.update({"int32": [0, 1, 3, 31, 2, 17], "int64": [0, 1, 3, 63, 2, 40]})
WIDE_SHIFTS = {"int32": [32, 33, 40, -1, 31, 64], "int64": [64, 65, -1, 127, 0, 70], "int8": [8, 9, 31, -1, 7, 33]}


def spec_of(t, layout="contiguous", shape=None, step=2):
    """An input spec for tensor `t` of any dtype (common.spec keeps int32 only on request; this keeps every dtype)."""
    return spec(t, layout=layout, shape=shape, step=step, int32=True)


def t_of(values, dtype, shape=None):
    t = torch.tensor(values, dtype=DT[dtype])
    return t.reshape(shape) if shape is not None else t


def make(s, requires_grad=False):
    if "scalar" in s:
        return s["scalar"]
    data = [float(x) if isinstance(x, str) else x for x in s["data"]]
    base = torch.tensor(data, dtype=DT[s["dtype"]]).reshape(s["baseShape"])
    if requires_grad:
        base.requires_grad_(True)
    return layout_view(base, s)


def call(op, xs, kw, method=False, inplace=False):
    if method or inplace:
        name = op + "_" if inplace else op
        return getattr(xs[0], name)(*xs[1:], **kw)
    return getattr(torch, op)(*xs, **kw)


def case(name, op, inputs, kw=None, method=False, inplace=False, requires_grad=False):
    kw = kw or {}
    fields = dict(op=op, inputs=inputs, kw=kw)
    if method:
        fields["method"] = True
    if inplace:
        fields["inplace"] = True
    if requires_grad:
        fields["requiresGrad"] = True

    def run():
        xs = []
        for i, s in enumerate(inputs):
            m = make(s, requires_grad and i == 0)
            xs.append(m if not isinstance(m, tuple) else m[1])
        if inplace:
            xs[0] = xs[0].clone() if requires_grad else xs[0]
        return call(op, xs, kw, method, inplace)

    try:
        out = run()
    except Exception as e:  # noqa: BLE001
        rec.add(name, error=str(e).split("\n")[0], errorType=type(e).__name__, **fields)
        return
    extra = {}
    if isinstance(out, torch.Tensor) and requires_grad:
        extra["outRequiresGrad"] = out.requires_grad
        extra["gradFn"] = None if out.grad_fn is None else type(out.grad_fn).__name__
    rec.add(name, out=out, **fields, **extra)


def vec(dtype, values=None):
    return spec_of(t_of(values if values is not None else VALUES[dtype], dtype))


def mat(dtype, values=None, layout="contiguous", shape=None):
    """A [2, 3] (or [3, 2] for "t") input from six values."""
    v = values if values is not None else VALUES[dtype]
    if layout == "t":
        return spec_of(t_of(v, dtype, [3, 2]), "t")
    if layout == "slice":
        return spec_of(t_of(v + v, dtype, [4, 3]), "slice")
    if layout == "expand":
        return spec_of(t_of(v[:3], dtype, [1, 3]), "expand", shape=[2, 3])
    return spec_of(t_of(v, dtype, [2, 3]))


def scalar0(dtype, v):
    return spec_of(t_of(v, dtype))


def empty(dtype, shape=(0,)):
    return spec_of(torch.zeros(shape, dtype=DT[dtype]))


S = lambda v: {"scalar": v}  # noqa: E731

# ---- predicates ------------------------------------------------------------------------
PREDICATES = ["isnan", "isinf", "isposinf", "isneginf", "isfinite", "isreal", "logical_not", "bitwise_not"]
for op in PREDICATES:
    for d in ALL:
        case(f"{op} {d}", op, [vec(d)])
    for layout in ["t", "slice", "expand"]:
        case(f"{op} float32 {layout}", op, [mat("float32", layout=layout)])
        case(f"{op} int64 {layout}", op, [mat("int64", layout=layout)])
    case(f"{op} float32 0-d", op, [scalar0("float32", float("inf"))])
    case(f"{op} int32 0-d", op, [scalar0("int32", 5)])
    case(f"{op} float32 empty", op, [empty("float32", (2, 0))])
    case(f"{op} int64 empty", op, [empty("int64")])
    case(f"{op} method", op, [mat("float64")], method=True)
    case(f"{op} float32 requires grad", op, [vec("float32")], requires_grad=True)
# A long row: the SIMD body and its tail.
LONG = [float(i % 7) - 3 for i in range(37)]
LONG[5] = float("nan")
LONG[33] = float("inf")
LONG[20] = -float("inf")
for op in ["isnan", "isinf", "isfinite", "logical_not"]:
    case(f"{op} float32 long", op, [vec("float32", LONG)])
case("bitwise_not int32 long", "bitwise_not", [vec("int32", list(range(-20, 21)))])
case("bitwise_not int64 long", "bitwise_not", [vec("int64", list(range(-20, 21)))])
for d in ["bool", "uint8", "int8", "int16", "int32", "int64", "float32"]:
    case(f"logical_not_ {d}", "logical_not", [vec(d)], inplace=True)
for d in ["bool", "uint8", "int8", "int16", "int32", "int64"]:
    case(f"bitwise_not_ {d}", "bitwise_not", [vec(d)], inplace=True)
case("bitwise_not_ float32", "bitwise_not", [vec("float32")], inplace=True)
case("logical_not_ int32 t", "logical_not", [mat("int32", layout="t")], inplace=True)
case("logical_not_ float32 requires grad", "logical_not", [vec("float32")], inplace=True, requires_grad=True)

# ---- logical and bitwise binary ops ----------------------------------------------------------
LOGICAL = ["logical_and", "logical_or", "logical_xor"]
BITWISE = ["bitwise_and", "bitwise_or", "bitwise_xor"]
SHIFT = ["bitwise_left_shift", "bitwise_right_shift"]
PAIRS = [("float32", "int64"), ("bool", "float16"), ("uint8", "int8"), ("int32", "int64"), ("bfloat16", "float64"), ("int16", "bool")]
for op in LOGICAL + BITWISE:
    for d in ALL:
        case(f"{op} {d}", op, [vec(d), vec(d, OTHER[d])])
    for a, b in PAIRS:
        case(f"{op} {a} {b}", op, [vec(a), vec(b, OTHER[b])])
    base = "float32" if op in LOGICAL else "int32"
    case(f"{op} {base} broadcast", op, [mat(base), vec(base, OTHER[base][:3])])
    case(f"{op} {base} broadcast column", op, [spec_of(t_of(OTHER[base][:2], base, [2, 1])), mat(base)])
    for layout in ["t", "slice", "expand"]:
        case(f"{op} int64 {layout}", op, [mat("int64", layout=layout), mat("int64", OTHER["int64"])])
    case(f"{op} 0-d", op, [scalar0("int64", 6), vec("int64", OTHER["int64"])])
    case(f"{op} 0-d both", op, [scalar0(base, 3), scalar0(base, 0)])
    case(f"{op} empty", op, [empty(base, (0, 3)), vec(base, OTHER[base][:3])])
    case(f"{op} method", op, [vec("int64"), vec("int64", OTHER["int64"])], method=True)
    case(f"{op} shapes that do not broadcast", op, [vec(base), vec(base, OTHER[base][:4])])
    LONGI = list(range(-17, 20))
    case(f"{op} int32 long", op, [vec("int32", LONGI), vec("int32", [v * 3 + 1 for v in LONGI])])
    case(f"{op} int64 long", op, [vec("int64", LONGI), vec("int64", [v * 3 + 1 for v in LONGI])])
    case(f"{op} int32 long scalar", op, [vec("int32", LONGI), S(6)])
for op in LOGICAL:
    case(f"{op} float32 requires grad", op, [vec("float32"), vec("float32", OTHER["float32"])], requires_grad=True)
    case(f"{op} other a number", op, [vec("float32"), S(1)])
    case(f"{op}_ float32", op, [vec("float32"), vec("int64", OTHER["int64"])], inplace=True)
    case(f"{op}_ bool", op, [vec("bool"), vec("int32", OTHER["int32"])], inplace=True)
    case(f"{op}_ int8 broadcast", op, [mat("int8"), vec("float64", OTHER["float64"][:3])], inplace=True)
    case(f"{op}_ float32 requires grad", op, [vec("float32"), vec("float32", OTHER["float32"])], inplace=True, requires_grad=True)
    case(f"{op}_ shape", op, [vec("float32", [1.0, 0.0, 2.0]), mat("float32")], inplace=True)
for op in BITWISE:
    case(f"{op} int32 scalar", op, [vec("int32"), S(6)])
    case(f"{op} uint8 negative scalar", op, [vec("uint8"), S(-1)])
    case(f"{op} bool scalar", op, [vec("bool"), S(True)])
    case(f"{op} bool int scalar", op, [vec("bool"), S(3)])
    case(f"{op} int64 float scalar", op, [vec("int64"), S(2.5)])
    case(f"{op} scalar first", op, [S(5), vec("int16")])
    case(f"{op}_ int32", op, [vec("int32"), vec("int64", OTHER["int64"])], inplace=True)
    case(f"{op}_ int32 scalar", op, [vec("int32"), S(5)], inplace=True)
    case(f"{op}_ bool", op, [vec("bool"), vec("bool", OTHER["bool"])], inplace=True)
    case(f"{op}_ bool int", op, [vec("bool"), vec("int32", OTHER["int32"])], inplace=True)
    case(f"{op}_ int32 float", op, [vec("int32"), vec("float32", OTHER["float32"])], inplace=True)
    case(f"{op}_ uint8 t", op, [mat("uint8", layout="t"), spec_of(t_of(OTHER["uint8"], "uint8", [2, 3]))], inplace=True)
for op in SHIFT:
    for d in ALL:
        case(f"{op} {d}", op, [vec(d), vec(d, SHIFTS.get(d, OTHER[d]))])
    for d, counts in WIDE_SHIFTS.items():
        case(f"{op} {d} counts past the width", op, [vec(d), vec(d, counts)])
    case(f"{op} uint8 int8", op, [vec("uint8"), vec("int8", [1, 0, 3, 7, -1, 2])])
    case(f"{op} int32 int64", op, [vec("int32"), vec("int64", SHIFTS["int32"])])
    case(f"{op} int32 scalar", op, [vec("int32"), S(3)])
    case(f"{op} scalar first", op, [S(5), vec("int32", [0, 1, 2, 3, 4, 5])])
    case(f"{op} int64 broadcast", op, [mat("int64"), vec("int64", [1, 2, 3])])
    case(f"{op} int64 t", op, [mat("int64", layout="t"), mat("int64", [1, 2, 3, 4, 5, 6])])
    case(f"{op} int32 long", op, [vec("int32", list(range(-17, 20))), vec("int32", [i % 31 for i in range(37)])])
    case(f"{op} int64 long", op, [vec("int64", list(range(-17, 20))), vec("int64", [i % 63 for i in range(37)])])
    case(f"{op} empty", op, [empty("int64", (0, 3)), vec("int64", [1, 2, 3])])
    case(f"{op} 0-d", op, [scalar0("int64", 5), scalar0("int64", 2)])
    case(f"{op} method", op, [vec("int64"), vec("int64", SHIFTS["int64"])], method=True)
    case(f"{op}_ int32", op, [vec("int32"), vec("int64", [1, 2, 40, 0, 3, 4])], inplace=True)
    case(f"{op}_ int16 scalar", op, [vec("int16"), S(3)], inplace=True)
    case(f"{op} float scalar", op, [vec("int32"), S(1.5)])

# ---- any, all --------------------------------------------------------------------------------
for op in ["any", "all"]:
    for d in ALL:
        case(f"{op} {d}", op, [vec(d)])
        case(f"{op} {d} dim", op, [mat(d)], {"dim": 1})
    ones = {"bool": True, "uint8": 3, "int64": -1, "float32": float("nan"), "float16": 0.5}
    for d, v in ones.items():
        case(f"{op} {d} all nonzero", op, [vec(d, [v] * 6)])
        case(f"{op} {d} all zero", op, [vec(d, [False if d == "bool" else 0] * 6)])
    case(f"{op} float32 dim 0", op, [mat("float32")], {"dim": 0})
    case(f"{op} float32 negative dim", op, [mat("float32")], {"dim": -1})
    case(f"{op} float32 keepdim", op, [mat("float32")], {"dim": 0, "keepdim": True})
    case(f"{op} uint8 keepdim", op, [mat("uint8")], {"dim": -2, "keepdim": True})
    for layout in ["t", "slice", "expand"]:
        case(f"{op} int64 {layout}", op, [mat("int64", layout=layout)], {"dim": 1})
        case(f"{op} bool {layout}", op, [mat("bool", layout=layout)])
    case(f"{op} 0-d", op, [scalar0("float32", 2.0)])
    case(f"{op} 0-d dim", op, [scalar0("int64", 0)], {"dim": 0})
    case(f"{op} 0-d dim -1 keepdim", op, [scalar0("int64", 3)], {"dim": -1, "keepdim": True})
    case(f"{op} empty", op, [empty("float32")])
    case(f"{op} empty dim", op, [empty("float32", (0, 3))], {"dim": 0})
    case(f"{op} empty uint8 dim", op, [empty("uint8", (2, 0))], {"dim": 1})
    case(f"{op} empty kept dim", op, [empty("int64", (0, 3))], {"dim": 1})
    case(f"{op} 3-d", op, [spec_of(t_of([i % 3 == 0 for i in range(24)], "bool", [2, 3, 4]))], {"dim": 1})
    case(f"{op} long", op, [vec("float32", [0.0] * 40 + [1.0] + [0.0] * 20)])
    case(f"{op} long all", op, [vec("float32", [1.0] * 40 + [0.0] + [1.0] * 20)])
    case(f"{op} method", op, [mat("int32")], {"dim": 0}, method=True)
    case(f"{op} method whole", op, [mat("float64")], method=True)
    case(f"{op} float32 requires grad", op, [vec("float32")], requires_grad=True)
    case(f"{op} dim out of range", op, [mat("float32")], {"dim": 2})
    case(f"{op} 0-d dim out of range", op, [scalar0("float32", 1.0)], {"dim": 1})

# ---- isclose, allclose, equal ----------------------------------------------------------------
A = [1.0, 1e-8, 100.0, float("nan"), float("inf"), -float("inf"), 0.0, 1e10]
B = [1.000001, 0.0, 100.0011, float("nan"), float("inf"), float("inf"), -0.0, 1.00001e10]
for op in ["isclose", "allclose"]:
    for d in ["float32", "float64", "float16", "bfloat16"]:
        case(f"{op} {d}", op, [vec(d, A), vec(d, B)])
        case(f"{op} {d} equal_nan", op, [vec(d, A), vec(d, B)], {"equal_nan": True})
        case(f"{op} {d} rtol", op, [vec(d, A), vec(d, B)], {"rtol": 1e-3, "atol": 0.0})
        case(f"{op} {d} zero tolerances", op, [vec(d, A), vec(d, B)], {"rtol": 0.0, "atol": 0.0})
    for d in ["int32", "int64", "uint8", "int8", "int16", "bool"]:
        case(f"{op} {d}", op, [vec(d), vec(d, OTHER[d])])
        case(f"{op} {d} atol", op, [vec(d), vec(d, OTHER[d])], {"atol": 3.0})
        case(f"{op} {d} itself", op, [vec(d), vec(d)])
    case(f"{op} int64 in float32", op, [vec("int64", [2**40 + 3, 16777217]), vec("int64", [2**40, 16777216])], {"atol": 2.5, "rtol": 0.0})
    case(f"{op} int32 rtol", op, [vec("int32", [100, 200, -5]), vec("int32", [101, 198, -5])], {"rtol": 0.01})
    case(f"{op} broadcast", op, [mat("float32", [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]), vec("float32", [1.0, 2.0, 3.0])])
    case(f"{op} broadcast not close", op, [mat("float32"), vec("float32", [1.0, 2.0, 3.0])])
    case(f"{op} t", op, [mat("float64", layout="t"), spec_of(t_of(VALUES["float64"], "float64", [2, 3]))], {"equal_nan": True})
    case(f"{op} 0-d", op, [scalar0("float32", 1.0), scalar0("float32", 1.0 + 1e-6)])
    case(f"{op} empty", op, [empty("float32"), empty("float32")])
    case(f"{op} dtypes differ", op, [vec("float32"), vec("float64")])
    case(f"{op} int and float", op, [vec("int64"), vec("float32")])
    case(f"{op} negative rtol", op, [vec("float32"), vec("float32")], {"rtol": -1.0})
    case(f"{op} negative atol", op, [vec("float32"), vec("float32")], {"atol": -0.5})
    case(f"{op} other a number", op, [vec("float32"), S(1.5)])
    case(f"{op} shapes that do not broadcast", op, [vec("float32"), vec("float32", [1.0, 2.0])])
    case(f"{op} method", op, [vec("float32", A), vec("float32", B)], {"atol": 1e-3}, method=True)
    case(f"{op} requires grad", op, [vec("float32", A), vec("float32", B)], requires_grad=True)
case("isclose long", "isclose", [vec("float32", [i / 7 for i in range(37)]), vec("float32", [i / 7 + (1e-5 if i % 3 else 1e-9) for i in range(37)])])
for d in ALL:
    case(f"equal {d}", "equal", [vec(d), vec(d)])
    case(f"equal {d} differ", "equal", [vec(d), vec(d, OTHER[d])])
case("equal nan", "equal", [vec("float32", [float("nan")]), vec("float32", [float("nan")])])
case("equal shapes differ", "equal", [vec("float32", [1.0, 2.0]), spec_of(t_of([1.0, 2.0], "float32", [1, 2]))])
case("equal sizes differ", "equal", [vec("float32", [1.0, 2.0]), vec("float32", [1.0])])
case("equal float32 int64", "equal", [vec("float32", [1.0, 2.0]), vec("int64", [1, 2])])
case("equal bool float32", "equal", [vec("bool", [True]), vec("float32", [1.0])])
case("equal float16 float32", "equal", [vec("float16", [0.1]), vec("float32", [0.1])])
case("equal t", "equal", [mat("int64", layout="t"), spec_of(t_of(VALUES["int64"], "int64", [3, 2]).t().contiguous())])
case("equal empty", "equal", [empty("float32"), empty("float32")])
case("equal 0-d", "equal", [scalar0("int64", 3), scalar0("int64", 3)])
case("equal 0-d and 1-d", "equal", [scalar0("int64", 3), vec("int64", [3])])
case("equal method", "equal", [vec("int64"), vec("int64")], method=True)
case("equal other a number", "equal", [vec("int64"), S(3)])

rec.write()
