// A whole training run in one safetensors file: what PyTorch users write as
// torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
// "scheduler": sched.state_dict(), "epoch": epoch}, path), without pickle.
//
// Named saveCheckpoint/loadCheckpoint, not torch.utils.checkpoint: that name
// is PyTorch's gradient checkpointing (recomputing activations in backward).
//
// Layout (scripts/checkpoint-to-pytorch.py reads it back into PyTorch):
//   tensors       model.<state-dict key>            the model's stateDict
//                 optimizer.state.<index>.<name>    the optimizer's state tensors,
//                                                   by parameter index as in
//                                                   PyTorch's state_dict
//   __metadata__  format       "pt"
//                 checkpoint   "1" (the layout's version)
//                 optimizer    JSON {"state": {index: {name: number}},
//                              "param_groups": [{..., "params": [indices]}]}
//                 scheduler    JSON of the scheduler's stateDict
//                 epoch, extra JSON
// Names in the file are PyTorch's (exp_avg, weight_decay, last_epoch, T_max),
// so a PyTorch script passes them to load_state_dict unchanged. JSON numbers
// are float64, written in the shortest form that reads back to the same
// value; Infinity and NaN are written as Python's json writes them.

import { isPlainObject, kindOf } from "../args.js";
import { Tensor } from "../tensor.js";
import type { OptimizerStateDict, ParamState } from "../optim/optimizer.js";
import type { SchedulerStateDict } from "../optim/lrScheduler.js";
import { load, loadMetadata, save } from "./safetensors.js";

/** What saveCheckpoint takes: each part is optional; model, optimizer and scheduler may be the objects or their stateDict(). */
export interface CheckpointParts {
  /** A module, or its stateDict(). */
  model?: Record<string, Tensor> | { stateDict(): Record<string, Tensor> };
  /** An optimizer, or its stateDict(). */
  optimizer?: OptimizerStateDict<object> | { stateDict(): OptimizerStateDict<object> };
  /** A learning-rate scheduler, or its stateDict(). */
  scheduler?: SchedulerStateDict | { stateDict(): SchedulerStateDict };
  /** The epoch (or step) count to resume from. */
  epoch?: number;
  /** Anything else to keep (JSON: numbers, strings, booleans, null, arrays and plain objects). */
  extra?: unknown;
}

/** What loadCheckpoint returns: the parts saved, null for those that were not. */
export interface Checkpoint {
  /** The model's stateDict (new tensors): pass it to model.loadStateDict. */
  model: Record<string, Tensor>;
  /** The optimizer's stateDict (new tensors): pass it to optimizer.loadStateDict. */
  optimizer: OptimizerStateDict<any> | null;
  /** The scheduler's stateDict: pass it to scheduler.loadStateDict. */
  scheduler: SchedulerStateDict | null;
  /** The epoch saved. */
  epoch: number | null;
  /** The extra value saved. */
  extra: unknown;
}

const VERSION = "1";
const MODEL = "model.";
const OPT_STATE = "optimizer.state.";

/** Scheduler fields whose PyTorch names are not the camelCase rule's (T_max, not t_max). */
const SCHED_NAMES: Record<string, string> = { tMax: "T_max", t0: "T_0", tI: "T_i", tMult: "T_mult", tCur: "T_cur" };
const SCHED_BACK: Record<string, string> = Object.fromEntries(Object.entries(SCHED_NAMES).map(([k, v]) => [v, k]));
/** The renaming table's entry, own keys only ("__proto__" is a name, not the table's prototype). */
const lookup = (table: Record<string, string>, k: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;

const toSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
// A leading underscore (_step_count) stays.
const toCamel = (k: string): string => k.replace(/(?<=[A-Za-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** An own, null-prototype record: names from a file stay plain keys ("__proto__"). */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON with Python's Infinity/NaN; refuses what JSON cannot hold (tensors, functions, classes). */
function toJson(v: unknown, where: string): string {
  if (typeof v === "number") {
    if (Number.isFinite(v)) return JSON.stringify(v);
    return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  if (v === null || typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => toJson(x, `${where}[${i}]`)).join(",")}]`;
  if (isPlainObject(v) || (typeof v === "object" && Object.getPrototypeOf(v) === null)) {
    const entries = Object.entries(v as object).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${toJson(x, `${where}.${k}`)}`).join(",")}}`;
  }
  throw new TypeError(
    `saveCheckpoint(): ${where} must be JSON (numbers, strings, booleans, null, arrays, plain objects), but got ${kindOf(v)}`,
  );
}

const NONFINITE = "\u0000nonfinite:";

/** JSON.parse that also reads Python's Infinity, -Infinity and NaN. */
function fromJson(text: string, key: string): unknown {
  // Bare tokens outside strings become marker strings, turned back into numbers below.
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) =>
    m.startsWith('"') ? m : JSON.stringify(NONFINITE + m),
  );
  try {
    return JSON.parse(marked, (_k, v: unknown) =>
      typeof v === "string" && v.startsWith(NONFINITE) ? Number(v.slice(NONFINITE.length)) : v,
    );
  } catch {
    throw new TypeError(`loadCheckpoint(): the metadata "${key}" is not valid JSON`);
  }
}

/** Renames the keys of plain objects, recursively (arrays are walked; their items keep their place). */
function renameKeys(v: unknown, rename: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, rename));
  if (v !== null && typeof v === "object") {
    const out = record<unknown>();
    for (const [k, x] of Object.entries(v)) define(out, rename(k), renameKeys(x, rename));
    return out;
  }
  return v;
}

const hasStateDict = (v: unknown): v is { stateDict(): unknown } =>
  v !== null && typeof v === "object" && typeof (v as { stateDict?: unknown }).stateDict === "function";

/**
 * Saves a training run (a model's, an optimizer's and a scheduler's state, the
 * epoch and any JSON `extra`) as the bytes of one safetensors file, in a
 * layout a PyTorch script reads back (scripts/checkpoint-to-pytorch.py): the
 * tensors under `model.<key>` and `optimizer.state.<index>.<name>`, the rest
 * as JSON in the metadata, with PyTorch's names. Restore with loadCheckpoint.
 */
export function saveCheckpoint(parts: CheckpointParts): Uint8Array {
  if (!isPlainObject(parts))
    throw new TypeError(
      `saveCheckpoint(parts): expected an object { model, optimizer, scheduler, epoch, extra }, but got ${kindOf(parts)}`,
    );
  for (const k of Object.keys(parts)) {
    if (!["model", "optimizer", "scheduler", "epoch", "extra"].includes(k))
      throw new TypeError(
        `saveCheckpoint(): unknown part "${k}" (the parts are model, optimizer, scheduler, epoch and extra)`,
      );
  }
  // Handles made here (stateDict() of the objects given) are disposed here.
  const made: Tensor[] = [];
  try {
    const tensors = record<Tensor>();
    const metadata: Record<string, string> = { format: "pt", checkpoint: VERSION };
    if (parts.model !== undefined) {
      const sd: unknown = hasStateDict(parts.model) ? parts.model.stateDict() : parts.model;
      if (hasStateDict(parts.model) && isPlainObject(sd))
        made.push(...Object.values(sd).filter((t): t is Tensor => t instanceof Tensor));
      if (!isPlainObject(sd))
        throw new TypeError(`saveCheckpoint(): model must be a module or its stateDict(), but got ${kindOf(sd)}`);
      for (const [k, t] of Object.entries(sd)) {
        if (!(t instanceof Tensor))
          throw new TypeError(`saveCheckpoint(): model["${k}"] must be a Tensor, but got ${kindOf(t)}`);
        define(tensors, MODEL + k, t);
      }
    }
    if (parts.optimizer !== undefined) {
      const sd = (hasStateDict(parts.optimizer) ? parts.optimizer.stateDict() : parts.optimizer) as unknown;
      if (hasStateDict(parts.optimizer) && isPlainObject(sd) && isPlainObject(sd.state)) {
        for (const s of Object.values(sd.state))
          if (isPlainObject(s)) made.push(...Object.values(s).filter((t): t is Tensor => t instanceof Tensor));
      }
      if (!isPlainObject(sd) || !isPlainObject(sd.state) || !Array.isArray(sd.paramGroups))
        throw new TypeError(
          `saveCheckpoint(): optimizer must be an optimizer or its stateDict() { state, paramGroups }, but got ${kindOf(sd)}`,
        );
      const state: Record<string, Record<string, unknown>> = {};
      for (const [id, s] of Object.entries(sd.state)) {
        if (!/^(0|[1-9][0-9]*)$/.test(id))
          throw new TypeError(`saveCheckpoint(): optimizer state keys must be parameter indices, but got "${id}"`);
        if (!isPlainObject(s))
          throw new TypeError(`saveCheckpoint(): the optimizer state of parameter ${id} must be an object`);
        const numbers: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s)) {
          if (v instanceof Tensor) define(tensors, `${OPT_STATE}${id}.${toSnake(k)}`, v);
          else if (typeof v === "number") numbers[toSnake(k)] = v;
          else
            throw new TypeError(
              `saveCheckpoint(): optimizer state "${k}" of parameter ${id} must be a Tensor or a number, but got ${kindOf(v)}`,
            );
        }
        state[id] = numbers;
      }
      const groups = renameKeys(sd.paramGroups, toSnake);
      metadata.optimizer = `{"state":${toJson(state, "optimizer.state")},"param_groups":${toJson(groups, "optimizer.paramGroups")}}`;
    }
    if (parts.scheduler !== undefined) {
      const sd = hasStateDict(parts.scheduler) ? parts.scheduler.stateDict() : parts.scheduler;
      if (!isPlainObject(sd))
        throw new TypeError(
          `saveCheckpoint(): scheduler must be a scheduler or its stateDict(), but got ${kindOf(sd)}`,
        );
      metadata.scheduler = toJson(
        renameKeys(sd, (k) => lookup(SCHED_NAMES, k) ?? toSnake(k)),
        "scheduler",
      );
    }
    if (parts.epoch !== undefined) {
      if (typeof parts.epoch !== "number")
        throw new TypeError(`saveCheckpoint(): epoch must be a number, but got ${kindOf(parts.epoch)}`);
      metadata.epoch = toJson(parts.epoch, "epoch");
    }
    if (parts.extra !== undefined) metadata.extra = toJson(parts.extra, "extra");
    return save(tensors, { metadata });
  } finally {
    for (const t of made) t.dispose();
  }
}

/**
 * Reads a checkpoint written by saveCheckpoint: the model's and optimizer's
 * stateDicts (new tensors, tidy tracks them), the scheduler's stateDict, the
 * epoch and the extra value, ready for each object's loadStateDict. Any
 * input, however malformed, gives the parts or a TypeError/RangeError, and
 * leaves no tensor behind.
 */
export function loadCheckpoint(bytes: Uint8Array | ArrayBuffer): Checkpoint {
  const buf = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(buf instanceof Uint8Array))
    throw new TypeError(`loadCheckpoint(bytes): expected a Uint8Array or an ArrayBuffer, but got ${kindOf(bytes)}`);
  const meta = loadMetadata(buf);
  if (meta === null || meta.checkpoint === undefined)
    throw new TypeError(
      'loadCheckpoint(): this safetensors file is not a checkpoint (its metadata has no "checkpoint" version); read plain state dicts with load()',
    );
  if (meta.checkpoint !== VERSION)
    throw new RangeError(
      `loadCheckpoint(): checkpoint version "${meta.checkpoint}" is not one this torchlet reads (it reads "${VERSION}")`,
    );
  const tensors = load(buf);
  try {
    const model = record<Tensor>();
    const optTensors = new Map<string, Record<string, Tensor>>();
    for (const [name, t] of Object.entries(tensors)) {
      if (name.startsWith(MODEL)) {
        define(model, name.slice(MODEL.length), t);
        continue;
      }
      const m = name.startsWith(OPT_STATE)
        ? /^(0|[1-9][0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(name.slice(OPT_STATE.length))
        : null;
      if (m === null)
        throw new TypeError(
          `loadCheckpoint(): unexpected tensor "${name}" (a checkpoint holds model.<key> and optimizer.state.<index>.<name>)`,
        );
      if (!optTensors.has(m[1]!)) optTensors.set(m[1]!, record<Tensor>());
      define(optTensors.get(m[1]!)!, toCamel(m[2]!), t);
    }
    let optimizer: OptimizerStateDict<any> | null = null;
    if (meta.optimizer !== undefined) {
      const o = fromJson(meta.optimizer, "optimizer") as Record<string, unknown>;
      if (!isPlainObject(o) || !isPlainObject(o.state) || !Array.isArray(o.param_groups))
        throw new TypeError(
          'loadCheckpoint(): the metadata "optimizer" must be {"state": {...}, "param_groups": [...]}',
        );
      const state: Record<number, ParamState> = {};
      const ids = new Set([...Object.keys(o.state), ...optTensors.keys()]);
      for (const id of ids) {
        if (!/^(0|[1-9][0-9]*)$/.test(id))
          throw new TypeError(`loadCheckpoint(): optimizer state keys must be parameter indices, but got "${id}"`);
        const s = record<Tensor | number>();
        const numbers = o.state[id] === undefined ? {} : o.state[id];
        if (!isPlainObject(numbers))
          throw new TypeError(`loadCheckpoint(): the optimizer state of parameter ${id} must be an object`);
        for (const [k, v] of Object.entries(numbers)) {
          if (typeof v !== "number")
            throw new TypeError(
              `loadCheckpoint(): optimizer state "${k}" of parameter ${id} must be a number, but got ${kindOf(v)}`,
            );
          define(s, toCamel(k), v);
        }
        for (const [k, t] of Object.entries(optTensors.get(id) ?? {})) {
          if (k in s) throw new TypeError(`loadCheckpoint(): optimizer state "${k}" of parameter ${id} is given twice`);
          define(s, k, t);
        }
        state[Number(id)] = { ...s };
      }
      o.param_groups.forEach((g, i) => {
        if (!isPlainObject(g) || !Array.isArray(g.params) || !g.params.every((p) => Number.isSafeInteger(p) && p >= 0))
          throw new TypeError(`loadCheckpoint(): param_groups[${i}] must be an object with a params list of indices`);
      });
      const groups = (o.param_groups as unknown[]).map((g) => ({ ...(renameKeys(g, toCamel) as object) }));
      optimizer = { state, paramGroups: groups as never };
    } else if (optTensors.size > 0) {
      throw new TypeError('loadCheckpoint(): the file has optimizer state tensors but no "optimizer" metadata');
    }
    let scheduler: SchedulerStateDict | null = null;
    if (meta.scheduler !== undefined) {
      const s = fromJson(meta.scheduler, "scheduler");
      if (!isPlainObject(s)) throw new TypeError('loadCheckpoint(): the metadata "scheduler" must be a JSON object');
      scheduler = { ...(renameKeys(s, (k) => lookup(SCHED_BACK, k) ?? toCamel(k)) as object) };
    }
    let epoch: number | null = null;
    if (meta.epoch !== undefined) {
      const e = fromJson(meta.epoch, "epoch");
      if (typeof e !== "number")
        throw new TypeError(`loadCheckpoint(): the epoch must be a number, but got ${kindOf(e)}`);
      epoch = e;
    }
    const extra = meta.extra === undefined ? null : fromJson(meta.extra, "extra");
    return { model, optimizer, scheduler, epoch, extra };
  } catch (e) {
    for (const t of Object.values(tensors)) t.dispose();
    throw e;
  }
}
