// The plumbing the demo's two Web Workers share (worker.mjs, gpt-worker.mjs):
// posting to the page, yielding to the event loop between slices of
// training, one training run at a time, and errors posted as messages.

/** Posts a message (and the buffers it transfers) to the page. */
export const post = (msg, transfer = []) => self.postMessage(msg, transfer);

/** Resolves on the next turn of the event loop (a message to itself: no 4 ms timer clamping). */
const channel = new MessageChannel();
export const nextTurn = () =>
  new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

function fail(e) {
  post({ type: "error", message: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
}

/**
 * Answers the page's messages once `init()` has resolved. "train" runs
 * `train(options, state)`, or, during a run, stops it and runs after it;
 * "stop" sets `state.stopRequested`, which `train` checks between slices;
 * any other message goes to `handle(msg)`.
 */
export function serveWorker({ init, train, handle = () => {} }) {
  const state = { training: false, stopRequested: false, pending: null };
  async function run(options) {
    state.training = true;
    state.stopRequested = false;
    try {
      await train(options, state);
    } finally {
      state.training = false;
    }
    if (state.pending) {
      const next = state.pending;
      state.pending = null;
      await run(next);
    }
  }
  function onMessage(msg) {
    switch (msg.type) {
      case "train":
        if (state.training) {
          state.pending = msg.options;
          state.stopRequested = true;
        } else void run(msg.options).catch(fail);
        return;
      case "stop":
        state.stopRequested = true;
        return;
      default:
        handle(msg);
    }
  }
  const ready = init();
  self.onmessage = (ev) => {
    ready.then(() => onMessage(ev.data)).catch(fail);
  };
}
