// npm run bench: builds, then runs every benchmark column (a backend and a
// variant of it) in its own Node process (bench/worker.mjs), prints one table
// with the columns side by side and writes BENCHMARKS.md and BENCHMARKS.json.
//
//   node bench/run.mjs [--sizes 64,128,...] [--backends torchlet,tfjs,...] [--rows matmul,seed,...]
//                      [--rounds 3] [--no-write]
//
// --rows takes row kinds or ids: matmul (or matmul-256), elementwise, seed,
// mlp, batchnorm, rss, conv2d, conv2dTrain (conv2d-train), lenet, resblock,
// attention, lstm, gpt, indexSelect (index-select), gather, embedding.
//
// Other processes on a small shared machine slow whole runs down, so each
// column runs `rounds` times, alternating with the other columns, and a cell
// summarizes the repetitions of all its rounds together. The peak-RSS row
// runs in a process of its own per column and round (only the MLP steps).
//
// A column is a module in bench/backends/ (name, variants with the Node flags
// each needs, setup, cases). Peers are added by adding a module there and its
// name to BACKENDS; nothing else changes. A column measured outside Node
// (PyTorch, bench/backends/pytorch.mjs) exports runPlan instead of cases, and
// unavailable() when it may be missing (it is then skipped with a note).
// Numbers are never asserted anywhere.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "./measure.mjs";
import { BN, MLP, RSS_STEPS, CONV_FLOP, LENET, RESBLOCK, ATTN, LSTM_LM, GPT, INDEXING } from "./data.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const BACKENDS = ["torchlet", "torchlet-threads", "tfjs", "jax", "jspytorch", "plainjs", "pytorch"];
const MATMUL_SIZES = [64, 128, 256, 512, 1024];
const ELEMENTWISE_SIZE = 1_000_000;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = option("sizes", MATMUL_SIZES.join(",")).split(",").map(Number);
const backends = option("backends", BACKENDS.join(",")).split(",");
// --rows takes row kinds (matmul, lenet, ...) or row ids (matmul-256, index-select, ...).
const kinds = option(
  "rows",
  "matmul,elementwise,seed,mlp,batchnorm,rss,conv2d,conv2dTrain,lenet,resblock,attention,lstm,gpt,indexSelect,gather,embedding",
).split(",");
const rounds = Number(option("rounds", "3"));
const write = !process.argv.includes("--no-write");

/**
 * The rows: what each column measures. `unit` is what a cell shows: GFLOP/s
 * (higher is better, from `flop`), or a time or size (lower is better) that is
 * `scale` times the per-call milliseconds the worker reports.
 */
const allRows = [
  ...sizes.map((n) => ({
    id: `matmul-${n}`,
    label: `matmul ${n}x${n} (GFLOP/s)`,
    kind: "matmul",
    size: n,
    flop: 2 * n ** 3,
    unit: "GFLOP/s",
  })),
  {
    id: "elementwise",
    label: "y = exp(a)*b + a, 1e6 floats (ms)",
    kind: "elementwise",
    size: ELEMENTWISE_SIZE,
    unit: "ms",
    scale: 1,
  },
  { id: "seed", label: "seed program, forward + backward (us)", kind: "seed", size: 0, unit: "us", scale: 1000 },
  {
    id: "mlp",
    label: `MLP training step ${MLP.batch}x${MLP.inputs}-${MLP.hidden}-${MLP.classes} (ms)`,
    kind: "mlp",
    size: 0,
    unit: "ms",
    scale: 1,
  },
  {
    id: "batchnorm",
    label: `batch_norm 2d forward + backward, ${BN.batch}x${BN.channels}x${BN.size}x${BN.size} (ms)`,
    kind: "batchnorm",
    size: 0,
    unit: "ms",
    scale: 1,
  },
  { id: "rss", label: `peak RSS after ${RSS_STEPS} MLP steps (MB)`, kind: "rss", size: 0, unit: "MB", scale: 1 },
  {
    id: "conv2d",
    label: "conv2d 3x3 64->64 32x32 b16 forward (GFLOP/s)",
    kind: "conv2d",
    size: 0,
    flop: CONV_FLOP,
    unit: "GFLOP/s",
  },
  {
    id: "conv2d-train",
    label: "conv2d 3x3 64->64 32x32 b16 forward+backward (GFLOP/s)",
    kind: "conv2dTrain",
    size: 0,
    flop: 3 * CONV_FLOP,
    unit: "GFLOP/s",
  },
];
const ms = { size: 0, unit: "ms", scale: 1 };
const { rows: tableRows, cols: tableCols, indices } = INDEXING;
const k = (n) => `${n / 1024}k`;
allRows.push(
  {
    id: "lenet",
    label: `LeNet-5 training step, batch ${LENET.batch} of ${LENET.size}x${LENET.size} random images, SGD (ms)`,
    kind: "lenet",
    ...ms,
  },
  {
    id: "resblock",
    label: `ResNet basic block ${RESBLOCK.channels}ch ${RESBLOCK.size}x${RESBLOCK.size} b${RESBLOCK.batch}, forward + backward, train-mode BN (ms)`,
    kind: "resblock",
    ...ms,
  },
  {
    id: "attention",
    label: `causal attention B${ATTN.batch} heads ${ATTN.heads} T${ATTN.seq} d${ATTN.headDim}, forward + backward (ms)`,
    kind: "attention",
    ...ms,
  },
  {
    id: "lstm",
    label: `LSTM LM step: embed ${LSTM_LM.vocab}->${LSTM_LM.embed}, LSTM ${LSTM_LM.layers}x${LSTM_LM.hidden}, b${LSTM_LM.batch} T${LSTM_LM.seq}, Adam (ms)`,
    kind: "lstm",
    ...ms,
  },
  {
    id: "gpt",
    label: `GPT step: vocab ${GPT.vocab}, ${GPT.layers} layers, ${GPT.heads} heads, embd ${GPT.embd}, T${GPT.block} b${GPT.batch}, AdamW, clip 1.0 (ms)`,
    kind: "gpt",
    ...ms,
  },
  {
    id: "index-select",
    label: `index_select ${k(indices)} int64 ids from ${k(tableRows)}x${tableCols}, forward + backward (ms)`,
    kind: "indexSelect",
    ...ms,
  },
  {
    id: "gather",
    label: `gather dim 0, ${k(indices)}x${tableCols} int64 index into ${k(tableRows)}x${tableCols}, forward + backward (ms)`,
    kind: "gather",
    ...ms,
  },
  {
    id: "embedding",
    label: `embedding ${k(indices)} int64 ids, ${k(tableRows)}x${tableCols} table, forward + backward (ms)`,
    kind: "embedding",
    ...ms,
  },
);
const plan = allRows.filter((r) => kinds.includes(r.kind) || kinds.includes(r.id));

function machine() {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() has the model
  }
  return { cpu, cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` };
}

function runColumn(backend, variant, nodeFlags, rows) {
  const workPlan = rows.map(({ id, kind, size }) => ({ id, kind, size }));
  const r = spawnSync(
    process.execPath,
    [...nodeFlags, join(here, "worker.mjs"), backend, variant, JSON.stringify(workPlan)],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) {
    return {
      backend,
      variant,
      error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-3).join(" "),
    };
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A cell's numbers in the row's unit. */
function stats(column, row) {
  const r = column.results?.find((x) => x.id === row.id);
  if (!r) return null;
  const t = summarize(r.times);
  if (row.flop) {
    const rate = (ms) => row.flop / ms / 1e6;
    return { unit: row.unit, median: rate(t.median), min: rate(t.max), max: rate(t.min), reps: t.reps };
  }
  return { unit: row.unit, median: t.median * row.scale, min: t.min * row.scale, max: t.max * row.scale, reps: t.reps };
}

function cell(column, row) {
  if (column.error) return "error";
  const v = stats(column, row);
  return v === null ? "n/a" : `${fmt(v.median)} (${fmt(v.min)}-${fmt(v.max)})`;
}

const title = (c) => `${c.backend} ${c.variant}`;
const isTorchlet = (c) => c.backend === "torchlet" || c.backend === "torchlet-threads";
const isPyTorch = (c) => c.backend === "PyTorch";
/** Peers are the JavaScript libraries: not torchlet (one thread or several), the plain-JS floor or native PyTorch. */
const isPeer = (c) => !isTorchlet(c) && c.backend !== "plain JS" && !isPyTorch(c);

/** How many times better `a` is than `b` (GFLOP/s: a / b; times and sizes: b / a). */
const advantage = (row, a, b) => (row.flop ? a / b : b / a);

function bestPeer(columns, row) {
  let best = null;
  for (const c of columns.filter(isPeer)) {
    const v = stats(c, row);
    if (v !== null && !c.error && (best === null || advantage(row, v.median, best.median) > 1))
      best = { column: title(c), median: v.median };
  }
  return best;
}

/** "2.10x": how many times better column `c` is than `median` on this row. */
function ratio(c, row, median) {
  const v = stats(c, row);
  return v === null || median === null ? "n/a" : `${advantage(row, v.median, median).toFixed(2)}x`;
}

function table(columns) {
  const mine = columns.filter(isTorchlet);
  // Each threads column against the one-thread column of the same binary.
  const pairs = mine
    .filter((c) => c.backend === "torchlet-threads")
    .map((c) => [c, columns.find((o) => o.backend === "torchlet" && o.variant === c.variant)])
    .filter(([, one]) => one !== undefined);
  // torchlet on one thread against PyTorch on one thread (when its column ran).
  const pytorch = columns.find((c) => isPyTorch(c) && !c.error);
  const single = pytorch ? mine.filter((c) => c.backend === "torchlet") : [];
  const head = [
    "",
    ...columns.map(title),
    "best peer",
    ...mine.map((c) => `${title(c).replace(/^torchlet /, "")} vs best peer`),
    ...single.map((c) => `${c.variant} vs PyTorch`),
    ...pairs.map(([c]) => `threads vs one thread (${c.variant})`),
  ];
  const rows = plan.map((row) => {
    const best = bestPeer(columns, row);
    const ratios = mine.map((c) => ratio(c, row, best?.median ?? null));
    const vsPyTorch = single.map((c) => ratio(c, row, stats(pytorch, row)?.median ?? null));
    const speedups = pairs.map(([c, one]) => ratio(c, row, stats(one, row)?.median ?? null));
    return [
      row.label,
      ...columns.map((c) => cell(c, row)),
      best ? `${fmt(best.median)} (${best.column})` : "n/a",
      ...ratios,
      ...vsPyTorch,
      ...speedups,
    ];
  });
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

const started = new Date();
const loadBefore = loadavg();
const specs = [];
const skipped = [];
for (const name of backends) {
  const mod = await import(`./backends/${name}.mjs`);
  const why = mod.unavailable?.() ?? null;
  if (why !== null) {
    skipped.push(`${mod.name} skipped: ${why}`);
    continue;
  }
  for (const [variant, { nodeFlags }] of Object.entries(mod.variants))
    specs.push({ name: mod.name, file: name, variant, nodeFlags });
}
const columns = specs.map(({ name, variant }) => ({ backend: name, variant, info: null, results: [], error: null }));
const timed = plan.filter((r) => r.kind !== "rss");
const rss = plan.filter((r) => r.kind === "rss");
for (let round = 1; round <= rounds; round++) {
  specs.forEach(({ name, file, variant, nodeFlags }, i) => {
    const col = columns[i];
    for (const rows of [timed, rss]) {
      if (rows.length === 0 || col.error) continue;
      process.stderr.write(`round ${round}/${rounds}: ${name} ${variant}${rows === rss ? " (peak RSS)" : ""}\n`);
      const r = runColumn(file, variant, nodeFlags, rows);
      if (r.error) {
        col.error = r.error;
        continue;
      }
      col.info = r.info;
      for (const { id, times } of r.results) {
        const have = col.results.find((x) => x.id === id);
        if (have) have.times.push(...times);
        else col.results.push({ id, times: [...times] });
      }
    }
  });
}
const loadAfter = loadavg();
const info = machine();
const load = `${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${loadAfter.map((x) => x.toFixed(2)).join(" ")} after`;
const md = table(columns);
const versions = columns
  .filter((c) => c.info)
  .map(
    (c) =>
      `${title(c)}: ${c.backend === "plain JS" ? "Node" : "version"} ${c.info.version}, ${c.info.threads} thread${c.info.threads === 1 ? "" : "s"}${c.info.blas ? `, BLAS ${c.info.blas}` : ""}`,
  )
  .concat(skipped)
  .join("\n- ");

console.log(`${info.cpu}, ${info.cores} cores, Node ${info.node}, load average ${load}\n`);
console.log(md);
for (const c of columns) if (c.error) console.log(`\n${title(c)} failed: ${c.error}`);
for (const note of skipped) console.log(`\n${note}`);
for (const c of columns)
  if (c.info?.blas?.startsWith("reference"))
    console.log(`\n${title(c)} uses ${c.info.blas}: its matmul and linear layers run at that library's speed.`);

if (write) {
  const doc = `# Benchmarks

Generated by \`npm run bench\` (bench/run.mjs) on ${started.toISOString().slice(0, 10)}. Single thread,
except the "torchlet-threads" columns: \`init({ threads })\` with one thread per
core (the calling thread and workers), compared with one thread in the last
columns.
Each cell is the median over repetitions after a warm-up, with the min-max
range in parentheses. Each column runs in its own Node process, ${rounds} times,
alternating with the other columns; a cell pools the repetitions of all rounds.
Other work on the machine shows up as spread: the load average is recorded below.

- CPU: ${info.cpu} (${info.cores} cores)
- Node: ${info.node} (${info.platform})
- Load average (1, 5, 15 min): ${load}
- ${versions}

${md}

"best peer" is the best median among TensorFlow.js, jax-js and js-pytorch
(not the plain-JS floor, nor PyTorch); "vs best peer" is how many times better
torchlet's median is (above 1: torchlet leads). The PyTorch column is native
PyTorch on the CPU with one thread (\`torch.set_num_threads(1)\`, one BLAS
thread), timed by bench/backends/pytorch.py the same way on the same values;
"vs PyTorch" compares torchlet's one-thread columns with it. Debian's
python3-torch calls whichever libblas.so.3 the system provides (its path is
in the list above): linear layers and matmul follow that library, while
convolutions go through PyTorch's own oneDNN.

What each row runs (bench/backends/*.mjs; the same input values for every
column, bench/data.mjs):
- matmul: C = A · B for float32 N x N matrices (torch.mm, tf.matMul,
  np.matmul), 2N^3 flops, including the allocation of the result.
- elementwise: y = exp(a) * b + a on 1e6 float32 values as three eager ops
  (jax-js jit: one fused function), the temporaries freed each call.
- seed program: x = ones(5), y = zeros(3), w = randn(5, 3) and b = randn(3)
  requiring grad, z = x @ w + b, binary_cross_entropy_with_logits(z, y),
  backward; per iteration. torchlet accumulates into w.grad and b.grad as
  PyTorch does; tfjs computes the grads (tf.variableGrads); jax-js
  grad(loss) w.r.t. (w, b); js-pytorch has no BCE-with-logits, so
  mean(log(1 + exp(z)) - z y), and needs x as a 1 x 5 matrix.
- MLP step: 64 x 784 inputs, Linear(784, 256), ReLU, Linear(256, 10),
  cross-entropy (mean) against class indices (one-hot for tfjs and jax-js),
  backward, SGD with lr 0.01. torchlet: nn.Sequential + optim.SGD inside
  tidy; tfjs: tf.train.sgd().minimize; jax-js: valueAndGrad and a tree map
  (jit: the whole step under jit); plain JS: loops with hand-derived
  gradients.
- LeNet-5 step: conv(1->6, 5x5) relu maxpool 2, conv(6->16, 5x5) relu
  maxpool 2, flatten (256), linear 120 relu 84 relu 10, cross-entropy (mean),
  backward, SGD (lr 0.01); batch 64 of random 28x28 images (MNIST-sized).
  torchlet and PyTorch: the functional ops over the parameter tensors; tfjs:
  NHWC, one-hot labels, tf.train.sgd().minimize.
- ResNet basic block: conv3x3 (no bias), batch norm (training: batch
  statistics), relu, conv3x3, batch norm, plus the input, relu; 64 channels,
  16x16, batch 16; grads of the input and the six parameters for a given
  output gradient. tfjs: tf.moments + tf.batchNorm (no running statistics).
- conv2d rows on tfjs wasm: tfjs-backend-wasm 4.22 has no
  Conv2DBackpropFilter kernel, so the filter gradient is composed from the
  kernels it has (a conv2d of the transposed input with the output gradient
  as filter, tf.customGrad); the input gradient is tfjs's own
  Conv2DBackpropInput, a plain loop on that backend.
- attention: causal, B=8, 4 heads, T=128, head dim 32; output and grads of
  q, k and v for a given output gradient. torchlet:
  F.scaledDotProductAttention with isCausal; PyTorch 1.13 (no SDPA) and
  tfjs and jax-js composed: q k^T / sqrt(d), causal mask (masked_fill with
  -inf; tfjs and jax-js add a 0 / -inf bias), softmax, @ v. jax-js takes
  the grads of sum(out * g) (one multiply and one sum more).
- LSTM LM step: embedding 65 -> 64, nn.LSTM(64, 128, 2 layers,
  batch_first), linear 128 -> 65, cross-entropy over all 16 x 64 positions,
  backward, Adam (lr 1e-3). tfjs: two tf.layers.lstm layers (sigmoid gates,
  the same weights), tf.train.adam().minimize.
- GPT step: a nanoGPT-style character model (bench/data.mjs GPT: vocab 65,
  4 layers, 4 heads, embedding 128, block 64, batch 16, pre-LayerNorm
  blocks, GELU MLP 4x, biases, no dropout, lm head tied to the token
  embedding), cross-entropy, backward, clip_grad_norm 1.0, AdamW (lr 1e-3,
  weight decay 0.1 on matrices only). torchlet: F.scaledDotProductAttention
  with isCausal; PyTorch 1.13: the composed attention above; tfjs: composed
  (LayerNorm from tf.moments, GELU from tf.erf, clip_grad_norm and AdamW's
  decoupled decay written around tf.train.adam).
- tfjs's token embeddings in the LSTM and GPT rows are one-hot rows times the
  table (tfjs-backend-wasm has no gradient for tf.gather). Its BatchMatMul
  with a transposed first operand, the weight gradient of every dense layer,
  is a slow path on that backend and dominates those cells.
- int64 indexing: index_select and embedding of 16k int64 ids from a
  64k x 128 float32 table, and gather along dim 0 with a 16k x 128 int64
  index; forward and the table's gradient for a given output gradient
  (a dense 64k x 128 grad each call, as PyTorch computes it). n/a in tfjs:
  tf.gather's gradient needs UnsortedSegmentSum, which tfjs-backend-wasm
  lacks and tfjs's cpu backend computes with one pass over the input per
  table row.
- tfjs cpu runs none of the network rows (seconds to tens of seconds per
  call).
- peak RSS: a fresh process per column that runs ${RSS_STEPS} MLP steps and
  reads its peak resident set size (process.resourceUsage().maxRSS): Node
  itself, the library, its wasm memory and the data (PyTorch: the Python
  process, getrusage().ru_maxrss).

"relaxed" is the relaxed-SIMD binary (fused multiply-add), run with \`node
--experimental-wasm-relaxed-simd\` on Node 20; jax-js "jit relaxed" runs with
the same flag. js-pytorch's matmul beyond 256, and tfjs cpu's and the
plain-JS loops' beyond 512, are left out (seconds per call). The raw numbers
are in BENCHMARKS.json.
`;
  writeFileSync(join(root, "BENCHMARKS.md"), doc);
  writeFileSync(
    join(root, "BENCHMARKS.json"),
    JSON.stringify(
      {
        date: started.toISOString(),
        machine: info,
        loadavg: { before: loadBefore, after: loadAfter },
        rounds,
        columns: columns.map((c) => ({
          backend: c.backend,
          variant: c.variant,
          info: c.info,
          error: c.error,
          rows: Object.fromEntries(
            plan.map((row) => [
              row.id,
              { label: row.label, ...stats(c, row), raw: c.results.find((x) => x.id === row.id)?.times ?? [] },
            ]),
          ),
        })),
      },
      null,
      2,
    ) + "\n",
  );
  console.log("\nwrote BENCHMARKS.md and BENCHMARKS.json");
}
