"""Golden data for the binary math ops (test/bmath.test.ts, the bmath
conformance family): atan2, fmod, floor_divide, hypot, logaddexp,
logaddexp2, xlogy, copysign, fmax, fmin, heaviside, lerp, nan_to_num, their
in-place forms and Tensor methods.

A case applies one op (by torchlet's name, with JSON args) to input specs
(see common.py) and records from real PyTorch:
  out      the result
  gradFn   its grad_fn name
  grads    d/d(base) of sum(out * w) for the float inputs, w from rand()
Args: "self"/"other" a number operand in that place, "weight" lerp's number
weight, "cast" a dtype the inputs are converted to first (float16,
bfloat16), "method" the Tensor method form, "nan"/"posinf"/"neginf".
"""
import torch

from common import Recorder, spec, rand
from helpers import Seeds
from shape_cases import make_input, name_of

r = Recorder("bmath")
nxt = Seeds(9000).next
NAN = float("nan")
INF = float("inf")


def num(v):
    return float(v) if isinstance(v, str) else v


CASTS = {"float16": torch.float16, "bfloat16": torch.bfloat16, "int32": torch.int32, "uint8": torch.uint8,
         "int8": torch.int8, "int16": torch.int16, "float64": torch.float64}
TORCH_NAMES = {"floorDivide": "floor_divide", "nanToNum": "nan_to_num"}


def apply(op, xs, a):
    if "cast" in a:
        xs = [x.to(CASTS[a["cast"]]) for x in xs]
    inplace = op.endswith("_")
    base = op[:-1] if inplace else op
    name = TORCH_NAMES.get(base, base)
    if base == "lerp":
        w = xs[2] if len(xs) > 2 else num(a["weight"])
        if inplace:
            return xs[0].clone().lerp_(xs[1], w)
        return xs[0].lerp(xs[1], w) if a.get("method") else torch.lerp(xs[0], xs[1], w)
    if base == "nanToNum":
        kw = {k: num(a[k]) for k in ("nan", "posinf", "neginf") if k in a}
        if inplace:
            return xs[0].clone().nan_to_num_(**kw)
        return xs[0].nan_to_num(**kw) if a.get("method") else torch.nan_to_num(xs[0], **kw)
    rest = list(xs)
    x = num(a["self"]) if "self" in a else rest.pop(0)
    y = num(a["other"]) if "other" in a else rest.pop(0)
    if inplace:
        return getattr(x.clone(), name + "_")(y)
    if a.get("method"):
        return getattr(x, name)(y)
    return getattr(torch, name)(x, y)


def case(name, op, inputs, args=None, grad=True):
    args = args or {}
    made = [make_input(s, grad and s["dtype"] in ("float32", "float64")) for s in inputs]
    bases = [b for b, _ in made]
    out = apply(op, [x for _, x in made], args)
    rec = {"op": op, "inputs": inputs, "args": args, "out": out, "gradFn": name_of(out.grad_fn)}
    leaves = [b for b in bases if b.requires_grad]
    if leaves and out.requires_grad and out.grad_fn is not None and name_of(out.grad_fn) != "NotImplemented":
        w = rand(list(out.shape), nxt(), dtype=out.dtype)
        rec["weights"] = [w]
        rec["grads"] = list(torch.autograd.grad((out * w).sum(), leaves, allow_unused=True))
    r.add(name, **rec)


def error(name, op, inputs, args=None, grad=None):
    args = args or {}
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), op=op, inputs=inputs, args=args)


def backward_error(name, op, inputs, args=None):
    """The error backward through the op's node raises (ops without a derivative)."""
    args = args or {}
    made = [make_input(s, True) for s in inputs]

    def run():
        out = apply(op, [x for _, x in made], args)
        out.sum().backward()

    r.error(name, run, op=op, inputs=inputs, args=args, backward=True)


A = spec(rand([2, 3], 1))
B = spec(rand([2, 3], 2))
POS = spec(rand([2, 3], 3, lo=0.25, hi=3.0))
ROW = spec(rand([3], 4))
A64 = spec(rand([2, 3], 5, dtype=torch.float64))
B64 = spec(rand([2, 3], 6, dtype=torch.float64))
POS64 = spec(rand([2, 3], 7, lo=0.25, hi=3.0, dtype=torch.float64))
AT = spec(rand([3, 2], 8), layout="t")
AEXP = spec(rand([1, 3], 9), layout="expand", shape=[2, 3])
ASL = spec(rand([4, 3], 10), layout="slice")
Z = spec(rand([], 11))
Z2 = spec(rand([], 12, lo=0.25, hi=3.0))
E = spec(torch.zeros(0, 3))
E2 = spec(torch.zeros(0, 3))
COL = spec(rand([2, 1], 13, lo=0.25, hi=3.0))
SPX = spec([NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 2.5, INF, -INF, NAN, 0.0])
SPY = spec([1.0, 1.0, 2.0, -0.0, 0.0, NAN, INF, -INF, INF, -INF, 0.0, NAN])
I = spec([[5, -7, 3], [0, 9, -4]], dtype="int64")
J = spec([[2, 2, -2], [3, -4, 5]], dtype="int64")
J0 = spec([[2, 0, -2], [3, -4, 5]], dtype="int64")
BOOL = spec([[True, False, True], [False, False, True]], dtype="bool")
BOOL2 = spec([[True, True, False], [False, True, True]], dtype="bool")

BINARY = ["atan2", "fmod", "hypot", "logaddexp", "logaddexp2", "xlogy", "copysign", "fmax", "fmin", "heaviside", "floorDivide"]
INPLACE = {"atan2", "fmod", "hypot", "xlogy", "copysign", "heaviside", "floorDivide"}


def partner(op):
    return POS if op == "xlogy" else B


for op in BINARY:
    y = partner(op)
    case(f"{op}_float32", op, [A, y])
    case(f"{op}_float64", op, [A64, POS64 if op == "xlogy" else B64])
    case(f"{op}_broadcast", op, [A, ROW if op != "xlogy" else spec(rand([3], 14, lo=0.25, hi=3.0))])
    case(f"{op}_broadcast_both", op, [COL, ROW])
    case(f"{op}_transposed", op, [AT, y])
    case(f"{op}_expanded", op, [AEXP, y])
    case(f"{op}_sliced", op, [ASL, y])
    case(f"{op}_0d", op, [Z, Z2])
    case(f"{op}_0d_with_matrix", op, [Z, y])
    case(f"{op}_empty", op, [E, E2])
    case(f"{op}_special", op, [SPX, SPY], grad=False)
    case(f"{op}_method", op, [A, y], {"method": True})
    if op in INPLACE:
        case(f"{op}_inplace", op + "_", [A, y])
        case(f"{op}_inplace_broadcast", op + "_", [A, ROW])
    # integers, bools and the small dtypes: values or PyTorch's refusal
    for dt, (x0, y0) in {"int64": (I, J), "bool": (BOOL, BOOL2)}.items():
        (case if op not in ("hypot", "logaddexp", "logaddexp2") and (dt != "bool" or op not in ("fmod", "floorDivide")) else error)(
            f"{op}_{dt}", op, [x0, y0])
    for dt in ("int32", "uint8", "int8", "int16"):
        (case if op not in ("hypot", "logaddexp", "logaddexp2") else error)(f"{op}_{dt}", op, [I if dt != "uint8" else spec([[5, 7, 3], [0, 9, 4]], dtype="int64"), J if dt != "uint8" else spec([[2, 2, 2], [3, 4, 5]], dtype="int64")], {"cast": dt}, grad=False)
    for dt in ("float16", "bfloat16"):
        (case if op not in ("atan2", "hypot", "logaddexp", "logaddexp2") or dt == "bfloat16" else error)(
            f"{op}_{dt}", op, [A, POS if op == "xlogy" else B], {"cast": dt}, grad=False)
    if op != "heaviside":
        case(f"{op}_int_float", op, [I, y], grad=False)

# number operands, where PyTorch takes them
case("fmod_number", "fmod", [A], {"other": 0.75})
case("fmod_number_negative", "fmod", [A], {"other": -1.25})
case("fmod_int_number", "fmod", [I], {"other": 3})
case("fmod_int_float_number", "fmod", [I], {"other": 2.5})
case("fmod_number_inplace", "fmod_", [A], {"other": 0.75})
case("copysign_number", "copysign", [A], {"other": -1.0})
case("copysign_number_zero", "copysign", [A], {"other": -0.0})
case("copysign_number_inplace", "copysign_", [A], {"other": -2.0})
case("xlogy_number_self", "xlogy", [POS], {"self": 2.0})
case("xlogy_number_self_zero", "xlogy", [POS], {"self": 0.0})
case("xlogy_number_other", "xlogy", [A], {"other": 3.0})
case("xlogy_number_other_nan", "xlogy", [A], {"other": "nan"})
case("xlogy_number_other_inplace", "xlogy_", [A], {"other": 3.0})
case("xlogy_int_number", "xlogy", [I], {"other": 2})
case("xlogy_number_int", "xlogy", [J], {"self": 2})
case("floorDivide_number", "floorDivide", [A], {"other": 0.75})
case("floorDivide_number_self", "floorDivide", [B], {"self": 2.0})
case("floorDivide_int_number", "floorDivide", [I], {"other": -2})
case("floorDivide_int_float_number", "floorDivide", [I], {"other": 2.5})
error("fmod_int_zero", "fmod", [I, J0])
error("fmod_int_number_zero", "fmod", [I], {"other": 0})
error("floorDivide_int_zero", "floorDivide", [I, J0])
case("fmod_float_zero", "fmod", [A, spec([[0.0, 1.0, -0.0], [2.0, 0.0, 1.0]])], grad=False)

# lerp
W = spec(rand([2, 3], 20, lo=-0.5, hi=1.5))
for w in (0.0, 0.25, 0.5, 0.75, 1.0, -0.5, 1.5):
    case(f"lerp_number_{w}".replace(".", "_").replace("-", "neg"), "lerp", [A, B], {"weight": w})
case("lerp_tensor", "lerp", [A, B, W])
case("lerp_float64", "lerp", [A64, B64, spec(rand([2, 3], 21, lo=-0.5, hi=1.5, dtype=torch.float64))])
case("lerp_float64_number", "lerp", [A64, B64], {"weight": 0.3})
case("lerp_broadcast_all", "lerp", [COL, ROW, spec(rand([2, 1, 1], 22, lo=-0.5, hi=1.5))])
case("lerp_transposed", "lerp", [AT, B, W])
case("lerp_expanded", "lerp", [AEXP, ASL], {"weight": 0.3})
case("lerp_0d", "lerp", [Z, Z2, spec(rand([], 23))])
case("lerp_empty", "lerp", [E, E2], {"weight": 0.5})
case("lerp_special", "lerp", [SPX, SPY], {"weight": 0.5}, grad=False)
case("lerp_method", "lerp", [A, B], {"weight": 0.3, "method": True})
case("lerp_inplace", "lerp_", [A, B], {"weight": 0.3})
case("lerp_inplace_tensor", "lerp_", [A, B, W])
case("lerp_bfloat16", "lerp", [A, B], {"weight": 0.3, "cast": "bfloat16"}, grad=False)
error("lerp_int", "lerp", [I, J], {"weight": 0.5})
error("lerp_int_tensor", "lerp", [I, J, J])
error("lerp_float16", "lerp", [A, B], {"weight": 0.5, "cast": "float16"})
error("lerp_end_dtype", "lerp", [A, B64], {"weight": 0.5})
error("lerp_weight_dtype", "lerp", [A, B, spec(rand([2, 3], 24, dtype=torch.float64))])
error("lerp_shape", "lerp", [A, B, spec(rand([4], 25))])
error("lerp_inplace_shape", "lerp_", [ROW, A], {"weight": 0.5})

# nan_to_num
NT = spec([[NAN, INF, -INF], [0.5, -2.0, 0.0]])
case("nanToNum_default", "nanToNum", [NT])
case("nanToNum_values", "nanToNum", [NT], {"nan": 1.5, "posinf": 100.0, "neginf": -100.0})
case("nanToNum_posinf_overflow", "nanToNum", [NT], {"posinf": 1e300})
case("nanToNum_float64", "nanToNum", [spec([[NAN, INF, -INF], [0.5, -2.0, 0.0]], dtype="float64")])
case("nanToNum_transposed", "nanToNum", [spec([[NAN, 0.5], [INF, -2.0], [-INF, 0.0]], layout="t")])
case("nanToNum_0d", "nanToNum", [spec(INF)])
case("nanToNum_empty", "nanToNum", [E])
case("nanToNum_method", "nanToNum", [NT], {"nan": 2.0, "method": True})
case("nanToNum_inplace", "nanToNum_", [NT], {"neginf": -1.0})
case("nanToNum_int", "nanToNum", [I])
case("nanToNum_bool", "nanToNum", [BOOL])
case("nanToNum_float16", "nanToNum", [NT], {"cast": "float16"}, grad=False)
case("nanToNum_bfloat16", "nanToNum", [NT], {"cast": "bfloat16"}, grad=False)

# errors
for op in ("atan2", "hypot", "logaddexp", "logaddexp2", "fmax", "fmin", "heaviside"):
    error(f"{op}_number_other", op, [A], {"other": 2.5})
error("fmod_number_self", "fmod", [B], {"self": 2})
error("copysign_number_self", "copysign", [B], {"self": 2.5})
error("heaviside_dtypes", "heaviside", [A, B64])
error("atan2_shapes", "atan2", [A, spec(rand([4], 26))])
error("atan2_inplace_broadcast", "atan2_", [ROW, A])
error("atan2_inplace_int", "atan2_", [I, B])
error("fmod_inplace_int_float", "fmod_", [I, B])
backward_error("floorDivide_backward", "floorDivide", [A, B])
backward_error("heaviside_backward", "heaviside", [A, B])

# value sweeps (appended: earlier cases keep their weights): magnitudes from
# 1e-30 to 1e30 and both signs, for the ulp bounds in test/bmath.test.ts


def sweep(seed, n, dtype, decades=30):
    g = torch.Generator().manual_seed(seed)
    mag = torch.pow(10.0, torch.rand(n, generator=g, dtype=torch.float64) * 2 * decades - decades)
    sign = torch.where(torch.rand(n, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    return (mag * sign).to(dtype)


def near(seed, n, dtype, scale=8.0):
    g = torch.Generator().manual_seed(seed)
    return ((torch.rand(n, generator=g, dtype=torch.float64) * 2 - 1) * scale).to(dtype)


for dt, tname in ((torch.float32, "float32"), (torch.float64, "float64")):
    for op in ("atan2", "hypot", "logaddexp", "logaddexp2", "xlogy", "fmod"):
        wide = op in ("atan2", "hypot", "fmod")
        # float32 fmod within 1e+-15: where x / y overflows float32, PyTorch's
        # vectorized fmod (Sleef) returns NaN instead of C's exact remainder.
        decades = 15 if op == "fmod" and dt == torch.float32 else 30
        x = sweep(100, 512, dt, decades) if wide else near(101, 512, dt)
        y = sweep(102, 512, dt, decades) if wide else near(103, 512, dt)
        if op == "xlogy":
            y = y.abs() + 1e-3
        case(f"{op}_sweep_{tname}", op, [spec(x), spec(y)], grad=False)

r.write()
