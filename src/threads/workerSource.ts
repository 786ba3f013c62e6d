// The code every worker runs, as text: a worker is started from a string
// (Node's, Deno's and Bun's worker_threads with `eval`, a blob: URL in
// browsers), so no file or bundler rule is needed to find it. Plain ES2017
// script, no imports.
//
// Start-up, in two messages so that no worker instantiates (re-applying the
// module's data segments) after the calling thread has started to allocate:
//   1. { module, memory }       -> instantiate, answer { ready: true }
//   2. { ctl, scratch, names }  -> point the kernels' working memory at
//                                  `scratch`, then serve tasks forever
// Serving (control block layout: control.ts): wait for SEQ to change, claim
// chunks of that task until none is left, run export names[FN] on each,
// count it in DONE. FN = -1 ends the loop.

import { CTL } from "./control.js";

export const workerSource = `"use strict";
const C = ${JSON.stringify(CTL)};
const port = typeof require === "function" ? require("node:worker_threads").parentPort : null;
const once = (f) => port ? port.once("message", f) : self.addEventListener("message", (e) => f(e.data), { once: true });
const post = (m) => port ? port.postMessage(m) : self.postMessage(m);
once((start) => {
  WebAssembly.instantiate(start.module, { env: { memory: start.memory, abort() { throw new Error("wasm abort"); } } }).then(
    (instance) => {
      post({ ready: true });
      once((go) => serve(instance.exports, start.memory, go));
    },
    (e) => post({ error: String((e && e.message) || e) }),
  );
});
function serve(ex, memory, go) {
  ex.use_thread_scratch(go.scratch);
  const fns = go.names.map((n) => ex[n]);
  const i32 = new Int32Array(memory.buffer, go.ctl, C.TABLE * 2);
  const f64 = new Float64Array(memory.buffer, go.ctl, C.TABLE + C.MAX_CHUNKS * C.SLOT);
  const args = [];
  let seen = 0;
  for (;;) {
    let s = Atomics.load(i32, C.SEQ);
    if (s === seen) {
      const until = performance.now() + C.SPIN_MS;
      do {
        for (let k = 0; k < 256 && s === seen; k++) s = Atomics.load(i32, C.SEQ);
      } while (s === seen && performance.now() < until);
    }
    if (s === seen) {
      Atomics.wait(i32, C.SEQ, seen);
      continue;
    }
    seen = s;
    const tag = s & C.CLAIM_SEQ_MASK;
    for (;;) {
      const w = Atomics.load(i32, C.CLAIM);
      // This task's chunk count comes from the claim word: CHUNKS may already be the next task's.
      if (w >>> C.CLAIM_SEQ_SHIFT !== tag || (w & C.CLAIM_INDEX) >= ((w >>> C.CLAIM_COUNT_SHIFT) & C.CLAIM_INDEX)) break;
      if (Atomics.compareExchange(i32, C.CLAIM, w, w + 1) !== w) continue;
      const fn = i32[C.FN];
      if (fn < 0) return close();
      const base = C.TABLE + (w & C.CLAIM_INDEX) * C.SLOT;
      args.length = i32[C.ARGC];
      for (let i = 0; i < args.length; i++) args[i] = f64[base + i];
      try {
        const r = fns[fn].apply(null, args);
        f64[base + C.MAX_ARGS] = typeof r === "number" ? r : NaN;
      } catch (e) {
        Atomics.store(i32, C.FAILED, 1);
      }
      if (Atomics.add(i32, C.DONE, 1) + 1 === i32[C.CHUNKS]) Atomics.notify(i32, C.DONE);
    }
  }
}
function close() {
  if (port) port.close();
  else self.close();
}
`;
