/** Deterministic random numbers (mulberry32), so a failing split can be replayed from its seed. */
export { seededRandom } from '../../packages/client/src/testing/replay.js';
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
