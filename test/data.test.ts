// torch.utils.data against PyTorch 1.13 (test/golden/gen_data.py): shuffled
// DataLoader order for several seeds and sizes (and the default generator's
// state after), samplers, randomSplit, default collation, messages. Plus
// for await...of over async datasets, collateFn, memory, the API.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadGolden } from "./helpers/golden.js";
import { checkCase } from "./conformance/check.js";
import { KEYS, runData } from "./conformance/families/data.js";

const golden = loadGolden<Record<string, unknown>>("data");
const { data } = torch.utils;

describe("utils.data against PyTorch", () => {
  for (const c of golden.cases) {
    test(String(c.name), () => {
      const expected = Object.fromEntries(KEYS.filter((k) => k in c).map((k) => [k, c[k]]));
      expect(torch.tidy(() => checkCase(expected, runData(torch, c)))).toBeNull();
    });
  }
});

describe("DataLoader", () => {
  test("for await...of over a dataset whose samples are Promises", async () => {
    class Remote extends data.Dataset<{ x: number; label: string }> {
      get length() {
        return 5;
      }
      async get(i: number) {
        await new Promise((r) => setTimeout(r, 1));
        return { x: i * 2, label: `#${i}` };
      }
    }
    const seen: unknown[] = [];
    for await (const b of new data.DataLoader(new Remote(), { batchSize: 2 })) {
      const { x, label } = b as { x: Tensor; label: string[] };
      seen.push([x.tolist(), label]);
    }
    expect(seen).toEqual([
      [
        [0, 2],
        ["#0", "#1"],
      ],
      [
        [4, 6],
        ["#2", "#3"],
      ],
      [[8], ["#4"]],
    ]);
    expect(() => [...new data.DataLoader(new Remote())]).toThrow("for await...of");
  });

  test("async iterable datasets, batchSize null, collateFn", async () => {
    async function* gen() {
      for (let i = 0; i < 5; i++) yield i;
    }
    const out: unknown[] = [];
    for await (const b of new data.DataLoader(
      { [Symbol.asyncIterator]: gen },
      { batchSize: 2, collateFn: (s: number[]) => s.join("+") },
    ))
      out.push(b);
    expect(out).toEqual(["0+1", "2+3", "4"]);
    const single = [...new data.DataLoader([1, 2, 3], { batchSize: null })];
    expect(single).toEqual([1, 2, 3]);
  });

  test("a training epoch leaves no tensors behind", () => {
    const xs = torch.randn(20, 3),
      ys = torch.randn(20);
    const dl = new data.DataLoader(new data.TensorDataset(xs, ys), { batchSize: 8, shuffle: true });
    const before = torch.memory().tensors;
    for (const batch of dl) {
      torch.tidy(() => void (batch as Tensor[]).map((t) => t.sum()));
      torch.dispose(batch as Tensor[]); // the batch is the caller's
    }
    expect(torch.memory().tensors).toBe(before);
    torch.tidy(() => {
      for (const batch of dl) (batch as Tensor[]).forEach((t) => t.sum());
    });
    expect(torch.memory().tensors).toBe(before);
    expect(dl.length).toBe(3);
    xs.dispose();
    ys.dispose();
  });

  test("unknown options and workers", () => {
    expect(() => new data.DataLoader([1], { batch_size: 2 } as never)).toThrow('unknown option "batch_size"');
    expect(() => new data.DataLoader([1], { numWorkers: 2 })).toThrow("numWorkers must be 0");
  });
});
