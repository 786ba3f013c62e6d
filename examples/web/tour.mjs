// The autograd tour page (tour.html): the cells of examples/autograd-tour as
// an editable notebook (../autograd-tour/notebook.mjs) on the page's own
// thread (each cell takes milliseconds), with the graph each cell recorded
// drawn by Graphviz (@viz-js/viz, wasm) from torch.autograd.toDot.
// window.tour exposes the state for test/web/tour.test.ts.

import * as torch from "../../dist/index.js";
import { instance } from "@viz-js/viz";
import { createNotebook } from "../autograd-tour/notebook.mjs";

const $ = (id) => document.getElementById(id);
const tour = (window.tour = { state: "loading", runs: 0, error: null, results: [] });

function setState(state) {
  tour.state = state;
  document.body.dataset.state = state;
  $("run-all").disabled = state !== "ready";
}
const status = (text) => ($("status").textContent = text);

let viz, book;
const views = [];

/** One cell's card: prompt, editable source, output, graph. */
function cellView(cell, i) {
  const root = document.createElement("section");
  root.className = "cell";
  root.dataset.name = cell.name;
  root.innerHTML = `
    <div class="card code">
      <div class="card-head"><span class="prompt">In [<span class="count"> </span>]:<b></b></span>
        <button class="run">Run</button></div>
      <textarea spellcheck="false" autocapitalize="off" autocomplete="off"></textarea>
      <pre class="out"></pre>
    </div>
    <div class="card graph"></div>`;
  root.querySelector(".prompt b").textContent = cell.name;
  const text = root.querySelector("textarea");
  text.value = cell.source;
  text.wrap = "off";
  const fit = () => (text.rows = Math.max(2, text.value.split("\n").length));
  text.addEventListener("input", fit);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.shiftKey) {
      e.preventDefault();
      runCell(i);
    }
  });
  root.querySelector(".run").addEventListener("click", () => runCell(i));
  $("cells").append(root);
  fit();
  return {
    root,
    text,
    out: root.querySelector(".out"),
    graph: root.querySelector(".graph"),
    count: root.querySelector(".count"),
  };
}

function runCell(i) {
  if (tour.state !== "ready") return;
  const v = views[i];
  const result = book.run(v.text.value);
  tour.runs++;
  v.count.textContent = String(tour.runs);
  v.out.textContent = result.output + (result.error ? result.error : "");
  v.out.classList.toggle("error", result.error !== null);
  v.graph.replaceChildren();
  if (result.dot === null) {
    const p = document.createElement("p");
    p.className = "none";
    p.textContent = "no graph: this cell assigned no tensor with a grad_fn";
    v.graph.append(p);
  } else {
    v.graph.append(viz.renderSVGElement(result.dot));
  }
  tour.results[i] = { name: v.root.dataset.name, ...result, run: tour.runs };
  return result;
}

function runAll() {
  for (let i = 0; i < views.length; i++) runCell(i);
  status(`Ran ${views.length} cells.`);
}

async function start() {
  try {
    let cells;
    [viz, cells] = await Promise.all([
      instance(),
      fetch(new URL("./tour-cells.json", import.meta.url)).then((r) => r.json()),
      torch.init(),
    ]);
    $("simd").textContent = `${torch.backendInfo().simd} SIMD`;
    const options = () => ({ showSaved: $("show-saved").checked, showAttrs: $("show-attrs").checked, cells });
    book = createNotebook(torch, options());
    book.cells.forEach((c, i) => views.push(cellView(c, i)));
    // The options only change how graphs are drawn: a fresh notebook runs the cells again.
    for (const id of ["show-saved", "show-attrs"]) {
      $(id).addEventListener("change", () => {
        book = createNotebook(torch, options());
        runAll();
      });
    }
    $("run-all").addEventListener("click", runAll);
    setState("ready");
    status(`Ready: ${views.length} cells. Run them in order, or Run all.`);
  } catch (e) {
    tour.error = e instanceof Error ? e.message : String(e);
    setState("error");
    status(`Error: ${tour.error}`);
  }
}

start();
