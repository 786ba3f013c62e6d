// src/ bundled into one ESM file (with the wasm runtime's internals
// exported) for a child process that loads torchlet on its own: tests that
// need a fresh process, flags such as --expose-gc, or a heap of its own.

import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Writes the bundle to `outfile`; `sourcefile` names its entry in messages. */
export async function bundleSrc(outfile: string, sourcefile: string): Promise<void> {
  await build({
    stdin: {
      contents: 'export * from "./src/index.ts";\nexport { runtime } from "./src/wasm/abi.ts";\n',
      resolveDir: root,
      sourcefile,
      loader: "ts",
    },
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "warning",
  });
}
