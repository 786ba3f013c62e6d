// save/load in the safetensors format against files written from PyTorch by
// test/golden/gen_safetensors.py (the format's reference layout): loading
// gives their tensors and metadata, saving the same tensors gives the same
// bytes (the safetensors conformance family; here also with no memory left
// behind), and Python's reader accepts what torchlet writes (when
// /usr/bin/python3 with torch is there to ask).

import { describe, expect, test } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { testFamily } from "./helpers/family.js";
import type { SafetensorsCase } from "./conformance/goldenCases.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (f: string): Uint8Array => new Uint8Array(readFileSync(join(here, "golden", "safetensors", f)));
const golden = loadGolden<SafetensorsCase>("safetensors");

describe("loading files written from PyTorch", () => testFamily("safetensors"));

describe("save", () => {
  test("a model's stateDict round-trips into another model", () => {
    const a = new torch.nn.Sequential(new torch.nn.Linear(4, 3), new torch.nn.ReLU(), new torch.nn.Linear(3, 2));
    const b = new torch.nn.Sequential(new torch.nn.Linear(4, 3), new torch.nn.ReLU(), new torch.nn.Linear(3, 2));
    torch.tidy(() => {
      const bytes = torch.save(a.stateDict());
      b.loadStateDict(torch.load(bytes));
      for (const [name, p] of a.namedParameters()) {
        const q = b.namedParameters().find((e) => e[0] === name)![1];
        expect(Array.from(q.toArray() as ArrayLike<number | bigint>, Number), name).toEqual(
          Array.from(p.toArray() as ArrayLike<number | bigint>, Number),
        );
      }
    });
    a.dispose();
    b.dispose();
  });

  test("non-contiguous tensors are written row-major", () => {
    torch.tidy(() => {
      const t = torch.arange(6, { dtype: "float32" }).view(2, 3).t();
      const back = torch.load(torch.save({ t }))["t"]!;
      expect(back.shape).toEqual([3, 2]);
      expect(Array.from(back.toArray() as ArrayLike<number | bigint>, Number)).toEqual([0, 3, 1, 4, 2, 5]);
    });
  });

  test("bad arguments", () => {
    expect(() => torch.save({ x: 3 as unknown as Tensor })).toThrow('"x" is not a Tensor');
    expect(() =>
      torch.tidy(() => torch.save({ x: torch.ones(1) }, { metadata: { k: 1 as unknown as string } })),
    ).toThrow("metadata values must be strings");
  });

  const python = "/usr/bin/python3";
  const hasTorch = existsSync(python) && spawnSync(python, ["-c", "import torch"]).status === 0;
  test.skipIf(!hasTorch)("Python's reader accepts what torchlet writes (gen_safetensors.py --check)", () => {
    const dir = mkdtempSync(join(tmpdir(), "torchlet-st-"));
    const args: string[] = [];
    const writable = golden.cases.filter((k) => k.writable);
    for (const c of writable) {
      const bytes = torch.tidy(() => torch.save(torch.load(fixture(c.file)), { metadata: c.metadata }));
      const path = join(dir, c.file);
      writeFileSync(path, bytes);
      args.push(path, c.file);
    }
    const r = spawnSync(python, [join(here, "golden", "gen_safetensors.py"), "--check", ...args], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(writable.map(() => "ok"));
  });
});

describe("malformed input", () => {
  const good = () => fixture("no_metadata.safetensors");
  const withHeader = (json: string, data = new Uint8Array(0)): Uint8Array => {
    const h = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + h.length + data.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
    out.set(h, 8);
    out.set(data, 8 + h.length);
    return out;
  };
  /** The JSON header of one tensor "a", compact as safetensors writers emit it. */
  const entry = (dtype: string, shape: number[], offsets: [number, number]): string =>
    JSON.stringify({ a: { dtype, shape, data_offsets: offsets } });
  test.each([
    ["too short", () => new Uint8Array(4), "HeaderTooSmall"],
    ["header past the end", () => good().subarray(0, 20), "InvalidHeaderLength"],
    ["not JSON", () => withHeader("{nope"), "InvalidHeaderDeserialization"],
    ["unknown dtype", () => withHeader(entry("Q8", [1], [0, 1]), new Uint8Array(1)), "known dtype"],
    ["gap in offsets", () => withHeader(entry("U8", [1], [1, 2]), new Uint8Array(2)), "InvalidOffset"],
    ["size mismatch", () => withHeader(entry("F32", [2], [0, 4]), new Uint8Array(4)), "TensorInvalidInfo"],
    ["trailing bytes", () => withHeader(entry("U8", [1], [0, 1]), new Uint8Array(3)), "MetadataIncompleteBuffer"],
  ])("%s", (_, make, message) => {
    expect(() => torch.load(make())).toThrow(message);
  });
});

describe("PyTorch's own checkpoints (test/golden/gen_pt.py)", () => {
  const pt = (f: string): Uint8Array => new Uint8Array(readFileSync(join(here, "golden", "pytorch", f)));
  test.each([
    ["linear.pt", "torch.save's zip format"],
    ["linear_legacy.pt", "torch.save's legacy pickle format"],
  ])("%s is refused with the way to convert it", (file, format) => {
    for (const read of [torch.load, torch.loadMetadata]) {
      const call = () => read(pt(file));
      expect(call).toThrow(TypeError);
      expect(call).toThrow(format);
      expect(call).toThrow("torchlet reads only the safetensors format");
      expect(call).toThrow(
        'from safetensors.torch import save_file; save_file(model.state_dict(), "model.safetensors")',
      );
    }
  });

  test("a safetensors file whose header length starts like a pickle still loads", () => {
    // A 640-byte header: its length's first bytes are 0x80 0x02, a pickle's opening.
    const h = new TextEncoder().encode('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}'.padEnd(640, " "));
    const bytes = new Uint8Array(8 + h.length + 1);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(h.length), true);
    bytes.set(h, 8);
    bytes[8 + h.length] = 7;
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x02]);
    const t = torch.load(bytes);
    expect(t.a!.tolist()).toEqual([7]);
    t.a!.dispose();
  });
});
