// The GPT page's Web Worker: trains the character-level GPT
// (examples/text/models.mjs, the code npm run gpt runs in Node) off the
// page's thread, reports the losses, and streams samples every
// `sampleEvery` steps and at the end. It yields to its event loop between
// slices of steps, so "stop" is handled in the middle of training.
//
// Messages in:  { type: "train", options } | { type: "stop" }
// Messages out: ready, start, progress, sample, token, done, error

import * as torch from "../../dist/index.js";
import { loadText } from "../text/text.mjs";
import * as models from "../text/models.mjs";
import { nextTurn, post, serveWorker } from "./worker-loop.mjs";

/** The page's recipe: the GPT's, smaller, so it trains at a usable speed in a browser tab. */
export const PAGE_DEFAULTS = {
  nLayer: 2,
  nEmbd: 64,
  maxIters: 1000,
  lr: 3e-3,
  seed: 1337,
  sampleEvery: 100,
  sampleLength: 200,
};

let text = null,
  run = null;

function sample(step, length) {
  post({ type: "sample", step });
  models.generate(torch, run.model, text.encode("\n"), length, {
    blockSize: run.cfg.blockSize,
    onToken: (id) => post({ type: "token", text: text.decode([id]) }),
  });
}

async function train(options, state) {
  const o = { ...PAGE_DEFAULTS, ...options };
  const cfg = {
    ...models.RECIPES.gpt,
    nLayer: o.nLayer,
    nEmbd: o.nEmbd,
    lr: o.lr,
    minLr: o.lr / 10,
    maxIters: o.maxIters,
    lrDecayIters: o.maxIters,
    warmupIters: Math.min(models.RECIPES.gpt.warmupIters, Math.floor(o.maxIters / 10)),
  };
  if (run) models.disposeRun(run);
  torch.manualSeed(o.seed);
  run = models.createRun(torch, cfg, text.vocab.length);
  const parameters = run.model.parameters().reduce((n, p) => n + p.numel(), 0);
  post({ type: "start", options: o, cfg, parameters });
  const t0 = performance.now();
  let trainMs = 0,
    step = 0;
  let losses = [],
    sliceStart = performance.now();
  while (step < cfg.maxIters && !state.stopRequested) {
    const starts = models.randomStarts(torch, text.train, cfg);
    const s = performance.now();
    losses.push(models.trainStep(torch, run, text.train, starts));
    trainMs += performance.now() - s;
    step++;
    const sampleNow = step % o.sampleEvery === 0 && step < cfg.maxIters;
    if (performance.now() - sliceStart > 25 || sampleNow) {
      post({ type: "progress", step, losses, msPerStep: trainMs / step, bytesInUse: torch.memory().bytesInUse });
      losses = [];
      if (sampleNow) sample(step, o.sampleLength);
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  if (losses.length)
    post({ type: "progress", step, losses, msPerStep: trainMs / step, bytesInUse: torch.memory().bytesInUse });
  if (step > 0) sample(step, o.sampleLength);
  post({
    type: "done",
    stopped: state.stopRequested,
    steps: step,
    seconds: (performance.now() - t0) / 1000,
    msPerStep: step > 0 ? trainMs / step : 0,
    bytesInUse: torch.memory().bytesInUse,
  });
}

serveWorker({
  init: async () => {
    await torch.init();
    text = await loadText(new URL("kjv.txt", self.location.href));
    post({
      type: "ready",
      simd: torch.backendInfo().simd,
      train: text.train.length,
      val: text.val.length,
      vocab: text.vocab.length,
      defaults: PAGE_DEFAULTS,
    });
  },
  train,
});
