// npm run train: trains a digits classifier (models.mjs: the MLP, or the CNN
// with --model cnn) in Node on the UCI handwritten digits (data/digits.bin),
// prints a line per epoch and saves the weights as safetensors.
//
//   node examples/train/train.mjs [--model mlp|cnn] [--epochs 20] [--batch-size N]
//        [--lr X] [--hidden 128] [--seed 0] [--out out/digits-MODEL.safetensors]
// The defaults of the other options are the model's recipe (RECIPES).

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as torch from "../../dist/index.js";
import { loadDigits } from "./digits.mjs";
import { RECIPES, accuracy, createRun, disposeRun, saveModel, trainEpoch } from "./models.mjs";

const { values: args } = parseArgs({
  options: {
    model: { type: "string", default: "mlp" },
    epochs: { type: "string" },
    "batch-size": { type: "string" },
    lr: { type: "string" },
    hidden: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "usage: npm run train -- [--model mlp|cnn] [--epochs N] [--batch-size N] [--lr X] [--hidden N] [--seed N] [--out file.safetensors]",
  );
  process.exit(0);
}
if (!Object.hasOwn(RECIPES, args.model)) {
  console.error(`--model: expected "mlp" or "cnn", got "${args.model}"`);
  process.exit(2);
}
const recipe = RECIPES[args.model];
const given = (name, key) => args[name] ?? String(recipe[key] ?? RECIPES.mlp[key]);
/** A numeric option: positive (or, for the seed, >= 0), an integer where asked. */
const number = (name, integer, key = name) => {
  const text = given(name, key);
  const v = Number(text);
  const ok =
    text.trim() !== "" && Number.isFinite(v) && (name === "seed" ? v >= 0 : v > 0) && (!integer || Number.isInteger(v));
  if (!ok) {
    console.error(
      `--${name}: expected a ${name === "seed" ? "non-negative" : "positive"} ${integer ? "integer" : "number"}, got "${text}"`,
    );
    process.exit(2);
  }
  return v;
};
const options = {
  model: args.model,
  epochs: number("epochs", true),
  batchSize: number("batch-size", true, "batchSize"),
  lr: number("lr", false),
  hidden: number("hidden", true),
  seed: number("seed", true),
};
const DEFAULT_OUT = fileURLToPath(new URL(`../../out/digits-${options.model}.safetensors`, import.meta.url));

const t0 = performance.now();
await torch.init();
const digits = await loadDigits();
const run = createRun(torch, digits, options);
const { simd } = torch.backendInfo();
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (a) => `${(100 * a).toFixed(1).padStart(5)}%`;

console.log(
  `torchlet: ${options.model === "mlp" ? `a 64-${options.hidden}-10 MLP` : "a CNN (2 conv-bn-relu-pool stages, 2 linear)"} on the UCI digits (${digits.train.n} train / ${digits.test.n} test images), ` +
    `Adam with a one-cycle schedule to lr ${options.lr}, batch ${options.batchSize}, seed ${options.seed}, WebAssembly ${simd} SIMD`,
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

const out = resolve(args.out ?? DEFAULT_OUT);
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
