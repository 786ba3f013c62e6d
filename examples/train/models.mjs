// The digits classifiers: a 64 -> 128 -> ReLU -> 10 MLP and a small CNN,
// trained the way one writes it in PyTorch: a shuffling DataLoader,
// nn.CrossEntropyLoss, Adam, clip_grad_norm_ and a one-cycle learning-rate
// schedule stepped per batch. Shared by `npm run train` (train.mjs), the web
// demo's worker (examples/web) and test/train.test.ts; each passes its
// torchlet in (the built package, or src/ under vitest), as
// examples/autograd-tour does.
//
// The same run in PyTorch (scripts/train-reference.py runs it; with
// torch.manual_seed(seed) first, the layers' init, the loader's order and
// dropout's masks draw PyTorch's numbers for the same seed):
//
//   loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
//   opt = torch.optim.Adam(model.parameters(), lr=1e-2)
//   sched = OneCycleLR(opt, max_lr=1e-2, total_steps=epochs * len(loader))
//   loss_fn = nn.CrossEntropyLoss()
//   for epoch in range(epochs):
//       for xb, yb in loader:
//           opt.zero_grad()
//           loss = loss_fn(model(xb), yb)
//           loss.backward()
//           nn.utils.clip_grad_norm_(model.parameters(), 1.0)
//           opt.step()
//           sched.step()

/** Each model's recipe: the defaults of `npm run train -- --model NAME` and of the web demo. */
export const RECIPES = Object.freeze({
  mlp: Object.freeze({ model: "mlp", hidden: 128, epochs: 20, batchSize: 32, lr: 3e-3, maxNorm: 1, seed: 0 }),
  cnn: Object.freeze({ model: "cnn", epochs: 20, batchSize: 64, lr: 1e-2, maxNorm: 1, seed: 0 }),
});

/** The MLP's recipe, the default model. */
export const DEFAULTS = RECIPES.mlp;

/** What each model is, in PyTorch's words (saved as the safetensors file's "model" metadata). */
export function describe(name, hidden = RECIPES.mlp.hidden) {
  if (name === "mlp") return `nn.Sequential(nn.Linear(64, ${hidden}), nn.ReLU(), nn.Linear(${hidden}, 10))`;
  return (
    "nn.Sequential(nn.Unflatten(1, (1, 8, 8)), " +
    "nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2), " +
    "nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), " +
    "nn.Flatten(), nn.Dropout(0.25), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))"
  );
}

/**
 * The model `name` ("mlp" or "cnn"), with PyTorch's state-dict keys ("0.weight", ...).
 * Both take a batch of flat images [n, 64]; the CNN unflattens them to [n, 1, 8, 8].
 */
export function createModel(torch, name = "mlp", { hidden = RECIPES.mlp.hidden, dtype = "float32" } = {}) {
  const { nn } = torch;
  if (name === "mlp")
    return new nn.Sequential(new nn.Linear(64, hidden, { dtype }), new nn.ReLU(), new nn.Linear(hidden, 10, { dtype }));
  if (name !== "cnn") throw new RangeError(`unknown model "${name}": expected "mlp" or "cnn"`);
  // No conv bias: the batch norm after each conv subtracts it again, so its gradient is 0 but for
  // rounding noise, which Adam would turn into full-size steps.
  return new nn.Sequential(
    new nn.Unflatten(1, [1, 8, 8]),
    new nn.Conv2d(1, 16, 3, { padding: 1, bias: false, dtype }),
    new nn.BatchNorm2d(16, { dtype }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(16, 32, 3, { padding: 1, bias: false, dtype }),
    new nn.BatchNorm2d(32, { dtype }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Dropout(0.25),
    new nn.Linear(128, 64, { dtype }),
    new nn.ReLU(),
    new nn.Linear(64, 10, { dtype }),
  );
}

/** A split as tensors: x [n, 64] scaled to 0..1 (pixels / 16, float32 unless `dtype`), y int64 labels [n]. The caller disposes them. */
export function toTensors(torch, split, dtype = "float32") {
  const size = split.pixels.length / split.n;
  const x = torch.fromArray(
    (dtype === "float64" ? Float64Array : Float32Array).from(split.pixels, (p) => p / 16),
    [split.n, size],
  );
  const y = torch.tensor(Array.from(split.labels));
  return { x, y };
}

/**
 * Everything a run holds: the seeded model, its optimizer, schedule, loss
 * and loader, the data as tensors. `init` (a state dict) replaces the
 * model's initial weights; the seed is set again after loading it, so the
 * batches and dropout masks are those of a run from the same seed.
 * `dtype: "float64"` runs the whole model in float64 (the parity test's).
 * `disposeRun(run)` frees it all.
 */
export function createRun(torch, digits, options = {}) {
  const o = { ...RECIPES[options.model ?? "mlp"], ...options };
  const { nn, optim, utils } = torch;
  torch.manualSeed(o.seed); // before the model: its initial weights come from this seed
  const dtype = options.dtype ?? "float32";
  const model = createModel(torch, o.model, { hidden: o.hidden, dtype });
  if (options.init) {
    model.loadStateDict(options.init);
    torch.manualSeed(o.seed);
  }
  const train = toTensors(torch, digits.train, dtype);
  const loader = new utils.data.DataLoader(new utils.data.TensorDataset(train.x, train.y), {
    batchSize: o.batchSize,
    shuffle: true,
  });
  const optimizer = new optim.Adam(model.parameters(), { lr: o.lr });
  const scheduler = new optim.lrScheduler.OneCycleLR(optimizer, o.lr, { totalSteps: o.epochs * loader.length });
  return {
    options: o,
    model,
    optimizer,
    scheduler,
    lossFn: new nn.CrossEntropyLoss(),
    loader,
    train,
    test: toTensors(torch, digits.test, dtype),
    epoch: 0,
  };
}

export function disposeRun(run) {
  run.model.dispose();
  run.optimizer.dispose();
  for (const t of [run.train.x, run.train.y, run.test.x, run.test.y]) t.dispose();
}

/**
 * One pass over the training split in a fresh random order (the loader's
 * sampler draws from the seeded default generator), one minibatch per
 * iteration: yields each step's loss (a number). Each step runs inside
 * torch.tidy, which frees the activations and the graph, and the batch is
 * freed after it, so memory is the same after every step. A caller may stop
 * early; the web demo's worker does, and yields to its event loop between
 * steps.
 */
export function* epochSteps(torch, run) {
  const { model, optimizer, scheduler, lossFn, options } = run;
  const params = model.parameters();
  model.train();
  for (const batch of run.loader) {
    try {
      yield torch.tidy(() => {
        const [x, y] = batch;
        optimizer.zeroGrad();
        const loss = lossFn.call(model.call(x), y);
        loss.backward();
        torch.nn.utils.clipGradNorm_(params, options.maxNorm);
        optimizer.step();
        scheduler.step();
        return loss.item(); // a number: no tensor leaves the step
      });
    } finally {
      torch.dispose(batch);
    }
  }
  run.epoch++;
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
export function saveModel(torch, model, { model: name = "mlp", hidden = RECIPES.mlp.hidden } = {}) {
  return torch.tidy(() =>
    torch.save(model.stateDict(), {
      metadata: { format: "pt", model: describe(name, hidden), inputs: "8x8 pixels / 16, flattened to 64" },
    }),
  );
}

/** A fresh model with the weights of a file saveModel wrote (the model and the MLP's width read from the file). */
export function loadModel(torch, bytes) {
  return torch.tidy(() => {
    const sd = torch.load(bytes);
    const name = Object.keys(sd).some((k) => k.endsWith("running_mean")) ? "cnn" : "mlp";
    const model = createModel(torch, name, { hidden: name === "mlp" ? sd["0.weight"].shape[0] : undefined });
    model.loadStateDict(sd);
    return model;
  });
}
