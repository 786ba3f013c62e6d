// The character-level language models of `npm run gpt` (gpt.mjs): a
// nanoGPT-style GPT and a 2-layer LSTM, with the training step one writes
// in PyTorch. Shared by gpt.mjs and test/text.parity.test.ts; each passes
// its torchlet in (the built package, or src/ under vitest), as
// examples/train does. scripts/gpt-reference.py is the same in PyTorch 1.13,
// module for module (so the state-dict keys are PyTorch's):
//
//   x = drop(wte(idx) + wpe(arange(T)))
//   for block in h: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))
//   logits = lm_head(ln_f(x))          # lm_head.weight is wte.weight
//   attn: softmax(q kᵀ / sqrt(d) + causal mask) v, n_head heads; mlp: GELU
//
//   opt = AdamW([{decayed matrices}, {the rest, weight_decay=0}], betas=(0.9, 0.95))
//   sched = LambdaLR(opt, warm-up then cosine)
//   loss = F.cross_entropy(model(x).view(-1, V), y.view(-1))
//   opt.zero_grad(set_to_none=True); loss.backward()
//   nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); sched.step()

/** Each model's recipe: the defaults of `npm run gpt -- --model NAME`. */
export const RECIPES = Object.freeze({
  gpt: Object.freeze({
    model: "gpt",
    nLayer: 4,
    nHead: 4,
    nEmbd: 128,
    blockSize: 64,
    batchSize: 16,
    dropout: 0,
    lr: 3e-3,
    minLr: 3e-4,
    warmupIters: 50,
    lrDecayIters: 1000,
    maxIters: 1000,
    weightDecay: 0.1,
    betas: [0.9, 0.95],
    gradClip: 1,
  }),
  lstm: Object.freeze({
    model: "lstm",
    nEmbd: 64,
    hidden: 128,
    numLayers: 2,
    blockSize: 64,
    batchSize: 16,
    lr: 3e-3,
    maxIters: 1000,
    gradClip: 1,
  }),
});

/** Things the models' classes need, made once per torchlet (classes extend its nn.Module). */
const classesOf = new WeakMap();

function classes(torch) {
  let c = classesOf.get(torch);
  if (c !== undefined) return c;
  const { nn } = torch;
  const F = nn.functional;

  class CausalSelfAttention extends nn.Module {
    constructor(cfg, dtype) {
      super();
      this.nHead = cfg.nHead;
      this.dropoutP = cfg.dropout;
      this.c_attn = new nn.Linear(cfg.nEmbd, 3 * cfg.nEmbd, { dtype });
      this.c_proj = new nn.Linear(cfg.nEmbd, cfg.nEmbd, { dtype });
      this.resid_dropout = new nn.Dropout(cfg.dropout);
    }
    forward(x) {
      const [B, T, C] = x.shape;
      const heads = (t) => t.view(B, T, this.nHead, C / this.nHead).transpose(1, 2);
      const [q, k, v] = torch.split(this.c_attn.call(x), C, 2).map(heads);
      const p = this.training ? this.dropoutP : 0;
      const y = F.scaledDotProductAttention(q, k, v, { isCausal: true, dropoutP: p });
      return this.resid_dropout.call(this.c_proj.call(y.transpose(1, 2).contiguous().view(B, T, C)));
    }
  }

  class MLP extends nn.Module {
    constructor(cfg, dtype) {
      super();
      this.c_fc = new nn.Linear(cfg.nEmbd, 4 * cfg.nEmbd, { dtype });
      this.gelu = new nn.GELU();
      this.c_proj = new nn.Linear(4 * cfg.nEmbd, cfg.nEmbd, { dtype });
      this.dropout = new nn.Dropout(cfg.dropout);
    }
    forward(x) {
      return this.dropout.call(this.c_proj.call(this.gelu.call(this.c_fc.call(x))));
    }
  }

  class Block extends nn.Module {
    constructor(cfg, dtype) {
      super();
      this.ln_1 = new nn.LayerNorm(cfg.nEmbd, { dtype });
      this.attn = new CausalSelfAttention(cfg, dtype);
      this.ln_2 = new nn.LayerNorm(cfg.nEmbd, { dtype });
      this.mlp = new MLP(cfg, dtype);
    }
    forward(x) {
      x = x.add(this.attn.call(this.ln_1.call(x)));
      return x.add(this.mlp.call(this.ln_2.call(x)));
    }
  }

  class GPT extends nn.Module {
    constructor(cfg, vocabSize, dtype) {
      super();
      this.blockSize = cfg.blockSize;
      const blocks = Array.from({ length: cfg.nLayer }, () => new Block(cfg, dtype));
      this.transformer = new nn.ModuleDict({
        wte: new nn.Embedding(vocabSize, cfg.nEmbd, { dtype }),
        wpe: new nn.Embedding(cfg.blockSize, cfg.nEmbd, { dtype }),
        drop: new nn.Dropout(cfg.dropout),
        h: new nn.ModuleList(blocks),
        ln_f: new nn.LayerNorm(cfg.nEmbd, { dtype }),
      });
      this.lm_head = new nn.Linear(cfg.nEmbd, vocabSize, { bias: false, dtype });
      // Weight tying: the embedding's table is the head's weight (one parameter, two state-dict keys).
      const wte = this.transformer.get("wte");
      wte.weight.dispose();
      wte.weight = this.lm_head.weight;
      // nanoGPT's init: N(0, 0.02), the residual projections' by 1/sqrt(2 * n_layer); zero biases.
      torch.noGrad(() => {
        for (const [name, p] of this.namedParameters()) {
          if (name.endsWith("bias")) nn.init.zeros_(p);
          else if (p.ndim === 2)
            nn.init.normal_(p, 0, name.endsWith("c_proj.weight") ? 0.02 / Math.sqrt(2 * cfg.nLayer) : 0.02);
        }
      });
    }
    forward(idx) {
      const T = idx.shape[1];
      const { transformer: tr } = this;
      const pos = torch.arange(T);
      let x = tr.get("drop").call(tr.get("wte").call(idx).add(tr.get("wpe").call(pos)));
      for (const block of tr.get("h")) x = block.call(x);
      return this.lm_head.call(tr.get("ln_f").call(x));
    }
  }

  class LSTMLM extends nn.Module {
    constructor(cfg, vocabSize, dtype) {
      super();
      this.embed = new nn.Embedding(vocabSize, cfg.nEmbd, { dtype });
      this.lstm = new nn.LSTM(cfg.nEmbd, cfg.hidden, { numLayers: cfg.numLayers, batchFirst: true, dtype });
      this.head = new nn.Linear(cfg.hidden, vocabSize, { dtype });
    }
    forward(idx) {
      const [out] = this.lstm.call(this.embed.call(idx));
      return this.head.call(out);
    }
  }

  c = { GPT, LSTMLM };
  classesOf.set(torch, c);
  return c;
}

/** A fresh model of `cfg.model` ("gpt" or "lstm") over `vocabSize` characters, PyTorch's state-dict keys. */
export function createModel(torch, cfg, vocabSize, dtype = "float32") {
  const { GPT, LSTMLM } = classes(torch);
  if (cfg.model === "gpt") return new GPT(cfg, vocabSize, dtype);
  if (cfg.model === "lstm") return new LSTMLM(cfg, vocabSize, dtype);
  throw new RangeError(`unknown model "${cfg.model}": expected "gpt" or "lstm"`);
}

/** nanoGPT's get_lr(it) / lr: linear warm-up, cosine decay to minLr by lrDecayIters, then minLr. */
export function lrFactor(cfg, it) {
  if (it < cfg.warmupIters) return (it + 1) / (cfg.warmupIters + 1);
  if (it > cfg.lrDecayIters) return cfg.minLr / cfg.lr;
  const ratio = (it - cfg.warmupIters) / (cfg.lrDecayIters - cfg.warmupIters);
  const coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
  return (cfg.minLr + coeff * (cfg.lr - cfg.minLr)) / cfg.lr;
}

/**
 * The optimizer (and schedule) of a model: for the GPT, AdamW with weight
 * decay on the Linear layers' weight matrices only (not on biases,
 * LayerNorm or the tied embeddings) and a LambdaLR; for the LSTM, Adam.
 */
export function createOptimizer(torch, cfg, model) {
  const { optim } = torch;
  if (cfg.model === "lstm") return { optimizer: new optim.Adam(model.parameters(), { lr: cfg.lr }), scheduler: null };
  const decayed = ([n, p]) => p.ndim === 2 && !n.startsWith("transformer.w");
  const named = model.namedParameters();
  const optimizer = new optim.AdamW(
    [
      { params: named.filter(decayed).map((e) => e[1]), weightDecay: cfg.weightDecay },
      { params: named.filter((e) => !decayed(e)).map((e) => e[1]), weightDecay: 0 },
    ],
    { lr: cfg.lr, betas: cfg.betas },
  );
  return { optimizer, scheduler: new optim.lrScheduler.LambdaLR(optimizer, (it) => lrFactor(cfg, it)) };
}

/** Windows of blockSize + 1 characters of `ids` from `starts`: inputs x and next-character targets y, int64 [B, T]. */
export function getBatch(torch, ids, starts, blockSize) {
  const x = new BigInt64Array(starts.length * blockSize);
  const y = new BigInt64Array(starts.length * blockSize);
  starts.forEach((s, b) => {
    for (let t = 0; t < blockSize; t++) {
      x[b * blockSize + t] = BigInt(ids[s + t]);
      y[b * blockSize + t] = BigInt(ids[s + t + 1]);
    }
  });
  return [torch.fromArray(x, [starts.length, blockSize]), torch.fromArray(y, [starts.length, blockSize])];
}

/** The mean cross-entropy of a model's next-character predictions on a batch (a scalar tensor). */
export function lossOf(torch, model, x, y) {
  const logits = model.call(x);
  return torch.nn.functional.crossEntropy(logits.view(-1, logits.shape[2]), y.view(-1));
}

/**
 * Everything a run holds: model, optimizer, schedule. `init` (a state
 * dict, the tied GPT's without "lm_head.weight") replaces the initial
 * weights. `dispose(run)` frees them.
 */
export function createRun(torch, cfg, vocabSize, { init = null, dtype = "float32" } = {}) {
  const model = createModel(torch, cfg, vocabSize, dtype);
  if (init !== null) {
    const sd = { ...init };
    if (cfg.model === "gpt" && !("lm_head.weight" in sd)) sd["lm_head.weight"] = sd["transformer.wte.weight"];
    model.loadStateDict(sd);
  }
  return { cfg, model, ...createOptimizer(torch, cfg, model), iter: 0 };
}

/** Frees a run's weights and optimizer state. */
export function disposeRun(run) {
  run.model.dispose();
  run.optimizer.dispose();
}

/** One training step on the windows at `starts` of `ids`: returns the loss (a number). Memory is the same after it. */
export function trainStep(torch, run, ids, starts) {
  const { model, optimizer, scheduler, cfg } = run;
  model.train();
  const loss = torch.tidy(() => {
    const [x, y] = getBatch(torch, ids, starts, cfg.blockSize);
    const loss = lossOf(torch, model, x, y);
    optimizer.zeroGrad({ setToNone: true });
    loss.backward();
    torch.nn.utils.clipGradNorm_(model.parameters(), cfg.gradClip);
    optimizer.step();
    scheduler?.step();
    return loss.item();
  });
  run.iter++;
  return loss;
}

/** `batchSize` random window starts in `ids` (torch.randint, so PyTorch's for the same seed). */
export function randomStarts(torch, ids, cfg) {
  return torch.tidy(() => Array.from(torch.randint(ids.length - cfg.blockSize - 1, [cfg.batchSize]).toArray(), Number));
}

/** The mean loss over `iters` random batches of `ids`, in eval mode without a graph. */
export function estimateLoss(torch, run, ids, iters) {
  const { model, cfg } = run;
  model.eval();
  let total = 0;
  for (let i = 0; i < iters; i++) {
    const starts = randomStarts(torch, ids, cfg);
    total += torch.tidy(() =>
      torch.noGrad(() => lossOf(torch, model, ...getBatch(torch, ids, starts, cfg.blockSize)).item()),
    );
  }
  model.train();
  return total / iters;
}

/**
 * Continues `context` (character ids) by `n` characters sampled as nanoGPT
 * does: the last blockSize ids in, the last position's logits / temperature,
 * all but the top k set to -inf, softmax, torch.multinomial. Calls
 * `onToken(id)` after each one; returns the new ids.
 */
export function generate(torch, model, context, n, { blockSize, temperature = 0.8, topK = 10, onToken } = {}) {
  model.eval();
  const ids = [...context];
  const out = [];
  for (let i = 0; i < n; i++) {
    const next = torch.tidy(() =>
      torch.noGrad(() => {
        const window = ids.slice(-blockSize);
        const x = torch.fromArray(BigInt64Array.from(window, BigInt), [1, window.length]);
        const logits = model.call(x).select(1, -1).div(temperature);
        const k = Math.min(topK, logits.shape[1]);
        const { values } = torch.topk(logits, k, { dim: -1 });
        const masked = torch.maskedFill(logits, logits.lt(values.narrow(1, k - 1, 1)), -Infinity);
        return Number(torch.multinomial(torch.softmax(masked, -1), 1).item());
      }),
    );
    ids.push(next);
    out.push(next);
    onToken?.(next);
  }
  model.train();
  return out;
}

/** The model's weights as safetensors, the config and vocabulary in the metadata (scripts/gpt-reference.py --load reads them). */
export function saveModel(torch, run, vocab) {
  return torch.tidy(() =>
    torch.save(run.model.stateDict(), {
      metadata: { format: "pt", config: JSON.stringify(run.cfg), vocab },
    }),
  );
}
