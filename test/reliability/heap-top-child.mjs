// Run by oom.test.ts as `node heap-top-child.mjs <bundle.mjs> [maxMemory]`:
// the bundle is src/index.ts (plus abi's runtime) built by esbuild. Fills
// wasm memory to the allocator's real top (or the budget) with blocks of
// shrinking size until not even 64 KiB fits, checks every failure and what
// lives below, frees everything and does it again. Blocks are torch.empty,
// so the pages are never touched and stay virtual.
// Prints one line of JSON; the assertions are in oom.test.ts.

const torch = await import(process.argv[2]);
const maxMemory = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
await torch.init(maxMemory === undefined ? {} : { maxMemory });
const ex = () => torch.runtime().exports;
const GiB = 2 ** 30,
  MiB = 2 ** 20;

/**
 * Allocates float32 blocks of 256 MiB, then 16 MiB, 1 MiB, 64 KiB, until each
 * size fails; returns them and every error. Each size fits at most 16 times
 * in what the one before left, so 100 successes mean allocation never fails.
 */
function fill() {
  const blocks = [];
  const errors = [];
  for (const bytes of [256 * MiB, 16 * MiB, MiB, 64 * 1024]) {
    for (let i = 0; ; i++) {
      if (i === 100) {
        errors.push({ type: "none", message: `${bytes} bytes never failed` });
        break;
      }
      try {
        blocks.push(torch.empty(bytes / 4));
      } catch (e) {
        errors.push({ type: e.constructor.name, message: e.message });
        break;
      }
    }
  }
  return { blocks, errors };
}

const sumOf = (t) => torch.tidy(() => t.sum().item());

function round() {
  const sentinel = torch.arange(1000, { dtype: "float32" }); // at the bottom of the heap
  const { blocks, errors } = fill();
  const wasmBytes = torch.memory().wasmBytes;
  const top = Math.max(...blocks.map((b) => b._addr() + b.numel() * 4));
  // The last 64 KiB blocks sit at the top of the heap, above 2^31: kernels must address them right.
  const high = blocks.slice(-3);
  high.forEach((b, i) => b.fill_(i + 1));
  const highSums = high.map(sumOf);
  const highAddrs = high.map((b) => b._addr());
  // A window of 2048 values crossing the address 2^31, inside whichever block holds it.
  const straddle = blocks.find((b) => b._addr() < 2 ** 31 - 4096 && b._addr() + b.numel() * 4 > 2 ** 31 + 4096);
  let straddleSum = null;
  if (straddle) {
    const w = straddle.narrow(0, (2 ** 31 - straddle._addr()) / 4 - 1024, 2048);
    w.fill_(1);
    straddleSum = sumOf(w);
    w.dispose();
  }
  const sentinelSum = sumOf(sentinel);
  const heapOk = ex().checkHeap();
  // Nothing more fits, yet a small op that needs memory fails cleanly too.
  let smallOp = null;
  try {
    sumOf(torch.ones(1024 * 1024));
  } catch (e) {
    smallOp = { type: e.constructor.name, message: e.message };
  }
  torch.dispose(blocks);
  sentinel.dispose();
  const afterFree = { tensors: torch.memory().tensors, bytesInUse: torch.memory().bytesInUse, heap: ex().checkHeap() };
  // The library works again: a large allocation reuses the freed space.
  const again = torch.ones(GiB / 8, { dtype: "float64" });
  const againSum = sumOf(again);
  again.dispose();
  return {
    count: blocks.length,
    errors,
    wasmBytes,
    top,
    highSums,
    highAddrs,
    straddleSum,
    sentinelSum,
    heapOk,
    smallOp,
    afterFree,
    againSum,
  };
}

const start = { tensors: torch.memory().tensors, bytesInUse: torch.memory().bytesInUse };
const first = round();
const second = round();
console.log(JSON.stringify({ start, first, second, maxMemory: torch.backendInfo().maxMemory }));
