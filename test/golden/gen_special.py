"""Golden data for torch.special (test/special.test.ts, the special
conformance family).

A case applies one function of torch.special (by torchlet's name, with JSON
args) to input specs (see common.py) and records from real PyTorch:
  out      the result
  gradFn   its grad_fn name
  grads    d/d(base) of sum(out * w) for the inputs that require grad, w from rand()
Args: "self"/"other" a number operand in that place, "cast" a dtype the
inputs are converted to first, "n" (polygamma), "p" (multigammaln),
"decimals" (round), "eps" (logit), "dim"/"keepdim" (logsumexp, softmax,
logSoftmax), "noGrad" the input positions that do not require grad.
"""
import torch

from common import Recorder, spec, small_spec, refused, rand
from shape_cases import make_input, name_of

r = Recorder("special")
SEED = [17000]
NAN = float("nan")
INF = float("inf")
S = torch.special


def nxt():
    SEED[0] += 1
    return SEED[0]


def num(v):
    return float(v) if isinstance(v, str) else v


TORCH_NAMES = {"logNdtr": "log_ndtr", "logSoftmax": "log_softmax"}
CASTS = {"float16": torch.float16, "bfloat16": torch.bfloat16, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16}


def apply(op, xs, a):
    if op == "rrelu":
        # the node of F.rrelu (random slopes: only its name is compared)
        return torch.nn.functional.rrelu(xs[0].clone(), training=a["training"], inplace=a["inplace"])
    if "cast" in a:
        xs = [x.to(CASTS[a["cast"]]) for x in xs]
    f = getattr(S, TORCH_NAMES.get(op, op))
    rest = list(xs)
    if op in ("xlog1py", "zeta", "xlogy"):
        x = num(a["self"]) if "self" in a else rest.pop(0)
        y = num(a["other"]) if "other" in a else rest.pop(0)
        return f(x, y)
    x = rest[0]
    if op == "polygamma":
        return f(a["n"], x)
    if op == "multigammaln":
        return f(x, a["p"])
    if op == "round":
        return f(x, decimals=a["decimals"]) if "decimals" in a else f(x)
    if op == "logit":
        return f(x, eps=a["eps"]) if "eps" in a else f(x)
    if op == "logsumexp":
        return f(x, a["dim"], keepdim=a.get("keepdim", False))
    if op in ("softmax", "logSoftmax"):
        return f(x, a["dim"])
    return f(x)


def case(name, op, inputs, args=None, grad=True):
    args = args or {}
    no_grad = set(args.get("noGrad", []))
    made = [make_input(s, grad and i not in no_grad and s["dtype"] in ("float32", "float64")) for i, s in enumerate(inputs)]
    bases = [b for b, _ in made]
    out = apply(op, [x for _, x in made], args)
    rec = {"op": op, "inputs": inputs, "args": args, "out": out, "gradFn": name_of(out.grad_fn)}
    leaves = [b for b in bases if b.requires_grad]
    if leaves and out.grad_fn is not None:
        w = rand(list(out.shape), nxt(), dtype=out.dtype)
        rec["weights"] = [w]
        rec["grads"] = list(torch.autograd.grad((out * w).sum(), leaves, allow_unused=True))
    r.add(name, **rec)


def error(name, op, inputs, args=None):
    args = args or {}
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), op=op, inputs=inputs, args=args)


def backward_error(name, op, inputs, args=None):
    """The error backward through the op's node raises (zeta w.r.t. its first argument)."""
    xs = [make_input(s, True)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args or {}).sum().backward(), op=op, inputs=inputs, args=args or {}, backward=True)


def small_dtypes(op, values, args=None):
    """The small dtypes: values where PyTorch's CPU kernel has them, else its refusal."""
    for dt in ("uint8", "int8", "int16", "float16", "bfloat16"):
        vals = [abs(v) for v in values] if dt == "uint8" else values
        if dt in ("uint8", "int8", "int16"):
            vals = [round(v * 3) for v in vals]
        s = small_spec(vals, dt)
        a = dict(args or {})
        x = make_input(s, False)[1]
        if refused(lambda: apply(op, [x], a)):
            error(f"{op}_{dt}", op, [s], a)
        else:
            case(f"{op}_{dt}", op, [s], a, grad=False)


# The domain each unary function's inputs are drawn from (lo, hi).
UNARY = {
    "expm1": (-2.0, 2.0), "exp2": (-2.0, 2.0), "expit": (-3.0, 3.0), "logit": (0.05, 0.95),
    "log1p": (-0.75, 3.0), "erf": (-2.0, 2.0), "erfc": (-2.0, 2.0), "erfcx": (-3.0, 5.0),
    "erfinv": (-0.9, 0.9), "ndtr": (-3.0, 3.0), "ndtri": (0.05, 0.95), "logNdtr": (-5.0, 3.0),
    "gammaln": (0.25, 5.0), "digamma": (0.25, 5.0), "psi": (0.25, 5.0), "i0": (-4.0, 4.0),
    "i0e": (-4.0, 4.0), "i1": (-4.0, 4.0), "i1e": (-4.0, 4.0), "sinc": (-2.0, 2.0),
    "round": (-3.0, 3.0), "entr": (0.05, 3.0),
}
SPECIAL_VALUES = [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 1e-30, 30.0, -30.0, 100.0, -100.0, 1e5, -1e5, 1e-300]
FAR = {
    "erfcx": [-26.0, -10.0, -6.0, -1.0, 7.9, 8.1, 26.0, 50.0, 1e3, 1e10, 1e300],
    "ndtri": [1e-300, 1e-100, 1e-20, 1e-5, 0.02, 0.03, 0.4999, 0.5001, 0.98, 0.99999, 1 - 1e-16, 5e-324],
    "logNdtr": [-1e10, -40.0, -38.0, -10.0, -1.01, -0.99, 5.0, 8.0, 10.0, 38.0, 1e10],
    "i0": [29.9, 30.1, 88.0, 89.0, 300.0, 709.0, 710.0, -709.0, 1e-10],
    "i0e": [29.9, 30.1, 88.0, 89.0, 300.0, 710.0, 1e10, -1e10, 1e-10],
    "i1": [29.9, 30.1, 88.0, -89.0, 300.0, 709.0, -710.0, 1e-10, -1e-10],
    "i1e": [29.9, 30.1, -88.0, 89.0, 300.0, 710.0, -1e10, 1e10, 1e-10],
    "entr": [1e-300, 1e-30, 1e30, 1e300],
}

for i, (op, (lo, hi)) in enumerate(UNARY.items()):
    base = 100 + 10 * i

    def vals(shape, seed, dtype=torch.float32):
        return rand(shape, seed, lo=lo, hi=hi, dtype=dtype)

    case(f"{op}_float32", op, [spec(vals([2, 3], base))])
    case(f"{op}_float64", op, [spec(vals([2, 3], base + 1, torch.float64))])
    case(f"{op}_transposed", op, [spec(vals([3, 2], base + 2), layout="t")])
    case(f"{op}_expanded", op, [spec(vals([1, 3], base + 3), layout="expand", shape=[2, 3])])
    case(f"{op}_sliced", op, [spec(vals([4, 3], base + 4), layout="slice")])
    case(f"{op}_0d", op, [spec(vals([], base + 5))])
    case(f"{op}_empty", op, [spec(torch.zeros(0, 3))])
    # i0(+-inf) and i1(+-inf) are NaN in PyTorch 1.13 (Cephes' exp(x) * chbevl(..) / sqrt(x) is inf / inf),
    # +-inf in torchlet: a known difference (test/special.test.ts), left out here.
    sv = [v for v in SPECIAL_VALUES if op not in ("i0", "i1") or abs(v) != INF]
    case(f"{op}_special_float32", op, [spec(sv)], grad=False)
    case(f"{op}_special_float64", op, [spec(sv + FAR.get(op, []), dtype="float64")], grad=False)
    if op in FAR:
        case(f"{op}_far_float32", op, [spec(FAR[op])], grad=False)
    if op == "round":
        error("round_int64", op, [spec([[1, -2, 3]], dtype="int64")])
        error("round_bool", op, [spec([True, False], dtype="bool")])
    else:
        case(f"{op}_int64", op, [spec([[0, 1, 2], [-1, 3, 4]], dtype="int64")], grad=False)
        case(f"{op}_bool", op, [spec([True, False], dtype="bool")], grad=False)
    small_dtypes(op, [0.25, -0.5, 0.75, 1.5, -1.25, 0.0] if op not in ("ndtri", "logit", "entr") else [0.25, 0.5, 0.75, 0.125, 0.0, 1.0])

# Arguments: logit's eps, round's decimals, polygamma's n, multigammaln's p.
P = spec(rand([2, 3], 400, lo=0.05, hi=0.95))
case("logit_eps", "logit", [P], {"eps": 0.2})
X = spec(rand([2, 3], 401, lo=-30.0, hi=30.0) * 1.37, dtype="float32")
for d in (1, 2, -1, 0):
    case(f"round_decimals_{d}".replace("-", "neg"), "round", [X], {"decimals": d})
    case(f"round_decimals_{d}_float64".replace("-", "neg"), "round", [spec(rand([2, 3], 402, lo=-30.0, hi=30.0, dtype=torch.float64) * 1.37)], {"decimals": d})
case("round_decimals_bfloat16", "round", [small_spec([1.25, -3.75, 12.5, 0.1], "bfloat16")], {"decimals": 1}, grad=False)
error("round_decimals_int64", "round", [spec([1, 2], dtype="int64")], {"decimals": 1})
error("round_decimals_float16", "round", [small_spec([1.25], "float16")], {"decimals": 1})
POS = spec(rand([2, 3], 403, lo=0.5, hi=4.0))
for n in (0, 1, 2, 3):
    case(f"polygamma_{n}", "polygamma", [POS], {"n": n})
    case(f"polygamma_{n}_float64", "polygamma", [spec(rand([2, 3], 404 + n, lo=0.5, hi=4.0, dtype=torch.float64))], {"n": n})
BIG = spec(rand([2, 3], 410, lo=2.5, hi=6.0))
for p in (1, 2, 3, 5):
    case(f"multigammaln_{p}", "multigammaln", [BIG], {"p": p})
    case(f"multigammaln_{p}_float64", "multigammaln", [spec(rand([2, 3], 411 + p, lo=2.5, hi=6.0, dtype=torch.float64))], {"p": p})
case("multigammaln_0d", "multigammaln", [spec(rand([], 420, lo=2.5, hi=6.0))], {"p": 2})
case("multigammaln_empty", "multigammaln", [spec(torch.zeros(0, 3))], {"p": 2})
case("multigammaln_transposed", "multigammaln", [spec(rand([3, 2], 421, lo=2.5, hi=6.0), layout="t")], {"p": 3})
case("multigammaln_int64", "multigammaln", [spec([[3, 4], [5, 6]], dtype="int64")], {"p": 2}, grad=False)
case("multigammaln_bfloat16", "multigammaln", [small_spec([3.0, 4.5, 5.25], "bfloat16")], {"p": 2}, grad=False)
error("multigammaln_float16", "multigammaln", [small_spec([3.0], "float16")], {"p": 2})
error("multigammaln_bool", "multigammaln", [spec([True], dtype="bool")], {"p": 2})
error("multigammaln_p0", "multigammaln", [BIG], {"p": 0})

# Reductions under their special names.
R = spec(rand([2, 3, 4], 430))
for op in ("logsumexp", "softmax", "logSoftmax"):
    for d in (0, -1, 1):
        case(f"{op}_dim{d}".replace("-", "neg"), op, [R], {"dim": d})
    case(f"{op}_float64", op, [spec(rand([3, 4], 431, dtype=torch.float64))], {"dim": -1})
    case(f"{op}_transposed", op, [spec(rand([4, 3], 432), layout="t")], {"dim": 1})
case("logsumexp_keepdim", "logsumexp", [R], {"dim": 1, "keepdim": True})
case("logsumexp_dims", "logsumexp", [R], {"dim": [0, 2]})
case("logsumexp_int64", "logsumexp", [spec([[1, 2], [3, 4]], dtype="int64")], {"dim": 1}, grad=False)
error("softmax_int64", "softmax", [spec([[1, 2], [3, 4]], dtype="int64")], {"dim": 1})

# Binary: xlogy, xlog1py and zeta, tensors or a number on either side.
A = spec(rand([2, 3], 440))
Y = spec(rand([2, 3], 441, lo=-0.75, hi=3.0))
Y64 = spec(rand([2, 3], 442, lo=-0.75, hi=3.0, dtype=torch.float64))
ROW = spec(rand([3], 443, lo=-0.75, hi=3.0))
SPX = spec([NAN, 0.0, 0.0, 0.0, 1.0, -1.0, 2.0, INF, -INF, 0.0, 1.5, 3.0])
SPY = spec([0.0, NAN, -1.0, -2.0, -1.0, -1.0, INF, 1.0, 1.0, INF, -INF, 1e-20])
for op in ("xlog1py", "xlogy"):
    y, y64 = (Y, Y64) if op == "xlog1py" else (spec(rand([2, 3], 444, lo=0.25, hi=3.0)), spec(rand([2, 3], 445, lo=0.25, hi=3.0, dtype=torch.float64)))
    case(f"{op}_float32", op, [A, y])
    case(f"{op}_float64", op, [spec(rand([2, 3], 446, dtype=torch.float64)), y64])
    case(f"{op}_broadcast", op, [A, ROW if op == "xlog1py" else spec(rand([3], 447, lo=0.25, hi=3.0))])
    case(f"{op}_transposed", op, [spec(rand([3, 2], 448), layout="t"), y])
    case(f"{op}_0d", op, [spec(rand([], 449)), spec(rand([], 450, lo=0.25, hi=2.0))])
    case(f"{op}_empty", op, [spec(torch.zeros(0, 3)), spec(torch.zeros(0, 3))])
    case(f"{op}_special", op, [SPX, SPY], grad=False)
    case(f"{op}_number_self", op, [y], {"self": 2.0})
    case(f"{op}_number_other", op, [A], {"other": 0.5})
    case(f"{op}_number_other_nan", op, [A], {"other": "nan"})
    case(f"{op}_int64", op, [spec([[0, 1, 2]], dtype="int64"), spec([[3, 0, 1]], dtype="int64")], grad=False)
    for dt in ("float16", "bfloat16"):
        x0, y0 = small_spec([0.5, 0.0, -1.5], dt), small_spec([1.0, 2.0, 0.25], dt)
        case(f"{op}_{dt}", op, [x0, y0], grad=False)
case("xlog1py_grad_at_minus_one", "xlog1py", [spec([0.0, 0.0, 1.0]), spec([-1.0, -2.0, 0.5])])
error("xlog1py_numbers", "xlog1py", [], {"self": 1.5, "other": 2.5})

ZX = spec(rand([2, 3], 460, lo=1.5, hi=6.0))
ZQ = spec(rand([2, 3], 461, lo=0.25, hi=4.0))
case("zeta_float32", "zeta", [ZX, ZQ], {"noGrad": [0]})
case("zeta_float64", "zeta", [spec(rand([2, 3], 462, lo=1.5, hi=6.0, dtype=torch.float64)), spec(rand([2, 3], 463, lo=0.25, hi=4.0, dtype=torch.float64))], {"noGrad": [0]})
case("zeta_broadcast", "zeta", [spec(rand([3], 464, lo=1.5, hi=6.0)), ZQ], {"noGrad": [0]})
case("zeta_transposed", "zeta", [ZX, spec(rand([3, 2], 465, lo=0.25, hi=4.0), layout="t")], {"noGrad": [0]})
case("zeta_0d", "zeta", [spec(rand([], 466, lo=1.5, hi=6.0)), spec(rand([], 467, lo=0.25, hi=4.0))], {"noGrad": [0]})
case("zeta_empty", "zeta", [spec(torch.zeros(0, 3)), spec(torch.zeros(0, 3))], {"noGrad": [0]})
case("zeta_number_self", "zeta", [ZQ], {"self": 3.0})
case("zeta_number_other", "zeta", [ZX], {"other": 2.0}, grad=False)
case("zeta_special", "zeta", [spec([1.0, 0.5, 2.0, 2.0, 2.0, 3.0, 2.5, NAN, 2.0, INF, 2.0, 4.0]), spec([1.0, 1.0, 0.0, -1.0, -1.5, -1.5, -1.5, 1.0, NAN, 2.0, INF, 1e-3])], grad=False)
case("zeta_int64", "zeta", [spec([[2, 3]], dtype="int64"), spec([[1, 2]], dtype="int64")], grad=False)
for dt in ("float16", "bfloat16"):
    error(f"zeta_{dt}", "zeta", [small_spec([2.0], dt), small_spec([1.0], dt)])
backward_error("zeta_grad_self", "zeta", [ZX, ZQ])
backward_error("zeta_number_other_grad", "zeta", [ZX], {"other": 2.0})

# F.rrelu's node, training or not, in place or not (its values are random in training).
for training in (False, True):
    for inplace in (False, True):
        r.add(f"rrelu_node_training_{training}_inplace_{inplace}".lower(), op="rrelu", inputs=[A],
              args={"training": training, "inplace": inplace},
              gradFn=name_of(apply("rrelu", [make_input(A, True)[1]], {"training": training, "inplace": inplace}).grad_fn))

r.write()
