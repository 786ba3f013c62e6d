// The bytes of a file the examples load (data/*.bin, data/*.txt) in any
// runtime: a file: URL is read with Node's fs (Node >= 20.16, Deno and Bun
// have process.getBuiltinModule), any other URL is fetched (a page or a
// worker).

/**
 * @param {URL | string} url resolved against the page's location where there is one
 * @returns {Promise<Uint8Array>}
 */
export async function readUrl(url) {
  const u = new URL(url, globalThis.location?.href);
  if (u.protocol === "file:") {
    const fs = globalThis.process?.getBuiltinModule?.("node:fs");
    if (!fs) throw new Error(`cannot read ${u.href}: no file system here (serve it and pass an http: URL)`);
    return new Uint8Array(fs.readFileSync(u));
  }
  const res = await fetch(u);
  if (!res.ok) throw new Error(`fetching ${u.href} failed with HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
