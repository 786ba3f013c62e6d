// torchlet with worker threads (init({ threads })): the same cases as
// torchlet.mjs, on as many threads as the machine has cores (at least 2).
// run.mjs puts its columns beside the one-thread ones and reports the ratio;
// alone: node bench/run.mjs --backends torchlet,torchlet-threads
// Other processes on a shared machine hurt these columns most: a split
// kernel waits for its slowest thread.

import { availableParallelism } from "node:os";
import * as torch from "../../dist/index.js";
import { packageVersion } from "../data.mjs";
export { cases } from "./torchlet.mjs";

export const name = "torchlet-threads";

const threads = Math.max(2, availableParallelism());

export const variants = {
  baseline: { nodeFlags: [] },
  relaxed: { nodeFlags: ["--experimental-wasm-relaxed-simd"] },
};

export async function setup(variant) {
  await torch.init({ simd: variant, threads });
  const info = torch.backendInfo();
  if (info.simd !== variant) throw new Error(`asked for ${variant} SIMD, got ${info.simd}`);
  if (info.threads !== threads)
    throw new Error(`asked for ${threads} threads, got ${info.threads}: ${info.threadsUnavailable}`);
  return { version: packageVersion("torchlet"), simd: info.simd, threads: info.threads };
}
