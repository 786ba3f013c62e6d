// The suite's main in workerd: bundled for the "workerd" export condition (as
// wrangler does), so "torchlet" is dist/workerd.js, which imports the .wasm
// files as modules. workerd.ts serves it on 127.0.0.1 and asks GET /run.
// performance.now() in workerd only advances across I/O, so init time is
// measured from outside (GET /init, the first request).

import * as torch from "torchlet";
import baseline from "./torchlet.wasm";
// A data module: the same file as bytes (an ArrayBuffer), which workerd must refuse to compile.
import baselineBytes from "./torchlet.bytes";
import { runAll } from "./entry.js";
import type { LoadCheck } from "../conformance/loading.js";

const checks: LoadCheck[] = [
  { name: "module", options: () => ({ wasm: baseline }), simd: "baseline" },
  {
    name: "bytes_refused",
    options: () => ({ wasm: baselineBytes }),
    error: "does not allow compiling WebAssembly from bytes",
  },
  { name: "simd_baseline", options: () => ({ simd: "baseline" }), simd: "baseline" },
  { name: "simd_auto", options: () => ({ simd: "auto" }), simd: "relaxed" },
];

export default {
  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    try {
      if (path === "/ping") return new Response("ok");
      if (path === "/init") {
        await torch.init();
        return Response.json({ simd: torch.backendInfo().simd });
      }
      // workerd has no worker threads: init({ threads: 2 }) must fall back to one.
      if (path === "/run") return Response.json(await runAll("workerd", checks, false));
      return new Response("not found", { status: 404 });
    } catch (e) {
      return Response.json({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }, { status: 500 });
    }
  },
};
