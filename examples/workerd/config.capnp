# workerd's own config for the bundle in dist/ (npm run build, then
# npm start): http://127.0.0.1:8787/ answers with the README program's output.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  # dist/worker.js imports "./torchlet.wasm" and "./torchlet.relaxed.wasm"
  # (torchlet's workerd entry): both must be listed, as wasm modules, under
  # those names. workerd may not compile wasm from bytes at run time.
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "torchlet.wasm", wasm = embed "dist/torchlet.wasm"),
    (name = "torchlet.relaxed.wasm", wasm = embed "dist/torchlet.relaxed.wasm"),
  ],
  # torchlet needs WeakRef, which workerd has from this date on.
  compatibilityDate = "2025-05-05",
);
