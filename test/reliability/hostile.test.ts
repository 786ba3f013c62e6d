// What a curious user or a hostile input could still break (issue 13), for
// the behaviours that are not a thrown error and so have no place in the
// bad-input table (rows-*.ts): arrays a tensor hands out are copies or
// frozen, ...

import { describe, expect, test } from "vitest";
import * as torch from "../../src/index.js";

describe("nothing a user can reach aliases a tensor's geometry", () => {
  test("shape is frozen; size() and stride() are copies; strides is a frozen copy", () => {
    torch.tidy(() => {
      const t = torch.ones(2, 3);
      expect(Object.isFrozen(t.shape)).toBe(true);
      const s = t.size();
      s[0] = 100000;
      const st = t.stride();
      st[0] = 0;
      expect(Object.isFrozen(t.strides)).toBe(true);
      expect(t.shape).toEqual([2, 3]);
      expect(t.stride()).toEqual([3, 1]);
      expect(() => ((t.shape as number[])[0] = 100000)).toThrow(TypeError);
      expect(() => (t.shape as number[]).pop()).toThrow(TypeError);
      expect(() => (t.shape as number[]).push(1)).toThrow(TypeError);
      expect(() => ((t.shape as number[]).length = 0)).toThrow(TypeError);
      expect(() => ((t.strides as number[])[0] = 0)).toThrow(TypeError);
      expect(t.shape).toEqual([2, 3]);
      expect(t.fill_(7).sum().item()).toBe(42);
    });
  });

  test("arrays passed to view ops are copied, not kept", () => {
    torch.tidy(() => {
      const base = torch.arange(12);
      const size = [3, 4],
        stride = [4, 1];
      const views = [
        base.view(size),
        base.reshape(size),
        base.expand([12]),
        base.view(3, 4).permute(stride.map((_, i) => 1 - i)),
      ];
      const shapes = views.map((v) => [...v.shape]);
      size[0] = 1000;
      stride[0] = 1000;
      views.forEach((v, i) => expect(v.shape).toEqual(shapes[i]));
      expect(views[3]!.stride()).toEqual([1, 4]);
      expect(views[3]!.sum().item()).toBe(66);
    });
  });

  test("the size arrays a user passes stay the user's (the constructor freezes only arrays torchlet made)", () => {
    torch.tidy(() => {
      const given: number[][] = [];
      const arg = (...a: number[]): number[] => (given.push(a), a);
      const base = torch.arange(12);
      base.view(arg(3, 4));
      base.reshape(arg(4, 3));
      base.view(3, 4).permute(arg(1, 0));
      torch.ones(1).expand(arg(5));
      torch.zeros(arg(2, 2));
      torch.fromArray([1, 2, 3, 4], arg(2, 2));
      torch.randint(3, arg(2));
      torch.tensor(arg(1, 2));
      expect(given.map((a) => Object.isFrozen(a))).toEqual(given.map(() => false));
    });
  });

  test("every tensor an op returns has a frozen shape", () => {
    torch.tidy(() => {
      const a = torch.ones(2, 3, { requiresGrad: true });
      const outs = [
        a.add(1),
        a.sum(0),
        a.t(),
        a.unsqueeze(0),
        torch.cat([a, a]),
        a.matmul(a.t()),
        torch.zeros(4),
        torch.tensor([[1, 2]]),
      ];
      outs[0]!.sum().backward();
      outs.push(a.grad!);
      for (const o of outs) expect(Object.isFrozen(o.shape)).toBe(true);
    });
  });
});

// Also in the bad-input table (rows-*.ts); these make inputs too large for its
// argument checks to read back.
describe("2^31 elements or more are refused before any kernel runs", () => {
  const tooMany = /more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/;
  test("the issue's examples, which returned wrong numbers or trapped", () => {
    const before = torch.memory();
    torch.tidy(() => {
      expect(() =>
        torch
          .ones(1)
          .expand(2 ** 32)
          .sum(),
      ).toThrow(tooMany);
      expect(() => torch.ones(1, 1).expand(65536, 65537).sum()).toThrow(tooMany);
      expect(() =>
        torch
          .tensor([5])
          .expand(2 ** 31 + 5)
          .max(),
      ).toThrow(tooMany);
      expect(() => torch.ones(2 ** 31, { dtype: "bool" })).toThrow(tooMany);
      expect(() => torch.ones(2 ** 31 - 16, { dtype: "bool" })).toThrow(tooMany);
      expect(() => torch.zeros(0, 1e300)).toThrow(
        /zeros\(\): argument 'size' must be tuple of ints, but found element of type int at pos 1/,
      );
    });
    expect(torch.memory()).toEqual(before);
  });

  test("cat, batched matmul and reductions over views whose result passes the limit", () => {
    torch.tidy(() => {
      const big = torch.ones(1).expand(2 ** 30);
      expect(() => torch.cat([big, big, big])).toThrow(/has 3221225472 elements/);
      expect(() => torch.cat([big, big])).toThrow(/has 2147483648 elements/);
      const a = torch.ones(2 ** 15, 1, 1, 1).expand(2 ** 15, 2, 1, 1);
      expect(() => a.matmul(torch.ones(1, 1, 2 ** 15))).toThrow(/has 2147483648 elements/);
      expect(() =>
        torch
          .ones(2 ** 16, 1)
          .expand(2 ** 16, 2 ** 15)
          .sum(),
      ).toThrow(/has 2147483648 elements/);
      expect(() =>
        torch
          .ones(1, 2 ** 16)
          .expand(2 ** 15, 2 ** 16)
          .t(),
      ).toThrow(/has 2147483648 elements/);
    });
  });
});

describe("optimizer state is checked before every step", () => {
  test("a momentum buffer or moment of another size writes nothing, and the optimizer works once it is put right", () => {
    for (const kind of ["SGD", "Adam", "AdamW"] as const) {
      torch.tidy(() => {
        const p = torch.ones(3, { requiresGrad: true });
        const neighbour = torch.full([64], 5);
        p.grad = torch.ones(3);
        const opt =
          kind === "SGD"
            ? new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 })
            : new torch.optim[kind]([p], { lr: 0.1 });
        opt.step();
        const state = opt.state.get(p)!;
        const key = kind === "SGD" ? "momentumBuffer" : "expAvg";
        const good = state[key] as torch.Tensor;
        const pBefore = Array.from(p.toArray() as ArrayLike<number | bigint>, Number);
        state[key] = torch.zeros(1).expand(100).contiguous();
        expect(() => opt.step()).toThrow(RangeError);
        state[key] = torch.zeros(1);
        expect(() => opt.step()).toThrow(/has shape \[1\], but its parameter has shape \[3\]/);
        expect(Array.from(p.toArray() as ArrayLike<number | bigint>, Number)).toEqual(pBefore);
        expect(Array.from(neighbour.toArray() as ArrayLike<number | bigint>, Number)).toEqual(new Array(64).fill(5));
        state[key] = good;
        opt.step();
        expect(p.toArray()[0]).toBeLessThan(pBefore[0]!);
        opt.dispose();
      });
    }
  });
});

describe("names from files and state dicts are only ever keys", () => {
  /** A file as Python's safetensors would write it, with these names (JSON.parse keeps "__proto__" an own key). */
  function fileNamed(names: string[]): Uint8Array {
    const header = `{${names.map((n, i) => `${JSON.stringify(n)}:{"dtype":"F32","shape":[1],"data_offsets":[${4 * i},${4 * i + 4}]}`).join(",")}}`;
    const h = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + h.length + 4 * names.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
    out.set(h, 8);
    const dv = new DataView(out.buffer, 8 + h.length);
    names.forEach((_, i) => dv.setFloat32(4 * i, i + 1, true));
    return out;
  }

  test("load keeps __proto__, constructor, prototype, toString as plain keys of a null-prototype object", () => {
    const names = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "w"];
    torch.tidy(() => {
      const out = torch.load(fileNamed(names));
      expect(Object.getPrototypeOf(out)).toBe(null);
      expect(out instanceof torch.Tensor).toBe(false);
      expect(Object.keys(out)).toEqual(names);
      names.forEach((n, i) => expect(out[n]!.item()).toBe(i + 1));
      // What load returns, save writes back; load reads the same again.
      const again = torch.load(torch.save(out));
      expect(Object.keys(again).sort()).toEqual([...names].sort());
      expect(again["__proto__"]!.item()).toBe(1);
    });
    const meta = torch.loadMetadata(torch.save({}, { metadata: JSON.parse('{"__proto__":"x","constructor":"y"}') }));
    expect(Object.getPrototypeOf(meta)).toBe(null);
    expect({ ...meta }).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });

  test("a returned load result is not taken for a tensor by tidy", () => {
    const out = torch.tidy(() => torch.load(fileNamed(["__proto__", "b"])));
    expect(out["b"]!.isDisposed).toBe(false);
    expect(out["__proto__"]!.item()).toBe(1);
    torch.dispose(out);
  });

  test("optimizer loadStateDict with __proto__ keys in a group and a state keeps them as keys", () => {
    torch.tidy(() => {
      const p = torch.ones(2, { requiresGrad: true });
      p.grad = torch.ones(2);
      const opt = new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
      opt.step();
      const sd = opt.stateDict();
      const group = Object.assign(JSON.parse('{"__proto__":{"lr":1000}}'), sd.paramGroups[0]);
      const state = Object.defineProperty({ ...sd.state[0] }, "__proto__", { value: torch.zeros(2), enumerable: true });
      opt.loadStateDict({ state: { 0: state }, paramGroups: [group] });
      expect(Object.getPrototypeOf(opt.paramGroups[0])).toBe(Object.prototype);
      expect(opt.paramGroups[0]!.lr).toBe(0.1);
      expect(Object.getPrototypeOf(opt.state.get(p))).toBe(Object.prototype);
      expect(Object.keys(opt.state.get(p)!)).toContain("__proto__");
      opt.step();
      opt.dispose();
    });
  });
});

describe("torch.tensor: large data goes straight to wasm memory; deep data is refused", () => {
  test("a Float32Array of 115,000,000 values (Node died copying it into a JS array)", () => {
    const a = new Float32Array(115_000_000);
    a[0] = 1.5;
    a[114_999_999] = -2;
    const t = torch.tensor(a);
    try {
      expect(t.shape).toEqual([115_000_000]);
      expect(t.dtype).toBe("float32");
      expect(torch.tidy(() => [t.narrow(0, 0, 1).item(), t.narrow(0, 114_999_999, 1).item()])).toEqual([1.5, -2]);
    } finally {
      t.dispose();
    }
  });

  test("too many elements are refused before any is read", () => {
    const before = torch.memory();
    expect(() => torch.tensor(new Array(2 ** 32 - 1))).toThrow(
      /tensor of shape \[4294967295\] has 4294967295 elements, more than torchlet's limit/,
    );
    const rows = new Array(2 ** 15).fill(new Array(2 ** 16));
    expect(() => torch.tensor(rows)).toThrow(/tensor of shape \[32768, 65536\] has 2147483648 elements/);
    expect(torch.memory()).toEqual(before);
  });

  test("nested typed arrays and every typed array kind keep their values", () => {
    torch.tidy(() => {
      expect(torch.tensor([new Float32Array([1.5, 2]), new Float32Array([3, 4])]).tolist()).toEqual([
        [1.5, 2],
        [3, 4],
      ]);
      expect(torch.tensor([new Float64Array([0.1]), new Float64Array([0.2])]).toArray()).toEqual(
        new Float64Array([0.1, 0.2]),
      );
      expect(torch.tensor(new Uint8Array([255, 0])).tolist()).toEqual([255, 0]);
      expect(torch.tensor(new Int16Array([-3])).dtype).toBe("int32");
      expect(torch.tensor(new Uint32Array([2 ** 31 - 1])).tolist()).toEqual([2 ** 31 - 1]);
      expect(torch.tensor(new BigInt64Array([-5n])).tolist()).toEqual([-5]);
      expect(torch.tensor(new Float32Array([0, 2, NaN]), { dtype: "bool" }).tolist()).toEqual([false, true, true]);
      expect(torch.tensor(new Float64Array([1.7, -1.7]), { dtype: "int32" }).tolist()).toEqual([1, -1]);
      expect(torch.tensor([[true, false]]).dtype).toBe("bool");
      expect(torch.tensor(7).tolist()).toBe(7);
    });
  });

  test("a list nested 1e5 deep or containing itself is PyTorch's 'too many dimensions', not a stack overflow", () => {
    let deep: unknown = [1];
    for (let i = 0; i < 1e5; i++) deep = [deep];
    expect(() => torch.tensor(deep as never)).toThrow(/too many dimensions 'Array'/);
    const cyc: unknown[] = [];
    cyc.push(cyc);
    expect(() => torch.tensor(cyc as never)).toThrow(/too many dimensions 'Array'/);
    let ok: unknown = [1];
    for (let i = 1; i < 128; i++) ok = [ok];
    torch.tidy(() => {
      expect(torch.tensor(ok as never).ndim).toBe(128);
    });
  });
});

describe("integer sum and prod are int64 and exact, never wrapped at 2^31", () => {
  test("results within int32 are exact, also when partial results pass it", () => {
    torch.tidy(() => {
      expect(
        torch
          .tensor([2 ** 31 - 1, 2 ** 31 - 1, -(2 ** 31 - 1), -(2 ** 31 - 1), 5])
          .sum()
          .item(),
      ).toBe(5);
      expect(
        torch
          .tensor([
            [2 ** 30, 1],
            [2 ** 30, 2],
            [-(2 ** 30), 3],
          ])
          .sum(0)
          .tolist(),
      ).toEqual([2 ** 30, 6]);
      const zeroAfterHuge = torch.cat([torch.full([40], 2 ** 31 - 1, { dtype: "int32" }), torch.tensor([0])]);
      expect(zeroAfterHuge.prod().item()).toBe(0);
      expect(torch.tensor([-46340, 46340]).prod().item()).toBe(-2147395600);
      expect(torch.ones(5_000_000, { dtype: "bool" }).sum().item()).toBe(5_000_000);
      expect(
        torch
          .tensor([
            [true, false],
            [true, true],
          ])
          .sum(1)
          .tolist(),
      ).toEqual([1, 2]);
    });
  });

  test("results outside int32 are exact int64; past 2^53 item() refuses and toArray() is exact", () => {
    torch.tidy(() => {
      expect(
        torch
          .tensor([2 ** 30, 2 ** 30, 2 ** 30])
          .sum()
          .item(),
      ).toBe(3221225472);
      expect(torch.tensor([65536, 65536], { dtype: "int32" }).prod().item()).toBe(4294967296);
      const big = torch.full([2 ** 22 + 2], 2 ** 31 - 1, { dtype: "int32" }).sum();
      expect(big.dtype).toBe("int64");
      expect(() => big.item()).toThrow(/the int64 value 9007203545513982 is beyond 2\^53/);
      expect(big.toArray()).toEqual(new BigInt64Array([9007203545513982n]));
    });
  });
});

describe("tidy keeps every returned tensor it can reach", () => {
  class Holder {
    constructor(
      public t: torch.Tensor,
      public more: unknown = null,
    ) {}
  }

  test("deeper than 16 levels, in a Set, as a Map key, in a class instance, through cycles", () => {
    const before = torch.memory().tensors;
    const out = torch.tidy(() => {
      let deep: unknown = torch.ones(1);
      for (let i = 0; i < 100; i++) deep = { next: [deep] };
      const cyclic: Record<string, unknown> = { t: torch.ones(2) };
      cyclic.self = cyclic;
      torch.ones(7); // not returned: freed
      return {
        deep,
        set: new Set([torch.ones(3)]),
        mapKey: new Map([[torch.ones(4), "value"]]),
        instance: new Holder(torch.ones(5), new Map([["k", [new Holder(torch.ones(6))]]])),
        cyclic,
      };
    });
    let t: any = out.deep;
    for (let i = 0; i < 100; i++) t = t.next[0];
    const kept = [
      t,
      [...out.set][0],
      [...out.mapKey.keys()][0],
      out.instance.t,
      (out.instance.more as Map<string, Holder[]>).get("k")![0]!.t,
      out.cyclic.t,
    ] as torch.Tensor[];
    expect(kept.map((k) => k.isDisposed)).toEqual([false, false, false, false, false, false]);
    expect(kept.map((k) => k.numel())).toEqual([1, 3, 4, 5, 6, 2]);
    expect(torch.memory().tensors).toBe(before + 6);
    torch.dispose([kept]);
    expect(torch.memory().tensors).toBe(before);
  });

  test("a list 100,000 deep does not overflow the stack", () => {
    const before = torch.memory().tensors;
    const out = torch.tidy(() => {
      let v: unknown = [torch.ones(1)];
      for (let i = 0; i < 100_000; i++) v = [v];
      return v;
    });
    expect(torch.memory().tensors).toBe(before + 1);
    torch.dispose(out);
    expect(torch.memory().tensors).toBe(before);
  });

  test("a WeakMap or WeakSet in the result is an error, and frees the scope", () => {
    const before = torch.memory();
    expect(() => torch.tidy(() => ({ w: new WeakMap([[{}, torch.ones(2)]]) }))).toThrow(
      /tidy\(fn\): cannot look inside a WeakMap for tensors to keep/,
    );
    expect(() => torch.tidy(() => [new WeakSet([torch.ones(2)])])).toThrow(/cannot look inside a WeakSet/);
    expect(torch.memory()).toEqual(before);
  });

  test("dispose reaches Sets, Map keys and any depth, but not into class instances (a module's parameters stay)", () => {
    const before = torch.memory().tensors;
    let deep: unknown = torch.ones(1);
    for (let i = 0; i < 40; i++) deep = [deep];
    const lin = new torch.nn.Linear(2, 2);
    torch.dispose({ deep, s: new Set([torch.ones(2)]), m: new Map([[torch.ones(3), 1]]), lin });
    expect(lin.weight.isDisposed).toBe(false);
    lin.dispose();
    expect(torch.memory().tensors).toBe(before);
  });
});
