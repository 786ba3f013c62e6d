// The digits classifier: a 64 -> 128 -> ReLU -> 10 MLP trained with Adam on
// shuffled minibatches and cross-entropy, as one writes it in PyTorch. Shared
// by `npm run train` (train.mjs), the web demo's worker (examples/web) and
// test/train.test.ts; each passes its torchlet in (the built package, or
// src/ under vitest), as examples/autograd-tour does.
//
// The same run in PyTorch (with torch.manual_seed(seed) first: nn.Linear's
// init and randperm draw PyTorch's numbers for the same seed):
//
//   model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
//   opt = torch.optim.Adam(model.parameters(), lr=3e-3)
//   for epoch in range(epochs):
//       perm = torch.randperm(n)
//       for i in range(0, n, batch_size):
//           idx = perm[i:i + batch_size]
//           opt.zero_grad()
//           loss = F.cross_entropy(model(x[idx]), y[idx])
//           loss.backward()
//           opt.step()

/** The defaults of `npm run train` and of the web demo. */
export const DEFAULTS = Object.freeze({ hidden: 128, epochs: 20, batchSize: 32, lr: 3e-3, seed: 0 });

/** nn.Sequential(Linear(64, hidden), ReLU(), Linear(hidden, 10)): state dict keys "0.weight", "0.bias", "2.weight", "2.bias", as PyTorch names them. */
export function createModel(torch, { inputs = 64, hidden = DEFAULTS.hidden, classes = 10 } = {}) {
  const { nn } = torch;
  return new nn.Sequential(new nn.Linear(inputs, hidden), new nn.ReLU(), new nn.Linear(hidden, classes));
}

/** A split as tensors: x float32 [n, 64] scaled to 0..1 (pixels / 16), y int32 [n]. The caller disposes them. */
export function toTensors(torch, split) {
  const size = split.pixels.length / split.n;
  const x = torch.fromArray(
    Float32Array.from(split.pixels, (p) => p / 16),
    [split.n, size],
  );
  const y = torch.fromArray(Int32Array.from(split.labels), [split.n]);
  return { x, y };
}

/**
 * Everything a run holds: the seeded model, its optimizer, the data as
 * tensors. `dispose(run)` frees it all.
 */
export function createRun(torch, digits, options = {}) {
  const o = { ...DEFAULTS, ...options };
  torch.manualSeed(o.seed); // before the model: its initial weights come from this seed
  const model = createModel(torch, { hidden: o.hidden });
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: o.lr });
  return {
    options: o,
    model,
    optimizer,
    train: toTensors(torch, digits.train),
    test: toTensors(torch, digits.test),
    epoch: 0,
  };
}

export function disposeRun(run) {
  run.model.dispose();
  run.optimizer.dispose();
  for (const t of [run.train.x, run.train.y, run.test.x, run.test.y]) t.dispose();
}

/**
 * One pass over the training split in a fresh random order (torch.randperm,
 * so the seed fixes it), one minibatch per iteration: yields each step's loss
 * (a number). Each step runs inside torch.tidy, which frees the batch, the
 * activations and the graph, so memory is the same after every step. A
 * caller may stop early (return() frees the permutation); the web demo's
 * worker does, and yields to its event loop between steps.
 */
export function* epochSteps(torch, run) {
  const { model, optimizer, train } = run;
  const F = torch.nn.functional;
  const n = train.y.shape[0],
    batchSize = run.options.batchSize;
  model.train();
  const perm = torch.randperm(n);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      yield torch.tidy(() => {
        const idx = perm.slice(0, start, end);
        const x = train.x.indexSelect(0, idx),
          y = train.y.indexSelect(0, idx);
        optimizer.zeroGrad();
        const loss = F.crossEntropy(model.call(x), y);
        loss.backward();
        optimizer.step();
        return loss.item(); // a number: no tensor leaves the step
      });
    }
    run.epoch++;
  } finally {
    perm.dispose();
  }
}

/** A whole epoch (epochSteps); returns the mean training loss over it. */
export function trainEpoch(torch, run) {
  const n = run.train.y.shape[0],
    batchSize = run.options.batchSize;
  let total = 0,
    start = 0;
  for (const loss of epochSteps(torch, run)) {
    total += loss * (Math.min(start + batchSize, n) - start);
    start += batchSize;
  }
  return total / n;
}

/** The fraction of a split's images whose most likely class is their label (eval mode, no graph). */
export function accuracy(torch, model, split) {
  model.eval();
  return (
    torch.tidy(() => torch.noGrad(() => model.call(split.x).argmax(1).eq(split.y).sum().item())) / split.y.shape[0]
  );
}

/**
 * The class probabilities for one image: `pixels` holds 64 intensities in
 * 0..16, row-major (the dataset's form). Returns a Float32Array of 10.
 */
export function predict(torch, model, pixels) {
  model.eval();
  return torch.tidy(() =>
    torch.noGrad(() => {
      const x = torch.fromArray(
        Float32Array.from(pixels, (p) => p / 16),
        [1, pixels.length],
      );
      return torch.softmax(model.call(x), 1).toArray();
    }),
  );
}

/** The model's weights in the safetensors format (Python: safetensors.torch.load_file, then model.load_state_dict). */
export function saveModel(torch, model, { hidden = DEFAULTS.hidden } = {}) {
  return torch.tidy(() =>
    torch.save(model.stateDict(), {
      metadata: {
        format: "pt",
        model: `nn.Sequential(nn.Linear(64, ${hidden}), nn.ReLU(), nn.Linear(${hidden}, 10))`,
        inputs: "8x8 pixels / 16",
      },
    }),
  );
}

/** A fresh model with the weights of a file saveModel wrote (the hidden width read from the file). */
export function loadModel(torch, bytes) {
  return torch.tidy(() => {
    const sd = torch.load(bytes);
    const model = createModel(torch, { hidden: sd["0.weight"].shape[0] });
    model.loadStateDict(sd);
    return model;
  });
}
