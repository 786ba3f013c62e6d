// What every runtime runs, bundled once per runtime by bundle.ts: the
// error-before-init check, a timed init(), the golden cases, then init()
// with each wasm source the runtime's main says how to make, then
// init({ threads: 2 }) (threaded where the main says threads can run), then
// out-of-memory under init({ maxMemory }) set to workerd's 128 MiB budget.

import * as torch from "torchlet";
import goldens from "conformance:goldens";
import { collect, runCases } from "../conformance/suite.js";
import { beforeInit, idempotent, runLoading, type LoadCheck } from "../conformance/loading.js";
import { threadCases } from "../conformance/threads.js";
import { limitCases } from "../conformance/limits.js";
import type { SuiteReport, Torch } from "../conformance/types.js";

export { byteChecks } from "../conformance/loading.js";
export { MARK } from "./mark.js";

export async function runAll(runtime: string, checks: readonly LoadCheck[], threads: boolean): Promise<SuiteReport> {
  const t = torch as unknown as Torch;
  const before = beforeInit(t);
  const t0 = performance.now();
  await t.init();
  const initMs = performance.now() - t0;
  const simd = t.backendInfo().simd;
  const { cases, unplugged } = collect(goldens);
  const results = runCases(t, cases);
  const loading = [
    before,
    idempotent(t),
    ...(await runLoading(t, checks)),
    ...(await threadCases(t, threads)),
    ...(await limitCases(t)),
  ];
  return { runtime, simd, initMs, results, unplugged, loading };
}
