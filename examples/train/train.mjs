// npm run train: trains the digits MLP (mlp.mjs) in Node on the UCI
// handwritten digits (data/digits.bin), prints a line per epoch and saves the
// weights as safetensors.
//
//   node examples/train/train.mjs [--epochs 20] [--batch-size 32] [--lr 0.003]
//        [--hidden 128] [--seed 0] [--out out/digits-mlp.safetensors]

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as torch from "../../dist/index.js";
import { loadDigits } from "./digits.mjs";
import { DEFAULTS, accuracy, createRun, disposeRun, saveModel, trainEpoch } from "./mlp.mjs";

const DEFAULT_OUT = fileURLToPath(new URL("../../out/digits-mlp.safetensors", import.meta.url));

const { values: args } = parseArgs({
  options: {
    epochs: { type: "string", default: String(DEFAULTS.epochs) },
    "batch-size": { type: "string", default: String(DEFAULTS.batchSize) },
    lr: { type: "string", default: String(DEFAULTS.lr) },
    hidden: { type: "string", default: String(DEFAULTS.hidden) },
    seed: { type: "string", default: String(DEFAULTS.seed) },
    out: { type: "string", default: DEFAULT_OUT },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "usage: npm run train -- [--epochs N] [--batch-size N] [--lr X] [--hidden N] [--seed N] [--out file.safetensors]",
  );
  process.exit(0);
}
/** A numeric option: positive (or, for the seed, >= 0), an integer where asked. */
const number = (name, integer) => {
  const v = Number(args[name]);
  const ok =
    args[name].trim() !== "" &&
    Number.isFinite(v) &&
    (name === "seed" ? v >= 0 : v > 0) &&
    (!integer || Number.isInteger(v));
  if (!ok) {
    console.error(
      `--${name}: expected a ${name === "seed" ? "non-negative" : "positive"} ${integer ? "integer" : "number"}, got "${args[name]}"`,
    );
    process.exit(2);
  }
  return v;
};
const options = {
  epochs: number("epochs", true),
  batchSize: number("batch-size", true),
  lr: number("lr", false),
  hidden: number("hidden", true),
  seed: number("seed", true),
};

const t0 = performance.now();
await torch.init();
const digits = await loadDigits();
const run = createRun(torch, digits, options);
const { simd } = torch.backendInfo();
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (a) => `${(100 * a).toFixed(1).padStart(5)}%`;

console.log(
  `torchlet: a 64-${options.hidden}-10 MLP on the UCI digits (${digits.train.n} train / ${digits.test.n} test images), ` +
    `Adam lr ${options.lr}, batch ${options.batchSize}, seed ${options.seed}, WebAssembly ${simd} SIMD`,
);
let trainSeconds = 0,
  testAcc = 0,
  memoryAfterFirst = 0;
const width = String(options.epochs).length;
for (let e = 1; e <= options.epochs; e++) {
  const start = performance.now();
  const loss = trainEpoch(torch, run);
  const seconds = (performance.now() - start) / 1000;
  trainSeconds += seconds;
  const trainAcc = accuracy(torch, run.model, run.train);
  testAcc = accuracy(torch, run.model, run.test);
  if (e === 1) memoryAfterFirst = torch.memory().bytesInUse;
  const rate = Math.round(digits.train.n / seconds).toLocaleString("en-US");
  console.log(
    `epoch ${String(e).padStart(width)}/${options.epochs}  loss ${loss.toFixed(4)}  train ${pct(trainAcc)}  test ${pct(testAcc)}  ${rate.padStart(7)} samples/s`,
  );
}

const out = resolve(args.out);
const bytes = saveModel(torch, run.model, options);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
const mem = torch.memory();
const samples = Math.round((digits.train.n * options.epochs) / trainSeconds).toLocaleString("en-US");
console.log(
  `test accuracy ${(100 * testAcc).toFixed(1)}% after ${options.epochs} epochs: ${trainSeconds.toFixed(2)} s of training ` +
    `(${samples} samples/s), ${((performance.now() - t0) / 1000).toFixed(2)} s in all`,
);
const shown = relative(process.cwd(), out);
console.log(`saved the weights (safetensors, ${kib(bytes.length)}) to ${shown.startsWith("..") ? out : shown}`);
console.log(
  `memory: ${kib(mem.bytesInUse)} in use at the end (${mem.tensors} tensors: weights, Adam state, data), ` +
    `${kib(memoryAfterFirst)} after epoch 1; peak ${kib(mem.peakBytes)}`,
);
disposeRun(run);
