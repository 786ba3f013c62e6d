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
// A task is posted in the control block at `ctl` (layout: pool.ts); the
// worker waits on SEQ, runs export `names[FN]` with ARGC f64 arguments,
// writes RET and STATUS, then DONE = SEQ. FN = -1 ends the loop.

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
  const i32 = new Int32Array(memory.buffer, go.ctl, C.WORDS);
  const f64 = new Float64Array(memory.buffer, go.ctl, C.WORDS >> 1);
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
    const fn = i32[C.FN];
    if (fn < 0) break;
    args.length = i32[C.ARGC];
    for (let i = 0; i < args.length; i++) args[i] = f64[C.ARGS + i];
    try {
      const r = fns[fn].apply(null, args);
      f64[C.RET] = typeof r === "number" ? r : NaN;
      i32[C.STATUS] = 0;
    } catch (e) {
      i32[C.STATUS] = 1;
    }
    Atomics.store(i32, C.DONE, seen);
    Atomics.notify(i32, C.DONE);
  }
  if (port) port.close();
  else self.close();
}
`;
