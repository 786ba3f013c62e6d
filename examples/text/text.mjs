// data/kjv.txt (four books of the King James Bible, public domain; made by
// scripts/make-text-data.py, see data/kjv.NOTICE.md) as character ids: the
// vocabulary is the text's distinct characters in sorted order, the first
// 90% of the text is for training and the rest for validation, as
// scripts/gpt-reference.py reads it. No torchlet here: plain strings, the
// same in Node and in a browser.

import { readUrl } from "../read-url.mjs";

/**
 * @typedef {{ vocab: string, encode: (s: string) => number[], decode: (ids: Iterable<number>) => string,
 *   train: Int32Array, val: Int32Array }} Text
 */

/**
 * The ids of `text` (a JS string, decoded from UTF-8) and its vocabulary.
 * Characters are sorted by code point, as Python's sorted(set(text)) sorts
 * them for text of the Basic Multilingual Plane.
 * @param {string} text
 * @returns {Text}
 */
export function parseText(text) {
  const chars = [...new Set(text)].sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
  const vocab = chars.join("");
  const stoi = new Map(chars.map((c, i) => [c, i]));
  const encode = (s) =>
    Array.from(s, (c) => {
      const id = stoi.get(c);
      if (id === undefined) throw new RangeError(`character ${JSON.stringify(c)} is not in the vocabulary`);
      return id;
    });
  const decode = (ids) => Array.from(ids, (i) => chars[i]).join("");
  const ids = Int32Array.from(encode(text));
  const n = Math.floor(0.9 * ids.length);
  return { vocab, encode, decode, train: ids.subarray(0, n), val: ids.subarray(n) };
}

/** Where the repository keeps the text, relative to this module. */
export const TEXT_URL = new URL("../../data/kjv.txt", import.meta.url);

/**
 * Loads and parses the text (examples/read-url.mjs: a file in Node, Deno
 * and Bun, fetched in a page or a worker).
 * @param {URL | string} [url]
 * @returns {Promise<Text>}
 */
export async function loadText(url = TEXT_URL) {
  return parseText(new TextDecoder("utf-8").decode(await readUrl(url)));
}
