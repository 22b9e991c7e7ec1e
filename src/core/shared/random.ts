/**
 * Seeded randomness for the core, its tests and benchmarks: the core never calls Math.random, so
 * every tie order, generated case and benchmark input can be rebuilt from its seed.
 */

/** mulberry32: a small 32-bit PRNG, identical on every JavaScript engine; returns values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so string seeds (e.g. a stored run id) and numeric ones both map to 32 bits. */
export function hashSeed(seed: number | string): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
