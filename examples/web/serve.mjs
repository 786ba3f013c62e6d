// npm run web: builds the demo and serves it on http://127.0.0.1:8080/ (the
// training page) and http://127.0.0.1:8080/tour.html (the autograd tour)
// (--port N to change; --port 0 picks a free one). Ctrl-C stops it.

import { parseArgs } from "node:util";
import { startDemoServer } from "./server.mjs";

const { values } = parseArgs({ options: { port: { type: "string", default: "8080" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected 0..65535, got "${values.port}"`);
  process.exit(2);
}
try {
  const { url } = await startDemoServer({ port });
  console.log(`torchlet web demo: ${url}  (train a digit classifier in the browser; Ctrl-C to stop)`);
  console.log(`the autograd tour:  ${url}tour.html  (run and edit its cells, see each graph)`);
  console.log(`a character-level GPT: ${url}gpt.html  (train it in the browser, read its samples)`);
} catch (e) {
  console.error(e.code === "EADDRINUSE" ? `port ${port} is in use: try npm run web -- --port 0` : e.message);
  process.exit(1);
}
