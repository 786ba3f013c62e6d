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
  run = null,
  training = false,
  stopRequested = false,
  pending = null;

const post = (msg) => self.postMessage(msg);

/** Resolves on the next turn of the event loop (a message to itself: no 4 ms timer clamping). */
const channel = new MessageChannel();
const nextTurn = () =>
  new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

function sample(step, length) {
  post({ type: "sample", step });
  models.generate(torch, run.model, text.encode("\n"), length, {
    blockSize: run.cfg.blockSize,
    onToken: (id) => post({ type: "token", text: text.decode([id]) }),
  });
}

async function train(options) {
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
  training = true;
  stopRequested = false;
  const parameters = run.model.parameters().reduce((n, p) => n + p.numel(), 0);
  post({ type: "start", options: o, cfg, parameters });
  const t0 = performance.now();
  let trainMs = 0,
    step = 0;
  try {
    let losses = [],
      sliceStart = performance.now();
    while (step < cfg.maxIters && !stopRequested) {
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
  } finally {
    training = false;
  }
  post({
    type: "done",
    stopped: stopRequested,
    steps: step,
    seconds: (performance.now() - t0) / 1000,
    msPerStep: step > 0 ? trainMs / step : 0,
    bytesInUse: torch.memory().bytesInUse,
  });
  if (pending) {
    const next = pending;
    pending = null;
    await train(next);
  }
}

function handle(msg) {
  switch (msg.type) {
    case "train":
      if (training) {
        pending = msg.options;
        stopRequested = true;
      } else void train(msg.options).catch(fail);
      return;
    case "stop":
      stopRequested = true;
      return;
  }
}

function fail(e) {
  post({ type: "error", message: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
}

const ready = (async () => {
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
})();

self.onmessage = (ev) => {
  ready.then(() => handle(ev.data)).catch(fail);
};
