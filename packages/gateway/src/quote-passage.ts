import { tokenize } from './tokenize.js';

/** Sentences, list items and table rows of a passage: the units an extractive answer quotes. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => (/^\s*[-*]\s/.test(line) ? [line.replace(/^\s*[-*]\s+/, '')] : line.split(/(?<=[.!?。！？；])(?<!\b(?:Co|Ltd|Inc|No|no|vs|e\.g|i\.e)\.)\s*(?=\S)/u)))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * The `max` sentences that share the most terms with the query, in their original order. The
 * demo model answers by quoting, so what it says is always what the document says.
 */
export function quotePassage(text: string, query: string, max: number): string {
  const queryTerms = new Set(tokenize(query));
  const sentences = splitSentences(text);
  const scored = sentences.map((sentence, index) => {
    const terms = new Set(tokenize(sentence));
    let score = 0;
    for (const term of terms) if (queryTerms.has(term)) score += term.length > 1 ? 2 : 1;
    return { sentence, index, score };
  });
  const best = scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index);
  const chosen = best.length > 0 ? best : scored.slice(0, 1);
  return chosen.map((entry) => entry.sentence).join(/\p{Script=Han}/u.test(chosen[0]?.sentence ?? '') ? '' : ' ');
}
