// The README's and docs/training.md's examples as a user types them
// (test/consumer.test.ts type-checks this file; it is not run).
import * as torch from "torchlet";
import * as lean from "torchlet/lean";

// README: the first program
await torch.init();
const x = torch.ones(2, 2, { requiresGrad: true });
const y = x.add(2);
const out = y.mul(y).mul(3).mean();
console.log(String(out));
out.backward();
console.log(String(x.grad));

// README: a training loop, each step in tidy
{
  const model = new torch.nn.Linear(3, 1);
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.1 });
  const x = torch.randn(8, 3),
    y = torch.randn(8, 1);
  for (let step = 0; step < 1000; step++)
    torch.tidy(() => {
      optimizer.zeroGrad();
      const loss = model.forward(x).sub(y).square().mean();
      loss.backward();
      optimizer.step();
    });
  torch.setLeakCheck(false);
}

// README: `using`, written for engines without it
const r = torch.randn(3);
try {
  console.log(String(r));
} finally {
  r.dispose();
}
const total: number = torch.tidy(() => torch.randn(3).exp().sum().item());

// README: runtimes and threads
await torch.init({ threads: 2 });
const info: torch.BackendInfo = torch.backendInfo();
console.log(info.simd, info.threads, total);

// README: bundle size, torchlet/lean with the .wasm passed in
await lean.init({ wasm: fetch("/torchlet.wasm") });

// docs/training.md: a training loop whose losses are numbers
const { nn } = torch;
const F = nn.functional;
torch.manualSeed(0);
const model = new nn.Sequential(new nn.Linear(64, 32), new nn.ReLU(), new nn.Linear(32, 10));
const opt = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
const batches: [torch.Tensor, torch.Tensor][] = [[torch.randn(8, 64), torch.randint(0, 10, [8])]];
const losses: number[] = [];
for (const [bx, by] of batches) {
  const lossValue = torch.tidy(() => {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.call(bx), by);
    loss.backward();
    opt.step();
    return loss.item();
  });
  losses.push(lossValue);
  losses.push(F.mseLoss(bx, bx).item());
}
model.eval();
const logits: torch.Tensor = torch.tidy(() => torch.noGrad(() => model.call(batches[0]![0])));
const hits: number = logits.argmax(1).eq(batches[0]![1]).sum().item();
const correct: boolean = logits.argmax(1).eq(batches[0]![1]).sum().ge(8).item();
const alsoCorrect = torch.tensor(true).item<boolean>();
console.log(losses, hits, correct && alsoCorrect);

// docs/training.md: a module
class MLP extends nn.Module {
  fc1 = new nn.Linear(8, 16);
  fc2 = new nn.Linear(16, 3);
  override forward(input: torch.Tensor): torch.Tensor {
    return this.fc2.call(F.relu(this.fc1.call(input)));
  }
}
const mlp = new MLP();
const bytes: Uint8Array = torch.save(mlp.stateDict());
mlp.loadStateDict(torch.load(bytes));

// README: a picture of the graph
{
  const model = new nn.Linear(3, 1);
  const loss = model.call(torch.ones(2, 3)).sum();
  const dot: string = torch.autograd.toDot(loss, { params: model.namedParameters() });
  // The shape of @viz-js/viz's instance() (a devDependency, not installed with the tarball).
  const viz: { renderString(input: string, options?: { format?: string }): string } = { renderString: () => "" };
  const svg: string = torch.autograd.toSvg(loss, { viz, params: model.namedParameters(), showSaved: true });
  console.log(dot, svg);
}

// Types: a module's call and forward are typed by its forward, never any
{
  const lin = new nn.Linear(2, 3);
  const t: torch.Tensor = lin.call(torch.ones(1, 2));
  const f: torch.Tensor = lin.forward(torch.ones(1, 2));
  const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
  const first: torch.nn.Linear | torch.nn.ReLU = seq.get(0);
  const viaAt: torch.Tensor = seq.at(0).call(t);
  const viaIndex: torch.Tensor = seq[1]!.call(t);
  for (const m of seq) {
    const each: torch.Tensor = m.call(t);
    console.log(each);
  }
  const plain: torch.nn.Sequential = seq.slice(0, 1);
  const anyModule: torch.nn.Module = plain.get(0);
  const out: torch.Tensor = anyModule.call(t);
  // @ts-expect-error a Linear's call takes a tensor
  lin.call("x");
  // @ts-expect-error a module's result is a tensor, not a string
  const notString: string = seq.call(t);
  // A forward with two inputs and a pair as its result says so.
  class Pair extends nn.Module<[torch.Tensor, torch.Tensor?], [torch.Tensor, torch.Tensor | null]> {
    override forward(x: torch.Tensor, y?: torch.Tensor): [torch.Tensor, torch.Tensor | null] {
      return [x, y ?? null];
    }
  }
  const [p0, p1] = new Pair().call(t);
  const loss: torch.Tensor = new nn.MSELoss().call(t, t);
  console.log(first, f, viaAt, viaIndex, out, notString, p0, p1, loss);
}

// Types: wrong programs do not type-check
{
  const t = torch.ones(2, 3);
  // @ts-expect-error options come last, after the sizes
  torch.zeros({ dtype: "float64" }, 2);
  const z: torch.Tensor = torch.zeros([2, 3], { dtype: "float64" });
  // @ts-expect-error a string is not tensor data
  torch.tensor("1");
  const d: torch.Tensor = torch.tensor([
    [1, 2],
    [3, 4],
  ]);
  const b: torch.Tensor = torch.tensor([true, false]);
  const ta: torch.Tensor = torch.tensor([new Float32Array(2), new Float32Array(2)]);
  // @ts-expect-error dim is a number or a list of numbers
  torch.amax(t, "0");
  const a: torch.Tensor = torch.amax(t, 1, true);
  const a2: torch.Tensor = torch.amax(t, { dim: [0, 1], keepdim: true });
  const s: torch.Tensor = t.sum(1, { keepdim: true, dtype: "float64" });
  // @ts-expect-error argmax takes one dim, not a list
  t.argmax([0, 1]);
  console.log(z, d, b, ta, a, a2, s);
}
{
  const t = torch.ones(2, 3);
  // @ts-expect-error options are an object, not a number
  t.amax(0, true, 5);
  // @ts-expect-error nor an array
  torch.sum(t, [0], [1]);
}

// docs/porting-from-pytorch.md: optional arguments as options, typed forwards
{
  const w = torch.empty(3, 4);
  const x = torch.randn(2, 3, { requiresGrad: true });
  const c: torch.Tensor = x.clamp({ max: 1 });
  nn.init.normal_(w, { std: 0.02 });
  const flat: torch.Tensor = torch.ones(2, 3, 4).flatten({ startDim: 1 });
  const [g] = torch.autograd.grad(x.mul(x).sum(), x, { createGraph: true });
  class Gpt extends nn.Module<[torch.Tensor, torch.Tensor?], [torch.Tensor, torch.Tensor | null]> {
    head = new nn.Linear(4, 8);
    override forward(idx: torch.Tensor, targets?: torch.Tensor): [torch.Tensor, torch.Tensor | null] {
      const logits = this.head.call(idx);
      return [logits, targets === undefined ? null : F.crossEntropy(logits, targets)];
    }
  }
  const [logits, noLoss] = new Gpt().call(torch.randn(2, 4));
  console.log(c, flat, g, logits, noLoss);
}
{
  // Any module, whatever its forward: what hooks receive.
  const modules: torch.nn.AnyModule[] = [new nn.Linear(1, 1), new nn.MSELoss()];
  const handle = new nn.Linear(1, 1).registerForwardHook((m: torch.nn.AnyModule) => console.log(String(m)));
  handle.remove();
  console.log(modules.length);
}
