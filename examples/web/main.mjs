// The web demo's page: controls, live curves, the drawing pad. All tensor
// work happens in worker.mjs; this thread only draws, so it stays responsive
// while the model trains. window.demo exposes the state for
// test/web/demo.test.ts.

import { charts } from "./charts.mjs";
import { createPad } from "./pad.mjs";
import { $, kib, numberInput, perFrame, setButtons, startWorker, status } from "./page.mjs";

const demo = (window.demo = {
  state: "loading",
  epochs: [],
  losses: [],
  done: null,
  prediction: null,
  error: null,
  framesWhileTraining: 0,
});

function setState(state) {
  setButtons(demo, state);
  for (const id of ["sample", "save"]) $(id).disabled = state === "loading" || state === "error";
}

const pct = (a) => `${(100 * a).toFixed(1)}%`;

// ---- curves ----
const plot = charts($("loss-chart"), $("acc-chart"), demo);
let stepsPerEpoch = 1,
  plannedEpochs = 20;
const redraw = perFrame(() => {
  if (demo.state === "training") demo.framesWhileTraining++;
  plot.draw(stepsPerEpoch, plannedEpochs);
});
window.addEventListener("resize", redraw);

// ---- the worker ----
function fail(message) {
  demo.error = message;
  setState("error");
  status(`Error: ${message}`);
}

const worker = startWorker(new URL("./worker.js", import.meta.url), onMessage, fail);
function onMessage(m) {
  switch (m.type) {
    case "ready":
      recipes = m.recipes;
      $("simd").textContent = `${m.simd} SIMD`;
      setState("ready");
      status(`Ready: ${m.train.toLocaleString("en-US")} training and ${m.test} test images loaded. Press Train.`);
      pad.predictNow();
      break;
    case "start":
      stepsPerEpoch = m.stepsPerEpoch;
      plannedEpochs = m.options.epochs;
      demo.epochs = [];
      demo.losses = [];
      demo.done = null;
      demo.framesWhileTraining = 0;
      setState("training");
      status(
        `Training the ${m.options.model.toUpperCase()}: Adam with a one-cycle schedule to lr ${m.options.lr}, ` +
          `batch ${m.options.batchSize}, seed ${m.options.seed}…`,
      );
      redraw();
      break;
    case "progress":
      for (const l of m.losses) demo.losses.push(l);
      $("s-epoch").textContent = `${m.epoch} / ${plannedEpochs}`;
      redraw();
      break;
    case "epoch":
      demo.epochs.push(m);
      $("s-epoch").textContent = `${m.epoch} / ${m.epochs}`;
      $("s-loss").textContent = m.loss.toFixed(4);
      $("s-train").textContent = pct(m.trainAccuracy);
      $("s-test").textContent = pct(m.testAccuracy);
      $("s-rate").textContent = Math.round(m.samplesPerSecond).toLocaleString("en-US");
      $("s-mem").textContent = kib(m.bytesInUse);
      redraw();
      pad.predictNow(); // the pad's answer follows the model as it learns
      break;
    case "done": {
      demo.done = m;
      setState("trained");
      const last = demo.epochs.at(-1);
      const what = m.partialSteps
        ? `Stopped during epoch ${m.epochs + 1} (${m.partialSteps} of its ${m.stepsPerEpoch} steps done)`
        : `${m.stopped ? "Stopped" : "Done"} after ${m.epochs} epoch${m.epochs === 1 ? "" : "s"}`;
      status(
        `${what} in ${m.seconds.toFixed(1)} s, ${Math.round(m.samplesPerSecond).toLocaleString("en-US")} samples/s while training` +
          (last ? `; test accuracy after epoch ${last.epoch}: ${pct(last.testAccuracy)}. Draw a digit →` : "."),
      );
      break;
    }
    case "prediction":
      pad.show(m);
      break;
    case "sample":
      pad.showSample(m);
      break;
    case "saved": {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([m.bytes], { type: "application/octet-stream" }));
      a.download = `digits-${m.model}.safetensors`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      break;
    }
  }
}

// ---- controls ----
let recipes = null;
/** Choosing a model puts its recipe's learning rate and batch size in the inputs. */
$("model").onchange = () => {
  const r = recipes?.[$("model").value];
  if (!r) return;
  $("lr").value = String(r.lr);
  $("batch").value = String(r.batchSize);
};
function readOptions() {
  const o = {
    model: $("model").value,
    epochs: numberInput("epochs", 1, 200, true),
    lr: numberInput("lr", 1e-5, 1, false),
    batchSize: numberInput("batch", 1, 1437, true),
    seed: numberInput("seed", 0, 2 ** 53, true),
  };
  return Object.values(o).includes(null) ? null : o;
}
$("train").onclick = () => {
  const options = readOptions();
  if (!options) return status("Check the options: epochs 1–200, learning rate up to 1, batch 1–1437, seed >= 0.");
  worker.postMessage({ type: "train", options });
};
$("stop").onclick = () => worker.postMessage({ type: "stop" });
$("sample").onclick = () => worker.postMessage({ type: "sample" });
$("save").onclick = () => worker.postMessage({ type: "save" });

// ---- the pad ----
const pad = createPad({
  pad: $("pad"),
  preview: $("preview"),
  bars: $("bars"),
  guess: $("guess"),
  guessP: $("guess-p"),
  hint: $("draw-hint"),
  predict: (id, pixels) => worker.postMessage({ type: "predict", id, pixels }),
  onPrediction: (p) => (demo.prediction = p),
});
$("clear").onclick = () => pad.clear();

setState("loading");
redraw();
