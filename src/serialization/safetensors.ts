// save and load in the safetensors format (https://github.com/huggingface/safetensors),
// byte for byte as its reference writer lays files out:
//
//   8 bytes     N, the header's length (u64, little-endian)
//   N bytes     a JSON object: "__metadata__" (string -> string) first when
//               present, then one entry per tensor,
//               {"dtype":"F32","shape":[2,3],"data_offsets":[begin,end]},
//               compact, padded with spaces to a multiple of 8 bytes
//   the rest    the tensors' bytes, little-endian, row-major, back to back,
//               ordered by dtype (widest first: F64, F32, I32, ..., BOOL)
//               then by name (bytewise), the order of the header's entries
//
// torchlet writes and reads F32, F64, I64, I32, I16, I8, U8, F16, BF16 and
// BOOL as such. It reads U32 and U64 (into int32, refusing values outside
// its range) and U16 (into int32).

import { checkOptionsObject, isPlainObject, kindOf, typeOf } from "../args.js";
import { Tensor } from "../tensor.js";
import type { DType } from "../dtype.js";
import { itemSize } from "../dtype.js";
import { numelOf, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";

/** The reference's Dtype enum, in its order (sorting by it, descending, orders the data). */
const DTYPES = [
  "BOOL",
  "U8",
  "I8",
  "F8_E5M2",
  "F8_E4M3",
  "I16",
  "U16",
  "F16",
  "BF16",
  "I32",
  "U32",
  "F32",
  "F64",
  "I64",
  "U64",
] as const;
type StDType = (typeof DTYPES)[number];
const SIZES: Record<StDType, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
};
const WRITTEN: Record<DType, StDType> = {
  float32: "F32",
  float64: "F64",
  int64: "I64",
  int32: "I32",
  bool: "BOOL",
  uint8: "U8",
  int8: "I8",
  int16: "I16",
  float16: "F16",
  bfloat16: "BF16",
};
const MAX_HEADER = 100_000_000;

/** Options of save (safetensors.torch.save's keyword arguments). */
export interface SaveOptions {
  /** Free-form string metadata, stored under "__metadata__" (e.g. { format: "pt" }). */
  metadata?: Record<string, string> | null;
}

const utf8 = new TextEncoder();

/** Bytewise comparison of UTF-8 strings (Rust's str ordering). */
function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a),
    y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** A JSON object from entries in the given order (JS objects would put integer-like keys first). */
const orderedObject = (entries: [string, string][]): string =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;

/** The bytes of a tensor's values, row-major. */
function bytesOf(t: Tensor): Uint8Array {
  const n = t.numel() * itemSize[t.dtype];
  if (t.isContiguous()) return abi.heapU8().slice(t._addr(), t._addr() + n);
  const a = t.toArray();
  return new Uint8Array(a.buffer, a.byteOffset, n).slice();
}

/**
 * torch.save for state dicts, in safetensors.torch.save's format:
 * serialises named tensors (a stateDict, say) into bytes readable by
 * Python's safetensors.torch.load / load_file. Unlike torch.save it writes
 * no pickle, so it takes only a flat object of tensors and returns the
 * bytes instead of writing a file.
 */
export function save(tensors: Record<string, Tensor>, opts: SaveOptions = {}): Uint8Array {
  if (!isPlainObject(tensors)) {
    throw new TypeError("save(tensors): expected a plain object of named tensors (a stateDict)");
  }
  const o = checkOptionsObject<SaveOptions>(opts, "save", ["metadata"]);
  const entries = Object.entries(tensors);
  for (const [name, t] of entries) {
    if (!(t instanceof Tensor)) throw new TypeError(`save(): "${name}" is not a Tensor (got ${typeOf(t)})`);
    // load() would read this entry as the file's metadata.
    if (name === "__metadata__")
      throw new TypeError('save(): "__metadata__" is reserved for the metadata; it cannot name a tensor');
    t._check();
  }
  entries.sort(
    ([na, a], [nb, b]) => DTYPES.indexOf(WRITTEN[b.dtype]) - DTYPES.indexOf(WRITTEN[a.dtype]) || compareUtf8(na, nb),
  );
  const header: [string, string][] = [];
  const meta = o.metadata ?? null;
  if (meta !== null && !isPlainObject(meta))
    throw new TypeError(`save(): metadata must be an object of strings, but got ${kindOf(meta)}`);
  if (meta !== null) {
    for (const [k, v] of Object.entries(meta)) {
      if (typeof v !== "string")
        throw new TypeError(`save(): metadata values must be strings, but "${k}" is ${typeof v}`);
    }
    header.push(["__metadata__", orderedObject(Object.entries(meta).map(([k, v]) => [k, JSON.stringify(v)]))]);
  }
  let offset = 0;
  const datas: Uint8Array[] = [];
  for (const [name, t] of entries) {
    const n = t.numel() * itemSize[t.dtype];
    header.push([
      name,
      `{"dtype":"${WRITTEN[t.dtype]}","shape":[${t.shape.join(",")}],"data_offsets":[${offset},${offset + n}]}`,
    ]);
    datas.push(bytesOf(t));
    offset += n;
  }
  const jsonBytes = utf8.encode(orderedObject(header));
  const pad = (8 - (jsonBytes.length % 8)) % 8;
  const headerLen = jsonBytes.length + pad;
  const out = new Uint8Array(8 + headerLen + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLen), true);
  out.set(jsonBytes, 8);
  out.fill(0x20, 8 + jsonBytes.length, 8 + headerLen);
  let at = 8 + headerLen;
  for (const d of datas) {
    out.set(d, at);
    at += d.length;
  }
  return out;
}

interface Info {
  name: string;
  dtype: StDType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Which of torch.save's formats `bytes` is, if it is one: "zip" (PyTorch
 * >= 1.6, a zip archive, "PK\x03\x04") or "pickle" (older, a pickle stream,
 * 0x80 then protocol 2 to 5). A safetensors header (JSON, "{" at byte 8)
 * may begin with those bytes as its length, so it is never taken for one.
 */
function pytorchFormat(bytes: Uint8Array): "zip" | "pickle" | null {
  if (bytes.length > 8 && bytes[8] === 0x7b) return null;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  if (bytes[0] === 0x80 && bytes[1] !== undefined && bytes[1] >= 2 && bytes[1] <= 5) return "pickle";
  return null;
}

/** Refuses a torch.save file with the way to convert it, rather than a header error. */
function checkNotPytorch(bytes: Uint8Array): void {
  const format = pytorchFormat(bytes);
  if (format === null) return;
  throw new TypeError(
    `This is a PyTorch checkpoint (torch.save's ${format === "zip" ? "zip" : "legacy pickle"} format, a .pt/.pth file), ` +
      "not safetensors: torchlet reads only the safetensors format. Convert it once in Python: " +
      '`from safetensors.torch import save_file; save_file(model.state_dict(), "model.safetensors")` ' +
      '(or `save_file(torch.load("model.pt"), "model.safetensors")` for a saved state dict).',
  );
}

/** Parses and validates the header as the reference reader does; returns the entries in data order. */
function readHeader(bytes: Uint8Array): { infos: Info[]; metadata: Record<string, string> | null; dataStart: number } {
  checkNotPytorch(bytes);
  if (bytes.length < 8)
    throw new RangeError("safetensors: the buffer is smaller than the 8-byte header length (HeaderTooSmall)");
  const n64 = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER))
    throw new RangeError(`safetensors: header length ${n64} exceeds 100 MB (HeaderTooLarge)`);
  const n = Number(n64);
  if (8 + n > bytes.length)
    throw new RangeError(
      `safetensors: header length ${n} runs past the end of the ${bytes.length}-byte buffer (InvalidHeaderLength)`,
    );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new TypeError("safetensors: the header is not valid UTF-8 (InvalidHeader)");
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new TypeError("safetensors: the header is not valid JSON (InvalidHeaderDeserialization)");
  }
  if (header === null || typeof header !== "object" || Array.isArray(header))
    throw new TypeError("safetensors: the header is not a JSON object (InvalidHeaderDeserialization)");
  let metadata: Record<string, string> | null = null;
  const infos: Info[] = [];
  for (const [name, v] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (v === null) continue;
      if (typeof v !== "object" || Array.isArray(v) || Object.values(v as object).some((x) => typeof x !== "string")) {
        throw new TypeError("safetensors: __metadata__ must map strings to strings (InvalidHeaderDeserialization)");
      }
      // Null-prototype, so names such as "__proto__" stay plain keys.
      metadata = Object.assign(Object.create(null) as Record<string, string>, v);
      continue;
    }
    const info = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    const ok =
      info !== null &&
      typeof info === "object" &&
      typeof info.dtype === "string" &&
      (DTYPES as readonly string[]).includes(info.dtype) &&
      Array.isArray(info.shape) &&
      info.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
      Array.isArray(info.data_offsets) &&
      info.data_offsets.length === 2 &&
      info.data_offsets.every((d) => Number.isSafeInteger(d) && d >= 0);
    if (!ok)
      throw new TypeError(
        `safetensors: the entry of "${name}" is not {dtype, shape, data_offsets} with a known dtype (InvalidHeaderDeserialization)`,
      );
    const [begin, end] = info.data_offsets as [number, number];
    infos.push({ name, dtype: info.dtype as StDType, shape: info.shape as number[], begin, end });
  }
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let start = 0;
  for (const i of infos) {
    if (i.begin !== start || i.end < i.begin)
      throw new RangeError(
        `safetensors: the data offsets of "${i.name}" do not follow the previous tensor's (InvalidOffset)`,
      );
    if (i.end - i.begin !== numelOf(i.shape) * SIZES[i.dtype]) {
      throw new RangeError(
        `safetensors: "${i.name}" has ${i.end - i.begin} bytes, but shape ${showShape(i.shape)} of ${i.dtype} needs ${numelOf(i.shape) * SIZES[i.dtype]} (TensorInvalidInfo)`,
      );
    }
    start = i.end;
  }
  if (8 + n + start !== bytes.length) {
    throw new RangeError(
      `safetensors: the tensors cover ${start} bytes but the buffer holds ${bytes.length - 8 - n} after the header (MetadataIncompleteBuffer)`,
    );
  }
  return { infos, metadata, dataStart: 8 + n };
}

const INT32_MIN = -2147483648,
  INT32_MAX = 2147483647;

/** Reads one tensor's bytes into a new tensor of torchlet's nearest dtype. */
function makeTensor(i: Info, data: Uint8Array): Tensor {
  const native: Partial<Record<StDType, DType>> = {
    F32: "float32",
    F64: "float64",
    I64: "int64",
    I32: "int32",
    BOOL: "bool",
    U8: "uint8",
    I8: "int8",
    I16: "int16",
    F16: "float16",
    BF16: "bfloat16",
  };
  const direct = native[i.dtype];
  const dtype: DType = direct ?? "int32";
  if (i.dtype === "F8_E5M2" || i.dtype === "F8_E4M3")
    throw new TypeError(`safetensors: "${i.name}" has dtype ${i.dtype}, which torchlet cannot read`);
  const t = Tensor._empty(i.shape, dtype);
  const count = numelOf(i.shape);
  if (count === 0) return t;
  if (direct !== undefined) {
    abi.heapU8().set(data, t._addr());
    if (dtype === "bool") {
      const v = abi.view("bool", t._addr(), count);
      for (let k = 0; k < count; k++) if (v[k] !== 0) v[k] = 1;
    }
    return t;
  }
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const values = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    let v: number | bigint;
    switch (i.dtype) {
      case "U16":
        v = dv.getUint16(2 * k, true);
        break;
      case "U32":
        v = dv.getUint32(4 * k, true);
        break;
      case "I64":
        v = dv.getBigInt64(8 * k, true);
        break;
      default: // U64
        v = dv.getBigUint64(8 * k, true);
    }
    if (dtype === "int32" && (v < INT32_MIN || v > INT32_MAX)) {
      t.dispose();
      throw new RangeError(
        `safetensors: "${i.name}" (${i.dtype}) holds ${String(v)}, outside the int32 range torchlet stores integers in`,
      );
    }
    values[k] = Number(v);
  }
  abi.view(dtype, t._addr(), count).set(values as never);
  return t;
}

/**
 * Reads tensors saved in the safetensors format (by save, or by Python's
 * safetensors), in the file's order. Returns new tensors (tidy tracks them)
 * in a null-prototype object (a name from the file is only ever a key);
 * pass the result to module.loadStateDict. Any input, however malformed,
 * gives the tensors or a TypeError/RangeError.
 * Unlike torch.load it reads no pickle: a torch.save file (.pt/.pth) throws
 * a TypeError that says how to convert it to safetensors.
 */
export function load(bytes: Uint8Array | ArrayBuffer): Record<string, Tensor> {
  const buf = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(buf instanceof Uint8Array)) throw new TypeError("load(bytes): expected a Uint8Array or an ArrayBuffer");
  const { infos, dataStart } = readHeader(buf);
  // Names come from the file: a null-prototype object keeps "__proto__", "constructor", ... as plain keys.
  const out = Object.create(null) as Record<string, Tensor>;
  try {
    for (const i of infos) out[i.name] = makeTensor(i, buf.subarray(dataStart + i.begin, dataStart + i.end));
  } catch (e) {
    for (const t of Object.values(out)) t.dispose();
    throw e;
  }
  return out;
}

/** safetensors' metadata: the "__metadata__" of a safetensors buffer (null when it has none); refuses torch.save files as load does. */
export function loadMetadata(bytes: Uint8Array | ArrayBuffer): Record<string, string> | null {
  const buf = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(buf instanceof Uint8Array)) throw new TypeError("loadMetadata(bytes): expected a Uint8Array or an ArrayBuffer");
  return readHeader(buf).metadata;
}
