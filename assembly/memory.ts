// torchlet's allocator: every tensor's storage lives in blocks handed out here.
//
// Layout of a block (all sizes are multiples of 16, so payloads stay 16-byte
// aligned for v128 loads):
//
//   header (16 bytes)                     payload (size bytes)
//   [size u32][prevSize u32][flags u32][check u32][ ... ]
//
// `prevSize` is the payload size of the block physically before this one
// (0 for the first block), so freeing can merge with both neighbours
// (boundary tags). `check` is a hash of the other three words: a pointer that
// does not sit right after a well-formed header is reported as foreign instead
// of corrupting the heap. Free blocks keep their free-list links in the first
// 8 payload bytes.
//
// Free blocks are kept in segregated lists by size class (TLSF-style: 16
// linear classes of 16 bytes below 256, then 4 classes per power of two), and
// a 128-bit bitmap finds the first non-empty class in O(1). When nothing fits,
// memory.grow extends the heap (geometrically) and the new space is merged
// with a free tail.
//
// The heap ends at HEAP_TOP at most, 64 KiB below 2^32: every address and
// every end `ptr + bytes` (also a kernel's end pointer plus a vector's look-
// ahead) then fits in 32 bits, where the end of a block that reached 2^32
// would wrap to 0. So the last wasm32 page is never used.

const HEADER: usize = 16;
const MIN_PAYLOAD: u32 = 16;
const USED: u32 = 1;
const SALT: u32 = 0x7a11e75d;
const LINEAR_CLASSES: u32 = 16; // payloads 16..255 in steps of 16
const SUB_BITS: u32 = 2; // 4 classes per power of two above 256
const NUM_CLASSES: u32 = 128;
const HEAP_TOP: u64 = 0xffff0000; // 2^32 - 64 KiB

/** Free-list heads, one u32 per class. */
const heads: usize = memory.data(NUM_CLASSES * 4, 16);
/** Bitmap of non-empty classes: four u32 words. */
const bitmap: usize = memory.data(16, 16);

let heapStart: usize = 0;
let heapEnd: usize = 0;
let lastBlock: usize = 0; // header address of the physically last block, 0 if none
let inUse: u64 = 0;
/** The most pages grow() may reach: init({ maxMemory }) lowers it (the binary's own maximum otherwise). */
let maxPages: i32 = 65536;
let peak: u64 = 0;
let liveBlocks: u32 = 0;

// ---- header accessors -----------------------------------------------------

@inline function sizeOf(h: usize): u32 {
  return load<u32>(h, 0);
}


@inline function prevSizeOf(h: usize): u32 {
  return load<u32>(h, 4);
}


@inline function flagsOf(h: usize): u32 {
  return load<u32>(h, 8);
}


@inline function checksum(size: u32, prev: u32, flags: u32): u32 {
  let x = size ^ rotl<u32>(prev, 11) ^ rotl<u32>(flags, 23) ^ SALT;
  x ^= x >> 16;
  x *= 0x45d9f3b;
  x ^= x >> 16;
  return x;
}


@inline function writeHeader(h: usize, size: u32, prev: u32, flags: u32): void {
  store<u32>(h, size, 0);
  store<u32>(h, prev, 4);
  store<u32>(h, flags, 8);
  store<u32>(h, checksum(size, prev, flags), 12);
}


@inline function setPrevSize(h: usize, prev: u32): void {
  writeHeader(h, sizeOf(h), prev, flagsOf(h));
}


@inline function headerOk(h: usize): bool {
  return load<u32>(h, 12) == checksum(sizeOf(h), prevSizeOf(h), flagsOf(h));
}


@inline function nextOf(h: usize): usize {
  let n = h + HEADER + <usize>sizeOf(h);
  return n < heapEnd ? n : 0;
}

// ---- size classes ---------------------------------------------------------

/** The class a block of exactly `size` bytes is filed under (rounding down). */
function classOf(size: u32): u32 {
  if (size < LINEAR_CLASSES << 4) return size >> 4;
  let fl = 31 - clz<u32>(size); // >= 8
  let sl = (size >> (fl - SUB_BITS)) & ((1 << SUB_BITS) - 1);
  let c = LINEAR_CLASSES + ((fl - 8) << SUB_BITS) + sl;
  return c < NUM_CLASSES ? c : NUM_CLASSES - 1;
}

/** The first class whose every block holds at least `size` bytes (rounding up). */
function searchClassOf(size: u32): u32 {
  if (size < LINEAR_CLASSES << 4) return size >> 4;
  let fl = 31 - clz<u32>(size);
  let round: u32 = (1 << (fl - SUB_BITS)) - 1;
  if (size > 0xffffffff - round) return NUM_CLASSES; // too large for any class
  return classOf(size + round);
}


@inline function setBit(c: u32): void {
  let w = bitmap + (((<usize>c) >> 5) << 2);
  store<u32>(w, load<u32>(w) | (1 << (c & 31)));
}


@inline function clearBit(c: u32): void {
  let w = bitmap + (((<usize>c) >> 5) << 2);
  store<u32>(w, load<u32>(w) & ~(1 << (c & 31)));
}

/** First non-empty class >= c, or NUM_CLASSES. */
function findClass(c: u32): u32 {
  for (let word = c >> 5; word < NUM_CLASSES >> 5; word++) {
    let bits = load<u32>(bitmap + ((<usize>word) << 2));
    if (word == c >> 5) bits &= ~0 << (c & 31);
    if (bits != 0) return (word << 5) + ctz<u32>(bits);
  }
  return NUM_CLASSES;
}

// ---- free lists (links live in the payload of free blocks) -----------------

@inline function linkNext(h: usize): usize {
  return <usize>load<u32>(h, 16);
}


@inline function linkPrev(h: usize): usize {
  return <usize>load<u32>(h, 20);
}

function pushFree(h: usize): void {
  let c = classOf(sizeOf(h));
  let slot = heads + ((<usize>c) << 2);
  let first = <usize>load<u32>(slot);
  store<u32>(h, <u32>first, 16);
  store<u32>(h, 0, 20);
  if (first) store<u32>(first, <u32>h, 20);
  store<u32>(slot, <u32>h);
  setBit(c);
}

function unlinkFree(h: usize): void {
  let c = classOf(sizeOf(h));
  let next = linkNext(h);
  let prev = linkPrev(h);
  if (prev) store<u32>(prev, <u32>next, 16);
  else {
    store<u32>(heads + ((<usize>c) << 2), <u32>next);
    if (!next) clearBit(c);
  }
  if (next) store<u32>(next, <u32>prev, 20);
}

// ---- growing --------------------------------------------------------------

function init(): void {
  heapStart = (__heap_base + 15) & ~15;
  heapEnd = heapStart;
}

/** Adds at least `payload` bytes of free space at the end of the heap. */
function grow(payload: u32): bool {
  // Reuse a free tail block: only the difference has to come from the host.
  // Sums are in 64 bits: near the top they pass 2^32 before being refused.
  let tail = lastBlock != 0 && (flagsOf(lastBlock) & USED) == 0 ? lastBlock : 0;
  let have: i64 = tail ? <i64>sizeOf(tail) + HEADER : 0;
  let need: i64 = <i64>payload + HEADER - have;
  if (<i64>heapEnd + need > <i64>HEAP_TOP) return false;
  let bytes: i64 = (<i64>memory.size()) << 16;
  let missing: i64 = <i64>heapEnd + need - bytes;
  if (missing > 0) {
    let pages = <i32>((missing + 0xffff) >> 16);
    let size = memory.size();
    if (<i64>size + <i64>pages > <i64>maxPages) return false;
    // Grow by at least an eighth of the memory: each memory.grow makes the
    // host detach the buffer and account the whole memory again, and V8
    // often answers with a full GC, as slow as the JS heap is large (388 in
    // 2,000 steps of a leaking loop growing page by page, 14 this way).
    // Under a budget, or when the host refuses the larger step, only what
    // is needed.
    // Never past HEAP_TOP's page either: the heap would not use it.
    let top = min<i32>(maxPages, <i32>(HEAP_TOP >> 16));
    let ahead = max<i32>(pages, size >> 3);
    if (<i64>size + <i64>ahead > <i64>top) ahead = max<i32>(top - size, pages);
    if (memory.grow(ahead) < 0 && (ahead == pages || memory.grow(pages) < 0)) return false;
  }
  let newEnd = <usize>min<u64>((<u64>memory.size()) << 16, HEAP_TOP);
  if (tail) {
    unlinkFree(tail);
    writeHeader(tail, <u32>(newEnd - tail - HEADER), prevSizeOf(tail), 0);
    pushFree(tail);
  } else {
    let h = heapEnd;
    writeHeader(h, <u32>(newEnd - h - HEADER), lastBlock ? sizeOf(lastBlock) : 0, 0);
    pushFree(h);
    lastBlock = h;
  }
  heapEnd = newEnd;
  return true;
}

/** A free block of at least `size` bytes in the class `size` falls in (the first few of its list), or 0. */
function fitBelow(size: u32): usize {
  let c = classOf(size);
  let h = <usize>load<u32>(heads + ((<usize>c) << 2));
  for (let i = 0; h != 0 && i < 64; i++) {
    if (sizeOf(h) >= size) return h;
    h = linkNext(h);
  }
  return 0;
}

// ---- the public interface -------------------------------------------------

/** Returns a 16-byte aligned pointer to at least `bytes` bytes, or 0 when memory cannot grow. */
export function alloc(bytes: usize): usize {
  if (heapStart == 0) init();
  // Refused before rounding up to 16, which would wrap near 2^32.
  if (<u64>bytes > HEAP_TOP - HEADER) return 0;
  let size = max<u32>(MIN_PAYLOAD, (<u32>bytes + 15) & ~15);
  // No class holds only blocks above 3.5 GiB: such requests are refused.
  let c = searchClassOf(size);
  if (c >= NUM_CLASSES) return 0;
  let h: usize = 0;
  let found = findClass(c);
  if (found < NUM_CLASSES) h = <usize>load<u32>(heads + ((<usize>found) << 2));
  else {
    // The search rounds up to a class whose every block fits, so a free block
    // of the class below (a freed region just larger than the request) is
    // missed: look there before growing. Then grow only by what `size` needs
    // and take the free tail that holds it (under a memory budget, rounding
    // up to a class boundary could fail an allocation that fits).
    h = fitBelow(size);
    if (!h) {
      if (!grow(size)) return 0;
      h = lastBlock;
    }
  }
  unlinkFree(h);
  let total = sizeOf(h);
  let rest = total - size;
  if (rest >= <u32>HEADER + MIN_PAYLOAD) {
    // Split: the remainder becomes a free block right after this one.
    let r = h + HEADER + <usize>size;
    writeHeader(r, rest - <u32>HEADER, size, 0);
    let after = nextOf(r);
    if (after) setPrevSize(after, rest - <u32>HEADER);
    else lastBlock = r;
    pushFree(r);
    total = size;
  }
  writeHeader(h, total, prevSizeOf(h), USED);
  inUse += total;
  if (inUse > peak) peak = inUse;
  liveBlocks++;
  return h + HEADER;
}

/** Error codes of `free`: the JS side turns them into loud errors. */
export const FREE_OK: i32 = 0;
export const FREE_DOUBLE: i32 = 1;
export const FREE_FOREIGN: i32 = 2;

/** Returns a block to the heap. Detects double frees and pointers it never handed out. */
export function free(ptr: usize): i32 {
  if (ptr & 15 || ptr < heapStart + HEADER || ptr >= heapEnd) return FREE_FOREIGN;
  let h = ptr - HEADER;
  if (!headerOk(h)) return FREE_FOREIGN;
  let flags = flagsOf(h);
  if ((flags & USED) == 0) return FREE_DOUBLE;
  let size = sizeOf(h);
  inUse -= size;
  liveBlocks--;
  // Merge with the following block.
  let next = nextOf(h);
  if (next && (flagsOf(next) & USED) == 0) {
    unlinkFree(next);
    size += <u32>HEADER + sizeOf(next);
    if (next == lastBlock) lastBlock = h;
    // The merged-away header must not look valid any more.
    store<u32>(next, 0, 12);
  }
  // Merge with the preceding block.
  let prevSize = prevSizeOf(h);
  if (h > heapStart) {
    let prev = h - HEADER - <usize>prevSize;
    if ((flagsOf(prev) & USED) == 0) {
      unlinkFree(prev);
      size += <u32>HEADER + prevSize;
      if (h == lastBlock) lastBlock = prev;
      store<u32>(h, 0, 12);
      h = prev;
      prevSize = prevSizeOf(prev);
    }
  }
  writeHeader(h, size, prevSize, 0);
  let after = nextOf(h);
  if (after) setPrevSize(after, size);
  pushFree(h);
  return FREE_OK;
}

/** The payload size of a live block (what it really occupies), 0 if `ptr` is not one. */
export function blockSize(ptr: usize): u32 {
  if (ptr & 15 || ptr < heapStart + HEADER || ptr >= heapEnd) return 0;
  let h = ptr - HEADER;
  if (!headerOk(h) || (flagsOf(h) & USED) == 0) return 0;
  return sizeOf(h);
}

/** Caps the memory the heap may grow to, in 64 KiB pages (init({ maxMemory })); returns the cap. */
export function setMemoryLimit(pages: i32): i32 {
  maxPages = pages < 0 ? 0 : pages > 65536 ? 65536 : pages;
  return maxPages;
}
/** The cap in bytes. */
export function memoryLimit(): f64 {
  return <f64>maxPages * 65536;
}

export function bytesInUse(): f64 {
  return <f64>inUse;
}
export function peakBytes(): f64 {
  return <f64>peak;
}
export function resetPeak(): void {
  peak = inUse;
}
export function liveBlockCount(): u32 {
  return liveBlocks;
}
export function heapBytes(): f64 {
  return <f64>(heapEnd - heapStart);
}

/**
 * Walks every block and checks the invariants (headers valid, sizes chain,
 * free blocks are listed, no two free neighbours). Returns the number of
 * blocks, or -1 at the first violation. For tests; O(heap).
 */
export function checkHeap(): i32 {
  if (heapStart == 0) return 0;
  let h = heapStart;
  let prevSize: u32 = 0;
  let prevFree = false;
  let count = 0;
  while (h < heapEnd) {
    if (!headerOk(h) || prevSizeOf(h) != prevSize) return -1;
    let free = (flagsOf(h) & USED) == 0;
    if (free && prevFree) return -1;
    prevFree = free;
    prevSize = sizeOf(h);
    h += HEADER + <usize>prevSize;
    count++;
  }
  if (h != heapEnd) return -1;
  return count;
}
