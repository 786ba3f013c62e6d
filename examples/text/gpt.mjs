// npm run gpt: trains a character-level language model (models.mjs: the
// nanoGPT-style GPT, or with --model lstm a 2-layer LSTM) on four books of
// the King James Bible (data/kjv.txt) in Node, prints the train and
// validation loss every interval, then a generated sample, and saves the
// weights as safetensors (scripts/gpt-reference.py --load samples from
// them in PyTorch).
//
//   node examples/text/gpt.mjs [--model gpt|lstm] [--iters N] [--eval-interval 100]
//        [--eval-iters 10] [--lr X] [--batch-size N] [--dropout P] [--seed 1337]
//        [--temperature 0.8] [--top-k 10] [--samples 500] [--threads 1] [--out out/MODEL.safetensors]
// The other hyperparameters are the model's recipe (RECIPES in models.mjs).

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as torch from "../../dist/index.js";
import { loadText } from "./text.mjs";
import * as models from "./models.mjs";

const { values: args } = parseArgs({
  options: {
    model: { type: "string", default: "gpt" },
    iters: { type: "string" },
    "eval-interval": { type: "string", default: "100" },
    "eval-iters": { type: "string", default: "10" },
    lr: { type: "string" },
    "batch-size": { type: "string" },
    dropout: { type: "string" },
    seed: { type: "string", default: "1337" },
    threads: { type: "string", default: "1" },
    temperature: { type: "string", default: "0.8" },
    "top-k": { type: "string", default: "10" },
    samples: { type: "string", default: "500" },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "usage: npm run gpt -- [--model gpt|lstm] [--iters N] [--eval-interval N] [--eval-iters N] [--lr X] [--batch-size N]\n" +
      "                      [--dropout P] [--seed N] [--threads N] [--temperature T] [--top-k K] [--samples N] [--out file.safetensors]",
  );
  process.exit(0);
}
if (!Object.hasOwn(models.RECIPES, args.model)) {
  console.error(`--model: expected "gpt" or "lstm", got "${args.model}"`);
  process.exit(2);
}
/** A numeric option, or undefined when not given: positive (>= 0 where `zero`), an integer where asked. */
function number(name, { integer = false, zero = false } = {}) {
  const text = args[name];
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || (zero ? v < 0 : v <= 0) || (integer && !Number.isInteger(v))) {
    console.error(
      `--${name}: expected a ${zero ? "non-negative" : "positive"} ${integer ? "integer" : "number"}, got "${text}"`,
    );
    process.exit(2);
  }
  return v;
}
const recipe = models.RECIPES[args.model];
const cfg = { ...recipe };
const iters = number("iters", { integer: true });
if (iters !== undefined) {
  cfg.maxIters = iters;
  if (cfg.model === "gpt") cfg.lrDecayIters = iters;
}
if (args.lr !== undefined) {
  cfg.lr = number("lr");
  if (cfg.model === "gpt") cfg.minLr = cfg.lr / 10;
}
cfg.batchSize = number("batch-size", { integer: true }) ?? cfg.batchSize;
if (cfg.model === "gpt") cfg.dropout = number("dropout", { zero: true }) ?? cfg.dropout;
const evalInterval = number("eval-interval", { integer: true });
const evalIters = number("eval-iters", { integer: true });
const seed = number("seed", { integer: true, zero: true });
const threads = number("threads", { integer: true });
const temperature = number("temperature");
const topK = number("top-k", { integer: true });
const nSamples = number("samples", { integer: true, zero: true });
const out = resolve(args.out ?? fileURLToPath(new URL(`../../out/${cfg.model}.safetensors`, import.meta.url)));

const t0 = performance.now();
await torch.init({ threads }); // kernels split over threads give the same bits as one thread
const text = await loadText();
torch.manualSeed(seed);
const run = models.createRun(torch, cfg, text.vocab.length);
const nParams = run.model.parameters().reduce((n, p) => n + p.numel(), 0);
const { simd, threads: running } = torch.backendInfo();
const what =
  cfg.model === "gpt"
    ? `a GPT (${cfg.nLayer} layers, ${cfg.nHead} heads, ${cfg.nEmbd} wide, context ${cfg.blockSize})`
    : `an LSTM LM (${cfg.numLayers} layers of ${cfg.hidden}, embedding ${cfg.nEmbd}, context ${cfg.blockSize})`;
console.log(
  `torchlet: ${what}, ${nParams.toLocaleString("en-US")} parameters, on data/kjv.txt ` +
    `(${text.train.length.toLocaleString("en-US")} train / ${text.val.length.toLocaleString("en-US")} val characters, vocabulary ${text.vocab.length}), ` +
    `${cfg.model === "gpt" ? "AdamW" : "Adam"} lr ${cfg.lr}, batch ${cfg.batchSize}, ${cfg.maxIters} steps, seed ${seed}, ` +
    `WebAssembly ${simd} SIMD${running > 1 ? `, ${running} threads` : ""}`,
);

const width = String(cfg.maxIters).length;
let trainMs = 0,
  stepsTimed = 0,
  last = { train: NaN, val: NaN };
const report = (it) => {
  last = {
    train: models.estimateLoss(torch, run, text.train, evalIters),
    val: models.estimateLoss(torch, run, text.val, evalIters),
  };
  const speed = stepsTimed > 0 ? `  ${(trainMs / stepsTimed).toFixed(1).padStart(6)} ms/step` : "";
  console.log(
    `step ${String(it).padStart(width)}/${cfg.maxIters}  train loss ${last.train.toFixed(4)}  val loss ${last.val.toFixed(4)}${speed}`,
  );
  trainMs = 0;
  stepsTimed = 0;
};
let totalMs = 0;
for (let it = 0; it < cfg.maxIters; it++) {
  if (it % evalInterval === 0) report(it);
  const starts = models.randomStarts(torch, text.train, cfg);
  const start = performance.now();
  models.trainStep(torch, run, text.train, starts);
  const ms = performance.now() - start;
  trainMs += ms;
  totalMs += ms;
  stepsTimed++;
}
report(cfg.maxIters);

console.log(`\na sample (temperature ${temperature}, top-k ${topK}):\n`);
const newline = text.encode("\n");
models.generate(torch, run.model, newline, nSamples, {
  blockSize: cfg.blockSize,
  temperature,
  topK,
  onToken: (id) => process.stdout.write(text.decode([id])),
});
console.log("\n");

const bytes = models.saveModel(torch, run, text.vocab);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
const shown = relative(process.cwd(), out);
const mem = torch.memory();
console.log(
  `${cfg.maxIters} steps in ${(totalMs / 1000).toFixed(1)} s (${(totalMs / cfg.maxIters).toFixed(1)} ms/step), ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s in all; val loss ${last.val.toFixed(4)}`,
);
console.log(
  `saved the weights (safetensors, ${(bytes.length / 1024).toFixed(1)} KiB) to ${shown.startsWith("..") ? out : shown}; ` +
    `PyTorch samples from them: /usr/bin/python3 scripts/gpt-reference.py --load ${shown.startsWith("..") ? out : shown}`,
);
console.log(
  `memory: ${(mem.bytesInUse / 1024).toFixed(1)} KiB in use at the end (${mem.tensors} tensors), peak ${(mem.peakBytes / 1024).toFixed(1)} KiB`,
);
models.disposeRun(run);
