"""safetensors fixtures written from PyTorch tensors (test/safetensors.test.ts).

Python's `safetensors` package is not installed here, so this file carries
the format's reference writer and reader in a few lines of struct + json,
following huggingface/safetensors (safetensors/src/tensor.rs): tensors sorted
by dtype (descending in the Dtype enum: F64, F32, I32, ..., BOOL) then by
name, a compact JSON header with "__metadata__" first, padded with spaces to a
multiple of 8 bytes, preceded by its length as a little-endian u64.

    /usr/bin/python3 test/golden/generate.py safetensors      # writes the fixtures
    /usr/bin/python3 test/golden/gen_safetensors.py --check FILE FIXTURE [FILE FIXTURE ...]
        reads each FILE (written by torchlet) with the strict reader, checks that
        the reference writer gives back the same bytes, and that its tensors
        equal those of test/golden/safetensors/FIXTURE; prints "ok" per file.
"""
import json
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "safetensors")
ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
SIZES = {"BOOL": 1, "U8": 1, "I8": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4, "F64": 8, "I64": 8, "U64": 8}
TO_ST = {torch.float32: "F32", torch.float64: "F64", torch.int32: "I32", torch.bool: "BOOL", torch.int64: "I64", torch.uint8: "U8",
         torch.int8: "I8", torch.int16: "I16", torch.float16: "F16", torch.bfloat16: "BF16"}
FROM_ST = {v: k for k, v in TO_ST.items()}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def serialize(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-ORDER.index(TO_ST[kv[1].dtype]), kv[0].encode("utf-8")))
    header, datas, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in items:
        b = tensor_bytes(t)
        header[name] = {"dtype": TO_ST[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        datas.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(datas)


def deserialize(buf):
    """The reference reader's checks; returns (tensors in data order, metadata)."""
    (n,) = struct.unpack("<Q", buf[:8])
    assert n <= 100_000_000 and 8 + n <= len(buf), "header length"
    header = json.loads(buf[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", None)
    infos = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    start, out = 0, {}
    for name, info in infos:
        s, e = info["data_offsets"]
        assert s == start and e >= s, f"offsets of {name}"
        count = 1
        for d in info["shape"]:
            count *= d
        assert e - s == count * SIZES[info["dtype"]], f"size of {name}"
        raw = bytearray(buf[8 + n + s:8 + n + e])
        dt = FROM_ST[info["dtype"]]
        if count == 0:
            t = torch.zeros(info["shape"], dtype=dt)
        elif dt == torch.bfloat16:
            t = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16).reshape(info["shape"])
        else:
            t = torch.frombuffer(raw, dtype=dt).reshape(info["shape"])
        out[name] = t.clone()
        start = e
    assert 8 + n + start == len(buf), "incomplete buffer"
    return out, metadata


def fixtures():
    g = torch.Generator().manual_seed(0)
    basic = {
        "weight": torch.randn(2, 3, generator=g),
        "bias": torch.randn(3, generator=g),
        "0.weight": torch.randn(4, 2, generator=g),
        "count": torch.tensor([1, -2, 3, 2147483647], dtype=torch.int32),
        "mask": torch.tensor([[True, False], [False, True]]),
        "scale": torch.tensor(0.125, dtype=torch.float64),
        "empty": torch.zeros(0, 3),
        "naïve": torch.arange(5, dtype=torch.float64),
        "Zeta": torch.tensor([1.5]),
    }
    return {
        "basic.safetensors": (basic, {"format": "pt", "note": "from gen_safetensors.py"}),
        "no_metadata.safetensors": ({"a": torch.ones(2, 2), "b": torch.tensor([7], dtype=torch.int32)}, None),
        "empty_dict.safetensors": ({}, None),
        "other_dtypes.safetensors": ({
            "i64": torch.tensor([[1, -5], [2147483647, -2147483648]], dtype=torch.int64),
            "u8": torch.tensor([0, 255, 7], dtype=torch.uint8),
            "i16": torch.tensor([-300, 300], dtype=torch.int16),
            "f16": torch.tensor([0.5, -2.25, 65504.0, 1e-4], dtype=torch.float16),
            "bf16": torch.tensor([1.0, -3.140625, 1e20], dtype=torch.bfloat16),
        }, None),
        "i64_overflow.safetensors": ({"big": torch.tensor([1, 3_000_000_000], dtype=torch.int64)}, None),
    }


def as_torchlet(t):
    """What torchlet holds after loading: every dtype these fixtures use, as it is."""
    return t


def write():
    from common import DTYPES, Recorder, tensor_json

    r = Recorder("safetensors")
    os.makedirs(DIR, exist_ok=True)
    for fname, (tensors, metadata) in fixtures().items():
        buf = serialize(tensors, metadata)
        with open(os.path.join(DIR, fname), "wb") as f:
            f.write(buf)
        back, meta = deserialize(buf)
        writable = all(t.dtype in DTYPES for t in tensors.values())
        r.add(fname, file=fname, metadata=meta, writable=writable, order=list(back.keys()),
              tensors=[[k, tensor_json(as_torchlet(v))] for k, v in back.items()], error=None)
    r.write()


def check(path, fixture):
    with open(path, "rb") as f:
        buf = f.read()
    tensors, metadata = deserialize(buf)
    assert serialize(tensors, metadata) == buf, "bytes differ from the reference writer's"
    want, want_meta = deserialize(open(os.path.join(DIR, fixture), "rb").read())
    assert list(tensors) == list(want), f"names {list(tensors)} != {list(want)}"
    assert metadata == want_meta, f"metadata {metadata} != {want_meta}"
    for k, v in want.items():
        assert tensors[k].dtype == v.dtype and tensors[k].shape == v.shape and torch.equal(tensors[k], v), f"tensor {k}"
    print("ok")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--check":
        for i in range(2, len(sys.argv) - 1, 2):
            check(sys.argv[i], sys.argv[i + 1])
    else:
        write()
