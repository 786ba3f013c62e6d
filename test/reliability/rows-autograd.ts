// Rows: in-place ops, the autograd members of Tensor, autograd.grad,
// gradcheck, autograd.functional and Node.

import * as torch from "../../src/index.js";
import { F, J, keepAside } from "./harness.js";
import { c, fn, method, none, prop, type Call, type Case } from "./table.js";
import { badHookCase, floatIntoLong, fresh23, inplaceCases, type Rest, restOf } from "./cases.js";

const fresh = () => fresh23();

// ---- in place ----------------------------------------------------------------------------

const inplaceCommon = (restArgs: Rest): Case[] => {
  const rest = restOf(restArgs);
  return [
    ...inplaceCases(rest),
    c(
      "an output of unbind (returns several views) of a tensor that requires grad",
      (f) => f(F.a.mul(1).unbind(0)[1], ...rest()),
      Error,
      /^Output 1 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function that returns multiple views./,
    ),
    c(
      "a view made under noGrad of a tensor that requires grad",
      (f) => {
        const y = F.a.mul(1);
        return f(
          torch.noGrad(() => y.select(0, 0)),
          ...rest(),
        );
      },
      Error,
      /^A view was created in no_grad mode and is being modified inplace with grad mode enabled./,
    ),
  ];
};
method("zero_", () => [fresh()], inplaceCommon([]));
method("fill_", () => [fresh(), 2], [
  ...inplaceCommon([1]),
  c(
    "a value tensor with dims",
    (f) => f(fresh(), F.b),
    RangeError,
    /fill_ only supports 0-dimension value tensor but got tensor with 2 dimensions./,
  ),
  c(
    "value a string",
    (f) => f(fresh(), "1"),
    TypeError,
    /fill_\(\): argument 'value' must be a Tensor or a number, but got string/,
  ),
  c(
    "value overflows int32",
    (f) => f(torch.zeros(2, { dtype: "int32" }), 1e10),
    RangeError,
    /value cannot be converted to type int without overflow/,
  ),
]);
method("copy_", () => [fresh(), F.b], [
  ...inplaceCommon(() => [F.b]),
  c(
    "source that does not broadcast",
    (f) => f(fresh(), torch.zeros(4)),
    RangeError,
    /output with shape \[2, 3\] doesn't match the broadcast shape|must match the size of tensor/,
  ),
  c("source disposed", (f) => f(fresh(), J.disposed), Error, /was disposed/),
  c(
    "an expanded destination",
    (f) => f(torch.zeros(1, 3).expand(2, 3), F.b),
    Error,
    /unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone\(\) the tensor before performing the operation./,
  ),
]);
for (const name of ["add_", "sub_"]) {
  method(name, () => [fresh(), F.b, { alpha: 2 }], [
    ...inplaceCommon([1]),
    floatIntoLong("a result that does not fit the destination", 0.5),
    c(
      "other that grows the shape",
      (f) => f(torch.zeros(3), F.b),
      RangeError,
      /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
    ),
    c(
      "unknown option",
      (f) => f(fresh(), 1, { alpah: 2 }),
      TypeError,
      new RegExp(`${name}\\(\\): unknown option "alpah" \\(expected alpha\\)`),
    ),
  ]);
}
method("mul_", () => [fresh(), F.b], [
  ...inplaceCommon([2]),
  c("other a string", (f) => f(fresh(), "2"), TypeError, /must be a Tensor or a number, but got string/),
]);
method("div_", () => [fresh(), F.b, { roundingMode: "trunc" }], [
  ...inplaceCommon([2]),
  floatIntoLong("true division into integers", 2),
  c(
    "unknown rounding mode",
    (f) => f(fresh(), 2, { roundingMode: "nearest" }),
    RangeError,
    /div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'nearest'/,
  ),
]);
method("pow_", () => [fresh(), 2], [
  ...inplaceCommon([2]),
  c(
    "integer to a negative power",
    (f) => f(torch.ones(2, { dtype: "int32" }), -1),
    RangeError,
    /Integers to negative integer powers are not allowed./,
  ),
]);
method("clamp_", () => [fresh(), 0, 2], [
  ...inplaceCommon([0]),
  c("no bound", (f) => f(fresh()), TypeError, /torch.clamp: At least one of 'min' or 'max' must not be None/),
  c(
    "max given twice",
    (f) => f(fresh(), 0, 1, { max: 2 }),
    TypeError,
    /clamp_\(\): (got multiple values for argument 'max'|takes at most 2)/,
  ),
  c(
    "a float bound on integers",
    (f) => f(torch.ones(2, { dtype: "int64" }), 0.5),
    TypeError,
    /result type Float can't be cast to the desired output type long int/,
  ),
]);
/** The unary in-place methods: true where the result is a float (integer tensors refused). */
const unaryInplace: Record<string, boolean> = {
  square_: false,
  neg_: false,
  abs_: false,
  sign_: false,
  sqrt_: true,
  rsqrt_: true,
  exp_: true,
  log_: true,
  log1p_: true,
  expm1_: true,
  erf_: true,
  sin_: true,
  cos_: true,
  tanh_: true,
  sigmoid_: true,
  relu_: false,
  reciprocal_: true,
  floor_: false,
  ceil_: false,
  trunc_: false,
  round_: false,
};
for (const [name, floatOnly] of Object.entries(unaryInplace)) {
  method(name, () => [fresh()], [
    ...inplaceCommon([]),
    ...(floatOnly ? [floatIntoLong("integer tensor (a float result)")] : []),
  ]);
}

// ---- autograd members of Tensor ------------------------------------------------------------

const graph = () => {
  const x = keepAside(torch.ones(3, { requiresGrad: true }));
  return keepAside(x.mul(2)).sum();
};
method("backward", () => [graph(), null, { retainGraph: false, createGraph: false }], [
  c(
    "non-scalar output without a gradient",
    (f) => f(F.a.mul(2)),
    Error,
    /grad can be implicitly created only for scalar outputs/,
  ),
  c(
    "output that does not require grad",
    (f) => f(F.b.sum()),
    Error,
    /element 0 of tensors does not require grad and does not have a grad_fn/,
  ),
  c(
    "gradient of the wrong shape",
    (f) => f(F.a.mul(2), torch.ones(3)),
    RangeError,
    /Mismatch in shape: grad_output\[0\] has a shape of torch.Size\(\[3\]\) and output\[0\] has a shape of torch.Size\(\[2, 3\]\)./,
  ),
  c(
    "gradient not a tensor",
    (f) => f(F.a.sum(), [1] as never),
    TypeError,
    /backward\(\): gradient must be a Tensor or null, but got object/,
  ),
  c(
    "gradient given twice",
    (f) => f(F.a.mul(2), torch.ones(2, 3), { gradient: torch.ones(2, 3) } as never),
    TypeError,
    /backward\(\): got multiple values for argument 'gradient'/,
  ),
  c("gradient disposed", (f) => f(F.a.mul(2), J.disposed), Error, /was disposed/),
  c(
    "a second backward (the .grads are left as they were)",
    (f, [y]) => f(y),
    Error,
    /Trying to backward through the graph a second time/,
    () => {
      const x = torch.ones(3, { requiresGrad: true });
      const y = x.mul(x).sum();
      y.backward();
      return [y, x];
    },
  ),
  c(
    "a hook returning a grad of another shape (the .grads are left as they were)",
    (f, [y]) => f(y),
    RangeError,
    /hook '<anonymous>' has changed the size of value \(was \[2, 3\] got \[5\]\)/,
    () => {
      const y = F.a.mul(2);
      y.registerHook(() => torch.ones(5));
      return [y.sum(), y];
    },
  ),
  c(
    "a leaf's named hook returning a grad of another shape",
    (f, [y]) => f(y),
    RangeError,
    /hook 'widen' has changed the size of value \(was \[3\] got \[1, 3\]\)/,
    () => {
      const x = torch.ones(3, { requiresGrad: true });
      x.registerHook(function widen(g) {
        return g.unsqueeze(0);
      });
      return [x.mul(2).sum(), x];
    },
  ),
  c(
    "a hook returning a grad of another dtype",
    (f, [y]) => f(y),
    Error,
    /hook '<anonymous>' has changed the type of value \(was torch.FloatTensor got torch.DoubleTensor\)/,
    () => {
      const y = F.a.mul(2);
      y.registerHook((g) => torch.tensor(g.tolist() as number[][], { dtype: "float64" }));
      return [y.sum(), y];
    },
  ),
  c(
    "a leaf's hook returning a grad of another dtype",
    (f, [y]) => f(y),
    Error,
    /hook '<anonymous>' has changed the type of value \(was torch.DoubleTensor got torch.FloatTensor\)/,
    () => {
      const x = torch.ones(3, { requiresGrad: true, dtype: "float64" });
      x.registerHook((g) => torch.tensor(g.tolist() as number[], { dtype: "float32" }));
      return [x.mul(2).sum(), x];
    },
  ),
  badHookCase("a hook returning a number", 3, "int"),
  badHookCase("a hook returning an array", [1, 2], "list"),
  c(
    "a hook that calls backward on its own graph",
    (f, [y]) => f(y),
    Error,
    /backward\(\) nested 64 deep: a hook that calls backward\(\) or autograd.grad\(\) on the graph it belongs to/,
    () => {
      const y = F.a.mul(2);
      const loss = y.sum();
      y.registerHook(() => void loss.backward(null, { retainGraph: true }));
      return [loss, y];
    },
  ),
  c(
    "a hook that throws (the .grads are left as they were)",
    (f, [y]) => f(y),
    TypeError,
    /^from the hook$/,
    () => {
      const y = F.a.mul(2);
      y.registerHook(() => {
        throw new TypeError("from the hook");
      });
      return [y.sum(), y];
    },
  ),
  c(
    "unknown option",
    (f) => f(F.a.sum(), null, { retain_graph: true } as never),
    TypeError,
    /backward\(\): unknown option "retain_graph" \(expected gradient, retainGraph, createGraph, inputs\)/,
  ),
  c(
    "retainGraph not a boolean",
    (f) => f(F.a.sum(), null, { retainGraph: 1 } as never),
    TypeError,
    /backward\(\): retainGraph must be a boolean/,
  ),
  c(
    "empty inputs",
    (f) => f(F.a.sum(), null, { inputs: [] }),
    RangeError,
    /'inputs' argument to backward\(\) cannot be empty./,
  ),
  c(
    "inputs not tensors",
    (f) => f(F.a.sum(), null, { inputs: [1] } as never),
    TypeError,
    /backward\(\): inputs must be a Tensor or an array of Tensors/,
  ),
  c(
    "inputs that do not require grad",
    (f) => f(F.a.mul(F.b).sum(), null, { inputs: [F.b] }),
    Error,
    /can't retain_grad on Tensor that has requires_grad=False/,
  ),
  c("on a disposed tensor", (f) => f(J.disposed), Error, /was disposed/),
]);
prop(
  "Tensor",
  "grad",
  [
    c(
      "assigned a grad of another shape",
      (f) => f(torch.zeros(2, { requiresGrad: true }), torch.zeros(3)),
      RangeError,
      /assigned grad has data of a different size \(\[3\], expected \[2\]\)/,
    ),
    c(
      "assigned a grad of another dtype",
      (f) => f(torch.zeros(2, { requiresGrad: true }), torch.zeros(2, { dtype: "float64" })),
      TypeError,
      /assigned grad has data of a different type \(float64, expected float32\)/,
    ),
    c(
      "assigned a number",
      (f) => f(torch.zeros(2, { requiresGrad: true }), 1),
      TypeError,
      /assigned grad must be a Tensor or null/,
    ),
    c(
      "assigned a disposed tensor",
      (f) => f(torch.zeros(2, { requiresGrad: true }), J.disposed),
      Error,
      /was disposed/,
    ),
  ],
  { setArgs: () => [torch.zeros(2, { requiresGrad: true }), torch.ones(2)] },
);
prop(
  "Tensor",
  "data",
  [
    c("assigned a number", (f) => f(fresh(), 1), TypeError, /data must be set to a Tensor/),
    c(
      "assigned another dtype",
      (f) => f(fresh(), F.idx),
      TypeError,
      /data set to a tensor of dtype int64, expected float32/,
    ),
    c("assigned a disposed tensor", (f) => f(fresh(), J.disposed), Error, /was disposed/),
  ],
  { setArgs: () => [fresh(), F.tr] },
);
prop("Tensor", "T", [c("of an earlier init()", (f) => f(J.stale), Error, /earlier torchlet instance/)]);
method("retainGrad", () => [F.a.mul(2)], [
  c(
    "a tensor that does not require grad",
    (f) => f(F.b),
    Error,
    /can't retain_grad on Tensor that has requires_grad=False/,
  ),
]);
method(
  "registerHook",
  () => [F.a.mul(2), (g: unknown) => g],
  [
    c(
      "hook not a function",
      (f) => f(F.a.mul(1), 1 as never),
      TypeError,
      /registerHook\(hook\): hook must be a function/,
    ),
    c(
      "a tensor that does not require grad",
      (f) => f(F.b, () => undefined),
      Error,
      /cannot register a hook on a tensor that doesn't require gradient/,
    ),
  ],
  { keepArgs: { 1: "a hook" } },
);
method("detach", () => [F.a], [c("disposed", (f) => f(J.disposed), Error, /was disposed/)]);
method("detach_", () => [F.a.mul(2)], [
  c("disposed", (f) => f(J.disposed), Error, /was disposed/),
  c("a view", (f) => f(F.a.mul(2).select(0, 0)), Error, /^Can't detach views in-place. Use detach\(\) instead./),
]);

// ---- autograd.grad, gradcheck, functional -----------------------------------------------------

const x64 = (): torch.Tensor => torch.tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
fn(
  "autograd.grad",
  torch.autograd.grad,
  () => {
    const x = keepAside(x64());
    return [keepAside(x.mul(x)).sum(), [x], null, { retainGraph: false, createGraph: false, allowUnused: true }];
  },
  [
    c("empty inputs", (f) => f(F.a.sum(), []), RangeError, /grad requires non-empty inputs./),
    c(
      "an input the output does not use",
      (f) => f(F.a.sum(), [F.d]),
      Error,
      /One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior./,
    ),
    c(
      "an input that does not require grad",
      (f) => f(F.a.sum(), [F.b]),
      Error,
      /One of the differentiated Tensors does not require grad/,
    ),
    c(
      "gradOutputs of another length",
      (f) => f([F.a.sum()], [F.a], [torch.ones([]), torch.ones([])]),
      RangeError,
      /grad_outputs should be a sequence of length 1, got 2/,
    ),
    c(
      "outputs not tensors",
      (f) => f(1 as never, [F.a]),
      TypeError,
      /autograd.grad\(\): outputs must be a Tensor or an array of Tensors/,
    ),
    c("a disposed input", (f) => f(F.a.sum(), [J.disposed]), Error, /was disposed/),
    c(
      "unknown option",
      (f) => f(F.a.sum(), [F.a], null, { retain_graph: true } as never),
      TypeError,
      /autograd.grad\(\): unknown option "retain_graph"/,
    ),
    c(
      "options not an object",
      (f) => f(F.a.sum(), [F.a], null, true as never),
      TypeError,
      /autograd.grad\(\): options must be an object/,
    ),
    c(
      "allowUnused not a boolean",
      (f) => f(F.a.sum(), [F.a], null, { allowUnused: 1 } as never),
      TypeError,
      /autograd.grad\(\): allowUnused must be a boolean/,
    ),
    c(
      "gradOutputs given twice",
      (f) => f(F.a.sum(), [F.a], torch.ones([]), { gradOutputs: torch.ones([]) } as never),
      TypeError,
      /autograd.grad\(\): got multiple values for argument 'gradOutputs'/,
    ),
  ],
);
fn(
  "autograd.gradcheck",
  torch.autograd.gradcheck,
  () => [
    (x: torch.Tensor) => tensorArg(x).mul(x),
    [x64()],
    { eps: 1e-6, atol: 1e-5, rtol: 1e-3, raiseException: true },
  ],
  [
    c("fn not a function", (f) => f(1 as never, [x64()]), TypeError, /gradcheck\(\): fn must be a function/),
    c(
      "inputs not tensors",
      (f) => f((x: torch.Tensor) => x, null as never),
      TypeError,
      /gradcheck\(\): inputs must be a Tensor or an array of Tensors/,
    ),
    c(
      "a wrong gradient",
      (f) =>
        f(
          (x: torch.Tensor) => {
            const y = x.mul(2);
            y.registerHook((g: torch.Tensor) => g.mul(3));
            return y;
          },
          [x64()],
        ),
      Error,
      /Jacobian mismatch for output 0 with respect to input 0/,
    ),
    c(
      "unknown option",
      (f) => f((x: torch.Tensor) => x, [x64()], { tol: 1 } as never),
      TypeError,
      /gradcheck\(\): unknown option "tol"/,
    ),
    c(
      "eps not a positive number",
      (f) => f((x: torch.Tensor) => x, [x64()], { eps: 0 }),
      RangeError,
      /gradcheck\(\): eps must be a positive number/,
    ),
  ],
  { keepArgs: { 0: "the function under test" } },
);
/** The functions under test; called without a tensor (empty inputs, say) they fail as user code would, with their own message. */
const tensorArg = (x: unknown): torch.Tensor => {
  if (!(x instanceof torch.Tensor)) throw new TypeError("the test's function was called without a tensor");
  return x;
};
const cube = (x: torch.Tensor) => tensorArg(x).pow(3).sum();
const vec = (x: torch.Tensor) => tensorArg(x).pow(3);
const functionalCases = (
  name: string,
  run: (f: Call, fnArg: unknown, inputs: unknown, more?: unknown) => unknown,
): Case[] => [
  c(
    "inputs not tensors",
    (f) => run(f, cube, [1, 2]),
    TypeError,
    /The inputs given to the function must be either a Tensor or an array of Tensors/,
  ),
  c("a disposed input", (f) => run(f, cube, J.disposed), Error, /was disposed/),
  name === "hessian"
    ? c(
        "fn returns a non-tensor",
        (f) => run(f, () => 5, x64()),
        Error,
        /The Tensor returned by the function given to hessian should contain a single element/,
      )
    : c(
        "fn returns a non-tensor",
        (f) => run(f, () => 5, x64()),
        TypeError,
        /The outputs of the user-provided function( \(\w+\))? given to the function must be either a Tensor or an array of Tensors/,
      ),
  c("fn not a function", (f) => run(f, 5, x64()), TypeError, new RegExp(`${name}\\(\\): func must be a function`)),
  c(
    "unknown option",
    (f) => run(f, cube, x64(), { strict: false, createGraph: false, vectorised: true }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "vectorised"`),
  ),
];
const AF = torch.autograd.functional;
fn(
  "autograd.functional.jacobian",
  AF.jacobian,
  () => [vec, x64(), { createGraph: false, strict: false, vectorize: false }],
  [
    ...functionalCases("jacobian", (f, g, i, o) => f(g, i, o)),
    c(
      "strict with an unused input",
      (f) => f((x: torch.Tensor, _y: torch.Tensor) => x.mul(2), [x64(), x64()], { strict: true }),
      Error,
      /The output of the user-provided function is independent of input 1. This is not allowed in strict mode./,
    ),
  ],
  { keepArgs: { 0: "the function" } },
);
fn(
  "autograd.functional.hessian",
  AF.hessian,
  () => [cube, x64(), { createGraph: false }],
  [
    ...functionalCases("hessian", (f, g, i, o) => f(g, i, o)),
    c(
      "fn with a non-scalar output",
      (f) => f(vec, x64()),
      Error,
      /The Tensor returned by the function given to hessian should contain a single element/,
    ),
  ],
  { keepArgs: { 0: "the function" } },
);
for (const name of ["vjp", "jvp", "hvp", "vhp"] as const) {
  const f = name === "vjp" || name === "jvp" ? vec : cube;
  fn(
    `autograd.functional.${name}`,
    AF[name],
    () => [f, x64(), torch.ones(3, { dtype: "float64" }), { createGraph: false, strict: false }],
    [
      ...functionalCases(name, (h, g, i, o) => h(g, i, torch.ones(3, { dtype: "float64" }), o)),
      c(
        "v of the wrong shape",
        (h) => h(f, x64(), torch.ones(2, { dtype: "float64" })),
        RangeError,
        /(Mismatch in shape|v has invalid size|must match)/,
      ),
    ],
    { keepArgs: { 0: "the function" } },
  );
}

// ---- autograd.toDot, toSvg (graphviz.ts) ------------------------------------------------------

const pictured = (): [torch.Tensor, torch.Tensor] => {
  const x = keepAside(x64());
  return [keepAside(x.mul(x)).sum(), x];
};
const dotCases = (name: string, extra: Record<string, unknown>): Case[] => [
  c(
    "output not a tensor",
    (f) => f(5, extra),
    TypeError,
    new RegExp(`${name}\\(\\): output must be a Tensor or an array of Tensors`),
  ),
  c(
    "unknown option",
    (f) => f(F.a.sum(), { ...extra, show_saved: true }),
    TypeError,
    new RegExp(`${name}\\(\\): unknown option "show_saved"`),
  ),
  c(
    "options not an object",
    (f) => f(F.a.sum(), true),
    TypeError,
    new RegExp(`${name}\\(\\): options must be an object`),
  ),
  c(
    "showSaved not a boolean",
    (f) => f(F.a.sum(), { ...extra, showSaved: 1 }),
    TypeError,
    new RegExp(`${name}\\(\\): showSaved must be a boolean`),
  ),
  c(
    "params a number",
    (f) => f(F.a.sum(), { ...extra, params: 3 }),
    TypeError,
    new RegExp(`${name}\\(\\): params must be an object of named tensors or \\[name, tensor\\] pairs`),
  ),
  c(
    "a param not a tensor",
    (f) => f(F.a.sum(), { ...extra, params: { w: 1 } }),
    TypeError,
    new RegExp(`${name}\\(\\): params\\["w"\\] must be a Tensor`),
  ),
  c(
    "a params pair without a name",
    (f) => f(F.a.sum(), { ...extra, params: [[F.a, "a"]] }),
    TypeError,
    new RegExp(`${name}\\(\\): params must hold \\[name, tensor\\] pairs`),
  ),
  c(
    "maxAttrChars not an integer",
    (f) => f(F.a.sum(), { ...extra, maxAttrChars: 2.5 }),
    RangeError,
    new RegExp(`${name}\\(\\): maxAttrChars must be an integer`),
  ),
];
fn(
  "autograd.toDot",
  torch.autograd.toDot,
  () => {
    const [out, x] = pictured();
    return [out, { params: { x }, showAttrs: true, showSaved: true, maxAttrChars: 50 }];
  },
  dotCases("autograd.toDot", {}),
  { metadata: true },
);
const fakeViz = () => ({ renderString: (dot: string) => `<svg>${dot.length}</svg>` });
fn(
  "autograd.toSvg",
  torch.autograd.toSvg,
  () => {
    const [out, x] = pictured();
    return [out, { viz: fakeViz(), params: { x }, showSaved: true }];
  },
  [
    ...dotCases("autograd.toSvg", { viz: fakeViz() }),
    c("no renderer", (f) => f(F.a.sum(), {}), TypeError, /autograd.toSvg\(\): options.viz must be a Graphviz renderer/),
    c(
      "a renderer that returns no text",
      (f) => f(F.a.sum(), { viz: { renderString: () => 1 } }),
      TypeError,
      /autograd.toSvg\(\): options.viz.renderString returned number, not SVG text/,
    ),
  ],
  { metadata: true },
);

// ---- Node --------------------------------------------------------------------------------------

fn("new Node", () => new (torch.Node as unknown as new () => unknown)(), null, [], {
  none: "the base of grad_fn objects, made by ops; constructing one directly makes an inert node",
});
prop("Node", "nextFunctions", [], { none: "a getter" });
none(["Node.toString"], "no arguments");
none(["Node.retain", "Node.release"], "internal reference counting, called by the engine (no arguments)");
