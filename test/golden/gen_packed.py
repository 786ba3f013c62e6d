"""Golden data for torch.nn.utils.rnn's packed sequences (test/packed.test.ts,
the packed conformance family): pack_padded_sequence, pad_packed_sequence
and pack_sequence from PyTorch 1.13.

A case runs a program (`op`) on input specs (see common.py) and records:
  out      a PackedSequence as [data, batch_sizes, sorted_indices,
           unsorted_indices] (null for a missing index tensor), or
           pad_packed_sequence's [padded, lengths]
  gradFn   the grad_fn name of the first output
  grads    d/d(base) of sum(out0 * w), w from rand()
Error cases record PyTorch's message.
"""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pack_sequence

from common import Recorder, spec, rand
from helpers import Seeds
from shape_cases import make_input

r = Recorder("packed")
nxt = Seeds(9700).next


def lengths_of(a):
    ls = a["lengths"]
    return torch.tensor(ls, dtype=torch.float32 if a.get("floatLengths") else torch.int64) if a.get("tensorLengths") else ls


def apply(op, xs, a):
    if op == "packPadded":
        p = pack_padded_sequence(xs[0], lengths_of(a), batch_first=a.get("batchFirst", False), enforce_sorted=a.get("enforceSorted", True))
        return list(p)
    if op == "padPacked":
        p = pack_padded_sequence(xs[0], lengths_of(a), batch_first=a.get("batchFirst", False), enforce_sorted=a.get("enforceSorted", True))
        out, lengths = pad_packed_sequence(p, batch_first=a.get("padBatchFirst", False), padding_value=a.get("paddingValue", 0.0), total_length=a.get("totalLength"))
        return [out, lengths]
    if op == "packSequence":
        return list(pack_sequence(xs, enforce_sorted=a.get("enforceSorted", True)))
    raise ValueError(op)


def case(name, op, inputs, args):
    made = [make_input(s, s["dtype"] in ("float32", "float64")) for s in inputs]
    bases = [b for b, _ in made]
    outs = apply(op, [x for _, x in made], args)
    first = outs[0]
    rec = {"op": op, "inputs": inputs, "args": args, "out": outs, "gradFn": first.grad_fn.name() if first.grad_fn else None}
    leaves = [b for b in bases if b.requires_grad]
    if leaves and first.requires_grad:
        w = rand(list(first.shape), nxt(), dtype=first.dtype)
        rec["weights"] = [w]
        rec["grads"] = list(torch.autograd.grad((first * w).sum(), leaves, allow_unused=True))
    r.add(name, **rec)


def error(name, op, inputs, args):
    xs = [make_input(s, False)[1] for s in inputs]
    r.error(name, lambda: apply(op, xs, args), op=op, inputs=inputs, args=args)


S = iter(range(1, 1000))


def R(*shape, dtype=torch.float32, **kw):
    return spec(rand(list(shape), 9600 + next(S), dtype=dtype), **kw)


X = R(3, 4, 2)  # T=3, B=4
case("pack_sorted", "packPadded", [X], {"lengths": [3, 2, 2, 1]})
case("pack_all_full", "packPadded", [X], {"lengths": [3, 3, 3, 3]})
case("pack_unsorted", "packPadded", [X], {"lengths": [1, 3, 2, 2], "enforceSorted": False})
case("pack_unsorted_ties", "packPadded", [X], {"lengths": [2, 2, 3, 2], "enforceSorted": False})
case("pack_batch_first", "packPadded", [R(4, 3, 2)], {"lengths": [3, 3, 2, 1], "batchFirst": True})
case("pack_batch_first_unsorted", "packPadded", [R(3, 4)], {"lengths": [2, 4, 1], "batchFirst": True, "enforceSorted": False})
case("pack_tensor_lengths", "packPadded", [X], {"lengths": [3, 2, 2, 1], "tensorLengths": True})
case("pack_float_tensor_lengths", "packPadded", [X], {"lengths": [3, 2, 2, 1], "tensorLengths": True, "floatLengths": True})
case("pack_no_features", "packPadded", [R(4, 3)], {"lengths": [4, 2, 1]})
case("pack_3_features", "packPadded", [R(3, 2, 2, 3)], {"lengths": [3, 1]})
case("pack_float64", "packPadded", [R(3, 2, 2, dtype=torch.float64)], {"lengths": [3, 2]})
case("pack_transposed", "packPadded", [R(3, 4, layout="t")], {"lengths": [4, 2, 2]})
case("pack_int64", "packPadded", [spec([[1, 2], [3, 4], [5, 6]], dtype="int64")], {"lengths": [3, 1]})
case("pad_sorted", "padPacked", [X], {"lengths": [3, 2, 2, 1]})
case("pad_unsorted", "padPacked", [X], {"lengths": [1, 3, 2, 2], "enforceSorted": False})
case("pad_batch_first_total_length", "padPacked", [X], {"lengths": [3, 2, 2, 1], "padBatchFirst": True, "totalLength": 5, "paddingValue": -1.0})
case("pad_from_batch_first_unsorted", "padPacked", [R(4, 3, 2)], {"lengths": [2, 3, 1, 3], "batchFirst": True, "padBatchFirst": True, "enforceSorted": False})
case("pad_float64", "padPacked", [R(3, 2, dtype=torch.float64)], {"lengths": [3, 2]})
case("packSequence_sorted", "packSequence", [R(3, 2), R(2, 2), R(1, 2)], {})
case("packSequence_unsorted", "packSequence", [R(2, 2), R(3, 2), R(1, 2)], {"enforceSorted": False})
case("packSequence_1d", "packSequence", [R(4), R(2)], {})
error("error_pack_lengths_count", "packPadded", [X], {"lengths": [3, 2]})
error("error_pack_not_sorted", "packPadded", [X], {"lengths": [2, 3, 1, 1]})
error("error_pack_zero_length", "packPadded", [X], {"lengths": [3, 2, 2, 0]})
error("error_pack_lengths_2d", "packPadded", [X], {"lengths": [[3, 2, 2, 1]]})
error("error_pack_empty", "packPadded", [spec(torch.zeros(0, 2))], {"lengths": [1, 1]})
error("error_pack_1d", "packPadded", [R(3)], {"lengths": [3]})
error("error_pad_total_length", "padPacked", [X], {"lengths": [3, 2, 2, 1], "totalLength": 2})
error("error_packSequence_empty", "packSequence", [], {})
error("error_packSequence_not_sorted", "packSequence", [R(1, 2), R(2, 2)], {})


# ---- recurrent layers over a PackedSequence ----
def rnn_case(name, kind, args, opts, x_shape, lengths, enforce_sorted=True, h=False, seed=500):
    """nn.<kind>(*args, **opts) seeded with `seed` over pack_padded_sequence(x, lengths); out = the output
    PackedSequence's fields then h_n (and c_n); grads of sum(out_k * w_k) over data, h_n, c_n with respect to
    x, the initial states and every parameter."""
    torch.manual_seed(seed)
    snake = {"numLayers": "num_layers", "batchFirst": "batch_first", "bidirectional": "bidirectional", "projSize": "proj_size"}
    m = getattr(torch.nn, kind)(*args, **{snake[k]: v for k, v in opts.items()})
    x = rand(x_shape, 9800 + seed).requires_grad_(True)
    bf = opts.get("batchFirst", False)
    B = x_shape[0 if bf else 1]
    states = []
    if h:
        dirs = 2 if opts.get("bidirectional") else 1
        L = opts.get("numLayers", 1) * dirs
        hs = opts.get("projSize", 0) or args[1]
        states = [rand([L, B, hs], 9900 + seed).requires_grad_(True)]
        if kind == "LSTM":
            states.append(rand([L, B, args[1]], 9950 + seed).requires_grad_(True))
    p = pack_padded_sequence(x, lengths, batch_first=bf, enforce_sorted=enforce_sorted)
    hx = None if not states else (states[0] if kind != "LSTM" else tuple(states))
    out, hn = m(p, hx)
    finals = list(hn) if isinstance(hn, tuple) else [hn]
    fields = list(out)
    diff = [fields[0]] + finals
    ws = [rand(list(t.shape), nxt()) for t in diff]
    params = list(m.named_parameters())
    grads = torch.autograd.grad(sum((t * w).sum() for t, w in zip(diff, ws)), [x] + states + [q for _, q in params])
    r.add(name, op="rnnPacked", module={"kind": kind, "args": args, "opts": opts}, seed=seed, x=x, lengths=lengths,
          enforceSorted=enforce_sorted, hx=states, out=fields + finals, weights=ws,
          gradInputs=list(grads[: 1 + len(states)]), gradParams=[[n, g] for (n, _), g in zip(params, grads[1 + len(states):])])


rnn_case("rnn_packed_sorted", "RNN", [3, 4], {}, [4, 3, 3], [4, 2, 1])
rnn_case("rnn_packed_unsorted_h0", "RNN", [3, 4], {}, [4, 3, 3], [2, 4, 1], enforce_sorted=False, h=True)
rnn_case("lstm_packed_unsorted", "LSTM", [3, 4], {}, [5, 4, 3], [3, 5, 3, 1], enforce_sorted=False, h=True)
rnn_case("lstm_packed_two_layers_bidirectional", "LSTM", [3, 4], {"numLayers": 2, "bidirectional": True}, [4, 3, 3], [4, 3, 1])
rnn_case("lstm_packed_proj_batch_first", "LSTM", [3, 5], {"projSize": 2, "batchFirst": True}, [3, 4, 3], [2, 4, 4], enforce_sorted=False, h=True)
rnn_case("gru_packed_bidirectional_unsorted", "GRU", [2, 3], {"bidirectional": True}, [4, 3, 2], [1, 4, 2], enforce_sorted=False, h=True)
rnn_case("gru_packed_all_equal", "GRU", [2, 3], {}, [3, 2, 2], [3, 3])

r.write()
