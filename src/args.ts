// Argument checks, and how a value is named in their messages. Options
// objects are the trailing `{ ... }` that stands for PyTorch's keyword
// arguments: one check for all of them, so a misspelt option is an error
// (as Python's "got an unexpected keyword argument") instead of being
// ignored, and a tensor or an array passed where options go is named as such.

/** How an argument's type is named in messages: `Tensor`, `Array`, `null`, `number`, ... */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (v as object).constructor?.name ?? "Object";
  return typeof v;
}

/** JavaScript's `typeof`, with `null` named as such. */
export const typeOf = (v: unknown): string => (v === null ? "null" : typeof v);

/** A number, undefined or null by its value; anything else by its kind (`kindOf`). */
export const shown = (v: unknown): string =>
  typeof v === "number" || v === undefined || v === null ? String(v) : kindOf(v);

/** Python's name for the type of a JS value, as PyTorch's argument errors say it. */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

/** `v` as integer argument `arg` of `fn`, or a TypeError saying what it got (`show` words the value). */
export function checkInteger(v: unknown, fn: string, arg: string, show: (v: unknown) => string = String): number {
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new TypeError(`${fn}(): ${arg} must be an integer, but got ${show(v)}`);
  return v;
}

/** A number argument: `fn(): argument 'arg' must be a number, but got ...`. */
export function checkNumber(v: unknown, fn: string, arg: string): number {
  if (typeof v !== "number") throw new TypeError(`${fn}(): argument '${arg}' must be a number, but got ${typeOf(v)}`);
  return v;
}

/** Whether `v` is a plain object (an object literal, or one without a prototype). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  // An object literal from another realm (an iframe, a vm context) has that realm's Object.prototype.
  return (
    proto === null ||
    proto === Object.prototype ||
    (proto.constructor?.name === "Object" && Object.getPrototypeOf(proto) === null)
  );
}

/**
 * Checks an options argument: undefined or null (no options), or a plain
 * object whose keys are all in `allowed`. Returns it (an empty object for none).
 */
export function checkOptionsObject<O extends object>(
  opts: unknown,
  fn: string,
  allowed: readonly string[],
): Partial<O> {
  if (opts === undefined || opts === null) return {};
  if (!isPlainObject(opts)) throw new TypeError(`${fn}(): options must be an object, but got ${kindOf(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) {
      throw new TypeError(
        `${fn}(): unknown option "${k}" (expected ${allowed.length === 0 ? "no options" : allowed.join(", ")})`,
      );
    }
  }
  return opts as Partial<O>;
}

/** A boolean option (undefined keeps the default). */
export function checkBooleanOption(v: unknown, fn: string, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw new TypeError(`${fn}(): ${name} must be a boolean, but got ${kindOf(v)}`);
  return v;
}

/** A number option (undefined keeps the default). */
export function checkNumberOption(v: unknown, fn: string, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number") throw new TypeError(`${fn}(): ${name} must be a number, but got ${kindOf(v)}`);
  return v;
}

/**
 * PyTorch's optional arguments, given positionally (in `names` order) or in
 * a trailing options object, or both: `f(x, 0, 2)`, `f(x, { max: 2 })`,
 * `f(x, 0, { max: 2 })`. `extra` are keyword-only options (such as
 * `generator`). An options object before the last argument, too many
 * positional arguments, or a name given both ways is a TypeError.
 * Returns the merged values by name; absent ones (undefined, not null) take
 * their value in `defaults`.
 */
export function optionalArgs(
  args: readonly unknown[],
  fn: string,
  names: readonly string[],
  extra: readonly string[] = [],
  defaults: Record<string, unknown> = {},
): Record<string, unknown> {
  let at = args.findIndex(isPlainObject);
  if (at >= 0 && at < args.length - 1) throw new TypeError(`${fn}(): the options object must be the last argument`);
  // One argument past the optional ones sits where the options go (checked as options).
  if (at < 0 && args.length === names.length + 1) at = names.length;
  const positional = at >= 0 ? args.slice(0, at) : args;
  if (positional.length > names.length) {
    throw new TypeError(
      `${fn}(): takes at most ${names.length} optional argument${names.length === 1 ? "" : "s"} (${names.join(", ")}) before the options, but got ${positional.length}`,
    );
  }
  const out: Record<string, unknown> = {
    ...checkOptionsObject<Record<string, unknown>>(args[at], fn, [...names, ...extra]),
  };
  positional.forEach((v, i) => {
    if (v === undefined) return;
    const name = names[i]!;
    if (out[name] !== undefined) throw new TypeError(`${fn}(): got multiple values for argument '${name}'`);
    out[name] = v;
  });
  for (const [k, v] of Object.entries(defaults)) if (out[k] === undefined) out[k] = v;
  return out;
}
