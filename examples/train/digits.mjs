// The UCI handwritten digits as data/digits.bin holds them (made by
// scripts/convert-digits.py; licence and citation in data/NOTICE.md):
// 1,797 images of 8x8 intensities 0..16 with labels 0..9, a fixed split of
// 1,437 training and 360 test images. No torchlet here: plain bytes, the same
// in Node and in a browser.

export const MAGIC = "TLDIGIT1";
const HEADER = 16;

/**
 * @typedef {{ n: number, pixels: Uint8Array, labels: Uint8Array }} Split
 *   n images: pixels holds n * 64 bytes (image by image, row-major, 0..16), labels n bytes (0..9).
 * @typedef {{ rows: number, cols: number, train: Split, test: Split }} Digits
 */

/**
 * Reads data/digits.bin's bytes (layout in scripts/convert-digits.py):
 * "TLDIGIT1", u32 n, u8 rows, u8 cols, u16 nTest, then n * rows * cols
 * pixels, then n labels; the last nTest images are the test split.
 * @param {Uint8Array} bytes
 * @returns {Digits}
 */
export function parseDigits(bytes) {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < HEADER || magic !== MAGIC)
    throw new Error(`not a digits file: expected the magic "${MAGIC}", got "${magic}"`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(8, true),
    rows = dv.getUint8(12),
    cols = dv.getUint8(13),
    nTest = dv.getUint16(14, true);
  const size = rows * cols;
  if (bytes.length !== HEADER + n * (size + 1) || nTest > n) {
    throw new Error(
      `digits file: ${bytes.length} bytes, but the header says ${n} images of ${rows}x${cols} (${HEADER + n * (size + 1)} bytes), ${nTest} for test`,
    );
  }
  const pixels = bytes.subarray(HEADER, HEADER + n * size),
    labels = bytes.subarray(HEADER + n * size);
  const nTrain = n - nTest;
  return {
    rows,
    cols,
    train: { n: nTrain, pixels: pixels.subarray(0, nTrain * size), labels: labels.subarray(0, nTrain) },
    test: { n: nTest, pixels: pixels.subarray(nTrain * size), labels: labels.subarray(nTrain) },
  };
}

/** Where the repository keeps the file, relative to this module. */
export const DIGITS_URL = new URL("../../data/digits.bin", import.meta.url);

/**
 * Loads and parses the file: a file: URL is read with Node's fs (Node >= 20.16,
 * Deno and Bun have process.getBuiltinModule), any other URL is fetched (a
 * page or a worker).
 * @param {URL | string} [url]
 * @returns {Promise<Digits>}
 */
export async function loadDigits(url = DIGITS_URL) {
  const u = new URL(url, globalThis.location?.href);
  if (u.protocol === "file:") {
    const fs = globalThis.process?.getBuiltinModule?.("node:fs");
    if (!fs) throw new Error(`cannot read ${u.href}: no file system here (serve it and pass an http: URL)`);
    return parseDigits(new Uint8Array(fs.readFileSync(u)));
  }
  const res = await fetch(u);
  if (!res.ok) throw new Error(`fetching ${u.href} failed with HTTP ${res.status}`);
  return parseDigits(new Uint8Array(await res.arrayBuffer()));
}
