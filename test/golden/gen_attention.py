"""Golden data for attention (test/conformance/families/attention.ts):
F.scaled_dot_product_attention (PyTorch 2.x's API; torch 1.13 lacks it, so
`sdpa` below is its documented definition in 1.13 ops), nn.MultiheadAttention
and the transformer layers and stacks of 1.13: seeded init (state dicts),
forward values, attention weights, grads of inputs and parameters, printed
forms, and error messages.

Modules are described in torchlet's spelling ({"kind", "args", "opts"} with
camelCase options) so the JS side builds them from the case alone; `build`
makes the same module here. Layers run in training mode (PyTorch's eval fast
path computes the same function through fused native kernels).
"""
import math
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, rand, value_json

r = Recorder("attention")
torch.set_num_threads(1)


def sdpa(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    L, S = query.size(-2), key.size(-2)
    scale_factor = 1 / math.sqrt(query.size(-1)) if scale is None else scale
    attn_bias = torch.zeros(L, S, dtype=query.dtype)
    if is_causal:
        assert attn_mask is None
        temp_mask = torch.ones(L, S, dtype=torch.bool).tril(diagonal=0)
        attn_bias = attn_bias.masked_fill(temp_mask.logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            attn_bias = attn_bias.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            attn_bias = attn_bias + attn_mask
    attn_weight = query @ key.transpose(-2, -1) * scale_factor
    attn_weight = attn_weight + attn_bias
    attn_weight = torch.softmax(attn_weight, dim=-1)
    attn_weight = torch.dropout(attn_weight, dropout_p, train=True)
    return attn_weight @ value


def snake(name):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def build(desc):
    """The module a {"kind", "args", "opts"} description names, made here."""
    kind = desc["kind"]
    opts = {snake(k): v for k, v in desc.get("opts", {}).items()}
    if "dtype" in opts:
        opts["dtype"] = {"float32": torch.float32, "float64": torch.float64}[opts["dtype"]]
    if kind in ("TransformerEncoder", "TransformerDecoder"):
        layer = build(desc["layer"])
        norm = build(desc["norm"]) if desc.get("norm") else None
        return getattr(nn, kind)(layer, desc["numLayers"], norm=norm)
    return getattr(nn, kind)(*desc["args"], **opts)


ids = iter(range(1000, 100000))


def tensor_arg(shape, dtype=torch.float32, scale=1.0):
    return rand(shape, next(ids), dtype=dtype) * scale


# ---- F.scaled_dot_product_attention ----------------------------------------------------------------

def swap_heads(shape):
    """[..., H, T, E] -> [..., T, H, E]: the layout of q, k and v split from one projection."""
    return shape[:-3] + [shape[-2], shape[-3], shape[-1]]


def sdpa_case(name, q_shape, k_shape, v_shape, dtype=torch.float32, mask=None, seed=None, layout=None, **kw):
    """layout "heads": q, k and v are [..., T, H, E] leaves and the op gets their transpose(-3, -2)."""
    shapes = [swap_heads(s) if layout == "heads" else s for s in (q_shape, k_shape, v_shape)]
    q, k, v = (tensor_arg(s, dtype).requires_grad_(True) for s in shapes)
    seen = [t.transpose(-3, -2) if layout == "heads" else t for t in (q, k, v)]
    if seed is not None:
        torch.manual_seed(seed)
    out = sdpa(*seen, attn_mask=mask, **kw)
    go = tensor_arg(list(out.shape), dtype)
    out.backward(go)
    opts = {{"dropout_p": "dropoutP", "is_causal": "isCausal", "scale": "scale"}[k2]: v2 for k2, v2 in kw.items()}
    extra = {} if layout is None else {"layout": layout}
    r.add(name, kind="sdpa", q=q, k=k, v=v, mask=mask, opts=opts, seed=seed, out=out, grad_out=go,
          grads=[q.grad, k.grad, v.grad], **extra)


sdpa_case("sdpa_4d", [2, 3, 4, 8], [2, 3, 5, 8], [2, 3, 5, 6])
sdpa_case("sdpa_3d", [3, 4, 8], [3, 6, 8], [3, 6, 8])
sdpa_case("sdpa_2d_scale", [4, 8], [5, 8], [5, 3], scale=0.3)
sdpa_case("sdpa_causal", [2, 2, 5, 4], [2, 2, 5, 4], [2, 2, 5, 4], is_causal=True)
sdpa_case("sdpa_causal_rect", [2, 3, 4], [2, 6, 4], [2, 6, 4], is_causal=True)
sdpa_case("sdpa_bool_mask", [2, 3, 4, 8], [2, 3, 5, 8], [2, 3, 5, 6],
          mask=torch.tensor([[True, False, True, True, False], [True, True, True, False, False],
                             [False, True, True, True, True], [True, False, False, False, False]]))
sdpa_case("sdpa_bool_mask_broadcast", [2, 3, 4, 8], [2, 3, 5, 8], [2, 3, 5, 6],
          mask=torch.tensor([True, True, False, True, False]).view(1, 1, 1, 5).expand(2, 1, 4, 5).contiguous())
sdpa_case("sdpa_float_mask", [2, 4, 8], [2, 5, 8], [2, 5, 6], mask=rand([2, 4, 5], 77))
sdpa_case("sdpa_float64", [2, 3, 8], [2, 5, 8], [2, 5, 4], dtype=torch.float64, is_causal=False, scale=0.5)
sdpa_case("sdpa_dropout_seeded", [2, 2, 4, 8], [2, 2, 6, 8], [2, 2, 6, 8], dropout_p=0.3, seed=123)
sdpa_case("sdpa_empty_batch", [0, 3, 4], [0, 5, 4], [0, 5, 2])

# a fully masked row: softmax over -inf gives NaN, as in PyTorch
q, k, v = tensor_arg([2, 3]), tensor_arg([4, 3]), tensor_arg([4, 2])
m = torch.tensor([[True, True, False, False], [False, False, False, False]])
r.add("sdpa_fully_masked_row", kind="sdpa", q=q, k=k, v=v, mask=m, opts={}, seed=None, out=sdpa(q, k, v, attn_mask=m))


# ---- modules ---------------------------------------------------------------------------------------

def module_case(name, desc, inputs, kwargs=None, seed=100, forward_seed=101, dtype=torch.float32, train=True,
                tuple_out=False):
    """inputs: a list of shapes, or an int i for "the same tensor as input i"."""
    torch.manual_seed(seed)
    m = build(desc)
    m.train(train)
    state = list(m.state_dict().items())
    made, spec = [], []
    for s in inputs:
        if isinstance(s, int):
            made.append(made[s])
            spec.append({"same": s})
        else:
            t = tensor_arg(s, dtype).requires_grad_(True)
            made.append(t)
            spec.append(t)
    kwargs = kwargs or {}
    torch.manual_seed(forward_seed)
    res = m(*made, **{snake(k): v for k, v in kwargs.items()})
    out, weights = (res[0], res[1]) if tuple_out else (res, None)
    go = tensor_arg(list(out.shape), dtype)
    out.backward(go)
    leaves = [t for t in spec if isinstance(t, torch.Tensor)]
    r.add(name, kind="module", module=desc, call=spec, kwargs={k: value_json(v) for k, v in kwargs.items()}, seed=seed, forward_seed=forward_seed,
          train=train, tuple_out=tuple_out, state=state, out=out, weights=weights, grad_out=go,
          grad_inputs=[t.grad for t in leaves], grads=[(n, p.grad) for n, p in m.named_parameters()],
          names=[n for n, _ in m.named_parameters()], repr=repr(m))


MHA = lambda E=8, H=2, **opts: {"kind": "MultiheadAttention", "args": [E, H], "opts": opts}
causal5 = torch.triu(torch.ones(5, 5, dtype=torch.bool), 1)
float_mask = nn.Transformer.generate_square_subsequent_mask(5)

module_case("mha_self", MHA(), [[5, 3, 8], 0, 0], tuple_out=True)
module_case("mha_self_batch_first", MHA(batchFirst=True), [[3, 5, 8], 0, 0], tuple_out=True)
module_case("mha_cross", MHA(), [[4, 2, 8], [6, 2, 8], 1], tuple_out=True)
module_case("mha_three_inputs", MHA(), [[4, 2, 8], [6, 2, 8], [6, 2, 8]], tuple_out=True)
module_case("mha_kdim_vdim", MHA(kdim=5, vdim=3), [[4, 2, 8], [6, 2, 5], [6, 2, 3]], tuple_out=True)
module_case("mha_no_bias", MHA(bias=False), [[5, 2, 8], 0, 0], tuple_out=True)
module_case("mha_bool_causal_mask", MHA(), [[5, 2, 8], 0, 0], {"attnMask": causal5}, tuple_out=True)
module_case("mha_float_mask", MHA(), [[5, 2, 8], 0, 0], {"attnMask": float_mask}, tuple_out=True)
module_case("mha_3d_mask", MHA(), [[5, 2, 8], 0, 0], {"attnMask": rand([4, 5, 5], 88)}, tuple_out=True)
module_case("mha_key_padding", MHA(), [[5, 2, 8], 0, 0],
            {"keyPaddingMask": torch.tensor([[False, False, False, True, True], [False] * 5])}, tuple_out=True)
module_case("mha_padding_and_mask", MHA(), [[5, 2, 8], 0, 0],
            {"keyPaddingMask": torch.tensor([[False, False, False, True, True], [False] * 5]), "attnMask": causal5},
            tuple_out=True)
module_case("mha_weights_per_head", MHA(), [[4, 2, 8], 0, 0], {"averageAttnWeights": False}, tuple_out=True)
module_case("mha_no_weights", MHA(), [[4, 2, 8], 0, 0], {"needWeights": False}, tuple_out=True)
module_case("mha_bias_kv_zero_attn", MHA(addBiasKv=True, addZeroAttn=True), [[4, 2, 8], 0, 0],
            {"keyPaddingMask": torch.tensor([[False, False, True, False], [False] * 4])}, tuple_out=True)
module_case("mha_unbatched", MHA(), [[5, 8], 0, 0], tuple_out=True)
module_case("mha_dropout_seeded", MHA(dropout=0.25), [[5, 2, 8], 0, 0], tuple_out=True)
module_case("mha_eval_dropout_off", MHA(dropout=0.25), [[5, 2, 8], 0, 0], train=False, tuple_out=True)
module_case("mha_float64", MHA(dtype="float64"), [[4, 2, 8], 0, 0], dtype=torch.float64, tuple_out=True)

ENC = lambda **opts: {"kind": "TransformerEncoderLayer", "args": [8, 2], "opts": {"dimFeedforward": 16, "dropout": 0.0, **opts}}
DEC = lambda **opts: {"kind": "TransformerDecoderLayer", "args": [8, 2], "opts": {"dimFeedforward": 16, "dropout": 0.0, **opts}}
module_case("encoder_layer", ENC(), [[5, 2, 8]])
module_case("encoder_layer_gelu_norm_first", ENC(activation="gelu", normFirst=True), [[5, 2, 8]])
module_case("encoder_layer_batch_first_masks", ENC(batchFirst=True), [[2, 5, 8]],
            {"srcMask": float_mask, "srcKeyPaddingMask": torch.tensor([[False] * 4 + [True], [False] * 5])})
module_case("encoder_layer_dropout_seeded", ENC(dropout=0.2), [[5, 2, 8]])
module_case("encoder_layer_default_ff", {"kind": "TransformerEncoderLayer", "args": [8, 2], "opts": {"dropout": 0.0}}, [[3, 2, 8]])
module_case("encoder_layer_eval", ENC(dropout=0.2), [[5, 2, 8]], train=False)
module_case("encoder_stack_norm", {"kind": "TransformerEncoder", "layer": ENC(), "numLayers": 2,
                                   "norm": {"kind": "LayerNorm", "args": [8]}}, [[5, 2, 8]], {"mask": causal5})
module_case("decoder_layer", DEC(), [[4, 2, 8], [6, 2, 8]])
module_case("decoder_layer_masks_norm_first", DEC(normFirst=True, activation="gelu"), [[5, 2, 8], [6, 2, 8]],
            {"tgtMask": float_mask, "memoryKeyPaddingMask": torch.tensor([[False] * 5 + [True], [False] * 6])})
module_case("decoder_stack", {"kind": "TransformerDecoder", "layer": DEC(batchFirst=True), "numLayers": 2},
            [[2, 5, 8], [2, 6, 8]], {"tgtMask": causal5})

# ---- printed forms ----------------------------------------------------------------------------------
torch.manual_seed(0)
reprs = {
    "mha": repr(nn.MultiheadAttention(8, 2)),
    "mha_kdim": repr(nn.MultiheadAttention(8, 2, kdim=4, vdim=4)),
    "encoder_layer": repr(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16)),
    "encoder_layer_gelu_module": repr(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, activation=nn.GELU())),
    "encoder": repr(nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16), 2, norm=nn.LayerNorm(8))),
    "decoder_layer": repr(nn.TransformerDecoderLayer(8, 2, dim_feedforward=16)),
}
r.add("reprs", kind="reprs", reprs=reprs)

# ---- errors -----------------------------------------------------------------------------------------
r.error("err_mha_divisible", lambda: nn.MultiheadAttention(10, 3))
mha = nn.MultiheadAttention(8, 2)
r.error("err_mha_embed_dim", lambda: mha(torch.zeros(3, 2, 6), torch.zeros(3, 2, 6), torch.zeros(3, 2, 6)))
r.error("err_mha_4d_query", lambda: mha(torch.zeros(1, 3, 2, 8), torch.zeros(1, 3, 2, 8), torch.zeros(1, 3, 2, 8)))
r.error("err_mha_key_value_shape", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(4, 2, 8), torch.zeros(5, 2, 8)))
r.error("err_mha_2d_mask_shape", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 2, 8), torch.zeros(3, 2, 8),
                                             attn_mask=torch.zeros(3, 4)))
r.error("err_mha_3d_mask_shape", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 2, 8), torch.zeros(3, 2, 8),
                                             attn_mask=torch.zeros(2, 3, 3)))
r.error("err_mha_batched_key_dims", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 8), torch.zeros(3, 8)))
r.error("err_mha_padding_dims", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 2, 8), torch.zeros(3, 2, 8),
                                            key_padding_mask=torch.zeros(2, 3, 1, dtype=torch.bool)))
r.error("err_mha_padding_shape", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 2, 8), torch.zeros(3, 2, 8),
                                             key_padding_mask=torch.zeros(2, 4, dtype=torch.bool)))
r.error("err_mha_int_mask", lambda: mha(torch.zeros(3, 2, 8), torch.zeros(3, 2, 8), torch.zeros(3, 2, 8),
                                        attn_mask=torch.zeros(3, 3, dtype=torch.int32)))
r.error("err_encoder_activation", lambda: nn.TransformerEncoderLayer(8, 2, activation="tanh"))
# ---- the fused kernel's shapes (src/nn/functional/flashAttention.ts: blocks of 32 queries and keys) --
sdpa_case("sdpa_flash_causal_37_f64", [2, 2, 37, 8], [2, 2, 37, 8], [2, 2, 37, 8], dtype=torch.float64,
          is_causal=True)
sdpa_case("sdpa_flash_70x45_f64", [2, 70, 5], [2, 45, 5], [2, 45, 3], dtype=torch.float64)
sdpa_case("sdpa_flash_causal_40x70_f64", [2, 40, 6], [2, 70, 6], [2, 70, 7], dtype=torch.float64, is_causal=True)
sdpa_case("sdpa_flash_causal_70x40_f64", [70, 6], [40, 6], [40, 2], dtype=torch.float64, is_causal=True, scale=0.4)
sdpa_case("sdpa_flash_T1_causal", [3, 1, 4], [3, 1, 4], [3, 1, 4], is_causal=True)
sdpa_case("sdpa_flash_T1_f64", [3, 1, 4], [3, 1, 4], [3, 1, 5], dtype=torch.float64)
sdpa_case("sdpa_flash_empty_batch_f64", [0, 2, 5, 4], [0, 2, 5, 4], [0, 2, 5, 3], dtype=torch.float64,
          is_causal=True)
sdpa_case("sdpa_flash_heads_causal", [2, 3, 33, 8], [2, 3, 33, 8], [2, 3, 33, 8], is_causal=True, layout="heads")
sdpa_case("sdpa_flash_heads_f64", [2, 3, 65, 6], [2, 3, 65, 6], [2, 3, 65, 6], dtype=torch.float64,
          is_causal=True, layout="heads")
sdpa_case("sdpa_flash_gpt_f32", [1, 2, 64, 32], [1, 2, 64, 32], [1, 2, 64, 32], is_causal=True)
sdpa_case("sdpa_flash_bool_mask_f64", [2, 40, 4], [2, 40, 4], [2, 40, 4], dtype=torch.float64,
          mask=torch.rand(40, 40, generator=torch.Generator().manual_seed(9)) > 0.3)
sdpa_case("sdpa_flash_float_mask_f64", [2, 40, 4], [2, 33, 4], [2, 33, 4], dtype=torch.float64,
          mask=rand([40, 33], 91, dtype=torch.float64))
r.write()
