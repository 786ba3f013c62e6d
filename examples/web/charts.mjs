// The two live curves, drawn on plain canvases (no chart library): the loss
// of every minibatch and each epoch's mean (log scale), and train and test
// accuracy per epoch. Redrawn whole from `data` on every change: a few
// thousand points at most.

const COLORS = {
  grid: "#eceef2",
  axis: "#9aa1b1",
  text: "#6b7385",
  batch: "rgba(59, 111, 216, 0.28)",
  mean: "#3b6fd8",
  train: "#1f9d6b",
  test: "#ee4c2c",
};
const FONT = "11px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
const M = { left: 46, right: 14, top: 12, bottom: 26 };

/** Sizes the canvas's backing store to its CSS box at the device's pixel ratio; returns a context in CSS pixels. */
function prepare(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width,
    h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.font = FONT;
  return { ctx, w, h, pw: w - M.left - M.right, ph: h - M.top - M.bottom };
}

function line(ctx, points, color, width) {
  if (points.length === 0) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.lineJoin = "round";
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
}

function dots(ctx, points, color, r) {
  ctx.fillStyle = color;
  for (const [x, y] of points) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** Gridlines and labels: y ticks as [value, label], x ticks as epochs. */
function frame(c, yTicks, yOf, epochs, xOfEpoch) {
  const { ctx, pw, ph } = c;
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const [v, label] of yTicks) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(M.left, y);
    ctx.lineTo(M.left + pw, y);
    ctx.stroke();
    ctx.fillText(label, M.left - 6, y);
  }
  const every = Math.max(1, Math.ceil(epochs / 10));
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (let e = 0; e <= epochs; e += every) ctx.fillText(String(e), xOfEpoch(e), M.top + ph + 6);
  ctx.strokeStyle = COLORS.axis;
  ctx.beginPath();
  ctx.moveTo(M.left + 0.5, M.top);
  ctx.lineTo(M.left + 0.5, M.top + ph + 0.5);
  ctx.lineTo(M.left + pw, M.top + ph + 0.5);
  ctx.stroke();
}

function empty(c, text) {
  const { ctx, pw, ph } = c;
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(text, M.left + pw / 2, M.top + ph / 2);
}

function drawLoss(canvas, losses, epochs, stepsPerEpoch) {
  const c = prepare(canvas);
  const steps = Math.max(1, epochs * stepsPerEpoch);
  const lo = Math.min(0.01, ...losses.map((l) => Math.max(l, 1e-4)));
  const hi = Math.max(4, ...losses);
  const l0 = Math.log10(lo),
    l1 = Math.log10(hi);
  const yOf = (v) => M.top + c.ph * (1 - (Math.log10(Math.max(v, lo)) - l0) / (l1 - l0));
  const xOfStep = (s) => M.left + (c.pw * s) / steps;
  const ticks = [];
  for (let k = Math.floor(l0); k <= Math.ceil(l1); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) ticks.push([v, v >= 1 ? String(v) : v.toFixed(-k)]);
    }
  }
  frame(c, ticks, yOf, epochs, (e) => xOfStep(e * stepsPerEpoch));
  if (losses.length === 0) return empty(c, "press Train");
  line(
    c.ctx,
    losses.map((l, i) => [xOfStep(i + 1), yOf(l)]),
    COLORS.batch,
    1,
  );
  // Each epoch's mean, at the epoch's end.
  const means = [];
  for (let e = 0; (e + 1) * stepsPerEpoch <= losses.length; e++) {
    const part = losses.slice(e * stepsPerEpoch, (e + 1) * stepsPerEpoch);
    means.push([xOfStep((e + 1) * stepsPerEpoch), yOf(part.reduce((a, b) => a + b, 0) / part.length)]);
  }
  line(c.ctx, means, COLORS.mean, 2.2);
  dots(c.ctx, means, COLORS.mean, 2.6);
}

function drawAccuracy(canvas, rows, epochs) {
  const c = prepare(canvas);
  const least = Math.min(0.9, ...rows.flatMap((r) => [r.trainAccuracy, r.testAccuracy]));
  const lo = Math.max(0, Math.floor(least * 10) / 10),
    hi = 1;
  const yOf = (v) => M.top + (c.ph * (hi - v)) / (hi - lo);
  const xOf = (e) => M.left + (c.pw * e) / Math.max(1, epochs);
  const step = hi - lo > 0.3 ? 0.1 : 0.05;
  const ticks = [];
  for (let v = lo; v <= hi + 1e-9; v += step) ticks.push([v, `${Math.round(v * 100)}%`]);
  frame(c, ticks, yOf, epochs, xOf);
  if (rows.length === 0) return empty(c, "accuracy after each epoch");
  for (const [key, color] of [
    ["trainAccuracy", COLORS.train],
    ["testAccuracy", COLORS.test],
  ]) {
    const pts = rows.map((r) => [xOf(r.epoch), yOf(r[key])]);
    line(c.ctx, pts, color, 2.2);
    dots(c.ctx, pts, color, 2.6);
  }
  const last = rows.at(-1);
  const { ctx } = c;
  ctx.fillStyle = COLORS.test;
  ctx.font = `600 ${FONT}`;
  // Under the last test point: left of it in the chart's right half, right of it in the left half.
  const x = xOf(last.epoch),
    right = x > M.left + c.pw / 2;
  ctx.textAlign = right ? "right" : "left";
  ctx.textBaseline = "top";
  ctx.fillText(
    `test ${(100 * last.testAccuracy).toFixed(1)}%`,
    right ? x : x + 6,
    Math.min(yOf(last.testAccuracy) + 6, M.top + c.ph - 14),
  );
}

/** The demo's two charts, drawn from demo.losses (per batch) and demo.epochs (per epoch). */
export function charts(lossCanvas, accCanvas, data) {
  return {
    draw(stepsPerEpoch, epochs) {
      drawLoss(lossCanvas, data.losses, epochs, stepsPerEpoch);
      drawAccuracy(accCanvas, data.epochs, epochs);
    },
  };
}
