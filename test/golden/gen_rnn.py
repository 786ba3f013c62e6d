"""Golden data for the recurrent layers (test/conformance/families/rnn.ts):
nn.RNN, nn.LSTM (proj_size too), nn.GRU and their cells from PyTorch 1.13:
seeded init (state dicts in PyTorch's order), outputs and final states, the
grads of a loss over all of them with respect to the input, the initial
states and every parameter, printed forms, and error messages.

Modules are described in torchlet's spelling ({"kind", "args", "opts"} with
camelCase options) so the JS side builds them from the case alone.
"""
import re

import torch
import torch.nn as nn

from common import Recorder, rand, value_json

r = Recorder("rnn")
torch.set_num_threads(1)
ids = iter(range(3000, 100000))


def snake(name):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def build(desc):
    opts = {snake(k): v for k, v in desc.get("opts", {}).items()}
    if "dtype" in opts:
        opts["dtype"] = {"float32": torch.float32, "float64": torch.float64}[opts["dtype"]]
    return getattr(nn, desc["kind"])(*desc["args"], **opts)


def arg(shape, dtype):
    return rand(shape, next(ids), dtype=dtype).requires_grad_(True)


def case(name, desc, x_shape, h_shapes=None, seed=100, forward_seed=101, train=True, dtype=torch.float32):
    """h_shapes: None (zeros), [h] or [h, c] shapes for the initial states."""
    torch.manual_seed(seed)
    m = build(desc)
    m.train(train)
    state = list(m.state_dict().items())
    x = arg(x_shape, dtype)
    hs = [arg(s, dtype) for s in h_shapes] if h_shapes else []
    hx = None if not hs else (hs[0] if len(hs) == 1 else tuple(hs))
    torch.manual_seed(forward_seed)
    res = m(x, hx)
    cell = desc["kind"].endswith("Cell")
    if cell:
        outs = list(res) if isinstance(res, tuple) else [res]
    else:
        out, hn = res
        outs = [out] + (list(hn) if isinstance(hn, tuple) else [hn])
    gos = [rand(list(o.shape), next(ids), dtype=dtype) for o in outs]
    loss = sum((o * g).sum() for o, g in zip(outs, gos))
    loss.backward()
    r.add(name, module=desc, x=x, hx=hs, seed=seed, forward_seed=forward_seed, train=train, state=state, outs=outs,
          grad_outs=gos, grad_inputs=[x.grad] + [h.grad for h in hs], grads=[(n, p.grad) for n, p in m.named_parameters()],
          names=[n for n, _ in m.named_parameters()], repr=repr(m))


M = lambda kind, i=3, h=4, **opts: {"kind": kind, "args": [i, h], "opts": opts}
case("rnn_tanh", M("RNN"), [5, 2, 3])
case("rnn_relu_2layers_h0", M("RNN", nonlinearity="relu", numLayers=2), [4, 3, 3], [[2, 3, 4]])
case("rnn_bidirectional_batch_first", M("RNN", bidirectional=True, batchFirst=True), [2, 5, 3])
case("rnn_no_bias_unbatched", M("RNN", bias=False), [5, 3], [[1, 4]])
case("lstm", M("LSTM"), [5, 2, 3])
case("lstm_states", M("LSTM", numLayers=2), [4, 2, 3], [[2, 2, 4], [2, 2, 4]])
case("lstm_bidirectional_2layers", M("LSTM", numLayers=2, bidirectional=True), [4, 2, 3])
case("lstm_proj", M("LSTM", 3, 5, projSize=2), [4, 2, 3], [[1, 2, 2], [1, 2, 5]])
case("lstm_proj_bidirectional_batch_first", M("LSTM", 3, 5, projSize=2, bidirectional=True, batchFirst=True, numLayers=2), [2, 4, 3])
case("lstm_dropout_seeded", M("LSTM", numLayers=3, dropout=0.3), [4, 2, 3])
case("lstm_dropout_eval", M("LSTM", numLayers=3, dropout=0.3), [4, 2, 3], train=False)
case("lstm_unbatched", M("LSTM"), [5, 3], [[1, 4], [1, 4]])
case("lstm_float64", M("LSTM", dtype="float64"), [3, 2, 3], dtype=torch.float64)
case("gru", M("GRU"), [5, 2, 3])
case("gru_bidirectional_2layers_h0", M("GRU", numLayers=2, bidirectional=True), [4, 2, 3], [[4, 2, 4]])
case("gru_batch_first_no_bias", M("GRU", batchFirst=True, bias=False), [2, 4, 3])
case("gru_float64", M("GRU", dtype="float64"), [3, 2, 3], dtype=torch.float64)
case("rnn_cell", M("RNNCell"), [2, 3], [[2, 4]])
case("rnn_cell_relu_no_state", M("RNNCell", nonlinearity="relu"), [2, 3])
case("lstm_cell", M("LSTMCell"), [2, 3], [[2, 4], [2, 4]])
case("lstm_cell_unbatched", M("LSTMCell"), [3])
case("gru_cell", M("GRUCell"), [2, 3], [[2, 4]])
case("gru_cell_no_bias", M("GRUCell", bias=False), [2, 3])

# nn.utils.rnn.pad_sequence: values, and grads through the padding
from torch.nn.utils.rnn import pad_sequence

for name, shapes, kw in [("pad_sequence", [[3, 2], [1, 2], [4, 2]], {}),
                         ("pad_sequence_batch_first_value", [[2], [5], [3]], {"batch_first": True, "padding_value": -1.5}),
                         ("pad_sequence_empty_member", [[0, 3], [2, 3]], {})]:
    seqs = [arg(s, torch.float32) for s in shapes]
    out = pad_sequence(seqs, **kw)
    go = rand(list(out.shape), next(ids))
    out.backward(go)
    r.add(name, kind="pad_sequence", seqs=seqs, opts={("batchFirst" if k == "batch_first" else "paddingValue"): v for k, v in kw.items()},
          out=out, grad_out=go, grads=[s.grad for s in seqs])

torch.manual_seed(0)
reprs = {
    "rnn": repr(nn.RNN(3, 4)),
    "rnn_all": repr(nn.RNN(3, 4, num_layers=2, nonlinearity="relu", bias=False, batch_first=True, dropout=0.5, bidirectional=True)),
    "lstm_proj": repr(nn.LSTM(3, 5, proj_size=2)),
    "gru": repr(nn.GRU(3, 4, num_layers=3)),
    "rnn_cell": repr(nn.RNNCell(3, 4, nonlinearity="relu")),
    "lstm_cell": repr(nn.LSTMCell(3, 4, bias=False)),
    "gru_cell": repr(nn.GRUCell(3, 4)),
}
r.add("reprs", reprs=reprs)

lstm = nn.LSTM(3, 4)
r.error("err_lstm_input_size", lambda: lstm(torch.zeros(5, 2, 6)))
r.error("err_lstm_hidden_shape", lambda: lstm(torch.zeros(5, 2, 3), (torch.zeros(1, 3, 4), torch.zeros(1, 2, 4))))
r.error("err_lstm_cell_shape", lambda: lstm(torch.zeros(5, 2, 3), (torch.zeros(1, 2, 4), torch.zeros(1, 2, 5))))
gru = nn.GRU(3, 4)
r.error("err_gru_hidden_dims", lambda: gru(torch.zeros(5, 2, 3), torch.zeros(2, 4)))
r.error("err_gru_unbatched_hidden_dims", lambda: gru(torch.zeros(5, 3), torch.zeros(1, 1, 4)))
r.error("err_proj_size", lambda: nn.LSTM(3, 4, proj_size=4))
r.error("err_dropout", lambda: nn.GRU(3, 4, dropout=1.5))
r.error("err_nonlinearity", lambda: nn.RNN(3, 4, nonlinearity="sigmoid"))
r.error("err_cell_input_dims", lambda: nn.GRUCell(3, 4)(torch.zeros(1, 2, 3)))
r.write()
