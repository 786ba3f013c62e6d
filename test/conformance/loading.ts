// Checks of torch.init() itself, run by every harness after the golden cases:
// each wasm source init() accepts (the harness says how its runtime makes
// them), the simd choice, idempotence, and the error before init.

import { errorOf } from "./values.js";
import type { CaseResult, Torch } from "./types.js";

type InitOptions = NonNullable<Parameters<Torch["init"]>[0]>;

export interface LoadCheck {
  name: string;
  /** The options to pass, made when the check runs (a fetch starts only then). */
  options: () => InitOptions | Promise<InitOptions>;
  /** When set, init() must reject with a message containing this. */
  error?: string;
  /** When set, backendInfo().simd must be this. */
  simd?: "relaxed" | "baseline";
}

const family = "loading";

/** Must run before anything calls init(): ops refuse with a message that says what to do. */
export function beforeInit(torch: Torch): CaseResult {
  const message = errorOf(() => torch.ones(2));
  const ok = message.includes("await torch.init()");
  return { family, name: "op_before_init_throws", ok, ...(ok ? {} : { message: `got ${JSON.stringify(message)}` }) };
}

/** init() again with the same options is the same promise; an op works. */
export function idempotent(torch: Torch): CaseResult {
  const a = torch.init(),
    b = torch.init();
  const sum = torch.tidy(() => Number(torch.tensor([1.5, 2]).mul(2).sum().item()));
  const ok = a === b && sum === 7;
  return { family, name: "init_is_idempotent", ok, ...(ok ? {} : { message: `same promise: ${a === b}, sum ${sum}` }) };
}

export async function runLoading(torch: Torch, checks: readonly LoadCheck[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of checks) results.push(await runCheck(torch, c));
  return results;
}

async function runCheck(torch: Torch, c: LoadCheck): Promise<CaseResult> {
  const name = `init_${c.name}`;
  const fail = (message: string): CaseResult => ({ family, name, ok: false, message });
  let before = 0;
  try {
    before = torch.backendInfo().generation;
  } catch {
    // not initialised yet: generation 0
  }
  try {
    await torch.init(await c.options());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (c.error !== undefined && message.includes(c.error)) return { family, name, ok: true };
    return fail(`init rejected: ${message}`);
  }
  if (c.error !== undefined) return fail(`init resolved; expected an error containing ${JSON.stringify(c.error)}`);
  const info = torch.backendInfo();
  if (info.generation <= before) return fail(`no new instance (generation ${info.generation})`);
  if (c.simd && info.simd !== c.simd) return fail(`simd is ${info.simd}, expected ${c.simd}`);
  const sum = torch.tidy(() => Number(torch.tensor([1.5, 2]).mul(2).sum().item()));
  return sum === 7 ? { family, name, ok: true } : fail(`(1.5, 2) * 2 summed to ${sum}`);
}

/**
 * The checks a runtime that compiles wasm from bytes can make, given the bytes
 * of both binaries. Whether "auto" should pick relaxed SIMD is asked of the
 * engine with the real relaxed binary, independently of the loader's probe.
 */
export async function byteChecks(bytes: (kind: "baseline" | "relaxed") => Promise<Uint8Array>): Promise<LoadCheck[]> {
  const relaxedOk = WebAssembly.validate(new Uint8Array(await bytes("relaxed")));
  const base = async (): Promise<Uint8Array<ArrayBuffer>> => new Uint8Array(await bytes("baseline"));
  return [
    { name: "bytes", options: async () => ({ wasm: await base() }), simd: "baseline" },
    { name: "arraybuffer", options: async () => ({ wasm: (await base()).buffer }), simd: "baseline" },
    { name: "module", options: async () => ({ wasm: await WebAssembly.compile(await base()) }), simd: "baseline" },
    {
      name: "response",
      options: async () => ({ wasm: new Response(await base(), { headers: { "content-type": "application/wasm" } }) }),
      simd: "baseline",
    },
    { name: "simd_baseline", options: () => ({ simd: "baseline" }), simd: "baseline" },
    relaxedOk
      ? { name: "simd_relaxed", options: () => ({ simd: "relaxed" }), simd: "relaxed" }
      : { name: "simd_relaxed_refused", options: () => ({ simd: "relaxed" }), error: "does not support relaxed SIMD" },
    { name: "simd_auto", options: () => ({ simd: "auto" }), simd: relaxedOk ? "relaxed" : "baseline" },
  ];
}
