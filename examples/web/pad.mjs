// The drawing pad, turned into what the dataset holds. The UCI digits were
// made by scaling each handwritten digit to fit a 32x32 bitmap and counting
// the inked pixels in each 4x4 block (0..16). The pad does the same with
// your strokes: it keeps them as point lists and redraws them into 32x32,
// scaled so the longer side of their bounding box fills it (in the dataset
// the height nearly always does) and centred, then counts per block. The pen
// is as thick as makes the ink cover what the dataset's digits cover (about
// 310 of the 1,024 pixels, for every class): a thin line drawn in a corner
// and a fat one across the pad give the model the same kind of picture.

import { perFrame } from "./page.mjs";

const GRID = 32,
  BLOCK = 4,
  CELLS = GRID / BLOCK;
const TARGET_INK = 310;
const PAD_PEN = 18;
const HINT =
  "Draw with the mouse or a finger; the model answers as you draw. Cross your 7s: many writers of this data set did.";

/** The strokes drawn into a 32x32 alpha bitmap with a pen `pen` pixels wide. */
function rasterise(strokes, box, pen) {
  const { x0, x1, y0, y1 } = box;
  const scale = (GRID - pen - 1) / Math.max(x1 - x0, y1 - y0, 1);
  const ox = (GRID - (x1 - x0) * scale) / 2 - x0 * scale,
    oy = (GRID - (y1 - y0) * scale) / 2 - y0 * scale;
  const canvas = new OffscreenCanvas(GRID, GRID);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.lineCap = ctx.lineJoin = "round";
  ctx.lineWidth = pen;
  ctx.strokeStyle = ctx.fillStyle = "#000";
  for (const s of strokes) {
    ctx.beginPath();
    if (s.length === 1) {
      ctx.arc(s[0][0] * scale + ox, s[0][1] * scale + oy, pen / 2, 0, 2 * Math.PI);
      ctx.fill();
      continue;
    }
    s.forEach(([x, y], i) =>
      i ? ctx.lineTo(x * scale + ox, y * scale + oy) : ctx.moveTo(x * scale + ox, y * scale + oy),
    );
    ctx.stroke();
  }
  const alpha = ctx.getImageData(0, 0, GRID, GRID).data;
  const on = new Uint8Array(GRID * GRID);
  let ink = 0;
  for (let i = 0; i < on.length; i++) ink += on[i] = alpha[i * 4 + 3] >= 128 ? 1 : 0;
  return { on, ink };
}

/** 64 intensities 0..16 from strokes (arrays of [x, y] in pad pixels); null when nothing is drawn. */
export function downsample(strokes) {
  const pts = strokes.flat();
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p[0]),
    ys = pts.map((p) => p[1]);
  const box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  // Bisect the pen's width for the dataset's amount of ink (more width, more ink).
  let lo = 1.5,
    hi = 9,
    best = rasterise(strokes, box, lo);
  for (let k = 0; k < 7 && best.ink !== TARGET_INK; k++) {
    const mid = (lo + hi) / 2,
      r = rasterise(strokes, box, mid);
    if (Math.abs(r.ink - TARGET_INK) < Math.abs(best.ink - TARGET_INK)) best = r;
    if (r.ink < TARGET_INK) lo = mid;
    else hi = mid;
  }
  const out = new Uint8Array(CELLS * CELLS);
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++) out[((y / BLOCK) | 0) * CELLS + ((x / BLOCK) | 0)] += best.on[y * GRID + x];
  return out;
}

/** Draws 64 intensities 0..16 as an 8x8 image (dark ink on white) filling the canvas. */
function paintPixels(canvas, pixels, { grid = false } = {}) {
  const ctx = canvas.getContext("2d");
  const w = canvas.width,
    h = canvas.height,
    cw = w / CELLS,
    ch = h / CELLS;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 64; i++) {
    const v = pixels ? pixels[i] : 0;
    const g = Math.round(255 - (v * 255) / 16);
    ctx.fillStyle = `rgb(${g}, ${g}, ${g + Math.round((255 - g) * 0.06)})`;
    ctx.fillRect((i % CELLS) * cw, Math.floor(i / CELLS) * ch, Math.ceil(cw), Math.ceil(ch));
  }
  if (grid) {
    ctx.strokeStyle = "rgba(120, 130, 150, 0.18)";
    ctx.lineWidth = 1;
    for (let k = 1; k < CELLS; k++) {
      ctx.beginPath();
      ctx.moveTo(Math.round(k * cw) + 0.5, 0);
      ctx.lineTo(Math.round(k * cw) + 0.5, h);
      ctx.moveTo(0, Math.round(k * ch) + 0.5);
      ctx.lineTo(w, Math.round(k * ch) + 0.5);
      ctx.stroke();
    }
  }
}

export function createPad({ pad, preview, bars, guess, guessP, hint, predict, onPrediction }) {
  const ctx = pad.getContext("2d");
  let strokes = [],
    current = null,
    sample = null,
    nextId = 1,
    latest = 0,
    asked = null;

  bars.innerHTML = Array.from(
    { length: 10 },
    (_, d) => `<li><span class="p"></span><span class="bar" style="height:2px"></span><span class="d">${d}</span></li>`,
  ).join("");

  function paintStrokes() {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, pad.width, pad.height);
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.lineWidth = PAD_PEN;
    ctx.strokeStyle = ctx.fillStyle = "#1d2330";
    for (const s of strokes) {
      ctx.beginPath();
      s.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      if (s.length === 1) {
        ctx.arc(s[0][0], s[0][1], PAD_PEN / 2, 0, 2 * Math.PI);
        ctx.fill();
      } else ctx.stroke();
    }
  }

  const pixels = () => sample?.pixels ?? downsample(strokes);

  /** Asks the worker about the current picture (at most once per frame); answers to older requests are ignored. */
  function predictNow() {
    const p = pixels();
    paintPixels(preview, p, { grid: true });
    if (!p) return reset();
    latest = nextId++;
    asked = { strokes: strokes.length, drawing: current !== null };
    predict(latest, p);
  }
  const schedule = perFrame(predictNow);

  function reset() {
    guess.textContent = "?";
    guessP.textContent = "";
    for (const li of bars.children) {
      li.classList.remove("top");
      li.querySelector(".bar").style.height = "2px";
      li.querySelector(".p").textContent = "";
    }
    onPrediction(null);
  }

  function show(m) {
    if (m.id !== latest) return;
    const p = Array.from(m.probabilities);
    const top = p.indexOf(Math.max(...p));
    guess.textContent = String(top);
    guessP.textContent = `${(100 * p[top]).toFixed(1)}%${m.epoch === 0 ? " (untrained)" : ""}`;
    [...bars.children].forEach((li, d) => {
      li.classList.toggle("top", d === top);
      li.querySelector(".bar").style.height = `${Math.max(2, Math.round(p[d] * 100))}%`;
      li.querySelector(".p").textContent = p[d] >= 0.005 ? `${Math.round(p[d] * 100)}` : "";
    });
    onPrediction({ digit: top, probabilities: p, epoch: m.epoch, label: sample?.label ?? null, ...asked });
    hint.textContent = sample
      ? `Test image #${sample.index}, labelled ${sample.label}: the model says ${top}${top === sample.label ? " ✓" : " ✗"}.`
      : HINT;
  }

  function showSample(m) {
    strokes = [];
    sample = m;
    paintPixels(pad, m.pixels);
    predictNow();
  }

  function clear() {
    strokes = [];
    sample = null;
    paintStrokes();
    predictNow();
  }

  const at = (e) => {
    const r = pad.getBoundingClientRect();
    return [((e.clientX - r.left) * pad.width) / r.width, ((e.clientY - r.top) * pad.height) / r.height];
  };
  pad.addEventListener("pointerdown", (e) => {
    if (sample) clear();
    pad.setPointerCapture(e.pointerId);
    current = [at(e)];
    strokes.push(current);
    paintStrokes();
    schedule();
  });
  pad.addEventListener("pointermove", (e) => {
    if (!current) return;
    current.push(at(e));
    paintStrokes();
    schedule();
  });
  const end = () => {
    current = null;
    schedule();
  };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);

  hint.textContent = HINT;
  clear();
  return { predictNow, show, showSample, clear };
}
