// The web demo's Web Worker: trains a digits classifier, the MLP or the CNN
// (examples/train/models.mjs, the code npm run train runs in Node), off the page's thread and answers
// predictions. It yields to its event loop every few milliseconds, so a
// "stop" or a "predict" message is handled in the middle of training.
//
// Messages in:  { type: "train", options } | { type: "stop" } |
//               { type: "predict", id, pixels } | { type: "sample" } | { type: "save" }
// Messages out: ready, start, progress, epoch, done, prediction, sample, saved, error

import * as torch from "../../dist/index.js";
import { loadDigits } from "../train/digits.mjs";
import {
  DEFAULTS,
  RECIPES,
  accuracy,
  createRun,
  disposeRun,
  epochSteps,
  predict,
  saveModel,
} from "../train/models.mjs";
import { nextTurn, post, serveWorker } from "./worker-loop.mjs";

let digits = null,
  run = null;

async function train(options, state) {
  if (run) disposeRun(run);
  run = createRun(torch, digits, options);
  const o = run.options,
    n = digits.train.n;
  const stepsPerEpoch = Math.ceil(n / o.batchSize);
  post({ type: "start", options: o, stepsPerEpoch });
  const t0 = performance.now();
  let step = 0,
    trainSeconds = 0,
    partial = 0; // partial: steps of an epoch cut short by Stop
  for (let e = 1; e <= o.epochs && !state.stopRequested; e++) {
    const steps = epochSteps(torch, run);
    let losses = [],
      total = 0,
      done = 0,
      sliceStart = performance.now(),
      epochSeconds = 0;
    for (const loss of steps) {
      losses.push(loss);
      total += loss * Math.min(o.batchSize, n - done);
      done += o.batchSize;
      step++;
      if (performance.now() - sliceStart > 25) {
        // Report, then let messages in (stop, predict) before the next slice of steps.
        epochSeconds += (performance.now() - sliceStart) / 1000;
        post({ type: "progress", epoch: e, step, losses });
        losses = [];
        await nextTurn();
        if (state.stopRequested) {
          steps.return();
          partial = Math.ceil(done / o.batchSize);
          trainSeconds += epochSeconds;
          break;
        }
        sliceStart = performance.now();
      }
    }
    if (state.stopRequested) break;
    epochSeconds += (performance.now() - sliceStart) / 1000;
    trainSeconds += epochSeconds;
    if (losses.length) post({ type: "progress", epoch: e, step, losses });
    post({
      type: "epoch",
      epoch: e,
      epochs: o.epochs,
      loss: total / n,
      trainAccuracy: accuracy(torch, run.model, run.train),
      testAccuracy: accuracy(torch, run.model, run.test),
      samplesPerSecond: n / epochSeconds,
      bytesInUse: torch.memory().bytesInUse,
    });
    await nextTurn();
  }
  post({
    type: "done",
    stopped: state.stopRequested,
    epochs: run.epoch,
    partialSteps: partial,
    stepsPerEpoch,
    seconds: (performance.now() - t0) / 1000,
    trainSeconds,
    samplesPerSecond: step > 0 ? Math.min(step * o.batchSize, run.epoch * n + partial * o.batchSize) / trainSeconds : 0,
    bytesInUse: torch.memory().bytesInUse,
  });
}

function handle(msg) {
  switch (msg.type) {
    case "predict": {
      const probabilities = predict(torch, run.model, msg.pixels);
      post({ type: "prediction", id: msg.id, probabilities, epoch: run.epoch }, [probabilities.buffer]);
      return;
    }
    case "sample": {
      const i = Math.floor(Math.random() * digits.test.n);
      post({
        type: "sample",
        index: i,
        label: digits.test.labels[i],
        pixels: digits.test.pixels.slice(i * 64, i * 64 + 64),
      });
      return;
    }
    case "save": {
      const bytes = saveModel(torch, run.model, run.options);
      post({ type: "saved", bytes, epoch: run.epoch, model: run.options.model }, [bytes.buffer]);
      return;
    }
  }
}

serveWorker({
  init: async () => {
    await torch.init();
    digits = await loadDigits(new URL("digits.bin", self.location.href));
    run = createRun(torch, digits, DEFAULTS); // untrained, so the pad answers before the first run
    post({
      type: "ready",
      simd: torch.backendInfo().simd,
      train: digits.train.n,
      test: digits.test.n,
      defaults: DEFAULTS,
      recipes: RECIPES,
    });
  },
  train,
  handle,
});
