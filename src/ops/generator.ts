// torch.Generator: an mt19937 state that random ops draw from.
//
// The state lives in JS between uses and is swapped into a work area of wasm
// memory (the static block `generator_default` returns) while a kernel draws
// from it. The generator used last stays resident, so a program drawing from
// one generator never copies. A state survives re-initialisation of the
// runtime, and manualSeed works before init().
//
// Seeds: PyTorch seeds its default generator nondeterministically at start-up
// (from /dev/urandom), and torch.Generator() with 67280421310721. torchlet does
// the same, with a random 53-bit seed (so initialSeed() stays an exact JS
// number) from crypto.getRandomValues.

import * as abi from "../wasm/abi.js";
import { kindOf } from "../args.js";

/** PyTorch's default_rng_seed_val, the seed of a new torch.Generator(). */
const DEFAULT_SEED = 67280421310721n;
const U64 = 1n << 64n;

/** A seed: an integer, as a number or a bigint, read as PyTorch reads its 64-bit seeds. */
export type Seed = number | bigint;

/** Which generator's state is in the work area, and in which runtime. */
let resident: { gen: Generator; memory: WebAssembly.Memory; ptr: number; generation: number } | null = null;

/**
 * torch.Generator: a random number generator (PyTorch's CPU Mersenne Twister,
 * so a seed gives PyTorch's numbers). Pass it as `{ generator }`. No `device`
 * argument.
 */
export class Generator {
  /** @internal the seed as PyTorch stores it: an unsigned 64-bit integer; null: drawn nondeterministically on first use */
  _seed: bigint | null;
  /** @internal the state while not resident; null: fresh from _seed */
  _state: Uint8Array | null = null;

  constructor(seed?: Seed) {
    this._seed = seed === undefined ? DEFAULT_SEED : toSeed(seed, "Generator");
  }

  /** Re-seeds this generator and returns it (generator.manual_seed). */
  manualSeed(seed: Seed): this {
    this._seed = toSeed(seed, "manualSeed");
    this._state = null;
    if (resident?.gen === this) resident = null;
    return this;
  }

  /** Seeds from a nondeterministic source and returns the seed (generator.seed()). */
  seed(): number {
    const s = nondeterministicSeed();
    this.manualSeed(s);
    return s;
  }

  /** The seed last set (generator.initial_seed()): a number when exact, else a bigint. */
  initialSeed(): number | bigint {
    const seed = this._seedValue();
    return seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed;
  }

  /**
   * A copy of the state (torchlet's layout: mt19937's 624 words, its
   * position and the cached normal sample; not PyTorch's 5056-byte layout).
   */
  getState(): Uint8Array {
    const ptr = this._acquire();
    return abi.heapU8().slice(ptr, ptr + stateBytes());
  }

  /** Restores a state returned by getState(). */
  setState(state: Uint8Array): this {
    if (!(state instanceof Uint8Array) || state.length !== stateBytes()) {
      throw new TypeError(
        `setState(): expected a Uint8Array of ${stateBytes()} bytes from getState(), but got ${state instanceof Uint8Array ? `a Uint8Array of ${state.length} bytes` : kindOf(state)}`,
      );
    }
    this._state = state.slice();
    if (resident?.gen === this) resident = null;
    return this;
  }

  /** @internal the seed, drawn now if it was left to first use */
  _seedValue(): bigint {
    return (this._seed ??= BigInt(nondeterministicSeed()));
  }

  /** @internal Makes this generator resident and returns the address of its state in wasm memory. */
  _acquire(): number {
    const r = abi.runtime();
    if (resident !== null && resident.gen === this && resident.generation === r.generation) return resident.ptr;
    if (resident !== null) {
      // Save the previous owner's state, from whichever memory it was in (an earlier runtime's memory is still readable).
      const { gen, memory, ptr } = resident;
      gen._state = new Uint8Array(memory.buffer, ptr, stateBytes()).slice();
      resident = null;
    }
    const ex = r.exports as unknown as GeneratorExports;
    const ptr = ex.generator_default();
    if (this._state === null) ex.generator_seed(ptr, Number(this._seedValue() & 0xffffffffn));
    else abi.heapU8().set(this._state, ptr);
    resident = { gen: this, memory: r.memory, ptr, generation: r.generation };
    return ptr;
  }

  /** What Python prints for a generator, "<torch.Generator object>". */
  toString(): string {
    return "<torch.Generator object>";
  }
}

interface GeneratorExports {
  generator_default(): number;
  generator_bytes(): number;
  generator_seed(g: number, seed: number): void;
  generator_random(g: number): number;
}

let cachedStateBytes = 0;
function stateBytes(): number {
  if (cachedStateBytes === 0)
    cachedStateBytes = (abi.runtime().exports as unknown as GeneratorExports).generator_bytes();
  return cachedStateBytes;
}

/**
 * A seed as torch.manual_seed takes it: an integer in [-2^63, 2^64), negative
 * ones read as their two's complement. Only the low 32 bits seed mt19937.
 */
function toSeed(seed: unknown, fn: string): bigint {
  let s: bigint;
  if (typeof seed === "bigint") s = seed;
  else if (typeof seed === "number" && Number.isInteger(seed)) s = BigInt(seed);
  else
    throw new TypeError(
      `${fn}(): seed must be an integer (a number or a bigint), but got ${typeof seed === "number" ? seed : typeof seed}`,
    );
  if (s < -(1n << 63n) || s >= U64) throw new RangeError("Overflow when unpacking long");
  return s < 0n ? s + U64 : s;
}

function nondeterministicSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?<T extends Uint32Array>(a: T): T } }).crypto;
  const w = new Uint32Array(2);
  if (c?.getRandomValues) c.getRandomValues(w);
  else {
    w[0] = Math.floor(Math.random() * 2 ** 32);
    w[1] = (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) >>> 0;
  }
  return (w[0]! & 0x1fffff) * 2 ** 32 + w[1]!;
}

/**
 * torch.default_generator: what random ops use unless given `{ generator }`.
 * Its nondeterministic seed is drawn on first use, not at import: workerd
 * forbids generating random values at a module's top level.
 */
export const defaultGenerator = new Generator();
defaultGenerator._seed = null;

/** Seeds the default generator (torch.manual_seed) and returns it. */
export function manualSeed(seed: Seed): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** Seeds the default generator nondeterministically and returns the seed (torch.seed). */
export function seed(): number {
  return defaultGenerator.seed();
}

/** The default generator's seed (torch.initial_seed). */
export function initialSeed(): number | bigint {
  return defaultGenerator.initialSeed();
}

/** A copy of the default generator's state (torch.get_rng_state, as bytes in torchlet's layout). */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state (torch.set_rng_state). */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}

/** The generator an op draws from: `gen` when given, else the default one (checked). */
export function pickGenerator(gen: unknown, fn: string): Generator {
  if (gen === undefined || gen === null) return defaultGenerator;
  if (!(gen instanceof Generator))
    throw new TypeError(`${fn}(): generator must be a torch.Generator, but got ${kindOf(gen)}`);
  return gen;
}
