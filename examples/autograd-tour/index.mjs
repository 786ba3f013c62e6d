// npm run demo: the PyTorch autograd tour, cell by cell, in torchlet.
// Each cell shows its JavaScript and prints what PyTorch prints for the same
// Python cell (checked by test/tour.test.ts against real PyTorch's output).

import * as torch from "../../dist/index.js";
import { runCells } from "./cells.mjs";

await torch.init();
const { simd } = torch.backendInfo();
console.log(`torchlet autograd tour (WebAssembly, ${simd} SIMD): the cells of five PyTorch autograd notebooks\n`);
runCells(torch).forEach((cell, i) => {
  const code = cell.source
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
  console.log(`In [${i + 1}]:  // ${cell.name}\n${code}\n`);
  if (cell.output) console.log(cell.output);
});
