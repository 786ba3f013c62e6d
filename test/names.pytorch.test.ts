// docs/pytorch-names.md: PyTorch's public names (docs/pytorch-names.json,
// written by scripts/gen-pytorch-names.py from Debian's PyTorch) and whether
// torchlet has each. Rendered here from torchlet's own exports, so the test
// fails when they change and the page was not regenerated (`npm run names`).

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import * as torch from "../src/index.js";

const docs = (f: string): string => fileURLToPath(new URL(`../docs/${f}`, import.meta.url));

interface Names {
  pytorch: string;
  coreAten: string;
  namespaces: Record<string, string[]>;
}

/** PyTorch's name in JavaScript's spelling: snake_case to camelCase, a trailing `_` (in place) kept. */
const camel = (name: string): string =>
  name.replace(/(?<=[A-Za-z0-9])_([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());

type Bag = Record<string, unknown> | undefined;

/** Where each PyTorch namespace lives in torchlet, and how it is spelled there. */
function places(): Record<string, { prefix: string; bag: Bag }> {
  const t = torch as unknown as Record<string, unknown>;
  const optim = torch.optim as unknown as Record<string, unknown>;
  const utils = t.utils as Record<string, unknown> | undefined;
  return {
    torch: { prefix: "torch.", bag: t },
    Tensor: { prefix: "x.", bag: torch.zeros(1) as unknown as Record<string, unknown> },
    nn: { prefix: "torch.nn.", bag: torch.nn as unknown as Record<string, unknown> },
    "nn.functional": { prefix: "torch.nn.functional.", bag: torch.nn.functional as unknown as Record<string, unknown> },
    optim: { prefix: "torch.optim.", bag: optim },
    "optim.lr_scheduler": { prefix: "torch.optim.lrScheduler.", bag: optim.lrScheduler as Bag },
    "utils.data": { prefix: "torch.utils.data.", bag: utils?.data as Bag },
  };
}

const has = (bag: Bag, name: string): boolean => bag !== undefined && name in bag && !(name in Object.prototype);

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;

function render(names: Names): string {
  const where = places();
  const summary: string[] = [];
  const sections: string[] = [];
  let total = 0,
    found = 0;
  for (const [ns, list] of Object.entries(names.namespaces)) {
    const place = where[ns];
    if (!place) throw new Error(`pytorch-names.json has namespace ${ns}, which the test does not place in torchlet`);
    const pyPrefix = ns === "Tensor" ? "Tensor." : `torch.${ns}.`.replace("torch.torch.", "torch.");
    const rows = list.map((n) => {
      const js = camel(n);
      const ok = has(place.bag, js);
      return { n, js, ok };
    });
    const yes = rows.filter((r) => r.ok).length;
    total += list.length;
    found += yes;
    summary.push(`| \`${pyPrefix.slice(0, -1)}\` | ${list.length} | ${yes} | ${pct(yes, list.length)} |`);
    sections.push(
      `## ${pyPrefix.slice(0, -1)}\n\n${yes} of ${list.length} (${pct(yes, list.length)}).\n\n| PyTorch | torchlet |\n| --- | --- |\n` +
        rows.map((r) => `| \`${pyPrefix}${r.n}\` | ${r.ok ? `\`${place.prefix}${r.js}\`` : "-"} |`).join("\n") +
        "\n",
    );
  }
  return `# PyTorch's names in torchlet

Generated; do not edit. \`npm run names\` regenerates it:
scripts/gen-pytorch-names.py lists PyTorch ${names.pytorch}'s public names
(Debian's build) in docs/pytorch-names.json, and test/names.pytorch.test.ts
renders this page from that list and torchlet's exports (the test fails when
the page is stale; \`UPDATE_NAMES=1 npx vitest run test/names.pytorch.test.ts\`
rewrites the page alone, without Python). Look a name up here before
porting a program.

A name is present when torchlet has PyTorch's name in camelCase
(\`log_softmax\` -> \`logSoftmax\`, \`requires_grad_\` -> \`requiresGrad_\`) in
the same place: \`torch.f\`, a tensor's \`x.f\`, \`torch.nn.X\`,
\`torch.nn.functional.f\`, \`torch.optim.X\`, \`torch.optim.lrScheduler.X\`,
\`torch.utils.data.X\`. Which of PyTorch's names count as public is written in
scripts/gen-pytorch-names.py (for \`torch\`: functions and the classes a user
constructs; not dtypes, constants or submodules).

| namespace | PyTorch | torchlet | coverage |
| --- | ---: | ---: | ---: |
${summary.join("\n")}
| all | ${total} | ${found} | ${pct(found, total)} |

Core ATen op set: ${names.coreAten}.

${sections.join("\n")}`;
}

test("docs/pytorch-names.md is what torchlet's exports make of docs/pytorch-names.json", () => {
  const names = JSON.parse(readFileSync(docs("pytorch-names.json"), "utf8")) as Names;
  const page = render(names);
  if (process.env.UPDATE_NAMES === "1") writeFileSync(docs("pytorch-names.md"), page);
  const committed = readFileSync(docs("pytorch-names.md"), "utf8");
  expect(
    committed === page,
    "docs/pytorch-names.md is stale: run `UPDATE_NAMES=1 npx vitest run test/names.pytorch.test.ts` and commit the page",
  ).toBe(true);
});

test("the camelCase rule of the API contract", () => {
  expect(
    [
      "requires_grad",
      "grad_fn",
      "is_leaf",
      "binary_cross_entropy_with_logits",
      "zero_",
      "requires_grad_",
      "max_pool2d",
      "T",
    ].map(camel),
  ).toEqual([
    "requiresGrad",
    "gradFn",
    "isLeaf",
    "binaryCrossEntropyWithLogits",
    "zero_",
    "requiresGrad_",
    "maxPool2d",
    "T",
  ]);
});
