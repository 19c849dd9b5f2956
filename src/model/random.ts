// Seeded randomness shared by resampling, fixture generators and benchmarks: the same seed gives
// the same draws on every machine, so outputs built twice from the same inputs are byte-identical.

/** mulberry32: a small, fast 32-bit PRNG. Returns a function yielding uniforms in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
