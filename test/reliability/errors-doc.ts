// docs/errors.md, rendered from the bad-input table and the messages the
// cases actually produced (so the page cannot drift from the code).

import type { Row } from "./table.js";

export interface Observed {
  row: string;
  what: string;
  error: string;
  message: string;
}

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n\t?/g, " ⏎ ");
const code = (s: string): string => `\`\` ${cell(s)} \`\``;

const HEADER = `# Errors

Generated from the bad-input table (\`test/reliability/rows-*.ts\`) by
\`test/reliability/bad-input.test.ts\`, with the messages the calls really
throw; that test fails when this page and the code disagree
(\`TORCHLET_UPDATE_DOCS=1 npx vitest run test/reliability/bad-input.test.ts\`
rewrites it). Where PyTorch has words for an error, the message uses them.

## Error classes

| class | when | examples |
| --- | --- | --- |
| \`TypeError\` | an argument of the wrong kind: not a tensor, not a number, a dtype an op has no kernel for, an unknown option, an option of the wrong type | \`add(): argument 'other' must be a Tensor or a number, but got string\`, \`"abs_cpu" not implemented for 'Bool'\`, \`add(): unknown option "alpah" (expected alpha)\` |
| \`RangeError\` | the right kind, a wrong value: dims out of range, shapes that do not match or broadcast, negative sizes, more elements than torchlet allows, an allocation larger than wasm memory can be | \`Dimension out of range (expected to be in range of [-2, 1], but got 2)\`, \`shape '[4]' is invalid for input of size 6\`, \`torchlet: out of memory: could not allocate 17179869184 bytes (...)\` |
| \`Error\` | the state does not allow the call: a disposed tensor, a tensor of an earlier \`init()\`, autograd's state errors (a second backward, an in-place op on a leaf), memory that could not grow, a state dict that does not fit | \`this tensor (shape [2, 3], float32) was disposed and can no longer be used\`, \`Trying to backward through the graph a second time ...\` |

## What holds after any of these errors

- \`memory()\` (\`tensors\`, \`bytesInUse\`) is what it was before the call:
  whatever the failed call allocated is freed.
- Existing tensors, their \`.grad\`s and version counters, modules' parameters
  and optimizers' state are unchanged: nothing is half-written. Unlike
  PyTorch, \`module.loadStateDict\` and \`optimizer.loadStateDict\` check
  everything before copying anything, and \`optimizer.step\` checks every
  parameter and option before updating any.
- Grad mode (\`isGradEnabled()\`) is restored, and the next valid op works.

The same holds for the junk sweep in that test file: every argument, option
and list element of every row's valid call replaced, one at a time, by
\`undefined\`, \`null\`, \`NaN\`, \`±Infinity\`, negative and non-integer
numbers, \`2^40\`, strings, a bigint, a Symbol, \`{}\`, ragged arrays, a
function, a disposed tensor, a tensor of an earlier \`init()\`, and tensors of
other dtypes and shapes. Every call either works or throws one of the three
classes above with a message of torchlet's own.

Two messages apply to every op that takes a tensor, and the tables below
leave them out:

| bad input | class | message |
| --- | --- | --- |
| a disposed tensor | \`Error\` | \`\` this tensor (shape [2, 3], float32) was disposed and can no longer be used \`\` |
| a tensor made before a later \`init()\` with other options | \`Error\` | \`\` this tensor belongs to an earlier torchlet instance (init generation 1; the current one is 2) and can no longer be used \`\` |

Out of memory (an allocation past the wasm maximum or past
\`init({ maxMemory })\`) is a catchable \`Error\` (\`RangeError\` when the request
could never fit) naming the byte count; see docs/architecture.md, "Memory rules".

## By function
`;

/** The two messages every op that takes a tensor shares (said once, in the header). */
const SHARED = [
  /^this tensor \(shape \[[\d, ]*\], \w+\) was disposed and can no longer be used$/,
  /^this tensor belongs to an earlier torchlet instance \(init generation \d+; the current one is \d+\) and can no longer be used$/,
];
const isShared = (o: Observed): boolean => o.error === "Error" && SHARED.some((re) => re.test(o.message));

/**
 * The page: the class table, then one table per row that has cases other
 * than the shared messages (methods that share a function's cases point to it).
 */
export function renderErrorsDoc(observed: readonly Observed[], rows: ReadonlyMap<string, Row>): string {
  const byRow = new Map<string, Observed[]>();
  for (const o of observed) {
    const list = byRow.get(o.row) ?? [];
    list.push(o);
    byRow.set(o.row, list);
  }
  const parts: string[] = [HEADER];
  const names = [...rows.keys()].sort((a, b) => a.replace(/^new /, "").localeCompare(b.replace(/^new /, "")));
  const shared: string[] = [];
  const silent: string[] = [];
  const sharedOnly: string[] = [];
  for (const name of names) {
    const row = rows.get(name)!;
    const list = byRow.get(name)?.filter((o) => !isShared(o));
    if (row.sameAs !== undefined && list === undefined) {
      shared.push(`\`${name}\` (as \`${row.sameAs}\`)`);
      continue;
    }
    if (list === undefined) {
      silent.push(`\`${name}\`${row.none ? ` (${row.none})` : ""}`);
      continue;
    }
    if (list.length === 0) {
      sharedOnly.push(`\`${name}\``);
      continue;
    }
    parts.push(`\n### \`${name}\`\n\n| bad input | class | message |\n| --- | --- | --- |`);
    for (const o of list) parts.push(`| ${cell(o.what)} | \`${o.error}\` | ${code(o.message)} |`);
  }
  if (sharedOnly.length > 0) parts.push(`\n## Only the shared messages\n\n${sharedOnly.join(", ")}.`);
  parts.push(`\n## Methods with their function's errors\n\n${shared.join(", ")}.`);
  parts.push(
    `\n## Nothing to validate\n\nThese take no arguments, or accept any value (the sweep still runs them where they take arguments): ${silent.join(", ")}.\n`,
  );
  return parts.join("\n");
}
