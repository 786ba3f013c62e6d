// The README's and docs/training.md's examples as a user types them
// (test/consumer.test.ts type-checks this file; it is not run).
import * as torch from "torchlet";

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
  const x = torch.randn(8, 3), y = torch.randn(8, 1);
  for (let step = 0; step < 1000; step++) torch.tidy(() => {
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
