// Run by finalization.test.ts as `node --expose-gc finalization-child.mjs <bundle.mjs>`:
// the bundle is src/index.ts (plus abi's runtime, for the allocator's own
// counters) built by esbuild. Tensors are dropped without dispose(), then
// gc() runs until the FinalizationRegistry has nothing left to reclaim.
// Prints one line of JSON: memory() and heap checks at each stage.

if (typeof globalThis.gc !== "function") throw new Error("run me with node --expose-gc");

const torch = await import(process.argv[2]);
await torch.init();
const ex = () => torch.runtime().exports;

const snap = () => {
  const m = torch.memory();
  return { tensors: m.tensors, bytesInUse: m.bytesInUse, blocks: ex().liveBlockCount(), heap: ex().checkHeap() };
};

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** gc() and a few macrotasks (cleanup callbacks run as tasks) until the count stops falling; bounded by rounds, not time. */
async function collect() {
  let last = Infinity,
    rounds = 0,
    still = 0;
  while (rounds < 200 && still < 3) {
    globalThis.gc();
    for (let i = 0; i < 3; i++) await macrotask();
    const now = torch.memory().tensors;
    still = now < last ? 0 : still + 1;
    last = now;
    rounds++;
  }
  return rounds;
}

/** Makes about `n` handles of every kind and drops them; returns how many were live at the peak. */
function makeGarbage(n) {
  let peak = 0;
  const w = torch.randn([8, 8], { requiresGrad: true, dtype: "float64" });
  for (let i = 0; i < n / 10; i++) {
    const a = torch.randn(4, 8);
    const b = a.t(); // a view: shares a's storage
    const c = b.reshape(-1).narrow(0, 2, 8); // views of a view
    const d = a.add(1).mul(c.sum()); // plain results
    const e = torch.ones(3, 1).expand(3, 5);
    // A graph: saved tensors held by nodes, released when the output handle goes.
    const x = torch.randn([8, 8], { dtype: "float64" });
    const y = x.matmul(w).tanh().exp().mean();
    const z = w.mul(x).sigmoid();
    if (i === 0) peak = torch.memory().tensors;
    void [b, d, e, y, z];
  }
  // A graph that was backwarded and left: w.grad is owned by w and is freed with w.
  const loss = w.sin().pow(2).sum();
  loss.backward();
  return { peak };
}

const out = {};
out.start = snap();
const { peak } = makeGarbage(1000);
out.madeSeveral = peak - out.start.tensors;
out.beforeGc = snap();
out.roundsDropped = await collect();
out.afterDropped = snap();

// Explicit dispose, then dropped: the registry must not free the block a second time.
{
  const kept = [];
  for (let i = 0; i < 200; i++) {
    const t = torch.randn(16);
    const v = t.view(4, 4);
    t.dispose();
    t.dispose(); // double dispose is harmless
    kept.push(v); // the view keeps the storage alive
  }
  out.viewsAlive = snap();
  for (const v of kept) v.dispose();
  kept.length = 0;
}
{
  // Disposed handles reach the collector after their blocks were reused by new tensors.
  for (let i = 0; i < 200; i++) torch.ones(8).dispose();
  const reuse = [];
  for (let i = 0; i < 200; i++) reuse.push(torch.zeros(8));
  out.reuseLive = snap();
  out.roundsDisposed = await collect();
  out.afterDisposed = snap();
  out.reuseIntact = reuse.every((t) => !t.isDisposed && t.sum().item() === 0);
  for (const t of reuse) t.dispose();
}
// A tensor made in tidy and returned escapes to the registry; dropped, it is reclaimed.
{
  for (let i = 0; i < 100; i++) torch.tidy(() => torch.ones(5).mul(2));
  out.roundsEscaped = await collect();
  out.afterEscaped = snap();
}
out.end = snap();
process.stdout.write(JSON.stringify(out) + "\n");
