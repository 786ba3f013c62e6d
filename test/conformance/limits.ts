// Out of memory in each runtime: under init({ maxMemory }) set to workerd's
// 128 MiB budget, an allocation past the budget, and one past what wasm32 can
// address, throw catchable Errors that give the byte count; memory() is as it
// was, and torchlet keeps working (a freed block is reused for the next large
// tensor). Runtime-neutral like the rest of test/conformance/; leaves
// torchlet initialised with the default options.

import { verdict } from "./check.js";
import type { CaseResult, Torch } from "./types.js";

const family = "limits";
const MiB = 1024 * 1024;
const BUDGET = 128 * MiB;

/** The message of what `fn` throws, or null when it returns. */
function thrown(fn: () => unknown): { error: unknown; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    return { error: e, message: e instanceof Error ? e.message : String(e) };
  }
}

export async function limitCases(torch: Torch): Promise<CaseResult[]> {
  const result = (name: string, why: string | null): CaseResult => verdict(family, name, why);
  const results: CaseResult[] = [];
  try {
    await torch.init({ maxMemory: BUDGET });
    const info = torch.backendInfo();
    results.push(
      result("budget_reported", info.maxMemory === BUDGET ? null : `backendInfo().maxMemory is ${info.maxMemory}`),
    );

    const before = JSON.stringify(torch.memory());
    // 40,000,000 float32 = 160,000,000 bytes, past the 128 MiB budget.
    const past = thrown(() => torch.zeros(40_000_000));
    const pastOk =
      past !== null &&
      past.error instanceof Error &&
      /^torchlet: out of memory: could not allocate 160000000 bytes .*128\.0 MiB of init\(\{ maxMemory \}\)/.test(
        past.message,
      );
    results.push(result("past_the_budget", pastOk ? null : `got ${past === null ? "no error" : past.message}`));
    // 6 GiB of float32, within torchlet's element limit (2^31 - 2^16).
    const huge = thrown(() => torch.zeros(3 * 2 ** 29));
    const hugeOk =
      huge !== null && huge.error instanceof RangeError && /could not allocate 6442450944 bytes/.test(huge.message);
    results.push(result("past_wasm32", hugeOk ? null : `got ${huge === null ? "no error" : huge.message}`));
    const after = JSON.stringify(torch.memory());
    results.push(result("memory_unchanged", after === before ? null : `memory() ${before} -> ${after}`));

    // Fill most of the budget, fail the next large tensor, free, and the same allocation then succeeds.
    const big = torch.zeros(20 * MiB); // 80 MiB
    const second = thrown(() => torch.zeros(20 * MiB));
    big.dispose();
    const again = torch.zeros(20 * MiB);
    const sum = torch.tidy(() => again.narrow(0, 0, 4).add(1).sum().item());
    again.dispose();
    const reuseOk = second !== null && /could not allocate 83886080 bytes/.test(second.message) && sum === 4;
    results.push(
      result("freed_memory_reused", reuseOk ? null : `second allocation: ${second?.message ?? "no error"}; sum ${sum}`),
    );
    results.push(
      result("works_after", torch.tidy(() => torch.arange(5).sum().item()) === 10 ? null : "arange(5).sum() is not 10"),
    );
  } catch (e) {
    results.push(result("limits", `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`));
  } finally {
    await torch.init();
  }
  return results;
}
