// nn ops on bfloat16 tensors, as PyTorch's CPU kernels compute them: in
// float32 (bfloat16's "opmath" type), each result rounded to bfloat16 once.
// float16 gets PyTorch's refusal: its CPU build has none of these kernels.
//
// The op runs again on float32 copies of its bfloat16 arguments (top level,
// or one level down in an options object), made with `.to()`, so a graph
// that requires grad goes through ToCopyBackward0 nodes around the float32
// op (PyTorch records the op itself on bfloat16). Copies the op wrote in
// place (batch norm's running statistics) are written back.

import { Tensor } from "../../tensor.js";
import { isFloating } from "../../dtype.js";
import { noGrad } from "../../autograd/gradMode.js";
import { scoped } from "../../memory.js";
import { isPlainObject } from "../../args.js";

type Copied = { from: Tensor; to: Tensor; version: number };

/** The floating tensors among `args` (top level, or values of a plain options object). */
function floatingTensors(args: readonly unknown[]): Tensor[] {
  const out: Tensor[] = [];
  const visit = (v: unknown): void => {
    if (v instanceof Tensor) {
      if (isFloating(v.dtype)) out.push(v);
    } else if (isPlainObject(v))
      for (const x of Object.values(v)) if (x instanceof Tensor && isFloating(x.dtype)) out.push(x);
  };
  for (const a of args) visit(a);
  return out;
}

function widen(v: unknown, copied: Copied[]): unknown {
  if (v instanceof Tensor && v.dtype === "bfloat16") {
    const to = v.to("float32");
    copied.push({ from: v, to, version: to._version });
    return to;
  }
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, widen(x, copied)]));
  return v;
}

function narrow<R>(r: R): R {
  if (r instanceof Tensor) return (r.dtype === "float32" ? r.to("bfloat16") : r) as R;
  if (Array.isArray(r)) return r.map((x) => narrow(x as unknown)) as R;
  return r;
}

/**
 * When `args[0]` is a bfloat16 tensor and every floating tensor argument is
 * bfloat16 too: `again` run on float32 copies, its float32 results rounded to
 * bfloat16. When it is float16: PyTorch's `"<kernel>" not implemented for
 * 'Half'`. Otherwise undefined: the op goes on as usual (and mixed dtypes
 * meet its own checks).
 */
export function inFloat32<R>(
  halfKernel: string,
  args: readonly unknown[],
  again: (...args: unknown[]) => R,
): R | undefined {
  const first = args[0];
  if (!(first instanceof Tensor)) return undefined;
  if (first.dtype === "float16") throw new TypeError(`"${halfKernel}" not implemented for 'Half'`);
  if (first.dtype !== "bfloat16") return undefined;
  if (floatingTensors(args).some((t) => t.dtype !== "bfloat16")) return undefined;
  const copied: Copied[] = [];
  return scoped(() => {
    const wide = args.map((a) => widen(a, copied));
    const r = narrow(again(...wide));
    noGrad(() => {
      for (const c of copied) if (c.to._version !== c.version) c.from.copy_(c.to);
    });
    return r as never;
  });
}
