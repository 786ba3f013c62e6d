// Rows: the runtime, memory, printing, creation, random numbers, and the
// Tensor members that are not ops.

import * as torch from "../../src/index.js";
import { Tensor } from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, method, none, op, prop } from "./table.js";

const f32 = (...s: number[]) => torch.zeros(s);
/** [[[...[1]...]]], `depth` arrays deep. */
function nested(depth: number): unknown {
  let v: unknown = [1];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

// ---- runtime, memory, printing ------------------------------------------------------

fn(
  "torch.init",
  torch.init,
  null,
  [
    c(
      "unknown option",
      (f) => f({ nope: 1 }),
      TypeError,
      /init\(options\): unknown option "nope" \(expected wasm, threads, simd, maxMemory, leakCheck\)/,
    ),
    c(
      "simd not a known flavour",
      (f) => f({ simd: "fast" }),
      TypeError,
      /simd must be "auto", "relaxed" or "baseline", but got "fast"/,
    ),
    c(
      "threads not a positive integer",
      (f) => f({ threads: 0 }),
      TypeError,
      /threads must be a positive integer, but got 0/,
    ),
    c("threads NaN", (f) => f({ threads: NaN }), TypeError, /threads must be a positive integer, but got NaN/),
    c(
      "threads negative (PyTorch: set_num_threads expects a positive integer)",
      (f) => f({ threads: -1 }),
      TypeError,
      /threads must be a positive integer, but got -1/,
    ),
    c(
      "threads 2^31 (past the cap of 32)",
      (f) => f({ threads: 2 ** 31 }),
      RangeError,
      /init\(options\): threads must be at most 32 \(an op is cut into at most 32 chunks\), but got 2147483648/,
    ),
    c("threads 33", (f) => f({ threads: 33 }), RangeError, /threads must be at most 32/),
    c("threads 1e300", (f) => f({ threads: 1e300 }), RangeError, /threads must be at most 32 .*but got 1e\+300/),
    c(
      "threads Infinity",
      (f) => f({ threads: Infinity }),
      TypeError,
      /threads must be a positive integer, but got Infinity/,
    ),
    c("threads a string", (f) => f({ threads: "2" }), TypeError, /threads must be a positive integer, but got 2/),
    c("options not an object", (f) => f(5), TypeError, /options must be an object, but got number/),
    c(
      "wasm not a module, bytes, URL or Response",
      (f) => f({ wasm: 5 }),
      TypeError,
      /expected a WebAssembly.Module, bytes/,
    ),
    c(
      "wasm bytes that are not wasm",
      (f) => f({ wasm: new Uint8Array([1, 2, 3]) }),
      Error,
      /WebAssembly.compile|magic|expected/,
    ),
    c("maxMemory not a byte count", (f) => f({ maxMemory: "128MB" }), TypeError, /maxMemory must be a number of bytes/),
    c(
      "leakCheck not a boolean",
      (f) => f({ leakCheck: "off" }),
      TypeError,
      /init\(options\): leakCheck must be a boolean, but got string/,
    ),
    c(
      "maxMemory below the initial memory",
      (f) => f({ maxMemory: 1000 }),
      RangeError,
      /maxMemory must be at least .* bytes/,
    ),
  ],
  { noSweep: "a valid variant would start a new generation and invalidate the fixtures; the cases are explicit" },
);

fn("torch.backendInfo", torch.backendInfo, () => [], [], { none: "no arguments" });
fn("torch.memory", torch.memory, () => [], [], { none: "no arguments" });
fn("torch.isGradEnabled", torch.isGradEnabled, () => [], [], { none: "no arguments" });

fn("torch.tidy", torch.tidy, () => [() => torch.ones(2)], [
  c("fn not a function", (f) => f(5), TypeError, /tidy\(fn\): fn must be a function/),
  c("name without fn", (f) => f("step"), TypeError, /tidy\(fn\): fn must be a function/),
  c("async fn", (f) => f(async () => 1), TypeError, /fn must be synchronous; it returned a Promise/),
  c(
    "returns a WeakMap holding tensors (their tensors are freed)",
    (f) => f(() => ({ w: new WeakMap([[{}, torch.ones(2)]]) })),
    TypeError,
    /tidy\(fn\): cannot look inside a WeakMap for tensors to keep; return its tensors in an array, object, Map or Set/,
  ),
  c(
    "returns a WeakSet nested in an array",
    (f) => f(() => [[new WeakSet([torch.ones(2)])]]),
    TypeError,
    /tidy\(fn\): cannot look inside a WeakSet/,
  ),
  c(
    "fn throws: its tensors are freed, the error passes through",
    (f) =>
      f(() => {
        torch.ones(100);
        throw new RangeError("thrown by fn itself");
      }),
    RangeError,
    /^thrown by fn itself$/,
  ),
]);

fn("torch.dispose", torch.dispose, () => [[torch.ones(2), { x: torch.ones(1) }]], [], {
  none: "accepts anything: tensors inside are disposed, other values ignored (the sweep still runs)",
  keeps: true,
});

fn("torch.noGrad", torch.noGrad, () => [() => F.a.mul(2)], [
  c("fn not a function", (f) => f(null), TypeError, /noGrad\(fn\): fn must be a function/),
  c("async fn", (f) => f(async () => 1), TypeError, /noGrad\(fn\): fn must be synchronous/),
  c(
    "fn throws: grad mode comes back",
    (f) =>
      f(() => {
        throw new Error("thrown by fn itself");
      }),
    Error,
    /^thrown by fn itself$/,
  ),
]);
fn("torch.enableGrad", torch.enableGrad, () => [() => F.a.mul(2)], [
  c("fn not a function", (f) => f("x"), TypeError, /enableGrad\(fn\): fn must be a function/),
]);
/** `set` called with the row's arguments, then `restore` run whatever happened, so a row leaves the global as it was. */
const restoring =
  (set: (v: unknown) => unknown, restore: () => void) =>
  (v: unknown): unknown => {
    try {
      return set(v);
    } finally {
      restore();
    }
  };
/** A setter `name(arg)` given a number and nothing, where PyTorch wants a boolean. */
const flagCases = (name: string, arg: string) => [
  c(
    `${arg} not a boolean`,
    (f) => f(1),
    TypeError,
    new RegExp(`${name}\\(${arg}\\): ${arg} must be a boolean, but got number`),
  ),
  c(`${arg} missing`, (f) => f(), TypeError, new RegExp(`${arg} must be a boolean, but got undefined`)),
];
// The boolean switches, each set back on after its row.
for (const [name, arg] of [
  ["setGradEnabled", "flag"],
  ["setLeakCheck", "on"],
] as const)
  fn(
    `torch.${name}`,
    restoring(
      (v) => torch[name](v as boolean),
      () => torch[name](true),
    ),
    () => [true],
    flagCases(name, arg),
  );

fn(
  "torch.setPrintOptions",
  restoring(
    (o) => torch.setPrintOptions(o as never),
    () => torch.setPrintOptions({ profile: "default" }),
  ),
  () => [{ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null, profile: "default" }],
  [
    c("unknown option", (f) => f({ digits: 2 }), TypeError, /setPrintOptions\(\): unknown option "digits"/),
    c(
      "precision negative",
      (f) => f({ precision: -1 }),
      TypeError,
      /precision must be a non-negative integer, but got -1/,
    ),
    c(
      "threshold NaN",
      (f) => f({ threshold: NaN }),
      TypeError,
      /threshold must be a non-negative integer or Infinity, but got NaN/,
    ),
    c(
      "profile unknown",
      (f) => f({ profile: "long" }),
      TypeError,
      /profile must be "default", "short" or "full", but got "long"/,
    ),
    c(
      "sciMode not a boolean",
      (f) => f({ sciMode: "yes" }),
      TypeError,
      /sciMode must be a boolean or null, but got yes/,
    ),
  ],
);

fn("torch.promoteTypes", torch.promoteTypes, () => ["float32", "int32"], [
  c(
    "unknown dtype",
    (f) => f("complex64", "float32"),
    TypeError,
    /promoteTypes\(\): type1 must be one of "float32", "float64", "int64", "int32", "bool", .*but got "complex64"/,
  ),
  c("dtype missing", (f) => f("float32"), TypeError, /promoteTypes\(\): type2 must be one of/),
]);

// ---- creation --------------------------------------------------------------------------

const sizeCases = (name: string) => [
  c(
    "negative size",
    (f: (...a: unknown[]) => unknown) => f(2, -1),
    RangeError,
    /Trying to create tensor with negative dimension -1: \[2, -1\]/,
  ),
  c(
    "non-integer size",
    (f: (...a: unknown[]) => unknown) => f(2.5),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'size' must be tuple of ints, but found element of type float at pos 0`),
  ),
  c(
    "NaN size",
    (f: (...a: unknown[]) => unknown) => f(NaN),
    TypeError,
    /must be tuple of ints, but found element of type float at pos 0/,
  ),
  c(
    "Infinity size",
    (f: (...a: unknown[]) => unknown) => f([2, Infinity]),
    TypeError,
    /must be tuple of ints, but found element of type float at pos 1/,
  ),
  c(
    "string size",
    (f: (...a: unknown[]) => unknown) => f("3"),
    TypeError,
    /must be tuple of ints, but found element of type str at pos 0/,
  ),
  c(
    "null size",
    (f: (...a: unknown[]) => unknown) => f(null),
    TypeError,
    /must be tuple of ints, but found element of type NoneType at pos 0/,
  ),
  c(
    "more than 2^32 elements",
    (f: (...a: unknown[]) => unknown) => f(65536, 65537),
    RangeError,
    /has 4295032832 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
  c(
    "2^31 elements (bool)",
    (f: (...a: unknown[]) => unknown) => f(2 ** 31, { dtype: "bool" }),
    RangeError,
    /tensor of shape \[2147483648\] has 2147483648 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
  c(
    "2^31 - 16 elements (bool): past the SIMD margin",
    (f: (...a: unknown[]) => unknown) => f(2 ** 31 - 16, { dtype: "bool" }),
    RangeError,
    /has 2147483632 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
  c(
    "2^31 elements over three dims",
    (f: (...a: unknown[]) => unknown) => f([1024, 1024, 2048]),
    RangeError,
    /has 2147483648 elements/,
  ),
  c(
    "a size past the limit beside a 0",
    (f: (...a: unknown[]) => unknown) => f(0, 2 ** 40),
    RangeError,
    /tensor of shape \[0, 1099511627776\] has a size of 1099511627776, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
  c(
    "1e300 beside a 0 (not an exact integer)",
    (f: (...a: unknown[]) => unknown) => f(0, 1e300),
    TypeError,
    /must be tuple of ints, but found element of type int at pos 1/,
  ),
  c(
    "2^53 beside a 0",
    (f: (...a: unknown[]) => unknown) => f([2 ** 53, 0]),
    TypeError,
    /must be tuple of ints, but found element of type int at pos 0/,
  ),
  c(
    "more bytes than wasm memory holds",
    (f: (...a: unknown[]) => unknown) => f(2 ** 30, { dtype: "float64" }),
    RangeError,
    /out of memory: could not allocate 8589934592 bytes/,
  ),
  c(
    "options before the sizes",
    (f: (...a: unknown[]) => unknown) => f({ dtype: "float64" }, 2),
    TypeError,
    new RegExp(`${name}\\(\\): the options object must come last, after the sizes`),
  ),
  c(
    "unknown option",
    (f: (...a: unknown[]) => unknown) => f(2, { dtyp: "float32" }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "dtyp" \\(expected dtype, requiresGrad`),
  ),
  c(
    "unknown dtype",
    (f: (...a: unknown[]) => unknown) => f(2, { dtype: "complex64" }),
    TypeError,
    /dtype must be one of "float32", "float64", "int64", "int32", "bool", .*but got "complex64"/,
  ),
  c(
    "requiresGrad not a boolean",
    (f: (...a: unknown[]) => unknown) => f(2, { requiresGrad: 1 }),
    TypeError,
    /requiresGrad must be a boolean, but got int/,
  ),
  c(
    "requiresGrad on an integer dtype",
    (f: (...a: unknown[]) => unknown) => f(2, { dtype: "int32", requiresGrad: true }),
    TypeError,
    /only Tensors of floating point dtype can require gradients/,
  ),
];

for (const name of ["zeros", "ones", "empty"] as const)
  fn(`torch.${name}`, torch[name], () => [2, 3, { dtype: "float32", requiresGrad: false }], sizeCases(name));

for (const name of ["rand", "randn"] as const) {
  fn(
    `torch.${name}`,
    torch[name],
    () => [2, 3, { dtype: "float32", requiresGrad: false, generator: new torch.Generator(1) }],
    [
      ...sizeCases(name).filter((k) => k.what !== "requiresGrad on an integer dtype" && k.what !== "unknown option"),
      c(
        "unknown option",
        (f) => f(2, { seed: 1 }),
        TypeError,
        new RegExp(`${name}\\(\\): unknown option "seed" \\(expected dtype, requiresGrad, generator\\)`),
      ),
      c(
        "integer dtype",
        (f) => f(2, { dtype: "int64" }),
        TypeError,
        name === "rand"
          ? /"check_uniform_bounds" not implemented for 'Long'/
          : /"normal_kernel_cpu" not implemented for 'Long'/,
      ),
      c(
        "generator not a Generator",
        (f) => f(2, { generator: 1 }),
        TypeError,
        new RegExp(`${name}\\(\\): generator must be a torch.Generator, but got number`),
      ),
    ],
  );
}

fn("torch.full", torch.full, () => [[2, 3], 1.5, { dtype: "float32", requiresGrad: false }], [
  c(
    "value missing",
    (f) => f([2]),
    TypeError,
    /full\(\): argument 'fill_value' must be a number or a boolean, but got NoneType/,
  ),
  c(
    "value a string",
    (f) => f([2], "1"),
    TypeError,
    /argument 'fill_value' must be a number or a boolean, but got str/,
  ),
  c(
    "value overflows int32",
    (f) => f([2], 2 ** 31, { dtype: "int32" }),
    RangeError,
    /value cannot be converted to type int without overflow/,
  ),
  c(
    "value overflows float32",
    (f) => f([2], 1e39, { dtype: "float32" }),
    RangeError,
    /value cannot be converted to type float without overflow/,
  ),
  c("negative size", (f) => f([-2], 1), RangeError, /negative dimension -2/),
  c("unknown option", (f) => f([2], 1, { device: "cpu" }), TypeError, /full\(\): unknown option "device"/),
]);

fn("torch.eye", torch.eye, () => [2, 3, { dtype: "float32", requiresGrad: false }], [
  c("negative n", (f) => f(-1), RangeError, /n must be greater or equal to 0, got -1/),
  c("non-integer m", (f) => f(2, 1.5), TypeError, /eye\(\): argument 'm' must be int, not float/),
  c("n missing", (f) => f(), TypeError, /eye\(\): argument 'n' must be int, not NoneType/),
  c(
    "too many elements",
    (f) => f(70000, 70000),
    RangeError,
    /more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
  c("m given twice", (f) => f(2, 3, { m: 4 } as never), TypeError, /eye\(\): got multiple values for argument 'm'/),
  c(
    "options before m",
    (f) => f(2, { m: 3 }, { dtype: "float64" }),
    TypeError,
    /eye\(\): the options object must be the last argument/,
  ),
]);

const likeCases = (name: string) => [
  c(
    "input not a tensor",
    (f: (...a: unknown[]) => unknown) => f([1, 2]),
    TypeError,
    new RegExp(`${name}\\(\\): argument 'input' must be a Tensor, but got list`),
  ),
  c(
    "disposed input",
    (f: (...a: unknown[]) => unknown) => f(J.disposed),
    Error,
    /was disposed and can no longer be used/,
  ),
  c(
    "input of an earlier init()",
    (f: (...a: unknown[]) => unknown) => f(J.stale),
    Error,
    /belongs to an earlier torchlet instance/,
  ),
  c(
    "unknown option",
    (f: (...a: unknown[]) => unknown) => f(F.b, { shape: [2] }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "shape"`),
  ),
];
fn("torch.zerosLike", torch.zerosLike, () => [F.tr, { dtype: "float64", requiresGrad: true }], likeCases("zerosLike"));
fn("torch.onesLike", torch.onesLike, () => [F.tr, { dtype: "float64", requiresGrad: true }], likeCases("onesLike"));
fn("torch.emptyLike", torch.emptyLike, () => [F.tr, { dtype: "float64", requiresGrad: true }], likeCases("emptyLike"));
fn("torch.fullLike", torch.fullLike, () => [F.tr, 2, { dtype: "float64", requiresGrad: true }], [
  ...likeCases("fullLike").map((k) => ({
    ...k,
    run: (f: (...a: unknown[]) => unknown, made: unknown[]) => k.run((x: unknown, o?: unknown) => f(x, 1, o), made),
  })),
  c(
    "value overflows the input's int64",
    (f) => f(F.idx, 1e20),
    RangeError,
    /value cannot be converted to type int64_t without overflow/,
  ),
  c(
    "value not a number",
    (f) => f(F.b, null),
    TypeError,
    /fullLike\(\): argument 'fill_value' must be a number or a boolean, but got NoneType/,
  ),
]);
// The random *Like functions: each refuses a dtype its kernel lacks.
for (const [name, refused] of [
  ["randLike", c("integer input", (f) => f(F.idx), TypeError, /"check_uniform_bounds" not implemented for 'Long'/)],
  ["randnLike", c("bool input", (f) => f(F.mask), TypeError, /"normal_kernel_cpu" not implemented for 'Bool'/)],
] as const)
  fn(
    `torch.${name}`,
    torch[name],
    () => [F.tr, { dtype: "float64", requiresGrad: true, generator: new torch.Generator(2) }],
    [...likeCases(name), refused],
  );

fn(
  "torch.tensor",
  torch.tensor,
  () => [
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: "float32", requiresGrad: true },
  ],
  [
    c("ragged nested arrays", (f) => f([[1, 2], [3]]), RangeError, /expected sequence of length 2 at dim 1 \(got 1\)/),
    c(
      "ragged: a number where a list was",
      (f) => f([[1, 2], 3]),
      TypeError,
      /not a sequence: expected a sequence of length 2 at dim 1, but got number/,
    ),
    c(
      "ragged: a list where a number was",
      (f) => f([1, [2]]),
      RangeError,
      /expected a number at dim 1, but got a sequence of length 1/,
    ),
    c("a string element", (f) => f([1, "2"]), TypeError, /Could not infer dtype of string/),
    c("an object element", (f) => f([{}]), TypeError, /Could not infer dtype of Object/),
    c("undefined", (f) => f(undefined), TypeError, /Could not infer dtype of undefined/),
    c("null", (f) => f(null), TypeError, /Could not infer dtype of null/),
    c("a bigint past int64", (f) => f([2n ** 63n]), RangeError, /Overflow when unpacking long/),
    c(
      "integer data, requiresGrad, dtype int32",
      (f) => f([1], { dtype: "int32", requiresGrad: true }),
      TypeError,
      /only Tensors of floating point dtype can require gradients/,
    ),
    c("unknown option", (f) => f([1], { shape: [1] }), TypeError, /tensor\(\): unknown option "shape"/),
    c("a disposed tensor", (f) => f(J.disposed), Error, /was disposed/),
    c(
      "a list nested 100,000 deep (PyTorch: too many dimensions)",
      (f) => f(nested(100_000)),
      RangeError,
      /too many dimensions 'Array' \(torch.tensor reads at most 128 nested levels\)/,
    ),
    c("a list nested 129 deep", (f) => f(nested(129)), RangeError, /too many dimensions 'Array'/),
    c(
      "a list that contains itself",
      (f) => {
        const a: unknown[] = [];
        a.push(a);
        return f(a);
      },
      RangeError,
      /too many dimensions 'Array'/,
    ),
    c(
      "a bigint below int64, nested",
      (f) => f([[1n], [-(2n ** 63n) - 1n]]),
      RangeError,
      /Overflow when unpacking long/,
    ),
    c(
      "NaN as int32 (the tensor made is freed)",
      (f) => f([1, NaN], { dtype: "int32" }),
      RangeError,
      /value cannot be converted to type int32 without overflow/,
    ),
  ],
);

fn(
  "torch.fromArray",
  torch.fromArray,
  () => [new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], { dtype: "float32", requiresGrad: false }],
  [
    c(
      "values not an array",
      (f) => f(5),
      TypeError,
      /fromArray\(\): values must be an array or typed array, but got number/,
    ),
    c(
      "shape holds a different count",
      (f) => f([1, 2, 3], [2, 2]),
      RangeError,
      /fromArray\(\): shape \[2, 2\] holds 4 elements, but 3 values were given/,
    ),
    c("negative size", (f) => f([1], [-1]), RangeError, /negative dimension -1/),
    c(
      "non-integer size",
      (f) => f([1], [0.5]),
      TypeError,
      /fromArray\(\): argument 'size' must be tuple of ints, but found element of type float/,
    ),
    c(
      "value overflows int32",
      (f) => f([1e10], [1], { dtype: "int32" }),
      RangeError,
      /value cannot be converted to type int32 without overflow/,
    ),
  ],
);

fn("torch.arange", torch.arange, () => [0, 6, 2, { dtype: "float32", requiresGrad: false }], [
  c(
    "no bounds",
    (f) => f(),
    TypeError,
    /arange\(\) takes 1 to 3 numbers \(end \| start, end \| start, end, step\), but got 0/,
  ),
  c("step 0", (f) => f(0, 5, 0), RangeError, /step must be nonzero/),
  c(
    "step against the bounds",
    (f) => f(0, 5, -1),
    RangeError,
    /upper bound and larger bound inconsistent with step sign/,
  ),
  c("infinite end", (f) => f(0, Infinity), RangeError, /unsupported range: 0 -> inf/),
  c("NaN start", (f) => f(NaN, 5), RangeError, /unsupported range: nan -> 5/),
  c("bool dtype", (f) => f(5, { dtype: "bool" }), TypeError, /"arange_cpu" not implemented for 'Bool'/),
  c("string bound", (f) => f("5"), TypeError, /arange\(\): argument 'end' must be a number, not str/),
  c("more than 2^32 elements", (f) => f(0, 1e10, { dtype: "float64" }), RangeError, /more than torchlet's limit/),
  c(
    "2^31 elements",
    (f) => f(2 ** 31, { dtype: "float64" }),
    RangeError,
    /has 2147483648 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
  ),
]);

fn("torch.linspace", torch.linspace, () => [0, 1, 5, { dtype: "float32", requiresGrad: false }], [
  c("negative steps", (f) => f(0, 1, -1), RangeError, /number of steps must be non-negative/),
  c("non-integer steps", (f) => f(0, 1, 2.5), TypeError, /linspace\(\): argument 'steps' must be int, not float/),
  c("steps missing", (f) => f(0, 1), TypeError, /linspace\(\): argument 'steps' must be int, not NoneType/),
  c("start not a number", (f) => f("0", 1, 2), TypeError, /linspace\(\): argument 'start' must be a number, not str/),
  c("bool dtype", (f) => f(0, 1, 2, { dtype: "bool" }), TypeError, /"linspace_cpu" not implemented for 'Bool'/),
]);

// ---- random ------------------------------------------------------------------------------

fn(
  "torch.randint",
  torch.randint,
  () => [0, 10, [2, 3], { dtype: "int32", requiresGrad: false, generator: new torch.Generator(3) }],
  [
    c(
      "size missing",
      (f) => f(10),
      TypeError,
      /randint\(\): argument 'size' must be an array of integers, but got nothing/,
    ),
    c(
      "low >= high",
      (f) => f(5, 5, [2]),
      RangeError,
      /random_ expects 'from' to be less than 'to', but got from=5 >= to=5/,
    ),
    c("non-integer size", (f) => f(10, [1.5]), TypeError, /randint\(\): size must contain integers, but got 1.5/),
    c("negative size", (f) => f(10, [-1]), RangeError, /negative dimension -1/),
    c("high not a number", (f) => f("10", [2]), TypeError, /randint\(\) takes \(high, size\) or \(low, high, size\)/),
    c("unknown option", (f) => f(10, [2], { seed: 1 }), TypeError, /randint\(\): unknown option "seed"/),
    c(
      "2^31 elements",
      (f) => f(10, [2 ** 16, 2 ** 15]),
      RangeError,
      /has 2147483648 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
    ),
    c(
      "a size past the limit beside a 0",
      (f) => f(10, [2 ** 33, 0]),
      RangeError,
      /tensor of shape \[8589934592\] has 8589934592 elements/,
    ),
  ],
);
fn(
  "torch.randintLike",
  torch.randintLike,
  () => [F.tr, 0, 10, { dtype: "float32", requiresGrad: false, generator: new torch.Generator(3) }],
  [
    c("high missing", (f) => f(F.b), TypeError, /randintLike\(\) takes \(high\) or \(low, high\)/),
    c(
      "low >= high",
      (f) => f(F.b, 3, 1),
      RangeError,
      /random_ expects 'from' to be less than 'to', but got from=3 >= to=1/,
    ),
    c("input not a tensor", (f) => f([1], 3), TypeError, /randintLike\(\): argument 'input' must be a Tensor/),
  ],
);
fn(
  "torch.randperm",
  torch.randperm,
  () => [5, { dtype: "int32", requiresGrad: false, generator: new torch.Generator(4) }],
  [
    c("negative n", (f) => f(-1), RangeError, /negative dimension -1/),
    c("non-integer n", (f) => f(2.5), TypeError, /randperm\(\): argument 'n' must be an integer, but got 2.5/),
    c("bool dtype", (f) => f(3, { dtype: "bool" }), TypeError, /"randperm" not implemented for 'Bool'/),
    c(
      "n of 2^31",
      (f) => f(2 ** 31),
      RangeError,
      /tensor of shape \[2147483648\] has 2147483648 elements, more than torchlet's limit of 2147418112 \(2\^31 - 2\^16\): its kernels count elements in int32/,
    ),
  ],
);
op(
  "bernoulli",
  () => [F.p, { generator: new torch.Generator(5) }],
  [
    c(
      "probabilities outside [0, 1]",
      (f) => f(F.b),
      RangeError,
      /Expected p_in >= 0 && p_in <= 1 to be true, but got false./,
    ),
    c("p outside [0, 1]", (f) => f(F.p, { p: 2 }), RangeError, /bernoulli_ expects p to be in \[0, 1\], but got p=2/),
    c(
      "unknown option",
      (f) => f(F.p, { prob: 0.5 }),
      TypeError,
      /bernoulli\(\): unknown option "prob" \(expected p, generator\)/,
    ),
    c("input not a tensor", (f) => f(0.5), TypeError, /bernoulli\(\): argument 'input' must be a Tensor/),
  ],
  { method: false },
);
method("bernoulli_", () => [f32(2, 3), 0.5, { generator: new torch.Generator(6) }], [
  c("p outside [0, 1]", (f) => f(f32(2), 1.5), RangeError, /bernoulli_ expects p to be in \[0, 1\], but got p=1.5/),
  c("p not a number", (f) => f(f32(2), "0.5"), TypeError, /bernoulli_\(\): p must be a number, but got string/),
  c(
    "leaf that requires grad",
    (f) => f(F.a),
    Error,
    /a leaf Variable that requires grad is being used in an in-place operation/,
  ),
  c(
    "unknown option",
    (f) => f(f32(2), 0.5, { seed: 1 }),
    TypeError,
    /bernoulli_\(\): unknown option "seed" \(expected p, generator\)/,
  ),
  c(
    "p given twice",
    (f) => f(f32(2), 0.5, { p: 0.2 }),
    TypeError,
    /bernoulli_\(\): got multiple values for argument 'p'/,
  ),
]);
method("uniform_", () => [f32(2, 3), 0, 1, { generator: new torch.Generator(7) }], [
  c(
    "from > to",
    (f) => f(f32(2), 2, 1),
    RangeError,
    /uniform_ expects to return a \[from, to\) range, but found from=2 > to=1/,
  ),
  c(
    "bound not a number",
    (f) => f(f32(2), "0"),
    TypeError,
    /uniform_\(\): argument 'from' must be a number, but got string/,
  ),
  c("leaf that requires grad", (f) => f(F.a), Error, /a leaf Variable that requires grad/),
  c(
    "integer tensor",
    (f) => f(torch.zeros(2, { dtype: "int64" })),
    TypeError,
    /"check_uniform_bounds" not implemented for 'Long'/,
  ),
  c(
    "unknown option",
    (f) => f(f32(2), 0, 1, { seed: 1 }),
    TypeError,
    /uniform_\(\): unknown option "seed" \(expected from, to, generator\)/,
  ),
  c(
    "from given twice",
    (f) => f(f32(2), 0, { from: 1 }),
    TypeError,
    /uniform_\(\): got multiple values for argument 'from'/,
  ),
  c(
    "options before a bound",
    (f) => f(f32(2), { from: 0 }, 1),
    TypeError,
    /uniform_\(\): the options object must be the last argument/,
  ),
]);
method("normal_", () => [f32(2, 3), 0, 1, { generator: new torch.Generator(8) }], [
  c("negative std", (f) => f(f32(2), 0, -1), RangeError, /normal expects std >= 0.0, but found std -1/),
  c("NaN std", (f) => f(f32(2), 0, NaN), RangeError, /normal expects std >= 0.0, but found std nan/),
  c(
    "mean not a number",
    (f) => f(f32(2), null),
    TypeError,
    /normal_\(\): argument 'mean' must be a number, but got null/,
  ),
  c(
    "unknown option",
    (f) => f(f32(2), 0, 1, { seed: 1 }),
    TypeError,
    /normal_\(\): unknown option "seed" \(expected mean, std, generator\)/,
  ),
  c(
    "std given twice",
    (f) => f(f32(2), 0, 1, { std: 2 }),
    TypeError,
    /normal_\(\): got multiple values for argument 'std'/,
  ),
  c(
    "a number where the options go",
    (f) => f(f32(2), 0, 1, 2),
    TypeError,
    /normal_\(\): options must be an object, but got number/,
  ),
  c(
    "too many numbers",
    (f) => f(f32(2), 0, 1, 2, {}),
    TypeError,
    /normal_\(\): takes at most 2 optional arguments \(mean, std\) before the options, but got 3/,
  ),
]);

fn("torch.manualSeed", torch.manualSeed, () => [0], [
  c(
    "non-integer seed",
    (f) => f(1.5),
    TypeError,
    /manualSeed\(\): seed must be an integer \(a number or a bigint\), but got 1.5/,
  ),
  c("seed past 2^64", (f) => f(2n ** 64n), RangeError, /Overflow when unpacking long/),
  c("seed a string", (f) => f("1"), TypeError, /seed must be an integer \(a number or a bigint\), but got string/),
]);
fn("torch.setRngState", torch.setRngState, () => [torch.getRngState()], [
  c(
    "wrong length",
    (f) => f(new Uint8Array(3)),
    TypeError,
    /setState\(\): expected a Uint8Array of \d+ bytes from getState\(\), but got a Uint8Array of 3 bytes/,
  ),
  c("not bytes", (f) => f([1, 2]), TypeError, /expected a Uint8Array of \d+ bytes from getState\(\), but got Array/),
]);
fn("torch.seed", torch.seed, () => [], [], { none: "no arguments" });
fn("torch.initialSeed", torch.initialSeed, () => [], [], { none: "no arguments" });
fn("torch.getRngState", torch.getRngState, () => [], [], { none: "no arguments" });

fn(
  "new Generator",
  (s?: unknown) => new torch.Generator(s as number),
  () => [42],
  [c("non-integer seed", (f) => f(0.5), TypeError, /Generator\(\): seed must be an integer/)],
);
const gen = () => new torch.Generator(1);
fn(
  "Generator.manualSeed",
  (g: torch.Generator, s: unknown) => g.manualSeed(s as number),
  () => [gen(), 3],
  [
    c(
      "NaN seed",
      (f) => f(gen(), NaN),
      TypeError,
      /manualSeed\(\): seed must be an integer \(a number or a bigint\), but got NaN/,
    ),
    c("seed below -2^63", (f) => f(gen(), -(2n ** 63n) - 1n), RangeError, /Overflow when unpacking long/),
  ],
  { receiver: true },
);
fn(
  "Generator.setState",
  (g: torch.Generator, s: unknown) => g.setState(s as Uint8Array),
  () => [gen(), gen().getState()],
  [c("wrong length", (f) => f(gen(), new Uint8Array(10)), TypeError, /expected a Uint8Array of \d+ bytes/)],
  { receiver: true },
);
none(["Generator.seed", "Generator.initialSeed", "Generator.getState", "Generator.toString"], "no arguments");

// ---- Tensor members that are not ops ---------------------------------------------------------

fn("new Tensor", (...a: unknown[]) => new (Tensor as unknown as new (...x: unknown[]) => Tensor)(...a), null, [
  c(
    "called by user code (PyTorch's torch.Tensor(data))",
    (f) => f([1, 2]),
    TypeError,
    /new Tensor\(\) is internal: make tensors with torch.tensor\(data\)/,
  ),
  c("called without arguments", (f) => f(), TypeError, /new Tensor\(\) is internal/),
]);

const metadata = { metadata: true };
method(
  "size",
  () => [F.b, 1],
  [
    c(
      "dim out of range",
      (f) => f(F.b, 2),
      RangeError,
      /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    ),
    c("dim not an integer", (f) => f(F.b, 0.5), TypeError, /dim must be an integer, but got 0.5/),
    c("dim of a 0-d tensor", (f) => f(F.s, 0), RangeError, /Dimension specified as 0 but tensor has no dimensions/),
  ],
  metadata,
);
method(
  "stride",
  () => [F.b, 1],
  [
    c(
      "dim out of range",
      (f) => f(F.b, -3),
      RangeError,
      /Dimension out of range \(expected to be in range of \[-2, 1\], but got -3\)/,
    ),
    c("dim a string", (f) => f(F.b, "0"), TypeError, /dim must be an integer, but got "0"/),
  ],
  metadata,
);
for (const m of ["dim", "numel", "storageOffset", "isContiguous"])
  method(m, () => [F.b], [], { ...metadata, none: "no arguments; reads only metadata (works on a disposed tensor)" });
for (const p of ["strides", "ndim", "isDisposed", "gradFn", "isLeaf", "retainsGrad"])
  prop("Tensor", p, [], { ...metadata, none: "a getter of metadata" });

method("item", () => [F.s], [
  c("more than one element", (f) => f(F.b), RangeError, /a Tensor with 6 elements cannot be converted to Scalar/),
  c(
    "disposed",
    (f) => f(J.disposed),
    Error,
    /this tensor \(shape \[2, 3\], float32\) was disposed and can no longer be used/,
  ),
  c(
    "of an earlier init()",
    (f) => f(J.stale),
    Error,
    /this tensor belongs to an earlier torchlet instance \(init generation \d+; the current one is \d+\) and can no longer be used/,
  ),
]);
method("toArray", () => [F.tr], [c("disposed", (f) => f(J.disposed), Error, /was disposed/)]);
method("tolist", () => [F.tr], [c("of an earlier init()", (f) => f(J.stale), Error, /earlier torchlet instance/)]);
method("toJSON", () => [F.tr], [c("of an earlier init()", (f) => f(J.stale), Error, /earlier torchlet instance/)]);
method("toString", () => [F.tr], [c("of an earlier init()", (f) => f(J.stale), Error, /earlier torchlet instance/)]);
method("dispose", () => [torch.ones(2)], [], { none: "no arguments; disposing twice is harmless", keeps: true });

prop(
  "Tensor",
  "requiresGrad",
  [
    c(
      "set on an integer tensor",
      (f) => f(torch.zeros(2, { dtype: "int32" }), true),
      TypeError,
      /only Tensors of floating point dtype can require gradients \(got torch.int32\)/,
    ),
    c(
      "set to a non-boolean",
      (f) => f(torch.zeros(2), 1),
      TypeError,
      /requiresGrad_\(flag\): flag must be a boolean, but got number/,
    ),
    c(
      "set false on a non-leaf",
      (f) => f(F.a.mul(1), false),
      Error,
      /you can only change requires_grad flags of leaf variables/,
    ),
    c("set on a disposed tensor", (f) => f(J.disposed, true), Error, /was disposed/),
  ],
  { setArgs: () => [torch.zeros(2), true] },
);
method("requiresGrad_", () => [torch.zeros(2), true], [
  c(
    "flag not a boolean",
    (f) => f(torch.zeros(2), "yes"),
    TypeError,
    /requiresGrad_\(flag\): flag must be a boolean, but got string/,
  ),
  c(
    "integer tensor",
    (f) => f(F.idx),
    TypeError,
    /only Tensors of floating point dtype can require gradients \(got torch.int64\)/,
  ),
]);
