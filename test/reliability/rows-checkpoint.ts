// Rows: saveCheckpoint and loadCheckpoint (a training run in one safetensors
// file). Malformed files beyond these, at the safetensors level, are
// torch.load's rows: loadCheckpoint reads through it.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn } from "./table.js";

const meta = (m: Record<string, string>): Uint8Array => torch.save({}, { metadata: m });
const optimizerJson = (json: string): Uint8Array => meta({ checkpoint: "1", optimizer: json });

fn("torch.saveCheckpoint", torch.saveCheckpoint, () => [{ model: { w: F.b }, epoch: 1, extra: { note: "x" } }], [
  c("not an object", (f) => f(5), TypeError, /saveCheckpoint\(parts\): expected an object \{ model, optimizer/),
  c("an unknown part", (f) => f({ epochs: 1 }), TypeError, /unknown part "epochs"/),
  c("a model value that is no tensor", (f) => f({ model: { w: 1 } }), TypeError, /model\["w"\] must be a Tensor/),
  c("a disposed model tensor", (f) => f({ model: { w: J.disposed } }), Error, /was disposed/),
  c(
    "an optimizer that is no state dict",
    (f) => f({ optimizer: { state: {} } }),
    TypeError,
    /optimizer must be an optimizer or its stateDict\(\) \{ state, paramGroups \}/,
  ),
  c(
    "optimizer state under a name",
    (f) => f({ optimizer: { state: { a: {} }, paramGroups: [] } }),
    TypeError,
    /optimizer state keys must be parameter indices, but got "a"/,
  ),
  c(
    "optimizer state that is a string",
    (f) => f({ optimizer: { state: { 0: { step: "1" } }, paramGroups: [] } }),
    TypeError,
    /optimizer state "step" of parameter 0 must be a Tensor or a number, but got string/,
  ),
  c(
    "a scheduler that is a number",
    (f) => f({ scheduler: 3 }),
    TypeError,
    /scheduler must be a scheduler or its stateDict/,
  ),
  c("a string epoch", (f) => f({ epoch: "1" }), TypeError, /epoch must be a number, but got string/),
  c("a tensor in extra", (f) => f({ extra: { t: F.b } }), TypeError, /extra.t must be JSON .*but got Tensor/),
  c("a function in extra", (f) => f({ extra: [() => 1] }), TypeError, /extra\[0\] must be JSON .*but got function/),
]);

fn("torch.loadCheckpoint", torch.loadCheckpoint, () => [torch.saveCheckpoint({ model: { w: F.b }, epoch: 1 })], [
  c("not bytes", (f) => f(5), TypeError, /loadCheckpoint\(bytes\): expected a Uint8Array or an ArrayBuffer/),
  c("a plain safetensors file", (f) => f(torch.save({ w: F.b })), TypeError, /is not a checkpoint/),
  c("another version", (f) => f(meta({ checkpoint: "9" })), RangeError, /checkpoint version "9" is not one/),
  c("bad JSON", (f) => f(meta({ checkpoint: "1", extra: "[" })), TypeError, /the metadata "extra" is not valid JSON/),
  c(
    "an optimizer without param_groups",
    (f) => f(optimizerJson('{"state":{}}')),
    TypeError,
    /"optimizer" must be \{"state": \{...\}, "param_groups": \[...\]\}/,
  ),
  c(
    "a state key that is no index",
    (f) => f(optimizerJson('{"state":{"constructor":{}},"param_groups":[]}')),
    TypeError,
    /optimizer state keys must be parameter indices, but got "constructor"/,
  ),
  c(
    "params that are not indices",
    (f) => f(optimizerJson('{"state":{},"param_groups":[{"params":["a"]}]}')),
    TypeError,
    /param_groups\[0\] must be an object with a params list of indices/,
  ),
  c(
    "an unexpected tensor",
    (f) => f(torch.save({ stray: F.b }, { metadata: { checkpoint: "1" } })),
    TypeError,
    /unexpected tensor "stray"/,
  ),
  c(
    "a state tensor named twice",
    (f) =>
      f(
        torch.save(
          { "optimizer.state.0.step": F.b },
          { metadata: { checkpoint: "1", optimizer: '{"state":{"0":{"step":1}},"param_groups":[]}' } },
        ),
      ),
    TypeError,
    /optimizer state "step" of parameter 0 is given twice/,
  ),
  c("a truncated file", (f) => f(new Uint8Array(4)), RangeError, /smaller than the 8-byte header length/),
]);
