// torchlet's network and indexing rows (bench/data.mjs: LENET, RESBLOCK,
// ATTN, LSTM_LM, GPT, INDEXING), spread into torchlet.mjs's cases. Models are
// written with the functional ops over the parameter tensors of data.mjs's
// specs (nn.LSTM itself for the LSTM), so every column starts from the same
// values; each step runs inside tidy.

import * as torch from "../../dist/index.js";
import { LENET, RESBLOCK, ATTN, LSTM_LM, GPT, INDEXING, inputValues, paramValues } from "../data.mjs";

const F = torch.nn.functional;

/** A config's inputs as tensors: floats as float32, integers as int64 (PyTorch's index dtype). */
function inputs(cfg, ...names) {
  const out = {};
  for (const [name, { shape, data }] of Object.entries(inputValues(cfg, names.length ? names : undefined))) {
    const t = torch.fromArray(data, shape);
    out[name] = data instanceof Int32Array ? t.long() : t;
    if (out[name] !== t) t.dispose();
  }
  return out;
}

/** A config's parameters as leaf tensors requiring grad, by PyTorch name. */
function params(cfg) {
  return Object.fromEntries(
    paramValues(cfg.params, cfg.seed).map(({ name, shape, data }) => [
      name,
      torch.fromArray(data, shape).requiresGrad_(),
    ]),
  );
}

const disposeAll = (...objs) => {
  for (const o of objs) torch.dispose(Object.values(o));
};

/** autograd.grad of `out` for the given output gradient; the grads are freed (timed, not kept). */
const gradsOf = (out, wrt, g) => torch.dispose(torch.autograd.grad(out, wrt, g));

/** A case timing `op(table, index)` on the INDEXING inputs (`indexName` for the index), then the grad of the table. */
function tableGrad(indexName, op) {
  const xs = inputs(INDEXING, "table", indexName, "g");
  xs.table.requiresGrad_();
  return {
    run: () => torch.tidy(() => gradsOf(op(xs.table, xs[indexName]), [xs.table], xs.g)),
    dispose: () => disposeAll(xs),
  };
}

export const netCases = {
  /** LeNet-5: forward, cross-entropy, backward, SGD step. */
  lenet() {
    const { x, labels } = inputs(LENET);
    const p = params(LENET);
    const opt = new torch.optim.SGD(Object.values(p), { lr: LENET.lr });
    const loss = () => {
      let h = F.maxPool2d(F.relu(F.conv2d(x, p["conv1.weight"], p["conv1.bias"])), 2);
      h = F.maxPool2d(F.relu(F.conv2d(h, p["conv2.weight"], p["conv2.bias"])), 2).flatten(1);
      h = F.relu(F.linear(h, p["fc1.weight"], p["fc1.bias"]));
      h = F.relu(F.linear(h, p["fc2.weight"], p["fc2.bias"]));
      return F.crossEntropy(F.linear(h, p["fc3.weight"], p["fc3.bias"]), labels);
    };
    return {
      run: () =>
        torch.tidy(() => {
          opt.zeroGrad();
          loss().backward();
          opt.step();
        }),
      dispose: () => {
        opt.dispose();
        disposeAll({ x, labels }, p);
      },
    };
  },
  /** ResNet basic block in training mode (batch statistics, running stats updated): grads of x and the parameters. */
  resblock() {
    const { x, g } = inputs(RESBLOCK);
    x.requiresGrad_();
    const p = params(RESBLOCK);
    const c = RESBLOCK.channels;
    const stats = [0, 1].map(() => [torch.zeros(c), torch.ones(c)]);
    const bn = (h, i) =>
      F.batchNorm(h, stats[i][0], stats[i][1], {
        weight: p[`bn${i + 1}.weight`],
        bias: p[`bn${i + 1}.bias`],
        training: true,
      });
    const wrt = [x, ...Object.values(p)];
    return {
      run: () =>
        torch.tidy(() => {
          const h = F.relu(bn(F.conv2d(x, p["conv1.weight"], null, { padding: 1 }), 0));
          const out = F.relu(torch.add(bn(F.conv2d(h, p["conv2.weight"], null, { padding: 1 }), 1), x));
          gradsOf(out, wrt, g);
        }),
      dispose: () => disposeAll({ x, g }, p, stats.flat()),
    };
  },
  /** F.scaledDotProductAttention with isCausal, then grads of q, k and v. */
  attention() {
    const { q, k, v, g } = inputs(ATTN);
    for (const t of [q, k, v]) t.requiresGrad_();
    return {
      run: () => torch.tidy(() => gradsOf(F.scaledDotProductAttention(q, k, v, { isCausal: true }), [q, k, v], g)),
      dispose: () => disposeAll({ q, k, v, g }),
    };
  },
  /** Embedding, nn.LSTM (weights from the spec), linear head, cross-entropy, backward, Adam step. */
  lstm() {
    const { vocab, embed, hidden, layers, lr } = LSTM_LM;
    const { tokens, targets } = inputs(LSTM_LM);
    const p = params(LSTM_LM);
    const lstm = new torch.nn.LSTM(embed, hidden, { numLayers: layers, batchFirst: true });
    const own = Object.fromEntries(lstm.namedParameters());
    torch.noGrad(() => {
      for (const [name, t] of Object.entries(p)) if (name.startsWith("lstm.")) own[name.slice(5)].copy_(t);
    });
    const list = [p["embedding.weight"], ...lstm.parameters(), p["head.weight"], p["head.bias"]];
    const opt = new torch.optim.Adam(list, { lr });
    const flatTargets = targets.view(-1);
    return {
      run: () =>
        torch.tidy(() => {
          opt.zeroGrad();
          const [out] = lstm.call(F.embedding(tokens, p["embedding.weight"]));
          const logits = F.linear(out, p["head.weight"], p["head.bias"]);
          F.crossEntropy(logits.view(-1, vocab), flatTargets).backward();
          opt.step();
        }),
      dispose: () => {
        opt.dispose();
        disposeAll({ tokens, targets, flatTargets }, p);
        lstm.dispose();
      },
    };
  },
  /** The nanoGPT-style step: forward, cross-entropy, backward, clip_grad_norm 1.0, AdamW. */
  gpt() {
    const { vocab, layers, heads, embd: c, block: t, batch: b, lr, weightDecay } = GPT;
    const { tokens, targets } = inputs(GPT);
    const p = params(GPT);
    const pos = torch.arange(t);
    const flatTargets = targets.view(-1);
    const all = Object.values(p);
    const opt = new torch.optim.AdamW(
      [
        { params: all.filter((w) => w.ndim >= 2), weightDecay },
        { params: all.filter((w) => w.ndim < 2), weightDecay: 0 },
      ],
      { lr },
    );
    const ln = (x, name) => F.layerNorm(x, [c], { weight: p[`${name}.weight`], bias: p[`${name}.bias`] });
    const lin = (x, name) => F.linear(x, p[`${name}.weight`], p[`${name}.bias`]);
    const heads4 = (x) => x.view(b, t, heads, c / heads).transpose(1, 2);
    const loss = () => {
      let x = torch.add(F.embedding(tokens, p["wte.weight"]), F.embedding(pos, p["wpe.weight"]));
      for (let l = 0; l < layers; l++) {
        const [q, k, v] = torch.split(lin(ln(x, `h.${l}.ln_1`), `h.${l}.attn.c_attn`), c, 2).map(heads4);
        const y = F.scaledDotProductAttention(q, k, v, { isCausal: true }).transpose(1, 2).contiguous().view(b, t, c);
        x = torch.add(x, lin(y, `h.${l}.attn.c_proj`));
        x = torch.add(x, lin(F.gelu(lin(ln(x, `h.${l}.ln_2`), `h.${l}.mlp.c_fc`)), `h.${l}.mlp.c_proj`));
      }
      const logits = F.linear(ln(x, "ln_f"), p["wte.weight"]);
      return F.crossEntropy(logits.view(-1, vocab), flatTargets);
    };
    return {
      run: () =>
        torch.tidy(() => {
          opt.zeroGrad();
          loss().backward();
          torch.nn.utils.clipGradNorm_(all, 1.0);
          opt.step();
        }),
      dispose: () => {
        opt.dispose();
        disposeAll({ tokens, targets, flatTargets, pos }, p);
      },
    };
  },
  /** index_select(table, 0, int64 index), then the grad of the table. */
  indexSelect: () => tableGrad("index", (table, index) => torch.indexSelect(table, 0, index)),
  /** gather(table, 0, int64 index of indices x cols), then the grad of the table. */
  gather: () => tableGrad("gatherIndex", (table, index) => torch.gather(table, 0, index)),
  /** F.embedding(int64 index, table), then the grad of the table. */
  embedding: () => tableGrad("index", (table, index) => F.embedding(index, table)),
};
