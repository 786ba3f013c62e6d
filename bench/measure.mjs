// Timing shared by every backend: warm up (so V8 has optimized the JS and
// tiered the wasm up to TurboFan), then time repetitions long enough for
// performance.now() to be precise, and report the median with the min-max
// spread.
//
// The warm-up is long because a library with a JS facade needs thousands of
// calls before V8 has optimized all of it: torchlet's seed program, measured
// in a fresh process, ran at 130-800 us per iteration for its first 300 ms and
// at 16-18 us once warm (about 1 s, on two busy cores). Every column gets the
// same warm-up; the repetition length is set from the warm-up's last calls.

const defaults = { warmupMs: 1500, minRepMs: 40, reps: 11, maxMs: 6000 };

/**
 * Times `fn` (one call = one unit of work). Each repetition runs it `inner`
 * times, with `inner` chosen so a repetition takes at least `minRepMs`.
 * Returns per-call milliseconds: { median, min, max, reps, inner, times }.
 */
export function measure(fn, opts = {}) {
  const { warmupMs, minRepMs, reps, maxMs } = { ...defaults, ...opts };
  const perCall = warmUp(fn, warmupMs);
  const inner = Math.max(1, Math.ceil(minRepMs / Math.max(perCall, 1e-6)));
  const times = [];
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
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
  const perCall = await warmUpAsync(fn, warmupMs);
  const inner = Math.max(1, Math.ceil(minRepMs / Math.max(perCall, 1e-6)));
  const times = [];
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
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

/**
 * The warm-up's clock: `next()` counts a call and says whether the warm-up
 * goes on (at least `warmupMs` and 3 calls); `perCall()` is the per-call
 * milliseconds of the calls in its last quarter.
 */
function warmUpClock(warmupMs) {
  const start = performance.now();
  let calls = 0;
  let lateStart = start;
  let lateCalls = 0;
  let now = start;
  return {
    next() {
      calls++;
      now = performance.now();
      if (now - start < warmupMs * 0.75) {
        lateStart = now;
        lateCalls = 0;
      } else lateCalls++;
      return now - start < warmupMs || calls < 3;
    },
    perCall: () => (lateCalls > 0 ? (now - lateStart) / lateCalls : (now - start) / calls),
  };
}

/** Calls `fn` through the warm-up; returns the per-call milliseconds at its end. */
function warmUp(fn, warmupMs) {
  const clock = warmUpClock(warmupMs);
  do fn();
  while (clock.next());
  return clock.perCall();
}

/** warmUp() for work that finishes asynchronously. */
async function warmUpAsync(fn, warmupMs) {
  const clock = warmUpClock(warmupMs);
  do await fn();
  while (clock.next());
  return clock.perCall();
}
