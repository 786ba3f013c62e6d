// Fails when a runtime import cycle exists among the modules of src/.
// Type-only imports (`import type ...`, or `import { type A, type B }`) are
// erased by the compiler, so they cannot form a cycle at load time and are
// skipped. Usage: node scripts/check-cycles.mjs [dir]

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "src"));

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

// import ... from "x"; export ... from "x"; import "x"; (multi-line clauses allowed)
const IMPORT =
  /(?:^|[;\n])\s*(import|export)\s+([^;'"]*?)\s*from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']/g;

/** Whether an import/export clause brings in nothing at run time. */
function typeOnly(clause) {
  if (/^type\b/.test(clause)) return true;
  const named = /^\{([^}]*)\}$/.exec(clause.trim());
  if (named === null) return false;
  const names = named[1]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}

function stripComments(text) {
  // Line comments first: one may hold a "/*" (a glob such as rules/*.ts).
  return text.replace(/(^|[^:"'`])\/\/.*$/gm, "$1").replace(/\/\*[\s\S]*?\*\//g, "");
}

function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return null;
  const base = resolve(dirname(from), spec);
  for (const c of [base.replace(/\.js$/, ".ts"), base + ".ts", join(base, "index.ts")]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {}
  }
  return null;
}

const graph = new Map();
for (const file of sources(root)) {
  const deps = new Set();
  const text = stripComments(readFileSync(file, "utf8"));
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    if (m[2] !== undefined && typeOnly(m[2])) continue;
    const target = resolveImport(file, spec);
    if (target !== null) deps.add(target);
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components: every component of two or more
// modules (or one importing itself) is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const components = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(comp);
  }
}
for (const v of graph.keys()) if (!idx.has(v)) connect(v);

/** One concrete cycle through `start` inside `comp`, for the message. */
function cycleThrough(start, comp) {
  const inComp = new Set(comp);
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [];
        for (let u = v; u !== null; u = prev.get(u)) path.unshift(u);
        return [...path, start];
      }
      if (inComp.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const rel = (p) => relative(process.cwd(), p);
if (components.length === 0) {
  console.log(`check-cycles: no runtime import cycle among ${graph.size} modules of ${rel(root)}`);
} else {
  for (const comp of components) {
    comp.sort();
    console.error(`import cycle among ${comp.length} modules:\n  ${comp.map(rel).join("\n  ")}`);
    console.error(`  e.g. ${cycleThrough(comp[0], comp).map(rel).join(" -> ")}\n`);
  }
  console.error(`check-cycles: ${components.length} runtime import cycle(s)`);
  process.exitCode = 1;
}
