// The conformance suite in Node, in-process under vitest, against src/ (the
// other runtimes run the same cases against the packed package: main.ts).
// Also init() in Node: every wasm source it takes, the SIMD choice and its
// quiet fallback on Node 20, and its errors.

import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as torch from "../../src/index.js";
import { collect, runCase } from "../conformance/suite.js";
import { beforeInit, byteChecks, idempotent, runLoading } from "../conformance/loading.js";
import type { Torch } from "../conformance/types.js";
import { readGoldens } from "./bundle.js";

const t = torch as unknown as Torch;
// Module code runs while vitest collects, before test/helpers/setup.ts's beforeAll init().
const beforeInitResult = beforeInit(t);

const { cases, unplugged } = collect(readGoldens());
const file = (kind: "baseline" | "relaxed") =>
  new URL(`../../build/torchlet${kind === "relaxed" ? ".relaxed" : ""}.wasm`, import.meta.url);
const bytes = async (kind: "baseline" | "relaxed") => new Uint8Array(readFileSync(file(kind)));

for (const family of [...new Set(cases.map((c) => c.family))]) {
  describe(`conformance: ${family}`, () => {
    for (const c of cases.filter((x) => x.family === family)) {
      test(c.name, () => {
        const r = runCase(t, c);
        if (!r.ok) expect.fail(r.message);
      });
    }
  });
}

test("every golden family has a conformance module", () => {
  // Not a failure while a family is landing: the runtimes table lists these too.
  if (unplugged.length) console.warn(`golden families with no conformance module yet: ${unplugged.join(", ")}`);
});

describe("init() in Node", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/torchlet.wasm")
        res.writeHead(200, { "content-type": "application/wasm" }).end(readFileSync(file("baseline")));
      else if (req.url === "/octet.wasm")
        res.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(file("baseline")));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test("an op before init() says to await init()", () => expect(beforeInitResult).toMatchObject({ ok: true }));

  test("init() is idempotent", () => expect(idempotent(t)).toMatchObject({ ok: true }));

  test("auto picks relaxed SIMD exactly where the engine validates it, and says nothing", async () => {
    const warn = vi.spyOn(console, "warn"),
      error = vi.spyOn(console, "error"),
      log = vi.spyOn(console, "log");
    await torch.init({ simd: "baseline" });
    await torch.init({ simd: "auto" });
    expect(torch.backendInfo().simd).toBe(WebAssembly.validate(await bytes("relaxed")) ? "relaxed" : "baseline");
    expect([warn, error, log].map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
    vi.restoreAllMocks();
  });

  test("each wasm source: bytes, ArrayBuffer, Module, Response, file and http URLs, fetch()", async () => {
    const results = await runLoading(t, [
      ...(await byteChecks(bytes)),
      { name: "file_url", options: () => ({ wasm: file("baseline") }), simd: "baseline" },
      { name: "http_url", options: () => ({ wasm: new URL(`${base}/torchlet.wasm`) }), simd: "baseline" },
      { name: "fetch_promise", options: () => ({ wasm: fetch(`${base}/torchlet.wasm`) }), simd: "baseline" },
      {
        name: "fetch_not_wasm_mime",
        options: async () => ({ wasm: await fetch(`${base}/octet.wasm`) }),
        simd: "baseline",
      },
      { name: "http_404", options: () => ({ wasm: new URL(`${base}/missing.wasm`) }), error: "failed with HTTP 404" },
      { name: "not_a_source", options: () => ({ wasm: 42 as never }), error: "expected a WebAssembly.Module, bytes" },
      { name: "bad_bytes", options: () => ({ wasm: new Uint8Array([0, 97, 115, 109]) }), error: "" },
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  test("bad options are refused before anything loads", async () => {
    await expect(torch.init({ simd: "fast" as never })).rejects.toThrow('simd must be "auto", "relaxed" or "baseline"');
    await expect(torch.init({ wasmm: 1 } as never)).rejects.toThrow('unknown option "wasmm"');
    await expect(torch.init({ threads: 0 })).rejects.toThrow("threads must be a positive integer");
  });

  test("the binaries are where package.json's exports say", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(pkg.exports["./torchlet.wasm"]).toBe("./dist/torchlet.wasm");
    expect(pkg.exports["./torchlet.relaxed.wasm"]).toBe("./dist/torchlet.relaxed.wasm");
    expect(pkg.exports["."].workerd).toBe("./dist/workerd.js");
  });
});
