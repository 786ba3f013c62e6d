// Times torch.mm on the LSTM LM step's gemm shapes, one thread: GFLOP/s per
// shape. Reads the bundle `scripts/time-step.mjs lstm` made ($TMPDIR/torchlet-time-<pid>).
//   node scripts/time-gemm-shapes.mjs <bundle dir> [baseline|relaxed] [a .wasm to run instead]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const torch = await import(pathToFileURL(join(process.argv[2], "dist/index.js")).href);
const wasm = process.argv[4] === undefined ? undefined : readFileSync(process.argv[4]);
await torch.init({ simd: process.argv[3] ?? "baseline", wasm });
// [label, A shape, A transposed?, B shape, B transposed?, calls per step]
const shapes = [
  ["fwd rec h@Whh^T", [16, 128], false, [512, 128], true, 128],
  ["bwd rec dg@Whh", [16, 512], false, [512, 128], false, 128],
  ["in proj l0 x@Wih^T", [1024, 64], false, [512, 64], true, 1],
  ["in proj l1 x@Wih^T", [1024, 128], false, [512, 128], true, 1],
  ["dW_ih l0 dg^T@x", [1024, 512], true, [1024, 64], false, 1],
  ["dW l1/hh dg^T@h", [1024, 512], true, [1024, 128], false, 3],
  ["dx l1 dg@Wih", [1024, 512], false, [512, 128], false, 1],
  ["dx l0 dg@Wih", [1024, 512], false, [512, 64], false, 1],
  ["head fwd", [1024, 128], false, [65, 128], true, 1],
  ["head dx", [1024, 65], false, [65, 128], false, 1],
  ["head dW", [1024, 65], true, [1024, 128], false, 1],
];
let total = 0;
for (const [label, as, at, bs, bt, calls] of shapes) {
  const a0 = torch.randn(as),
    b0 = torch.randn(bs);
  const a = at ? a0.t() : a0,
    b = bt ? b0.t() : b0;
  const [m, k] = a.shape,
    n = b.shape[1];
  const reps = Math.max(3, Math.round(2e8 / (2 * m * n * k)));
  for (let i = 0; i < 3; i++) torch.mm(a, b).dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) torch.mm(a, b).dispose();
  const ms = (performance.now() - t0) / reps;
  total += ms * calls;
  console.log(
    `${label.padEnd(20)} ${m}x${k}@${k}x${n}: ${(ms * 1000).toFixed(1).padStart(8)} us, ${((2 * m * n * k) / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s, x${calls} = ${(ms * calls).toFixed(2)} ms`,
  );
  a0.dispose();
  b0.dispose();
}
console.log(`total gemm per step ~ ${total.toFixed(2)} ms`);
