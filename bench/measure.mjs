// Timing shared by every backend: warm up (so V8 has tiered the wasm up to
// TurboFan), then time repetitions long enough for performance.now() to be
// precise, and report the median with the min-max spread.

const defaults = { warmupMs: 300, minRepMs: 40, reps: 11, maxMs: 6000 };

/**
 * Times `fn` (one call = one unit of work). Each repetition runs it `inner`
 * times, with `inner` chosen so a repetition takes at least `minRepMs`.
 * Returns per-call milliseconds: { median, min, max, reps, inner, times }.
 */
export function measure(fn, opts = {}) {
  const { warmupMs, minRepMs, reps, maxMs } = { ...defaults, ...opts };
  let t0 = performance.now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (performance.now() - t0 < warmupMs || calls < 3);
  const perCall = (performance.now() - t0) / calls;
  const inner = Math.max(1, Math.ceil(minRepMs / Math.max(perCall, 1e-6)));
  const times = [];
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    times.push((performance.now() - t0) / inner);
    if (performance.now() - start > maxMs && times.length >= 5) break;
  }
  return { ...summarize(times), inner, times };
}

/**
 * measure() for work that finishes asynchronously (jax-js realises its lazy
 * arrays in blockUntilReady): each call is awaited before the next starts.
 */
export async function measureAsync(fn, opts = {}) {
  const { warmupMs, minRepMs, reps, maxMs } = { ...defaults, ...opts };
  let t0 = performance.now();
  let calls = 0;
  do {
    await fn();
    calls++;
  } while (performance.now() - t0 < warmupMs || calls < 3);
  const perCall = (performance.now() - t0) / calls;
  const inner = Math.max(1, Math.ceil(minRepMs / Math.max(perCall, 1e-6)));
  const times = [];
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    t0 = performance.now();
    for (let i = 0; i < inner; i++) await fn();
    times.push((performance.now() - t0) / inner);
    if (performance.now() - start > maxMs && times.length >= 5) break;
  }
  return { ...summarize(times), inner, times };
}

/** Median, min and max of per-call times (ms). */
export function summarize(times) {
  const t = [...times].sort((a, b) => a - b);
  return { median: t[t.length >> 1], min: t[0], max: t[t.length - 1], reps: t.length };
}
