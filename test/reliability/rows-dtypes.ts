// Rows: dtype questions (resultType, iinfo, finfo), the Tensor cast methods
// (.to, .half, .type, ...) and Module.to / .float / .double / .half / .bfloat16.

import * as torch from "../../src/index.js";
import { F, J } from "./harness.js";
import { c, fn, method, type Case } from "./table.js";
import { methodRow, mlp } from "./cases.js";

const nn = torch.nn;
const badDType = /must be one of "float32", "float64", .*but got "float17"/;

fn("torch.resultType", torch.resultType as never, () => [F.b, 2.5], [
  c("two numbers", (f) => f(1, 2), TypeError, /at least one of 'tensor' and 'other' must be a Tensor/),
  c("tensor an array", (f) => f([1], F.b), TypeError, /result_type\(\): argument 'tensor' must be a Tensor/),
  c("tensor disposed", (f) => f(J.disposed, 1), Error, /was disposed/),
]);
fn(
  "torch.iinfo",
  torch.iinfo as never,
  () => ["int16"],
  [
    c("a float dtype", (f) => f("float32"), TypeError, /torch.iinfo\(\) requires an integer input type/),
    c("bool", (f) => f("bool"), TypeError, /torch.bool is not supported by torch.iinfo/),
    c("not a dtype", (f) => f("float17"), TypeError, badDType),
  ],
  { noSweep: "takes one dtype name; its cases try the bad ones" },
);
fn(
  "torch.finfo",
  torch.finfo as never,
  () => ["float16"],
  [
    c("an integer dtype", (f) => f("int32"), TypeError, /torch.finfo\(\) requires a floating point input type/),
    c("not a dtype", (f) => f("float17"), TypeError, badDType),
  ],
  { noSweep: "takes one dtype name; its cases try the bad ones" },
);

method("to", () => [F.b, "float16"], [
  c("another device", (f) => f(F.b, "cuda"), Error, /torchlet has one device, "cpu": cannot move a tensor to "cuda"/),
  c("a bad dtype after the device", (f) => f(F.b, "cpu", "float17"), TypeError, badDType),
  c(
    "an unknown option",
    (f) => f(F.b, { dtype: "float16", layout: 1 }),
    TypeError,
    /unexpected keyword argument 'layout'/,
  ),
  c("disposed other", (f) => f(F.b, J.disposed), Error, /was disposed/),
]);
const disposedSelf = (): Case[] => [c("self disposed", (f) => f(J.disposed), Error, /was disposed/)];
for (const name of ["float", "double", "half", "bfloat16", "short", "char", "byte", "bool"])
  method(name, () => [F.b], disposedSelf());
method("type", () => [F.b, "torch.HalfTensor"], [
  c("not a dtype", (f) => f(F.b, "torch.FooTensor"), TypeError, /must be one of/),
  c("self disposed", (f) => f(J.disposed), Error, /was disposed/),
]);
method("typeAs", () => [F.b, F.d], [
  c("other not a tensor", (f) => f(F.b, "float16"), TypeError, /type_as\(\): argument 'other' must be a Tensor/),
]);

const m = methodRow<InstanceType<typeof nn.Module>>;
m(
  "nn.Module.to",
  (mod, a, b) => mod.to(a as never, b as never),
  () => [mlp(), "float64"],
  [
    c(
      "another device",
      (f) => f(mlp(), "cuda"),
      Error,
      /torchlet has one device, "cpu": cannot move a module to "cuda"/,
    ),
    c("a bad dtype after the device", (f) => f(mlp(), "cpu", "float17"), TypeError, badDType),
    c("an unknown option", (f) => f(mlp(), { layout: 1 }), TypeError, /layout/),
  ],
);
for (const name of ["float", "double", "half", "bfloat16"])
  fn(`nn.Module.${name}`, ((mod: Record<string, () => unknown>) => mod[name]!()) as never, () => [mlp()], [], {
    receiver: true,
    none: "takes no arguments",
  });
