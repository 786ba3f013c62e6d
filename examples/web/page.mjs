// What the demo's pages share (main.mjs, gpt.mjs, pad.mjs): element lookup,
// the state of the Train and Stop buttons, redraws coalesced to one per
// frame, and starting the page's worker with its errors shown.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** Writes the status line. */
export const status = (text) => ($("status").textContent = text);

/** Bytes as KiB, for the memory readouts. */
export const kib = (b) => `${Math.round(b / 1024).toLocaleString("en-US")} KiB`;

/** The number in input `id` if it lies in [lo, hi] (an integer if `integer`), else null and the input marked invalid. */
export function numberInput(id, lo, hi, integer) {
  const v = Number($(id).value);
  const ok = Number.isFinite(v) && v >= lo && v <= hi && (!integer || Number.isInteger(v));
  $(id).setCustomValidity(ok ? "" : "out of range");
  return ok ? v : null;
}

/**
 * Sets the page's state ("loading", "ready", "training", "trained",
 * "error") on `view` (what the web tests read) and on the body, and enables
 * the Train and Stop buttons to match.
 */
export function setButtons(view, state) {
  view.state = state;
  document.body.dataset.state = state;
  const busy = state === "training";
  $("train").disabled = busy || state === "loading" || state === "error";
  $("stop").disabled = !busy;
  $("train").textContent = state === "trained" ? "Train again" : "Train";
}

/** `fn`, called at most once per animation frame however often the returned function is. */
export function perFrame(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fn();
    });
  };
}

/**
 * Starts the module worker at `url`; its messages go to `onMessage`, and a
 * failure to start, like an "error" message, goes to `fail`.
 */
export function startWorker(url, onMessage, fail) {
  const worker = new Worker(url, { type: "module" });
  worker.onerror = (e) => fail(e.message || "the worker failed to start");
  worker.onmessage = ({ data: m }) => (m.type === "error" ? fail(m.message) : onMessage(m));
  return worker;
}
