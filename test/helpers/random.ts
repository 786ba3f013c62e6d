// Small shared helpers of the kernel and property tests: a seeded generator
// (so a failing case's values follow from its seed) and row-major shapes.

/** mulberry32: a tiny seeded generator of floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Number of elements of a shape. */
export const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Contiguous (row-major) strides of a shape. */
export const rowMajor = (s: readonly number[]): number[] => s.map((_, d) => numel(s.slice(d + 1)));

/** Each multi-index of `shape` in row-major order. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  if (numel(shape) === 0) return;
  const i = new Array<number>(shape.length).fill(0);
  for (;;) {
    yield i.slice();
    let d = shape.length - 1;
    while (d >= 0 && ++i[d]! === shape[d]!) i[d--] = 0;
    if (d < 0) return;
  }
}
