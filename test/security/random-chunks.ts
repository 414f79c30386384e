/** Deterministic random numbers (mulberry32), so a failing split can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `text` into pieces of 1..`max` characters (UTF-16 units: splits may fall inside a pair). */
export function randomChunks(text: string, random: () => number, max = 8): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; ) {
    const size = 1 + Math.floor(random() * max);
    chunks.push(text.slice(index, index + size));
    index += size;
  }
  return chunks;
}
