// The GPT page: controls, the live loss curve, the streamed samples. All
// tensor work happens in gpt-worker.mjs; this thread only draws.
// window.gpt exposes the state for test/web/gpt.test.ts.

import { $, kib, numberInput, perFrame, setButtons, startWorker, status } from "./page.mjs";

const gpt = (window.gpt = { state: "loading", losses: [], samples: [], done: null, error: null, maxIters: 1 });
const setState = (state) => setButtons(gpt, state);

// ---- the loss curve (linear scale, steps on x) ----
const M = { left: 46, right: 14, top: 12, bottom: 26 };
function drawLoss() {
  const canvas = $("loss-chart");
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width,
    h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
  if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.font = "11px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
  const pw = w - M.left - M.right,
    ph = h - M.top - M.bottom;
  const hi = Math.max(4.5, ...gpt.losses),
    lo = 0;
  const x = (s) => M.left + (pw * s) / Math.max(1, gpt.maxIters);
  const y = (v) => M.top + ph * (1 - (v - lo) / (hi - lo));
  ctx.strokeStyle = "#eceef2";
  ctx.fillStyle = "#6b7385";
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (let v = 0; v <= hi; v += 1) {
    ctx.beginPath();
    ctx.moveTo(M.left, Math.round(y(v)) + 0.5);
    ctx.lineTo(M.left + pw, Math.round(y(v)) + 0.5);
    ctx.stroke();
    ctx.fillText(String(v), M.left - 6, y(v));
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.fillText("0", x(0), M.top + ph + 6);
  ctx.fillText(String(gpt.maxIters), x(gpt.maxIters), M.top + ph + 6);
  if (gpt.losses.length === 0) return;
  ctx.strokeStyle = "#3b6fd8";
  ctx.lineWidth = 1.4;
  ctx.beginPath();
  gpt.losses.forEach((l, i) => (i ? ctx.lineTo(x(i + 1), y(l)) : ctx.moveTo(x(i + 1), y(l))));
  ctx.stroke();
}
const redraw = perFrame(drawLoss);
window.addEventListener("resize", redraw);

// ---- the worker ----
function fail(message) {
  gpt.error = message;
  setState("error");
  status(`Error: ${message}`);
}

const box = $("sample");
const worker = startWorker(new URL("./gpt-worker.js", import.meta.url), onMessage, fail);
function onMessage(m) {
  switch (m.type) {
    case "ready":
      $("simd").textContent = `${m.simd} SIMD`;
      setState("ready");
      status(`Ready: ${m.train.toLocaleString("en-US")} training characters, a vocabulary of ${m.vocab}. Press Train.`);
      break;
    case "start":
      Object.assign(gpt, { losses: [], samples: [], done: null, maxIters: m.cfg.maxIters });
      box.value = "";
      $("s-params").textContent = m.parameters.toLocaleString("en-US");
      setState("training");
      status(
        `Training a ${m.cfg.nLayer}-layer GPT, ${m.cfg.nEmbd} wide, context ${m.cfg.blockSize}: AdamW to lr ${m.cfg.lr}, ` +
          `batch ${m.cfg.batchSize}, seed ${m.options.seed}…`,
      );
      redraw();
      break;
    case "progress":
      gpt.losses.push(...m.losses);
      $("s-step").textContent = `${m.step} / ${gpt.maxIters}`;
      $("s-loss").textContent = m.losses.at(-1).toFixed(4);
      $("s-rate").textContent = m.msPerStep.toFixed(1);
      $("s-mem").textContent = kib(m.bytesInUse);
      redraw();
      break;
    case "sample":
      gpt.samples.push({ step: m.step, text: "" });
      box.value += `${box.value ? "\n\n" : ""}── step ${m.step} ──\n`;
      break;
    case "token":
      gpt.samples.at(-1).text += m.text;
      box.value += m.text;
      box.scrollTop = box.scrollHeight;
      break;
    case "done":
      gpt.done = m;
      setState("trained");
      status(
        `${m.stopped ? "Stopped" : "Done"} after ${m.steps} steps in ${m.seconds.toFixed(1)} s ` +
          `(${m.msPerStep.toFixed(1)} ms per step); last loss ${gpt.losses.at(-1)?.toFixed(4) ?? "–"}.`,
      );
      break;
  }
}

// ---- controls ----
function readOptions() {
  const width = numberInput("width", 8, 256, true);
  const o = {
    nLayer: numberInput("layers", 1, 8, true),
    nEmbd: width !== null && width % 4 === 0 ? width : null, // 4 heads
    maxIters: numberInput("steps", 1, 100000, true),
    lr: numberInput("lr", 1e-5, 1, false),
    seed: numberInput("seed", 0, 2 ** 53, true),
  };
  return Object.values(o).includes(null) ? null : o;
}
$("train").onclick = () => {
  const options = readOptions();
  if (!options)
    return status(
      "Check the options: layers 1–8, width 8–256 (a multiple of 4), steps 1–100000, learning rate up to 1.",
    );
  worker.postMessage({ type: "train", options });
};
$("stop").onclick = () => worker.postMessage({ type: "stop" });

setState("loading");
redraw();
