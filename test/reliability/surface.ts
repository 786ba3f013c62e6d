// The public surface, enumerated from what src/index.ts exports: every
// function (`torch.add`, `nn.functional.crossEntropy`), every class's
// constructor (`new nn.Linear`) and the public members of its prototype
// (`Tensor.add`, `nn.Module.loadStateDict`, `optim.Optimizer.step`). The
// bad-input table must have a row for each, so a new export without one
// fails the test.

import * as torch from "../../src/index.js";

const isClass = (f: unknown): boolean =>
  typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));
const isNamespace = (v: unknown): boolean =>
  v !== null && typeof v === "object" && Object.prototype.toString.call(v) === "[object Module]";

/** Public member names of a class's own prototype: no `_` prefix, no constructor, no symbols. */
function members(cls: { prototype: object }): string[] {
  return Object.getOwnPropertyNames(cls.prototype).filter((k) => k !== "constructor" && !k.startsWith("_"));
}

/** Every public name, as the table keys them. */
export function publicSurface(): string[] {
  const out: string[] = [];
  const visit = (ns: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(ns).sort()) {
      const v = ns[key];
      const name = prefix === "" && !isClass(v) ? `torch.${key}` : `${prefix}${key}`;
      if (isNamespace(v)) visit(v as Record<string, unknown>, `${prefix}${key}.`);
      else if (isClass(v)) {
        out.push(`new ${prefix}${key}`);
        for (const m of members(v as { prototype: object })) out.push(`${prefix}${key}.${m}`);
      } else if (typeof v === "function") out.push(name);
      // Other values (torch.defaultGenerator, an instance) are covered by their class's rows.
    }
  };
  visit(torch as unknown as Record<string, unknown>, "");
  return out;
}
