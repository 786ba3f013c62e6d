// The autograd tour as a notebook: each cell's source as text, run (edited
// or not) against one shared set of variables, the way a Jupyter kernel runs
// the Python cells. The web page (examples/web/tour.mjs) shows it cell by
// cell; test/tour.test.ts checks it prints what PyTorch prints.
//
// A cell is plain JavaScript. Its free variables (x, w, loss, ...) live in
// the notebook's scope object, reached through a sloppy-mode `with`: that is
// what lets an assignment such as `x = torch.ones(5)` in one cell be seen by
// the next, as Python globals are. Names the page does not define (Math,
// console, ...) fall through to the global object.

import { cells, sourceOf, pyPrint, expReducer } from "./cells.mjs";

/**
 * A notebook over `torch` (initialised). `cells` holds each cell's name and
 * source (the tour's, or `options.cells`: a minified bundle must be given
 * the text, as its own copy of the cells has renamed variables);
 * `run(source)` runs one and returns what it printed, the error it
 * threw (or null), and the DOT picture of the tensors it assigned that have
 * a graph (null if none), drawn with every notebook variable's name
 * (`showSaved`, `showAttrs`: as toDot's).
 */
export function createNotebook(torch, { showSaved = true, showAttrs = false, cells: given = null } = {}) {
  const vars = Object.create(null);
  const fixed = { torch, jacobian: torch.autograd.functional.jacobian, expReducer, print: null };
  const scope = new Proxy(vars, {
    has: (target, key) => typeof key === "string" && (key in target || key in fixed || !(key in globalThis)),
    get: (target, key) => {
      if (key === Symbol.unscopables) return undefined;
      if (key in fixed) return fixed[key];
      if (!(key in target)) throw new ReferenceError(`${String(key)} is not defined`);
      return target[key];
    },
    set: (target, key, value) => {
      if (key in fixed) throw new TypeError(`${String(key)} is the notebook's own; pick another name`);
      target[key] = value;
      return true;
    },
  });

  function run(source) {
    const lines = [];
    fixed.print = (...values) => lines.push(pyPrint(...values) + "\n");
    const before = new Map(Object.entries(vars));
    let error = null;
    try {
      // Sloppy mode on purpose: `with` puts the notebook's variables in scope.
      new Function("scope", `with (scope) {\n${source}\n}`)(scope);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const tensors = Object.entries(vars).filter(([, v]) => v instanceof torch.Tensor);
    const assigned = tensors.filter(([k, v]) => before.get(k) !== v && v.gradFn !== null).map(([, v]) => v);
    const dot =
      assigned.length === 0 ? null : torch.autograd.toDot(assigned, { params: tensors, showSaved, showAttrs });
    return { output: lines.join(""), error, dot };
  }

  return { cells: given ?? cells.map((c) => ({ name: c.name, source: sourceOf(c) })), run, vars };
}
