// The threaded flavour of a binary, made from its bytes at init(): the same
// module with its memory imported as a shared `env.memory` instead of
// defined, so the calling thread and every worker instantiate the same code
// over one memory. Nothing else changes (no atomics are needed in the
// kernels: threads are dispatched by JS Atomics on a control block), so
// results with threads are those of the one-thread binary, the bundle
// carries no third and fourth binary, and `init({ wasm })` bytes, URLs and
// Responses get threads too.
//
// Active data segments are re-applied by every instantiation; they hold only
// constant tables (AssemblyScript drops zero-filled statics from a module
// that defines its memory), and workers instantiate before the calling
// thread allocates anything (pool.ts).

/** The limits of the memory the threaded module imports (WebAssembly pages of 64 KiB). */
export interface SharedLimits {
  initial: number;
  maximum: number;
}

const MEMORY_SECTION = 5;
const IMPORT_SECTION = 2;
/** Shared memories must declare a maximum; the binaries' own is 65536 pages (4 GiB). */
const DEFAULT_MAXIMUM = 65536;

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new Error("unexpected end of the binary");
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0,
      shift = 0,
      byte: number;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  name(): string {
    const n = this.u32();
    const s = String.fromCharCode(...this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

const nameBytes = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/**
 * Rewrites a module that defines one memory into one that imports it as a
 * shared `env.memory` with the same limits. Throws when the binary is not
 * such a module (a memory already imported, several memories, memory64).
 */
export function sharedMemoryModule(bytes: Uint8Array): { bytes: Uint8Array<ArrayBuffer>; limits: SharedLimits } {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error("not a WebAssembly binary");
  }
  const r = new Reader(bytes);
  r.pos = 8;
  const sections: { id: number; start: number; end: number; body: number }[] = [];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, start, end: r.pos + size, body: r.pos });
    r.pos += size;
  }
  const mem = sections.find((s) => s.id === MEMORY_SECTION);
  if (!mem) throw new Error("the binary defines no memory");
  r.pos = mem.body;
  if (r.u32() !== 1) throw new Error("the binary defines several memories");
  const flags = r.byte();
  if (flags & ~1) throw new Error(`unsupported memory limits (flags ${flags})`);
  const initial = r.u32();
  const maximum = flags & 1 ? r.u32() : DEFAULT_MAXIMUM;
  const entry = [...nameBytes("env"), ...nameBytes("memory"), 0x02, 0x03, ...leb(initial), ...leb(maximum)];

  const imp = sections.find((s) => s.id === IMPORT_SECTION);
  let importSection: number[];
  if (imp) {
    r.pos = imp.body;
    const count = r.u32();
    const entriesStart = r.pos;
    for (let i = 0; i < count; i++) {
      r.name();
      r.name();
      const kind = r.byte();
      if (kind === 0x02) throw new Error("the binary imports a memory already");
      if (kind === 0x00)
        r.u32(); // function: type index
      else if (kind === 0x01) {
        // table: reftype, limits
        r.byte();
        if (r.byte() & 1) r.u32();
        r.u32();
      } else if (kind === 0x03) {
        // global: valtype, mutability
        r.byte();
        r.byte();
      } else throw new Error(`unknown import kind ${kind}`);
    }
    const body = [...leb(count + 1), ...bytes.subarray(entriesStart, imp.end), ...entry];
    importSection = [IMPORT_SECTION, ...leb(body.length), ...body];
  } else {
    const body = [1, ...entry];
    importSection = [IMPORT_SECTION, ...leb(body.length), ...body];
  }

  // Sections in order: the import section where it was (or right after the
  // type section, id 1), the memory section dropped.
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let placed = false;
  for (const s of sections) {
    if (!placed && (s.id === IMPORT_SECTION || (!imp && s.id !== 0 && s.id > 1))) {
      parts.push(Uint8Array.from(importSection));
      placed = true;
    }
    if (s.id === IMPORT_SECTION || s.id === MEMORY_SECTION) continue;
    parts.push(bytes.subarray(s.start, s.end));
  }
  if (!placed) parts.push(Uint8Array.from(importSection));
  const out = new Uint8Array(new ArrayBuffer(parts.reduce((n, p) => n + p.length, 0)));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, limits: { initial, maximum } };
}
