// Property: torch.load on untrusted safetensors bytes never crashes, hangs or
// corrupts memory. For random bytes, and for files written by torch.save
// then mutated (bytes flipped, cut short or extended; header fields replaced
// by hostile values; names such as "__proto__"), load either returns tensors
// (in a null-prototype object, each readable, of the shape its entry says)
// or throws a TypeError or RangeError; afterwards memory() is as before once
// the results are disposed, and the heap is intact. Files torch.save writes
// read back with the same names and values, whatever the names.
//
// CI runs a few hundred cases (a few seconds); `npm run fuzz` many more.

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import * as abi from "../../src/wasm/abi.js";
import { fuzz } from "./fuzz.js";

/** Names an attacker would try first, then ordinary ones. */
const HOSTILE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "__defineGetter__",
  "valueOf",
  "then",
  "",
  "0",
  "a.b",
  "é",
  "\u0000",
];
const name = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 8 }));

const DTYPES = ["float32", "float64", "int32", "bool"] as const;
const tensorSpec = fc.record({
  dtype: fc.constantFrom(...DTYPES),
  shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});
const namedSpecs = fc
  .uniqueArray(fc.tuple(name, tensorSpec), { maxLength: 5, selector: ([n]) => n })
  .filter((es) => es.every(([n]) => n !== "__metadata__"));

function make(spec: { dtype: (typeof DTYPES)[number]; shape: number[]; seed: number }): Tensor {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => ((spec.seed * 31 + i * 7) % 13) - 6);
  return torch.fromArray(spec.dtype === "bool" ? values.map((v) => (v > 0 ? 1 : 0)) : values, spec.shape, {
    dtype: spec.dtype,
  });
}

/** A file with these tensors (defined, not assigned, so "__proto__" is a name like any other). */
function fileOf(
  entries: [string, { dtype: (typeof DTYPES)[number]; shape: number[]; seed: number }][],
  metadata?: Record<string, string>,
): Uint8Array {
  return torch.tidy(() => {
    const named: Record<string, Tensor> = Object.create(null);
    for (const [n, s] of entries) Object.defineProperty(named, n, { value: make(s), enumerable: true });
    return torch.save(named, metadata === undefined ? {} : { metadata });
  });
}

/** Header values an attacker would try in place of a real one. */
const hostileValue = fc.constantFrom<unknown>(
  -1,
  0,
  1,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  1e300,
  -0,
  0.5,
  NaN,
  "1",
  null,
  true,
  [],
  {},
  [0],
  [0, 0],
  [1, 0],
  [2 ** 31, 0],
  [0, 2 ** 40],
  [2 ** 16, 2 ** 16],
  [-1],
  ["1"],
  [[1]],
  "F32",
  "F16",
  "BF16",
  "I64",
  "U64",
  "F8_E4M3",
  "f32",
  "__proto__",
  { __proto__: null },
);

/** Replaces one field of one entry of the header (or the metadata, or adds an entry) and rewrites the length prefix. */
function mutateHeader(file: Uint8Array, pick: number, field: number, value: unknown, newName: string): Uint8Array {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<
    string,
    Record<string, unknown>
  >;
  const keys = Object.keys(header);
  const fields = ["dtype", "shape", "data_offsets", "__entry__", "__name__"];
  const f = fields[field % fields.length]!;
  if (keys.length === 0 || f === "__name__") {
    // A new entry (JSON.parse makes "__proto__" an own key, as it would be in a file).
    const text = `{${JSON.stringify(newName)}:${JSON.stringify(value) ?? "null"},${new TextDecoder().decode(file.subarray(9, 8 + n))}`;
    return withHeader(
      file,
      n,
      keys.length === 0 ? `{${JSON.stringify(newName)}:${JSON.stringify(value) ?? "null"}}` : text.trimEnd(),
    );
  }
  const key = keys[pick % keys.length]!;
  if (f === "__entry__") header[key] = value as Record<string, unknown>;
  else if (header[key] !== null && typeof header[key] === "object") header[key]![f] = value;
  return withHeader(file, n, JSON.stringify(header));
}

function withHeader(file: Uint8Array, oldLength: number, json: string): Uint8Array {
  const bytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + bytes.length + file.length - 8 - oldLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(bytes.length), true);
  out.set(bytes, 8);
  out.set(file.subarray(8 + oldLength), 8 + bytes.length);
  return out;
}

/** Loads untrusted bytes: a clean result or a clean error, nothing left behind, the heap intact. */
function loadsCleanly(bytes: Uint8Array): void {
  const before = torch.memory();
  let out: Record<string, Tensor> | null = null;
  try {
    out = torch.load(bytes);
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    expect((e as Error).message).toMatch(/^safetensors: |more than torchlet's limit/);
  }
  if (out !== null) {
    expect(Object.getPrototypeOf(out)).toBe(null);
    for (const [, t] of Object.entries(out)) {
      expect(t).toBeInstanceOf(torch.Tensor);
      expect(t.toArray().length).toBe(t.numel());
      t.dispose();
    }
  }
  const after = torch.memory();
  expect([after.tensors, after.bytesInUse]).toEqual([before.tensors, before.bytesInUse]);
  expect(abi.runtime().exports.checkHeap()).toBeGreaterThanOrEqual(0);
}

describe("torch.load on untrusted bytes", () => {
  test("random bytes, and random bytes after a plausible length prefix", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 0, max: 80 }),
        fc.boolean(),
        (body, len, prefix) => {
          if (!prefix) return loadsCleanly(body);
          const bytes = new Uint8Array(8 + body.length);
          new DataView(bytes.buffer).setBigUint64(0, BigInt(len), true);
          bytes.set(body, 8);
          loadsCleanly(bytes);
        },
      ),
      fuzz(300),
    );
  });

  test("saved files with bytes flipped, cut short or extended", () => {
    fc.assert(
      fc.property(
        namedSpecs,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.integer({ min: -16, max: 16 }),
        (entries, flips, cut) => {
          const file = fileOf(entries);
          const bytes =
            cut >= 0
              ? new Uint8Array([...file, ...new Uint8Array(cut)])
              : file.slice(0, Math.max(0, file.length + cut));
          for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
          loadsCleanly(bytes);
        },
      ),
      fuzz(200),
    );
  });

  test("saved files with a header field replaced by a hostile value", () => {
    fc.assert(
      fc.property(namedSpecs, fc.nat(), fc.nat(), hostileValue, name, (entries, pick, field, value, newName) => {
        loadsCleanly(mutateHeader(fileOf(entries), pick, field, value, newName));
      }),
      fuzz(300),
    );
  });

  test("what save writes, load reads back: the same names (however hostile) and values", () => {
    fc.assert(
      fc.property(namedSpecs, fc.dictionary(name, fc.string({ maxLength: 4 }), { maxKeys: 3 }), (entries, metadata) => {
        const file = fileOf(entries, metadata);
        torch.tidy(() => {
          const out = torch.load(file);
          expect(Object.keys(out).sort()).toEqual(entries.map(([n]) => n).sort());
          for (const [n, s] of entries) {
            const t = out[n]!;
            expect(t.dtype).toBe(s.dtype);
            expect(t.shape).toEqual(s.shape);
            expect(Array.from(t.toArray() as ArrayLike<number | bigint>, Number)).toEqual(
              Array.from(make(s).toArray() as ArrayLike<number | bigint>, Number),
            );
          }
          const meta = torch.loadMetadata(file);
          expect(meta === null ? {} : { ...meta }).toEqual({ ...metadata });
        });
      }),
      fuzz(200),
    );
  });
});
